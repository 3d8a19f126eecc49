//! The bad-input matrix: whatever a scanner folder holds, `ocrmend` ends in exit 0 with a
//! right result or exit 2 with a message naming the file, never panics, and never leaves a
//! partial output file behind.

mod common;
use common::*;
use predicates::prelude::*;
use std::fs;

const DAMAGED: &str = "The subrnarines were cstimated to be in the harbour.\n";

/// Asserts a run did not panic (Rust panics print this on stderr and exit 101).
fn no_panic(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101));
}

#[test]
fn whitespace_only_input_comes_back_unchanged() {
    let text = " \n\t\n\u{c}\r\n   ";
    let out = ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
    no_panic(out.get_output());
}

#[test]
fn mixed_line_endings_are_kept_byte_for_byte() {
    let text = "first line\r\nsecond line\nthird\rfourth\r\n";
    ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn utf16_with_a_bom_is_read_and_written_back_as_utf16() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in DAMAGED.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let out = ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(bytes)
        .assert()
        .success();
    let got = &out.get_output().stdout;
    assert_eq!(&got[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = got[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert!(String::from_utf16(&units).unwrap().contains("submarines"));
}

/// `text` through `ocrmend fix --threshold 0.5 -`, which must succeed without a panic: the
/// corrected text. The threshold is below any repair's confidence, whatever the calibration
/// of the day makes of the misreading: the point is that the text goes through the mender.
fn mended_leniently(text: &str) -> String {
    let out = ocrmend()
        .args(["fix", "--quiet", "--threshold", "0.5", "-"])
        .write_stdin(text.to_owned())
        .assert()
        .success();
    no_panic(out.get_output());
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn an_eight_megabyte_line_is_handled() {
    let line = "word ".repeat(1_600_000) + "subrnarines\n";
    let got = mended_leniently(&line);
    assert_eq!(got.len(), line.len() - 1);
    assert!(got.ends_with("submarines\n"));
}

#[test]
fn a_megabyte_with_no_space_comes_back_unchanged() {
    // One token of a million letters, then text with a misreading: the token is no word
    // and no run of words, so it is left alone; the rest is mended as ever.
    let text = "x".repeat(1_000_000) + "\n" + DAMAGED;
    let got = mended_leniently(&text);
    assert!(got.starts_with(&text[..1_000_001]));
    assert!(got.contains("submarines"));
}

#[test]
fn a_long_run_of_mixed_letters_comes_back_unchanged() {
    // Letters in no order (a line of garbage, a code run together) are each the start of
    // a spelling convention to undo; the run is left alone, in the memory of a page.
    let mut state = 0x2545_f491_u32;
    let letters: String = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from(b'a' + (state % 26) as u8)
        })
        .collect();
    let text = letters + "\n" + DAMAGED;
    let got = mended_leniently(&text);
    assert!(got.starts_with(&text[..20_001]));
    assert!(got.contains("submarines"));
}

#[test]
fn a_million_one_word_lines_are_handled() {
    let text = "harbour\n".repeat(1_000_000);
    ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn a_folder_with_binary_files_fixes_the_text_and_names_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("scans");
    fs::create_dir(&inputs).unwrap();
    fs::write(inputs.join("good.txt"), DAMAGED).unwrap();
    fs::write(inputs.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(inputs.join("scan.png"), b"\x89PNG\0\0").unwrap();
    let out_dir = dir.path().join("clean");
    let out = ocrmend()
        .args(["fix", "--quiet"])
        .arg(&inputs)
        .arg("--out-dir")
        .arg(&out_dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("image.txt"));
    no_panic(out.get_output());
    let fixed = fs::read_to_string(out_dir.join("good.txt")).unwrap();
    assert!(fixed.contains("submarines"));
    assert!(!out_dir.join("image.txt").exists());
    assert!(
        !out_dir.join("scan.png").exists(),
        "only *.txt files are read"
    );
}

#[test]
fn an_unwritable_output_path_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder").join("out.txt");
    ocrmend()
        .args(["fix", "--quiet", "-", "-o"])
        .arg(&target)
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder"))
        .stderr(predicate::str::contains("does not exist"))
        .stderr(predicate::str::contains(".ocrmend-").not());
    assert!(!target.exists());
    // A review file is an output like any other.
    ocrmend()
        .args(["fix", "--quiet", "-", "-o", "-", "--review"])
        .arg(&target)
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    // A file where the folder should be.
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    ocrmend()
        .args(["fix", "--quiet", "-", "-o"])
        .arg(file.join("out.txt"))
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a folder"));
}

#[test]
fn a_full_disk_is_exit_2_and_says_so() {
    if !std::path::Path::new("/dev/full").exists() {
        return; // not a Linux machine
    }
    let out = ocrmend()
        .args(["fix", "--quiet", "-", "-o", "/dev/full"])
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/full"));
    no_panic(out.get_output());
}

#[test]
fn a_directory_given_as_output_file_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    ocrmend()
        .args(["fix", "--quiet", "-", "-o"])
        .arg(dir.path())
        .write_stdin(DAMAGED)
        .assert()
        .code(2);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[test]
fn in_place_with_backup_keeps_the_original_and_the_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    fs::write(&path, DAMAGED).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    ocrmend()
        .args(["fix", "--quiet", "--in-place", "--backup", ".orig"])
        .arg(&path)
        .assert()
        .success();
    assert!(fs::read_to_string(&path).unwrap().contains("submarines"));
    assert_eq!(
        fs::read_to_string(dir.path().join("page.txt.orig")).unwrap(),
        DAMAGED
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // --backup without --in-place is a usage error.
    ocrmend()
        .args(["fix", "--backup", ".orig"])
        .arg(&path)
        .assert()
        .code(2);
}

#[test]
fn fix_is_idempotent_on_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let once = dir.path().join("once.txt");
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(sample())
        .arg("-o")
        .arg(&once)
        .assert()
        .success();
    let review = dir.path().join("again.jsonl");
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(&once)
        .arg("-o")
        .arg(dir.path().join("twice.txt"))
        .arg("--review")
        .arg(&review)
        .assert()
        .success();
    let applied: Vec<String> = fs::read_to_string(&review)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"accept\":true"))
        .map(str::to_owned)
        .collect();
    assert!(
        applied.is_empty(),
        "fixing the output again applied {applied:#?}"
    );
}
