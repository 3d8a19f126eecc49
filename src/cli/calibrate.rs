//! `ocrmend calibrate`: fit the calibrated confidence on pages with ground truth, or adapt
//! one to them or to a reviewer's decisions, or show how well one holds (a reliability
//! table: edits by confidence, and how many were right).

use super::clobber::Paths;
use super::fix::{build_mender, read_calibration};
use super::io::write_output;
use super::train::paired_documents;
use super::{CalibrateArgs, Failure};
use ocrmend::calibrate::{adapting, features, Calibration, Features};
use ocrmend::pages::{decisions_table, reliability, Graded, Judged, Judging};
use ocrmend::render::review::parse;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `calibrate`.
pub fn run(args: CalibrateArgs) -> Result<ExitCode, Failure> {
    Paths::of(args.ocr.iter().chain(&args.gt).map(PathBuf::as_path))
        .reads("--evaluate", args.evaluate.as_deref())
        .writes("-o", args.output.as_deref())
        .writes("--decisions", args.decisions.as_deref())
        .check()?;
    let mender = build_mender(&args.lexicon, None)?;
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
    let pages = paired_documents(ocr, gt)?;
    let evaluated = match &args.evaluate {
        Some(path) => Some(read_calibration(path)?),
        None => None,
    };
    let mut judging = Judging::new(mender, &pages, args.cross_fit.map(usize::from));
    // The decisions judged on their evidence: what a calibration is fitted on (and what
    // `--decisions` writes).
    let judged: Vec<Judged> = match (&evaluated, &args.decisions) {
        (Some(_), None) => Vec::new(),
        _ => judging.decisions(evaluated.as_ref()),
    };
    if let Some(path) = &args.decisions {
        write_output(Some(path), decisions_table(&judged).as_bytes())?;
    }
    match (&evaluated, &args.output) {
        (Some(calibration), _) => {
            let report = reliability_report(&mut judging, calibration, args.list_wrong);
            write_output(None, report.as_bytes())?
        }
        (None, Some(out)) => fit(&mut judging, &judged, start.as_ref(), out, pages.len())?,
        (None, None) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `calibrate --evaluate`: the reliability table of `calibration` on the judged pages,
/// followed, with `list_wrong`, by its wrong edits, surest first.
fn reliability_report(
    judging: &mut Judging,
    calibration: &Calibration,
    list_wrong: bool,
) -> String {
    let graded = judging.graded(calibration);
    let mut out = reliability(&graded);
    if list_wrong {
        let mut wrong: Vec<&Graded> = graded.iter().filter(|g| !g.right).collect();
        wrong.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        for g in wrong {
            let _ = writeln!(out, "{:.3}\t{}", g.confidence, g.what);
        }
    }
    out
}

/// `calibrate -o OUT`: a calibration fitted on the `judged` decisions of `pages` documents
/// (adapted from `start`, if given) written to `out`, with its in-sample reliability on
/// stderr.
fn fit(
    judging: &mut Judging,
    judged: &[Judged],
    start: Option<&Calibration>,
    out: &Path,
    pages: usize,
) -> Result<(), Failure> {
    let fitted = judging.fit(judged, start);
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
        "ocrmend: {} on {} decisions of {pages} documents; calibration in {} \
         (in-sample reliability below; measure on other pages with --evaluate)\n{}",
        match start {
            Some(_) => "adapted",
            None => "fitted",
        },
        judged.len(),
        out.display(),
        reliability(&refit)
    );
    Ok(())
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
