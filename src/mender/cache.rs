//! The candidates generated for each distinct token of a run, kept so that a token seen
//! again is not looked up again.

use crate::generate::Proposal;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// The candidates already generated for a token in this run: a token seen twice is looked
/// up once. Known words weighed as real-word errors and unknown tokens are kept apart. Each
/// holds at most [`CACHE_ENTRIES`] tokens (then starts afresh), so a long stream of new
/// tokens does not grow it without end.
#[derive(Default)]
pub(crate) struct ProposalCache {
    known: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
    unknown: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
}

impl ProposalCache {
    pub(crate) fn get_or_make(
        &self,
        known: bool,
        token: &str,
        make: impl FnOnce() -> Vec<Proposal>,
    ) -> Arc<Vec<Proposal>> {
        let map = if known { &self.known } else { &self.unknown };
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
