//! `ocrmend dict`: the embedded domain lists, and user dictionaries learned from a corpus.

use super::clobber::Paths;
use super::fix::build_mender;
use super::io::{collect, decode_named, load_one, write_output, Reading, Source};
use super::stream::Pieces;
use super::{DictArgs, DictCommand, Failure, LearnArgs};
use ocrmend::lexicon::domain::DOMAINS;
use ocrmend::Corpus;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs `dict`.
pub fn run(args: DictArgs) -> Result<ExitCode, Failure> {
    match args.command {
        DictCommand::List => {
            let mut out = String::new();
            for d in DOMAINS {
                let _ = writeln!(out, "{:<26}{:>8} words  {}", d.name, d.len(), d.about);
            }
            write_output(None, out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Learn(args) => learn(args),
    }
}

fn learn(args: LearnArgs) -> Result<ExitCode, Failure> {
    Paths::of(args.inputs.iter().map(PathBuf::as_path))
        .writes("-o", args.output.as_deref())
        .check()?;
    let mender = build_mender(&args.lexicon, None)?;
    let (sources, mut failures) = collect(&args.inputs, None);
    // Counted input by input, a UTF-8 input a piece at a time: memory holds the counts.
    let mut corpus = Corpus::new();
    let mut counted = 0;
    for source in sources {
        let reading = Reading {
            encoding: args.encoding,
            writes_text: false,
        };
        match count_into(&mut corpus, source, reading) {
            Ok(()) => counted += 1,
            Err(f) => failures.push(f),
        }
    }
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    let learned = mender.learn(&corpus);
    let mut out = format!(
        "# Learned by `ocrmend dict learn` from {counted} input(s): words seen at least {} times,\n\
         # written the same way, that the lexicon lacks and misreadings do not explain.\n\
         # Review before use; then `ocrmend fix --dict FILE`.\n",
        args.min_count.max(ocrmend::learn::MIN_REPEATS)
    );
    for l in learned.iter().filter(|l| l.count >= args.min_count) {
        let _ = writeln!(out, "{}\t{}", l.word, l.count);
    }
    write_output(args.output.as_deref(), out.as_bytes())?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Adds the words of `source` to `corpus`: a UTF-8 input a piece at a time, any other read
/// whole as `reading` says.
fn count_into(corpus: &mut Corpus, source: Source, reading: Reading) -> Result<(), Failure> {
    if !reading.may_be_utf8() {
        corpus.add_text(&load_one(source, reading)?.decoded.text);
        return Ok(());
    }
    match Pieces::open(&source)? {
        Ok(mut pieces) => {
            while let Some((piece, _)) = pieces.next()? {
                corpus.add_text(piece);
            }
        }
        Err(bytes) => corpus.add_text(&decode_named(&source.name(), &bytes, reading)?.text),
    }
    Ok(())
}
