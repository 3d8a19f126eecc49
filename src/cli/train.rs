//! `ocrmend train`: a channel model from OCR pages and their corrected text.

use super::clobber::Paths;
use super::io::{is_hidden, read_file};
use super::{Failure, TrainArgs};
use ocrmend::pages::Page;
use ocrmend::train::{lined_up, Counts};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Below this share of its words lined up with its ground truth, a page is named in a
/// warning ([`lined_up`]). Each of the 627 development pages lines up 0.33 or more with its
/// own; 95 pages paired with another page's ground truth, 0.24 at most.
const MIN_LINED_UP: f64 = 0.28;

/// Pages of fewer words than this are too short to judge how they line up.
const MIN_WORDS_LINED_UP: usize = 20;

/// Files of `dir` by document id: names ending in `.{kind}.txt` if there are any (the
/// `<id>.ocr.txt` / `<id>.gt.txt` layout), else every `*.txt`; hidden files aside, as when
/// `fix` walks a folder. A file is itself.
pub fn documents(path: &Path, kind: &str) -> Result<BTreeMap<String, PathBuf>, Failure> {
    if path.is_file() {
        return Ok(BTreeMap::from([(String::new(), path.to_path_buf())]));
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| Failure(format!("cannot read folder {}: {e}", path.display())))?;
    let names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !is_hidden(e))
        .map(|e| e.path())
        .collect();
    let suffix = format!(".{kind}.txt");
    let tagged = names.iter().any(|p| p.to_string_lossy().ends_with(&suffix));
    let wanted = if tagged { suffix.as_str() } else { ".txt" };
    Ok(names
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let id = name.strip_suffix(wanted)?.to_owned();
            Some((id, p))
        })
        .collect())
}

pub fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_file(path)?;
    Ok(ocrmend::decode(&bytes, None)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?
        .text)
}

/// The documents of `ocr` that have a ground truth in `gt`. Warns (on stderr) of the
/// documents of either side left out for want of the other, and of pages that line up so
/// badly with their ground truth that it is likely another page's.
pub fn paired_documents(ocr: &Path, gt: &Path) -> Result<Vec<Page>, Failure> {
    let ocr_docs = documents(ocr, "ocr")?;
    let gt_docs = documents(gt, "gt")?;
    let mut out = Vec::new();
    let mut unlike = Vec::new();
    for (id, ocr_path) in &ocr_docs {
        let Some(gt_path) = gt_docs.get(id) else {
            continue;
        };
        let page = Page {
            id: id.clone(),
            ocr: read_text(ocr_path)?,
            truth: read_text(gt_path)?,
        };
        if page
            .ocr
            .split_whitespace()
            .nth(MIN_WORDS_LINED_UP)
            .is_some()
            && lined_up(&page.ocr, &page.truth) < MIN_LINED_UP
        {
            unlike.push(ocr_path.display().to_string());
        }
        out.push(page);
    }
    let alone = |from: &BTreeMap<String, PathBuf>, to: &BTreeMap<String, PathBuf>| {
        let ids = from.iter().filter(|(id, _)| !to.contains_key(*id));
        ids.map(|(_, p)| p.display().to_string())
            .collect::<Vec<_>>()
    };
    let warn = |what: &str, names: &[String]| {
        if !names.is_empty() && !out.is_empty() {
            eprintln!("ocrmend: warning: {what}: {}", super::some_of(names));
        }
    };
    warn(
        "left out for want of a ground truth of the same name",
        &alone(&ocr_docs, &gt_docs),
    );
    warn(
        "left out for want of an OCR text of the same name",
        &alone(&gt_docs, &ocr_docs),
    );
    let few = format!(
        "these share few words with their ground truth (under {:.0}%), as if it were another \
         page's; check the pairs",
        MIN_LINED_UP * 100.0
    );
    warn(&few, &unlike);
    if out.is_empty() {
        return Err(Failure(format!(
            "no document of {} has a ground truth in {}: name them <id>.ocr.txt and <id>.gt.txt \
             (or <id>.txt in two folders)",
            ocr.display(),
            gt.display()
        )));
    }
    Ok(out)
}

/// Runs `train`.
pub fn run(args: TrainArgs) -> Result<ExitCode, Failure> {
    Paths::of([args.ocr.as_path(), &args.gt])
        .writes("-o", Some(&args.output))
        .check()?;
    let mut counts = Counts::default();
    let pairs = paired_documents(&args.ocr, &args.gt)?;
    let docs = pairs.len();
    for page in &pairs {
        counts.add_document(&page.ocr, &page.truth);
    }
    super::io::write_output(Some(&args.output), counts.table().as_bytes())?;
    let (pairs, misread) = counts.pairs();
    eprintln!(
        "ocrmend: trained on {docs} page{}: {pairs} aligned words, {misread} misread; model in {}",
        if docs == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
