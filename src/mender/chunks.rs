//! How a long text is cut for mending in parallel: into chunks of about [`CHUNK_BYTES`],
//! each ending after a blank line where one comes, never inside a word broken across a line.
//! The chunks depend on the text alone, not on the number of threads, so the output does not.

/// Texts longer than this are mended in chunks of about this size, cut after blank lines.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Byte ranges of `text` of at least [`CHUNK_BYTES`] where the text allows, each ending
/// after a blank line, or, when none comes soon, after a line that does not end with a
/// hyphen (a word broken there would be cut in two), or, in a line too long for one to come
/// soon (a text with its line breaks taken out), after a space that does not follow a
/// hyphen: so that a long line is mended in parallel, and streamed a piece at a time.
pub(crate) fn chunks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > CHUNK_BYTES {
        let mut from = start + CHUNK_BYTES;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let rest = &text[from..];
        // How far a cut is looked for before the next kind of place is tried.
        let mut soon = CHUNK_BYTES.min(rest.len());
        while !rest.is_char_boundary(soon) {
            soon += 1;
        }
        // A blank line starting inside the first CHUNK_BYTES (its second break may be just
        // past them).
        let blank = || {
            let window = rest.get(..soon + 1).unwrap_or(&rest[..soon]);
            let at = window.find("\n\n").filter(|&at| at < CHUNK_BYTES);
            at.map(|at| at + 2)
        };
        let not_broken = |at: &usize| !rest[..*at].trim_end_matches('\r').ends_with('-');
        // Just after the first `mark` in `hay` that does not follow a hyphen.
        let after = |hay: &str, mark: char| {
            let mut marks = hay.match_indices(mark).map(|(at, _)| at);
            marks.find(not_broken).map(|at| at + 1)
        };
        let soon_text = &rest[..soon];
        // After a blank line; a line; a space; or, in a run of text with no space at all, the
        // next line end, however far.
        let Some(at) = blank()
            .or_else(|| after(soon_text, '\n'))
            .or_else(|| after(soon_text, ' '))
            .or_else(|| after(rest, '\n'))
        else {
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

    #[test]
    fn a_line_too_long_is_cut_at_spaces_but_not_in_a_broken_word() {
        let line = "some words and an evi- dence of it ".repeat(8 * CHUNK_BYTES / 35);
        let cs = chunks(&line);
        assert!(cs.len() >= 7, "{}", cs.len());
        for &(_, end) in &cs[..cs.len() - 1] {
            assert!(line[..end].ends_with(' '));
            assert!(!line[..end].ends_with("- "));
        }
        // Line ends still come first where there are some.
        let lines = "word ".repeat(CHUNK_BYTES / 10) + "\n";
        let text = lines.repeat(6);
        let cs = chunks(&text);
        assert!(cs.len() > 1);
        assert!(cs.iter().all(|&(_, end)| text[..end].ends_with('\n')));
    }
}
