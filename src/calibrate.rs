//! Calibrated confidence: the probability that a substitution is right, fitted on
//! development documents the model was not trained on, from what the decision rested on
//! ([`Evidence`]). Raw score shares are poorly calibrated (a share of 0.95 is right far less
//! often than 95% of the time); a logistic model over the evidence is. `ocrmend calibrate`
//! fits one from OCR pages and their ground truth; the embedded default is
//! `dictionaries/calibration.tsv`.

use crate::edit::{EditKind, Evidence};
use std::fmt::Write;

/// The names of the features, in order (the first is the constant term).
pub const FEATURES: [&str; 19] = [
    "bias",
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
];

const N: usize = FEATURES.len();

/// A feature vector.
pub type Features = [f64; N];

/// The embedded calibration (empty until fitted: then confidences are raw shares).
const EMBEDDED: &str = include_str!("../dictionaries/calibration.tsv");

/// The terms of the model: the constant, each feature, and each product of two features
/// (a right edit is not a sum of separate signs: a wide margin means more for a long word
/// than a short one, a low channel cost more without context than with it).
fn terms(x: &Features) -> [f64; TERMS] {
    let mut t = [0.0; TERMS];
    t[..N].copy_from_slice(x);
    let mut k = N;
    for i in 1..N {
        for j in i..N {
            t[k] = x[i] * x[j];
            k += 1;
        }
    }
    t
}

/// Number of terms: the constant, the features, and their products in pairs.
const TERMS: usize = N + (N - 1) * N / 2;

/// The names of the terms, in the order of [`terms`]: `a*b` for a product.
fn term_names() -> Vec<String> {
    let mut names: Vec<String> = FEATURES.iter().map(|f| (*f).to_owned()).collect();
    for (i, a) in FEATURES.iter().enumerate().skip(1) {
        for b in &FEATURES[i..] {
            names.push(format!("{a}*{b}"));
        }
    }
    names
}

/// A fitted logistic model from evidence to the probability an edit is right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    weights: [f64; TERMS],
}

/// Why a calibration file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalibrationError {
    /// A line is not `term<TAB>weight`.
    #[error("line {0}: expected `term<TAB>weight` with a known feature or product and a number")]
    Line(usize),
    /// A feature has no weight (a table from an older ocrmend, most likely).
    #[error(
        "no weight for feature `{0}`: the table is from another version of ocrmend; \
         fit it again with `ocrmend calibrate`"
    )]
    Missing(&'static str),
}

/// The features of a decision.
pub fn features(e: &Evidence, kind: EditKind) -> Features {
    let share = e.share.clamp(1e-6, 1.0 - 1e-6);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    [
        1.0,
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
    ]
}

impl Calibration {
    /// The embedded calibration, if one has been fitted.
    pub fn embedded() -> Option<Calibration> {
        Calibration::parse(EMBEDDED).ok()
    }

    /// Reads a calibration table: `term<TAB>weight` lines, `#` comments. Every feature
    /// needs a weight; a product without one weighs nothing.
    pub fn parse(text: &str) -> Result<Calibration, CalibrationError> {
        let names = term_names();
        let mut weights = [f64::NAN; TERMS];
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line.split_once('\t').and_then(|(name, w)| {
                let at = names.iter().position(|f| f == name.trim())?;
                Some((at, w.trim().parse::<f64>().ok()?))
            });
            match parsed {
                Some((at, w)) if w.is_finite() => weights[at] = w,
                _ => return Err(CalibrationError::Line(i + 1)),
            }
        }
        if let Some(at) = weights[..N].iter().position(|w| w.is_nan()) {
            return Err(CalibrationError::Missing(FEATURES[at]));
        }
        for w in &mut weights[N..] {
            if w.is_nan() {
                *w = 0.0;
            }
        }
        Ok(Calibration { weights })
    }

    /// The table [`Calibration::parse`] reads.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# ocrmend calibration: logistic weights over the features of calibrate.rs and their products\n",
        );
        for (name, w) in term_names().iter().zip(&self.weights) {
            let _ = writeln!(out, "{name}\t{w:.6e}");
        }
        out
    }

    /// The probability that an edit with this evidence is right.
    pub fn confidence(&self, e: &Evidence, kind: EditKind) -> f64 {
        self.confidence_of(&features(e, kind))
    }

    /// The probability that an edit with these features is right.
    pub fn confidence_of(&self, x: &Features) -> f64 {
        let z: f64 = self.weights.iter().zip(terms(x)).map(|(w, t)| w * t).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model to labelled decisions (features, right or not) by L2-regularised
    /// logistic regression on standardised terms (Newton's method).
    pub fn fit(samples: &[(Features, bool)]) -> Calibration {
        let n = samples.len().max(1) as f64;
        let rows: Vec<[f64; TERMS]> = samples.iter().map(|(x, _)| terms(x)).collect();
        let mut mean = vec![0.0; TERMS];
        let mut sd = vec![1.0; TERMS];
        for j in 1..TERMS {
            mean[j] = rows.iter().map(|r| r[j]).sum::<f64>() / n;
            let var = rows.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n;
            sd[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
        }
        let z: Vec<(Vec<f64>, f64)> = rows
            .iter()
            .zip(samples)
            .map(|(r, (_, y))| {
                let s: Vec<f64> = (0..TERMS)
                    .map(|j| {
                        if j == 0 {
                            1.0
                        } else {
                            (r[j] - mean[j]) / sd[j]
                        }
                    })
                    .collect();
                (s, if *y { 1.0 } else { 0.0 })
            })
            .collect();
        const L2: f64 = 1e-3;
        let mut w = vec![0.0; TERMS];
        for _ in 0..25 {
            let mut grad = vec![0.0; TERMS];
            let mut hess = vec![0.0; TERMS * TERMS];
            for (x, y) in &z {
                let p = 1.0 / (1.0 + (-(w.iter().zip(x).map(|(a, b)| a * b).sum::<f64>())).exp());
                let h = (p * (1.0 - p)).max(1e-9);
                for a in 0..TERMS {
                    grad[a] += (p - y) * x[a];
                    let hx = h * x[a];
                    if hx != 0.0 {
                        for b in a..TERMS {
                            hess[a * TERMS + b] += hx * x[b];
                        }
                    }
                }
            }
            for a in 0..TERMS {
                let reg = if a == 0 { 1e-9 } else { L2 };
                grad[a] = grad[a] / n + reg * w[a];
                for b in a..TERMS {
                    hess[a * TERMS + b] /= n;
                    hess[b * TERMS + a] = hess[a * TERMS + b];
                }
                hess[a * TERMS + a] += reg;
            }
            let Some(step) = solve_spd(&mut hess, &grad, TERMS) else {
                break;
            };
            let mut largest: f64 = 0.0;
            for (wa, s) in w.iter_mut().zip(&step) {
                *wa -= s;
                largest = largest.max(s.abs());
            }
            if largest < 1e-7 {
                break;
            }
        }
        // Back to the raw terms.
        let mut weights = [0.0; TERMS];
        weights[0] = w[0];
        for j in 1..TERMS {
            weights[j] = w[j] / sd[j];
            weights[0] -= w[j] * mean[j] / sd[j];
        }
        Calibration { weights }
    }
}

/// Solves `a x = b` for a symmetric positive definite `a` (`n`×`n`, row-major; overwritten
/// by its Cholesky factor). `None` if `a` is not positive definite.
fn solve_spd(a: &mut [f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            y[i] -= a[i * n + k] * y[k];
        }
        y[i] /= a[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            y[i] -= a[k * n + i] * y[k];
        }
        y[i] /= a[i * n + i];
    }
    Some(y)
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
    fn fit_learns_that_real_word_changes_are_riskier() {
        // Non-words changed at share 0.9 are right 9 times in 10; real words 5 in 10.
        let mut samples = Vec::new();
        for i in 0..1000 {
            let x = features(&evidence(0.9, false), EditKind::Substitute);
            samples.push((x, i % 10 != 0));
            let x = features(&evidence(0.9, true), EditKind::Substitute);
            samples.push((x, i % 2 == 0));
        }
        let c = Calibration::fit(&samples);
        let non_word = c.confidence(&evidence(0.9, false), EditKind::Substitute);
        let real_word = c.confidence(&evidence(0.9, true), EditKind::Substitute);
        assert!((non_word - 0.9).abs() < 0.02, "{non_word}");
        assert!((real_word - 0.5).abs() < 0.02, "{real_word}");
        // And the table round-trips.
        assert_eq!(
            Calibration::parse(&c.to_tsv()).unwrap().to_tsv(),
            c.to_tsv()
        );
    }

    #[test]
    fn bad_tables_are_refused() {
        assert_eq!(
            Calibration::parse("bias\t1\nnonsense\t2\n"),
            Err(CalibrationError::Line(2))
        );
        assert_eq!(
            Calibration::parse("bias\t1\n"),
            Err(CalibrationError::Missing("logit_share"))
        );
    }
}
