//! `ocrmend check`: detection only, as diagnostics for linters, CI and other tools.

use super::fix::{build_mender, mend_inputs};
use super::io::write_output;
use super::{CheckArgs, CheckFormat, Failure};
use ocrmend::render::review::{self, ReviewRecord};
use ocrmend::render::unresolved::{to_json, unresolved_records, UnresolvedRecord};
use ocrmend::Edit;
use std::fmt::Write;
use std::process::ExitCode;

/// Runs `check`: exit 0 when nothing is suspect, 1 when something is (an edit, or with
/// `--unresolved` an unresolved word), 2 when an input failed.
pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let mut mender = build_mender(&args.lexicon, None)?;
    // Below the suggestion floor the decisions are only reported: the edits, and their
    // confidences, stay those `fix` makes; above it, the report is cut.
    if let Some(t) = args.threshold {
        let mut options = mender.options().clone();
        options.report_floor = Some(t);
        mender.set_options(options);
    }
    let floor = args.threshold.unwrap_or(0.0);
    let (done, failures) = mend_inputs(&mut mender, &args.inputs, args.encoding, false);
    let mut out = String::new();
    let mut found = 0;
    for d in &done {
        let name = d.loaded.source.name();
        let text = &d.loaded.decoded.text;
        let edits: Vec<Edit> = d
            .edits
            .iter()
            .filter(|e| e.confidence >= floor)
            .cloned()
            .collect();
        let records = review::records(&name, text, &edits, found + 1);
        found += records.len();
        let left = match args.unresolved {
            true => unresolved_records(&name, text, &d.unresolved),
            false => Vec::new(),
        };
        found += left.len();
        let mut left = left.into_iter().peekable();
        for r in &records {
            while let Some(u) = left.next_if(|u| u.start < r.start) {
                write_unresolved(&mut out, &u, args.format);
            }
            write_record(&mut out, r, args.format);
        }
        for u in left {
            write_unresolved(&mut out, &u, args.format);
        }
    }
    write_output(None, out.as_bytes())?;
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    Ok(match (failures.is_empty(), found) {
        (false, _) => ExitCode::from(2),
        (true, 0) => ExitCode::SUCCESS,
        (true, _) => ExitCode::from(1),
    })
}

/// Writes the line of an edit's record `r` in `format`.
fn write_record(out: &mut String, r: &ReviewRecord, format: CheckFormat) {
    match format {
        CheckFormat::Json => out.push_str(&review::to_jsonl(std::slice::from_ref(r))),
        CheckFormat::Text => {
            let _ = writeln!(
                out,
                "{}:{}:{}: {} -> {} ({})",
                r.file,
                r.line,
                r.col,
                review::shown(&r.before),
                review::shown(&r.after),
                review::shown_confidence(r.confidence)
            );
        }
    }
}

/// Writes the line of an unresolved suspect `u` in `format`.
fn write_unresolved(out: &mut String, u: &UnresolvedRecord, format: CheckFormat) {
    match format {
        CheckFormat::Json => {
            out.push_str(&to_json(u));
            out.push('\n');
        }
        CheckFormat::Text => {
            let (file, line, col) = (&u.file, u.line, u.col);
            let _ = writeln!(
                out,
                "{file}:{line}:{col}: {} (unresolved)",
                review::shown(&u.before)
            );
        }
    }
}
