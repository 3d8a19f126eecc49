//! Aligning two texts' words as the team's scorer (`score.py`) does, so that `ocrmend eval`
//! counts fixed and broken words as it does: anchors first (the common start and end, then
//! the words found once in each stretch of both texts, chained by a longest increasing
//! subsequence; in a long stretch with none, runs of words found once), then, between the
//! anchors, the matches of Python's `difflib.SequenceMatcher` (Ratcliff–Obershelp: the
//! longest common block, then the same on each side of it).

use rustc_hash::FxHashMap;

/// The words two texts have in common: pairs `(i, j)` with `a[i] == b[j]`, increasing in
/// both.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Matches {
    /// The anchors only: a long document's distance is summed between their runs.
    pub coarse: Vec<(usize, usize)>,
    /// The anchors and the matches found between them.
    pub fine: Vec<(usize, usize)>,
}

/// Above this product of two stretches' lengths (in words), a stretch with no word found
/// once in each is anchored at runs of words instead (the scorer's `_SM_LIMIT`).
const SM_LIMIT: usize = 4_000_000;

/// A stretch longer than this on both sides keeps its block matches as anchors (the
/// scorer's `_GAP_TOKENS`).
const GAP_TOKENS: usize = 2000;

/// The run lengths tried, shortest first, for anchors in a long stretch.
const GRAMS: [usize; 6] = [2, 3, 4, 6, 8, 12];

/// Aligns the words `a` and `b` (as ids: equal words, equal ids).
pub fn match_tokens(a: &[u32], b: &[u32]) -> Matches {
    let mut m = Matches::default();
    let mut stack = vec![(0, a.len(), 0, b.len())];
    while let Some((mut alo, mut ahi, mut blo, mut bhi)) = stack.pop() {
        while alo < ahi && blo < bhi && a[alo] == b[blo] {
            m.coarse.push((alo, blo));
            alo += 1;
            blo += 1;
        }
        while alo < ahi && blo < bhi && a[ahi - 1] == b[bhi - 1] {
            ahi -= 1;
            bhi -= 1;
            m.coarse.push((ahi, bhi));
        }
        if alo >= ahi || blo >= bhi {
            continue;
        }
        if let Some(anchors) = anchored(a, b, (alo, ahi, blo, bhi), 1) {
            split_at(&anchors, 1, (alo, ahi, blo, bhi), &mut m.coarse, &mut stack);
            continue;
        }
        let (n, k) = (ahi - alo, bhi - blo);
        let big = n.saturating_mul(k) > SM_LIMIT;
        if big {
            let found = GRAMS
                .iter()
                .find_map(|&g| anchored(a, b, (alo, ahi, blo, bhi), g).map(|anchors| (anchors, g)));
            if let Some((anchors, g)) = found {
                split_at(&anchors, g, (alo, ahi, blo, bhi), &mut m.coarse, &mut stack);
                continue;
            }
        }
        let target = if n > GAP_TOKENS && k > GAP_TOKENS {
            &mut m.coarse
        } else {
            &mut m.fine
        };
        for (x, y, size) in matching_blocks(&a[alo..ahi], &b[blo..bhi], big) {
            target.extend((0..size).map(|t| (alo + x + t, blo + y + t)));
        }
    }
    m.coarse.sort_unstable();
    m.fine.extend_from_slice(&m.coarse);
    m.fine.sort_unstable();
    m
}

/// The runs of `g` words found once in each of the stretch's sides, as `(i, j)` starts
/// chained by a longest increasing subsequence; `None` when there is none.
fn anchored(
    a: &[u32],
    b: &[u32],
    (alo, ahi, blo, bhi): (usize, usize, usize, usize),
    g: usize,
) -> Option<Vec<(usize, usize)>> {
    if ahi - alo < g || bhi - blo < g {
        return None;
    }
    let (ca, cb) = (grams(a, alo, ahi, g), grams(b, blo, bhi, g));
    let mut at: FxHashMap<&[u32], usize> = FxHashMap::default();
    for j in blo..=bhi - g {
        let t = &b[j..j + g];
        if cb[t] == 1 && ca.get(t) == Some(&1) {
            at.insert(t, j);
        }
    }
    if at.is_empty() {
        return None;
    }
    let pairs: Vec<(usize, usize)> = (alo..=ahi - g)
        .filter_map(|i| at.get(&a[i..i + g]).map(|&j| (i, j)))
        .collect();
    Some(longest_increasing(&pairs))
}

/// How often each run of `g` words starts in `s[lo..hi]`.
fn grams(s: &[u32], lo: usize, hi: usize, g: usize) -> FxHashMap<&[u32], u32> {
    let mut c: FxHashMap<&[u32], u32> = FxHashMap::default();
    for i in lo..=hi - g {
        *c.entry(&s[i..i + g]).or_default() += 1;
    }
    c
}

/// Takes the anchors (runs of `g` words starting at each pair) as matches and queues the
/// stretches between them. Runs overlapping the one before are passed over.
fn split_at(
    anchors: &[(usize, usize)],
    g: usize,
    (alo, ahi, blo, bhi): (usize, usize, usize, usize),
    coarse: &mut Vec<(usize, usize)>,
    stack: &mut Vec<(usize, usize, usize, usize)>,
) {
    let (mut pi, mut pj) = (alo, blo);
    for &(i, j) in anchors {
        if i < pi || j < pj {
            continue;
        }
        coarse.extend((0..g).map(|t| (i + t, j + t)));
        if i > pi || j > pj {
            stack.push((pi, i, pj, j));
        }
        (pi, pj) = (i + g, j + g);
    }
    if pi < ahi || pj < bhi {
        stack.push((pi, ahi, pj, bhi));
    }
}

/// The longest subsequence of `pairs` (in order of `i`) increasing in `j`, the last found
/// of equal length (the scorer's `_lis`).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new();
    let mut tails_at: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| t < j);
        if pos == tails.len() {
            tails.push(j);
            tails_at.push(k);
        } else {
            tails[pos] = j;
            tails_at[pos] = k;
        }
        if pos > 0 {
            prev[k] = tails_at[pos - 1];
        }
    }
    let mut out = Vec::new();
    let mut k = tails_at.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        out.push(pairs[k]);
        k = prev[k];
    }
    out.reverse();
    out
}

/// `difflib.SequenceMatcher(None, a, b, autojunk).get_matching_blocks()`, less its closing
/// empty block: `(i, j, size)` with `a[i..i + size] == b[j..j + size]`, in order.
fn matching_blocks(a: &[u32], b: &[u32], autojunk: bool) -> Vec<(usize, usize, usize)> {
    let mut b2j: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (j, &t) in b.iter().enumerate() {
        b2j.entry(t).or_default().push(j);
    }
    // "Popular" words (more than 1% of a long b) are not looked up, as difflib does.
    if autojunk && b.len() >= 200 {
        let most = b.len() / 100 + 1;
        b2j.retain(|_, at| at.len() <= most);
    }
    let mut blocks = Vec::new();
    let mut queue = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest_match(a, b, &b2j, (alo, ahi, blo, bhi));
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    // Adjacent blocks as one.
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(blocks.len());
    for (i, j, k) in blocks {
        match out.last_mut() {
            Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += k,
            _ => out.push((i, j, k)),
        }
    }
    out
}

/// `SequenceMatcher.find_longest_match`: the longest block common to `a[alo..ahi]` and
/// `b[blo..bhi]` among the words `b2j` indexes, the earliest in `a` and then in `b` of
/// equal length, then grown by equal words on either side (popular ones too).
fn longest_match(
    a: &[u32],
    b: &[u32],
    b2j: &FxHashMap<u32, Vec<usize>>,
    (alo, ahi, blo, bhi): (usize, usize, usize, usize),
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut best) = (alo, blo, 0);
    let mut j2len: FxHashMap<usize, usize> = FxHashMap::default();
    let mut next: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, word) in a.iter().enumerate().take(ahi).skip(alo) {
        next.clear();
        for &j in b2j.get(word).map_or(&[][..], Vec::as_slice) {
            if j < blo {
                continue;
            }
            if j >= bhi {
                break;
            }
            let k = j
                .checked_sub(1)
                .and_then(|p| j2len.get(&p))
                .copied()
                .unwrap_or(0)
                + 1;
            next.insert(j, k);
            if k > best {
                (besti, bestj, best) = (i + 1 - k, j + 1 - k, k);
            }
        }
        std::mem::swap(&mut j2len, &mut next);
    }
    while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
        (besti, bestj, best) = (besti - 1, bestj - 1, best + 1);
    }
    while besti + best < ahi && bestj + best < bhi && a[besti + best] == b[bestj + best] {
        best += 1;
    }
    (besti, bestj, best)
}

/// One step of an alignment, as difflib's opcodes: `a[a_range]` stands for `b[b_range]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    /// Whether the two ranges are equal words.
    pub equal: bool,
    /// The range of `a`.
    pub a: std::ops::Range<usize>,
    /// The range of `b`.
    pub b: std::ops::Range<usize>,
}

/// The alignment's steps from its sorted `matches`, over words `0..na` and `0..nb` (the
/// scorer's `opcodes`).
pub fn opcodes(matches: &[(usize, usize)], na: usize, nb: usize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut k = 0;
    while k < matches.len() {
        let (mi, mj) = matches[k];
        if mi > i || mj > j {
            ops.push(Op {
                equal: false,
                a: i..mi,
                b: j..mj,
            });
        }
        while k + 1 < matches.len()
            && matches[k + 1].0 == matches[k].0 + 1
            && matches[k + 1].1 == matches[k].1 + 1
        {
            k += 1;
        }
        (i, j) = (matches[k].0 + 1, matches[k].1 + 1);
        ops.push(Op {
            equal: true,
            a: mi..i,
            b: mj..j,
        });
        k += 1;
    }
    if i < na || j < nb {
        ops.push(Op {
            equal: false,
            a: i..na,
            b: j..nb,
        });
    }
    ops
}

/// Sorted matches grouped into runs along a diagonal: `(i, j, length)`.
pub fn runs(matches: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for &(i, j) in matches {
        match out.last_mut() {
            Some(r) if i == r.0 + r.2 && j == r.1 + r.2 => r.2 += 1,
            _ => out.push((i, j, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` as ids, one per distinct word.
    fn ids(text: &str) -> Vec<u32> {
        text.split(' ')
            .map(|w| u32::from(w.as_bytes()[0]))
            .collect()
    }

    #[test]
    fn blocks_are_difflibs() {
        // difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() gives
        // (3, 0, 6), (9, 9, 1) and the closing (10, 11, 0).
        let (a, b) = (ids("a b c a b d a b c e"), ids("a b d a b c a x c e b"));
        assert_eq!(matching_blocks(&a, &b, false), vec![(3, 0, 6), (9, 9, 1)]);
    }

    #[test]
    fn tokens_are_matched_as_the_scorer_matches_them() {
        // score.match_tokens on these words: the common start, then the words found once
        // on each side (`d`, `e`) as anchors, then the common start between them.
        let (a, b) = (ids("a b c a b d a b c e"), ids("a b d a b c a x c e b"));
        let m = match_tokens(&a, &b);
        let expected = vec![(0, 0), (1, 1), (5, 2), (6, 3), (7, 4), (8, 5), (9, 9)];
        assert_eq!(m.fine, expected);
        assert_eq!(m.coarse, expected);
        let ops = opcodes(&m.fine, a.len(), b.len());
        assert_eq!(
            ops.iter()
                .map(|o| (o.equal, o.a.clone(), o.b.clone()))
                .collect::<Vec<_>>(),
            vec![
                (true, 0..2, 0..2),
                (false, 2..5, 2..2),
                (true, 5..9, 2..6),
                (false, 9..9, 6..9),
                (true, 9..10, 9..10),
                (false, 10..10, 10..11),
            ]
        );
        assert_eq!(runs(&m.fine), vec![(0, 0, 2), (5, 2, 4), (9, 9, 1)]);
    }
}
