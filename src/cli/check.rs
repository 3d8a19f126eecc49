//! `ocrmend check`: detection only, as diagnostics for linters, CI and other tools.

use super::fix::{build_mender, mend_inputs};
use super::io::write_output;
use super::{CheckArgs, CheckFormat, Failure};
use ocrmend::render::review;
use std::fmt::Write;
use std::process::ExitCode;

/// Runs `check`: exit 0 when nothing is suspect, 1 when something is, 2 when an input failed.
pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let mut mender = build_mender(&args.lexicon, None)?;
    if let Some(t) = args.threshold {
        let mut options = mender.options().clone();
        options.thresholds.suggest = t;
        mender.set_options(options);
    }
    let (done, failures) = mend_inputs(&mut mender, &args.inputs, args.encoding, false);
    let mut out = String::new();
    let mut found = 0;
    for d in &done {
        let name = d.loaded.source.name();
        let records = review::records(&name, &d.loaded.decoded.text, &d.edits, found + 1);
        found += records.len();
        match args.format {
            CheckFormat::Json => out.push_str(&review::to_jsonl(&records)),
            CheckFormat::Text => {
                for r in &records {
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
