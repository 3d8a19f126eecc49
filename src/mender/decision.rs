//! A decision written as an edit: the case its reading takes in the text (`lohn` is `John`,
//! `Iittle` mid-sentence is `little`), the reason the reviewer reads, and the span it
//! replaces (a speck deleted takes a space with it).

use super::token::{sentence_start, Site};
use super::Mender;
use crate::casing::{capitalize, in_capitals, lower_first, misled_case, CaseShape};
use crate::decide::Decision;
use crate::edit::{Candidate, Edit, EditKind, Span};
use crate::tokenize::Token;

impl Mender {
    /// The case `best`, a reading of the word at `site` (in `text`, of `tokens`), takes
    /// where its own case would mislead, or its first letter was misread so that the place
    /// says more; `None`: as it is. `sentence_start` says whether the word opens a sentence.
    pub(super) fn cased_reading(
        &self,
        text: &str,
        tokens: &[Token],
        site: Site,
        best: &Candidate,
        sentence_start: bool,
    ) -> Option<String> {
        if best.kind != EditKind::Substitute {
            return None;
        }
        let Site {
            word,
            first: i,
            last,
            ..
        } = site;
        // Beside a word in capitals on its line: a heading.
        let heading = (!tokens[i].line_start && i > 0 && in_capitals(tokens[i - 1].text(text)))
            || (!tokens[last].line_end
                && tokens
                    .get(last + 1)
                    .is_some_and(|t| in_capitals(t.text(text))));
        if let Some(cased) = misled_case(word, &best.text, heading) {
            return Some(cased);
        }
        if !first_letter_misread(word, &best.text) {
            return None;
        }
        // The first letter itself was misread, so its case says nothing: the place does,
        // and inside a sentence so does how the training text wrote the word.
        let shape = CaseShape::of(word);
        let inside = mid_sentence(text, tokens, i);
        if inside
            && matches!(shape, CaseShape::Lower | CaseShape::Title)
            && self.channel.written_as_name(&best.text)
        {
            // `lohn` for `John`: a name, whatever the lexicon lists besides (`john`).
            Some(capitalize(&best.text))
        } else if shape == CaseShape::Title
            && inside
            && self
                .lexicon
                .get(&best.text)
                .is_some_and(|e| !e.form.chars().any(char::is_uppercase))
        {
            // `Iittle` mid-sentence: the capital was the misreading (`l` read as `I`).
            Some(lower_first(&best.text))
        } else if sentence_start && shape == CaseShape::Lower {
            // `lie` for `He` opening a sentence: the capital was misread as a small letter.
            Some(capitalize(&best.text))
        } else {
            None
        }
    }
}

/// What the reviewer is told of decision `d` on `word` (`known_word`: the lexicon lists it).
pub(super) fn reason(word: &str, known_word: bool, d: &Decision) -> String {
    let reason = match d.best.kind {
        EditKind::Split => format!(
            "`{word}` is {} but `{}` are {} (frequency and context agree)",
            if known_word {
                // `jurymen`, `tobe`: the word list has it, no text counts it.
                "a listed form no text uses"
            } else {
                "not a word"
            },
            d.best.text,
            match d.best.text.split_whitespace().count() {
                2 => "two".to_owned(),
                3 => "three".to_owned(),
                n => n.to_string(),
            }
        ),
        EditKind::RestoreHyphen => format!(
            "`{word}` is not a word; `{}` is written so elsewhere in the input",
            d.best.text
        ),
        EditKind::Number => format!(
            "`{word}` is a number read with letters for some of its digits: `{}` (OCR cost {:.2})",
            d.best.text, d.best.channel_cost
        ),
        EditKind::Delete => format!(
            "`{word}` stands alone between words that go together without it: a speck read as a letter (OCR cost {:.2})",
            d.best.channel_cost
        ),
        _ if known_word => format!(
            "`{word}` is a word, but `{}` fits here far better and the scanner could well have misread it so (OCR cost {:.2})",
            d.best.text, d.best.channel_cost
        ),
        _ => format!(
            "`{word}` is not in the lexicon; `{}` is a likely misreading of it (OCR cost {:.2}{})",
            d.best.text,
            d.best.channel_cost,
            if d.best.context > 0.0 {
                ", fits the neighbouring words"
            } else {
                ""
            }
        ),
    };
    match d.held {
        Some(hold) => reason + &hold.reason(word, &d.best.text),
        None => reason,
    }
}

/// Decision `d` on `word` at `span` of `text` as an edit, with `reason`. A speck deleted
/// takes the space after it (or, at a line's end, the one before); its alternatives, words
/// a reviewer may pick instead, keep that space.
pub(super) fn written(text: &str, span: Span, word: &str, d: Decision, reason: String) -> Edit {
    let widened = match d.best.kind {
        EditKind::Delete if text[span.end..].starts_with(' ') => {
            Some((Span::new(span.start, span.end + 1), false))
        }
        EditKind::Delete if text[..span.start].ends_with(' ') => {
            Some((Span::new(span.start - 1, span.end), true))
        }
        _ => None,
    };
    let (span, before, alternatives) = match widened {
        Some((s, space_first)) => {
            let spaced = |a: &String| {
                if space_first {
                    format!(" {a}")
                } else {
                    format!("{a} ")
                }
            };
            let alternatives = d.alternatives.iter().map(spaced).collect();
            (s, &text[s.start..s.end], alternatives)
        }
        None => (span, word, d.alternatives),
    };
    Edit {
        span,
        before: before.to_owned(),
        after: d.best.text,
        kind: d.best.kind,
        confidence: d.confidence,
        status: d.status,
        reason,
        alternatives,
        evidence: Some(d.evidence),
    }
}

/// True when the token at `i` follows a word ending in a small letter within a sentence,
/// where a common word is written small.
fn mid_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    !sentence_start(text, tokens, i)
        && tokens[i - 1]
            .text(text)
            .chars()
            .last()
            .is_some_and(char::is_lowercase)
}

/// True when the first letter of `word` is not the first letter of `replacement` in any
/// case: the first letter itself was misread (`Iittle` for `little`, `lie` for `he`), or a
/// digit was read in its place (`8ubsequently`), so its case says nothing.
pub(super) fn first_letter_misread(word: &str, replacement: &str) -> bool {
    match (word.chars().next(), replacement.chars().next()) {
        (Some(w), Some(r)) => {
            (w.is_alphabetic() || w.is_numeric() && r.is_alphabetic())
                && !w.to_lowercase().eq(r.to_lowercase())
        }
        _ => false,
    }
}
