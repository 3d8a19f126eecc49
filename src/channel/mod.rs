//! The channel model: how likely the scanner was to turn the word that was printed into the
//! token we see. A table of OCR confusions (`m` read as `rn`, `e` as `c`, …) prices shape
//! errors below ordinary edits, both in the weighted edit distance that ranks candidates
//! (`distance.rs`) and in the rewrites that reach candidates plain edit distance cannot
//! (`rewrites.rs`); the model is read from its table (`table.rs`), and holds too the
//! readings and words training learned beside the confusions, and the shares of marks and
//! capitals the stages around words read (`shares.rs`).

use crate::by_char::ByChar;
use crate::casing::{capital_inside, seams};
use crate::marks::MarkPlace;
use crate::openers::{Boundary, OpenerCounts};
use crate::readings::InputReading;
use crate::specks::{closed_words, Places, Side};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;

mod distance;
mod rewrites;
mod shares;
mod table;

pub use distance::Reading;
pub use shares::{is_clause_mark, MarkShares, MarkTallies, ALL_WORDS, PARAGRAPH_END};

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
        let (by_end, lost_by_end) = distance_moves(&confusions, &costs, first_capital);
        let (rewritable, negative_rewrites) = rewritable_by_first(&confusions[..first_capital]);
        let digits_read = (0..first_capital)
            .filter(|&i| reads_digits(&confusions[i]))
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

/// True when a plain edit always prices what confusion `c` does no dearer, so that the
/// weighted distance need never try it: one letter read as another character costs a
/// substitution at most, one letter lost a deletion, and a letter (or hyphen) read where
/// nothing was printed an insertion (other marks read so have prices of their own).
/// Trained models learn many such (a common letter misread a few times in many thousand
/// sightings): three in four of the embedded model's one-letter confusions.
fn dominated(c: &Confusion, costs: &EditCosts) -> bool {
    match (&c.intended[..], &c.observed[..]) {
        ([_], [_]) => c.cost >= costs.substitute.max(costs.substitute_junk),
        ([_], []) => c.cost >= costs.delete,
        ([], &[read]) => (!is_junk(read) || read == '-') && c.cost >= costs.insert,
        _ => false,
    }
}

/// Equality of two short runs of characters, without a call to `memcmp` (the runs are at
/// most a few characters, and this is the distance table's innermost test).
#[inline]
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The confusions the distance table can take, by the last character they read (`by_end`)
/// and, for those that read nothing, by the last character they drop (`lost_by_end`): where
/// two tables (or two cases) price the same confusion, only the cheaper; none a plain edit
/// prices no dearer. The confusions from `first_capital` on read a capital inside a word and
/// are all kept.
fn distance_moves(
    confusions: &[Confusion],
    costs: &EditCosts,
    first_capital: usize,
) -> (ByChar<usize>, ByChar<usize>) {
    let mut by_end: ByChar<usize> = ByChar::default();
    let mut lost_by_end: ByChar<usize> = ByChar::default();
    let mut cheapest: FxHashMap<(&[char], &[char]), usize> = FxHashMap::default();
    for (i, c) in confusions.iter().enumerate().take(first_capital) {
        let best = cheapest.entry((&c.intended, &c.observed)).or_insert(i);
        if c.cost < confusions[*best].cost {
            *best = i;
        }
    }
    for (i, c) in confusions.iter().enumerate() {
        let repeated = i < first_capital && cheapest[&(&c.intended[..], &c.observed[..])] != i;
        if repeated || dominated(c, costs) {
            continue;
        }
        match (c.observed.last(), c.intended.last()) {
            (Some(&o), _) => by_end.entry(o).push(i),
            (None, Some(&w)) => lost_by_end.entry(w).push(i),
            (None, None) => {}
        }
    }
    (by_end, lost_by_end)
}

/// The [`REWRITE_MAX_RULES`] cheapest of `confusions` worth undoing when rewriting a token,
/// by the first character they read, and whether undoing any of them costs less than
/// nothing. Not those that read only junk, nor those of digits printed, since rewrites look
/// for words: digits are `crate::numbers`' to read.
fn rewritable_by_first(confusions: &[Confusion]) -> (ByChar<usize>, bool) {
    let mut rewritable: Vec<usize> = (0..confusions.len())
        .filter(|&i| {
            let c = &confusions[i];
            !c.observed.is_empty()
                && c.cost <= REWRITE_MAX_COST
                && !c.observed.iter().all(|&ch| is_junk(ch))
                && !c.intended.iter().any(char::is_ascii_digit)
        })
        .collect();
    rewritable.sort_by(|&a, &b| confusions[a].cost.total_cmp(&confusions[b].cost));
    rewritable.truncate(REWRITE_MAX_RULES);
    let negative = rewritable.iter().any(|&k| confusions[k].cost < 0.0);
    let mut by_first: ByChar<usize> = ByChar::default();
    for k in rewritable {
        by_first.entry(confusions[k].observed[0]).push(k);
    }
    (by_first, negative)
}

/// True when `c` reads digits as something else (`1` as `l`, `6` as `g`).
fn reads_digits(c: &Confusion) -> bool {
    !c.observed.is_empty()
        && !c.intended.is_empty()
        && c.intended.iter().all(char::is_ascii_digit)
        && !c.observed.iter().all(char::is_ascii_digit)
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
}
