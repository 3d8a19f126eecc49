//! The unified diff from the original to the corrected text: readable by a person and
//! applicable with `patch -p1` or `git apply`.

use similar::TextDiff;

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
}
