//! `ocrmend apply`: the input with exactly the edits accepted in a review file.

use super::io::{decode_named, write_output, Source};
use super::{ApplyArgs, Failure};
use ocrmend::render::review;
use std::io::{BufRead, BufReader};
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
    let reviewed = read_reviewed(input, review_path, encoding, |r| r)?;
    review::apply_review(&reviewed.decoded.text, &reviewed.my_records())
        .map_err(|e| Failure(format!("{}: {e}", review_path.display())))?;
    Ok(reviewed)
}

/// Reads `input` and the review file line by line, keeping of each record what `keep`
/// makes of it, and finds the records that belong to the input (unchecked).
fn read_reviewed(
    input: &Path,
    review_path: &Path,
    encoding: Option<ocrmend::Encoding>,
    keep: impl Fn(review::ReviewRecord) -> review::ReviewRecord,
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
    let decoded = decode_named(&name, &source.read()?, encoding)?;
    let file = std::fs::File::open(review_path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", review_path.display())))?;
    let records = review::parse_lines(BufReader::new(file).lines(), keep)
        .map_err(|e| Failure(format!("{}: {e}", review_path.display())))?;
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
    Ok(Reviewed {
        decoded,
        records,
        mine,
    })
}

impl Reviewed {
    /// The records of this input.
    pub fn my_records(&self) -> Vec<review::ReviewRecord> {
        self.mine.iter().map(|&i| self.records[i].clone()).collect()
    }
}

/// Runs `apply`. The review file is read a line at a time and only what applying needs is
/// kept of each record ([`review::slim`]).
pub fn run(args: ApplyArgs) -> Result<ExitCode, Failure> {
    let Reviewed {
        decoded,
        records,
        mine,
    } = read_reviewed(&args.input, &args.review, args.encoding, review::slim)?;
    // The input's records taken out of the file's (`mine` is in file order), not copied.
    let mut wanted = mine.into_iter().peekable();
    let mine: Vec<review::ReviewRecord> = records
        .into_iter()
        .enumerate()
        .filter(|(i, _)| wanted.next_if_eq(i).is_some())
        .map(|(_, r)| r)
        .collect();
    let text = review::apply_review(&decoded.text, &mine)
        .map_err(|e| Failure(format!("{}: {e}", args.review.display())))?;
    write_output(args.output.as_deref(), &decoded.encode(&text))?;
    Ok(ExitCode::SUCCESS)
}
