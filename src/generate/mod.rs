//! Stage 5, generate: the replacements a suspect token might stand for. OCR confusions are
//! undone first (so `rnountair.s` reaches `mountains`, four plain edits away), then the
//! candidate index finds every word within edit distance 2 of each rewrite (3 around a long
//! token: `oubsoripticn` → `subscription`), and the commonest words two edits deep at a higher
//! price (`tise` → `the`); merged words are split, and hyphens attested elsewhere are restored.
//! A long token for which that reach finds no misreading gets a second, deeper look.

use crate::casing::CaseShape;
use crate::channel::{ChannelModel, Reading};
use crate::corpus::Corpus;
use crate::edit::EditKind;
use crate::lexicon::keys::{DEEP_DISTANCE, MAX_DISTANCE};
use crate::lexicon::{Lexicon, WordId};
use crate::ligatures::{plain_letters, written_like};
use crate::numbers::number_readings;
use crate::regional::RegionalForm;
use crate::train::SCALE;
use rustc_hash::FxHashSet;

mod splits;
use splits::{corrected_splits, misread_halves, segmentation, splits};

/// A replacement before ranking: its text, kind, channel cost and the lexicon words it is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The replacement, in the token's case pattern.
    pub text: String,
    /// The edit it would make.
    pub kind: EditKind,
    /// Weighted edit cost from the replacement to the token.
    pub channel_cost: f64,
    /// The lexicon entries the replacement consists of, in order.
    pub words: Vec<WordId>,
}

/// Limits of the search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchLimits {
    /// How many confusions may be undone in one token.
    pub rewrite_depth: usize,
    /// How many rewrites of one token are looked up.
    pub max_rewrites: usize,
    /// Whether a long token the usual search finds no misreading of gets a
    /// `Reach::second_look`.
    pub second_look: bool,
}

impl Default for SearchLimits {
    /// One confusion undone per rewrite: the index already finds every word two edits
    /// around the token and its cheapest rewrite, one edit around the other rewrites, and
    /// the commonest words two edits around the four cheapest, so undoing a second
    /// confusion first found almost nothing more. Measured by two-fold cross-validation
    /// (fold models and calibrations kept): at the default threshold one fewer word fixed
    /// on bln600 and overproof_smh, two on icdar2017_en, the curves within about 0.1 point;
    /// and about 13% less time over the development corpus (30% on bln600's noisy pages).
    /// Fewer rewrites instead (12 or 6, two confusions deep) cost more words for less time;
    /// 12 one confusion deep cost 5 words on bln600 and 3 on overproof_smh for a saving within
    /// the machine's noise.
    fn default() -> Self {
        SearchLimits {
            rewrite_depth: 1,
            max_rewrites: 24,
            second_look: true,
        }
    }
}

/// The most channel cost a replacement of a token of `len` characters may have: about a
/// quarter of a plain edit per character, at least one edit, at most two and a half (a
/// seven-letter token may take two edits when one of them is a typical confusion). Chosen
/// by two-fold cross-validation: at 0.22 per character many tokens two edits from their
/// word got no reading at all; 0.32 found no more right ones, nor did a cap of 3.4 for long
/// tokens.
pub fn max_cost(len: usize) -> f64 {
    (0.27 * len as f64).clamp(1.0, 2.6)
}

/// The most channel cost a replacement of a token of `len` characters by one of the
/// commonest words ([`Lexicon::is_common`]) may have: more than [`max_cost`] (its frequency
/// pays for a second edit or a dear confusion: `tise`, `auid`, `liom` for `the`, `and`,
/// `from`), and at least two edits. Chosen by two-fold cross-validation over 0.4 to 0.9 more
/// and floors 1.6 to 2.0; every setting fixed more words than none, these the most.
pub fn common_max_cost(len: usize) -> f64 {
    (max_cost(len) + 0.9).max(2.0)
}

/// How many of a token's cheapest rewrites are searched two edits deep among the commonest
/// words (2 and 8 found no more right words).
const COMMON_REWRITES: usize = 4;

/// How deep the whole lexicon is searched around the `n`th cheapest rewrite of a token: the
/// token and its cheapest rewrite to distance 2, the others, already a confusion away, to
/// distance 1 (the search is the cost of a look-up). Words of four letters or fewer may cost
/// at most one edit (`max_cost`): two edits fit only if both are cheap confusions, which the
/// rewrites undo. Long tokens themselves are searched a third edit deep
/// ([`DEEP_DISTANCE`]): a long word can take three misread letters and still be the only
/// word near (`oubsoripticn`, `iraprisonmsnt`).
fn search_distance(rewrite: &str, n: usize, token: &str) -> usize {
    match (rewrite.chars().count(), n) {
        (0..=4, _) | (_, 2..) => 1,
        (LONG_TOKEN.., _) if rewrite == token => DEEP_DISTANCE,
        _ => 2,
    }
}

/// Tokens of this many characters or more are searched [`DEEP_DISTANCE`] edits deep.
/// Chosen by two-fold cross-validation (8, 9, 10 and also deepening the cheapest rewrite
/// were within a few words of each other; all fixed more than none).
const LONG_TOKEN: usize = 8;

/// Every plausible replacement for `token`: the words it may be a misreading of, within the
/// usual reach, or, when that finds none and the token is long enough, within a
/// `Reach::second_look`; then the words it may be made of (splits, segmentations), which
/// are the same whatever the reach and so are made once.
pub fn generate(
    token: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    corpus: &Corpus,
    limits: SearchLimits,
) -> Vec<Proposal> {
    if let Some(plain) = plain_letters(token) {
        // Set with ligatures or the long s (`ﬁrsl`): read in plain letters, the readings
        // written with them again (`ﬁrst`).
        let mut found = generate(&plain, lexicon, channel, corpus, limits);
        for p in &mut found {
            p.text = written_like(token, &p.text);
        }
        return found;
    }
    let reading = channel.reading(token);
    let mut found = misreadings(token, lexicon, channel, &reading, Reach::usual(limits));
    if limits.second_look && found.is_empty() && token.chars().count() >= SECOND_LOOK_LETTERS {
        found = misreadings(
            token,
            lexicon,
            channel,
            &reading,
            Reach::second_look(limits),
        );
    }
    // A merged token with a misread half is two faults; one misreading of a single word
    // that costs no more than the misread half explains it better (`hcrein`: `herein`, not `he rein`).
    let single = found
        .iter()
        .map(|p| p.channel_cost)
        .fold(f64::INFINITY, f64::min);
    found.extend(number_readings(token, &reading, channel, corpus));
    let two = splits(token, lexicon, corpus);
    found.extend(misread_halves(&two, lexicon, channel));
    found.extend(two);
    found.extend(segmentation(token, lexicon, &reading));
    found.extend(corrected_splits(token, lexicon, channel, single));
    found
}

/// How far one search for a token's readings reaches.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reach {
    /// How many confusions are undone, in how many rewrites.
    limits: SearchLimits,
    /// The channel cost a reading may have, as a multiple of [`max_cost`] and
    /// [`common_max_cost`].
    cost_scale: f64,
    /// True when every rewrite is searched as deep as the token's cheapest one (see
    /// [`search_distance`]), not only the first two.
    every_rewrite_deep: bool,
}

impl Reach {
    /// The search every suspect token gets.
    fn usual(limits: SearchLimits) -> Reach {
        Reach {
            limits,
            cost_scale: 1.0,
            every_rewrite_deep: false,
        }
    }

    /// A second, deeper look at a token the usual search found no misreading of: one
    /// confusion more undone, twice the rewrites, each searched two edits deep, and half as
    /// much channel cost again (`Dbliln` → `Dublin`, `hvdnev` → `Sydney`, `sonmwxhat` →
    /// `somewhat`). Only such tokens pay for it, and what it finds is weighed and calibrated
    /// as any reading is (the token's splits are made once, whatever the reach). Measured by
    /// two-fold cross-validation, the fold models and calibrations fixed: for tokens with no
    /// reading at all, 51 more words fixed on bln600, 11 on overproof_smh, 8 on
    /// icdar2017_en, one more broken. A cost scale of 2 or 2.5 found the same; of 1 (the
    /// deeper search alone) 22, 7 and 6. From tokens of four letters the same as from five.
    /// For tokens with only splits besides: 9, 3 and 4 more, none broken. Wider looks fixed
    /// little more for their price (fold models and calibrations kept; instructions by
    /// `valgrind --tool=cachegrind`, 150 kB of bln600): four times the usual rewrites for
    /// tokens of eight letters or more, 6, 5 and 1 more words (7 more changed wrong on
    /// overproof_smh) for 8% more instructions; eight times for every token, 13, 8 and 0 for
    /// 26%, and with a third confusion undone too, 15, 9 and 1. An exhaustive sweep of the
    /// lexicon is measured in docs/accuracy.md.
    fn second_look(limits: SearchLimits) -> Reach {
        Reach {
            limits: SearchLimits {
                rewrite_depth: limits.rewrite_depth + 1,
                max_rewrites: limits.max_rewrites * 2,
                ..limits
            },
            cost_scale: 1.5,
            every_rewrite_deep: true,
        }
    }
}

/// Tokens shorter than this get no second look ([`Reach::second_look`]): a short token
/// with no reading near is most often junk, and two edits from a short token reach any
/// number of words.
const SECOND_LOOK_LETTERS: usize = 5;

/// The words within `reach` that `token` (as `reading`) may be a misreading of, as
/// [`EditKind::Substitute`] proposals.
fn misreadings(
    token: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    reading: &Reading,
    reach: Reach,
) -> Vec<Proposal> {
    let lower = token.to_lowercase();
    let mut found = Misreadings::new(token, &lower, lexicon, reading, reach.cost_scale);
    // The words training saw printed where this token was read (`tlie` for `the`), priced
    // as whole misreadings where that is cheaper.
    for r in channel.read_for_words(token) {
        if let Some(id) = lexicon.id(&r.printed) {
            found.read_for(id, r.cost);
        }
    }
    let limits = reach.limits;
    let rewrites = channel.rewrites(token, limits.rewrite_depth, limits.max_rewrites);
    // How far around the token itself the index was searched.
    let mut around_token = 0;
    for (n, (rewrite, _)) in rewrites.iter().enumerate() {
        // On a second look every rewrite is searched as the cheapest one is.
        let rank = if reach.every_rewrite_deep { 0 } else { n };
        let distance = search_distance(rewrite, rank, &lower);
        if *rewrite == lower {
            // Beyond the index's own distance a search is not complete.
            around_token = around_token.max(distance.min(MAX_DISTANCE));
        } else if around_token > distance {
            // Every word within `distance` of a rewrite that is itself within
            // `around_token - distance` of the token has been found already.
            let args =
                rapidfuzz::distance::osa::Args::default().score_cutoff(around_token - distance);
            if rapidfuzz::distance::osa::distance_with_args(rewrite.chars(), lower.chars(), &args)
                .is_some()
            {
                continue;
            }
        }
        for hit in lexicon.candidates(rewrite, distance) {
            found.hit(hit.id, hit.distance);
        }
    }
    // The common words, two edits around the token and its cheapest rewrites (where the
    // whole lexicon was not searched so deep already).
    for (n, (rewrite, _)) in rewrites.iter().enumerate().take(COMMON_REWRITES) {
        if search_distance(rewrite, n, &lower) >= 2 {
            continue;
        }
        for hit in lexicon.common_candidates(rewrite, 2) {
            found.common(hit.id);
        }
    }
    let mut out = found.proposals;
    out.retain(|p| !reads_plural_as_name(token, p, lexicon));
    out
}

/// The misreadings of one token found so far: each word priced once, within the channel
/// cost its length allows.
struct Misreadings<'a> {
    reading: &'a Reading<'a>,
    shape: CaseShape,
    lexicon: &'a Lexicon,
    /// The channel cost a reading may have.
    limit: f64,
    /// The channel cost a common word may have: its frequency pays for the doubt (`tise`
    /// for `the`).
    common_limit: f64,
    /// The words priced already (or ruled out).
    seen: FxHashSet<WordId>,
    proposals: Vec<Proposal>,
}

impl<'a> Misreadings<'a> {
    /// None found yet for `token` (lower case: `lower`) read as `reading`, its limits scaled
    /// by `cost_scale`.
    fn new(
        token: &str,
        lower: &str,
        lexicon: &'a Lexicon,
        reading: &'a Reading<'a>,
        cost_scale: f64,
    ) -> Misreadings<'a> {
        let shape = CaseShape::of(token);
        let len = token.chars().count();
        let mut seen: FxHashSet<WordId> = FxHashSet::default();
        if shape == CaseShape::LowerMixed {
            // Its capitals are misread small letters (`tiU`, `oF`): the channel prices
            // letters, not their case, so the word of its letters is free (`of`); but not a
            // name of them (`Tiu`), whose capital the token does not show where the name
            // has it.
            seen.extend(
                lexicon
                    .id(lower)
                    .filter(|&id| lexicon.entry(id).form.starts_with(char::is_uppercase)),
            );
        }
        Misreadings {
            reading,
            shape,
            lexicon,
            limit: max_cost(len) * cost_scale,
            common_limit: common_max_cost(len) * cost_scale,
            seen,
            proposals: Vec::new(),
        }
    }

    /// The cost word `id` may have.
    fn limit_for(&self, id: WordId) -> f64 {
        if self.lexicon.is_common(id) {
            self.common_limit
        } else {
            self.limit
        }
    }

    /// Word `id`, which training saw printed where the token was read, at `whole` as a
    /// whole misreading where that is cheaper.
    fn read_for(&mut self, id: WordId, whole: Option<f64>) {
        if self.seen.insert(id) {
            let limit = self.limit_for(id);
            self.proposals.extend(substitute_read_for(
                self.reading,
                self.shape,
                id,
                self.lexicon,
                limit,
                whole,
            ));
        }
    }

    /// Word `id`, found by the index `distance` edits from a rewrite of the token.
    fn hit(&mut self, id: WordId, distance: usize) {
        if !self.seen.insert(id) {
            return;
        }
        // A word beyond the index's own distance is a long word's whole misreading: the
        // common words' extra allowance is for short ones (`indifferenb` is not
        // `different`).
        let limit = if distance > MAX_DISTANCE {
            self.limit
        } else {
            self.limit_for(id)
        };
        self.price(id, limit);
    }

    /// Common word `id`, found by the common words' own index.
    fn common(&mut self, id: WordId) {
        if self.seen.insert(id) {
            self.price(id, self.common_limit);
        }
    }

    /// Word `id` as a reading, if its channel cost is within `limit`.
    fn price(&mut self, id: WordId, limit: f64) {
        let p = substitute(self.reading, self.shape, id, self.lexicon, limit);
        self.proposals.extend(p);
    }
}

/// True when `p` reads `token`, a capitalised word ending in `s`, as the name it is
/// without that `s` (`Watsons` as `Watson`, `HARTLEPOOLS` as `HARTLEPOOL`): word lists
/// leave out the plurals of names and the surnames made of them (`the Watsons`, `Samuels`,
/// `Trobriands`), which are no misreading of the name. Measured by two-fold
/// cross-validation, the fold models and calibrations kept: four right words fewer broken
/// (bln600 two, overproof_smh and icdar2017_en one each), none fewer fixed; on the ground
/// truth run as input, 114 edits instead of 117.
fn reads_plural_as_name(token: &str, p: &Proposal, lexicon: &Lexicon) -> bool {
    let stem = match CaseShape::of(token) {
        CaseShape::Title => token.strip_suffix('s'),
        CaseShape::Upper => token.strip_suffix('S'),
        _ => None,
    };
    p.kind == EditKind::Substitute
        && stem == Some(p.text.as_str())
        && matches!(p.words[..], [id] if lexicon.entry(id).form.starts_with(char::is_uppercase))
}

/// The least share of its readings a known word of four letters or more must have been
/// misread in, in training, to be searched two plain edits deep: below it the deeper finds
/// never won on the development sets (same output, a sixth fewer instructions).
const DEEP_DOUBT_SHARE: f64 = 0.1;

/// Commoner words that a known word may be a misreading of: those one cheap confusion away
/// (at most `max_cost`), looked up exactly — a real word is only doubted when a single
/// typical misreading explains it. A listed form with no count at all (`th`) may be any
/// single edit away from its word, or two words run together (`tobe`); a word training saw
/// misread often may be any two edits away.
pub fn real_word_alternatives(
    token: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    corpus: &Corpus,
    limits: SearchLimits,
    max_cost: f64,
) -> Vec<Proposal> {
    let shape = CaseShape::of(token);
    let own = lexicon.id(token);
    let reading = channel.reading(token);
    let lower = token.to_lowercase();
    let regional = RegionalForm::of(&lower);
    let mut out: Vec<Proposal> = Vec::new();
    let consider = |id: WordId, whole: Option<f64>, out: &mut Vec<Proposal>| {
        if Some(id) != own && lexicon.attested(id) && !out.iter().any(|p| p.words[0] == id) {
            // The word's other regional spelling (`analysed`, `analyzed`) is no misreading
            // of it; asked only of the few candidates cheap enough to be one.
            out.extend(
                substitute_read_for(&reading, shape, id, lexicon, max_cost, whole)
                    .filter(|_| !regional.variant_of(lexicon.key(id))),
            );
        }
    };
    // The words training saw printed where this one was read (`lie` for `he`), first, so
    // that they keep their price as whole misreadings.
    for r in channel.read_for_words(token) {
        if let Some(id) = lexicon.id(&r.printed) {
            consider(id, r.cost, &mut out);
        }
    }
    for (rewrite, _) in channel.rewrites(token, 1, limits.max_rewrites) {
        if let Some(id) = lexicon.id(&rewrite) {
            consider(id, None, &mut out);
        }
    }
    let depth = search_depth(token, own, lexicon, channel);
    if depth > 0 {
        for hit in lexicon.candidates(&lower, depth) {
            consider(hit.id, None, &mut out);
        }
    }
    // Every occurrence of a common word ranks its alternatives in context: only the likeliest
    // few, by frequency and price, are worth it.
    if out.len() > MAX_REAL_WORD_ALTERNATIVES {
        let weight = |p: &Proposal| lexicon.log_prior(p.words[0]) - SCALE * p.channel_cost;
        out.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
        out.truncate(MAX_REAL_WORD_ALTERNATIVES);
    }
    if own.is_some_and(|id| !lexicon.attested(id)) {
        out.extend(splits(token, lexicon, corpus));
    }
    out.extend(speck(token, &reading));
    // A capital read for a digit (`Is` for `1s`, `Gd` for `6d`), where the input writes such
    // numbers: the digits look like capitals, not like small letters (`is` beside a number
    // is mostly itself).
    if token.starts_with(char::is_uppercase) {
        out.extend(number_readings(token, &reading, channel, corpus));
    }
    out
}

/// How many plain edits deep the lexicon is searched for the words a known `token` (entry
/// `own`, if listed) may be a misreading of: a word training saw misread (`tile` where `the`
/// was printed) may stand for any word its price allows, two plain edits deep when it was
/// misread often; a listed form no text counts, one; any other known word, none (only its
/// cheap confusions are looked up).
fn search_depth(
    token: &str,
    own: Option<WordId>,
    lexicon: &Lexicon,
    channel: &ChannelModel,
) -> usize {
    if let Some(record) = channel.reading_record(token) {
        // Short words are a plain edit from hundreds of others: one edit is enough there;
        // so it is for a word seldom misread (`here`): the deep search is the dearest part
        // of weighing a known word, and what it finds would lose to the word anyway.
        let often = f64::from(record.misread) >= DEEP_DOUBT_SHARE * f64::from(record.seen);
        if token.chars().count() >= 4 && often {
            2
        } else {
            1
        }
    } else if own.is_some_and(|id| !lexicon.attested(id)) {
        // A listed form no text was ever counted in (`th`, a chemical symbol) is as likely
        // a damaged word as an unknown token is: any single edit may explain it.
        1
    } else {
        0
    }
}

/// A lone small letter read as a speck, nothing printed there (`the d company`): the
/// reading of no words, priced as the channel prices the letter read where nothing was
/// printed. Whether the words around then go together is the ranker's to weigh. (Cheaper
/// prices, three quarters and half of it, and capitals other than `A` and `I` too, moved
/// the cross-validated results along the trade-off curve only.)
fn speck(token: &str, reading: &Reading) -> Option<Proposal> {
    if !may_be_speck(token) {
        return None;
    }
    let cost = reading.cost_within("", SPECK_MAX_COST)?;
    Some(Proposal {
        text: String::new(),
        kind: EditKind::Delete,
        channel_cost: cost,
        words: Vec::new(),
    })
}

/// True for a token that may be a speck, read where nothing was printed: a lone small
/// letter.
pub fn may_be_speck(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_lowercase) && chars.next().is_none()
}

/// The most the channel may price a letter read where nothing was printed, for it to be
/// weighed as a speck.
const SPECK_MAX_COST: f64 = 1.5;

/// The most alternatives a known word is weighed against.
const MAX_REAL_WORD_ALTERNATIVES: usize = 8;

/// The proposal to replace the token read as `token` by entry `id`, if its channel cost is at most `limit`.
fn substitute(
    token: &Reading,
    shape: CaseShape,
    id: WordId,
    lexicon: &Lexicon,
    limit: f64,
) -> Option<Proposal> {
    // Priced on the key (the distance compares lower case), so that only the few
    // candidates within the limit have their written form looked up.
    let cost = token.cost_within(lexicon.key(id), limit)?;
    Some(proposal(shape, id, lexicon, cost))
}

/// The proposal to replace a token of case `shape` by entry `id`, at channel cost `cost`.
fn proposal(shape: CaseShape, id: WordId, lexicon: &Lexicon, cost: f64) -> Proposal {
    Proposal {
        text: shape.apply(lexicon.entry(id).form),
        kind: EditKind::Substitute,
        channel_cost: cost,
        words: vec![id],
    }
}

/// [`substitute`], for a word training saw printed where the token was read: priced at the
/// cheaper of its letter-by-letter cost and `whole`, the learned cost of the whole misreading.
fn substitute_read_for(
    token: &Reading,
    shape: CaseShape,
    id: WordId,
    lexicon: &Lexicon,
    limit: f64,
    whole: Option<f64>,
) -> Option<Proposal> {
    let Some(whole) = whole.filter(|&w| w <= limit) else {
        return substitute(token, shape, id, lexicon, limit);
    };
    let by_letters = token.cost_within(lexicon.key(id), whole);
    Some(proposal(shape, id, lexicon, by_letters.unwrap_or(whole)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Layer;

    fn lex() -> Lexicon {
        let mut l = Lexicon::empty();
        l.add_list(
            "it\t900\nshould\t500\nmountains\t50\nsubmarine\t60\nfar\t300\neastern\t80\nsoviet\t90\njapanese\t70\nquarterly\t20\nwinter\t40\n\
             japan\t90\nsea\t300\nson\t200\nseason\t100\n",
            Layer::Base,
        );
        l
    }

    /// The texts of `real_word_alternatives` for `token` under a channel read from `table`.
    fn real_word_texts(l: &Lexicon, token: &str, table: &str, max_cost: f64) -> Vec<String> {
        let channel = ChannelModel::from_table(table).unwrap();
        real_word_alternatives(
            token,
            l,
            &channel,
            &Corpus::new(),
            SearchLimits::default(),
            max_cost,
        )
        .into_iter()
        .map(|p| p.text)
        .collect()
    }

    /// The texts [`generate`] proposes for `token` with no corpus.
    fn generated(l: &Lexicon, channel: &ChannelModel, token: &str) -> Vec<String> {
        generate(token, l, channel, &Corpus::new(), SearchLimits::default())
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    /// The texts [`generate`] proposes for `token` over [`lex`] with `corpus`.
    pub(super) fn texts(token: &str, corpus: &Corpus) -> Vec<String> {
        let l = lex();
        generate(
            token,
            &l,
            &ChannelModel::default(),
            corpus,
            SearchLimits::default(),
        )
        .into_iter()
        .map(|p| p.text)
        .collect()
    }

    #[test]
    fn reaches_ocr_damage() {
        assert!(texts("rnountair.s", &Corpus::new()).contains(&"mountains".to_owned()));
        assert!(texts("RNOUNTAINS", &Corpus::new()).contains(&"MOUNTAINS".to_owned()));
    }

    #[test]
    fn a_name_with_an_s_after_it_is_not_read_as_the_name() {
        let mut l = Lexicon::empty();
        l.add_list(
            "Watson\t50\nwatch\t900\nwatches\t300\nJamie\t40\nJames\t900\n",
            Layer::Base,
        );
        let channel = ChannelModel::default();
        for token in ["Watsons", "WATSONS"] {
            let found = generated(&l, &channel, token);
            assert!(
                !found.iter().any(|t| t.eq_ignore_ascii_case("watson")),
                "{token}: {found:?}"
            );
        }
        // A small word without its `s` is still a reading (`beens`), and a name's plural
        // may still be a misreading of another word (`Jamies`: `James`).
        assert!(generated(&l, &channel, "watchs").contains(&"watch".to_owned()));
        assert!(generated(&l, &channel, "Jamies").contains(&"James".to_owned()));
    }

    #[test]
    fn a_word_in_capitals_with_letters_read_small_is_its_word_in_capitals_at_no_cost() {
        let l = lex();
        let found = generate(
            "JaPAN",
            &l,
            &ChannelModel::default(),
            &Corpus::new(),
            SearchLimits::default(),
        );
        let japan = found
            .iter()
            .find(|p| p.text == "JAPAN")
            .expect("JAPAN proposed");
        assert_eq!(japan.channel_cost, 0.0);
    }

    /// A lexicon of `list` and as many filler words as there are commonest words, all
    /// commoner than 5,000: the words of `list` counted less are not among the commonest.
    fn with_commoner_fillers(list: &str) -> Lexicon {
        let mut l = Lexicon::empty();
        l.add_list(list, Layer::Base);
        for i in 0..crate::lexicon::COMMON_WORDS {
            l.add(&format!("w{i}x"), 5000, Layer::Base);
        }
        l
    }

    #[test]
    fn a_common_word_is_found_two_edits_away_and_may_cost_more() {
        // `thy` is not among the commonest words.
        let mut l = with_commoner_fillers("the\t90000000\ntie\t30000\nthy\t2000\n");
        let found = |l: &Lexicon, token: &str| -> Vec<(String, f64)> {
            generate(
                token,
                l,
                &ChannelModel::default(),
                &Corpus::new(),
                SearchLimits::default(),
            )
            .into_iter()
            .map(|p| (p.text, p.channel_cost))
            .collect()
        };
        // `tise`: two plain edits from `the` (above the one a four-letter token may cost),
        // one from `tie`.
        let tise = found(&l, "tise");
        assert!(
            tise.iter().any(|(t, c)| t == "the" && *c > max_cost(4)),
            "{tise:?}"
        );
        assert!(tise.iter().any(|(t, _)| t == "tie"));
        // A rare word gets no such allowance: `thy` is two plain edits from `tuby`.
        assert!(!found(&l, "tuby").iter().any(|(t, _)| t == "thy"));
        l.add("thy", 900_000_000, Layer::Base);
        assert!(found(&l, "tuby").iter().any(|(t, _)| t == "thy"));
    }

    #[test]
    fn a_token_with_no_reading_near_gets_a_second_deeper_look() {
        // `harbour` is not among the commonest words.
        let mut l = with_commoner_fillers("harbour\t50\n");
        let channel = ChannelModel::default();
        // Two plain edits cost more than a seven-letter token may: nothing within the
        // usual reach, so the second look finds the word.
        assert!(2.0 > max_cost(7));
        assert_eq!(generated(&l, &channel, "hqrbozr"), vec!["harbour"]);
        // Words the token may be made of are no misreading of it: it still gets one.
        l.add("hqr", 50, Layer::Base);
        l.add("bozr", 50, Layer::Base);
        let found = generated(&l, &channel, "hqrbozr");
        assert!(found.contains(&"hqr bozr".to_owned()), "{found:?}");
        assert!(found.contains(&"harbour".to_owned()), "{found:?}");
        // A misreading within the usual reach is all there is: no second look.
        l.add("hqrbozs", 50, Layer::Base);
        assert!(!generated(&l, &channel, "hqrbozr").contains(&"harbour".to_owned()));
        // A short token gets none.
        l.add("door", 50, Layer::Base);
        assert!(generated(&l, &channel, "dxxr").is_empty());
    }

    #[test]
    fn a_long_token_reaches_a_word_three_misreadings_away() {
        let mut l = Lexicon::empty();
        l.add_list(
            "subscription\t50\ndifferent\t900000\nindifferent\t40\n",
            Layer::Base,
        );
        let channel = ChannelModel::from_table("s\to\t0.5\nc\to\t0.5\no\tc\t0.5\n").unwrap();
        let found = |token: &str| generated(&l, &channel, token);
        assert!(found("oubsoripticn").contains(&"subscription".to_owned()));
        // The commonest words' extra allowance does not reach so far: three plain edits.
        let indifferenb = found("indifferenb");
        assert!(indifferenb.contains(&"indifferent".to_owned()));
        assert!(
            !indifferenb.contains(&"different".to_owned()),
            "{indifferenb:?}"
        );
    }

    #[test]
    fn small_letters_read_as_a_capital_are_not_the_word_of_their_letters() {
        let mut l = Lexicon::empty();
        l.add_list("till\t9000\nTiu\t900\n", Layer::Base);
        let channel = ChannelModel::from_table("!ll\t!U\t0.02\t148\n").unwrap();
        let found = |token: &str| generated(&l, &channel, token);
        // `tiU`: the `U` is `ll` misread, not the name `Tiu` in other capitals.
        let tiu = found("tiU");
        assert_eq!(tiu.first().map(String::as_str), Some("till"), "{tiu:?}");
        assert!(
            !tiu.iter().any(|t| t.eq_ignore_ascii_case("tiu")),
            "{tiu:?}"
        );
        // A token in plain capitals still reaches its word in another case, and a small
        // word its own letters in small letters.
        assert!(found("TIU").iter().any(|t| t == "TIU"));
        assert_eq!(found("tilL").first().map(String::as_str), Some("till"));
    }

    #[test]
    fn a_lone_small_letter_may_be_a_speck() {
        let channel = ChannelModel::default();
        let speck_of = |token: &str| speck(token, &channel.reading(token));
        let p = speck_of("d").expect("a lone small letter");
        assert_eq!((p.text.as_str(), p.kind), ("", EditKind::Delete));
        assert!(p.words.is_empty() && p.channel_cost > 0.0);
        // A capital is more often an initial; two letters are a word or a fragment.
        assert!(speck_of("D").is_none());
        assert!(speck_of("de").is_none());
    }

    #[test]
    fn a_listed_word_never_counted_may_be_any_single_edit_away() {
        let mut l = Lexicon::empty();
        l.add_list(
            "the\t90000\nsea\t3000\nsex\t1000\nto\t80000\nbe\t50000\nan\t40000\nbean\t900\n",
            Layer::Base,
        );
        l.add_list("th\ntobe\n", Layer::Base);
        let alternatives = |token: &str, table: &str| real_word_texts(&l, token, table, 1.0);
        let plain = "m\trn\t0.2\n";
        assert!(alternatives("th", plain).contains(&"the".to_owned()));
        // ...or two words run together.
        assert!(alternatives("tobe", plain).contains(&"to be".to_owned()));
        assert!(!alternatives("bean", plain).contains(&"be an".to_owned()));
        // A counted word is doubted only for typical confusions...
        assert!(!alternatives("sea", plain).contains(&"sex".to_owned()));
        // ...unless training saw it misread: then for any edit its price allows.
        let misread = "m\trn\t0.2\n=sea\t=sea\t0.2\t20\t4\n";
        assert!(alternatives("sea", misread).contains(&"sex".to_owned()));
    }

    #[test]
    fn only_words_often_misread_are_searched_two_edits_deep() {
        let mut l = Lexicon::empty();
        l.add_list("the\t90000\ntile\t3000\n", Layer::Base);
        let alternatives = |table: &str| real_word_texts(&l, "tile", table, 1.1);
        // `the` is two plain edits from `tile` (`il` for `h`, too dear to be undone in
        // rewrites): found when `tile` was misread half the time, not one time in fifty.
        let often = "h\til\t0.9\n=tile\t=tile\t0.1\t20\t10\n";
        assert!(alternatives(often).contains(&"the".to_owned()));
        let seldom = "h\til\t0.9\n=tile\t=tile\t0.1\t100\t2\n";
        assert!(!alternatives(seldom).contains(&"the".to_owned()));
    }

    #[test]
    fn words_training_saw_printed_for_a_token_are_candidates() {
        let mut l = Lexicon::empty();
        l.add_list("he\t90000\nlie\t3000\nline\t2000\n", Layer::Base);
        let alternatives = |table: &str| real_word_texts(&l, "lie", table, 1.1);
        // `he` is two plain edits from `lie`, and `li` for `h` too dear a confusion to be
        // undone in rewrites (but cheap enough to price): no search reaches it...
        let seen = "h\tli\t0.9\n=lie\t=lie\t0.1\t20\t0\n";
        assert!(!alternatives(seen).contains(&"he".to_owned()));
        // ...but training saw `he` printed where `lie` was read: a candidate, priced as any.
        let learned = "h\tli\t0.9\n=lie\t=lie\t0.1\t20\t12\n>lie\t>he\t0.07\t12\n";
        assert!(alternatives(learned).contains(&"he".to_owned()));
        // With how often training printed `he`, the misreading is priced as a whole: 12 of
        // 40 printings read `lie` is cheaper than `li` for `h` and a plain deletion.
        let cost = |table: &str| {
            let channel = ChannelModel::from_table(table).unwrap();
            real_word_alternatives(
                "lie",
                &l,
                &channel,
                &Corpus::new(),
                SearchLimits::default(),
                1.1,
            )
            .into_iter()
            .find(|p| p.text == "he")
            .map(|p| p.channel_cost)
        };
        let letters = cost(learned).unwrap();
        let whole = cost(&format!("{learned}+he\t+he\t0\t40\n")).unwrap();
        let expected = -(12.0f64 / 42.0).ln() / crate::train::SCALE;
        assert!(
            (whole - expected).abs() < 1e-9 && whole < letters,
            "{whole} {letters}"
        );
        // Printed so often that the whole misreading is dearer: the letters' price stands.
        let common = cost(&format!("{learned}+he\t+he\t0\t900000\n")).unwrap();
        assert_eq!(common, letters);
    }
}
