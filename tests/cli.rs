//! The command line: inputs and outputs, review workflow, exit codes, bad input.

mod common;
use common::*;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const DAMAGED: &str = "The subrnarines were cstimated to be in the harbour.\n";
const MENDED: &str = "The submarines were estimated to be in the harbour.\n";

/// Runs `ocrmend CMD PAGE --review REVIEW`.
fn with_review(
    cmd: &str,
    page: &std::path::Path,
    review: &std::path::Path,
) -> assert_cmd::assert::Assert {
    with_review_and(cmd, page, review, &[])
}

/// Runs `ocrmend CMD PAGE --review REVIEW EXTRA...`.
fn with_review_and(
    cmd: &str,
    page: &std::path::Path,
    review: &std::path::Path,
    extra: &[&str],
) -> assert_cmd::assert::Assert {
    ocrmend()
        .arg(cmd)
        .arg(page)
        .arg("--review")
        .arg(review)
        .args(extra)
        .assert()
}

/// Runs `ocrmend fix --quiet INPUTS --out-dir OUT --review REVIEW` with `extra`, which must
/// succeed.
fn fix_folder(inputs: &Path, out: &Path, review: &Path, extra: &[&str]) {
    ocrmend()
        .args(["fix", "--quiet"])
        .args(extra)
        .arg(inputs)
        .arg("--out-dir")
        .arg(out)
        .arg("--review")
        .arg(review)
        .assert()
        .success();
}

/// Runs `ocrmend fix INPUT --out-dir OUT`.
fn fix_into(input: &Path, out: &Path) -> assert_cmd::assert::Assert {
    ocrmend()
        .arg("fix")
        .arg(input)
        .arg("--out-dir")
        .arg(out)
        .assert()
}

#[test]
fn stdin_to_stdout_with_summary_on_stderr() {
    ocrmend()
        .args(["fix", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .success()
        .stdout(MENDED)
        .stderr(predicate::str::contains("2 edits applied"));
}

#[test]
fn quiet_prints_nothing_on_stderr() {
    ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .success()
        .stderr("");
}

#[test]
fn empty_input_gives_empty_output() {
    ocrmend()
        .args(["fix", "-"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn crlf_and_form_feeds_are_kept_exactly() {
    let input = "The mernbers of the board\r\nwere cstimated.\x0c\r\nNext page\r\n";
    ocrmend()
        .args(["fix", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout("The members of the board\r\nwere estimated.\x0c\r\nNext page\r\n");
}

#[test]
fn binary_input_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.txt");
    fs::write(&path, b"PK\x03\x04\x00\x00binary").unwrap();
    ocrmend()
        .arg("fix")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("scan.txt").and(predicate::str::contains("binary")));
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_and_written_back_so() {
    let mut input = b"caf\xe9 subrnarines \x93quoted\x94 text\n".to_vec();
    let out = ocrmend()
        .args(["fix", "-"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("Windows-1252"))
        .get_output()
        .stdout
        .clone();
    input = input
        .windows(12)
        .position(|w| w == b"subrnarines ")
        .map(|i| {
            let mut v = input[..i].to_vec();
            v.extend_from_slice(b"submarines ");
            v.extend_from_slice(&input[i + 12..]);
            v
        })
        .unwrap();
    assert_eq!(out, input);
}

#[test]
fn declared_encoding_that_does_not_fit_is_an_error() {
    ocrmend()
        .args(["fix", "--encoding", "utf-8", "-"])
        .write_stdin(b"caf\xe9\n".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn missing_file_is_exit_2_and_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, DAMAGED).unwrap();
    ocrmend()
        .arg("fix")
        .arg(dir.path().join("missing.txt"))
        .arg(&good)
        .assert()
        .code(2)
        .stdout(MENDED)
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn bad_arguments_are_exit_2() {
    ocrmend()
        .args(["fix", "--threshold", "7", "-"])
        .assert()
        .code(2);
    ocrmend().args(["frobnicate"]).assert().code(2);
}

#[test]
fn folders_are_walked_into_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("a.txt"), DAMAGED).unwrap();
    fs::write(input.join("sub/b.txt"), "Nothing to mend here.\n").unwrap();
    fs::write(input.join("skip.pdf"), b"%PDF\x00").unwrap();
    // Hidden files and folders: a Mac's AppleDouble file beside each file, a repository.
    fs::write(input.join("._a.txt"), b"\x00\x05\x16\x07\x00\x02").unwrap();
    fs::create_dir_all(input.join(".git")).unwrap();
    fs::write(input.join(".git/notes.txt"), DAMAGED).unwrap();
    let out = dir.path().join("out");
    fix_into(&input, &out)
        .success()
        .stdout("")
        .stderr(predicate::str::contains("2 files"));
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), MENDED);
    assert_eq!(
        fs::read_to_string(out.join("sub/b.txt")).unwrap(),
        "Nothing to mend here.\n"
    );
    assert!(!out.join("skip.pdf").exists());
    assert!(!out.join("._a.txt").exists() && !out.join(".git").exists());
}

#[test]
fn an_output_folder_inside_the_input_folder_is_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pages");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.txt"), DAMAGED).unwrap();
    let out = input.join("mended");
    for _ in 0..2 {
        fix_into(&input, &out)
            .success()
            .stderr(predicate::str::contains("1 file:"));
    }
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), MENDED);
    assert!(!out.join("mended").exists());
}

#[test]
fn an_unreadable_subfolder_is_a_failure_and_the_rest_is_mended() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("a_locked")).unwrap();
    fs::create_dir_all(input.join("b")).unwrap();
    fs::write(input.join("a_locked/x.txt"), DAMAGED).unwrap();
    fs::write(input.join("b/y.txt"), DAMAGED).unwrap();
    let locked = input.join("a_locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&locked).is_ok() {
        // Run by root (or with CAP_DAC_READ_SEARCH): no folder is unreadable to it.
        eprintln!("skipped: this user reads a folder of mode 000");
        return;
    }
    let out = dir.path().join("out");
    fix_into(&input, &out)
        .code(2)
        .stderr(
            predicate::str::contains("cannot read folder")
                .and(predicate::str::contains("a_locked")),
        )
        .stderr(predicate::str::contains("holds no").not());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(fs::read_to_string(out.join("b/y.txt")).unwrap(), MENDED);
}

#[test]
fn in_place_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    fs::write(&path, DAMAGED).unwrap();
    ocrmend()
        .arg("fix")
        .arg("--in-place")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&path).unwrap(), MENDED);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn input_is_never_changed_without_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    fs::write(&path, DAMAGED).unwrap();
    ocrmend()
        .arg("fix")
        .arg(&path)
        .assert()
        .success()
        .stdout(MENDED);
    assert_eq!(fs::read_to_string(&path).unwrap(), DAMAGED);
}

#[test]
fn a_user_dictionary_word_is_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("names.txt");
    let text = "The subrnarines left cstimated ports.\n";
    // Without the dictionary `cstimated` is corrected; with it, it is a word, whatever the
    // threshold (a low one here: this is about the dictionary, not the confidence).
    ocrmend()
        .args(["fix", "--threshold", "0.5", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("estimated ports"));
    // As written by hand, and as Notepad saves it (a byte-order mark, CRLF).
    for list in [
        "# the user's own words\ncstimated\n",
        "\u{feff}cstimated\r\n# the user's own words\r\n",
    ] {
        fs::write(&dict, list).unwrap();
        ocrmend()
            .args(["fix", "--threshold", "0.5", "--dict"])
            .arg(&dict)
            .arg("-")
            .write_stdin(text)
            .assert()
            .success()
            .stdout("The submarines left cstimated ports.\n");
    }
}

#[test]
fn a_text_given_as_a_dictionary_is_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("notes.txt");
    let warned = |list: &str, warning: bool| {
        fs::write(&dict, list).unwrap();
        let said = predicate::str::contains("lines hold several words");
        ocrmend()
            .args(["check", "--dict"])
            .arg(&dict)
            .arg("-")
            .write_stdin("The end.\n")
            .assert()
            .success()
            .stderr(if warning {
                said.boxed()
            } else {
                said.not().boxed()
            });
    };
    warned(
        "The first line of a page\nand the second\nthe third one\nand a fourth\n",
        true,
    );
    warned("Habomai\nShikotan\nKunashir islands\n", false);
}

#[test]
fn threshold_one_applies_nothing_but_suggests() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.jsonl");
    ocrmend()
        .args(["fix", "--threshold", "1", "-", "--review"])
        .arg(&review)
        .write_stdin("The subrnarir.es were there.\n")
        .assert()
        .success()
        .stdout("The subrnarir.es were there.\n");
    let r = fs::read_to_string(review).unwrap();
    assert!(r.contains("\"after\":\"submarines\"") && r.contains("\"accept\":false"));
}

#[test]
fn apply_refuses_a_stale_review_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let review = dir.path().join("r.jsonl");
    fs::write(&page, DAMAGED).unwrap();
    with_review("fix", &page, &review).success();
    // The input changed since the review.
    fs::write(&page, format!("New first line.\n{DAMAGED}")).unwrap();
    with_review("apply", &page, &review)
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("edit 1").and(predicate::str::contains("does not match")));
    // A reviewer edited `before`.
    fs::write(&page, DAMAGED).unwrap();
    let edited = fs::read_to_string(&review)
        .unwrap()
        .replace("subrnarines", "subrnarinex");
    fs::write(&review, edited).unwrap();
    with_review("apply", &page, &review)
        .code(2)
        .stderr(predicate::str::contains("subrnarinex"));
}

#[test]
fn no_output_is_written_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(&page, DAMAGED).unwrap();
    // The review file, the diff or the text named as the input, or --out-dir its own folder:
    // refused before anything is written, the input kept.
    let folder = dir.path().to_str().unwrap();
    let named = page.to_str().unwrap();
    for (option, value) in [
        ("--review", named),
        ("--diff", named),
        ("-o", named),
        ("--out-dir", folder),
    ] {
        ocrmend()
            .arg("fix")
            .arg(&page)
            .args([option, value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("use --in-place"));
        assert_eq!(fs::read_to_string(&page).unwrap(), DAMAGED, "{option}");
    }
    // Two outputs named alike; `apply` writing over the review file it reads.
    let review = dir.path().join("r.jsonl");
    with_review_and("fix", &page, &review, &["--diff", review.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("name the same file"));
    with_review("fix", &page, &review).success();
    let reviewed = fs::read(&review).unwrap();
    with_review_and("apply", &page, &review, &["-o", review.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("the --review file it reads"));
    assert_eq!(fs::read(&review).unwrap(), reviewed);
    // Two inputs of one name, from two folders, would be written to one file.
    let twins: Vec<PathBuf> = ["a", "b"]
        .iter()
        .map(|sub| {
            fs::create_dir(dir.path().join(sub)).unwrap();
            let twin = dir.path().join(sub).join("x.txt");
            fs::write(&twin, DAMAGED).unwrap();
            twin
        })
        .collect();
    let out = dir.path().join("out");
    for cmd in ["fix", "apply"] {
        ocrmend()
            .arg(cmd)
            .args(&twins)
            .args(["--review".as_ref(), review.as_os_str()])
            .args(["--out-dir".as_ref(), out.as_os_str()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("would both be written to x.txt"));
        assert!(!out.exists(), "{cmd}");
    }
}

#[test]
fn a_folder_with_no_text_file_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), DAMAGED).unwrap();
    ocrmend()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("holds no *.txt file"));
}

#[test]
fn apply_takes_a_reviewers_own_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let review = dir.path().join("r.jsonl");
    fs::write(&page, DAMAGED).unwrap();
    with_review("fix", &page, &review).success();
    let edited = fs::read_to_string(&review)
        .unwrap()
        .replace("\"after\":\"estimated\"", "\"after\":\"ESTIMATED\"");
    fs::write(&review, edited).unwrap();
    with_review("apply", &page, &review)
        .success()
        .stdout("The submarines were ESTIMATED to be in the harbour.\n");
}

#[test]
fn malformed_review_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let review = dir.path().join("r.jsonl");
    fs::write(&page, DAMAGED).unwrap();
    fs::write(&review, "{\"id\": 1}\n").unwrap();
    with_review("apply", &page, &review)
        .code(2)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn train_makes_a_model_that_fix_uses() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    for i in 0..4 {
        fs::write(
            pages.join(format!("p{i}.ocr.txt")),
            "tlie rnan saw tlie ship\n",
        )
        .unwrap();
        fs::write(pages.join(format!("p{i}.gt.txt")), "the man saw the ship\n").unwrap();
    }
    let model = dir.path().join("model.tsv");
    ocrmend()
        .arg("train")
        .arg("--ocr")
        .arg(&pages)
        .arg("--gt")
        .arg(&pages)
        .arg("-o")
        .arg(&model)
        .assert()
        .success()
        .stderr(predicate::str::contains("4 pages").and(predicate::str::contains("warning").not()));
    let table = fs::read_to_string(&model).unwrap();
    assert!(table.lines().any(|l| l.starts_with("h\tli\t")), "{table}");
    // The learned `m` for `rn` mends `rnernbers` (at a low threshold: this is about the
    // model being used, not about the confidence of a one-line page).
    ocrmend()
        .args(["fix", "--threshold", "0.5", "--model"])
        .arg(&model)
        .arg("-")
        .write_stdin("the rnernbers were cxpected\n")
        .assert()
        .success()
        .stdout("the members were expected\n");
    fs::write(&model, "m\trn\tnot-a-number\n").unwrap();
    ocrmend()
        .arg("fix")
        .arg("--model")
        .arg(&model)
        .arg("-")
        .write_stdin("x\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn train_names_the_pages_it_leaves_out_and_a_page_unlike_its_truth() {
    let dir = tempfile::tempdir().unwrap();
    let (ocr, gt) = (dir.path().join("ocr"), dir.path().join("gt"));
    fs::create_dir(&ocr).unwrap();
    fs::create_dir(&gt).unwrap();
    let page = |words: &str| format!("{}\n", [words; 6].join(" "));
    // `a` is paired with the truth of another page; `b` has no truth, `c` no OCR text.
    fs::write(ocr.join("a.txt"), page("tlie rnan saw tlie ship at sea")).unwrap();
    fs::write(gt.join("a.txt"), page("a cold wind blew over every hill")).unwrap();
    fs::write(ocr.join("b.txt"), "tlie rnan\n").unwrap();
    fs::write(gt.join("c.txt"), "the man\n").unwrap();
    // Hidden files (a Mac's AppleDouble files) are no pages.
    for side in [&ocr, &gt] {
        fs::write(side.join("._a.txt"), b"\x00\x05\x16\x07").unwrap();
    }
    ocrmend()
        .arg("train")
        .arg("--ocr")
        .arg(&ocr)
        .arg("--gt")
        .arg(&gt)
        .arg("-o")
        .arg(dir.path().join("m.tsv"))
        .assert()
        .success()
        .stderr(
            predicate::str::is_match("want of a ground truth[^\n]*b\\.txt\n")
                .unwrap()
                .and(predicate::str::is_match("want of an OCR text[^\n]*c\\.txt\n").unwrap())
                .and(predicate::str::is_match("few words[^\n]*a\\.txt\n").unwrap())
                .and(predicate::str::contains("trained on 1 page:")),
        );
}

#[test]
fn train_without_pairs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    ocrmend()
        .arg("train")
        .arg("--ocr")
        .arg(dir.path())
        .arg("--gt")
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("m.tsv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ground truth"));
}

#[cfg(unix)]
#[test]
fn writing_to_a_device_writes_through_it() {
    // `-o /dev/null` must not rename a temporary file over the device.
    ocrmend()
        .args(["fix", "-", "-o", "/dev/null", "--diff", "/dev/null"])
        .write_stdin(DAMAGED)
        .assert()
        .success();
    let meta = fs::metadata("/dev/null").unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    // A full device reports the error instead of losing it.
    ocrmend()
        .args(["fix", "-", "-o", "/dev/full"])
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/full"));
}

#[test]
fn dict_list_names_every_domain_with_its_size() {
    let out = ocrmend().args(["dict", "list"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for name in ["names", "international-relations", "historical"] {
        let line = text.lines().find(|l| l.starts_with(name)).unwrap();
        let size: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(size > 1000, "{line}");
    }
}

#[test]
fn dict_learn_writes_the_repeated_names_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("learned.txt");
    ocrmend()
        .args(["dict", "learn"])
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let learned = fs::read_to_string(&out).unwrap();
    let entries: Vec<(&str, u32)> = learned
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (w, n) = l.split_once('\t').unwrap();
            (w, n.parse().unwrap())
        })
        .collect();
    assert!(entries.iter().any(|&(w, n)| w == "Takeshita" && n >= 3));
    assert!(entries.iter().all(|&(_, n)| n >= 3));
    // The learned list works as a user dictionary: a learned name in a line of its own, no
    // longer repeated, is a suspect without the list and a known word with it.
    let line = dir.path().join("line.txt");
    fs::write(&line, "The talks with Takeshita ended in Tokyo.\n").unwrap();
    let check = |dict: Option<&std::path::Path>| {
        let mut c = ocrmend();
        c.args(["check", "--threshold", "0"]);
        if let Some(dict) = dict {
            c.arg("--dict").arg(dict);
        }
        c.arg(&line).output().unwrap()
    };
    let without = check(None);
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stdout).contains("Takeshita"));
    let with = check(Some(&out));
    assert_eq!(with.status.code(), Some(0));
    assert!(
        with.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&with.stdout)
    );
}

#[test]
fn an_unknown_domain_is_a_usage_error_listing_the_domains() {
    ocrmend()
        .args(["fix", "--domain", "astrology", "-"])
        .write_stdin("text\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("international-relations"));
}

#[test]
fn a_hunspell_dic_without_its_aff_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("en_XX.dic");
    fs::write(&dic, "1\nwug/S\n").unwrap();
    ocrmend()
        .args(["fix", "--dict"])
        .arg(&dic)
        .arg("-")
        .write_stdin("text\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("en_XX.aff"));
}

#[test]
fn a_domain_is_selected_on_the_command_line() {
    let text = "The guns opened the counterpreparation before dawn.\n";
    ocrmend()
        .args(["fix", "--quiet", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("counterpreparation").not());
    ocrmend()
        .args(["fix", "--quiet", "--domain", "international-relations", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn check_reports_suspects_as_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(&page, format!("A clean first line.\n{DAMAGED}")).unwrap();
    let out = ocrmend().arg("check").arg(&page).assert().code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let first = text.lines().next().unwrap();
    let expected = format!("{}:2:5: subrnarines -> submarines (", page.display());
    assert!(first.starts_with(&expected), "{first}");
    assert_eq!(text.lines().count(), 2, "{text}");
    // The input is not touched.
    assert_eq!(
        fs::read_to_string(&page).unwrap(),
        format!("A clean first line.\n{DAMAGED}")
    );
    // A space closed up shows as one.
    let out = ocrmend()
        .args(["check", "-"])
        .write_stdin("The prisoner said, \" You must go home.\"\n")
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("-:1:21: \" \" -> \"\" ("), "{text}");
}

#[test]
fn check_exits_0_on_clean_text_and_speaks_json() {
    ocrmend()
        .args(["check", "-"])
        .write_stdin("The submarines were in the harbour.\n")
        .assert()
        .code(0)
        .stdout("");
    let out = ocrmend()
        .args(["check", "--format", "json", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .code(1);
    let records = json_lines(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["before"], "subrnarines");
    assert_eq!(records[0]["line"], 1);
}

#[test]
fn check_lists_the_suspects_it_has_no_reading_for_only_when_asked() {
    let text = "The qzxwvb of the rnountains stood there.\n";
    // Without --unresolved, only the edit.
    let out = ocrmend()
        .args(["check", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let lines = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(
        lines.starts_with("-:1:19: rnountains -> mountains ("),
        "{lines}"
    );
    // With it, the word with no reading too, in text order.
    let out = ocrmend()
        .args(["check", "--unresolved", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let lines = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = lines.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], "-:1:5: qzxwvb (unresolved)");
    assert!(lines[1].starts_with("-:1:19: rnountains -> mountains ("));
    // In JSON, a record of its own kind.
    let out = ocrmend()
        .args(["check", "--unresolved", "--format", "json", "-"])
        .write_stdin("Only qzxwvb here.\n")
        .assert()
        .code(1);
    let record: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("one JSON record");
    assert_eq!(record["kind"], "unresolved");
    assert_eq!(record["before"], "qzxwvb");
    assert_eq!(
        (record["start"].as_u64(), record["end"].as_u64()),
        (Some(5), Some(11))
    );
    // Known words, numbers and addresses leave nothing to list.
    ocrmend()
        .args(["check", "--unresolved", "-"])
        .write_stdin("The cost was 1,250 in 1986, the U.S. said at www.example.com today.\n")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn check_over_a_folder_lists_each_file_in_turn_with_ids_running_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The qzxwvb of the rnountains.\n").unwrap();
    fs::write(dir.path().join("b.txt"), "Clean words only here.\n").unwrap();
    fs::write(dir.path().join("c.txt"), "Here tbe end and zqxvbnt.\n").unwrap();
    let out = ocrmend()
        .args(["check", "--unresolved", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let records = json_lines(&out);
    let seen: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let name = std::path::Path::new(file).file_name().unwrap();
            (
                name.to_string_lossy().into_owned(),
                r["before"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("a.txt", "qzxwvb"),
        ("a.txt", "rnountains"),
        ("c.txt", "tbe"),
        ("c.txt", "zqxvbnt"),
    ]
    .map(|(f, w)| (f.to_owned(), w.to_owned()));
    assert_eq!(seen, expected);
    // The edits' ids run on from file to file, as a review file's do.
    let ids: Vec<u64> = records.iter().filter_map(|r| r["id"].as_u64()).collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn apply_takes_each_input_its_own_records_from_a_batch_review_file() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(pages.join("a.txt"), "The tbe end.\n").unwrap();
    fs::write(pages.join("b.txt"), "One rnountain here.\n").unwrap();
    let (out, review) = (dir.path().join("out"), dir.path().join("all.jsonl"));
    fix_folder(&pages, &out, &review, &["--threshold", "0.3"]);
    for name in ["a.txt", "b.txt"] {
        let applied = with_review("apply", &pages.join(name), &review).success();
        let expected = fs::read_to_string(out.join(name)).unwrap();
        assert_ne!(expected, fs::read_to_string(pages.join(name)).unwrap());
        assert_eq!(
            String::from_utf8(applied.get_output().stdout.clone()).unwrap(),
            expected
        );
    }
}

#[test]
fn apply_over_a_folder_writes_each_input_as_fix_out_dir_does() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir_all(pages.join("sub")).unwrap();
    fs::write(pages.join("a.txt"), "The tbe end.\nAnd tbe rest.\n").unwrap();
    fs::write(pages.join("sub/b.txt"), "One rnountain here.\n").unwrap();
    fs::write(pages.join("clean.txt"), "Nothing to mend here.\r\n").unwrap();
    let (fixed, review) = (dir.path().join("fixed"), dir.path().join("all.jsonl"));
    fix_folder(&pages, &fixed, &review, &["--threshold", "0.3"]);
    let jsonl = fs::read_to_string(&review).unwrap();
    let apply = |review: &Path, out: &str| {
        let out = dir.path().join(out);
        with_review_and(
            "apply",
            &pages,
            review,
            &["--out-dir", out.to_str().unwrap()],
        )
    };
    // Records as fix wrote them (applied as each input is read); each input's records
    // together but the inputs in another order, as review files exported page by page and
    // joined would be; and reversed (each record read again from its place, in text order):
    // each input's text as fix wrote it, the clean one as it was.
    let reversed = dir.path().join("reversed.jsonl");
    let lines: Vec<&str> = jsonl.lines().rev().collect();
    fs::write(&reversed, lines.join("\n")).unwrap();
    let joined = dir.path().join("joined.jsonl");
    let of = |name: &str| -> Vec<&str> {
        let tail = format!("{name}\",");
        jsonl.lines().filter(|l| l.contains(&tail)).collect()
    };
    let pages_joined = [of("sub/b.txt"), of("a.txt")].concat();
    assert_eq!(pages_joined.len(), lines.len());
    fs::write(&joined, pages_joined.join("\n")).unwrap();
    let runs = [
        (&review, "applied"),
        (&joined, "applied-joined"),
        (&reversed, "applied-reversed"),
    ];
    for (file, out) in runs {
        apply(file, out).success();
        for name in ["a.txt", "sub/b.txt", "clean.txt"] {
            let made = fs::read(dir.path().join(out).join(name)).unwrap();
            assert_eq!(made, fs::read(fixed.join(name)).unwrap(), "{out}/{name}");
        }
    }
    assert_ne!(
        fs::read(fixed.join("a.txt")).unwrap(),
        fs::read(pages.join("a.txt")).unwrap()
    );
    // Every edit rejected: the inputs back, byte for byte.
    let rejected = dir.path().join("rejected.jsonl");
    fs::write(&rejected, set_accept(&jsonl, false)).unwrap();
    apply(&rejected, "rejected").success();
    for name in ["a.txt", "sub/b.txt", "clean.txt"] {
        let made = fs::read(dir.path().join("rejected").join(name)).unwrap();
        assert_eq!(made, fs::read(pages.join(name)).unwrap(), "{name}");
    }
    // A folder needs --out-dir; inputs named otherwise than to fix are refused.
    with_review("apply", &pages, &review)
        .code(2)
        .stderr(predicate::str::contains("--out-dir"));
    ocrmend()
        .current_dir(&pages)
        .args(["apply", ".", "--review"])
        .arg(&review)
        .arg("--out-dir")
        .arg(dir.path().join("elsewhere"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("as they were named to `fix`"));
}

#[cfg(unix)]
#[test]
fn a_link_is_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (real, link) = (dir.path().join("real.txt"), dir.path().join("link.txt"));
    fs::write(&real, DAMAGED).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let fix = |args: &[&std::ffi::OsStr]| ocrmend().arg("fix").args(args).assert().success();
    fix(&[link.as_os_str(), "--in-place".as_ref(), "--quiet".as_ref()]);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), MENDED);
    // `-o` naming a link writes the file it names, too.
    let page = dir.path().join("page.txt");
    fs::write(&page, DAMAGED).unwrap();
    fs::write(&real, "").unwrap();
    fix(&[
        page.as_os_str(),
        "-o".as_ref(),
        link.as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), MENDED);
}

#[test]
fn apply_in_place_replaces_the_inputs_and_backs_them_up() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let review = dir.path().join("r.jsonl");
    fs::write(&page, DAMAGED).unwrap();
    with_review("fix", &page, &review).success();
    let in_place = ["--in-place", "--backup", ".orig", "--quiet"];
    with_review_and("apply", &page, &review, &in_place)
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(fs::read_to_string(&page).unwrap(), MENDED);
    assert_eq!(
        fs::read_to_string(dir.path().join("page.txt.orig")).unwrap(),
        DAMAGED
    );
    // Applied again, the review file no longer matches: refused, the file left as it is.
    with_review("apply", &page, &review).code(2);
    with_review_and("apply", &page, &review, &["--in-place"]).code(2);
    assert_eq!(fs::read_to_string(&page).unwrap(), MENDED);
    // A folder: the inputs with edits replaced, the others left.
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(pages.join("a.txt"), "The tbe end.\n").unwrap();
    fs::write(pages.join("clean.txt"), "Nothing to mend here.\n").unwrap();
    let (fixed, all) = (dir.path().join("fixed"), dir.path().join("all.jsonl"));
    fix_folder(&pages, &fixed, &all, &["--threshold", "0.3"]);
    with_review_and("apply", &pages, &all, &["--in-place"]).success();
    for name in ["a.txt", "clean.txt"] {
        let made = fs::read_to_string(pages.join(name)).unwrap();
        assert_eq!(
            made,
            fs::read_to_string(fixed.join(name)).unwrap(),
            "{name}"
        );
    }
    assert_ne!(
        fs::read_to_string(pages.join("a.txt")).unwrap(),
        "The tbe end.\n"
    );
    ocrmend()
        .args(["apply", "-", "--in-place", "--review"])
        .arg(&review)
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
}

#[test]
fn diff_to_stdout_is_plain_when_piped_and_coloured_when_asked() {
    let plain = ocrmend()
        .args(["fix", "--quiet", "--diff", "-", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .success();
    let plain = String::from_utf8(plain.get_output().stdout.clone()).unwrap();
    assert!(plain.starts_with("--- a/-\n+++ b/-\n"), "{plain}");
    assert!(!plain.contains('\x1b'));
    assert!(plain.contains(&format!("+{MENDED}")));
    let coloured = ocrmend()
        .args(["fix", "--quiet", "--color", "always", "--diff", "-", "-"])
        .write_stdin(DAMAGED)
        .assert()
        .success();
    let coloured = String::from_utf8(coloured.get_output().stdout.clone()).unwrap();
    assert!(coloured.contains("\x1b["));
    // A diff file is always plain.
    let dir = tempfile::tempdir().unwrap();
    let diff = dir.path().join("d.diff");
    ocrmend()
        .args(["fix", "--quiet", "--color", "always", "--diff"])
        .arg(&diff)
        .arg("-")
        .write_stdin(DAMAGED)
        .assert()
        .success()
        .stdout(MENDED);
    assert_eq!(fs::read_to_string(&diff).unwrap(), plain);
}

#[test]
fn calibrate_fits_a_table_that_fix_and_evaluate_read() {
    let dir = tempfile::tempdir().unwrap();
    let ocr = "The subrnarines were cstimated to be in the harbour. Tbe fleet sailed at dawn, \
               and tlie crew were ready. The govcrnment said tbe plan was sound.\n"
        .repeat(5);
    let gt = "The submarines were estimated to be in the harbour. The fleet sailed at dawn, \
              and the crew were ready. The government said the plan was sound.\n"
        .repeat(5);
    fs::write(dir.path().join("a.ocr.txt"), &ocr).unwrap();
    fs::write(dir.path().join("a.gt.txt"), &gt).unwrap();
    // `calibrate` over the pages in `dir`, with `options` before them.
    let calibrate = |options: &[&str]| {
        let mut cmd = ocrmend();
        cmd.arg("calibrate")
            .args(options)
            .arg("--ocr")
            .arg(dir.path())
            .arg("--gt")
            .arg(dir.path());
        cmd
    };
    let table = dir.path().join("cal.tsv");
    calibrate(&["-o", table.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("fitted on"));
    let fitted = fs::read_to_string(&table).unwrap();
    assert!(fitted.lines().any(|l| l.starts_with("base\t")));
    // With what its confidences average to on these pages, decided as `fix` decides.
    let prior = |t: &str| -> f64 {
        let line = t.lines().find(|l| l.starts_with("prior\t")).unwrap();
        line["prior\t".len()..].parse().unwrap()
    };
    assert!((0.0..1.0).contains(&prior(&fitted)) && prior(&fitted) > 0.0);
    // Cross-fitted: each fold judged by a model trained on the others (here, the second
    // page's model trained on the first), never with a model given besides.
    fs::write(dir.path().join("b.ocr.txt"), &ocr).unwrap();
    fs::write(dir.path().join("b.gt.txt"), &gt).unwrap();
    let crossed = dir.path().join("crossed.tsv");
    let crossed_arg = crossed.to_str().unwrap();
    calibrate(&["--cross-fit", "2", "-o", crossed_arg])
        .assert()
        .success();
    assert!(fs::read_to_string(&crossed)
        .unwrap()
        .lines()
        .any(|l| l.starts_with("base\t")));
    calibrate(&["--cross-fit", "2", "--model", "m.tsv", "-o", crossed_arg])
        .assert()
        .code(2);
    calibrate(&["--evaluate", table.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "confidence\tedits\tright\tprecision\n",
        ));
    // The table holds the calibrated edits as `fix` writes them on these pages, in the bands
    // of the confidences it gives them: with a flat calibration (0.85 for every edit) whose
    // prior (0.2) is below the pages' decisions, those the page's base rate raised.
    let one = dir.path().join("one");
    fs::create_dir(&one).unwrap();
    fs::write(one.join("a.ocr.txt"), &ocr).unwrap();
    fs::write(one.join("a.gt.txt"), &gt).unwrap();
    let flat = dir.path().join("flat.tsv");
    fs::write(
        &flat,
        format!("base\t{}\nprior\t0.2\n", (0.85f64 / 0.15).ln()),
    )
    .unwrap();
    let evaluate = |more: &[&str]| {
        ocrmend()
            .args(["calibrate", "--evaluate", flat.to_str().unwrap(), "--ocr"])
            .arg(&one)
            .arg("--gt")
            .arg(&one)
            .args(more)
            .output()
            .unwrap()
    };
    let evaluated = evaluate(&[]);
    assert!(evaluated.status.success());
    // The same when the judged decisions are written too (a pass before it learns nothing
    // that this one starts from).
    let dumped = dir.path().join("flat-decisions.tsv");
    assert_eq!(
        evaluate(&["--decisions", dumped.to_str().unwrap()]).stdout,
        evaluated.stdout
    );
    let review = dir.path().join("a.review.jsonl");
    ocrmend()
        .args(["fix", "--quiet", "--calibration"])
        .arg(&flat)
        .arg(one.join("a.ocr.txt"))
        .arg("--review")
        .arg(&review)
        .assert()
        .success();
    let records = ocrmend::render::review::parse(&fs::read_to_string(&review).unwrap()).unwrap();
    let calibrated: Vec<f64> = records
        .iter()
        .filter(|r| r.evidence.is_some())
        .map(|r| r.confidence)
        .collect();
    assert!(!calibrated.is_empty() && calibrated.iter().all(|&c| c > 0.86));
    let mut in_bands: Vec<i64> = String::from_utf8(evaluated.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(1).unwrap().parse().unwrap())
        .collect();
    let bands = [0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01];
    for c in calibrated {
        let band = bands.windows(2).position(|w| (w[0]..w[1]).contains(&c));
        in_bands[band.unwrap()] -= 1;
    }
    assert!(in_bands.iter().all(|&n| n == 0), "{in_bands:?}");
    // Every judged decision, as a table: a header, then one row of the same width each,
    // the mended words among them and judged right.
    let decisions = dir.path().join("decisions.tsv");
    let decisions_arg = decisions.to_str().unwrap();
    calibrate(&[
        "--evaluate",
        table.to_str().unwrap(),
        "--decisions",
        decisions_arg,
    ])
    .assert()
    .success();
    let written = fs::read_to_string(&decisions).unwrap();
    let mut lines = written.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header[0], "logit_share");
    assert_eq!(
        header[header.len() - 4..],
        ["right", "confidence", "at", "edit"]
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    assert!(rows
        .iter()
        .any(|r| r[header.len() - 4] == "true" && r[header.len() - 1].ends_with("tbe -> the")));
    // Each row says where its edit starts in its page's OCR text.
    for r in &rows {
        let at: usize = r[header.len() - 2].parse().unwrap();
        let before = r[header.len() - 1].split(": ").nth(1).unwrap();
        let before = before.split(" -> ").next().unwrap();
        assert!(ocr[at..].starts_with(before), "{r:?}");
    }
    ocrmend()
        .args(["fix", "--quiet", "--calibration"])
        .arg(&table)
        .arg("-")
        .write_stdin(DAMAGED)
        .assert()
        .success();
    // Adapted to the pages: the calibration it starts from, its trees kept first, and more
    // (the prior measured again on the pages).
    let adapted = dir.path().join("adapted.tsv");
    let adapted_arg = adapted.to_str().unwrap();
    calibrate(&[
        "--adapt",
        "--calibration",
        table.to_str().unwrap(),
        "-o",
        adapted_arg,
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains("adapted on"));
    let grown = fs::read_to_string(&adapted).unwrap();
    let body = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("prior\t"))
            .map(str::to_owned)
            .collect()
    };
    assert!(prior(&grown) > 0.0 && prior(&grown) < 1.0);
    let (grown, fitted) = (body(&grown), body(&fitted));
    assert!(grown.len() > fitted.len() && grown.starts_with(&fitted));
    // From the embedded calibration by default; never from none, nor without an output.
    calibrate(&["--adapt", "-o", adapted_arg])
        .assert()
        .success();
    calibrate(&["--adapt", "--calibration", "none", "-o", adapted_arg])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--adapt needs a calibration"));
    calibrate(&["--adapt"]).assert().code(2);
    fs::write(&table, "bias\tnot-a-number\n").unwrap();
    ocrmend()
        .args(["fix", "--calibration"])
        .arg(&table)
        .arg("-")
        .write_stdin(DAMAGED)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cal.tsv"));
}

#[test]
fn eval_scores_a_correction_against_ground_truth() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.ocr.txt"), DAMAGED).unwrap();
    fs::write(dir.path().join("p.gt.txt"), MENDED).unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(dir.path().join("p.ocr.txt"))
        .arg("-o")
        .arg(out.join("p.txt"))
        .assert()
        .success();
    // `ocrmend eval --gt GT --out OUT EXTRA...`.
    let eval = |gt: &Path, out: &Path, extra: &[&std::ffi::OsStr]| {
        let gt_out = [
            "--gt".as_ref(),
            gt.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        ocrmend().arg("eval").args(gt_out).args(extra).assert()
    };
    eval(dir.path(), &out, &[])
        .success()
        .stdout(predicate::str::contains(
            "CER  5.88% -> 0.00%  (100.0% reduction)",
        ))
        .stdout(predicate::str::contains("fixed 2  broken 0"));
    // The words behind the counts, with what the OCR text and the output have in their place.
    let words = ["--words".as_ref(), "fixed,broken".as_ref()];
    eval(dir.path(), &out, &words)
        .success()
        .stdout(predicate::str::contains(
            "p\tfixed\tsubmarines\tsubrnarines\tsubmarines\n",
        ))
        .stdout(predicate::str::contains(
            "p\tfixed\testimated\tcstimated\testimated\n",
        ))
        .stdout(predicate::str::contains("\tbroken\t").not())
        .stdout(predicate::str::contains("fixed 2  broken 0"));
    let json = ["--words", "missed,fixed", "--format", "json"].map(std::ffi::OsStr::new);
    let listed = eval(dir.path(), &out, &json).success();
    let v: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(v["word_effects"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["word_effects"][0]["effect"], "fixed");
    assert_eq!(v["word_effects"][0]["index"], 1);
    assert_eq!(v["word_effects"][1]["ocr"], "cstimated");
    eval(dir.path(), &out, &["--words".as_ref(), "all".as_ref()])
        .code(2)
        .stderr(predicate::str::contains("possible values"));
    // The HTML report: the figures, and the OCR text's misreadings marked against the truth.
    let report = dir.path().join("report.html");
    eval(dir.path(), &out, &["--html".as_ref(), report.as_os_str()]).success();
    let page = fs::read_to_string(&report).unwrap();
    assert!(page.contains("<a href=\"#d0\">p</a>"), "{page}");
    assert!(page.contains("<span class=\"extra\">"), "{page}");
    eval(dir.path(), &dir.path().join("nowhere"), &[]).code(2);
    // Folders pair their documents by name, even one each: an output of another page is
    // not scored against this page's truth.
    let other = dir.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("q.txt"), MENDED).unwrap();
    eval(dir.path(), &other, &[])
        .code(2)
        .stderr(predicate::str::contains(
            "has both an OCR text and an output",
        ));
    // Unless a page the tool wrote nothing for counts as its OCR text left alone.
    eval(dir.path(), &other, &["--allow-missing".as_ref()])
        .success()
        .stdout(predicate::str::contains("CER  5.88% -> 5.88%"))
        .stdout(predicate::str::contains("fixed 0  broken 0"))
        .stderr(predicate::str::contains("no output for p"));
    // A file of ground truth has no OCR text beside it to default to.
    eval(&dir.path().join("p.gt.txt"), &out.join("p.txt"), &[])
        .code(2)
        .stderr(predicate::str::contains("--ocr"));
    // Three files are one document, whatever their names.
    let ocr = dir.path().join("p.ocr.txt");
    eval(
        &dir.path().join("p.gt.txt"),
        &other.join("q.txt"),
        &["--ocr".as_ref(), ocr.as_os_str()],
    )
    .success()
    .stdout(predicate::str::contains("fixed 2  broken 0"));
}

#[test]
fn eval_takes_the_scorers_normalisation_options() {
    let dir = tempfile::tempdir().unwrap();
    let page = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    // A transcription that prints a ligature and curly quotes the scan never shows.
    let gt = page(
        "p.gt.txt",
        "The o\u{fb03}ce was \u{201c}open\u{201d} to all-\ncomers.\n",
    );
    let ocr = page("p.ocr.txt", "The offiec was \"open\" to all-\ncomers.\n");
    let out = page("p.txt", "The office was \"open\" to all-\ncomers.\n");
    let eval = |extra: &[&str]| {
        ocrmend()
            .arg("eval")
            .arg("--gt")
            .arg(&gt)
            .arg("--ocr")
            .arg(&ocr)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .assert()
            .success()
    };
    // As printed, the repaired word still differs from the truth's; read plain, it is fixed
    // and the quoted word was right all along (the figures score.py gives for these texts).
    eval(&[])
        .stdout(predicate::str::contains("CER  18.18% -> 15.15%"))
        .stdout(predicate::str::contains(
            "fixed 0  broken 0  changed-still-wrong 1  missed 1",
        ))
        .stdout(predicate::str::contains(
            "normalisation: flat, dehyphenated\n",
        ));
    eval(&["--fold"])
        .stdout(predicate::str::contains(
            "fixed 1  broken 0  changed-still-wrong 0  missed 0",
        ))
        .stdout(predicate::str::contains("CER  5.71% -> 0.00%"))
        .stdout(predicate::str::contains(
            "normalisation: flat, dehyphenated, folded",
        ));
    // With the lines kept, `all-` / `comers.` are two words, each right as printed, and the
    // line break is a character.
    eval(&["--fold", "--keep-lines"])
        .stdout(predicate::str::contains("characters 37   words 7"))
        .stdout(predicate::str::contains("CER  5.41% -> 0.00%"))
        .stdout(predicate::str::contains(
            "normalisation: keep-lines, folded",
        ));
    eval(&["--no-dehyphen"])
        .stdout(predicate::str::contains("CER  17.14% -> 14.29%"))
        .stdout(predicate::str::contains("normalisation: flat\n"));
    // For scripts: one JSON object, as score.py's last line.
    let json = eval(&["--fold", "--format", "json", "--per-doc"])
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["words"]["fixed"], 1);
    assert_eq!(v["words"]["right_kept"], 5);
    assert_eq!(v["options"]["fold"], true);
    assert_eq!(v["documents"][0]["id"], "p");
    assert_eq!(v["out"]["cer"], 0.0);
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    // A long document (mended in chunks) and a few short ones.
    let sample_text = fs::read_to_string(sample()).unwrap();
    fs::write(inputs.join("long.txt"), sample_text.repeat(3)).unwrap();
    for i in 0..4 {
        fs::write(inputs.join(format!("short{i}.txt")), DAMAGED.repeat(i + 1)).unwrap();
    }
    // Letters standing alone and the same letters with a mark against them, in one chunk:
    // each is weighed with its own readings, whichever thread asks first.
    fs::write(
        inputs.join("specks.txt"),
        "Both of them were e called, and he was in the r way of the trains.
         It was e. so, and r, too; see p. 2, and e, r. The man was t there.
"
        .repeat(4),
    )
    .unwrap();
    let run = |jobs: &str| {
        let out = dir.path().join(format!("out{jobs}"));
        let review = dir.path().join(format!("review{jobs}.jsonl"));
        fix_folder(&inputs, &out, &review, &["--jobs", jobs]);
        let mut texts: Vec<(String, String)> = fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.display().to_string(), fs::read_to_string(&p).unwrap())
            })
            .map(|(p, t)| (p.rsplit('/').next().unwrap().to_owned(), t))
            .collect();
        texts.sort();
        (texts, fs::read_to_string(review).unwrap())
    };
    let one = run("1");
    assert_eq!(one.0.len(), 6);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        fs::write(dir.path().join(format!("p{i}.txt")), DAMAGED).unwrap();
    }
    let out = ocrmend()
        .arg("fix")
        .arg(dir.path())
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ocrmend: 3 files:"), "{stderr}");
}

#[test]
fn html_for_a_batch_is_a_page_per_input_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir_all(inputs.join("sub")).unwrap();
    fs::write(inputs.join("a.txt"), DAMAGED).unwrap();
    fs::write(inputs.join("sub/b.txt"), "<script>x</script> tbe end\n").unwrap();
    let pages = dir.path().join("pages");
    ocrmend()
        .args(["fix", "--quiet"])
        .arg(&inputs)
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .arg("--html")
        .arg(&pages)
        .assert()
        .success();
    let index = fs::read_to_string(pages.join("index.html")).unwrap();
    let mut linked = 0;
    for entry in fs::read_dir(&pages).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "index.html" {
            assert!(
                index.contains(&format!("href=\"{name}\"")),
                "{name} not linked"
            );
            let page = fs::read_to_string(pages.join(&name)).unwrap();
            assert!(!page.contains("<script>x"), "document text is escaped");
            linked += 1;
        }
    }
    assert_eq!(linked, 2);
}
