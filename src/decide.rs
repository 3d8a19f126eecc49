//! Stage 7, decide: turn ranked candidates into an edit or nothing. The confidence of the
//! best candidate is its share of the probability of all options, leaving the token alone
//! included; above the threshold the edit is applied, above the suggestion floor it is
//! offered to the reviewer, below that nothing is said.

use crate::calibrate::Calibration;
use crate::edit::{Candidate, Edit, EditKind, Evidence, Span, Status};

/// Thresholds of the decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Confidence at or above which an edit is applied.
    pub apply: f64,
    /// Confidence at or above which an edit is suggested (below `apply`).
    pub suggest: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            apply: 0.8,
            suggest: 0.4,
        }
    }
}

impl Thresholds {
    /// What becomes of an edit of this confidence: applied, suggested, or (below the
    /// suggestion floor) nothing.
    pub fn status(self, confidence: f64) -> Option<Status> {
        if confidence >= self.apply {
            Some(Status::Applied)
        } else if confidence >= self.suggest {
            Some(Status::Suggested)
        } else {
            None
        }
    }
}

/// What to do with a token.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The candidate chosen.
    pub best: Candidate,
    /// Its confidence, 0..1.
    pub confidence: f64,
    /// Applied or suggested.
    pub status: Status,
    /// Why it is only suggested though confident enough to apply, if so.
    pub held: Option<Hold>,
    /// The next candidates, best first.
    pub alternatives: Vec<String>,
    /// What the decision rested on.
    pub evidence: Evidence,
}

/// How many alternatives an edit lists.
pub const MAX_ALTERNATIVES: usize = 4;

/// Decides between keeping the token (score `keep`) and the `ranked` candidates (best first).
/// `facts` carries what is known of the token; the share and margin are filled in here. With a
/// `calibration` the confidence is its probability that the edit is right, else the share.
/// A word the lexicon knows is kept whenever keeping it scores best; a token it does not
/// know may still be a misreading when keeping it scores better (a capitalised token is
/// kept as a possible name: `Puddinge`, `Highgafe`), so its best candidate goes on to the
/// confidence, which says how often such readings were right.
pub fn decide(
    keep: f64,
    ranked: &[Candidate],
    facts: Evidence,
    calibration: Option<&Calibration>,
    thresholds: Thresholds,
) -> Option<Decision> {
    let best = ranked.first()?;
    if facts.known && best.score <= keep {
        return None;
    }
    let top = best.score;
    let denom: f64 = (keep - top).exp() + ranked.iter().map(|c| (c.score - top).exp()).sum::<f64>();
    let runner_up = ranked.get(1).map_or(keep, |c| c.score.max(keep));
    let evidence = Evidence {
        share: 1.0 / denom,
        margin: top - runner_up,
        channel_cost: best.channel_cost,
        context: best.context,
        log_prior: best.log_prior,
        ..facts
    };
    let confidence = calibration.map_or(evidence.share, |c| c.confidence(&evidence, best.kind));
    let mut status = thresholds.status(confidence)?;
    let held = Hold::of(&evidence).filter(|_| status == Status::Applied);
    if held.is_some() {
        status = Status::Suggested;
    }
    Some(Decision {
        best: best.clone(),
        confidence,
        status,
        held,
        // A speck's deletion is no word to offer a reviewer in place of another.
        alternatives: ranked
            .iter()
            .skip(1)
            .filter(|c| !c.text.is_empty())
            .take(MAX_ALTERNATIVES)
            .map(|c| c.text.clone())
            .collect(),
        evidence,
    })
}

/// An edit whose confidence is a share learned in training (a capital misread, a stray
/// mark), with no ranked alternatives: applied or suggested by `thresholds`, or nothing
/// below the suggestion floor.
pub fn learned(
    span: Span,
    before: &str,
    after: String,
    kind: EditKind,
    confidence: f64,
    reason: String,
    thresholds: Thresholds,
) -> Option<Edit> {
    Some(Edit {
        span,
        before: before.to_owned(),
        after,
        kind,
        confidence,
        status: thresholds.status(confidence)?,
        reason,
        alternatives: Vec::new(),
        evidence: None,
    })
}

/// Weighs `edit` again after its evidence changed: with a `calibration` its confidence and
/// status follow the evidence (without one they stay). The evidence gained is support from
/// the rest of the document: repairs of the same misreadings, or of the words beside. That
/// is the support a capitalised known word [`decide`] held back waits for ([`Hold::Name`]),
/// and it is not held back again (measured: held back again, overproof_smh lost 14 right
/// changes for 2 of the wrong ones); a word of older English still is
/// ([`Hold::PeriodSpelling`]), as the document misreading a letter elsewhere says nothing
/// of whether this word is the text's own spelling, and the reviewer is told so. False when
/// it falls below the suggestion floor, and is to be dropped.
pub fn reweigh(edit: &mut Edit, calibration: Option<&Calibration>, thresholds: Thresholds) -> bool {
    let (Some(c), Some(evidence)) = (calibration, edit.evidence.as_ref()) else {
        return true;
    };
    edit.confidence = c.confidence(evidence, edit.kind);
    restatus(edit, thresholds)
}

/// Sets the status of `edit`, a calibrated edit whose confidence changed, by `thresholds`,
/// holding it back as [`decide`] does ([`Hold`]; a hold support lifts is lifted once the
/// document or the repairs beside support the edit). False when it falls below the
/// suggestion floor, and is to be dropped.
pub fn restatus(edit: &mut Edit, thresholds: Thresholds) -> bool {
    let Some(status) = thresholds.status(edit.confidence) else {
        return false;
    };
    edit.status = status;
    let supported = edit
        .evidence
        .is_some_and(|e| e.doc_support > 0 || e.mended_neighbours > 0);
    let hold = edit
        .evidence
        .as_ref()
        .and_then(Hold::of)
        .filter(|h| !(supported && h.lifted_by_support()));
    if let Some(hold) = hold.filter(|_| status == Status::Applied) {
        edit.status = Status::Suggested;
        // Held now, or already when first decided.
        let note = hold.reason(&edit.before, &edit.after);
        if !edit.reason.contains(&note) {
            edit.reason.push_str(&note);
        }
    }
    true
}

/// Why a change of a known word confident enough to apply is only suggested: the evidence
/// says the word is likelier right than the confidence tells, whatever the rest of it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// A capitalised known word changed without the neighbouring words' support: it is
    /// often a name, and the names on a page are the words a lexicon knows least (measured:
    /// without the support, a third of such changes were right).
    Name,
    /// A known word of older English changed for a reading training never saw printed
    /// where the word was read: in older English a known word is often the text's own
    /// spelling (`shew`), and the training pages, modern for the most part, say nothing of
    /// it (on the development pages, none of the 5 such changes applied was right).
    PeriodSpelling,
}

impl Hold {
    /// The hold on a change with this evidence, if any.
    pub fn of(evidence: &Evidence) -> Option<Hold> {
        if !evidence.known {
            None
        } else if evidence.historical && evidence.read_for <= 0.0 {
            Some(Hold::PeriodSpelling)
        } else if evidence.capitalised && evidence.context <= 0.0 {
            Some(Hold::Name)
        } else {
            None
        }
    }

    /// Whether support from the rest of the document lifts it ([`reweigh`]).
    fn lifted_by_support(self) -> bool {
        self == Hold::Name
    }

    /// What the reviewer is told of the change of `word` for `reading`.
    pub fn reason(self, word: &str, reading: &str) -> String {
        match self {
            Hold::Name => format!(
                "; `{word}` may be a name: applied only with support from the words around or the document"
            ),
            Hold::PeriodSpelling => format!(
                "; but in older English `{word}` may be the text's own spelling, and the training pages never read it where `{reading}` was printed: only suggested"
            ),
        }
    }
}

/// `edit` (made by [`learned`], or a merge or a parting at its measured confidence),
/// suggested rather than applied when it stands `beside_damage`, next to junk or a fragment
/// ([`crate::surroundings::beside_damage`]): a learned share says how often the mark or
/// letter was misread, not whether the passage comes out right, as the calibrated
/// confidence of the ranked edits does, and beside damaged text it seldom does (on the
/// development pages, a third to a half of such edits left it right).
pub fn learned_beside_damage(mut edit: Edit, beside_damage: bool) -> Edit {
    if beside_damage && edit.status == Status::Applied {
        edit.status = Status::Suggested;
        edit.reason
            .push_str("; beside damaged text, so only suggested");
    }
    edit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditKind;

    #[test]
    fn beside_damaged_text_a_learned_edit_is_only_suggested() {
        let t = Thresholds::default();
        let edit = |confidence: f64| {
            learned(
                Span::new(0, 1),
                "-",
                String::new(),
                EditKind::Normalize,
                confidence,
                "a speck".to_owned(),
                t,
            )
            .unwrap()
        };
        assert_eq!(
            learned_beside_damage(edit(0.95), false).status,
            Status::Applied
        );
        let demoted = learned_beside_damage(edit(0.95), true);
        assert_eq!(demoted.status, Status::Suggested);
        assert!(demoted.reason.ends_with("only suggested"));
        assert_eq!(learned_beside_damage(edit(0.5), true), edit(0.5));
    }

    /// [`decide`] with no calibration, at the default thresholds.
    fn decided(keep: f64, ranked: &[Candidate], facts: Evidence) -> Option<Decision> {
        decide(keep, ranked, facts, None, Thresholds::default())
    }

    fn cand(text: &str, score: f64) -> Candidate {
        Candidate {
            text: text.into(),
            channel_cost: 0.0,
            log_prior: score,
            context: 0.0,
            score,
            kind: EditKind::Substitute,
        }
    }

    #[test]
    fn an_unknown_token_the_keep_outscores_still_gets_its_confidence() {
        let loose = Thresholds {
            apply: 0.8,
            suggest: 0.2,
        };
        let unknown = Evidence::default();
        let d = decide(-9.0, &[cand("a", -10.0)], unknown, None, loose).unwrap();
        assert_eq!(d.status, Status::Suggested);
        assert!((d.confidence - 1.0 / (1.0 + 1f64.exp())).abs() < 1e-9);
        assert!(d.evidence.margin < 0.0);
        let known = Evidence {
            known: true,
            ..Evidence::default()
        };
        assert!(decide(-9.0, &[cand("a", -10.0)], known, None, loose).is_none());
    }

    #[test]
    fn clear_winner_is_applied_close_call_is_suggested() {
        let d = decided(
            -20.0,
            &[cand("a", -10.0), cand("b", -16.0)],
            Evidence::default(),
        )
        .unwrap();
        assert_eq!(d.status, Status::Applied);
        assert_eq!(d.alternatives, vec!["b"]);
        let d = decided(
            -20.0,
            &[cand("a", -10.0), cand("b", -10.5)],
            Evidence::default(),
        )
        .unwrap();
        assert_eq!(d.status, Status::Suggested);
        assert!(decided(-5.0, &[cand("a", -10.0)], Evidence::default()).is_none());
    }

    #[test]
    fn a_capitalised_known_word_changes_only_with_the_context_behind_it() {
        let known_capital = Evidence {
            known: true,
            capitalised: true,
            ..Evidence::default()
        };
        let clear = |context: f64| {
            let best = Candidate {
                context,
                ..cand("Benton", -10.0)
            };
            decided(-20.0, &[best], known_capital).unwrap().status
        };
        assert_eq!(clear(0.0), Status::Suggested);
        assert_eq!(clear(2.0), Status::Applied);
        let held = decided(-20.0, &[cand("Benton", -10.0)], known_capital);
        assert_eq!(held.unwrap().held, Some(Hold::Name));
        // A small known word, or an unknown capitalised token, is not held back so.
        for facts in [
            Evidence {
                capitalised: false,
                ..known_capital
            },
            Evidence {
                known: false,
                ..known_capital
            },
        ] {
            let d = decided(-20.0, &[cand("a", -10.0)], facts);
            assert_eq!(d.unwrap().status, Status::Applied);
        }
    }

    #[test]
    fn in_older_english_a_known_word_changes_only_as_training_saw_it_misread() {
        let period_word = Evidence {
            known: true,
            historical: true,
            ..Evidence::default()
        };
        let status = |facts: Evidence| {
            decided(-20.0, &[cand("show", -10.0)], facts)
                .unwrap()
                .status
        };
        assert_eq!(status(period_word), Status::Suggested);
        let d = decided(-20.0, &[cand("show", -10.0)], period_word);
        assert_eq!(d.unwrap().held, Some(Hold::PeriodSpelling));
        // Below the threshold nothing is held: the edit is a suggestion anyway.
        let close = decided(-10.5, &[cand("show", -10.0)], period_word).unwrap();
        assert_eq!((close.status, close.held), (Status::Suggested, None));
        let seen = Evidence {
            read_for: 0.4,
            ..period_word
        };
        assert_eq!(status(seen), Status::Applied);
        // In modern text, or for a token the lexicon does not know, it is not held back so.
        for facts in [
            Evidence {
                historical: false,
                ..period_word
            },
            Evidence {
                known: false,
                ..period_word
            },
        ] {
            assert_eq!(status(facts), Status::Applied);
        }
    }

    #[test]
    fn weighed_again_with_support_only_a_word_of_older_english_stays_held_back() {
        let sure = Calibration::parse("base\t5\n").unwrap();
        let held = |facts: Evidence| {
            let d = decide(
                -20.0,
                &[cand("show", -10.0)],
                facts,
                Some(&sure),
                Thresholds::default(),
            )
            .unwrap();
            assert_eq!(d.status, Status::Suggested);
            let mut edit = Edit {
                span: Span::new(0, 4),
                before: "shew".into(),
                after: d.best.text,
                kind: EditKind::Substitute,
                confidence: d.confidence,
                status: d.status,
                reason: String::new(),
                alternatives: d.alternatives,
                evidence: Some(Evidence {
                    doc_support: 3,
                    ..d.evidence
                }),
            };
            assert!(reweigh(&mut edit, Some(&sure), Thresholds::default()));
            // Weighed once more, the reason is not told twice.
            let once = edit.clone();
            assert!(reweigh(&mut edit, Some(&sure), Thresholds::default()));
            assert_eq!(edit, once);
            edit
        };
        let known = Evidence {
            known: true,
            ..Evidence::default()
        };
        let period = Evidence {
            historical: true,
            ..known
        };
        let edit = held(period);
        assert_eq!(edit.status, Status::Suggested);
        assert!(edit.reason.contains("older English `shew`"));
        let name = Evidence {
            capitalised: true,
            ..known
        };
        assert_eq!(held(name).status, Status::Applied);
    }
}
