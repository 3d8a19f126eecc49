//! Rewrites: the strings a token may have been before the scanner misread it, each confusion
//! undone in turn, cheapest first: what reaches candidates plain edit distance cannot.

use super::*;

impl ChannelModel {
    /// Strings the scanner may have misread as `observed` (lower case): `observed` itself, it
    /// without the punctuation inside it, and it with up to `depth` confusions undone, at most
    /// `limit` in all, cheapest first.
    pub fn rewrites(&self, observed: &str, depth: usize, limit: usize) -> Vec<(String, f64)> {
        let base: Vec<char> = observed.to_lowercase().chars().collect();
        let mut out: Vec<(Vec<char>, f64)> = vec![(base.clone(), 0.0)];
        let stripped: Vec<char> = base.iter().copied().filter(|&c| !is_junk(c)).collect();
        if stripped.len() != base.len() && !stripped.is_empty() {
            // Punctuation inside letters is damage whatever else is wrong: the stripped form
            // ranks with the token itself, so its rewrites are tried first.
            out.push((stripped, 0.0));
        }
        let mut seen: FxHashSet<Vec<char>> = out.iter().map(|(v, _)| v.clone()).collect();
        // The strings of the last level: the end of `out`, from here.
        let mut level = 0;
        for _ in 0..depth {
            // Only the `limit` cheapest strings are kept in the end, and undoing a confusion
            // never costs less than nothing: a string at least as dear as the `limit`th
            // found so far would be cut, and so would everything made from it.
            let cut = (limit > 0 && out.len() >= limit && !self.negative_rewrites).then(|| {
                let mut costs: Vec<f64> = out.iter().map(|(_, c)| *c).collect();
                costs.select_nth_unstable_by(limit - 1, f64::total_cmp);
                costs[limit - 1]
            });
            let frontier = &out[level..];
            let moves = self.moves(frontier, cut);
            let next = self.cheapest(frontier, moves, limit, &mut seen);
            level = out.len();
            out.extend(next);
        }
        out.sort_by(|a, b| a.1.total_cmp(&b.1));
        out.truncate(limit);
        out.into_iter()
            .map(|(v, c)| (v.into_iter().collect(), c))
            .collect()
    }

    /// Every confusion that could be undone somewhere in the `frontier`'s strings, short of
    /// a cost at `cut` or more.
    fn moves(&self, frontier: &[(Vec<char>, f64)], cut: Option<f64>) -> Vec<Move> {
        let mut moves: Vec<Move> = Vec::new();
        for (from, (s, cost)) in frontier.iter().enumerate() {
            for (at, first) in s.iter().enumerate() {
                for &k in self.rewritable.get(*first) {
                    let conf = &self.confusions[k];
                    let b = conf.observed.len();
                    let dear = cut.is_some_and(|cut| cost + conf.cost >= cut);
                    if !dear && at + b <= s.len() && same(&s[at..at + b], &conf.observed) {
                        moves.push(Move {
                            cost: cost + conf.cost,
                            from,
                            at,
                            rule: k,
                            found: moves.len(),
                        });
                    }
                }
            }
        }
        moves
    }

    /// The strings the cheapest of `moves` make of the `frontier`'s, at most `limit`, each
    /// not `seen` before (and then seen).
    fn cheapest(
        &self,
        frontier: &[(Vec<char>, f64)],
        mut moves: Vec<Move>,
        limit: usize,
        seen: &mut FxHashSet<Vec<char>>,
    ) -> Vec<(Vec<char>, f64)> {
        // Cheapest first, ties as found (a total order). Only about `limit` moves are
        // taken, so the cheapest few are selected and sorted, the next few only if those
        // run out (many lead to a string found already).
        let order = |a: &Move, b: &Move| a.cost.total_cmp(&b.cost).then(a.found.cmp(&b.found));
        let mut sorted = 0;
        let mut next: Vec<(Vec<char>, f64)> = Vec::new();
        let mut v: Vec<char> = Vec::new();
        for i in 0..moves.len() {
            if next.len() == limit {
                break;
            }
            if i == sorted {
                let rest = &mut moves[sorted..];
                let head = (2 * limit).min(rest.len());
                if head < rest.len() {
                    rest.select_nth_unstable_by(head, order);
                }
                rest[..head].sort_unstable_by(order);
                sorted += head;
            }
            let Move {
                cost,
                from,
                at,
                rule,
                ..
            } = moves[i];
            let (s, conf) = (&frontier[from].0, &self.confusions[rule]);
            let b = conf.observed.len();
            v.clear();
            v.extend_from_slice(&s[..at]);
            v.extend_from_slice(&conf.intended);
            v.extend_from_slice(&s[at + b..]);
            if !seen.contains(v.as_slice()) {
                seen.insert(v.clone());
                next.push((v.clone(), cost));
            }
        }
        next
    }
}

/// A confusion that could be undone in a rewrite.
#[derive(Debug, Clone, Copy)]
struct Move {
    /// The cost of the string so far plus the confusion's.
    cost: f64,
    /// Which string of the frontier.
    from: usize,
    /// Where in it the confusion's observed letters stand.
    at: usize,
    /// Which confusion.
    rule: usize,
    /// In what order it was found (ties keep it).
    found: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_undo_confusions() {
        let m = ChannelModel::default();
        let r = m.rewrites("rnountair.s", 2, 200);
        assert!(r.iter().any(|(s, _)| s == "mountairs"));
        assert_eq!(r[0], ("rnountair.s".to_owned(), 0.0));
    }

    #[test]
    fn rewrites_too_dear_to_be_kept_are_not_made_and_the_rest_are_the_same() {
        // The cut is exact: with it turned off (as for a model with negative costs), the
        // same rewrites come out, in the same order.
        let m = ChannelModel::default();
        let uncut = ChannelModel {
            negative_rewrites: true,
            ..m.clone()
        };
        for token in [
            "rnountair.s",
            "tbe",
            "clesign",
            "rnodern.s",
            "Decernber",
            "wvill",
            "liis",
            "iiiiiii",
            "ccccllll",
            "a",
            "",
        ] {
            for (depth, limit) in [(1, 24), (2, 24), (2, 4), (2, 1), (3, 8), (2, 0)] {
                assert_eq!(
                    m.rewrites(token, depth, limit),
                    uncut.rewrites(token, depth, limit),
                    "{token} {depth} {limit}"
                );
            }
        }
        // A hand-made model whose confusion costs less than nothing turns the cut off.
        let confusion = |cost| Confusion {
            intended: vec!['m'],
            observed: vec!['r', 'n'],
            cost,
        };
        assert!(!ChannelModel::new(vec![confusion(0.3)], EditCosts::default()).negative_rewrites);
        let negative = ChannelModel::new(vec![confusion(-0.3)], EditCosts::default());
        assert!(negative.negative_rewrites);
        assert_eq!(negative.rewrites("rnrn", 2, 2)[0].0, "mm");
    }
}
