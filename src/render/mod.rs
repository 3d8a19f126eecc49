//! Stage 8, render: the views of (original, edits) — the unified diff, the review file and
//! the run summary. The corrected text itself is [`crate::Mended::corrected`].

pub mod diff;
pub mod review;
pub mod summary;
