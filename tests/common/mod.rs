//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The bundled sample scan.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/gorbachev-japan-1988.ocr.txt")
}

/// The `ocrmend` binary, ready to run.
pub fn ocrmend() -> Command {
    Command::cargo_bin("ocrmend").expect("the binary is built")
}

/// Sets `accept` of every record of a review file to `accept`.
pub fn set_accept(jsonl: &str, accept: bool) -> String {
    jsonl
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["accept"] = serde_json::Value::Bool(accept);
            format!("{v}\n")
        })
        .collect()
}

/// Applies a unified diff to `input` with GNU patch and returns the patched bytes.
pub fn gnu_patch(dir: &Path, input: &[u8], diff: &[u8]) -> Vec<u8> {
    let original = dir.join("patch-in.txt");
    let out = dir.join("patch-out.txt");
    let diff_path = dir.join("patch.diff");
    std::fs::write(&original, input).unwrap();
    std::fs::write(&diff_path, diff).unwrap();
    let status = std::process::Command::new("patch")
        .arg("--quiet")
        .arg("--force")
        .arg("-o")
        .arg(&out)
        .arg(&original)
        .arg(&diff_path)
        .status()
        .expect("GNU patch is installed (apt-get install patch)");
    assert!(status.success(), "patch failed to apply the diff");
    std::fs::read(&out).unwrap()
}
