//! Openers: which words open a clause after a comma, or a sentence after its full stop
//! (`, and` far oftener than `, end`; `, but` than `, hut`). The pair list does not pair
//! words across such a mark, so the first word after one has no word before it for
//! context; what the training pages printed after the mark stands in for it. Learned by
//! `ocrmend train`, weighed by [`crate::rank::context`].

use crate::tokenize::Token;

/// A mark that ends a clause or a sentence, after which a word opens the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Boundary {
    /// A comma: a clause opens (`, and`, `, which`).
    Comma,
    /// A full stop, question or exclamation mark: a sentence opens (`. The`).
    Stop,
}

impl Boundary {
    /// Both boundaries, in the order of [`Boundary::index`].
    pub const ALL: [Boundary; 2] = [Boundary::Comma, Boundary::Stop];

    /// The boundary that the marks ending a chunk (`before,`, `said.`) close it with, if
    /// any: its last character decides (`said,"` ends in a quote, not a comma).
    pub fn ending(chunk: &str) -> Option<Boundary> {
        match chunk.chars().next_back()? {
            ',' => Some(Boundary::Comma),
            '.' | '!' | '?' => Some(Boundary::Stop),
            _ => None,
        }
    }

    /// The mark that names the boundary in a channel model's table.
    pub fn mark(self) -> &'static str {
        match self {
            Boundary::Comma => ",",
            Boundary::Stop => ".",
        }
    }

    /// The boundary a table's mark names.
    pub fn of_mark(mark: &str) -> Option<Boundary> {
        Boundary::ALL.into_iter().find(|b| b.mark() == mark)
    }

    /// The boundary's place in [`Boundary::ALL`] (for tables kept per boundary).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The boundary token `first` of `tokens` opens after: the comma or stop ending the token
/// before it, when the token has no mark of its own before it (`before, end`; not
/// `said, "The`).
pub fn opened_after(text: &str, tokens: &[Token], first: usize) -> Option<Boundary> {
    let before = tokens.get(first.checked_sub(1)?)?;
    if !tokens.get(first)?.leading(text).is_empty() {
        return None;
    }
    Boundary::ending(before.trailing(text))
}

/// What training counted of openers (the `[` rows of a channel model's table).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenerCounts {
    /// Per boundary (by [`Boundary::index`]): how many chunks it closed before a word.
    pub closes: [u64; 2],
    /// Each boundary and lower-case word printed right after it, with how often.
    pub words: Vec<(Boundary, String, u32)>,
}

/// How much more often than chance the training pages printed a word opening after a
/// boundary, in nats, by pointwise mutual information: the word seen `n` times after the
/// boundary, which closed `closes` chunks, where the word makes up `share` of all printed
/// words. A word never counted there (fewer than `min_count` times) but common enough to
/// have been expected there `min_count` times or more is told apart too: it opens such
/// clauses at most `min_count` less a half times, so its association is at most that
/// (`end` after a comma). Clamped to ±8, as printed pairs are.
pub fn opener_association(n: Option<u32>, closes: u64, share: f64, min_count: u32) -> f64 {
    let expected = closes as f64 * share;
    if expected <= 0.0 {
        return 0.0;
    }
    let seen = match n {
        Some(n) => f64::from(n) - 0.5,
        None if expected > f64::from(min_count) => f64::from(min_count) - 0.5,
        None => return 0.0,
    };
    crate::lexicon::association_nats(seen, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_mark_of_a_chunk_names_its_boundary() {
        assert_eq!(Boundary::ending("before,"), Some(Boundary::Comma));
        assert_eq!(Boundary::ending("bail."), Some(Boundary::Stop));
        assert_eq!(Boundary::ending("him?"), Some(Boundary::Stop));
        assert_eq!(Boundary::ending("said,\""), None);
        assert_eq!(Boundary::ending("follows:"), None);
        assert_eq!(Boundary::ending(""), None);
        for b in Boundary::ALL {
            assert_eq!(Boundary::of_mark(b.mark()), Some(b));
            assert_eq!(Boundary::ALL[b.index()], b);
        }
    }

    #[test]
    fn a_token_opens_after_the_boundary_ending_the_token_before() {
        let text = "in trouble before, end refused. \"The man; he went";
        let tokens = crate::tokenize::tokenize(text);
        let at = |w: &str| tokens.iter().position(|t| t.text(text) == w).unwrap();
        assert_eq!(
            opened_after(text, &tokens, at("end")),
            Some(Boundary::Comma)
        );
        assert_eq!(opened_after(text, &tokens, at("before")), None);
        // A quote of its own before it: not the word right after the stop.
        assert_eq!(opened_after(text, &tokens, at("The")), None);
        assert_eq!(opened_after(text, &tokens, at("he")), None);
        assert_eq!(opened_after(text, &tokens, 0), None);
        assert_eq!(opened_after(text, &tokens, tokens.len()), None);
    }

    #[test]
    fn common_openers_gain_and_expected_absent_words_lose() {
        // 1,000 commas; `and` is 3% of all words and opened 150 clauses: five times chance.
        let and = opener_association(Some(150), 1000, 0.03, 3);
        assert!((and - (149.5f64 / 30.0).ln()).abs() < 1e-9);
        // `end`, 1% of the words, expected 10 times, never counted: at most 2.5 of 10.
        let end = opener_association(None, 1000, 0.01, 3);
        assert!((end - (2.5f64 / 10.0).ln()).abs() < 1e-9);
        // A word too rare to have been expected there tells nothing.
        assert_eq!(opener_association(None, 1000, 0.001, 3), 0.0);
        // Nor does a boundary never seen.
        assert_eq!(opener_association(Some(5), 0, 0.01, 3), 0.0);
    }
}
