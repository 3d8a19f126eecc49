//! The suspect words a run leaves unresolved (no edit touches them), as `ocrmend check
//! --unresolved` lists them beside the edits: for a reviewer looking for what still needs
//! a human eye, and for measuring detection.

use super::review::Origin;
use crate::document::LineIndex;
use crate::edit::Span;
use serde::Serialize;

/// One unresolved suspect word of a file. In JSON its `kind` is `"unresolved"`, so it reads
/// apart from the edits' records in the same stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnresolvedRecord {
    /// The input's name, as in the review file.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// Byte offset of the word in the decoded input.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The word as the input has it.
    pub before: String,
    /// Always `unresolved`.
    pub kind: &'static str,
}

/// The records of the unresolved `spans` of `text`, a piece of the input called `file` that
/// starts at `origin` (offsets and lines in the records are those of the whole input).
pub fn unresolved_records(
    file: &str,
    text: &str,
    spans: &[Span],
    origin: Origin,
) -> Vec<UnresolvedRecord> {
    let index = LineIndex::new(text);
    spans
        .iter()
        .map(|s| {
            let pos = index.position(text, s.start);
            UnresolvedRecord {
                file: file.to_owned(),
                line: origin.line + pos.line,
                col: pos.col,
                start: origin.byte + s.start,
                end: origin.byte + s.end,
                before: text[s.start..s.end].to_owned(),
                kind: "unresolved",
            }
        })
        .collect()
}

/// One record as a line of JSON (no newline).
pub fn to_json(record: &UnresolvedRecord) -> String {
    serde_json::to_string(record).expect("an unresolved record always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_places_its_word_by_line_and_column() {
        let text = "first line\nthe sceninmons here\n";
        let start = text.find("sceninmons").unwrap();
        let span = [Span::new(start, start + 10)];
        let records = unresolved_records("page.txt", text, &span, Origin::default());
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!((r.line, r.col, r.before.as_str()), (2, 5, "sceninmons"));
        // In a piece that starts further on, placed in the whole input.
        let origin = Origin { byte: 100, line: 7 };
        let later = &unresolved_records("page.txt", text, &span, origin)[0];
        assert_eq!((later.line, later.col), (9, 5));
        assert_eq!((later.start, later.end), (start + 100, start + 110));
        assert_eq!(
            to_json(r),
            format!(
                r#"{{"file":"page.txt","line":2,"col":5,"start":{start},"end":{},"before":"sceninmons","kind":"unresolved"}}"#,
                start + 10
            )
        );
    }
}
