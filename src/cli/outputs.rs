//! The outputs of `ocrmend fix` over several inputs, written input by input as each is
//! mended: the corrected text (one file, a folder, or the inputs themselves), the diff, the
//! review file and the HTML pages. Files are written atomically and complete only at
//! [`Outputs::finish`].

use super::fix::{backup, diff_in_colour, Done};
use super::io::{target_in, write_atomic, Sink, Source};
use super::{Failure, FixArgs};
use ocrmend::render::diff::{coloured_diff, unified_diff};
use ocrmend::render::{html, review};
use std::path::PathBuf;

/// Where each output of a run goes, and what is still to come at the end.
pub struct Outputs<'a> {
    args: &'a FixArgs,
    /// The corrected texts one after another (`-o`, or stdout), unless they go elsewhere.
    text: Option<Sink>,
    /// The diff, and whether it waits for the end (text and diff both on stdout).
    diff: Option<Sink>,
    held_diff: Option<String>,
    review: Option<Sink>,
    /// Review records written so far (ids run on from input to input).
    records: usize,
    /// The HTML: one page at the path for a single input, else a folder of pages and the
    /// entries of its index.
    html: Option<(PathBuf, bool)>,
    index: Vec<(String, String, usize)>,
}

impl<'a> Outputs<'a> {
    /// Opens the outputs `args` asks for, for `inputs` inputs.
    pub fn open(args: &'a FixArgs, inputs: usize) -> Result<Self, Failure> {
        let stdout = |p: &Option<PathBuf>| p.as_deref().is_some_and(|p| p.as_os_str() == "-");
        // `--diff -` takes standard output, unless the text was sent there with `-o -`.
        let text = if args.out_dir.is_some()
            || args.in_place.on
            || stdout(&args.diff) && args.output.is_none()
        {
            None
        } else {
            Some(Sink::create(args.output.as_deref())?)
        };
        let diff = args
            .diff
            .as_deref()
            .map(|p| Sink::create(Some(p)))
            .transpose()?;
        let held_diff = (stdout(&args.diff) && stdout(&args.output)).then(String::new);
        let review = args
            .review
            .as_deref()
            .map(|p| Sink::create(Some(p)))
            .transpose()?;
        let html = args.html.clone().map(|p| (p, inputs == 1));
        if let Some((dir, false)) = &html {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())))?;
        }
        Ok(Outputs {
            args,
            text,
            diff,
            held_diff,
            review,
            records: 0,
            html,
            index: Vec::new(),
        })
    }

    /// Writes what one mended input contributes; a file that cannot be written is a failure
    /// of that input, not of the run.
    pub fn add(&mut self, d: &Done, failures: &mut Vec<Failure>) -> Result<(), Failure> {
        let args = self.args;
        let name = d.loaded.source.name();
        let original = &d.loaded.decoded.text;
        if let Some(dir) = &args.out_dir {
            let bytes = d.loaded.decoded.encode(&d.corrected);
            let written =
                target_in(dir, &d.loaded.source).and_then(|target| write_atomic(&target, &bytes));
            if let Err(f) = written {
                failures.push(f);
            }
        } else if args.in_place.on {
            if let Source::File { path, .. } = &d.loaded.source {
                if d.corrected != *original {
                    let written = backup(path, args.in_place.backup.as_deref())
                        .and_then(|()| write_atomic(path, &d.loaded.decoded.encode(&d.corrected)));
                    if let Err(f) = written {
                        failures.push(f);
                    }
                }
            }
        }
        if let Some(sink) = &mut self.text {
            sink.write(&d.loaded.decoded.encode(&d.corrected))?;
        }
        if self.diff.is_some() {
            let render = if diff_in_colour(args) {
                coloured_diff
            } else {
                unified_diff
            };
            let diff = render(original, &d.corrected, &name);
            match (&mut self.held_diff, &mut self.diff) {
                (Some(held), _) => held.push_str(&diff),
                (None, Some(sink)) => sink.write(diff.as_bytes())?,
                (None, None) => {}
            }
        }
        let needs_records = self.review.is_some() || self.html.is_some();
        if needs_records {
            let records = review::records(&name, original, &d.edits, self.records + 1);
            if let Some(sink) = &mut self.review {
                self.records += records.len();
                sink.write(review::to_jsonl(&records).as_bytes())?;
            }
            if let Some((path, single)) = &self.html {
                // A page numbers its own edits from 1.
                let own = review::records(&name, original, &d.edits, 1);
                let page = html::review_page(&name, original, &own, &d.unresolved);
                if *single {
                    write_atomic(path, page.as_bytes())?;
                } else {
                    let file = format!(
                        "{}.html",
                        name.trim_start_matches("./").replace(['/', '\\'], "_")
                    );
                    write_atomic(&path.join(&file), page.as_bytes())?;
                    self.index.push((name, file, d.edits.len()));
                }
            }
        }
        Ok(())
    }

    /// Completes every output.
    pub fn finish(mut self) -> Result<(), Failure> {
        if let (Some(held), Some(sink)) = (self.held_diff.take(), &mut self.diff) {
            // The text went to standard output first; the diff follows it.
            if let Some(text) = self.text.take() {
                text.finish()?;
            }
            sink.write(held.as_bytes())?;
        }
        for sink in [self.text, self.diff, self.review].into_iter().flatten() {
            sink.finish()?;
        }
        if let Some((dir, false)) = &self.html {
            write_atomic(
                &dir.join("index.html"),
                html::index_page(&self.index).as_bytes(),
            )?;
        }
        Ok(())
    }
}
