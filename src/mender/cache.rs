//! The candidates generated for each distinct token of a run, kept so that a token seen
//! again is not looked up again.

use crate::generate::Proposal;
use rustc_hash::FxHashMap;
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

/// The candidates already generated for a token in this run: a token seen twice is looked
/// up once. Each [`Search`] has its own part, and each part holds at most
/// [`CACHE_ENTRIES`] tokens (then starts afresh), so a long stream of new tokens does not
/// grow it without end.
#[derive(Default)]
pub(crate) struct ProposalCache {
    real_word: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
    suspect: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
    no_second_look: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
}

impl ProposalCache {
    /// The candidates `search` made for `token`, made by `make` the first time.
    pub(crate) fn get_or_make(
        &self,
        search: Search,
        token: &str,
        make: impl FnOnce() -> Vec<Proposal>,
    ) -> Arc<Vec<Proposal>> {
        let map = match search {
            Search::RealWord => &self.real_word,
            Search::Suspect => &self.suspect,
            Search::NoSecondLook => &self.no_second_look,
        };
        if let Some(hit) = map.lock().ok().and_then(|m| m.get(token).cloned()) {
            return hit;
        }
        let made = Arc::new(make());
        if let Ok(mut m) = map.lock() {
            if m.len() >= CACHE_ENTRIES {
                m.clear();
            }
            m.insert(token.to_owned(), Arc::clone(&made));
        }
        made
    }
}

/// The most tokens each part of a [`ProposalCache`] holds.
const CACHE_ENTRIES: usize = 1 << 16;
