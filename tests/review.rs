//! `ocrmend review` on a real pseudo-terminal (through util-linux `script`), answering as a
//! reviewer would; every answer lands in the review file, which `apply` then follows.

mod common;
use common::*;
use predicates::prelude::*;
use std::fs;
use std::process::{Command, Stdio};

const DAMAGED: &str = "The subrnarines were cstimated to be in the harbour.\n";

/// Runs `ocrmend ARGS` on a pseudo-terminal with `keys` typed; returns what it printed.
fn on_terminal(args: &str, keys: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("ocrmend");
    let mut child = Command::new("script")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs (apt-get install bsdutils)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(keys.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn prepare(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let page = dir.join("page.txt");
    let review = dir.join("page.jsonl");
    fs::write(&page, DAMAGED).unwrap();
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(&page)
        .arg("-o")
        .arg(dir.join("draft.txt"))
        .arg("--review")
        .arg(&review)
        .assert()
        .success();
    (page, review)
}

#[test]
fn answers_on_the_terminal_are_saved_and_apply_follows_them() {
    let dir = tempfile::tempdir().unwrap();
    let (page, review) = prepare(dir.path());
    let shown = on_terminal(
        &format!("review {} --review {}", page.display(), review.display()),
        "n\ne\nESTIMATED\n",
    );
    assert!(
        shown.contains("(1/2) line 1: The [subrnarines] were"),
        "{shown}"
    );
    assert!(shown.contains("1 of 2 edits accepted"), "{shown}");
    ocrmend()
        .arg("apply")
        .arg(&page)
        .arg("--review")
        .arg(&review)
        .assert()
        .success()
        .stdout("The subrnarines were ESTIMATED to be in the harbour.\n");
    // The file says what the reviewer decided: the first edit rejected, the second replaced.
    let records: Vec<serde_json::Value> = fs::read_to_string(&review)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["reviewed"], "rejected");
    assert_eq!(records[1]["reviewed"], "replaced");
    // Those decisions adapt the calibration: both proposals were wrong by the reviewer.
    let adapted = dir.path().join("adapted.tsv");
    ocrmend()
        .args(["calibrate", "--adapt", "--reviewed"])
        .arg(&review)
        .arg("-o")
        .arg(&adapted)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "adapted on 2 reviewed edits (0 right as proposed)",
        ));
    let table = fs::read_to_string(&adapted).unwrap();
    assert!(table.lines().any(|l| l.starts_with("base\t")));
    ocrmend()
        .args(["fix", "--quiet", "--calibration"])
        .arg(&adapted)
        .arg(&page)
        .assert()
        .success();
}

#[test]
fn quitting_keeps_what_was_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (page, review) = prepare(dir.path());
    on_terminal(
        &format!("review {} --review {}", page.display(), review.display()),
        "n\nq\n",
    );
    let records: Vec<serde_json::Value> = fs::read_to_string(&review)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["accept"], false, "the answer before q was saved");
    assert_eq!(records[1]["after"], "estimated", "the rest is as it was");
    assert!(
        records[1].get("reviewed").is_none(),
        "and not marked reviewed"
    );
    // Without its one decided edit, the file has nothing to adapt a calibration to.
    let untouched = dir.path().join("untouched.jsonl");
    fs::write(
        &untouched,
        fs::read_to_string(&review)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    )
    .unwrap();
    ocrmend()
        .args(["calibrate", "--adapt", "--reviewed"])
        .arg(&untouched)
        .arg("-o")
        .arg(dir.path().join("unused.tsv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "go through some with `ocrmend review`",
        ));
}

#[test]
fn review_refuses_when_not_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (page, review) = prepare(dir.path());
    ocrmend()
        .arg("review")
        .arg(&page)
        .arg("--review")
        .arg(&review)
        .write_stdin("y\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not one"));
}
