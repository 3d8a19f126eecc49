//! The calibration table's lines: read from its text (a `base` log-odds line, then each tree
//! as a `tree` line followed by its nodes), and packed into the binary form `build.rs` makes
//! of the embedded table, so a process does not parse 90,000 lines of text at every start.
//! `build.rs` includes this file.

/// The names of the features, in order. (Flags for a token opening or ending its line were
/// measured and left out: the cross-validated curves stayed within their noise.)
pub const FEATURES: [&str; 36] = [
    "logit_share",
    "margin",
    "channel_cost",
    "context",
    "log_prior",
    "known",
    "capitalised",
    "damaged",
    "ln_letters",
    "ln_repeats",
    "split",
    "hyphen",
    "seam",
    "seam_split",
    "seam_hyphen",
    "damaged_neighbours",
    "surprise",
    "ln_attested",
    "sentence_start",
    "first_changed",
    "proper",
    "length_change",
    "suspect_rate",
    "read_for",
    "ln_doc_support",
    "junk_around",
    "rough_around",
    "junk_beside",
    "rough_beside",
    "leading_marks",
    "trailing_marks",
    "odd_lead",
    "delete",
    "historical",
    "mended_neighbours",
    "number",
];

use super::trees::Node;

/// One line of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line {
    /// The log-odds before any tree.
    Base(f64),
    /// The share of right decisions among those the calibration was fitted on
    /// ([`crate::base_rate`]).
    Prior(f64),
    /// A new tree; the nodes that follow are its, the root first.
    Tree,
    /// A node of the last tree.
    Node(Node),
}

/// The lines of a table's text (`#` starts a comment), or the number of the first line
/// that is none of the kinds, or is a node before any tree.
pub fn read(text: &str) -> Result<Vec<Line>, usize> {
    let mut out = Vec::new();
    let mut in_tree = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // At most five fields a line, read in place.
        let mut fields = [""; 6];
        let mut count = 0;
        for f in line.split('\t') {
            if count < fields.len() {
                fields[count] = f.trim_ascii();
            }
            count += 1;
        }
        let number = |k: usize| fields[k].parse::<f64>().ok();
        let index = |k: usize| fields[k].parse::<usize>().ok();
        let parsed = match (fields[0], count) {
            ("base", 2) => number(1).filter(|v| v.is_finite()).map(Line::Base),
            ("prior", 2) => number(1).filter(|v| *v > 0.0 && *v < 1.0).map(Line::Prior),
            ("tree", 1) => {
                in_tree = true;
                Some(Line::Tree)
            }
            ("split", 5) => match (
                FEATURES.iter().position(|f| *f == fields[1]),
                number(2),
                index(3),
                index(4),
            ) {
                (Some(feature), Some(threshold), Some(left), Some(right)) if in_tree => {
                    Some(Line::Node(Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    }))
                }
                _ => None,
            },
            ("leaf", 2) if in_tree => number(1).map(|v| Line::Node(Node::Leaf(v))),
            _ => None,
        };
        out.push(parsed.ok_or(i + 1)?);
    }
    Ok(out)
}

/// The lines packed as four little-endian u64 each: kind (and feature), value, left, right.
#[allow(dead_code)] // `build.rs` packs the embedded table; the library only reads it.
pub fn encode(lines: &[Line]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|line| match *line {
            Line::Base(v) => [BASE, v.to_bits(), 0, 0],
            Line::Prior(v) => [PRIOR, v.to_bits(), 0, 0],
            Line::Tree => [TREE, 0, 0, 0],
            Line::Node(Node::Split {
                feature,
                threshold,
                left,
                right,
            }) => [
                SPLIT + feature as u64,
                threshold.to_bits(),
                left as u64,
                right as u64,
            ],
            Line::Node(Node::Leaf(v)) => [LEAF, v.to_bits(), 0, 0],
        })
        .flat_map(u64::to_le_bytes)
        .collect()
}

/// The lines [`encode`] packed (`None` if the bytes are not such a packing).
pub fn decode(bytes: &[u8]) -> Option<Vec<Line>> {
    if bytes.len() % 32 != 0 {
        return None;
    }
    let word = |b: &[u8], k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[8 * k..8 * k + 8]);
        u64::from_le_bytes(w)
    };
    // Sized once: collecting `Option`s cannot know the length, and growing the table step by
    // step was a sixth of a small file's run.
    let mut lines = Vec::with_capacity(bytes.len() / 32);
    for b in bytes.chunks_exact(32) {
        let (kind, value) = (word(b, 0), f64::from_bits(word(b, 1)));
        lines.push(match kind {
            BASE => Line::Base(value),
            TREE => Line::Tree,
            LEAF => Line::Node(Node::Leaf(value)),
            PRIOR => Line::Prior(value),
            _ => Line::Node(Node::Split {
                feature: usize::try_from(kind.checked_sub(SPLIT)?).ok()?,
                threshold: value,
                left: usize::try_from(word(b, 2)).ok()?,
                right: usize::try_from(word(b, 3)).ok()?,
            }),
        });
    }
    Some(lines)
}

/// The kinds of a packed line (a split's is [`SPLIT`] plus its feature).
const BASE: u64 = 0;
const TREE: u64 = 1;
const LEAF: u64 = 2;
const SPLIT: u64 = 3;
/// A prior's kind: above every split's (no table has that many features).
const PRIOR: u64 = u64::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lines_read_back_as_they_were() {
        let text =
            "# a comment\nbase\t-0.25\nprior\t0.4\ntree\nsplit\tmargin\t1.5\t1\t2\nleaf\t0.125\nleaf\t-3e-5\n";
        let lines = read(text).expect("a well-formed table");
        assert_eq!(
            lines,
            [
                Line::Base(-0.25),
                Line::Prior(0.4),
                Line::Tree,
                Line::Node(Node::Split {
                    feature: 1,
                    threshold: 1.5,
                    left: 1,
                    right: 2
                }),
                Line::Node(Node::Leaf(0.125)),
                Line::Node(Node::Leaf(-3e-5)),
            ]
        );
        assert_eq!(decode(&encode(&lines)), Some(lines));
        assert_eq!(decode(&[0u8; 31]), None);
        // A node before any tree is no line of a table.
        assert_eq!(read("base\t0\nleaf\t1\n"), Err(2));
        // A prior is a share strictly between 0 and 1.
        assert_eq!(read("base\t0\nprior\t1\n"), Err(2));
    }
}
