//! ocrmend repairs raw OCR text. It finds scanning errors (misread letters, words run
//! together, words broken across lines), proposes corrections ranked by an OCR-aware
//! noisy-channel score, and keeps every repair as an [`Edit`] over the untouched original,
//! so the corrected text, a unified diff and a review file are all views of
//! (original, edits). Rejecting every edit gives the input back byte for byte.
//!
//! The pipeline's stages are modules of their own, in order: [`decode`](mod@decode), [`tokenize`],
//! [`rejoin`], [`merge`], [`detect`], [`capitals`], [`strays`], [`marks`], [`quotes`], [`generate`], [`rank`], [`decide`], [`base_rate`], [`render`];
//! [`Mender`] runs them. [`train`] learns the channel model from corrected pages.
//!
//! ```
//! let mender = ocrmend::Mender::default();
//! let mended = mender.mend("The rnountains were cxpected to be in the north.");
//! assert_eq!(mended.corrected(), "The mountains were expected to be in the north.");
//! for edit in &mended.edits {
//!     println!("{} -> {} ({:.2}): {}", edit.before, edit.after, edit.confidence, edit.reason);
//! }
//! // Rejecting every edit gives the original back.
//! assert_eq!(ocrmend::apply(mended.text, &[] as &[ocrmend::Edit]).unwrap(), mended.text);
//! ```
#![deny(missing_docs)]

pub mod base_rate;
pub mod by_char;
pub mod calibrate;
pub mod capitals;
pub mod casing;
pub mod channel;
pub mod compounds;
pub mod corpus;
pub mod decide;
pub mod decode;
pub mod detect;
pub mod document;
pub mod edit;
pub mod evaluate;
pub mod generate;
pub mod index;
pub mod inside;
pub mod label;
pub mod learn;
pub mod lexicon;
pub mod ligatures;
pub mod lookalikes;
pub mod lost_stops;
pub mod marks;
pub mod mender;
pub mod merge;
pub mod numbers;
pub mod once;
pub mod openers;
pub mod pages;
pub mod quotes;
pub mod rank;
pub mod readings;
pub mod regional;
pub mod rejoin;
pub mod render;
pub mod specks;
pub mod stops;
pub mod stray_joins;
pub mod strays;
pub mod stream;
pub mod support;
pub mod surroundings;
pub mod tally;
pub mod tokenize;
pub mod train;
pub mod variants;

pub use channel::ChannelModel;
pub use corpus::Corpus;
pub use decode::{decode, Decoded, Encoding};
pub use edit::{apply, Candidate, Edit, EditKind, Span, Status};
pub use lexicon::{Layer, Lexicon};
pub use mender::{Mended, Mender, Options};
