//! One token weighed: a suspect token mended part by part, a known word doubted as a
//! real-word error; its candidates generated (once per distinct token), ranked in context
//! and decided, with the evidence the calibrated confidence reads.

use std::borrow::Cow;

use super::decision::{reason, written};
use super::{Doubted, Mender, Passage, ProposalCache, ReadingSet, Search};
use crate::casing::seams;
use crate::corpus::{numbers_around, Corpus};
use crate::decide::decide;
use crate::detect::{classify, Verdict};
use crate::edit::{Candidate, Edit, EditKind, Evidence, Span, Status};
use crate::generate::{generate, real_word_alternatives, Proposal};
use crate::lexicon::compiled::excess_surprise;
use crate::lexicon::{Entry, Layer, WordId};
use crate::openers::opened_after;
use crate::rank::{
    context, context_bound, doubt, keep_score, learned_margin, number_context, out_of_context,
    point_fit, proven_by_repeats, rank, reading_prior, weigh_point_after, BoundBy, Neighbours,
    TokenFacts, Weights, CORPUS_PSEUDO_TOKENS,
};
use crate::surroundings::surroundings;
use crate::tokenize::{looks_abbreviated, Token};
use crate::variants::{elided_past, modern_form, period_spelling, Conventions};

impl Mender {
    /// The edits for token `i` of `passage`: a suspect token mended part by part, a doubted
    /// known word weighed against its likelier readings.
    pub(super) fn mend_token(
        &self,
        passage: &Passage,
        i: usize,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Vec<Edit> {
        let (text, tok) = (passage.text, &passage.tokens[i]);
        let word = tok.text(text);
        match passage.verdicts[i] {
            Verdict::Suspect
                if elided_past(word, &self.lexicon)
                    || passage.historical
                        && period_spelling(
                            word,
                            &self.lexicon,
                            Conventions::All,
                            |w, modern| self.misreading_lead(w, modern, corpus, cache),
                        ) =>
            {
                Vec::new() // `compos’d`, `hee`, `haue`: a word of older English
            }
            Verdict::Suspect => self.mend_suspect(passage, i, tok.span, corpus, cache),
            // A word of older English the lexicon lists (`moued`, `thee`) is right in it.
            Verdict::Known
                if !self.first_pass
                    && doubt(word, &self.lexicon, &self.options.weights).is_some()
                    && !(passage.historical && self.period_form_of_commoner(word)) =>
            {
                let proposals = cache.get_or_make(Search::RealWord, word, || {
                    real_word_alternatives(
                        word,
                        &self.lexicon,
                        &self.channel,
                        corpus,
                        self.options.limits,
                        self.options.weights.real_word_max_cost,
                    )
                });
                self.decide_unit(passage, Site::token(word, tok.span, i), &proposals, corpus)
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The edits for suspect token `i` of `passage`, at `whole`: each of its parts
    /// ([`Mender::units`]) mended, and mended again beside a part repaired with confidence.
    fn mend_suspect(
        &self,
        passage: &Passage,
        i: usize,
        whole: Span,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Vec<Edit> {
        let text = passage.text;
        let units = self.units(text, whole);
        // The words the parts are read as: as written at first, then as repaired.
        let mut words: Vec<Option<WordId>> = units
            .iter()
            .map(|s| self.lexicon.id(&text[s.start..s.end]))
            .collect();
        let mend_unit = |k: usize, words: &[Option<WordId>]| {
            let span = units[k];
            let unit = &text[span.start..span.end];
            if span != whole && classify(unit, &self.lexicon) != Verdict::Suspect {
                return None;
            }
            let proposals = cache.get_or_make(Search::Suspect, unit, || {
                generate(
                    unit,
                    &self.lexicon,
                    &self.channel,
                    corpus,
                    self.options.limits,
                )
            });
            // A part of a compound reads beside the parts next to it (`Pollce-court`
            // is read as `Police court`), the outer ones beside the tokens around.
            let part = |b: usize| Beside::Part(words[b]);
            let site = Site {
                beside: (
                    k.checked_sub(1).map_or(Beside::Token, part),
                    if k + 1 < units.len() {
                        part(k + 1)
                    } else {
                        Beside::Token
                    },
                ),
                ..Site::token(unit, span, i)
            };
            self.decide_unit(passage, site, &proposals, corpus)
        };
        let mut edits: Vec<Option<Edit>> = (0..units.len()).map(|k| mend_unit(k, &words)).collect();
        // A second look at a part beside a part repaired with confidence (`Pollce-
        // constablo`: each is context for the other once read right).
        let repaired: Vec<Option<WordId>> = edits
            .iter()
            .map(|e| {
                e.as_ref()
                    .filter(|e| e.kind == EditKind::Substitute && e.status == Status::Applied)
                    .and_then(|e| self.lexicon.id(&e.after))
            })
            .collect();
        if repaired.iter().any(Option::is_some) {
            for (w, r) in words.iter_mut().zip(&repaired) {
                *w = r.or(*w);
            }
            let next_to =
                |b: Option<usize>| b.and_then(|b| repaired.get(b).copied().flatten()).is_some();
            for (k, edit) in edits.iter_mut().enumerate() {
                if next_to(k.checked_sub(1)) || next_to(Some(k + 1)) {
                    *edit = mend_unit(k, &words);
                }
            }
        }
        edits.into_iter().flatten().collect()
    }

    /// The parts of a suspect token corrected one by one: the stem of a possessive
    /// (`Qucen's`), the parts of a hyphenated compound whose parts are word-sized
    /// (`Polico-constable`), else the whole token (`whi-h`).
    fn units(&self, text: &str, span: Span) -> Vec<Span> {
        let word = &text[span.start..span.end];
        // `Qucen's`: the stem is mended, the possessive ending kept.
        for ending in ["'s", "’s"] {
            if let Some(stem) = word.strip_suffix(ending) {
                if stem.chars().count() >= 2 && stem.chars().all(char::is_alphabetic) {
                    return vec![Span::new(span.start, span.start + stem.len())];
                }
            }
        }
        let mut parts = Vec::new();
        let mut at = span.start;
        for part in word.split('-') {
            parts.push(Span::new(at, at + part.len()));
            at += part.len() + 1;
        }
        let word_sized = |s: &Span| {
            let p = &text[s.start..s.end];
            p.chars().count() >= 3 && p.chars().all(char::is_alphabetic)
        };
        if parts.len() > 1 && parts.iter().all(word_sized) {
            parts
        } else {
            vec![span]
        }
    }

    /// The edit for the word read at `site`, if a reading of it is likelier than the word.
    pub(super) fn decide_unit(
        &self,
        passage: &Passage,
        site: Site,
        proposals: &[Proposal],
        corpus: &Corpus,
    ) -> Option<Edit> {
        let (text, tokens) = (passage.text, passage.tokens);
        let Site {
            word,
            span,
            first: i,
            last,
            beside,
        } = site;
        let around = self.neighbours(passage, i, last, beside);
        let (proposals, readings) = standing_alone(tokens, i, last, proposals);
        let known_word = self.lexicon.contains(word);
        // A known word is doubted on the general pair list alone (see `Weights::printed_pairs`).
        let w = &Weights {
            printed_pairs: self.options.weights.printed_pairs && !known_word,
            ..self.options.weights
        };
        // A point read after the token tells which readings fit (`lr.` is `Mr.`): after an
        // unknown token, or a known word with a capital (`Air.` before a name; a small
        // `air.` is the word), weighed for the word as it stands too.
        let pointed = tokens[last].trailing(text).starts_with('.')
            && (!known_word || word.starts_with(char::is_uppercase));
        if known_word && !pointed && self.cannot_win(word, around, &proposals, readings, passage, w)
        {
            return None;
        }
        let mut ranked = rank(&proposals, &self.lexicon, around, Some(passage.own), w);
        if pointed {
            weigh_point_after(&mut ranked, |w, speck| self.channel.point_odds(w, speck), w);
        }
        // The lexicon's entry for the best reading (none for several words), looked up once.
        let best = ranked.first();
        let best_entry = best.and_then(|c| self.lexicon.get(&c.text));
        let proper = best.is_some_and(|c| !c.text.contains(' '))
            && best_entry
                .as_ref()
                .is_some_and(|e| e.form.starts_with(char::is_uppercase));
        let facts = TokenFacts {
            known: self.fit_as_written(word, around, &ranked, pointed, w),
            name_reading: proper,
            ..self.repeat_facts(passage, site, ranked.first(), corpus, w)
        };
        let keep = self.keep_value(word, facts, best_entry, corpus, w);
        let facts = self.evidence(passage, site, &ranked, facts);
        // Every calibrated decision tells how damaged the chunk is, those below the
        // suggestion floor too (`base_rate`): they are weighed, and dropped only if still
        // below it once the base rate has moved them.
        let calibration = self.options.calibration.as_ref();
        let thresholds = self.deciding_thresholds();
        let mut d = decide(keep, &ranked, facts, calibration, thresholds)?;
        if self.base_rate_prior().is_some() {
            // Kept below the floor too, until the base rate has moved it (`mend_tokens`).
            passage.weigh(span, d.confidence);
        }
        if let Some(cased) = self.cased_reading(text, tokens, site, &d.best, facts.sentence_start) {
            d.best.text = cased;
        }
        let reason = reason(word, known_word, &d);
        Some(written(text, span, word, d, reason))
    }

    /// What keeping the token `word` as written is worth against its readings
    /// ([`keep_score`]), given the lexicon's entry for its best reading.
    fn keep_value(
        &self,
        word: &str,
        facts: TokenFacts,
        best_entry: Option<Entry<'_>>,
        corpus: &Corpus,
        w: &Weights,
    ) -> f64 {
        let keep = keep_score(word, facts, &self.lexicon, w);
        let learned = best_entry.is_some_and(|e| e.layer == Layer::Corpus);
        if learned && word.chars().all(char::is_alphabetic) {
            // A word learned from this input competes with the token on the same footing:
            // each by its share of the input (`Clutton` once is not `Dutton` four times).
            let share =
                f64::from(facts.repeats.max(1)) / (corpus.tokens() as f64 + CORPUS_PSEUDO_TOKENS);
            keep.max(share.ln())
        } else {
            keep
        }
    }

    /// How well the token `word` fits `around` as it stands, against its `ranked` readings
    /// out of context (with a point after it, if `pointed`), and its margin: see
    /// [`Mender::known_fit`].
    fn fit_as_written(
        &self,
        word: &str,
        around: Neighbours,
        ranked: &[Candidate],
        pointed: bool,
        w: &Weights,
    ) -> Option<(f64, f64)> {
        let out_of_context = ranked
            .iter()
            .map(|c| out_of_context(c.log_prior, c.channel_cost, w));
        let (mut fit, margin) = self.known_fit(word, around, out_of_context, w)?;
        if pointed {
            fit += point_fit(self.channel.point_odds(word, w.point_speck), w);
        }
        Some((fit, margin))
    }

    /// What the input says of the token at `site`: how often it repeats it, whether the
    /// repeats prove it a word against its `best` reading, and whether it opens a sentence
    /// (the fit as written and the name reading left unsaid, for the caller to fill in).
    fn repeat_facts(
        &self,
        passage: &Passage,
        site: Site,
        best: Option<&Candidate>,
        corpus: &Corpus,
        w: &Weights,
    ) -> TokenFacts {
        let repeats = corpus.count(site.word);
        let historical = passage.historical;
        TokenFacts {
            repeats,
            proven: proven_by_repeats(site.word, repeats, best, corpus, || !historical, w),
            corpus_tokens: corpus.tokens(),
            known: None,
            sentence_start: sentence_start(passage.text, passage.tokens, site.first),
            name_reading: false,
        }
    }

    /// What the calibrated confidence reads of the decision at `site`: the token's `facts`,
    /// its `ranked` readings (best first), and the passage around it.
    fn evidence(
        &self,
        passage: &Passage,
        site: Site,
        ranked: &[Candidate],
        facts: TokenFacts,
    ) -> Evidence {
        let (text, tokens) = (passage.text, passage.tokens);
        let Site {
            word,
            span,
            first: i,
            last,
            ..
        } = site;
        let best = ranked.first();
        Evidence {
            known: facts.known.is_some(),
            capitalised: word.starts_with(char::is_uppercase),
            damaged: word.chars().any(|c| !c.is_alphabetic() && c != '\''),
            letters: word.chars().count(),
            repeats: facts.repeats,
            seam: seams(word).next().is_some(),
            damaged_neighbours: (i.saturating_sub(2)..(last + 3).min(tokens.len()))
                .filter(|&j| !(i..=last).contains(&j) && passage.verdicts[j] == Verdict::Suspect)
                .count() as u8,
            surprise: excess_surprise(word).map_or(0.0, |(excess, _)| excess),
            attested: ranked.first().map_or(0, |c| {
                c.text
                    .split(' ')
                    .map(|w| passage.own.count_any_case(w))
                    .min()
                    .unwrap_or(0)
            }),
            sentence_start: facts.sentence_start,
            suspect_rate: passage.suspect_rate,
            first_changed: best.is_some_and(|c| folded_first(word) != folded_first(&c.text)),
            proper: facts.name_reading,
            read_for: best.map_or(0.0, |c| self.channel.read_for_share(word, &c.text)),
            length_change: best.map_or(0, |c| {
                c.text
                    .chars()
                    .count()
                    .abs_diff(word.chars().count())
                    .min(usize::from(u8::MAX)) as u8
            }),
            surroundings: surroundings(text, span, &self.lexicon),
            historical: passage.historical,
            ..Evidence::default()
        }
    }

    /// True when the known `word` is a spelling of older English of a word commoner than it
    /// (`moued` of `moved`, `thee` of `the`), not a word of its own that a convention
    /// happens to reach (`fame` is no `fam` with a silent e).
    pub(super) fn period_form_of_commoner(&self, word: &str) -> bool {
        let prior = |w: &str| self.lexicon.id(w).map(|id| self.lexicon.log_prior(id));
        modern_form(word, &self.lexicon, Conventions::All)
            .is_some_and(|modern| prior(&modern) > prior(word))
    }

    /// For a known word doubted as a misreading: its log prior with its context, and the
    /// margin a reading must win by against alternatives of these scores
    /// [`out_of_context`] (see [`learned_margin`]).
    fn known_fit(
        &self,
        word: &str,
        around: Neighbours,
        alternatives: impl Iterator<Item = f64> + Clone,
        w: &Weights,
    ) -> Option<(f64, f64)> {
        let (id, own_prior, margin) = self.known_odds(word, alternatives, w)?;
        Some((own_prior + context(&self.lexicon, around, &[id], w), margin))
    }

    /// [`Mender::known_fit`] apart from the context: the word, its log prior and the margin.
    fn known_odds(
        &self,
        word: &str,
        alternatives: impl Iterator<Item = f64> + Clone,
        w: &Weights,
    ) -> Option<(WordId, f64, f64)> {
        let id = self.lexicon.id(word)?;
        let own_prior = self.lexicon.log_prior(id);
        let margin = learned_margin(
            doubt(word, &self.lexicon, w)?,
            own_prior,
            alternatives,
            self.channel.reading_record(word),
        );
        Some((id, own_prior, margin))
    }

    /// True when no reading of the known `word` can outscore keeping it, whatever their
    /// contexts turn out to be (each at most its [`context_bound`]): so for most doubted
    /// words, which are then kept without their readings' pairs looked up. Exact: true only
    /// where ranking them all would keep the word too. `readings` says which of the word's
    /// readings `proposals` are (the chunk prices each set once).
    fn cannot_win(
        &self,
        word: &str,
        around: Neighbours,
        proposals: &[Proposal],
        readings: ReadingSet,
        passage: &Passage,
        w: &Weights,
    ) -> bool {
        // The ranking keeps one reading per text, so the margin is taken over the same
        // readings only when their texts differ (a known word has a few readings at most).
        let repeated = |(i, p): (usize, &Proposal)| proposals[..i].iter().any(|q| q.text == p.text);
        if proposals.iter().enumerate().any(repeated) {
            return false;
        }
        // Asked only of known words, whose readings the cache keeps by the word alone: the
        // chunk prices them, and the word's own odds, once.
        let Some(doubted) = passage.doubted(word, readings, || {
            let alone: Box<[f64]> = proposals
                .iter()
                .map(|p| {
                    let prior = reading_prior(p, &self.lexicon, Some(passage.own), w);
                    out_of_context(prior, p.channel_cost, w)
                })
                .collect();
            let (id, own_prior, margin) = self.known_odds(word, alone.iter().copied(), w)?;
            Some(Doubted {
                alone,
                id,
                own_prior,
                margin,
            })
        }) else {
            return false;
        };
        let alone = &doubted.alone;
        debug_assert_eq!(
            alone.len(),
            proposals.len(),
            "`{word}` priced with other readings"
        );
        let fit = doubted.own_prior + context(&self.lexicon, around, &[doubted.id], w);
        // Sums taken in another order may differ in their last bits.
        let keep = fit + doubted.margin - 1e-9;
        let loses = |score: f64, p: &Proposal, by: BoundBy| {
            let bound = if p.kind == EditKind::Number {
                number_context(Some(passage.own), around, w)
            } else {
                context_bound(&self.lexicon, around, &p.words, w, by)
            };
            score + bound < keep
        };
        // The pair list is looked up only where the words' counts cannot tell.
        alone.iter().zip(proposals).all(|(&score, p)| {
            loses(score, p, BoundBy::Counts) || loses(score, p, BoundBy::PairList)
        })
    }

    /// The known words before token `first` and after token `last`, or, where `beside`
    /// says so, the words of the neighbouring parts of a compound.
    fn neighbours(
        &self,
        passage: &Passage,
        first: usize,
        last: usize,
        beside: (Beside, Beside),
    ) -> Neighbours {
        let (text, tokens) = (passage.text, passage.tokens);
        // A neighbour read in an earlier look counts as its reading.
        let known = |j: usize| {
            passage
                .readings
                .get(j)
                .copied()
                .flatten()
                .or_else(|| self.lexicon.id(tokens[j].text(text)))
        };
        let prev = beside.0.word().unwrap_or_else(|| {
            first
                .checked_sub(1)
                .filter(|&p| {
                    tokens[p].trailing(text).is_empty() && tokens[first].leading(text).is_empty()
                })
                .and_then(known)
        });
        let next = beside.1.word().unwrap_or_else(|| {
            Some(last + 1)
                .filter(|&n| {
                    n < tokens.len()
                        && tokens[last].trailing(text).is_empty()
                        && tokens[n].leading(text).is_empty()
                })
                .and_then(known)
        });
        // After a comma or a stop, no word before counts; the boundary's openers do.
        let opens = prev
            .is_none()
            .then(|| opened_after(text, tokens, first))
            .flatten();
        let word = |j: Option<usize>| j.and_then(|j| tokens.get(j)).map(|t| t.text(text));
        let numbers = numbers_around(word(first.checked_sub(1)), word(Some(last + 1)));
        Neighbours {
            prev,
            next,
            opens,
            numbers,
        }
    }
}

/// The readings a token may take: a speck is a letter standing alone, so where a mark is
/// against the token (tokens `first` to `last`) it is an abbreviation (`p.` of a citation)
/// or a word, and deleting it would leave the mark behind.
fn standing_alone<'p>(
    tokens: &[Token],
    first: usize,
    last: usize,
    proposals: &'p [Proposal],
) -> (Cow<'p, [Proposal]>, ReadingSet) {
    let attached = |t: &Token| t.chunk != t.span;
    if (attached(&tokens[first]) || attached(&tokens[last]))
        && proposals.iter().any(|p| p.kind == EditKind::Delete)
    {
        let kept = proposals.iter().filter(|p| p.kind != EditKind::Delete);
        (Cow::Owned(kept.cloned().collect()), ReadingSet::NoSpeck)
    } else {
        (Cow::Borrowed(proposals), ReadingSet::All)
    }
}

/// The first letter of `s` in lower case.
fn folded_first(s: &str) -> Option<char> {
    s.chars().next().and_then(|c| c.to_lowercase().next())
}

/// What one decision is about: the text read as one word, where it is, the tokens it
/// spans (one, or the two halves of a word broken across a line), and what stands before
/// and after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Site<'w> {
    pub(super) word: &'w str,
    pub(super) span: Span,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) beside: (Beside, Beside),
}

/// What stands on one side of a decision's word.
#[derive(Debug, Clone, Copy)]
pub(super) enum Beside {
    /// The neighbouring token.
    Token,
    /// Another part of the same compound, read as this word (if any).
    Part(Option<WordId>),
}

impl Beside {
    /// The word of a part of the compound; `None` when the neighbour is a token.
    fn word(self) -> Option<Option<WordId>> {
        match self {
            Beside::Token => None,
            Beside::Part(word) => Some(word),
        }
    }
}

impl<'w> Site<'w> {
    /// A word inside token `i`.
    fn token(word: &'w str, span: Span, i: usize) -> Site<'w> {
        Site {
            word,
            span,
            first: i,
            last: i,
            beside: (Beside::Token, Beside::Token),
        }
    }
}

/// True when token `i` starts a sentence (or the text, or a paragraph).
pub(super) fn sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    let before = format!("{}{}", prev.trailing(text), tokens[i].leading(text));
    let gap = &text[prev.chunk.end..tokens[i].chunk.start];
    // `Mr.`, `St.`, `J.`: a short capitalised word with a full stop is an abbreviation.
    let abbreviation = prev.trailing(text) == "." && looks_abbreviated(prev.text(text));
    ends_sentence(&before) && !abbreviation || gap.matches('\n').count() > 1
}

/// True when the marks between two words end a sentence: the last stop among them is a
/// full stop, `!` or `?` (closing quotes and brackets aside). A comma or semicolon after a
/// point (`Esq.,`, `&c.;`) goes on with the sentence.
fn ends_sentence(marks: &str) -> bool {
    marks
        .chars()
        .rev()
        .find(|c| matches!(c, '.' | '!' | '?' | ',' | ';' | ':'))
        .is_some_and(|c| matches!(c, '.' | '!' | '?'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn a_comma_after_a_point_goes_on_with_the_sentence() {
        let starts = |text: &str| {
            let tokens = tokenize(text);
            (1..tokens.len())
                .filter(|&i| sentence_start(text, &tokens, i))
                .map(|i| tokens[i].text(text).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(starts("Smith, Esq., was here. Then he left"), ["Then"]);
        assert_eq!(starts("he said &c.; yet \"it was.\" But not"), ["But"]);
        assert_eq!(starts("Is it? no! Mr. Brown went"), ["no", "Mr"]);
        assert!(ends_sentence(".\"") && ends_sentence("?)") && !ends_sentence(".,"));
        assert!(!ends_sentence("") && !ends_sentence(",") && !ends_sentence(".:"));
    }
}
