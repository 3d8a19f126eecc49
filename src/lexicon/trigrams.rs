//! How much a string looks like a word: a character-trigram model of the base lexicon's
//! words (each word once, so names and rare words count as much as common ones). `ilcnrj`
//! is far less likely than `henry` or `shevardnadze`. The build script counts the trigrams
//! with this same file and embeds the table; the mender weighs with it how likely an
//! unknown token is to be a word of its own rather than a misreading.

/// Symbols of the model: the start and end of a word, and the 26 letters.
pub const SYMBOLS: usize = 28;
const START: usize = 0;
const END: usize = 1;

/// Add-k smoothing of the counts.
const SMOOTHING: f64 = 0.1;

/// The symbols of `word` with two start marks and an end mark, when it is made of the
/// letters a–z in either case only.
pub fn symbols(word: &str) -> Option<Vec<usize>> {
    let mut out = vec![START, START];
    for b in word.bytes() {
        match b {
            b'a'..=b'z' => out.push(usize::from(b - b'a') + 2),
            b'A'..=b'Z' => out.push(usize::from(b - b'A') + 2),
            _ => return None,
        }
    }
    out.push(END);
    Some(out)
}

/// The index of the trigram `w` (three symbols) in a table.
pub fn index(w: &[usize]) -> usize {
    (w[0] * SYMBOLS + w[1]) * SYMBOLS + w[2]
}

/// The table of log-probabilities of the last symbol of each trigram given the first two,
/// from the words `words`, and the mean surprise per symbol of those words.
pub fn model<'a>(words: impl Iterator<Item = &'a str>) -> (Vec<f32>, f64) {
    let mut tri = vec![0u32; SYMBOLS * SYMBOLS * SYMBOLS];
    let mut seqs = Vec::new();
    for w in words {
        if let Some(s) = symbols(w) {
            for t in s.windows(3) {
                tri[index(t)] += 1;
            }
            seqs.push(s);
        }
    }
    let mut table = vec![0f32; tri.len()];
    for (pair, row) in tri.chunks(SYMBOLS).enumerate() {
        let total: u32 = row.iter().sum();
        // A next symbol is a letter or the end (never a start).
        let denom = f64::from(total) + SMOOTHING * (SYMBOLS - 1) as f64;
        for (c, &n) in row.iter().enumerate() {
            table[pair * SYMBOLS + c] = ((f64::from(n) + SMOOTHING) / denom).ln() as f32;
        }
    }
    let mean = seqs
        .iter()
        .map(|s| surprise_of(&table, s).unwrap_or(0.0))
        .sum::<f64>()
        / seqs.len().max(1) as f64;
    (table, mean)
}

/// Nats of surprise per symbol of a symbol sequence under `table`.
fn surprise_of(table: &[f32], s: &[usize]) -> Option<f64> {
    let n = s.len().checked_sub(2).filter(|&n| n > 0)?;
    let total: f64 = s.windows(3).map(|t| -f64::from(table[index(t)])).sum();
    Some(total / n as f64)
}

/// Nats of surprise per symbol of `word` under `table` (`None` unless it is made of the
/// letters a–z only).
pub fn surprise(table: &[f32], word: &str) -> Option<(f64, usize)> {
    let s = symbols(word)?;
    let n = s.len() - 2;
    Some((surprise_of(table, &s)?, n))
}
