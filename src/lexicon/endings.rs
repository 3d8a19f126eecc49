//! Pair evidence by word ending: what the bigram list says about a pair it does not list.
//! The list keeps only pairs seen very often, so `he inspected` and `lie inspected` are both
//! missing and a plain look-up cannot choose between them; but the list pairs `he` with
//! hundreds of words ending in `-ed` and `lie` with almost none. The association of a word
//! with the *ending* of its neighbour (its last two letters: a rough word class) is
//! estimated over the whole list, shrunk towards nothing for words the list pairs seldom.

use super::compiled::Compiled;
use super::WordId;
use rustc_hash::FxHashMap;

/// The last two letters of a word of four letters or more, packed (`None` for shorter
/// words: their ending is the word itself, which the list already answers for).
pub fn ending(key: &str) -> Option<u64> {
    let mut rev = key.chars().rev();
    let (last, before) = (rev.next()?, rev.next()?);
    (key.chars().count() >= MIN_LETTERS).then(|| (u64::from(before) << 32) | u64::from(last))
}

/// Words shorter than this have no [`ending`].
const MIN_LETTERS: usize = 4;

/// How many listed pairs a word needs for its ending evidence to count half
/// (the shrinkage of [`Side::association`]).
const HALF_WEIGHT_PAIRS: f64 = 20.0;

/// The share added to both sides of an ending's odds, so an ending a word was never
/// listed with is unlikely, not impossible.
const SMOOTHING: f64 = 1e-4;

/// The most an ending association may say, in nats either way.
const MAX_NATS: f64 = 4.0;

/// One direction of the list: a word and the endings of the words listed on one side of it.
#[derive(Debug, Default)]
struct Side {
    /// Per (word, ending of its neighbour): summed pair counts.
    pairs: FxHashMap<(WordId, u64), u64>,
    /// Per word: summed pair counts, and how many listed pairs those are.
    words: FxHashMap<WordId, (u64, u32)>,
    /// Per ending: summed pair counts over every word.
    endings: FxHashMap<u64, u64>,
    /// Sum of all counts.
    total: u64,
}

impl Side {
    fn add(&mut self, word: WordId, ending: u64, n: u64) {
        *self.pairs.entry((word, ending)).or_default() += n;
        let w = self.words.entry(word).or_default();
        w.0 += n;
        w.1 += 1;
        *self.endings.entry(ending).or_default() += n;
        self.total += n;
    }

    /// How much likelier `ending` is beside `word` than beside any word, in nats, shrunk
    /// towards 0 for words with few listed pairs; `None` when the list never pairs the word.
    fn association(&self, word: WordId, ending: u64) -> Option<f64> {
        let &(sum, listed) = self.words.get(&word)?;
        let here = self.pairs.get(&(word, ending)).copied().unwrap_or(0) as f64 / sum as f64;
        let anywhere =
            self.endings.get(&ending).copied().unwrap_or(0) as f64 / self.total.max(1) as f64;
        let weight = f64::from(listed) / (f64::from(listed) + HALF_WEIGHT_PAIRS);
        let nats = ((here + SMOOTHING) / (anywhere + SMOOTHING)).ln();
        Some((weight * nats).clamp(-MAX_NATS, MAX_NATS))
    }
}

/// The bigram list summarised by endings, both ways.
#[derive(Debug, Default)]
pub struct EndingPairs {
    /// A word and the endings of the words after it.
    after: Side,
    /// A word and the endings of the words before it.
    before: Side,
}

impl EndingPairs {
    /// The summary of the base lists' pairs.
    pub fn of(base: &Compiled) -> Self {
        let mut out = EndingPairs::default();
        let mut endings: FxHashMap<WordId, Option<u64>> = FxHashMap::default();
        let mut ending_of = |id: WordId| *endings.entry(id).or_insert_with(|| ending(base.key(id)));
        for (a, b, n) in base.bigrams() {
            if let Some(e) = ending_of(b) {
                out.after.add(a, e, n);
            }
            if let Some(e) = ending_of(a) {
                out.before.add(b, e, n);
            }
        }
        out
    }

    /// The association of `a` followed by `b` (keys `a_key`, `b_key`) by their endings, in
    /// nats: the mean of what the list says of `b`'s ending after `a` and of `a`'s ending
    /// before `b`; `None` when it says neither.
    pub fn association(&self, a: WordId, a_key: &str, b: WordId, b_key: &str) -> Option<f64> {
        let after = ending(b_key).and_then(|e| self.after.association(a, e));
        let before = ending(a_key).and_then(|e| self.before.association(b, e));
        match (after, before) {
            (Some(x), Some(y)) => Some((x + y) / 2.0),
            (x, y) => x.or(y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_the_last_two_letters_of_longer_words() {
        assert_eq!(ending("inspected"), ending("adopted"));
        assert_ne!(ending("inspected"), ending("inspects"));
        assert_eq!(ending("the"), None);
        assert_eq!(ending("léé"), None);
        assert_eq!(
            ending("café"),
            Some((u64::from('f') << 32) | u64::from('é'))
        );
    }

    #[test]
    fn a_word_listed_before_many_words_of_an_ending_favours_that_ending() {
        let mut side = Side::default();
        let (ed, ly) = (ending("asked").unwrap(), ending("only").unwrap());
        for _ in 0..30 {
            side.add(1, ed, 100);
            side.add(2, ly, 100);
        }
        side.add(2, ed, 1);
        // `ed` follows half of all words listed: word 1 takes it twice as often as that.
        let he = side.association(1, ed).unwrap();
        let other = side.association(2, ed).unwrap();
        assert!(he > 0.3, "{he}");
        assert!(other < -0.5, "{other}");
        assert_eq!(side.association(3, ed), None);
    }

    #[test]
    fn few_listed_pairs_say_little() {
        let mut side = Side::default();
        let (ed, ly) = (ending("asked").unwrap(), ending("only").unwrap());
        side.add(1, ed, 100);
        for _ in 0..40 {
            side.add(2, ly, 100);
            side.add(3, ed, 100);
        }
        let once = side.association(1, ed).unwrap();
        let often = side.association(3, ed).unwrap();
        assert!(once > 0.0 && once < often, "{once} {often}");
    }
}
