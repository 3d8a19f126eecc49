//! Records a reviewer put in another order, applied in text order without holding them: a
//! pass over the review file notes where each wanted record stands, in its input and in the
//! file; the places are sorted by the input's order, and each record is read again from its
//! place in the file as the input reaches it. So `apply` holds a few bytes a record, not the
//! records, whatever order they are in.

use super::apply::{input_name, open_review};
use super::Failure;
use ocrmend::render::review::{self, ReviewError, ReviewRecord};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Where a record stands: its span in the input, and its line in the review file.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The edit's start byte in the input.
    start: usize,
    /// The edit's end byte in the input.
    end: usize,
    /// The line's first byte in the review file.
    at: u64,
    /// The line's length in bytes, without its line break.
    len: u32,
    /// The line's number in the review file, from 1 (for messages).
    line: u32,
}

/// The fields of a record that say where it stands.
#[derive(serde::Deserialize)]
struct Whereabouts {
    file: String,
    start: usize,
    end: usize,
}

/// Notes the place of every record of the review file at `review_path` that `bin` gives a
/// bin (by the input the record names), in `held[bin]`, each bin then sorted in text order.
/// Records of the same span keep the file's order.
pub fn place(
    review_path: &Path,
    bin: impl Fn(&str) -> Option<usize>,
    held: &mut [Vec<Place>],
) -> Result<(), Failure> {
    let fail = |e: ReviewError| Failure(format!("{}: {e}", review_path.display()));
    let mut reader = BufReader::new(open_review(review_path)?);
    let mut buffer = Vec::new();
    let (mut at, mut number) = (0u64, 0usize);
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer);
        let read = read.map_err(|e| fail(ReviewError::parse(number + 1, e)))?;
        if read == 0 {
            break;
        }
        number += 1;
        let line_at = at;
        at += read as u64;
        let text = trim_break(&buffer);
        let Ok(line) = std::str::from_utf8(text) else {
            return Err(fail(ReviewError::parse(number, "not UTF-8")));
        };
        let Some(whereabouts) = review::read_line::<Whereabouts>(number, line) else {
            continue;
        };
        let whereabouts = whereabouts.map_err(fail)?;
        if let Some(i) = bin(input_name(&whereabouts.file)) {
            let too_long = |_| {
                Failure(format!(
                    "{}: line {number} is too long",
                    review_path.display()
                ))
            };
            held[i].push(Place {
                start: whereabouts.start,
                end: whereabouts.end,
                at: line_at,
                len: u32::try_from(text.len()).map_err(too_long)?,
                line: u32::try_from(number).unwrap_or(u32::MAX),
            });
        }
    }
    for places in held.iter_mut() {
        places.sort_by_key(|p| (p.start, p.end));
    }
    Ok(())
}

/// The records at `places`, read again from the review file at `review_path` in that order,
/// each with only what applying needs ([`review::slim`]).
pub fn read_placed(
    review_path: &Path,
    places: Vec<Place>,
) -> Result<impl Iterator<Item = Result<ReviewRecord, ReviewError>>, Failure> {
    let mut file = open_review(review_path)?;
    let mut buffer = Vec::new();
    Ok(places.into_iter().map(move |place| {
        let line = place.line as usize;
        buffer.resize(place.len as usize, 0);
        file.seek(SeekFrom::Start(place.at))
            .and_then(|_| file.read_exact(&mut buffer))
            .map_err(|e| ReviewError::parse(line, e))?;
        let text = std::str::from_utf8(&buffer).map_err(|e| ReviewError::parse(line, e))?;
        let record = review::read_line::<ReviewRecord>(line, text)
            .unwrap_or_else(|| Err(ReviewError::parse(line, "no record here any more")))?;
        Ok(review::slim(record))
    }))
}

/// `line` without its line break (`\n` or `\r\n`), as [`BufRead::lines`] gives it.
fn trim_break(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
