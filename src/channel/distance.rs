//! The weighted edit distance: how dear the confusions and plain edits are that turn the
//! word printed into the token read, priced for many candidate words of one token at once.

use super::*;

impl ChannelModel {
    /// The weighted edit distance from `intended` to `observed` (both compared in lower
    /// case): the cheapest sequence of confusions and ordinary edits that turns one into the
    /// other.
    pub fn cost(&self, intended: &str, observed: &str) -> f64 {
        self.cost_within(intended, observed, f64::INFINITY)
            .unwrap_or(f64::INFINITY)
    }

    /// [`ChannelModel::cost`] when it is at most `limit`; `None` as soon as the table shows
    /// it cannot be (most candidates of a look-up are far dearer than the limit).
    pub fn cost_within(&self, intended: &str, observed: &str, limit: f64) -> Option<f64> {
        self.reading(observed).cost_within(intended, limit)
    }

    /// `observed` prepared for pricing many intended words against it (the candidates of
    /// one token): the confusions that can end at each of its characters are found once.
    pub fn reading(&self, observed: &str) -> Reading<'_> {
        let o: Vec<char> = observed.to_lowercase().chars().collect();
        // The token as read, where its lower case has as many characters (for the
        // confusions that read a capital inside a word).
        let cased: Option<Vec<char>> = (!self.capitals_read.is_empty()
            && seams(observed).next().is_some())
        .then(|| observed.chars().collect())
        .filter(|t: &Vec<char>| t.len() == o.len());
        // The confusions whose reading ends at each character of the token, by the last
        // character they print (those that print nothing fit any column).
        let mut ends = Ends {
            printing_nothing: vec![Vec::new(); o.len() + 1],
            ..Ends::default()
        };
        for i in 1..=o.len() {
            for &k in self.by_end.get(o[i - 1]) {
                let conf = &self.confusions[k];
                let b = conf.observed.len();
                let fits = match self.capital_read(k) {
                    None => b <= i && same(&o[i - b..i], &conf.observed),
                    Some(read) => cased.as_deref().is_some_and(|t| {
                        b <= i && same(&t[i - b..i], read) && capital_inside(t, i - b..i)
                    }),
                };
                if fits {
                    match conf.intended.last() {
                        Some(&c) => ends.by_last.entry(c).push((i, k)),
                        None => ends.printing_nothing[i].push((b, conf.cost)),
                    }
                }
            }
        }
        Reading {
            model: self,
            observed: o,
            ends,
            scratch: RefCell::default(),
        }
    }
}

/// A token prepared by [`ChannelModel::reading`] for pricing candidates against it.
#[derive(Debug)]
pub struct Reading<'m> {
    model: &'m ChannelModel,
    /// The token, lower case.
    observed: Vec<char>,
    /// The confusions whose reading is the token's characters ending at some row, as
    /// `(row, confusion)`, by the last character they print.
    ends: Ends,
    /// Buffers reused between candidates.
    scratch: RefCell<Scratch>,
}

/// The confusions that read a token's characters ending at some row: those that print
/// something as `(row, confusion)` by the last character they print, and those that print
/// nothing (marks the scanner added) as `(characters read, cost)` per row, which fit every
/// column of every intended word alike.
#[derive(Debug, Default)]
struct Ends {
    by_last: ByChar<(usize, usize)>,
    printing_nothing: Vec<Vec<(usize, f64)>>,
}

/// The buffers of one pricing: the intended word's characters, the distance table, and the
/// confusions that fit both words.
#[derive(Debug, Default)]
struct Scratch {
    word: Vec<char>,
    table: Vec<f64>,
    moves: Moves,
}

/// The confusions that fit both words, as `(row, column, confusion)`: as found, and in the
/// order the table is filled (`rows` counts them per row to sort them); and the letters
/// lost, which fit every row alike, as `(letters, cost)` per column (those of column `j`
/// are `lost[lost_from[j]..lost_from[j + 1]]`).
#[derive(Debug, Default)]
struct Moves {
    found: Vec<(usize, usize, usize)>,
    rows: Vec<usize>,
    sorted: Vec<(usize, usize, usize)>,
    lost: Vec<(usize, f64)>,
    lost_from: Vec<usize>,
}

impl Reading<'_> {
    /// The weighted edit distance from `intended` to this token when it is at most `limit`
    /// (as [`ChannelModel::cost_within`]).
    pub fn cost_within(&self, intended: &str, limit: f64) -> Option<f64> {
        let mut scratch = self.scratch.borrow_mut();
        let Scratch { word, table, moves } = &mut *scratch;
        word.clear();
        word.extend(intended.chars().flat_map(char::to_lowercase));
        let cost = self.cost_chars(word, table, moves, limit);
        (cost <= limit).then_some(cost)
    }

    /// The confusions that fit both the token and `w` (starting at character `skip` of
    /// each): those that read some of the token and print some of `w`, as `(row, column,
    /// confusion)` in the order the table is filled, and the letters of `w` lost, per
    /// column.
    fn fitting(&self, w: &[char], skip: usize, scratch: &mut Moves) {
        let model = self.model;
        let Moves {
            found,
            rows,
            sorted,
            lost,
            lost_from,
        } = scratch;
        found.clear();
        lost.clear();
        lost_from.clear();
        let add = |found: &mut Vec<(usize, usize, usize)>, ends: &[(usize, usize)], j: usize| {
            for &(i, k) in ends {
                let conf = &model.confusions[k];
                let (a, b) = (conf.intended.len(), conf.observed.len());
                if a <= j && i >= skip + b && same(&w[j - a..j], &conf.intended) {
                    found.push((i - skip, j, k));
                }
            }
        };
        for j in 0..=w.len() {
            lost_from.push(lost.len());
            if j == 0 {
                continue;
            }
            add(found, self.ends.by_last.get(w[j - 1]), j);
            // The confusions that read nothing (a letter lost) fit every row.
            for &k in model.lost_by_end.get(w[j - 1]) {
                let conf = &model.confusions[k];
                let a = conf.intended.len();
                if a <= j && same(&w[j - a..j], &conf.intended) {
                    lost.push((a, conf.cost));
                }
            }
        }
        lost_from.push(lost.len());
        // Found column by column; put in row order (stable, so columns stay in order
        // within a row) by counting.
        rows.clear();
        rows.resize(self.observed.len() + 2 - skip, 0);
        for &(i, _, _) in found.iter() {
            rows[i + 1] += 1;
        }
        for r in 1..rows.len() {
            rows[r] += rows[r - 1];
        }
        // Every place is written once below, so what a longer earlier pricing left in
        // `sorted` need not be cleared first (zeroing it was a tenth of the pricing):
        // `resize` fills only places that are new.
        sorted.resize(found.len(), (0, 0, 0));
        for &m in found.iter() {
            sorted[rows[m.0]] = m;
            rows[m.0] += 1;
        }
    }

    fn cost_chars(&self, w: &[char], d: &mut Vec<f64>, moves: &mut Moves, limit: f64) -> f64 {
        let model = self.model;
        // A long common beginning is read letter for letter: the table starts where a
        // confusion could still reach back into it (most candidates share their first
        // letters with the token).
        let common = w
            .iter()
            .zip(&self.observed)
            .take_while(|(a, b)| a == b)
            .count();
        let skip = common.saturating_sub(model.longest_read + 1);
        let (w, o) = (&w[skip..], &self.observed[skip..]);
        self.fitting(w, skip, moves);
        let Moves {
            sorted: moves,
            lost,
            lost_from,
            ..
        } = &*moves;
        let c = &model.costs;
        let cols = w.len() + 1;
        // d[i * cols + j]: cost of reading w[..j] as o[..i].
        d.clear();
        d.resize((o.len() + 1) * cols, f64::INFINITY);
        d[0] = 0.0;
        let mut next = 0;
        for i in 0..=o.len() {
            // What reading the row's character costs where it is extra or replaces a letter
            // (the same in every column).
            let (ins, sub) = match i.checked_sub(1).map(|k| o[k]) {
                Some(r) if is_junk(r) && r != '-' => (model.mark_added(r), c.substitute_junk),
                Some(r) if is_junk(r) => (c.insert, c.substitute_junk),
                _ => (c.insert, c.substitute),
            };
            let (done, rest) = d.split_at_mut(i * cols);
            let row = &mut rest[..cols];
            // The rows above: one back for an edit, two for a transposition.
            let up = i.checked_sub(1).map(|k| &done[k * cols..(k + 1) * cols]);
            let up2 = i.checked_sub(2).map(|k| &done[k * cols..(k + 1) * cols]);
            // The marks the scanner added that end at this row.
            let added = &self.ends.printing_nothing[i + skip];
            for j in 0..cols {
                let mut best = row[j];
                if let Some(up) = up {
                    best = lower(best, up[j] + ins);
                }
                if j > 0 {
                    best = lower(best, row[j - 1] + c.delete);
                    if let Some(up) = up {
                        let read = o[i - 1];
                        let sub = if read == w[j - 1] { 0.0 } else { sub };
                        best = lower(best, up[j - 1] + sub);
                        if let Some(up2) = up2.filter(|_| j > 1) {
                            if read == w[j - 2] && o[i - 2] == w[j - 1] {
                                best = lower(best, up2[j - 2] + c.transpose);
                            }
                        }
                    }
                }
                for &(b, cost) in added.iter().filter(|&&(b, _)| b <= i) {
                    best = lower(best, done[(i - b) * cols + j] + cost);
                }
                for &(a, cost) in &lost[lost_from[j]..lost_from[j + 1]] {
                    best = lower(best, row[j - a] + cost);
                }
                while let Some(&(mi, mj, k)) = moves.get(next) {
                    if (mi, mj) != (i, j) {
                        break;
                    }
                    let conf = &model.confusions[k];
                    let (a, b) = (conf.intended.len(), conf.observed.len());
                    best = lower(best, done[(i - b) * cols + j - a] + conf.cost);
                    next += 1;
                }
                row[j] = best;
            }
            // Every path to the end passes through one of the last `longest_read` rows;
            // when all of them are over the limit, so is the end.
            let from = (i + 1).saturating_sub(model.longest_read);
            if d[from * cols..(i + 1) * cols].iter().all(|&x| x > limit) {
                return f64::INFINITY;
            }
        }
        d[o.len() * cols + w.len()]
    }
}

/// The smaller of two costs (costs are never NaN, so without `f64::min`'s care for it: this
/// is the distance table's innermost step).
#[inline]
fn lower(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weighted distance by its definition: every edit and every confusion tried in
    /// every cell of the table, no pruning.
    fn reference_cost(m: &ChannelModel, intended: &str, observed: &str) -> f64 {
        let w: Vec<char> = intended.to_lowercase().chars().collect();
        let o: Vec<char> = observed.to_lowercase().chars().collect();
        let cased: Vec<char> = observed.chars().collect();
        let c = &m.costs;
        let mut d = vec![vec![f64::INFINITY; w.len() + 1]; o.len() + 1];
        d[0][0] = 0.0;
        for i in 0..=o.len() {
            for j in 0..=w.len() {
                let mut best = d[i][j];
                if i > 0 {
                    let junk = is_junk(o[i - 1]) && o[i - 1] != '-';
                    best = best.min(
                        d[i - 1][j]
                            + if junk {
                                m.mark_added(o[i - 1])
                            } else {
                                c.insert
                            },
                    );
                }
                if j > 0 {
                    best = best.min(d[i][j - 1] + c.delete);
                }
                if i > 0 && j > 0 {
                    let sub = match (o[i - 1] == w[j - 1], is_junk(o[i - 1])) {
                        (true, _) => 0.0,
                        (false, true) => c.substitute_junk,
                        (false, false) => c.substitute,
                    };
                    best = best.min(d[i - 1][j - 1] + sub);
                    if i > 1 && j > 1 && o[i - 1] == w[j - 2] && o[i - 2] == w[j - 1] {
                        best = best.min(d[i - 2][j - 2] + c.transpose);
                    }
                }
                for (k, conf) in m.confusions.iter().enumerate() {
                    let (a, b) = (conf.intended.len(), conf.observed.len());
                    // A capital read inside a word fits only where the token has one.
                    let read = |t: &[char]| match m.capital_read(k) {
                        None => o[i - b..i] == conf.observed[..],
                        Some(cased) => t[i - b..i] == cased[..] && capital_inside(t, i - b..i),
                    };
                    if (a, b) != (0, 0)
                        && a <= j
                        && b <= i
                        && w[j - a..j] == conf.intended[..]
                        && read(&cased)
                    {
                        best = best.min(d[i - b][j - a] + conf.cost);
                    }
                }
                d[i][j] = best;
            }
        }
        d[o.len()][w.len()]
    }

    #[test]
    fn the_pruned_distance_is_the_distance() {
        let m = ChannelModel::default();
        let words = [
            "machines",
            "rnachir.es",
            "expected",
            "cxpected",
            "the",
            "tbe",
            "tlie",
            "mountains",
            "rnountair.s",
            "should",
            "shoulcl",
            "two",
            "t\"o",
            "which",
            "whi-h",
            "illness",
            "iliness",
            "1llness",
            "modern",
            "rnodem",
            "ſoon",
            "soon",
            "shall",
            "shaU",
            "SHAU",
            "Devill",
            "DeviU",
            "dollars",
            "dollar«",
            "ship",
            "»hip",
            "",
        ];
        for intended in words {
            for observed in words {
                let expected = reference_cost(&m, intended, observed);
                for limit in [0.5, 1.0, 2.6, 100.0] {
                    let got = m.cost_within(intended, observed, limit);
                    let want = (expected <= limit).then_some(expected);
                    let same = match (got, want) {
                        (Some(g), Some(w)) => (g - w).abs() < 1e-9,
                        (g, w) => g == w,
                    };
                    assert!(
                        same,
                        "{intended} as {observed} within {limit}: {got:?}, {want:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn confusions_are_cheaper_than_edits() {
        let m = ChannelModel::from_table(SHAPE_TABLE).unwrap();
        assert!(m.cost("submarines", "subrnarines") < 0.5);
        assert!(m.cost("estimated", "estimatcd") < 0.5);
        assert_eq!(m.cost("word", "word"), 0.0);
        assert_eq!(m.cost("Word", "WORD"), 0.0);
        assert!((m.cost("cat", "cxt") - 1.0).abs() < 1e-9);
        let trained = ChannelModel::default();
        assert!(
            trained.cost("submarines", "subrnarines") < trained.cost("submarines", "subxarines")
        );
        assert!(m.cost("mountains", "rnountair.s") < 2.0);
        assert!(m.cost("mountains", "rnountair.s") > m.cost("mountains", "rnountains"));
    }

    #[test]
    fn a_confusion_no_cheaper_than_a_plain_edit_or_priced_again_changes_no_price() {
        // `e` read as `o` dearer than any substitution, `l` lost dearer than a deletion, an
        // `i` read where nothing was printed dearer than an insertion (a `~` so read has a
        // price of its own); `rn` for `m` cheap, and dearer where a second row prices it.
        let table = "e\to\t1.4\t3\nl\t\t1.2\t3\n\ti\t1.1\t9\n\t~\t1.3\t9\nm\trn\t0.6\t10\n\
                     m\trn\t0.3\t40\nm\trn\t0.5\t20\n";
        let m = ChannelModel::from_table(table).unwrap();
        for (intended, observed) in [
            ("the", "tho"),
            ("hello", "helo"),
            ("modern", "rnodorn"),
            ("the", "thie"),
            ("the", "th~e"),
        ] {
            let want = reference_cost(&m, intended, observed);
            assert!(
                (m.cost(intended, observed) - want).abs() < 1e-9,
                "{intended}"
            );
        }
        assert!((m.cost("the", "tho") - 1.0).abs() < 1e-9);
        assert!((m.cost("modern", "rnodorn") - 1.3).abs() < 1e-9);
    }

    #[test]
    fn a_capital_inside_a_word_is_priced_by_what_it_was_printed_as() {
        // In lower case `u` is likelier an `n` than an `ll`; a capital `U` after small
        // letters was an `ll` far more often than chance would make a capital of a `u`.
        let m =
            ChannelModel::from_table("n\tu\t0.3\t50\nll\tu\t0.6\t20\n!ll\t!U\t0.02\t9\n").unwrap();
        assert!((m.cost("fall", "faU") - 0.02).abs() < 1e-9);
        assert!((m.cost("fan", "faU") - 0.3).abs() < 1e-9);
        assert!((m.cost("fall", "fau") - 0.6).abs() < 1e-9);
        // Only a capital after a small letter: a capital first letter, or one in a word in
        // capitals, is no such misreading.
        assert!((m.cost("llama", "Uama") - 0.6).abs() < 1e-9);
        assert!((m.cost("fall", "FAU") - 0.6).abs() < 1e-9);
        // And it is never undone in rewrites (they are in lower case).
        assert!(m
            .rewrites("fau", 1, 50)
            .iter()
            .all(|(s, c)| s != "fall" || *c > 0.5));
    }
}
