//! Training the channel model from the user's own pages: OCR output aligned with corrected
//! text (ground truth). Words are aligned first, then the letters of each misread word, and
//! every run of differing letters (`m` read as `rn`, `e` as `c`) is counted against how often
//! its intended letters occur. The result is a confusion table [`ChannelModel`] reads.

use crate::channel::ChannelModel;
use rustc_hash::FxHashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::fmt::Write;

/// The longest run of letters (on either side) a confusion may have.
pub const MAX_RUN: usize = 3;

/// How many times a confusion must be seen to be kept.
pub const MIN_COUNT: u32 = 3;

/// Nats per unit of channel cost: a learned probability `p` becomes cost `-ln(p) / SCALE`,
/// matching the ranker's default channel weight.
pub const SCALE: f64 = 7.0;

/// Counts gathered from aligned OCR and ground-truth pairs.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    confusions: FxHashMap<(String, String), u32>,
    contexts: FxHashMap<String, u64>,
    letters: u64,
    pairs: u64,
    misread: u64,
}

/// The core of a whitespace-delimited chunk: from its first to its last letter or digit, in
/// lower case (as the tokenizer and channel model see words).
fn core(chunk: &str) -> String {
    chunk
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

impl Counts {
    /// Adds one document: its OCR text and its ground truth.
    pub fn add_document(&mut self, ocr: &str, truth: &str) {
        let o: Vec<String> = ocr.split_whitespace().map(core).collect();
        let g: Vec<String> = truth.split_whitespace().map(core).collect();
        for op in capture_diff_slices(Algorithm::Myers, &g, &o) {
            let (tag, gr, or) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for w in &g[gr] {
                        self.add_pair(w, w);
                    }
                }
                DiffTag::Replace if gr.len() == or.len() => {
                    for (gw, ow) in g[gr].iter().zip(&o[or]) {
                        self.add_pair(gw, ow);
                    }
                }
                _ => {}
            }
        }
    }

    /// Adds one aligned word pair: `intended` printed, `observed` read.
    pub fn add_pair(&mut self, intended: &str, observed: &str) {
        if intended.is_empty() || !intended.chars().any(char::is_alphabetic) {
            return;
        }
        let w: Vec<char> = intended.chars().collect();
        self.pairs += 1;
        self.letters += w.len() as u64;
        for len in 1..=MAX_RUN {
            for run in w.windows(len) {
                *self.contexts.entry(run.iter().collect()).or_default() += 1;
            }
        }
        if intended == observed {
            return;
        }
        let o: Vec<char> = observed.chars().collect();
        if o.is_empty() || o.len() > 2 * w.len() + 2 {
            return;
        }
        self.misread += 1;
        let ops = capture_diff_slices(Algorithm::Myers, &w, &o);
        let mut i = 0;
        while i < ops.len() {
            let (tag, _, _) = ops[i].as_tag_tuple();
            if tag == DiffTag::Equal {
                i += 1;
                continue;
            }
            let (mut a, mut b) = (String::new(), String::new());
            while i < ops.len() && ops[i].as_tag_tuple().0 != DiffTag::Equal {
                let (_, wr, or) = ops[i].as_tag_tuple();
                a.extend(&w[wr]);
                b.extend(&o[or]);
                i += 1;
            }
            if a.chars().count() <= MAX_RUN && b.chars().count() <= MAX_RUN {
                *self.confusions.entry((a, b)).or_default() += 1;
            }
        }
    }

    /// Adds the counts of another set.
    pub fn merge(&mut self, other: Counts) {
        for (k, v) in other.confusions {
            *self.confusions.entry(k).or_default() += v;
        }
        for (k, v) in other.contexts {
            *self.contexts.entry(k).or_default() += v;
        }
        self.letters += other.letters;
        self.pairs += other.pairs;
        self.misread += other.misread;
    }

    /// Word pairs seen, and how many of them were misread.
    pub fn pairs(&self) -> (u64, u64) {
        (self.pairs, self.misread)
    }

    /// The confusion table: `intended<TAB>observed<TAB>cost<TAB>count` for every confusion seen
    /// at least [`MIN_COUNT`] times, cost `-ln P(observed | intended) / SCALE`.
    pub fn table(&self) -> String {
        let mut rows: Vec<(&str, &str, f64, u32)> = self
            .confusions
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .filter_map(|((a, b), &n)| {
                // Insertions happen between letters: their chances are per letter.
                let chances = if a.is_empty() {
                    self.letters
                } else {
                    self.contexts.get(a).copied()?
                };
                let p = (f64::from(n) / (chances as f64 + 1.0)).min(0.9);
                let cost = (-p.ln() / SCALE).clamp(0.02, 1.5);
                Some((a.as_str(), b.as_str(), cost, n))
            })
            .collect();
        rows.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
        let mut out = format!(
            "# ocrmend channel model: learned from {} aligned word pairs ({} misread).\n\
             # intended<TAB>observed<TAB>cost<TAB>count; cost = -ln P(observed | intended) / {SCALE}\n",
            self.pairs, self.misread
        );
        for (a, b, cost, n) in rows {
            if a.contains(['\t', '\n']) || b.contains(['\t', '\n']) {
                continue;
            }
            let _ = writeln!(out, "{a}\t{b}\t{cost:.4}\t{n}");
        }
        out
    }

    /// The trained channel model.
    pub fn model(&self) -> ChannelModel {
        ChannelModel::from_table(&self.table()).expect("a generated table is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_multi_letter_confusions() {
        let mut c = Counts::default();
        for _ in 0..5 {
            c.add_document("the subrnarine and tbe rnan", "the submarine and the man");
        }
        let table = c.table();
        assert!(table.lines().any(|l| l.starts_with("m\trn\t")), "{table}");
        assert!(table.lines().any(|l| l.starts_with("h\tb\t")), "{table}");
        let model = c.model();
        assert!(model.cost("man", "rnan") < model.cost("man", "xan"));
        assert_eq!(c.pairs(), (25, 15));
    }
}
