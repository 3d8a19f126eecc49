//! How words are keyed and how their delete signatures are hashed. The build script compiles
//! the base tables with this same file, so the tables made ahead of time and the look-ups made
//! at run time always agree.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Maximum edit distance the candidate index answers for completely.
pub const MAX_DISTANCE: usize = 2;

/// Maximum edit distance a look-up may reach: one edit further than the index, for long
/// words. Such a look-up finds the words within this distance that have at most
/// [`MAX_DISTANCE`] of their edits in the indexed [`PREFIX`] (`oubsoripticn` →
/// `subscription`: two in `subscri`, one after).
pub const DEEP_DISTANCE: usize = 3;

/// Only the first this many characters of a word are indexed (SymSpell's prefix trick: a far
/// smaller index, the same answers after verification).
pub const PREFIX: usize = 7;

/// The compiled candidate index spreads delete signatures over `1 << BUCKET_BITS` buckets.
pub const BUCKET_BITS: u32 = 20;

/// How many of the commonest words get a candidate index of their own, searched deeper than
/// the whole lexicon can be: the words a short misreading most often stands for (the 3,000
/// commonest are four in five of the running words of English text). 8,000 moved the
/// cross-validated curves by at most 0.15 point, within their noise, and made the search
/// dearer.
pub const COMMON_WORDS: usize = 3_000;

/// The [`COMMON_WORDS`] commonest of `(count, id)` entries with a count, ties going to the
/// higher id (for the base lexicon the build script chooses them ahead of time).
pub fn commonest(entries: impl Iterator<Item = (u64, u32)>) -> Vec<(u64, u32)> {
    let mut ids: Vec<(u64, u32)> = entries.filter(|&(count, _)| count > 0).collect();
    if ids.len() > COMMON_WORDS {
        ids.select_nth_unstable_by(COMMON_WORDS - 1, |a, b| b.cmp(a));
        ids.truncate(COMMON_WORDS);
    }
    ids
}

/// The key every form of a word is stored under: its lower case.
pub fn key_of(word: &str) -> String {
    word.to_lowercase()
}

/// The hashes of every string made by deleting up to `max` characters from the first
/// [`PREFIX`] characters of `word`, sorted and without repeats.
///
/// A signature's hash is FxHash's of the string's length and then its characters (what
/// [`rustc_hash::FxHasher`] makes of `write_usize` and one `write_u32` each): a sum of each
/// item times a power of one multiplier, the power set by the items after it. So every
/// signature is put together from three running sums over the prefix, one for each number of
/// characters deleted after a kept one, instead of hashing each string anew (a quarter of
/// the candidate look-ups' work went into that). The build script's tables hash alike: made
/// so, they came out byte for byte the same.
pub fn delete_hashes(word: &str, max: usize) -> Vec<u64> {
    let mut chars = [0u64; PREFIX];
    let mut n: usize = 0;
    for (slot, c) in chars.iter_mut().zip(word.chars()) {
        *slot = u64::from(c);
        n += 1;
    }
    // powers[e]: the multiplier to the power e.
    let mut powers = [1u64; PREFIX + 2];
    for e in 1..powers.len() {
        powers[e] = powers[e - 1].wrapping_mul(FX_MULTIPLIER);
    }
    // sums[s][t]: the characters before position `t`, each weighted as when `s` characters
    // after it are deleted (K^(n − position − s)); only the sums a signature reads are
    // needed, and those never weigh a character by a power below 1.
    let mut sums = [[0u64; PREFIX + 1]; 3];
    for (s, row) in sums.iter_mut().enumerate() {
        for t in 0..n {
            let weight = (n - t).checked_sub(s).map_or(0, |e| powers[e]);
            row[t + 1] = row[t].wrapping_add(chars[t].wrapping_mul(weight));
        }
    }
    let range = |s: usize, from: usize, to: usize| sums[s][to].wrapping_sub(sums[s][from]);
    // A string of `m` items (its length, then its characters) hashes to Σ item·K^(m − index).
    let finish = |h: u64| h.rotate_left(FX_ROTATE);
    let signatures = 1 + n * max.min(1) + n.saturating_sub(1) * n / 2 * usize::from(max >= 2);
    let mut out = Vec::with_capacity(signatures);
    let len = |d: usize| ((n - d) as u64).wrapping_mul(powers[n + 1 - d]);
    out.push(finish(len(0).wrapping_add(range(0, 0, n))));
    if max >= 1 {
        for i in 0..n {
            out.push(finish(
                len(1)
                    .wrapping_add(range(1, 0, i))
                    .wrapping_add(range(0, i + 1, n)),
            ));
        }
    }
    if max >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                out.push(finish(
                    len(2)
                        .wrapping_add(range(2, 0, i))
                        .wrapping_add(range(1, i + 1, j))
                        .wrapping_add(range(0, j + 1, n)),
                ));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// FxHash's multiplier (`rustc_hash`, 64-bit).
const FX_MULTIPLIER: u64 = 0xf1357aea2e62a9c5;

/// How far FxHash's `finish` rotates its state left (`rustc_hash`, 64-bit).
const FX_ROTATE: u32 = 26;

/// How many bits address the slots of the compiled word table: at least half as many slots
/// again as `words`, so that a look-up probes one or two slots.
pub fn slot_bits(words: usize) -> u32 {
    (words + words / 2)
        .max(2)
        .next_power_of_two()
        .trailing_zeros()
}

/// Bits of a compiled word-table slot that hold the word's id plus one (0: a free slot); the
/// rest hold a fingerprint of the key's hash, so that a look-up reads a word's key only
/// when the fingerprints agree.
pub const SLOT_ID_BITS: u32 = POSTING_ID_BITS;

/// Where the search for `key` starts in a word table of `1 << bits` slots, and the
/// fingerprint its slot holds (in the bits above [`SLOT_ID_BITS`]).
pub fn home_slot(key: &str, bits: u32) -> (usize, u32) {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    let hash = h.finish();
    (
        (hash >> (64 - bits.max(1))) as usize,
        (hash as u32) & !((1 << SLOT_ID_BITS) - 1),
    )
}

/// The compiled-index bucket of a delete signature.
pub fn bucket(hash: u64) -> usize {
    (hash >> (64 - BUCKET_BITS)) as usize
}

/// Bits of a compiled posting that hold the word's id (the base lexicon has fewer words).
pub const POSTING_ID_BITS: u32 = 20;
const LEN_BITS: u32 = 6;
const FINGERPRINT_BITS: u32 = 12;
const LETTERS_SHIFT: u32 = POSTING_ID_BITS + LEN_BITS + FINGERPRINT_BITS;

/// The set of letters a–z in `word` (lower case), one bit each; other characters add none.
/// An edit brings at most one letter into a word (a substitution or an insertion prints
/// one), so of two words within `d` edits, each has at most `d` letters the other lacks.
pub fn letter_set(word: &str) -> u32 {
    word.chars()
        .filter(char::is_ascii_lowercase)
        .fold(0, |set, c| set | 1 << (c as u32 - 'a' as u32))
}

/// A posting of the compiled index: the word's id, its length in characters (capped), a
/// fingerprint of the signature and the word's [`letter_set`], so that most words that
/// merely share the bucket or the indexed prefix, or are too long or short to be within
/// reach, are passed over without being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting(pub u64);

impl Posting {
    /// The posting of word `id` of `chars` characters and letters `letters` under the
    /// signature `hash`.
    pub fn new(id: u32, chars: usize, letters: u32, hash: u64) -> Posting {
        let len = chars.min((1 << LEN_BITS) - 1) as u64;
        Posting(
            u64::from(letters) << LETTERS_SHIFT
                | u64::from(fingerprint(hash)) << (POSTING_ID_BITS + LEN_BITS)
                | len << POSTING_ID_BITS
                | u64::from(id),
        )
    }

    /// The word's id.
    pub fn id(self) -> u32 {
        (self.0 & ((1 << POSTING_ID_BITS) - 1)) as u32
    }

    /// True when this posting may be a word within `max` edits of a query of `chars`
    /// characters and letters `letters` whose signature hashed to `hash`.
    pub fn may_match(self, hash: u64, chars: usize, letters: u32, max: usize) -> bool {
        let len = ((self.0 >> POSTING_ID_BITS) & ((1 << LEN_BITS) - 1)) as usize;
        let capped = len == (1 << LEN_BITS) - 1;
        let print =
            ((self.0 >> (POSTING_ID_BITS + LEN_BITS)) & ((1 << FINGERPRINT_BITS) - 1)) as u32;
        let own = (self.0 >> LETTERS_SHIFT) as u32;
        print == fingerprint(hash)
            && (capped && chars + max >= len || len.abs_diff(chars) <= max)
            && (own & !letters).count_ones() as usize <= max
            && (letters & !own).count_ones() as usize <= max
    }
}

fn fingerprint(hash: u64) -> u32 {
    ((hash >> (64 - BUCKET_BITS - FINGERPRINT_BITS)) & ((1 << FINGERPRINT_BITS) - 1)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash of `chars` with the characters at the (ascending) positions `skip` left
    /// out, as FxHasher makes it: what a delete signature's hash is by definition.
    fn hash_without(chars: &[char], skip: &[usize]) -> u64 {
        let mut h = FxHasher::default();
        h.write_usize(chars.len() - skip.len());
        for (i, &c) in chars.iter().enumerate() {
            if !skip.contains(&i) {
                h.write_u32(c as u32);
            }
        }
        h.finish()
    }

    #[test]
    fn delete_signatures_are_the_hashes_of_the_strings_left() {
        let words = [
            "",
            "a",
            "of",
            "the",
            "tbe",
            "estimated",
            "subscription",
            "rnountair.s",
            "naïve",
            "ſoon",
            "Ærø",
            "日本語",
            "x-ray",
            "zzzzzzzzzz",
        ];
        for word in words {
            let prefix: Vec<char> = word.chars().take(PREFIX).collect();
            let n = prefix.len();
            for max in 0..=2 {
                let mut want = vec![hash_without(&prefix, &[])];
                if max >= 1 {
                    want.extend((0..n).map(|i| hash_without(&prefix, &[i])));
                }
                if max >= 2 {
                    for i in 0..n {
                        want.extend((i + 1..n).map(|j| hash_without(&prefix, &[i, j])));
                    }
                }
                want.sort_unstable();
                want.dedup();
                assert_eq!(delete_hashes(word, max), want, "{word} within {max}");
            }
        }
    }

    #[test]
    fn postings_keep_the_id_and_filter_by_length_and_signature() {
        let h = delete_hashes("estimated", 1)[0];
        let letters = letter_set("estimated");
        let p = Posting::new(286_000, 9, letters, h);
        assert_eq!(p.id(), 286_000);
        assert!(
            p.may_match(h, 9, letters, 1)
                && p.may_match(h, 10, letters, 1)
                && p.may_match(h, 7, letters, 2)
        );
        assert!(
            !p.may_match(h, 7, letters, 1),
            "two characters shorter is out of reach at 1"
        );
        // `estimatcd` adds one letter; `estimatxy` loses `d` and adds two.
        assert!(p.may_match(h, 9, letter_set("estimatcd"), 1));
        assert!(
            !p.may_match(h, 9, letter_set("estimatxy"), 1),
            "three letters apart"
        );
        assert!(p.may_match(h, 9, letter_set("estimatxy"), 2));
        // `xyzimated` brings three letters in (and takes one out): three edits at least.
        assert!(
            !p.may_match(h, 9, letter_set("xyzimated"), 2),
            "three letters the word lacks"
        );
        let other = (0u64..)
            .find(|&g| fingerprint(g) != fingerprint(h))
            .unwrap();
        assert!(
            !p.may_match(other, 9, letters, 1),
            "another signature in the bucket"
        );
        // Lengths past the cap still match long queries.
        let long = Posting::new(7, 80, letters, h);
        assert!(long.may_match(h, 79, letters, 2) && !long.may_match(h, 40, letters, 2));
    }
}
