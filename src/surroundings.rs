//! How rough the text around a repair is. Junk, fragments and stray marks beside a
//! misreading mean the scan is damaged there, and a repair of one word in a damaged
//! stretch seldom leaves the stretch right: the words around stay wrong, run together or
//! broken. A feature of the calibrated confidence (`calibrate.rs`).

use crate::edit::Span;
use crate::lexicon::Lexicon;
use crate::rejoin::{is_break_gap, is_break_hyphen};
use crate::tokenize::is_blank;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How many whitespace-delimited chunks on either side of a repair are looked at.
const REACH: usize = 2;

/// The roughness of the chunks around a repair and the marks on its own chunk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surroundings {
    /// Chunks within two on either side that are no word at all: no letters, marks or
    /// digits amid the letters, or letters the lexicon does not know.
    pub junk: u8,
    /// Chunks within two on either side that are junk or merely suspicious: a fragment of
    /// one or two letters no frequency list counts, or a word in odd marks (`.er`, `word,.'`).
    pub rough: u8,
    /// Of `junk`, the chunks right before and right after.
    pub junk_beside: u8,
    /// Of `rough`, the chunks right before and right after.
    pub rough_beside: u8,
    /// Marks before the repaired word in its own chunk (`'brothei`: 1).
    pub leading_marks: u8,
    /// Marks after the repaired word in its own chunk (`murdeg',`: 2).
    pub trailing_marks: u8,
    /// Among the marks before the repaired word is one that does not open a word (`.`,
    /// `,`, `;`, `:`).
    pub odd_lead: bool,
}

/// How far a chunk is from a plain word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Roughness {
    Plain,
    Suspicious,
    Junk,
}

/// Splits a chunk into its leading marks, its core (first to last letter, digit or `_`) and
/// its trailing marks: `strays::split_marks`, except that `_` is word-like here, as in the
/// scorer's `\w` (the calibration was fitted so).
fn parts(chunk: &str) -> (&str, &str, &str) {
    let word_like = |c: char| c.is_alphanumeric() || c == '_';
    let Some(start) = chunk.find(word_like) else {
        return (chunk, "", "");
    };
    let end = chunk.rfind(word_like).map_or(chunk.len(), |i| {
        i + chunk[i..].chars().next().map_or(1, char::len_utf8)
    });
    (&chunk[..start], &chunk[start..end], &chunk[end..])
}

fn roughness(chunk: &str, lexicon: &Lexicon) -> Roughness {
    let (lead, core, trail) = parts(chunk);
    if core.is_empty()
        || core
            .chars()
            .any(|c| !(c.is_alphanumeric() || matches!(c, '_' | '\'' | '’' | '-')))
        || (core.chars().any(char::is_numeric) && core.chars().any(char::is_alphabetic))
    {
        return Roughness::Junk;
    }
    let Some(id) = lexicon.id(core) else {
        return if core.chars().all(char::is_numeric) || lexicon.contains(core) {
            Roughness::Plain
        } else {
            Roughness::Junk
        };
    };
    let odd_marks = lead.chars().count() > 1
        || trail.chars().count() > 2
        || lead.contains(['.', ',', ';', ':']);
    if (core.chars().count() <= 2 && lexicon.count(id) == 0) || odd_marks {
        Roughness::Suspicious
    } else {
        Roughness::Plain
    }
}

/// `chunk` without the hyphen it ends in, when that is a word-break hyphen after a letter
/// (`ac-`: `ac`).
fn broken_stem(chunk: &str) -> Option<&str> {
    let (stem, hyphen) = chunk.split_at(chunk.char_indices().last()?.0);
    (is_break_hyphen(hyphen) && stem.ends_with(char::is_alphabetic)).then_some(stem)
}

/// The whitespace-delimited chunks of `text`, first to last, where a word broken across a
/// line (`ac-`, then `cused` on the next, or `ac- cused` where the line breaks were
/// flattened: [`is_break_gap`]) is one chunk (`accused`): a line-break hyphen is no damage.
fn chunks_after(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let t = rest.trim_start_matches(is_blank);
        let end = end_of_first(t);
        let chunk = (end > 0).then(|| &t[..end])?;
        rest = &t[end..];
        if let Some(stem) = broken_stem(chunk) {
            let next = rest.trim_start_matches(is_blank);
            if is_break_gap(&rest[..rest.len() - next.len()])
                && next.starts_with(char::is_alphabetic)
            {
                let end = end_of_first(next);
                rest = &next[end..];
                return Some(Cow::Owned(format!("{stem}{}", &next[..end])));
            }
        }
        Some(Cow::Borrowed(chunk))
    })
}

/// Where the first chunk of `text` ends: at its first blank (its length if none).
fn end_of_first(text: &str) -> usize {
    text.find(is_blank).unwrap_or(text.len())
}

/// Where the last chunk of `text` starts: after its last blank (0 if none).
fn start_of_last(text: &str) -> usize {
    text.char_indices()
        .rfind(|&(_, c)| is_blank(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// [`chunks_after`] from last to first.
fn chunks_before(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let t = rest.trim_end_matches(is_blank);
        let start = start_of_last(t);
        let chunk = (start < t.len()).then(|| &t[start..])?;
        rest = &t[..start];
        let before = rest.trim_end_matches(is_blank);
        if chunk.starts_with(char::is_alphabetic) && is_break_gap(&rest[before.len()..]) {
            let start = start_of_last(before);
            if let Some(stem) = broken_stem(&before[start..]) {
                rest = &before[..start];
                return Some(Cow::Owned(format!("{stem}{chunk}")));
            }
        }
        Some(Cow::Borrowed(chunk))
    })
}

/// True when a chunk right before or after `span` in `text` is damaged: junk, no word at
/// all, or merely suspicious (a fragment of a letter or two no list counts, a word in odd
/// marks). The scan is damaged there.
pub fn beside_damage(text: &str, span: Span, lexicon: &Lexicon) -> bool {
    surroundings(text, span, lexicon).rough_beside > 0
}

/// The surroundings of the repair of `span` in `text`.
pub fn surroundings(text: &str, span: Span, lexicon: &Lexicon) -> Surroundings {
    let before = &text[..span.start.min(text.len())];
    let after = &text[span.end.min(text.len())..];
    // The repair's own chunk reaches from the last break before it to the first after it.
    let own_start = start_of_last(before);
    let own_end = span.end + end_of_first(after);
    let left = chunks_before(&text[..own_start]).take(REACH);
    let right = chunks_after(&text[own_end..]).take(REACH);
    let mut out = Surroundings::default();
    // Each side's chunks, nearest first (no list is built: this runs for every decision).
    for (distance, chunk) in left.enumerate().chain(right.enumerate()) {
        let r = roughness(&chunk, lexicon);
        let beside = distance == 0;
        if r == Roughness::Junk {
            out.junk += 1;
            out.junk_beside += u8::from(beside);
        }
        if r >= Roughness::Suspicious {
            out.rough += 1;
            out.rough_beside += u8::from(beside);
        }
    }
    let own = &text[own_start..own_end];
    let (lead, _, trail) = parts(own);
    out.leading_marks = lead.chars().count().min(usize::from(u8::MAX)) as u8;
    out.trailing_marks = trail.chars().count().min(usize::from(u8::MAX)) as u8;
    out.odd_lead = lead.contains(['.', ',', ';', ':']);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Layer;

    fn lexicon() -> Lexicon {
        let mut l = Lexicon::empty();
        for (word, count) in [
            ("the", 100),
            ("in", 90),
            ("court", 5),
            ("he", 80),
            ("re", 0),
        ] {
            l.add(word, count, Layer::Base);
        }
        l
    }

    fn around(text: &str, word: &str) -> Surroundings {
        let start = text.find(word).unwrap();
        surroundings(text, Span::new(start, start + word.len()), &lexicon())
    }

    #[test]
    fn plain_words_around_are_not_rough() {
        assert_eq!(
            around("in the cuort he the", "cuort"),
            Surroundings::default()
        );
    }

    #[test]
    fn junk_fragments_and_odd_marks_are_told_apart() {
        let s = around("t3e ,the cuort re qwzx", "cuort");
        // `t3e` and `qwzx` are junk; `re` is a fragment no list counts, `,the` is oddly marked.
        assert_eq!((s.junk, s.rough), (2, 4));
        assert_eq!((s.junk_beside, s.rough_beside), (0, 2));
    }

    #[test]
    fn a_word_broken_across_the_line_is_one_chunk() {
        // `co-`/`urt` is `court`, on either side, and so where the line breaks were
        // flattened to spaces; after a blank line, `co-` stays a fragment.
        for text in [
            "in the cuort co-\nurt the",
            "in co-\r\nurt cuort he the",
            "in the cuort co- urt the",
            "in co- urt cuort he the",
        ] {
            assert_eq!(around(text, "cuort"), Surroundings::default(), "{text:?}");
        }
        let s = around("in the cuort co-\n\nurt the", "cuort");
        assert_eq!((s.junk, s.rough_beside), (2, 1));
        // The next chunk after the broken word is still the second one on that side.
        let s = around("in the cuort co-\nurt qwzx", "cuort");
        assert_eq!((s.junk, s.junk_beside), (1, 0));
        let s = around("qwzx co-\nurt cuort he the", "cuort");
        assert_eq!((s.junk, s.junk_beside), (1, 0));
    }

    #[test]
    fn damage_beside_is_junk_or_a_fragment_next_to_the_span() {
        let l = lexicon();
        let beside = |text: &str| {
            let at = text.find("cuort").unwrap();
            beside_damage(text, Span::new(at, at + 5), &l)
        };
        assert!(!beside("in the cuort he the"));
        assert!(beside("in qwzx cuort he the"));
        assert!(beside("in re cuort he the"));
        assert!(beside("in the cuort ,the in"));
        // Two chunks away is not beside.
        assert!(!beside("qwzx the cuort he re"));
    }

    #[test]
    fn the_marks_on_the_repaired_word_are_counted() {
        let s = around("the .'cuort,. in", "cuort");
        assert_eq!(
            (s.leading_marks, s.trailing_marks, s.odd_lead),
            (2, 2, true)
        );
        assert!(!around("the (cuort) in", "cuort").odd_lead);
    }

    #[test]
    fn white_space_of_several_bytes_is_no_trouble() {
        for space in ['\u{a0}', '\u{2003}', '\u{3000}', '\u{85}'] {
            let text = format!("qwzx{space}cuort{space}the");
            let s = around(&text, "cuort");
            assert_eq!((s.junk, s.junk_beside, s.rough), (1, 1, 1), "{space:?}");
        }
    }

    #[test]
    fn the_ends_of_the_text_are_no_trouble() {
        assert_eq!(around("cuort", "cuort"), Surroundings::default());
        let s = around("qwzx cuort", "cuort");
        assert_eq!((s.junk, s.junk_beside), (1, 1));
    }
}
