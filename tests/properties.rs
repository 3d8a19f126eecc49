//! Property tests of the edit model's invariants over generated text with OCR-like damage:
//! edits never overlap, no edits give the input back, the corrected text is `apply` of the
//! applied edits, the review file round-trips (applied whole or to the input read piece by
//! piece), and the diff applied by GNU patch gives the corrected text; and `eval`'s listing
//! of words adds up to its counts.

mod common;
use ocrmend::evaluate::{Effect, Normalization, Scores};
use ocrmend::render::apply_stream::apply_in_pieces;
use ocrmend::render::diff::{unified_diff, DiffWriter};
use ocrmend::render::review;
use ocrmend::{apply, Edit, Mender};
use proptest::prelude::*;
use std::sync::OnceLock;

fn mender() -> &'static Mender {
    static M: OnceLock<Mender> = OnceLock::new();
    M.get_or_init(Mender::default)
}

const WORDS: &[&str] = &[
    "the",
    "government",
    "submarines",
    "estimated",
    "November",
    "relations",
    "Soviet",
    "Japanese",
    "economic",
    "become",
    "previous",
    "thereby",
    "it",
    "should",
    "Far",
    "Eastern",
    "example",
    "of",
    "and",
    "Gorbachev",
    "1986",
    "pp.",
    "95-96",
    "U.S.",
    "Shevardnadze",
];

/// One word, possibly damaged the way scanners damage words.
fn word() -> impl Strategy<Value = String> {
    (
        prop::sample::select(WORDS),
        0..8u8,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(w, damage, at)| {
            let chars: Vec<char> = w.chars().collect();
            let i = at.index(chars.len());
            let mut s: String = chars[..i].iter().collect();
            let rest: String = chars[i..].iter().collect();
            match damage {
                0 => s.push_str(&rest.replacen('m', "rn", 1)),
                1 => s.push_str(&rest.replacen('e', "c", 1)),
                2 => {
                    s.push('.');
                    s.push_str(&rest);
                }
                3 => {
                    s.push('"');
                    s.push_str(&rest.chars().skip(1).collect::<String>());
                }
                _ => s.push_str(&rest),
            }
            s
        })
}

/// What goes between words: spaces (also no-break and wide ones, several bytes long), line
/// breaks (LF or CRLF), a line-end hyphen, form feeds, a dash, or nothing (words run together).
fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ", " ", " ", "\n", "\r\n", "-\n", "- ", ", ", ". ", "\x0c\n", "", "  ", "\u{a0}",
        "\u{3000}", "\u{2003}", "—", "\r", "\x0c",
    ])
}

fn text() -> impl Strategy<Value = String> {
    joined(word(), 40)
}

/// Up to `most` of `pieces`, each followed by a [`gap`].
fn joined(pieces: impl Strategy<Value = String>, most: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((pieces, gap()), 0..most).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (w, g)| {
            s.push_str(&w);
            s.push_str(g);
            s
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn edit_invariants_hold(input in text()) {
        let mended = mender().mend(&input);
        for pair in mended.edits.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "edits overlap: {:?}", pair);
        }
        for e in &mended.edits {
            prop_assert_eq!(&input[e.span.start..e.span.end], e.before.as_str());
            prop_assert!((0.0..=1.0).contains(&e.confidence));
        }
        prop_assert_eq!(apply(&input, &[] as &[Edit]).unwrap(), input.clone());
        let applied: Vec<&Edit> = mended.applied().collect();
        let corrected = mended.corrected();
        prop_assert_eq!(apply(&input, &applied).unwrap(), corrected.clone());

        let records = review::records("x.txt", &input, &mended.edits, 1);
        let parsed = review::parse(&review::to_jsonl(&records)).unwrap();
        prop_assert_eq!(review::apply_review(&input, &parsed).unwrap(), corrected);
        let rejected: Vec<_> = parsed.into_iter().map(|mut r| { r.accept = false; r }).collect();
        prop_assert_eq!(review::apply_review(&input, &rejected).unwrap(), input);
    }
}

proptest! {
    // Each case runs GNU patch, so fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn diff_applied_by_patch_gives_the_corrected_text(input in text()) {
        let corrected = mender().mend(&input).corrected();
        let diff = unified_diff(&input, &corrected, "x.txt");
        prop_assert_eq!(diff.is_empty(), input == corrected);
        if !diff.is_empty() {
            let dir = tempfile::tempdir().unwrap();
            let patched = common::gnu_patch(dir.path(), input.as_bytes(), diff.as_bytes());
            prop_assert_eq!(String::from_utf8(patched).unwrap(), corrected);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// A text mended piece by piece (cut after lines, as a stream is) has, through
    /// `DiffWriter`, the same diff as the whole text and its whole correction.
    #[test]
    fn a_diff_made_piece_by_piece_is_the_diff_of_the_whole(
        input in text(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let line_ends: Vec<usize> = input.match_indices('\n').map(|(i, _)| i + 1).collect();
        let mut seams: Vec<usize> = cuts
            .iter()
            .filter(|_| !line_ends.is_empty())
            .map(|c| line_ends[c.index(line_ends.len())])
            .collect();
        seams.extend([0, input.len()]);
        seams.sort_unstable();
        seams.dedup();
        let mut writer = DiffWriter::new("x.txt", false);
        let (mut streamed, mut corrected) = (String::new(), String::new());
        for w in seams.windows(2) {
            let piece = &input[w[0]..w[1]];
            let mended = mender().mend(piece).corrected();
            streamed += &writer.piece(piece, &mended);
            corrected += &mended;
        }
        streamed += &writer.finish();
        prop_assert_eq!(streamed, unified_diff(&input, &corrected, "x.txt"));
    }
}

/// Letters standing alone, some with a mark against them (`e.`, `r,`): the tokens whose
/// readings a chunk prices once for all its threads.
const LETTERS: &[&str] = &["e", "r", "t", "s", "p.", "e.", "r,", "d"];

/// Damaged text with letters standing alone among the words.
fn text_with_letters() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => word(),
        1 => prop::sample::select(LETTERS).prop_map(str::to_owned),
    ];
    joined(piece, 60)
}

proptest! {
    // Each case makes two menders (no cache shared between the runs) and mends twice.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The tokens of a chunk are weighed in parallel: what is decided must not depend on
    /// which thread asked first (a memo shared by two reading lists of one letter once made
    /// it so, on two cores only).
    #[test]
    fn two_threads_decide_what_one_thread_decides(input in text_with_letters()) {
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| Mender::default().mend(&input).edits)
        };
        prop_assert_eq!(on(1), on(2));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Records in text order applied to the input read in pieces of any size give the text
    /// they give applied to it whole, or are refused as they are then, stale or overlapping.
    #[test]
    fn a_review_applied_piece_by_piece_is_the_review_applied_whole(
        input in text(),
        accept in proptest::collection::vec(any::<bool>(), 0..64),
        spoil in proptest::option::of((0usize..64, 0u8..5)),
        size in 1usize..40,
    ) {
        let mended = mender().mend(&input);
        let mut records = review::records("x.txt", &input, &mended.edits, 1);
        for (r, a) in records.iter_mut().zip(&accept) {
            r.accept = *a;
        }
        if let (Some((at, how)), false) = (spoil, records.is_empty()) {
            let at = at % records.len();
            let r = &mut records[at];
            match how {
                0 => r.before.push('#'),
                1 => r.col += 1,
                2 => r.start = r.start.saturating_sub(1),
                3 => r.end += 1,
                _ => {
                    r.accept = true;
                    let twice = r.clone();
                    records.insert(at, twice);
                }
            }
        }
        records.sort_by_key(|r| (r.start, r.end));
        let whole = review::apply_review(&input, &records);
        let result = apply_in_pieces(&input, records, size);
        match (whole, result) {
            (Ok(text), Ok(streamed)) => prop_assert_eq!(text, streamed),
            (Err(_), Err(_)) => {}
            (w, s) => prop_assert!(false, "applied whole: {:?}; streamed: {:?}", w, s),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `eval --words` lists the words behind the counts: one per ground-truth word, each
    /// kind as many as its count, the truth's words in order.
    #[test]
    fn the_word_listing_adds_up_to_the_counts(
        words in prop::collection::vec(
            (prop::sample::select(WORDS), gap(), 0..6u8, 0..6u8),
            0..40,
        ),
        fold in any::<bool>(),
        keep_lines in any::<bool>(),
    ) {
        // A truth, and an OCR text and an output that each damage some of its words (a
        // letter misread, one added, the word lost, two run together) and keep the rest.
        let damaged = |w: &str, how: u8| match how {
            0 => w.replacen('e', "c", 1),
            1 => format!("{w}l"),
            2 => String::new(),
            3 => format!("{w}{w}"),
            _ => w.to_owned(),
        };
        let (mut truth, mut ocr, mut out) = (String::new(), String::new(), String::new());
        for (w, g, o, u) in &words {
            for (text, word) in [(&mut truth, w.to_string()), (&mut ocr, damaged(w, *o)), (&mut out, damaged(w, *u))] {
                text.push_str(&word);
                text.push_str(g);
            }
        }
        let how = Normalization { fold, keep_lines, ..Normalization::default() };
        let mut counted = Scores::default();
        counted.add_with(&ocr, &truth, &out, how);
        let mut listed = Scores::default();
        let words = listed.add_listing(&ocr, &truth, &out, how);
        prop_assert_eq!(listed, counted);
        prop_assert_eq!(words.len(), counted.gt_words);
        let of = |e: Effect| words.iter().filter(|w| w.effect == e).count();
        prop_assert_eq!(of(Effect::Fixed), counted.fixed);
        prop_assert_eq!(of(Effect::Broken), counted.broken);
        prop_assert_eq!(of(Effect::ChangedStillWrong), counted.changed_still_wrong);
        prop_assert_eq!(of(Effect::Missed), counted.missed);
        prop_assert_eq!(of(Effect::RightKept), counted.right_kept);
        prop_assert!(words.iter().enumerate().all(|(i, w)| w.index == i));
        // A word right in the OCR text (or the output) has itself in its place there.
        for w in &words {
            if matches!(w.effect, Effect::RightKept | Effect::Broken) {
                prop_assert_eq!(&w.ocr, &w.truth);
            }
            if matches!(w.effect, Effect::RightKept | Effect::Fixed) {
                prop_assert_eq!(&w.out, &w.truth);
            }
        }
    }
}
