//! The HTML review page: one self-contained file (no network, no external assets, works
//! from `file://`) showing the document with each edit in place — applied and suggested in
//! different styles, confidence visible — where a reviewer accepts or rejects each edit
//! (or picks an alternative), with the keyboard or the mouse, and exports the decisions as
//! the JSON Lines review file `ocrmend apply` reads. All document text is HTML-escaped.

use super::review::{shown_confidence, ReviewRecord};
use crate::edit::Span;
use std::fmt::Write;

/// `s` with the characters HTML gives meaning to escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe to embed in a `<script>` element (no `</script>` can close it early).
fn embeddable(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The review page of one input: `text` with `records` (the input's review records) in
/// place, and its `unresolved` words (suspects no edit touches, in text order) marked for a
/// reviewer's look.
pub fn review_page(
    file: &str,
    text: &str,
    records: &[ReviewRecord],
    unresolved: &[Span],
) -> String {
    let mut body = String::new();
    let mut at = 0;
    let mut sorted: Vec<(usize, &ReviewRecord)> = records.iter().enumerate().collect();
    sorted.sort_by_key(|(_, r)| (r.start, r.end));
    let mut doubts = unresolved.iter().peekable();
    for (i, r) in sorted {
        mark_doubts(&mut body, text, &mut at, &mut doubts, r.start);
        let (Some(gap), Some(before)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue; // a record that does not fit the text is not shown
        };
        body.push_str(&escape(gap));
        let _ = write!(
            body,
            "<span class=\"edit {}\" data-i=\"{i}\" tabindex=\"0\" title=\"{}\">\
             <del>{}</del><ins>{}</ins><sup>{}</sup></span>",
            if r.accept { "accepted" } else { "rejected" },
            shown_confidence(r.confidence),
            escape(before),
            escape(&r.after),
            shown_confidence(r.confidence)
        );
        at = r.end;
    }
    mark_doubts(&mut body, text, &mut at, &mut doubts, text.len());
    body.push_str(&escape(text.get(at..).unwrap_or("")));
    let json: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default())
        .collect();
    PAGE.replace("{{TITLE}}", &escape(file))
        .replace("{{BODY}}", &body)
        .replace("{{RECORDS}}", &embeddable(&format!("[{}]", json.join(","))))
        .replace("{{FILE}}", &escape(&format!("{file}.review.jsonl")))
        .replace("{{DOUBTS}}", &unresolved.len().to_string())
}

/// Writes `text` from `at` up to each of the `doubts` ending by `until` into `body`, each
/// doubtful word marked; `at` moves past them. A doubt that does not fit is skipped.
fn mark_doubts<'s>(
    body: &mut String,
    text: &str,
    at: &mut usize,
    doubts: &mut std::iter::Peekable<impl Iterator<Item = &'s Span>>,
    until: usize,
) {
    while let Some(d) = doubts.next_if(|d| d.end <= until) {
        let (Some(gap), Some(word)) = (text.get(*at..d.start), text.get(d.start..d.end)) else {
            continue;
        };
        body.push_str(&escape(gap));
        let _ = write!(
            body,
            "<span class=\"doubt\" title=\"no confident reading: worth a look\">{}</span>",
            escape(word)
        );
        *at = d.end;
    }
}

/// An index page linking the review pages of a batch: (input name, page file name, edits).
pub fn index_page(pages: &[(String, String, usize)]) -> String {
    let mut rows = String::new();
    for (name, page, edits) in pages {
        let _ = writeln!(
            rows,
            "<li><a href=\"{}\">{}</a> — {edits} edits</li>",
            escape(page),
            escape(name)
        );
    }
    INDEX.replace("{{ROWS}}", &rows)
}

const INDEX: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ocrmend review</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto}</style>
</head><body><h1>ocrmend review</h1><ul>
{{ROWS}}</ul></body></html>
"#;

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ocrmend review: {{TITLE}}</title>
<style>
body{font:16px/1.6 system-ui,sans-serif;margin:0;display:flex;height:100vh}
#doc{flex:1;overflow:auto;padding:1.5em 2em;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:14px}
#side{width:22em;border-left:1px solid #ccc;padding:1em;overflow:auto;background:#fafafa}
.edit{border-radius:3px;padding:0 2px;cursor:pointer;outline-offset:2px}
.edit del{color:#a00;text-decoration:line-through}
.edit ins{color:#070;text-decoration:none;font-weight:bold}
.edit sup{font-size:9px;color:#666;margin-left:1px}
.edit.accepted{background:#e3f6e3}
.edit.accepted del{display:none}
.edit.rejected{background:#fff3cd}
.edit.rejected ins{display:none}
.edit.rejected del{text-decoration:none;color:inherit}
.edit.suggestion{border:1px dashed #b80}
.edit:focus,.edit.current{outline:2px solid #36c}
.doubt{text-decoration:underline wavy #c60;text-underline-offset:3px}
button{margin:2px}
#reason{font-size:14px;color:#333}
kbd{border:1px solid #aaa;border-radius:3px;padding:0 3px;font-size:12px}
</style></head><body>
<div id="doc">{{BODY}}</div>
<div id="side">
<h2>Review</h2>
<p><b id="left">0</b> of <b id="total">0</b> edits not yet decided by you.</p>
<p><span class="doubt">{{DOUBTS}}</span> words doubtful, with no reading confident enough to offer: marked so in the text.</p>
<div id="detail"><p>Select an edit (click it, or <kbd>j</kbd>/<kbd>k</kbd>).</p></div>
<p><button id="accept">Accept <kbd>y</kbd></button><button id="reject">Reject <kbd>n</kbd></button></p>
<p>Accept all at confidence ≥ <input id="level" type="number" min="0" max="1" step="0.05" value="0.9" style="width:4em">
<button id="acceptAll">Accept</button></p>
<p><button id="export">Export review file</button></p>
<p style="font-size:13px;color:#555"><kbd>j</kbd>/<kbd>k</kbd> next/previous edit, <kbd>y</kbd> accept,
<kbd>n</kbd> reject, <kbd>1</kbd>–<kbd>9</kbd> pick an alternative. Then:
<code>ocrmend apply INPUT --review {{FILE}}</code></p>
</div>
<script id="records" type="application/json">{{RECORDS}}</script>
<script>
"use strict";
const records = JSON.parse(document.getElementById("records").textContent);
const original = records.map(r => ({accept: r.accept, after: r.after}));
const spans = Array.from(document.querySelectorAll(".edit"));
const decided = new Set();
let current = -1;
function show(span) {
  const r = records[+span.dataset.i];
  span.className = "edit " + (r.accept ? "accepted" : "rejected") + (original[+span.dataset.i].accept ? "" : " suggestion") + (spans[current] === span ? " current" : "");
  span.querySelector("ins").textContent = r.after;
}
function detail() {
  const d = document.getElementById("detail");
  d.textContent = "";
  if (current < 0) return;
  const r = records[+spans[current].dataset.i];
  const p = (text) => { const e = document.createElement("p"); e.textContent = text; d.appendChild(e); return e; };
  p(r.before + " → " + r.after + "  (" + (Math.floor(Math.round(r.confidence * 1000) / 10) / 100).toFixed(2) + ", " + (r.accept ? "accepted" : "not accepted") + ")").style.fontWeight = "bold";
  p(r.reason).id = "reason";
  r.alternatives.slice(0, 9).forEach((alt, k) => {
    const b = document.createElement("button");
    b.textContent = (k + 1) + ") " + alt;
    b.onclick = () => pick(k);
    d.appendChild(b);
  });
}
function count() {
  document.getElementById("total").textContent = spans.length;
  document.getElementById("left").textContent = spans.length - decided.size;
}
function focusEdit(k) {
  if (!spans.length) return;
  const old = spans[current];
  current = (k + spans.length) % spans.length;
  if (old) show(old);
  show(spans[current]);
  spans[current].focus();
  detail();
}
function decide(accept, how) {
  if (current < 0) return;
  const i = +spans[current].dataset.i;
  records[i].accept = accept;
  records[i].reviewed = how || (accept ? "accepted" : "rejected");
  decided.add(i);
  show(spans[current]); detail(); count();
}
function pick(k) {
  if (current < 0) return;
  const i = +spans[current].dataset.i;
  const alt = records[i].alternatives[k];
  if (alt === undefined) return;
  records[i].alternatives[k] = records[i].after;
  records[i].after = alt;
  decide(true, "replaced");
}
spans.forEach((s, k) => { s.addEventListener("click", () => focusEdit(k)); s.addEventListener("focus", () => { if (current !== k) focusEdit(k); }); });
document.getElementById("accept").onclick = () => decide(true);
document.getElementById("reject").onclick = () => decide(false);
document.getElementById("acceptAll").onclick = () => {
  const level = parseFloat(document.getElementById("level").value);
  records.forEach((r, i) => { if (r.confidence >= level) { r.accept = true; decided.add(i); } });
  spans.forEach(show); detail(); count();
};
document.getElementById("export").onclick = () => {
  const text = records.map(r => JSON.stringify(r)).join("\n") + "\n";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], {type: "application/x-ndjson"}));
  a.download = "{{FILE}}".replace(/^.*[\/]/, "");
  document.body.appendChild(a); a.click(); a.remove();
  window.ocrmendExport = text;
};
document.addEventListener("keydown", (e) => {
  if (e.target.tagName === "INPUT") return;
  if (e.key === "j") focusEdit(current + 1);
  else if (e.key === "k") focusEdit(current - 1);
  else if (e.key === "y") decide(true);
  else if (e.key === "n") decide(false);
  else if (/^[1-9]$/.test(e.key)) pick(+e.key - 1);
  else return;
  e.preventDefault();
});
spans.forEach(show); count();
</script></body></html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditKind;

    fn record(start: usize, end: usize, before: &str, after: &str, accept: bool) -> ReviewRecord {
        ReviewRecord {
            id: 1,
            file: "p.txt".into(),
            line: 1,
            col: start + 1,
            start,
            end,
            before: before.into(),
            after: after.into(),
            kind: EditKind::Substitute,
            confidence: 0.93,
            reason: "a <b>reason</b>".into(),
            alternatives: vec!["</script><script>alert(1)</script>".into()],
            accept,
            evidence: None,
            reviewed: None,
        }
    }

    #[test]
    fn document_text_and_records_cannot_inject_markup() {
        let text = "<script>alert(1)</script> tbe end";
        let doubt = Span::new(0, 25);
        let page = review_page(
            "p.txt",
            text,
            &[record(26, 29, "tbe", "the", true)],
            &[doubt],
        );
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The embedded records still parse back to the same values.
        let start = page.find("type=\"application/json\">").unwrap() + 24;
        let end = start + page[start..].find("</script>").unwrap();
        let parsed: Vec<ReviewRecord> = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(
            parsed[0].alternatives[0],
            "</script><script>alert(1)</script>"
        );
        assert_eq!(parsed[0].reason, "a <b>reason</b>");
    }

    #[test]
    fn every_edit_is_shown_in_place_and_nothing_is_fetched() {
        let text = "One tbe two tlie three.";
        let page = review_page(
            "p.txt",
            text,
            &[
                record(4, 7, "tbe", "the", true),
                record(12, 16, "tlie", "the", false),
            ],
            &[],
        );
        assert_eq!(page.matches("class=\"edit ").count(), 2);
        assert!(page.contains("<del>tbe</del><ins>the</ins>"));
        assert!(page.contains("class=\"edit rejected\""));
        for external in ["http:", "https:", "src=", "@import"] {
            assert!(!page.contains(external), "{external}");
        }
    }

    #[test]
    fn the_doubtful_words_are_marked_in_place_apart_from_the_edits() {
        let text = "Qzxwv tbe Blorv & tlie end.";
        let doubts = [Span::new(0, 5), Span::new(10, 15)];
        let page = review_page("p.txt", text, &[record(6, 9, "tbe", "the", true)], &doubts);
        let doc_start = page.find("<div id=\"doc\">").unwrap();
        let doc = &page[doc_start..page.find("<div id=\"side\">").unwrap()];
        let marked = |w: &str| {
            format!("<span class=\"doubt\" title=\"no confident reading: worth a look\">{w}</span>")
        };
        assert!(
            doc.starts_with(&format!(
                "<div id=\"doc\">{} <span class=\"edit ",
                marked("Qzxwv")
            )),
            "{doc}"
        );
        assert!(
            doc.contains(&format!("</span> {} &amp; tlie end.", marked("Blorv"))),
            "{doc}"
        );
        assert_eq!(doc.matches("class=\"edit ").count(), 1);
        assert!(page.contains("<span class=\"doubt\">2</span> words doubtful"));
    }
}
