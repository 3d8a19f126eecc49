//! Pages with ground truth, and a mender's decisions on them judged (by [`crate::label`]):
//! what a calibration is fitted on and measured with (`ocrmend calibrate`). With
//! cross-fitting, each page is judged by a channel model trained without it.

use crate::calibrate::{adapting, features, growth, Calibration, Features, FEATURES};
use crate::channel::ChannelModel;
use crate::corpus::Corpus;
use crate::edit::Edit;
use crate::label::judge;
use crate::mender::{Mender, Options};
use crate::train::fold_models;
use rayon::prelude::*;
use std::fmt::Write;

/// One page of OCR output with its ground truth.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The document's id (its file name without `.ocr.txt`).
    pub id: String,
    /// The OCR text.
    pub ocr: String,
    /// The ground truth (the corrected text).
    pub truth: String,
}

/// An edit judged against the ground truth.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// Its confidence.
    pub confidence: f64,
    /// Whether the ground truth says it is right.
    pub right: bool,
    /// What it was: `id: before -> after`.
    pub what: String,
    /// Where its span starts in the OCR text (bytes): with `what`, where to find it.
    pub at: usize,
}

/// A decision judged against the ground truth, with what the calibration reads; its
/// confidence is the evaluated calibration's, else the raw share.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// What the calibration reads.
    pub features: Features,
    /// The decision's confidence and judgement.
    pub graded: Graded,
}

/// A mender set to judge `pages`: every option the ranker prefers to keeping a token is
/// decided on its raw evidence, with the pages' own words as corpus evidence, fold by fold.
pub struct Judging<'p> {
    mender: Mender,
    pages: &'p [Page],
    corpus: Corpus,
    folds: Vec<ChannelModel>,
    /// The options `fix` would use: what the edits are graded with.
    fix_options: Options,
}

impl<'p> Judging<'p> {
    /// Judges `pages` with `mender`; with `cross_fit` folds, each page by a channel model
    /// trained on the other folds' pages, else all by the mender's own model.
    pub fn new(mut mender: Mender, pages: &'p [Page], cross_fit: Option<usize>) -> Self {
        let fix_options = mender.options().clone();
        let mut options = fix_options.clone();
        options.calibration = None;
        options.thresholds.suggest = 0.0;
        mender.set_options(options);
        let mut corpus = Corpus::new();
        for page in pages {
            corpus.add_text(&page.ocr);
        }
        mender.adopt(&corpus);
        let folds = match cross_fit {
            Some(k) => {
                let pairs: Vec<(&str, &str)> = pages
                    .iter()
                    .map(|p| (p.ocr.as_str(), p.truth.as_str()))
                    .collect();
                fold_models(&pairs, k)
            }
            // One fold of every page, with the model given.
            None => vec![mender.channel().clone()],
        };
        Judging {
            mender,
            pages,
            corpus,
            folds,
            fix_options,
        }
    }

    /// Every decision on the pages, judged: what a calibration is fitted on. Its
    /// confidence is `evaluated`'s, else the raw share.
    pub fn decisions(&mut self, evaluated: Option<&Calibration>) -> Vec<Judged> {
        self.judged_edits(|e, graded| {
            let ev = e.evidence?;
            Some(Judged {
                features: features(&ev, e.kind),
                graded: Graded {
                    confidence: match evaluated {
                        Some(c) => c.confidence(&ev, e.kind),
                        None => ev.share,
                    },
                    ..graded
                },
            })
        })
    }

    /// Every calibrated edit `fix` writes on the pages with `calibration`, applied or
    /// suggested, with the confidence it gives it (the page's base rate applied), judged.
    pub fn graded(&mut self, calibration: &Calibration) -> Vec<Graded> {
        self.use_calibration(calibration.clone());
        self.judged_edits(|_, graded| Some(graded))
    }

    /// What `make` makes of each calibrated edit the mender writes on the pages, fold by
    /// fold, with its judgement (its confidence as the edit gives it).
    fn judged_edits<T: Send>(
        &mut self,
        make: impl Fn(&Edit, Graded) -> Option<T> + Sync,
    ) -> Vec<T> {
        self.by_fold(|m, held, corpus| {
            held.par_iter()
                .flat_map_iter(|page| {
                    labelled(page, m.mend_with(&page.ocr, corpus).edits)
                        .filter_map(|(e, right, what)| {
                            let graded = Graded {
                                confidence: e.confidence,
                                right,
                                what,
                                at: e.span.start,
                            };
                            make(&e, graded)
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        })
    }

    /// A calibration fitted on the `judged` decisions ([`Judging::decisions`]), or `start`
    /// adapted to them, with its prior: what its confidences average to over the same
    /// pages, decided as `fix` decides them (with fewer neighbours' readings as context than
    /// the judging). That is the share [`crate::base_rate`] measures a document against.
    pub fn fit(&mut self, judged: &[Judged], start: Option<&Calibration>) -> Calibration {
        let samples: Vec<(Features, bool)> = judged
            .iter()
            .map(|j| (j.features, j.graded.right))
            .collect();
        let fitted = match start {
            Some(start) => start.adapt(&samples, adapting(samples.len())),
            None => Calibration::fit(&samples, growth()),
        };
        // Any prior makes `fix` note the confidences; they are noted before it moves them.
        let provisional = fitted.prior().unwrap_or(0.5);
        self.use_calibration(fitted.clone().with_prior(provisional));
        let mut weighed: Vec<f64> = self.by_fold(|m, held, corpus| {
            held.par_iter()
                .flat_map_iter(|page| m.mend_with(&page.ocr, corpus).weighed)
                .collect()
        });
        // Summed in one order: the threads that noted them leave no trace in the table.
        weighed.sort_by(f64::total_cmp);
        match weighed.is_empty() {
            true => fitted,
            false => fitted.with_prior(weighed.iter().sum::<f64>() / weighed.len() as f64),
        }
    }

    /// What `each` makes of the pages, fold by fold, with the pages' corpus: the `k`th of
    /// the folds' channel models judges every `folds.len()`th page from the `k`th (a model
    /// trained without them, or, one fold, the model given). Each pass starts from its
    /// fold's model as trained, and the readings a run learns from its own sure repairs are
    /// learned first from the pages at hand, as `fix` learns them from its inputs.
    fn by_fold<T: Send>(
        &mut self,
        each: impl Fn(&Mender, &[&'p Page], &Corpus) -> Vec<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        let n = self.folds.len();
        for (fold, model) in self.folds.iter().enumerate() {
            self.mender.set_channel(model.clone());
            let held: Vec<&Page> = self
                .pages
                .iter()
                .enumerate()
                .filter(|(i, _)| i % n == fold)
                .map(|(_, p)| p)
                .collect();
            let texts: Vec<&str> = held.iter().map(|p| p.ocr.as_str()).collect();
            self.mender.adopt_readings(&texts, &self.corpus);
            out.extend(each(&self.mender, &held, &self.corpus));
        }
        out
    }

    /// Sets the mender to decide as `fix` does, with `calibration`.
    fn use_calibration(&mut self, calibration: Calibration) {
        let mut options = self.fix_options.clone();
        options.calibration = Some(calibration);
        self.mender.set_options(options);
    }
}

/// The calibrated edits (those with evidence) of `page` that the ground truth can judge,
/// each with its judgement and what it was (`id: before -> after`).
fn labelled(page: &Page, mut edits: Vec<Edit>) -> impl Iterator<Item = (Edit, bool, String)> + '_ {
    edits.retain(|e| e.evidence.is_some());
    let labels = judge(&page.ocr, &page.truth, &edits);
    edits.into_iter().zip(labels).filter_map(move |(e, right)| {
        let what = format!("{}: {} -> {}", page.id, e.before, e.after);
        Some((e, right?, what))
    })
}

/// A reliability table: edits by confidence band, how many were right.
pub fn reliability(graded: &[Graded]) -> String {
    let bands = [0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01];
    let mut out = String::from("confidence\tedits\tright\tprecision\n");
    for w in bands.windows(2) {
        let inside: Vec<bool> = graded
            .iter()
            .filter(|g| g.confidence >= w[0] && g.confidence < w[1])
            .map(|g| g.right)
            .collect();
        let right = inside.iter().filter(|&&y| y).count();
        let precision = if inside.is_empty() {
            "-".to_owned()
        } else {
            format!("{:.3}", right as f64 / inside.len() as f64)
        };
        let _ = writeln!(
            out,
            "{:.2}-{:.2}\t{}\t{}\t{}",
            w[0],
            w[1].min(1.0),
            inside.len(),
            right,
            precision
        );
    }
    out
}

/// The decisions as a table with a header line: the features by name, `right`,
/// `confidence`, `at` (where the edit starts in the page's OCR text, in bytes), `edit` (its
/// line breaks and tabs written `\n`, `\t`).
pub fn decisions_table(judged: &[Judged]) -> String {
    let mut out = FEATURES.join("\t");
    out.push_str("\tright\tconfidence\tat\tedit\n");
    for j in judged {
        for v in j.features {
            let _ = write!(out, "{v}\t");
        }
        let edit = j
            .graded
            .what
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\t', "\\t");
        let g = &j.graded;
        let _ = writeln!(out, "{}\t{}\t{}\t{edit}", g.right, g.confidence, g.at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, ocr: &str, truth: &str) -> Page {
        Page {
            id: id.to_owned(),
            ocr: ocr.to_owned(),
            truth: truth.to_owned(),
        }
    }

    #[test]
    fn decisions_are_judged_against_the_ground_truth() {
        let pages = [
            page(
                "a",
                "The rnountains were cxpected to be in the north.",
                "The mountains were expected to be in the north.",
            ),
            page(
                "b",
                "Tbe prisoner was taken to tbe station.",
                "The prisoner was taken to the station.",
            ),
        ];
        let mut judging = Judging::new(Mender::default(), &pages, None);
        let judged = judging.decisions(None);
        let right = |what: &str| {
            judged
                .iter()
                .find(|j| j.graded.what == what)
                .map(|j| j.graded.right)
        };
        assert_eq!(right("a: rnountains -> mountains"), Some(true));
        assert_eq!(right("b: Tbe -> The"), Some(true));
        // Raw shares, before any calibration.
        assert!(judged
            .iter()
            .all(|j| (0.0..=1.0).contains(&j.graded.confidence)));
        let table = decisions_table(&judged);
        assert_eq!(table.lines().count(), judged.len() + 1);
        assert!(table
            .lines()
            .next()
            .unwrap()
            .ends_with("right\tconfidence\tat\tedit"));
    }

    #[test]
    fn a_calibration_fitted_on_pages_knows_its_prior_and_grades_them() {
        let pages: Vec<Page> = [
            (
                "a",
                "Tbe rnountains were cxpected to bc in tbe nortb.",
                "The mountains were expected to be in the north.",
            ),
            (
                "b",
                "Tbe prisoner was takcn to tbe station by tbe constable.",
                "The prisoner was taken to the station by the constable.",
            ),
            (
                "c",
                "He said tbat tbe house was sold in Junc last year.",
                "He said that the house was sold in June last year.",
            ),
            (
                "d",
                "Tbe court heard tbat tbe man had gone homc.",
                "The court heard that the man had gone home.",
            ),
        ]
        .into_iter()
        .map(|(id, ocr, truth)| page(id, ocr, truth))
        .collect();
        // Cross-fitted: each page judged by a channel model trained on the other fold's.
        let mut judging = Judging::new(Mender::default(), &pages, Some(2));
        let judged = judging.decisions(None);
        assert!(judged.iter().any(|j| j.graded.right));
        let fitted = judging.fit(&judged, None);
        let prior = fitted
            .prior()
            .expect("a fitted calibration knows its prior");
        assert!(prior > 0.0 && prior < 1.0, "{prior}");
        let graded = judging.graded(&fitted);
        assert!(!graded.is_empty());
        assert!(graded.iter().all(|g| (0.0..=1.0).contains(&g.confidence)));
        assert!(graded
            .iter()
            .any(|g| g.what == "a: rnountains -> mountains" && g.right));
    }

    #[test]
    fn a_reliability_table_counts_the_right_edits_in_each_band() {
        let graded = |confidence: f64, right: bool| Graded {
            confidence,
            right,
            what: String::new(),
            at: 0,
        };
        let table = reliability(&[
            graded(0.95, true),
            graded(0.97, false),
            graded(1.0, true),
            graded(0.45, false),
        ]);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows[0], "confidence\tedits\tright\tprecision");
        assert!(rows.contains(&"0.95-1.00\t3\t2\t0.667"), "{table}");
        assert!(rows.contains(&"0.40-0.50\t1\t0\t0.000"), "{table}");
        assert!(rows.contains(&"0.80-0.90\t0\t0\t-"), "{table}");
    }
}
