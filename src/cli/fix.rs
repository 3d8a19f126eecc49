//! `ocrmend fix`: correct every input, write the corrected text, the diff, the review file
//! and a summary.

use super::io::{collect, read_file, write_atomic, write_output, Source};
use super::{Failure, FixArgs};
use ocrmend::render::{diff::unified_diff, review, summary::Summary};
use ocrmend::{ChannelModel, Corpus, Decoded, Edit, Layer, Lexicon, Mender, Options};
use rayon::prelude::*;
use std::process::ExitCode;

struct Loaded {
    source: Source,
    decoded: Decoded,
}

struct Done {
    loaded: Loaded,
    edits: Vec<Edit>,
    corrected: String,
}

/// Runs `fix`.
pub fn run(args: FixArgs) -> Result<ExitCode, Failure> {
    if args.in_place && args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure(
            "--in-place cannot write back to standard input; use -o".into(),
        ));
    }
    let mender = build_mender(&args)?;
    let (sources, mut failures) = collect(&args.inputs);
    let mut loaded = Vec::new();
    for source in sources {
        let name = source.name();
        let read = source.read().and_then(|bytes| {
            ocrmend::decode(&bytes, args.encoding).map_err(|e| Failure(format!("{name}: {e}")))
        });
        match read {
            Ok(decoded) => {
                if let Some(w) = &decoded.warning {
                    eprintln!("ocrmend: warning: {name}: {w}");
                }
                loaded.push(Loaded { source, decoded });
            }
            Err(f) => failures.push(f),
        }
    }
    let corpus = loaded.iter().fold(Corpus::new(), |mut c, l| {
        c.add_text(&l.decoded.text);
        c
    });
    let done: Vec<Done> = loaded
        .into_par_iter()
        .map(|loaded| {
            let mended = mender.mend_with(&loaded.decoded.text, &corpus);
            let corrected = mended.corrected();
            let edits = mended.edits;
            Done {
                loaded,
                edits,
                corrected,
            }
        })
        .collect();
    write_results(&args, &done, &mut failures)?;
    let mut summary = Summary::default();
    for d in &done {
        summary.add(&d.edits);
    }
    summary.failed = failures.len();
    for Failure(msg) in &failures {
        eprintln!("ocrmend: error: {msg}");
    }
    if !args.quiet {
        eprintln!("ocrmend: {summary}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn build_mender(args: &FixArgs) -> Result<Mender, Failure> {
    let mut lexicon = Lexicon::embedded();
    for path in &args.dicts {
        let bytes = read_file(path)?;
        let list = ocrmend::decode(&bytes, None)
            .map_err(|e| Failure(format!("dictionary {}: {e}", path.display())))?;
        lexicon.add_list(&list.text, Layer::User);
    }
    let mut options = Options::default();
    if let Some(t) = args.threshold {
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
    Ok(Mender::new(lexicon, channel, options))
}

fn write_results(
    args: &FixArgs,
    done: &[Done],
    failures: &mut Vec<Failure>,
) -> Result<(), Failure> {
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
                    if let Err(f) = write_atomic(path, &d.loaded.decoded.encode(&d.corrected)) {
                        failures.push(f);
                    }
                }
            }
        }
    } else {
        let mut all = Vec::new();
        for d in done {
            all.extend(d.loaded.decoded.encode(&d.corrected));
        }
        write_output(args.output.as_deref(), &all)?;
    }
    if let Some(path) = &args.diff {
        let text: String = done
            .iter()
            .map(|d| {
                unified_diff(
                    &d.loaded.decoded.text,
                    &d.corrected,
                    &d.loaded.source.name(),
                )
            })
            .collect();
        write_output(Some(path), text.as_bytes())?;
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
