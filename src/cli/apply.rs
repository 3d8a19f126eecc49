//! `ocrmend apply`: the input with exactly the edits accepted in a review file.

use super::io::{read_file, write_output, Source};
use super::{ApplyArgs, Failure};
use ocrmend::render::review;
use std::process::ExitCode;

/// Runs `apply`.
pub fn run(args: ApplyArgs) -> Result<ExitCode, Failure> {
    let source = if args.input.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File {
            path: args.input.clone(),
            rel: args.input.clone(),
        }
    };
    let name = source.name();
    let bytes = source.read()?;
    let decoded =
        ocrmend::decode(&bytes, args.encoding).map_err(|e| Failure(format!("{name}: {e}")))?;
    let jsonl = String::from_utf8(read_file(&args.review)?)
        .map_err(|_| Failure(format!("{}: not UTF-8 text", args.review.display())))?;
    let mut records =
        review::parse(&jsonl).map_err(|e| Failure(format!("{}: {e}", args.review.display())))?;
    let files: std::collections::BTreeSet<&str> = records.iter().map(|r| r.file.as_str()).collect();
    if files.len() > 1 {
        let wanted = name.trim_start_matches("./").to_owned();
        records.retain(|r| r.file.trim_start_matches("./") == wanted);
        if records.is_empty() {
            return Err(Failure(format!(
                "{} has edits for several files but none for {name}; name the input as it was named to `fix`",
                args.review.display()
            )));
        }
    }
    let text = review::apply_review(&decoded.text, &records)
        .map_err(|e| Failure(format!("{}: {e}", args.review.display())))?;
    write_output(args.output.as_deref(), &decoded.encode(&text))?;
    Ok(ExitCode::SUCCESS)
}
