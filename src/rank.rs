//! Stage 6, rank: a noisy-channel score for every proposal: how likely the word is
//! (frequency), how well it fits its neighbours (bigram counts), and how likely the scanner
//! was to misread it as the token (channel cost). Keeping the token as it is competes too.

use crate::casing::{seams, CaseShape};
use crate::channel::{is_junk, ReadingRecord};
use crate::corpus::Corpus;
use crate::edit::{Candidate, EditKind};
use crate::generate::Proposal;
use crate::lexicon::compiled::excess_surprise;
use crate::lexicon::{Layer, Lexicon, Side, WordId};
use crate::openers::Boundary;

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

const KEEP_LONG: f64 = 0.5;

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
/// `alternatives` are the readings' scores [`out_of_context`]. A word training never saw
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
    use super::*;
    use crate::edit::EditKind;

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
