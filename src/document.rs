//! A decoded text with a line index, so that byte offsets can be reported as the
//! 1-based line and character column a person sees in an editor.

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// The start byte of every line of a text; a line ends after `\n` (so `\r\n` and a lone
/// `\r` inside a line are both left as they are).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from). A
    /// byte-order mark opening the line is not counted, as editors do not show it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text.get(start..offset).map_or(offset - start, columns) + 1;
        Position { line, col }
    }

    /// The byte range of 1-based line `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        Some((start, end))
    }
}

/// How many columns `line_start`, the beginning of a line, takes: its characters, but for
/// a byte-order mark opening it, which editors do not show.
pub fn columns(line_start: &str) -> usize {
    crate::decode::after_byte_order_mark(line_start)
        .chars()
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_characters() {
        let text = "ab\r\nçd e\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, col: 1 });
        assert_eq!(idx.position(text, 4), Position { line: 2, col: 1 });
        let e = text.find('e').unwrap();
        assert_eq!(idx.position(text, e), Position { line: 2, col: 4 });
        assert_eq!(
            idx.position(text, text.len() - 1),
            Position { line: 3, col: 1 }
        );
        assert_eq!(idx.line_span(text, 1), Some((0, 2)));
        assert_eq!(&text[4..idx.line_span(text, 2).unwrap().1], "çd e");
        // A byte-order mark is not shown by an editor, so not counted.
        let marked = "\u{feff}Tbe end";
        let idx = LineIndex::new(marked);
        assert_eq!(idx.position(marked, 3), Position { line: 1, col: 1 });
        assert_eq!(idx.position(marked, 7), Position { line: 1, col: 5 });
    }
}
