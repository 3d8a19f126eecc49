//! Lexicon benchmarks: start-up of the embedded lexicon, exact look-ups of known words and
//! candidate look-ups (every entry within distance 2) of unknown words taken from real OCR
//! text (the bundled sample, plus `../shared/eval` when it is beside the repo).
//! Run: `cargo bench --bench lexicon`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocrmend::tokenize::tokenize;
use ocrmend::Lexicon;
use std::hint::black_box;

/// Real OCR text: the sample and, when present, the development sets' OCR.
fn ocr_text() -> String {
    let mut text = common::sample();
    for f in common::dev_files(".ocr.txt") {
        text += &std::fs::read_to_string(f).unwrap_or_default();
    }
    text
}

fn lexicon(c: &mut Criterion) {
    c.bench_function("embedded lexicon start-up", |b| {
        b.iter(|| black_box(Lexicon::embedded()))
    });

    let lex = Lexicon::embedded();
    let text = ocr_text();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for t in tokenize(&text) {
        let w = t.text(&text).to_lowercase();
        if w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) {
            if lex.contains(&w) {
                known.push(w);
            } else {
                unknown.push(w);
            }
        }
    }
    unknown.sort();
    unknown.dedup();
    known.truncate(100_000);

    let mut g = c.benchmark_group("look-up");
    g.throughput(Throughput::Elements(known.len() as u64));
    g.bench_function("known words, exact", |b| {
        b.iter(|| known.iter().filter(|w| lex.contains(w)).count())
    });
    g.throughput(Throughput::Elements(unknown.len() as u64));
    g.sample_size(10);
    g.bench_function("unknown words, all candidates within distance 2", |b| {
        b.iter(|| {
            unknown
                .iter()
                .map(|w| lex.candidates(w, 2).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, lexicon);
criterion_main!(benches);
