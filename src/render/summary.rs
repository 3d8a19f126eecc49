//! The run summary written to stderr: how many edits were applied and suggested, by kind.

use crate::edit::{Edit, EditKind, Status};
use std::fmt;

/// Counts of edits over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files (or streams) mended.
    pub files: usize,
    /// Files that could not be read or written.
    pub failed: usize,
    applied: [usize; EditKind::ALL.len()],
    suggested: [usize; EditKind::ALL.len()],
}

impl Summary {
    /// Counts the edits of one more file.
    pub fn add(&mut self, edits: &[Edit]) {
        self.files += 1;
        self.count(edits);
    }

    /// Counts more edits of the file being mended (a stream's next piece).
    pub fn count(&mut self, edits: &[Edit]) {
        for e in edits {
            let k = EditKind::ALL.iter().position(|&k| k == e.kind).unwrap_or(0);
            match e.status {
                Status::Applied => self.applied[k] += 1,
                Status::Suggested => self.suggested[k] += 1,
            }
        }
    }

    /// Number of applied edits.
    pub fn applied(&self) -> usize {
        self.applied.iter().sum()
    }

    /// Number of suggested edits.
    pub fn suggested(&self) -> usize {
        self.suggested.iter().sum()
    }
}

fn by_kind(counts: &[usize]) -> String {
    let parts: Vec<String> = EditKind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} file{}: {} edit{} applied{}, {} suggested{}",
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.applied(),
            if self.applied() == 1 { "" } else { "s" },
            by_kind(&self.applied),
            self.suggested(),
            by_kind(&self.suggested),
        )?;
        if self.failed > 0 {
            write!(f, "; {} failed", self.failed)?;
        }
        Ok(())
    }
}
