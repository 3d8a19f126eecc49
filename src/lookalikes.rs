//! Letters of another script that print like Latin ones (Cyrillic `е`, Greek `Α`) read
//! inside a Latin word: an OCR engine reading several languages at once puts them there
//! (`Ministеr`, `Αnd`). The word is written with the Latin letters it shows: no glyph of the
//! page changes, so the repair is as sure as the text is Latin, and searches and spell
//! checkers downstream find the word again. When it is then no known word (a name,
//! `Barkеll`), it is still weighed for misreadings, whose repair goes first. The look-alikes
//! are Unicode's confusables (UTS #39), not a list of our own.

use crate::decide::learned;
use crate::detect::is_known;
use crate::edit::{Edit, EditKind, Span};
use crate::inside::Scan;
use unicode_script::{Script, UnicodeScript};
use unicode_security::confusable_detection::skeleton;

/// The confidence of a word written in the Latin letters it shows. The letters print the
/// same, so it is wrong only where a Latin word truly mixes scripts: none of the 376,000
/// words of the development ground truth does.
pub const LOOK_ALIKE_CONFIDENCE: f64 = 0.99;

/// A word read with letters of another script, written in Latin ones.
#[derive(Debug, Clone)]
pub struct LookAlike {
    /// The token's index.
    pub index: usize,
    /// The edit.
    pub edit: Edit,
    /// Whether the Latin reading is a known word. When it is not (a name, `Barkеll`, or a
    /// word also misread), the word is still weighed for misreadings, and the edit yields
    /// to a repair of it.
    pub known: bool,
}

/// The Latin letter `c` prints like, when it is a letter of another script that prints as
/// one.
fn latin_look_alike(c: char) -> Option<char> {
    let mut buf = [0; 4];
    let mut shape = skeleton(c.encode_utf8(&mut buf));
    match (shape.next(), shape.next()) {
        (Some(l), None) if l.is_ascii_alphabetic() => Some(l),
        _ => None,
    }
}

/// `word` written in the Latin letters it shows, and the first letter of another script in
/// it: when it is a Latin word (letters only, at least as many of them Latin as not) with
/// letters of another script that each print like a Latin one, or, `among_latin` (between
/// Latin words), any word of such letters (a lone `а`). Beside a single Latin letter or
/// none, a Greek one is more likely a symbol than a misreading (`νe`, `the α rays`): such a
/// word is left.
pub fn in_latin(word: &str, among_latin: bool) -> Option<(String, char)> {
    let (mut latin, mut greek, mut other) = (0, false, None);
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !c.is_alphabetic() {
            return None;
        }
        match c.script() {
            Script::Latin => {
                latin += 1;
                out.push(c);
            }
            Script::Common | Script::Inherited => out.push(c),
            script => {
                greek |= script == Script::Greek;
                out.push(latin_look_alike(c)?);
                other = Some(other.map_or((c, 1), |(first, n)| (first, n + 1)));
            }
        }
    }
    let (first, n) = other?;
    let latin_enough = latin >= n || among_latin;
    (latin_enough && (latin >= 2 || !greek)).then_some((out, first))
}

/// True when `word` has Latin letters and no letter of another script.
fn is_latin(word: &str) -> bool {
    let mut scripts = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.script());
    let mut latin = false;
    scripts.all(|s| {
        latin |= s == Script::Latin;
        matches!(s, Script::Latin | Script::Common | Script::Inherited)
    }) && latin
}

/// The words of `scan` (its tokens not skipped) read with letters of another script, in
/// the Latin letters they show.
pub fn look_alikes(scan: Scan) -> Vec<LookAlike> {
    let mut out = Vec::new();
    for (index, tok) in scan.tokens.iter().enumerate() {
        if scan.skip.get(index).copied().unwrap_or(false) {
            continue;
        }
        let word = tok.text(scan.text);
        if word.is_ascii() {
            continue;
        }
        let neighbours = [index.checked_sub(1), Some(index + 1)];
        let mut beside = neighbours
            .into_iter()
            .flatten()
            .filter_map(|i| scan.tokens.get(i))
            .map(|t| t.text(scan.text))
            .peekable();
        let among_latin = beside.peek().is_some() && beside.all(is_latin);
        let Some((latin, first)) = in_latin(word, among_latin) else {
            continue;
        };
        let known = is_known(&latin, scan.lexicon);
        // An unknown reading only of a word with Latin letters of its own.
        let own_latin = word.chars().filter(|c| c.script() == Script::Latin).count();
        if !known && own_latin < 2 {
            continue;
        }
        let reason = format!(
            "`{word}` mixes scripts: its {} `{first}` prints like a Latin letter, and in Latin letters it reads `{latin}`",
            first.script().full_name()
        );
        let span = Span::new(tok.span.start, tok.span.end);
        let edit = learned(
            span,
            word,
            latin,
            EditKind::Substitute,
            LOOK_ALIKE_CONFIDENCE,
            reason,
            scan.thresholds,
        );
        out.extend(edit.map(|edit| LookAlike { index, edit, known }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_word_with_letters_of_another_script_is_written_in_latin() {
        // Cyrillic Т and е, Greek Α and ο.
        assert_eq!(in_latin("Тhe", false), Some(("The".into(), 'Т')));
        assert_eq!(in_latin("Ministеr", false), Some(("Minister".into(), 'е')));
        assert_eq!(in_latin("Αnd", false), Some(("And".into(), 'Α')));
        assert_eq!(
            in_latin("cοmmittee", false),
            Some(("committee".into(), 'ο'))
        );
        // A short word too, but not with a Greek letter beside a single Latin one.
        assert_eq!(in_latin("tо", false), Some(("to".into(), 'о')));
        assert_eq!(in_latin("νe", false), None);
        // Between Latin words, a word of look-alikes alone; but not a Greek letter.
        assert_eq!(in_latin("а", true), Some(("a".into(), 'а')));
        assert_eq!(in_latin("сар", true), Some(("cap".into(), 'с')));
        assert_eq!(in_latin("α", true), None);
    }

    #[test]
    fn words_of_one_script_and_mostly_foreign_words_are_left() {
        for word in [
            "The",     // Latin only
            "Москва",  // Cyrillic only
            "Ελλάδα",  // Greek only
            "μm",      // μ prints like no Latin letter
            "αβγx",    // mostly Greek
            "сар",     // Cyrillic only, though every letter prints like a Latin one
            "Щedrin",  // Щ prints like no Latin letter
            "α-helix", // not letters only
            "café",    // Latin, with an accent
        ] {
            assert_eq!(in_latin(word, false), None, "{word}");
        }
    }
}
