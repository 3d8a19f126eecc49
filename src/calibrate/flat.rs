//! The forest laid out for evaluation: every decision weighs all the trees (1,500 in the
//! embedded calibration), and walking them node by node waited on memory for a sixth of the
//! run. Here a forest is evaluated feature by feature instead (the QuickScorer method of
//! Lucchese et al., SIGIR 2015): each tree keeps a bit per leaf, and every split whose test
//! fails for the value at hand clears the bits of the leaves left of it; the leftmost leaf
//! still set is where the walk would have ended. The splits of a feature are sorted by
//! threshold, so those that fail are a prefix of them, read in one pass; where the prefix
//! is long, the bits it leaves, kept at checkpoints along it, are cleared in one sweep over
//! the trees. The value is the same as [`Forest::log_odds`], bit for bit.

use super::trees::{Forest, Node, Tree};
use rustc_hash::FxHashSet;

/// A [`Forest`] compiled for evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatForest {
    /// The log-odds before any tree.
    base: f64,
    /// Per feature, the distinct thresholds its splits test, ascending.
    cuts: Vec<Vec<f64>>,
    /// Per feature, its splits by ascending threshold.
    splits: Vec<Vec<Split>>,
    /// Per feature and per rank `r` of a value among the feature's thresholds (how many are
    /// below it, `0..=cuts.len()`), how many of its splits fail for such a value: those
    /// whose threshold is below it.
    failing: Vec<Vec<u32>>,
    /// Per tree, the bits of all its leaves.
    all_leaves: Vec<u32>,
    /// Per tree, where its leaves start in `leaves`.
    first_leaf: Vec<u32>,
    /// What the leaves add, each tree's left to right.
    leaves: Vec<f64>,
    /// Per feature, the bits of every tree's leaves still reachable when its first `every`,
    /// `2 * every`, ... splits fail, one tree after another (a checkpoint's trees are
    /// cleared in one pass over them, where that many splits one by one would cost more).
    checkpoints: Vec<Vec<u32>>,
    /// How many splits apart the checkpoints are.
    every: usize,
}

/// How many failing splits a checkpoint stands for: a pass over every tree's bits (1,500
/// in the embedded calibration) costs about as much as this many splits cleared one by one.
const CHECKPOINT_EVERY: usize = 384;

/// A split as the evaluation sees it: when its test fails (the value goes right), the leaves
/// of its left side are out of reach.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Split {
    /// Which tree it is in.
    tree: u32,
    /// The tree's leaves that stay reachable when the test fails.
    keep: u32,
}

/// The most leaves a tree may have to be compiled (a bit each in a `u32`).
const MAX_LEAVES: usize = 32;

/// A split found while compiling a tree: its feature, its threshold, and its [`Split`].
type Found = (usize, f64, Split);

impl FlatForest {
    /// The forest compiled, or `None` when a tree has more than 32 leaves, or more than
    /// 2^32 trees or leaves in all (the fits make 31-leaf trees).
    pub fn new(forest: &Forest) -> Option<FlatForest> {
        FlatForest::compile(forest, CHECKPOINT_EVERY)
    }

    /// [`FlatForest::new`] with checkpoints `every` splits (at least one).
    fn compile(forest: &Forest, every: usize) -> Option<FlatForest> {
        let every = every.max(1);
        let Leaves {
            found,
            all_leaves,
            first_leaf,
            leaves,
        } = Leaves::of(forest)?;
        let width = found.iter().map(|f| f.0 + 1).max().unwrap_or(0);
        let cuts = distinct_thresholds(&found, width);
        let (splits, ranks) = by_threshold(&found, &cuts);
        let failing = ranks
            .iter()
            .zip(&cuts)
            .map(|(ranks, cuts)| {
                (0..=cuts.len())
                    .map(|r| u32::try_from(ranks.partition_point(|&k| k < r)).ok())
                    .collect::<Option<Vec<u32>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        let checkpoints = splits
            .iter()
            .map(|splits| checkpoints(splits, all_leaves.len(), every))
            .collect();
        Some(FlatForest {
            base: forest.base,
            cuts,
            splits,
            failing,
            all_leaves,
            first_leaf,
            leaves,
            checkpoints,
            every,
        })
    }

    /// The log-odds for these features (as [`Forest::log_odds`]).
    pub fn log_odds(&self, x: &[f64]) -> f64 {
        let mut reach = self.all_leaves.clone();
        for (f, cuts) in self.cuts.iter().enumerate() {
            // A split sends `x` right when `x` is above its threshold, that is when more
            // of the feature's thresholds are below `x` than below the split's. A value
            // that is no number goes right at every split, as a comparison with it is false.
            let v = x.get(f).copied().unwrap_or(f64::NAN);
            let rank = if v.is_nan() {
                cuts.len()
            } else {
                cuts.partition_point(|&t| t < v)
            };
            let failing = self.failing[f][rank] as usize;
            // The splits up to the last checkpoint before `failing` in one pass, the rest
            // one by one.
            let passed = failing / self.every;
            let mut from = 0;
            if passed > 0 {
                let n = reach.len();
                let bits = &self.checkpoints[f][(passed - 1) * n..passed * n];
                for (r, b) in reach.iter_mut().zip(bits) {
                    *r &= b;
                }
                from = passed * self.every;
            }
            for s in &self.splits[f][from..failing] {
                reach[s.tree as usize] &= s.keep;
            }
        }
        self.base
            + reach
                .iter()
                .zip(&self.first_leaf)
                .map(|(r, &first)| self.leaves[first as usize + r.trailing_zeros() as usize])
                .sum::<f64>()
    }
}

/// Every tree of a forest compiled: its leaves and its splits.
struct Leaves {
    /// Every split, tree after tree.
    found: Vec<Found>,
    /// Per tree, the bits of all its leaves.
    all_leaves: Vec<u32>,
    /// Per tree, where its leaves start in `leaves`.
    first_leaf: Vec<u32>,
    /// What the leaves add, each tree's left to right.
    leaves: Vec<f64>,
}

impl Leaves {
    /// The trees of `forest` compiled; `None` as [`FlatForest::new`].
    fn of(forest: &Forest) -> Option<Leaves> {
        // A well-formed tree of n nodes has fewer than n splits and at most n leaves: sized
        // so, the tables are not copied as they grow (the embedded forest is compiled at
        // every start; a malformed tree's missing nodes, leaves here, only grow them).
        let nodes: usize = forest.trees.iter().map(|t| t.nodes.len()).sum();
        let mut found: Vec<Found> = Vec::with_capacity(nodes);
        let mut all_leaves = Vec::with_capacity(forest.trees.len());
        let mut first_leaf = Vec::with_capacity(forest.trees.len());
        let mut leaves = Vec::with_capacity(nodes);
        let mut own = Vec::with_capacity(MAX_LEAVES);
        for (t, tree) in forest.trees.iter().enumerate() {
            let t = u32::try_from(t).ok()?;
            first_leaf.push(u32::try_from(leaves.len()).ok()?);
            own.clear();
            let mut compiling = Compiling {
                tree,
                index: t,
                leaves: &mut own,
                found: &mut found,
            };
            compiling.subtree(0, 0)?;
            let n = own.len();
            all_leaves.push(if n == MAX_LEAVES {
                u32::MAX
            } else {
                (1u32 << n) - 1
            });
            leaves.extend_from_slice(&own);
        }
        Some(Leaves {
            found,
            all_leaves,
            first_leaf,
            leaves,
        })
    }
}

/// Per feature (of `width`), the distinct thresholds the splits `found` test, ascending.
fn distinct_thresholds(found: &[Found], width: usize) -> Vec<Vec<f64>> {
    // The distinct thresholds first (45,000 splits test 5,900 in the embedded forest), then
    // sorted.
    let mut distinct: FxHashSet<(usize, u64)> = FxHashSet::default();
    let mut cuts = vec![Vec::new(); width];
    for (feature, threshold, _) in found {
        if distinct.insert((*feature, threshold.to_bits())) {
            cuts[*feature].push(*threshold);
        }
    }
    for c in &mut cuts {
        c.sort_unstable_by(f64::total_cmp);
        c.dedup();
    }
    cuts
}

/// Per feature, the splits `found` by ascending threshold, and each one's threshold's rank
/// among the feature's `cuts`.
fn by_threshold(found: &[Found], cuts: &[Vec<f64>]) -> (Vec<Vec<Split>>, Vec<Vec<usize>>) {
    // Each split with its threshold's rank, by feature and then rank: counted into place,
    // as the ranks are few. Splits of one feature and rank fail together, so their order
    // among themselves does not matter.
    let mut keys_in_all = 0;
    let first_key: Vec<usize> = cuts
        .iter()
        .map(|c| {
            let first = keys_in_all;
            keys_in_all += c.len() + 1;
            first
        })
        .collect();
    let key =
        |&(f, threshold, _): &Found| first_key[f] + cuts[f].partition_point(|t| *t < threshold);
    let keys: Vec<usize> = found.iter().map(key).collect();
    // Where each key's splits start, then (as they are placed) where the next one goes.
    let mut place = vec![0; keys_in_all + 1];
    for &k in &keys {
        place[k + 1] += 1;
    }
    for k in 1..place.len() {
        place[k] += place[k - 1];
    }
    let mut ranked: Vec<(usize, usize, Split)> =
        vec![(0, 0, Split { tree: 0, keep: 0 }); found.len()];
    for (&(f, _, split), &k) in found.iter().zip(&keys) {
        ranked[place[k]] = (f, k - first_key[f], split);
        place[k] += 1;
    }
    let mut splits = vec![Vec::new(); cuts.len()];
    let mut ranks = vec![Vec::new(); cuts.len()];
    for &(f, rank, split) in &ranked {
        splits[f].push(split);
        ranks[f].push(rank);
    }
    (splits, ranks)
}

/// The bits of each of `trees` trees' leaves still reachable when a feature's first
/// `every`, `2 * every`, ... `splits` fail, one checkpoint after another.
fn checkpoints(splits: &[Split], trees: usize, every: usize) -> Vec<u32> {
    let mut reach = vec![u32::MAX; trees];
    let mut out = Vec::new();
    for chunk in splits.chunks_exact(every) {
        for s in chunk {
            reach[s.tree as usize] &= s.keep;
        }
        out.extend_from_slice(&reach);
    }
    out
}

/// One tree being compiled: its leaves numbered left to right, its splits found.
struct Compiling<'a> {
    tree: &'a Tree,
    index: u32,
    leaves: &'a mut Vec<f64>,
    found: &'a mut Vec<Found>,
}

impl Compiling<'_> {
    /// Compiles the subtree at node `at`, `depth` splits below the root; `None` past
    /// [`MAX_LEAVES`] leaves (which also bounds the depth, so a malformed tree that loops
    /// ends too).
    fn subtree(&mut self, at: usize, depth: usize) -> Option<()> {
        if depth >= MAX_LEAVES {
            return None;
        }
        match self.tree.nodes.get(at) {
            Some(Node::Split {
                feature,
                threshold,
                left,
                right,
            }) => {
                let from = self.leaves.len();
                self.subtree(*left, depth + 1)?;
                let to = self.leaves.len();
                // The bits `from..to`: the leaves on the left.
                let left_bits = (u32::MAX >> (MAX_LEAVES - (to - from))) << from;
                self.found.push((
                    *feature,
                    *threshold,
                    Split {
                        tree: self.index,
                        keep: !left_bits,
                    },
                ));
                self.subtree(*right, depth + 1)
            }
            // A node past the end adds nothing, as in [`Forest::log_odds`].
            leaf => {
                if self.leaves.len() == MAX_LEAVES {
                    return None;
                }
                self.leaves.push(match leaf {
                    Some(Node::Leaf(v)) => *v,
                    _ => 0.0,
                });
                Some(())
            }
        }
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
        // Checkpoints a few splits apart, so that every probe passes some.
        let checkpointed = FlatForest::compile(&forest, 4).expect("a small forest compiles");
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
            assert_eq!(
                checkpointed.log_odds(p).to_bits(),
                forest.log_odds(p).to_bits(),
                "at {p:?}, checkpoints every 4 splits"
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

    /// A tree of `leaves` leaves, each split's left child a leaf (a comb).
    fn comb(leaves: usize) -> Tree {
        let mut nodes = Vec::new();
        for k in 0..leaves - 1 {
            let at = nodes.len();
            nodes.push(Node::Split {
                feature: 0,
                threshold: k as f64,
                left: at + 1,
                right: at + 2,
            });
            nodes.push(Node::Leaf(k as f64));
        }
        nodes.push(Node::Leaf(-1.0));
        Tree { nodes }
    }

    #[test]
    fn trees_of_up_to_thirty_two_leaves_compile_and_bigger_ones_do_not() {
        for leaves in [1, 2, 31, 32] {
            let forest = Forest {
                base: 0.0,
                trees: vec![comb(leaves), comb(3)],
            };
            let flat = FlatForest::new(&forest).expect("compiles");
            for v in -1..=33 {
                let x = [f64::from(v) + 0.5];
                assert_eq!(flat.log_odds(&x), forest.log_odds(&x), "{leaves} at {v}");
            }
        }
        let forest = Forest {
            base: 0.0,
            trees: vec![comb(33)],
        };
        assert_eq!(FlatForest::new(&forest), None);
    }

    #[test]
    fn a_tree_that_loops_does_not_compile() {
        let forest = Forest {
            base: 0.0,
            trees: vec![Tree {
                nodes: vec![Node::Split {
                    feature: 0,
                    threshold: 1.0,
                    left: 0,
                    right: 0,
                }],
            }],
        };
        assert_eq!(FlatForest::new(&forest), None);
    }
}
