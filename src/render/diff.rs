//! The unified diff from the original to the corrected text: readable by a person and
//! applicable with `patch -p1` or `git apply`; on a terminal, coloured with the changed words
//! highlighted.

use anstyle::{AnsiColor, Effects, Style};
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

/// A unified diff of `original` → `corrected` with git-style `a/`, `b/` headers naming
/// `path`; empty when the two are equal.
pub fn unified_diff(original: &str, corrected: &str, path: &str) -> String {
    whole(original, corrected, path, false)
}

/// The same diff as [`unified_diff`] with terminal colours: removed lines red, added lines
/// green, and within them the changed words in bold reverse video.
pub fn coloured_diff(original: &str, corrected: &str, path: &str) -> String {
    whole(original, corrected, path, true)
}

fn whole(original: &str, corrected: &str, path: &str, colour: bool) -> String {
    let mut writer = DiffWriter::new(path, colour);
    writer.piece(original, corrected) + &writer.finish()
}

/// Lines of the original and of the corrected text before a piece of them (they differ once
/// a line-break has been rejoined).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct LineOffset {
    original: usize,
    corrected: usize,
}

/// Context lines around each change.
const CONTEXT: usize = 3;

/// A held hunk is written out anyway once its text passes this size.
const MAX_HELD_BYTES: usize = 16 << 20;

/// A unified diff made a piece at a time, for a text read as a stream: the pieces of the
/// original and of the corrected text are given in turn, each ending after a line, and the
/// diff comes out as they do, the same as the whole text's diff. A hunk that reaches the
/// end of a piece is held back until the next piece, which may extend it.
#[derive(Debug)]
pub struct DiffWriter {
    header: Option<String>,
    colour: bool,
    /// The held text: the original and the corrected text of the last hunk, to the end of
    /// the pieces so far.
    held: (String, String),
    /// Lines before the held text.
    offset: LineOffset,
}

impl DiffWriter {
    /// A diff of the text at `path` (coloured for a terminal when `colour`).
    pub fn new(path: &str, colour: bool) -> Self {
        DiffWriter {
            header: Some(diff_header(path, colour)),
            colour,
            held: (String::new(), String::new()),
            offset: LineOffset::default(),
        }
    }

    /// The diff lines the next piece completes (the header comes before the first hunk).
    pub fn piece(&mut self, original: &str, corrected: &str) -> String {
        let (mut old, mut new) = std::mem::take(&mut self.held);
        old.push_str(original);
        new.push_str(corrected);
        let diff = line_diff(&old, &new);
        let mut groups = diff.grouped_ops(CONTEXT);
        let (old_lines, new_lines) = (diff.old_len(), diff.new_len());
        // A hunk whose last change is near the end may join with the next piece's first;
        // else the last lines, unchanged, may be the leading context of that hunk.
        let near_end = groups.last().filter(|group| {
            let last_change = group
                .iter()
                .rev()
                .find(|op| op.tag() != similar::DiffTag::Equal)
                .map_or(0, |op| op.old_range().end);
            old_lines - last_change <= 2 * CONTEXT
        });
        let (held_from_old, held_from_new) = match near_end {
            Some(_) if old.len() > MAX_HELD_BYTES => (old_lines, new_lines),
            Some(group) => (group[0].old_range().start, group[0].new_range().start),
            None => (
                old_lines.saturating_sub(CONTEXT),
                new_lines.saturating_sub(CONTEXT),
            ),
        };
        if near_end.is_some() && held_from_old < old_lines {
            groups.pop();
        }
        let out = self.render(&diff, &groups);
        self.held = (
            diff.iter_old_slices().skip(held_from_old).collect(),
            diff.iter_new_slices().skip(held_from_new).collect(),
        );
        self.offset.original += held_from_old;
        self.offset.corrected += held_from_new;
        out
    }

    /// The diff lines still held back, at the end of the text.
    pub fn finish(mut self) -> String {
        let (old, new) = std::mem::take(&mut self.held);
        let diff = line_diff(&old, &new);
        let groups = diff.grouped_ops(CONTEXT);
        self.render(&diff, &groups)
    }

    fn render(&mut self, diff: &TextDiff<'_, '_, str>, groups: &[Vec<similar::DiffOp>]) -> String {
        let mut out = String::new();
        if groups.is_empty() {
            return out;
        }
        if let Some(header) = self.header.take() {
            out.push_str(&header);
        }
        let colour = self.colour;
        let paint = |s: Style| if colour { s } else { Style::new() };
        let cyan = paint(AnsiColor::Cyan.on_default());
        let offset = self.offset;
        for group in groups {
            let (Some(first), Some(last)) = (group.first(), group.last()) else {
                continue;
            };
            let old = range(
                offset.original + first.old_range().start,
                offset.original + last.old_range().end,
            );
            let new = range(
                offset.corrected + first.new_range().start,
                offset.corrected + last.new_range().end,
            );
            let _ = writeln!(out, "{cyan}@@ -{old} +{new} @@{cyan:#}");
            for op in group {
                for change in diff.iter_inline_changes(op) {
                    let (sign, line) = match change.tag() {
                        ChangeTag::Delete => ('-', paint(AnsiColor::Red.on_default())),
                        ChangeTag::Insert => ('+', paint(AnsiColor::Green.on_default())),
                        ChangeTag::Equal => (' ', Style::new()),
                    };
                    let _ = write!(out, "{line}{sign}");
                    let mut ended = false;
                    for (emphasised, text) in change.iter_strings_lossy() {
                        ended = text.ends_with('\n');
                        let text = text.strip_suffix('\n').unwrap_or(&text);
                        if emphasised && colour {
                            let strong = line.effects(Effects::BOLD | Effects::INVERT);
                            let _ = write!(out, "{line:#}{strong}{text}{strong:#}{line}");
                        } else {
                            out.push_str(text);
                        }
                    }
                    let _ = writeln!(out, "{line:#}");
                    if !ended {
                        out.push_str("\\ No newline at end of file\n");
                    }
                }
            }
        }
        out
    }
}

/// The line diff of `old` → `new`, with lines ended by `\n` alone, as `patch` and `git`
/// read them: a lone carriage return (an old Mac line end, or a stray one in a scan) is
/// part of its line.
fn line_diff<'t>(old: &'t str, new: &'t str) -> TextDiff<'t, 't, str> {
    let lines = |text: &'t str| text.split_inclusive('\n').collect::<Vec<&'t str>>();
    TextDiff::configure().diff_slices(&lines(old), &lines(new))
}

/// The `---`/`+++` header of a diff of `path`.
fn diff_header(path: &str, colour: bool) -> String {
    let path = path.trim_start_matches("./");
    let bold = if colour {
        Style::new().effects(Effects::BOLD)
    } else {
        Style::new()
    };
    format!("{bold}--- a/{path}\n+++ b/{path}{bold:#}\n")
}

/// A hunk's line range as unified diffs write it (`start,len`; `start` alone for one line;
/// an empty range names the line before it).
fn range(start: usize, end: usize) -> String {
    match end.saturating_sub(start) {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        len => format!("{},{len}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_only() {
        let d = unified_diff("one\ntwo\nthree\n", "one\n2\nthree\n", "x.txt");
        assert!(d.starts_with("--- a/x.txt\n+++ b/x.txt\n"));
        assert!(d.contains("-two\n+2\n"));
        assert_eq!(unified_diff("same", "same", "x"), "");
    }

    #[test]
    fn marks_missing_final_newline() {
        let d = unified_diff("a\nb", "a\nc", "x");
        assert!(d.contains("\\ No newline at end of file"));
    }

    #[test]
    fn only_a_line_feed_ends_a_line() {
        // A lone carriage return stays inside its line, as `patch` reads it.
        let d = unified_diff("one\rtwo tbe\r\nthree\r", "one\rtwo the\r\nthree\r", "x");
        assert!(
            d.contains("@@ -1,2 +1,2 @@\n-one\rtwo tbe\r\n+one\rtwo the\r\n"),
            "{d:?}"
        );
        let d = unified_diff("a\nb\r", "a\nc\r", "x");
        assert!(
            d.ends_with("-b\r\n\\ No newline at end of file\n+c\r\n\\ No newline at end of file\n"),
            "{d:?}"
        );
    }

    /// The text with ANSI escape sequences removed.
    fn strip_ansi(s: &str) -> String {
        regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(s, "")
            .into_owned()
    }

    #[test]
    fn coloured_diff_is_the_plain_diff_plus_colour() {
        let long_a = "x\n".repeat(20) + "old\n" + &"y\n".repeat(20);
        let long_b = "x\n".repeat(20) + "new\n" + &"y\n".repeat(20);
        let cases = [
            (
                "one\ntwo words here\nthree\n",
                "one\ntwo wards here\nthree\n",
            ),
            ("a\nb", "a\nc"),
            (long_a.as_str(), long_b.as_str()),
        ];
        for (a, b) in cases.iter().map(|(a, b)| (a.to_string(), b.to_string())) {
            let coloured = coloured_diff(&a, &b, "f.txt");
            assert!(coloured.contains('\x1b'));
            assert_eq!(strip_ansi(&coloured), unified_diff(&a, &b, "f.txt"));
        }
    }

    #[test]
    fn a_diff_made_piece_by_piece_is_the_diff_of_the_whole() {
        let old: Vec<String> = (0..400).map(|i| format!("line {i}\n")).collect();
        let mut new = old.clone();
        // Changes near and across the seams of the pieces, and far from them.
        for i in [2, 97, 99, 100, 103, 150, 199, 250, 257, 399] {
            new[i] = format!("changed {i}\n");
        }
        new[300] = String::new(); // a line joined to the next
        let seams = [0, 100, 200, 256, 260, 400];
        let mut writer = DiffWriter::new("x", false);
        let mut pieces = String::new();
        for w in seams.windows(2) {
            pieces += &writer.piece(&old[w[0]..w[1]].concat(), &new[w[0]..w[1]].concat());
        }
        pieces += &writer.finish();
        assert_eq!(pieces, unified_diff(&old.concat(), &new.concat(), "x"));
    }

    #[test]
    fn changed_words_are_highlighted() {
        let d = coloured_diff("the cat sat\n", "the hat sat\n", "f");
        let strong = AnsiColor::Red
            .on_default()
            .effects(Effects::BOLD | Effects::INVERT);
        assert!(d.contains(&format!("{strong}cat{strong:#}")));
        assert!(!d.contains(&format!("{strong}the")));
    }
}
