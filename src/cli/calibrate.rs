//! `ocrmend calibrate`: fit the calibrated confidence on pages with ground truth, or adapt
//! one to them or to a reviewer's decisions, or show how well one holds (a reliability
//! table: edits by confidence, and how many were right).

use super::fix::{build_mender, read_calibration};
use super::io::write_output;
use super::train::paired_documents;
use super::{CalibrateArgs, Failure};
use ocrmend::calibrate::{adapting, features, growth, Calibration, Features, FEATURES};
use ocrmend::channel::ChannelModel;
use ocrmend::label::judge as label;
use ocrmend::render::review::parse;
use ocrmend::train::fold_models;
use ocrmend::{Corpus, Edit, Mender};
use rayon::prelude::*;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `calibrate`.
pub fn run(args: CalibrateArgs) -> Result<ExitCode, Failure> {
    let mut mender = build_mender(&args.lexicon, None)?;
    // The calibration an adapted one starts from: the one `fix` would use.
    let start = match args.adapt {
        true => Some(mender.options().calibration.clone().ok_or_else(|| {
            Failure(
                "--adapt needs a calibration to start from: give one with --calibration, \
                 not `none`"
                    .to_owned(),
            )
        })?),
        false => None,
    };
    if let (Some(start), Some(out)) = (&start, &args.output) {
        if !args.reviewed.is_empty() {
            return adapt_to_reviews(start, &args.reviewed, out);
        }
    }
    let (Some(ocr), Some(gt)) = (&args.ocr, &args.gt) else {
        return Err(Failure("give the pages: --ocr DIR --gt DIR".to_owned()));
    };
    let docs = paired_documents(ocr, gt)?;
    let evaluated = match &args.evaluate {
        Some(path) => Some(read_calibration(path)?),
        None => None,
    };
    // Every option the ranker prefers to keeping the token, judged on its raw evidence.
    let fix_options = mender.options().clone();
    let mut options = fix_options.clone();
    options.calibration = None;
    options.thresholds.suggest = 0.0;
    mender.set_options(options);
    let mut corpus = Corpus::new();
    for (_, ocr, _) in &docs {
        corpus.add_text(ocr);
    }
    mender.adopt(&corpus);
    // The readings a run learns from its own sure repairs, learned here from the pages
    // judged, as `fix` learns them from its inputs.
    let folds: Vec<ChannelModel> = match args.cross_fit {
        Some(k) => {
            let pairs: Vec<(&str, &str)> = docs
                .iter()
                .map(|(_, o, g)| (o.as_str(), g.as_str()))
                .collect();
            fold_models(&pairs, usize::from(k))
        }
        // One fold of every page, with the model given.
        None => vec![mender.channel().clone()],
    };
    // The decisions judged on their evidence: what a calibration is fitted on (and what
    // `--decisions` writes).
    let judged: Vec<Judged> = match (&evaluated, &args.decisions) {
        (Some(_), None) => Vec::new(),
        _ => by_fold(&mut mender, &docs, &corpus, &folds, |m, held| {
            judge(m, held, &corpus, evaluated.as_ref())
        }),
    };
    if let Some(path) = &args.decisions {
        write_output(Some(path), decisions_table(&judged).as_bytes())?;
    }
    match (&evaluated, &args.output) {
        (Some(calibration), _) => {
            // Held as `fix` holds it: every calibrated edit `fix` writes, with the confidence
            // it gives it (the page's base rate applied).
            let mut options = fix_options.clone();
            options.calibration = Some(calibration.clone());
            mender.set_options(options);
            let graded: Vec<Graded> = by_fold(&mut mender, &docs, &corpus, &folds, |m, held| {
                grade(m, held, &corpus)
            });
            let mut out = reliability(&graded);
            if args.list_wrong {
                let mut wrong: Vec<&Graded> = graded.iter().filter(|g| !g.right).collect();
                wrong.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
                for g in wrong {
                    let _ = writeln!(out, "{:.3}\t{}", g.confidence, g.what);
                }
            }
            write_output(None, out.as_bytes())?
        }
        (None, Some(out)) => {
            let samples: Vec<(Features, bool)> = judged
                .iter()
                .map(|j| (j.features, j.graded.right))
                .collect();
            let fitted = match &start {
                Some(start) => start.adapt(&samples, adapting(samples.len())),
                None => Calibration::fit(&samples, growth()),
            };
            // What its confidences average to over the same pages, decided as `fix` decides
            // them (with fewer neighbours' readings as context than the judging above): the
            // share `base_rate` measures a document against. Any prior makes `fix` note
            // the confidences; they are noted before it moves them.
            let mut options = fix_options.clone();
            let provisional = fitted.prior().unwrap_or(0.5);
            options.calibration = Some(fitted.clone().with_prior(provisional));
            mender.set_options(options);
            let mut weighed: Vec<f64> = by_fold(&mut mender, &docs, &corpus, &folds, |m, held| {
                held.par_iter()
                    .flat_map_iter(|(_, ocr, _)| m.mend_with(ocr, &corpus).weighed)
                    .collect()
            });
            // Summed in one order: the threads that noted them leave no trace in the table.
            weighed.sort_by(f64::total_cmp);
            let fitted = match weighed.is_empty() {
                true => fitted,
                false => fitted.with_prior(weighed.iter().sum::<f64>() / weighed.len() as f64),
            };
            write_output(Some(out), fitted.to_tsv().as_bytes())?;
            let refit: Vec<Graded> = judged
                .iter()
                .map(|j| Graded {
                    confidence: fitted.confidence_of(&j.features),
                    right: j.graded.right,
                    what: String::new(),
                    at: j.graded.at,
                })
                .collect();
            eprint!(
                "ocrmend: {} on {} decisions of {} documents; calibration in {} \
                 (in-sample reliability below; measure on other pages with --evaluate)\n{}",
                match start {
                    Some(_) => "adapted",
                    None => "fitted",
                },
                judged.len(),
                docs.len(),
                out.display(),
                reliability(&refit)
            );
        }
        (None, None) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `calibrate --adapt --reviewed`: `start` adapted to the edits a reviewer decided in the
/// `reviews` files, written to `out`.
fn adapt_to_reviews(
    start: &Calibration,
    reviews: &[PathBuf],
    out: &Path,
) -> Result<ExitCode, Failure> {
    let mut samples: Vec<(Features, bool)> = Vec::new();
    for path in reviews {
        let text =
            fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        let records = parse(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        samples.extend(
            records
                .iter()
                .filter_map(|r| Some((features(r.evidence.as_ref()?, r.kind), r.judged_right()?))),
        );
    }
    if samples.is_empty() {
        return Err(Failure(
            "no edit in these review files was decided by a reviewer (with the evidence the \
             calibration reads): go through some with `ocrmend review` first"
                .to_owned(),
        ));
    }
    let adapted = start.adapt(&samples, adapting(samples.len()));
    write_output(Some(out), adapted.to_tsv().as_bytes())?;
    let right = samples.iter().filter(|s| s.1).count();
    eprintln!(
        "ocrmend: adapted on {} reviewed edits ({right} right as proposed); calibration in {}",
        samples.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// An edit judged against the ground truth.
struct Graded {
    /// Its confidence.
    confidence: f64,
    /// Whether the ground truth says it is right.
    right: bool,
    /// What it was: `id: before -> after`.
    what: String,
    /// Where its span starts in the OCR text (bytes): with `what`, where to find it.
    at: usize,
}

/// A decision judged against the ground truth, with what the calibration reads; its
/// confidence is the evaluated calibration's, else the raw share.
struct Judged {
    /// What the calibration reads.
    features: Features,
    /// The decision's confidence and judgement.
    graded: Graded,
}

/// What `each` makes of the pages of `docs` (id, OCR text, ground truth), fold by fold:
/// the `k`th of the `folds` channel models judges every `folds.len()`th page from the
/// `k`th (a model trained without them, or, one fold, the model given). Each pass starts
/// from its fold's model as trained, and the readings a run learns from its own sure
/// repairs are learned first from the pages at hand, as `fix` learns them from its inputs.
fn by_fold<'d, T: Send>(
    mender: &mut Mender,
    docs: &'d [(String, String, String)],
    corpus: &Corpus,
    folds: &[ChannelModel],
    each: impl Fn(&Mender, &[&'d (String, String, String)]) -> Vec<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (fold, model) in folds.iter().enumerate() {
        mender.set_channel(model.clone());
        let held: Vec<&(String, String, String)> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds.len() == fold)
            .map(|(_, d)| d)
            .collect();
        mender.adopt_readings(&ocr_texts(&held), corpus);
        out.extend(each(mender, &held));
    }
    out
}

/// The OCR texts of `docs` (id, OCR text, ground truth).
fn ocr_texts<'d>(docs: &[&'d (String, String, String)]) -> Vec<&'d str> {
    docs.iter().map(|(_, ocr, _)| ocr.as_str()).collect()
}

/// The calibrated edits (those with evidence) of one document of `docs` (id, OCR text,
/// ground truth) that the ground truth can judge, each with its judgement and what it was
/// (`id: before -> after`).
fn labelled(
    (id, ocr, gt): &(String, String, String),
    mut edits: Vec<Edit>,
) -> impl Iterator<Item = (Edit, bool, String)> + '_ {
    edits.retain(|e| e.evidence.is_some());
    let labels = label(ocr, gt, &edits);
    edits.into_iter().zip(labels).filter_map(move |(e, right)| {
        let what = format!("{id}: {} -> {}", e.before, e.after);
        Some((e, right?, what))
    })
}

/// Every decision `mender` makes on `docs` (id, OCR text, ground truth), judged.
fn judge(
    mender: &Mender,
    docs: &[&(String, String, String)],
    corpus: &Corpus,
    evaluated: Option<&Calibration>,
) -> Vec<Judged> {
    docs.par_iter()
        .flat_map_iter(|doc| {
            labelled(doc, mender.mend_with(&doc.1, corpus).edits)
                .filter_map(|(e, right, what)| {
                    let ev = e.evidence?;
                    let confidence = match evaluated {
                        Some(c) => c.confidence(&ev, e.kind),
                        None => ev.share,
                    };
                    Some(Judged {
                        features: features(&ev, e.kind),
                        graded: Graded {
                            confidence,
                            right,
                            what,
                            at: e.span.start,
                        },
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every calibrated edit `mender` writes on `docs` (id, OCR text, ground truth), applied
/// or suggested, with the confidence it gives it, judged.
fn grade(mender: &Mender, docs: &[&(String, String, String)], corpus: &Corpus) -> Vec<Graded> {
    docs.par_iter()
        .flat_map_iter(|doc| {
            labelled(doc, mender.mend_with(&doc.1, corpus).edits)
                .map(|(e, right, what)| Graded {
                    confidence: e.confidence,
                    right,
                    what,
                    at: e.span.start,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A reliability table: edits by confidence band, how many were right.
fn reliability(graded: &[Graded]) -> String {
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
fn decisions_table(judged: &[Judged]) -> String {
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
