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
            if !matches!(tag, DiffTag::Equal | DiffTag::Replace) || gr.len() != or.len() {
                continue;
            }
            for (gi, oi) in gr.zip(or) {
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
mod tests {
    use super::*;
    use crate::quotes::QuotePlace;

    #[test]
    fn learns_multi_letter_confusions() {
        let mut c = Counts::default();
        for _ in 0..5 {
            c.add_document("the subrnarine and tbe rnan", "the submarine and the man");
        }
        let table = c.table();
        assert!(table.lines().any(|l| l.starts_with("m\trn\t")), "{table}");
        assert!(table.lines().any(|l| l.starts_with("h\tb\t")), "{table}");
        let model = c.model();
        assert!(model.cost("man", "rnan") < model.cost("man", "xan"));
        assert_eq!(c.pairs(), (25, 15));
    }

    #[test]
    fn learns_how_often_words_are_printed_in_compounds() {
        let mut c = Counts::default();
        let page = "the police-court and the police-station and the mother-in-law";
        c.add_document(page, page);
        let table = c.table();
        for row in ["-police\t-police\t0\t2", "-in\t-in\t0\t1", "-\t-\t0\t3"] {
            assert!(table.lines().any(|l| l == row), "{row:?} in\n{table}");
        }
        assert!(!table.lines().any(|l| l.starts_with("-the\t")), "{table}");
        let model = c.model();
        let counts = model.compounded().expect("the model counted compounds");
        assert_eq!(counts.get("court"), Some(&1));
        assert_eq!(counts.get("the"), None);
        // A table without the total row counted no compounds: no word is known never to be
        // printed in one.
        let old: String = table
            .lines()
            .filter(|l| !l.starts_with("-\t-\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(ChannelModel::from_table(&old)
            .unwrap()
            .compounded()
            .is_none());
    }

    #[test]
    fn learns_letters_read_as_a_capital_inside_a_word() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document(
                "we shaU see it aU in a smaU town, he said",
                "we shall see it all in a small town, he said",
            );
            let right = "all will be well, we shall tell them all";
            c.add_document(right, right);
        }
        let table = c.table();
        let row = |prefix: &str| {
            let line = table.lines().find(|l| l.starts_with(prefix));
            let cost = line.and_then(|l| l.split('\t').nth(2)?.parse::<f64>().ok());
            cost.unwrap_or_else(|| panic!("no {prefix:?} row in\n{table}"))
        };
        // The lower-case confusion is counted as before; the capital one costs less, since
        // a capital inside a word is rare whatever was printed.
        assert!(row("!ll\t!U\t") < row("ll\tu\t"));
        assert!(!table
            .lines()
            .any(|l| l.starts_with("!") && l.contains("\t!u")));
        let model = c.model();
        assert!(model.cost("shall", "shaU") < model.cost("shall", "shau"));
    }

    /// The counts of `pages` copies of one page: its OCR and its ground truth.
    fn trained_on(pages: usize, ocr: &str, truth: &str) -> Counts {
        let mut c = Counts::default();
        for _ in 0..pages {
            c.add_document(ocr, truth);
        }
        c
    }

    #[test]
    fn learns_how_often_a_quote_read_apart_belonged_to_the_word() {
        let c = trained_on(
            3,
            "He said, \" You must go.\" ' It is late, she said",
            "He said, \"You must go.\" It is late, she said",
        );
        let table = c.table();
        // `"` after a comma was the next word's three times in three; `'` never.
        assert!(table.contains("~\"\t~p\t0.0000\t3\t3\n"), "{table}");
        assert!(!table.contains("~'"), "{table}");
        let place = |after_word, open| QuotePlace { after_word, open };
        assert_eq!(
            c.model().quote_apart("\"", place(false, false)),
            Some(3.0 / 5.0)
        );
        assert_eq!(c.model().quote_apart("\"", place(true, false)), None);
        assert_eq!(c.model().quote_apart("\"", place(false, true)), None);
    }

    #[test]
    fn learns_how_often_a_comma_before_a_capitalised_word_stood_for_a_stop() {
        let c = trained_on(
            3,
            "he refused, The man left, John Smith came, Mr, Brown stayed, He went",
            "he refused. The man left, John Smith came. Mr. Brown stayed, He went",
        );
        let table = c.table();
        // Before `The`, a stop three times in three; before `John` never (no row); after
        // `Mr`, which looks abbreviated, counted apart; `came,` before `Mr` was a stop.
        assert!(table.contains("/the\t/w\t0.0000\t3\t3\n"), "{table}");
        assert!(table.contains("/mr\t/w\t0.0000\t3\t3\n"), "{table}");
        assert!(table.contains("/brown\t/A\t0.0000\t3\t3\n"), "{table}");
        assert!(!table.contains("/john"), "{table}");
        assert!(!table.contains("/he\t"), "{table}");
        let model = c.model();
        assert_eq!(model.stop_read_as_comma("the", false), Some(3.0 / 5.0));
        assert_eq!(model.stop_read_as_comma("the", true), None);
        assert_eq!(model.stop_read_as_comma("john", false), None);
    }

    #[test]
    fn learns_how_often_print_stops_before_a_capitalised_word_and_how_often_the_scan_lost_it() {
        let c = trained_on(
            3,
            "he refused The man left John Smith came. Mr Brown stayed. He went",
            "he refused. The man left. John Smith came. Mr. Brown stayed. He went",
        );
        let table = c.table();
        // In print a stop before `The`, `John` and `He` three times in three; `Mr.` before
        // `Brown` is an abbreviation's point, and `Smith` follows a name, not a sentence.
        assert!(table.contains("{the\t{p\t0.0000\t3\t3\n"), "{table}");
        assert!(table.contains("{john\t{p\t0.0000\t3\t3\n"), "{table}");
        assert!(!table.contains("{brown"), "{table}");
        assert!(!table.contains("{smith"), "{table}");
        // Of the 12 stops printed so, the scan read 6 as no mark (`refused The`, `left John`).
        assert!(table.contains("{*\t{l\t"), "{table}");
        let model = c.model();
        assert_eq!(model.stop_printed_before("the"), Some(3.0 / 5.0));
        assert_eq!(model.stop_loss_rate(), Some(6.0 / 14.0));
        assert_eq!(model.stop_printed_before("smith"), None);
        // No paragraph ended here: no share at a paragraph's end.
        assert_eq!(model.stop_printed_at_paragraph_end(), None);
    }

    #[test]
    fn learns_how_often_print_ends_a_paragraph_in_a_stop() {
        let line = "the words of a paragraph run to the full measure of its lines\n";
        // Two paragraphs ending in a stop, one whose last word is a name (not counted), and
        // one ending in no mark before a line in small letters (not counted either).
        let truth = format!(
            "{line}{line}it ended there.\nThe next\n{line}{line}so it did.\nAnd then\n{line}{line}he met Smith\nThe next\n{line}it went\non\n"
        );
        let c = trained_on(3, &truth, &truth);
        assert!(
            c.table().contains("{¶\t{p\t0.0000\t6\t6\n"),
            "{}",
            c.table()
        );
        assert_eq!(c.model().stop_printed_at_paragraph_end(), Some(6.0 / 8.0));
    }

    #[test]
    fn learns_how_often_a_comma_ending_a_paragraph_stood_for_a_stop() {
        let line = "the words of a paragraph run to the full measure of its lines\n";
        let ocr = format!("{line}{line}{line}it ended there,\nThe next\n{line}{line}");
        let truth = ocr.replace("there,", "there.");
        let table = trained_on(3, &ocr, &truth).table();
        assert!(table.contains("/¶\t/w\t0.0000\t3\t3\n"), "{table}");
        assert!(table.contains("/the\t/w\t0.0000\t3\t3\n"), "{table}");
        // Not counted so inside a paragraph.
        let ocr = format!("{line}{line}{line}it ended there, The next\n{line}{line}");
        let truth = ocr.replace("there,", "there.");
        assert!(!trained_on(3, &ocr, &truth).table().contains("/¶"));
    }

    #[test]
    fn quotes_inside_an_open_quotation_are_counted_apart() {
        let open = QuotePlace {
            after_word: true,
            open: true,
        };
        // `"` before `take` opens a quotation (none is open before it on its line) and
        // belonged to the word; the one after `take`, inside the quotation, closed it: it
        // was never `them`'s, so no row for it, and no share.
        let c = trained_on(3, "to \" take \" them", "to \"take\" them");
        let table = c.table();
        assert!(table.contains("~\"\t~w\t0.0000\t3\t3\n"), "{table}");
        assert!(!table.contains("~\"\t~W"), "{table}");
        assert_eq!(c.model().quote_apart("\"", open), None);
        // Where training saw quotes inside an open quotation belong to the next word.
        let c = trained_on(3, "\"I said \" No", "\"I said \"No");
        let table = c.table();
        assert!(table.contains("~\"\t~W\t0.0000\t3\t3\n"), "{table}");
        assert_eq!(c.model().quote_apart("\"", open), Some(3.0 / 5.0));
        // Each line counts its own quotes: one left open on a line is not open on the next.
        let c = trained_on(3, "he said \" no\nand \" flew", "he said \"no\nand \"flew");
        let table = c.table();
        assert!(table.contains("~\"\t~w\t0.0000\t6\t6\n"), "{table}");
    }

    #[test]
    fn learns_how_often_a_mark_after_a_word_was_printed_nowhere() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document(
                "the' prisoner said the months' time was 'long' enough, he said. Then",
                "the prisoner said the months' time was 'long' enough, he said. Then",
            );
        }
        let table = c.table();
        // `'` after `the` was printed nowhere three times in three; after `months` (a word
        // ending in s) it was printed three times; after `'long` it closes a quotation and is
        // not counted; a comma was printed; a point before a capital is not inside a sentence.
        assert!(table.contains("}'\t}w\t0.0000\t3\t3\n"), "{table}");
        assert!(!table.contains("}'\t}s"), "{table}");
        assert!(!table.contains("},"), "{table}");
        let model = c.model();
        assert_eq!(model.trailing_stray_mark("'", false), Some(3.0 / 5.0));
        assert_eq!(model.trailing_stray_mark("'", true), None);
        assert_eq!(model.trailing_stray_mark(".", false), None);
    }

    #[test]
    fn learns_which_mark_was_printed_where_another_was_read() {
        let counts = |pages: usize| {
            let mut c = Counts::default();
            for _ in 0..pages {
                c.add_document(
                    "paid ¤5 and ¤20, then #4 and #7 and #9; the -dog and -cat and ¤hat",
                    "paid £5 and £20, then #4 and №7 and №9; the dog and —cat and ¤hat",
                );
            }
            c
        };
        let c = counts(10);
        let table = c.table();
        // `¤` before a digit was `£` 20 times in 20; before a word it was right. `#` was `№`
        // 20 times in 30 (two in three: kept); `-` was printed nowhere as often as a dash
        // (a stray, not a mark read for another).
        assert!(table.contains("$¤\t$d£\t0.0000\t20\t20\n"), "{table}");
        assert!(table.contains("$#\t$d№\t"), "{table}");
        assert!(!table.contains("$¤\t$w"), "{table}");
        assert!(!table.contains("$-"), "{table}");
        let model = c.model();
        let inside = |before_digit| MarkPlace {
            before_digit,
            line_start: false,
        };
        assert_eq!(
            model.mark_printed("¤", inside(true)),
            Some(("£", 20.0 / 22.0))
        );
        assert_eq!(model.mark_printed("¤", inside(false)), None);
        assert_eq!(
            model.mark_printed("#", inside(true)),
            Some(("№", 20.0 / 32.0))
        );
        // Seen 18 times only (on nine pages), neither is a rule yet.
        let fewer = counts(9).table();
        assert!(!fewer.contains("$¤") && !fewer.contains("$#"), "{fewer}");
    }

    #[test]
    fn learns_marks_opening_a_line_apart_from_those_inside_it() {
        let c = trained_on(
            10,
            "He was remanded.\n-The court rose, and a well -known man left.\n-Mr. Smith spoke.",
            "He was remanded.\n—The court rose, and a well -known man left.\n—Mr. Smith spoke.",
        );
        let table = c.table();
        // A hyphen opening a line was a dash 20 times in 20; inside a line it was right.
        assert!(table.contains("$-\t$W—\t0.0000\t20\t20\n"), "{table}");
        assert!(!table.contains("$-\t$w"), "{table}");
        let model = c.model();
        let place = |line_start| MarkPlace {
            before_digit: false,
            line_start,
        };
        assert_eq!(
            model.mark_printed("-", place(true)),
            Some(("—", 20.0 / 22.0))
        );
        assert_eq!(model.mark_printed("-", place(false)), None);
    }

    #[test]
    fn learns_how_often_a_word_read_was_another() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("lie said it was lie", "he said it was lie");
        }
        let model = c.model();
        let record = model.reading_record("lie").unwrap();
        assert_eq!((record.seen, record.misread), (6, 3));
        // `said` was never misread: no row, the ranker's own odds stand.
        assert!(model.reading_record("said").is_none());
        // What was printed instead is learned too: `he`, 3 of the 6 sightings (shrunk by
        // the pseudo-sightings).
        let words = |m: &ChannelModel, read: &str| {
            m.read_for_words(read)
                .map(|r| (r.printed.clone(), r.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&model, "lie"), vec![("he".to_owned(), 3)]);
        // Priced as a whole: `he` printed 3 times, read `lie` all 3 (shrunk by the
        // pseudo-sightings).
        let cost = model.read_for_words("lie").next().unwrap().cost.unwrap();
        assert!((cost - -(3.0f64 / 5.0).ln() / SCALE).abs() < 1e-9, "{cost}");
        assert!((model.read_for_share("Lie", "He") - 3.0 / 8.0).abs() < 1e-9);
        assert_eq!(model.read_for_share("lie", "the"), 0.0);
        assert_eq!(model.read_for_share("said", "he"), 0.0);
        // A lone letter is read for a word too (`m` for `in`).
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("it was m the house", "it was in the house");
        }
        assert_eq!(words(&c.model(), "m"), vec![("in".to_owned(), 3)]);
    }

    #[test]
    fn a_lone_letter_read_where_nothing_was_printed_is_a_misreading_of_its_own_case() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document(
                "sent to e penal servitude by E. Smith",
                "sent to penal servitude by E. Smith",
            );
        }
        let model = c.model();
        // The small `e` stood for nothing, all 3 times: read where nothing was printed, it
        // is misread, not left out of the count.
        let small = model.reading_record("e").unwrap();
        assert_eq!((small.seen, small.misread), (3, 3));
        // The initial `E` was read right every time: it has a record of its own (none, as
        // it was never misread), and does not vouch for the small letter.
        assert!(model.reading_record("E").is_none());
        // Nothing printed is no word printed instead.
        assert_eq!(model.read_for_words("e").count(), 0);
        // Longer words are known in any case.
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("Tbe house and tbe", "The house and the");
        }
        let record = c.model().reading_record("TBE").unwrap();
        assert_eq!((record.seen, record.misread), (6, 6));
    }

    #[test]
    fn a_fold_model_learns_nothing_from_its_own_fold() {
        let docs = [
            (
                "tbe man and tbe dog and tbe cat",
                "the man and the dog and the cat",
            ),
            ("lie said lie was lie", "he said he was he"),
            ("tbe end", "the end"),
        ];
        let models = fold_models(&docs, 2);
        assert_eq!(models.len(), 2);
        // Fold 0 holds documents 0 and 2: its model was trained on document 1 only.
        assert!(models[0].reading_record("tbe").is_none());
        assert!(models[0].reading_record("lie").is_some());
        assert!(models[1].reading_record("tbe").is_some());
        assert!(models[1].reading_record("lie").is_none());
    }

    #[test]
    fn words_read_for_others_fewer_than_three_times_are_not_kept() {
        let mut c = Counts::default();
        for _ in 0..2 {
            c.add_document("tbe man and tlie dog", "the man and the dog");
        }
        assert_eq!(c.model().read_for_words("tbe").count(), 0);
        c.add_document("tbe cat", "the cat");
        let read_for = c.model().read_for_words("tbe").cloned().collect::<Vec<_>>();
        assert_eq!(read_for.len(), 1);
        assert_eq!(
            (read_for[0].printed.as_str(), read_for[0].count),
            ("the", 3)
        );
        assert_eq!(c.model().read_for_words("tlie").count(), 0);
    }

    #[test]
    fn learns_capitals_read_for_small_letters() {
        let mut c = trained_on(
            4,
            "he was In the house with Mary",
            "he was in the house with Mary",
        );
        c.add_document("he met Ian today", "he met Ian today");
        // Capitals where the text's own are common are not counted: opening a line, before
        // a capital.
        c.add_document("he was\nIn the house", "he was\nIn the house");
        c.add_document("he was In The House", "he was In The House");
        let model = c.model();
        // `In` inside a sentence was `in` four times in four, a capital `I` there `i` four
        // times in five (`Ian`); the word's own share is weighed against its letter's.
        let p = model.capital_misread("in").unwrap();
        let expected = (1.0 * 4.0 + 0.8 * 5.0) / 9.0;
        assert!((p - expected).abs() < 0.01, "{p}");
        // `Mary` was never a small word.
        assert!(model.capital_misread("mary").is_none());
    }

    #[test]
    fn learns_how_speckled_the_training_scans_were() {
        let truth = "he said the man was at the door and the dog ran\n";
        let mut c = Counts::default();
        for i in 0..200 {
            // One line in ten has a comma read after `the`, where none was printed.
            let ocr = if i % 10 == 0 {
                truth.replacen("the man", "the, man", 1)
            } else {
                truth.to_owned()
            };
            c.add_document(&ocr, truth);
        }
        let model = c.model();
        let factor = |text: &str| {
            let mut specks = SpeckTally::default();
            specks.add_text(&text.repeat(1000));
            model.speck_factors(Side::After, &specks).of(",")
        };
        // Training read a comma at one in 30 places after `the`; an input with one in
        // three is far more speckled, one with none less, one like training the same.
        assert!(factor("he said the, man was at the door and the dog ran\n") > 3.0);
        assert!(factor(truth) < 0.5);
        let like = format!(
            "{}{}",
            truth.repeat(9),
            truth.replacen("the man", "the, man", 1)
        );
        assert!((factor(&like) - 1.0).abs() < 0.2, "{}", factor(&like));
        let before = model.speck_factors(Side::Before, &SpeckTally::default());
        assert_eq!(before.of(","), 1.0);
    }

    #[test]
    fn learns_how_often_a_point_followed_a_word() {
        let mut c = Counts::default();
        for _ in 0..20 {
            c.add_document("lr. Smith said it.", "Mr. Smith said it. The man said it");
        }
        let model = c.model();
        let odds = |w: &str| model.point_odds(w, 0.0).unwrap();
        // `Mr` always took a point, `it` half the time, `said` and `the` never; a word never
        // printed has the rate of all words.
        assert!(
            odds("Mr") > 2.0 && odds("mr") == odds("Mr"),
            "{}",
            odds("Mr")
        );
        assert!(odds("said") < 0.5 && odds("the") < 1.0, "{}", odds("said"));
        assert!((odds("unseen") - 1.0).abs() < 1e-9);
        assert!(odds("Mr") > odds("it") && odds("it") > odds("said"));
        // A speck's chance keeps a word never printed with a point from being ruled out.
        assert!(model.point_odds("said", 0.01).unwrap() > odds("said"));
        assert_eq!(
            ChannelModel::from_table("").unwrap().point_odds("Mr", 0.01),
            None
        );
    }

    #[test]
    fn learns_how_often_words_were_printed() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("tlie prisoner said", "the prisoner said, 1863");
        }
        c.add_document("tlie constable", "the constable");
        let model = c.model();
        let printed: Vec<(&str, u32)> = model
            .printed()
            .iter()
            .map(|(w, n)| (w.as_str(), *n))
            .collect();
        // Counted in the ground truth, not the OCR; numbers and words printed fewer than
        // three times are left out.
        assert_eq!(printed, vec![("prisoner", 3), ("said", 3), ("the", 4)]);
        // Pairs inside a sentence, as printed: `said, 1863` has a number.
        let pairs: Vec<(&str, &str, u32)> = model
            .printed_pairs()
            .iter()
            .map(|(a, b, n)| (a.as_str(), b.as_str(), *n))
            .collect();
        assert_eq!(pairs, vec![("prisoner", "said", 3), ("the", "prisoner", 3)]);
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("the end. the prisoner", "the end. The prisoner");
        }
        let pairs = c.model().printed_pairs().to_vec();
        assert!(!pairs.iter().any(|(a, b, _)| a == "end" && b == "the"));
    }

    #[test]
    fn learns_which_words_open_a_clause_or_a_sentence() {
        let mut c = trained_on(
            3,
            "he fell, end the man ran. He went",
            "he fell, and the man ran. He went",
        );
        c.add_document("it was, 1863", "it was, 1863");
        let openers = c.model().openers().clone();
        // Counted in the ground truth after the mark ending a chunk: a number opens nothing.
        assert_eq!(openers.closes, [3, 3]);
        let mut words: Vec<(Boundary, &str, u32)> = openers
            .words
            .iter()
            .map(|(b, w, n)| (*b, w.as_str(), *n))
            .collect();
        words.sort();
        assert_eq!(
            words,
            vec![(Boundary::Comma, "and", 3), (Boundary::Stop, "he", 3)]
        );
        // Fewer than three sightings are left out (the totals stay).
        let mut c = Counts::default();
        c.add_document("he fell, and ran", "he fell, and ran");
        let openers = c.model().openers().clone();
        assert_eq!(openers.closes, [1, 0]);
        assert!(openers.words.is_empty());
    }

    #[test]
    fn a_word_hyphenated_across_a_line_is_printed_whole() {
        let mut c = Counts::default();
        for _ in 0..3 {
            c.add_document("the com- mittee met", "the com-\nmittee met post mortem");
        }
        let model = c.model();
        let printed: Vec<&str> = model.printed().iter().map(|(w, _)| w.as_str()).collect();
        assert!(printed.contains(&"committee"), "{printed:?}");
        assert!(!printed.contains(&"com") && !printed.contains(&"mittee"));
        let pairs: Vec<(&str, &str)> = model
            .printed_pairs()
            .iter()
            .map(|(a, b, _)| (a.as_str(), b.as_str()))
            .collect();
        assert!(pairs.contains(&("committee", "met")));
        assert!(pairs.contains(&("post", "mortem")));
        assert!(!pairs.contains(&("com", "mittee")));
    }
}
