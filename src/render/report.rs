//! The HTML evaluation report of `ocrmend eval --html`: one self-contained page (no
//! network, no scripts) with the figures over all documents and per document, and each
//! document's text against its ground truth character by character, in the scorer's
//! normalisation: the corrected text (what is still wrong), and the OCR text (what was wrong
//! before), so a user sees where the correction helped and where it did not; and the words
//! it broke, listed first.

use super::html::escape;
use crate::evaluate::{normalize_with, words_of, Effect, Normalization, Scores, WordEffect};
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffTag, TextDiff};
use std::fmt::Write;

/// One document of the report: its name, its figures, and its three texts as read.
#[derive(Debug, Clone)]
pub struct ReportDoc {
    /// The document's name (its id).
    pub id: String,
    /// Its figures.
    pub scores: Scores,
    /// The OCR text.
    pub ocr: String,
    /// The ground truth.
    pub truth: String,
    /// The corrected text.
    pub out: String,
    /// What became of each of its ground-truth words ([`Scores::add_listing`]).
    pub words: Vec<WordEffect>,
}

/// The report page for these documents, with `total` their sum, the texts compared as
/// normalised by `how`.
pub fn eval_report(total: &Scores, docs: &[ReportDoc], how: Normalization) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>ocrmend evaluation</h1>\n<table>\n<tr><th></th><th>CER</th><th>WER</th>\
         <th>fixed</th><th>broken</th><th>changed, still wrong</th><th>missed</th>\
         <th>precision</th></tr>\n{}",
        row("all documents", total, None)
    );
    for (k, doc) in docs.iter().enumerate() {
        body.push_str(&row(&doc.id, &doc.scores, Some(k)));
    }
    body.push_str(
        "</table>\n<p class=\"key\"><span class=\"miss\">missing</span> \
                   is in the ground truth but not in the text; <span class=\"extra\">extra\
                   </span> is in the text but not in the ground truth.</p>\n",
    );
    for (k, doc) in docs.iter().enumerate() {
        let _ = write!(
            body,
            "<section id=\"d{k}\"><h2>{}</h2>\n{}<h3>corrected text against the ground truth</h3>\
             \n<p class=\"text\">{}</p>\n<details><summary>OCR text against the ground truth\
             </summary>\n<p class=\"text\">{}</p></details></section>\n",
            escape(&doc.id),
            broken(&doc.words),
            against(&doc.truth, &doc.out, how),
            against(&doc.truth, &doc.ocr, how)
        );
    }
    PAGE.replace("{{BODY}}", &body)
}

/// The words right in a page's OCR text that its correction broke, among its `words`, as a
/// table of each with what the output has in its place (`eval --words broken`); nothing when
/// there are none.
fn broken(words: &[WordEffect]) -> String {
    let rows: String = words
        .iter()
        .filter(|w| w.effect == Effect::Broken)
        .map(|w| {
            format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                escape(&w.truth),
                marked("extra", &w.out)
            )
        })
        .collect();
    if rows.is_empty() {
        return rows;
    }
    format!(
        "<h3>right words the correction broke</h3>\n<table class=\"words\">\n\
         <tr><th>ground truth</th><th>corrected text</th></tr>\n{rows}</table>\n"
    )
}

/// A table row of figures, linking to the document's section when it has one.
fn row(name: &str, s: &Scores, section: Option<usize>) -> String {
    let name = match section {
        Some(k) => format!("<a href=\"#d{k}\">{}</a>", escape(name)),
        None => escape(name),
    };
    format!(
        "<tr><td>{name}</td><td>{:.2}% → {:.2}%</td><td>{:.2}% → {:.2}%</td><td>{}</td>\
         <td>{}</td><td>{}</td><td>{}</td><td>{:.3}</td></tr>\n",
        100.0 * s.ocr_cer(),
        100.0 * s.out_cer(),
        100.0 * s.ocr_wer(),
        100.0 * s.out_wer(),
        s.fixed,
        s.broken,
        s.changed_still_wrong,
        s.missed,
        s.precision()
    )
}

/// `text` against `truth` (both normalised as the scorer does), escaped, with what is
/// missing from it and what is extra marked: the words are aligned first, and the
/// characters within each stretch of words that differ.
fn against(truth: &str, text: &str, how: Normalization) -> String {
    let (truth, text) = (normalize_with(truth, how), normalize_with(text, how));
    let (t, o) = (words_of(&truth).0, words_of(&text).0);
    let mut out = String::new();
    for op in capture_diff_slices(Algorithm::Myers, &t, &o) {
        let (tag, tr, or) = op.as_tag_tuple();
        if !out.is_empty() {
            out.push(' ');
        }
        let (a, b) = (t[tr].join(" "), o[or].join(" "));
        match tag {
            DiffTag::Equal => out.push_str(&escape(&b)),
            DiffTag::Delete => out.push_str(&marked("miss", &a)),
            DiffTag::Insert => out.push_str(&marked("extra", &b)),
            DiffTag::Replace => out.push_str(&by_characters(&a, &b)),
        }
    }
    out
}

/// A stretch of `text` differing from `truth`, character by character.
fn by_characters(truth: &str, text: &str) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(truth, text);
    let mut out = String::new();
    let mut run: Option<(ChangeTag, String)> = None;
    for change in diff.iter_all_changes() {
        match &mut run {
            Some((tag, s)) if *tag == change.tag() => s.push_str(change.value()),
            _ => {
                flush(run.take(), &mut out);
                run = Some((change.tag(), change.value().to_owned()));
            }
        }
    }
    flush(run, &mut out);
    out
}

/// Appends a run of characters alike in `tag` to `out`, marked as that tag says.
fn flush(run: Option<(ChangeTag, String)>, out: &mut String) {
    if let Some((tag, s)) = run {
        out.push_str(&match tag {
            ChangeTag::Equal => escape(&s),
            ChangeTag::Delete => marked("miss", &s),
            ChangeTag::Insert => marked("extra", &s),
        });
    }
}

/// `s`, escaped, in a span of class `class`.
fn marked(class: &str, s: &str) -> String {
    format!("<span class=\"{class}\">{}</span>", escape(s))
}

/// The page around the report's body.
const PAGE: &str = "<!DOCTYPE html>
<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ocrmend evaluation</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 60em; }
table { border-collapse: collapse; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #ddd; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.words td, .words th { text-align: left; font-family: ui-monospace, monospace; }
.text { font-family: ui-monospace, monospace; line-height: 1.6; white-space: pre-wrap; }
.miss { background: #c8f0c8; }
.extra { background: #f6c6c6; text-decoration: line-through; }
</style></head><body>
{{BODY}}
</body></html>
";

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(ocr: &str, truth: &str, out: &str) -> ReportDoc {
        let mut scores = Scores::default();
        let words = scores.add_listing(ocr, truth, out, Normalization::default());
        ReportDoc {
            id: "page <1>".to_owned(),
            scores,
            ocr: ocr.to_owned(),
            truth: truth.to_owned(),
            out: out.to_owned(),
            words,
        }
    }

    #[test]
    fn what_is_still_wrong_is_marked_character_by_character() {
        let flat = Normalization::default();
        assert_eq!(
            against("The cat sat on the mat.", "The cat sat on tbe mat.", flat),
            "The cat sat on t<span class=\"miss\">h</span><span class=\"extra\">b</span>e mat."
        );
        // Words missing or extra are marked whole; a text equal to its truth is unmarked.
        assert_eq!(
            against("a b c", "a c d", flat),
            "a <span class=\"miss\">b</span> c <span class=\"extra\">d</span>"
        );
        assert_eq!(against("a b-\nc", "a  bc", flat), "a bc");
    }

    #[test]
    fn the_page_holds_the_figures_and_escapes_the_texts() {
        let d = doc("Tbe <cat>", "The <cat>", "The <cat>");
        let mut total = Scores::default();
        total += d.scores;
        let page = eval_report(&total, &[d], Normalization::default());
        assert!(page.contains("page &lt;1&gt;"), "{page}");
        assert!(page.contains("&lt;cat&gt;"));
        assert!(!page.contains("<cat>"));
        // The OCR text's misreading is shown; the corrected one has none left.
        assert!(page.contains("<span class=\"extra\">b</span>"));
        assert!(page.contains("<td>1</td>"), "one word fixed: {page}");
        assert!(!page.contains("<script"));
        assert!(
            !page.contains("the correction broke"),
            "nothing broken, no list: {page}"
        );
    }

    #[test]
    fn the_words_a_correction_broke_are_listed_with_what_replaced_them() {
        let d = doc(
            "The cat sat on tbe mat",
            "The cat sat on the mat",
            "The bat sat on tbe mat",
        );
        let mut total = Scores::default();
        total += d.scores;
        let page = eval_report(&total, &[d], Normalization::default());
        assert!(page.contains("right words the correction broke"), "{page}");
        assert!(
            page.contains("<tr><td>cat</td><td><span class=\"extra\">bat</span></td></tr>"),
            "{page}"
        );
    }
}
