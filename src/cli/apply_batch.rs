//! `ocrmend apply` over several inputs or a folder, with the review file `fix` wrote for
//! them all: each input's text, with its accepted edits made, goes into `--out-dir` under
//! its own name, as `fix --out-dir` writes it, or replaces the input (`--in-place`). The
//! review file is read once, and each input a piece at a time, when each input's records
//! stand together and in text order (as `fix` writes them); else each record's place is
//! noted per input, and the records are read again from there in text order
//! ([`super::apply_sorted`]).

use super::apply::{apply_to, input_name, layout, open_lines, Run, Target};
use super::apply_sorted::{place, read_placed, Place};
use super::io::{collect, one_target_each, target_in, Sink, Source};
use super::{ApplyArgs, Failure};
use ocrmend::render::review::{self, ReviewError, ReviewRecord};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

/// Runs `apply` on a batch: exit 0 when every input's text was written, 2 otherwise.
pub fn run(args: &ApplyArgs) -> Result<ExitCode, Failure> {
    let dir = args.out_dir.as_deref();
    if dir.is_none() && !args.in_place.on {
        return Err(Failure(
            "several inputs, or a folder, need --out-dir DIR (apply writes each input's text \
             there, as fix --out-dir does) or --in-place"
                .into(),
        ));
    }
    let (sources, mut failures) = collect(&args.inputs, dir);
    if dir.is_some() {
        one_target_each(&sources)?;
    }
    let names: HashMap<String, &Source> = sources
        .iter()
        .map(|s| (input_name(&s.name()).to_owned(), s))
        .collect();
    let layout = layout(&args.review)?;
    let unknown: Vec<&String> = layout
        .names
        .iter()
        .filter(|n| !names.contains_key(*n))
        .collect();
    if let Some(first) = unknown.first() {
        if unknown.len() == layout.names.len() {
            let others = match unknown.len() {
                1 => String::new(),
                n => format!(" and {} other inputs", n - 1),
            };
            return Err(Failure(format!(
                "{} has edits for {first}{others} but none for these inputs; name the inputs \
                 as they were named to `fix` (from the folder `fix` was run in)",
                args.review.display()
            )));
        }
        eprintln!(
            "ocrmend: warning: {} has edits for inputs not among these, left out: {}",
            args.review.display(),
            super::some_of(&unknown)
        );
    }
    let run = Run::new(args, true, sources.iter().map(Source::size).sum());
    let backup = args.in_place.backup.as_deref();
    let mut apply = |source: &Source, records: &mut dyn Iterator<Item = Record>| {
        let written = match (dir, source) {
            (Some(dir), _) => target_in(dir, source)
                .and_then(|path| apply_to(source, records, Target::to(Some(&path)), &run)),
            (None, Source::File { path, .. }) => {
                let target = Target::replacing(path, backup);
                apply_to(source, records, target, &run)
            }
            (None, Source::Stdin) => Err(Failure(
                "--in-place cannot write back to standard input; use --out-dir".into(),
            )),
        };
        if let Err(f) = written {
            failures.push(f);
        }
    };
    let mut done = HashSet::new();
    if layout.in_order {
        // One pass: each input's records, as they come, as it is read.
        let mut records =
            review::read_lines::<ReviewRecord, _>(open_lines(&args.review)?).peekable();
        while let Some(next) = records.peek() {
            let name = match next {
                Ok(r) => input_name(&r.file).to_owned(),
                Err(e) => return Err(Failure(format!("{}: {e}", args.review.display()))),
            };
            let same = |r: &Record| r.as_ref().is_ok_and(|r| input_name(&r.file) == name);
            if let Some(source) = names.get(&name) {
                let mut mine = std::iter::from_fn(|| records.next_if(same).map(slim));
                apply(source, &mut mine);
                done.insert(name.clone());
            }
            // What a failed input left of its records, or those of no input.
            while records.next_if(same).is_some() {}
        }
    } else {
        // Room for exactly the places of the records of the inputs given.
        let given: Vec<(&String, usize)> = (layout.names.iter())
            .zip(layout.counts.iter().copied())
            .filter(|(n, _)| names.contains_key(*n))
            .collect();
        let bins: HashMap<&str, usize> = (given.iter().enumerate())
            .map(|(i, (n, _))| (n.as_str(), i))
            .collect();
        let mut held: Vec<Vec<Place>> = given.iter().map(|&(_, c)| Vec::with_capacity(c)).collect();
        place(&args.review, |n| bins.get(n).copied(), &mut held)?;
        for ((name, _), places) in given.into_iter().zip(held) {
            if let Some(source) = names.get(name) {
                apply(source, &mut read_placed(&args.review, places)?);
                done.insert(name.clone());
            }
        }
    }
    // The inputs the review file has no edits for are written as they are (in place, left).
    for source in sources
        .iter()
        .filter(|s| !done.contains(input_name(&s.name())))
    {
        if let Some(dir) = dir {
            if let Err(f) = target_in(dir, source).and_then(|t| copy(source, &t)) {
                failures.push(f);
            }
            run.progress.inc(source.size());
        }
    }
    run.progress.finish();
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    Ok(match failures.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::from(2),
    })
}

/// A record of the review file as it is read.
type Record = Result<ReviewRecord, ReviewError>;

/// A record with only what applying needs ([`review::slim`]).
fn slim(record: Record) -> Record {
    record.map(review::slim)
}

/// Writes `source` to `target` as it is, a block at a time.
fn copy(source: &Source, target: &Path) -> Result<(), Failure> {
    let mut input = source.open()?;
    let mut sink = Sink::create(Some(target))?;
    let mut block = vec![0u8; 1 << 16];
    loop {
        let n = match input.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure(format!("cannot read {}: {e}", source.name()))),
        };
        sink.write(&block[..n])?;
    }
    sink.finish()
}
