//! Any text and review file: `apply` makes the accepted edits or refuses the file as stale
//! or malformed, never panics, and never applies an edit whose `before` does not match.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ocrmend::render::review;

fuzz_target!(|input: (&str, &str)| {
    let (text, jsonl) = input;
    let Ok(records) = review::parse(jsonl) else {
        return;
    };
    if let Ok(out) = review::apply_review(text, &records) {
        if records.iter().all(|r| !r.accept) {
            assert_eq!(out, text);
        }
    }
});
