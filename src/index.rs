//! The candidate index: a symmetric-delete (SymSpell-style) index that answers "every word
//! within edit distance 2 of this string" with a few hash look-ups instead of a scan. The
//! base lexicon's index is compiled ahead of time (`lexicon::compiled`); this one covers the
//! words added at run time (domain, user and corpus layers). Hash collisions are harmless:
//! every hit is verified with a real distance.

use crate::lexicon::keys::{delete_hashes, DEEP_DISTANCE, MAX_DISTANCE};
use crate::lexicon::WordId;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

/// A symmetric-delete index over lower-case words: `(signature hash, id)` pairs, sorted,
/// and where the pairs of each value of the hashes' top bits start (the hashes are uniform,
/// so a look-up reads a few neighbouring pairs instead of searching them all).
#[derive(Debug, Default, Clone)]
pub struct DeleteIndex {
    pairs: Vec<(u64, WordId)>,
    /// `starts[b]`: the first pair whose hash's top `bucket_bits` bits are `b` or more.
    starts: Vec<u32>,
    bucket_bits: u32,
    words: FxHashMap<WordId, Box<str>>,
}

/// One hit of a look-up: the entry and its plain (optimal string alignment) distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The entry found.
    pub id: WordId,
    /// Its edit distance from the query.
    pub distance: usize,
}

impl DeleteIndex {
    /// Builds the index over `(id, lower-case word)` pairs.
    pub fn build(words: &[(WordId, &str)]) -> Self {
        let mut pairs: Vec<(u64, WordId)> = words
            .par_iter()
            .flat_map_iter(|&(id, w)| {
                delete_hashes(w, MAX_DISTANCE)
                    .into_iter()
                    .map(move |h| (h, id))
            })
            .collect();
        pairs.par_sort_unstable();
        // About two pairs a bucket.
        let bucket_bits = (pairs.len() / 2).max(1).ilog2().clamp(1, 30);
        let mut starts = Vec::with_capacity((1 << bucket_bits) + 1);
        let mut at = 0;
        for b in 0..=(1u64 << bucket_bits) {
            while at < pairs.len() && pairs[at].0 >> (64 - bucket_bits) < b {
                at += 1;
            }
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        let words = words.iter().map(|&(id, w)| (id, w.into())).collect();
        DeleteIndex {
            pairs,
            starts,
            bucket_bits,
            words,
        }
    }

    /// Every indexed word within `max_distance` of `query` (lower case), with its distance:
    /// all of them up to [`MAX_DISTANCE`], beyond it (up to [`DEEP_DISTANCE`]) those with at
    /// most [`MAX_DISTANCE`] edits in the indexed prefix.
    pub fn lookup(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        let query = Query::new(query, max_distance);
        let mut ids: Vec<WordId> = Vec::new();
        for h in query.signatures() {
            // (An empty index, made by `default`, has no buckets.)
            let bucket = h
                .checked_shr(64 - self.bucket_bits)
                .and_then(|b| self.starts.get(b as usize..b as usize + 2))
                .map_or(&[][..], |s| &self.pairs[s[0] as usize..s[1] as usize]);
            let start = bucket.partition_point(|&(k, _)| k < h);
            ids.extend(
                bucket[start..]
                    .iter()
                    .take_while(|&&(k, _)| k == h)
                    .map(|&(_, id)| id),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| query.verify(id, self.words.get(&id)?))
            .collect()
    }

    /// Number of indexed words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A look-up string prepared once for verifying many candidate words against it.
pub struct Query<'a> {
    text: &'a str,
    len: usize,
    max_distance: usize,
    /// Built at the first word to verify: most look-ups of a rewrite find none, and the
    /// comparator's table is a zeroed allocation.
    comparator: OnceCell<rapidfuzz::distance::osa::BatchComparator<char>>,
}

impl<'a> Query<'a> {
    /// Prepares `text` (lower case) for look-ups within `max_distance` (at most
    /// [`DEEP_DISTANCE`]; complete up to [`MAX_DISTANCE`]).
    pub fn new(text: &'a str, max_distance: usize) -> Self {
        Query {
            text,
            len: text.chars().count(),
            max_distance: max_distance.min(DEEP_DISTANCE),
            comparator: OnceCell::new(),
        }
    }

    /// The query text (lower case).
    pub fn text(&self) -> &str {
        self.text
    }

    /// The query's length in characters.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for the empty query.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The distance the query reaches.
    pub fn max_distance(&self) -> usize {
        self.max_distance
    }

    /// The hashes of the query's delete signatures (at most [`MAX_DISTANCE`] deep: the
    /// index holds no deeper ones).
    pub fn signatures(&self) -> Vec<u64> {
        delete_hashes(self.text, self.max_distance.min(MAX_DISTANCE))
    }

    /// A hit for `word` when it is really within the distance of the query.
    pub fn verify(&self, id: WordId, word: &str) -> Option<Hit> {
        let chars = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if chars.abs_diff(self.len) > self.max_distance {
            return None;
        }
        let args = rapidfuzz::distance::osa::Args::default().score_cutoff(self.max_distance);
        let distance = self
            .comparator
            .get_or_init(|| rapidfuzz::distance::osa::BatchComparator::new(self.text.chars()))
            .distance_with_args(word.chars(), &args)?;
        Some(Hit { id, distance })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_within_distance() {
        let words = [(0, "submarines"), (1, "estimated"), (2, "the"), (3, "then")];
        let idx = DeleteIndex::build(&words);
        let ids = |q: &str, d| {
            let mut v: Vec<_> = idx.lookup(q, d).into_iter().map(|h| h.id).collect();
            v.sort();
            v
        };
        assert_eq!(ids("estimatcd", 1), vec![1]);
        assert_eq!(ids("submarires", 1), vec![0]);
        assert_eq!(ids("tbe", 1), vec![2]);
        assert_eq!(ids("tbe", 2), vec![2, 3]);
        assert!(ids("xyzzy", 2).is_empty());
        // Three edits away: found when at most two fall in the indexed prefix.
        let words = [(0, "subscription"), (1, "imprisonment")];
        let idx = DeleteIndex::build(&words);
        let deep = |q: &str| idx.lookup(q, DEEP_DISTANCE);
        assert_eq!(deep("oubsoripticn"), vec![Hit { id: 0, distance: 3 }]);
        assert!(idx.lookup("oubsoripticn", MAX_DISTANCE).is_empty());
        assert!(deep("iraprisonmsnt").iter().any(|h| h.id == 1));
        // Three edits all in the prefix are beyond reach.
        assert!(deep("xxxscription").is_empty());
    }

    #[test]
    fn a_large_index_finds_what_a_scan_finds() {
        // Enough words that the pairs spread over many buckets; every word within distance
        // 2 of each query is found, and nothing else, as a scan of all of them finds.
        let mut state = 7u64;
        let mut letters = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(b'a' + (state >> 33) as u8 % 6)
                })
                .collect()
        };
        let owned: Vec<String> = (0..3000).map(|i| letters(3 + i % 5)).collect();
        let words: Vec<(WordId, &str)> = owned
            .iter()
            .enumerate()
            .map(|(i, w)| (i as WordId, w.as_str()))
            .collect();
        let idx = DeleteIndex::build(&words);
        for q in (0..200).map(|i| letters(3 + i % 5)) {
            let mut found: Vec<WordId> = idx.lookup(&q, 2).into_iter().map(|h| h.id).collect();
            found.sort_unstable();
            let scan: Vec<WordId> = words
                .iter()
                .filter(|(_, w)| rapidfuzz::distance::osa::distance(q.chars(), w.chars()) <= 2)
                .map(|&(id, _)| id)
                .collect();
            assert_eq!(found, scan, "{q}");
        }
        assert!(DeleteIndex::default().lookup("the", 2).is_empty());
    }
}
