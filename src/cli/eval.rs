//! `ocrmend eval`: how much a correction helped, measured against ground truth.

use super::clobber::Paths;
use super::io::write_output;
use super::train::{documents, read_text};
use super::{EvalArgs, Failure};
use ocrmend::evaluate::{Normalization, Scores};
use ocrmend::render::report::{eval_report, ReportDoc};
use std::fmt::Write;
use std::process::ExitCode;

/// Runs `eval`: exit 0 with the figures, 2 when the files do not pair up.
pub fn run(args: EvalArgs) -> Result<ExitCode, Failure> {
    Paths::of(
        [args.gt.as_path(), &args.out]
            .into_iter()
            .chain(args.ocr.as_deref()),
    )
    .writes("--html", args.html.as_deref())
    .check()?;
    if args.ocr.is_none() && args.gt.is_file() {
        return Err(Failure(format!(
            "--gt {} is a file: name its OCR text with --ocr FILE (only a --gt folder holds \
             the <id>.ocr.txt files read by default)",
            args.gt.display()
        )));
    }
    let gt = documents(&args.gt, "gt")?;
    let ocr = documents(args.ocr.as_deref().unwrap_or(&args.gt), "ocr")?;
    let out = documents(&args.out, "out")?;
    // Three files name one document whatever their names; folders pair theirs by name.
    let named = [Some(&args.gt), args.ocr.as_ref(), Some(&args.out)];
    let single = named.into_iter().flatten().all(|p| p.is_file());
    let how = Normalization {
        fold: args.fold,
        dehyphen: !args.no_dehyphen,
        keep_lines: args.keep_lines,
    };
    let mut total = Scores::default();
    let mut report = String::new();
    let mut missing = Vec::new();
    let mut pages = Vec::new();
    for (id, gt_path) in &gt {
        let pair = if single {
            ocr.values().next().zip(out.values().next())
        } else {
            ocr.get(id).zip(out.get(id))
        };
        let Some((ocr_path, out_path)) = pair else {
            missing.push(id.clone());
            continue;
        };
        let (ocr, truth, out) = (
            read_text(ocr_path)?,
            read_text(gt_path)?,
            read_text(out_path)?,
        );
        let mut one = Scores::default();
        one.add_with(&ocr, &truth, &out, how);
        if args.html.is_some() {
            pages.push(ReportDoc {
                id: id.clone(),
                scores: one,
                ocr,
                truth,
                out,
            });
        }
        if args.per_doc {
            let _ = writeln!(
                report,
                "{id}\tCER {:.2}% -> {:.2}%\tfixed {} broken {}",
                100.0 * one.ocr_cer(),
                100.0 * one.out_cer(),
                one.fixed,
                one.broken
            );
        }
        total += one;
    }
    if total.docs == 0 {
        return Err(Failure(format!(
            "no ground truth in {} has both an OCR text and an output: name them <id>.gt.txt, \
             <id>.ocr.txt and <id>.txt",
            args.gt.display()
        )));
    }
    let _ = writeln!(report, "{total}");
    let _ = writeln!(report, "normalisation: {how}");
    if !missing.is_empty() {
        let _ = writeln!(
            report,
            "not scored ({} without OCR text or output): {}",
            missing.len(),
            missing.join(", ")
        );
    }
    if let Some(path) = &args.html {
        write_output(Some(path), eval_report(&total, &pages, how).as_bytes())?;
    }
    write_output(None, report.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
