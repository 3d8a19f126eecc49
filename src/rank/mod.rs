//! Stage 6, rank: a noisy-channel score for every proposal: how likely the word is
//! (frequency), how well it fits its neighbours (bigram counts), and how likely the scanner
//! was to misread it as the token (channel cost). Keeping the token as it is competes too.

use crate::corpus::Corpus;
use crate::edit::{Candidate, EditKind};
use crate::generate::Proposal;
use crate::lexicon::{Lexicon, WordId};

mod context;
mod keep;
pub use context::*;
use keep::KEEP_LONG;
pub use keep::*;

/// The weights of the score. Defaults were chosen on the development data (see
/// docs/accuracy.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Nats per unit of channel cost.
    pub channel: f64,
    /// Scale of the bigram (context) evidence.
    pub context: f64,
    /// Bonus for keeping a capitalised token not at the start of a sentence (names).
    pub keep_capitalised: f64,
    /// The part of that bonus withdrawn when the best reading is itself a name the lexicon
    /// knows (`Lordon` for `London`): the capital then says the word is a name, not which.
    pub name_reading: f64,
    /// How many times more often than misreadings of the best candidate would explain a
    /// clean token must occur in the input to count as a word of the text (`hee`,
    /// `souldier`, a name); it then gets its share of the input as its prior.
    pub repeat_surplus: f64,
    /// A known word is a real-word-error suspect only if its log prior is below this.
    pub real_word_rare: f64,
    /// Replacements of a known word may cost at most this much (cheap confusions only).
    pub real_word_max_cost: f64,
    /// Bonus for keeping a rare known word: a real-word correction must win by this much.
    pub real_word_margin: f64,
    /// Bonus for keeping a common short word (`be`, `bad`): only strong context beats it.
    pub common_word_margin: f64,
    /// Nats per unit of channel cost when estimating how many misreadings to expect: lower
    /// than `channel`, so that only forms far too common to be misreadings count as words.
    pub surplus_channel: f64,
    /// Penalty for keeping a token with digits or punctuation among its letters.
    pub keep_damaged: f64,
    /// Bonus for keeping a token of three letters or fewer (too short to judge).
    pub keep_short: f64,
    /// Penalty per character beyond [`LONG_FROM`] for keeping an unknown token: the longer
    /// a form the lexicon lacks, the likelier it is a misreading of one it has.
    pub keep_long: f64,
    /// Penalty for keeping a token with a capital inside it after a small letter
    /// (`FarEastern`): usually words run together.
    pub keep_camel: f64,
    /// Penalty for keeping an unknown token, in nats per character of its character-trigram
    /// surprise beyond `wordlike_slack` above the base words' mean (`ilcnrj` is less likely a
    /// word of its own than `Shevardnadze`).
    pub implausible: f64,
    /// Surprise per character above the base words' mean that unusual words and names
    /// still reach without penalty.
    pub wordlike_slack: f64,
    /// Nats given back for each extra word of a split: the unsplit token fills one slot of
    /// the sentence, the split two, and a second word in its slot costs about this much.
    pub split_word: f64,
    /// Weight of the text's own word counts in a candidate's prior (a cache model: a word
    /// the text uses is likelier in it than in English at large).
    pub document: f64,
    /// Weight of the training pages' word shares (the channel model's printed words) in a
    /// word's prior, blended in when a [`crate::Mender`] is made.
    pub printed: f64,
    /// Whether the pairs the training pages printed count as context
    /// ([`Lexicon::printed_association`]): for unknown tokens they do; a known word is
    /// doubted on the general pair list alone (the domain's `he said` is no reason to read
    /// `be said` as `he said`).
    pub printed_pairs: bool,
    /// Weight of a point read after an unknown token (or a capitalised word) as context: a
    /// reading whose word the training pages printed with a point after it far more often
    /// than most (`Mr`) gains, one seldom so printed (`the`) loses ([`weigh_point_after`]).
    /// Chosen by two-fold cross-validation with one calibration: 1, 2 and 3 fixed 26, 50
    /// and 60 more words of bln600 than none, and broke none more; at 3 icdar2017_en left
    /// 13 more changed wrong.
    pub point_after: f64,
    /// How often a point is read after a word where none was printed (a speck): what keeps
    /// a point from ruling out a word never printed with one (0.003 and 0.03 did as well).
    pub point_speck: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            channel: 7.0,
            context: 1.2,
            keep_capitalised: 6.0,
            name_reading: 3.0,
            repeat_surplus: 2.0,
            surplus_channel: 3.5,
            real_word_rare: -11.5,
            real_word_max_cost: 1.1,
            real_word_margin: 3.0,
            common_word_margin: 4.0,
            keep_damaged: 6.0,
            keep_short: 2.0,
            keep_long: KEEP_LONG,
            keep_camel: 3.0,
            split_word: 6.0,
            document: 0.1,
            printed: 0.2,
            printed_pairs: true,
            point_after: 2.0,
            point_speck: 0.01,
            implausible: 1.0,
            wordlike_slack: 0.6,
        }
    }
}

/// Scores every proposal; best first.
pub fn rank(
    proposals: &[Proposal],
    lexicon: &Lexicon,
    around: Neighbours,
    document: Option<&Corpus>,
    weights: &Weights,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = proposals
        .iter()
        .map(|p| {
            let log_prior = reading_prior(p, lexicon, document, weights);
            // A number has no neighbours the word pairs know; numbers beside it speak for
            // it as much as the document's numbers keep such company.
            let context = if p.kind == EditKind::Number {
                number_context(document, around, weights)
            } else {
                context(lexicon, around, &p.words, weights)
            };
            Candidate {
                text: p.text.clone(),
                channel_cost: p.channel_cost,
                log_prior,
                context,
                score: log_prior + context - weights.channel * p.channel_cost,
                kind: p.kind,
            }
        })
        .collect();
    out.sort_by(best_first);
    out.dedup_by(|b, a| a.text == b.text);
    out
}

/// The log prior of a proposal's reading, its neighbours aside: its words' priors (the
/// `document`'s own counts blended in) and, for several words, how well they go together.
/// A reading of no words (a speck deleted) has no prior to pay: the channel's price of the
/// letter read where nothing was printed, and whether the words around then go together,
/// decide it (two-fold cross-validation: charging it 3 nats cut bln600's CER by 10.9%
/// instead of 11.0%; 6, what a split's extra word is given back, left nothing to delete).
pub fn reading_prior(
    p: &Proposal,
    lexicon: &Lexicon,
    document: Option<&Corpus>,
    weights: &Weights,
) -> f64 {
    if p.kind == EditKind::Number {
        return number_prior(document);
    }
    let prior = |w: WordId| match document {
        Some(doc) if weights.document > 0.0 && doc.tokens() > 0 => {
            let share = f64::from(doc.count_folded(lexicon.key(w))) / doc.tokens() as f64;
            ((1.0 - weights.document) * lexicon.log_prior(w).exp() + weights.document * share).ln()
        }
        _ => lexicon.log_prior(w),
    };
    p.words.iter().map(|&w| prior(w)).sum::<f64>()
        + p.words
            .windows(2)
            .map(|w| association(lexicon, w[0], w[1], weights.printed_pairs))
            .sum::<f64>()
        + weights.split_word * p.words.len().saturating_sub(1) as f64
}

/// The context of a number between `around`: how much likelier the `document`'s tokens with
/// as many numbers beside them are numbers than its tokens are (weighted as word pairs are);
/// the word pairs know no numbers.
pub fn number_context(document: Option<&Corpus>, around: Neighbours, weights: &Weights) -> f64 {
    document.map_or(0.0, |d| d.number_company(usize::from(around.numbers))) * weights.context
}

/// The log prior of a number: the share of the `document`'s tokens that are numbers
/// ([`Corpus::numbers`]), or [`NUMBER_SHARE`] without one.
fn number_prior(document: Option<&Corpus>) -> f64 {
    match document {
        Some(doc) if doc.tokens() > 0 => {
            ((f64::from(doc.numbers()) + 1.0) / (doc.tokens() as f64 + 100.0)).ln()
        }
        _ => NUMBER_SHARE.ln(),
    }
}

/// The share of the tokens of a text that are numbers, when the text is not known: about
/// one in a hundred on the development pages' ground truth.
pub const NUMBER_SHARE: f64 = 0.01;

/// A reading's score with its context left out, from its log prior and channel cost: what
/// [`learned_margin`] weighs.
pub fn out_of_context(log_prior: f64, channel_cost: f64, weights: &Weights) -> f64 {
    log_prior - weights.channel * channel_cost
}

/// The order of ranked candidates: best score first, ties by text.
fn best_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.text.cmp(&b.text))
}

/// Weighs the point read after a token as context for its `ranked` candidates (best first
/// again after): each gains `weights.point_after` times the log of `odds(word)`, how much
/// likelier its last word is to be followed by a point than any word (`Mr.` for `lr.`, not
/// `it.`); a word without such counts is left as it is.
pub fn weigh_point_after(
    ranked: &mut [Candidate],
    odds: impl Fn(&str, f64) -> Option<f64>,
    weights: &Weights,
) {
    if weights.point_after == 0.0 {
        return;
    }
    for c in ranked.iter_mut() {
        let last = c.text.rsplit([' ', '-']).next().unwrap_or_default();
        let fit = point_fit(odds(last, weights.point_speck), weights);
        c.context += fit;
        c.score += fit;
    }
    ranked.sort_by(best_first);
}

/// What a point read after a word adds to its score, given the odds that the word takes a
/// point against all words ([`weigh_point_after`]): nothing without them.
pub fn point_fit(odds: Option<f64>, weights: &Weights) -> f64 {
    odds.map_or(0.0, |odds| weights.point_after * odds.ln())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditKind;
    use crate::lexicon::Layer;

    #[test]
    fn a_point_after_the_token_favours_words_printed_with_one() {
        let candidate = |text: &str, score: f64| Candidate {
            text: text.to_owned(),
            channel_cost: 0.5,
            log_prior: score,
            context: 0.0,
            score,
            kind: crate::EditKind::Substitute,
        };
        let odds = |w: &str, speck: f64| match w {
            "Mr" => Some((0.9 + speck) / (0.05 + speck)),
            "it" => Some((0.03 + speck) / (0.05 + speck)),
            _ => None,
        };
        let mut ranked = vec![
            candidate("it", -5.0),
            candidate("Mr", -7.0),
            candidate("ir", -6.0),
        ];
        weigh_point_after(&mut ranked, odds, &Weights::default());
        let order: Vec<&str> = ranked.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(order, ["Mr", "it", "ir"]);
        // The fit is context; a word without counts keeps its score.
        assert!(ranked[0].context > 0.0 && ranked[1].context < 0.0 && ranked[2].context == 0.0);
        assert_eq!(ranked[2].score, -6.0);
        // At weight 0 nothing moves.
        let mut ranked = vec![candidate("it", -5.0), candidate("Mr", -7.0)];
        let off = Weights {
            point_after: 0.0,
            ..Weights::default()
        };
        weigh_point_after(&mut ranked, odds, &off);
        assert_eq!(ranked[0].text, "it");
    }

    #[test]
    fn a_number_is_as_likely_as_the_text_writes_numbers_and_numbers_beside_it_are_its_context() {
        let lexicon = Lexicon::embedded();
        let w = Weights::default();
        let number = Proposal {
            text: "18".to_owned(),
            kind: EditKind::Number,
            channel_cost: 0.5,
            words: Vec::new(),
        };
        let prior = |text: &str| reading_prior(&number, &lexicon, Some(&Corpus::of(text)), &w);
        let figures = "in 1887 there were 12 ships, 40 men and 3 boats";
        let words = "in the year there were many ships and men and boats";
        assert!(prior(figures) > prior(words));
        assert!((reading_prior(&number, &lexicon, None, &w) - NUMBER_SHARE.ln()).abs() < 1e-9);
        // Between two words that go together, a number is given nothing for them.
        let (the, house) = (lexicon.id("the"), lexicon.id("house"));
        let around = Neighbours {
            prev: the,
            next: house,
            ..Neighbours::default()
        };
        assert_eq!(
            rank(std::slice::from_ref(&number), &lexicon, around, None, &w)[0].context,
            0.0
        );
        // In a text whose numbers come in pairs (`1s. 6d.`), a number beside a number is
        // likelier than one between words.
        let prices = Corpus::of("paid 1s. 6d. and 2s. 6d. or 3s. 4d. for the seats in the house");
        let context = |numbers: u8| {
            let around = Neighbours { numbers, ..around };
            rank(
                std::slice::from_ref(&number),
                &lexicon,
                around,
                Some(&prices),
                &w,
            )[0]
            .context
        };
        assert!(context(1) > 0.0, "{}", context(1));
        assert!(context(0) < 0.0, "{}", context(0));
    }

    #[test]
    fn words_the_text_uses_are_likelier_readings() {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list("cost\t900\ncourt\t300\nthe\t5000\n", Layer::Base);
        let proposal = |word: &str| Proposal {
            text: word.to_owned(),
            kind: EditKind::Substitute,
            channel_cost: 0.5,
            words: vec![lexicon.id(word).unwrap()],
        };
        let proposals = [proposal("cost"), proposal("court")];
        let w = Weights::default();
        let best = |doc: Option<&Corpus>| {
            rank(&proposals, &lexicon, Neighbours::default(), doc, &w)[0]
                .text
                .clone()
        };
        assert_eq!(best(None), "cost");
        assert_eq!(best(Some(&Corpus::of("the cost of it"))), "cost");
        let trial = Corpus::of("the Court sat; the court rose; the court heard the case");
        assert_eq!(best(Some(&trial)), "court");
    }
}
