//! The pipeline: tokenize, rejoin, detect, generate, rank, decide, in that order, over one
//! text. [`Mender`] is the library's entry point; [`Mended`] is its result, the original
//! text with the edits over it.

use crate::calibrate::Calibration;
use crate::capitals::capitals;
use crate::casing::{capitalize, in_capitals, lower_first, misled_case, seams, CaseShape};
use crate::channel::ChannelModel;
use crate::corpus::Corpus;
use crate::decide::{decide, Thresholds};
use crate::detect::{classify, verdicts, Verdict};
use crate::edit::{apply, Edit, EditKind, Evidence, Span, Status};
use crate::generate::{generate, real_word_alternatives, Proposal, SearchLimits};
use crate::learn::{corpus_words, Learned, MIN_VOUCHING_USES};
use crate::lexicon::compiled::excess_surprise;
use crate::lexicon::{Layer, Lexicon, WordId};
use crate::merge::merges;
use crate::quotes::quotes_apart;
use crate::rank::{
    context, doubt, expected_misreadings, keep_score, learned_margin, point_fit, rank,
    weigh_point_after, Neighbours, TokenFacts, Weights, CORPUS_PSEUDO_TOKENS,
};
use crate::rejoin::{join_layout, rejoin, Action};
use crate::strays::{beside_repairs, strays, trailing_strays};
use crate::support::add_support;
use crate::surroundings::surroundings;
use crate::tokenize::{looks_abbreviated, tokenize, Token};
use crate::variants::{
    is_historical, modern_form, period_spelling, Conventions, HISTORICAL_MIN_TOKENS,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// Everything that tunes a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// When an edit is applied, suggested, or dropped.
    pub thresholds: Thresholds,
    /// The weights of the candidate score.
    pub weights: Weights,
    /// How far candidate generation searches.
    pub limits: SearchLimits,
    /// The calibrated confidence (none: confidences are raw score shares).
    pub calibration: Option<Calibration>,
}

impl Default for Options {
    /// The measured defaults, with the embedded calibration.
    fn default() -> Self {
        Options {
            thresholds: Thresholds::default(),
            weights: Weights::default(),
            limits: SearchLimits::default(),
            calibration: Calibration::embedded(),
        }
    }
}

/// Repairs OCR text with a lexicon and a channel model.
#[derive(Debug, Clone)]
pub struct Mender {
    lexicon: Lexicon,
    channel: ChannelModel,
    options: Options,
}

impl Default for Mender {
    /// A mender with the embedded English lexicon, the default channel model and options.
    fn default() -> Self {
        Mender::new(
            Lexicon::embedded(),
            ChannelModel::default(),
            Options::default(),
        )
    }
}

/// The result of mending one text: the untouched original and the edits over it.
#[derive(Debug, Clone)]
pub struct Mended<'t> {
    /// The original text.
    pub text: &'t str,
    /// Every edit, applied and suggested, in text order; no two overlap.
    pub edits: Vec<Edit>,
}

impl Mended<'_> {
    /// The corrected text: the original with the applied edits made.
    pub fn corrected(&self) -> String {
        let applied: Vec<&Edit> = self.applied().collect();
        apply(self.text, &applied).expect("the pipeline never produces overlapping edits")
    }

    /// The edits made in the corrected text.
    pub fn applied(&self) -> impl Iterator<Item = &Edit> {
        self.edits.iter().filter(|e| e.status == Status::Applied)
    }

    /// The edits only suggested to the reviewer.
    pub fn suggested(&self) -> impl Iterator<Item = &Edit> {
        self.edits.iter().filter(|e| e.status == Status::Suggested)
    }
}

impl Mender {
    /// A mender over `lexicon` with `channel` and `options`.
    pub fn new(lexicon: Lexicon, channel: ChannelModel, options: Options) -> Self {
        let mut mender = Mender {
            lexicon,
            channel,
            options,
        };
        mender.weigh_printed();
        mender
    }

    /// Adds the channel model's printed word shares to the lexicon's priors with the
    /// options' weight (replacing any earlier blend).
    fn weigh_printed(&mut self) {
        self.lexicon.blend_printed(
            self.channel.printed(),
            self.channel.printed_pairs(),
            self.options.weights.printed,
        );
    }

    /// The channel model in use.
    pub fn channel(&self) -> &ChannelModel {
        &self.channel
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The lexicon in use, to extend.
    pub(crate) fn lexicon_mut(&mut self) -> &mut Lexicon {
        &mut self.lexicon
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Replaces the channel model (its training pages' word shares are weighed anew).
    pub fn set_channel(&mut self, channel: ChannelModel) {
        self.channel = channel;
        self.weigh_printed();
    }

    /// Replaces the options (the training pages' word shares are weighed anew).
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
        self.weigh_printed();
    }

    /// Mends `text`, with the text itself as corpus evidence: the words it proves by
    /// repetition join the lexicon's corpus layer for this call (see [`crate::learn`]).
    pub fn mend<'t>(&self, text: &'t str) -> Mended<'t> {
        self.stream(text).mend(text)
    }

    /// Mends `text` with `corpus` as evidence (for batches: the corpus of every input, after
    /// [`Mender::adopt`] took its words into the lexicon). A long text is mended in
    /// paragraph-aligned chunks in parallel; the chunks do not depend on the number of
    /// threads, so neither does the result.
    pub fn mend_with<'t>(&self, text: &'t str, corpus: &Corpus) -> Mended<'t> {
        self.mend_one(text, corpus, None, None, &ProposalCache::default(), &|_| {})
    }

    /// Mends every text with `corpus` as evidence, in parallel, sharing the work on tokens
    /// they have in common (for batches: the corpus of every input, after [`Mender::adopt`]).
    pub fn mend_all<'t>(&self, texts: &[&'t str], corpus: &Corpus) -> Vec<Mended<'t>> {
        self.mend_all_reporting(texts, corpus, &|_| {})
    }

    /// [`Mender::mend_all`], calling `progress` with the number of bytes of each piece of
    /// text as it is done (for a progress bar).
    pub fn mend_all_reporting<'t>(
        &self,
        texts: &[&'t str],
        corpus: &Corpus,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Vec<Mended<'t>> {
        let cache = ProposalCache::default();
        texts
            .par_iter()
            .map(|text| self.mend_one(text, corpus, None, None, &cache, progress))
            .collect()
    }

    /// Mends one text in chunks. `own` holds the words of the document the text is (or is
    /// a piece of), `None`: the text's own; `historical` says whether it is older English
    /// (`None`: judge the document when it is long enough to tell, else the whole corpus).
    pub(crate) fn mend_one<'t>(
        &self,
        text: &'t str,
        corpus: &Corpus,
        own: Option<&Corpus>,
        historical: Option<bool>,
        cache: &ProposalCache,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Mended<'t> {
        let chunks: Vec<(usize, &str, Vec<Token>)> = chunks(text)
            .into_par_iter()
            .map(|(start, end)| (start, &text[start..end], tokenize(&text[start..end])))
            .collect();
        // The text's own words: whether it is older English is judged on them when it is
        // long enough to tell (else on the whole run), and the words it spells right
        // elsewhere back a reading. Of a long text, those of its first part, as a stream
        // of it would take them.
        let counted;
        let own = match own {
            Some(own) => own,
            None if text.len() > crate::stream::EVIDENCE_BYTES => {
                counted = Corpus::of(crate::stream::evidence(text));
                &counted
            }
            None => {
                let mut c = Corpus::new();
                for (_, chunk, tokens) in &chunks {
                    c.merge(&Corpus::of_tokens(chunk, tokens));
                }
                counted = c;
                &counted
            }
        };
        let historical = historical.unwrap_or_else(|| {
            let lead = |w: &str, modern: &str| self.misreading_lead(w, modern, corpus, cache);
            if own.tokens() >= HISTORICAL_MIN_TOKENS {
                is_historical(own, &self.lexicon, lead)
            } else {
                corpus.is_historical(|c| is_historical(c, &self.lexicon, lead))
            }
        });
        let edits = chunks
            .par_iter()
            .flat_map_iter(|(start, chunk, tokens)| {
                let mut edits = self.mend_tokens(chunk, tokens, corpus, own, historical, cache);
                // A chunk is the stretch of one document whose repairs vouch for each other
                // (the same whether the input is read whole or streamed).
                add_support(
                    &mut edits,
                    self.options.calibration.as_ref(),
                    self.options.thresholds,
                );
                for e in &mut edits {
                    e.span = Span::new(e.span.start + start, e.span.end + start);
                }
                progress(chunk.len());
                edits
            })
            .collect();
        Mended { text, edits }
    }

    /// How many nats the likeliest reading of `token` as a misreading (by channel cost and
    /// frequency, no context) is ahead of `word`, a lexicon word, by frequency alone (as a
    /// spelling of `word` the token is no misreading): `None` when `word` is no lexicon word.
    pub(crate) fn misreading_lead(
        &self,
        token: &str,
        word: &str,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<f64> {
        let own = self.lexicon.log_prior(self.lexicon.id(word)?);
        let proposals = cache.get_or_make(false, token, || {
            generate(
                token,
                &self.lexicon,
                &self.channel,
                corpus,
                self.options.limits,
            )
        });
        let ranked = rank(
            &proposals,
            &self.lexicon,
            Neighbours::default(),
            None,
            &self.options.weights,
        );
        Some(ranked.first().map_or(0.0, |top| (top.score - own).max(0.0)))
    }

    /// The words `corpus` proves by repetition that the lexicon lacks (the corpus layer).
    pub fn learn(&self, corpus: &Corpus) -> Vec<Learned> {
        corpus_words(corpus, &self.lexicon, &self.channel, &self.options)
    }

    /// Adds the words `corpus` proves by repetition to the lexicon's corpus layer; returns
    /// how many. Call once with the corpus of every input before mending them.
    pub fn adopt(&mut self, corpus: &Corpus) -> usize {
        let learned = self.learn(corpus);
        add_learned(&mut self.lexicon, &learned, corpus);
        learned.len()
    }

    fn mend_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        corpus: &Corpus,
        own: &Corpus,
        historical: bool,
        cache: &ProposalCache,
    ) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut handled = vec![false; tokens.len()];
        // Joins are as sure as their stage says; the thresholds still decide whether they
        // are applied or only suggested.
        let thresholds = self.options.thresholds;
        let judged = |mut e: Edit| {
            e.status = thresholds.status(e.confidence)?;
            Some(e)
        };
        let mut left = Vec::new();
        for b in rejoin(text, tokens, &self.lexicon, corpus) {
            if b.action == Action::Leave {
                left.push((b.first, b.second));
                continue;
            }
            handled[b.first] = true;
            handled[b.second] = true;
            edits.extend(b.edit.and_then(judged));
        }
        for m in merges(text, tokens, &self.lexicon, &handled) {
            handled[m.first] = true;
            handled[m.first + 1] = true;
            edits.extend(judged(m.edit));
        }
        let verdicts = verdicts(text, tokens, &self.lexicon);
        // Older English capitalises nouns, and its verse lines often run together in a
        // scan's text: a capital inside a line there is the text's own far oftener than the
        // training pages' shares say.
        let capitalised = if historical {
            Vec::new()
        } else {
            capitals(
                text,
                tokens,
                &verdicts,
                &self.lexicon,
                &self.channel,
                self.options.thresholds,
                &handled,
            )
        };
        for c in capitalised {
            handled[c.index] = true;
            edits.push(c.edit);
        }
        // A stray mark before a known word deletes only the mark: the word is still weighed.
        edits.extend(
            strays(
                text,
                tokens,
                &verdicts,
                &self.channel,
                self.options.thresholds,
                &handled,
            )
            .into_iter()
            .map(|s| s.edit),
        );
        // So does one after a known word, unless it ends a line break another stage left.
        let mut after = handled.clone();
        for &(first, _) in &left {
            after[first] = true;
        }
        edits.extend(
            trailing_strays(
                text,
                tokens,
                &verdicts,
                &self.channel,
                self.options.thresholds,
                &after,
            )
            .into_iter()
            .map(|s| s.edit),
        );
        // A quote set apart from its word: the gap is closed, the word still weighed.
        edits.extend(quotes_apart(
            text,
            tokens,
            &self.channel,
            self.options.thresholds,
        ));
        let words = verdicts
            .iter()
            .filter(|v| **v != Verdict::Protected)
            .count();
        let suspects = verdicts.iter().filter(|v| **v == Verdict::Suspect).count();
        let mut passage = Passage {
            text,
            tokens,
            verdicts: &verdicts,
            own,
            readings: Vec::new(),
            suspect_rate: suspects as f64 / words.max(1) as f64,
        };
        // A word broken across the line whose halves join into a misreading (`procee-`/
        // `clings`): joined and mended at once, when the reading is confident.
        for (first, second) in left {
            if handled[first] || handled[second] || historical {
                continue;
            }
            if let Some(e) = self.mend_broken(&passage, first, second, corpus, cache) {
                handled[first] = true;
                handled[second] = true;
                edits.push(e);
            }
        }
        let mut decided: Vec<Vec<Edit>> = (0..tokens.len())
            .map(|i| {
                if handled[i] {
                    Vec::new()
                } else {
                    self.mend_token(&passage, i, corpus, historical, cache)
                }
            })
            .collect();
        // A second look at the tokens next to a repaired word, with the repair as their
        // neighbour (`thc mernbers`: each is context for the other once read right).
        passage.readings = decided
            .iter()
            .zip(tokens)
            .map(|(found, tok)| match found.as_slice() {
                [e] if e.span == tok.span
                    && e.kind == EditKind::Substitute
                    && e.status == Status::Applied =>
                {
                    self.lexicon.id(&e.after)
                }
                _ => None,
            })
            .collect();
        for i in 0..tokens.len() {
            let beside = |j: usize| passage.readings.get(j).copied().flatten().is_some();
            if !handled[i] && ((i > 0 && beside(i - 1)) || beside(i + 1)) {
                decided[i] = self.mend_token(&passage, i, corpus, historical, cache);
            }
        }
        // A word split by a stray space and misread as well (`sus picona`): when neither
        // piece is mended with confidence on its own, the two are read as one word (not in
        // older English, which wrote `my selfe` apart).
        let sure = |found: &[Edit]| found.iter().any(|e| e.status == Status::Applied);
        for i in 0..tokens.len().saturating_sub(1) {
            if historical
                || handled[i]
                || handled[i + 1]
                || sure(&decided[i])
                || sure(&decided[i + 1])
            {
                continue;
            }
            if let Some(e) = self.mend_split(&passage, i, corpus, cache) {
                handled[i] = true;
                handled[i + 1] = true;
                decided[i] = vec![e];
                decided[i + 1].clear();
            }
        }
        // A mark beside a word read right only once repaired (`'brothei`) is weighed as one
        // beside a known word is, with the repaired word.
        let repaired: Vec<Option<&str>> = decided
            .iter()
            .zip(tokens)
            .map(|(found, tok)| match found.as_slice() {
                [e] if e.span == tok.span
                    && matches!(e.kind, EditKind::Substitute | EditKind::Split)
                    && e.status == Status::Applied =>
                {
                    Some(e.after.as_str())
                }
                _ => None,
            })
            .collect();
        let beside = beside_repairs(
            text,
            tokens,
            &repaired,
            &self.channel,
            self.options.thresholds,
        );
        edits.extend(beside.into_iter().map(|s| s.edit));
        edits.extend(decided.into_iter().flatten());
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        // Stages never claim the same bytes twice; should one ever do so, the first wins.
        let mut end = 0;
        edits.retain(|e| {
            let keep =
                e.span.start >= end && !(e.span.is_empty() && e.span.start == end && end > 0);
            if keep {
                end = e.span.end;
            }
            keep
        });
        edits
    }

    /// The edits for token `i` of `passage`: a suspect token mended part by part, a doubted
    /// known word weighed against its likelier readings.
    fn mend_token(
        &self,
        passage: &Passage,
        i: usize,
        corpus: &Corpus,
        historical: bool,
        cache: &ProposalCache,
    ) -> Vec<Edit> {
        let (text, tok) = (passage.text, &passage.tokens[i]);
        let word = tok.text(text);
        match passage.verdicts[i] {
            Verdict::Suspect
                if historical
                    && period_spelling(word, &self.lexicon, Conventions::All, |w, modern| {
                        self.misreading_lead(w, modern, corpus, cache)
                    }) =>
            {
                Vec::new() // `hee`, `haue`: a word of older English
            }
            Verdict::Suspect => {
                let units = self.units(text, tok.span);
                // The words the parts are read as: as written at first, then as repaired.
                let mut words: Vec<Option<WordId>> = units
                    .iter()
                    .map(|s| self.lexicon.id(&text[s.start..s.end]))
                    .collect();
                let mend_unit = |k: usize, words: &[Option<WordId>]| {
                    let span = units[k];
                    let unit = &text[span.start..span.end];
                    if span != tok.span && classify(unit, &self.lexicon) != Verdict::Suspect {
                        return None;
                    }
                    let proposals = cache.get_or_make(false, unit, || {
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
                let mut edits: Vec<Option<Edit>> =
                    (0..units.len()).map(|k| mend_unit(k, &words)).collect();
                // A second look at a part beside a part repaired with confidence (`Pollce-
                // constablo`: each is context for the other once read right).
                let repaired: Vec<Option<WordId>> = edits
                    .iter()
                    .map(|e| {
                        e.as_ref()
                            .filter(|e| {
                                e.kind == EditKind::Substitute && e.status == Status::Applied
                            })
                            .and_then(|e| self.lexicon.id(&e.after))
                    })
                    .collect();
                if repaired.iter().any(Option::is_some) {
                    for (w, r) in words.iter_mut().zip(&repaired) {
                        *w = r.or(*w);
                    }
                    let next_to = |b: Option<usize>| {
                        b.and_then(|b| repaired.get(b).copied().flatten()).is_some()
                    };
                    for (k, edit) in edits.iter_mut().enumerate() {
                        if next_to(k.checked_sub(1)) || next_to(Some(k + 1)) {
                            *edit = mend_unit(k, &words);
                        }
                    }
                }
                edits.into_iter().flatten().collect()
            }
            // A word of older English the lexicon lists (`moued`, `thee`) is right in it.
            Verdict::Known
                if doubt(word, &self.lexicon, &self.options.weights).is_some()
                    && !(historical
                        && modern_form(word, &self.lexicon, Conventions::All).is_some()) =>
            {
                let proposals = cache.get_or_make(true, word, || {
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

    /// The edit joining the halves of a word broken across the line (tokens `first` and
    /// `second`) into the confident reading of their joined form, when that form is no word.
    fn mend_broken(
        &self,
        passage: &Passage,
        first: usize,
        second: usize,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let (text, tokens) = (passage.text, passage.tokens);
        let (t1, t2) = (&tokens[first], &tokens[second]);
        let a_full = t1.text(text);
        let a = a_full.rsplit('-').next().unwrap_or(a_full);
        let b = t2.text(text);
        let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
        if !letters(a) || !letters(b) {
            return None;
        }
        let start = t1.span.end - a.len();
        let whole = Span::new(start, t2.span.end);
        let edit = self.read_joined(passage, (a, b), whole, (first, second), corpus, cache)?;
        let (end, tail) = join_layout(text, t2, &text[t1.chunk.end..t2.chunk.start]);
        let span = Span::new(start, end);
        Some(Edit {
            before: text[span.start..span.end].to_owned(),
            after: format!("{}{}{tail}", edit.after, &text[t2.span.end..t2.chunk.end]),
            span,
            kind: EditKind::Rejoin,
            reason: format!("broken across the line: {}", edit.reason),
            ..edit
        })
    }

    /// The reading of pieces `a` and `b` (of tokens `first` to `last`, at `span`) as one
    /// word, when joined they are no word: a substitution decided as any token's is.
    fn read_joined(
        &self,
        passage: &Passage,
        (a, b): (&str, &str),
        span: Span,
        (first, last): (usize, usize),
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let joined = format!("{a}{b}");
        if classify(&joined, &self.lexicon) != Verdict::Suspect {
            return None;
        }
        let proposals = cache.get_or_make(false, &joined, || {
            generate(
                &joined,
                &self.lexicon,
                &self.channel,
                corpus,
                self.options.limits,
            )
        });
        let site = Site {
            word: &joined,
            span,
            first,
            last,
            beside: (Beside::Token, Beside::Token),
        };
        self.decide_unit(passage, site, &proposals, corpus)
            .filter(|e| e.kind == EditKind::Substitute)
    }

    /// The edit reading tokens `first` and `first + 1`, two pieces with one space between
    /// them on a line, at least one of them no word (`sus picona`, `de maunded`), as one
    /// misread word, when that reading is sure enough to apply.
    fn mend_split(
        &self,
        passage: &Passage,
        first: usize,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let (text, tokens) = (passage.text, passage.tokens);
        let (t1, t2) = (&tokens[first], &tokens[first + 1]);
        let (v1, v2) = (passage.verdicts[first], passage.verdicts[first + 1]);
        // A piece that is a word is a short one that happens to be (`de`, `con`, `mar`):
        // a longer word beside a damaged one is far likelier a word of its own
        // (`Government sl`), and weighing every such pair made the whole run 15% dearer.
        let piece = |v: Verdict, i: usize| {
            v == Verdict::Suspect
                || v == Verdict::Known && tokens[i].text(text).chars().count() <= SHORT_KNOWN_PIECE
        };
        let suspects = (v1 == Verdict::Suspect || v2 == Verdict::Suspect)
            && piece(v1, first)
            && piece(v2, first + 1);
        if !suspects
            || &text[t1.chunk.end..t2.chunk.start] != " "
            || !t1.trailing(text).is_empty()
            || !t2.leading(text).is_empty()
        {
            return None;
        }
        let (a, b) = (t1.text(text), t2.text(text));
        let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
        // The second half of a split word starts small; a single letter is a piece only
        // beside a longer piece that is no word (`r gulate`).
        let single = |s: &str, other: usize, v: Verdict| {
            s.chars().count() == 1 && (other < 3 || v != Verdict::Suspect)
        };
        let (n1, n2) = (a.chars().count(), b.chars().count());
        if !letters(a)
            || !letters(b)
            || !b.starts_with(char::is_lowercase)
            || single(a, n2, v2)
            || single(b, n1, v1)
        {
            return None;
        }
        let span = Span::new(t1.span.start, t2.span.end);
        let edit = self
            .read_joined(passage, (a, b), span, (first, first + 1), corpus, cache)
            .filter(|e| e.status == Status::Applied)?;
        Some(Edit {
            before: text[span.start..span.end].to_owned(),
            span,
            kind: EditKind::Merge,
            reason: format!("split by a stray space: {}", edit.reason),
            ..edit
        })
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
    fn decide_unit(
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
        let known_word = self.lexicon.contains(word);
        // A known word is doubted on the general pair list alone (see `Weights::printed_pairs`).
        let w = &Weights {
            printed_pairs: self.options.weights.printed_pairs && !known_word,
            ..self.options.weights
        };
        let mut ranked = rank(proposals, &self.lexicon, around, Some(passage.own), w);
        // A point read after the token tells which readings fit (`lr.` is `Mr.`): after an
        // unknown token, or a known word with a capital (`Air.` before a name; a small
        // `air.` is the word), weighed for the word as it stands too.
        let pointed = tokens[last].trailing(text).starts_with('.')
            && (!known_word || word.starts_with(char::is_uppercase));
        if pointed {
            weigh_point_after(&mut ranked, |w, speck| self.channel.point_odds(w, speck), w);
        }
        let expected_misreadings = expected_misreadings(ranked.first(), corpus, w);
        // The lexicon's entry for the best reading (none for several words), looked up once.
        let best = ranked.first();
        let best_entry = best.and_then(|c| self.lexicon.get(&c.text));
        let proper = best.is_some_and(|c| !c.text.contains(' '))
            && best_entry
                .as_ref()
                .is_some_and(|e| e.form.starts_with(char::is_uppercase));
        let facts = TokenFacts {
            repeats: corpus.count(word),
            expected_misreadings,
            corpus_tokens: corpus.tokens(),
            known: self.lexicon.id(word).and_then(|id| {
                let own_prior = self.lexicon.log_prior(id);
                let margin = learned_margin(
                    doubt(word, &self.lexicon, w)?,
                    own_prior,
                    &ranked,
                    self.channel.reading_record(word),
                    w,
                );
                let mut fit = own_prior + context(&self.lexicon, around, &[id], w);
                if pointed {
                    fit += point_fit(self.channel.point_odds(word, w.point_speck), w);
                }
                Some((fit, margin))
            }),
            sentence_start: sentence_start(text, tokens, i),
            name_reading: proper,
        };
        let mut keep = keep_score(word, facts, &self.lexicon, w);
        let learned = best_entry
            .as_ref()
            .is_some_and(|e| e.layer == Layer::Corpus);
        if learned && word.chars().all(char::is_alphabetic) {
            // A word learned from this input competes with the token on the same footing:
            // each by its share of the input (`Clutton` once is not `Dutton` four times).
            let share =
                f64::from(facts.repeats.max(1)) / (corpus.tokens() as f64 + CORPUS_PSEUDO_TOKENS);
            keep = keep.max(share.ln());
        }
        let facts = Evidence {
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
            proper,
            read_for: best.map_or(0.0, |c| self.channel.read_for_share(word, &c.text)),
            length_change: best.map_or(0, |c| {
                c.text
                    .chars()
                    .count()
                    .abs_diff(word.chars().count())
                    .min(usize::from(u8::MAX)) as u8
            }),
            surroundings: surroundings(text, span, &self.lexicon),
            ..Evidence::default()
        };
        let mut d = decide(
            keep,
            &ranked,
            facts,
            self.options.calibration.as_ref(),
            self.options.thresholds,
        )?;
        let misled = (d.best.kind == EditKind::Substitute)
            .then(|| {
                // Beside a word in capitals on its line: a heading.
                let heading =
                    (!tokens[i].line_start && i > 0 && in_capitals(tokens[i - 1].text(text)))
                        || (!tokens[last].line_end
                            && tokens
                                .get(last + 1)
                                .is_some_and(|t| in_capitals(t.text(text))));
                misled_case(word, &d.best.text, heading)
            })
            .flatten();
        if let Some(text) = misled {
            d.best.text = text;
        } else if d.best.kind == EditKind::Substitute && first_letter_misread(word, &d.best.text) {
            // The first letter itself was misread, so its case says nothing: the place does,
            // and inside a sentence so does how the training text wrote the word.
            let shape = CaseShape::of(word);
            let inside = mid_sentence(text, tokens, i);
            if inside
                && matches!(shape, CaseShape::Lower | CaseShape::Title)
                && self.channel.written_as_name(&d.best.text)
            {
                // `lohn` for `John`: a name, whatever the lexicon lists besides (`john`).
                d.best.text = capitalize(&d.best.text);
            } else if shape == CaseShape::Title
                && inside
                && self
                    .lexicon
                    .get(&d.best.text)
                    .is_some_and(|e| !e.form.chars().any(char::is_uppercase))
            {
                // `Iittle` mid-sentence: the capital was the misreading (`l` read as `I`).
                d.best.text = lower_first(&d.best.text);
            } else if facts.sentence_start && shape == CaseShape::Lower {
                // `lie` for `He` opening a sentence: the capital was misread as a small letter.
                d.best.text = capitalize(&d.best.text);
            }
        }
        let reason = match d.best.kind {
            EditKind::Split => format!(
                "`{word}` is not a word but `{}` are {} (frequency and context agree)",
                d.best.text,
                match d.best.text.split_whitespace().count() {
                    2 => "two".to_owned(),
                    3 => "three".to_owned(),
                    n => n.to_string(),
                }
            ),
            EditKind::RestoreHyphen => format!(
                "`{word}` is not a word; `{}` is written so elsewhere in the input",
                d.best.text
            ),
            _ if known_word => format!(
                "`{word}` is a word, but `{}` fits here far better and is a common misreading of it (OCR cost {:.2})",
                d.best.text, d.best.channel_cost
            ),
            _ => format!(
                "`{word}` is not in the lexicon; `{}` is a likely misreading of it (OCR cost {:.2}{})",
                d.best.text,
                d.best.channel_cost,
                if d.best.context > 0.0 {
                    ", fits the neighbouring words"
                } else {
                    ""
                }
            ),
        };
        Some(Edit {
            span,
            before: word.to_owned(),
            after: d.best.text,
            kind: d.best.kind,
            confidence: d.confidence,
            status: d.status,
            reason,
            alternatives: d.alternatives,
            evidence: Some(d.evidence),
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
        // A neighbour repaired in the first look counts as its repair.
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
        Neighbours { prev, next }
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
struct Site<'w> {
    word: &'w str,
    span: Span,
    first: usize,
    last: usize,
    beside: (Beside, Beside),
}

/// What stands on one side of a decision's word.
#[derive(Debug, Clone, Copy)]
enum Beside {
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

/// A chunk of text being mended: its tokens and what detection said of each.
struct Passage<'a> {
    text: &'a str,
    tokens: &'a [Token],
    verdicts: &'a [Verdict],
    /// The words of the whole text the chunk belongs to.
    own: &'a Corpus,
    /// Per token, the word a first look repaired it to (empty during the first look).
    readings: Vec<Option<WordId>>,
    /// The share of the chunk's words that are suspect: how damaged the scan is.
    suspect_rate: f64,
}

/// Adds learned words to the corpus layer with a count that gives them their share of the
/// input as prior (as `rank::keep_score` does for a repeated form), and makes the listed
/// words no frequency list counts that the input uses candidates (`Lexicon::vouch`).
pub(crate) fn add_learned(lexicon: &mut Lexicon, learned: &[Learned], corpus: &Corpus) {
    let scale = lexicon.total() as f64 / (corpus.tokens() as f64 + CORPUS_PSEUDO_TOKENS);
    for l in learned {
        lexicon.add(&l.word, (f64::from(l.count) * scale) as u64, Layer::Corpus);
    }
    lexicon.vouch(
        corpus
            .words()
            .filter(|&(_, n)| n >= MIN_VOUCHING_USES)
            .map(|(w, _)| w),
    );
}

/// The candidates already generated for a token in this run: a token seen twice is looked
/// up once. Known words weighed as real-word errors and unknown tokens are kept apart. Each
/// holds at most [`CACHE_ENTRIES`] tokens (then starts afresh), so a long stream of new
/// tokens does not grow it without end.
#[derive(Default)]
pub(crate) struct ProposalCache {
    known: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
    unknown: Mutex<FxHashMap<String, Arc<Vec<Proposal>>>>,
}

impl ProposalCache {
    fn get_or_make(
        &self,
        known: bool,
        token: &str,
        make: impl FnOnce() -> Vec<Proposal>,
    ) -> Arc<Vec<Proposal>> {
        let map = if known { &self.known } else { &self.unknown };
        if let Some(hit) = map.lock().ok().and_then(|m| m.get(token).cloned()) {
            return hit;
        }
        let made = Arc::new(make());
        if let Ok(mut m) = map.lock() {
            if m.len() >= CACHE_ENTRIES {
                m.clear();
            }
            m.insert(token.to_owned(), Arc::clone(&made));
        }
        made
    }
}

/// The most tokens each part of a [`ProposalCache`] holds.
const CACHE_ENTRIES: usize = 1 << 16;

/// The most letters a piece of a split word may have when it is a word on its own
/// ([`Mender::mend_split`]).
const SHORT_KNOWN_PIECE: usize = 3;

/// Texts longer than this are mended in chunks of about this size, cut after blank lines.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Byte ranges of `text` of at least [`CHUNK_BYTES`] where the text allows, each ending
/// after a blank line, or, when none comes soon, after a line that does not end with a
/// hyphen (a word broken there would be cut in two).
pub(crate) fn chunks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > CHUNK_BYTES {
        let mut from = start + CHUNK_BYTES;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let rest = &text[from..];
        let blank = rest
            .find("\n\n")
            .filter(|&at| at < CHUNK_BYTES)
            .map(|at| at + 2);
        let line = || {
            rest.match_indices('\n')
                .map(|(at, _)| at)
                .find(|&at| !rest[..at].trim_end_matches('\r').ends_with('-'))
                .map(|at| at + 1)
        };
        let Some(at) = blank.or_else(line) else {
            break;
        };
        let end = from + at;
        out.push((start, end));
        start = end;
    }
    out.push((start, text.len()));
    out
}

/// True when the token at `i` follows a word ending in a small letter within a sentence,
/// where a common word is written small.
fn mid_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    !sentence_start(text, tokens, i)
        && tokens[i - 1]
            .text(text)
            .chars()
            .last()
            .is_some_and(char::is_lowercase)
}

/// True when the first letter of `word` is not the first letter of `replacement` in any
/// case: the first letter itself was misread (`Iittle` for `little`, `lie` for `he`), so its
/// case says nothing.
fn first_letter_misread(word: &str, replacement: &str) -> bool {
    match (word.chars().next(), replacement.chars().next()) {
        (Some(w), Some(r)) => w.is_alphabetic() && !w.to_lowercase().eq(r.to_lowercase()),
        _ => false,
    }
}

/// True when token `i` starts a sentence (or the text, or a paragraph).
fn sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    let before = format!("{}{}", prev.trailing(text), tokens[i].leading(text));
    let gap = &text[prev.chunk.end..tokens[i].chunk.start];
    // `Mr.`, `St.`, `J.`: a short capitalised word with a full stop is an abbreviation.
    let abbreviation = prev.trailing(text) == "." && looks_abbreviated(prev.text(text));
    (before.contains(['.', '!', '?']) && !abbreviation) || gap.matches('\n').count() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default mender, applying every edit of at least this confidence.
    fn applying_from(apply: f64) -> Mender {
        let mut m = Mender::default();
        let mut options = m.options().clone();
        options.thresholds.apply = apply;
        m.set_options(options);
        m
    }

    /// The reading of `word` in `text`, with the context support it had, when every edit
    /// is applied whatever its confidence (for the tests of context).
    fn read_in_context(text: &str, word: &str) -> Option<(String, f64)> {
        let mended = applying_from(0.0).mend(text);
        let e = mended.edits.iter().find(|e| e.before == word)?;
        Some((e.after.clone(), e.evidence?.context))
    }

    /// Asserts that `word` is read as `reading` in `text` with the neighbouring words'
    /// support, and with the same support in `like`.
    fn same_context(word: &str, reading: &str, text: &str, like: &str) {
        let (read, read_like) = (read_in_context(text, word), read_in_context(like, word));
        assert!(
            read.as_ref()
                .is_some_and(|(after, c)| after == reading && *c > 0.0),
            "{read:?}"
        );
        assert_eq!(read, read_like);
    }

    #[test]
    fn a_repaired_neighbour_is_context_like_a_clean_one() {
        same_context(
            "mernbers",
            "members",
            "The report was read to the mernbers of the board at noon.",
            "The report was read to thc mernbers of the board at noon.",
        );
    }

    #[test]
    fn a_part_of_a_compound_is_read_beside_the_part_next_to_it() {
        // `forbidding-looklng` is weighed as `forbidding looking`, not as `a looking`.
        same_context(
            "looklng",
            "looking",
            "He met a forbidding looklng man at the door.",
            "He met a forbidding-looklng man at the door.",
        );
    }

    #[test]
    fn a_repaired_part_of_a_compound_is_context_for_the_part_beside_it() {
        same_context(
            "ooustable",
            "constable",
            "He was taken away by a Police-ooustable at noon.",
            "He was taken away by a Pollce-ooustable at noon.",
        );
    }

    #[test]
    fn a_point_after_a_capitalised_word_says_which_reading_fits() {
        let m = applying_from(0.0);
        let read = |text: &str, word: &str| {
            let mended = m.mend(text);
            let found = mended.edits.iter().find(|e| e.before == word);
            found.map(|e| e.after.clone())
        };
        // `Air.` before a name takes a point as `Mr` does; `air.` at a sentence's end is the
        // word, and so is `Air` without a point.
        let heard = "The case was heard before Air. Smith, the magistrate.";
        assert_eq!(read(heard, "Air").as_deref(), Some("Mr"));
        assert_eq!(
            read("He went out into the air. The rest stayed.", "air"),
            None
        );
        assert_eq!(
            read("The case was heard in the open Air and sun.", "Air"),
            None
        );
    }

    #[test]
    fn a_word_split_by_a_space_and_misread_is_read_whole() {
        let m = Mender::default();
        let joins = |text: &str| {
            let mended = m.mend(text);
            let found: Vec<(String, String)> = mended
                .edits
                .iter()
                .filter(|e| e.kind == EditKind::Merge)
                .map(|e| (e.before.clone(), e.after.clone()))
                .collect();
            found
        };
        assert_eq!(
            joins("The police began an investiga tlon into the matter.\n"),
            [("investiga tlon".to_owned(), "investigation".to_owned())]
        );
        // One piece may be a word (`con`) if the other is none.
        assert_eq!(
            joins("He con inued to speak of the matter.\n"),
            [("con inued".to_owned(), "continued".to_owned())]
        );
        // Two misread words stay two.
        assert!(joins("It was read to thc mernbers of the board.\n").is_empty());
    }

    #[test]
    fn the_threshold_decides_for_joins_as_for_substitutions() {
        let text = "It was read to the Metr opolitan police and to the pub-\nlic at noon.\n";
        let statuses = |apply: f64| {
            let mended = applying_from(apply).mend(text);
            let kinds: Vec<(EditKind, Status)> =
                mended.edits.iter().map(|e| (e.kind, e.status)).collect();
            kinds
        };
        assert_eq!(
            statuses(0.8),
            [
                (EditKind::Merge, Status::Applied),
                (EditKind::Rejoin, Status::Applied)
            ]
        );
        assert_eq!(
            statuses(0.99),
            [
                (EditKind::Merge, Status::Suggested),
                (EditKind::Rejoin, Status::Suggested)
            ]
        );
    }

    #[test]
    fn a_broken_word_with_a_misread_half_is_joined_and_mended() {
        let m = applying_from(0.0);
        let mended = m.mend("He was re-\nfnsed bail\nby the court.\n");
        assert_eq!(mended.corrected(), "He was refused\nbail\nby the court.\n");
        let e = &mended.edits[0];
        assert_eq!(
            (e.kind, e.before.as_str()),
            (EditKind::Rejoin, "re-\nfnsed ")
        );
        // Flattened onto one line, the same.
        let mended = m.mend("He was re- fnsed bail by the court.\n");
        assert_eq!(mended.corrected(), "He was refused bail by the court.\n");
        // Two words joined by a hyphen are no misreading of one.
        let mended = m.mend("It was a well-\nknown case.\n");
        assert!(mended.edits.iter().all(|e| e.after != "wellknown"));
    }

    #[test]
    fn a_possessive_keeps_its_ending_while_its_stem_is_mended() {
        let m = applying_from(0.0);
        let mended = m.mend("The Qucen's birthday was kept by the members of the club.");
        assert_eq!(
            mended.corrected(),
            "The Queen's birthday was kept by the members of the club."
        );
        assert!(mended.edits.iter().any(|e| e.before == "Qucen"));
    }

    #[test]
    fn a_misread_capital_mid_sentence_is_written_small() {
        assert!(first_letter_misread("Iittle", "Little"));
        assert!(first_letter_misread("Ihis", "This"));
        assert!(!first_letter_misread("Octobcr", "October"));
        assert!(first_letter_misread("iittle", "little"));
        assert!(!first_letter_misread("'ittle", "little"));
        assert_eq!(lower_first("Little"), "little");
        let m = Mender::default();
        let after = |text: &str| {
            m.mend(text)
                .edits
                .iter()
                .find(|e| e.before == "Iittle")
                .map(|e| e.after.clone())
        };
        assert_eq!(
            after("He said that a Iittle house was sold.").as_deref(),
            Some("little")
        );
        assert_eq!(
            after("It was sold. Iittle was left of it.").as_deref(),
            Some("Little")
        );
    }

    #[test]
    fn a_misread_first_letter_of_a_name_inside_a_sentence_takes_the_capital() {
        // The lexicon lists `john` as well as `John`; the training text wrote it capitalised.
        // (Raw shares for confidence: the case is what is tested, not how sure the embedded
        // calibration is under this small model.)
        let mut m = Mender::default();
        m.set_options(Options {
            calibration: None,
            ..Options::default()
        });
        let misread = "j\ti\t0.1\t50\n";
        m.set_channel(
            ChannelModel::from_table(&format!("{misread}%john\t%\t0\t285\t285\n")).unwrap(),
        );
        assert!(m.channel().written_as_name("John"));
        let after = |m: &Mender, token: &str| {
            let text = format!("The letter was sent by {token} Smith to the court.");
            m.mend(&text)
                .edits
                .iter()
                .find(|e| e.before == token)
                .map(|e| e.after.clone())
        };
        assert_eq!(after(&m, "Iohn").as_deref(), Some("John"));
        assert_eq!(after(&m, "iohn").as_deref(), Some("John"));
        // Without that, the lexicon's small form stands inside a sentence.
        m.set_channel(ChannelModel::from_table(misread).unwrap());
        assert_eq!(after(&m, "iohn").as_deref(), Some("john"));
        assert_eq!(after(&m, "Iohn").as_deref(), Some("john"));
    }

    #[test]
    fn a_misread_first_letter_opening_a_sentence_takes_the_capital() {
        let m = Mender::default();
        let after = |text: &str| {
            m.mend(text)
                .edits
                .iter()
                .find(|e| e.before == "iittle")
                .map(|e| e.after.clone())
        };
        assert_eq!(
            after("It was sold. iittle was left of it.").as_deref(),
            Some("Little")
        );
        // Mid-sentence the small letter stays.
        assert_eq!(
            after("He said that a iittle house was sold.").as_deref(),
            Some("little")
        );
        // A word in capitals keeps them wherever it stands.
        let upper = m.mend("He said that a IITTLE house was sold.");
        let e = upper.edits.iter().find(|e| e.before == "IITTLE").unwrap();
        assert_eq!(e.after, "LITTLE");
    }

    #[test]
    fn a_stray_mark_before_a_word_is_deleted_and_the_word_still_weighed() {
        let m = Mender::default();
        let mended = m.mend("He said it was on 'the strength of the case that he came.");
        assert_eq!(
            mended.corrected(),
            "He said it was on the strength of the case that he came."
        );
        assert!(mended.edits.iter().all(|e| e.kind == EditKind::Normalize));
        // A quoted word keeps its quotes.
        let quoted = "He said it was on 'the strength' of the case.";
        assert_eq!(m.mend(quoted).corrected(), quoted);
    }

    #[test]
    fn misreadings_that_look_like_old_spellings_do_not_make_a_text_old() {
        // `tbe`, `thie`, `honse` and `seme` would be `tb`, `thy`, `hons` and `sem` with a
        // silent e, but each is far likelier another word misread.
        let m = applying_from(0.0);
        let mended = m.mend(
            "I know tbe place is all right and I am in a good honse. Give my love \
             to tbe boys and tell thie child I seme well.",
        );
        let corrected = mended.corrected();
        assert!(corrected.contains("know the place"), "{corrected}");
        assert!(corrected.contains("to the boys"), "{corrected}");
    }

    #[test]
    fn an_old_text_keeps_its_spellings_but_not_its_misreadings() {
        let m = applying_from(0.0);
        let mended = m.mend(
            "And hee tooke the booke vpon his knee, and they haue read it In the hall to tbe \
             people that were there, with all the musicke of the citie.",
        );
        // Nor its capitals inside a line (nouns, verse lines run together), which in a
        // modern text are mostly small letters misread.
        for old in ["hee", "tooke", "booke", "vpon", "haue", "In"] {
            assert!(mended.edits.iter().all(|e| e.before != old), "{old}");
        }
        assert!(mended.corrected().contains("to the people"));
        let modern = m.mend("And he took the book upon his knee, and they read it In the hall.");
        assert!(modern.corrected().contains("read it in the hall"));
    }

    #[test]
    fn chunks_cover_the_text_and_end_after_blank_lines() {
        let para = "word ".repeat(4000) + "\n\n";
        let text = para.repeat(40);
        let cs = chunks(&text);
        assert!(cs.len() > 1);
        assert_eq!(cs[0].0, 0);
        assert_eq!(cs.last().unwrap().1, text.len());
        for w in cs.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(text[..w[0].1].ends_with("\n\n"));
        }
        assert_eq!(chunks("short"), vec![(0, 5)]);
        let multibyte = "é".repeat(CHUNK_BYTES) + "\n\nrest";
        assert_eq!(chunks(&multibyte).len(), 2);
        // With no blank line, lines are cut, but not after a hyphen.
        let lines = "a line of words and an exam-\nple\n".repeat(3 * CHUNK_BYTES / 34);
        let cs = chunks(&lines);
        assert!(cs.len() >= 3);
        assert!(cs.iter().all(|&(_, end)| lines[..end].ends_with('\n')));
        assert!(cs
            .iter()
            .all(|&(_, end)| !lines[..end].ends_with("exam-\n")));
        assert_eq!(chunks(&"x".repeat(3 * CHUNK_BYTES)).len(), 1);
    }
}
