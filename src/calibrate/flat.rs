//! The forest laid out for evaluation: every decision walks all the trees (1,500 in the
//! embedded calibration), and a node per allocation of 32 bytes made the walk wait on memory
//! for a quarter of the run. Here each threshold is replaced by its rank among the distinct
//! thresholds of its feature, so a node is 8 bytes; the trees lie end to end, each depth
//! first (a split's left child follows it). The value is the same as [`Forest::log_odds`],
//! bit for bit.

use super::trees::{Forest, Node};

/// A [`Forest`] compiled for evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatForest {
    /// The log-odds before any tree.
    base: f64,
    /// Per feature, the distinct thresholds its splits test, ascending.
    cuts: Vec<Vec<f64>>,
    /// The nodes of all trees.
    steps: Vec<Step>,
    /// Where each tree's root is among the steps, in the forest's order.
    roots: Vec<u32>,
    /// What the leaves add.
    leaves: Vec<f64>,
}

/// A node: a split tests whether the feature's rank is at most the threshold's (the left
/// child follows, `next` is the right child); a leaf's `next` is its value's index.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    /// `feature << CUT_BITS | rank of the threshold`, or [`LEAF`].
    test: u32,
    next: u32,
}

/// The bits of [`Step::test`] that hold the threshold's rank.
const CUT_BITS: u32 = 24;

/// The [`Step::test`] of a leaf.
const LEAF: u32 = u32::MAX;

impl FlatForest {
    /// The forest compiled, or `None` when it is too big for the layout (more than 2^24
    /// thresholds of a feature, 255 features, or 2^32 nodes: far beyond what a fit makes).
    pub fn new(forest: &Forest) -> Option<FlatForest> {
        let width = forest
            .trees
            .iter()
            .flat_map(|t| &t.nodes)
            .filter_map(|n| match n {
                Node::Split { feature, .. } => Some(feature + 1),
                Node::Leaf(_) => None,
            })
            .max()
            .unwrap_or(0);
        if width >= (LEAF >> CUT_BITS) as usize {
            return None;
        }
        let mut cuts = vec![Vec::new(); width];
        for node in forest.trees.iter().flat_map(|t| &t.nodes) {
            if let Node::Split {
                feature, threshold, ..
            } = node
            {
                cuts[*feature].push(*threshold);
            }
        }
        for c in &mut cuts {
            c.sort_unstable_by(f64::total_cmp);
            c.dedup();
            if c.len() >= 1 << CUT_BITS {
                return None;
            }
        }
        let nodes: usize = forest.trees.iter().map(|t| t.nodes.len()).sum();
        let mut flat = FlatForest {
            base: forest.base,
            cuts,
            steps: Vec::with_capacity(nodes),
            roots: Vec::with_capacity(forest.trees.len()),
            leaves: Vec::with_capacity(nodes / 2 + 1),
        };
        let mut stack = Vec::new();
        for tree in &forest.trees {
            flat.roots.push(u32::try_from(flat.steps.len()).ok()?);
            // Depth first, left before right: (node of the tree, the split whose right
            // child it is).
            stack.push((0usize, None::<usize>));
            while let Some((at, right_of)) = stack.pop() {
                let here = u32::try_from(flat.steps.len()).ok()?;
                if let Some(parent) = right_of {
                    flat.steps[parent].next = here;
                }
                match tree.nodes.get(at) {
                    Some(Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    }) => {
                        let rank = flat.cuts[*feature].partition_point(|t| t < threshold);
                        flat.steps.push(Step {
                            test: (*feature as u32) << CUT_BITS | rank as u32,
                            next: 0,
                        });
                        stack.push((*right, Some(here as usize)));
                        stack.push((*left, None));
                    }
                    // A node past the end adds nothing, as in [`Forest::log_odds`].
                    leaf => {
                        let value = match leaf {
                            Some(Node::Leaf(v)) => *v,
                            _ => 0.0,
                        };
                        flat.steps.push(Step {
                            test: LEAF,
                            next: u32::try_from(flat.leaves.len()).ok()?,
                        });
                        flat.leaves.push(value);
                    }
                }
            }
        }
        Some(flat)
    }

    /// The log-odds for these features (as [`Forest::log_odds`]).
    pub fn log_odds(&self, x: &[f64]) -> f64 {
        // Each feature's rank among its thresholds: `x <= threshold` exactly when the rank
        // of `x` (how many thresholds are below it) is at most the threshold's. A value that
        // is no number goes right at every split, as a comparison with it is false.
        let mut ranks = [0u32; (LEAF >> CUT_BITS) as usize];
        for (f, cuts) in self.cuts.iter().enumerate() {
            let v = x.get(f).copied().unwrap_or(f64::NAN);
            ranks[f] = if v.is_nan() {
                cuts.len() as u32
            } else {
                cuts.partition_point(|&t| t < v) as u32
            };
        }
        self.base
            + self
                .roots
                .iter()
                .map(|&root| {
                    let mut at = root as usize;
                    loop {
                        let step = self.steps[at];
                        if step.test == LEAF {
                            return self.leaves[step.next as usize];
                        }
                        let (feature, cut) =
                            (step.test >> CUT_BITS, step.test & ((1 << CUT_BITS) - 1));
                        at = if ranks[feature as usize] <= cut {
                            at + 1
                        } else {
                            step.next as usize
                        };
                    }
                })
                .sum::<f64>()
    }
}

#[cfg(test)]
mod tests {
    use super::super::trees::{Growth, Tree};
    use super::*;

    #[test]
    fn the_flat_forest_gives_the_forests_value_bit_for_bit() {
        // A fitted forest, probed on a grid that hits its thresholds exactly and between.
        let rows: Vec<[f64; 3]> = (0..400)
            .map(|i| {
                let i = f64::from(i);
                [(i * 0.37).sin(), (i * 0.11).cos() * 3.0, (i % 7.0) - 3.0]
            })
            .collect();
        let right: Vec<bool> = rows
            .iter()
            .map(|r| r[0] + 0.3 * r[1] > r[2] * 0.1)
            .collect();
        let growth = Growth {
            trees: 40,
            min_leaf: 5,
            ..Growth::default()
        };
        let forest = Forest::fit(&rows, &right, growth);
        let flat = FlatForest::new(&forest).expect("a small forest compiles");
        let mut probes: Vec<[f64; 3]> = rows.clone();
        for t in forest.trees.iter().flat_map(|t| &t.nodes) {
            if let Node::Split { threshold, .. } = t {
                for f in 0..3 {
                    let mut p = [0.5, -1.0, 2.0];
                    p[f] = *threshold;
                    probes.push(p);
                    p[f] = threshold.next_up();
                    probes.push(p);
                }
            }
        }
        probes.push([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        for p in &probes {
            assert_eq!(
                flat.log_odds(p).to_bits(),
                forest.log_odds(p).to_bits(),
                "at {p:?}"
            );
        }
    }

    #[test]
    fn a_node_past_the_end_adds_nothing_as_in_the_forest() {
        let forest = Forest {
            base: 0.5,
            trees: vec![Tree {
                nodes: vec![
                    Node::Split {
                        feature: 1,
                        threshold: 2.0,
                        left: 1,
                        right: 7,
                    },
                    Node::Leaf(1.5),
                ],
            }],
        };
        let flat = FlatForest::new(&forest).expect("compiles");
        for x in [[0.0, 1.0], [0.0, 3.0]] {
            assert_eq!(flat.log_odds(&x), forest.log_odds(&x));
        }
    }
}
