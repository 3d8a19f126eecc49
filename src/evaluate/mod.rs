//! Measuring a correction against ground truth, with the definitions of the team's scorer
//! (`score.py`): CER and WER before and after (Levenshtein distance over characters and
//! words of the normalised texts, divided by the ground truth's length), and the effect on
//! each ground-truth word: fixed, broken, changed but still wrong, or missed. Words are
//! aligned as the scorer aligns them ([`align`]), and a long document is compared as it
//! compares one, stretch by stretch between runs of matched words ([`EXACT_LIMIT`]), which
//! keeps a book-length file to seconds. `ocrmend eval` prints these.

pub mod align;
mod normalization;

use align::{match_tokens, opcodes, runs};
pub use normalization::{normalize, normalize_with, words_of, Normalization};
use std::fmt;
use std::ops::Range;

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
    /// Ground-truth words right in both.
    pub right_kept: usize,
}

/// What a correction did to one ground-truth word (the scorer's word-level effect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Wrong in the OCR text, right in the output.
    Fixed,
    /// Right in the OCR text, wrong in the output.
    Broken,
    /// Wrong in both, and changed by the tool.
    ChangedStillWrong,
    /// Wrong in both, and left alone.
    Missed,
    /// Right in both.
    RightKept,
}

impl Effect {
    /// The name the scorer's JSON gives the count of such words (`changed_still_wrong`).
    pub fn name(self) -> &'static str {
        match self {
            Effect::Fixed => "fixed",
            Effect::Broken => "broken",
            Effect::ChangedStillWrong => "changed_still_wrong",
            Effect::Missed => "missed",
            Effect::RightKept => "right_kept",
        }
    }
}

/// One ground-truth word, what became of it, and the words the OCR text and the output
/// have in its place (several where the alignment pairs a stretch of words with a stretch of
/// another length, none where the text lacks it), all as normalised for the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordEffect {
    /// What became of the word.
    pub effect: Effect,
    /// Its place among the ground truth's words, from 0.
    pub index: usize,
    /// The ground-truth word.
    pub truth: String,
    /// The OCR text's words in its place, joined by spaces.
    pub ocr: String,
    /// The output's words in its place, joined by spaces.
    pub out: String,
}

/// The words of the other text in the place of word `k` of `a`, where one step of an
/// alignment pairs `a` with `b`: its own word where the two are as long (words pair one to
/// one, as the scorer pairs them), else all of `b`.
fn place_in(a: &Range<usize>, b: &Range<usize>, k: usize) -> Range<usize> {
    if a.len() == b.len() {
        let j = b.start + (k - a.start);
        j..j + 1
    } else {
        b.clone()
    }
}

/// Per word of a text of `n` words, the words of the other text in its place, by the
/// alignment's `ops` ([`place_in`]).
fn places(ops: &[align::Op], n: usize) -> Vec<Range<usize>> {
    let mut at = vec![0..0; n];
    for op in ops {
        for k in op.a.clone() {
            at[k] = place_in(&op.a, &op.b, k);
        }
    }
    at
}

fn levenshtein<T: rapidfuzz::HashableChar + Copy + PartialEq>(a: &[T], b: &[T]) -> usize {
    rapidfuzz::distance::levenshtein::distance(a.iter().copied(), b.iter().copied())
}

/// Above this product of two texts' lengths (in characters), the distance is summed
/// stretch by stretch between runs of matched words instead of taken over the whole, as
/// the scorer does (its `_EXACT_LIMIT`): the exact distance takes time in that product.
pub const EXACT_LIMIT: usize = 250_000_000;

/// Runs of at least this many matched words bound the stretches of a long document (the
/// scorer's `_STRONG_RUN`); shorter runs split a stretch still too long.
const STRONG_RUN: usize = 3;

/// A normalised text as the distances see it: its characters, its words as ids, and where
/// each word starts among the characters.
struct Compared<'a> {
    chars: &'a [char],
    ids: &'a [u32],
    starts: Vec<usize>,
    lens: Vec<usize>,
}

impl<'a> Compared<'a> {
    fn new(chars: &'a [char], words: &[&str], starts: Vec<usize>, ids: &'a [u32]) -> Self {
        let lens = words.iter().map(|w| w.chars().count()).collect();
        Compared {
            chars,
            ids,
            starts,
            lens,
        }
    }

    /// The characters from the end of word `i - 1` (the text's start for 0) to the start
    /// of word `j` (its end when `j` is past the last word).
    fn between(&self, i: usize, j: usize) -> &'a [char] {
        let from = match i.checked_sub(1) {
            Some(k) => self.starts[k] + self.word_len(k),
            None => 0,
        };
        let to = self.starts.get(j).copied().unwrap_or(self.chars.len());
        &self.chars[from..to.max(from)]
    }

    /// The length in characters of word `k`.
    fn word_len(&self, k: usize) -> usize {
        self.lens[k]
    }
}

/// The character and word edits from `other` to `truth`, with `runs` the runs of words
/// matched between them (`(truth index, other index, length)`, in order): exact for texts
/// within `limit` ([`EXACT_LIMIT`]), else summed over the stretches between runs of
/// [`STRONG_RUN`] words, a stretch still over the limit split at the shorter runs inside it.
fn distances(
    truth: &Compared,
    other: &Compared,
    runs: &[(usize, usize, usize)],
    limit: usize,
) -> (usize, usize) {
    if truth.chars.len().saturating_mul(other.chars.len()) <= limit {
        return (
            levenshtein(truth.chars, other.chars),
            levenshtein(truth.ids, other.ids),
        );
    }
    let (nt, no) = (truth.ids.len(), other.ids.len());
    let strong = runs.iter().filter(|r| r.2 >= STRONG_RUN).copied();
    let bounds: Vec<(usize, usize, usize)> = std::iter::once((0, 0, 0))
        .chain(strong)
        .chain(std::iter::once((nt, no, 0)))
        .collect();
    let (mut chars, mut words) = (0, 0);
    let mut add = |i1: usize, i2: usize, j1: usize, j2: usize| {
        chars += levenshtein(truth.between(i1, i2), other.between(j1, j2));
        words += levenshtein(&truth.ids[i1..i2], &other.ids[j1..j2]);
    };
    let mut weak = runs.iter().peekable();
    for pair in bounds.windows(2) {
        let ((pi, pj, pl), (i2, j2, _)) = (pair[0], pair[1]);
        let (i1, j1) = (pi + pl, pj + pl);
        if i1 == i2 && j1 == j2 {
            continue;
        }
        let (a, b) = (truth.between(i1, i2), other.between(j1, j2));
        if a.len().saturating_mul(b.len()) <= limit {
            add(i1, i2, j1, j2);
            continue;
        }
        // A very long stretch: split at the shorter runs inside it.
        while weak.peek().is_some_and(|r| r.0 < i1) {
            weak.next();
        }
        let (mut ci, mut cj) = (i1, j1);
        while let Some(&&(wi, wj, wl)) = weak.peek() {
            if wi >= i2 {
                break;
            }
            weak.next();
            if wj < cj || wj + wl > j2 {
                continue;
            }
            if wi > ci || wj > cj {
                add(ci, wi, cj, wj);
            }
            (ci, cj) = (wi + wl, wj + wl);
        }
        if ci < i2 || cj < j2 {
            add(ci, i2, cj, j2);
        }
    }
    (chars, words)
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

/// Which of `n` words of `truth` are matched by an identical word of the other text.
fn matched(n: usize, matches: &[(usize, usize)]) -> Vec<bool> {
    let mut ok = vec![false; n];
    for &(i, _) in matches {
        ok[i] = true;
    }
    ok
}

impl Scores {
    /// Adds one document: its OCR text, ground truth and the tool's output (already read;
    /// normalised here, as the scorer does by default).
    pub fn add(&mut self, ocr: &str, truth: &str, out: &str) {
        self.add_with(ocr, truth, out, Normalization::default());
    }

    /// [`Scores::add`], with the texts normalised as `how` says.
    pub fn add_with(&mut self, ocr: &str, truth: &str, out: &str, how: Normalization) {
        self.measure(ocr, truth, out, how, None);
    }

    /// [`Scores::add_with`], and what became of each of the document's ground-truth words
    /// ([`WordEffect`], in the ground truth's order): the words behind the counts.
    pub fn add_listing(
        &mut self,
        ocr: &str,
        truth: &str,
        out: &str,
        how: Normalization,
    ) -> Vec<WordEffect> {
        let mut words = Vec::new();
        self.measure(ocr, truth, out, how, Some(&mut words));
        words
    }

    /// Adds one document's figures, and its words' effects to `listing` when given.
    fn measure(
        &mut self,
        ocr: &str,
        truth: &str,
        out: &str,
        how: Normalization,
        mut listing: Option<&mut Vec<WordEffect>>,
    ) {
        let norm = |s: &str| normalize_with(s, how);
        let (ocr, truth, out) = (norm(ocr), norm(truth), norm(out));
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let (oc, gc, uc) = (chars(&ocr), chars(&truth), chars(&out));
        let (o, o_at) = words_of(&ocr);
        let (g, g_at) = words_of(&truth);
        let (u, u_at) = words_of(&out);
        let mut table = rustc_hash::FxHashMap::default();
        let (oi, gi, ui) = (
            ids(&o, &mut table),
            ids(&g, &mut table),
            ids(&u, &mut table),
        );
        self.docs += 1;
        self.gt_chars += gc.len();
        self.gt_words += g.len();
        let (ocr_m, out_m) = (match_tokens(&gi, &oi), match_tokens(&gi, &ui));
        let truth = Compared::new(&gc, &g, g_at, &gi);
        let ocr_runs = runs(&ocr_m.coarse);
        let out_runs = runs(&out_m.coarse);
        let (ocr_chars, ocr_words) = distances(
            &truth,
            &Compared::new(&oc, &o, o_at, &oi),
            &ocr_runs,
            EXACT_LIMIT,
        );
        let (out_chars, out_words) = distances(
            &truth,
            &Compared::new(&uc, &u, u_at, &ui),
            &out_runs,
            EXACT_LIMIT,
        );
        self.ocr_char_edits += ocr_chars;
        self.out_char_edits += out_chars;
        self.ocr_word_edits += ocr_words;
        self.out_word_edits += out_words;

        let (ocr_ok, out_ok) = (matched(g.len(), &ocr_m.fine), matched(g.len(), &out_m.fine));
        // The OCR words the tool changed, and where it inserted words.
        let mut changed = vec![false; o.len()];
        let mut inserted_at = rustc_hash::FxHashSet::default();
        for op in opcodes(&match_tokens(&oi, &ui).fine, o.len(), u.len()) {
            if op.equal {
                continue;
            }
            changed[op.a.clone()].fill(true);
            if !op.b.is_empty() {
                inserted_at.insert(op.a.start);
            }
        }
        // Only a listing asks which output words stand in each ground-truth word's place.
        let out_places = listing
            .is_some()
            .then(|| places(&opcodes(&out_m.fine, g.len(), u.len()), g.len()));
        for op in opcodes(&ocr_m.fine, g.len(), o.len()) {
            let (gr, or) = (op.a, op.b);
            for k in gr.clone() {
                let ocr_place = place_in(&gr, &or, k);
                let effect = match (ocr_ok[k], out_ok[k]) {
                    (true, true) => Effect::RightKept,
                    (true, false) => Effect::Broken,
                    (false, true) => Effect::Fixed,
                    (false, false) => {
                        let was_changed = if or.is_empty() {
                            inserted_at.contains(&or.start)
                        } else {
                            changed[ocr_place.clone()].iter().any(|&c| c)
                        };
                        if was_changed {
                            Effect::ChangedStillWrong
                        } else {
                            Effect::Missed
                        }
                    }
                };
                *self.count_of(effect) += 1;
                if let (Some(list), Some(out_places)) = (listing.as_deref_mut(), &out_places) {
                    list.push(WordEffect {
                        effect,
                        index: k,
                        truth: g[k].to_owned(),
                        ocr: o[ocr_place].join(" "),
                        out: u[out_places[k].clone()].join(" "),
                    });
                }
            }
        }
    }

    /// The count that words of `effect` add to.
    fn count_of(&mut self, effect: Effect) -> &mut usize {
        match effect {
            Effect::Fixed => &mut self.fixed,
            Effect::Broken => &mut self.broken,
            Effect::ChangedStillWrong => &mut self.changed_still_wrong,
            Effect::Missed => &mut self.missed,
            Effect::RightKept => &mut self.right_kept,
        }
    }

    /// Character error rate of the OCR text.
    pub fn ocr_cer(&self) -> f64 {
        rate(self.ocr_char_edits, self.gt_chars).unwrap_or(0.0)
    }

    /// Character error rate of the output.
    pub fn out_cer(&self) -> f64 {
        rate(self.out_char_edits, self.gt_chars).unwrap_or(0.0)
    }

    /// Word error rate of the OCR text.
    pub fn ocr_wer(&self) -> f64 {
        rate(self.ocr_word_edits, self.gt_words).unwrap_or(0.0)
    }

    /// Word error rate of the output.
    pub fn out_wer(&self) -> f64 {
        rate(self.out_word_edits, self.gt_words).unwrap_or(0.0)
    }

    /// Ground-truth words the tool changed: fixed, broken, or changed but still wrong.
    pub fn changes(&self) -> usize {
        self.fixed + self.broken + self.changed_still_wrong
    }

    /// Ground-truth words wrong in the OCR text.
    pub fn ocr_wrong(&self) -> usize {
        self.fixed + self.changed_still_wrong + self.missed
    }

    /// Fixed words over all words the tool changed.
    pub fn precision(&self) -> f64 {
        rate(self.fixed, self.changes()).unwrap_or(0.0)
    }

    /// Fixed words over all words wrong in the OCR text.
    pub fn recall(&self) -> f64 {
        rate(self.fixed, self.ocr_wrong()).unwrap_or(0.0)
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
        self.right_kept += o.right_kept;
    }
}

/// `n` over `d`; `None` over nothing, where the scorer reports `null`.
pub fn rate(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The percentage by which `after` is below `before`; `None` where there was nothing to
/// reduce, as the scorer has it.
pub fn reduction(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    match (before, after) {
        (Some(b), Some(a)) if b != 0.0 => Some(100.0 * (b - a) / b),
        _ => None,
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
            reduction(Some(self.ocr_cer()), Some(self.out_cer())).unwrap_or(0.0)
        )?;
        writeln!(
            f,
            "WER  {:.2}% -> {:.2}%  ({:.1}% reduction)",
            100.0 * self.ocr_wer(),
            100.0 * self.out_wer(),
            reduction(Some(self.ocr_wer()), Some(self.out_wer())).unwrap_or(0.0)
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
            100.0 * rate(self.broken, self.gt_words - self.ocr_wrong()).unwrap_or(0.0)
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
    }

    #[test]
    fn the_listing_names_the_words_behind_the_counts() {
        let (ocr, truth, out) = (
            "Tbe cat sat on tlie mat ,\nand tbe dog bark-\ned.",
            "The cat sat on the mat, and the dog barked.",
            "The cat sat on tie mat ,\nand the dig bark-\ned.",
        );
        let mut listed = Scores::default();
        let words = listed.add_listing(ocr, truth, out, Normalization::default());
        let mut counted = Scores::default();
        counted.add(ocr, truth, out);
        assert_eq!(listed, counted);
        assert_eq!(words.len(), counted.gt_words);
        let of = |e: Effect| -> Vec<(usize, &str, &str, &str)> {
            words
                .iter()
                .filter(|w| w.effect == e)
                .map(|w| (w.index, w.truth.as_str(), w.ocr.as_str(), w.out.as_str()))
                .collect()
        };
        assert_eq!(
            of(Effect::Fixed),
            [(0, "The", "Tbe", "The"), (7, "the", "tbe", "the")]
        );
        assert_eq!(of(Effect::Broken), [(8, "dog", "dog", "dig")]);
        // `the mat,` stands against three OCR words, `tlie mat ,`: one changed stretch.
        assert_eq!(
            of(Effect::ChangedStillWrong),
            [
                (4, "the", "tlie mat ,", "tie mat ,"),
                (5, "mat,", "tlie mat ,", "tie mat ,")
            ]
        );
        assert_eq!(of(Effect::Missed), []);
        assert_eq!(of(Effect::RightKept).len(), counted.right_kept);
    }

    #[test]
    fn a_long_document_is_measured_stretch_by_stretch_to_the_same_distance() {
        // Scattered edits: a misread letter, a word lost, one added, two run together.
        let truth: Vec<String> = (0..300).map(|i| format!("w{i}x")).collect();
        let mut other = truth.clone();
        other[10] = "w1Ox".into();
        other.remove(50);
        other.insert(120, "extra".into());
        other[200] = format!("{}{}", other[200], other[201]);
        other.remove(201);
        let (t, o): (Vec<&str>, Vec<&str>) = (
            truth.iter().map(String::as_str).collect(),
            other.iter().map(String::as_str).collect(),
        );
        let (tt, ot) = (t.join(" "), o.join(" "));
        let (tc, oc): (Vec<char>, Vec<char>) = (tt.chars().collect(), ot.chars().collect());
        let mut table = rustc_hash::FxHashMap::default();
        let (ti, oi) = (ids(&t, &mut table), ids(&o, &mut table));
        let (truth, other) = (
            Compared::new(&tc, &t, words_of(&tt).1, &ti),
            Compared::new(&oc, &o, words_of(&ot).1, &oi),
        );
        let runs = runs(&match_tokens(&ti, &oi).coarse);
        let exact = distances(&truth, &other, &runs, usize::MAX);
        assert_eq!(exact, (13, 5));
        // Split at the long runs, and with no limit left, at every run.
        assert_eq!(distances(&truth, &other, &runs, 10_000), exact);
        assert_eq!(distances(&truth, &other, &runs, 0), exact);
    }
}
