//! `ocrmend eval`: how much a correction helped, measured against ground truth.

use super::clobber::Paths;
use super::io::write_output;
use super::train::{documents, read_text};
use super::{EvalArgs, EvalFormat, Failure};
use ocrmend::evaluate::{Normalization, Scores, WordEffect};
use ocrmend::render::eval_json::eval_json;
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
    let mut per_doc = Vec::new();
    let mut listed = Vec::new();
    for (key, gt_path) in &gt {
        // A document given as a file is named by its file (`p.gt.txt`: `p`).
        let id = if key.is_empty() {
            let name = gt_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let stem = name.strip_suffix(".gt.txt").or(name.strip_suffix(".txt"));
            stem.unwrap_or(&name).to_owned()
        } else {
            key.clone()
        };
        let id = &id;
        let (ocr_path, out_path) = if single {
            (ocr.values().next(), out.values().next())
        } else {
            (ocr.get(key), out.get(key))
        };
        // With --allow-missing a document the tool wrote nothing for counts as left alone.
        let out_path = match (out_path, ocr_path) {
            (None, Some(unchanged)) if args.allow_missing => {
                eprintln!("ocrmend: no output for {id}; scoring its OCR text unchanged");
                Some(unchanged)
            }
            (out_path, _) => out_path,
        };
        let Some((ocr_path, out_path)) = ocr_path.zip(out_path) else {
            missing.push(id.clone());
            continue;
        };
        let (ocr, truth, out) = (
            read_text(ocr_path)?,
            read_text(gt_path)?,
            read_text(out_path)?,
        );
        let mut one = Scores::default();
        // The words behind the counts, when they are listed or the report lists some.
        let words = if args.words.is_empty() && args.html.is_none() {
            one.add_with(&ocr, &truth, &out, how);
            Vec::new()
        } else {
            one.add_listing(&ocr, &truth, &out, how)
        };
        let wanted = |w: &&WordEffect| args.words.iter().any(|k| k.effect() == w.effect);
        for w in words.iter().filter(wanted) {
            if args.format == EvalFormat::Text {
                let _ = writeln!(
                    report,
                    "{id}\t{}\t{}\t{}\t{}",
                    w.effect.name(),
                    w.truth,
                    w.ocr,
                    w.out
                );
            }
            listed.push((id.clone(), w.clone()));
        }
        if args.html.is_some() {
            pages.push(ReportDoc {
                id: id.clone(),
                scores: one,
                ocr,
                truth,
                out,
                words,
            });
        }
        if args.per_doc && args.format == EvalFormat::Json {
            per_doc.push((id.clone(), one));
        } else if args.per_doc {
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
    if args.format == EvalFormat::Json {
        let docs = args.per_doc.then_some(per_doc.as_slice());
        let words = (!args.words.is_empty()).then_some(listed.as_slice());
        let _ = writeln!(report, "{}", eval_json(&total, how, docs, words));
    } else {
        let _ = writeln!(report, "{total}");
        let _ = writeln!(report, "normalisation: {how}");
    }
    if !missing.is_empty() {
        let note = format!(
            "not scored ({} without OCR text or output): {}",
            missing.len(),
            missing.join(", ")
        );
        // JSON on stdout stays one object; the note goes beside it.
        match args.format {
            EvalFormat::Json => eprintln!("ocrmend: {note}"),
            EvalFormat::Text => {
                let _ = writeln!(report, "{note}");
            }
        }
    }
    if let Some(path) = &args.html {
        write_output(Some(path), eval_report(&total, &pages, how).as_bytes())?;
    }
    write_output(None, report.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
