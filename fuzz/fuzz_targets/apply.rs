//! Any text and review file: `apply` makes the accepted edits or refuses the file as stale
//! or malformed, never panics, and never applies an edit whose `before` does not match.
//! Records in text order applied to the text read in pieces give the same text, or are
//! refused the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ocrmend::render::{apply_stream::apply_in_pieces, review};

fuzz_target!(|input: (&str, &str)| {
    let (text, jsonl) = input;
    let Ok(mut records) = review::parse(jsonl) else {
        return;
    };
    let whole = review::apply_review(text, &records);
    if let Ok(out) = &whole {
        if records.iter().all(|r| !r.accept) {
            assert_eq!(out, text);
        }
    }
    records.sort_by_key(|r| (r.start, r.end));
    let whole = review::apply_review(text, &records);
    let result = apply_in_pieces(text, records, text.len() % 7 + 1);
    match (&whole, result) {
        (Ok(out), Ok(streamed)) => assert_eq!(*out, streamed),
        (Err(_), Err(_)) => {}
        (w, s) => panic!("applied whole: {w:?}; streamed: {s:?}"),
    }
});
