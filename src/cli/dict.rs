//! `ocrmend dict`: the embedded domain lists, and user dictionaries learned from a corpus.

use super::fix::build_mender;
use super::io::{corpus_of, load, write_output};
use super::{DictArgs, DictCommand, Failure, LearnArgs};
use ocrmend::lexicon::domain::DOMAINS;
use std::fmt::Write;
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
    let mender = build_mender(&args.lexicon, None)?;
    let (loaded, failures) = load(&args.inputs, args.encoding);
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    let corpus = corpus_of(&loaded);
    let learned = mender.learn(&corpus);
    let mut out = format!(
        "# Learned by `ocrmend dict learn` from {} input(s): words seen at least {} times,\n\
         # written the same way, that the lexicon lacks and misreadings do not explain.\n\
         # Review before use; then `ocrmend fix --dict FILE`.\n",
        loaded.len(),
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
