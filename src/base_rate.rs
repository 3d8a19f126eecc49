//! Base rate: how damaged a stretch of a document is shows in all its decisions at
//! once. The calibrated confidence says how often a decision like one of them was right on
//! the pages the calibration was fitted on, where the confidences averaged to its prior
//! ([`crate::calibrate::Calibration::prior`]); on a badly scanned page more of the doubtful
//! readings are right, on a clean one fewer. The stretch's own share of right decisions is
//! estimated from its decisions' confidences alone, by expectation-maximisation (Saerens,
//! Latinne and Decaestecker, "Adjusting the outputs of a classifier to new a priori
//! probabilities", 2002), drawn towards the prior as if [`PSEUDO_DECISIONS`] decisions at
//! the prior were among them; then the odds of every calibrated edit move by the ratio of
//! the two shares' odds, and its status follows. The stretch is a chunk
//! ([`crate::mender::CHUNK_BYTES`]): a page, or a part of a long document, the same whether
//! the input is read whole or streamed.

use crate::decide::{restatus, Thresholds};
use crate::edit::Edit;

/// How many decisions at the calibration's prior a stretch's own count is weighed against:
/// a page of a few dozen decisions moves little from the prior, a long one as far as its
/// decisions say. Measured by replaying the cross-validated review files with each page's
/// confidences moved (docs/accuracy.md): 20 fixed more words than 50 on bln600 but held
/// icdar2019_en's few repairs back further; 200 gained half as much.
pub const PSEUDO_DECISIONS: f64 = 50.0;

/// Rounds of expectation-maximisation: the estimate settles within a few dozen.
const ROUNDS: usize = 50;

/// The log-odds by which the calibrated confidences of a stretch move, given the
/// confidences of all its decisions (those below the suggestion floor too) and the
/// calibration's `prior`: 0 with no decisions. The same whatever order the confidences
/// come in.
pub fn shift(confidences: impl IntoIterator<Item = f64>, prior: f64) -> f64 {
    let mut p: Vec<f64> = confidences
        .into_iter()
        .map(|c| c.clamp(CLAMP, 1.0 - CLAMP))
        .collect();
    if p.is_empty() {
        return 0.0;
    }
    // Summed in one order, so that the threads that gathered them leave no trace.
    p.sort_by(f64::total_cmp);
    let prior = prior.clamp(CLAMP, 1.0 - CLAMP);
    let mut share = prior;
    for _ in 0..ROUNDS {
        let (up, down) = (share / prior, (1.0 - share) / (1.0 - prior));
        let expected: f64 = p
            .iter()
            .map(|&c| up * c / (up * c + down * (1.0 - c)))
            .sum();
        share = (expected + PSEUDO_DECISIONS * prior) / (p.len() as f64 + PSEUDO_DECISIONS);
    }
    logit(share) - logit(prior)
}

/// `confidence` with its log-odds moved by `shift`.
pub fn shifted(confidence: f64, shift: f64) -> f64 {
    let c = confidence.clamp(CLAMP, 1.0 - CLAMP);
    1.0 / (1.0 + (-(logit(c) + shift)).exp())
}

/// Moves the confidence of every calibrated edit of `edits` (those with evidence) by
/// `shift`; their status follows by `thresholds`, and those below the suggestion floor then
/// are dropped (those decided below it were kept for this: a damaged chunk may raise them
/// to it). Other edits, whose confidence is a share learned in training, stay.
pub fn adapt(edits: &mut Vec<Edit>, shift: f64, thresholds: Thresholds) {
    edits.retain_mut(|e| {
        if e.evidence.is_none() {
            return true;
        }
        if shift != 0.0 {
            e.confidence = shifted(e.confidence, shift);
        }
        restatus(e, thresholds)
    });
}

/// Confidences are kept this far from 0 and 1, where odds are infinite.
const CLAMP: f64 = 1e-6;

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{EditKind, Evidence, Span, Status};

    #[test]
    fn decisions_surer_than_the_prior_says_raise_the_stretch_and_doubtful_ones_lower_it() {
        // Calibrated on pages where 40% of the decisions were right.
        let prior = 0.4;
        let damaged: Vec<f64> = (0..400)
            .map(|i| if i % 4 == 0 { 0.3 } else { 0.9 })
            .collect();
        let clean: Vec<f64> = (0..400)
            .map(|i| if i % 4 == 0 { 0.6 } else { 0.05 })
            .collect();
        assert!(shift(damaged, prior) > 0.5);
        assert!(shift(clean, prior) < -0.5);
        // Decisions right as often as the prior say move nothing much.
        let alike: Vec<f64> = (0..400)
            .map(|i| if i % 5 < 2 { 0.9 } else { 0.0667 })
            .collect();
        let moved = shift(alike, prior);
        assert!(moved.abs() < 0.1, "{moved}");
    }

    #[test]
    fn a_few_decisions_move_the_stretch_less_than_many_alike() {
        let prior = 0.4;
        let few = shift(vec![0.95; 10], prior);
        let many = shift(vec![0.95; 1000], prior);
        assert!(0.0 < few && few < many, "{few} {many}");
        assert_eq!(shift(Vec::new(), prior), 0.0);
    }

    #[test]
    fn the_order_of_the_decisions_does_not_matter() {
        let c: Vec<f64> = (0..97).map(|i| f64::from(i * 37 % 100) / 100.0).collect();
        let mut r = c.clone();
        r.reverse();
        assert_eq!(shift(c, 0.3).to_bits(), shift(r, 0.3).to_bits());
    }

    #[test]
    fn adapting_moves_calibrated_edits_across_the_thresholds_and_leaves_learned_ones() {
        let edit = |confidence: f64, evidence: Option<Evidence>| Edit {
            span: Span::new(0, 1),
            before: "a".into(),
            after: "b".into(),
            kind: EditKind::Substitute,
            confidence,
            status: Thresholds::default()
                .status(confidence)
                .unwrap_or(Status::Suggested),
            reason: String::new(),
            alternatives: Vec::new(),
            evidence,
        };
        let calibrated = Some(Evidence::default());
        let mut edits = vec![
            edit(0.75, calibrated),
            edit(0.45, calibrated),
            edit(0.75, None),
        ];
        adapt(&mut edits, 1.0, Thresholds::default());
        assert_eq!(edits.len(), 3);
        assert_eq!(edits[0].status, Status::Applied);
        assert!((edits[0].confidence - shifted(0.75, 1.0)).abs() < 1e-12);
        assert_eq!(edits[2].status, Status::Suggested);
        assert_eq!(edits[2].confidence, 0.75);
        adapt(&mut edits, -2.0, Thresholds::default());
        // The second fell below the suggestion floor.
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].status, Status::Suggested);
        // Decided below the floor (0.4): raised to it by a damaged chunk, else dropped,
        // whether the chunk moves them or not.
        let mut below = vec![edit(0.3, calibrated), edit(0.1, calibrated)];
        adapt(&mut below, 1.0, Thresholds::default());
        assert_eq!(below.len(), 1);
        assert_eq!(below[0].status, Status::Suggested);
        assert!((below[0].confidence - shifted(0.3, 1.0)).abs() < 1e-12);
        let mut unmoved = vec![edit(0.3, calibrated)];
        adapt(&mut unmoved, 0.0, Thresholds::default());
        assert!(unmoved.is_empty());
    }
}
