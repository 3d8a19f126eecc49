//! The base lexicon as compiled ahead of time by `build.rs`: read in place from the binary,
//! so start-up costs nothing. Tables (little-endian, ids in key order):
//! `slots` (the word table: u32 per slot, 0 or a key's id plus one under its fingerprint,
//! found by linear probing from [`home_slot`]); `keys`/`key_offsets` (the lower-case key of
//! each id); `counts` (u64 per id); `form_ids`/`forms`/`form_offsets` (the written form of
//! the ids whose form is not their key, e.g. `November`; `form_bits` marks them, a bit per
//! id); `bigrams` (sorted `(a << 32 | b, count)` pairs; `bigram_starts`, u32 per id and one
//! more, where the pairs of each first word start; `bigram_most`, each word's largest pair
//! count first and second; `listed_uses`, two f32 per id, see [`Compiled::listed_uses`]);
//! `endings` (sorted `(key, count)` rows of the pair list
//! summarised by word endings, see [`super::endings`]); the candidate index,
//! `bucket_offsets`/`postings` (u64 per word whose delete signatures fall in each bucket,
//! see [`Posting`]; collisions are harmless because every hit is verified); `common_ids` (u32
//! per id of the commonest words, see [`super::keys::commonest`]); and `trigrams`
//! (f32 log-probabilities of the character-trigram model, see [`super::trigrams`]).

use super::endings::{listed_slot, Rows, Summary};
use super::keys::{bucket, home_slot, letter_set, Posting, SLOT_ID_BITS};
use super::WordId;
use crate::index::{Hit, Query};
use std::ops::Range;
use std::sync::OnceLock;

mod meta {
    include!(concat!(env!("OUT_DIR"), "/meta.rs"));
}
pub use meta::{BASE_LEN, BASE_TOTAL, BIGRAM_FLOOR, BIGRAM_SCALE, MEAN_SURPRISE};

macro_rules! table {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name)).as_slice()
    };
}

/// A read-only view of the compiled base tables.
#[derive(Debug, Clone)]
pub struct Compiled {
    slots: &'static [u8],
    slot_bits: u32,
    keys: &'static str,
    key_offsets: &'static [u8],
    counts: &'static [u8],
    form_ids: &'static [u8],
    form_bits: &'static [u8],
    forms: &'static str,
    form_offsets: &'static [u8],
    bigrams: &'static [u8],
    bigram_starts: &'static [u8],
    bigram_most: &'static [u8],
    listed_uses: &'static [u8],
    endings: Summary<EndingRows>,
    bucket_offsets: &'static [u8],
    postings: &'static [u8],
    common_ids: &'static [u8],
}

impl Compiled {
    /// The tables embedded in this binary (`None` only if they were built broken).
    pub fn embedded() -> Option<Compiled> {
        static TEXT: OnceLock<Option<(&'static str, &'static str)>> = OnceLock::new();
        let slots = table!("slots.bin");
        // A power of two of u32 slots, as the build script lays it out.
        let count = slots.len() / 4;
        if !count.is_power_of_two() || slots.len() % 4 != 0 {
            return None;
        }
        // The word tables are checked to be text once, so reading a word is a plain slice.
        let (keys, forms) = (*TEXT.get_or_init(|| {
            let keys = std::str::from_utf8(table!("keys.bin")).ok()?;
            let forms = std::str::from_utf8(table!("forms.bin")).ok()?;
            Some((keys, forms))
        }))?;
        Some(Compiled {
            slots,
            slot_bits: count.trailing_zeros(),
            keys,
            key_offsets: table!("key_offsets.bin"),
            counts: table!("counts.bin"),
            form_ids: table!("form_ids.bin"),
            form_bits: table!("form_bits.bin"),
            forms,
            form_offsets: table!("form_offsets.bin"),
            bigrams: table!("bigrams.bin"),
            bigram_starts: table!("bigram_starts.bin"),
            bigram_most: table!("bigram_most.bin"),
            listed_uses: table!("listed_uses.bin"),
            endings: Summary::new(EndingRows {
                rows: table!("endings.bin"),
                listed: table!("ending_listed.bin"),
            }),
            bucket_offsets: table!("bucket_offsets.bin"),
            postings: table!("postings.bin"),
            common_ids: table!("common_ids.bin"),
        })
    }

    /// The id of `key` (lower case).
    pub fn id(&self, key: &str) -> Option<WordId> {
        let mask = (1usize << self.slot_bits) - 1;
        let (mut i, fingerprint) = home_slot(key, self.slot_bits);
        let id_mask = (1 << SLOT_ID_BITS) - 1;
        // The table is at most two-thirds full, so a free slot ends every search.
        for _ in 0..=mask {
            let slot = u32_at(self.slots, i);
            let id = (slot & id_mask).checked_sub(1)?;
            if slot & !id_mask == fingerprint && self.key(id) == key {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// The lower-case key of `id`.
    pub fn key(&self, id: WordId) -> &'static str {
        slice(self.keys, self.key_offsets, id as usize)
    }

    /// The written form of `id` (`November`, `USSR`, `table`).
    pub fn form(&self, id: WordId) -> &'static str {
        // Most words are written as their key: one bit says so.
        if u64_at(self.form_bits, id as usize / 64) & (1 << (id % 64)) == 0 {
            return self.key(id);
        }
        let n = self.form_ids.len() / 4;
        match binary_search(n, |i| u32_at(self.form_ids, i).cmp(&id)) {
            Ok(i) => slice(self.forms, self.form_offsets, i),
            Err(_) => self.key(id),
        }
    }

    /// The ids of the [`super::COMMON_WORDS`] commonest words ([`super::keys::commonest`]).
    pub fn common_ids(&self) -> impl Iterator<Item = WordId> + '_ {
        (0..self.common_ids.len() / 4).map(|i| u32_at(self.common_ids, i))
    }

    /// The unigram count of `id` (0 when the lists give none).
    pub fn count(&self, id: WordId) -> u64 {
        u64_at(self.counts, id as usize)
    }

    /// How often `a` is followed by `b`.
    pub fn bigram(&self, a: WordId, b: WordId) -> u64 {
        let key = (u64::from(a) << 32) | u64::from(b);
        // Among the pairs of `a` (none for an id beyond the base).
        let from = u32_at(self.bigram_starts, a as usize) as usize;
        let to = u32_at(self.bigram_starts, a as usize + 1) as usize;
        match binary_search(to.saturating_sub(from), |i| {
            u64_at(self.bigrams, 2 * (from + i)).cmp(&key)
        }) {
            Ok(i) => u64_at(self.bigrams, 2 * (from + i) + 1),
            Err(_) => 0,
        }
    }

    /// The largest count of a pair with `id` first, and of one with `id` second (0 for an
    /// id beyond the base): no pair of the word is counted more.
    pub fn bigram_most(&self, id: WordId) -> (u64, u64) {
        let i = 2 * id as usize;
        (u64_at(self.bigram_most, i), u64_at(self.bigram_most, i + 1))
    }

    /// How many uses of the name `id` the pair list counted before a word and after one, as
    /// the word counts at which a word written small would have as many listed pairs
    /// (infinite for a word written small or an id beyond the base; see
    /// [`super::Lexicon::listed_share`]).
    pub fn listed_uses(&self, id: WordId) -> (f32, f32) {
        let at = |i: usize| {
            self.listed_uses
                .get(i * 4..i * 4 + 4)
                .and_then(|b| b.try_into().ok())
                .map_or(f32::INFINITY, |b| f32::from_bits(u32::from_le_bytes(b)))
        };
        (at(2 * id as usize), at(2 * id as usize + 1))
    }

    /// The association of `a` followed by `b` (ids and lower-case keys; an id beyond the
    /// base has no rows, but its key's ending still counts beside a base word) by their
    /// endings, in nats, from the list summarised ahead of time (see [`super::endings`]);
    /// `None` when it says nothing.
    pub fn ending_association(&self, a: (WordId, &str), b: (WordId, &str)) -> Option<f64> {
        self.endings.association(a, b)
    }

    /// Every indexed word (those with a count) within `max_distance` of `query` (lower case).
    pub fn lookup(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        let query = Query::new(query, max_distance);
        let letters = letter_set(query.text());
        // The tables are far bigger than the caches, and a read waits on memory when each
        // needs the one before: so they are made in passes whose reads do not depend on
        // each other, which the memory serves together. Where each signature's postings
        // lie; the words they name; where those words' keys lie, and their first bytes.
        let ranges: Vec<(u64, Range<usize>)> = query
            .signatures()
            .into_iter()
            .map(|h| (h, span(self.bucket_offsets, bucket(h))))
            .collect();
        let mut ids: Vec<WordId> = Vec::with_capacity(256);
        for (h, range) in ranges {
            ids.extend(
                range
                    .map(|i| Posting(u64_at(self.postings, i)))
                    .filter(|p| p.may_match(h, query.len(), letters, query.max_distance()))
                    .map(Posting::id),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        let keys: Vec<Range<usize>> = ids
            .iter()
            .map(|&id| span(self.key_offsets, id as usize))
            .collect();
        let first_bytes = keys.iter().fold(0, |acc, k| {
            acc ^ self.keys.as_bytes().get(k.start).copied().unwrap_or(0)
        });
        std::hint::black_box(first_bytes);
        ids.into_iter()
            .zip(keys)
            .filter_map(|(id, k)| query.verify(id, self.keys.get(k).unwrap_or("")))
            .collect()
    }
}

/// The character-trigram table of the base words (see [`super::trigrams`]).
pub fn trigram_table() -> &'static [f32] {
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        table!("trigrams.bin")
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect()
    })
}

/// How surprising `word` is as a word, in nats per character beyond the base words' mean
/// (positive: less word-like than usual; `None` unless it is made of the letters a–z), and
/// its number of characters.
pub fn excess_surprise(word: &str) -> Option<(f64, usize)> {
    let (s, n) = super::trigrams::surprise(trigram_table(), word)?;
    Some((s - MEAN_SURPRISE, n))
}

/// The rows of `endings.bin`: `(key, count)` as two little-endian u64 each; and
/// `ending_listed.bin`, the row of each base word's count of listed pairs on each side
/// ([`super::endings::listed_rows`], a little-endian u32 each).
#[derive(Debug, Clone, Copy)]
struct EndingRows {
    rows: &'static [u8],
    listed: &'static [u8],
}

impl Rows for EndingRows {
    fn row_count(&self) -> usize {
        self.rows.len() / 16
    }

    fn row(&self, i: usize) -> (u64, u64) {
        (u64_at(self.rows, 2 * i), u64_at(self.rows, 2 * i + 1))
    }

    fn listed(&self, side: u64, word: u64) -> Option<usize> {
        let words = self.listed.len() / 8;
        if word >= words as u64 {
            return None; // a word added beyond the base has no rows
        }
        let at = u32_at(self.listed, listed_slot(side, word, words));
        (at != u32::MAX).then_some(at as usize)
    }
}

/// Index of the first element for which `cmp` is not `Less`, as `slice::binary_search_by`.
fn binary_search(n: usize, cmp: impl Fn(usize) -> std::cmp::Ordering) -> Result<usize, usize> {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match cmp(mid) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}

fn slice(text: &'static str, offsets: &[u8], i: usize) -> &'static str {
    text.get(span(offsets, i)).unwrap_or("")
}

/// Item `i`'s bytes in a table whose items start at `offsets` (u32 each, one more than
/// the items).
fn span(offsets: &[u8], i: usize) -> Range<usize> {
    u32_at(offsets, i) as usize..u32_at(offsets, i + 1) as usize
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn u64_at(bytes: &[u8], i: usize) -> u64 {
    bytes
        .get(i * 8..i * 8 + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_index_of_listed_rows_agrees_with_a_search() {
        use super::super::endings::{find_listed, AFTER, BEFORE};
        let base = Compiled::embedded().unwrap();
        let rows = base.endings.rows();
        let mut listed = 0;
        for word in (0..u64::from(BASE_LEN)).step_by(13) {
            for side in [AFTER, BEFORE] {
                let indexed = rows.listed(side, word);
                assert_eq!(indexed, find_listed(rows, side, word), "{word}");
                listed += usize::from(indexed.is_some());
            }
        }
        assert!(listed > 1000, "{listed}");
        // Beyond the base words, nothing.
        assert_eq!(rows.listed(AFTER, u64::from(BASE_LEN)), None);
    }

    #[test]
    fn the_commonest_words_chosen_ahead_are_those_the_counts_choose() {
        let base = Compiled::embedded().unwrap();
        let mut ahead: Vec<WordId> = base.common_ids().collect();
        let mut counted: Vec<WordId> =
            crate::lexicon::keys::commonest((0..BASE_LEN).map(|id| (base.count(id), id)))
                .into_iter()
                .map(|(_, id)| id)
                .collect();
        assert_eq!(ahead.len(), crate::lexicon::COMMON_WORDS);
        ahead.sort_unstable();
        counted.sort_unstable();
        assert_eq!(ahead, counted);
        // `the` is among them, and a rare word is not.
        assert!(ahead.binary_search(&base.id("the").unwrap()).is_ok());
        assert!(ahead
            .binary_search(&base.id("prosecutrix").unwrap())
            .is_err());
    }

    #[test]
    fn misreadings_look_less_like_words_than_words_and_names() {
        let excess = |w: &str| excess_surprise(w).unwrap().0;
        for (word, misread) in [
            ("henry", "ilcnrj"),
            ("divorce", "dlvorco"),
            ("raymond", "ravmond"),
        ] {
            assert!(excess(misread) > excess(word) + 0.5, "{word} / {misread}");
        }
        for name in ["shevardnadze", "takeshita", "gorbachev"] {
            assert!(excess(name) < 1.0, "{name} is unusual but word-like");
        }
        assert_eq!(excess_surprise("a1b"), None);
    }

    #[test]
    fn tables_agree_with_each_other() {
        let c = Compiled::embedded().unwrap();
        let the = c.id("the").unwrap();
        assert_eq!(c.key(the), "the");
        assert!(c.count(the) > 1_000_000_000);
        let nov = c.id("november").unwrap();
        assert_eq!(c.form(nov), "November");
        assert_eq!(c.key(nov), "november");
        assert!(c.bigram(c.id("of").unwrap(), the) > c.bigram(the, c.id("of").unwrap()));
        assert_eq!(c.id("zzzqx"), None);
        let hits = c.lookup("estimatcd", 1);
        assert!(hits
            .iter()
            .any(|h| c.key(h.id) == "estimated" && h.distance == 1));
    }

    #[test]
    fn every_pair_and_written_form_is_found_where_its_word_points() {
        // The pairs by their first word's start, the forms behind their bits: as a search
        // of the whole tables finds them.
        // Each word's largest pair counts are those of its pairs.
        let c = Compiled::embedded().unwrap();
        let mut most = vec![(0, 0); BASE_LEN as usize];
        for i in 0..c.bigrams.len() / 16 {
            let key = u64_at(c.bigrams, 2 * i);
            let (a, b) = ((key >> 32) as WordId, key as WordId);
            let n = u64_at(c.bigrams, 2 * i + 1);
            assert_eq!(c.bigram(a, b), n);
            most[a as usize].0 = most[a as usize].0.max(n);
            most[b as usize].1 = most[b as usize].1.max(n);
        }
        for id in 0..BASE_LEN {
            assert_eq!(c.bigram_most(id), most[id as usize]);
        }
        assert_eq!(c.bigram(BASE_LEN + 5, 0), 0);
        assert_eq!(c.bigram_most(BASE_LEN + 5), (0, 0));
        let n = c.form_ids.len() / 4;
        for id in 0..BASE_LEN {
            let searched = match binary_search(n, |i| u32_at(c.form_ids, i).cmp(&id)) {
                Ok(i) => slice(c.forms, c.form_offsets, i),
                Err(_) => c.key(id),
            };
            assert_eq!(c.form(id), searched);
        }
    }

    #[test]
    fn the_word_table_finds_every_key_and_only_keys() {
        let c = Compiled::embedded().unwrap();
        for id in 0..BASE_LEN {
            assert_eq!(c.id(c.key(id)), Some(id), "{}", c.key(id));
        }
        // A word's prefix, a word with a letter more, and the empty key are not words.
        for absent in ["", "estimat", "thee-", "novembers-x"] {
            assert_eq!(c.id(absent), None, "{absent}");
        }
    }
}
