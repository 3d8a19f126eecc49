//! Marks read as other marks: a mark before a word or a number that the scanner, or an
//! encoding on the way, read as another (`�500` where `£500` was printed: the pound sign
//! lost to a replacement character; `-The` opening a line where a dash was printed). Which
//! mark was printed where each mark was read, before a digit or a letter, opening its line
//! or not ([`MarkPlace`]), is learned by `ocrmend train`
//! ([`crate::channel::ChannelModel::mark_printed`]), and the learned share is the confidence
//! of writing it back. Only marks before a word or
//! number read right are weighed: a damaged word is mended with its marks. (A mark printed
//! nowhere is a stray: `strays`.) Beside damaged text the mark is only suggested
//! ([`learned_beside_damage`]).

use crate::decide::{learned, learned_beside_damage};
use crate::detect::Verdict;
use crate::edit::{Edit, EditKind, Span};
use crate::inside::Scan;
use crate::strays::mark_before;

/// True when the first letter or digit of `chunk` is a digit: marks before numbers (`£`,
/// `$`, `#`) are learned apart from those before words.
pub fn before_digit(chunk: &str) -> bool {
    chunk
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_ascii_digit())
}

/// Where a mark was read before a word or a number: marks are learned apart by what follows
/// them, a digit or a letter (`£` before numbers), and by whether they open their line (a
/// dash opening a paragraph, a hyphen inside a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MarkPlace {
    /// The mark stands before a digit ([`before_digit`]).
    pub before_digit: bool,
    /// The mark's chunk is the first of its line.
    pub line_start: bool,
}

impl MarkPlace {
    /// The letter the channel model writes for the place: `d` before a digit, `w` before a
    /// letter; `D` and `W` at a line's start.
    pub fn code(self) -> char {
        match (self.before_digit, self.line_start) {
            (true, false) => 'd',
            (false, false) => 'w',
            (true, true) => 'D',
            (false, true) => 'W',
        }
    }

    /// The place a [`MarkPlace::code`] letter stands for.
    pub fn from_code(code: char) -> Option<MarkPlace> {
        [false, true]
            .into_iter()
            .flat_map(|before_digit| {
                [false, true].map(|line_start| MarkPlace {
                    before_digit,
                    line_start,
                })
            })
            .find(|place| place.code() == code)
    }

    /// The same place inside a line: whose rule holds at a line's start where training
    /// made none (see [`crate::channel::ChannelModel::mark_printed`]).
    pub fn inside_line(self) -> MarkPlace {
        MarkPlace {
            line_start: false,
            ..self
        }
    }
}

/// A mark written back as the one printed.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkRead {
    /// Index of the token the mark stands before.
    pub index: usize,
    /// The edit that writes the printed mark.
    pub edit: Edit,
}

/// The marks before words and numbers read right (`verdicts`) that training says were
/// printed as another mark, with the learned confidence; those below the suggestion
/// threshold are left out, and those beside damaged text only suggested. `skip[i]` marks
/// tokens another stage has taken.
pub fn marks_read(scan: Scan) -> Vec<MarkRead> {
    let Scan {
        text,
        tokens,
        verdicts,
        skip,
        channel,
        thresholds,
        ..
    } = scan;
    let mut out = Vec::new();
    for (index, tok) in tokens.iter().enumerate() {
        if skip.get(index).copied().unwrap_or(true)
            || verdicts.get(index).map_or(true, |v| *v == Verdict::Suspect)
        {
            continue;
        }
        // Only a mark the tokenizer left outside the word, as `strays` weighs, and at the
        // start of a whitespace-delimited chunk, as training counts them (not `terror—’twas`).
        let opens_chunk = text[..tok.chunk.start]
            .chars()
            .next_back()
            .map_or(true, char::is_whitespace);
        let Some(mark) = mark_before(text, tok).filter(|_| opens_chunk) else {
            continue;
        };
        let chunk = &text[tok.chunk.start..tok.chunk.end];
        let place = MarkPlace {
            before_digit: before_digit(chunk),
            line_start: tok.line_start,
        };
        let Some((printed, confidence)) = channel.mark_printed(mark, place) else {
            continue;
        };
        let reason = format!(
            "`{mark}` before `{}`: in the training pages `{printed}` was printed where it was read {:.0}% of the time",
            tok.text(text),
            confidence * 100.0
        );
        let span = Span::new(tok.chunk.start, tok.span.start);
        let edit = learned(
            span,
            mark,
            printed.to_owned(),
            EditKind::Normalize,
            confidence,
            reason,
            thresholds,
        );
        out.extend(edit.map(|edit| MarkRead {
            index,
            edit: learned_beside_damage(edit, scan.beside_damage(tok)),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::ChannelModel;
    use crate::edit::{made_alone, Status};
    use crate::inside::scanned;
    use crate::lexicon::embedded;

    /// A model that learned: `#` read before a digit was `№` 45 times in 50, `%` before a
    /// word `&` 30 times in 60, `-` opening a line before a word `—` 45 times in 50.
    const TABLE: &str = "$#\t$d№\t0.02\t50\t45\n$%\t$w&\t0.1\t60\t30\n$-\t$W—\t0.02\t50\t45\n";

    fn run(text: &str) -> Vec<(String, Status)> {
        let channel = ChannelModel::from_table(TABLE).unwrap();
        scanned(text, embedded(), &channel, marks_read)
            .into_iter()
            .map(|m| made_alone(text, &m.edit))
            .collect()
    }

    #[test]
    fn beside_damaged_text_a_mark_is_only_suggested() {
        assert_eq!(run("paid #500 for it")[0].1, Status::Applied);
        assert_eq!(run("paid #500 xqzjw it")[0].1, Status::Suggested);
    }

    #[test]
    fn a_mark_is_written_as_training_says_it_was_printed() {
        // 45 of 50 (shrunk: 45 / 52) is applied; 30 of 60 only suggested.
        assert_eq!(
            run("paid #500 for it"),
            vec![("paid №500 for it".to_owned(), Status::Applied)]
        );
        assert_eq!(
            run("bread %butter"),
            vec![("bread &butter".to_owned(), Status::Suggested)]
        );
    }

    #[test]
    fn marks_are_learned_apart_before_digits_and_words() {
        // `#` was learned before digits only, `%` before words only.
        assert!(run("paid #about").is_empty());
        assert!(run("bread %500").is_empty());
    }

    #[test]
    fn marks_opening_a_line_are_learned_apart_from_those_inside_it() {
        // `-` was learned opening a line only; `#` inside lines only, which stands for a
        // line's start training saw nothing of.
        assert_eq!(
            run("He left.\n-The court rose."),
            vec![("He left.\n—The court rose.".to_owned(), Status::Applied)]
        );
        assert!(run("He left. -The court rose.").is_empty());
        assert_eq!(
            run("paid\n#500 for it"),
            vec![("paid\n№500 for it".to_owned(), Status::Applied)]
        );
    }

    #[test]
    fn a_damaged_word_keeps_its_mark_for_its_own_repair() {
        assert!(run("bread %buttxqr").is_empty());
        // And a mark glued inside a word, or after one, is none of this stage's.
        assert!(run("paid 5#00 for it").is_empty());
        assert!(run("bread—%butter").is_empty());
    }
}
