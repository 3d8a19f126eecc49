//! The lexicon the corrector checks words against and draws candidates from. Layers, last
//! wins: **base** (general English with frequencies, embedded in the binary), **domain** and
//! **user** lists, and **corpus** evidence from the input itself. Look-ups are case-aware:
//! `november`, `November` and `NOVEMBER` all find the entry `November`.

use crate::index::DeleteIndex;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The embedded acceptance list: SCOWL (American, British, Canadian "huge"), one word a line.
const BASE_WORDS: &str = include_str!("../dictionaries/en_words.txt");
/// The embedded unigram counts (Google Books via symspellpy): `word<TAB>count`.
const BASE_UNIGRAMS: &str = include_str!("../dictionaries/en_unigrams.tsv");
/// The embedded bigram counts (Google Books via symspellpy): `word word<TAB>count`.
const BASE_BIGRAMS: &str = include_str!("../dictionaries/en_bigrams.tsv");

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

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical written form: lower case when the word has a lower-case use, else its
    /// capitalised form (`November`, `USSR`).
    pub form: Box<str>,
    /// Corpus frequency (0 when the list gives none).
    pub count: u64,
    /// The layer that last added or changed the entry.
    pub layer: Layer,
}

/// A layered word list with frequencies, bigram counts and a candidate index.
#[derive(Debug, Default)]
pub struct Lexicon {
    ids: FxHashMap<Box<str>, WordId>,
    entries: Vec<Entry>,
    bigrams: FxHashMap<u64, u64>,
    bigram_floor: u64,
    total: u64,
    index: OnceLock<DeleteIndex>,
}

/// The key every form of a word is stored under: its lower case.
pub fn key_of(word: &str) -> String {
    word.to_lowercase()
}

/// Counts below this are treated as this, so that listed words without a frequency still get
/// a prior (half the smallest count of the embedded unigram list).
pub const FLOOR_COUNT: u64 = 6_000;

impl Lexicon {
    /// An empty lexicon (for tests and for tools that bring all their own lists).
    pub fn empty() -> Self {
        Lexicon::default()
    }

    /// The embedded English lexicon: SCOWL words, unigram and bigram counts.
    pub fn embedded() -> Self {
        let mut lex = Lexicon::empty();
        lex.entries.reserve(300_000);
        lex.ids.reserve(300_000);
        for word in BASE_WORDS.lines().filter(|w| !w.is_empty()) {
            lex.add(word, 0, Layer::Base);
        }
        for (word, count) in parse_counts(BASE_UNIGRAMS) {
            // The counts are lower-cased: they must not turn `November` into `november`.
            match lex.id(word) {
                Some(id) => {
                    lex.entries[id as usize].count += count;
                    lex.total += count;
                }
                None => {
                    lex.add(word, count, Layer::Base);
                }
            }
        }
        lex.bigrams.reserve(250_000);
        for (pair, count) in parse_counts(BASE_BIGRAMS) {
            if let Some((a, b)) = pair.split_once(' ') {
                if let (Some(a), Some(b)) = (lex.id(a), lex.id(b)) {
                    *lex.bigrams.entry(pair_key(a, b)).or_default() += count;
                    lex.bigram_floor = match lex.bigram_floor {
                        0 => count,
                        f => f.min(count),
                    };
                }
            }
        }
        lex
    }

    /// Adds every word of a plain list (`word` or `word<TAB>count` a line, `#` comments) in
    /// `layer`. Returns how many words were read.
    pub fn add_list(&mut self, text: &str, layer: Layer) -> usize {
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, count) = match line.split_once('\t') {
                Some((w, c)) => (w.trim(), c.trim().parse().unwrap_or(0)),
                None => (line, 0),
            };
            if !word.is_empty() {
                self.add(word, count, layer);
                n += 1;
            }
        }
        n
    }

    /// Adds `word` (or raises its count and layer if it is already there). A lower-case form
    /// becomes the canonical form over a capitalised one.
    pub fn add(&mut self, word: &str, count: u64, layer: Layer) -> WordId {
        let key = key_of(word);
        self.total += count;
        if let Some(&id) = self.ids.get(key.as_str()) {
            let e = &mut self.entries[id as usize];
            e.count += count;
            e.layer = e.layer.max(layer);
            if word == key && *e.form != *word {
                e.form = word.into();
            }
            return id;
        }
        let id = self.entries.len() as WordId;
        self.entries.push(Entry {
            form: word.into(),
            count,
            layer,
        });
        self.ids.insert(key.into_boxed_str(), id);
        if self.index.get().is_some() {
            self.index = OnceLock::new();
        }
        id
    }

    /// The entry id for `word` in any case.
    pub fn id(&self, word: &str) -> Option<WordId> {
        if let Some(&id) = self.ids.get(word) {
            return Some(id);
        }
        if word.chars().any(char::is_uppercase) {
            return self.ids.get(key_of(word).as_str()).copied();
        }
        None
    }

    /// The entry for `word` in any case.
    pub fn get(&self, word: &str) -> Option<&Entry> {
        self.id(word).map(|id| &self.entries[id as usize])
    }

    /// True when `word` is in the lexicon in any case.
    pub fn contains(&self, word: &str) -> bool {
        self.id(word).is_some()
    }

    /// The entry with this id.
    pub fn entry(&self, id: WordId) -> &Entry {
        &self.entries[id as usize]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Natural log of the entry's prior probability (listed words without a count get
    /// [`FLOOR_COUNT`]).
    pub fn log_prior(&self, id: WordId) -> f64 {
        let count = self.entries[id as usize].count.max(FLOOR_COUNT);
        (count as f64 / self.total.max(1) as f64).ln()
    }

    /// Natural log of the prior of a word the lexicon does not have.
    pub fn log_prior_unknown(&self) -> f64 {
        (FLOOR_COUNT as f64 / 20.0 / self.total.max(1) as f64).ln()
    }

    /// How often `a` is followed by `b` (0 when the pair is not listed).
    pub fn bigram(&self, a: WordId, b: WordId) -> u64 {
        self.bigrams.get(&pair_key(a, b)).copied().unwrap_or(0)
    }

    /// The smallest count of a listed pair: an unlisted pair was seen fewer times (0 when
    /// there is no bigram list).
    pub fn bigram_floor(&self) -> u64 {
        self.bigram_floor
    }

    /// Sum of all unigram counts.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The candidate index over the words that carry a frequency or come from a user,
    /// domain or corpus layer; built on first use and then shared.
    pub fn index(&self) -> &DeleteIndex {
        self.index.get_or_init(|| {
            let words: Vec<(WordId, &str)> = self
                .ids
                .iter()
                .filter(|(_, &id)| {
                    let e = &self.entries[id as usize];
                    e.count > 0 || e.layer > Layer::Base
                })
                .map(|(k, &id)| (id, &**k))
                .collect();
            DeleteIndex::build(&words)
        })
    }
}

fn pair_key(a: WordId, b: WordId) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn parse_counts(text: &str) -> impl Iterator<Item = (&str, u64)> {
    text.lines().filter_map(|line| {
        let (w, c) = line.split_once('\t')?;
        Some((w, c.trim().parse().ok()?))
    })
}

/// The embedded lexicon, loaded once per process.
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
            assert_eq!(&*lex.get(w).unwrap().form, "November");
        }
        assert_eq!(&*lex.get("CHINA").unwrap().form, "china");
        assert_eq!(lex.get("china").unwrap().count, 10);
    }

    #[test]
    fn user_list_parses_counts_and_comments() {
        let mut lex = Lexicon::empty();
        let n = lex.add_list("# names\nNakasone\t12\n\nHabomai\n", Layer::User);
        assert_eq!(n, 2);
        assert_eq!(lex.get("nakasone").unwrap().count, 12);
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
        assert_eq!(&*lex.get("november").unwrap().form, "November");
        assert!(lex.get("november").unwrap().count > 0);
    }
}
