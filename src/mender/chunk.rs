//! One chunk mended: the stages in their order. The words broken across lines and run
//! apart first; then the marks around words; then each word weighed on its own, and again
//! beside its repaired neighbours; then the words split by a space and misread; last, the
//! chunk's edits settled together and moved by how damaged the chunk is.

use super::{Mender, Passage, ProposalCache};
use crate::base_rate;
use crate::capitals::capitals;
use crate::corpus::Corpus;
use crate::decide::learned_beside_damage;
use crate::detect::{unresolved, verdicts, Verdict};
use crate::edit::{Edit, EditKind, Span, Status};
use crate::inside::Scan;
use crate::lexicon::WordId;
use crate::lookalikes::look_alikes;
use crate::lost_stops::stops_lost;
use crate::marks::marks_read;
use crate::merge::merges;
use crate::quotes::quotes_apart;
use crate::rejoin::{rejoin, Action};
use crate::stops::stops_read;
use crate::stray_joins::stray_joins;
use crate::strays::{beside_repairs, strays, trailing_strays};
use crate::support::add_support;
use crate::tokenize::Token;
use rayon::prelude::*;
use std::sync::{Mutex, OnceLock};

/// How many times at most the tokens beside repaired words are looked at again.
const LOOKS: usize = 3;

/// One chunk mended (spans relative to the chunk).
pub(super) struct MendedChunk {
    /// Its edits, applied and suggested, in text order.
    pub(super) edits: Vec<Edit>,
    /// The calibrated confidences of all its decisions ([`super::Mended::weighed`]).
    pub(super) weighed: Vec<f64>,
    /// Its suspect tokens that no edit touches ([`super::Mended::unresolved`]).
    pub(super) unresolved: Vec<Span>,
}

/// What the stages that join or part tokens (across a line, across a space, at a stray
/// hyphen) made of a chunk.
struct Joined {
    /// Their edits, applied or suggested.
    edits: Vec<Edit>,
    /// Per token, whether a stage has taken it: the later stages leave it be.
    handled: Vec<bool>,
    /// Per token, the word it is half of when rejoined across a line (`ac-`/`cused`):
    /// what its neighbours read beside them.
    wholes: Vec<Option<WordId>>,
    /// The line breaks left as they are, by their first and second token.
    left: Vec<(usize, usize)>,
}

impl Mender {
    /// Mends one chunk: its edits, the calibrated confidences of all its decisions
    /// ([`super::Mended::weighed`]) and the suspects it leaves.
    pub(super) fn mend_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        corpus: &Corpus,
        own: &Corpus,
        historical: bool,
        cache: &ProposalCache,
    ) -> MendedChunk {
        let Joined {
            mut edits,
            mut handled,
            wholes,
            left,
        } = self.join(text, tokens, corpus);
        let mut verdicts = verdicts(text, tokens, &self.lexicon);
        // The halves of a rejoined word are no damage beside their neighbours.
        for (v, w) in verdicts.iter_mut().zip(&wholes) {
            if w.is_some() {
                *v = Verdict::Known;
            }
        }
        // What the stages weighing words read right with a learned share look at; each
        // skips the tokens taken before it.
        let paragraph_ends = OnceLock::new();
        let scan = Scan {
            text,
            tokens,
            verdicts: &verdicts,
            skip: &[],
            lexicon: &self.lexicon,
            channel: &self.channel,
            thresholds: self.options.thresholds,
            specks: corpus.specks(),
            paragraph_ends: &paragraph_ends,
        };
        // A word read with letters of another script that print like Latin ones; one whose
        // Latin reading is no known word is still weighed, and its repair goes first.
        let mut fallbacks = Vec::new();
        for l in look_alikes(scan.skipping(&handled)) {
            if l.known {
                handled[l.index] = true;
                edits.push(l.edit);
            } else {
                fallbacks.push(l.edit);
            }
        }
        edits.extend(self.mend_marks(scan, &mut handled, &left, historical, corpus));
        let words = verdicts
            .iter()
            .filter(|v| **v != Verdict::Protected)
            .count();
        let suspects = verdicts.iter().filter(|v| **v == Verdict::Suspect).count();
        let mut passage = Passage {
            text,
            tokens,
            verdicts: &verdicts,
            own,
            readings: wholes.clone(),
            suspect_rate: suspects as f64 / words.max(1) as f64,
            historical,
            doubted: Default::default(),
            weighed: Mutex::default(),
        };
        edits.extend(self.mend_broken_words(&passage, &left, &mut handled, corpus, cache));
        let mut decided = self.mend_words(&mut passage, &handled, &wholes, corpus, cache);
        self.mend_splits(&passage, &mut handled, &mut decided, corpus, cache);
        edits.extend(self.marks_beside_repairs(text, tokens, &decided, corpus));
        let (edits, weighed) = self.conclude(passage, edits, decided, fallbacks);
        let kept: Vec<usize> = left.iter().flat_map(|&(a, b)| [a, b]).collect();
        let lexicon = &self.lexicon;
        let unresolved = unresolved(text, tokens, &verdicts, &edits, lexicon, |i| {
            kept.contains(&i)
        });
        MendedChunk {
            edits,
            weighed,
            unresolved,
        }
    }

    /// The words broken across a line whose halves join into a misreading (`procee-`/
    /// `clings`) among `left`: joined and mended at once, when the reading is confident
    /// (their tokens then `handled`).
    fn mend_broken_words(
        &self,
        passage: &Passage,
        left: &[(usize, usize)],
        handled: &mut [bool],
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Vec<Edit> {
        let mut edits = Vec::new();
        if passage.historical {
            return edits;
        }
        for &(first, second) in left {
            if handled[first] || handled[second] {
                continue;
            }
            if let Some(e) = self.mend_broken(passage, first, second, corpus, cache) {
                handled[first] = true;
                handled[second] = true;
                edits.push(e);
            }
        }
        edits
    }

    /// The chunk's `edits` and the words `decided` in it gathered, settled, vouching for
    /// each other, and moved by the chunk's base rate; with the calibrated confidences of
    /// all the decisions the `passage` weighed.
    fn conclude(
        &self,
        passage: Passage,
        edits: Vec<Edit>,
        decided: Vec<Vec<Edit>>,
        fallbacks: Vec<Edit>,
    ) -> (Vec<Edit>, Vec<f64>) {
        let floor = self.options.thresholds.suggest;
        let mut edits = gather(edits, decided, fallbacks, floor);
        let calibration = self.options.calibration.as_ref();
        let thresholds = self.deciding_thresholds();
        self.settle(passage.tokens, passage.verdicts, &mut edits, thresholds);
        // A chunk is the stretch of one document whose repairs vouch for each other, and
        // whose decisions together tell how damaged it is (the same whether the input is
        // read whole or streamed).
        add_support(&mut edits, calibration, thresholds, floor);
        let weighed: Vec<f64> = passage
            .weighed
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_values()
            .collect();
        let reporting = self.reporting_thresholds();
        match self.base_rate_prior() {
            Some(prior) => {
                let shift = base_rate::shift(weighed.iter().copied(), prior);
                base_rate::adapt(&mut edits, shift, reporting);
            }
            None => edits.retain(|e| e.evidence.is_none() || e.confidence >= reporting.suggest),
        }
        (edits, weighed)
    }

    /// The words broken across a line rejoined (or their breaks left), then the words
    /// broken by a stray space merged, then the words run together at a stray hyphen or
    /// speck parted.
    fn join(&self, text: &str, tokens: &[Token], corpus: &Corpus) -> Joined {
        let mut edits = Vec::new();
        let mut handled = vec![false; tokens.len()];
        // Joins are as sure as their stage says; the thresholds still decide whether they
        // are applied or only suggested.
        let thresholds = self.options.thresholds;
        let judged = |mut e: Edit| {
            e.status = thresholds.status(e.confidence)?;
            Some(e)
        };
        let mut left = Vec::new();
        // The word each half of a word rejoined across a line is part of: what its
        // neighbours read beside them (`the femalo ac-`/`cused` reads `femalo` before
        // `accused`, not before `ac`). (Pairs merged across a space too were measured: no
        // better on two sets, a little worse on icdar2017_en.)
        let mut wholes: Vec<Option<WordId>> = vec![None; tokens.len()];
        for b in rejoin(text, tokens, &self.lexicon, corpus) {
            if b.action == Action::Leave {
                left.push((b.first, b.second));
                continue;
            }
            handled[b.first] = true;
            handled[b.second] = true;
            let id = b.word(text, tokens).and_then(|w| self.lexicon.id(&w));
            wholes[b.first] = id;
            wholes[b.second] = id;
            let beside_damage = b.beside_damage;
            edits.extend(
                b.edit
                    .and_then(judged)
                    .map(|e| learned_beside_damage(e, beside_damage)),
            );
        }
        for m in merges(text, tokens, &self.lexicon, &handled) {
            handled[m.first] = true;
            handled[m.first + 1] = true;
            edits.extend(judged(m.edit).map(|e| learned_beside_damage(e, m.beside_damage)));
        }
        for p in stray_joins(
            text,
            tokens,
            &self.lexicon,
            &self.channel,
            corpus,
            &handled,
            thresholds,
        ) {
            handled[p.index] = true;
            edits.push(p.edit);
        }
        Joined {
            edits,
            handled,
            wholes,
            left,
        }
    }

    /// The stages of the marks around words and of capitals misread, in order, each
    /// skipping the tokens taken before it (a misread capital takes its token from the
    /// words' stages too, in `handled`). `left` holds the line breaks left as they are.
    fn mend_marks(
        &self,
        scan: Scan,
        handled: &mut [bool],
        left: &[(usize, usize)],
        historical: bool,
        corpus: &Corpus,
    ) -> Vec<Edit> {
        let mut edits = Vec::new();
        // Older English capitalises nouns, and its verse lines often run together in a
        // scan's text: a capital inside a line there is the text's own far oftener than the
        // training pages' shares say.
        let capitalised = if historical {
            Vec::new()
        } else {
            capitals(scan.skipping(handled))
        };
        for c in capitalised {
            handled[c.index] = true;
            edits.push(c.edit);
        }
        // A stray mark before a known word deletes only the mark: the word is still weighed.
        let mut marked = handled.to_vec();
        for s in strays(scan.skipping(handled)) {
            marked[s.index] = true;
            edits.push(s.edit);
        }
        // A mark read for another before a word read right (and no stray) is written as
        // printed; the word is still weighed.
        edits.extend(
            marks_read(scan.skipping(&marked))
                .into_iter()
                .map(|m| m.edit),
        );
        // So does one after a known word, unless it ends a line break another stage left.
        let mut after = handled.to_vec();
        for &(first, _) in left {
            after[first] = true;
        }
        edits.extend(
            trailing_strays(scan.skipping(&after))
                .into_iter()
                .map(|s| s.edit),
        );
        // A full stop read as a comma before the word opening the next sentence (not in
        // older English, which capitalises after a comma as it does inside a line).
        if !historical {
            edits.extend(stops_read(scan.skipping(&after)));
        }
        // A full stop lost before the word opening the next sentence on the line, by the
        // input's rate of lost stops (not in older English, as above).
        if !historical {
            let lost = corpus.stop_loss_rate(&self.channel);
            edits.extend(stops_lost(scan.skipping(&after), lost));
        }
        // A quote set apart from its word: the gap is closed, the word still weighed.
        edits.extend(quotes_apart(
            scan.text,
            scan.tokens,
            &self.lexicon,
            &self.channel,
            self.options.thresholds,
        ));
        edits
    }

    /// Each token not `handled` weighed, then the tokens beside a repaired word again with
    /// the repair as their neighbour: per token, its edits. `wholes` holds the words the
    /// halves of words rejoined across a line make.
    fn mend_words(
        &self,
        passage: &mut Passage,
        handled: &[bool],
        wholes: &[Option<WordId>],
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Vec<Vec<Edit>> {
        let tokens = passage.tokens;
        // Each token is weighed on the passage alone, so the tokens of a chunk are weighed in
        // parallel (a piece of text may hold fewer chunks than there are threads).
        let mut decided: Vec<Vec<Edit>> = (0..tokens.len())
            .into_par_iter()
            .map(|i| {
                if handled[i] {
                    Vec::new()
                } else {
                    self.mend_token(passage, i, corpus, cache)
                }
            })
            .collect();
        // Further looks at the tokens next to a repaired word, with the repair as their
        // neighbour (`thc mernbers`, `hnd heen`: each is context for the other once read),
        // until no reading changes. A reading offered to the reviewer counts: two damaged
        // neighbours are read together.
        // (With a calibration that knows its prior, a decision below the suggestion floor
        // is kept until the base rate has moved it: no reading yet.)
        let floor = self.options.thresholds.suggest;
        let reading_of = |found: &[Edit], tok: &Token| match found {
            [e] if e.span == tok.span
                && e.kind == EditKind::Substitute
                && e.confidence >= floor =>
            {
                self.lexicon.id(&e.after)
            }
            _ => None,
        };
        for _ in 0..LOOKS {
            let now: Vec<Option<WordId>> = decided
                .iter()
                .zip(tokens)
                .zip(wholes)
                .map(|((found, tok), whole)| reading_of(found, tok).or(*whole))
                .collect();
            // Against the readings the last look went by (none before the first).
            let moved: Vec<bool> = (0..tokens.len())
                .map(|j| now[j] != passage.readings.get(j).copied().flatten())
                .collect();
            if !moved.contains(&true) {
                break;
            }
            passage.readings = now;
            let passage = &*passage;
            let again: Vec<(usize, Vec<Edit>)> = (0..tokens.len())
                .into_par_iter()
                .filter(|&i| {
                    !handled[i] && ((i > 0 && moved[i - 1]) || moved.get(i + 1) == Some(&true))
                })
                .map(|i| (i, self.mend_token(passage, i, corpus, cache)))
                .collect();
            for (i, found) in again {
                decided[i] = found;
            }
        }
        decided
    }

    /// A word split by a stray space (or a hyphen read as a point or comma) and misread as
    /// well (`sus picona`, `ex. amnised`): when neither piece is mended with confidence on
    /// its own, the two are read as one word, in place of their `decided` edits (not in
    /// older English, which wrote `my selfe` apart).
    fn mend_splits(
        &self,
        passage: &Passage,
        handled: &mut [bool],
        decided: &mut [Vec<Edit>],
        corpus: &Corpus,
        cache: &ProposalCache,
    ) {
        if passage.historical {
            return;
        }
        let sure = |found: &[Edit]| found.iter().any(|e| e.status == Status::Applied);
        for i in 0..passage.tokens.len().saturating_sub(1) {
            if handled[i] || handled[i + 1] || sure(&decided[i]) || sure(&decided[i + 1]) {
                continue;
            }
            if let Some(e) = self.mend_split(passage, i, corpus, cache) {
                handled[i] = true;
                handled[i + 1] = true;
                decided[i] = vec![e];
                decided[i + 1].clear();
            }
        }
    }

    /// A mark beside a word read right only once repaired (`'brothei`), weighed as one
    /// beside a known word is, with the repaired word: the repairs are each token's
    /// `decided` edits.
    fn marks_beside_repairs(
        &self,
        text: &str,
        tokens: &[Token],
        decided: &[Vec<Edit>],
        corpus: &Corpus,
    ) -> Vec<Edit> {
        let repaired: Vec<Option<&str>> = decided
            .iter()
            .zip(tokens)
            .map(|(found, tok)| match found.as_slice() {
                [e] if e.span == tok.span
                    && matches!(e.kind, EditKind::Substitute | EditKind::Split)
                    && e.status == Status::Applied =>
                {
                    Some(e.after.as_str())
                }
                _ => None,
            })
            .collect();
        beside_repairs(
            text,
            tokens,
            &repaired,
            &self.lexicon,
            &self.channel,
            self.options.thresholds,
            corpus.specks(),
        )
        .into_iter()
        .map(|s| s.edit)
        .collect()
    }
}

/// The chunk's edits in text order, none overlapping: the other stages' `edits` and the
/// words' `decided` ones. Should two stages ever claim the same bytes, the first wins; the
/// `fallbacks` (a word written in the Latin letters it shows, when its reading is no known
/// word) and then the words' decisions below the suggestion `floor` (kept for the base
/// rate) yield to every other edit.
fn gather(
    mut edits: Vec<Edit>,
    decided: Vec<Vec<Edit>>,
    fallbacks: Vec<Edit>,
    floor: f64,
) -> Vec<Edit> {
    let (below, found): (Vec<Edit>, Vec<Edit>) = decided
        .into_iter()
        .flatten()
        .partition(|e| e.evidence.is_some() && e.confidence < floor);
    edits.extend(found);
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut end = 0;
    edits.retain(|e| {
        let keep = e.span.start >= end && !(e.span.is_empty() && e.span.start == end && end > 0);
        if keep {
            end = e.span.end;
        }
        keep
    });
    // Then the edits that yield to any other (the fallbacks first, as they are sure).
    for e in fallbacks.into_iter().chain(below) {
        // (As above: nor before an insertion where it ends.)
        let clashes =
            |o: &Edit| o.span.overlaps(&e.span) || o.span.is_empty() && o.span.start == e.span.end;
        if !edits.iter().any(clashes) {
            let at =
                edits.partition_point(|o| (o.span.start, o.span.end) < (e.span.start, e.span.end));
            edits.insert(at, e);
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Evidence, Span};

    /// A substitution over `start..end`, applied.
    fn edit(start: usize, end: usize, after: &str, confidence: f64) -> Edit {
        Edit {
            span: Span::new(start, end),
            before: String::new(),
            after: after.to_string(),
            kind: EditKind::Substitute,
            confidence,
            status: Status::Applied,
            reason: String::new(),
            alternatives: Vec::new(),
            evidence: None,
        }
    }

    #[test]
    fn gathered_edits_are_in_text_order_and_the_first_claim_wins() {
        let stages = vec![edit(10, 14, "word", 0.9), edit(0, 3, "the", 0.95)];
        let decided = vec![vec![edit(0, 3, "tho", 0.9)], vec![edit(5, 8, "and", 0.85)]];
        let gathered = gather(stages, decided, Vec::new(), 0.4);
        let spans: Vec<(usize, usize, &str)> = gathered
            .iter()
            .map(|e| (e.span.start, e.span.end, e.after.as_str()))
            .collect();
        assert_eq!(spans, [(0, 3, "the"), (5, 8, "and"), (10, 14, "word")]);
    }

    #[test]
    fn a_decision_below_the_floor_yields_to_every_other_edit() {
        let below = |start, end| Edit {
            evidence: Some(Evidence::default()),
            ..edit(start, end, "x", 0.2)
        };
        let stages = vec![edit(0, 4, "word", 0.9)];
        let decided = vec![vec![below(2, 6)], vec![below(8, 9)]];
        let gathered = gather(stages, decided, Vec::new(), 0.4);
        let spans: Vec<(usize, usize)> = gathered
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        assert_eq!(spans, [(0, 4), (8, 9)]);
    }
}
