//! Stage 8, render: the views of (original, edits) — the unified diff, the review file (and
//! its edits applied to a streamed input), the HTML review page and the run summary — the
//! suspect words left unresolved, and the HTML report and JSON figures of `ocrmend eval`. The corrected text
//! itself is [`crate::Mended::corrected`].

pub mod apply_stream;
pub mod diff;
pub mod eval_json;
pub mod html;
pub mod report;
pub mod review;
pub mod summary;
pub mod unresolved;
