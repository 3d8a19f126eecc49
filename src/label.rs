//! Judging edits against ground truth: was an edit right? Words of the OCR text and of the
//! corrected text are aligned (as `train.rs` does); an edit is right when, made alone, it
//! makes more of the words around it match the ground truth than before. Used to fit the
//! calibrated confidence (`calibrate.rs`) and by `ocrmend eval`.

use crate::edit::{apply, Edit};
use similar::{capture_diff_slices, Algorithm};

/// A whitespace-delimited word of a text: its byte range and its core (edge punctuation
/// trimmed, case kept).
struct Word {
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(Word { start: s, end: i });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

fn cores(text: &str) -> Vec<&str> {
    text.split_whitespace().map(core).collect()
}

/// For each edit: `Some(true)` when made alone it brings the text nearer the ground truth,
/// `Some(false)` when it does not, `None` when it cannot be placed.
pub fn judge(ocr: &str, truth: &str, edits: &[Edit]) -> Vec<Option<bool>> {
    let ow = words(ocr);
    let o: Vec<&str> = ow.iter().map(|w| core(&ocr[w.start..w.end])).collect();
    let g: Vec<&str> = cores(truth);
    // The aligned group (OCR word range, truth word range) of every OCR word.
    let mut group = vec![(0..0, 0..0); o.len()];
    for op in capture_diff_slices(Algorithm::Myers, &o, &g) {
        let (_, or, gr) = op.as_tag_tuple();
        for i in or.clone() {
            group[i] = (or.clone(), gr.clone());
        }
    }
    edits
        .iter()
        .map(|e| {
            let touched: Vec<usize> = (0..ow.len())
                .filter(|&i| ow[i].start <= e.span.end && ow[i].end >= e.span.start)
                .collect();
            let (first, last) = (*touched.first()?, *touched.last()?);
            let olo = group[first].0.start.min(first);
            let ohi = group[last].0.end.max(last + 1);
            let glo = group[first].1.start;
            let ghi = group[last].1.end.max(glo);
            let (start, end) = (ow[olo].start, ow[ohi - 1].end);
            let region = &ocr[start..end];
            let mut local = e.clone();
            local.span = crate::edit::Span::new(e.span.start - start, e.span.end - start);
            let edited = apply(region, &[&local]).ok()?;
            let truth_words = g.get(glo..ghi)?;
            let matched = |text: &str| {
                let mut pool: Vec<&str> = truth_words.to_vec();
                cores(text)
                    .into_iter()
                    .filter(|w| match pool.iter().position(|t| t == w) {
                        Some(at) => {
                            pool.swap_remove(at);
                            true
                        }
                        None => false,
                    })
                    .count()
            };
            Some(matched(&edited) > matched(region))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{EditKind, Span, Status};

    fn edit(text: &str, before: &str, after: &str) -> Edit {
        let start = text.find(before).unwrap();
        Edit {
            span: Span::new(start, start + before.len()),
            before: before.into(),
            after: after.into(),
            kind: EditKind::Substitute,
            confidence: 1.0,
            status: Status::Applied,
            reason: String::new(),
            alternatives: Vec::new(),
            evidence: None,
        }
    }

    #[test]
    fn right_wrong_and_harmful_edits_are_told_apart() {
        let ocr = "Tbe cat sat on tlie mat, itsaid.";
        let truth = "The cat sat on the mat, it said.";
        let edits = [
            edit(ocr, "Tbe", "The"),
            edit(ocr, "tlie", "tie"),
            edit(ocr, "cat", "hat"),
            edit(ocr, "itsaid", "it said"),
        ];
        assert_eq!(
            judge(ocr, truth, &edits),
            vec![Some(true), Some(false), Some(false), Some(true)]
        );
    }
}
