//! Reading inputs and writing outputs: folders walked for `*.txt`, standard input, and
//! atomic writes (temporary file + rename) so that no half-written file is ever left.

use super::Failure;
use ocrmend::{Corpus, Decoded, Encoding};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file; `rel` is its path relative to the folder it was found in (or its file name).
    File {
        /// Path as given or found.
        path: PathBuf,
        /// Where it goes under `--out-dir`.
        rel: PathBuf,
    },
}

impl Source {
    /// Its size in bytes as far as is known before reading it (0 for standard input), for
    /// a progress bar.
    pub fn size(&self) -> usize {
        match self {
            Source::Stdin => 0,
            Source::File { path, .. } => fs::metadata(path).map_or(0, |m| m.len() as usize),
        }
    }

    /// The name used in messages, diffs and review files.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File { path, .. } => path.display().to_string(),
        }
    }

    /// Where its text goes under `--out-dir`, relative to that folder: its name (and
    /// sub-folders) under the folder it was found in, or `stdin.txt`.
    pub fn out_name(&self) -> &Path {
        match self {
            Source::Stdin => Path::new("stdin.txt"),
            Source::File { rel, .. } => rel,
        }
    }

    /// Opens the input for reading.
    pub fn open(&self) -> Result<Box<dyn Read>, Failure> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin()),
            Source::File { path, .. } => Box::new(
                fs::File::open(path)
                    .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?,
            ),
        })
    }

    /// Reads the whole input.
    pub fn read(&self) -> Result<Vec<u8>, Failure> {
        match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .map_err(|e| Failure(format!("cannot read standard input: {e}")))?;
                Ok(buf)
            }
            Source::File { path, .. } => read_file(path),
        }
    }
}

/// An input read and decoded.
pub struct Loaded {
    /// Where it came from.
    pub source: Source,
    /// Its text.
    pub decoded: Decoded,
}

/// How a command reads its inputs: in the encoding asked for, or the one detected; and
/// whether it writes their text back, which a warning about the encoding then says.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// The encoding `--encoding` names; none to detect it.
    pub encoding: Option<Encoding>,
    /// Whether the command writes the (corrected) text, in the encoding it was read in.
    pub writes_text: bool,
}

impl Reading {
    /// Whether the inputs may be read as a stream of UTF-8 (no other encoding asked for).
    pub fn may_be_utf8(&self) -> bool {
        matches!(self.encoding, None | Some(Encoding::Utf8))
    }
}

/// Reads and decodes one input (a warning goes to stderr).
pub fn load_one(source: Source, reading: Reading) -> Result<Loaded, Failure> {
    let decoded = decode_named(&source.name(), &source.read()?, reading)?;
    Ok(Loaded { source, decoded })
}

/// Decodes the `bytes` of the input called `name` (a warning goes to stderr).
pub fn decode_named(name: &str, bytes: &[u8], reading: Reading) -> Result<Decoded, Failure> {
    let decoded =
        ocrmend::decode(bytes, reading.encoding).map_err(|e| Failure(format!("{name}: {e}")))?;
    if let Some(w) = &decoded.warning {
        let written = match reading.writes_text {
            true => ", and the corrected text is written in it",
            false => "",
        };
        eprintln!("ocrmend: warning: {name}: {w}{written}. Pass --encoding if that is wrong");
    }
    Ok(decoded)
}

/// The corpus evidence of a run's first inputs: their first
/// [`EVIDENCE_BYTES`](ocrmend::stream::EVIDENCE_BYTES), as a stream takes it.
pub fn evidence_of(loaded: &[Loaded]) -> Corpus {
    let mut corpus = Corpus::new();
    for text in evidence_texts(loaded) {
        corpus.add_text(text);
    }
    corpus
}

/// The texts of `loaded` that are the run's evidence: their first
/// [`EVIDENCE_BYTES`](ocrmend::stream::EVIDENCE_BYTES) in all.
pub fn evidence_texts(loaded: &[Loaded]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut left = ocrmend::stream::EVIDENCE_BYTES;
    for l in loaded {
        if left == 0 {
            break;
        }
        let text = &l.decoded.text;
        out.push(ocrmend::stream::first_words(text, left));
        left = left.saturating_sub(text.len());
    }
    out
}

/// Where an input's text goes under `--out-dir DIR` ([`Source::out_name`]); the folders on the
/// way are created.
pub fn target_in(dir: &Path, source: &Source) -> Result<PathBuf, Failure> {
    let target = dir.join(source.out_name());
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| Failure(format!("cannot create {}: {e}", parent.display())))?;
    }
    Ok(target)
}

/// An error when two of `sources` would be written to one file under `--out-dir` (files of
/// one name given from different folders, or one file given twice): the second would
/// replace the first.
pub fn one_target_each(sources: &[Source]) -> Result<(), Failure> {
    let mut seen: HashMap<&Path, String> = HashMap::new();
    for source in sources {
        let rel = source.out_name();
        if let Some(first) = seen.insert(rel, source.name()) {
            return Err(Failure(format!(
                "{first} and {} would both be written to {} under --out-dir; correct them in \
                 separate runs, each with its own --out-dir",
                source.name(),
                rel.display()
            )));
        }
    }
    Ok(())
}

/// Reads a file, with an error that names it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// Expands the command-line inputs: `-` is standard input, a folder gives every `*.txt`
/// below it (sorted, hidden ones aside; a folder with none is warned about), a file is itself. Inputs that do not
/// exist are returned as failures. `out_dir`, the folder outputs go to, is not walked when
/// it lies inside an input folder: a second run of `fix pages --out-dir pages/fixed` does
/// not mend its own outputs again.
pub fn collect(inputs: &[PathBuf], out_dir: Option<&Path>) -> (Vec<Source>, Vec<Failure>) {
    let mut sources = Vec::new();
    let mut failures = Vec::new();
    let outputs = out_dir.and_then(|d| fs::canonicalize(d).ok());
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if input.is_dir() {
            let mut found = Vec::new();
            let unreadable = failures.len();
            // An output folder that is the input itself is refused later, file by file.
            let apart = outputs
                .as_deref()
                .filter(|&o| fs::canonicalize(input).ok().as_deref() != Some(o));
            walk(input, apart, &mut found, &mut failures);
            if found.is_empty() && failures.len() == unreadable {
                eprintln!(
                    "ocrmend: warning: {} holds no *.txt file; nothing in it is read",
                    input.display()
                );
            }
            found.sort();
            for path in found {
                let rel = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                sources.push(Source::File { path, rel });
            }
        } else if input.exists() {
            let rel = input
                .file_name()
                .map_or_else(|| input.clone(), PathBuf::from);
            sources.push(Source::File {
                path: input.clone(),
                rel,
            });
        } else {
            failures.push(Failure(format!(
                "{}: no such file or folder",
                input.display()
            )));
        }
    }
    (sources, failures)
}

/// True for a hidden file or folder: its name starts with a point.
pub fn is_hidden(entry: &fs::DirEntry) -> bool {
    entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// Adds every `*.txt` below `dir` to `out`. Hidden files and folders (`.git`, the `._page.txt`
/// a Mac leaves beside each file on a USB drive) are passed over, as `rg` and `git` do. A
/// folder or entry that cannot be read is added to `failures` and the walk goes on with the
/// rest, so one locked subfolder does not hide its neighbours. The folder `apart` (given
/// canonical) is passed over.
fn walk(dir: &Path, apart: Option<&Path>, out: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let unreadable = |e: io::Error| Failure(format!("cannot read folder {}: {e}", dir.display()));
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return failures.push(unreadable(e)),
    };
    for entry in entries {
        let (entry, kind) = match entry.and_then(|e| e.file_type().map(|kind| (e, kind))) {
            Ok(found) => found,
            Err(e) => {
                failures.push(unreadable(e));
                continue;
            }
        };
        if is_hidden(&entry) {
            continue;
        }
        let path = entry.path();
        if kind.is_dir() {
            if apart.is_some() && fs::canonicalize(&path).ok().as_deref() == apart {
                continue;
            }
            walk(&path, apart, out, failures);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            out.push(path);
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, renamed over
/// the target once complete (see [`Sink`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_output(Some(path), bytes)
}

/// An output written a piece at a time: standard output, or a file written atomically (a
/// temporary file in the same folder, renamed over the target by [`Sink::finish`]; dropped
/// unfinished, it leaves the target as it was). An existing target keeps its permissions. A
/// target that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written to
/// directly: renaming over it would replace the device.
pub struct Sink {
    path: PathBuf,
    target: Target,
}

enum Target {
    /// Standard output; `false` once the reader has gone (`| head`).
    Stdout(bool),
    Temporary(tempfile::NamedTempFile),
    Direct(fs::File),
}

impl Sink {
    /// An output to `path`, or to standard output for none or `-`.
    pub fn create(path: Option<&Path>) -> Result<Sink, Failure> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Sink {
                path: PathBuf::from("-"),
                target: Target::Stdout(true),
            });
        };
        // A link is written through: the file it names gets the text and the link stays (a
        // rename over the link would replace it with a file, the linked file unchanged).
        let linked = fs::symlink_metadata(path)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| fs::canonicalize(path).ok())
            .flatten();
        let path = linked.as_deref().unwrap_or(path);
        let fail =
            |e: &dyn std::fmt::Display| Failure(format!("cannot write {}: {e}", path.display()));
        let target = if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            Target::Direct(
                fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| fail(&e))?,
            )
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !dir.is_dir() {
                let why = if dir.exists() {
                    "is not a folder"
                } else {
                    "does not exist (create it first)"
                };
                return Err(fail(&format!("the folder {} {why}", dir.display())));
            }
            let mut builder = tempfile::Builder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                // A new file gets the usual mode (an existing one keeps its own, in `finish`).
                builder.permissions(fs::Permissions::from_mode(0o644));
            }
            Target::Temporary(
                builder
                    .prefix(".ocrmend-")
                    .tempfile_in(&dir)
                    // The reason alone: the temporary file's own name means nothing to the user.
                    .map_err(|e| fail(&io::Error::from(e.kind())))?,
            )
        };
        Ok(Sink {
            path: path.to_path_buf(),
            target,
        })
    }

    fn fail(&self, e: &dyn std::fmt::Display) -> Failure {
        match self.target {
            Target::Stdout(_) => Failure(format!("cannot write to standard output: {e}")),
            _ => Failure(format!("cannot write {}: {e}", self.path.display())),
        }
    }

    /// Writes the next bytes; a closed pipe on standard output is not an error (the rest is
    /// dropped).
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let written = match &mut self.target {
            Target::Stdout(false) => Ok(()),
            Target::Stdout(open) => {
                let mut out = io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        *open = false;
                        Ok(())
                    }
                    other => other,
                }
            }
            Target::Temporary(tmp) => tmp.write_all(bytes),
            Target::Direct(f) => f.write_all(bytes),
        };
        written.map_err(|e| self.fail(&e))
    }

    /// Completes the output: the file is synced and renamed over the target.
    pub fn finish(self) -> Result<(), Failure> {
        let fail = |e: &dyn std::fmt::Display| self.fail(e);
        match &self.target {
            Target::Stdout(_) => Ok(()),
            Target::Direct(f) => {
                let mut f: &fs::File = f;
                f.flush().map_err(|e| fail(&e))
            }
            Target::Temporary(tmp) => {
                tmp.as_file().sync_all().map_err(|e| fail(&e))?;
                if let Ok(meta) = fs::metadata(&self.path) {
                    fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| fail(&e))?;
                }
                Ok(())
            }
        }?;
        if let Target::Temporary(tmp) = self.target {
            tmp.persist(&self.path).map_err(|e| {
                Failure(format!("cannot write {}: {}", self.path.display(), e.error))
            })?;
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` (atomically) or, with no path or `-`, to standard output (a
/// closed pipe, `| head`, is not an error).
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    let mut sink = Sink::create(path)?;
    sink.write(bytes)?;
    sink.finish()
}
