//! A review file applied to an input read piece by piece, so that `ocrmend apply` holds
//! only a piece of a long input and one record at a time. For records in text order it
//! gives the text and makes the checks of [`apply_review`](super::review::apply_review).

use super::review::{ReviewError, ReviewRecord};
use crate::document::columns;
use crate::edit::{Replacement, Span};

/// Output is handed on once this many bytes of it are made.
const FLUSH_BYTES: usize = 1 << 16;

/// Applies the accepted records of one input, taken in text order, to the input read piece
/// by piece: each record is checked against the input as [`apply_review`] checks it, and
/// the text is written as it is made. `read` appends the input's next piece to the string
/// it is given and returns false at the end; `write` takes the corrected text a part at a
/// time. On an error, what was written is the text up to there.
///
/// [`apply_review`]: super::review::apply_review
pub fn apply_stream<E: From<ReviewError>>(
    records: impl IntoIterator<Item = Result<ReviewRecord, E>>,
    mut read: impl FnMut(&mut String) -> Result<bool, E>,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut applier = Applier::new();
    let mut out = String::new();
    let mut ended = false;
    // Hands on the text made so far.
    let mut flush = |out: &mut String| {
        let written = write(out);
        out.clear();
        written
    };
    for record in records {
        let record = record?;
        while !ended && applier.read_to() < record.start.max(record.end) {
            // The input before this record is passed on, so that only a piece is held.
            applier.pass(record.start, &mut out);
            flush(&mut out)?;
            ended = !applier.read_more(&mut read)?;
        }
        applier.apply(&record, &mut out)?;
        if out.len() >= FLUSH_BYTES {
            flush(&mut out)?;
        }
    }
    loop {
        applier.pass(applier.read_to(), &mut out);
        flush(&mut out)?;
        if ended {
            return Ok(());
        }
        ended = !applier.read_more(&mut read)?;
    }
}

/// [`apply_stream`] over a text held whole, read `piece_bytes` at a time (each piece ended
/// on a character boundary): what a stream makes of a text that can be checked against
/// [`apply_review`](super::review::apply_review) over the same records.
pub fn apply_in_pieces(
    text: &str,
    records: impl IntoIterator<Item = ReviewRecord>,
    piece_bytes: usize,
) -> Result<String, ReviewError> {
    let mut rest = text;
    let read = |piece: &mut String| {
        let mut n = piece_bytes.max(1).min(rest.len());
        while !rest.is_char_boundary(n) {
            n += 1;
        }
        piece.push_str(&rest[..n]);
        rest = &rest[n..];
        Ok(n > 0)
    };
    let mut out = String::with_capacity(text.len());
    let write = |part: &str| {
        out.push_str(part);
        Ok(())
    };
    apply_stream(records.into_iter().map(Ok), read, write)?;
    Ok(out)
}

/// The input read and not yet passed on, where it stands, and the records applied so far.
struct Applier {
    /// Input read: `pending[head..]` is not yet passed and starts at input byte `base`.
    pending: String,
    head: usize,
    base: usize,
    /// Line and column (from 1, in characters) of input byte `base`.
    line: usize,
    col: usize,
    /// The corrected text is made up to input byte `written`.
    written: usize,
    /// The last record's start, end and id.
    last: Option<(usize, usize, usize)>,
    /// The last accepted record's span and id.
    accepted: Option<(Span, usize)>,
}

impl Applier {
    fn new() -> Self {
        Applier {
            pending: String::new(),
            head: 0,
            base: 0,
            line: 1,
            col: 1,
            written: 0,
            last: None,
            accepted: None,
        }
    }

    /// The input byte up to which the input has been read.
    fn read_to(&self) -> usize {
        self.base + self.pending.len() - self.head
    }

    /// Reads the input's next piece with `read` (false at the end), forgetting first the
    /// input passed on.
    fn read_more<E>(
        &mut self,
        read: &mut impl FnMut(&mut String) -> Result<bool, E>,
    ) -> Result<bool, E> {
        self.pending.drain(..self.head);
        self.head = 0;
        read(&mut self.pending)
    }

    /// Makes the text up to input byte `to` (as far as it is read, on a character
    /// boundary) and forgets the input before it.
    fn pass(&mut self, to: usize, out: &mut String) {
        let mut to = to.clamp(self.base, self.read_to());
        while !self.pending.is_char_boundary(self.head + to - self.base) {
            to -= 1;
        }
        let at = |i: usize| self.head + i - self.base;
        if to > self.written {
            out.push_str(&self.pending[at(self.written)..at(to)]);
            self.written = to;
        }
        let gone = &self.pending[self.head..at(to)];
        match gone.rfind('\n') {
            Some(i) => {
                self.line += gone.bytes().filter(|&b| b == b'\n').count();
                self.col = columns(&gone[i + 1..]) + 1;
            }
            None if self.col == 1 => self.col += columns(gone),
            None => self.col += gone.chars().count(),
        }
        self.head = at(to);
        self.base = to;
    }

    /// Checks `r` against the input and, if it is accepted, makes its edit.
    fn apply(&mut self, r: &ReviewRecord, out: &mut String) -> Result<(), ReviewError> {
        let stale = |why: String| ReviewError::Stale {
            id: r.id,
            line: r.line,
            col: r.col,
            why,
        };
        if let Some((start, end, id)) = self.last {
            if (r.start, r.end) < (start, end) {
                return Err(stale(format!(
                    "it comes before edit {id} in the input but after it in the review file; \
                     keep the records in the order `ocrmend fix` wrote them"
                )));
            }
        }
        self.last = Some((r.start, r.end, r.id));
        let inside = match (r.start.checked_sub(self.base), r.end.checked_sub(self.base)) {
            (Some(s), Some(e)) => self.pending.get(self.head + s..self.head + e).is_some(),
            _ => false,
        };
        if inside {
            // The record's span now starts the text not yet passed.
            self.pass(r.start, out);
        }
        let found = inside.then(|| &self.pending[self.head..self.head + r.end - r.start]);
        r.check(found, Some((self.line, self.col)))?;
        if !r.accept {
            return Ok(());
        }
        if let Some((span, id)) = self.accepted {
            if span.overlaps(&r.span()) {
                return Err(stale(format!(
                    "it overlaps accepted edit {id}; accept only one of them"
                )));
            }
        }
        out.push_str(&r.after);
        self.written = r.end;
        self.accepted = Some((r.span(), r.id));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::review::{apply_review, records};

    fn streamed(text: &str, recs: &[ReviewRecord], size: usize) -> Result<String, ReviewError> {
        apply_in_pieces(text, recs.iter().cloned(), size)
    }

    /// A text saved with a byte-order mark, with records of its edits.
    fn sample() -> (String, Vec<ReviewRecord>) {
        let page = "The tbe end.\r\nA secoud linc, wiht çafé\nand tlie last.\n\n".repeat(40);
        let text = format!("\u{feff}{page}");
        let mended = crate::Mender::default().mend(&text);
        let recs = records("a.txt", &text, &mended.edits, 1);
        // The mark takes no column.
        assert_eq!(
            (recs[0].line, recs[0].col, recs[0].before.as_str()),
            (1, 5, "tbe")
        );
        (text, recs)
    }

    #[test]
    fn streamed_in_any_pieces_the_text_is_the_text_applied_whole() {
        let (text, mut recs) = sample();
        assert!(recs.len() > 40, "{}", recs.len());
        // Some accepted, some not, as a reviewer leaves them.
        for (i, r) in recs.iter_mut().enumerate() {
            r.accept = i % 3 != 1;
        }
        let whole = apply_review(&text, &recs).unwrap();
        assert_ne!(whole, text);
        for size in [1, 2, 3, 7, 64, 1000, text.len() + 1] {
            assert_eq!(
                streamed(&text, &recs, size).unwrap(),
                whole,
                "pieces of {size}"
            );
        }
        // No records: the input as it is, byte for byte.
        assert_eq!(streamed(&text, &[], 5).unwrap(), text);
    }

    #[test]
    fn a_record_that_does_not_match_the_input_is_refused_as_whole() {
        let (text, recs) = sample();
        // Each change takes the record and the input's length.
        let cases: [fn(&mut ReviewRecord, usize); 5] = [
            |r, _| r.before.push('x'),
            |r, _| r.col += 1,
            |r, _| r.line += 1,
            |r, len| {
                r.start += len;
                r.end += len
            },
            |r, _| r.end = r.start.saturating_sub(1),
        ];
        for (c, change) in cases.iter().enumerate() {
            let mut bad = recs.clone();
            let at = bad.len() / 2;
            change(&mut bad[at], text.len());
            let whole = apply_review(&text, &bad).unwrap_err();
            for size in [3, 100, text.len()] {
                assert_eq!(streamed(&text, &bad, size).unwrap_err(), whole, "case {c}");
            }
        }
        // Two accepted edits over the same bytes.
        let mut twice = recs.clone();
        let at = twice.len() / 2;
        twice[at].accept = true;
        twice.insert(at + 1, twice[at].clone());
        twice[at + 1].id += 1000;
        let whole = apply_review(&text, &twice).unwrap_err();
        assert_eq!(streamed(&text, &twice, 10).unwrap_err(), whole);
    }

    #[test]
    fn records_out_of_text_order_are_refused() {
        let (text, mut recs) = sample();
        recs.swap(3, 4);
        let err = streamed(&text, &recs, 50).unwrap_err().to_string();
        assert!(err.contains("in the order"), "{err}");
    }
}
