//! `ocrmend check`: detection only, as diagnostics for linters, CI and other tools.

use super::fix::{build_mender, each_group, mend_whole, Done};
use super::io::{collect, Reading, Sink};
use super::stream::{each_piece, single_source};
use super::{CheckArgs, CheckFormat, Failure};
use ocrmend::render::review::{self, Origin, ReviewRecord};
use ocrmend::render::unresolved::{to_json, unresolved_records, UnresolvedRecord};
use ocrmend::{Edit, Span};
use std::fmt::Write;
use std::process::ExitCode;

/// Runs `check`: exit 0 when nothing is suspect, 1 when something is (an edit, or with
/// `--unresolved` an unresolved word), 2 when an input failed. One UTF-8 input is read as
/// a stream, several group by group, as `fix` reads them: memory stays flat.
pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let mut mender = build_mender(&args.lexicon, None)?;
    // Below the suggestion floor the decisions are only reported: the edits, and their
    // confidences, stay those `fix` makes; above it, the report is cut.
    if let Some(t) = args.threshold {
        let mut options = mender.options().clone();
        options.report_floor = Some(t);
        mender.set_options(options);
    }
    let mut report = Report {
        args: &args,
        out: Sink::create(None)?,
        found: 0,
        edits: 0,
    };
    let mut failures = Vec::new();
    // `check` writes no text, so a warning about the encoding says only how it was read.
    let reading = Reading {
        encoding: args.encoding,
        writes_text: false,
    };
    match single_source(&args.inputs, args.encoding) {
        Some(source) => {
            let name = source.name();
            let whole = each_piece(&mender, &source, false, |piece, mended, origin| {
                report.add(&name, piece, &mended.edits, &mended.unresolved, origin)
            })?;
            if let Some(bytes) = whole {
                let (done, failed) = mend_whole(&mut mender, source, &bytes, reading, false);
                failures.extend(failed);
                for d in &done {
                    report.add_done(d)?;
                }
            }
        }
        None => {
            let (sources, failed) = collect(&args.inputs, None);
            failures.extend(failed);
            let unread = each_group(&mut mender, sources, reading, false, |group, _| {
                group.iter().try_for_each(|d| report.add_done(d))
            })?;
            failures.extend(unread);
        }
    }
    let found = report.found;
    report.out.finish()?;
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    Ok(match (failures.is_empty(), found) {
        (false, _) => ExitCode::from(2),
        (true, 0) => ExitCode::SUCCESS,
        (true, _) => ExitCode::from(1),
    })
}

/// Where `check` writes its lines, and how many it has written.
struct Report<'a> {
    args: &'a CheckArgs,
    out: Sink,
    /// Lines written: edits and unresolved words.
    found: usize,
    /// Edits listed: their ids run on as a review file's do.
    edits: usize,
}

impl Report<'_> {
    /// Writes the lines of `text`, a piece of the input `file` that starts at `origin`: its
    /// `edits` down to the report's threshold and, if asked for, its `unresolved` words, in
    /// text order.
    fn add(
        &mut self,
        file: &str,
        text: &str,
        edits: &[Edit],
        unresolved: &[Span],
        origin: Origin,
    ) -> Result<(), Failure> {
        let floor = self.args.threshold.unwrap_or(0.0);
        let edits: Vec<Edit> = edits
            .iter()
            .filter(|e| e.confidence >= floor)
            .cloned()
            .collect();
        let records = review::records_at(file, text, &edits, self.edits + 1, origin);
        self.edits += records.len();
        let left = match self.args.unresolved {
            true => unresolved_records(file, text, unresolved, origin),
            false => Vec::new(),
        };
        self.found += records.len() + left.len();
        let mut out = String::new();
        let format = self.args.format;
        let mut left = left.into_iter().peekable();
        for r in &records {
            while let Some(u) = left.next_if(|u| u.start < r.start) {
                write_unresolved(&mut out, &u, format);
            }
            write_record(&mut out, r, format);
        }
        for u in left {
            write_unresolved(&mut out, &u, format);
        }
        self.out.write(out.as_bytes())
    }

    /// Writes the lines of a whole input mended.
    fn add_done(&mut self, d: &Done) -> Result<(), Failure> {
        let name = d.loaded.source.name();
        let text = &d.loaded.decoded.text;
        self.add(&name, text, &d.edits, &d.unresolved, Origin::default())
    }
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
