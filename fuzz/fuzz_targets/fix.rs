//! Any text through the whole pipeline: edits are in order and never overlap, every span
//! lies on character boundaries, `before` is the text under it, and the corrected text is
//! exactly the applied edits made; rejecting them all gives the input back.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ocrmend::Mender;
use std::sync::OnceLock;

fn mender() -> &'static Mender {
    static M: OnceLock<Mender> = OnceLock::new();
    M.get_or_init(Mender::default)
}

fuzz_target!(|text: &str| {
    let mended = mender().mend(text);
    let mut end = 0;
    for e in &mended.edits {
        assert!(e.span.start >= end, "edits overlap");
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert_eq!(&text[e.span.start..e.span.end], e.before);
        end = e.span.end;
    }
    let applied: Vec<&ocrmend::Edit> = mended.applied().collect();
    assert_eq!(mended.corrected(), ocrmend::apply(text, &applied).unwrap());
    assert_eq!(ocrmend::apply::<ocrmend::Edit>(text, &[]).unwrap(), text);
});
