//! Any review file: parsed or refused with an error, never a panic; what parses writes back
//! and parses again to the same records.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ocrmend::render::review;

fuzz_target!(|jsonl: &str| {
    if let Ok(records) = review::parse(jsonl) {
        let again = review::parse(&review::to_jsonl(&records)).expect("written records parse");
        assert_eq!(again.len(), records.len());
    }
});
