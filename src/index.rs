//! The candidate index: a symmetric-delete (SymSpell-style) index that answers "every word
//! within edit distance 2 of this string" with a few hash look-ups instead of a scan. The
//! base lexicon's index is compiled ahead of time (`lexicon::compiled`); this one covers the
//! words added at run time (domain, user and corpus layers). Hash collisions are harmless:
//! every hit is verified with a real distance.

use crate::lexicon::keys::{delete_hashes, MAX_DISTANCE};
use crate::lexicon::WordId;
use rustc_hash::{FxHashMap, FxHashSet};

/// A symmetric-delete index over lower-case words.
#[derive(Debug, Default)]
pub struct DeleteIndex {
    slots: FxHashMap<u64, Vec<WordId>>,
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
        let mut slots: FxHashMap<u64, Vec<WordId>> = FxHashMap::default();
        for &(id, w) in words {
            for h in delete_hashes(w, MAX_DISTANCE) {
                slots.entry(h).or_default().push(id);
            }
        }
        let words = words.iter().map(|&(id, w)| (id, w.into())).collect();
        DeleteIndex { slots, words }
    }

    /// Every indexed word within `max_distance` (at most [`MAX_DISTANCE`]) of `query`
    /// (lower case), with its distance.
    pub fn lookup(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        let max_distance = max_distance.min(MAX_DISTANCE);
        let query_len = query.chars().count();
        let mut seen = FxHashSet::default();
        let mut hits = Vec::new();
        for h in delete_hashes(query, max_distance) {
            for &id in self.slots.get(&h).into_iter().flatten() {
                if seen.insert(id) {
                    if let Some(word) = self.words.get(&id) {
                        hits.extend(verify(query, query_len, id, word, max_distance));
                    }
                }
            }
        }
        hits
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

/// A hit for `word` when it is really within `max_distance` of `query` (whose length in
/// characters is `query_len`).
pub fn verify(
    query: &str,
    query_len: usize,
    id: WordId,
    word: &str,
    max_distance: usize,
) -> Option<Hit> {
    if word.chars().count().abs_diff(query_len) > max_distance {
        return None;
    }
    let distance = strsim::osa_distance(query, word);
    (distance <= max_distance).then_some(Hit { id, distance })
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
    }
}
