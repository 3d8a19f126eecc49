//! `ocrmend fix`: correct every input, write the corrected text, the diff, the review file
//! and a summary.

use super::io::{corpus_of, load, read_file, write_atomic, write_output, Loaded, Source};
use super::stream::{self, streamable, Streamed};
use super::{Failure, FixArgs, LexiconArgs};
use clap::ColorChoice;
use ocrmend::calibrate::Calibration;
use ocrmend::render::diff::{coloured_diff, unified_diff};
use ocrmend::render::{html, review, summary::Summary};
use ocrmend::{ChannelModel, Edit, Layer, Lexicon, Mender, Options};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// One input, mended.
pub struct Done {
    /// The input.
    pub loaded: Loaded,
    /// Every edit, applied and suggested.
    pub edits: Vec<Edit>,
    /// The text with the applied edits made.
    pub corrected: String,
}

/// Reads every input and mends it, in parallel, with the words the whole run proves by
/// repetition in the lexicon; inputs that cannot be read are returned as failures.
pub fn mend_inputs(
    mender: &mut Mender,
    inputs: &[std::path::PathBuf],
    encoding: Option<ocrmend::Encoding>,
    quiet: bool,
) -> (Vec<Done>, Vec<Failure>) {
    let (loaded, failures) = load(inputs, encoding);
    (mend_loaded(mender, loaded, quiet), failures)
}

/// Mends inputs already read, in parallel, with the words they prove by repetition in the
/// lexicon.
fn mend_loaded(mender: &mut Mender, loaded: Vec<Loaded>, quiet: bool) -> Vec<Done> {
    let corpus = corpus_of(&loaded);
    mender.adopt(&corpus);
    let mender = &*mender;
    let texts: Vec<&str> = loaded.iter().map(|l| l.decoded.text.as_str()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let bar = progress_bar(quiet, texts.len() > 1, bytes);
    let progress = |n: usize| {
        if let Some(b) = &bar {
            b.inc(n as u64);
        }
    };
    let mended: Vec<(Vec<Edit>, String)> = mender
        .mend_all_reporting(&texts, &corpus, &progress)
        .into_iter()
        .map(|m| {
            let corrected = m.corrected();
            (m.edits, corrected)
        })
        .collect();
    let done = loaded
        .into_iter()
        .zip(mended)
        .map(|(loaded, (edits, corrected))| Done {
            loaded,
            edits,
            corrected,
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    done
}

/// Inputs larger than this (in all) get a progress bar even when there is only one.
const PROGRESS_BYTES: usize = 1 << 20;

/// A progress bar over `bytes` for batches and big inputs, on a terminal only.
pub fn progress_bar(quiet: bool, batch: bool, bytes: usize) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() || !(batch || bytes > PROGRESS_BYTES) {
        return None;
    }
    let bar = indicatif::ProgressBar::new(bytes as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Runs `fix`.
pub fn run(args: FixArgs) -> Result<ExitCode, Failure> {
    if args.in_place && args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure(
            "--in-place cannot write back to standard input; use -o".into(),
        ));
    }
    let mut mender = build_mender(&args.lexicon, args.threshold)?;
    let (done, mut failures) = match streamable(&args) {
        Some(source) => match stream::run(&args, &mender, &source)? {
            Streamed::Done(summary) => return Ok(finish(&args, summary, &[])),
            Streamed::ReadWhole(bytes) => {
                let name = source.name();
                match ocrmend::decode(&bytes, args.encoding) {
                    Ok(decoded) => {
                        if let Some(w) = &decoded.warning {
                            eprintln!("ocrmend: warning: {name}: {w}");
                        }
                        let loaded = vec![Loaded { source, decoded }];
                        (mend_loaded(&mut mender, loaded, args.quiet), Vec::new())
                    }
                    Err(e) => (Vec::new(), vec![Failure(format!("{name}: {e}"))]),
                }
            }
        },
        None => mend_inputs(&mut mender, &args.inputs, args.encoding, args.quiet),
    };
    write_results(&args, &done, &mut failures)?;
    let mut summary = Summary::default();
    for d in &done {
        summary.add(&d.edits);
    }
    Ok(finish(&args, summary, &failures))
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
    let mut options = Options::default();
    if let Some(t) = threshold {
        options.thresholds.apply = t;
        options.thresholds.suggest = options.thresholds.suggest.min(t);
    }
    let channel = match &args.model {
        Some(path) => {
            let bytes = read_file(path)?;
            let table = String::from_utf8(bytes)
                .map_err(|_| Failure(format!("model {}: not UTF-8 text", path.display())))?;
            ChannelModel::with_shapes(&table)
                .map_err(|e| Failure(format!("model {}: {e}", path.display())))?
        }
        None => ChannelModel::default(),
    };
    options.calibration = match &args.calibration {
        Some(path) if path.as_os_str() == "none" => None,
        Some(path) => Some(read_calibration(path)?),
        None => options.calibration,
    };
    Ok(Mender::new(lexicon, channel, options))
}

/// A calibration table from `ocrmend calibrate`, with errors that name the file.
pub fn read_calibration(path: &Path) -> Result<Calibration, Failure> {
    let table = String::from_utf8(read_file(path)?)
        .map_err(|_| Failure(format!("calibration {}: not UTF-8 text", path.display())))?;
    Calibration::parse(&table).map_err(|e| Failure(format!("calibration {}: {e}", path.display())))
}

/// Adds a user dictionary: a plain list, or a Hunspell `.dic` with its `.aff` beside it.
fn add_dictionary(lexicon: &mut Lexicon, path: &Path) -> Result<(), Failure> {
    let text = |p: &Path| -> Result<String, Failure> {
        let bytes = read_file(p)?;
        Ok(ocrmend::decode(&bytes, None)
            .map_err(|e| Failure(format!("dictionary {}: {e}", p.display())))?
            .text)
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
        lexicon.add_list(&dic, Layer::User);
    }
    Ok(())
}

/// Copies `path` to its name plus `suffix` (if asked), before it is replaced; a file that
/// cannot be backed up is not replaced.
fn backup(path: &Path, suffix: Option<&str>) -> Result<(), Failure> {
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

/// The HTML review pages: one file for one input; for several, a folder with a page per
/// input and an index.
fn write_html(path: &Path, done: &[Done]) -> Result<(), Failure> {
    let page = |d: &Done| {
        let name = d.loaded.source.name();
        let records = review::records(&name, &d.loaded.decoded.text, &d.edits, 1);
        html::review_page(&name, &d.loaded.decoded.text, &records)
    };
    if let [one] = done {
        return write_atomic(path, page(one).as_bytes());
    }
    std::fs::create_dir_all(path)
        .map_err(|e| Failure(format!("cannot create {}: {e}", path.display())))?;
    let mut index = Vec::new();
    for d in done {
        let name = d.loaded.source.name();
        let file = format!(
            "{}.html",
            name.trim_start_matches("./").replace(['/', '\\'], "_")
        );
        write_atomic(&path.join(&file), page(d).as_bytes())?;
        index.push((name, file, d.edits.len()));
    }
    write_atomic(
        &path.join("index.html"),
        html::index_page(&index).as_bytes(),
    )
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

fn write_results(
    args: &FixArgs,
    done: &[Done],
    failures: &mut Vec<Failure>,
) -> Result<(), Failure> {
    // `--diff -`: the diff takes standard output, unless the text was sent there with `-o -`.
    let diff_to_stdout = args.diff.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(dir) = &args.out_dir {
        for d in done {
            let target = match &d.loaded.source {
                Source::Stdin => dir.join("stdin.txt"),
                Source::File { rel, .. } => dir.join(rel),
            };
            let made = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())));
            let bytes = d.loaded.decoded.encode(&d.corrected);
            if let Err(f) = made.and_then(|()| write_atomic(&target, &bytes)) {
                failures.push(f);
            }
        }
    } else if args.in_place {
        for d in done {
            if let Source::File { path, .. } = &d.loaded.source {
                if d.corrected != d.loaded.decoded.text {
                    let written = backup(path, args.backup.as_deref())
                        .and_then(|()| write_atomic(path, &d.loaded.decoded.encode(&d.corrected)));
                    if let Err(f) = written {
                        failures.push(f);
                    }
                }
            }
        }
    } else if !(diff_to_stdout && args.output.is_none()) {
        let mut all = Vec::new();
        for d in done {
            all.extend(d.loaded.decoded.encode(&d.corrected));
        }
        write_output(args.output.as_deref(), &all)?;
    }
    if let Some(path) = &args.diff {
        let colour = diff_in_colour(args);
        let render = if colour { coloured_diff } else { unified_diff };
        let text: String = done
            .iter()
            .map(|d| {
                render(
                    &d.loaded.decoded.text,
                    &d.corrected,
                    &d.loaded.source.name(),
                )
            })
            .collect();
        write_output(Some(path), text.as_bytes())?;
    }
    if let Some(path) = &args.html {
        write_html(path, done)?;
    }
    if let Some(path) = &args.review {
        let mut records = Vec::new();
        for d in done {
            let first = records.len() + 1;
            records.extend(review::records(
                &d.loaded.source.name(),
                &d.loaded.decoded.text,
                &d.edits,
                first,
            ));
        }
        write_output(Some(path), review::to_jsonl(&records).as_bytes())?;
    }
    Ok(())
}
