//! Document support: a scan misreads the same letter shapes throughout a document (`h` as
//! `b`, `rn` as `m` in one typeface), so a repair that undoes misreadings the document's
//! sure repairs also undo is likelier right. Counted after every token of a stretch of a
//! document (a chunk, [`crate::mender::CHUNK_BYTES`]) is decided, and given to the
//! calibrated confidence as evidence. Only substitutions are counted: support among splits
//! and restored hyphens (a space or hyphen lost throughout a document) was measured and
//! left the cross-validated curves where they were.

use crate::calibrate::Calibration;
use crate::decide::{reweigh, Thresholds};
use crate::edit::{Edit, EditKind};
use rustc_hash::FxHashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// The raw share at or above which a repair of a word the lexicon lacks is sure enough to
/// vouch for the misreadings it undoes.
pub const SURE_SHARE: f64 = 0.9;

/// True when `edit` repairs a word the lexicon lacks with a raw share of at least
/// [`SURE_SHARE`]: sure enough to vouch for what it undoes, and for the text it leaves.
pub fn is_sure(edit: &Edit) -> bool {
    edit.evidence
        .is_some_and(|v| !v.known && v.share >= SURE_SHARE)
}

/// True when `edit` is sure ([`is_sure`]) and decided at the suggestion floor `floor` or
/// above: a repair that vouches for others (one kept below the floor only for the base rate
/// vouches for none).
pub fn vouches(edit: &Edit, floor: f64) -> bool {
    is_sure(edit) && edit.confidence >= floor
}

/// The letter changes that turn `intended` into `observed` (both compared in lower case),
/// each as what was printed and what was read (`("h", "b")` for `the` read as `tbe`).
pub fn misreadings(intended: &str, observed: &str) -> Vec<(String, String)> {
    let a: Vec<char> = intended.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = observed.chars().flat_map(char::to_lowercase).collect();
    capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag != DiffTag::Equal)
        .map(|(_, o, n)| (a[o].iter().collect(), b[n].iter().collect()))
        .collect()
}

/// Fills in each substitution's [`crate::edit::Evidence::doc_support`] from the other edits
/// of the same document, and with a `calibration` weighs a supported one again: its
/// confidence and status follow, and an edit that falls below the suggestion floor of
/// `thresholds` is dropped. Only sure repairs at the suggestion floor `floor` or above vouch
/// (those below it are kept for the base rate only).
pub fn add_support(
    edits: &mut Vec<Edit>,
    calibration: Option<&Calibration>,
    thresholds: Thresholds,
    floor: f64,
) {
    let changes: Vec<Vec<(String, String)>> = edits
        .iter()
        .map(|e| match (e.kind, e.evidence) {
            (EditKind::Substitute, Some(_)) => misreadings(&e.after, &e.before),
            _ => Vec::new(),
        })
        .collect();
    let mut counts: FxHashMap<&(String, String), u32> = FxHashMap::default();
    for (e, found) in edits.iter().zip(&changes) {
        if vouches(e, floor) {
            for m in found {
                *counts.entry(m).or_default() += 1;
            }
        }
    }
    let mut changed = changes.iter();
    edits.retain_mut(|e| {
        let found = changed.next().map_or(&[][..], Vec::as_slice);
        let own = u32::from(vouches(e, floor));
        let Some(evidence) = e.evidence.as_mut().filter(|_| !found.is_empty()) else {
            return true;
        };
        let support = found
            .iter()
            .map(|m| counts.get(m).copied().unwrap_or(0).saturating_sub(own))
            .min()
            .unwrap_or(0);
        evidence.doc_support = support;
        // Without support the evidence is what the confidence was computed from.
        if support == 0 {
            return true;
        }
        e.reason.push_str(&format!(
            "; the document has {support} other sure repair{} of the same misreading",
            if support == 1 { "" } else { "s" }
        ));
        reweigh(e, calibration, thresholds)
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::edit::{Evidence, Span, Status};

    #[test]
    fn misreadings_are_the_letters_changed() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(misreadings("the", "tbe"), [pair("h", "b")]);
        assert_eq!(
            misreadings("Modern", "rnodem"),
            [pair("m", "rn"), pair("rn", "m")]
        );
        assert_eq!(misreadings("house", "house"), []);
    }

    /// A substitution with only its raw share for evidence (for the tests of the stages
    /// that count repairs).
    pub(crate) fn substitution(before: &str, after: &str, share: f64) -> Edit {
        Edit {
            span: Span::new(0, before.len()),
            before: before.to_owned(),
            after: after.to_owned(),
            kind: EditKind::Substitute,
            confidence: share,
            status: Status::Suggested,
            reason: String::new(),
            alternatives: Vec::new(),
            evidence: Some(Evidence {
                share,
                ..Evidence::default()
            }),
        }
    }

    #[test]
    fn a_misreading_the_document_repairs_surely_elsewhere_supports_a_repair() {
        let mut edits = vec![
            substitution("tbe", "the", 0.95),
            substitution("wbich", "which", 0.97),
            substitution("bim", "him", 0.5),
            substitution("cxpected", "expected", 0.6),
        ];
        add_support(&mut edits, None, Thresholds::default(), 0.4);
        let support: Vec<u32> = edits
            .iter()
            .map(|e| e.evidence.map_or(0, |v| v.doc_support))
            .collect();
        // Each sure repair is supported by the other, not by itself; `bim` by both;
        // `cxpected` undoes a misreading nothing else does.
        assert_eq!(support, [1, 1, 2, 0]);
        assert!(edits[2].reason.contains("2 other sure repairs"));
        // Without a calibration the confidence stays the share.
        assert_eq!(edits[2].confidence, 0.5);
    }
}
