//! `ocrmend fix` end to end on the bundled sample scan.

mod common;
use common::*;

fn fix_sample(dir: &std::path::Path) -> (String, String, String) {
    let w = fix_to_files(dir, &sample(), "out", &[], "");
    (w.text, w.diff, w.review)
}

fn count_words(text: &str, word: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| *w == word)
        .count()
}

/// The review records of a run with extra arguments.
fn records(dir: &std::path::Path, tag: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    fix_to_files(dir, &sample(), tag, extra, "")
        .review
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn corrects_known_damage_and_keeps_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = std::fs::read_to_string(sample()).unwrap();
    let (out, _, review) = fix_sample(dir.path());
    let records_at_default: Vec<serde_json::Value> = review
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every edit, however unsure (threshold 0): each named misreading gets the right repair
    // as its best reading.
    let every = records(dir.path(), "every", &["--threshold", "0"]);
    let mut applied = 0;
    for (bad, good) in [
        ("subrnarir.es", "submarines"),
        ("cstimated", "estimated"),
        ("Novcmber", "November"),
        ("previcus", "previous"),
        ("therzby", "thereby"),
        ("bccome", "become"),
        ("itshould", "it should"),
    ] {
        assert!(input.contains(bad), "the sample has {bad}");
        let r = every
            .iter()
            .find(|r| r["before"] == bad)
            .unwrap_or_else(|| panic!("{bad} was not found"));
        assert_eq!(r["after"], good, "{bad} got the wrong repair");
        // At the default threshold: applied when the calibrated confidence reaches it,
        // else offered to the reviewer or left alone.
        match records_at_default.iter().find(|r| r["before"] == bad) {
            Some(r) if r["accept"] == true => {
                applied += 1;
                assert!(!out.contains(bad), "{bad} is still in the output");
                assert!(
                    out.matches(good).count() > input.matches(good).count(),
                    "{good} was not written"
                );
            }
            _ => assert!(out.contains(bad), "an edit not accepted is not applied"),
        }
    }
    assert!(applied >= 5, "only {applied} of the named repairs applied");
    for name in [
        "Gorbachev",
        "Shevardnadze",
        "Nakasone",
        "Takeshita",
        "Primakov",
        "Habomai",
        "Shikotan",
        "Kunashiri",
        "Etorofu",
        "Okhotsk",
        "Tjumen",
    ] {
        assert!(count_words(&input, name) > 0, "the sample names {name}");
        assert_eq!(
            count_words(&out, name),
            count_words(&input, name),
            "{name} was changed"
        );
    }
    assert_eq!(
        out.lines().count(),
        input.lines().count(),
        "no line was lost or added"
    );
}

#[test]
fn diff_applies_with_gnu_patch() {
    let dir = tempfile::tempdir().unwrap();
    let (out, diff, _) = fix_sample(dir.path());
    assert!(diff.starts_with("--- a/"));
    let input = std::fs::read(sample()).unwrap();
    assert_eq!(
        gnu_patch(dir.path(), &input, diff.as_bytes()),
        out.as_bytes()
    );
}

#[test]
fn rejecting_every_edit_gives_the_input_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, review) = fix_sample(dir.path());
    assert!(review.lines().count() > 10);
    let got = apply_review(dir.path(), &sample(), &set_accept(&review, false));
    assert_eq!(got, std::fs::read(sample()).unwrap());
}

#[test]
fn the_review_file_as_written_reproduces_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, review) = fix_sample(dir.path());
    assert_eq!(apply_review(dir.path(), &sample(), &review), out.as_bytes());
    // Accepting the suggestions too makes more changes than the corrected text has.
    let all = apply_review(dir.path(), &sample(), &set_accept(&review, true));
    assert!(review.contains("\"accept\":false"));
    assert_ne!(all, out.as_bytes());
}

#[test]
fn review_file_lists_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, review) = fix_sample(dir.path());
    let input = std::fs::read_to_string(sample()).unwrap();
    let lines: Vec<&str> = input.split('\n').collect();
    for line in review.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "id",
            "file",
            "line",
            "col",
            "before",
            "after",
            "kind",
            "confidence",
            "reason",
            "alternatives",
            "accept",
        ] {
            assert!(v.get(key).is_some(), "missing {key} in {line}");
        }
        let (l, c) = (
            v["line"].as_u64().unwrap() as usize,
            v["col"].as_u64().unwrap() as usize,
        );
        let before = v["before"].as_str().unwrap();
        let at: String = lines[l - 1].chars().skip(c - 1).collect();
        let first_line = before.split('\n').next().unwrap();
        assert!(
            at.starts_with(first_line),
            "line/col of {line} do not point at `before`"
        );
        let conf = v["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&conf));
    }
}

/// The README's set-up section quotes the summary the first command prints: it stays what
/// the binary prints (a change to what `fix` does to the sample must update it).
#[test]
fn the_readme_quotes_the_summary_the_sample_run_prints() {
    let dir = tempfile::tempdir().unwrap();
    let out = ocrmend()
        .arg("fix")
        .arg(sample())
        .arg("-o")
        .arg(dir.path().join("corrected.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let summary = stderr
        .lines()
        .find_map(|l| l.strip_prefix("ocrmend: "))
        .expect("a summary line on stderr");
    assert!(summary.starts_with("1 file: "), "{summary}");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let flowing = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flowing.contains(&format!("`{summary}`")),
        "README.md does not quote the summary `{summary}`"
    );
}

/// `ocrmend check --format json` on the sample with extra arguments: its records.
fn checked(extra: &[&str]) -> Vec<serde_json::Value> {
    let out = ocrmend()
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(sample())
        .assert()
        .code(1);
    json_lines(&out)
}

#[test]
fn checks_threshold_cuts_the_report_and_changes_no_edit() {
    // What an edit is, wherever the report is cut.
    let key = |r: &serde_json::Value| {
        ["start", "end", "after", "confidence", "accept", "kind"].map(|f| r[f].to_string())
    };
    let default = checked(&[]);
    let low = checked(&["--threshold", "0.05"]);
    let high = checked(&["--threshold", "0.9"]);
    let low_keys: Vec<_> = low.iter().map(key).collect();
    for r in &default {
        assert!(low_keys.contains(&key(r)), "{r} is not reported the same");
    }
    // Below the floor, the readings the default drops are listed too.
    let below = low
        .iter()
        .filter(|r| r["confidence"].as_f64().unwrap() < 0.4)
        .count();
    assert!(below > 0 && low.len() == default.len() + below);
    // Above it, the report is only cut.
    let surest: Vec<_> = default
        .iter()
        .filter(|r| r["confidence"].as_f64().unwrap() >= 0.9)
        .map(key)
        .collect();
    assert!(!surest.is_empty());
    assert_eq!(high.iter().map(key).collect::<Vec<_>>(), surest);
    // The doubtful words whose readings the cut leaves out are listed as unresolved, beside
    // those the default lists.
    let unresolved = |records: Vec<serde_json::Value>| -> Vec<(u64, u64)> {
        records
            .iter()
            .filter(|r| r["kind"] == "unresolved")
            .map(|r| (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap()))
            .collect()
    };
    let listed = unresolved(checked(&["--unresolved"]));
    let listed_high = unresolved(checked(&["--unresolved", "--threshold", "0.9"]));
    let cut: Vec<(u64, u64)> = default
        .iter()
        .filter(|r| r["confidence"].as_f64().unwrap() < 0.9)
        .map(|r| (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap()))
        .collect();
    let added: Vec<_> = listed_high.iter().filter(|u| !listed.contains(u)).collect();
    assert!(listed.iter().all(|u| listed_high.contains(u)));
    assert!(!added.is_empty());
    for (start, end) in added {
        let covered = cut.iter().any(|&(s, e)| s < *end && *start < e);
        assert!(
            covered,
            "{start}..{end} is listed but no cut edit was there"
        );
    }
}
