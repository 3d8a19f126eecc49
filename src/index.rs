//! The candidate index: a symmetric-delete (SymSpell-style) index that answers "every word
//! within edit distance 2 of this string" with a few hash look-ups instead of a scan.
//! Hash collisions are harmless: every hit is verified with a real distance.

use crate::lexicon::WordId;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};

/// Maximum edit distance the index answers for.
pub const MAX_DISTANCE: usize = 2;
/// Only the first this many characters of a word are indexed (SymSpell's prefix trick:
/// far smaller index, same answers after verification).
const PREFIX: usize = 7;

/// A symmetric-delete index over lower-case words.
#[derive(Debug, Default)]
pub struct DeleteIndex {
    slots: FxHashMap<u64, (u32, u32)>,
    postings: Vec<WordId>,
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
                let prefix: Vec<char> = w.chars().take(PREFIX).collect();
                deletes(&prefix, MAX_DISTANCE)
                    .into_iter()
                    .map(move |h| (h, id))
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut slots = FxHashMap::default();
        slots.reserve(pairs.len() / 2);
        let mut postings = Vec::with_capacity(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            let h = pairs[i].0;
            let start = postings.len() as u32;
            while i < pairs.len() && pairs[i].0 == h {
                postings.push(pairs[i].1);
                i += 1;
            }
            slots.insert(h, (start, postings.len() as u32 - start));
        }
        let words = words.iter().map(|&(id, w)| (id, w.into())).collect();
        DeleteIndex {
            slots,
            postings,
            words,
        }
    }

    /// Every indexed word within `max_distance` (at most [`MAX_DISTANCE`]) of `query`
    /// (lower case), with its distance.
    pub fn lookup(&self, query: &str, max_distance: usize) -> Vec<Hit> {
        let max_distance = max_distance.min(MAX_DISTANCE);
        let chars: Vec<char> = query.chars().collect();
        let prefix = &chars[..chars.len().min(PREFIX)];
        let mut seen = FxHashSet::default();
        let mut hits = Vec::new();
        for h in deletes(prefix, max_distance) {
            let Some(&(start, len)) = self.slots.get(&h) else {
                continue;
            };
            for &id in &self.postings[start as usize..(start + len) as usize] {
                if !seen.insert(id) {
                    continue;
                }
                let word = &self.words[&id];
                let wl = word.chars().count();
                if wl.abs_diff(chars.len()) > max_distance {
                    continue;
                }
                let distance = strsim::osa_distance(query, word);
                if distance <= max_distance {
                    hits.push(Hit { id, distance });
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

/// Hashes of every string made by deleting up to `max` characters from `word`.
fn deletes(word: &[char], max: usize) -> Vec<u64> {
    let mut out = vec![hash(word)];
    let mut frontier: Vec<Vec<char>> = vec![word.to_vec()];
    for _ in 0..max {
        let mut next = Vec::new();
        for w in &frontier {
            for i in 0..w.len() {
                let mut d = w.clone();
                d.remove(i);
                next.push(d);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().map(|d| hash(d)));
        frontier = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn hash(chars: &[char]) -> u64 {
    let mut h = FxHasher::default();
    chars.hash(&mut h);
    h.finish()
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
