//! Keeping the token as it is, the option every reading competes with: its score (a word of
//! the input proven by its repeats, a capitalised token that may be a name, a long token
//! unlike English), and, for a known word, the margin a replacement must win by.

use super::Weights;
use crate::casing::{seams, CaseShape};
use crate::channel::{is_junk, ReadingRecord};
use crate::corpus::Corpus;
use crate::edit::Candidate;
use crate::lexicon::compiled::excess_surprise;
use crate::lexicon::{Layer, Lexicon};

/// What is known about the token itself, for the score of leaving it alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenFacts {
    /// How often the token occurs, written exactly so, in the input.
    pub repeats: u32,
    /// True when those repeats prove the token a word of the input ([`proven_by_repeats`]).
    pub proven: bool,
    /// How many tokens the input has.
    pub corpus_tokens: u64,
    /// For a word the lexicon knows, weighed as a possible real-word error (`tho` for
    /// `the`, `bad` for `had`): its log prior plus its context, and the margin a
    /// replacement must win by.
    pub known: Option<(f64, f64)>,
    /// True when it starts a sentence (so a capital says nothing).
    pub sentence_start: bool,
    /// True when the best reading is one word the lexicon writes with a capital (a name).
    pub name_reading: bool,
}

/// How many of a token's occurrences the channel model expects as misreadings of `best`: the
/// candidate's count in the input times the probability of the misreading.
fn expected_misreadings(best: &Candidate, corpus: &Corpus, weights: &Weights) -> f64 {
    let seen: u32 = best
        .text
        .split([' ', '-'])
        .map(|w| corpus.count_any_case(w))
        .min()
        .unwrap_or(0);
    f64::from(seen) * (-weights.surplus_channel * best.channel_cost).exp()
}

/// True when the input's `repeats` of `token` prove it a word of the input (a name, a term):
/// it occurs far more often than misreadings of its best reading `best` would explain. Not,
/// in a text `modern` says is modern English, for a small-letter token whose best reading is
/// a small-letter word the input prints too: a scan that misreads a word once misreads it
/// again on the same pages (`acies` seven times beside `acres` eight), and modern English
/// spells a common word one way (older English wrote `doore` beside `door`).
pub fn proven_by_repeats(
    token: &str,
    repeats: u32,
    best: Option<&Candidate>,
    corpus: &Corpus,
    modern: impl FnOnce() -> bool,
    weights: &Weights,
) -> bool {
    let Some(best) = best else {
        return repeats > 1;
    };
    let surplus = repeats > 1
        && f64::from(repeats)
            >= weights.repeat_surplus * (expected_misreadings(best, corpus, weights) + 1.0);
    // Asked last: judging a text modern may take a pass over its words.
    let misread_alike = || {
        token.chars().all(char::is_lowercase)
            && best.text.chars().all(char::is_lowercase)
            && corpus.count_any_case(&best.text) > 0
            && modern()
    };
    surplus && !misread_alike()
}

/// The score of leaving `token` as it is.
pub fn keep_score(token: &str, facts: TokenFacts, lexicon: &Lexicon, weights: &Weights) -> f64 {
    let shape = CaseShape::of(token);
    if let Some((fit, margin)) = facts.known {
        // The lexicon already knows the word; a noisy input repeating `tho` for `the` is no
        // evidence for `tho`.
        return fit + margin;
    }
    let mut s = lexicon.log_prior_unknown();
    if matches!(shape, CaseShape::Title | CaseShape::Upper) {
        // At the start of a sentence a capital says less, but names start sentences too.
        let name = if facts.name_reading {
            weights.keep_capitalised - weights.name_reading
        } else {
            weights.keep_capitalised
        };
        s += name * if facts.sentence_start { 0.5 } else { 1.0 };
    }
    let chars: Vec<char> = token.chars().collect();
    let damaged = chars
        .iter()
        .any(|&c| c.is_ascii_digit() || is_junk(c) && c != '-' && c != '\'')
        && chars.iter().any(|c| c.is_alphabetic());
    if damaged {
        s -= weights.keep_damaged;
    } else if chars.len() <= 3 {
        s += weights.keep_short;
    }
    s -= weights.keep_long * chars.len().saturating_sub(LONG_FROM) as f64;
    if seams(token).next().is_some() {
        s -= weights.keep_camel;
    }
    if let Some((excess, n)) = excess_surprise(token) {
        s -= weights.implausible * n as f64 * (excess - weights.wordlike_slack).max(0.0);
    }
    corpus_prior(s, token, shape, facts)
}

/// Tokens longer than this many characters are penalised when kept ([`Weights::keep_long`]).
pub const LONG_FROM: usize = 5;

pub(super) const KEEP_LONG: f64 = 0.5;

/// Tokens added to the size of the input when taking a form's share of it.
pub const CORPUS_PSEUDO_TOKENS: f64 = 10_000.0;

/// `score`, or the token's share of the input if that is higher and its repeats prove it a
/// word of the input ([`TokenFacts::proven`]).
fn corpus_prior(score: f64, token: &str, shape: CaseShape, facts: TokenFacts) -> f64 {
    let clean = token.chars().all(char::is_alphabetic) && !shape.is_mixed();
    if clean && facts.proven {
        // Pseudo-tokens keep a short input from making any repeated form look common.
        let share = f64::from(facts.repeats) / (facts.corpus_tokens as f64 + CORPUS_PSEUDO_TOKENS);
        score.max(share.ln())
    } else {
        score
    }
}

/// The margin a replacement of a known word must win by, with what training learned of how
/// often the word read was another word printed (`record`): the odds of a misreading the
/// ranker implies with the default `margin` are moved towards the odds observed, by as many
/// sightings as the record has against [`READING_PRIOR_WEIGHT`] for the ranker's. The
/// `alternatives` are the readings' scores [`super::out_of_context`]. A word training never saw
/// misread, or with no alternatives, keeps `margin`.
pub fn learned_margin(
    margin: f64,
    own_prior: f64,
    alternatives: impl Iterator<Item = f64> + Clone,
    record: Option<ReadingRecord>,
) -> f64 {
    let top = alternatives.clone().fold(f64::NEG_INFINITY, f64::max);
    let (Some(record), true) = (record, top > f64::NEG_INFINITY) else {
        return margin;
    };
    // Log of the alternatives' total weight, context aside.
    let alternatives = top + alternatives.map(|s| (s - top).exp()).sum::<f64>().ln();
    let implied = 1.0 / (1.0 + (own_prior + margin - alternatives).exp());
    let rate = (f64::from(record.misread) + READING_PRIOR_WEIGHT * implied)
        / (f64::from(record.seen) + READING_PRIOR_WEIGHT);
    let rate = rate.clamp(1e-6, 1.0 - 1e-6);
    ((1.0 - rate) / rate).ln() + alternatives - own_prior
}

/// How many sightings the ranker's own odds of a misreading count for against a word's
/// record from training.
pub const READING_PRIOR_WEIGHT: f64 = 10.0;

/// The margin a replacement of a known word must win by, when the word is worth weighing as
/// a possible misreading at all: rare words (`tho`), lone letters other than `a` and `I`
/// (`m` for `in`) and short common words (`bad`, `lie`) are, capitalised or not (`MIr`,
/// `TEE`); long words, and words whose small first letter is followed by capitals, are not.
pub fn doubt(word: &str, lexicon: &Lexicon, weights: &Weights) -> Option<f64> {
    let n = word.chars().count();
    if !(1..=8).contains(&n)
        || !word.chars().all(char::is_alphabetic)
        || CaseShape::of(word) == CaseShape::LowerMixed
    {
        return None;
    }
    let id = lexicon.id(word)?;
    let entry = lexicon.entry(id);
    if n == 1 && entry.count > 0 {
        // `a`, `I`: words far too common to doubt one letter at a time.
        None
    } else if entry.layer > Layer::Base {
        // A domain, user or corpus word: leave it.
        None
    } else if entry.count == 0 || lexicon.log_prior(id) < weights.real_word_rare {
        // Too rare to have a count (`ho`, `bo`), or rare all the same.
        Some(weights.real_word_margin)
    } else if n <= 5 {
        Some(weights.common_word_margin)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::channel::ReadingRecord;
    use crate::edit::EditKind;
    use crate::lexicon::Layer;

    #[test]
    fn repeats_beside_the_word_they_misread_prove_nothing_in_modern_english() {
        let reading = |text: &str| Candidate {
            text: text.to_owned(),
            channel_cost: 0.8,
            log_prior: -9.0,
            context: 0.0,
            score: -9.0,
            kind: EditKind::Substitute,
        };
        let w = Weights::default();
        let proven = |token: &str, best: &str, text: &str, modern: bool| {
            let corpus = Corpus::of(text);
            let n = corpus.count(token);
            proven_by_repeats(token, n, Some(&reading(best)), &corpus, || modern, &w)
        };
        let beside = "forty acres, acies of scrub, acies of grass and acies of hills";
        assert!(!proven("acies", "acres", beside, true));
        // Older English spells a word two ways; a name is no misreading of a small word.
        assert!(proven("acies", "acres", beside, false));
        assert!(proven(
            "Acies",
            "acres",
            "forty acres, Acies spoke, Acies left and Acies came back",
            true
        ));
        // Without the word on the page, the repeats count as before.
        assert!(proven(
            "acies",
            "acres",
            "acies of scrub, acies of grass and acies of hills",
            true
        ));
        // Once is never proof.
        assert!(!proven("acies", "acres", "acies of scrub", false));
    }

    #[test]
    fn a_capital_keeps_a_token_less_when_its_reading_is_a_name() {
        let lexicon = Lexicon::empty();
        let w = Weights::default();
        let facts = |name_reading: bool| TokenFacts {
            repeats: 1,
            proven: false,
            corpus_tokens: 1000,
            known: None,
            sentence_start: false,
            name_reading,
        };
        let keep = |token: &str, name: bool| keep_score(token, facts(name), &lexicon, &w);
        // `Lordon` may be a name of its own, or `London` misread: the capital says only the
        // first, so it counts for less when the reading is itself a name.
        let withdrawn = keep("Lordon", false) - keep("Lordon", true);
        assert!((withdrawn - w.name_reading).abs() < 1e-9);
        // A small-letter token gets no name bonus to withdraw.
        assert_eq!(keep("lordon", false), keep("lordon", true));
    }

    #[test]
    fn a_word_often_misread_in_training_is_doubted_more() {
        let w = Weights::default();
        let he = Candidate {
            text: "he".into(),
            channel_cost: 0.3,
            log_prior: -6.0,
            context: 0.0,
            score: 0.0,
            kind: EditKind::Substitute,
        };
        let margin = |record| {
            learned_margin(
                4.0,
                -9.0,
                std::iter::once(out_of_context(he.log_prior, he.channel_cost, &w)),
                record,
            )
        };
        assert_eq!(margin(None), 4.0);
        let often = margin(Some(ReadingRecord {
            seen: 1000,
            misread: 900,
        }));
        let seldom = margin(Some(ReadingRecord {
            seen: 100,
            misread: 1,
        }));
        assert!(often < 4.0 && seldom > often, "{often} {seldom}");
        // Misread in nine readings of ten, often enough to outweigh the ranker's own odds: the
        // replacement wins by the odds observed, ln 9.
        let keep = -9.0 + often;
        let replace = he.log_prior - w.channel * he.channel_cost;
        assert!(
            (replace - keep - 9f64.ln()).abs() < 0.2,
            "{}",
            replace - keep
        );
    }

    #[test]
    fn rare_words_are_doubted_and_added_words_are_not() {
        let mut lexicon = Lexicon::embedded();
        let w = Weights::default();
        // In the word list but too rare to have a count: doubted like any rare word.
        let ho = lexicon.id("ho").unwrap();
        assert_eq!(lexicon.entry(ho).count, 0);
        assert_eq!(doubt("ho", &lexicon, &w), Some(w.real_word_margin));
        assert_eq!(doubt("bad", &lexicon, &w), Some(w.common_word_margin));
        assert_eq!(doubt("government", &lexicon, &w), None, "long and common");
        // A lone letter the list has but no text counts (`m` for `in`, `n` for `a`) is
        // doubted; `a` and `I` are not.
        assert_eq!(doubt("m", &lexicon, &w), Some(w.real_word_margin));
        assert_eq!(doubt("a", &lexicon, &w), None);
        assert_eq!(doubt("I", &lexicon, &w), None);
        // In any case but a small letter followed by capitals.
        assert_eq!(doubt("BAD", &lexicon, &w), Some(w.common_word_margin));
        assert_eq!(doubt("BaD", &lexicon, &w), Some(w.common_word_margin));
        assert_eq!(doubt("bAD", &lexicon, &w), None);
        lexicon.add_list("ho\n", Layer::User);
        assert_eq!(doubt("ho", &lexicon, &w), None, "the user's own word");
    }
}
