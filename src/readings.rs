//! Readings of the input: the whole words a scan misreads the same way again and again
//! (`wvas` for `was`, `tbe` for `the`), learned from the input's own sure repairs. A scan of
//! a source training never saw misreads shapes of its own (bln600's `wv` for `w`); its
//! tokens that a first pass repairs surely, three times or more, become readings the channel
//! model knows for the rest of the run ([`crate::Mender::adopt_readings`]), as training's
//! do ([`crate::channel::ChannelModel::read_for_words`]).

use crate::edit::{Edit, EditKind};
use crate::support::is_sure;
use crate::train::MIN_COUNT;
use rustc_hash::FxHashMap;

/// A word read where another was printed, as the input's sure repairs show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputReading {
    /// The word read (lower case).
    pub read: String,
    /// The word printed (lower case).
    pub printed: String,
    /// How many sure repairs read it so.
    pub count: u32,
}

/// The readings `edits` show at least [`MIN_COUNT`] times: sure repairs of one word read as
/// another, both made of letters only.
pub fn sure_readings<'a>(edits: impl IntoIterator<Item = &'a Edit>) -> Vec<InputReading> {
    let word = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let mut counts: FxHashMap<(String, String), u32> = FxHashMap::default();
    for e in edits {
        if e.kind == EditKind::Substitute && is_sure(e) && word(&e.before) && word(&e.after) {
            let (read, printed) = (e.before.to_lowercase(), e.after.to_lowercase());
            if read != printed {
                *counts.entry((read, printed)).or_default() += 1;
            }
        }
    }
    let mut out: Vec<InputReading> = counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_COUNT)
        .map(|((read, printed), count)| InputReading {
            read,
            printed,
            count,
        })
        .collect();
    // The same model whatever order the repairs came in.
    out.sort_by(|a, b| (&a.read, &a.printed).cmp(&(&b.read, &b.printed)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::tests::substitution;

    fn repair(before: &str, after: &str, share: f64, known: bool) -> Edit {
        let mut e = substitution(before, after, share);
        if let Some(v) = e.evidence.as_mut() {
            v.known = known;
        }
        e
    }

    #[test]
    fn a_word_surely_repaired_three_times_is_a_reading() {
        let mut edits = vec![repair("wvas", "was", 0.99, false); 2];
        edits.push(repair("Wvas", "Was", 0.95, false));
        // Not sure, a known word, or marks: no evidence of a reading.
        edits.push(repair("wvas", "was", 0.6, false));
        edits.extend(vec![repair("bad", "had", 0.99, true); 3]);
        edits.extend(vec![repair("w-as", "was", 0.99, false); 3]);
        edits.extend(vec![repair("tbe", "the", 0.99, false); 2]);
        let found = sure_readings(&edits);
        assert_eq!(
            found,
            [InputReading {
                read: "wvas".to_owned(),
                printed: "was".to_owned(),
                count: 3
            }]
        );
    }
}
