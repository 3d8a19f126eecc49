//! Any bytes: decoding either fails cleanly or gives text whose tokens lie on character
//! boundaries, in order, and that encodes back to the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = ocrmend::decode(data, None) else {
        return;
    };
    let text = &decoded.text;
    let mut end = 0;
    for t in ocrmend::tokenize::tokenize(text) {
        assert!(t.span.start >= end && t.span.start <= t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        end = t.span.end;
    }
    if decoded.warning.is_none() {
        assert_eq!(decoded.encode(text), data);
    }
});
