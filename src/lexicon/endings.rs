//! Pair evidence by word ending: what the bigram list says about a pair it does not list.
//! The list keeps only pairs seen very often, so `he inspected` and `lie inspected` are both
//! missing and a plain look-up cannot choose between them; but the list pairs `he` with
//! hundreds of words ending in `-ed` and `lie` with almost none. The association of a word
//! with the *ending* of its neighbour (its last two letters: a rough word class) is
//! estimated over the whole list, shrunk towards nothing for words the list pairs seldom.
//!
//! The list is summarised ahead of time by `build.rs` (which includes this file) into one
//! sorted table of counts under the keys below; `compiled.rs` reads it in place.

/// The side of a word its neighbour stands on: the neighbour after it.
pub const AFTER: u64 = 0;
/// The side of a word its neighbour stands on: the neighbour before it.
pub const BEFORE: u64 = 1 << 63;

/// Bits of an [`ending`]: two characters of 21 bits.
const ENDING_BITS: u32 = 42;
/// The ending field's value that keys a word's summed counts (no two characters pack to it).
const EVERY_ENDING: u64 = (1 << ENDING_BITS) - 1;
/// The ending field's value that keys how many listed pairs a word has.
const LISTED: u64 = EVERY_ENDING - 1;
/// The word field's value that keys an ending's counts over every word (above every id).
const EVERY_WORD: u64 = (1 << (63 - ENDING_BITS)) - 1;

/// The last two letters of a word of four letters or more, packed (`None` for shorter
/// words: their ending is the word itself, which the list already answers for).
pub fn ending(key: &str) -> Option<u64> {
    let mut rev = key.chars().rev();
    let (last, before) = (rev.next()?, rev.next()?);
    (key.chars().count() >= MIN_LETTERS).then(|| (u64::from(before) << 21) | u64::from(last))
}

/// Words shorter than this have no [`ending`].
const MIN_LETTERS: usize = 4;

/// The key of `word` with `ending` beside it on `side`.
fn key(side: u64, word: u64, ending: u64) -> u64 {
    side | (word << ENDING_BITS) | ending
}

/// The summary of pairs `(a, b, count)` (`a` followed by `b`), `ending_of` giving a word's
/// [`ending`]: `(key, count)` rows, sorted by key, for each word and the endings on either
/// side of it, each word's sums, and each ending's sums. Word ids must stay below
/// 2^21 - 1.
pub fn summarise(
    pairs: impl Iterator<Item = (u32, u32, u64)>,
    ending_of: impl Fn(u32) -> Option<u64>,
) -> Vec<(u64, u64)> {
    let mut rows: std::collections::BTreeMap<u64, u64> = std::collections::BTreeMap::new();
    let mut add = |side: u64, word: u32, ending: u64, n: u64| {
        let word = u64::from(word);
        assert!(word < EVERY_WORD, "word id too large for the endings table");
        for (k, v) in [
            (key(side, word, ending), n),
            (key(side, word, EVERY_ENDING), n),
            (key(side, word, LISTED), 1),
            (key(side, EVERY_WORD, ending), n),
            (key(side, EVERY_WORD, EVERY_ENDING), n),
        ] {
            *rows.entry(k).or_default() += v;
        }
    };
    for (a, b, n) in pairs {
        if let Some(e) = ending_of(b) {
            add(AFTER, a, e, n);
        }
        if let Some(e) = ending_of(a) {
            add(BEFORE, b, e, n);
        }
    }
    rows.into_iter().collect()
}

/// How many listed pairs a word needs for its ending evidence to count half.
const HALF_WEIGHT_PAIRS: f64 = 20.0;

/// The share added to both sides of an ending's odds, so an ending a word was never
/// listed with is unlikely, not impossible.
const SMOOTHING: f64 = 1e-4;

/// The most an ending association may say, in nats either way.
const MAX_NATS: f64 = 4.0;

/// How much likelier `ending` is on `side` of `word` than beside any word, in nats, shrunk
/// towards 0 for words with few listed pairs; `None` when the list never pairs the word
/// (a word added to the lexicon beyond the base has no rows). `count` reads a
/// [`summarise`] row (0 when missing).
fn side_association(count: &impl Fn(u64) -> u64, side: u64, word: u32, ending: u64) -> Option<f64> {
    let word = u64::from(word);
    if word >= EVERY_WORD {
        return None;
    }
    let listed = count(key(side, word, LISTED));
    if listed == 0 {
        return None;
    }
    let sum = count(key(side, word, EVERY_ENDING)).max(1) as f64;
    let here = count(key(side, word, ending)) as f64 / sum;
    let total = count(key(side, EVERY_WORD, EVERY_ENDING)).max(1) as f64;
    let anywhere = count(key(side, EVERY_WORD, ending)) as f64 / total;
    let weight = listed as f64 / (listed as f64 + HALF_WEIGHT_PAIRS);
    let nats = ((here + SMOOTHING) / (anywhere + SMOOTHING)).ln();
    Some((weight * nats).clamp(-MAX_NATS, MAX_NATS))
}

/// The association of `a` followed by `b` (keys `a_key`, `b_key`) by their endings, in
/// nats: the mean of what the summary says of `b`'s ending after `a` and of `a`'s ending
/// before `b`; `None` when it says neither. `count` reads a [`summarise`] row.
pub fn association(
    count: impl Fn(u64) -> u64,
    (a, a_key): (u32, &str),
    (b, b_key): (u32, &str),
) -> Option<f64> {
    let after = ending(b_key).and_then(|e| side_association(&count, AFTER, a, e));
    let before = ending(a_key).and_then(|e| side_association(&count, BEFORE, b, e));
    match (after, before) {
        (Some(x), Some(y)) => Some((x + y) / 2.0),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(rows: &[(u64, u64)]) -> impl Fn(u64) -> u64 + '_ {
        |k| {
            rows.binary_search_by_key(&k, |&(k, _)| k)
                .map_or(0, |i| rows[i].1)
        }
    }

    #[test]
    fn endings_are_the_last_two_letters_of_longer_words() {
        assert_eq!(ending("inspected"), ending("adopted"));
        assert_ne!(ending("inspected"), ending("inspects"));
        assert_eq!(ending("the"), None);
        assert_eq!(ending("léé"), None);
        assert_eq!(
            ending("café"),
            Some((u64::from('f') << 21) | u64::from('é'))
        );
        // No ending packs to a key's reserved values.
        let highest = (u64::from(char::MAX) << 21) | u64::from(char::MAX);
        assert!(highest < LISTED);
    }

    /// Words 0..4 with keys; 1 and 2 are the neighbours' words.
    const KEYS: [&str; 6] = ["he", "lie", "asked", "only", "walked", "she"];

    fn summary(pairs: &[(u32, u32, u64)]) -> Vec<(u64, u64)> {
        summarise(pairs.iter().copied(), |id| ending(KEYS[id as usize]))
    }

    #[test]
    fn a_word_listed_before_many_words_of_an_ending_favours_that_ending() {
        // `he` before 30 pairs' worth of `-ed` words, `lie` before `-ly` words and one `-ed`.
        let mut pairs = vec![(1, 2, 1)];
        for _ in 0..30 {
            pairs.extend([(0, 2, 100), (0, 4, 100), (1, 3, 100), (5, 3, 100)]);
        }
        let rows = summary(&pairs);
        let he = association(reader(&rows), (0, "he"), (4, "inspected")).unwrap();
        let lie = association(reader(&rows), (1, "lie"), (4, "inspected")).unwrap();
        assert!(he > 0.3, "{he}");
        assert!(lie < -0.5, "{lie}");
        // A word the list never pairs, and two short words, say nothing.
        assert_eq!(
            association(reader(&rows), (3, "only"), (4, "inspected")),
            None
        );
        assert_eq!(association(reader(&rows), (0, "he"), (1, "lie")), None);
    }

    #[test]
    fn few_listed_pairs_say_little() {
        let mut pairs = vec![(1, 2, 100)];
        for _ in 0..40 {
            pairs.extend([(5, 3, 100), (0, 4, 100)]);
        }
        let rows = summary(&pairs);
        let once = association(reader(&rows), (1, "lie"), (2, "asked")).unwrap();
        let often = association(reader(&rows), (0, "he"), (2, "asked")).unwrap();
        assert!(once > 0.0 && once < often, "{once} {often}");
    }
}
