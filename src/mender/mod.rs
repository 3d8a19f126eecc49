//! The pipeline: tokenize, rejoin, detect, generate, rank, decide, in that order, over one
//! text. [`Mender`] is the library's entry point; [`Mended`] is its result, the original
//! text with the edits over it. Before it mends, a run learns what its own input proves
//! (`learning.rs`).

mod cache;
mod chunk;
mod chunks;
mod decision;
mod joins;
mod learning;
mod passage;
mod settle;
mod token;

pub(crate) use cache::{ProposalCache, Search};
use chunk::MendedChunk;
pub(crate) use chunks::chunks;
pub use chunks::CHUNK_BYTES;
use passage::{Doubted, Passage, ReadingSet};

use crate::calibrate::Calibration;
use crate::channel::{ChannelModel, ReadingRecord};
use crate::compounds::Compounds;
use crate::corpus::Corpus;
use crate::decide::Thresholds;
use crate::edit::{apply, Edit, Span, Status};
use crate::generate::SearchLimits;
use crate::lexicon::{Lexicon, WordId};
use crate::once::get_or_make;
use crate::rank::Weights;
use crate::tokenize::{tokenize, Token};
use crate::variants::{is_historical, HISTORICAL_MIN_TOKENS};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

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
    /// Whether a run first learns the words its scan misreads again and again
    /// ([`Mender::adopt_readings`]): a first pass over the head of the run, for a little
    /// more accuracy on sources the channel model was not trained on.
    pub learn_readings: bool,
    /// Reports the calibrated decisions down to this confidence, in place of the suggestion
    /// floor, and nothing else changes: every edit kept, and its confidence, is what a run
    /// without it makes (`check --threshold`). Below the floor, the decisions it reports
    /// are suggestions; above it, the decisions it cuts leave their words unresolved
    /// ([`Mended::unresolved`]). `None`: the suggestion floor.
    pub report_floor: Option<f64>,
}

impl Default for Options {
    /// The measured defaults, with the embedded calibration.
    fn default() -> Self {
        Options {
            thresholds: Thresholds::default(),
            weights: Weights::default(),
            limits: SearchLimits::default(),
            calibration: Calibration::embedded(),
            learn_readings: true,
            report_floor: None,
        }
    }
}

/// Repairs OCR text with a lexicon and a channel model.
#[derive(Debug, Clone)]
pub struct Mender {
    lexicon: Lexicon,
    channel: ChannelModel,
    options: Options,
    /// The pairs of words the input uses ([`corpus_pairs`]), once adopted: context beside
    /// the training pages' pairs, kept when those are weighed anew.
    read_pairs: Vec<(WordId, WordId, f64)>,
    /// The candidates [`Mender::adopt_readings`] generated in its first pass, less those the
    /// readings it learned make stale: the run's mending starts with them. Dropped whenever
    /// the lexicon, the channel model or the options change.
    warm: Option<Arc<ProposalCache>>,
    /// True during [`Mender::adopt_readings`]'s first pass, which looks for sure repairs of
    /// unknown tokens only: known words are not weighed as possible misreadings.
    first_pass: bool,
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
    /// With a calibration that knows its prior, the calibrated confidence of every decision
    /// on a word (or words read as one), those below the suggestion floor too, before
    /// [`crate::base_rate`] moved them: chunk by chunk, in no order within a chunk.
    pub weighed: Vec<f64>,
    /// The tokens detection found suspect that no edit touches, in text order: words
    /// with no reading likely enough to suggest (`sceninmons`), and unknown words kept as
    /// they stand (a name the lexicon lacks).
    pub unresolved: Vec<Span>,
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
            read_pairs: Vec::new(),
            warm: None,
            first_pass: false,
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
        self.lexicon.blend_openers(self.channel.openers());
        let compounds = self
            .channel
            .compounded()
            .map(|counts| Compounds::learn(self.channel.printed(), counts))
            .unwrap_or_default();
        self.lexicon.set_compounds(compounds);
        self.add_read_pairs();
    }

    /// Adds the input's pairs to the lexicon's context, but those of a word training found
    /// misread more often than read right (`tho`, `lie`): in the input it is mostly another
    /// word, and its pairs would vouch for the misreading.
    fn add_read_pairs(&mut self) {
        let trusted = |id: WordId| {
            self.channel
                .reading_record(self.lexicon.key(id))
                .map_or(true, ReadingRecord::mostly_read_right)
        };
        let pairs: Vec<(WordId, WordId, f64)> = self
            .read_pairs
            .iter()
            .filter(|&&(a, b, _)| trusted(a) && trusted(b))
            .copied()
            .collect();
        self.lexicon.add_read_pairs(&pairs);
    }

    /// The channel model in use.
    pub fn channel(&self) -> &ChannelModel {
        &self.channel
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Replaces the channel model (its training pages' word shares are weighed anew).
    pub fn set_channel(&mut self, channel: ChannelModel) {
        self.channel = channel;
        self.warm = None;
        self.weigh_printed();
    }

    /// Replaces the options (the training pages' word shares are weighed anew).
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
        self.warm = None;
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
        let cache = self.cache();
        self.mend_one(text, corpus, None, None, &cache, &|_| {})
    }

    /// The candidates cache a run starts with: [`Mender::adopt_readings`]'s, else an empty
    /// one.
    pub(crate) fn cache(&self) -> Arc<ProposalCache> {
        self.warm.clone().unwrap_or_default()
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
        self.mend_all_in(texts, corpus, None, progress, &self.cache())
    }

    /// [`Mender::mend_all_reporting`] with the candidates of `cache`; `own`, when given, is
    /// the words of the one text (as [`Mender::mend_one`] takes them), else each text's are
    /// counted.
    fn mend_all_in<'t>(
        &self,
        texts: &[&'t str],
        corpus: &Corpus,
        own: Option<&Corpus>,
        progress: &(dyn Fn(usize) + Sync),
        cache: &ProposalCache,
    ) -> Vec<Mended<'t>> {
        self.prepare_for(
            texts
                .iter()
                .map(|t| words_up_to(t, PREPARE_MIN_WORDS))
                .sum(),
        );
        // A short text may ask whether the whole run is older English: judged here once,
        // as threads starting on short texts at once would each judge it.
        let short = HISTORICAL_MIN_TOKENS as usize;
        if texts.len() > 1 && texts.iter().any(|t| words_up_to(t, short) < short) {
            self.run_is_historical(corpus, cache);
        }
        texts
            .par_iter()
            .map(|text| self.mend_one(text, corpus, own, None, cache, progress))
            .collect()
    }

    /// Mends one text in chunks. `own` holds the words of the document the text is (or is
    /// a piece of), `None`: the text's own; `historical` says whether it is older English
    /// (`None`: judge the document, and a short one by the whole corpus too), for the chunks
    /// too short to tell by themselves: a chunk is judged on its own words.
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
        self.prepare_for(words_up_to(text, PREPARE_MIN_WORDS));
        // The text's own words: whether it is older English is judged on them (a short
        // text's also on the whole run), and the words it spells right
        // elsewhere back a reading. Of a long text, those of its first part, as a stream
        // of it would take them.
        let counted;
        // Whether `own` is the words of this very text, counted here.
        let own_is_text = own.is_none() && text.len() <= crate::stream::EVIDENCE_BYTES;
        let own = match own {
            Some(own) => own,
            None if text.len() > crate::stream::EVIDENCE_BYTES => {
                counted = Corpus::of(crate::stream::evidence(text));
                &counted
            }
            None => {
                let mut c = Corpus::new();
                for (_, chunk, tokens) in &chunks {
                    c.add_tokens(chunk, tokens);
                }
                counted = c;
                &counted
            }
        };
        // Whether the document is older English, for a chunk too short to tell by itself.
        let judged = OnceLock::new();
        let document_historical = || {
            *get_or_make(&judged, || {
                historical.unwrap_or_else(|| {
                    let lead =
                        |w: &str, modern: &str| self.misreading_lead(w, modern, corpus, cache);
                    // A short text in older English among modern ones (a page of a
                    // 17th-century book in a folder of newspapers) shows it too, when it
                    // shows it at all.
                    is_historical(own, &self.lexicon, lead)
                        || own.tokens() < HISTORICAL_MIN_TOKENS
                            && self.run_is_historical(corpus, cache)
                })
            })
        };
        let mended: Vec<MendedChunk> = chunks
            .par_iter()
            .map(|(start, chunk, tokens)| {
                // A text of one chunk has its words counted already.
                let counted_chunk;
                let words = if own_is_text && chunks.len() == 1 {
                    own
                } else {
                    let mut c = Corpus::new();
                    c.add_tokens(chunk, tokens);
                    counted_chunk = c;
                    &counted_chunk
                };
                let historical = self
                    .chunk_is_historical(words, corpus, cache)
                    .unwrap_or_else(document_historical);
                let mut m = self.mend_tokens(chunk, tokens, corpus, own, historical, cache);
                let moved = |s: Span| Span::new(s.start + start, s.end + start);
                for e in &mut m.edits {
                    e.span = moved(e.span);
                }
                for s in &mut m.unresolved {
                    *s = moved(*s);
                }
                progress(chunk.len());
                m
            })
            .collect();
        let mut whole = Mended {
            text,
            edits: Vec::new(),
            weighed: Vec::new(),
            unresolved: Vec::new(),
        };
        for m in mended {
            whole.edits.extend(m.edits);
            whole.weighed.extend(m.weighed);
            whole.unresolved.extend(m.unresolved);
        }
        whole
    }

    /// The calibration's prior when it knows one: then each chunk's confidences move by its
    /// base rate ([`crate::base_rate`]).
    fn base_rate_prior(&self) -> Option<f64> {
        self.options
            .calibration
            .as_ref()
            .and_then(Calibration::prior)
    }

    /// The thresholds a chunk's decisions are made and weighed again by before the base
    /// rate: with a prior, no suggestion floor yet (it is applied once the base rate has
    /// moved the confidences, so a damaged chunk raises its doubtful readings too); nor when
    /// decisions below it are reported ([`Options::report_floor`]: they are dropped last).
    fn deciding_thresholds(&self) -> Thresholds {
        match self.base_rate_prior().is_some() || self.options.report_floor.is_some() {
            true => Thresholds {
                suggest: 0.0,
                ..self.options.thresholds
            },
            false => self.options.thresholds,
        }
    }

    /// The thresholds a chunk's edits are kept by at last: the suggestion floor, or
    /// [`Options::report_floor`] in its place.
    fn reporting_thresholds(&self) -> Thresholds {
        let t = self.options.thresholds;
        Thresholds {
            suggest: self.options.report_floor.unwrap_or(t.suggest),
            ..t
        }
    }

    /// Builds the lexicon's candidate indexes ([`Lexicon::prepare`]) before `words` are
    /// weighed on several threads at once, when they are enough to look words up surely (a
    /// few may need neither index: a line of known words).
    fn prepare_for(&self, words: usize) {
        if words >= PREPARE_MIN_WORDS {
            self.lexicon.prepare();
        }
    }
}

/// The fewest words for which the lexicon's candidate indexes are built before they are
/// weighed ([`Mender::prepare_for`]).
const PREPARE_MIN_WORDS: usize = 200;

/// How many words `text` has, counting no further than `most`.
fn words_up_to(text: &str, most: usize) -> usize {
    text.split_whitespace().take(most).count()
}

#[cfg(test)]
mod tests;
