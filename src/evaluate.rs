//! Measuring a correction against ground truth, with the definitions of the team's scorer
//! (`score.py`): CER and WER before and after (Levenshtein distance over characters and
//! words of the normalised texts, divided by the ground truth's length), and the effect on
//! each ground-truth word: fixed, broken, changed but still wrong, or missed. Words are
//! aligned with a Myers diff where the scorer uses anchored difflib matching, so counts on
//! heavily damaged pages can differ slightly. `ocrmend eval` prints these.

use regex::Regex;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::fmt;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Totals over one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Documents scored.
    pub docs: usize,
    /// Characters of the ground truth.
    pub gt_chars: usize,
    /// Words of the ground truth.
    pub gt_words: usize,
    /// Character edits from the OCR text to the ground truth.
    pub ocr_char_edits: usize,
    /// Word edits from the OCR text to the ground truth.
    pub ocr_word_edits: usize,
    /// Character edits from the output to the ground truth.
    pub out_char_edits: usize,
    /// Word edits from the output to the ground truth.
    pub out_word_edits: usize,
    /// Ground-truth words wrong in the OCR text and right in the output.
    pub fixed: usize,
    /// Ground-truth words right in the OCR text and wrong in the output.
    pub broken: usize,
    /// Ground-truth words wrong in both that the tool changed.
    pub changed_still_wrong: usize,
    /// Ground-truth words wrong in both that the tool left alone.
    pub missed: usize,
}

/// The scorer's default normalisation: NFC, line ends unified, words hyphenated across
/// line breaks joined, whitespace runs flattened to one space.
pub fn normalize(text: &str) -> String {
    static BREAK: OnceLock<Regex> = OnceLock::new();
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect();
    let joined = BREAK
        .get_or_init(|| Regex::new(r"(\w)[-\u{ac}\u{ad}]\s+(\w)").expect("a valid pattern"))
        .replace_all(&text, "$1$2");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn levenshtein<T: rapidfuzz::HashableChar + Copy + PartialEq>(a: &[T], b: &[T]) -> usize {
    rapidfuzz::distance::levenshtein::distance(a.iter().copied(), b.iter().copied())
}

/// Word ids, so that word sequences are compared as sequences of numbers.
fn ids<'a>(words: &[&'a str], table: &mut rustc_hash::FxHashMap<&'a str, u32>) -> Vec<u32> {
    words
        .iter()
        .map(|w| {
            let n = table.len() as u32;
            *table.entry(w).or_insert(n)
        })
        .collect()
}

/// Which words of `truth` are matched by an identical word of `other`.
fn matched(truth: &[&str], other: &[&str]) -> Vec<bool> {
    let mut ok = vec![false; truth.len()];
    for op in capture_diff_slices(Algorithm::Myers, truth, other) {
        if op.tag() == DiffTag::Equal {
            for i in op.old_range() {
                ok[i] = true;
            }
        }
    }
    ok
}

impl Scores {
    /// Adds one document: its OCR text, ground truth and the tool's output (already read;
    /// normalised here).
    pub fn add(&mut self, ocr: &str, truth: &str, out: &str) {
        let (ocr, truth, out) = (normalize(ocr), normalize(truth), normalize(out));
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let (oc, gc, uc) = (chars(&ocr), chars(&truth), chars(&out));
        let o: Vec<&str> = ocr.split(' ').filter(|w| !w.is_empty()).collect();
        let g: Vec<&str> = truth.split(' ').filter(|w| !w.is_empty()).collect();
        let u: Vec<&str> = out.split(' ').filter(|w| !w.is_empty()).collect();
        let mut table = rustc_hash::FxHashMap::default();
        let (oi, gi, ui) = (
            ids(&o, &mut table),
            ids(&g, &mut table),
            ids(&u, &mut table),
        );
        self.docs += 1;
        self.gt_chars += gc.len();
        self.gt_words += g.len();
        self.ocr_char_edits += levenshtein(&oc, &gc);
        self.out_char_edits += levenshtein(&uc, &gc);
        self.ocr_word_edits += levenshtein(&oi, &gi);
        self.out_word_edits += levenshtein(&ui, &gi);

        let (ocr_ok, out_ok) = (matched(&g, &o), matched(&g, &u));
        // The OCR words the tool changed, and where it inserted words.
        let mut changed = vec![false; o.len()];
        let mut inserted_at = Vec::new();
        for op in capture_diff_slices(Algorithm::Myers, &o, &u) {
            let (tag, or, ur) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                continue;
            }
            for i in or.clone() {
                changed[i] = true;
            }
            if !ur.is_empty() {
                inserted_at.push(or.start);
            }
        }
        for op in capture_diff_slices(Algorithm::Myers, &g, &o) {
            let (_, gr, or) = op.as_tag_tuple();
            let (p, q) = (gr.len(), or.len());
            for k in gr.clone() {
                match (ocr_ok[k], out_ok[k]) {
                    (true, true) => {}
                    (true, false) => self.broken += 1,
                    (false, true) => self.fixed += 1,
                    (false, false) => {
                        let was_changed = if q == 0 {
                            inserted_at.contains(&or.start)
                        } else if p == q {
                            changed[or.start + (k - gr.start)]
                        } else {
                            changed[or.clone()].iter().any(|&c| c)
                        };
                        if was_changed {
                            self.changed_still_wrong += 1;
                        } else {
                            self.missed += 1;
                        }
                    }
                }
            }
        }
    }

    /// Character error rate of the OCR text.
    pub fn ocr_cer(&self) -> f64 {
        rate(self.ocr_char_edits, self.gt_chars)
    }

    /// Character error rate of the output.
    pub fn out_cer(&self) -> f64 {
        rate(self.out_char_edits, self.gt_chars)
    }

    /// Word error rate of the OCR text.
    pub fn ocr_wer(&self) -> f64 {
        rate(self.ocr_word_edits, self.gt_words)
    }

    /// Word error rate of the output.
    pub fn out_wer(&self) -> f64 {
        rate(self.out_word_edits, self.gt_words)
    }

    /// Fixed words over all words the tool changed.
    pub fn precision(&self) -> f64 {
        rate(
            self.fixed,
            self.fixed + self.broken + self.changed_still_wrong,
        )
    }

    /// Fixed words over all words wrong in the OCR text.
    pub fn recall(&self) -> f64 {
        rate(
            self.fixed,
            self.fixed + self.changed_still_wrong + self.missed,
        )
    }
}

impl std::ops::AddAssign for Scores {
    fn add_assign(&mut self, o: Scores) {
        self.docs += o.docs;
        self.gt_chars += o.gt_chars;
        self.gt_words += o.gt_words;
        self.ocr_char_edits += o.ocr_char_edits;
        self.ocr_word_edits += o.ocr_word_edits;
        self.out_char_edits += o.out_char_edits;
        self.out_word_edits += o.out_word_edits;
        self.fixed += o.fixed;
        self.broken += o.broken;
        self.changed_still_wrong += o.changed_still_wrong;
        self.missed += o.missed;
    }
}

fn rate(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn reduction(before: f64, after: f64) -> f64 {
    if before == 0.0 {
        0.0
    } else {
        100.0 * (before - after) / before
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}   ground-truth characters {}   words {}",
            self.docs, self.gt_chars, self.gt_words
        )?;
        writeln!(
            f,
            "CER  {:.2}% -> {:.2}%  ({:.1}% reduction)",
            100.0 * self.ocr_cer(),
            100.0 * self.out_cer(),
            reduction(self.ocr_cer(), self.out_cer())
        )?;
        writeln!(
            f,
            "WER  {:.2}% -> {:.2}%  ({:.1}% reduction)",
            100.0 * self.ocr_wer(),
            100.0 * self.out_wer(),
            reduction(self.ocr_wer(), self.out_wer())
        )?;
        writeln!(
            f,
            "words: fixed {}  broken {}  changed-still-wrong {}  missed {}",
            self.fixed, self.broken, self.changed_still_wrong, self.missed
        )?;
        write!(
            f,
            "precision {:.1}%  recall {:.1}%  broken {:.2}% of the right words",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0
                * rate(
                    self.broken,
                    self.gt_words - self.fixed - self.changed_still_wrong - self.missed
                )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_scorer_definitions() {
        let mut s = Scores::default();
        s.add(
            "Tbe cat sat on tlie mat ,\nand tbe dog bark-\ned.",
            "The cat sat on the mat, and the dog barked.",
            "The cat sat on tie mat ,\nand the dig bark-\ned.",
        );
        // The figures score.py gives for these three texts.
        assert_eq!(
            (
                s.gt_words,
                s.ocr_char_edits,
                s.out_char_edits,
                s.ocr_word_edits,
                s.out_word_edits
            ),
            (10, 5, 3, 5, 4),
            "{s:?}"
        );
        assert_eq!(
            (s.fixed, s.broken, s.changed_still_wrong, s.missed),
            (2, 1, 2, 0),
            "{s:?}"
        );
        assert_eq!(normalize("a bark-\ned  word\r\n"), "a barked word");
    }
}
