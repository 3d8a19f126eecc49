//! A ranked repair weighed again once its chunk is decided, knowing which of the damaged
//! words around it the chunk's sure repairs mend: a misreading next to one that is surely
//! repaired (`hovse` in `barn ancl hovse`, `ancl` surely `and`) stands in a passage that
//! may well come out right, as one amid junk that stays seldom does. Evidence of the
//! calibrated confidence, beside how damaged the text around is as read.

use super::Mender;
use crate::decide::{reweigh, Thresholds};
use crate::detect::Verdict;
use crate::edit::{Edit, Span};
use crate::support::vouches;
use crate::tokenize::Token;

impl Mender {
    /// Fills in each ranked repair's [`crate::edit::Evidence::mended_neighbours`] from the
    /// sure repairs that vouch ([`vouches`]) among `edits` (in text order, none overlapping); with a
    /// calibration, a repair with mended neighbours is weighed again, and dropped below the
    /// suggestion floor of `thresholds`.
    pub(super) fn settle(
        &self,
        tokens: &[Token],
        verdicts: &[Verdict],
        edits: &mut Vec<Edit>,
        thresholds: Thresholds,
    ) {
        let floor = self.options.thresholds.suggest;
        let sure: Vec<Span> = edits
            .iter()
            .filter(|e| vouches(e, floor))
            .map(|e| e.span)
            .collect();
        if sure.is_empty() {
            return;
        }
        let calibration = self.options.calibration.as_ref();
        edits.retain_mut(|e| {
            if e.evidence.is_none() {
                return true;
            }
            let mended = mended_neighbours(e.span, tokens, verdicts, &sure);
            let Some(evidence) = e.evidence.as_mut().filter(|_| mended > 0) else {
                return true;
            };
            evidence.mended_neighbours = u8::try_from(mended).unwrap_or(u8::MAX);
            e.reason.push_str(&format!(
                "; {mended} of the damaged words beside it {} surely repaired",
                if mended == 1 { "is" } else { "are" }
            ));
            reweigh(e, calibration, thresholds)
        });
    }
}

/// How many of the suspect tokens beside `span` (the two on either side of the tokens it
/// covers, as `damaged_neighbours` counts them) a `sure` repair covers (spans in text
/// order, none overlapping).
fn mended_neighbours(span: Span, tokens: &[Token], verdicts: &[Verdict], sure: &[Span]) -> usize {
    let covered = |t: Span| {
        let from = sure.partition_point(|s| s.end <= t.start);
        sure.get(from).is_some_and(|s| s.start < t.end)
    };
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let end = tokens.partition_point(|t| t.span.start < span.end);
    (first.saturating_sub(2)..(end + 2).min(tokens.len()))
        .filter(|&j| !(first..end).contains(&j))
        .filter(|&j| verdicts[j] == Verdict::Suspect && covered(tokens[j].span))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn a_suspect_neighbour_a_sure_repair_covers_is_mended() {
        let text = "a red barn ancl hovse on qx hillside";
        let tokens = tokenize(text);
        let at = |w: &str| {
            let start = text.find(w).unwrap();
            Span::new(start, start + w.len())
        };
        let suspect = ["ancl", "hovse", "qx"];
        let verdicts: Vec<Verdict> = tokens
            .iter()
            .map(|t| {
                if suspect.contains(&t.text(text)) {
                    Verdict::Suspect
                } else {
                    Verdict::Known
                }
            })
            .collect();
        // `ancl` is surely repaired; `qx`, two tokens after `hovse`, is not.
        assert_eq!(
            mended_neighbours(at("hovse"), &tokens, &verdicts, &[at("ancl")]),
            1
        );
        // A repair does not mend itself, nor a neighbour no sure repair covers.
        assert_eq!(
            mended_neighbours(at("ancl"), &tokens, &verdicts, &[at("ancl")]),
            0
        );
        assert_eq!(mended_neighbours(at("hovse"), &tokens, &verdicts, &[]), 0);
        // Three tokens away is no neighbour.
        assert_eq!(
            mended_neighbours(at("hillside"), &tokens, &verdicts, &[at("ancl")]),
            0
        );
        // A sure repair of `qx` mends it beside `hovse` too.
        assert_eq!(
            mended_neighbours(at("hovse"), &tokens, &verdicts, &[at("ancl"), at("qx")]),
            2
        );
    }
}
