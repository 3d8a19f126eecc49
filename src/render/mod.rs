//! Stage 8, render: the views of (original, edits) — the unified diff, the review file, the
//! HTML review page and the run summary. The corrected text itself is
//! [`crate::Mended::corrected`].

pub mod diff;
pub mod html;
pub mod review;
pub mod summary;
