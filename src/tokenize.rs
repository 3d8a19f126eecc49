//! Stage 2, tokenize: find the words of the text. A token is the part of a
//! whitespace-delimited chunk from its first to its last word-like piece (Unicode word
//! boundaries), so damaged words such as `rnountair.s`, `w-'l` or `t"o` stay one token,
//! while the punctuation around a word (`(word),`) stays outside it.

use crate::edit::Span;
use unicode_segmentation::UnicodeSegmentation;

/// One token: a word, a number, or a damaged mixture, with the chunk it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token itself: from the first to the last letter or digit of its chunk.
    pub span: Span,
    /// The whole whitespace-delimited chunk, surrounding punctuation included.
    pub chunk: Span,
    /// True when the token is the last chunk of its line.
    pub line_end: bool,
    /// True when the token is the first chunk of its line.
    pub line_start: bool,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }

    /// The word-like pieces inside the token (Unicode word boundaries), e.g. `Quarterly`
    /// and `Winter` in `Quarterly,Winter`.
    pub fn pieces<'a>(&self, text: &'a str) -> impl Iterator<Item = Span> + 'a {
        let start = self.span.start;
        word_pieces(&text[self.span.start..self.span.end])
            .map(move |(i, w)| Span::new(start + i, start + i + w.len()))
    }

    /// What follows the token inside its chunk (trailing punctuation).
    pub fn trailing<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.end..self.chunk.end]
    }

    /// What precedes the token inside its chunk (leading punctuation).
    pub fn leading<'a>(&self, text: &'a str) -> &'a str {
        &text[self.chunk.start..self.span.start]
    }
}

/// True for Unicode white space (spaces, tabs, line breaks, form feeds) and the byte-order
/// mark, as blank as a space: no part of the text's first word (nor of a word after it,
/// where files were joined).
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == crate::decode::BYTE_ORDER_MARK
}

/// True for the characters that separate chunks: [blanks](is_blank) and the dashes that
/// stand between words (`removed—a`).
pub fn is_separator(c: char) -> bool {
    is_blank(c) || matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Splits `text` into tokens, in order. Chunks with no letter or digit (a lone `—`, `*`)
/// yield no token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut pos = 0;
    let mut line_start = true;
    while pos < text.len() {
        let rest = &text[pos..];
        let Some(skip) = rest.find(|c: char| !is_separator(c)) else {
            break;
        };
        if rest[..skip].contains('\n') {
            line_start = true;
        }
        let start = pos + skip;
        let len = text[start..]
            .find(is_separator)
            .unwrap_or(text.len() - start);
        let end = start + len;
        let line_end = end == text.len() || {
            let after = &text[end..];
            let gap = after
                .find(|c: char| !is_separator(c))
                .unwrap_or(after.len());
            after[..gap].contains('\n') || end + gap == text.len()
        };
        if let Some(tok) = chunk_token(text, Span::new(start, end), line_start, line_end) {
            tokens.push(tok);
        }
        line_start = false;
        pos = end;
    }
    tokens
}

/// True when `word`, followed by a full stop, reads as an abbreviation (`Mr.`, `St.`, `Co.`,
/// `J.`): a short capitalised word. Such a point ends no sentence and splits no word.
pub fn looks_abbreviated(word: &str) -> bool {
    word.chars().count() <= 4 && word.starts_with(char::is_uppercase)
}

/// True for the stray marks a scanner leaves glued to a word (`th#`, `the~`, `»as`,
/// `\Vhen`): signs that print never sets against a letter, so beside one they are part of
/// the (damaged) word rather than punctuation around it.
pub fn is_stray_mark(c: char) -> bool {
    matches!(
        c,
        '#' | '~'
            | '^'
            | '|'
            | '\\'
            | '{'
            | '}'
            | '<'
            | '>'
            | '_'
            | '='
            | '«'
            | '»'
            | '■'
            | '•'
            | '¡'
            | '\u{FFFD}'
    )
}

/// Where the token starts when stray marks sit glued before its first letter at `at`.
fn glued_marks_before(text: &str, chunk_start: usize, at: usize) -> usize {
    if !text[at..].starts_with(char::is_alphabetic) {
        return at;
    }
    let marks = text[chunk_start..at]
        .chars()
        .rev()
        // A footnote star follows its word; one glued before a letter is a speck (`*as`).
        .take_while(|&c| is_stray_mark(c) || c == '*')
        .map(char::len_utf8)
        .sum::<usize>();
    at - marks
}

/// Where the token ends when stray marks sit glued after its last letter at `at`.
fn glued_marks_after(text: &str, at: usize, chunk_end: usize) -> usize {
    if !text[..at].ends_with(char::is_alphabetic) {
        return at;
    }
    let marks = text[at..chunk_end]
        .chars()
        .take_while(|&c| is_stray_mark(c))
        .map(char::len_utf8)
        .sum::<usize>();
    at + marks
}

/// The token a single whitespace-free chunk holds (`(th#),` → `th#`), empty when it has no
/// letter or digit: how training cuts words, so it sees them as the mender does.
pub fn chunk_core(chunk: &str) -> &str {
    chunk_token(chunk, Span::new(0, chunk.len()), false, false)
        .map_or("", |t| &chunk[t.span.start..t.span.end])
}

fn chunk_token(text: &str, chunk: Span, line_start: bool, line_end: bool) -> Option<Token> {
    let s = &text[chunk.start..chunk.end];
    // From the first piece's start to the last one's end (a chunk's pieces are not kept:
    // most chunks are one word, and a token is made for each word of a text).
    let (first, last) = match plain_word(s) {
        Some(len) => (0, len),
        None => {
            let mut pieces = word_pieces(s).map(|(i, w)| (i, i + w.len()));
            let (first, end) = pieces.next()?;
            let last = pieces.last().map_or(end, |(_, e)| e);
            // A soft hyphen ending the word is a line break's hyphen (`exam\u{AD}`, as some
            // OCR engines write one), not a letter: it follows the token as `-` does, though
            // Unicode counts it part of the word.
            (
                first,
                first + s[first..last].trim_end_matches('\u{AD}').len(),
            )
        }
    };
    let start = glued_marks_before(text, chunk.start, chunk.start + first);
    let end = glued_marks_after(text, chunk.start + last, chunk.end);
    Some(Token {
        span: Span::new(start, end),
        chunk,
        line_end,
        line_start,
    })
}

/// The word segments of `chunk` (Unicode word boundaries) with a letter or digit in them,
/// with their byte offsets.
fn word_pieces(chunk: &str) -> impl Iterator<Item = (usize, &str)> {
    chunk
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
}

/// For a chunk of ASCII letters, perhaps closed by marks that never join letters at a
/// word's end (`word`, `said,`, `end.`, `what?!`), the length of its letters: its one word
/// segment, found without the Unicode tables (most chunks of English text are such).
fn plain_word(chunk: &str) -> Option<usize> {
    let letters = chunk.bytes().take_while(u8::is_ascii_alphabetic).count();
    let closed = chunk.as_bytes()[letters..]
        .iter()
        .all(|b| matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?'));
    (letters > 0 && closed).then_some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_damaged_words_whole() {
        assert_eq!(
            words("the rnountair.s, w-'l t\"o (and) U.S. 1,986 — x"),
            vec![
                "the",
                "rnountair.s",
                "w-'l",
                "t\"o",
                "and",
                "U.S",
                "1,986",
                "x"
            ]
        );
    }

    #[test]
    fn stray_marks_glued_to_letters_belong_to_the_word() {
        assert_eq!(
            words("th# »as wi~th (the~), 5# #, a* *as"),
            vec!["th#", "»as", "wi~th", "the~", "5", "a", "*as"]
        );
    }

    #[test]
    fn pieces_follow_word_boundaries() {
        let text = "Quarterly,Winter";
        let t = &tokenize(text)[0];
        let pieces: Vec<&str> = t.pieces(text).map(|p| &text[p.start..p.end]).collect();
        assert_eq!(pieces, vec!["Quarterly", "Winter"]);
    }

    #[test]
    fn marks_line_ends_and_starts() {
        let text = " exam-\r\n  ple of\n\nend";
        let t = tokenize(text);
        assert!(t[0].line_start && t[0].line_end);
        assert_eq!(t[0].trailing(text), "-");
        assert!(t[1].line_start && !t[1].line_end);
        assert!(!t[2].line_start && t[2].line_end);
        assert!(t[3].line_start && t[3].line_end);
        // A soft hyphen, which Unicode keeps inside the word, ends it as `-` does.
        let soft = "exam\u{AD}\nple co\u{AD}operation";
        let t = tokenize(soft);
        assert_eq!(t[0].text(soft), "exam");
        assert_eq!(t[0].trailing(soft), "\u{AD}");
        assert_eq!(t[2].text(soft), "co\u{AD}operation");
        // A byte-order mark before the first word is no part of it.
        let marked = "\u{feff}Tbe end";
        let t = tokenize(marked);
        assert_eq!((t[0].chunk.start, t[0].line_start), (3, true));
    }

    #[test]
    fn a_plain_word_is_the_word_segment_unicode_finds() {
        assert_eq!(plain_word("said,"), Some(4));
        assert_eq!(plain_word("what?!"), Some(4));
        // Marks that may join letters, and marks alone, take the Unicode path.
        for chunk in ["U.S.", "don't", "dogs'", "w-'l", "café", ".", "a1"] {
            assert_eq!(plain_word(chunk), None, "{chunk}");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_words_split_as_unicode_splits_them(chunk in "[a-zA-Z]{0,6}[.,;:!?a-z'\"-]{0,5}") {
            if let Some(len) = plain_word(&chunk) {
                let pieces: Vec<(usize, &str)> = word_pieces(&chunk).collect();
                proptest::prop_assert_eq!(pieces, vec![(0, &chunk[..len])]);
            }
        }
    }
}
