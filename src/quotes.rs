//! Quotes: an opening quote the scanner set apart from its word by a stray space (`said, "
//! You must`). Whether a quote standing alone before a word belonged to it is learned per
//! mark, after a word or not, inside a quotation left open earlier on its line or not, by
//! `ocrmend train` ([`ChannelModel::quote_apart`]), and that learned share is the
//! confidence of closing the gap; beside damaged text the gap is only suggested closed
//! ([`learned_beside_damage`]).

use crate::channel::ChannelModel;
use crate::decide::{learned, learned_beside_damage, Thresholds};
use crate::edit::{Edit, EditKind, Span};
use crate::lexicon::Lexicon;
use crate::strays::leading_mark;
use crate::surroundings::beside_damage;
use crate::tokenize::Token;

/// True when `chunk` (a whitespace-delimited chunk) is a quote mark standing alone (`"`,
/// `'`, `“`, `‘`, or two of them): the chunks this stage and `ocrmend train` weigh.
pub fn lone_quote(chunk: &str) -> bool {
    (1..=2).contains(&chunk.chars().count()) && chunk.chars().all(is_quote)
}

/// True when the word of `chunk` opens with `quote` and no other mark (`"You` for `"`): where
/// training counts a quote read apart as having belonged to the word. (Closing the gap of
/// `" No,` where `“No,` was printed still leaves the word unlike the print.)
pub fn opens_with(chunk: &str, quote: &str) -> bool {
    leading_mark(chunk) == quote
}

/// True for the quote marks that open a quotation.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘')
}

/// Where a quote stands alone before a word: what training counts apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotePlace {
    /// The chunk before the quote ends in a letter or digit ([`after_word`]).
    pub after_word: bool,
    /// A quotation is open there ([`quotation_open`]): the quote more likely closes it.
    pub open: bool,
}

/// True when the double quote marks (`"`, `“`, `”`) in `before`, what its line holds before
/// a lone quote, are odd in number: a quotation opened earlier on the line is still open,
/// and a quote alone after it is more often its close (`to " take " them`) than the open of
/// the word after it. (Single quotes are apostrophes as often: not counted.)
pub fn quotation_open<'a>(before: impl IntoIterator<Item = &'a str>) -> bool {
    let marks = before
        .into_iter()
        .flat_map(str::chars)
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    marks % 2 == 1
}

/// True when `before` (the chunk before a lone quote, if any) ends in a letter or digit:
/// there a quote alone is as often the close of what went before as the open of what
/// follows, so training counts the two places apart.
pub fn after_word(before: Option<&str>) -> bool {
    before
        .and_then(|b| b.chars().last())
        .is_some_and(char::is_alphanumeric)
}

/// The gaps between a lone quote and the word after it on the same line that training says
/// were likely printed closed, as edits deleting the gap with the learned confidence; those
/// below the suggestion threshold are left out.
pub fn quotes_apart(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    channel: &ChannelModel,
    thresholds: Thresholds,
) -> Vec<Edit> {
    let mut out = Vec::new();
    for tok in tokens {
        // The word's chunk starts with a letter or digit (`"'Tis` is left alone).
        if !text[tok.chunk.start..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let head = &text[..tok.chunk.start];
        let gap_start = head.trim_end_matches([' ', '\t']).len();
        if gap_start == head.len() {
            continue;
        }
        let before_gap = &head[..gap_start];
        let quote_start = before_gap.rfind(char::is_whitespace).map_or(0, |at| {
            at + before_gap[at..].chars().next().map_or(1, char::len_utf8)
        });
        let quote = &before_gap[quote_start..];
        if !lone_quote(quote) {
            continue;
        }
        let earlier = &before_gap[..quote_start];
        let line_start = earlier.rfind('\n').map_or(0, |at| at + 1);
        let place = QuotePlace {
            after_word: after_word(earlier.split_whitespace().next_back()),
            open: quotation_open([&earlier[line_start..]]),
        };
        let Some(confidence) = channel.quote_apart(quote, place) else {
            continue;
        };
        let reason = format!(
            "`{quote}` standing alone before a word: in the training pages such a quote belonged to the word {:.0}% of the time",
            confidence * 100.0
        );
        let gap = Span::new(gap_start, tok.chunk.start);
        let edit = learned(
            gap,
            &text[gap_start..tok.chunk.start],
            String::new(),
            EditKind::Normalize,
            confidence,
            reason,
            thresholds,
        );
        // The quote and its word are one chunk once closed up: what is beside is around both.
        let closed = Span::new(quote_start, tok.span.end);
        out.extend(edit.map(|e| learned_beside_damage(e, beside_damage(text, closed, lexicon))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{made_alone, Status};
    use crate::tokenize::tokenize;

    fn run(text: &str, table: &str) -> Vec<(String, Status)> {
        let channel = ChannelModel::from_table(table).unwrap();
        let lexicon = crate::lexicon::embedded();
        quotes_apart(
            text,
            &tokenize(text),
            lexicon,
            &channel,
            Thresholds::default(),
        )
        .into_iter()
        .map(|e| made_alone(text, &e))
        .collect()
    }

    #[test]
    fn beside_damaged_text_a_quote_is_only_suggested_closed() {
        let table = "~\"\t~p\t0.015\t100\t90\n";
        assert_eq!(run("He said, \" You must go.", table)[0].1, Status::Applied);
        assert_eq!(
            run("He said, \" You xqzjw go.", table)[0].1,
            Status::Suggested
        );
    }

    #[test]
    fn a_quote_set_apart_is_closed_up_as_sure_as_training_says() {
        // Learned: `"` alone after punctuation belonged to the next word 90 times in 100,
        // after a word 60 times in 100; `'` 5 times in 100.
        let table = "~\"\t~p\t0.015\t100\t90\n~\"\t~w\t0.07\t100\t60\n~'\t~p\t0.4\t100\t5\n";
        assert_eq!(
            run("He said, \" You must go.\"", table),
            vec![("He said, \"You must go.\"".to_owned(), Status::Applied)]
        );
        assert_eq!(
            run("\" No,\" he said", table),
            vec![("\"No,\" he said".to_owned(), Status::Applied)]
        );
        assert_eq!(
            run("the word \" bobby\" was", table),
            vec![("the word \"bobby\" was".to_owned(), Status::Suggested)]
        );
        // Not a quote training seldom saw belong to the word, nor one it never saw; not
        // across a line break, nor a mark glued to other marks.
        assert!(run("He said, ' You must", table).is_empty());
        assert!(run("He said, “ You must", table).is_empty());
        assert!(run("He said, \"\n You must", table).is_empty());
        assert!(run("He said, (\" You must", table).is_empty());
        // A model that learned nothing of quotes changes nothing.
        assert!(run("He said, \" You must", "").is_empty());
    }

    #[test]
    fn a_quote_inside_an_open_quotation_is_weighed_by_what_training_saw_there() {
        // Learned: `"` alone after a word belonged to the next word 90 times in 100 where
        // no quotation was open on its line; inside an open one, never (no row).
        let table = "~\"\t~w\t0.015\t100\t90\n";
        let made = |text: &str, table: &str| -> Vec<String> {
            run(text, table).into_iter().map(|(made, _)| made).collect()
        };
        assert_eq!(
            made("he was to \" take \" them", table),
            ["he was to \"take \" them"]
        );
        // Quotes open on an earlier line do not count; a closed quotation is not open.
        assert_eq!(run("\"no\nhe was to \" take it", table).len(), 1);
        assert_eq!(run("he said \"no\" to \" take it", table).len(), 1);
        // Where training saw quotes inside an open quotation belong to the next word.
        let table = "~\"\t~W\t0.015\t100\t90\n";
        assert_eq!(
            made("he was to \" take \" them", table),
            ["he was to \" take \"them"]
        );
    }
}
