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
pub const MAX_NATS: f64 = 4.0;

/// A summary's `(key, count)` rows, sorted by key, read by index.
pub trait Rows {
    /// How many rows there are.
    fn row_count(&self) -> usize;
    /// Row `i`'s key and count.
    fn row(&self, i: usize) -> (u64, u64);
    /// The row of `word`'s count of listed pairs on `side`, if it has one: searched for
    /// (tables with an index of those rows, [`listed_rows`], read it instead).
    fn listed(&self, side: u64, word: u64) -> Option<usize>
    where
        Self: Sized,
    {
        find_listed(self, side, word)
    }
}

/// [`Rows::listed`] by a search of the whole table.
pub fn find_listed(rows: &impl Rows, side: u64, word: u64) -> Option<usize> {
    find(rows, key(side, word, LISTED), 0..rows.row_count()).ok()
}

/// Per side ([`AFTER`], then [`BEFORE`]) and word id below `words`, the row of the word's
/// count of listed pairs in `rows` ([`summarise`]d), or `u32::MAX` where it has none: what
/// [`Rows::listed`] reads in one step instead of a search through a table far larger
/// than the caches.
pub fn listed_rows(rows: &[(u64, u64)], words: usize) -> Vec<u32> {
    let mut at = vec![u32::MAX; 2 * words];
    for (i, &(k, _)) in rows.iter().enumerate() {
        let word = (k & !BEFORE) >> ENDING_BITS;
        if k & EVERY_ENDING == LISTED && word < words as u64 {
            at[listed_slot(k & BEFORE, word, words)] =
                u32::try_from(i).expect("too many ending rows for the index");
        }
    }
    at
}

/// Where [`listed_rows`] keeps the row of `word` on `side`, for a lexicon of `words`.
pub fn listed_slot(side: u64, word: u64, words: usize) -> usize {
    usize::from(side != AFTER) * words + word as usize
}

impl Rows for &[(u64, u64)] {
    fn row_count(&self) -> usize {
        self.len()
    }

    fn row(&self, i: usize) -> (u64, u64) {
        self[i]
    }
}

/// A [`summarise`]d table ready to answer: where each side's sums over every word lie is
/// found once, and a word's own rows are read around its count of listed pairs (its sum
/// follows that row, its endings precede it), so a pair costs two searches of the whole
/// table instead of ten.
#[derive(Debug, Clone, Copy)]
pub struct Summary<R> {
    rows: R,
    /// Per side ([`AFTER`], [`BEFORE`]): the rows of the endings' sums over every word, and
    /// their total.
    every_word: [(usize, usize, u64); 2],
}

impl<R: Rows> Summary<R> {
    /// The summary of these rows.
    pub fn new(rows: R) -> Summary<R> {
        let block = |side: u64| {
            let start =
                find(&rows, key(side, EVERY_WORD, 0), 0..rows.row_count()).unwrap_or_else(|i| i);
            match find(
                &rows,
                key(side, EVERY_WORD, EVERY_ENDING),
                start..rows.row_count(),
            ) {
                Ok(end) => (start, end, rows.row(end).1),
                Err(end) => (start, end, 0),
            }
        };
        Summary {
            every_word: [block(AFTER), block(BEFORE)],
            rows,
        }
    }

    /// The rows it answers from.
    pub fn rows(&self) -> &R {
        &self.rows
    }

    /// The association of `a` followed by `b` (keys `a_key`, `b_key`) by their endings, in
    /// nats: the mean of what the summary says of `b`'s ending after `a` and of `a`'s
    /// ending before `b`; `None` when it says neither.
    pub fn association(&self, (a, a_key): (u32, &str), (b, b_key): (u32, &str)) -> Option<f64> {
        let after = ending(b_key).and_then(|e| self.side_association(AFTER, a, e));
        let before = ending(a_key).and_then(|e| self.side_association(BEFORE, b, e));
        match (after, before) {
            (Some(x), Some(y)) => Some((x + y) / 2.0),
            (x, y) => x.or(y),
        }
    }

    /// How much likelier `ending` is on `side` of `word` than beside any word, in nats,
    /// shrunk towards 0 for words with few listed pairs; `None` when the list never pairs
    /// the word (a word added to the lexicon beyond the base has no rows).
    fn side_association(&self, side: u64, word: u32, ending: u64) -> Option<f64> {
        let word = u64::from(word);
        if word >= EVERY_WORD {
            return None;
        }
        let rows = &self.rows;
        let count = |at: Result<usize, usize>| at.map_or(0, |i| rows.row(i).1);
        let at = rows.listed(side, word)?;
        let listed = rows.row(at).1;
        if listed == 0 {
            return None;
        }
        // The word's sum is the next row (`EVERY_ENDING` is `LISTED + 1`), its endings
        // the rows before.
        let sum = match (at + 1 < rows.row_count()).then(|| rows.row(at + 1)) {
            Some((k, n)) if k == key(side, word, EVERY_ENDING) => n,
            _ => 0,
        }
        .max(1) as f64;
        let here = count(find_before(rows, key(side, word, ending), at)) as f64 / sum;
        let (start, end, total) = self.every_word[usize::from(side == BEFORE)];
        let anywhere = count(find(rows, key(side, EVERY_WORD, ending), start..end)) as f64
            / total.max(1) as f64;
        let weight = listed as f64 / (listed as f64 + HALF_WEIGHT_PAIRS);
        let nats = ((here + SMOOTHING) / (anywhere + SMOOTHING)).ln();
        Some((weight * nats).clamp(-MAX_NATS, MAX_NATS))
    }
}

/// Where `key` is among `rows[range]`, as `slice::binary_search`.
fn find(rows: &impl Rows, key: u64, range: std::ops::Range<usize>) -> Result<usize, usize> {
    let (mut lo, mut hi) = (range.start, range.end.min(rows.row_count()));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match rows.row(mid).0.cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}

/// Where `key` is among the rows before row `at` (whose key is above it): searched in
/// ranges doubling back from there, as a word's rows are near one another.
fn find_before(rows: &impl Rows, key: u64, at: usize) -> Result<usize, usize> {
    let (mut lo, mut hi, mut back) = (at.saturating_sub(1), at, 1);
    while lo > 0 && rows.row(lo).0 > key {
        hi = lo;
        back *= 2;
        lo = at.saturating_sub(back);
    }
    find(rows, key, lo..hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn association(rows: &[(u64, u64)], a: (u32, &str), b: (u32, &str)) -> Option<f64> {
        Summary::new(rows).association(a, b)
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
    fn the_index_of_listed_rows_finds_what_the_search_finds() {
        let rows = summary(&[(0, 2, 40), (1, 4, 3), (5, 2, 9), (2, 3, 7), (3, 0, 1)]);
        let words = KEYS.len() + 2; // and two words with no pairs at all
        let index = listed_rows(&rows, words);
        let table = rows.as_slice();
        let mut found = 0;
        for side in [AFTER, BEFORE] {
            for word in 0..words as u64 {
                let searched = find_listed(&table, side, word);
                let indexed = Some(index[listed_slot(side, word, words)])
                    .filter(|&at| at != u32::MAX)
                    .map(|at| at as usize);
                assert_eq!(indexed, searched, "side {side} word {word}");
                found += usize::from(searched.is_some());
            }
        }
        // `he` and `she` have neighbours after them with an ending, `asked` and `walked`
        // before; `only` both.
        assert_eq!(found, 6);
    }

    #[test]
    fn a_word_listed_before_many_words_of_an_ending_favours_that_ending() {
        // `he` before 30 pairs' worth of `-ed` words, `lie` before `-ly` words and one `-ed`.
        let mut pairs = vec![(1, 2, 1)];
        for _ in 0..30 {
            pairs.extend([(0, 2, 100), (0, 4, 100), (1, 3, 100), (5, 3, 100)]);
        }
        let rows = summary(&pairs);
        let he = association(&rows, (0, "he"), (4, "inspected")).unwrap();
        let lie = association(&rows, (1, "lie"), (4, "inspected")).unwrap();
        assert!(he > 0.3, "{he}");
        assert!(lie < -0.5, "{lie}");
        // A word the list never pairs, and two short words, say nothing.
        assert_eq!(association(&rows, (3, "only"), (4, "inspected")), None);
        assert_eq!(association(&rows, (0, "he"), (1, "lie")), None);
    }

    #[test]
    fn few_listed_pairs_say_little() {
        let mut pairs = vec![(1, 2, 100)];
        for _ in 0..40 {
            pairs.extend([(5, 3, 100), (0, 4, 100)]);
        }
        let rows = summary(&pairs);
        let once = association(&rows, (1, "lie"), (2, "asked")).unwrap();
        let often = association(&rows, (0, "he"), (2, "asked")).unwrap();
        assert!(once > 0.0 && once < often, "{once} {often}");
    }

    #[test]
    fn the_summary_reads_the_rows_a_search_of_each_key_would() {
        // Every word's and ending's rows, read around the word's count of pairs and within
        // the endings' block, as a plain search of the whole table reads them.
        let mut pairs = Vec::new();
        for i in 0..60u64 {
            pairs.push(((i % 6) as u32, ((i * 7 + 3) % 6) as u32, 1 + i * 13 % 50));
        }
        let rows = summary(&pairs);
        let plain = |k: u64| {
            rows.binary_search_by_key(&k, |&(k, _)| k)
                .map_or(0, |i| rows[i].1)
        };
        let s = Summary::new(rows.as_slice());
        let endings: Vec<u64> = KEYS
            .iter()
            .filter_map(|k| ending(k))
            .chain([1, u64::from('z')])
            .collect();
        for side in [AFTER, BEFORE] {
            for word in 0..8u32 {
                for &e in &endings {
                    let w = u64::from(word);
                    let listed = plain(key(side, w, LISTED));
                    let expected = (listed > 0).then(|| {
                        let here = plain(key(side, w, e)) as f64
                            / plain(key(side, w, EVERY_ENDING)).max(1) as f64;
                        let anywhere = plain(key(side, EVERY_WORD, e)) as f64
                            / plain(key(side, EVERY_WORD, EVERY_ENDING)).max(1) as f64;
                        let weight = listed as f64 / (listed as f64 + HALF_WEIGHT_PAIRS);
                        (weight * ((here + SMOOTHING) / (anywhere + SMOOTHING)).ln())
                            .clamp(-MAX_NATS, MAX_NATS)
                    });
                    assert_eq!(
                        s.side_association(side, word, e),
                        expected,
                        "{side} {word} {e}"
                    );
                }
            }
        }
    }
}
