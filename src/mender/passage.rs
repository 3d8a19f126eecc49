//! A chunk being mended, as the stages weighing its words see it: its tokens, what
//! detection said of each, the readings of the last look, and what is shared between the
//! words weighed in parallel.

use super::cache::Memo;
use crate::corpus::Corpus;
use crate::detect::Verdict;
use crate::edit::Span;
use crate::lexicon::WordId;
use crate::tokenize::Token;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// A chunk of text being mended: its tokens and what detection said of each.
pub(super) struct Passage<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) verdicts: &'a [Verdict],
    /// The words of the whole text the chunk belongs to.
    pub(super) own: &'a Corpus,
    /// Per token, the word the last look read it as, applied or offered to the reviewer,
    /// or else the word it makes with the other half of a word rejoined across a line
    /// (only those during the first look).
    pub(super) readings: Vec<Option<WordId>>,
    /// The share of the chunk's words that are suspect: how damaged the scan is.
    pub(super) suspect_rate: f64,
    /// The text is older English ([`crate::variants::is_historical`]).
    pub(super) historical: bool,
    /// Per known word doubted in the chunk, what weighing it rests on apart from its
    /// context (it depends on the word and the document only): a word doubted again is
    /// not priced again. `None` for a word no reading may replace. Kept apart by
    /// [`ReadingSet`]: a letter with a mark against it is weighed without its speck reading.
    pub(super) doubted: [Memo<Option<Arc<Doubted>>>; 2],
    /// With a calibration that knows its prior, the calibrated confidence of the last
    /// decision on each unit (token or tokens read as one), below the suggestion floor too:
    /// what [`crate::base_rate`] reads the chunk's damage from.
    pub(super) weighed: Mutex<FxHashMap<Span, f64>>,
}

/// Which of a doubted word's readings are weighed: each set is priced apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadingSet {
    /// All the readings found for the word.
    All,
    /// All but a speck's deletion: the token has a mark against it (`p.`), which deleting
    /// the letter would leave behind.
    NoSpeck,
}

/// What weighing a known word the chunk doubts rests on apart from its context.
pub(super) struct Doubted {
    /// Its readings' scores out of context, in the order of its proposals.
    pub(super) alone: Box<[f64]>,
    /// The word.
    pub(super) id: WordId,
    /// Its log prior.
    pub(super) own_prior: f64,
    /// The margin a reading must win by ([`crate::rank::learned_margin`]).
    pub(super) margin: f64,
}

impl Passage<'_> {
    /// Notes the calibrated `confidence` of the decision on the unit at `span`, in place
    /// of an earlier look's.
    pub(super) fn weigh(&self, span: Span, confidence: f64) {
        let mut weighed = self.weighed.lock().unwrap_or_else(|e| e.into_inner());
        weighed.insert(span, confidence);
    }

    /// What weighing `word` (a known word the chunk doubts) rests on apart from its
    /// context, made by `make` the first time the chunk asks (two tokens weighed at once
    /// may both make it: they make the same).
    pub(super) fn doubted(
        &self,
        word: &str,
        readings: ReadingSet,
        make: impl FnOnce() -> Option<Doubted>,
    ) -> Option<Arc<Doubted>> {
        self.doubted[readings as usize].get_or_make(word, || make().map(Arc::new))
    }
}
