//! Stage 5, generate: the replacements a suspect token might stand for. OCR confusions are
//! undone first (so `rnountair.s` reaches `mountains`, four plain edits away), then the
//! candidate index finds every word within edit distance 2 of each rewrite (3 around a long
//! token: `oubsoripticn` → `subscription`), and the commonest words two edits deep at a higher
//! price (`tise` → `the`); merged words are split, and hyphens attested elsewhere are restored.
//! A long token for which that reach finds no misreading gets a second, deeper look.

use crate::casing::CaseShape;
use crate::channel::{ChannelModel, Reading, ReadingRecord};
use crate::corpus::Corpus;
use crate::edit::EditKind;
use crate::lexicon::keys::{DEEP_DISTANCE, MAX_DISTANCE};
use crate::lexicon::{Lexicon, WordId};
use crate::numbers::number_readings;
use crate::regional::regional_variants;
use crate::train::SCALE;
use rustc_hash::FxHashSet;

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
    let limits = reach.limits;
    let shape = CaseShape::of(token);
    let len = token.chars().count();
    let limit = max_cost(len) * reach.cost_scale;
    let mut out = Vec::new();
    let mut seen: FxHashSet<WordId> = FxHashSet::default();
    let lower = token.to_lowercase();
    if shape == CaseShape::LowerMixed {
        // Its capitals are misread small letters (`tiU`, `oF`): the channel prices letters,
        // not their case, so the word of its letters is free (`of`); but not a name of them
        // (`Tiu`), whose capital the token does not show where the name has it.
        seen.extend(
            lexicon
                .id(&lower)
                .filter(|&id| lexicon.entry(id).form.starts_with(char::is_uppercase)),
        );
    }
    // A common word may cost more: its frequency pays for the doubt (`tise` for `the`).
    let common_limit = common_max_cost(len) * reach.cost_scale;
    let limit_for = |id: WordId| {
        if lexicon.is_common(id) {
            common_limit
        } else {
            limit
        }
    };
    // The words training saw printed where this token was read (`tlie` for `the`), priced
    // as whole misreadings where that is cheaper.
    for r in channel.read_for_words(token) {
        if let Some(id) = lexicon.id(&r.printed).filter(|&id| seen.insert(id)) {
            out.extend(substitute_read_for(
                reading,
                shape,
                id,
                lexicon,
                limit_for(id),
                r.cost,
            ));
        }
    }
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
            if !seen.insert(hit.id) {
                continue;
            }
            // A word beyond the index's own distance is a long word's whole misreading: the
            // common words' extra allowance is for short ones (`indifferenb` is not
            // `different`).
            let limit = if hit.distance > MAX_DISTANCE {
                limit
            } else {
                limit_for(hit.id)
            };
            out.extend(substitute(reading, shape, hit.id, lexicon, limit));
        }
    }
    // The common words, two edits around the token and its cheapest rewrites (where the
    // whole lexicon was not searched so deep already).
    for (n, (rewrite, _)) in rewrites.iter().enumerate().take(COMMON_REWRITES) {
        if search_distance(rewrite, n, &lower) >= 2 {
            continue;
        }
        for hit in lexicon.common_candidates(rewrite, 2) {
            if seen.insert(hit.id) {
                out.extend(substitute(reading, shape, hit.id, lexicon, common_limit));
            }
        }
    }
    out.retain(|p| !reads_plural_as_name(token, p, lexicon));
    out
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

/// The likeliest reading of a token as words run together: three or more (`thattheyhad` →
/// `that they had`), or two or more with a stray letter the scanner put between two of them
/// (`chequeswereegiven` → `cheques were given`, `aboutba` → `about a`). It is the
/// segmentation into attested words with the highest product of word probabilities, a
/// stray letter paying [`STRAY_LETTER_PENALTY`], found by dynamic programming over the
/// token's letters; the proposal is priced by the channel (each space lost, each stray
/// letter as the model prices its insertion). Clean two-word splits are [`splits`]' work.
fn segmentation(token: &str, lexicon: &Lexicon, reading: &Reading) -> Option<Proposal> {
    let shape = CaseShape::of(token);
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    let n = chars.len();
    if !(MIN_SEGMENTED_STRAY..=MAX_SEGMENTED).contains(&n)
        || !chars.iter().all(|(_, c)| c.is_alphabetic())
        || !matches!(
            shape,
            CaseShape::Lower | CaseShape::Title | CaseShape::Upper
        )
    {
        return None;
    }
    let at = |i: usize| chars.get(i).map_or(token.len(), |&(b, _)| b);
    // words[j]: the best reading of the first j letters ending with a word, as (log
    // probability, where the word starts, its id, whether a stray letter precedes it).
    let mut words: Vec<Option<Step>> = vec![None; n + 1];
    for j in 1..=n {
        for i in j.saturating_sub(MAX_PIECE)..j {
            // The reading before the word: none at the start; else a word ending at `i`,
            // or a word ending at `i - 1` and a stray letter at `i - 1` (never the first or
            // last letter of the token, never two strays in a row).
            let plain = if i == 0 {
                Some(0.0)
            } else {
                words[i].map(|s| s.score)
            };
            let after_stray = (i >= 2)
                .then(|| words[i - 1])
                .flatten()
                .map(|s| s.score - STRAY_LETTER_PENALTY);
            if plain.is_none() && after_stray.is_none() {
                continue;
            }
            let Some(id) = segment_word(&token[at(i)..at(j)], lexicon) else {
                continue;
            };
            for (before, stray) in [(plain, false), (after_stray, true)] {
                let Some(before) = before else {
                    continue;
                };
                let score = before + lexicon.log_prior(id);
                if words[j].map_or(true, |s| score > s.score) {
                    words[j] = Some(Step {
                        score,
                        start: i,
                        id,
                        stray,
                    });
                }
            }
        }
    }
    let mut pieces = Vec::new();
    let mut strays = 0;
    let mut j = n;
    while j > 0 {
        let step = words[j]?;
        pieces.push((at(step.start), at(j), step.id));
        j = step.start;
        if step.stray {
            strays += 1;
            j -= 1;
        }
    }
    if pieces.len() < 2 || strays == 0 && pieces.len() < 3 || strays > MAX_STRAY_LETTERS {
        return None;
    }
    if strays == 0 && n < MIN_SEGMENTED {
        return None;
    }
    pieces.reverse();
    let letters: String = pieces.iter().map(|&(a, b, _)| &token[a..b]).collect();
    let stray_cost = if strays == 0 {
        0.0
    } else {
        reading.cost_within(&letters, STRAY_LETTER_MAX_COST * strays as f64)?
    };
    let text = pieces
        .iter()
        .map(|&(a, b, _)| &token[a..b])
        .collect::<Vec<_>>()
        .join(" ");
    Some(Proposal {
        text,
        kind: EditKind::Split,
        channel_cost: SPLIT_COST * (pieces.len() - 1) as f64 + stray_cost,
        words: pieces.iter().map(|&(_, _, id)| id).collect(),
    })
}

/// One step of [`segmentation`]'s best reading: the reading's log probability so far, where
/// its last word starts, the word, and whether a stray letter comes right before it.
#[derive(Debug, Clone, Copy)]
struct Step {
    score: f64,
    start: usize,
    id: WordId,
    stray: bool,
}

/// What a stray letter between two words run together costs a segmentation, in log
/// probability: a reading must be that much likelier to take one (`to|e|the` beats
/// `toe the`; `sea son` never becomes `seas|o|n`).
const STRAY_LETTER_PENALTY: f64 = 7.0;
/// The most stray letters one segmentation may drop.
const MAX_STRAY_LETTERS: usize = 2;
/// The most the channel may price one dropped stray letter.
const STRAY_LETTER_MAX_COST: f64 = 1.0;
/// The fewest letters of a token read as words with a stray letter between.
const MIN_SEGMENTED_STRAY: usize = 5;

/// The fewest letters of a token read as three words or more.
const MIN_SEGMENTED: usize = 7;
/// The most letters of a token read as words run together (longer ones are seldom words).
const MAX_SEGMENTED: usize = 48;
/// The most letters of one word inside a run-together token.
const MAX_PIECE: usize = 18;

/// The entry `piece` is, when it may stand as one word of a run-together token: an attested
/// word, of two letters only if common (`of`, `to`), of one only `a` or `I`.
fn segment_word(piece: &str, lexicon: &Lexicon) -> Option<WordId> {
    let id = split_part(lexicon, piece)?;
    (piece.chars().count() != 2 || lexicon.log_prior(id) >= COMMON_HALF).then_some(id)
}

/// The most channel cost the misread half of a merged token may have (`itshoulcl`: `shoulcl`
/// is `should` with `d` read as `cl`), below the limit for a token of its own.
const HALF_MAX_COST: f64 = 1.5;

/// Splits of a merged token where one half is a word and the other a misreading of one:
/// at a lost space (`itshoulcl` → `it should`) or at stray marks between them
/// (`the'reeollection` → `the recollection`). The misread half is searched one confusion
/// and one plain edit deep, and its best reading is offered when it costs less than
/// `single`, the cheapest reading of the whole token as one word.
fn corrected_splits(
    token: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    single: f64,
) -> Vec<Proposal> {
    let shape = CaseShape::of(token);
    if token.chars().count() < 6 || !matches!(shape, CaseShape::Lower | CaseShape::Title) {
        return Vec::new();
    }
    let part = |a: &str, b: &str, join: &str, join_cost: f64| {
        corrected_split((a, b), (join, join_cost), shape, lexicon, channel, single)
    };
    if !token.chars().all(char::is_alphabetic) {
        return parted_at_marks(token)
            .filter(|&(a, marks, b)| {
                // Marks, not a digit read for a letter (`in5tance` is one word).
                CaseShape::of(b) == CaseShape::Lower
                    && a.chars().count() >= 2
                    && !marks.contains(|c: char| c.is_alphanumeric())
            })
            .and_then(|(a, marks, b)| {
                let (join, cost) = mark_join(marks, b);
                part(a, b, &join, cost)
            })
            .into_iter()
            .collect();
    }
    let mut out = Vec::new();
    for (i, _) in token.char_indices().skip(2) {
        let (a, b) = token.split_at(i);
        if b.chars().count() < 2 {
            break;
        }
        out.extend(part(a, b, " ", SPLIT_COST));
    }
    out
}

/// The reading of a token parted into `a` and `b` (`join` between them, priced
/// `join_cost`) when one is a word and the other a misreading of one that costs less than
/// `single` (see [`corrected_splits`]).
fn corrected_split(
    (a, b): (&str, &str),
    (join, join_cost): (&str, f64),
    shape: CaseShape,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    single: f64,
) -> Option<Proposal> {
    let (known, misread, misread_first) = match (split_part(lexicon, a), split_part(lexicon, b)) {
        (Some(k), None) if b.chars().count() >= 3 => (k, b, false),
        (None, Some(k)) if a.chars().count() >= 3 => (k, a, true),
        _ => return None,
    };
    // A short half must be a common word (`of`, `the`, `was`): short rare words match by
    // chance inside almost any token.
    if lexicon.key(known).chars().count() < 5 && lexicon.log_prior(known) < COMMON_HALF {
        return None;
    }
    let (fix, cost) = best_reading(misread, lexicon, channel).filter(|&(_, cost)| cost < single)?;
    let fixed = lexicon.entry(fix).form;
    let (text, words) = if misread_first {
        (format!("{}{join}{b}", shape.apply(fixed)), vec![fix, known])
    } else {
        (format!("{a}{join}{fixed}"), vec![known, fix])
    };
    Some(Proposal {
        text,
        kind: EditKind::Split,
        channel_cost: join_cost + cost,
        words,
    })
}

/// Splits whose half is a word training saw read more often where another was printed than
/// where it was, with that half as printed (`ontho` → `on tho` → `on the`: the newspapers'
/// `tho` was `the` 99 times in 100; `badbeen` → `had been`), priced as the split plus the
/// whole-word misreading. A half usually right as read (`he`) is left as it is.
fn misread_halves(splits: &[Proposal], lexicon: &Lexicon, channel: &ChannelModel) -> Vec<Proposal> {
    let mut out = Vec::new();
    for p in splits.iter().filter(|p| p.kind == EditKind::Split) {
        let Some((a, b)) = p.text.split_once(' ').filter(|_| p.words.len() == 2) else {
            continue;
        };
        for (k, half) in [a, b].into_iter().enumerate() {
            if !channel
                .reading_record(half)
                .is_some_and(ReadingRecord::mostly_misread)
            {
                continue;
            }
            let likeliest = channel
                .read_for_words(half)
                .filter_map(|r| Some((r.cost?, lexicon.id(&r.printed)?)))
                .filter(|&(_, id)| lexicon.attested(id))
                .min_by(|x, y| x.0.total_cmp(&y.0));
            let Some((cost, id)) = likeliest else {
                continue;
            };
            let printed = CaseShape::of(half).apply(lexicon.entry(id).form);
            let text = if k == 0 {
                format!("{printed} {b}")
            } else {
                format!("{a} {printed}")
            };
            let mut words = p.words.clone();
            words[k] = id;
            out.push(Proposal {
                text,
                kind: EditKind::Split,
                channel_cost: p.channel_cost + cost,
                words,
            });
        }
    }
    out
}

/// The least log prior of a short word that is split off a merged token with a misread other half.
const COMMON_HALF: f64 = -9.0;

/// The likeliest attested word `part` is a misreading of, with its channel cost.
fn best_reading(part: &str, lexicon: &Lexicon, channel: &ChannelModel) -> Option<(WordId, f64)> {
    let reading = channel.reading(part);
    let limit = max_cost(part.chars().count()).min(HALF_MAX_COST);
    let mut best: Option<(WordId, f64, f64)> = None;
    for (rewrite, _) in channel.rewrites(part, 1, 8) {
        for hit in lexicon.candidates(&rewrite, 1) {
            // A misread half reads as a word of three letters or more: two-letter words are
            // a letter or two away from almost any short fragment (`hcrein` is not `he rein`).
            if !lexicon.attested(hit.id) || lexicon.key(hit.id).chars().count() < 3 {
                continue;
            }
            let Some(cost) = reading.cost_within(lexicon.key(hit.id), limit) else {
                continue;
            };
            let score = lexicon.log_prior(hit.id) - 4.0 * cost;
            if best.map_or(true, |(_, _, s)| score > s) {
                best = Some((hit.id, cost, score));
            }
        }
    }
    best.map(|(id, cost, _)| (id, cost))
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
    let mut out: Vec<Proposal> = Vec::new();
    let consider = |id: WordId, whole: Option<f64>, out: &mut Vec<Proposal>| {
        if Some(id) != own && lexicon.attested(id) && !out.iter().any(|p| p.words[0] == id) {
            // The word's other regional spelling (`analysed`, `analyzed`) is no misreading
            // of it; asked only of the few candidates cheap enough to be one.
            out.extend(
                substitute_read_for(&reading, shape, id, lexicon, max_cost, whole)
                    .filter(|_| !regional_variants(lexicon.key(id), &lower)),
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
    // A word training saw misread (`tile` where `the` was printed) may stand for any word
    // its price allows, two plain edits deep when it was misread often.
    let depth = if let Some(record) = channel.reading_record(token) {
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
    };
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

/// The channel cost of a lost space between two small letters.
const SPLIT_COST: f64 = 0.8;

fn split_part(lexicon: &Lexicon, part: &str) -> Option<WordId> {
    let n = part.chars().count();
    if n == 1 && !matches!(part, "a" | "A" | "I") {
        return None;
    }
    let id = lexicon.id(part)?;
    lexicon.attested(id).then_some(id)
}

/// True when `hyphenated`, words `ia` and `ib` joined by a hyphen, is what a token lost
/// between them (a mark or nothing read in its place): the input writes the pair hyphenated
/// elsewhere, more often than apart, and English does not commonly write it with a space
/// (`Soviet-Japanese`; not `he'had`, though a speck read as a hyphen once made `he-had` in
/// the input; not `his-head`, which the input writes apart far more often).
fn hyphen_lost(
    hyphenated: &str,
    (ia, ib): (WordId, WordId),
    lexicon: &Lexicon,
    corpus: &Corpus,
) -> bool {
    hyphenated
        .split_once('-')
        .is_some_and(|(a, b)| corpus.writes_hyphenated(a, b))
        && lexicon.bigram(ia, ib) == 0
}

/// Splits of a merged token into two words, hyphens put back where the input attests the
/// hyphenated form, and a missing space after punctuation between two words.
fn splits(token: &str, lexicon: &Lexicon, corpus: &Corpus) -> Vec<Proposal> {
    let mut out = Vec::new();
    let letters_only = token.chars().all(char::is_alphabetic);
    if letters_only && token.chars().count() >= 4 {
        for (i, _) in token.char_indices().skip(1) {
            let (a, b) = token.split_at(i);
            let (Some(ia), Some(ib)) = (split_part(lexicon, a), split_part(lexicon, b)) else {
                continue;
            };
            let camel = a.ends_with(|c: char| c.is_lowercase())
                && b.starts_with(|c: char| c.is_uppercase());
            let shapes_ok = [a, b]
                .iter()
                .all(|p| !(CaseShape::of(p).is_mixed() || p.len() == 1 && *p != "a" && *p != "I"))
                && (camel
                    || CaseShape::of(b) == CaseShape::Lower
                    || CaseShape::of(token) == CaseShape::Upper);
            if !shapes_ok {
                continue;
            }
            let title = !matches!(
                CaseShape::of(token),
                CaseShape::Lower | CaseShape::LowerMixed
            );
            let hyphenated = format!("{a}-{b}");
            if hyphen_lost(&hyphenated, (ia, ib), lexicon, corpus) {
                out.push(Proposal {
                    text: hyphenated,
                    kind: EditKind::RestoreHyphen,
                    // `SovietJapanese` shows its seam; `publichouse` may be a spelling of its own.
                    channel_cost: if camel { 0.15 } else { 0.8 },
                    words: vec![ia, ib],
                });
                continue;
            }
            out.push(Proposal {
                text: format!("{a} {b}"),
                kind: EditKind::Split,
                channel_cost: match (camel, title) {
                    (true, _) => 0.2,
                    (false, false) => SPLIT_COST,
                    // `Easton`, `Pullin`: a capitalised unknown word is far more often a name.
                    (false, true) => 2.0,
                },
                words: vec![ia, ib],
            });
        }
    }
    out.extend(punctuation_splits(token, lexicon, corpus));
    out
}

/// Two words joined by punctuation instead of a space: a missing space after a comma
/// (`Quarterly,Winter` → `Quarterly, Winter`), stray marks between words (`it'should` →
/// `it should`, `it.should` → `it should`), a misread hyphen the input writes elsewhere
/// (`soviet.japanese` → `soviet-japanese`), and a possessive run into the next word
/// (`Japan'swinter` → `Japan's winter`).
fn punctuation_splits(token: &str, lexicon: &Lexicon, corpus: &Corpus) -> Vec<Proposal> {
    let mut out = Vec::new();
    let Some((a, marks, b)) = parted_at_marks(token) else {
        return out;
    };
    let Some(ia) = split_part(lexicon, a) else {
        return out;
    };
    if matches!(marks.chars().next(), Some('\'' | '’')) {
        // `Japan'swinter`: the possessive's `s` went with the next word.
        if let Some(rest) = b.strip_prefix('s').filter(|r| r.chars().count() >= 2) {
            if let Some(ir) = split_part(lexicon, rest) {
                out.push(Proposal {
                    text: format!("{a}{marks}s {rest}"),
                    kind: EditKind::Split,
                    channel_cost: 0.4,
                    words: vec![ia, ir],
                });
            }
        }
    }
    let Some(ib) = split_part(lexicon, b) else {
        return out;
    };
    if lexicon
        .id(&format!("{a}{b}"))
        .is_some_and(|id| lexicon.attested(id))
    {
        return out; // `in'to`: a speck inside one word, which the plain search undoes
    }
    let hyphenated = format!("{a}-{b}");
    if marks.chars().count() == 1 && hyphen_lost(&hyphenated, (ia, ib), lexicon, corpus) {
        out.push(Proposal {
            text: hyphenated,
            kind: EditKind::RestoreHyphen,
            channel_cost: 0.3,
            words: vec![ia, ib],
        });
        return out;
    }
    let (join, cost) = mark_join(marks, b);
    out.push(Proposal {
        text: format!("{a}{join}{b}"),
        kind: EditKind::Split,
        channel_cost: cost,
        words: vec![ia, ib],
    });
    out
}

/// A token of two runs of letters with up to three marks between them (`it'should`,
/// `Quarterly,Winter`), as (letters, marks, letters); not one whose marks are a compound's
/// hyphen, a slash joining alternatives (`and/or`) or an ellipsis.
fn parted_at_marks(token: &str) -> Option<(&str, &str, &str)> {
    let start = token.find(|c: char| !c.is_alphabetic())?;
    let (a, rest) = token.split_at(start);
    let end = rest.find(char::is_alphabetic).unwrap_or(rest.len());
    let (marks, b) = rest.split_at(end);
    let alphabetic = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let apart = alphabetic(a)
        && alphabetic(b)
        && marks.chars().count() <= 3
        && !marks.contains(['-', '/'])
        && !marks.starts_with("..")
        && !marks.starts_with('…');
    apart.then_some((a, marks, b))
}

/// What stands between two words a token ran together across `marks` (before `b`), and
/// the channel's price of reading it so: a comma, semicolon, colon or closing bracket is
/// the text's own and only its space was lost (`Quarterly,Winter`), as is a sentence's
/// point before a capital; any other marks are specks in place of the space (`it'should`).
fn mark_join(marks: &str, b: &str) -> (String, f64) {
    let first = marks.chars().next().unwrap_or(' ');
    let capital = b.starts_with(char::is_uppercase);
    let kept = match first {
        ',' | ';' | ':' | ')' => Some(first),
        '.' | '?' | '!' if capital => Some(first),
        _ => None,
    };
    match kept {
        Some(p) if marks.chars().count() == 1 => (format!("{p} "), 0.2),
        // `winter,'it`: the comma is text, the mark after it a speck.
        Some(p) => (format!("{p} "), 0.6),
        // `it'should`, `it.should`: marks between two words that belong together.
        None => (" ".to_owned(), 0.6),
    }
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

    fn texts(token: &str, corpus: &Corpus) -> Vec<String> {
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
    fn splits_and_restores_hyphens() {
        assert!(texts("itshould", &Corpus::new()).contains(&"it should".to_owned()));
        assert!(texts("FarEastern", &Corpus::new()).contains(&"Far Eastern".to_owned()));
        assert!(texts("Quarterly,Winter", &Corpus::new()).contains(&"Quarterly, Winter".to_owned()));
        let corpus = Corpus::of("Soviet-Japanese relations");
        assert!(texts("SovietJapanese", &corpus).contains(&"Soviet-Japanese".to_owned()));
        assert!(!texts("SovietJapanese", &Corpus::new()).contains(&"Soviet-Japanese".to_owned()));
        // Not where the text writes the pair apart more often than hyphenated.
        let corpus =
            Corpus::of("Soviet-Japanese relations, Soviet Japanese talks, Soviet Japanese ties");
        assert!(!texts("SovietJapanese", &corpus).contains(&"Soviet-Japanese".to_owned()));
    }

    #[test]
    fn reads_several_words_run_together() {
        let mut l = Lexicon::empty();
        l.add_list(
            "it\t9000000\nshould\t5000000\nfar\t3000000\nsea\t3000000\nson\t2000000\n\
             season\t1000000\nwinter\t400000\nthe\t90000000\n",
            Layer::Base,
        );
        let texts = |token: &str| -> Vec<String> {
            let none = Corpus::new();
            let found = generate(
                token,
                &l,
                &ChannelModel::default(),
                &none,
                SearchLimits::default(),
            );
            found.into_iter().map(|p| p.text).collect()
        };
        assert!(texts("itshouldfar").contains(&"it should far".to_owned()));
        assert!(texts("Farseasonwinter").contains(&"Far season winter".to_owned()));
        assert!(texts("THESEASONWINTER").contains(&"THE SEASON WINTER".to_owned()));
        // The likelier words win: `season`, not `sea son`.
        assert!(!texts("itseasonwinter").contains(&"it sea son winter".to_owned()));
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
    fn drops_a_stray_letter_between_words_run_together() {
        let mut l = Lexicon::empty();
        l.add_list(
            "it\t9000000\nshould\t5000000\nfar\t3000000\nwinter\t400000\nseason\t1000000\n",
            Layer::Base,
        );
        let found = |token: &str| -> Vec<Proposal> {
            generate(
                token,
                &l,
                &ChannelModel::default(),
                &Corpus::new(),
                SearchLimits::default(),
            )
        };
        let cost = |token: &str, text: &str| {
            found(token)
                .into_iter()
                .find(|p| p.text == text)
                .map(|p| p.channel_cost)
        };
        // The stray letter is dropped, and paid for: the reading costs more than the same
        // words run together cleanly.
        let clean = cost("itshouldfar", "it should far").expect("a clean run of words");
        let stray = cost("itshouldxfar", "it should far").expect("a stray letter dropped");
        assert!(stray > clean, "{stray} <= {clean}");
        // Two words with a stray letter between them are a reading too.
        assert!(cost("seasonxwinter", "season winter").is_some());
        // A letter at the token's edge is part of a word, not a stray between two; nor are
        // two letters in a row a stray.
        let channel = ChannelModel::default();
        let segmented =
            |token: &str| segmentation(token, &l, &channel.reading(token)).map(|p| p.text);
        assert_eq!(segmented("itxshouldfar").as_deref(), Some("it should far"));
        assert_eq!(segmented("xitshould"), None);
        assert_eq!(segmented("itshouldx"), None);
        assert_eq!(segmented("itshouldxxfar"), None);
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
    fn a_split_half_training_saw_mostly_misread_is_offered_as_printed() {
        let mut l = Lexicon::empty();
        l.add_list("on\t9000\ntho\t30\nthe\t90000\nhe\t50000\n", Layer::Base);
        let splits = |token: &str, table: &str| -> Vec<String> {
            let channel = ChannelModel::from_table(table).unwrap();
            generate(token, &l, &channel, &Corpus::new(), SearchLimits::default())
                .into_iter()
                .filter(|p| p.kind == EditKind::Split)
                .map(|p| p.text)
                .collect()
        };
        // `tho` read was `the` printed 18 times in 20.
        let tho = "=tho\t=tho\t0.01\t20\t18\n>tho\t>the\t0.02\t18\n+the\t+the\t0\t500\n";
        assert!(splits("ontho", tho).contains(&"on the".to_owned()));
        // `he` read was `the` 3 times in 100: it stays as read.
        let he = "=he\t=he\t0.5\t100\t3\n>he\t>the\t0.5\t3\n+the\t+the\t0\t500\n";
        let found = splits("onhe", he);
        assert!(found.contains(&"on he".to_owned()), "{found:?}");
        assert!(!found.contains(&"on the".to_owned()), "{found:?}");
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

    #[test]
    fn splits_merged_words_with_a_misread_half() {
        assert!(texts("itshoulcl", &Corpus::new()).contains(&"it should".to_owned()));
        // The known half must be a word as it stands: not a split this search makes.
        assert!(!texts("ifshoulcl", &Corpus::new()).contains(&"it should".to_owned()));
    }

    #[test]
    fn splits_at_stray_marks_with_a_misread_half() {
        let none = Corpus::new();
        assert!(texts("it'shoulcl", &none).contains(&"it should".to_owned()));
        assert!(texts("shoulcl~it", &none).contains(&"should it".to_owned()));
        // A comma between them is the text's own.
        assert!(texts("shoulcl,it", &none).contains(&"should, it".to_owned()));
        // A digit inside a word is a misread letter, not a mark between two words.
        assert!(!texts("it5shoulcl", &none).contains(&"it should".to_owned()));
    }

    #[test]
    fn splits_at_stray_punctuation() {
        let none = Corpus::new();
        assert!(texts("it'should", &none).contains(&"it should".to_owned()));
        assert!(texts("it.should", &none).contains(&"it should".to_owned()));
        assert!(texts("Japan'swinter", &none).contains(&"Japan's winter".to_owned()));
        assert!(!texts("sea'son", &none).contains(&"sea son".to_owned()));
        let hyphenated = Corpus::of("the soviet-japanese talks");
        let found = texts("soviet.japanese", &hyphenated);
        assert!(found.contains(&"soviet-japanese".to_owned()));
        assert!(!found.contains(&"soviet japanese".to_owned()));
        assert!(texts("soviet.japanese", &none).contains(&"soviet japanese".to_owned()));
        // A slash joins alternatives: no space was lost there.
        assert!(!texts("it/should", &none).contains(&"it should".to_owned()));
    }

    #[test]
    fn a_pair_english_writes_apart_gets_no_hyphen_from_one_sighting() {
        // A speck read as a hyphen once (`he-had`) does not make `he'had` a compound; a pair
        // the word pairs never write apart keeps the input's hyphen.
        let l = crate::lexicon::embedded();
        let corpus = Corpus::of("he-had gone; the police-court sat");
        let texts = |token: &str| -> Vec<String> {
            let found = generate(
                token,
                l,
                &ChannelModel::default(),
                &corpus,
                SearchLimits::default(),
            );
            found.into_iter().map(|p| p.text).collect()
        };
        let had = texts("he'had");
        assert!(had.contains(&"he had".to_owned()), "{had:?}");
        assert!(!had.contains(&"he-had".to_owned()), "{had:?}");
        for token in ["police.court", "policecourt"] {
            let court = texts(token);
            assert!(
                court.contains(&"police-court".to_owned()),
                "{token}: {court:?}"
            );
        }
    }
}
