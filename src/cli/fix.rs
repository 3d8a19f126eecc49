//! `ocrmend fix`: correct every input, write the corrected text, the diff, the review file
//! and a summary.

use super::clobber::Paths;
use super::io::{
    collect, decode_named, evidence_of, evidence_texts, load_one, one_target_each, read_file,
    Loaded, Reading, Source,
};
use super::outputs::Outputs;
use super::stream::{self, streamable, Streamed};
use super::{Failure, FixArgs, LexiconArgs};
use clap::ColorChoice;
use ocrmend::calibrate::Calibration;
use ocrmend::render::summary::Summary;
use ocrmend::stream::HEAD_BYTES;
use ocrmend::{ChannelModel, Corpus, Edit, Layer, Lexicon, Mender, Options, Span};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One input, mended.
pub struct Done {
    /// The input.
    pub loaded: Loaded,
    /// Every edit, applied and suggested.
    pub edits: Vec<Edit>,
    /// The text with the applied edits made.
    pub corrected: String,
    /// The suspect words no edit touches ([`ocrmend::Mended::unresolved`]).
    pub unresolved: Vec<Span>,
}

/// Mends inputs already read, in parallel, with the words they prove by repetition in the
/// lexicon (in their first [`EVIDENCE_BYTES`](ocrmend::stream::EVIDENCE_BYTES), as a stream
/// would take them).
fn mend_loaded(mender: &mut Mender, loaded: Vec<Loaded>, quiet: bool) -> Vec<Done> {
    let corpus = evidence_of(&loaded);
    mender.adopt(&corpus);
    mender.adopt_readings(&evidence_texts(&loaded), &corpus);
    let bytes: usize = loaded.iter().map(|l| l.decoded.text.len()).sum();
    let progress = Progress::new(quiet, loaded.len() > 1, bytes);
    let done = mend_group(mender, loaded, &corpus, &|n| progress.inc(n));
    progress.finish();
    done
}

/// Inputs larger than this (in all) get a progress bar even when there is only one.
const PROGRESS_BYTES: usize = 1 << 20;

/// A progress bar over `bytes` for batches and big inputs, on a terminal only (else it
/// shows nothing).
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A bar for `bytes` of input; `batch` when there are several inputs.
    pub fn new(quiet: bool, batch: bool, bytes: usize) -> Progress {
        if quiet || !std::io::stderr().is_terminal() || !(batch || bytes > PROGRESS_BYTES) {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(bytes as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left",
        ) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// Counts `n` more bytes done.
    pub fn inc(&self, n: usize) {
        if let Some(b) = &self.0 {
            b.inc(n as u64);
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(b) = self.0 {
            b.finish_and_clear();
        }
    }
}

/// Runs `fix`.
pub fn run(args: FixArgs) -> Result<ExitCode, Failure> {
    Paths::of(args.inputs.iter().map(PathBuf::as_path))
        .writes("-o", args.output.as_deref())
        .writes("--diff", args.diff.as_deref())
        .writes("--review", args.review.as_deref())
        .writes("--html", args.html.as_deref())
        .out_dir(args.out_dir.as_deref())
        .check()?;
    if args.in_place.on && args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure(
            "--in-place cannot write back to standard input; use -o".into(),
        ));
    }
    let mut mender = build_mender(&args.lexicon, args.threshold)?;
    let Some(source) = streamable(&args) else {
        return run_batch(&args, &mut mender);
    };
    match stream::run(&args, &mender, &source)? {
        Streamed::Done(summary) => Ok(finish(&args, summary, &[])),
        Streamed::ReadWhole(bytes) => {
            let (done, mut failures) =
                mend_whole(&mut mender, source, &bytes, reading(&args), args.quiet);
            let mut outputs = Outputs::open(&args, 1)?;
            let mut summary = Summary::default();
            for d in &done {
                outputs.add(d, &mut failures)?;
                summary.add(&d.edits);
            }
            outputs.finish()?;
            Ok(finish(&args, summary, &failures))
        }
    }
}

/// How `fix` reads its inputs: it writes their corrected text.
fn reading(args: &FixArgs) -> Reading {
    Reading {
        encoding: args.encoding,
        writes_text: true,
    }
}

/// Decodes the `bytes` of `source` (a stream that proved not to be UTF-8, or may not be)
/// and mends them whole: the input mended, or why it could not be decoded.
pub fn mend_whole(
    mender: &mut Mender,
    source: Source,
    bytes: &[u8],
    reading: Reading,
    quiet: bool,
) -> (Vec<Done>, Vec<Failure>) {
    match decode_named(&source.name(), bytes, reading) {
        Ok(decoded) => {
            let loaded = vec![Loaded { source, decoded }];
            (mend_loaded(mender, loaded, quiet), Vec::new())
        }
        Err(f) => (Vec::new(), vec![f]),
    }
}

/// Inputs are mended in groups of about this many bytes, and their outputs written, before
/// the next group is read: memory stays flat however many inputs a batch has.
const GROUP_BYTES: usize = ocrmend::stream::PIECE_BYTES;

/// `fix` over several inputs (or one that cannot be streamed), group by group
/// ([`each_group`]).
fn run_batch(args: &FixArgs, mender: &mut Mender) -> Result<ExitCode, Failure> {
    let (sources, mut failures) = collect(&args.inputs, args.out_dir.as_deref());
    if args.out_dir.is_some() {
        one_target_each(&sources)?;
    }
    let mut outputs = Outputs::open(args, sources.len())?;
    let mut summary = Summary::default();
    let read = each_group(
        mender,
        sources,
        reading(args),
        args.quiet,
        |group, failures| {
            for d in group {
                outputs.add(&d, failures)?;
                summary.add(&d.edits);
            }
            Ok(())
        },
    )?;
    failures.extend(read);
    outputs.finish()?;
    Ok(finish(args, summary, &failures))
}

/// Reads, mends and hands to `each` the `sources` of a batch, group by group (with the
/// failures so far, for the inputs whose output cannot be written), with a progress bar
/// unless `quiet`; the inputs that could not be read are returned as failures. The words
/// the run proves by repetition are learned from its first inputs (their first
/// [`EVIDENCE_BYTES`](ocrmend::stream::EVIDENCE_BYTES), as a stream's, read with up to
/// [`HEAD_BYTES`] of them).
pub fn each_group(
    mender: &mut Mender,
    sources: Vec<Source>,
    reading: Reading,
    quiet: bool,
    mut each: impl FnMut(Vec<Done>, &mut Vec<Failure>) -> Result<(), Failure>,
) -> Result<Vec<Failure>, Failure> {
    let mut failures = Vec::new();
    let total: usize = sources.iter().map(Source::size).sum();
    let mut queue = sources.into_iter().peekable();
    let mut read = |limit: usize, failures: &mut Vec<Failure>| {
        let mut group = Vec::new();
        let mut bytes = 0;
        while bytes < limit {
            let Some(source) = queue.next() else { break };
            match load_one(source, reading) {
                Ok(l) => {
                    bytes += l.decoded.text.len();
                    group.push(l);
                }
                Err(f) => failures.push(f),
            }
        }
        group
    };
    // The head of the run is the corpus evidence for all of it.
    let mut head = read(HEAD_BYTES, &mut failures);
    let corpus = evidence_of(&head);
    mender.adopt(&corpus);
    mender.adopt_readings(&evidence_texts(&head), &corpus);
    let progress = Progress::new(quiet, true, total);
    loop {
        let group: Vec<Loaded> = if head.is_empty() {
            read(GROUP_BYTES, &mut failures)
        } else {
            let mut bytes = 0;
            let n = head
                .iter()
                .take_while(|l| {
                    let more = bytes < GROUP_BYTES;
                    bytes += l.decoded.text.len();
                    more
                })
                .count();
            head.drain(..n).collect()
        };
        if group.is_empty() {
            break;
        }
        each(
            mend_group(mender, group, &corpus, &|n| progress.inc(n)),
            &mut failures,
        )?;
    }
    progress.finish();
    Ok(failures)
}

/// Mends inputs in parallel with `corpus` as their evidence (the mender has adopted it).
fn mend_group(
    mender: &Mender,
    loaded: Vec<Loaded>,
    corpus: &Corpus,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Done> {
    let texts: Vec<&str> = loaded.iter().map(|l| l.decoded.text.as_str()).collect();
    let mended: Vec<(Vec<Edit>, String, Vec<Span>)> = mender
        .mend_all_reporting(&texts, corpus, progress)
        .into_iter()
        .map(|m| {
            let corrected = m.corrected();
            (m.edits, corrected, m.unresolved)
        })
        .collect();
    loaded
        .into_iter()
        .zip(mended)
        .map(|(loaded, (edits, corrected, unresolved))| Done {
            loaded,
            edits,
            corrected,
            unresolved,
        })
        .collect()
}

/// Reports the run on stderr; its exit code.
fn finish(args: &FixArgs, mut summary: Summary, failures: &[Failure]) -> ExitCode {
    summary.failed = failures.len();
    for Failure(msg) in failures {
        eprintln!("ocrmend: error: {msg}");
    }
    if !args.quiet {
        eprintln!("ocrmend: {summary}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// A mender over the embedded lexicon with the domains, dictionaries and model asked for.
pub fn build_mender(args: &LexiconArgs, threshold: Option<f64>) -> Result<Mender, Failure> {
    let mut lexicon = Lexicon::embedded();
    for domain in &args.domains {
        lexicon.add_list(domain.text, Layer::Domain);
    }
    for path in &args.dicts {
        add_dictionary(&mut lexicon, path)?;
    }
    let channel = std::thread::scope(|s| {
        // The embedded calibration is read while the channel model is (each takes about as
        // long, at every start).
        if args.calibration.is_none() {
            s.spawn(Calibration::embedded);
        }
        channel_model(args.model.as_deref())
    })?;
    let mut options = Options {
        learn_readings: !args.no_learned_readings,
        ..Options::default()
    };
    if let Some(t) = threshold {
        options.thresholds.apply = t;
        options.thresholds.suggest = options.thresholds.suggest.min(t);
    }
    options.calibration = match &args.calibration {
        Some(path) if path.as_os_str() == "none" => None,
        Some(path) => Some(read_calibration(path)?),
        None => options.calibration,
    };
    Ok(Mender::new(lexicon, channel, options))
}

/// The channel model in `path` (from `ocrmend train`), or the embedded one.
fn channel_model(path: Option<&Path>) -> Result<ChannelModel, Failure> {
    let Some(path) = path else {
        return Ok(ChannelModel::default());
    };
    let table = String::from_utf8(read_file(path)?)
        .map_err(|_| Failure(format!("model {}: not UTF-8 text", path.display())))?;
    ChannelModel::with_shapes(&table).map_err(|e| Failure(format!("model {}: {e}", path.display())))
}

/// A calibration table from `ocrmend calibrate`, with errors that name the file.
pub fn read_calibration(path: &Path) -> Result<Calibration, Failure> {
    let table = String::from_utf8(read_file(path)?)
        .map_err(|_| Failure(format!("calibration {}: not UTF-8 text", path.display())))?;
    Calibration::parse(&table).map_err(|e| Failure(format!("calibration {}: {e}", path.display())))
}

/// Adds a user dictionary: a plain list, or a Hunspell `.dic` with its `.aff` beside it.
fn add_dictionary(lexicon: &mut Lexicon, path: &Path) -> Result<(), Failure> {
    // A list saved by Notepad begins with a byte-order mark, which is no part of its first word.
    let text = |p: &Path| -> Result<String, Failure> {
        let bytes = read_file(p)?;
        let text = ocrmend::decode(&bytes, None)
            .map_err(|e| Failure(format!("dictionary {}: {e}", p.display())))?
            .text;
        Ok(ocrmend::decode::after_byte_order_mark(&text).to_owned())
    };
    let dic = text(path)?;
    if path.extension().is_some_and(|e| e == "dic") {
        let aff_path = path.with_extension("aff");
        if !aff_path.is_file() {
            return Err(Failure(format!(
                "dictionary {}: a Hunspell .dic needs its .aff beside it ({} not found); \
                 for a plain word list use another extension",
                path.display(),
                aff_path.display()
            )));
        }
        lexicon
            .add_hunspell(&text(&aff_path)?, &dic, Layer::User)
            .map_err(|e| Failure(format!("dictionary {}: {e}", path.display())))?;
    } else {
        let read = lexicon.add_list(&dic, Layer::User);
        let phrases = ocrmend::lexicon::domain::words(&dic)
            .filter(|(w, _)| w.contains(char::is_whitespace))
            .count();
        if phrases > 2 && phrases * 2 > read {
            eprintln!(
                "ocrmend: warning: dictionary {}: {phrases} of its {read} lines hold several \
                 words, which never match a word of the text; a list has one word a line (to \
                 gather the words a text proves, run `ocrmend dict learn` on it)",
                path.display()
            );
        }
    }
    Ok(())
}

/// Copies `path` to its name plus `suffix` (if asked), before it is replaced; a file that
/// cannot be backed up is not replaced.
pub fn backup(path: &Path, suffix: Option<&str>) -> Result<(), Failure> {
    let Some(suffix) = suffix else {
        return Ok(());
    };
    let mut target = path.as_os_str().to_owned();
    target.push(suffix);
    std::fs::copy(path, &target).map(|_| ()).map_err(|e| {
        Failure(format!(
            "cannot back up {} to {}: {e}; the file was left as it was",
            path.display(),
            Path::new(&target).display()
        ))
    })
}

/// True when the diff goes to standard output and is to be coloured (`--color`, a
/// terminal, `NO_COLOR`).
pub fn diff_in_colour(args: &FixArgs) -> bool {
    args.diff.as_deref().is_some_and(|p| p.as_os_str() == "-")
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
}
