//! What is made once per distinct token and kept, so that a token seen again is not looked
//! up again: the candidates generated in a run ([`ProposalCache`]), and any value made
//! from a word alone ([`Memo`]).

use crate::generate::Proposal;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, Mutex};

/// Which search made a token's candidates: each is kept apart in a [`ProposalCache`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// A known word weighed as a real-word error.
    RealWord,
    /// An unknown token, with the second look a long one may get.
    Suspect,
    /// An unknown token, without a second look (two pieces read as one word).
    NoSecondLook,
}

/// Values made once per key and shared between threads: a key asked for again gets what
/// was made the first time (two threads asking at once may both make it; they make the
/// same). It holds at most its limit of keys, then starts afresh.
pub(crate) struct Memo<V> {
    made: Mutex<FxHashMap<String, V>>,
    limit: usize,
}

impl<V> Default for Memo<V> {
    /// A memo without a limit.
    fn default() -> Self {
        Memo::with_limit(usize::MAX)
    }
}

impl<V> Memo<V> {
    /// A memo that holds at most `limit` keys.
    pub(crate) fn with_limit(limit: usize) -> Self {
        Memo {
            made: Mutex::default(),
            limit,
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The value for `key`, made by `make` the first time.
    pub(crate) fn get_or_make(&self, key: &str, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.made.lock().ok().and_then(|m| m.get(key).cloned()) {
            return hit;
        }
        let made = make();
        if let Ok(mut m) = self.made.lock() {
            if m.len() >= self.limit {
                m.clear();
            }
            m.insert(key.to_owned(), made.clone());
        }
        made
    }

    /// Forgets every key `stale` says is no longer what it was made from.
    pub(crate) fn forget(&self, stale: impl Fn(&str) -> bool) {
        if let Ok(mut m) = self.made.lock() {
            m.retain(|key, _| !stale(key));
        }
    }
}

/// The candidates already generated for a token in this run: a token seen twice is looked
/// up once. Each [`Search`] has its own part, and each part holds at most
/// [`CACHE_ENTRIES`] tokens (then starts afresh), so a long stream of new tokens does not
/// grow it without end.
pub(crate) struct ProposalCache {
    real_word: Memo<Arc<Vec<Proposal>>>,
    suspect: Memo<Arc<Vec<Proposal>>>,
    no_second_look: Memo<Arc<Vec<Proposal>>>,
}

impl Default for ProposalCache {
    fn default() -> Self {
        ProposalCache {
            real_word: Memo::with_limit(CACHE_ENTRIES),
            suspect: Memo::with_limit(CACHE_ENTRIES),
            no_second_look: Memo::with_limit(CACHE_ENTRIES),
        }
    }
}

impl ProposalCache {
    /// The candidates `search` made for `token`, made by `make` the first time.
    pub(crate) fn get_or_make(
        &self,
        search: Search,
        token: &str,
        make: impl FnOnce() -> Vec<Proposal>,
    ) -> Arc<Vec<Proposal>> {
        let memo = match search {
            Search::RealWord => &self.real_word,
            Search::Suspect => &self.suspect,
            Search::NoSecondLook => &self.no_second_look,
        };
        memo.get_or_make(token, || Arc::new(make()))
    }

    /// Forgets the candidates of every token that is (in lower case) one of `reads`: made
    /// before the channel model learned those words' readings, they may be other now.
    pub(crate) fn forget(&self, reads: &[String]) {
        let reads: FxHashSet<&str> = reads.iter().map(String::as_str).collect();
        let stale = |token: &str| reads.contains(token.to_lowercase().as_str());
        for memo in [&self.real_word, &self.suspect, &self.no_second_look] {
            memo.forget(stale);
        }
    }
}

impl std::fmt::Debug for ProposalCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProposalCache")
    }
}

/// The most tokens each part of a [`ProposalCache`] holds.
const CACHE_ENTRIES: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_key_is_made_once_until_the_limit_clears_the_memo() {
        let memo: Memo<usize> = Memo::with_limit(2);
        let calls = Cell::new(0);
        let make = |v: usize| {
            calls.set(calls.get() + 1);
            v
        };
        assert_eq!(memo.get_or_make("a", || make(1)), 1);
        assert_eq!(memo.get_or_make("a", || make(9)), 1);
        assert_eq!(calls.get(), 1);
        assert_eq!(memo.get_or_make("b", || make(2)), 2);
        // A third key finds the memo full: it starts afresh, and `a` is made again.
        assert_eq!(memo.get_or_make("c", || make(3)), 3);
        assert_eq!(memo.get_or_make("a", || make(4)), 4);
        assert_eq!(calls.get(), 4);
    }
}
