//! The channel model: how likely the scanner was to turn the word that was printed into the
//! token we see. A table of OCR confusions (`m` read as `rn`, `e` as `c`, …) prices shape
//! errors below ordinary edits, both in the weighted edit distance that ranks candidates
//! (`distance.rs`) and in the rewrites that reach candidates plain edit distance cannot
//! (`rewrites.rs`); the model is read from its table (`table.rs`), and holds too the
//! shares of marks, readings and words that training learned beside the confusions.

use crate::by_char::ByChar;
use crate::casing::{capital_inside, seams};
use crate::marks::MarkPlace;
use crate::openers::{Boundary, OpenerCounts};
use crate::quotes::QuotePlace;
use crate::readings::InputReading;
use crate::specks::{closed_words, weigh_share, Places, Side, SpeckFactors, SpeckTally};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;

mod distance;
mod rewrites;
mod table;

pub use distance::Reading;
use table::seen_and_share;

/// The embedded general confusion table: shape confusions of Latin print, the prior
/// knowledge every model starts from (`intended<TAB>observed<TAB>cost`).
const SHAPE_TABLE: &str = include_str!("../../dictionaries/ocr_confusions.tsv");
/// The embedded trained table: `ocrmend train` over the development sets (see
/// `dictionaries/README.md`).
const TRAINED_TABLE: &str = include_str!("../../dictionaries/ocr_channel.tsv");

/// One confusion: `intended` printed, `observed` read, at `cost` (1.0 = an ordinary edit).
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    /// What was printed (lower case).
    pub intended: Vec<char>,
    /// What the scanner produced (lower case).
    pub observed: Vec<char>,
    /// The price of this misreading in edit units.
    pub cost: f64,
}

/// Prices of the edits that are not in the confusion table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EditCosts {
    /// A letter read as another letter.
    pub substitute: f64,
    /// A letter read as punctuation (`t"o`).
    pub substitute_junk: f64,
    /// A stray letter inserted.
    pub insert: f64,
    /// Stray punctuation inserted inside a word (`rnountair.s`).
    pub insert_junk: f64,
    /// A letter dropped.
    pub delete: f64,
    /// Two neighbouring letters swapped.
    pub transpose: f64,
}

impl Default for EditCosts {
    fn default() -> Self {
        EditCosts {
            substitute: 1.0,
            substitute_junk: 0.8,
            insert: 1.0,
            insert_junk: 0.5,
            delete: 1.0,
            transpose: 1.0,
        }
    }
}

/// A confusion table and edit prices: the whole channel model.
#[derive(Debug, Clone)]
pub struct ChannelModel {
    confusions: Vec<Confusion>,
    costs: EditCosts,
    /// Confusions by the last character they read (`observed`), so each cell of the
    /// distance table tries only the few that can end there.
    by_end: ByChar<usize>,
    /// The confusions that read nothing, by the last character they drop.
    lost_by_end: ByChar<usize>,
    /// The confusions cheap enough to undo when rewriting a token, by the first character
    /// they read.
    rewritable: ByChar<usize>,
    /// The confusions that read digits as something else (`1` as `l`, `6` as `g`): what
    /// `crate::numbers` undoes, found once.
    digits_read: Vec<usize>,
    /// True when undoing some rewritable confusion costs less than nothing (only a
    /// hand-made model can say so): a rewrite's descendants may then be cheaper than it.
    negative_rewrites: bool,
    /// The most characters any confusion reads (a path through the cost table can skip
    /// that many rows less one).
    longest_read: usize,
    /// What the last of `confusions` read, case kept: they read a capital inside a word
    /// (`ll` read as `U` in `shaU`), and fit only where the token has such a capital (in
    /// `confusions` what they read is in lower case, as the distance table compares).
    capitals_read: Vec<Vec<char>>,
    /// Learned capitals: for a small first letter or a lower-case word (`i`, `in`), how
    /// often a token so spelled but capitalised inside a sentence was the small word, and
    /// how many such tokens were seen.
    capitals: FxHashMap<String, (f64, u32)>,
    /// Learned readings: for a lower-case word read in the OCR, how often it was read and
    /// how often another word had been printed there.
    readings: FxHashMap<String, ReadingRecord>,
    /// Learned printing: how often each lower-case word was printed in the training pages'
    /// ground truth (the domain's own word frequencies).
    printed: Vec<(String, u32)>,
    /// Learned pairs: how often two lower-case words were printed one after the other
    /// inside a sentence in the training pages' ground truth (the domain's own context).
    printed_pairs: Vec<(String, String, u32)>,
    /// Learned compounds: how often each lower-case word was printed as a part of a
    /// hyphenated compound in the training pages' ground truth, and (under the empty key)
    /// how many compounds were printed; empty for a model trained before they were counted.
    compounded: FxHashMap<String, u32>,
    /// Learned openers: which words the training pages printed after a comma or a stop.
    openers: OpenerCounts,
    /// Learned words read for others: for a lower-case word read, the words printed there
    /// instead (`tbe`: `the`).
    read_for: FxHashMap<String, Vec<ReadFor>>,
    /// Learned shares of marks beside words: strays, stops and lone quotes.
    marks_beside: MarkTallies,
    /// Learned marks printed for others: for a mark read before a word or number read
    /// right, by its place, then by the mark read, the mark most often printed there when
    /// that is another mark (`£` for `�`), how often the mark was read there, and how often
    /// that one was printed.
    marks_printed: FxHashMap<MarkPlace, FxHashMap<String, (String, u32, u32)>>,
    /// Learned clause ends: per lower-case word the training text printed before a word with
    /// a small first letter, how often, and how often a clause mark ([`is_clause_mark`])
    /// stood after it (`him,` often, `the,` never); [`ALL_WORDS`] holds the sums.
    clause_ends: FxHashMap<String, (u32, u32)>,
    /// The words the clause ends show (almost) never end a clause ([`closed_words`]).
    closed: Vec<String>,
    /// Per side ([`Side`]): the places beside the `closed` words and beside any word the
    /// training OCR saw, and the marks it read there.
    specks: [Places; 2],
    /// Learned points after words: per lower-case word the training text printed, how
    /// often, and how often with a point right after it ([`ALL_WORDS`] holds the sums).
    points: FxHashMap<String, (u32, u32)>,
    /// Learned names: per lower-case word the training text printed inside a sentence
    /// capitalised at least as often as not, how often it was printed there and how often
    /// capitalised (`John`, `York`).
    names: FxHashMap<String, (u32, u32)>,
    /// The marks the training pages surely show read for a letter more often than added
    /// where nothing was printed (`«` for `s` in `dollar«`; [`LETTER_MARK_Z`]), with what
    /// adding one costs: its learned price, at least a letter's. Other marks are added at the cheap
    /// [`EditCosts::insert_junk`], as specks mostly are.
    letter_marks: FxHashMap<char, f64>,
}

/// True for the marks that end a sentence or clause after a word (`,` `.` `;` `:` `!` `?`).
pub fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?')
}

/// True when the odds that `mark`, read after a word, was printed nowhere are weighed by
/// that word ([`ChannelModel::trailing_stray_mark_after`]): clause marks other than `;`. A
/// semicolon joins whole clauses, which end in any word (`alluded to; but`): weighed by the
/// word, semicolon deletions on the development sets were 10 right against 3 breaking a
/// right word, where commas, points and colons were 229 against 2.
fn weighed_by_word(mark: &str) -> bool {
    mark.chars().all(|c| is_clause_mark(c) && c != ';')
}

/// The fewest sightings inside a sentence that make a word written capitalised there a name
/// ([`ChannelModel::written_as_name`]).
const MIN_NAME_SIGHTINGS: u32 = 3;

/// How sure [`ChannelModel::written_as_name`] must be that a word is capitalised inside a
/// sentence more often than not: the normal quantile of a one-sided 90% Wilson bound. A
/// plain majority of a few sightings made names of `hidden` (two of three, a title), `church`
/// (18 of 31) and `board` (17 of 32).
const NAME_BOUND_Z: f64 = 1.2816;

/// How sure [`MarkReadings::letter_marks`] must be that a mark is read for a letter more
/// often than added: as sure as of a name. Without bln600, whose scans add points and
/// apostrophes inside words, three of the sets read `.` for letters 18 times against 13
/// added, and `'` 12 against 11; made letters, they cost bln600 left out 51 words fixed.
const LETTER_MARK_Z: f64 = NAME_BOUND_Z;

/// The lower end of the Wilson score interval for `hits` successes in `trials` trials, at
/// normal quantile `z`: the least share the counts make plausible.
fn wilson_lower_bound(hits: u32, trials: u32, z: f64) -> f64 {
    if trials == 0 {
        return 0.0;
    }
    let n = f64::from(trials);
    let p = f64::from(hits) / n;
    let z2 = z * z;
    (p + z2 / (2.0 * n) - z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt()) / (1.0 + z2 / n)
}

/// The key of [`ChannelModel`]'s clause-end counts summed over every word.
pub const ALL_WORDS: &str = "*";

/// The key of [`ChannelModel`]'s full stops printed at a paragraph's end (in place of the
/// word after: no word of letters is written so).
pub const PARAGRAPH_END: &str = "¶";

/// How many sightings at the rate of all words a word's own clause-end rate starts from
/// (a word printed a few times says little of itself).
const PSEUDO_WORDS: f64 = 10.0;

/// How often what per-word `counts` count held for `word` (any case), shrunk towards the
/// rate of all words ([`ALL_WORDS`]) for words seen a few times, and that rate: `None`
/// without counts for all words.
fn shrunk_rate(counts: &FxHashMap<String, (u32, u32)>, word: &str) -> Option<(f64, f64)> {
    let &(all_seen, all_held) = counts.get(ALL_WORDS)?;
    let all = (f64::from(all_held) + 1.0) / (f64::from(all_seen) + 2.0);
    let (seen, held) = counts
        .get(&word.to_lowercase())
        .copied()
        .unwrap_or_default();
    let own = (f64::from(held) + PSEUDO_WORDS * all) / (f64::from(seen) + PSEUDO_WORDS);
    Some((own, all))
}

/// Learned shares of marks told apart by one fact of their place (`true` or `false`: before
/// a small letter or not, after a word or not): per mark and place, how often it was seen
/// there and how often what is learned held (the mark was printed nowhere, the quote
/// belonged to the word after it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkShares([FxHashMap<String, (u32, u32)>; 2]);

impl MarkShares {
    /// Counts one sighting of `mark` at `place`, and whether what is learned held.
    pub fn count(&mut self, place: bool, mark: &str, held: bool) {
        let entry = self.0[usize::from(place)]
            .entry(mark.to_owned())
            .or_default();
        entry.0 += 1;
        entry.1 += u32::from(held);
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: MarkShares) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            for (mark, (seen, held)) in theirs {
                let entry = mine.entry(mark).or_default();
                entry.0 += seen;
                entry.1 += held;
            }
        }
    }

    /// Every mark counted, as `(place, mark, (seen, held))`.
    pub fn entries(&self) -> impl Iterator<Item = (bool, &str, (u32, u32))> {
        [false, true].into_iter().flat_map(move |place| {
            self.0[usize::from(place)]
                .iter()
                .map(move |(mark, &counts)| (place, mark.as_str(), counts))
        })
    }

    /// The share of the sightings of `mark` at `place` where what is learned held, shrunk
    /// towards none for marks seen a few times only; `None` when training never saw it so.
    pub fn share(&self, mark: &str, place: bool) -> Option<f64> {
        let &(seen, held) = self.0[usize::from(place)].get(mark)?;
        Some(f64::from(held) / (f64::from(seen) + PSEUDO_SIGHTINGS))
    }

    /// Reads one row's mark, place (`places`: how `false` and `true` are written) and last
    /// two columns (`seen<TAB>held`) into these shares; `None` when the row is not one.
    fn read<'a>(
        &mut self,
        mark: &str,
        place: &str,
        places: [&str; 2],
        columns: &mut impl Iterator<Item = &'a str>,
    ) -> Option<()> {
        let counts = seen_and_share(columns)?;
        let place = places.iter().position(|&p| p == place)? == 1;
        (!mark.is_empty()).then_some(())?;
        self.0[usize::from(place)].insert(mark.to_owned(), counts);
        Some(())
    }
}

/// The learned shares of marks beside words, each told apart by one fact of its place
/// ([`MarkShares`]): counted by `ocrmend train`, weighed by the stages that delete stray
/// marks, write back stops and close up lone quotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkTallies {
    /// Per mark read before a word inside a sentence (`-` in `on -the strength`), when the
    /// word itself was read right, before a word with a small first letter (`true`) or not:
    /// how often, and how often nothing was printed before it.
    pub strays: MarkShares,
    /// Per mark read after a word inside a sentence (`'` in `the' prisoner`), when the word
    /// itself was read right, after a word ending in `s` (`true`) or not: how often, and how
    /// often nothing was printed after it.
    pub trailing_strays: MarkShares,
    /// Per capitalised word read after a comma that followed a word read right
    /// ([`crate::stops::comma_before_capital`]), after a word that looks abbreviated
    /// (`true`) or not: how often, and how often a full stop was printed in the comma's place
    /// (`refused, The`); under the key [`PARAGRAPH_END`] too when the comma ends a
    /// paragraph's last line.
    pub stops_read: MarkShares,
    /// Per capitalised word printed after a word of letters
    /// ([`crate::lost_stops::before_capital`]): how often, and how often a full stop ended
    /// that word (`false`; under the key [`PARAGRAPH_END`], the same at paragraphs' ends,
    /// [`crate::lost_stops::paragraph_place`]); and under the key [`ALL_WORDS`], the full
    /// stops so printed and read as a stop or as no mark: how often, and how often as no mark
    /// (`true`).
    pub stops_printed: MarkShares,
    /// Per quote mark read standing alone before a word (`" You`), with a word before it
    /// (`true`) or not: how often, and how often the word was printed with it; where no
    /// quotation was open on its line.
    pub quotes_apart: MarkShares,
    /// The same inside a quotation open on the line ([`crate::quotes::quotation_open`]).
    pub quotes_open: MarkShares,
}

impl MarkTallies {
    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: MarkTallies) {
        self.strays.merge(other.strays);
        self.trailing_strays.merge(other.trailing_strays);
        self.stops_read.merge(other.stops_read);
        self.stops_printed.merge(other.stops_printed);
        self.quotes_apart.merge(other.quotes_apart);
        self.quotes_open.merge(other.quotes_open);
    }
}

/// The key a word read is known by in the readings training counted: a lone letter as
/// read (a small `e` between words is mostly a speck, a capital `E` mostly an initial), any
/// other word in lower case (`Tbe` is `tbe`).
pub fn reading_key(word: &str) -> Cow<'_, str> {
    let mut chars = word.chars();
    let lone = chars.next().is_some() && chars.next().is_none();
    if lone || !word.chars().any(char::is_uppercase) {
        // Most words asked about are in lower case already: no copy for them.
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A word training saw printed where another was read (`the` where `tbe` was read).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadFor {
    /// The word printed (lower case).
    pub printed: String,
    /// How many times it was printed where the word was read.
    pub count: u32,
    /// The word-level channel cost, `-ln P(the word read | this word printed) / SCALE`, when
    /// training counted how often this word was printed: the price of the whole misreading,
    /// which letter-by-letter pricing misses when the letters are not its usual confusions
    /// (`Mir` for `Mr`).
    pub cost: Option<f64>,
}

/// How reliable a word read in the OCR has been in training: read `seen` times, `misread` of
/// them for another word (`lie` read where `he` was printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingRecord {
    /// Times the word was read.
    pub seen: u32,
    /// Times another word had been printed.
    pub misread: u32,
}

impl ReadingRecord {
    /// More often another word misread than itself (`tho`, `lie`).
    pub fn mostly_misread(self) -> bool {
        2 * self.misread > self.seen
    }

    /// More often itself than another word misread.
    pub fn mostly_read_right(self) -> bool {
        2 * self.misread < self.seen
    }
}

/// Sightings added to those of a learned share ([`ChannelModel::read_for_share`], a word's
/// price as a whole misreading, [`ChannelModel::stray_mark`]), so that something seen three
/// times is not taken for certain.
const PSEUDO_SIGHTINGS: f64 = 2.0;

/// How many sightings of a word its own capital rate counts for against its first letter's.
const CAPITAL_PRIOR_WEIGHT: f64 = 5.0;

/// Confusions dearer than this are priced in the distance but not undone in rewrites.
const REWRITE_MAX_COST: f64 = 0.75;
/// At most this many confusions are tried in rewrites.
const REWRITE_MAX_RULES: usize = 120;

/// A line of a confusion table that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected `intended<TAB>observed<TAB>cost`, found {text:?}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// The offending line.
    pub text: String,
}

/// True for characters that are damage when found inside a word: anything neither a letter
/// nor a digit.
pub fn is_junk(c: char) -> bool {
    !c.is_alphanumeric()
}

impl Default for ChannelModel {
    /// The trained table together with the general shape confusions (where both price a
    /// confusion, the distance takes the cheaper).
    fn default() -> Self {
        ChannelModel::with_shapes(TRAINED_TABLE).expect("the embedded confusion tables are valid")
    }
}

impl ChannelModel {
    /// The probability that `word` (lower case), seen capitalised after a small-letter word
    /// inside a sentence, is the small word whose first letter was misread as a capital:
    /// the word's own share, weighed against its first letter's. `None` when the model has
    /// not seen the word so misread (a capital the training pages never show misread, as
    /// in `International`, is the text's own).
    pub fn capital_misread(&self, word: &str) -> Option<f64> {
        let first: String = word.chars().take(1).collect();
        let (letter, _) = *self.capitals.get(&first)?;
        let (own, seen) = *self.capitals.get(word)?;
        let seen = f64::from(seen);
        Some((own * seen + letter * CAPITAL_PRIOR_WEIGHT) / (seen + CAPITAL_PRIOR_WEIGHT))
    }

    /// The probability that `mark`, read before a word inside a sentence (whose first letter
    /// is `small` or not), was printed nowhere
    /// (a speck or a stray dash: `on -the strength`), shrunk towards none for marks seen a
    /// few times only; `None` when training never saw it so.
    pub fn stray_mark(&self, mark: &str, small: bool) -> Option<f64> {
        self.marks_beside.strays.share(mark, small)
    }

    /// The probability that `mark`, read after a word inside a sentence (a word ending in `s`
    /// or not: `months'` may be a plural's apostrophe), was printed nowhere (`the' prisoner`),
    /// shrunk towards none for marks seen a few times only; `None` when training never saw
    /// it so.
    pub fn trailing_stray_mark(&self, mark: &str, ends_in_s: bool) -> Option<f64> {
        self.marks_beside.trailing_strays.share(mark, ends_in_s)
    }

    /// The probability that a comma read after a word (one that looks abbreviated or not)
    /// and before the capitalised word `next` (lower case) stood for a full stop
    /// (`refused, The`), shrunk towards none for words seen there a few times only; `None`
    /// when training never saw a comma before it so.
    pub fn stop_read_as_comma(&self, next: &str, after_abbreviation: bool) -> Option<f64> {
        self.marks_beside.stops_read.share(next, after_abbreviation)
    }

    /// [`ChannelModel::stop_read_as_comma`] for a comma ending a paragraph's last line
    /// ([`crate::lost_stops::paragraph_ends`]), whatever word opens the next; `None` when
    /// training saw no such comma.
    pub fn stop_read_as_comma_at_paragraph_end(&self, after_abbreviation: bool) -> Option<f64> {
        self.marks_beside
            .stops_read
            .share(PARAGRAPH_END, after_abbreviation)
    }

    /// The probability that print ends a word of letters in a full stop before the
    /// capitalised word `next` (lower case), shrunk towards none for words seen a few times
    /// only; `None` when training never saw a stop before it.
    pub fn stop_printed_before(&self, next: &str) -> Option<f64> {
        self.marks_beside.stops_printed.share(next, false)
    }

    /// The probability that print ends a paragraph's last line, when its last word is in
    /// small letters and the next line opens a sentence, in a full stop
    /// ([`crate::lost_stops::paragraph_ends`]); `None` when training saw no such line.
    pub fn stop_printed_at_paragraph_end(&self) -> Option<f64> {
        self.marks_beside.stops_printed.share(PARAGRAPH_END, false)
    }

    /// The share of such stops the training scans read as no mark; `None` without training
    /// counts.
    pub fn stop_loss_rate(&self) -> Option<f64> {
        self.marks_beside.stops_printed.share(ALL_WORDS, true)
    }

    /// True when the training text wrote `word` (any case) capitalised inside a sentence more
    /// often than not, surely so (`NAME_BOUND_Z`) and seen there `MIN_NAME_SIGHTINGS` times
    /// or more: a name (`John`), whatever the lexicon lists besides (`john`).
    pub fn written_as_name(&self, word: &str) -> bool {
        self.names
            .get(&word.to_lowercase())
            .is_some_and(|&(seen, capitalised)| {
                seen >= MIN_NAME_SIGHTINGS
                    && wilson_lower_bound(capitalised, seen, NAME_BOUND_Z) > 0.5
            })
    }

    /// [`ChannelModel::trailing_stray_mark`] after `word` in particular: for a clause mark
    /// (one other than `;`), the odds that it was printed nowhere, learned over all words,
    /// moved by how seldom the training text ended a clause with this word against all
    /// words (a comma after `the` is a speck far oftener than one after `him`). Without
    /// clause-end counts, or for another mark, the share of all words.
    pub fn trailing_stray_mark_after(
        &self,
        mark: &str,
        ends_in_s: bool,
        word: &str,
    ) -> Option<f64> {
        let share = self.trailing_stray_mark(mark, ends_in_s)?;
        if !weighed_by_word(mark) {
            return Some(share);
        }
        Some(weigh_share(share, 1.0 / self.clause_end_odds(word)))
    }

    /// How many times likelier than any word the training text was to end a clause with
    /// `word` (any case), in odds (its clause-end rate shrunk towards all words'); 1 without
    /// clause-end counts. `of` and `the` end almost none, `court` more than most.
    pub fn clause_end_odds(&self, word: &str) -> f64 {
        match shrunk_rate(&self.clause_ends, word) {
            Some((own, all)) => (own / (1.0 - own)) / (all / (1.0 - all)),
            None => 1.0,
        }
    }

    /// Per mark, how many times as speckled as the training scans the input is (`input`,
    /// its counts) at `side` of words ([`SpeckFactors`]); 1 when training counted none.
    pub fn speck_factors(&self, side: Side, input: &SpeckTally) -> SpeckFactors {
        let s = side as usize;
        SpeckFactors::new(&self.specks[s], &input.places(side, &self.closed))
    }

    /// How much likelier `word` is to be followed by a point than any word, by the training
    /// pages' counts (shrunk towards all words' rate for words printed a few times), when
    /// a point read after it may also be a speck (`speck`: how often one is read where
    /// nothing was printed): `Mr` far likelier, `the` far less. `None` without such counts.
    pub fn point_odds(&self, word: &str, speck: f64) -> Option<f64> {
        let (own, all) = shrunk_rate(&self.points, word)?;
        Some((own + speck) / (all + speck))
    }

    /// The mark most likely printed where `mark` was read at `place`, before a word or
    /// number read right, when training saw another mark printed there more often than any
    /// other outcome, with the share of the sightings it was (shrunk towards none for marks
    /// seen a few times only). At a line's start where training made no rule for the mark
    /// (too few sightings there, or none for a model trained before line starts were told
    /// apart), the rule inside a line holds.
    pub fn mark_printed(&self, mark: &str, place: MarkPlace) -> Option<(&str, f64)> {
        let learned = |place: MarkPlace| self.marks_printed.get(&place)?.get(mark);
        let (printed, seen, n) = learned(place).or_else(|| learned(place.inside_line()))?;
        Some((
            printed,
            f64::from(*n) / (f64::from(*seen) + PSEUDO_SIGHTINGS),
        ))
    }

    /// The probability that `quote`, standing alone before a word at `place`, belonged to
    /// that word (the scanner set it apart: `" You`), shrunk towards none for marks seen a
    /// few times only; `None` when training never saw it so (a model trained before quotes
    /// inside an open quotation were counted apart knows none of those).
    pub fn quote_apart(&self, quote: &str, place: QuotePlace) -> Option<f64> {
        let shares = if place.open {
            &self.marks_beside.quotes_open
        } else {
            &self.marks_beside.quotes_apart
        };
        shares.share(quote, place.after_word)
    }

    /// How reliable `word` has been when read (in any case; a lone letter as read, see
    /// [`reading_key`]), if training saw it misread.
    pub fn reading_record(&self, word: &str) -> Option<ReadingRecord> {
        self.readings.get(reading_key(word).as_ref()).copied()
    }

    /// The share of the training sightings of `read` (by its [`reading_key`]) where `printed`
    /// (any case) was printed instead, shrunk towards none for words seen a few times only;
    /// 0 when training never saw that. (`tbe` is `the` nearly every time.)
    pub fn read_for_share(&self, read: &str, printed: &str) -> f64 {
        let printed = printed.to_lowercase();
        let Some(record) = self.reading_record(read) else {
            return 0.0;
        };
        let n = self
            .read_for_words(read)
            .find(|r| r.printed == printed)
            .map_or(0, |r| r.count);
        f64::from(n) / (f64::from(record.seen) + PSEUDO_SIGHTINGS)
    }

    /// Adds the input's own `readings` of words training never saw misread (it keeps its
    /// own), each priced as training prices its own: by how often the input reads the word
    /// printed (`printed`, any case) against how often its sure repairs read it so. Only the
    /// readings of those words change: a search for any other token finds what it found
    /// before.
    pub fn add_input_readings(&mut self, readings: &[InputReading], printed: impl Fn(&str) -> u32) {
        for r in readings {
            if self.read_for.contains_key(&r.read) || self.readings.contains_key(&r.read) {
                continue;
            }
            let words = self.read_for.entry(r.read.clone()).or_default();
            let all = printed(&r.printed).max(r.count);
            let p = f64::from(r.count) / (f64::from(all) + PSEUDO_SIGHTINGS);
            words.push(ReadFor {
                printed: r.printed.clone(),
                count: r.count,
                cost: Some(-p.ln() / crate::train::SCALE),
            });
        }
    }

    /// The words training saw printed where `read` (by its [`reading_key`]) was read.
    pub fn read_for_words(&self, read: &str) -> impl Iterator<Item = &ReadFor> {
        self.read_for
            .get(reading_key(read).as_ref())
            .into_iter()
            .flatten()
    }

    /// How often each word (lower case) was printed in the training pages, for the words
    /// training counted: the domain's word frequencies, which [`crate::Mender`] blends into
    /// the lexicon's priors.
    pub fn printed(&self) -> &[(String, u32)] {
        &self.printed
    }

    /// How often two words (lower case) were printed one after the other inside a sentence
    /// in the training pages, for the pairs training counted: the domain's own context,
    /// which [`crate::Mender`] adds to the lexicon's pair list.
    pub fn printed_pairs(&self) -> &[(String, String, u32)] {
        &self.printed_pairs
    }

    /// How often each word (lower case) was printed as a part of a hyphenated compound in
    /// the training pages (`police` in `police-court`), for the words so printed; `None` for
    /// a model that did not count compounds (every word would look never so printed).
    pub fn compounded(&self) -> Option<&FxHashMap<String, u32>> {
        (self.compounded.contains_key("")).then_some(&self.compounded)
    }

    /// Which words the training pages printed after a comma or a sentence's stop, and how
    /// often each boundary closed a chunk: the domain's clause openers ([`crate::openers`]).
    pub fn openers(&self) -> &OpenerCounts {
        &self.openers
    }

    /// A trained table (from `ocrmend train`) together with the general shape confusions,
    /// as the embedded default is made.
    pub fn with_shapes(trained: &str) -> Result<Self, TableError> {
        ChannelModel::from_tables(&[trained, SHAPE_TABLE])
    }

    /// A model of `confusions` with `costs` for everything else.
    pub fn new(confusions: Vec<Confusion>, costs: EditCosts) -> Self {
        ChannelModel::build(confusions, costs, Vec::new())
    }

    /// [`ChannelModel::new`], where the last confusions read a capital inside a word, as
    /// `capitals_read` gives (case kept): they are priced only where a token has such a
    /// capital, and never undone in rewrites (which are in lower case); nor are confusions
    /// of digits, since rewrites look for words.
    fn build(confusions: Vec<Confusion>, costs: EditCosts, capitals_read: Vec<Vec<char>>) -> Self {
        let first_capital = confusions.len() - capitals_read.len();
        let mut by_end: ByChar<usize> = ByChar::default();
        let mut lost_by_end: ByChar<usize> = ByChar::default();
        for (i, c) in confusions.iter().enumerate() {
            match (c.observed.last(), c.intended.last()) {
                (Some(&o), _) => by_end.entry(o).push(i),
                (None, Some(&w)) => lost_by_end.entry(w).push(i),
                (None, None) => {}
            }
        }
        let mut rewritable: Vec<usize> = (0..confusions.len())
            .filter(|&i| {
                let c = &confusions[i];
                i < first_capital
                    && !c.observed.is_empty()
                    && c.cost <= REWRITE_MAX_COST
                    && !c.observed.iter().all(|&ch| is_junk(ch))
                    // Rewrites look for words: digits printed are `crate::numbers`' to read.
                    && !c.intended.iter().any(char::is_ascii_digit)
            })
            .collect();
        rewritable.sort_by(|&a, &b| confusions[a].cost.total_cmp(&confusions[b].cost));
        rewritable.truncate(REWRITE_MAX_RULES);
        let negative_rewrites = rewritable.iter().any(|&k| confusions[k].cost < 0.0);
        let mut by_first: ByChar<usize> = ByChar::default();
        for k in rewritable {
            by_first.entry(confusions[k].observed[0]).push(k);
        }
        let rewritable = by_first;
        let digits_read = (0..first_capital)
            .filter(|&i| {
                let c = &confusions[i];
                !c.observed.is_empty()
                    && !c.intended.is_empty()
                    && c.intended.iter().all(char::is_ascii_digit)
                    && !c.observed.iter().all(char::is_ascii_digit)
            })
            .collect();
        let longest_read = confusions
            .iter()
            .map(|c| c.observed.len())
            .max()
            .unwrap_or(0)
            .max(2);
        ChannelModel {
            confusions,
            costs,
            by_end,
            lost_by_end,
            rewritable,
            digits_read,
            negative_rewrites,
            longest_read,
            capitals_read,
            capitals: FxHashMap::default(),
            readings: FxHashMap::default(),
            printed: Vec::new(),
            printed_pairs: Vec::new(),
            compounded: FxHashMap::default(),
            openers: OpenerCounts::default(),
            read_for: FxHashMap::default(),
            marks_beside: Default::default(),
            marks_printed: Default::default(),
            clause_ends: FxHashMap::default(),
            closed: Vec::new(),
            specks: Default::default(),
            points: FxHashMap::default(),
            names: FxHashMap::default(),
            letter_marks: FxHashMap::default(),
        }
    }

    /// What reading `mark` (punctuation other than `-`) where nothing was printed costs.
    fn mark_added(&self, mark: char) -> f64 {
        self.letter_marks
            .get(&mark)
            .copied()
            .unwrap_or(self.costs.insert_junk)
    }

    /// What confusion `k` reads, case kept, when it reads a capital inside a word.
    fn capital_read(&self, k: usize) -> Option<&[char]> {
        let first = self.confusions.len() - self.capitals_read.len();
        k.checked_sub(first)
            .map(|i| self.capitals_read[i].as_slice())
    }

    /// The confusions of this model.
    pub fn confusions(&self) -> &[Confusion] {
        &self.confusions
    }

    /// The confusions that read digits as something other than digits (`1` as `l` or `i`,
    /// `6` as `g`, `10` as `lo`).
    pub fn digits_read(&self) -> impl Iterator<Item = &Confusion> {
        self.digits_read.iter().map(|&i| &self.confusions[i])
    }
}

/// Equality of two short runs of characters, without a call to `memcmp` (the runs are at
/// most a few characters, and this is the distance table's innermost test).
#[inline]
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inputs_readings_join_trainings_without_changing_them() {
        let model = ChannelModel::from_table(">tbe\t>the\t0.1\t40\n").unwrap();
        let reading = |read: &str, printed: &str, count| InputReading {
            read: read.to_owned(),
            printed: printed.to_owned(),
            count,
        };
        let learned = [reading("tbe", "the", 3), reading("wvas", "was", 4)];
        let mut m = model.clone();
        m.add_input_readings(&learned, |w| if w == "was" { 20 } else { 0 });
        let found = |m: &ChannelModel, read: &str| -> Vec<(String, u32)> {
            m.read_for_words(read)
                .map(|r| (r.printed.clone(), r.count))
                .collect()
        };
        assert_eq!(found(&m, "tbe"), found(&model, "tbe"));
        assert_eq!(found(&m, "wvas"), [("was".to_owned(), 4)]);
        // Priced by how often the input reads the word: 4 of its 20, shrunk a little.
        let cost = m.read_for_words("wvas").next().unwrap().cost.unwrap();
        assert!((cost - -(4.0f64 / 22.0).ln() / crate::train::SCALE).abs() < 1e-9);
    }

    #[test]
    fn a_mark_mostly_read_for_a_letter_is_no_cheap_speck() {
        // `«` read for `s` 50 times, where nothing was printed 5: `dollar«` is likelier
        // `dollars`, and dropping the mark costs what training priced it.
        let letter = ChannelModel::from_table("s\t«\t1.0\t50\n\t«\t1.5\t5\n").unwrap();
        assert!(letter.cost("dollars", "dollar«") < letter.cost("dollar", "dollar«"));
        assert!((letter.cost("dollar", "dollar«") - 1.5).abs() < 1e-9);
        // Added more often than read for a letter: a speck, cheap to drop.
        let speck = ChannelModel::from_table("s\t«\t1.0\t5\n\t«\t1.5\t50\n").unwrap();
        assert!(speck.cost("dollar", "dollar«") < speck.cost("dollars", "dollar«"));
        assert_eq!(
            speck.cost("dollar", "dollar«"),
            EditCosts::default().insert_junk
        );
        // Read for a letter a little more often than not, in a few sightings: no sure sign.
        let unsure = ChannelModel::from_table("s\t«\t1.0\t18\n\t«\t1.5\t13\n").unwrap();
        assert!(unsure.cost("dollar", "dollar«") < unsure.cost("dollars", "dollar«"));
    }

    #[test]
    fn a_name_is_a_word_surely_capitalised_inside_sentences() {
        let m = ChannelModel::from_table(
            "%john\t%\t0\t40\t39\n%hidden\t%\t0\t3\t2\n%church\t%\t0\t31\t18\n\
             %ely\t%\t0\t3\t3\n%york\t%\t0\t2\t2\n",
        )
        .unwrap();
        assert!(m.written_as_name("John"));
        assert!(m.written_as_name("ely"));
        // A bare majority of a few sightings, or of many, is a title now and then, not a name.
        assert!(!m.written_as_name("hidden"));
        assert!(!m.written_as_name("church"));
        // Too few sightings, and none at all.
        assert!(!m.written_as_name("york"));
        assert!(!m.written_as_name("smith"));
    }

    #[test]
    fn wilson_bound_is_the_least_share_the_counts_make_plausible() {
        // Values of the one-sided 90% bound by its formula, computed apart.
        for (hits, trials, bound) in [
            (2, 3, 0.3212),
            (3, 3, 0.6462),
            (18, 31, 0.4658),
            (39, 40, 0.9200),
            (10, 10, 0.8589),
        ] {
            let got = wilson_lower_bound(hits, trials, NAME_BOUND_Z);
            assert!((got - bound).abs() < 1e-4, "{hits}/{trials}: {got}");
        }
        // Below the share, and closer to it the more sightings there are.
        let few = wilson_lower_bound(3, 4, NAME_BOUND_Z);
        let many = wilson_lower_bound(300, 400, NAME_BOUND_Z);
        assert!(few < many && many < 0.75);
        assert_eq!(wilson_lower_bound(0, 0, NAME_BOUND_Z), 0.0);
    }
}
