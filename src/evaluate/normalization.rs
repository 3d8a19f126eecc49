//! The scorer's normalisation of a text before it is compared (`score.py`, applied alike
//! to the OCR text, the ground truth and the output): Unicode NFC and unified line ends;
//! by default words hyphenated across a line break joined and whitespace flattened, and on
//! request typographic marks read as plain ones (`--fold`) or the lines kept
//! (`--keep-lines`), so that a user's transcription conventions can be measured as theirs.

use unicode_normalization::UnicodeNormalization;

/// How texts are normalised before they are compared: the options of `score.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalization {
    /// Typographic quotes, dashes, the ellipsis, the ligatures ﬁ ﬂ ﬀ ﬃ ﬄ and the no-break
    /// space read as their plain characters (`score.py --fold`).
    pub fold: bool,
    /// A hyphen (`-`, `¬` or a soft hyphen) after a letter or digit and followed by white
    /// space before the next one is removed with the space: `sub-` / `marines` is one word
    /// (off: `score.py --no-dehyphen`).
    pub dehyphen: bool,
    /// Lines kept (`score.py --keep-lines`): spaces and tabs within a line flattened, lines
    /// trimmed, line breaks counted as characters; no word joined across them.
    pub keep_lines: bool,
}

impl Default for Normalization {
    /// The scorer's default: flat and dehyphenated, not folded.
    fn default() -> Self {
        Normalization {
            fold: false,
            dehyphen: true,
            keep_lines: false,
        }
    }
}

impl std::fmt::Display for Normalization {
    /// How the scorer names the mode (`flat, dehyphenated`, `keep-lines, folded`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match (self.keep_lines, self.dehyphen) {
            (true, _) => "keep-lines",
            (false, true) => "flat, dehyphenated",
            (false, false) => "flat",
        };
        write!(f, "{mode}{}", if self.fold { ", folded" } else { "" })
    }
}

/// The scorer's default normalisation ([`Normalization::default`]): NFC, line ends
/// unified, words hyphenated across line breaks joined, whitespace runs flattened to one
/// space.
pub fn normalize(text: &str) -> String {
    normalize_with(text, Normalization::default())
}

/// `text` normalised as the scorer does with options `how`.
pub fn normalize_with(text: &str, how: Normalization) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut text: String = unified.nfc().collect();
    if how.fold {
        text = fold(&text);
    }
    if how.keep_lines {
        let lines: Vec<String> = text.split('\n').map(flatten).collect();
        return lines.join("\n").trim_matches('\n').to_owned();
    }
    if how.dehyphen {
        text = dehyphenate(&text);
    }
    flatten(&text)
}

/// White space as the scorer's patterns see it (Python's `\s`: Unicode white space and
/// the information separators U+001C–U+001F).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A word character as the scorer's patterns see it (Python's `\w`).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of `text` (runs of non-space characters) joined by one space.
fn flatten(text: &str) -> String {
    text.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a normalised text: its runs of non-space characters, each with the
/// character offset it starts at.
pub fn words_of(text: &str) -> (Vec<&str>, Vec<usize>) {
    let (mut words, mut starts) = (Vec::new(), Vec::new());
    let mut start: Option<(usize, usize)> = None;
    for (at, (i, c)) in text.char_indices().enumerate() {
        match (is_space(c), start) {
            (true, Some((byte, from))) => {
                words.push(&text[byte..i]);
                starts.push(from);
                start = None;
            }
            (false, None) => start = Some((i, at)),
            _ => {}
        }
    }
    if let Some((byte, from)) = start {
        words.push(&text[byte..]);
        starts.push(from);
    }
    (words, starts)
}

/// `text` with every line-break hyphen removed together with the white space after it:
/// a hyphen after a word character and before white space and a word character.
fn dehyphenate(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && is_word(chars[i - 1]);
        if after_word && matches!(c, '-' | '\u{ac}' | '\u{ad}') {
            let mut j = i + 1;
            while j < chars.len() && is_space(chars[j]) {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && is_word(chars[j]) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `text` with typographic marks read as plain ones (the scorer's `--fold` table).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{a0}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(text: &str, fold: bool, dehyphen: bool, keep_lines: bool) -> String {
        normalize_with(
            text,
            Normalization {
                fold,
                dehyphen,
                keep_lines,
            },
        )
    }

    #[test]
    fn the_default_joins_broken_words_and_flattens_space() {
        assert_eq!(normalize("a bark-\ned  word\r\n"), "a barked word");
        assert_eq!(
            normalize("sub- marines \t and\u{ac}\nmore"),
            "submarines andmore"
        );
        // A hyphen before a space and a mark, or after one, joins nothing.
        assert_eq!(
            normalize("well - known, (-) and- ?"),
            "well - known, (-) and- ?"
        );
    }

    #[test]
    fn a_piece_between_two_breaks_joins_both() {
        // The scorer looks around each hyphen in the text as given, so the middle piece
        // ends one join and starts the next.
        assert_eq!(normalize("a- b- c"), "abc");
        assert_eq!(normalize("x-\ny-\nz-\nw"), "xyzw");
    }

    #[test]
    fn options_follow_the_scorer() {
        let text = "“Oﬃce”—the con\u{2010} trary\u{a0}case…  sub-\nmarines\n\n  next  line \n";
        // Each expected line is what score.py's normalize gives for the same options.
        assert_eq!(
            with(text, false, true, false),
            "“Oﬃce”—the con\u{2010} trary case… submarines next line"
        );
        assert_eq!(
            with(text, true, true, false),
            "\"Office\"-the contrary case... submarines next line"
        );
        assert_eq!(
            with(text, false, false, false),
            "“Oﬃce”—the con\u{2010} trary case… sub- marines next line"
        );
        assert_eq!(
            with(text, true, true, true),
            "\"Office\"-the con- trary case... sub-\nmarines\n\nnext line"
        );
        assert_eq!(Normalization::default().to_string(), "flat, dehyphenated");
    }

    #[test]
    fn words_carry_their_character_offsets() {
        let (words, starts) = words_of("né a\n\nbc");
        assert_eq!(words, ["né", "a", "bc"]);
        assert_eq!(starts, [0, 3, 6]);
    }
}
