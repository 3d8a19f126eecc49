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

/// The JSON Lines a run printed on standard output, parsed.
pub fn json_lines(run: &assert_cmd::assert::Assert) -> Vec<serde_json::Value> {
    String::from_utf8(run.get_output().stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
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

/// What one `fix` run wrote: the corrected text, the diff and the review file.
pub struct Written {
    /// The corrected text.
    pub text: String,
    /// The unified diff.
    pub diff: String,
    /// The review file (JSON Lines).
    pub review: String,
}

/// Runs `fix INPUT -o --diff --review` (files in `dir` named after `tag`) with `extra`
/// arguments and `stdin`, and returns what it wrote; stdout must stay empty.
pub fn fix_to_files(dir: &Path, input: &Path, tag: &str, extra: &[&str], stdin: &str) -> Written {
    let path = |ext: &str| dir.join(format!("{tag}.{ext}"));
    ocrmend()
        .arg("fix")
        .arg(input)
        .arg("-o")
        .arg(path("txt"))
        .arg("--diff")
        .arg(path("diff"))
        .arg("--review")
        .arg(path("jsonl"))
        .args(extra)
        .write_stdin(stdin)
        .assert()
        .success()
        .stdout("");
    let read = |ext: &str| std::fs::read_to_string(path(ext)).unwrap();
    Written {
        text: read("txt"),
        diff: read("diff"),
        review: read("jsonl"),
    }
}

/// Runs `apply INPUT` with `jsonl` as its review file (written into `dir`) and returns the
/// text it prints.
pub fn apply_review(dir: &Path, input: &Path, jsonl: &str) -> Vec<u8> {
    let path = dir.join("apply-review.jsonl");
    std::fs::write(&path, jsonl).unwrap();
    ocrmend()
        .arg("apply")
        .arg(input)
        .arg("--review")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}
