//! The edit model: every repair is an [`Edit`] over a [`Span`] of the untouched original,
//! and [`apply`] is the one function that turns (original, edits) into text.

use crate::surroundings::Surroundings;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `start..end` into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte, or are both empty at the same point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
            || (self.start == other.start && (self.is_empty() || other.is_empty()))
    }

    /// The text this span covers in `text`, if it lies inside it on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// What kind of repair an edit makes; a reviewer can filter by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditKind {
    /// A misread word replaced by the word the scanner most likely saw.
    Substitute,
    /// A word broken across a line end joined again (with or without its hyphen).
    Rejoin,
    /// A hyphen an earlier tool dropped put back (`SovietJapanese` → `Soviet-Japanese`).
    RestoreHyphen,
    /// Words run together separated again (`itshould` → `it should`).
    Split,
    /// A word broken by a stray space put together again.
    Merge,
    /// Punctuation or spacing tidied without changing the words.
    Normalize,
    /// A speck read as a letter standing alone between two words deleted (`the d company`).
    Delete,
    /// A number whose digits were read as letters written in digits again (`l8` → `18`).
    Number,
}

impl EditKind {
    /// Every kind, in a fixed order (for summaries).
    pub const ALL: [EditKind; 8] = [
        EditKind::Substitute,
        EditKind::Rejoin,
        EditKind::RestoreHyphen,
        EditKind::Split,
        EditKind::Merge,
        EditKind::Normalize,
        EditKind::Delete,
        EditKind::Number,
    ];

    /// The name used in review files and summaries.
    pub fn name(self) -> &'static str {
        match self {
            EditKind::Substitute => "substitute",
            EditKind::Rejoin => "rejoin",
            EditKind::RestoreHyphen => "restore-hyphen",
            EditKind::Split => "split",
            EditKind::Merge => "merge",
            EditKind::Normalize => "normalize",
            EditKind::Delete => "delete",
            EditKind::Number => "number",
        }
    }
}

impl fmt::Display for EditKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether an edit is made in the corrected text or only shown to the reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Confident: part of the corrected text.
    Applied,
    /// Not confident enough: offered to the reviewer, not applied.
    Suggested,
}

/// A possible replacement for a suspect word, with the parts of its score so that every
/// decision can be explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The replacement text, in the case pattern of the original token.
    pub text: String,
    /// How unlikely the scanner was to turn `text` into what we see (weighted edit cost, 0 = identical).
    pub channel_cost: f64,
    /// Natural log of the word's prior probability in the lexicon.
    pub log_prior: f64,
    /// Natural-log bonus from the neighbouring words (bigram evidence), 0 when none.
    pub context: f64,
    /// Total score (higher is better): `log_prior + context - channel_weight * channel_cost`.
    pub score: f64,
    /// The kind of edit this candidate would make.
    pub kind: EditKind,
}

/// What a substitution decision rested on, for the reviewer and for the calibrated
/// confidence (`calibrate.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The best candidate's share of the probability of all options, keeping the token
    /// included (the uncalibrated confidence).
    pub share: f64,
    /// How far the best candidate's score is ahead of the next option (keeping the token or
    /// the runner-up), in nats.
    pub margin: f64,
    /// The best candidate's channel cost.
    pub channel_cost: f64,
    /// The best candidate's bigram context, in nats.
    pub context: f64,
    /// The best candidate's log prior.
    pub log_prior: f64,
    /// The token is itself a word of the lexicon (a possible real-word error).
    pub known: bool,
    /// The token starts with a capital.
    pub capitalised: bool,
    /// The token has digits or punctuation among its letters.
    pub damaged: bool,
    /// The token's length in characters.
    pub letters: usize,
    /// How often the token occurs, written so, in the input.
    pub repeats: u32,
    /// The token shows a seam: a small letter followed by a capital (`FarEastern`).
    #[serde(default)]
    pub seam: bool,
    /// How many of the two tokens on either side are themselves not words (a damaged
    /// stretch, where one repair seldom makes the passage right).
    #[serde(default)]
    pub damaged_neighbours: u8,
    /// Of those, how many the chunk's sure repairs mend (`ancl` beside `hovse` in `barn
    /// ancl hovse`, surely `and`): damage that does not stay.
    #[serde(default)]
    pub mended_neighbours: u8,
    /// How much less the token looks like a word than the lexicon's words do, in nats per
    /// character of character-trigram surprise (0 for tokens not made of letters only).
    #[serde(default)]
    pub surprise: f64,
    /// How often the best candidate occurs in the same text in any case (for several words,
    /// the least of theirs): a word the text spells right elsewhere is a likely reading.
    #[serde(default)]
    pub attested: u32,
    /// The token starts a sentence (so its capital says little).
    #[serde(default)]
    pub sentence_start: bool,
    /// The best candidate begins with another letter than the token (names differ from
    /// words mostly there; OCR damage less often).
    #[serde(default)]
    pub first_changed: bool,
    /// The best candidate is a name: the lexicon writes it with a capital.
    #[serde(default)]
    pub proper: bool,
    /// How many characters longer or shorter the best candidate is than the token.
    #[serde(default)]
    pub length_change: u8,
    /// The share of the words around (the chunk being mended) that are suspect: in a
    /// badly scanned text an unknown token is likelier a misreading than a rare word.
    #[serde(default)]
    pub suspect_rate: f64,
    /// How often, in the training pages, the best candidate was printed where the token was
    /// read, as a share of the token's sightings (0 when training never saw it).
    #[serde(default)]
    pub read_for: f64,
    /// How many of the document's other sure repairs undo the same misreadings as this one
    /// (the fewest over its letter changes): a scan misreads the same shapes throughout.
    #[serde(default)]
    pub doc_support: u32,
    /// How rough the text around the token is (junk and fragments beside it, marks on it).
    #[serde(default)]
    pub surroundings: Surroundings,
    /// The document was judged older English ([`crate::variants::is_historical`]): its
    /// unfamiliar spellings and words used in older senses are more often right as printed.
    #[serde(default)]
    pub historical: bool,
}

/// One repair over a span of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// What the edit replaces, in bytes of the original.
    pub span: Span,
    /// The original text under the span.
    pub before: String,
    /// The replacement text.
    pub after: String,
    /// The kind of repair.
    pub kind: EditKind,
    /// How sure the corrector is that `after` is right, 0..1.
    pub confidence: f64,
    /// Applied (confident) or only suggested.
    pub status: Status,
    /// One sentence saying why.
    pub reason: String,
    /// Other replacements a reviewer may pick, best first.
    pub alternatives: Vec<String>,
    /// What a substitution decision rested on (none for rejoins and merges).
    pub evidence: Option<Evidence>,
}

impl Edit {
    /// True when the edit is part of the corrected text.
    pub fn is_applied(&self) -> bool {
        self.status == Status::Applied
    }
}

/// Something an edit needs from [`apply`]: where it is and what goes there.
pub trait Replacement {
    /// The span of the original replaced.
    fn span(&self) -> Span;
    /// The text put in its place.
    fn replacement(&self) -> &str;
}

impl Replacement for Edit {
    fn span(&self) -> Span {
        self.span
    }
    fn replacement(&self) -> &str {
        &self.after
    }
}

impl<T: Replacement + ?Sized> Replacement for &T {
    fn span(&self) -> Span {
        (**self).span()
    }
    fn replacement(&self) -> &str {
        (**self).replacement()
    }
}

/// Why a set of edits cannot be applied to a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// An edit reaches past the end of the text or cuts a character in two.
    #[error("edit at bytes {start}..{end} does not lie on character boundaries of the text")]
    OutOfBounds {
        /// Start byte of the offending edit.
        start: usize,
        /// End byte of the offending edit.
        end: usize,
    },
    /// Two edits cover the same bytes.
    #[error("edits at bytes {first_start}..{first_end} and {second_start}..{second_end} overlap")]
    Overlap {
        /// Start of the earlier edit.
        first_start: usize,
        /// End of the earlier edit.
        first_end: usize,
        /// Start of the later edit.
        second_start: usize,
        /// End of the later edit.
        second_end: usize,
    },
}

/// `text` with `edit` alone made (checking that it replaces what it says it does), and the
/// edit's status: what a stage's tests compare.
#[cfg(test)]
pub(crate) fn made_alone(text: &str, edit: &Edit) -> (String, Status) {
    assert_eq!(&text[edit.span.start..edit.span.end], edit.before);
    let mut fixed = text.to_owned();
    fixed.replace_range(edit.span.start..edit.span.end, &edit.after);
    (fixed, edit.status)
}

/// Produces the text of `original` with `edits` made. Edits may come in any order; they must
/// not overlap. With no edits the result is `original`, byte for byte.
pub fn apply<R: Replacement>(original: &str, edits: &[R]) -> Result<String, ApplyError> {
    let mut order: Vec<&R> = edits.iter().collect();
    order.sort_by_key(|e| (e.span().start, e.span().end));
    for e in &order {
        let s = e.span();
        if s.start > s.end || s.slice(original).is_none() {
            return Err(ApplyError::OutOfBounds {
                start: s.start,
                end: s.end,
            });
        }
    }
    for pair in order.windows(2) {
        let (a, b) = (pair[0].span(), pair[1].span());
        if a.overlaps(&b) {
            return Err(ApplyError::Overlap {
                first_start: a.start,
                first_end: a.end,
                second_start: b.start,
                second_end: b.end,
            });
        }
    }
    let extra: usize = order.iter().map(|e| e.replacement().len()).sum();
    let mut out = String::with_capacity(original.len() + extra);
    let mut at = 0;
    for e in order {
        let s = e.span();
        out.push_str(&original[at..s.start]);
        out.push_str(e.replacement());
        at = s.end;
    }
    out.push_str(&original[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R(Span, &'static str);
    impl Replacement for R {
        fn span(&self) -> Span {
            self.0
        }
        fn replacement(&self) -> &str {
            self.1
        }
    }

    #[test]
    fn applies_in_any_order() {
        let edits = [R(Span::new(6, 11), "there"), R(Span::new(0, 5), "Hallo")];
        assert_eq!(apply("hello world", &edits).unwrap(), "Hallo there");
    }

    #[test]
    fn refuses_overlap_and_bad_bounds() {
        let overlap = [R(Span::new(0, 5), "a"), R(Span::new(4, 6), "b")];
        assert!(matches!(
            apply("hello world", &overlap),
            Err(ApplyError::Overlap { .. })
        ));
        let outside = [R(Span::new(3, 40), "a")];
        assert!(matches!(
            apply("hello", &outside),
            Err(ApplyError::OutOfBounds { .. })
        ));
        let mid_char = [R(Span::new(1, 2), "a")];
        assert!(apply("é", &mid_char).is_err());
    }

    #[test]
    fn two_insertions_at_one_point_overlap() {
        let edits = [R(Span::new(2, 2), "x"), R(Span::new(2, 2), "y")];
        assert!(apply("abcd", &edits).is_err());
    }
}
