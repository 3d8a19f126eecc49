//! Streaming: an input of any length mended piece by piece, with memory flat in its length.
//! The corpus evidence (words the input proves by repetition, hyphenated forms, older
//! English) is taken from the head of the input, its first [`EVIDENCE_BYTES`], and holds for
//! the rest. Pieces are cut where [`Mender`] cuts a long text into chunks anyway, so an input
//! that fits in the head is mended exactly as [`Mender::mend`] would mend it whole.

use crate::corpus::Corpus;
use crate::learn::MIN_PAIR_REPEATS;
use crate::mender::{chunks, Mended, Mender, ProposalCache};
use std::borrow::Cow;
use std::sync::Arc;

/// How much of a stream is read before mending starts: its encoding is judged on it.
pub const HEAD_BYTES: usize = 8 << 20;

/// How much of the head is taken as corpus evidence: some 350,000 words, plenty to prove a
/// name by repetition. The evidence is held while the whole stream is mended: with 8 MB of
/// it a stream of 12 MB peaked at 290 MB, with 2 MB at 216 MB.
pub const EVIDENCE_BYTES: usize = 2 << 20;

/// The part of `head` taken as corpus evidence: its first [`EVIDENCE_BYTES`].
pub fn evidence(head: &str) -> &str {
    first_words(head, EVIDENCE_BYTES)
}

/// The first `limit` bytes of `text` (all of it when shorter), cut at a space so that no
/// word is cut in two.
pub fn first_words(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    &text[..cut]
}

/// About how much text a stream mends at a time.
pub const PIECE_BYTES: usize = 1 << 20;

/// A mender primed with the evidence of a stream's head, for mending its pieces in turn.
pub struct Stream<'m> {
    mender: Cow<'m, Mender>,
    corpus: Corpus,
    historical: bool,
    cache: Arc<ProposalCache>,
}

impl Mender {
    /// Prepares to mend a long input whose first part (up to [`HEAD_BYTES`]) is `head`: the
    /// words its [`evidence`] proves by repetition join the corpus layer, the words the scan
    /// misreads again and again there join the channel model's readings
    /// ([`Mender::adopt_readings`]), and whether it is older English is judged on it.
    pub fn stream(&self, head: &str) -> Stream<'_> {
        let corpus = Corpus::of(evidence(head));
        let learned = self.learn(&corpus);
        let mut owned = self.clone();
        if !learned.is_empty() || corpus.pairs(MIN_PAIR_REPEATS).next().is_some() {
            owned.take_evidence(&learned, &corpus);
        }
        owned.adopt_own_readings(evidence(head), &corpus);
        let mender: Cow<'_, Mender> = Cow::Owned(owned);
        let cache = mender.cache();
        let historical = mender.run_is_historical(&corpus, &cache);
        Stream {
            mender,
            corpus,
            historical,
            cache,
        }
    }
}

impl Stream<'_> {
    /// Mends the next piece of the stream (spans in the result are relative to `piece`).
    pub fn mend<'t>(&self, piece: &'t str) -> Mended<'t> {
        self.mend_reporting(piece, &|_| {})
    }

    /// [`Stream::mend`], calling `progress` with the bytes of each part as it is done.
    pub fn mend_reporting<'t>(
        &self,
        piece: &'t str,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Mended<'t> {
        // The head stands for the whole input, as its corpus evidence and its own words.
        self.mender.mend_one(
            piece,
            &self.corpus,
            Some(&self.corpus),
            Some(self.historical),
            &self.cache,
            progress,
        )
    }
}

/// Where the next piece of `buffered` (text read so far from a stream, starting at a piece
/// boundary) ends: the first place, at least [`PIECE_BYTES`] in, where [`Mender::mend`]
/// would end a chunk; `None` while the text read does not yet reach one. At the end of the
/// stream the whole rest is the last piece.
pub fn next_piece(buffered: &str) -> Option<usize> {
    if buffered.len() < PIECE_BYTES {
        return None;
    }
    // The last chunk may yet grow: only the ends of the others are final.
    let cuts = chunks(buffered);
    let complete = &cuts[..cuts.len().saturating_sub(1)];
    complete
        .iter()
        .map(|&(_, end)| end)
        .find(|&end| end >= PIECE_BYTES)
}

#[cfg(test)]
mod tests {
    #[test]
    fn evidence_is_cut_at_a_space() {
        assert_eq!(
            super::first_words("the prisoner said", 100),
            "the prisoner said"
        );
        assert_eq!(super::first_words("the prisoner said", 10), "the");
        assert_eq!(super::first_words("the prisoner said", 13), "the prisoner");
        assert_eq!(super::first_words("théâtre", 3), "th");
    }

    use super::*;

    fn paragraphs(n: usize) -> String {
        (0..n)
            .map(|i| match i {
                7 => "Paragraph of the rnountains and cxpected valleys.\n\n".to_owned(),
                _ => format!("Paragraph {i} of the mountains and expected valleys.\n\n"),
            })
            .collect()
    }

    #[test]
    fn pieces_end_where_chunks_end() {
        let text = paragraphs(60_000);
        let mut at = 0;
        let mut ends = Vec::new();
        while let Some(n) = next_piece(&text[at..]) {
            at += n;
            ends.push(at);
        }
        assert!(ends.len() > 1, "{} bytes make several pieces", text.len());
        let chunk_ends: Vec<usize> = chunks(&text).iter().map(|c| c.1).collect();
        for e in &ends {
            assert!(chunk_ends.contains(e), "piece end {e} is a chunk end");
        }
        assert_eq!(next_piece("short text\n\n"), None);
    }

    #[test]
    fn a_stream_mends_as_the_whole_text_does() {
        let text = paragraphs(40_000);
        let mender = Mender::default();
        let whole = mender.mend(&text);
        let stream = mender.stream(&text);
        let mut corrected = String::new();
        let mut at = 0;
        loop {
            let n = next_piece(&text[at..]).unwrap_or(text.len() - at);
            corrected.push_str(&stream.mend(&text[at..at + n]).corrected());
            at += n;
            if at == text.len() {
                break;
            }
        }
        assert_eq!(corrected, whole.corrected());
        assert!(corrected.contains("the mountains and expected valleys"));
    }
}
