//! What the benchmarks read besides the bundled sample: the development sets beside the
//! repo, when they are there.

use std::path::{Path, PathBuf};

/// The bundled sample scan.
pub fn sample() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("samples/gorbachev-japan-1988.ocr.txt"))
        .expect("the bundled sample")
}

/// The files of the development sets in `../shared/eval` whose names end in `suffix`
/// (`.ocr.txt`, `.gt.txt`), in path order; none when the sets are not beside the repo.
/// `rejoin_dev` is left out: its OCR is clean text re-wrapped, not a scan's.
pub fn dev_files(suffix: &str) -> Vec<PathBuf> {
    let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(eval)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|set| !set.file_name().to_string_lossy().starts_with("rejoin"))
        .flat_map(|set| {
            std::fs::read_dir(set.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|f| f.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}
