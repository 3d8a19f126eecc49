//! Calibrated confidence: the probability that a substitution is right, fitted on
//! development documents the model was not trained on, from what the decision rested on
//! ([`Evidence`]). Raw score shares are poorly calibrated (a share of 0.95 is right far less
//! often than 95% of the time); a logistic model over the evidence is. `ocrmend calibrate`
//! fits one from OCR pages and their ground truth; the embedded default is
//! `dictionaries/calibration.tsv`.

use crate::edit::{EditKind, Evidence};
use std::fmt::Write;

/// The names of the features, in order (the first is the constant term).
pub const FEATURES: [&str; 18] = [
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
];

const N: usize = FEATURES.len();

/// A feature vector.
pub type Features = [f64; N];

/// The embedded calibration (empty until fitted: then confidences are raw shares).
const EMBEDDED: &str = include_str!("../dictionaries/calibration.tsv");

/// A fitted logistic model from evidence to the probability an edit is right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    weights: Features,
}

/// Why a calibration file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalibrationError {
    /// A line is not `feature<TAB>weight`.
    #[error("line {0}: expected `feature<TAB>weight` with a known feature and a number")]
    Line(usize),
    /// A feature has no weight.
    #[error("no weight for feature `{0}`")]
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
    ]
}

impl Calibration {
    /// The embedded calibration, if one has been fitted.
    pub fn embedded() -> Option<Calibration> {
        Calibration::parse(EMBEDDED).ok()
    }

    /// Reads a calibration table: `feature<TAB>weight` lines, `#` comments.
    pub fn parse(text: &str) -> Result<Calibration, CalibrationError> {
        let mut weights = [f64::NAN; N];
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line.split_once('\t').and_then(|(name, w)| {
                let at = FEATURES.iter().position(|f| *f == name.trim())?;
                Some((at, w.trim().parse::<f64>().ok()?))
            });
            match parsed {
                Some((at, w)) if w.is_finite() => weights[at] = w,
                _ => return Err(CalibrationError::Line(i + 1)),
            }
        }
        match weights.iter().position(|w| w.is_nan()) {
            Some(at) => Err(CalibrationError::Missing(FEATURES[at])),
            None => Ok(Calibration { weights }),
        }
    }

    /// The table [`Calibration::parse`] reads.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# ocrmend calibration: logistic weights over the features of calibrate.rs\n",
        );
        for (name, w) in FEATURES.iter().zip(self.weights) {
            let _ = writeln!(out, "{name}\t{w:.6}");
        }
        out
    }

    /// The probability that an edit with this evidence is right.
    pub fn confidence(&self, e: &Evidence, kind: EditKind) -> f64 {
        self.confidence_of(&features(e, kind))
    }

    /// The probability that an edit with these features is right.
    pub fn confidence_of(&self, x: &Features) -> f64 {
        let z: f64 = self.weights.iter().zip(x).map(|(w, x)| w * x).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model to labelled decisions (features, right or not) by L2-regularised
    /// logistic regression on standardised features.
    pub fn fit(samples: &[(Features, bool)]) -> Calibration {
        let n = samples.len().max(1) as f64;
        let mut mean = [0.0; N];
        let mut sd = [1.0; N];
        for j in 1..N {
            mean[j] = samples.iter().map(|(x, _)| x[j]).sum::<f64>() / n;
            let var = samples
                .iter()
                .map(|(x, _)| (x[j] - mean[j]).powi(2))
                .sum::<f64>()
                / n;
            sd[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
        }
        let z: Vec<(Features, f64)> = samples
            .iter()
            .map(|(x, y)| {
                let mut s = [1.0; N];
                for j in 1..N {
                    s[j] = (x[j] - mean[j]) / sd[j];
                }
                (s, if *y { 1.0 } else { 0.0 })
            })
            .collect();
        let mut w = [0.0; N];
        const L2: f64 = 1e-3;
        const RATE: f64 = 0.5;
        for _ in 0..2000 {
            let mut grad = [0.0; N];
            for (x, y) in &z {
                let p = 1.0 / (1.0 + (-(w.iter().zip(x).map(|(a, b)| a * b).sum::<f64>())).exp());
                for j in 0..N {
                    grad[j] += (p - y) * x[j];
                }
            }
            for j in 0..N {
                let reg = if j == 0 { 0.0 } else { L2 * w[j] };
                w[j] -= RATE * (grad[j] / n + reg);
            }
        }
        // Back to the raw features.
        let mut weights = [0.0; N];
        weights[0] = w[0];
        for j in 1..N {
            weights[j] = w[j] / sd[j];
            weights[0] -= w[j] * mean[j] / sd[j];
        }
        Calibration { weights }
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
