//! Refuses a run whose outputs would land on its inputs: a review file, diff or HTML page
//! named as the scan itself, `-o` naming an input, or `--out-dir` the inputs' own folder
//! would destroy the text being corrected, and two outputs naming one file would leave only
//! the last. Checked before anything is read or written. Replacing inputs is what
//! `--in-place` is for, and it can keep a copy (`--backup`).

use super::Failure;
use std::path::{Path, PathBuf};

/// What a run reads and writes, as named on its command line.
#[derive(Debug, Default)]
pub struct Paths<'a> {
    /// The inputs: files and folders (every `*.txt` below them); `-` is standard input.
    inputs: Vec<&'a Path>,
    /// Other files read (an `apply` run's review file), each with its option.
    read: Vec<(&'static str, &'a Path)>,
    /// The files written, each with its option; `-` is standard output.
    written: Vec<(&'static str, &'a Path)>,
    /// The folder each input's text goes into (`--out-dir`).
    out_dir: Option<&'a Path>,
}

impl<'a> Paths<'a> {
    /// A run over `inputs`.
    pub fn of(inputs: impl IntoIterator<Item = &'a Path>) -> Self {
        Paths {
            inputs: inputs.into_iter().collect(),
            ..Paths::default()
        }
    }

    /// The run also reads `path`, given as `option`.
    pub fn reads(mut self, option: &'static str, path: Option<&'a Path>) -> Self {
        self.read.extend(path.map(|p| (option, p)));
        self
    }

    /// The run writes `path`, given as `option`.
    pub fn writes(mut self, option: &'static str, path: Option<&'a Path>) -> Self {
        self.written.extend(path.map(|p| (option, p)));
        self
    }

    /// The run writes each input's text into `dir` (`--out-dir`).
    pub fn out_dir(mut self, dir: Option<&'a Path>) -> Self {
        self.out_dir = dir;
        self
    }

    /// An error naming the first output that would land on an input or on another output.
    pub fn check(&self) -> Result<(), Failure> {
        let files = |list: &[(&'static str, &Path)]| -> Vec<(&'static str, PathBuf)> {
            // Standard output, and devices such as `/dev/null`, take any number of writers.
            let file_or_new = |p: &Path| p.as_os_str() != "-" && (p.is_file() || !p.exists());
            list.iter()
                .filter(|(_, p)| file_or_new(p))
                .filter_map(|&(option, p)| Some((option, resolved(p)?)))
                .collect()
        };
        let written = files(&self.written);
        let read = files(&self.read);
        for (k, (option, out)) in written.iter().enumerate() {
            if let Some((other, _)) = written[..k].iter().find(|(_, o)| o == out) {
                return Err(Failure(format!(
                    "{other} and {option} name the same file, {}; give each its own",
                    out.display()
                )));
            }
            if let Some(input) = self.inputs.iter().find(|i| holds(i, out)) {
                return Err(Failure(format!(
                    "{option} {} would overwrite the input {}; name another file (to replace \
                     an input with its corrected text, use --in-place, with --backup to keep \
                     a copy)",
                    out.display(),
                    input.display()
                )));
            }
            if let Some((other, _)) = read.iter().find(|(_, r)| r == out) {
                return Err(Failure(format!(
                    "{option} {} would overwrite the {other} file it reads; name another file",
                    out.display()
                )));
            }
        }
        if let Some(dir) = self.out_dir.and_then(resolved) {
            // The folder an input's text would be written in: the folder itself, or the
            // file's own.
            let home = |input: &&Path| match input.is_dir() {
                true => resolved(input),
                false => resolved(
                    (input.parent())
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(Path::new(".")),
                ),
            };
            let own = self.inputs.iter().filter(|i| i.as_os_str() != "-");
            if let Some(input) = own.clone().find(|i| home(i).as_ref() == Some(&dir)) {
                return Err(Failure(format!(
                    "--out-dir {} is where the input {} is read from: each input would be \
                     written over itself; name another folder (to replace the inputs, use \
                     --in-place, with --backup to keep a copy)",
                    dir.display(),
                    input.display()
                )));
            }
        }
        Ok(())
    }
}

/// `path` made absolute with its links resolved: of the file itself when it exists, else of
/// the folder it would be made in. `None` when neither exists (writing it fails anyway).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(full) = path.canonicalize() {
        return Some(full);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// Whether the input `input` (a file, or a folder of `*.txt` files) is or holds the file
/// `out` (resolved): a file that exists and that a run over `input` reads.
fn holds(input: &Path, out: &Path) -> bool {
    if input.as_os_str() == "-" || !out.is_file() {
        return false;
    }
    let Some(input) = resolved(input) else {
        return false;
    };
    match input.is_dir() {
        true => {
            out.starts_with(&input)
                && out
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        }
        false => input == out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn outputs_on_inputs_or_on_each_other_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let scans = dir.path().join("scans");
        fs::create_dir(&scans).unwrap();
        let (a, notes) = (scans.join("a.txt"), scans.join("notes.md"));
        fs::write(&a, "text").unwrap();
        fs::write(&notes, "notes").unwrap();
        let review = dir.path().join("a.jsonl");
        let fresh = dir.path().join("fresh.diff");
        let check = |inputs: Vec<&Path>, written: Vec<(&'static str, &Path)>| {
            let paths = Paths::of(inputs).reads("--review", Some(&review));
            let paths = (written.into_iter()).fold(paths, |p, (o, w)| p.writes(o, Some(w)));
            paths.check().map_err(|Failure(m)| m)
        };
        // The input itself, or a text file of an input folder, as an output.
        let err = check(vec![&a], vec![("--review", &a)]).unwrap_err();
        assert!(err.contains("would overwrite the input"), "{err}");
        let err = check(vec![&scans], vec![("-o", &a)]).unwrap_err();
        assert!(err.contains("--in-place"), "{err}");
        // The same file by another name.
        let other_name = scans.join("..").join("scans").join("a.txt");
        assert!(check(vec![&a], vec![("--diff", &other_name)]).is_err());
        // Two outputs, one file (not yet made).
        let err = check(vec![&a], vec![("--diff", &fresh), ("--review", &fresh)]).unwrap_err();
        assert!(
            err.contains("--diff and --review name the same file"),
            "{err}"
        );
        // The review file read.
        let err = check(vec![&a], vec![("-o", &review)]).unwrap_err();
        assert!(err.contains("the --review file it reads"), "{err}");
        // Not inputs: a file of the folder a run does not read, standard output, a new file,
        // a device written twice.
        let null = Path::new("/dev/null");
        let fine = vec![
            ("--html", notes.as_path()),
            ("-o", Path::new("-")),
            ("--diff", &fresh),
            ("--review", null),
            ("--diff", null),
        ];
        assert_eq!(check(vec![&scans], fine), Ok(()));
    }

    #[test]
    fn an_out_dir_where_the_inputs_are_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let scans = dir.path().join("scans");
        fs::create_dir(&scans).unwrap();
        let a = scans.join("a.txt");
        fs::write(&a, "text").unwrap();
        let clean = dir.path().join("clean");
        let check =
            |input: &Path, out_dir: &Path| Paths::of([input]).out_dir(Some(out_dir)).check();
        assert!(check(&scans, &scans).is_err());
        assert!(check(&a, &scans).is_err());
        assert!(check(&scans, &scans.join(".")).is_err());
        assert!(check(&scans, &clean).is_ok());
        assert!(check(&a, &clean).is_ok());
        // A folder inside the inputs' own is another folder.
        assert!(check(&scans, &scans.join("clean")).is_ok());
    }
}
