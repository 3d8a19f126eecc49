//! Training the channel model from the user's own pages: OCR output aligned with corrected
//! text (ground truth). Words are aligned first, then the letters of each misread word, and
//! every run of differing letters (`m` read as `rn`, `e` as `c`) is counted against how often
//! its intended letters occur. The result is a confusion table [`ChannelModel`] reads,
//! written row by row in `table.rs`.

use crate::capitals::{capital_inside_sentence, misread_capital_context};
use crate::casing::capital_inside;
use crate::channel::{
    is_clause_mark, reading_key, ChannelModel, MarkShares, MarkTallies, ALL_WORDS, PARAGRAPH_END,
};
use crate::detect::is_number_form;
use crate::generate::may_be_speck;
use crate::inside::after_small_letter;
use crate::lost_stops::{
    before_capital, ends_paragraph, paragraph_ends, paragraph_place, small_word,
};
use crate::marks::{before_digit, MarkPlace};
use crate::openers::Boundary;
use crate::quotes::{after_word, lone_quote, opens_with, quotation_open};
use crate::specks::{closed_words, Side, SpeckTally};
use crate::stops::{comma_before_capital, ends_in_stop};
use crate::strays::{
    carries_on, ends_in_s, leading_mark, opened, paired, starts_small, trailing_mark,
};
use crate::tokenize::chunk_core;
use rustc_hash::FxHashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::fmt::Write;
use std::ops::Range;

mod table;

/// The longest run of letters (on either side) a confusion may have.
pub const MAX_RUN: usize = 3;

/// How many times a confusion must be seen to be kept.
pub const MIN_COUNT: u32 = 3;

/// The fewest sightings of a mark printed as another that make a rule of it
/// ([`ChannelModel::mark_printed`]): the pound sign lost to U+FFFD was seen 97 times in the
/// development pages; a curly apostrophe the transcription wrote straight, 12 times in
/// one set.
pub const MIN_MARK_SIGHTINGS: u32 = 20;

/// The fewest times a word must be printed before a small letter for its clause-end counts
/// to be kept (rarer words take the rate of all words).
const MIN_CLAUSE_WORDS: u32 = 20;

/// Nats per unit of channel cost: a learned probability `p` becomes cost `-ln(p) / SCALE`,
/// matching the ranker's default channel weight.
pub const SCALE: f64 = 7.0;

/// Counts gathered from aligned OCR and ground-truth pairs.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    confusions: FxHashMap<(String, String), u32>,
    contexts: FxHashMap<String, u64>,
    letters: u64,
    pairs: u64,
    misread: u64,
    /// Per lower-case word: capitalised inside a sentence in the OCR, and how many of those
    /// were the small word in the ground truth.
    capitals: FxHashMap<String, (u32, u32)>,
    /// The OCR's marks beside words that seldom end a clause: the training scans' specks.
    specks: SpeckTally,
    /// Per word of letters read in the OCR (by its [`reading_key`]): how often it was read,
    /// and how often the ground truth had another word there (`lie` for `he`), or nothing (a
    /// speck).
    readings: FxHashMap<String, (u32, u32)>,
    /// Per lower-case word of letters in the ground truth: how often it was printed.
    printed: FxHashMap<String, u32>,
    /// Per two such words printed one after the other inside a sentence: how often.
    printed_pairs: FxHashMap<(String, String), u32>,
    /// Per lower-case word of letters in the ground truth: how often it was printed as a
    /// part of a hyphenated compound (`police` in `police-court`), and (under the empty
    /// key) how many such compounds were printed.
    compounded: FxHashMap<String, u32>,
    /// Per boundary ([`Boundary`]) and such word printed right after it: how often (`and`
    /// after a comma).
    openers: FxHashMap<(Boundary, String), u32>,
    /// Per boundary: how many chunks it closed with such a word after them.
    closes: [u64; 2],
    /// Per word read in the OCR (as `readings` counts them) and another word printed there:
    /// how often (`tbe` read where `the` was printed).
    read_for: FxHashMap<(String, String), u32>,
    /// Per mark beside a word read right, and the stops and lone quotes around it: how
    /// often each was seen, and how often what is learned held.
    marks_beside: MarkTallies,
    /// Per mark read before a word or number read right, and where ([`MarkPlace`]): how
    /// often each mark was printed there (`£` where `�` was read before `500`).
    marks_printed: FxHashMap<(MarkPlace, String), FxHashMap<String, u32>>,
    /// Per lower-case word of letters in the ground truth printed after a small letter
    /// (inside a sentence), in small letters or capitalised: how often, and how often
    /// capitalised (`John` always, `house` seldom).
    names: FxHashMap<String, (u32, u32)>,
    /// Per lower-case word of letters in the ground truth printed before a chunk with a small
    /// first letter: how often, and how often a clause mark stood after it.
    clause_ends: FxHashMap<String, (u32, u32)>,
    /// Per lower-case word of letters in the ground truth: how often it was printed, and
    /// how often a point right after it (`Mr.` nearly always, `the.` almost never).
    points: FxHashMap<String, (u32, u32)>,
    /// Per run of letters printed and run read with a capital inside the word (`ll` read as
    /// `U` in `shaU`, case kept): how often.
    capitals_read: FxHashMap<(String, String), u32>,
    /// Letters read after a small letter, and how many of them were capitals: how often a
    /// scanner shows a capital inside a word whatever was printed.
    capital_chances: (u64, u64),
}

/// The shortest and longest words whose readings are counted: the words doubted as possible
/// misreadings of others.
const READING_LETTERS: std::ops::RangeInclusive<usize> = 1..=8;

/// True when `w` (a chunk's core) is a word of letters.
fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

/// The parts of `word` (a chunk's core, lower case) when it is a hyphenated compound of
/// words of letters (`police-court`, `mother-in-law`), else `None`.
fn compound_parts(word: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = word.split('-').collect();
    (parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic)))
    .then_some(parts)
}

/// The core of a whitespace-delimited chunk, in lower case: the token the tokenizer finds
/// in it, as the channel model sees words.
fn core(chunk: &str) -> String {
    chunk_core(chunk).to_lowercase()
}

impl Counts {
    /// Adds one document: its OCR text and its ground truth.
    pub fn add_document(&mut self, ocr: &str, truth: &str) {
        self.specks.add_text(ocr);
        self.add_printed(truth);
        let g_raw: Vec<&str> = truth.split_whitespace().collect();
        let g: Vec<String> = g_raw.iter().map(|c| core(c)).collect();
        self.add_truth(truth, &g_raw, &g);
        self.add_aligned(ocr, &g_raw, &g);
    }

    /// Counts what the ground truth `truth` prints, as the scorer reads it: its words, the
    /// parts of its hyphenated compounds, its pairs of words, and the words opening a clause
    /// or sentence.
    fn add_printed(&mut self, truth: &str) {
        // The words printed, a word hyphenated across a line counted whole (`com-`/`mittee`
        // is `committee`, not the words `com` and `mittee`), as the scorer reads them.
        let joined = crate::evaluate::normalize(truth);
        let p_raw: Vec<&str> = joined.split_whitespace().collect();
        let p: Vec<String> = p_raw.iter().map(|c| core(c)).collect();
        for word in &p {
            if is_word(word) {
                *self.printed.entry(word.clone()).or_default() += 1;
            } else if let Some(parts) = compound_parts(word) {
                *self.compounded.entry(String::new()).or_default() += 1;
                for part in parts {
                    *self.compounded.entry(part.to_owned()).or_default() += 1;
                }
            }
        }
        for (i, pair) in p.windows(2).enumerate() {
            // Not across the end of a sentence or clause: the words there do not go together.
            let ends = p_raw[i].ends_with(['.', '!', '?', ';', ':']);
            if !ends && is_word(&pair[0]) && is_word(&pair[1]) {
                *self
                    .printed_pairs
                    .entry((pair[0].clone(), pair[1].clone()))
                    .or_default() += 1;
            }
            if let Some(boundary) = Boundary::ending(p_raw[i]).filter(|_| is_word(&pair[1])) {
                self.closes[boundary.index()] += 1;
                *self.openers.entry((boundary, pair[1].clone())).or_default() += 1;
            }
        }
    }

    /// Counts the marks and capitals of the ground truth `truth` (its chunks `g_raw`, their
    /// cores `g`): the words printed with a point, the stops before a capital and at a
    /// paragraph's end, the words capitalised inside a sentence, and the words that end a
    /// clause.
    fn add_truth(&mut self, truth: &str, g_raw: &[&str], g: &[String]) {
        for (word, chunk) in g.iter().zip(g_raw).filter(|(w, _)| is_word(w)) {
            let pointed = trailing_mark(chunk).starts_with('.');
            for key in [word.as_str(), ALL_WORDS] {
                let e = self.points.entry(key.to_owned()).or_default();
                e.0 += 1;
                e.1 += u32::from(pointed);
            }
        }
        for pair in g_raw.windows(2) {
            if let Some(place) = before_capital(pair[0], pair[1]) {
                self.marks_beside
                    .stops_printed
                    .count(false, &place.next, place.stop);
            }
        }
        for brk in paragraph_ends(truth) {
            let last = truth[..brk].split_whitespace().next_back();
            let next = truth[brk..].split_whitespace().next();
            if let Some(place) = last.zip(next).and_then(|(l, n)| paragraph_place(l, n)) {
                self.marks_beside
                    .stops_printed
                    .count(false, PARAGRAPH_END, place.stop);
            }
        }
        for (i, pair) in g_raw.windows(2).enumerate() {
            let word = chunk_core(pair[1]);
            let small = word.chars().all(char::is_lowercase);
            let capitalised = capital_inside_sentence(pair[0], word);
            if (capitalised || small && after_small_letter(pair[0])) && is_word(&g[i + 1]) {
                let e = self.names.entry(g[i + 1].clone()).or_default();
                e.0 += 1;
                e.1 += u32::from(capitalised);
            }
            if is_word(&g[i]) && carries_on(pair[1]) {
                let marked = trailing_mark(pair[0]).contains(is_clause_mark);
                for key in [g[i].as_str(), ALL_WORDS] {
                    let e = self.clause_ends.entry(key.to_owned()).or_default();
                    e.0 += 1;
                    e.1 += u32::from(marked);
                }
            }
        }
    }

    /// Counts the OCR text `ocr` aligned word by word with the ground truth (its chunks
    /// `g_raw`, their cores `g`): the letters misread, the words read for others, and the
    /// marks read, lost or added beside words read right.
    fn add_aligned(&mut self, ocr: &str, g_raw: &[&str], g: &[String]) {
        let o_raw: Vec<&str> = ocr.split_whitespace().collect();
        // Whether each OCR chunk opens its line (the same chunks, line by line).
        let o_line_start: Vec<bool> = ocr
            .lines()
            .flat_map(|line| line.split_whitespace().enumerate().map(|(k, _)| k == 0))
            .collect();
        let o_paragraph_end = ends_paragraph(ocr);
        let o: Vec<String> = o_raw.iter().map(|c| core(c)).collect();
        for op in capture_diff_slices(Algorithm::Myers, g, &o) {
            let (tag, gr, or) = op.as_tag_tuple();
            if tag == DiffTag::Insert {
                // A speck read where nothing was printed (`sent to e penal`) is misread too,
                // as the ranker weighs its deletion. (Other words read there, `the the`,
                // are not: no reading of theirs deletes them.)
                for oi in or {
                    let read = chunk_core(o_raw[oi]);
                    if may_be_speck(read) {
                        self.add_reading("", read);
                    }
                }
                continue;
            }
            let Some(pairs) = word_for_word(tag, gr, or) else {
                continue;
            };
            for (gi, oi) in pairs {
                self.add_pair(&g[gi], &o[oi]);
                self.add_capitals_read(&g[gi], chunk_core(o_raw[oi]));
                self.add_reading(&g[gi], chunk_core(o_raw[oi]));
                if oi > 0 {
                    self.add_quote_apart(&o_raw[..oi], &o_line_start[..oi], o_raw[oi], g_raw[gi]);
                    if misread_capital_context(o_line_start[oi], o_raw.get(oi + 1).copied()) {
                        self.add_capital(o_raw[oi - 1], o_raw[oi], g_raw[gi]);
                    }
                    if g[gi] == o[oi] {
                        self.add_stray(o_raw[oi - 1], &o_raw[oi..], g_raw[gi]);
                    }
                }
                if g[gi] == o[oi] {
                    self.add_mark_printed(o_raw[oi], o_line_start[oi], g_raw[gi]);
                }
                if g[gi] == o[oi] && oi + 1 < o_raw.len() {
                    self.add_trailing_stray(&o_raw[..=oi], o_raw[oi + 1], g_raw[gi]);
                    let paragraph_end = o_paragraph_end.get(oi).copied().unwrap_or(false);
                    self.add_stop_read(o_raw[oi], o_raw[oi + 1], g_raw[gi], paragraph_end);
                    self.add_stop_lost(
                        (o_raw[oi], o_raw[oi + 1]),
                        (g_raw[gi], g_raw.get(gi + 1).copied()),
                    );
                }
            }
        }
    }

    /// Counts a word read in the OCR (`observed`, a word of letters as read) against what was
    /// printed (`intended`, in lower case; empty: nothing was printed there).
    fn add_reading(&mut self, intended: &str, observed: &str) {
        if !READING_LETTERS.contains(&observed.chars().count())
            || !observed.chars().all(char::is_alphabetic)
        {
            return;
        }
        let misread = intended != observed.to_lowercase();
        let key = reading_key(observed).into_owned();
        if misread && !intended.is_empty() {
            *self
                .read_for
                .entry((key.clone(), intended.to_owned()))
                .or_default() += 1;
        }
        let entry = self.readings.entry(key).or_default();
        entry.0 += 1;
        entry.1 += u32::from(misread);
    }

    /// Counts an OCR token capitalised inside a sentence (after `before`, a word ending in a
    /// small letter; the caller checks the rest of the context): was it the small word in the
    /// ground truth?
    fn add_capital(&mut self, before: &str, observed: &str, intended: &str) {
        let trim = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
        let (observed, intended) = (trim(observed), trim(intended));
        if !capital_inside_sentence(before, &observed) {
            return;
        }
        let small = observed.to_lowercase();
        let entry = self.capitals.entry(small.clone()).or_default();
        entry.0 += 1;
        entry.1 += u32::from(intended == small);
    }

    /// Counts a quote read alone before `observed` (the last of `before`, the chunks read
    /// before it; `line_starts` says which of them open a line) where the word was printed
    /// as `intended`: did the quote belong to it? (Training sees chunks, not lines: a quote
    /// ending a line counts too, though the stage closes gaps within a line only.)
    fn add_quote_apart(
        &mut self,
        before: &[&str],
        line_starts: &[bool],
        observed: &str,
        intended: &str,
    ) {
        let Some((&quote, earlier)) = before.split_last() else {
            return;
        };
        if !lone_quote(quote) || !observed.starts_with(char::is_alphanumeric) {
            return;
        }
        let line = line_starts.iter().rposition(|&start| start).unwrap_or(0);
        let shares = if quotation_open(earlier.get(line..).unwrap_or_default().iter().copied()) {
            &mut self.marks_beside.quotes_open
        } else {
            &mut self.marks_beside.quotes_apart
        };
        let held = opens_with(intended, quote);
        shares.count(after_word(earlier.last().copied()), quote, held);
    }

    /// Counts a mark read before a word inside a sentence (after `before`, a chunk ending in
    /// a small letter) where the word was read right: was there no mark in the ground truth?
    /// `observed` is the chunk read and those after it; a mark they pair is not counted.
    fn add_stray(&mut self, before: &str, observed: &[&str], intended: &str) {
        let mark = leading_mark(observed[0]);
        if mark.is_empty() || !after_small_letter(before) || paired(mark, observed.iter().copied())
        {
            return;
        }
        self.marks_beside.strays.count(
            starts_small(observed[0]),
            mark,
            leading_mark(intended).is_empty(),
        );
    }

    /// Counts a mark read before a word or number read right (`observed` the chunk read,
    /// `intended` the one printed): which mark was printed there?
    fn add_mark_printed(&mut self, observed: &str, line_start: bool, intended: &str) {
        let mark = leading_mark(observed);
        if mark.is_empty() || mark.len() == observed.len() {
            return;
        }
        let place = MarkPlace {
            before_digit: before_digit(observed),
            line_start,
        };
        *self
            .marks_printed
            .entry((place, mark.to_owned()))
            .or_default()
            .entry(leading_mark(intended).to_owned())
            .or_default() += 1;
    }

    /// Counts a mark read after a word inside a sentence (the last of `read`, the chunks
    /// read up to it, before `next`, a chunk starting with a small letter) where the word
    /// was read right: was there no mark after it in the ground truth? A mark that an
    /// opening one before the word pairs is not counted.
    fn add_trailing_stray(&mut self, read: &[&str], next: &str, intended: &str) {
        let Some(&observed) = read.last() else {
            return;
        };
        let mark = trailing_mark(observed);
        if mark.is_empty() || !carries_on(next) || opened(mark, read.iter().rev().copied()) {
            return;
        }
        self.marks_beside.trailing_strays.count(
            ends_in_s(observed),
            mark,
            trailing_mark(intended).is_empty(),
        );
    }

    /// Counts a comma read after a word read right (`read`, printed as `intended`) and before
    /// a capitalised word (`next`): was a full stop printed there? At the end of a
    /// paragraph's last line (`paragraph_end`) it counts for such places too.
    fn add_stop_read(&mut self, read: &str, next: &str, intended: &str, paragraph_end: bool) {
        if let Some(place) = comma_before_capital(read, next) {
            let stopped = ends_in_stop(intended);
            self.marks_beside
                .stops_read
                .count(place.after_abbreviation, &place.next, stopped);
            if paragraph_end && small_word(read) {
                self.marks_beside.stops_read.count(
                    place.after_abbreviation,
                    PARAGRAPH_END,
                    stopped,
                );
            }
        }
    }

    /// Counts a full stop printed after a word read right and before a capitalised word
    /// (`printed`: the ground truth's chunks, `read`: the OCR's): was the stop read as no
    /// mark at all?
    fn add_stop_lost(&mut self, read: (&str, &str), printed: (&str, Option<&str>)) {
        let printed = printed.1.and_then(|next| before_capital(printed.0, next));
        if let (Some(p), Some(r)) = (printed, before_capital(read.0, read.1)) {
            if p.stop {
                self.marks_beside
                    .stops_printed
                    .count(true, ALL_WORDS, !r.stop);
            }
        }
    }

    /// Adds one aligned word pair: `intended` printed, `observed` read.
    pub fn add_pair(&mut self, intended: &str, observed: &str) {
        // Numbers count too: their digits read as letters (`l8`, `1O`) are what
        // `crate::numbers` undoes.
        if intended.is_empty()
            || !intended.chars().any(char::is_alphabetic) && !is_number_form(intended)
        {
            return;
        }
        let w: Vec<char> = intended.chars().collect();
        self.pairs += 1;
        self.letters += w.len() as u64;
        for len in 1..=MAX_RUN {
            for run in w.windows(len) {
                *self.contexts.entry(run.iter().collect()).or_default() += 1;
            }
        }
        if intended == observed {
            return;
        }
        let o: Vec<char> = observed.chars().collect();
        if o.is_empty() || o.len() > 2 * w.len() + 2 {
            return;
        }
        self.misread += 1;
        for (wr, or) in differing_runs(&w, &o) {
            if wr.len() <= MAX_RUN && or.len() <= MAX_RUN {
                let (a, b) = (w[wr].iter().collect(), o[or].iter().collect());
                *self.confusions.entry((a, b)).or_default() += 1;
            }
        }
    }

    /// Counts the capitals inside `observed` (a word read, case kept) against `intended`
    /// (printed, lower case): which letters each was printed as (`ll` for the `U` of
    /// `shaU`), and how often any letter after a small one is read as a capital at all.
    fn add_capitals_read(&mut self, intended: &str, observed: &str) {
        let t: Vec<char> = observed.chars().collect();
        let o: Vec<char> = observed.to_lowercase().chars().collect();
        if intended.is_empty() || o.len() != t.len() {
            return;
        }
        for pair in t.windows(2) {
            if pair[0].is_lowercase() && pair[1].is_alphabetic() {
                self.capital_chances.0 += 1;
                self.capital_chances.1 += u64::from(pair[1].is_uppercase());
            }
        }
        if !capital_inside(&t, 0..t.len()) {
            return;
        }
        let w: Vec<char> = intended.chars().collect();
        for (wr, or) in differing_runs(&w, &o) {
            let short = !wr.is_empty() && wr.len() <= MAX_RUN && or.len() <= MAX_RUN;
            if short && capital_inside(&t, or.clone()) {
                let (a, b) = (w[wr].iter().collect(), t[or].iter().collect());
                *self.capitals_read.entry((a, b)).or_default() += 1;
            }
        }
    }

    /// Adds the counts of another set.
    pub fn merge(&mut self, other: Counts) {
        for (k, v) in other.confusions {
            *self.confusions.entry(k).or_default() += v;
        }
        for (k, v) in other.contexts {
            *self.contexts.entry(k).or_default() += v;
        }
        self.marks_beside.merge(other.marks_beside);
        self.specks.merge(&other.specks);
        for (k, printed) in other.marks_printed {
            let mine = self.marks_printed.entry(k).or_default();
            for (mark, n) in printed {
                *mine.entry(mark).or_default() += n;
            }
        }
        for (mine, theirs) in [
            (&mut self.capitals, other.capitals),
            (&mut self.readings, other.readings),
            (&mut self.clause_ends, other.clause_ends),
            (&mut self.points, other.points),
            (&mut self.names, other.names),
        ] {
            for (k, (n, m)) in theirs {
                let e = mine.entry(k).or_default();
                e.0 += n;
                e.1 += m;
            }
        }
        for (k, n) in other.printed {
            *self.printed.entry(k).or_default() += n;
        }
        for (k, n) in other.printed_pairs {
            *self.printed_pairs.entry(k).or_default() += n;
        }
        for (k, n) in other.compounded {
            *self.compounded.entry(k).or_default() += n;
        }
        for (k, n) in other.openers {
            *self.openers.entry(k).or_default() += n;
        }
        for (mine, theirs) in self.closes.iter_mut().zip(other.closes) {
            *mine += theirs;
        }
        for (k, n) in other.read_for {
            *self.read_for.entry(k).or_default() += n;
        }
        for (k, n) in other.capitals_read {
            *self.capitals_read.entry(k).or_default() += n;
        }
        self.capital_chances.0 += other.capital_chances.0;
        self.capital_chances.1 += other.capital_chances.1;
        self.letters += other.letters;
        self.pairs += other.pairs;
        self.misread += other.misread;
    }

    /// Word pairs seen, and how many of them were misread.
    pub fn pairs(&self) -> (u64, u64) {
        (self.pairs, self.misread)
    }

    /// The trained channel model.
    pub fn model(&self) -> ChannelModel {
        ChannelModel::from_table(&self.table()).expect("a generated table is valid")
    }
}

/// Channel models for cross-fitting, one per fold of `docs` (OCR text, ground truth):
/// document `i` is in fold `i % folds`, and fold `f`'s model is trained on every document
/// of the other folds, with the general shape confusions, as the embedded model is made.
/// Decisions a model makes on the pages it was trained on are surer than on new pages;
/// a calibration for a model trained on these pages is fitted on each fold's decisions by
/// its fold's model.
pub fn fold_models(docs: &[(&str, &str)], folds: usize) -> Vec<ChannelModel> {
    (0..folds)
        .map(|fold| {
            let mut counts = Counts::default();
            for (i, (ocr, truth)) in docs.iter().enumerate() {
                if i % folds != fold {
                    counts.add_document(ocr, truth);
                }
            }
            ChannelModel::with_shapes(&counts.table()).expect("a generated table is valid")
        })
        .collect()
}

/// The words (by index) of the ground truth and the OCR text that a diff operation over
/// their cores pairs one for one (`tag` equal, or a replacement of as many words), else `None`.
fn word_for_word(
    tag: DiffTag,
    truth: Range<usize>,
    ocr: Range<usize>,
) -> Option<impl Iterator<Item = (usize, usize)>> {
    (matches!(tag, DiffTag::Equal | DiffTag::Replace) && truth.len() == ocr.len())
        .then(|| truth.zip(ocr))
}

/// How well the OCR text `ocr` lines up with `truth`, as training pairs its words: the
/// share of its words paired one for one with a word of `truth` that they resemble, as a
/// misreading does (0 for no words). A page and the ground truth of another page pair few.
pub fn lined_up(ocr: &str, truth: &str) -> f64 {
    let cores = |text: &str| text.split_whitespace().map(core).collect::<Vec<String>>();
    let (g, o) = (cores(truth), cores(ocr));
    let paired: usize = capture_diff_slices(Algorithm::Myers, &g, &o)
        .iter()
        .filter_map(|op| {
            let (tag, gr, or) = op.as_tag_tuple();
            word_for_word(tag, gr, or)
        })
        .flatten()
        .filter(|&(gi, oi)| strsim::normalized_levenshtein(&g[gi], &o[oi]) >= 0.5)
        .count();
    if o.is_empty() {
        0.0
    } else {
        paired as f64 / o.len() as f64
    }
}

/// The runs where `w` and `o` differ, as ranges of each, in order (`m` against `rn`).
fn differing_runs(w: &[char], o: &[char]) -> Vec<(Range<usize>, Range<usize>)> {
    let ops = capture_diff_slices(Algorithm::Myers, w, o);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        let (tag, wr, or) = ops[i].as_tag_tuple();
        if tag == DiffTag::Equal {
            i += 1;
            continue;
        }
        let (mut a, mut b) = (wr, or);
        while i < ops.len() && ops[i].as_tag_tuple().0 != DiffTag::Equal {
            let (_, wr, or) = ops[i].as_tag_tuple();
            (a.end, b.end) = (wr.end, or.end);
            i += 1;
        }
        runs.push((a, b));
    }
    runs
}

/// A block of the table: the `header` line, then one line per row, in the rows' order.
fn block<T: Ord>(
    header: &str,
    rows: impl Iterator<Item = T>,
    line: impl Fn(&T) -> String,
) -> String {
    let mut rows: Vec<T> = rows.collect();
    rows.sort();
    let mut out = format!("{header}\n");
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}

#[cfg(test)]
mod tests;
