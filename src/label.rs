//! Judging edits against ground truth: was an edit right? Words are the whitespace-separated
//! words of the texts in the scorer's normalisation (`evaluate::normalize`: a word broken
//! across a line is one word), compared by their letters (the marks at their edges aside,
//! case kept). Where the OCR text and the truth have different numbers of words (`Thecoroner
//! deoided` for `The coroner decided`), the scorer counts every word of the stretch as
//! changed by a change anywhere in it, and a reader finds the passage still broken: one word
//! repaired beside words left run together, split or garbled is no repair of the passage.
//! So an edit is right when, made alone, it makes more words of its stretch match (or as
//! many, with fewer words that match nothing: a speck deleted), and the stretch comes out
//! whole once every such edit in it is made; an edit that makes more or fewer words (a
//! split, a merge) is judged against the whole stretch, not the one word it pairs with.
//! Used to fit the calibrated confidence (`calibrate.rs`).

use crate::edit::{apply, Edit, Span};
use crate::evaluate::normalize;
use crate::strays::split_marks;
use similar::{capture_diff_slices, Algorithm};
use std::ops::Range;

/// A word of the OCR text as the scorer sees it: its byte range (a word hyphenated across
/// a line break is one word) and its letters, normalised.
struct Word {
    start: usize,
    end: usize,
    text: String,
}

/// Whether the scorer's normalisation joins `left` to the word after it (a letter or digit,
/// then a hyphen, then the break).
fn joins_next(left: &str) -> bool {
    let mut rev = left.chars().rev();
    matches!(rev.next(), Some('-' | '\u{ac}' | '\u{ad}'))
        && rev.next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn words(text: &str) -> Vec<Word> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                raw.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        raw.push((s, text.len()));
    }
    let mut out: Vec<Word> = Vec::with_capacity(raw.len());
    let mut joining = false;
    for (s, e) in raw {
        let piece = &text[s..e];
        let starts_word = piece.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        match out.last_mut() {
            Some(last) if joining && starts_word => last.end = e,
            _ => out.push(Word {
                start: s,
                end: e,
                text: String::new(),
            }),
        }
        joining = joins_next(piece);
    }
    for w in &mut out {
        w.text = core(&normalize(&text[w.start..w.end])).to_owned();
    }
    out
}

/// The letters of each word of `text`, normalised as the scorer does.
fn tokens(text: &str) -> Vec<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| core(w).to_owned())
        .collect()
}

/// A word without the marks at its edges (the letters a repair can make right).
fn core(word: &str) -> &str {
    split_marks(word).1
}

/// How many of `truth`'s words `text` matches (each word of either side used once), and
/// how many of its words match none.
fn hits(text: &str, truth: &[String]) -> (usize, usize) {
    let mut pool: Vec<&String> = truth.iter().collect();
    let words = tokens(text);
    let n = words.len();
    let hits = words
        .into_iter()
        .filter(|w| match pool.iter().position(|t| *t == w) {
            Some(at) => {
                pool.swap_remove(at);
                true
            }
            None => false,
        })
        .count();
    (hits, n - hits)
}

/// The stretch an edit falls in: the OCR words and the truth words aligned with them.
struct Stretch {
    ocr: Range<usize>,
    truth: Range<usize>,
}

/// The OCR text's words aligned with the truth's: what each edit is judged in.
struct Alignment<'t> {
    ocr: &'t str,
    /// The OCR text's words.
    words: Vec<Word>,
    /// The truth's words.
    truth: Vec<String>,
    /// The aligned group (OCR word range, truth word range) of every OCR word.
    groups: Vec<(Range<usize>, Range<usize>)>,
}

impl<'t> Alignment<'t> {
    /// `ocr`'s words aligned with `truth`'s.
    fn new(ocr: &'t str, truth: &str) -> Self {
        let words = words(ocr);
        let truth = tokens(truth);
        let o: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        let g: Vec<&str> = truth.iter().map(String::as_str).collect();
        let mut groups = vec![(0..0, 0..0); o.len()];
        for op in capture_diff_slices(Algorithm::Myers, &o, &g) {
            let (_, or, gr) = op.as_tag_tuple();
            for i in or.clone() {
                groups[i] = (or.clone(), gr.clone());
            }
        }
        Alignment {
            ocr,
            words,
            truth,
            groups,
        }
    }

    /// The stretch of words `e` is judged in; `None` when its span touches no word.
    fn stretch(&self, e: &Edit) -> Option<Stretch> {
        let span = e.span;
        // Where both sides of a group have as many words, they pair one to one; but an
        // edit that makes more or fewer words of its own (`inanswer` → `in answer`) is
        // judged against its whole group.
        let regrouped = e.after.split_whitespace().count() != e.before.split_whitespace().count();
        let group = |i: usize| {
            let (or, gr) = &self.groups[i];
            if or.len() == gr.len() && !regrouped {
                let j = gr.start + (i - or.start);
                (i..i + 1, j..j + 1)
            } else {
                (or.clone(), gr.clone())
            }
        };
        // The words the span touches, found by halving (the words are in order).
        let first = self.words.partition_point(|w| w.end < span.start);
        let last = self
            .words
            .partition_point(|w| w.start <= span.end)
            .checked_sub(1)?;
        if first > last {
            return None;
        }
        let (head, tail) = (group(first), group(last));
        let olo = head.0.start.min(first);
        let ohi = tail.0.end.max(last + 1);
        let glo = head.1.start;
        let ghi = tail.1.end.max(glo);
        Some(Stretch {
            ocr: olo..ohi,
            truth: glo..ghi,
        })
    }

    /// The region of OCR text stretch `s` covers, with the edits `made` in it; `None` when
    /// one reaches past the stretch's words (white space before them).
    fn edited(&self, s: &Stretch, made: &[&Edit]) -> Option<String> {
        let start = self.words[s.ocr.start].start;
        let region = &self.ocr[start..self.words[s.ocr.end - 1].end];
        let local: Vec<Edit> = made
            .iter()
            .map(|e| {
                let mut l = (*e).clone();
                l.span = Span::new(
                    e.span.start.checked_sub(start)?,
                    e.span.end.checked_sub(start)?,
                );
                Some(l)
            })
            .collect::<Option<_>>()?;
        apply(region, &local).ok()
    }

    /// True when `e` lies within the words of stretch `s`.
    fn within(&self, e: &Edit, s: &Stretch) -> bool {
        e.span.start >= self.words[s.ocr.start].start && e.span.end <= self.words[s.ocr.end - 1].end
    }

    /// The truth's words of stretch `s`.
    fn truth_of(&self, s: &Stretch) -> Option<&[String]> {
        self.truth.get(s.truth.clone())
    }

    /// Whether `e`, made alone, makes more words of its stretch `s` match, or as many with
    /// fewer words matching nothing (a speck read as a letter, deleted).
    fn gains(&self, e: &Edit, s: &Stretch) -> Option<bool> {
        let truth = self.truth_of(s)?;
        let (matched, unmatched) = hits(&self.edited(s, &[e])?, truth);
        let (matched_before, unmatched_before) = hits(&self.edited(s, &[])?, truth);
        Some(matched > matched_before || matched == matched_before && unmatched < unmatched_before)
    }
}

/// For each edit: `Some(true)` when it is right (it leaves its stretch right, as the module
/// says), `Some(false)` when it is not, `None` when it cannot be placed.
pub fn judge(ocr: &str, truth: &str, edits: &[Edit]) -> Vec<Option<bool>> {
    let aligned = Alignment::new(ocr, truth);
    let stretches: Vec<Option<Stretch>> = edits.iter().map(|e| aligned.stretch(e)).collect();
    let gains: Vec<Option<bool>> = edits
        .iter()
        .zip(&stretches)
        .map(|(e, s)| aligned.gains(e, s.as_ref()?))
        .collect();
    stretches
        .iter()
        .zip(&gains)
        .map(|(s, gain)| {
            if !(*gain)? {
                return Some(false);
            }
            let s = s.as_ref()?;
            // The stretch comes out whole once every edit in it that gains is made.
            let together: Vec<&Edit> = edits
                .iter()
                .zip(&gains)
                .filter(|(other, gain)| **gain == Some(true) && aligned.within(other, s))
                .map(|(other, _)| other)
                .collect();
            let whole = aligned.edited(s, &together).map(|text| tokens(&text));
            Some(whole.as_deref() == aligned.truth_of(s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{EditKind, Span, Status};

    fn edit(text: &str, before: &str, after: &str) -> Edit {
        let start = text.find(before).unwrap();
        Edit {
            span: Span::new(start, start + before.len()),
            before: before.into(),
            after: after.into(),
            kind: EditKind::Substitute,
            confidence: 1.0,
            status: Status::Applied,
            reason: String::new(),
            alternatives: Vec::new(),
            evidence: None,
        }
    }

    #[test]
    fn right_wrong_and_harmful_edits_are_told_apart() {
        let ocr = "Tbe cat sat on tlie mat, itsaid.";
        let truth = "The cat sat on the mat, it said.";
        let edits = [
            edit(ocr, "Tbe", "The"),
            edit(ocr, "tlie", "tie"),
            edit(ocr, "cat", "hat"),
            edit(ocr, "itsaid", "it said"),
        ];
        assert_eq!(
            judge(ocr, truth, &edits),
            vec![Some(true), Some(false), Some(false), Some(true)]
        );
    }

    #[test]
    fn a_word_fixed_beside_words_left_wrong_is_not_right() {
        let ocr = "Thecoroner deoided at once.";
        let truth = "The coroner decided at once.";
        let alone = [edit(ocr, "deoided", "decided")];
        assert_eq!(judge(ocr, truth, &alone), vec![Some(false)]);
        let both = [
            edit(ocr, "Thecoroner", "The coroner"),
            edit(ocr, "deoided", "decided"),
        ];
        assert_eq!(judge(ocr, truth, &both), vec![Some(true), Some(true)]);
    }

    #[test]
    fn a_split_is_judged_against_the_words_it_makes() {
        // The alignment pairs `inanswer v` with `in answer` word by word; the split makes
        // both words, and with the speck deleted the stretch is whole.
        let ocr = "electors of Midlothian, inanswer v to the circular";
        let truth = "electors of Midlothian, in answer to the circular";
        let edits = [edit(ocr, "inanswer", "in answer"), edit(ocr, " v", "")];
        assert_eq!(judge(ocr, truth, &edits), vec![Some(true), Some(true)]);
    }

    #[test]
    fn a_speck_deleted_is_right_and_a_word_deleted_is_not() {
        let ocr = "were e called, each of whom swore";
        let truth = "were called, each of whom swore";
        let speck = edit(ocr, "e called", "called");
        assert_eq!(judge(ocr, truth, &[speck]), vec![Some(true)]);
        let ocr = "a man of u kind";
        let truth = "a man of a kind";
        let word = edit(ocr, "u kind", "kind");
        assert_eq!(judge(ocr, truth, &[word]), vec![Some(false)]);
    }

    #[test]
    fn letters_count_and_the_marks_around_them_do_not() {
        let ocr = "on Thlursday: he tbe";
        let truth = "on Thursday he The";
        let edits = [edit(ocr, "Thlursday", "Thursday"), edit(ocr, "tbe", "the")];
        assert_eq!(judge(ocr, truth, &edits), vec![Some(true), Some(false)]);
    }

    #[test]
    fn words_broken_across_lines_are_one_word() {
        let ocr = "the sub-\nrnarines sank";
        let truth = "the submarines sank";
        let edits = [edit(ocr, "rnarines", "marines")];
        assert_eq!(judge(ocr, truth, &edits), vec![Some(true)]);
    }

    #[test]
    fn an_edit_of_white_space_alone_is_not_placed_and_nothing_panics() {
        let ocr = "one  \n  two";
        let gap = Edit {
            span: Span::new(4, 8),
            ..edit(ocr, "one", "one")
        };
        assert_eq!(judge(ocr, "one two", &[gap]), vec![None]);
    }
}
