//! The context a reading is weighed in: how well its words go with the words around the
//! token (pointwise mutual information over the pair list, the pairs the training pages
//! printed and the input uses, the words' endings where the list cannot tell, and the
//! clause openers after a comma or a stop), and the most that context could add (a bound
//! that lets most doubted words be kept without looking their readings' pairs up).

use super::Weights;
use crate::lexicon::{Lexicon, Side, WordId};
use crate::openers::Boundary;

/// The words around a token, for context.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// The word before, if the lexicon knows it and no sentence break intervenes.
    pub prev: Option<WordId>,
    /// The word after, likewise.
    pub next: Option<WordId>,
    /// Where no word before counts because a comma or a sentence's stop ends the chunk
    /// before: that boundary, whose openers stand in for the word ([`crate::openers`]).
    pub opens: Option<Boundary>,
    /// How many of the tokens right before and after are numbers (0, 1 or 2): context for
    /// a reading that is itself a number.
    pub numbers: u8,
}

/// Association of two words in nats (pointwise mutual information): positive when they go
/// together more often than chance, negative when a pair common enough to be listed is
/// missing from the bigram list (`bad been`), 0 when the list cannot tell. A pair the
/// training pages printed often (`Police Court`) goes together at least as well as they say,
/// when `printed` asks for their pairs.
pub fn association(lexicon: &Lexicon, a: WordId, b: WordId, printed: bool) -> f64 {
    paired(
        lexicon,
        a,
        b,
        printed,
        listed_association(lexicon, a, b).nats(),
    )
}

/// [`association`] of a word with its neighbour in the text: where the list cannot tell,
/// the words' endings say what they can ([`Lexicon::ending_association`]: `he inspected`
/// and `lie inspected` are both too rare to be listed, but `he` comes before many words in
/// `-ed`). Not for the words of one reading (`Far Eastern`): what a split proposes is a
/// pair the text itself shows, which the endings of a class of words cannot outweigh.
pub fn neighbour_association(lexicon: &Lexicon, a: WordId, b: WordId, printed: bool) -> f64 {
    let listed = match listed_association(lexicon, a, b) {
        Listing::Rare { most } => lexicon
            .ending_association(a, b)
            .map_or(0.0, |nats| (ENDING_WEIGHT * nats).min(most)),
        other => other.nats(),
    };
    paired(lexicon, a, b, printed, listed)
}

/// `listed`, or the training pages' own association of the pair where they printed it
/// oftener (when `printed` asks for it).
fn paired(lexicon: &Lexicon, a: WordId, b: WordId, printed: bool, listed: f64) -> f64 {
    match lexicon.printed_association(a, b).filter(|_| printed) {
        Some(printed) => listed.max(printed),
        None => listed,
    }
}

/// What the lexicon's pair list says of a pair.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Listing {
    /// Listed, or missing where it would be listed if it were common: this association.
    Told(f64),
    /// Too rare to be listed either way: its association is at `most` this.
    Rare { most: f64 },
}

impl Listing {
    /// The association the list alone gives (0 where it cannot tell).
    fn nats(self) -> f64 {
        match self {
            Listing::Told(nats) => nats,
            Listing::Rare { .. } => 0.0,
        }
    }
}

/// [`association`] by the lexicon's pair list alone.
fn listed_association(lexicon: &Lexicon, a: WordId, b: WordId) -> Listing {
    let expected = expected_pairs(lexicon, a, b);
    match lexicon.bigram(a, b) {
        0 => unlisted(lexicon, expected),
        n => Listing::Told(listed_nats(n, expected)),
    }
}

/// How often the pair list would count `a` followed by `b` by chance.
fn expected_pairs(lexicon: &Lexicon, a: WordId, b: WordId) -> f64 {
    let total = lexicon.total().max(1) as f64;
    let ca = lexicon.count(a).max(crate::lexicon::FLOOR_COUNT) as f64;
    let cb = lexicon.count(b).max(crate::lexicon::FLOOR_COUNT) as f64;
    ca * cb / total
        * lexicon.bigram_scale()
        * lexicon.listed_share(a, Side::First)
        * lexicon.listed_share(b, Side::Second)
}

/// The association of a pair the list counts `n` times where `expected` by chance.
fn listed_nats(n: u64, expected: f64) -> f64 {
    (n as f64 / expected)
        .ln()
        .clamp(-MAX_LISTED_NATS, MAX_LISTED_NATS)
}

/// The most a listed pair's association can be, either way.
const MAX_LISTED_NATS: f64 = 8.0;

/// What the list says of a pair it does not list, expected `expected` times by chance:
/// fewer than the list's smallest count were seen.
fn unlisted(lexicon: &Lexicon, expected: f64) -> Listing {
    let floor = lexicon.bigram_floor() as f64;
    if floor > 0.0 && expected > floor {
        Listing::Told((floor / expected).ln().max(-MAX_LISTED_NATS))
    } else if floor > 0.0 {
        Listing::Rare {
            most: (floor / expected).ln(),
        }
    } else {
        Listing::Told(0.0)
    }
}

/// How closely a bound on a pair's association is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundBy {
    /// From the words' counts and their largest pair counts alone, without looking the pair
    /// up: the cheapest.
    Counts,
    /// With the pair looked up in the pair list; only the endings' evidence on a pair too
    /// rare to be listed is bounded (it is the dearest part to weigh).
    PairList,
}

/// The most [`neighbour_association`] (without the printed pairs) can be for `a` followed
/// by `b`: what lets the readings that cannot win be passed over unweighed.
pub fn association_bound(lexicon: &Lexicon, a: WordId, b: WordId, by: BoundBy) -> f64 {
    let endings_most = |most: f64| {
        (ENDING_WEIGHT * crate::lexicon::endings::MAX_NATS)
            .min(most)
            .max(0.0)
    };
    let bounded = |listing: Listing| match listing {
        Listing::Told(nats) => nats,
        Listing::Rare { most } => endings_most(most),
    };
    if by == BoundBy::PairList {
        return bounded(listed_association(lexicon, a, b));
    }
    let expected = expected_pairs(lexicon, a, b);
    let unlisted = bounded(unlisted(lexicon, expected));
    match lexicon.bigram_most(a).0.min(lexicon.bigram_most(b).1) {
        0 => unlisted,
        n => unlisted.max(listed_nats(n, expected)),
    }
}

/// How much of their weight the endings' evidence on an unlisted pair keeps (see
/// [`Lexicon::ending_association`]): it speaks for a class of words, not the pair itself.
/// Chosen by two-fold cross-validation (measured with the endings weighed inside readings
/// too: 0.3 and 0.5 fixed about as many words, bln600 +70 to +90; the full weight lost
/// overproof_smh words).
const ENDING_WEIGHT: f64 = 0.5;

/// How well `words` fit between their neighbours, in nats (weighted): with the word before
/// and the word after, or, after a comma or a stop, with the words that open a clause or
/// a sentence there.
pub fn context(lexicon: &Lexicon, around: Neighbours, words: &[WordId], weights: &Weights) -> f64 {
    let pairs = beside(around, words, |a, b| {
        neighbour_association(lexicon, a, b, weights.printed_pairs)
    });
    (pairs + opening(lexicon, around, words)) * weights.context
}

/// How well the first of `words` opens a clause or a sentence where `around` says one opens
/// (0 elsewhere): the training pages' openers ([`Lexicon::opener_association`]).
fn opening(lexicon: &Lexicon, around: Neighbours, words: &[WordId]) -> f64 {
    match (around.opens, words.first()) {
        (Some(boundary), Some(&first)) if around.prev.is_none() => {
            lexicon.opener_association(boundary, first)
        }
        _ => 0.0,
    }
}

/// The sum of `pair` over the word before and the first of `words`, and the last of `words`
/// and the word after (where there are such words); for no words (a speck deleted), `pair`
/// of the word before and the word after, which then stand together.
fn beside(around: Neighbours, words: &[WordId], pair: impl Fn(WordId, WordId) -> f64) -> f64 {
    if words.is_empty() {
        return match (around.prev, around.next) {
            (Some(prev), Some(next)) => pair(prev, next),
            _ => 0.0,
        };
    }
    let mut c = 0.0;
    if let (Some(prev), Some(&first)) = (around.prev, words.first()) {
        c += pair(prev, first);
    }
    if let (Some(next), Some(&last)) = (around.next, words.last()) {
        c += pair(last, next);
    }
    c
}

/// The most [`context`] can give any reading made of `words` between `around` (see
/// [`association_bound`]); unbounded when the printed pairs count or the context weight is
/// negative.
pub fn context_bound(
    lexicon: &Lexicon,
    around: Neighbours,
    words: &[WordId],
    weights: &Weights,
    by: BoundBy,
) -> f64 {
    if weights.printed_pairs || weights.context < 0.0 {
        return f64::INFINITY;
    }
    let pairs = beside(around, words, |a, b| association_bound(lexicon, a, b, by));
    (pairs + opening(lexicon, around, words)) * weights.context
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::lexicon::Layer;
    use crate::openers::Boundary;

    #[test]
    fn pairs_are_weighed_on_the_pair_lists_own_scale() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.bigram_scale() > 1.0);
        let id = |w: &str| lexicon.id(w).unwrap();
        // `had been` goes together; `bad been` is not listed and cannot help.
        assert!(association(&lexicon, id("had"), id("been"), true) > 2.0);
        assert!(association(&lexicon, id("bad"), id("been"), true) <= 0.0);
        // A listed pair of common words is not a strong pair merely for being listed.
        assert!(association(&lexicon, id("it"), id("be"), true).abs() < 2.0);
    }

    #[test]
    fn names_are_weighed_by_the_pairs_the_list_counted_them_in() {
        let lexicon = Lexicon::embedded();
        let id = |w: &str| lexicon.id(w).unwrap();
        // The list counted `on friday` only as written small: few times for the word's count,
        // and `on tuesday` not at all. Neither tells against the days.
        assert!(lexicon.bigram(id("on"), id("friday")) > 0);
        assert_eq!(lexicon.bigram(id("on"), id("tuesday")), 0);
        for (a, b) in [("on", "friday"), ("in", "london"), ("friday", "night")] {
            let nats = neighbour_association(&lexicon, id(a), id(b), false);
            assert!(nats > 1.0, "{a} {b}: {nats}");
        }
        let nats = neighbour_association(&lexicon, id("on"), id("tuesday"), false);
        assert!(nats >= 0.0, "on tuesday: {nats}");
        // Words written small keep their pairs' evidence, for and against.
        assert!(neighbour_association(&lexicon, id("in"), id("the"), false) > 0.5);
        assert!(neighbour_association(&lexicon, id("the"), id("of"), false) < -0.5);
    }

    #[test]
    fn a_pair_too_rare_to_be_listed_is_weighed_by_the_words_endings() {
        let lexicon = Lexicon::embedded();
        let id = |w: &str| lexicon.id(w).unwrap();
        for verb in ["inspected", "contended", "rented"] {
            // Neither pair is listed; `he` is listed before many words in `-ed`, `lie`
            // before almost none.
            assert_eq!(lexicon.bigram(id("he"), id(verb)), 0);
            assert_eq!(lexicon.bigram(id("lie"), id(verb)), 0);
            let he = neighbour_association(&lexicon, id("he"), id(verb), true);
            let lie = neighbour_association(&lexicon, id("lie"), id(verb), true);
            assert!(he > 0.3 && lie < -0.3, "{verb}: he {he}, lie {lie}");
            // Within one reading the list alone speaks.
            assert_eq!(association(&lexicon, id("he"), id(verb), true), 0.0);
        }
    }

    #[test]
    fn no_pair_is_weighed_above_its_bound_and_the_bound_is_near_for_listed_pairs() {
        let mut lexicon = Lexicon::embedded();
        // Words the lists pair often and seldom, a word without a count, and one added.
        let added = lexicon.add("zorbified", 3, Layer::User);
        let mut words: Vec<WordId> = [
            "the",
            "of",
            "he",
            "lie",
            "had",
            "bad",
            "been",
            "inspected",
            "court",
            "ho",
            "tho",
            "government",
            "Minister",
            "Japan",
            "and",
            "anid",
        ]
        .iter()
        .filter_map(|w| lexicon.id(w))
        .collect();
        words.push(added);
        // And a spread of the base list, common and rare.
        words.extend((0..lexicon.len() as WordId).step_by(997));
        let mut tight = 0;
        for &a in &words {
            for &b in &words {
                let real = neighbour_association(&lexicon, a, b, false);
                let bound = association_bound(&lexicon, a, b, BoundBy::Counts);
                let listed = association_bound(&lexicon, a, b, BoundBy::PairList);
                assert!(
                    real <= listed && listed <= bound,
                    "{a} {b}: {real} {listed} {bound}"
                );
                tight += usize::from(lexicon.bigram(a, b) > 0 && bound - real < 1e-9);
                // A listed pair is bounded by its own weight.
                if lexicon.bigram(a, b) > 0 {
                    assert_eq!(listed, real);
                }
            }
        }
        // Where a word's largest pair is this one, the bound is the pair's own weight.
        assert!(tight > 0);
        let w = Weights::default();
        let around = Neighbours {
            prev: lexicon.id("of"),
            next: lexicon.id("and"),
            opens: None,
            numbers: 0,
        };
        let the = [lexicon.id("the").unwrap()];
        for by in [BoundBy::Counts, BoundBy::PairList] {
            assert!(
                context(&lexicon, around, &the, &w)
                    <= context_bound(&lexicon, around, &the, &w, by)
            );
        }
        // The training pages' pairs are not bounded.
        let printed = Weights {
            printed_pairs: true,
            ..w
        };
        assert_eq!(
            context_bound(&lexicon, around, &the, &printed, BoundBy::Counts),
            f64::INFINITY
        );
    }

    #[test]
    fn pairs_the_training_pages_printed_often_go_together() {
        let mut lexicon = Lexicon::embedded();
        let id = |l: &Lexicon, w: &str| l.id(w).unwrap();
        let (police, court) = (id(&lexicon, "police"), id(&lexicon, "court"));
        let (bad, been) = (id(&lexicon, "bad"), id(&lexicon, "been"));
        let listed = association(&lexicon, police, court, true);
        let printed = [
            ("police".to_owned(), 40),
            ("court".to_owned(), 50),
            ("bad".to_owned(), 10),
            ("been".to_owned(), 100),
            ("the".to_owned(), 9800),
        ];
        let pairs = [("police".to_owned(), "court".to_owned(), 30)];
        lexicon.blend_printed(&printed, &pairs, 0.2);
        // Printed together 30 times where chance gives 0.2: ln((30 - 0.5) x 10000 / 2000).
        let expected = (29.5f64 * 10_000.0 / 2_000.0).ln();
        assert!((lexicon.printed_association(police, court).unwrap() - expected).abs() < 1e-9);
        assert!(association(&lexicon, police, court, true) >= listed.max(expected) - 1e-9);
        // A pair the pages never printed keeps the list's verdict.
        assert!(lexicon.printed_association(bad, been).is_none());
        assert!(association(&lexicon, bad, been, true) <= 0.0);
        // Without the pages' pairs, the list's verdict.
        assert_eq!(association(&lexicon, police, court, false), listed);
    }

    #[test]
    fn after_a_comma_the_words_that_open_clauses_fit() {
        use crate::openers::OpenerCounts;
        let mut lexicon = Lexicon::embedded();
        let id = |l: &Lexicon, w: &str| l.id(w).unwrap();
        let (and, end, refused) = (
            id(&lexicon, "and"),
            id(&lexicon, "end"),
            id(&lexicon, "refused"),
        );
        let printed = [
            ("and".to_owned(), 3000),
            ("end".to_owned(), 100),
            ("the".to_owned(), 6900),
        ];
        lexicon.blend_printed(&printed, &[], 0.2);
        lexicon.blend_openers(&OpenerCounts {
            closes: [1000, 0],
            words: vec![(Boundary::Comma, "and".to_owned(), 500)],
        });
        let w = Weights::default();
        let after_comma = Neighbours {
            prev: None,
            next: Some(refused),
            opens: Some(Boundary::Comma),
            numbers: 0,
        };
        let inside = Neighbours {
            opens: None,
            ..after_comma
        };
        let gain = |word| {
            context(&lexicon, after_comma, &[word], &w) - context(&lexicon, inside, &[word], &w)
        };
        // `and` opened 500 of 1,000 clauses where chance gives 300: ln(499.5 / 300).
        assert!((gain(and) - (499.5f64 / 300.0).ln() * w.context).abs() < 1e-9);
        // `end` was expected 10 times and never counted: at most 2.5 of them.
        assert!((gain(end) - (2.5f64 / 10.0).ln() * w.context).abs() < 1e-9);
        assert!(gain(and) > gain(end));
        // No boundary seen: nothing said.
        let after_stop = Neighbours {
            opens: Some(Boundary::Stop),
            ..after_comma
        };
        assert_eq!(
            context(&lexicon, after_stop, &[end], &w),
            context(&lexicon, inside, &[end], &w)
        );
        // The bound that lets readings go unweighed holds the openers too.
        let unprinted = Weights {
            printed_pairs: false,
            ..w
        };
        for word in [and, end] {
            for by in [BoundBy::Counts, BoundBy::PairList] {
                assert!(
                    context(&lexicon, after_comma, &[word], &unprinted)
                        <= context_bound(&lexicon, after_comma, &[word], &unprinted, by) + 1e-9
                );
            }
        }
    }
}
