//! `ocrmend apply`: the input with exactly the edits accepted in a review file.

use super::io::{read_file, write_output, Source};
use super::{ApplyArgs, Failure};
use ocrmend::render::review;
use std::path::Path;
use std::process::ExitCode;

/// An input and the review file made for it.
pub struct Reviewed {
    /// The decoded input.
    pub decoded: ocrmend::Decoded,
    /// Every record of the review file.
    pub records: Vec<review::ReviewRecord>,
    /// Which of them belong to this input.
    pub mine: Vec<usize>,
}

/// Reads `input` and the review file, keeps the records that belong to the input, and
/// checks they still match it.
pub fn load_reviewed(
    input: &Path,
    review_path: &Path,
    encoding: Option<ocrmend::Encoding>,
) -> Result<Reviewed, Failure> {
    let source = if input.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File {
            path: input.to_path_buf(),
            rel: input.to_path_buf(),
        }
    };
    let name = source.name();
    let bytes = source.read()?;
    let decoded = ocrmend::decode(&bytes, encoding).map_err(|e| Failure(format!("{name}: {e}")))?;
    let jsonl = String::from_utf8(read_file(review_path)?)
        .map_err(|_| Failure(format!("{}: not UTF-8 text", review_path.display())))?;
    let records =
        review::parse(&jsonl).map_err(|e| Failure(format!("{}: {e}", review_path.display())))?;
    let files: std::collections::BTreeSet<&str> = records.iter().map(|r| r.file.as_str()).collect();
    let wanted = name.trim_start_matches("./").to_owned();
    let mine: Vec<usize> = (0..records.len())
        .filter(|&i| files.len() <= 1 || records[i].file.trim_start_matches("./") == wanted)
        .collect();
    if mine.is_empty() && !records.is_empty() {
        return Err(Failure(format!(
            "{} has edits for several files but none for {name}; name the input as it was named to `fix`",
            review_path.display()
        )));
    }
    let reviewed = Reviewed {
        decoded,
        records,
        mine,
    };
    review::apply_review(&reviewed.decoded.text, &reviewed.my_records())
        .map_err(|e| Failure(format!("{}: {e}", review_path.display())))?;
    Ok(reviewed)
}

impl Reviewed {
    /// The records of this input.
    pub fn my_records(&self) -> Vec<review::ReviewRecord> {
        self.mine.iter().map(|&i| self.records[i].clone()).collect()
    }
}

/// Runs `apply`.
pub fn run(args: ApplyArgs) -> Result<ExitCode, Failure> {
    let reviewed = load_reviewed(&args.input, &args.review, args.encoding)?;
    let text = review::apply_review(&reviewed.decoded.text, &reviewed.my_records())
        .map_err(|e| Failure(format!("{}: {e}", args.review.display())))?;
    write_output(args.output.as_deref(), &reviewed.decoded.encode(&text))?;
    Ok(ExitCode::SUCCESS)
}
