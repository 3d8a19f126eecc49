//! Capitals: a small word whose first letter the scanner read as a capital (`was In the
//! house`, `that It was`). Inside a sentence, after a word ending in a small letter, a
//! capitalised common word is more often such a misreading than a capital of the text; how
//! much more is learned per first letter and per word by `ocrmend train`
//! ([`crate::channel::ChannelModel::capital_misread`]), and that learned share is the
//! confidence; beside damaged text the change is only suggested ([`learned_beside_damage`]).

use crate::decide::{learned, learned_beside_damage};
use crate::edit::{Edit, EditKind, Span};
use crate::inside::{after_small_letter, known_after_small_letter, Scan};

/// True when `word` (without its punctuation) is written with a capital and small letters
/// after it, and follows `before`, the previous whitespace-delimited chunk, ending in a small
/// letter: where `ocrmend train` counts capitals and where this stage weighs them.
pub fn capital_inside_sentence(before: &str, word: &str) -> bool {
    let mut letters = word.chars();
    letters.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && letters.all(char::is_lowercase)
        && after_small_letter(before)
}

/// True when a capitalised word inside a sentence stands where a misread small word does:
/// inside its line (a capital opening a line is often a verse line's or a heading's own),
/// with the next chunk, `after`, opening with a small letter (before a capital the word is
/// more often part of a title or a name: `Rights In Property`). Training counts capitals
/// only here, and the stage weighs them only here.
pub fn misread_capital_context(line_start: bool, after: Option<&str>) -> bool {
    !line_start && after.is_some_and(|a| a.chars().next().is_some_and(char::is_lowercase))
}

/// The most letters a word joining two capitalised words may have (`of`, `and`, `von`).
const JOINING_WORD: usize = 3;

/// True when `after`, the chunk after a capitalised word, is a short word in small letters
/// and `after_next` opens with a capital: the three may be one name or title (`Board of
/// Trade`, `Iron and Steel`).
pub fn before_name(after: Option<&str>, after_next: Option<&str>) -> bool {
    after.is_some_and(|a| a.chars().count() <= JOINING_WORD && a.chars().all(char::is_lowercase))
        && after_next.is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase))
}

/// A capitalised word put back in small letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Capital {
    /// Index of the token.
    pub index: usize,
    /// The edit that writes its first letter small.
    pub edit: Edit,
}

/// The capitalised known words of `tokens` that are likely small words misread, with the
/// learned confidence; those below the suggestion threshold are left out, and those beside
/// damaged text only suggested.
pub fn capitals(scan: Scan) -> Vec<Capital> {
    let Scan {
        text,
        tokens,
        lexicon,
        channel,
        thresholds,
        ..
    } = scan;
    let mut out = Vec::new();
    for (i, tok, before) in known_after_small_letter(text, tokens, scan.verdicts, scan.skip) {
        let word = tok.text(text);
        let chunk = |k: usize| tokens.get(k).map(|t| &text[t.chunk.start..t.chunk.end]);
        if !capital_inside_sentence(before, word)
            || !misread_capital_context(tok.line_start, chunk(i + 1))
        {
            continue;
        }
        let small = word.to_lowercase();
        // Only a word English writes small: a name (`India`) keeps its capital.
        if !lexicon
            .get(&small)
            .is_some_and(|e| !e.form.chars().any(char::is_uppercase))
        {
            continue;
        }
        let share = match before_name(chunk(i + 1), chunk(i + 2)) {
            true => channel.capital_misread_before_name(&small),
            false => channel.capital_misread(&small),
        };
        let Some(confidence) = share else {
            continue;
        };
        let reason = format!(
            "`{word}` inside a sentence, after a small-letter word: the scanner often reads its small first letter as a capital ({:.0}% of such cases in the training pages)",
            confidence * 100.0
        );
        let span = Span::new(tok.span.start, tok.span.end);
        if let Some(edit) = learned(
            span,
            word,
            small,
            EditKind::Substitute,
            confidence,
            reason,
            thresholds,
        ) {
            let edit = learned_beside_damage(edit, scan.beside_damage(tok));
            out.push(Capital { index: i, edit });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::ChannelModel;
    use crate::edit::Status;
    use crate::inside::scanned;
    use crate::lexicon::Layer;
    use crate::lexicon::Lexicon;

    fn run(text: &str, table: &str) -> Vec<(String, String, Status)> {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list(
            "in\t900\nthe\t900\nwas\t800\nhouse\t50\nIndia\t40\nit\t700\niron\t30\n",
            Layer::Base,
        );
        let channel = ChannelModel::from_table(table).unwrap();
        scanned(text, &lexicon, &channel, capitals)
            .into_iter()
            .map(|c| (c.edit.before, c.edit.after, c.edit.status))
            .collect()
    }

    /// A model's capital rows (`^word` rows, as `ocrmend train` writes them): for each
    /// letter or word, the share of its capitals inside a sentence that were misread small
    /// letters, and how often it was seen so.
    fn capital_rows(rows: &[(&str, f64, u32)]) -> String {
        rows.iter()
            .map(|&(word, share, seen)| {
                let cost = -share.ln() / crate::train::SCALE;
                let upper = crate::casing::capitalize(word);
                format!("^{word}\t^{upper}\t{cost}\t{seen}\n")
            })
            .collect()
    }

    #[test]
    fn beside_damaged_text_a_capital_is_only_written_small_as_a_suggestion() {
        let table = capital_rows(&[("i", 0.75, 40), ("in", 0.95, 20)]);
        let status = |text: &str| {
            run(text, &table)
                .into_iter()
                .map(|c| c.2)
                .collect::<Vec<_>>()
        };
        assert_eq!(status("he was In the house"), vec![Status::Applied]);
        // `xqzt` is no word: the passage around is damaged.
        assert_eq!(status("he xqzt In the house"), vec![Status::Suggested]);
        assert_eq!(status("he was In xqzt house"), vec![Status::Suggested]);
    }

    #[test]
    fn small_words_read_as_capitals_inside_a_sentence() {
        // Learned: `I` inside a sentence was `i` 3 times in 4; `In` 19 times in 20, `It`
        // 5 times in 10.
        let table = capital_rows(&[("i", 0.75, 40), ("in", 0.95, 20), ("it", 0.5, 10)]);
        let found = run(
            "he was In the house. In the house was India and It was so",
            &table,
        );
        assert_eq!(
            found,
            vec![
                ("In".to_owned(), "in".to_owned(), Status::Applied),
                ("It".to_owned(), "it".to_owned(), Status::Suggested),
            ]
        );
        // A word never seen misread keeps its capital, whatever its letter's share; and a
        // model that learned nothing of capitals changes nothing.
        let letter_only = capital_rows(&[("i", 0.75, 40)]);
        assert!(run("he was In the house", &letter_only).is_empty());
        assert!(run("he was In the house", "").is_empty());
        // Where the capital is more often the text's own, it is not weighed: opening a line,
        // before a capital, at the end.
        for text in ["he was\nIn the house", "he was In The House", "he was In"] {
            assert!(run(text, &table).is_empty(), "{text}");
        }
    }

    #[test]
    fn before_a_short_word_and_a_capital_only_a_word_s_own_share_counts() {
        // `Iron` seen misread 2 times in 3, its letter 3 times in 4: inside a sentence it is
        // weighed with its letter's share; before `and Steel` on its own sightings alone,
        // too few to say. `In`, misread 19 times in 20, stays a misreading there too.
        let table = capital_rows(&[("i", 0.75, 40), ("iron", 2.0 / 3.0, 3), ("in", 0.95, 20)]);
        let suggested = |text: &str| {
            run(text, &table)
                .iter()
                .filter(|c| c.2 == Status::Suggested)
                .count()
        };
        assert_eq!(suggested("the old Iron gate was shut"), 1);
        assert!(run("the Baosham Iron and Steel Complex", &table).is_empty());
        assert_eq!(
            run("he was In the House", &table),
            vec![("In".to_owned(), "in".to_owned(), Status::Suggested)]
        );
    }
}
