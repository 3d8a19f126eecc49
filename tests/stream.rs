//! Streaming: one input is mended piece by piece, and the text, the diff and the review file
//! written as it goes agree with each other and with the input mended whole.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// A few megabytes of real OCR text: the sample, page after page, each copy a little
/// different so that the pieces are not all alike.
fn long_input() -> String {
    let sample = fs::read_to_string(sample()).unwrap();
    (0..48)
        .map(|i| format!("Copy {i}.\n\n{sample}\n\n"))
        .collect()
}

#[test]
fn a_long_input_streams_and_its_outputs_agree_with_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = long_input();
    assert!(input.len() > 2 * ocrmend::stream::PIECE_BYTES);
    let path = dir.path().join("long.txt");
    fs::write(&path, &input).unwrap();
    let streamed = fix_to_files(dir.path(), Path::new("-"), "streamed", &[], &input);
    // An HTML page needs the whole input, so this run reads it whole.
    let html = dir.path().join("page.html");
    let whole = fix_to_files(
        dir.path(),
        Path::new("-"),
        "whole",
        &["--html", html.to_str().unwrap()],
        &input,
    );
    let Written { text, diff, review } = streamed;
    assert_ne!(text, input, "the sample's errors were corrected");
    assert_eq!(text, whole.text);
    assert_eq!(diff, whole.diff);
    assert_eq!(review, whole.review);
    assert_eq!(
        gnu_patch(dir.path(), input.as_bytes(), diff.as_bytes()),
        text.as_bytes()
    );
    assert_eq!(apply_review(dir.path(), &path, &review), text.as_bytes());
    let rejected = apply_review(dir.path(), &path, &set_accept(&review, false));
    assert_eq!(rejected, input.as_bytes());
}

#[test]
fn apply_gives_one_text_however_it_reads_a_long_input_and_its_review_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = long_input();
    let path = dir.path().join("long.txt");
    fs::write(&path, &input).unwrap();
    let Written { text, review, .. } = fix_to_files(dir.path(), &path, "fixed", &[], "");
    let lines: Vec<&str> = review.lines().collect();
    assert!(lines.len() > 100, "{}", lines.len());
    // Records in text order are applied as the input is read; in another order (a reviewer
    // sorted them, here with Windows line ends and blank lines between), each is read again
    // from its place in the review file as the input reaches it: the same text either way.
    let reversed: String = lines.iter().rev().map(|l| format!("{l}\r\n\r\n")).collect();
    assert_eq!(apply_review(dir.path(), &path, &review), text.as_bytes());
    assert_eq!(apply_review(dir.path(), &path, &reversed), text.as_bytes());
    // The input read from standard input.
    let jsonl = dir.path().join("r.jsonl");
    fs::write(&jsonl, &review).unwrap();
    ocrmend()
        .args(["apply", "-", "--review"])
        .arg(&jsonl)
        .write_stdin(input.clone())
        .assert()
        .success()
        .stdout(text.clone());
    // A record that no longer matches, far past the first piece, stops the run and leaves
    // the output file as it was.
    let last = lines.len() - 1;
    let stale: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| match i == last {
            true => format!("{}\n", l.replacen("\"before\":\"", "\"before\":\"#", 1)),
            false => format!("{l}\n"),
        })
        .collect();
    fs::write(&jsonl, stale).unwrap();
    let out = dir.path().join("out.txt");
    fs::write(&out, "kept").unwrap();
    let result = ocrmend()
        .arg("apply")
        .arg(&path)
        .arg("--review")
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("does not match the input"), "{stderr}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "kept");
}

#[test]
fn check_streams_a_long_input_and_lists_what_fix_decides() {
    let dir = tempfile::tempdir().unwrap();
    let input = long_input();
    let streamed = fix_to_files(dir.path(), Path::new("-"), "fixed", &[], &input);
    let checked = ocrmend()
        .args(["check", "--format", "json", "-"])
        .write_stdin(input.clone())
        .assert()
        .code(1);
    // The same edits, places and confidences, piece after piece.
    let checked = String::from_utf8(checked.get_output().stdout.clone()).unwrap();
    assert_eq!(checked, streamed.review);
    // The unresolved words of later pieces are placed in the whole input.
    let listed = ocrmend()
        .args(["check", "--unresolved", "--format", "json", "-"])
        .write_stdin(input.clone())
        .assert()
        .code(1);
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    let last: serde_json::Value = listed
        .lines()
        .rev()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["kind"] == "unresolved")
        .expect("the sample has words it cannot read");
    let (start, end) = (
        last["start"].as_u64().unwrap() as usize,
        last["end"].as_u64().unwrap() as usize,
    );
    assert!(start > 2 * ocrmend::stream::PIECE_BYTES);
    assert_eq!(input[start..end], *last["before"].as_str().unwrap());
    let line = input[..start].matches('\n').count() + 1;
    assert_eq!(last["line"].as_u64().unwrap() as usize, line);
}

#[test]
fn dict_learn_counts_every_piece_of_a_long_input() {
    // The words the sample proves, with their counts in one copy.
    let learned = |stdin: String| -> Vec<(String, usize)> {
        let out = ocrmend()
            .args(["dict", "learn", "-"])
            .write_stdin(stdin)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let (word, count) = l.split_once('\t').unwrap();
                (word.to_owned(), count.parse().unwrap())
            })
            .collect()
    };
    let once = learned(fs::read_to_string(sample()).unwrap());
    assert!(!once.is_empty());
    let input = long_input();
    assert!(input.len() > 2 * ocrmend::stream::PIECE_BYTES);
    let all = learned(input);
    // Read a piece at a time, every copy is counted.
    for (word, count) in &once {
        let found = all.iter().find(|(w, _)| w == word);
        assert_eq!(found.map(|(_, n)| *n), Some(48 * count), "{word}");
    }
}

#[test]
fn bad_bytes_past_the_head_stop_the_run_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let line = "The harbour was quiet in the morning and the boats were out.\n";
    let mut input = line
        .repeat(ocrmend::stream::HEAD_BYTES / line.len() + 1000)
        .into_bytes();
    input.extend_from_slice(b"caf\xe9 au lait\n");
    let out = dir.path().join("out.txt");
    let result = ocrmend()
        .args(["fix", "--quiet", "-", "-o"])
        .arg(&out)
        .write_stdin(input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("--encoding"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_batch_is_written_group_by_group_and_its_outputs_agree() {
    let dir = tempfile::tempdir().unwrap();
    let scans = dir.path().join("scans");
    fs::create_dir(&scans).unwrap();
    let sample = fs::read_to_string(sample()).unwrap();
    // More text than one group, in many files.
    let copies = ocrmend::stream::PIECE_BYTES / sample.len() + 4;
    for i in 0..copies {
        fs::write(
            scans.join(format!("page{i:03}.txt")),
            format!("Page {i}.\n\n{sample}"),
        )
        .unwrap();
    }
    let all = dir.path().join("all.txt");
    let review = dir.path().join("all.jsonl");
    let pages = dir.path().join("pages");
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(&scans)
        .arg("-o")
        .arg(&all)
        .arg("--review")
        .arg(&review)
        .arg("--html")
        .arg(&pages)
        .assert()
        .success();
    let out = dir.path().join("out");
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(&scans)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    let joined: String = (0..copies)
        .map(|i| fs::read_to_string(out.join(format!("page{i:03}.txt"))).unwrap())
        .collect();
    assert_eq!(fs::read_to_string(&all).unwrap(), joined);
    let ids: Vec<u64> = fs::read_to_string(&review)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(ids.len() > copies);
    assert!(
        ids.iter().zip(1..).all(|(&id, n)| id == n),
        "ids run on across files"
    );
    let index = fs::read_to_string(pages.join("index.html")).unwrap();
    for i in 0..copies {
        let page = fs::read_dir(&pages)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|f| f.ends_with(&format!("page{i:03}.txt.html")))
            .expect("a page per input");
        assert!(index.contains(&page));
    }
}
