//! The lexicon's word pairs, the context a reading is weighed in: the general pair list
//! (with its counts' bounds and its pairs by their words' endings), the pairs the training
//! pages printed and the input uses, and the words the training pages opened a clause or a
//! sentence with.

use super::{compiled, Lexicon, Side, WordId, FLOOR_COUNT};
use crate::openers::{Boundary, OpenerCounts};

impl Lexicon {
    /// Takes the words the pages a channel model was trained on printed right after a comma
    /// or a sentence's stop as the context of a word there ([`Lexicon::opener_association`]),
    /// replacing any earlier call. Weighed only with the pages' word shares
    /// ([`Lexicon::blend_printed`]), which it needs.
    pub fn blend_openers(&mut self, counts: &OpenerCounts) {
        self.openers.clear();
        self.closes = counts.closes;
        for (boundary, word, n) in &counts.words {
            if let Some(id) = self.id(word) {
                *self.openers.entry((*boundary, id)).or_default() += n;
            }
        }
    }

    /// How much more often than chance the training pages printed `id` right after
    /// `boundary`, in nats ([`crate::openers::opener_association`]); 0 where they cannot
    /// tell, or without their word shares.
    pub fn opener_association(&self, boundary: Boundary, id: WordId) -> f64 {
        if self.printed_weight <= 0.0 {
            return 0.0;
        }
        let Some(&share) = self.printed.get(&id) else {
            return 0.0;
        };
        crate::openers::opener_association(
            self.openers.get(&(boundary, id)).copied(),
            self.closes[boundary.index()],
            share,
            crate::train::MIN_COUNT,
        )
    }

    /// Adds the pairs the input itself uses, each with its [`pair_association`] in the input
    /// (see [`crate::learn::corpus_pairs`]), to those the training pages printed, where they
    /// tell more: `Far Eastern` used three times in a paper vouches for reading `FarEastern`
    /// as two words, as a domain's printed pairs do. For this run only; a later
    /// [`Lexicon::blend_printed`] forgets them.
    pub fn add_read_pairs(&mut self, pairs: &[(WordId, WordId, f64)]) {
        for &(a, b, nats) in pairs {
            self.printed_pairs
                .entry((a, b))
                .and_modify(|known| *known = known.max(nats))
                .or_insert(nats);
        }
    }

    /// How much more often than chance the pages a channel model was trained on printed `b`
    /// after `a`, in nats, when they printed the pair often enough to tell.
    pub fn printed_association(&self, a: WordId, b: WordId) -> Option<f64> {
        self.printed_pairs.get(&(a, b)).copied()
    }

    /// True when the domain's pages printed `a` followed by `b` (lower case) as two words,
    /// one of them a word the lexicon lacks (`post mortem`): pieces that are a phrase of
    /// their own, not one word split by a stray space.
    pub fn printed_apart(&self, a: &str, b: &str) -> bool {
        !self.printed_phrases.is_empty()
            && self.printed_phrases.contains(format!("{a} {b}").as_str())
    }

    /// The largest pair count with `id` first, and with `id` second (0 for a word beyond
    /// the base or without a pair list): what bounds [`Lexicon::bigram`] of any pair of it.
    pub fn bigram_most(&self, id: WordId) -> (u64, u64) {
        match &self.base {
            Some(base) if id < self.base_len => base.bigram_most(id),
            _ => (0, 0),
        }
    }

    /// How often `a` is followed by `b` (0 when the pair is not listed).
    pub fn bigram(&self, a: WordId, b: WordId) -> u64 {
        match &self.base {
            Some(base) if a < self.base_len && b < self.base_len => base.bigram(a, b),
            _ => 0,
        }
    }

    /// How well `a` followed by `b` go together by their endings (see [`super::endings`]), in
    /// nats: for a pair the bigram list does not list. `None` without a base list or when
    /// the list pairs neither word.
    pub fn ending_association(&self, a: WordId, b: WordId) -> Option<f64> {
        let base = self.base.as_ref()?;
        base.ending_association((a, self.key(a)), (b, self.key(b)))
    }

    /// The smallest count of a listed pair: an unlisted pair was seen fewer times (0 when
    /// there is no bigram list).
    pub fn bigram_floor(&self) -> u64 {
        if self.base.is_some() {
            compiled::BIGRAM_FLOOR
        } else {
            0
        }
    }

    /// The share of the uses of `id` on `side` of a pair that the pair list counted, against
    /// a common word written small: 1 for such a word; for a name (`Friday`, `London`: a
    /// word whose only form is capitalised) what its listed pairs make of its count, over the
    /// half a common word's make. The list counted words as written small, so it saw names
    /// only where they were (`on friday`): of the pairs ending in `friday` it lists, about a
    /// hundredth of what the word's count would give. 1 for a word beyond the base lists.
    pub fn listed_share(&self, id: WordId, side: Side) -> f64 {
        match &self.base {
            Some(base) if id < self.base_len => {
                let (first, second) = base.listed_uses(id);
                let uses = match side {
                    Side::First => first,
                    Side::Second => second,
                };
                (f64::from(uses) / base.count(id).max(FLOOR_COUNT) as f64).min(1.0)
            }
            _ => 1.0,
        }
    }

    /// How many bigram counts stand for one unigram count (the pair list may come from a
    /// larger corpus than the word counts; 1 when there is no pair list).
    pub fn bigram_scale(&self) -> f64 {
        if self.base.is_some() {
            compiled::BIGRAM_SCALE
        } else {
            1.0
        }
    }
}

/// How much more often than chance a text printed two words one after the other, in nats
/// (pointwise mutual information, clamped to ±8): the pair seen `n` times in `total` words,
/// the words `a` and `b` times. The count is taken less a half: a pair seen three times is
/// not quite three times as likely as one seen once.
pub fn pair_association(n: u32, total: u64, a: u32, b: u32) -> f64 {
    let chance = f64::from(a.max(1)) * f64::from(b.max(1)) / total as f64;
    association_nats(f64::from(n) - 0.5, chance)
}

/// How much more often than `expected` something was `seen`, in nats, clamped to ±8: the
/// measure of [`pair_association`] and of [`crate::openers::opener_association`].
pub fn association_nats(seen: f64, expected: f64) -> f64 {
    (seen / expected).ln().clamp(-8.0, 8.0)
}
