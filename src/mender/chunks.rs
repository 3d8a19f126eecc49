//! How a long text is cut for mending in parallel: into chunks of about [`CHUNK_BYTES`],
//! each ending after a blank line where one comes, never inside a word broken across a line.
//! The chunks depend on the text alone, not on the number of threads, so the output does not.

/// Texts longer than this are mended in chunks of about this size, cut after blank lines.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Byte ranges of `text` of at least [`CHUNK_BYTES`] where the text allows, each ending
/// after a blank line, or, when none comes soon, after a line that does not end with a
/// hyphen (a word broken there would be cut in two).
pub(crate) fn chunks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > CHUNK_BYTES {
        let mut from = start + CHUNK_BYTES;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let rest = &text[from..];
        let blank = rest
            .find("\n\n")
            .filter(|&at| at < CHUNK_BYTES)
            .map(|at| at + 2);
        let line = || {
            rest.match_indices('\n')
                .map(|(at, _)| at)
                .find(|&at| !rest[..at].trim_end_matches('\r').ends_with('-'))
                .map(|at| at + 1)
        };
        let Some(at) = blank.or_else(line) else {
            break;
        };
        let end = from + at;
        out.push((start, end));
        start = end;
    }
    out.push((start, text.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_and_end_after_blank_lines() {
        let para = "word ".repeat(4000) + "\n\n";
        let text = para.repeat(40);
        let cs = chunks(&text);
        assert!(cs.len() > 1);
        assert_eq!(cs[0].0, 0);
        assert_eq!(cs.last().unwrap().1, text.len());
        for w in cs.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(text[..w[0].1].ends_with("\n\n"));
        }
        assert_eq!(chunks("short"), vec![(0, 5)]);
        let multibyte = "é".repeat(CHUNK_BYTES) + "\n\nrest";
        assert_eq!(chunks(&multibyte).len(), 2);
        // With no blank line, lines are cut, but not after a hyphen.
        let lines = "a line of words and an exam-\nple\n".repeat(3 * CHUNK_BYTES / 34);
        let cs = chunks(&lines);
        assert!(cs.len() >= 3);
        assert!(cs.iter().all(|&(_, end)| lines[..end].ends_with('\n')));
        assert!(cs
            .iter()
            .all(|&(_, end)| !lines[..end].ends_with("exam-\n")));
        assert_eq!(chunks(&"x".repeat(3 * CHUNK_BYTES)).len(), 1);
    }
}
