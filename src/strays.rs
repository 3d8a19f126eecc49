//! Strays: a mark the scanner put before a word inside a sentence (`on -the strength`, a
//! speck read as a dash). Whether a mark read there was printed is learned per mark by
//! `ocrmend train` ([`ChannelModel::stray_mark`]), and that learned share is the confidence
//! of deleting it; only marks before a word read right as it stands are weighed, and none
//! that a closing mark after the word pairs (`'Badger'`).

use crate::channel::ChannelModel;
use crate::decide::{learned, Thresholds};
use crate::detect::Verdict;
use crate::edit::{Edit, EditKind, Span};
use crate::inside::known_after_small_letter;
use crate::tokenize::Token;

/// The marks before the first letter or digit of `chunk` (a whitespace-delimited chunk).
pub fn leading_mark(chunk: &str) -> &str {
    let start = chunk.find(char::is_alphanumeric).unwrap_or(chunk.len());
    &chunk[..start]
}

/// True when the word of `chunk` starts with a small letter: learned stray marks are told
/// apart by it (a dash before `The` is mostly a dash the transcription prints, one before
/// `the` mostly a speck).
pub fn starts_small(chunk: &str) -> bool {
    chunk
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// How many chunks after a mark its closing counterpart is looked for: a quotation in
/// double quotes or a bracket may run over a sentence or two (`"are for an improvement ...
/// a real one."`).
const PAIR_REACH: usize = 60;
/// The same for single quotes, which hold a word or a phrase (`'China Factor'`): further on,
/// a closing one is more likely a plural possessive (`months'`).
const SINGLE_QUOTE_REACH: usize = 6;

/// True when `mark` opens a pair (a quote, a bracket) that one of `chunks` (the mark's own
/// chunk and those after it) closes after its word: punctuation, not a speck (`'Badger'`,
/// `[had]`).
pub fn paired<'a>(mark: &str, chunks: impl IntoIterator<Item = &'a str>) -> bool {
    let (closing, reach): (&[char], usize) = match mark.chars().last() {
        Some('\'' | '‘' | '`') => (&['\'', '’'], SINGLE_QUOTE_REACH),
        Some('"' | '“') => (&['"', '”'], PAIR_REACH),
        Some('(') => (&[')'], PAIR_REACH),
        Some('[') => (&[']'], PAIR_REACH),
        Some('{') => (&['}'], PAIR_REACH),
        _ => return false,
    };
    chunks.into_iter().take(reach).any(|chunk| {
        // A closing mark ends the chunk's word: letters before it, none after (`strength,'`,
        // not the apostrophe of `o'clock`).
        chunk.char_indices().any(|(at, c)| {
            closing.contains(&c)
                && chunk[..at].contains(char::is_alphanumeric)
                && !chunk[at..].contains(char::is_alphanumeric)
        })
    })
}

/// A stray mark deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Stray {
    /// Index of the token the mark stands before.
    pub index: usize,
    /// The edit that deletes the mark.
    pub edit: Edit,
}

/// The marks before known words inside a sentence that training says were likely printed
/// nowhere, with the learned confidence; those below the suggestion threshold are left out.
/// `skip[i]` marks tokens another stage has taken.
pub fn strays(
    text: &str,
    tokens: &[Token],
    verdicts: &[Verdict],
    channel: &ChannelModel,
    thresholds: Thresholds,
    skip: &[bool],
) -> Vec<Stray> {
    let mut out = Vec::new();
    for (i, tok, _) in known_after_small_letter(text, tokens, verdicts, skip) {
        let chunk = &text[tok.chunk.start..tok.chunk.end];
        let mark = leading_mark(chunk);
        // Only a mark the tokenizer left outside the word (marks glued to it are the
        // word's own damage, mended with it).
        if mark.is_empty()
            || tok.chunk.start + mark.len() != tok.span.start
            || paired(
                mark,
                tokens[i..]
                    .iter()
                    .map(|t| &text[t.chunk.start..t.chunk.end]),
            )
        {
            continue;
        }
        let Some(confidence) = channel.stray_mark(mark, starts_small(chunk)) else {
            continue;
        };
        let reason = format!(
            "`{mark}` before a word inside a sentence: in the training pages nothing was printed there {:.0}% of the time",
            confidence * 100.0
        );
        let span = Span::new(tok.chunk.start, tok.span.start);
        if let Some(edit) = learned(
            span,
            mark,
            String::new(),
            EditKind::Normalize,
            confidence,
            reason,
            thresholds,
        ) {
            out.push(Stray { index: i, edit });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Status;
    use crate::inside::classified;
    use crate::lexicon::{Layer, Lexicon};

    fn run(text: &str, table: &str) -> Vec<(String, Status)> {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list("on\t900\nthe\t900\nstrength\t50\nit\t700\n", Layer::Base);
        let channel = ChannelModel::from_table(table).unwrap();
        let (tokens, verdicts) = classified(text, &lexicon);
        strays(
            text,
            &tokens,
            &verdicts,
            &channel,
            Thresholds::default(),
            &vec![false; tokens.len()],
        )
        .into_iter()
        .map(|s| {
            assert_eq!(&text[s.edit.span.start..s.edit.span.end], s.edit.before);
            (s.edit.before, s.edit.status)
        })
        .collect()
    }

    #[test]
    fn marks_training_saw_printed_nowhere_are_deleted_inside_a_sentence() {
        // Learned: `-` before a word inside a sentence was printed nowhere 90 times in 100,
        // `"` 10 times in 100.
        let table = "<-\t<a\t0.015\t100\t90\n<\"\t<a\t0.33\t100\t10\n<-\t<A\t0.2\t100\t20\n";
        assert_eq!(
            run("it was on -the strength of it", table),
            vec![("-".to_owned(), Status::Applied)]
        );
        // Not after a full stop, not before an unknown word, not a mark seldom printed
        // nowhere, not one training never saw.
        assert!(run("it was on. -The strength", table).is_empty());
        // Before a capital the same mark is mostly printed (a dash before a sentence).
        assert_eq!(run("it was on -The strength", table).len(), 0);
        assert!(run("it was on -thc strength", table).is_empty());
        assert!(run("it was on \"the strength", table).is_empty());
        assert!(run("it was on •the strength", table).is_empty());
        assert!(run("it was on -the strength", "").is_empty());
        // A quote or bracket closed after the word is punctuation.
        let quote = "<'\t<a\t0.005\t100\t97\n<[\t<a\t0.005\t100\t97\n";
        assert_eq!(run("it was on 'the strength", quote).len(), 1);
        assert!(run("it was on 'the strength' of it", quote).is_empty());
        assert!(run("it was on 'the strength,' of it", quote).is_empty());
        assert!(run("it was on [the] strength", quote).is_empty());
        assert!(run("it was on 'the o'clock", quote).len() == 1);
        // A quotation in double quotes may run long; one in single quotes is a phrase.
        let long = format!("it was on \"the {}end.\" he said", "word ".repeat(20));
        let double = "<\"\t<a\t0.005\t100\t97\n";
        assert!(run(&long, double).is_empty());
        assert_eq!(run(&long.replace('"', "'"), quote).len(), 1);
    }

    #[test]
    fn the_mark_is_what_stands_before_the_first_letter() {
        assert_eq!(leading_mark("-the"), "-");
        assert_eq!(leading_mark("(“the"), "(“");
        assert_eq!(leading_mark("the-"), "");
        assert_eq!(leading_mark("--"), "--");
    }
}
