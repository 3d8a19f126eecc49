//! Command-line arguments and dispatch. Exit codes: 0 success, 1 problems found (`check`),
//! 2 usage, input or output errors.

mod apply;
mod apply_batch;
mod apply_sorted;
mod calibrate;
mod check;
mod clobber;
mod dict;
mod eval;
mod fix;
mod io;
mod outputs;
mod review;
mod stream;
mod train;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Repairs raw OCR text: corrected text, a reviewable diff, and a review file.
#[derive(Debug, Parser)]
#[command(name = "ocrmend", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Threads to use (default: one per core). The output is the same whatever the number.
    #[arg(long, short = 'j', global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Correct OCR text: write the corrected text, and optionally a diff and a review file.
    Fix(FixArgs),
    /// Make exactly the edits accepted in a review file.
    Apply(ApplyArgs),
    /// Go through a review file on the terminal, edit by edit, as `git add -p` does; each
    /// decision is saved to the file at once.
    Review(ReviewArgs),
    /// Learn a channel model (how this scanner misreads) from OCR pages and their corrected text.
    Train(TrainArgs),
    /// Fit the calibrated confidence on OCR pages and their corrected text (or, with
    /// --evaluate, show how well a calibration holds on them).
    Calibrate(CalibrateArgs),
    /// Score corrected text against ground truth: CER, WER, fixed / broken words, precision
    /// (the definitions of the team's score.py).
    Eval(EvalArgs),
    /// Detect only: one `path:line:col: before -> after (confidence)` line per suspect word;
    /// exit 1 when there are any.
    Check(CheckArgs),
    /// Dictionaries: list the embedded domain lists, learn a user dictionary from a corpus.
    Dict(DictArgs),
}

/// Arguments of `ocrmend calibrate`.
#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// OCR output: a folder of <id>.ocr.txt (or <id>.txt) files, or one file.
    #[arg(long, value_name = "DIR", required_unless_present = "reviewed")]
    pub ocr: Option<PathBuf>,
    /// Corrected text: a folder of <id>.gt.txt (or <id>.txt) files, or one file.
    #[arg(long, value_name = "DIR", required_unless_present = "reviewed")]
    pub gt: Option<PathBuf>,
    /// Where to write the fitted calibration (for `fix --calibration`).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        required_unless_present = "evaluate"
    )]
    pub output: Option<PathBuf>,
    /// Fit nothing: print the reliability table of this calibration on these pages: the
    /// calibrated edits `fix` writes with it, by the confidence it gives them, and how many
    /// the ground truth says are right.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    pub evaluate: Option<PathBuf>,
    /// With --evaluate: also list the edits the ground truth says are wrong, surest first.
    #[arg(long, requires = "evaluate")]
    pub list_wrong: bool,
    /// Also write every judged decision to FILE as a table, for analysis: its features (the
    /// calibration's inputs), whether the ground truth says it is right, its confidence (the
    /// evaluated calibration's before the page's base rate moves it, else the raw share),
    /// where the edit starts in its page's OCR text (bytes) and the edit.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Judge each of K folds of the pages with a channel model trained on the others, for a
    /// model that is itself trained on these pages (as the embedded one is): a model is
    /// surer of its own training pages than of new ones, and so would be the calibration.
    #[arg(long, value_name = "K", conflicts_with = "model", value_parser = clap::value_parser!(u16).range(2..))]
    pub cross_fit: Option<u16>,
    /// Adapt the calibration in use (the embedded one, or --calibration's) to these pages
    /// instead of fitting one afresh: for a few dozen corrected pages of a source unlike
    /// the development sets, too few to fit a calibration of their own.
    #[arg(long, requires = "output")]
    pub adapt: bool,
    /// With --adapt: adapt to the edits a reviewer decided in these review files (`ocrmend
    /// review`, the HTML page) instead of to pages with ground truth: an edit accepted as
    /// proposed was right, one rejected or replaced was not. Repeatable.
    #[arg(
        long,
        value_name = "REVIEW",
        requires = "adapt",
        conflicts_with_all = ["ocr", "gt", "cross_fit", "decisions"]
    )]
    pub reviewed: Vec<PathBuf>,
    /// Dictionaries and model.
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Arguments of `ocrmend eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Ground truth: a file, or a folder of <id>.gt.txt (or <id>.txt) files.
    #[arg(long, value_name = "GT")]
    pub gt: PathBuf,
    /// The corrected text: a file, or a folder of <id>.txt files.
    #[arg(long, value_name = "OUT")]
    pub out: PathBuf,
    /// The OCR text: a file, or a folder of <id>.ocr.txt files (default: the --gt folder's;
    /// needed when --gt is a file).
    #[arg(long, value_name = "OCR")]
    pub ocr: Option<PathBuf>,
    /// Also print one line per document.
    #[arg(long)]
    pub per_doc: bool,
    /// Also write an HTML report: the figures, and each document's corrected text and OCR
    /// text against its ground truth, character by character.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Read typographic quotes, dashes, the ellipsis and the ligatures ﬁ ﬂ ﬀ ﬃ ﬄ as their
    /// plain characters in all three texts (score.py's --fold): for a transcription that
    /// prints them where the scan never does.
    #[arg(long)]
    pub fold: bool,
    /// Do not join words hyphenated across line breaks (score.py's --no-dehyphen).
    #[arg(long)]
    pub no_dehyphen: bool,
    /// Keep the lines: spaces flattened within a line only, line breaks counted as
    /// characters, no words joined across them (score.py's --keep-lines).
    #[arg(long)]
    pub keep_lines: bool,
    /// Score a document with no output as its OCR text unchanged (score.py's
    /// --allow-missing) instead of leaving it out.
    #[arg(long)]
    pub allow_missing: bool,
    /// `text` (a table) or `json` (one object with the keys of score.py's last line; with
    /// --per-doc, each document's figures under `documents`).
    #[arg(long, value_enum, default_value = "text")]
    pub format: EvalFormat,
    /// Also list the ground-truth words of these kinds, the words behind the counts
    /// (`--words broken,changed`): one a line, tab-separated, before the figures: document,
    /// kind, the word, the OCR text's words in its place, the output's (in JSON, under
    /// `word_effects`).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub words: Vec<ListedWords>,
}

/// The kinds of ground-truth words `eval --words` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListedWords {
    /// Wrong in the OCR text, right in the output.
    Fixed,
    /// Right in the OCR text, wrong in the output.
    Broken,
    /// Wrong in both, changed by the tool.
    Changed,
    /// Wrong in both, left alone.
    Missed,
}

impl ListedWords {
    /// The effect these words had.
    pub fn effect(self) -> ocrmend::evaluate::Effect {
        use ocrmend::evaluate::Effect;
        match self {
            ListedWords::Fixed => Effect::Fixed,
            ListedWords::Broken => Effect::Broken,
            ListedWords::Changed => Effect::ChangedStillWrong,
            ListedWords::Missed => Effect::Missed,
        }
    }
}

/// Output formats of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// The figures as a table.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `ocrmend check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, folders (every *.txt below them, hidden ones aside) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// `text` (one diagnostic a line) or `json` (JSON Lines, the review-file record).
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Report edits down to this confidence (0..1; default: every suggestion, down to 0.4).
    /// Below 0.4, the readings `fix` drops are listed too; every edit keeps the confidence
    /// `fix` gives it.
    #[arg(long, value_name = "X", value_parser = parse_unit)]
    pub threshold: Option<f64>,
    /// Also list the suspect words with no reading to suggest, or kept as they stand (an
    /// unknown name): `path:line:col: word (unresolved)`; in JSON, `"kind":"unresolved"`.
    #[arg(long)]
    pub unresolved: bool,
    /// Dictionaries and model.
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Read inputs in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<ocrmend::Encoding>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: before -> after (confidence)`.
    Text,
    /// JSON Lines: one review-file record per suspect.
    Json,
}

/// Arguments of `ocrmend train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// OCR output: a folder of <id>.ocr.txt (or <id>.txt) files, or one file.
    #[arg(long, value_name = "DIR")]
    pub ocr: PathBuf,
    /// Corrected text: a folder of <id>.gt.txt (or <id>.txt) files, or one file.
    #[arg(long, value_name = "DIR")]
    pub gt: PathBuf,
    /// Where to write the model (a confusion table, for `fix --model`).
    #[arg(short = 'o', long = "output", value_name = "MODEL")]
    pub output: PathBuf,
}

/// Arguments of `ocrmend fix`.
#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// Files, folders (every *.txt below them, hidden ones aside) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write the corrected text here (all inputs, one after another) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT", conflicts_with_all = ["out_dir", "in_place"])]
    pub output: Option<PathBuf>,
    /// Write each corrected input into DIR, keeping the names (and sub-folders) of the inputs.
    /// DIR is not read as input when it lies inside an input folder.
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out_dir: Option<PathBuf>,
    /// Writing the inputs back (`--in-place`, `--backup`).
    #[command(flatten)]
    pub in_place: InPlaceArgs,
    /// Write a unified diff (input → corrected) to FILE; `-` prints it on stdout instead of
    /// the text (unless `-o -` asks for both), with the changed words highlighted on a terminal.
    #[arg(long, value_name = "FILE")]
    pub diff: Option<PathBuf>,
    /// Colour the diff on stdout: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
    /// Write the review file (JSON Lines, one edit a line) to FILE.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// Write a self-contained HTML review page to PATH (several inputs: a folder with one
    /// page each and an index.html).
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// Dictionaries and model.
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Apply edits at or above this confidence (0..1); the rest are only suggested.
    #[arg(long, value_name = "X", value_parser = parse_unit)]
    pub threshold: Option<f64>,
    /// Read inputs in this encoding (utf-8, windows-1252, utf-16le, utf-16be) instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<ocrmend::Encoding>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The lexicon and channel-model options shared by the commands that correct.
#[derive(Debug, clap::Args)]
pub struct LexiconArgs {
    /// A user dictionary: one word a line, optionally `<TAB>count`, `#` comments; or a
    /// Hunspell `.dic` with its `.aff` beside it. Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Add an embedded domain list (see `ocrmend dict list`). Repeatable.
    #[arg(long = "domain", value_name = "NAME", value_parser = parse_domain)]
    pub domains: Vec<&'static ocrmend::lexicon::domain::Domain>,
    /// A channel model from `ocrmend train` instead of the embedded one.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
    /// A calibration from `ocrmend calibrate` instead of the embedded one (`none`: raw shares).
    #[arg(long, value_name = "FILE")]
    pub calibration: Option<PathBuf>,
    /// Skip the first pass that learns the words this scan misreads again and again (`wvas`
    /// for `was`) from its sure repairs: a fifth faster on a large run, a little less
    /// accurate on pages unlike the training pages.
    #[arg(long)]
    pub no_learned_readings: bool,
}

/// Arguments of `ocrmend dict`.
#[derive(Debug, clap::Args)]
pub struct DictArgs {
    #[command(subcommand)]
    pub command: DictCommand,
}

/// The `dict` sub-commands.
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// List the embedded domain lists (for `--domain`) and their sizes.
    List,
    /// Write a user dictionary of the words the inputs prove by repetition (names, terms),
    /// with their counts, for review and for `fix --dict`.
    Learn(LearnArgs),
}

/// Arguments of `ocrmend dict learn`.
#[derive(Debug, clap::Args)]
pub struct LearnArgs {
    /// Files, folders (every *.txt below them, hidden ones aside) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the dictionary (`-` or nothing: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only words seen at least this often (never fewer than the corpus layer's own minimum).
    #[arg(long, value_name = "N", default_value_t = ocrmend::learn::MIN_REPEATS)]
    pub min_count: u32,
    /// Dictionaries and model: words they know are not learned again.
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Read inputs in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<ocrmend::Encoding>,
}

/// Arguments of `ocrmend review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The original input the review file was made for.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// The review file (JSON Lines) to go through and update.
    #[arg(long, value_name = "FILE")]
    pub review: PathBuf,
    /// `a` accepts the remaining edits of at least this confidence.
    #[arg(long, value_name = "X", default_value_t = 0.8, value_parser = parse_unit)]
    pub threshold: f64,
    /// Read the input in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<ocrmend::Encoding>,
}

/// Writing each input back with its text, for `fix` and `apply`.
#[derive(Debug, clap::Args)]
pub struct InPlaceArgs {
    /// Replace each input file with its text, atomically (temporary file + rename): `fix`
    /// the files it changes, `apply` those its review file has edits for.
    #[arg(long = "in-place", id = "in_place")]
    pub on: bool,
    /// With --in-place, first copy each file replaced to its name plus SUFFIX (`.orig`).
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<String>,
}

/// Arguments of `ocrmend apply`.
#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The original input the review file was made for (`-` for standard input); or, with
    /// --out-dir or --in-place, the inputs (files, folders) of a batch review file, named as
    /// to `fix`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The review file (JSON Lines) with the reviewer's decisions.
    #[arg(long, value_name = "FILE")]
    pub review: PathBuf,
    /// Write the text here instead of stdout (one input).
    #[arg(short = 'o', long = "output", value_name = "OUT", conflicts_with_all = ["out_dir", "in_place"])]
    pub output: Option<PathBuf>,
    /// Write each input's text into DIR, keeping the names (and sub-folders) of the inputs,
    /// as `fix --out-dir` does; for several inputs or a folder, this or --in-place.
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out_dir: Option<PathBuf>,
    /// Writing the inputs back (`--in-place`, `--backup`); the review file then no longer
    /// matches them.
    #[command(flatten)]
    pub in_place: InPlaceArgs,
    /// Show no progress bar (one shows on a terminal for a batch or an input over 1 MB).
    #[arg(short, long)]
    pub quiet: bool,
    /// Read the input in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<ocrmend::Encoding>,
}

fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

fn parse_domain(s: &str) -> Result<&'static ocrmend::lexicon::domain::Domain, String> {
    ocrmend::lexicon::domain::find(s).ok_or_else(|| {
        let names: Vec<&str> = ocrmend::lexicon::domain::DOMAINS
            .iter()
            .map(|d| d.name)
            .collect();
        format!("no domain `{s}`; the domains are: {}", names.join(", "))
    })
}

fn parse_encoding(s: &str) -> Result<ocrmend::Encoding, String> {
    ocrmend::Encoding::from_label(s).ok_or_else(|| {
        format!("unknown encoding `{s}`; use utf-8, windows-1252, utf-16le or utf-16be")
    })
}

/// `names` for a message: the first three, then how many more (`a, b, c and 4 more`).
pub fn some_of<S: AsRef<str>>(names: &[S]) -> String {
    let shown: Vec<&str> = names.iter().take(3).map(AsRef::as_ref).collect();
    match names.len() - shown.len() {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// An error that ends the command with exit code 2 and a message on stderr.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Parses the command line, runs the command and returns its exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(n) = cli.jobs {
        // Fails only if a pool was already built, which nothing here does before this.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global();
    }
    let result = match cli.command {
        Command::Fix(args) => fix::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Review(args) => review::run(args),
        Command::Train(args) => train::run(args),
        Command::Calibrate(args) => calibrate::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Dict(args) => dict::run(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure(msg)) => {
            eprintln!("ocrmend: error: {msg}");
            ExitCode::from(2)
        }
    }
}
