//! Historical spellings: words of older English (`hee`, `tooke`, `haue`, `vpon`, `wyth`,
//! `observ'd`) are words, not scanning errors. A token is recognised as one when undoing at
//! most two of the regular spelling differences of Early Modern English turns it into a
//! known word. The rules are the orthographic conventions of the period, not a word list.

use crate::casing::CaseShape;
use crate::corpus::Corpus;
use crate::detect::is_known;
use crate::lexicon::{Layer, Lexicon};

/// Share of tokens (per thousand) written in historical spellings above which an input is
/// taken to be in older English, and its historical spellings are left alone.
pub const HISTORICAL_PER_MILLE: f64 = 10.0;

/// The fewest historical spellings that make an input older English: in a short modern
/// text one misreading that happens to look like one (`tbe`) must not.
pub const HISTORICAL_MIN_VARIANTS: u64 = 3;

/// A document with at least this many tokens is judged old or modern on its own; a shorter
/// one by the whole run it belongs to.
pub const HISTORICAL_MIN_TOKENS: u64 = 500;

/// True when the input uses historical spellings often enough to be older English: modern
/// text misread by a scanner seldom lands on one.
pub fn is_historical(corpus: &Corpus, lexicon: &Lexicon) -> bool {
    let variants: u64 = corpus
        .words()
        .filter(|(w, _)| {
            // Words the input itself taught the lexicon are still variants here.
            let learned = lexicon.get(w).is_some_and(|e| e.layer == Layer::Corpus);
            (learned || !is_known(w, lexicon)) && modern_form(w, lexicon).is_some()
        })
        .map(|(_, n)| u64::from(n))
        .sum();
    variants >= HISTORICAL_MIN_VARIANTS
        && variants as f64 * 1000.0 >= HISTORICAL_PER_MILLE * corpus.tokens().max(1) as f64
}

/// The modern word a historical spelling stands for, if `word` is one.
pub fn modern_form(word: &str, lexicon: &Lexicon) -> Option<String> {
    // Period spellings are printed in plain case; a capital among small letters (`caUed`,
    // `tiU`) is a misread letter, not a spelling convention.
    if CaseShape::of(word).is_mixed() {
        return None;
    }
    let lower = word.to_lowercase();
    if lower.chars().count() < 3
        || !lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    {
        return None;
    }
    let mut frontier = vec![lower];
    for _ in 0..2 {
        let mut next = Vec::new();
        for w in &frontier {
            for v in undo_one(w) {
                // A word or a name (`he` for `hee`, `Jesus` for `Iesus`), not an
                // abbreviation (`TB` for `tbe`).
                let word = lexicon
                    .get(&v)
                    .is_some_and(|e| e.form.chars().filter(|c| c.is_uppercase()).count() < 2);
                if v.chars().count() >= 2 && word && !v.contains(['\'', '’']) {
                    return Some(v);
                }
                next.push(v);
            }
        }
        frontier = next;
    }
    None
}

/// Every spelling reachable from `w` by undoing one historical convention.
fn undo_one(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A final silent e: hee, beene, tooke, aboute.
    if let Some(stem) = w.strip_suffix('e') {
        out.push(stem.to_owned());
    }
    // -'d for -ed: observ'd, perform’d.
    for apostrophe in ["'d", "’d"] {
        if let Some(stem) = w.strip_suffix(apostrophe) {
            out.push(format!("{stem}ed"));
            out.push(format!("{stem}d"));
        }
    }
    // A final consonant written single or doubled: shal, wil; -ie for -y: ladie.
    if let Some(last) = w.chars().last() {
        if "lst".contains(last) {
            out.push(format!("{w}{last}"));
        }
    }
    if let Some(stem) = w.strip_suffix("ie") {
        out.push(format!("{stem}y"));
    }
    // Letters used for one another: y for i, u and v, i for j.
    let chars: Vec<char> = w.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let swaps: &[char] = match c {
            'y' => &['i'],
            'u' => &['v'],
            'v' => &['u'],
            'i' => &['j'],
            _ => &[],
        };
        for &s in swaps {
            let mut v = chars.clone();
            v[i] = s;
            out.push(v.into_iter().collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Layer;

    #[test]
    fn recognises_early_modern_spellings() {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "he\nbeen\ntook\nhave\nupon\nwith\nobserved\nshall\nlady\nenjoy\ntime\nwife\n",
            Layer::Base,
        );
        for (old, new) in [
            ("hee", "he"),
            ("beene", "been"),
            ("tooke", "took"),
            ("haue", "have"),
            ("vpon", "upon"),
            ("wyth", "with"),
            ("observ'd", "observed"),
            ("shal", "shall"),
            ("ladie", "lady"),
            ("enioy", "enjoy"),
            ("tyme", "time"),
            ("wyfe", "wife"),
        ] {
            assert_eq!(modern_form(old, &lex).as_deref(), Some(new), "{old}");
        }
        for err in ["tbe", "rnountains", "cxpected", "hc", "tiMe", "wiTh"] {
            assert_eq!(modern_form(err, &lex), None, "{err}");
        }
        assert!(is_historical(
            &Corpus::of("hee haue tooke the time with wyth"),
            &lex
        ));
        assert!(!is_historical(
            &Corpus::of("he took the time with his wife"),
            &lex
        ));
        // An abbreviation is no modern form (`tbe` is not `TB` with a silent e), and one
        // variant-like misreading does not make a short text older English.
        lex.add_list("TB\n", Layer::Base);
        assert_eq!(modern_form("tbe", &lex), None);
        assert!(!is_historical(
            &Corpus::of("he took the tyme with his wife"),
            &lex
        ));
    }
}
