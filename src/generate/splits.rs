//! The words a token may be made of: two words run together (`itshould`), also with a
//! misread half (`itshoulcl`) or stray marks between them (`it'should`); three or more
//! segmented by word frequency (`thattheyhad`); and hyphens restored where the input attests
//! them (`SovietJapanese`). Part of [`super::generate`]'s proposals.

use super::{max_cost, Proposal};
use crate::casing::CaseShape;
use crate::channel::{ChannelModel, Reading, ReadingRecord};
use crate::corpus::Corpus;
use crate::edit::EditKind;
use crate::lexicon::{Lexicon, WordId};

/// The likeliest reading of a token as words run together: three or more (`thattheyhad` →
/// `that they had`), or two or more with a stray letter the scanner put between two of them
/// (`chequeswereegiven` → `cheques were given`, `aboutba` → `about a`). It is the
/// segmentation into attested words with the highest product of word probabilities, a
/// stray letter paying [`STRAY_LETTER_PENALTY`], found by dynamic programming over the
/// token's letters; the proposal is priced by the channel (each space lost, each stray
/// letter as the model prices its insertion). Clean two-word splits are [`splits`]' work.
pub(super) fn segmentation(token: &str, lexicon: &Lexicon, reading: &Reading) -> Option<Proposal> {
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
    let steps = best_steps(token, n, &at, lexicon);
    // The best reading of the whole token, word by word from its end.
    let mut pieces = Vec::new();
    let mut strays = 0;
    let mut j = n;
    while j > 0 {
        let step = steps[j]?;
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

/// Per count `j` of the `n` letters of `token` (letter `i` starting at byte `at(i)`), the
/// best reading of the first `j` letters that ends with a word, if any: [`segmentation`]'s
/// dynamic programme.
fn best_steps(
    token: &str,
    n: usize,
    at: &impl Fn(usize) -> usize,
    lexicon: &Lexicon,
) -> Vec<Option<Step>> {
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
    words
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
pub(super) fn corrected_splits(
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
pub(super) fn misread_halves(
    splits: &[Proposal],
    lexicon: &Lexicon,
    channel: &ChannelModel,
) -> Vec<Proposal> {
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
pub(super) fn splits(token: &str, lexicon: &Lexicon, corpus: &Corpus) -> Vec<Proposal> {
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
    use super::super::tests::texts;
    use super::super::{generate, SearchLimits};
    use super::*;
    use crate::lexicon::Layer;

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
