//! How words are keyed and how their delete signatures are hashed. The build script compiles
//! the base tables with this same file, so the tables made ahead of time and the look-ups made
//! at run time always agree.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Maximum edit distance the candidate index answers for.
pub const MAX_DISTANCE: usize = 2;

/// Only the first this many characters of a word are indexed (SymSpell's prefix trick: a far
/// smaller index, the same answers after verification).
pub const PREFIX: usize = 7;

/// The compiled candidate index spreads delete signatures over `1 << BUCKET_BITS` buckets.
pub const BUCKET_BITS: u32 = 20;

/// The key every form of a word is stored under: its lower case.
pub fn key_of(word: &str) -> String {
    word.to_lowercase()
}

/// The hashes of every string made by deleting up to `max` characters from the first
/// [`PREFIX`] characters of `word`, sorted and without repeats.
pub fn delete_hashes(word: &str, max: usize) -> Vec<u64> {
    let prefix: Vec<char> = word.chars().take(PREFIX).collect();
    let n = prefix.len();
    let mut out = vec![hash_without(&prefix, &[])];
    if max >= 1 {
        out.extend((0..n).map(|i| hash_without(&prefix, &[i])));
    }
    if max >= 2 {
        for i in 0..n {
            out.extend((i + 1..n).map(|j| hash_without(&prefix, &[i, j])));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The compiled-index bucket of a delete signature.
pub fn bucket(hash: u64) -> usize {
    (hash >> (64 - BUCKET_BITS)) as usize
}

/// The hash of `chars` with the characters at the (ascending) positions `skip` left out.
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
