//! The figures of `ocrmend eval --format json`: one JSON object with the keys and meanings
//! of the team's scorer (`score.py` prints the same object as its last line), so a script
//! that reads one reads the other; with `--per-doc`, each document's figures as well.

use crate::evaluate::{rate, reduction, Normalization, Scores, WordEffect};
use serde::Serialize;

/// Error rates and edits of one text against the ground truth.
#[derive(Debug, Serialize)]
struct Errors {
    cer: Option<f64>,
    wer: Option<f64>,
    char_edits: usize,
    word_edits: usize,
}

/// What became of the ground truth's words.
#[derive(Debug, Serialize)]
struct Words {
    fixed: usize,
    broken: usize,
    changed_still_wrong: usize,
    missed: usize,
    right_kept: usize,
    changes: usize,
    ocr_wrong: usize,
    precision: Option<f64>,
    recall: Option<f64>,
}

/// The normalisation the texts were compared in.
#[derive(Debug, Serialize)]
struct Options {
    keep_lines: bool,
    dehyphen: bool,
    fold: bool,
}

/// One document's figures.
#[derive(Debug, Serialize)]
struct Document<'a> {
    id: &'a str,
    gt_chars: usize,
    gt_words: usize,
    ocr_cer: Option<f64>,
    ocr_wer: Option<f64>,
    out_cer: Option<f64>,
    out_wer: Option<f64>,
    fixed: usize,
    broken: usize,
}

/// The whole object.
#[derive(Debug, Serialize)]
struct Figures<'a> {
    docs: usize,
    gt_chars: usize,
    gt_words: usize,
    ocr: Errors,
    out: Errors,
    cer_reduction_pct: Option<f64>,
    wer_reduction_pct: Option<f64>,
    words: Words,
    options: Options,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<Document<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    word_effects: Option<Vec<Listed<'a>>>,
}

/// One ground-truth word `eval --words` lists.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    document: &'a str,
    effect: &'static str,
    index: usize,
    truth: &'a str,
    ocr: &'a str,
    out: &'a str,
}

/// The JSON object (one line) for `total` over the documents compared as `how` says, with
/// each document's figures when `per_doc` has them (`(id, scores)`), and the ground-truth
/// words `words` lists (`(document id, word)`) under `word_effects`.
pub fn eval_json(
    total: &Scores,
    how: Normalization,
    per_doc: Option<&[(String, Scores)]>,
    words: Option<&[(String, WordEffect)]>,
) -> String {
    let s = total;
    let ocr = Errors {
        cer: rate(s.ocr_char_edits, s.gt_chars),
        wer: rate(s.ocr_word_edits, s.gt_words),
        char_edits: s.ocr_char_edits,
        word_edits: s.ocr_word_edits,
    };
    let out = Errors {
        cer: rate(s.out_char_edits, s.gt_chars),
        wer: rate(s.out_word_edits, s.gt_words),
        char_edits: s.out_char_edits,
        word_edits: s.out_word_edits,
    };
    let (changes, ocr_wrong) = (s.changes(), s.ocr_wrong());
    let figures = Figures {
        docs: s.docs,
        gt_chars: s.gt_chars,
        gt_words: s.gt_words,
        cer_reduction_pct: reduction(ocr.cer, out.cer),
        wer_reduction_pct: reduction(ocr.wer, out.wer),
        ocr,
        out,
        words: Words {
            fixed: s.fixed,
            broken: s.broken,
            changed_still_wrong: s.changed_still_wrong,
            missed: s.missed,
            right_kept: s.right_kept,
            changes,
            ocr_wrong,
            precision: rate(s.fixed, changes),
            recall: rate(s.fixed, ocr_wrong),
        },
        // As the scorer reports it: no words are joined when the lines are kept.
        options: Options {
            keep_lines: how.keep_lines,
            dehyphen: how.dehyphen && !how.keep_lines,
            fold: how.fold,
        },
        documents: per_doc.map(|docs| {
            docs.iter()
                .map(|(id, d)| Document {
                    id,
                    gt_chars: d.gt_chars,
                    gt_words: d.gt_words,
                    ocr_cer: rate(d.ocr_char_edits, d.gt_chars),
                    ocr_wer: rate(d.ocr_word_edits, d.gt_words),
                    out_cer: rate(d.out_char_edits, d.gt_chars),
                    out_wer: rate(d.out_word_edits, d.gt_words),
                    fixed: d.fixed,
                    broken: d.broken,
                })
                .collect()
        }),
        word_effects: words.map(|words| {
            words
                .iter()
                .map(|(id, w)| Listed {
                    document: id,
                    effect: w.effect.name(),
                    index: w.index,
                    truth: &w.truth,
                    ocr: &w.ocr,
                    out: &w.out,
                })
                .collect()
        }),
    };
    serde_json::to_string(&figures).expect("figures always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_object_has_the_scorers_keys_and_nulls() {
        let mut s = Scores::default();
        s.add(
            "Tbe cat sat on tlie mat ,\nand tbe dog bark-\ned.",
            "The cat sat on the mat, and the dog barked.",
            "The cat sat on tie mat ,\nand the dig bark-\ned.",
        );
        let v: serde_json::Value =
            serde_json::from_str(&eval_json(&s, Normalization::default(), None, None)).unwrap();
        // The figures score.py gives for these three texts.
        assert_eq!(v["gt_words"], 10);
        assert_eq!(v["ocr"]["char_edits"], 5);
        assert_eq!(v["out"]["word_edits"], 4);
        assert_eq!(v["words"]["fixed"], 2);
        assert_eq!(v["words"]["broken"], 1);
        assert_eq!(v["words"]["changed_still_wrong"], 2);
        assert_eq!(v["words"]["right_kept"], 5);
        assert_eq!(v["words"]["changes"], 5);
        assert_eq!(v["words"]["precision"], 0.4);
        assert_eq!(v["options"]["dehyphen"], true);
        assert!(v.get("documents").is_none());
        assert!(v.get("word_effects").is_none());
        // Nothing changed, nothing to reduce: no precision and no reduction, as null.
        let mut same = Scores::default();
        same.add("a b", "a b", "a b");
        let docs = [("p".to_owned(), same)];
        let how = Normalization {
            keep_lines: true,
            ..Normalization::default()
        };
        let v: serde_json::Value =
            serde_json::from_str(&eval_json(&same, how, Some(&docs), None)).unwrap();
        assert!(v["words"]["precision"].is_null());
        assert!(v["cer_reduction_pct"].is_null());
        assert_eq!(v["options"]["dehyphen"], false);
        assert_eq!(v["documents"][0]["id"], "p");
        assert_eq!(v["documents"][0]["out_cer"], 0.0);
        // The words listed, by document.
        let mut s = Scores::default();
        let words = s.add_listing("a b", "a c", "a c", Normalization::default());
        let listed: Vec<(String, WordEffect)> =
            words.into_iter().map(|w| ("p".to_owned(), w)).collect();
        let v: serde_json::Value =
            serde_json::from_str(&eval_json(&s, how, None, Some(&listed))).unwrap();
        assert_eq!(v["word_effects"][1]["document"], "p");
        assert_eq!(v["word_effects"][1]["effect"], "fixed");
        assert_eq!(v["word_effects"][1]["truth"], "c");
        assert_eq!(v["word_effects"][1]["ocr"], "b");
        assert_eq!(v["word_effects"][0]["effect"], "right_kept");
    }
}
