//! Pipeline benchmarks: the library's whole mending of real OCR text (the bundled sample,
//! and a slice of `../shared/eval`'s OCR and of its ground truth, clean text, when it is
//! beside the repo), on one thread and on all of them, in bytes per second. Whole-process
//! figures (start-up, peak memory, the peers side by side) come from `scripts/bench.sh`.
//! Run: `cargo bench --bench mend`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocrmend::Mender;
use std::hint::black_box;
use std::time::Duration;

/// How much of the development sets' text a benchmark mends: a hundred pages or so, little
/// enough for a sample to take about a second (on a long input the run's candidate cache
/// pays more, so the whole-process figures are higher).
const SLICE_BYTES: usize = 256 * 1024;

/// The first [`SLICE_BYTES`] of the development sets' files ending in `suffix`, whole
/// files at a time; `None` when the sets are not beside the repo.
fn dev_text(suffix: &str) -> Option<String> {
    let mut text = String::new();
    for f in common::dev_files(suffix) {
        if text.len() >= SLICE_BYTES {
            break;
        }
        text += &std::fs::read_to_string(f).ok()?;
    }
    (!text.is_empty()).then_some(text)
}

fn mend(c: &mut Criterion) {
    let mut inputs = vec![("the bundled sample", common::sample())];
    inputs.extend(dev_text(".ocr.txt").map(|t| ("the development OCR's first 256 kB", t)));
    inputs.extend(dev_text(".gt.txt").map(|t| ("clean text, the ground truth's first 256 kB", t)));
    let mender = Mender::default();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let mut group = c.benchmark_group("mend");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name}, one thread"), |b| {
            b.iter(|| one.install(|| black_box(mender.mend(text).edits.len())))
        });
        group.bench_function(format!("{name}, all threads"), |b| {
            b.iter(|| black_box(mender.mend(text).edits.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, mend);
criterion_main!(benches);
