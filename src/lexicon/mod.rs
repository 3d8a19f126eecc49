//! The lexicon the corrector checks words against and draws candidates from. Layers, last
//! wins: **base** (general English with frequencies, embedded in the binary), **domain** and
//! **user** lists, and **corpus** evidence from the input itself. Look-ups are case-aware:
//! `november`, `November` and `NOVEMBER` all find the entry `November`.

pub mod compiled;
pub mod domain;
pub mod endings;
pub mod keys;
mod pairs;
pub mod trigrams;

use crate::casing::CaseShape;
use crate::compounds::Compounds;
use crate::index::{DeleteIndex, Hit};
use crate::once::get_or_make;
use crate::openers::Boundary;
use compiled::Compiled;
pub use keys::{key_of, COMMON_WORDS};
pub use pairs::{association_nats, pair_association};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, OnceLock};

/// Where an entry came from; later layers win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// General English, embedded.
    Base,
    /// A domain list chosen by the user.
    Domain,
    /// The user's own list.
    User,
    /// Evidence from the input itself.
    Corpus,
}

/// Identifies an entry of a [`Lexicon`].
pub type WordId = u32;

/// One lexicon entry, as seen through [`Lexicon::entry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The canonical written form: lower case when the word has a lower-case use, else its
    /// capitalised form (`November`, `USSR`).
    pub form: &'a str,
    /// Corpus frequency (0 when the list gives none).
    pub count: u64,
    /// The layer that last added or changed the entry.
    pub layer: Layer,
}

/// Which place of a pair a word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The word before.
    First,
    /// The word after.
    Second,
}

/// An entry added or changed at run time.
#[derive(Debug, Clone)]
struct Added {
    form: Box<str>,
    key: Box<str>,
    count: u64,
    layer: Layer,
}

/// A layered word list with frequencies, bigram counts and a candidate index: the base
/// tables compiled into the binary, with the domain, user and corpus layers over them.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    base: Option<Compiled>,
    base_len: WordId,
    /// Keys of the words that are not in the base.
    ids: FxHashMap<Box<str>, WordId>,
    /// Entries of the words that are not in the base: id `base_len + i`.
    added: Vec<Added>,
    /// Base entries a later layer raised.
    raised: FxHashMap<WordId, Added>,
    /// The domain's word shares (see [`Lexicon::blend_printed`]) and their weight.
    printed: FxHashMap<WordId, f64>,
    printed_weight: f64,
    /// The association of the domain's pairs (see [`Lexicon::blend_printed`]), in nats.
    printed_pairs: FxHashMap<(WordId, WordId), f64>,
    /// The pairs the domain printed with a word the lexicon lacks, as `a b` (see
    /// [`Lexicon::printed_apart`]).
    printed_phrases: FxHashSet<Box<str>>,
    /// What the domain's pages say of hyphenated compounds (see [`Lexicon::compounds`]).
    compounds: Compounds,
    /// The domain's clause openers (see [`Lexicon::blend_openers`]): how often each word
    /// was printed after each boundary, and how many chunks each boundary closed.
    openers: FxHashMap<(Boundary, WordId), u32>,
    closes: [u64; 2],
    /// Listed words no frequency list counts that the input itself uses (see
    /// [`Lexicon::vouch`]).
    vouched: FxHashSet<WordId>,
    total: u64,
    index: OnceLock<DeleteIndex>,
    /// The commonest entries, for a lexicon with no base lists (see [`Lexicon::is_common`]).
    common: OnceLock<Common>,
    /// Hunspell dictionaries: they accept the inflected forms of their stems.
    hunspell: Vec<Arc<spellbook::Dictionary>>,
}

/// The [`COMMON_WORDS`] commonest words' own candidate index, and the least count among them.
#[derive(Debug, Default, Clone)]
struct Common {
    index: DeleteIndex,
    floor: u64,
}

impl Common {
    /// The index of `(count, id)` entries, the commonest ([`keys::commonest`]), `key`
    /// giving each one's lower-case key.
    fn of<'k>(ids: &[(u64, WordId)], key: impl Fn(WordId) -> &'k str) -> Common {
        let words: Vec<(WordId, &str)> = ids.iter().map(|&(_, id)| (id, key(id))).collect();
        Common {
            index: DeleteIndex::build(&words),
            floor: ids.iter().map(|&(count, _)| count).min().unwrap_or(0),
        }
    }
}

/// Counts below this are treated as this, so that listed words without a frequency still get
/// a prior (half the smallest count of the embedded unigram list).
pub const FLOOR_COUNT: u64 = 6_000;

impl Lexicon {
    /// An empty lexicon (for tests and for tools that bring all their own lists).
    pub fn empty() -> Self {
        Lexicon::default()
    }

    /// The embedded English lexicon: SCOWL words, unigram and bigram counts, compiled into
    /// the binary ahead of time (nothing is parsed at start-up).
    pub fn embedded() -> Self {
        match Compiled::embedded() {
            Some(base) => Lexicon {
                base: Some(base),
                base_len: compiled::BASE_LEN,
                total: compiled::BASE_TOTAL,
                ..Lexicon::default()
            },
            None => Lexicon::empty(),
        }
    }

    /// Adds every word of a plain list (`word` or `word<TAB>count` a line, `#` comments) in
    /// `layer`. Returns how many words were read.
    pub fn add_list(&mut self, text: &str, layer: Layer) -> usize {
        let mut n = 0;
        for (word, count) in domain::words(text) {
            self.add(word, count, layer);
            n += 1;
        }
        n
    }

    /// Adds a Hunspell dictionary (`.aff` and `.dic` text) in `layer`: its stems become
    /// entries (and candidates), and every form its affix rules allow is accepted as a word.
    /// Returns how many stems were read.
    pub fn add_hunspell(
        &mut self,
        aff: &str,
        dic: &str,
        layer: Layer,
    ) -> Result<usize, spellbook::ParseDictionaryError> {
        let dict = spellbook::Dictionary::new(aff, dic)?;
        let mut n = 0;
        // The first line is the stem count; each stem may carry `/FLAGS` and morphology.
        for line in dic.lines().skip(1) {
            let stem = line.split(['/', '\t', ' ']).next().unwrap_or("").trim();
            if !stem.is_empty() && !stem.starts_with('#') {
                self.add(stem, 0, layer);
                n += 1;
            }
        }
        self.hunspell.push(Arc::new(dict));
        Ok(n)
    }

    /// Adds `word` (or raises its count and layer if it is already there). A lower-case form
    /// becomes the canonical form over a capitalised one.
    pub fn add(&mut self, word: &str, count: u64, layer: Layer) -> WordId {
        let key = key_of(word);
        self.total += count;
        self.index = OnceLock::new();
        self.common.take();
        let found = self.id_of_key(&key);
        let slot = match found {
            Some(id) if id < self.base_len => {
                let base = self.entry(id);
                let (form, count0) = (base.form.into(), base.count);
                let k = key.clone().into_boxed_str();
                (
                    id,
                    self.raised.entry(id).or_insert_with(|| Added {
                        form,
                        key: k,
                        count: count0,
                        layer: Layer::Base,
                    }),
                )
            }
            Some(id) => (id, &mut self.added[(id - self.base_len) as usize]),
            None => {
                let id = self.base_len + self.added.len() as WordId;
                self.ids.insert(key.clone().into_boxed_str(), id);
                self.added.push(Added {
                    form: word.into(),
                    key: key.clone().into_boxed_str(),
                    count: 0,
                    layer,
                });
                (id, self.added.last_mut().expect("just pushed"))
            }
        };
        let (id, e) = slot;
        e.count += count;
        // A capitalised name does not vouch for the lower-case word it is spelled like
        // (`Tho` the place for `tho`).
        let homograph =
            word.chars().any(char::is_uppercase) && !e.form.chars().any(char::is_uppercase);
        if !homograph {
            e.layer = e.layer.max(layer);
        }
        if word == key && *e.form != *word {
            e.form = word.into();
        }
        id
    }

    fn id_of_key(&self, key: &str) -> Option<WordId> {
        self.base
            .as_ref()
            .and_then(|b| b.id(key))
            .or_else(|| self.ids.get(key).copied())
    }

    /// The entry id for `word` in any case, except that a capitalised word added above the
    /// base (a name such as `Ono` from a domain list) is not found by its lower case: the
    /// list vouches for the name, not for `ono`. A word with a small first letter and
    /// capitals after it (`wouId`, `coUld`: small letters read as capitals) is found only in
    /// exactly that form (`iPhone`).
    pub fn id(&self, word: &str) -> Option<WordId> {
        /// The longest word put in lower case without allocating.
        const SHORT_KEY: usize = 48;
        if word.chars().any(char::is_uppercase) {
            // A short ASCII word (most are) is put in lower case on the stack.
            let mut buffer = [0u8; SHORT_KEY];
            let id = match buffer.get_mut(..word.len()).filter(|_| word.is_ascii()) {
                Some(key) => {
                    key.copy_from_slice(word.as_bytes());
                    key.make_ascii_lowercase();
                    self.id_of_key(std::str::from_utf8(key).ok()?)
                }
                None => self.id_of_key(&key_of(word)),
            }?;
            let lower_mixed = !word.contains('-') && CaseShape::of(word) == CaseShape::LowerMixed;
            return (!lower_mixed || self.entry(id).form == word).then_some(id);
        }
        let id = self.id_of_key(word)?;
        match id.checked_sub(self.base_len) {
            Some(i)
                if self.added[i as usize].layer > Layer::Base
                    && self.added[i as usize].form.chars().any(char::is_uppercase) =>
            {
                None
            }
            _ => Some(id),
        }
    }

    /// The entry for `word` in any case.
    pub fn get(&self, word: &str) -> Option<Entry<'_>> {
        self.id(word).map(|id| self.entry(id))
    }

    /// True when `word` is in the lexicon in any case, or a Hunspell dictionary of it
    /// accepts the form.
    pub fn contains(&self, word: &str) -> bool {
        self.id(word).is_some() || self.hunspell.iter().any(|d| d.check(word))
    }

    /// The lower-case key of entry `id` (its form in lower case).
    pub fn key(&self, id: WordId) -> &str {
        match &self.base {
            Some(base) if id < self.base_len => base.key(id),
            _ => self
                .added
                .get(id.wrapping_sub(self.base_len) as usize)
                .map_or("", |a| &a.key),
        }
    }

    /// The entry's own record when a layer added or raised it (else the base list has it).
    fn own(&self, id: WordId) -> Option<&Added> {
        if id < self.base_len {
            self.raised.get(&id)
        } else {
            self.added.get((id - self.base_len) as usize)
        }
    }

    /// The count of entry `id` alone: what [`Lexicon::entry`] gives without looking up the
    /// written form (the ranker asks for counts of every pair it weighs).
    pub fn count(&self, id: WordId) -> u64 {
        match (self.own(id), &self.base) {
            (Some(e), _) => e.count,
            (None, Some(base)) if id < self.base_len => base.count(id),
            _ => 0,
        }
    }

    /// The entry with this id.
    pub fn entry(&self, id: WordId) -> Entry<'_> {
        match (self.own(id), &self.base) {
            (Some(e), _) => Entry {
                form: &e.form,
                count: e.count,
                layer: e.layer,
            },
            (None, Some(base)) if id < self.base_len => Entry {
                form: base.form(id),
                count: base.count(id),
                layer: Layer::Base,
            },
            _ => Entry {
                form: "",
                count: 0,
                layer: Layer::Base,
            },
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.base_len as usize + self.added.len()
    }

    /// True when the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Natural log of the entry's prior probability (listed words without a count get
    /// [`FLOOR_COUNT`]).
    pub fn log_prior(&self, id: WordId) -> f64 {
        let count = self.count(id).max(FLOOR_COUNT);
        let p = count as f64 / self.total.max(1) as f64;
        if self.printed_weight > 0.0 {
            let domain = self.printed.get(&id).copied().unwrap_or(0.0);
            (p + self.printed_weight * domain).ln()
        } else {
            p.ln()
        }
    }

    /// Natural log of the prior of a word the lexicon does not have.
    pub fn log_prior_unknown(&self) -> f64 {
        (FLOOR_COUNT as f64 / 20.0 / self.total.max(1) as f64).ln()
    }

    /// True when `id` is a word with evidence of use: a frequency, a layer above the base
    /// (a list the user chose, the input's own repetitions), or printed in the pages the
    /// channel model was trained on.
    pub fn attested(&self, id: WordId) -> bool {
        let e = self.entry(id);
        e.count > 0 || e.layer > Layer::Base || self.printed(id)
    }

    /// True when the pages a channel model was trained on printed `id` (see
    /// [`Lexicon::blend_printed`]): evidence of use for a word with no count of its own.
    pub fn printed(&self, id: WordId) -> bool {
        self.printed_weight > 0.0 && self.printed.contains_key(&id)
    }

    /// Adds the word shares of the pages a channel model was trained on (`printed`, lower
    /// case) to the priors with `weight`: a word's prior becomes
    /// `P(word) + weight × P_printed(word)`, so the domain's common words (`prisoner`, `Mr`)
    /// weigh more while every other word keeps its prior. The pairs those pages printed
    /// (`pairs`) vouch for their words' association ([`Lexicon::printed_association`]).
    /// Counts are unchanged; words the lexicon lacks are not added, and listed words no
    /// frequency list counts become candidates ([`Lexicon::candidates`]). A second call
    /// replaces the first.
    pub fn blend_printed(
        &mut self,
        printed: &[(String, u32)],
        pairs: &[(String, String, u32)],
        weight: f64,
    ) {
        self.printed.clear();
        self.printed_pairs.clear();
        self.printed_phrases.clear();
        self.printed_weight = 0.0;
        // The printed words not counted elsewhere are candidates (see `index`).
        self.index = OnceLock::new();
        let total: u64 = printed.iter().map(|(_, n)| u64::from(*n)).sum();
        if weight <= 0.0 || total == 0 {
            return;
        }
        self.printed_weight = weight;
        // Each printed word's entry and count (a pair's words are printed words: looked up
        // here once, not for every pair).
        let mut words: FxHashMap<&str, (WordId, u32)> = FxHashMap::default();
        // Sized once (this runs at every start, over tens of thousands of words and pairs).
        words.reserve(printed.len());
        self.printed.reserve(printed.len());
        self.printed_pairs.reserve(pairs.len());
        for (word, n) in printed {
            if let Some(id) = self.id(word) {
                *self.printed.entry(id).or_default() += f64::from(*n) / total as f64;
                words.insert(word, (id, *n));
            }
        }
        for (a, b, n) in pairs {
            let (Some(&(a, ca)), Some(&(b, cb))) = (words.get(a.as_str()), words.get(b.as_str()))
            else {
                self.printed_phrases.insert(format!("{a} {b}").into());
                continue;
            };
            let nats = pair_association(*n, total, ca, cb);
            self.printed_pairs.insert((a, b), nats);
        }
    }

    /// Takes `compounds` as what the domain's pages say of hyphenated compounds, replacing
    /// any earlier call.
    pub fn set_compounds(&mut self, compounds: Compounds) {
        self.compounds = compounds;
    }

    /// What the domain's pages say of hyphenated compounds: which words a hyphen beside
    /// joins to nothing (`the`, `said`), which are often compounded (`well`).
    pub fn compounds(&self) -> &Compounds {
        &self.compounds
    }

    /// Makes the listed words among `words` that no frequency list counts candidates for
    /// other tokens ([`Lexicon::candidates`]): the input's own use of `Highgate` or
    /// `beerhouse` is evidence that a damaged copy nearby stands for it. Adds to earlier calls.
    pub fn vouch<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        let before = self.vouched.len();
        for word in words {
            if let Some(id) = self.id(word).filter(|&id| self.uncounted_key(id).is_some()) {
                self.vouched.insert(id);
            }
        }
        if self.vouched.len() != before {
            self.index = OnceLock::new();
        }
    }

    /// The key of base entry `id` when no frequency list counts it and no later layer
    /// raised it: a word the compiled candidate index leaves out.
    fn uncounted_key(&self, id: WordId) -> Option<&str> {
        let base = self.base.as_ref()?;
        (id < self.base_len && base.count(id) == 0 && !self.raised.contains_key(&id))
            .then(|| base.key(id))
    }

    /// Sum of all unigram counts.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Every candidate entry within `max_distance` of `query` (lower case; see
    /// [`DeleteIndex::lookup`] for distances beyond 2): the
    /// words that carry a frequency, come from a domain, user or corpus layer, or were
    /// printed in the pages the channel model was trained on ([`Lexicon::blend_printed`]).
    pub fn candidates(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        let mut hits = match &self.base {
            Some(base) => base.lookup(query, max_distance),
            None => Vec::new(),
        };
        hits.extend(self.index().lookup(query, max_distance));
        hits.sort_unstable_by_key(|h| (h.id, h.distance));
        hits.dedup_by_key(|h| h.id);
        hits
    }

    /// Every one of the [`COMMON_WORDS`] commonest words within `max_distance` of `query`
    /// (lower case): a small index, searched deeper than the whole lexicon can be, for the
    /// many ways a short common word is misread (`tise`, `liom`).
    pub fn common_candidates(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        self.common().index.lookup(query, max_distance)
    }

    /// True when `id` is one of the [`COMMON_WORDS`] commonest words.
    pub fn is_common(&self, id: WordId) -> bool {
        let floor = self.common().floor;
        let count = match &self.base {
            Some(base) if id < self.base_len => base.count(id),
            Some(_) => 0,
            None => self.count(id),
        };
        floor > 0 && count >= floor
    }

    /// The commonest words: of the base lists when there are any (the same for every
    /// lexicon built on them, so computed once), else of this lexicon's own entries.
    fn common(&self) -> &Common {
        static BASE: OnceLock<Common> = OnceLock::new();
        match &self.base {
            // Chosen ahead of time by the build script.
            Some(base) => get_or_make(&BASE, || {
                let ids: Vec<(u64, WordId)> =
                    base.common_ids().map(|id| (base.count(id), id)).collect();
                Common::of(&ids, |id| base.key(id))
            }),
            None => get_or_make(&self.common, || {
                let ids = keys::commonest((0..self.len() as WordId).map(|id| (self.count(id), id)));
                Common::of(&ids, |id| self.key(id))
            }),
        }
    }

    /// Builds the candidate indexes now rather than at the first look-up. Work about to
    /// look words up on several threads calls it first: each thread that finds an index
    /// missing builds it (waiting for another to finish could deadlock the thread pool
    /// that builds it), so threads starting at once would each build both.
    pub fn prepare(&self) {
        self.index();
        self.common();
    }

    /// The run-time part of the candidate index: words added or raised above the base.
    fn index(&self) -> &DeleteIndex {
        get_or_make(&self.index, || {
            let words: Vec<(WordId, &str)> = self
                .ids
                .values()
                .map(|&id| (id, &*self.added[(id - self.base_len) as usize].key))
                .chain(
                    self.raised
                        .iter()
                        .filter(|(_, e)| e.layer > Layer::Base)
                        .map(|(&id, e)| (id, &*e.key)),
                )
                // Listed words no frequency list counts, printed in the pages the channel
                // model was trained on (`prosecutrix`, `tramcar`) or used by the input: the
                // domain or the text vouches for them.
                .chain(
                    self.printed
                        .keys()
                        .chain(
                            self.vouched
                                .iter()
                                .filter(|id| !self.printed.contains_key(id)),
                        )
                        .filter_map(|&id| Some((id, self.uncounted_key(id)?))),
                )
                .collect();
            DeleteIndex::build(&words)
        })
    }
}

/// The embedded lexicon, shared by the whole process.
pub fn embedded() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::embedded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_aware_lookup() {
        let mut lex = Lexicon::empty();
        lex.add("November", 10, Layer::Base);
        lex.add("china", 5, Layer::Base);
        lex.add("China", 5, Layer::Base);
        for w in ["november", "November", "NOVEMBER"] {
            assert_eq!(lex.get(w).unwrap().form, "November");
        }
        assert_eq!(lex.get("CHINA").unwrap().form, "china");
        assert_eq!(lex.get("china").unwrap().count, 10);
        assert_eq!(lex.key(lex.id("NOVEMBER").unwrap()), "november");
        // Capitalised words too long or not ASCII are found as the short ASCII ones are.
        let long = "pneumonoultramicroscopicsilicovolcanoconiosisandmore";
        lex.add(long, 1, Layer::Base);
        lex.add("élan", 1, Layer::Base);
        for w in [long.to_uppercase(), "Élan".to_owned(), "ÉLAN".to_owned()] {
            assert_eq!(lex.key(lex.id(&w).unwrap()), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn printed_shares_raise_the_domains_words_only() {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "the\t600000\nprisoner\t10000\nsubmarine\t10000\n",
            Layer::Base,
        );
        let (prisoner, submarine) = (lex.id("prisoner").unwrap(), lex.id("submarine").unwrap());
        let before = lex.log_prior(prisoner);
        assert_eq!(before, lex.log_prior(submarine));
        let printed = [
            ("the".to_owned(), 3),
            ("prisoner".to_owned(), 1),
            ("unlisted".to_owned(), 4),
        ];
        lex.blend_printed(&printed, &[], 0.5);
        // P + 0.5 x 1/8: the domain's word gains, another keeps its prior, nothing is added.
        let expected = (10.0 / 620.0 + 0.5 / 8.0_f64).ln();
        assert!((lex.log_prior(prisoner) - expected).abs() < 1e-9);
        assert_eq!(lex.log_prior(submarine), before);
        assert!(lex.id("unlisted").is_none());
        // A second blend replaces the first.
        lex.blend_printed(&printed, &[], 0.0);
        assert_eq!(lex.log_prior(prisoner), before);
    }

    /// True when `word`, a listed word no frequency list counts, is a candidate one edit
    /// from `query`.
    fn uncounted_candidate(lex: &Lexicon, query: &str, word: &str) -> bool {
        assert!(lex.get(word).is_some_and(|e| e.count == 0), "{word}");
        lex.candidates(query, 1)
            .iter()
            .any(|h| lex.key(h.id) == word)
    }

    #[test]
    fn listed_words_the_training_pages_printed_are_candidates_though_never_counted() {
        let mut lex = Lexicon::embedded();
        assert!(!uncounted_candidate(&lex, "prosecutrlx", "prosecutrix"));
        let printed = [("prosecutrix".to_owned(), 3), ("the".to_owned(), 90)];
        lex.blend_printed(&printed, &[], 0.2);
        assert!(uncounted_candidate(&lex, "prosecutrlx", "prosecutrix"));
        lex.blend_printed(&[], &[], 0.2);
        assert!(!uncounted_candidate(&lex, "prosecutrlx", "prosecutrix"));
    }

    #[test]
    fn listed_words_the_input_uses_are_candidates_though_never_counted() {
        let mut lex = Lexicon::embedded();
        assert!(!uncounted_candidate(&lex, "bserhouse", "beerhouse"));
        // Counted words and unknown forms are left as they are.
        lex.vouch(["the", "Beerhouse", "zzzqx"]);
        assert!(uncounted_candidate(&lex, "bserhouse", "beerhouse"));
        assert!(lex.get("zzzqx").is_none());
    }

    #[test]
    fn small_letters_read_as_capitals_are_not_words() {
        let mut lex = Lexicon::empty();
        lex.add_list("au\t5\ncalled\t9\niPhone\t3\nblanchard\t2\n", Layer::Base);
        assert!(lex.contains("au") && lex.contains("AU") && lex.contains("Au"));
        assert!(!lex.contains("aU"));
        assert!(lex.contains("iPhone"));
        // A heading with a misread first letter is still a heading.
        assert!(lex.contains("bLANCHARD"));
    }

    #[test]
    fn user_list_parses_counts_and_comments() {
        let mut lex = Lexicon::empty();
        let n = lex.add_list("# names\nNakasone\t12\n\nHabomai\n", Layer::User);
        assert_eq!(n, 2);
        assert_eq!(lex.get("NAKASONE").unwrap().count, 12);
        assert_eq!(lex.get("Habomai").unwrap().layer, Layer::User);
    }

    #[test]
    fn embedded_has_words_counts_and_bigrams() {
        let lex = embedded();
        assert!(lex.len() > 250_000);
        let the = lex.id("the").unwrap();
        let of = lex.id("of").unwrap();
        assert!(lex.log_prior(the) > lex.log_prior(lex.id("zygote").unwrap()));
        assert!(lex.bigram(of, the) > 0);
        assert!(!lex.contains("subrnarines"));
        assert_eq!(lex.get("november").unwrap().form, "November");
        assert!(lex.get("november").unwrap().count > 0);
        assert_eq!(lex.key(lex.id("November").unwrap()), "november");
    }

    #[test]
    fn upper_layers_extend_the_compiled_base() {
        let mut lex = Lexicon::embedded();
        let base_len = lex.len();
        let id = lex.add("Vornskaya", 3, Layer::Corpus);
        assert_eq!(lex.len(), base_len + 1);
        assert_eq!(lex.get("VORNSKAYA").unwrap().form, "Vornskaya");
        let hits = lex.candidates("vornskava", 1);
        assert!(hits.iter().any(|h| h.id == id));
        // A base word raised by a user list keeps its id and written form, takes the layer.
        let nov = lex.id("november").unwrap();
        assert_eq!(lex.add("NOVEMBER", 0, Layer::User), nov);
        assert_eq!(lex.entry(nov).form, "November");
        assert_eq!(lex.entry(nov).layer, Layer::User);
        assert_eq!(lex.len(), base_len + 1);
    }
}
