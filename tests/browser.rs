//! The HTML review page in real headless Chromium: a reviewer rejects an applied edit
//! (keyboard), accepts a suggestion (mouse) and exports; `ocrmend apply` on the export gives
//! exactly that text. Needs `chromium` and `npm ci --prefix tests/browser` (`.ci/run` does
//! both).

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

const DAMAGED: &str = "The subrnarines were cstimated to be in the harbour.\n";

#[test]
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
    // At 0.95 the weaker repair is a suggestion and the stronger one applied.
    ocrmend()
        .args(["fix", "--quiet", "--threshold", "0.95"])
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
    ocrmend()
        .arg("apply")
        .arg(&page)
        .arg("--review")
        .arg(&exported)
        .assert()
        .success()
        .stdout("The submarines were cstimated to be in the harbour.\n");
}
