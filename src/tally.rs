//! Counts of strings held compactly: the input's words and word pairs are counted from its
//! first megabytes, and in a text of mostly distinct tokens (a scan of noise, a table of
//! codes) a map of owned strings spent more on each key's allocation and slot than on the
//! key itself.

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// How often each string was counted. Every key's bytes are kept once, back to back in one
/// buffer; the table holds where each key starts and its count.
#[derive(Clone, Default)]
pub struct Tally {
    keys: String,
    table: HashTable<Slot>,
}

/// One key of a [`Tally`]: where its bytes are in the buffer, and its count.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: usize,
    len: u32,
    count: u32,
}

impl Slot {
    fn key(self, keys: &str) -> &str {
        keys.get(self.start..self.start + self.len as usize)
            .unwrap_or_default()
    }
}

/// The hash of a key, the same for a key asked for and one kept.
fn hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

impl Tally {
    /// An empty tally.
    pub fn new() -> Self {
        Tally::default()
    }

    /// Adds `n` to the count of `key` (counts stop at `u32::MAX`), copying the key only
    /// the first time it is counted.
    pub fn add(&mut self, key: &str, n: u32) {
        let Tally { keys, table } = self;
        // A key longer than a count can hold is counted under its first 4 GB: no input
        // word is that long, and none is lost.
        let key = &key[..floor_boundary(key, u32::MAX as usize)];
        match table.entry(hash(key), |s| s.key(keys) == key, |s| hash(s.key(keys))) {
            Entry::Occupied(mut slot) => {
                let slot = slot.get_mut();
                slot.count = slot.count.saturating_add(n);
            }
            Entry::Vacant(place) => {
                let start = keys.len();
                keys.push_str(key);
                place.insert(Slot {
                    start,
                    len: key.len() as u32,
                    count: n,
                });
            }
        }
    }

    /// How often `key` was counted (0 for a key never counted).
    pub fn get(&self, key: &str) -> u32 {
        self.table
            .find(hash(key), |s| s.key(&self.keys) == key)
            .map_or(0, |s| s.count)
    }

    /// Every key counted, with its count, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.table.iter().map(|s| (s.key(&self.keys), s.count))
    }

    /// The sum of every key's count.
    pub fn total(&self) -> u64 {
        self.table.iter().map(|s| u64::from(s.count)).sum()
    }

    /// How many distinct keys were counted.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether no key was counted.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &Tally) {
        for (key, n) in other.iter() {
            self.add(key, n);
        }
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

impl PartialEq for Tally {
    /// The same keys with the same counts, however they were added.
    fn eq(&self, other: &Tally) -> bool {
        self.len() == other.len() && self.iter().all(|(k, n)| other.get(k) == n)
    }
}

impl std::fmt::Debug for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> FromIterator<(&'a str, u32)> for Tally {
    /// A tally of the keys given, each with its count added.
    fn from_iter<I: IntoIterator<Item = (&'a str, u32)>>(items: I) -> Self {
        let mut tally = Tally::new();
        for (key, n) in items {
            tally.add(key, n);
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn counts_keys_and_merges() {
        let mut t = Tally::new();
        for w in ["the", "court", "the", "", "thé", "the"] {
            t.add(w, 1);
        }
        assert_eq!((t.get("the"), t.get("court"), t.get("")), (3, 1, 1));
        assert_eq!((t.get("thé"), t.get("th"), t.get("courts")), (1, 0, 0));
        assert_eq!((t.len(), t.total()), (4, 6));
        let mut other = Tally::from_iter([("court", 2), ("house", 5)]);
        other.merge(&t);
        assert_eq!(
            (other.get("court"), other.get("house"), other.get("the")),
            (3, 5, 3)
        );
        t.add("court", u32::MAX);
        assert_eq!(t.get("court"), u32::MAX);
    }

    #[test]
    fn equal_tallies_need_the_same_counts_not_the_same_order() {
        let a = Tally::from_iter([("a", 1), ("b", 2)]);
        let b = Tally::from_iter([("b", 1), ("a", 1), ("b", 1)]);
        assert_eq!(a, b);
        assert_ne!(a, Tally::from_iter([("a", 1), ("b", 3)]));
        assert_ne!(a, Tally::from_iter([("a", 1)]));
        assert_eq!(format!("{:?}", Tally::from_iter([("a", 1)])), r#"{"a": 1}"#);
    }

    proptest! {
        /// The tally counts as a map of owned strings does, key by key.
        #[test]
        fn counts_as_a_map_of_strings_does(words in prop::collection::vec("[a-cé ]{0,4}", 0..200)) {
            let mut tally = Tally::new();
            let mut map: HashMap<&str, u32> = HashMap::new();
            for w in &words {
                tally.add(w, 1);
                *map.entry(w).or_default() += 1;
            }
            prop_assert_eq!(tally.len(), map.len());
            for (w, n) in &map {
                prop_assert_eq!(tally.get(w), *n);
            }
            let mut listed: Vec<(String, u32)> =
                tally.iter().map(|(k, n)| (k.to_owned(), n)).collect();
            listed.sort();
            let mut expected: Vec<(String, u32)> =
                map.iter().map(|(k, n)| (k.to_string(), *n)).collect();
            expected.sort();
            prop_assert_eq!(listed, expected);
        }
    }
}
