//! The review file: JSON Lines, one edit a line, that a reviewer edits (flipping `accept`,
//! or changing `after`) and `ocrmend apply` reads back. Offsets refer to the decoded text.

use crate::document::LineIndex;
use crate::edit::{apply, Edit, EditKind, Evidence, Replacement, Span, Status};
use serde::{Deserialize, Serialize};

/// One line of a review file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// Number of the edit within the review file, from 1.
    pub id: usize,
    /// The input the edit belongs to, as named on the command line (`-` for stdin).
    pub file: String,
    /// 1-based line of the edit's start.
    pub line: usize,
    /// 1-based column of the edit's start, in characters.
    pub col: usize,
    /// Start byte of the edit in the decoded input.
    pub start: usize,
    /// End byte of the edit in the decoded input.
    pub end: usize,
    /// The original text under the edit; must still match the input.
    pub before: String,
    /// The replacement; a reviewer may change it.
    pub after: String,
    /// The kind of repair.
    pub kind: EditKind,
    /// The corrector's confidence, 0..1, cut to three decimals ([`recorded_confidence`]).
    pub confidence: f64,
    /// Why the edit was proposed.
    pub reason: String,
    /// Other replacements, best first.
    pub alternatives: Vec<String>,
    /// True to make the edit; false to leave the original.
    pub accept: bool,
    /// What the decision rested on (substitutions only); boxed, so that a record held
    /// without it (applying, [`slim`]) takes less room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Box<Evidence>>,
    /// What a reviewer decided about the edit, once one has (`ocrmend review`, the HTML
    /// page); none for an edit left as the corrector decided it, or accepted in bulk.
    /// Reviewed edits can adapt the calibration (`ocrmend calibrate --adapt --reviewed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Reviewed>,
}

/// What a reviewer decided about an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reviewed {
    /// The edit is right as proposed.
    Accepted,
    /// The original text is right.
    Rejected,
    /// Another replacement is right (an alternative, or the reviewer's own).
    Replaced,
}

impl ReviewRecord {
    /// Records a reviewer's decision: the edit is made unless they rejected it (a
    /// replacement is set in `after` by the caller).
    pub fn decide(&mut self, reviewed: Reviewed) {
        self.accept = reviewed != Reviewed::Rejected;
        self.reviewed = Some(reviewed);
    }

    /// Checks the record against the input: `found` is the input's text under its span
    /// (none when the span is not inside it), `at` the line and column where the span
    /// starts.
    pub fn check(
        &self,
        found: Option<&str>,
        at: Option<(usize, usize)>,
    ) -> Result<(), ReviewError> {
        let stale = |why: String| ReviewError::Stale {
            id: self.id,
            line: self.line,
            col: self.col,
            why,
        };
        match (found, at) {
            (None, _) | (_, None) => Err(stale(format!(
                "bytes {}..{} are no stretch of the input's text ({})",
                self.start,
                self.end,
                match self.start > self.end {
                    true => "the start is after the end",
                    false => "past its end, or inside a character",
                }
            ))),
            (Some(found), _) if found != self.before => Err(stale(format!(
                "the input has {found:?} there, the review file says {:?}",
                self.before
            ))),
            (_, Some((line, col))) if (line, col) != (self.line, self.col) => Err(stale(format!(
                "byte {} is at line {line}, col {col} of the input",
                self.start
            ))),
            _ => Ok(()),
        }
    }

    /// Whether a reviewer found the proposed edit right: `None` until one decided.
    pub fn judged_right(&self) -> Option<bool> {
        self.reviewed.map(|r| r == Reviewed::Accepted)
    }
}

impl Replacement for ReviewRecord {
    fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    fn replacement(&self) -> &str {
        &self.after
    }
}

/// Why a review file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// A line is not a review record.
    #[error("review file line {line}: {message}")]
    Parse {
        /// 1-based line of the review file.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A record does not match the input.
    #[error(
        "edit {id} (line {line}, col {col}) does not match the input: {why}. The input changed \
         since the review file was written, or the file is not the one reviewed; run `ocrmend fix` \
         again to make a fresh review file"
    )]
    Stale {
        /// The record's id.
        id: usize,
        /// Its line.
        line: usize,
        /// Its column.
        col: usize,
        /// What does not match.
        why: String,
    },
}

impl ReviewError {
    /// The error for review file line `line` (from 1), which is no record: `message` says why.
    pub fn parse(line: usize, message: impl std::fmt::Display) -> ReviewError {
        ReviewError::Parse {
            line,
            message: message.to_string(),
        }
    }
}

/// The review records of one file's edits, numbered from `first_id`.
pub fn records(file: &str, text: &str, edits: &[Edit], first_id: usize) -> Vec<ReviewRecord> {
    records_at(file, text, edits, first_id, Origin::default())
}

/// Where a piece of a longer input starts, for records of its edits: the bytes and lines of
/// the input before it (a piece starts at the start of a line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    /// Bytes of the decoded input before the piece.
    pub byte: usize,
    /// Lines of the input before the piece.
    pub line: usize,
}

/// [`records`] of the edits of a piece of an input that starts at `origin` (offsets and
/// lines in the records are those of the whole input).
pub fn records_at(
    file: &str,
    text: &str,
    edits: &[Edit],
    first_id: usize,
    origin: Origin,
) -> Vec<ReviewRecord> {
    let index = LineIndex::new(text);
    edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let pos = index.position(text, e.span.start);
            ReviewRecord {
                id: first_id + i,
                file: file.to_owned(),
                line: origin.line + pos.line,
                col: pos.col,
                start: origin.byte + e.span.start,
                end: origin.byte + e.span.end,
                before: e.before.clone(),
                after: e.after.clone(),
                kind: e.kind,
                confidence: recorded_confidence(e.confidence),
                reason: e.reason.clone(),
                alternatives: e.alternatives.clone(),
                accept: e.status == Status::Applied,
                evidence: e.evidence.map(Box::new),
                reviewed: None,
            }
        })
        .collect()
}

/// A confidence as the review file records it: cut, not rounded, to three decimals (the
/// largest number of thousandths not above it), so that it reaches a threshold of up to
/// three decimals exactly when the edit's own confidence does. Rounded, an edit at 0.7996
/// would read 0.8 though `--threshold 0.8` left it out, and a reviewer's "accept all at 0.8
/// or more" would take it.
pub fn recorded_confidence(confidence: f64) -> f64 {
    let mut thousandths = (confidence * 1000.0).floor();
    // The product may round across a whole number either way: the comparison with the
    // number a reader of the file gets back settles it.
    if (thousandths + 1.0) / 1000.0 <= confidence {
        thousandths += 1.0;
    } else if thousandths / 1000.0 > confidence {
        thousandths -= 1.0;
    }
    thousandths / 1000.0
}

/// A recorded confidence ([`recorded_confidence`]) shown with two decimals, cut as it was
/// recorded (`0.799`: `0.79`), so that what a reviewer reads is never above a threshold
/// the edit did not reach.
pub fn shown_confidence(recorded: f64) -> String {
    let thousandths = (recorded * 1000.0).round() as i64;
    format!("{}.{:02}", thousandths / 1000, thousandths % 1000 / 10)
}

/// Writes records as JSON Lines.
pub fn to_jsonl(records: &[ReviewRecord]) -> String {
    let mut out = String::new();
    for r in records {
        out.push_str(&serde_json::to_string(r).expect("a review record always serializes"));
        out.push('\n');
    }
    out
}

/// Reads a JSON Lines review file (blank lines are skipped).
pub fn parse(jsonl: &str) -> Result<Vec<ReviewRecord>, ReviewError> {
    parse_lines(jsonl.lines().map(Ok))
}

/// Reads a review file's lines one by one (blank lines are skipped) into its records.
pub fn parse_lines<L: AsRef<str>>(
    lines: impl Iterator<Item = std::io::Result<L>>,
) -> Result<Vec<ReviewRecord>, ReviewError> {
    read_lines(lines).collect()
}

/// The records of a review file's lines, one at a time (blank lines are skipped), each read
/// as a `T`: a [`ReviewRecord`], or only the fields of one that a pass over the file needs.
pub fn read_lines<T: serde::de::DeserializeOwned, L: AsRef<str>>(
    lines: impl Iterator<Item = std::io::Result<L>>,
) -> impl Iterator<Item = Result<T, ReviewError>> {
    lines.enumerate().filter_map(|(i, line)| match line {
        Err(e) => Some(Err(ReviewError::parse(i + 1, e))),
        Ok(line) => read_line(i + 1, line.as_ref()),
    })
}

/// Line `number` (from 1) of a review file read as a `T`; `None` when it is blank. A
/// byte-order mark before the first record (an editor's, on saving the file) is skipped.
pub fn read_line<T: serde::de::DeserializeOwned>(
    number: usize,
    line: &str,
) -> Option<Result<T, ReviewError>> {
    let line = match number {
        1 => crate::decode::after_byte_order_mark(line),
        _ => line,
    };
    (!line.trim().is_empty()).then(|| {
        serde_json::from_str(line)
            .map_err(|e| ReviewError::parse(number, format!("{e}{}", shape_hint(line))))
    })
}

/// What to do about a line that is no record when it looks like JSON in another layout:
/// an array of records, or a record spread over several lines (pretty-printed).
fn shape_hint(line: &str) -> &'static str {
    match line.trim() {
        l if l.starts_with('[') => {
            "; this looks like a JSON array, and a review file holds one record a line (JSON \
             Lines): `jq -c '.[]' FILE` writes it so"
        }
        l if l.starts_with('{') && !l.ends_with('}') || l.starts_with('"') || l == "}" => {
            "; this looks like a record spread over several lines, and a review file holds one \
             record a line (JSON Lines): `jq -c . FILE` writes it so"
        }
        _ => "",
    }
}

/// `record` with only what applying it needs: no reason, alternatives or evidence (so that
/// records held to be applied take less room).
pub fn slim(record: ReviewRecord) -> ReviewRecord {
    ReviewRecord {
        reason: String::new(),
        alternatives: Vec::new(),
        evidence: None,
        ..record
    }
}

/// The text with exactly the accepted records' edits made, after checking that every
/// record (accepted or not) still matches `text`.
pub fn apply_review(text: &str, records: &[ReviewRecord]) -> Result<String, ReviewError> {
    let index = LineIndex::new(text);
    for r in records {
        let pos = text
            .get(r.start..r.end)
            .map(|_| index.position(text, r.start));
        r.check(text.get(r.start..r.end), pos.map(|p| (p.line, p.col)))?;
    }
    let mut accepted: Vec<&ReviewRecord> = records.iter().filter(|r| r.accept).collect();
    accepted.sort_by_key(|r| (r.start, r.end));
    for pair in accepted.windows(2) {
        if pair[0].span().overlaps(&pair[1].span()) {
            let r = pair[1];
            return Err(ReviewError::Stale {
                id: r.id,
                line: r.line,
                col: r.col,
                why: format!(
                    "it overlaps accepted edit {}; accept only one of them",
                    pair[0].id
                ),
            });
        }
    }
    Ok(apply(text, &accepted).expect("records were checked against the text"))
}

/// One side of an edit (its `before` or `after`) as a line of text shows it: as is, or in
/// quotes when it is empty or starts or ends with whitespace (`" " -> ""`: a stray space
/// closed up), escaped either way.
pub fn shown(side: &str) -> String {
    if side.is_empty() || side.trim() != side {
        format!("{side:?}")
    } else {
        side.escape_debug().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_confidence_reaches_a_threshold_exactly_when_the_edit_does() {
        assert_eq!(recorded_confidence(0.7996), 0.799);
        assert_eq!(recorded_confidence(0.8), 0.8);
        assert_eq!(recorded_confidence(0.29), 0.29);
        assert_eq!(recorded_confidence(1.0), 1.0);
        assert_eq!(recorded_confidence(0.0), 0.0);
        for j in 0..=1000 {
            let threshold = j as f64 / 1000.0;
            let (below, above) = (threshold.next_down(), threshold.next_up());
            for c in [
                below,
                threshold,
                above,
                threshold + 0.0004,
                threshold - 0.0004,
            ] {
                if !(0.0..=1.0).contains(&c) {
                    continue;
                }
                let recorded = recorded_confidence(c);
                assert_eq!(recorded >= threshold, c >= threshold, "{c} at {threshold}");
                // What the file holds is read back as the same number.
                let json = serde_json::to_string(&recorded).unwrap();
                assert_eq!(serde_json::from_str::<f64>(&json).unwrap(), recorded);
            }
        }
    }

    #[test]
    fn a_confidence_is_shown_cut_to_two_decimals() {
        assert_eq!(shown_confidence(recorded_confidence(0.7996)), "0.79");
        assert_eq!(shown_confidence(0.8), "0.80");
        assert_eq!(shown_confidence(0.29), "0.29");
        assert_eq!(shown_confidence(0.05), "0.05");
        assert_eq!(shown_confidence(1.0), "1.00");
        assert_eq!(shown_confidence(0.0), "0.00");
    }

    #[test]
    fn a_review_file_read_line_by_line_is_the_file_read_whole_and_slim_keeps_the_edit() {
        let text = "The tbe end.";
        let mended = crate::Mender::default().mend(text);
        let records = records("a.txt", text, &mended.edits, 1);
        assert!(!records.is_empty());
        let jsonl = format!("{}\n\n", to_jsonl(&records));
        let read = std::io::BufRead::lines(std::io::Cursor::new(jsonl.as_bytes()));
        assert_eq!(parse_lines(read).unwrap(), parse(&jsonl).unwrap());
        let read = std::io::BufRead::lines(std::io::Cursor::new(jsonl.as_bytes()));
        let slimmed: Vec<_> = read_lines(read)
            .map(|r| r.map(slim))
            .collect::<Result<_, _>>()
            .unwrap();
        for (s, r) in slimmed.iter().zip(&records) {
            assert!(s.reason.is_empty() && s.alternatives.is_empty() && s.evidence.is_none());
            let edit =
                |r: &ReviewRecord| (r.start, r.end, r.before.clone(), r.after.clone(), r.accept);
            assert_eq!(edit(s), edit(r));
        }
        assert_eq!(apply_review(text, &slimmed).unwrap(), mended.corrected());
        // A line that is no record is named.
        let bad = std::io::BufRead::lines(std::io::Cursor::new("\nnot json\n".as_bytes()));
        let err = parse_lines(bad).unwrap_err().to_string();
        assert!(err.starts_with("review file line 2:"), "{err}");
        // The records as a JSON array, or pretty-printed: the error says how to mend them.
        let records: Vec<ReviewRecord> = parse(&jsonl).unwrap();
        let array = serde_json::to_string_pretty(&records).unwrap();
        assert!(parse(&array)
            .unwrap_err()
            .to_string()
            .contains("jq -c '.[]'"));
        let pretty = serde_json::to_string_pretty(&records[0]).unwrap();
        assert!(parse(&pretty).unwrap_err().to_string().contains("jq -c ."));
        // Saved by an editor: a byte-order mark and CRLF.
        let saved = format!("\u{feff}{}", jsonl.replace('\n', "\r\n"));
        assert_eq!(parse(&saved).unwrap(), parse(&jsonl).unwrap());
        let misplaced = format!("\n\u{feff}{jsonl}");
        assert!(
            parse(&misplaced).is_err(),
            "a mark is skipped only where editors put it"
        );
    }

    #[test]
    fn a_span_that_marks_out_no_text_says_why() {
        let text = "Café tbe end.";
        let mended = crate::Mender::default().mend(text);
        let record = records("a.txt", text, &mended.edits, 1).remove(0);
        let why = |start: usize, end: usize| {
            let bad = ReviewRecord {
                start,
                end,
                ..record.clone()
            };
            apply_review(text, &[bad]).unwrap_err().to_string()
        };
        // Inside `é` (bytes 3..5), past the end, reversed.
        assert!(why(4, 9).contains("past its end, or inside a character"));
        assert!(why(6, 99).contains("past its end, or inside a character"));
        assert!(why(9, 6).contains("the start is after the end"));
    }
}
