//! Specks: how often a scan puts a mark where none was printed. Words that (almost) never
//! end a clause (`the`, `a`), read inside a sentence with a mark after them, or read after a
//! small-letter word with a mark before them, show a text's own rate of specks without any
//! ground truth. `ocrmend train` counts it in the training pages' OCR; the input is counted
//! the same way ([`crate::corpus::Corpus`]), and the stray-mark stages weigh the learned
//! shares by how much more (or less) speckled the input is ([`SpeckFactors`]).

use crate::channel::ALL_WORDS;
use crate::strays::{carries_on, pairs_up, split_marks};
use crate::tally::Tally;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Which side of a word a mark stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// A mark after a word inside a sentence (`the, prisoner`).
    After,
    /// A mark before a word after a small-letter word (`on -the strength`).
    Before,
}

/// Per side, per lower-case word: how often it was read at such a place, and per mark how
/// often with that mark.
#[derive(Debug, Clone, Default)]
pub struct SpeckTally {
    seen: [Tally; 2],
    marked: [FxHashMap<(String, String), u32>; 2],
    /// Per side, the places gathered at the first ask and the closed words they were
    /// gathered for: a run asks once per passage and stage, always with the same words, and
    /// gathering them goes over the whole run's counts (cleared when counts are added).
    gathered: [OnceLock<(Vec<String>, Places)>; 2],
}

impl PartialEq for SpeckTally {
    /// The same counts (what was gathered from them aside).
    fn eq(&self, other: &SpeckTally) -> bool {
        self.seen == other.seen && self.marked == other.marked
    }
}

impl SpeckTally {
    /// Counts the places of `text`: pairs of whitespace-delimited chunks on one line.
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let mut chunks = line.split_whitespace().peekable();
            while let Some(a) = chunks.next() {
                let Some(&b) = chunks.peek() else { break };
                let (lead_a, word_a, trail_a) = split_marks(a);
                if lead_a.is_empty() && carries_on(b) && is_small_word(word_a) {
                    self.count(Side::After, word_a, trail_a);
                }
                let (lead_b, word_b, _) = split_marks(b);
                if a.ends_with(char::is_lowercase) && is_small_word(word_b) {
                    self.count(Side::Before, word_b, lead_b);
                }
            }
        }
    }

    fn count(&mut self, side: Side, word: &str, mark: &str) {
        let s = side as usize;
        self.gathered[s] = OnceLock::new();
        self.seen[s].add(word, 1);
        if !mark.is_empty() {
            *self.marked[s]
                .entry((word.to_owned(), mark.to_owned()))
                .or_default() += 1;
        }
    }

    /// Adds the counts of another tally.
    pub fn merge(&mut self, other: &SpeckTally) {
        self.gathered = Default::default();
        for s in 0..2 {
            self.seen[s].merge(&other.seen[s]);
            for (k, n) in &other.marked[s] {
                *self.marked[s].entry(k.clone()).or_default() += n;
            }
        }
    }

    /// The places at `side` of the words of `closed`, and of all words, with the marks
    /// read there.
    pub fn places(&self, side: Side, closed: &[String]) -> Places {
        let s = side as usize;
        if let Some((words, places)) = self.gathered[s].get() {
            if words == closed {
                return places.clone();
            }
        }
        let places = self.gather(side, closed);
        // The first stored is kept: every thread gathers the same places.
        let _ = self.gathered[s].set((closed.to_vec(), places.clone()));
        places
    }

    /// [`SpeckTally::places`], gathered from the counts.
    fn gather(&self, side: Side, closed: &[String]) -> Places {
        let s = side as usize;
        let closed_set: FxHashSet<&str> = closed.iter().map(String::as_str).collect();
        let mut places = Places::default();
        for ((w, m), &n) in &self.marked[s] {
            places.all.add(m, n);
            if closed_set.contains(w.as_str()) {
                places.closed.add(m, n);
            }
        }
        places.all.places = u32::try_from(self.seen[s].total()).unwrap_or(u32::MAX);
        places.closed.places = closed.iter().map(|w| self.seen[s].get(w)).sum();
        places
    }
}

/// The places at one side of words: beside the words that seldom end a clause, where a
/// mark is a speck, and beside any word, where it is a speck or printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    /// Beside the closed words.
    pub closed: MarkCounts,
    /// Beside any word.
    pub all: MarkCounts,
}

/// Places beside the words that seldom end a clause, and how often each mark was read there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkCounts {
    /// How many places.
    pub places: u32,
    /// Per mark, at how many of them it was read.
    pub marks: FxHashMap<String, u32>,
}

impl MarkCounts {
    /// Counts `n` more places with `mark`.
    pub fn add(&mut self, mark: &str, n: u32) {
        *self.marks.entry(mark.to_owned()).or_default() += n;
    }

    /// At how many places `mark` was read.
    pub fn of(&self, mark: &str) -> u32 {
        self.marks.get(mark).copied().unwrap_or(0)
    }

    /// At how many places any mark was read.
    pub fn marked(&self) -> u32 {
        self.marks.values().sum()
    }
}

/// Per mark, how many times as speckled the input is as the training scans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeckFactors {
    by_mark: FxHashMap<String, f64>,
    /// For a mark neither read: the factor of no sighting.
    unseen: f64,
    /// Whether the input shows a speck at all, a mark beside a word that seldom ends a
    /// clause (`the,`); `None` when nothing is known of training's specks.
    speckled: Option<bool>,
}

impl SpeckFactors {
    /// Factors of 1: nothing known of the specks.
    pub fn none() -> Self {
        SpeckFactors {
            by_mark: FxHashMap::default(),
            unseen: 1.0,
            speckled: None,
        }
    }

    /// The factors of an input with counts `input` against training's `training`. A
    /// mark read beside a word is a speck or printed; the odds of a speck move with how
    /// much likelier each is in the input. Specks: beside the closed words, all marks
    /// together give the scan's rate, and each mark's own rate is shrunk towards its
    /// training rate times the scan's (specks are a scan's, their shapes a mark's). Printed
    /// marks: beside any word, less the specks, shrunk towards training's (a text in the
    /// style of the training pages prints as many semicolons).
    pub fn new(training: &Places, input: &Places, side: Side) -> Self {
        let (t, i) = (&training.closed, &input.closed);
        if t.places == 0 || training.all.places == 0 {
            return SpeckFactors::none();
        }
        let rate = |n: u32, places: u32| (f64::from(n) + 0.5) / (f64::from(places) + 1.0);
        let shrunk = |n: u32, places: u32, prior: f64, weight: f64| {
            (f64::from(n) + weight * prior) / (f64::from(places) + weight)
        };
        let scan = shrunk(
            i.marked(),
            i.places,
            rate(t.marked(), t.places),
            SPECK_PSEUDO_PLACES,
        ) / rate(t.marked(), t.places);
        let factor = |mark: &str| {
            let trained_speck = rate(t.of(mark), t.places);
            let speck = shrunk(
                i.of(mark),
                i.places,
                trained_speck * scan,
                SPECK_PSEUDO_PLACES,
            );
            let trained_printed =
                f64::from(training.all.of(mark)) / f64::from(training.all.places) - trained_speck;
            let printed = shrunk(
                input.all.of(mark),
                input.all.places,
                trained_printed + trained_speck,
                PRINTED_PSEUDO_PLACES,
            ) - speck;
            // Where either is too rare to tell, the printed marks are taken as training's.
            let floor = 1.0 / f64::from(training.all.places);
            let printed_factor = if trained_printed > floor && printed > floor {
                printed / trained_printed
            } else {
                1.0
            };
            speck / trained_speck / printed_factor
        };
        let mut by_mark = FxHashMap::default();
        for mark in t.marks.keys().chain(i.marks.keys()) {
            by_mark.insert(mark.clone(), factor(mark));
        }
        SpeckFactors {
            by_mark,
            unseen: factor(""),
            speckled: Some(shows_specks(i, rate(t.marked(), t.places), side)),
        }
    }

    /// Whether the input shows specks of its own: a mark beside a word that seldom ends a
    /// clause. A text without one, a clean page or a few lines, gives no sign that any of
    /// its marks is a speck; the learned shares are those of speckled newspaper scans, and
    /// would take the colon out of a clean page's `one thing early: most errors`. `None`
    /// when nothing is known of training's specks ([`SpeckFactors::none`]).
    pub fn speckled(&self) -> Option<bool> {
        self.speckled
    }

    /// The factor for `mark`.
    pub fn of(&self, mark: &str) -> f64 {
        self.by_mark.get(mark).copied().unwrap_or(self.unseen)
    }
}

/// Whether an input shows specks of its own on either side of a word, by its two sides'
/// judgements ([`SpeckFactors::speckled`]): true when training counted none to compare.
pub fn shown(sides: [Option<bool>; 2]) -> bool {
    sides.contains(&Some(true)) || sides == [None, None]
}

/// Whether the marks `input` read beside the closed words are likelier a scan's specks, at
/// training's rate `scanned`, than print's own, at most [`CLOSED_MAX_SHARE`] of the places
/// by the closed words' making: the likelihood ratio of the two rates over the input's
/// count. No mark is print's; one mark in a page's few dozen places is a scan's, one in a
/// clean book's hundreds of places is print's (`of, say,`). Before a word, brackets and
/// quotes, which open passages in print (`(the`, `'the best'`), are no sign either way.
fn shows_specks(input: &MarkCounts, scanned: f64, side: Side) -> bool {
    let sign = |mark: &str| side == Side::After || !mark.contains(pairs_up);
    let marked = input.marks.iter().filter(|(mark, _)| sign(mark));
    let marks = f64::from(marked.map(|(_, &n)| n).sum::<u32>());
    let places = f64::from(input.places);
    if marks == 0.0 || scanned <= CLOSED_MAX_SHARE {
        return marks > 0.0;
    }
    marks * (scanned / CLOSED_MAX_SHARE).ln() > places * (scanned - CLOSED_MAX_SHARE)
}

/// True for a word of small letters only: the places counted.
fn is_small_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_lowercase)
}

/// The fewest times training must have seen a word inside a sentence to call it closed.
pub const CLOSED_MIN_SEEN: u32 = 100;

/// The largest share of those times it may have ended a clause with a mark.
pub const CLOSED_MAX_SHARE: f64 = 0.002;

/// The words of `clause_ends` (per word: seen before a small letter, and with a mark after
/// it; [`crate::channel::ALL_WORDS`] the sums) that (almost) never end a clause, sorted.
pub fn closed_words(clause_ends: &FxHashMap<String, (u32, u32)>) -> Vec<String> {
    let mut closed: Vec<String> = clause_ends
        .iter()
        .filter(|(w, &(seen, marked))| w.as_str() != ALL_WORDS && is_closed(seen, marked))
        .map(|(w, _)| w.clone())
        .collect();
    closed.sort();
    closed
}

/// True when a word seen `seen` times before a small letter in the ground truth, `marked`
/// of them with a mark after it, (almost) never ends a clause: any mark read there is a speck.
pub fn is_closed(seen: u32, marked: u32) -> bool {
    seen >= CLOSED_MIN_SEEN && f64::from(marked) <= CLOSED_MAX_SHARE * f64::from(seen)
}

/// Places of the input counted as if seen at the rate expected, before the input's own
/// count moves the rate: a short text says little about its scan ([`SpeckFactors`]).
pub const SPECK_PSEUDO_PLACES: f64 = 2000.0;

/// The same for marks printed beside any word (far more places).
pub const PRINTED_PSEUDO_PLACES: f64 = 20_000.0;

/// A share (the probability that a mark was printed nowhere) with its odds multiplied by
/// `factor`.
pub fn weigh_share(share: f64, factor: f64) -> f64 {
    if share >= 1.0 || factor == 1.0 {
        return share;
    }
    let odds = share / (1.0 - share) * factor;
    odds / (1.0 + odds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_marks_after_and_before_words_inside_sentences() {
        let mut t = SpeckTally::default();
        t.add_text("he saw the, man and the dog\nin -the house. The end");
        let closed = ["the".to_owned()];
        // After: `the,` before `man` and `the` before `dog` (not `-the`, nor before `The`).
        let after = t.places(Side::After, &closed);
        assert_eq!((after.closed.places, after.closed.marked()), (2, 1));
        assert_eq!(after.closed.of(","), 1);
        // Beside any word: after `he`, `saw`, `the,`, `man`, `and` and `the` (`in` stands
        // before a mark, not a small letter).
        assert_eq!((after.all.places, after.all.of(",")), (6, 1));
        // Before: after `saw`, after `and`, and `-the` after `in` (not after `the,`).
        let before = t.places(Side::Before, &closed).closed;
        assert_eq!((before.places, before.of("-")), (3, 1));
    }

    #[test]
    fn places_asked_again_follow_the_counts_and_the_words_asked_for() {
        let closed = ["the".to_owned()];
        let mut t = SpeckTally::default();
        t.add_text("he saw the, man");
        assert_eq!(t.places(Side::After, &closed).closed.of(","), 1);
        // Counts added after an ask are in the next one, as a tally counted at once has them.
        t.add_text("and the, dog");
        let mut other = SpeckTally::default();
        other.add_text("a the; cat");
        t.merge(&other);
        let mut whole = SpeckTally::default();
        whole.add_text("he saw the, man\nand the, dog\na the; cat");
        assert_eq!(t, whole);
        assert_eq!(
            t.places(Side::After, &closed),
            whole.places(Side::After, &closed)
        );
        assert_eq!(t.places(Side::After, &closed).closed.of(","), 2);
        // Other words asked for, other places.
        let saw = ["saw".to_owned()];
        assert_eq!(t.places(Side::After, &saw).closed.places, 1);
        assert_eq!(t.places(Side::After, &saw).closed.of(","), 0);
    }

    #[test]
    fn a_mark_beside_a_closed_word_shows_specks_where_print_would_seldom_set_one() {
        let counts = |places: u32, marks: &[(&str, u32)]| MarkCounts {
            places,
            marks: marks.iter().map(|&(m, n)| (m.to_owned(), n)).collect(),
        };
        // Training's scans read a mark beside a closed word at one place in 100.
        let shows =
            |places, marks: &[(&str, u32)], side| shows_specks(&counts(places, marks), 0.01, side);
        assert!(!shows(60, &[], Side::After), "no mark: print's");
        assert!(
            shows(60, &[(",", 1)], Side::After),
            "one in a page's places"
        );
        assert!(!shows(2_000, &[(",", 1)], Side::After), "one in a book's");
        assert!(shows(2_000, &[(",", 12), ("'", 4)], Side::After));
        // Before a word, a bracket or a quote opens a passage in print.
        assert!(!shows(60, &[("(", 3), ("'", 1)], Side::Before));
        assert!(shows(60, &[("(", 3), ("-", 1)], Side::Before));
    }

    #[test]
    fn a_more_speckled_input_raises_the_odds_of_a_speck() {
        let counts = |places: u32, marks: &[(&str, u32)]| MarkCounts {
            places,
            marks: marks.iter().map(|&(m, n)| (m.to_owned(), n)).collect(),
        };
        let places = |closed, all| Places { closed, all };
        // Training: beside the closed words a comma 8 times in 10,000, a semicolon twice;
        // beside any word 3% and 0.5%.
        let training = places(
            counts(10_000, &[(",", 8), (";", 2)]),
            counts(100_000, &[(",", 3_000), (";", 500)]),
        );
        // An input that says nothing of its scan: training's odds.
        let none = SpeckFactors::new(
            &training,
            &places(counts(0, &[]), counts(0, &[])),
            Side::After,
        );
        assert!((none.of(",") - 1.0).abs() < 1e-6 && (none.of("#") - 1.0).abs() < 1e-6);
        // Ten times as many commas beside the closed words: commas far likelier specks,
        // and any mark somewhat.
        let all = counts(200_000, &[(",", 6_160), (";", 1_000)]);
        let commas = places(counts(20_000, &[(",", 160), (";", 4)]), all);
        let commas = SpeckFactors::new(&training, &commas, Side::After);
        assert!(commas.of(",") > 5.0, "{}", commas.of(","));
        assert!(commas.of(";") > 1.0 && commas.of(";") < commas.of(","));
        // A text printing five times as many semicolons, as speckled: they are less likely
        // specks.
        let style = places(
            counts(20_000, &[(",", 16), (";", 4)]),
            counts(200_000, &[(",", 6_000), (";", 5_000)]),
        );
        let style = SpeckFactors::new(&training, &style, Side::After);
        assert!(style.of(";") < 0.5, "{}", style.of(";"));
        assert!((style.of(",") - 1.0).abs() < 0.2, "{}", style.of(","));
        // No mark beside the closed words: all less likely specks.
        let clean = places(counts(20_000, &[]), counts(200_000, &[(",", 6_000)]));
        let clean = SpeckFactors::new(&training, &clean, Side::After);
        assert!(clean.of(",") < 0.5 && clean.of("#") < 1.0);
        let nothing = places(counts(0, &[]), counts(0, &[]));
        assert_eq!(
            SpeckFactors::new(&nothing, &training, Side::After).of(","),
            1.0
        );
        assert!((weigh_share(0.5, 3.0) - 0.75).abs() < 1e-9);
        assert_eq!(weigh_share(1.0, 0.2), 1.0);
    }
}
