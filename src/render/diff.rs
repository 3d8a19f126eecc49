//! The unified diff from the original to the corrected text: readable by a person and
//! applicable with `patch -p1` or `git apply`; on a terminal, coloured with the changed words
//! highlighted.

use anstyle::{AnsiColor, Effects, Style};
use similar::udiff::UnifiedHunkHeader;
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

/// A unified diff of `original` → `corrected` with git-style `a/`, `b/` headers naming
/// `path`; empty when the two are equal.
pub fn unified_diff(original: &str, corrected: &str, path: &str) -> String {
    if original == corrected {
        return String::new();
    }
    let path = path.trim_start_matches("./");
    TextDiff::from_lines(original, corrected)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The same diff as [`unified_diff`] with terminal colours: removed lines red, added lines
/// green, and within them the changed words in bold reverse video.
pub fn coloured_diff(original: &str, corrected: &str, path: &str) -> String {
    if original == corrected {
        return String::new();
    }
    let path = path.trim_start_matches("./");
    let bold = Style::new().effects(Effects::BOLD);
    let cyan = AnsiColor::Cyan.on_default();
    let mut out = format!("{bold}--- a/{path}\n+++ b/{path}{bold:#}\n");
    let diff = TextDiff::from_lines(original, corrected);
    for group in diff.grouped_ops(3) {
        let _ = writeln!(out, "{cyan}{}{cyan:#}", UnifiedHunkHeader::new(&group));
        for op in &group {
            for change in diff.iter_inline_changes(op) {
                let (sign, colour) = match change.tag() {
                    ChangeTag::Delete => ('-', Some(AnsiColor::Red.on_default())),
                    ChangeTag::Insert => ('+', Some(AnsiColor::Green.on_default())),
                    ChangeTag::Equal => (' ', None),
                };
                let line = colour.unwrap_or_default();
                let _ = write!(out, "{line}{sign}");
                for (emphasised, text) in change.iter_strings_lossy() {
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    if emphasised {
                        let strong = line.effects(Effects::BOLD | Effects::INVERT);
                        let _ = write!(out, "{line:#}{strong}{text}{strong:#}{line}");
                    } else {
                        out.push_str(text);
                    }
                }
                let _ = writeln!(out, "{line:#}");
                if change.missing_newline() {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    out
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
    fn changed_words_are_highlighted() {
        let d = coloured_diff("the cat sat\n", "the hat sat\n", "f");
        let strong = AnsiColor::Red
            .on_default()
            .effects(Effects::BOLD | Effects::INVERT);
        assert!(d.contains(&format!("{strong}cat{strong:#}")));
        assert!(!d.contains(&format!("{strong}the")));
    }
}
