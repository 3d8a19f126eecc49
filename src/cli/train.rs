//! `ocrmend train`: a channel model from OCR pages and their corrected text.

use super::io::read_file;
use super::{Failure, TrainArgs};
use ocrmend::train::Counts;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Files of `dir` by document id: names ending in `.{kind}.txt` if there are any (the
/// `<id>.ocr.txt` / `<id>.gt.txt` layout), else every `*.txt`. A file is itself.
fn documents(path: &Path, kind: &str) -> Result<BTreeMap<String, PathBuf>, Failure> {
    if path.is_file() {
        return Ok(BTreeMap::from([(String::new(), path.to_path_buf())]));
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| Failure(format!("cannot read folder {}: {e}", path.display())))?;
    let names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
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

fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_file(path)?;
    Ok(ocrmend::decode(&bytes, None)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?
        .text)
}

/// Runs `train`.
pub fn run(args: TrainArgs) -> Result<ExitCode, Failure> {
    let ocr = documents(&args.ocr, "ocr")?;
    let gt = documents(&args.gt, "gt")?;
    let mut counts = Counts::default();
    let mut docs = 0;
    for (id, ocr_path) in &ocr {
        let Some(gt_path) = gt.get(id) else { continue };
        counts.add_document(&read_text(ocr_path)?, &read_text(gt_path)?);
        docs += 1;
    }
    if docs == 0 {
        return Err(Failure(format!(
            "no document of {} has a ground truth in {}: name them <id>.ocr.txt and <id>.gt.txt \
             (or <id>.txt in two folders)",
            args.ocr.display(),
            args.gt.display()
        )));
    }
    super::io::write_output(Some(&args.output), counts.table().as_bytes())?;
    let (pairs, misread) = counts.pairs();
    eprintln!(
        "ocrmend: trained on {docs} documents: {pairs} aligned words, {misread} misread; model in {}",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
