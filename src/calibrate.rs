//! Calibrated confidence: the probability that a substitution is right, fitted on
//! development documents the model was not trained on, from what the decision rested on
//! ([`Evidence`]). Raw score shares are poorly calibrated (a share of 0.95 is right far less
//! often than 95% of the time); boosted trees over the evidence are, and they catch how the
//! signs combine (a wide margin means more for a long word than a short one, a low channel
//! cost more without context than with it). `ocrmend calibrate` fits one from OCR pages and
//! their ground truth; the embedded default is `dictionaries/calibration.tsv`.

mod flat;
mod table;
mod trees;

use crate::edit::{EditKind, Evidence};
use flat::FlatForest;
use std::fmt::Write;
use std::sync::{Arc, OnceLock};
use table::Line;
pub use trees::Growth;
use trees::{Forest, Node, Tree};

pub use table::FEATURES;

const N: usize = FEATURES.len();

/// The features along which the confidence may only rise: the best candidate's share of
/// the score, its lead over the next option, and the neighbouring words' support for it.
pub const RISING: [&str; 3] = ["logit_share", "margin", "context"];

/// How a calibration's forest is grown: [`Growth::default`], rising along [`RISING`].
pub fn growth() -> Growth {
    let rising = FEATURES
        .iter()
        .enumerate()
        .filter(|(_, f)| RISING.contains(f))
        .fold(0, |mask, (i, _)| mask | 1 << i);
    Growth {
        rising,
        ..Growth::default()
    }
}

/// The most trees [`adapting`] adds.
pub const ADAPTING_TREES: usize = 30;

/// How many decisions each tree [`adapting`] adds asks for: fewer pages move a calibration
/// less.
pub const DECISIONS_PER_TREE: usize = 50;

/// How a calibration is adapted to `decisions` judged decisions of a new source's pages
/// ([`Calibration::adapt`]): a few small, slowly learning trees, rising along [`RISING`],
/// one per [`DECISIONS_PER_TREE`] decisions up to [`ADAPTING_TREES`]. Measured with 10, 25
/// and 50 pages of a development set as the user's, from the calibration fitted without that
/// set (docs/accuracy.md): 30 trees at a rate of 0.1 grew surer than right (bln600, 25 pages, at the
/// default threshold: precision 0.784), 15 at 0.05 gained less on overproof_smh; with 10
/// pages (about 500 decisions) 30 trees grew surer than right on bln600, 10 did not.
pub fn adapting(decisions: usize) -> Growth {
    Growth {
        trees: (decisions / DECISIONS_PER_TREE).clamp(1, ADAPTING_TREES),
        learning_rate: 0.05,
        leaves: 8,
        min_leaf: 40,
        ..growth()
    }
}

/// A feature vector.
pub type Features = [f64; N];

/// Labelled decisions as the trees take them: the feature rows, and whether each was right.
fn columns(samples: &[(Features, bool)]) -> (Vec<Features>, Vec<bool>) {
    samples.iter().copied().unzip()
}

/// The embedded calibration, `dictionaries/calibration.tsv` as `build.rs` packs it (no
/// base line until fitted: then confidences are raw shares).
const EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/calibration.bin"));

/// A fitted model from evidence to the probability an edit is right (cheap to clone).
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    forest: Arc<Forest>,
    /// What its confidences average to on the pages it was fitted on (`None` in a table
    /// from before it was written down): what [`crate::base_rate`] measures a document
    /// against.
    prior: Option<f64>,
    /// The forest laid out for evaluation (`None` only for a forest too big for it).
    flat: Option<Arc<FlatForest>>,
}

/// Why a calibration file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalibrationError {
    /// A line is not one of the table's kinds.
    #[error(
        "line {0}: expected `base`, `prior<TAB>share`, `tree`, \
         `split<TAB>feature<TAB>threshold<TAB>left<TAB>right` or `leaf<TAB>value` (a table \
         from another version of ocrmend? fit it again with `ocrmend calibrate`)"
    )]
    Line(usize),
    /// A tree's splits do not lead to leaves.
    #[error("tree {0}: a split points to no later node; the table is damaged, fit it again")]
    Tree(usize),
    /// The table has no `base` line.
    #[error("no `base` line: not a calibration table of this version of ocrmend; fit it again with `ocrmend calibrate`")]
    NoBase,
}

/// The features of a decision (every one finite).
pub fn features(e: &Evidence, kind: EditKind) -> Features {
    let share = e.share.clamp(1e-6, 1.0 - 1e-6);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    [
        (share / (1.0 - share)).ln(),
        e.margin.clamp(-5.0, 20.0),
        e.channel_cost,
        e.context,
        e.log_prior / 10.0,
        flag(e.known),
        flag(e.capitalised),
        flag(e.damaged),
        (e.letters.max(1) as f64).ln(),
        f64::from(e.repeats).ln_1p(),
        flag(kind == EditKind::Split),
        flag(kind == EditKind::RestoreHyphen),
        flag(e.seam),
        flag(e.seam && kind == EditKind::Split),
        flag(e.seam && kind == EditKind::RestoreHyphen),
        f64::from(e.damaged_neighbours),
        e.surprise.clamp(-1.0, 4.0),
        f64::from(e.attested).ln_1p(),
        flag(e.sentence_start),
        flag(e.first_changed),
        flag(e.proper),
        f64::from(e.length_change),
        e.suspect_rate,
        e.read_for,
        f64::from(e.doc_support).ln_1p(),
        f64::from(e.surroundings.junk),
        f64::from(e.surroundings.rough),
        f64::from(e.surroundings.junk_beside),
        f64::from(e.surroundings.rough_beside),
        f64::from(e.surroundings.leading_marks),
        f64::from(e.surroundings.trailing_marks),
        flag(e.surroundings.odd_lead),
        flag(kind == EditKind::Delete),
        flag(e.historical),
        f64::from(e.mended_neighbours),
        flag(kind == EditKind::Number),
    ]
    .map(|v| if v.is_nan() { 0.0 } else { v.clamp(-1e6, 1e6) })
}

impl Calibration {
    /// The embedded calibration, if one has been fitted (read once per process).
    pub fn embedded() -> Option<Calibration> {
        static PARSED: OnceLock<Option<Calibration>> = OnceLock::new();
        PARSED
            .get_or_init(|| Calibration::of_lines(table::decode(EMBEDDED)?).ok())
            .clone()
    }

    /// Reads a calibration table: a `base` log-odds line, then each tree as a `tree` line
    /// followed by its nodes, the root first (`split` lines name a feature, the largest
    /// value that goes left, and the two nodes' indices in the tree; `leaf` lines give what
    /// the tree adds to the log-odds). `#` starts a comment.
    pub fn parse(text: &str) -> Result<Calibration, CalibrationError> {
        Calibration::of_lines(table::read(text).map_err(CalibrationError::Line)?)
    }

    /// The calibration of a table's lines.
    fn of_lines(lines: Vec<Line>) -> Result<Calibration, CalibrationError> {
        let mut base = None;
        let mut prior = None;
        let mut trees: Vec<Tree> = Vec::new();
        for line in lines {
            let node = match line {
                Line::Base(v) => {
                    base = Some(v);
                    continue;
                }
                Line::Prior(v) => {
                    prior = Some(v);
                    continue;
                }
                Line::Tree => {
                    trees.push(Tree { nodes: Vec::new() });
                    continue;
                }
                Line::Node(node) => node,
            };
            // (A node comes after a tree line: `table::read` sees to it.)
            if let Some(tree) = trees.last_mut() {
                tree.nodes.push(node);
            }
        }
        if let Some(t) = trees.iter().position(|t| !t.is_well_formed(N)) {
            return Err(CalibrationError::Tree(t + 1));
        }
        let base = base.ok_or(CalibrationError::NoBase)?;
        Ok(Calibration::of(Forest { base, trees }, prior))
    }

    /// The table [`Calibration::parse`] reads.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# ocrmend calibration: boosted trees over the features of calibrate.rs \
             (fit with `ocrmend calibrate`)\n",
        );
        let _ = writeln!(out, "base\t{}", self.forest.base);
        if let Some(prior) = self.prior {
            let _ = writeln!(out, "prior\t{prior}");
        }
        for tree in &self.forest.trees {
            out.push_str("tree\n");
            for node in &tree.nodes {
                let _ = match node {
                    Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    } => writeln!(
                        out,
                        "split\t{}\t{threshold}\t{left}\t{right}",
                        FEATURES[*feature]
                    ),
                    Node::Leaf(v) => writeln!(out, "leaf\t{v}"),
                };
            }
        }
        out
    }

    /// The probability that an edit with this evidence is right.
    pub fn confidence(&self, e: &Evidence, kind: EditKind) -> f64 {
        self.confidence_of(&features(e, kind))
    }

    /// The probability that an edit with these features is right.
    pub fn confidence_of(&self, x: &Features) -> f64 {
        let log_odds = match &self.flat {
            Some(flat) => flat.log_odds(x),
            None => self.forest.log_odds(x),
        };
        1.0 / (1.0 + (-log_odds).exp())
    }

    /// Fits the model to labelled decisions (features, right or not).
    pub fn fit(samples: &[(Features, bool)], growth: Growth) -> Calibration {
        let (rows, right) = columns(samples);
        let fitted = Calibration::of(Forest::fit(&rows, &right, growth), None);
        match right.is_empty() {
            true => fitted,
            false => {
                let share = right.iter().filter(|&&r| r).count() as f64 / right.len() as f64;
                fitted.with_prior(share)
            }
        }
    }

    /// What its confidences average to on the pages it was fitted on, if the table says:
    /// the share of right decisions there. [`Calibration::fit`] takes the share of its
    /// decisions that were right; `ocrmend calibrate` then the mean confidence of the
    /// decisions `fix` makes on the same pages ([`Calibration::with_prior`]).
    pub fn prior(&self) -> Option<f64> {
        self.prior
    }

    /// This calibration with `prior` as what its confidences average to on the pages it was
    /// fitted on (kept off 0 and 1, where no document could be measured against it).
    pub fn with_prior(self, prior: f64) -> Calibration {
        Calibration {
            prior: Some(prior.clamp(0.01, 0.99)),
            ..self
        }
    }

    /// This calibration adapted to labelled decisions of a new source (features, right or
    /// not): `growth`'s trees ([`adapting`]) added, fitted to what it still gets wrong on
    /// them. For a user's own corrected pages, too few to fit a calibration of their own.
    pub fn adapt(&self, samples: &[(Features, bool)], growth: Growth) -> Calibration {
        let (rows, right) = columns(samples);
        // The decisions a reviewer saw are the listed edits only, far surer than all the
        // decisions a document holds: the prior stays the one the forest started from
        // (`ocrmend calibrate` with pages and their truth measures it again).
        Calibration::of(self.forest.continued(&rows, &right, growth), self.prior)
    }

    fn of(forest: Forest, prior: Option<f64>) -> Calibration {
        Calibration {
            flat: FlatForest::new(&forest).map(Arc::new),
            forest: Arc::new(forest),
            prior,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(share: f64, known: bool) -> Evidence {
        Evidence {
            share,
            margin: 2.0,
            letters: 5,
            known,
            ..Evidence::default()
        }
    }

    #[test]
    fn fewer_decisions_adapt_a_calibration_with_fewer_trees() {
        let trees = |n: usize| adapting(n).trees;
        assert_eq!(trees(0), 1);
        assert!(trees(500) < trees(1_500));
        assert_eq!(trees(1_000_000), ADAPTING_TREES);
    }

    #[test]
    fn fit_learns_that_real_word_changes_are_riskier() {
        // Non-words changed at share 0.9 are right 9 times in 10; real words 5 in 10.
        let mut samples = Vec::new();
        for i in 0..1000 {
            let x = features(&evidence(0.9, false), EditKind::Substitute);
            samples.push((x, i % 10 != 0));
            let x = features(&evidence(0.9, true), EditKind::Substitute);
            samples.push((x, i % 2 == 0));
        }
        let c = Calibration::fit(&samples, Growth::default());
        let non_word = c.confidence(&evidence(0.9, false), EditKind::Substitute);
        let real_word = c.confidence(&evidence(0.9, true), EditKind::Substitute);
        assert!((non_word - 0.9).abs() < 0.02, "{non_word}");
        assert!((real_word - 0.5).abs() < 0.02, "{real_word}");
        // And the table round-trips, with the share of right decisions it was fitted on.
        assert_eq!(
            Calibration::parse(&c.to_tsv()).unwrap().to_tsv(),
            c.to_tsv()
        );
        assert_eq!(c.prior(), Some(1400.0 / 2000.0));
        assert_eq!(Calibration::parse(&c.to_tsv()).unwrap().prior(), c.prior());
        // A table written before the prior was is read as one without it.
        let older: String = c
            .to_tsv()
            .lines()
            .filter(|l| !l.starts_with("prior"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(Calibration::parse(&older).unwrap().prior(), None);
    }

    #[test]
    fn the_embedded_table_loads() {
        // A table that failed to load would leave confidences as raw shares, silently.
        let c = Calibration::embedded().expect("dictionaries/calibration.tsv parses");
        assert!(!c.forest.trees.is_empty());
        // As packed by `build.rs`, it is the table's text read.
        assert_eq!(
            Calibration::parse(include_str!("../dictionaries/calibration.tsv")).as_ref(),
            Ok(&c)
        );
        // And is evaluated feature by feature (`flat.rs`), which gives the forest's own value.
        let flat = c.flat.as_ref().expect("the embedded forest compiles");
        for share in [0.3, 0.8, 0.97] {
            let x = features(&evidence(share, false), EditKind::Substitute);
            assert_eq!(flat.log_odds(&x).to_bits(), c.forest.log_odds(&x).to_bits());
        }
    }

    #[test]
    fn bad_tables_are_refused() {
        assert_eq!(
            Calibration::parse("base\t1\nnonsense\t2\n"),
            Err(CalibrationError::Line(2))
        );
        // A table of the older logistic kind.
        assert_eq!(
            Calibration::parse("bias\t1\nlogit_share\t0.5\n"),
            Err(CalibrationError::Line(1))
        );
        assert_eq!(
            Calibration::parse("tree\nleaf\t0.5\n"),
            Err(CalibrationError::NoBase)
        );
        // A split that points back to itself would never end.
        assert_eq!(
            Calibration::parse("base\t0\ntree\nsplit\tmargin\t1\t0\t1\nleaf\t1\n"),
            Err(CalibrationError::Tree(1))
        );
        assert_eq!(
            Calibration::parse("base\t0\ntree\nsplit\tnonsense\t1\t1\t2\n"),
            Err(CalibrationError::Line(3))
        );
    }
}
