//! `ocrmend apply`: the input with exactly the edits accepted in a review file.

use super::apply_sorted::{place, read_placed};
use super::clobber::Paths;
use super::fix::Progress;
use super::io::{decode_named, Reading, Sink, Source};
use super::stream::Pieces;
use super::{ApplyArgs, Failure};
use ocrmend::render::apply_stream::apply_stream;
use ocrmend::render::review;
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// An input and the review file made for it.
pub struct Reviewed {
    /// The decoded input.
    pub decoded: ocrmend::Decoded,
    /// Every record of the review file.
    pub records: Vec<review::ReviewRecord>,
    /// Which of them belong to this input.
    pub mine: Vec<usize>,
}

/// Reads `input` and the review file, keeps the records that belong to the input, and
/// checks they still match it.
pub fn load_reviewed(
    input: &Path,
    review_path: &Path,
    reading: Reading,
) -> Result<Reviewed, Failure> {
    let source = source_of(input);
    let name = source.name();
    let decoded = decode_named(&name, &source.read()?, reading)?;
    let fail = |e: review::ReviewError| Failure(format!("{}: {e}", review_path.display()));
    let records = review::parse_lines(open_lines(review_path)?).map_err(fail)?;
    let files: BTreeSet<&str> = records.iter().map(|r| r.file.as_str()).collect();
    let owner = Owner::new(&name, files.len());
    let mine: Vec<usize> = (0..records.len())
        .filter(|&i| owner.owns(&records[i].file))
        .collect();
    if mine.is_empty() && !records.is_empty() {
        return Err(owner.none_mine(review_path));
    }
    let reviewed = Reviewed {
        decoded,
        records,
        mine,
    };
    review::apply_review(&reviewed.decoded.text, &reviewed.my_records()).map_err(fail)?;
    Ok(reviewed)
}

/// The input named `input` on the command line.
fn source_of(input: &Path) -> Source {
    if input.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File {
            path: input.to_path_buf(),
            rel: input.to_path_buf(),
        }
    }
}

/// The review file's lines, read one at a time.
pub fn open_lines(review_path: &Path) -> Result<std::io::Lines<BufReader<File>>, Failure> {
    Ok(BufReader::new(open_review(review_path)?).lines())
}

/// The review file, opened to read.
pub fn open_review(review_path: &Path) -> Result<File, Failure> {
    File::open(review_path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", review_path.display())))
}

/// An input's name as records are matched by: as named to `fix`, with no leading `./`.
pub fn input_name(file: &str) -> &str {
    file.trim_start_matches("./")
}

/// Which records of a review file belong to an input: every one when the file names one
/// input only (the input may have been moved since), else those that name it as `fix` did.
struct Owner {
    name: String,
    wanted: String,
    one_input: bool,
}

impl Owner {
    /// For the input `name` and a review file naming `files` inputs.
    fn new(name: &str, files: usize) -> Owner {
        Owner {
            name: name.to_owned(),
            wanted: input_name(name).to_owned(),
            one_input: files <= 1,
        }
    }

    /// Whether a record naming `file` belongs to the input.
    fn owns(&self, file: &str) -> bool {
        self.one_input || input_name(file) == self.wanted
    }

    /// The error for a review file that has records but none for the input.
    fn none_mine(&self, review_path: &Path) -> Failure {
        Failure(format!(
            "{} has edits for several files but none for {}; name the input as it was named to `fix`",
            review_path.display(),
            self.name
        ))
    }
}

impl Reviewed {
    /// The records of this input.
    pub fn my_records(&self) -> Vec<review::ReviewRecord> {
        self.mine.iter().map(|&i| self.records[i].clone()).collect()
    }
}

/// How a review file's records stand, learned by a first pass over it: the inputs they
/// name, in the order they first appear, and whether each input's records stand together
/// and in text order, as a stream needs them.
pub struct Layout {
    /// The inputs named ([`input_name`]).
    pub names: Vec<String>,
    /// How many records each of them has.
    pub counts: Vec<usize>,
    /// Whether each input's records stand together and in text order.
    pub in_order: bool,
}

impl Layout {
    /// How many records the inputs `owned` has.
    pub fn count(&self, owned: impl Fn(&str) -> bool) -> usize {
        let names = self.names.iter().zip(&self.counts);
        names.filter(|(n, _)| owned(n)).map(|(_, c)| c).sum()
    }
}

/// Reads the review file once, checking every line is a record, to learn its [`Layout`].
pub fn layout(review_path: &Path) -> Result<Layout, Failure> {
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    // Each input's index in `names`.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut in_order = true;
    // The input of the last record (its index in `names`), and where that record is.
    let mut last: Option<(usize, (usize, usize))> = None;
    for record in review::read_lines(open_lines(review_path)?) {
        let r: review::ReviewRecord =
            record.map_err(|e| Failure(format!("{}: {e}", review_path.display())))?;
        let name = input_name(&r.file);
        let at = (r.start, r.end);
        let input = match last {
            Some((i, before)) if names[i] == name => {
                in_order &= before <= at;
                i
            }
            _ => match seen.get(name) {
                // The input's records resume after another input's.
                Some(&i) => {
                    in_order = false;
                    i
                }
                None => {
                    seen.insert(name.to_owned(), names.len());
                    names.push(name.to_owned());
                    counts.push(0);
                    names.len() - 1
                }
            },
        };
        counts[input] += 1;
        last = Some((input, at));
    }
    Ok(Layout {
        names,
        counts,
        in_order,
    })
}

/// Runs `apply`: on one input, writing its text to `-o`, standard output or the input
/// itself (`--in-place`); on several, or a folder, into `--out-dir` or each input itself
/// ([`super::apply_batch`]).
pub fn run(args: ApplyArgs) -> Result<ExitCode, Failure> {
    Paths::of(args.inputs.iter().map(PathBuf::as_path))
        .reads("--review", Some(&args.review))
        .writes("-o", args.output.as_deref())
        .out_dir(args.out_dir.as_deref())
        .check()?;
    let single = match args.inputs.as_slice() {
        [input] if args.out_dir.is_none() && !input.is_dir() => input,
        _ => return super::apply_batch::run(&args),
    };
    let source = source_of(single);
    let target = match (&source, args.in_place.on) {
        (Source::Stdin, true) => {
            return Err(Failure(
                "--in-place cannot write back to standard input; use -o".into(),
            ))
        }
        (_, true) => Target::replacing(single, args.in_place.backup.as_deref()),
        (_, false) => Target::to(args.output.as_deref()),
    };
    let name = source.name();
    let layout = layout(&args.review)?;
    let owner = Owner::new(&name, layout.names.len());
    if !owner.one_input && !layout.names.iter().any(|n| owner.owns(n)) {
        return Err(owner.none_mine(&args.review));
    }
    let records: Box<dyn Iterator<Item = _>> = if layout.in_order {
        Box::new(
            review::read_lines(open_lines(&args.review)?)
                .filter(|r: &Result<review::ReviewRecord, _>| {
                    r.as_ref().map_or(true, |r| owner.owns(&r.file))
                })
                .map(|r| r.map(review::slim)),
        )
    } else {
        // A reviewer sorted the records otherwise: they are read in text order (the order
        // in which accepted edits are made and checked for overlaps either way).
        let mut held = [Vec::with_capacity(layout.count(|n| owner.owns(n)))];
        place(&args.review, |n| owner.owns(n).then_some(0), &mut held)?;
        let [places] = held;
        Box::new(read_placed(&args.review, places)?)
    };
    let run = Run::new(&args, false, source.size());
    apply_to(&source, records, target, &run)?;
    run.progress.finish();
    Ok(ExitCode::SUCCESS)
}

/// Where `apply` writes an input's text.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The file; standard output for none.
    path: Option<&'a Path>,
    /// When the file is the input itself, the suffix of the copy made first (`--backup`).
    backup: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// A new file at `path`, or standard output for none.
    pub fn to(path: Option<&'a Path>) -> Self {
        Target { path, backup: None }
    }

    /// The input at `path` itself, first copied to its name plus `backup`, if given.
    pub fn replacing(path: &'a Path, backup: Option<&'a str>) -> Self {
        Target {
            path: Some(path),
            backup,
        }
    }

    /// Completes the text written to `sink`: the input is backed up first if asked.
    fn finish(self, sink: Sink) -> Result<(), Failure> {
        if let (Some(path), Some(_)) = (self.path, self.backup) {
            super::fix::backup(path, self.backup)?;
        }
        sink.finish()
    }
}

/// Applies `records`, the input's in text order, to `source` and writes its text to
/// `target`. A UTF-8 input is read a piece at a time and its text
/// written as it is made ([`apply_stream`]), so memory stays flat whatever its length;
/// another is decoded whole. An error part of the way leaves an output file untouched (it
/// is written atomically) but standard output cut short.
pub fn apply_to(
    source: &Source,
    records: impl Iterator<Item = Result<review::ReviewRecord, review::ReviewError>>,
    target: Target,
    run: &Run,
) -> Result<(), Failure> {
    let stale = |e: review::ReviewError| Failure(format!("{}: {e}", run.review.display()));
    let bytes = match run.reading.may_be_utf8() {
        true => match Pieces::open(source)? {
            Ok(pieces) => return stream_into(pieces, records, target, run),
            Err(bytes) => bytes,
        },
        false => source.read()?,
    };
    let decoded = decode_named(&source.name(), &bytes, run.reading)?;
    run.progress.inc(bytes.len());
    drop(bytes);
    let records: Vec<review::ReviewRecord> = records.collect::<Result<_, _>>().map_err(stale)?;
    let text = review::apply_review(&decoded.text, &records).map_err(stale)?;
    let mut sink = Sink::create(target.path)?;
    sink.write(&decoded.encode(&text))?;
    target.finish(sink)
}

/// What every input of an `apply` run shares: how it is read, the review file's name (for
/// messages), and the progress bar.
pub struct Run {
    /// How the inputs are read.
    pub reading: Reading,
    /// The review file.
    pub review: std::path::PathBuf,
    /// Counts the bytes of input applied.
    pub progress: Progress,
}

impl Run {
    /// For `args`, with a progress bar over `bytes` (`batch`: several inputs).
    pub fn new(args: &ApplyArgs, batch: bool, bytes: usize) -> Run {
        Run {
            reading: Reading {
                encoding: args.encoding,
                writes_text: true,
            },
            review: args.review.clone(),
            progress: Progress::new(args.quiet, batch, bytes),
        }
    }
}

/// [`apply_to`] on a UTF-8 input read piece by piece.
fn stream_into(
    mut pieces: Pieces,
    records: impl Iterator<Item = Result<review::ReviewRecord, review::ReviewError>>,
    target: Target,
    run: &Run,
) -> Result<(), Failure> {
    let review_path = &run.review;
    let mut sink = Sink::create(target.path)?;
    let read = |piece: &mut String| -> Result<bool, Stop> {
        Ok(match pieces.next().map_err(Stop::Other)? {
            Some((text, _)) => {
                run.progress.inc(text.len());
                piece.push_str(text);
                true
            }
            None => false,
        })
    };
    let write = |text: &str| sink.write(text.as_bytes()).map_err(Stop::Other);
    let records = records.map(|r| r.map_err(Stop::Review));
    apply_stream(records, read, write).map_err(|stop| match stop {
        Stop::Review(e) => Failure(format!("{}: {e}", review_path.display())),
        Stop::Other(failure) => failure,
    })?;
    target.finish(sink)
}

/// Why a streamed `apply` stopped: the review file, or reading or writing.
enum Stop {
    Review(review::ReviewError),
    Other(Failure),
}

impl From<review::ReviewError> for Stop {
    fn from(e: review::ReviewError) -> Self {
        Stop::Review(e)
    }
}
