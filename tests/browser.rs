//! The HTML review page in real headless Chromium: a reviewer rejects an applied edit
//! (keyboard), accepts a suggestion (mouse) and exports; `ocrmend apply` on the export gives
//! exactly that text. Needs `chromium` and `npm ci --prefix tests/browser`, which a fresh
//! machine lacks, so plain `cargo test` leaves it out; `.ci/run` installs both and runs it
//! (`cargo test --test browser -- --ignored`).

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

const DAMAGED: &str = "The subrnarines were cstimated to be in the harbour.\n";

#[test]
#[ignore = "needs chromium and `npm ci --prefix tests/browser`; .ci/run installs both and runs it"]
fn a_review_made_in_the_browser_is_applied_exactly() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/puppeteer-core").is_dir(),
        "run `npm ci --prefix tests/browser` (and install chromium) first"
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(&page, DAMAGED).unwrap();
    let html = dir.path().join("page.html");
    // Both repairs with their confidences; a threshold between them applies the stronger
    // and leaves the weaker a suggestion.
    let listed = ocrmend()
        .args([
            "fix",
            "--quiet",
            "--threshold",
            "0",
            "-o",
            "-",
            "--review",
            "-",
        ])
        .arg(&page)
        .output()
        .unwrap();
    let mut edits: Vec<serde_json::Value> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(edits.len(), 2, "both misreadings are repaired");
    edits.sort_by(|a, b| {
        a["confidence"]
            .as_f64()
            .partial_cmp(&b["confidence"].as_f64())
            .unwrap()
    });
    let (weaker, stronger) = (&edits[0], &edits[1]);
    let (low, high) = (
        weaker["confidence"].as_f64().unwrap(),
        stronger["confidence"].as_f64().unwrap(),
    );
    assert!(low < high, "the two repairs differ in confidence");
    let threshold = format!("{}", (low + high) / 2.0);
    // The reviewer rejects the applied (stronger) repair and accepts the suggested one.
    let expected = DAMAGED.replace(
        weaker["before"].as_str().unwrap(),
        weaker["after"].as_str().unwrap(),
    );
    ocrmend()
        .args(["fix", "--quiet", "--threshold", &threshold])
        .arg(&page)
        .arg("-o")
        .arg(dir.path().join("draft.txt"))
        .arg("--html")
        .arg(&html)
        .assert()
        .success();
    let out = Command::new("node")
        .arg(here.join("review.mjs"))
        .arg(&html)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = dir.path().join("page.review.jsonl");
    fs::write(&exported, &out.stdout).unwrap();
    // The export says what the reviewer decided, edit by edit.
    let decided: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|r| (r["before"].to_string(), r["reviewed"].to_string()))
        .collect();
    assert!(decided.contains(&(stronger["before"].to_string(), "\"rejected\"".to_owned())));
    assert!(decided.contains(&(weaker["before"].to_string(), "\"accepted\"".to_owned())));
    ocrmend()
        .arg("apply")
        .arg(&page)
        .arg("--review")
        .arg(&exported)
        .assert()
        .success()
        .stdout(expected);
}
