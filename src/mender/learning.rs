//! What a run learns of its own input before mending it: the words the input proves by
//! repetition (the lexicon's corpus layer) and the word pairs it uses, whether it is older
//! English, and the whole words its scan misreads again and again (a first pass over the
//! run's head, whose sure repairs' readings join the channel model's).

use super::{Mender, ProposalCache, Search};
use crate::corpus::Corpus;
use crate::generate::generate;
use crate::learn::{corpus_pairs, corpus_words, Learned, MIN_VOUCHING_USES};
use crate::lexicon::Layer;
use crate::rank::{rank, Neighbours, CORPUS_PSEUDO_TOKENS};
use crate::readings::sure_readings;
use crate::variants::{is_historical, HISTORICAL_MIN_TOKENS};
use std::sync::Arc;

impl Mender {
    /// Whether the run's words `corpus` are older English
    /// ([`crate::variants::is_historical`]): judged at the first call, then remembered in it.
    pub(crate) fn run_is_historical(&self, corpus: &Corpus, cache: &ProposalCache) -> bool {
        corpus.is_historical(|c| {
            is_historical(c, &self.lexicon, |w, modern| {
                self.misreading_lead(w, modern, corpus, cache)
            })
        })
    }

    /// Whether one chunk of a text is older English, judged on its own `words`; `None` when
    /// it has too few to tell ([`HISTORICAL_MIN_TOKENS`]). A long file may join modern and
    /// older texts (an anthology, a collection written out as one file): judged as one, or on
    /// its first part, it would be taken for one or the other throughout. `corpus` is the
    /// run's evidence.
    pub(crate) fn chunk_is_historical(
        &self,
        words: &Corpus,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<bool> {
        (words.tokens() >= HISTORICAL_MIN_TOKENS).then(|| {
            is_historical(words, &self.lexicon, |w, modern| {
                self.misreading_lead(w, modern, corpus, cache)
            })
        })
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
        let proposals = cache.get_or_make(Search::Suspect, token, || {
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
        self.prepare_for(usize::try_from(corpus.tokens()).unwrap_or(usize::MAX));
        let cache = ProposalCache::default();
        let modern = || !self.run_is_historical(corpus, &cache);
        corpus_words(corpus, &self.lexicon, &self.channel, &self.options, &modern)
    }

    /// Adds the words `corpus` proves by repetition to the lexicon's corpus layer; returns
    /// how many. Call once with the corpus of every input before mending them.
    pub fn adopt(&mut self, corpus: &Corpus) -> usize {
        let learned = self.learn(corpus);
        self.take_evidence(&learned, corpus);
        learned.len()
    }

    /// Learns the whole words the scan misreads again and again from `texts` (the head of
    /// the run, whose words [`Mender::adopt`] took as `corpus`): a first pass over them,
    /// weighed on raw shares as `ocrmend calibrate` weighs decisions, and its sure repairs'
    /// readings ([`crate::readings`]) join the channel model's for the run. Call after
    /// `adopt`; returns how many readings were learned (none when the options say not to
    /// learn them, [`super::Options::learn_readings`]).
    pub fn adopt_readings(&mut self, texts: &[&str], corpus: &Corpus) -> usize {
        self.adopt_readings_in(texts, corpus, None)
    }

    /// [`Mender::adopt_readings`] from one text whose own words `corpus` holds (a stream's
    /// head): they are not counted again.
    pub(crate) fn adopt_own_readings(&mut self, text: &str, corpus: &Corpus) -> usize {
        self.adopt_readings_in(&[text], corpus, Some(corpus))
    }

    /// [`Mender::adopt_readings`], with the texts' own words when `own` has them.
    fn adopt_readings_in(
        &mut self,
        texts: &[&str],
        corpus: &Corpus,
        own: Option<&Corpus>,
    ) -> usize {
        if !self.options.learn_readings {
            return 0;
        }
        // Set aside, not copied: the calibration's forest is large.
        let calibration = self.options.calibration.take();
        let suggest = std::mem::replace(&mut self.options.thresholds.suggest, 0.0);
        self.first_pass = true;
        // The candidates depend on neither: the run's mending reuses them.
        let cache = Arc::new(ProposalCache::default());
        let mended = self.mend_all_in(texts, corpus, own, &|_| {}, &cache);
        self.options.calibration = calibration;
        self.options.thresholds.suggest = suggest;
        self.first_pass = false;
        let readings = sure_readings(mended.iter().flat_map(|m| &m.edits));
        if !readings.is_empty() {
            self.channel
                .add_input_readings(&readings, |w| corpus.count_any_case(w));
            let reads: Vec<String> = readings.iter().map(|r| r.read.clone()).collect();
            cache.forget(&reads);
        }
        self.warm = Some(cache);
        readings.len()
    }

    /// Takes what `corpus` proves into the lexicon: the `learned` words join the corpus
    /// layer with a count that gives them their share of the input as prior (as
    /// `rank::keep_score` does for a repeated form), the listed words no frequency list
    /// counts that the input uses become candidates (`Lexicon::vouch`), and the input's own
    /// word pairs join the context ([`corpus_pairs`]).
    pub(crate) fn take_evidence(&mut self, learned: &[Learned], corpus: &Corpus) {
        self.warm = None;
        let scale = self.lexicon.total() as f64 / (corpus.tokens() as f64 + CORPUS_PSEUDO_TOKENS);
        for l in learned {
            self.lexicon
                .add(&l.word, (f64::from(l.count) * scale) as u64, Layer::Corpus);
        }
        self.lexicon.vouch(
            corpus
                .words()
                .filter(|&(_, n)| n >= MIN_VOUCHING_USES)
                .map(|(w, _)| w),
        );
        self.read_pairs = corpus_pairs(corpus, &self.lexicon);
        self.add_read_pairs();
    }
}
