//! What the training pages say of hyphenated compounds, word by word: which words they
//! print often and never as a part of one (`the`, `said`: a hyphen beside such a word joins
//! it to nothing), which of those are among the commonest words they print (the small words
//! of every sentence, `the`, `had`, `which`: beside those a hyphen is no compound's in any
//! text, where a rarer word never compounded in one domain's pages may be in another's:
//! `line-break`), and which words they often print in compounds (`well`, `middle`). The
//! stages that part two words at a hyphen read it: `rejoin` at a line's end,
//! `stray_joins` inside a line.

use rustc_hash::{FxHashMap, FxHashSet};

/// The fewest times the training pages must print a word for its never being printed in a
/// hyphenated compound to tell.
const MIN_PRINTED_ALONE: u32 = 50;

/// The largest share of a word's printings that may be parts of compounds for the word to
/// count as never compounded (the training pages print `the` in a compound seven times in
/// ten thousand, in `up-to-the-minute`; `a` in `half-a-crown` too often).
const MAX_COMPOUNDED_SHARE: f64 = 0.002;

/// The least share of all the words the training pages print that a word never compounded
/// must make to be among the commonest (about forty words on the development sets: `the`,
/// `had`, `which`, `she`, `from`, but also the newspapers' `prisoner`).
const COMMON_SHARE: f64 = 0.002;

/// The share of a word's printings as a part of compounds above which it is often
/// compounded (`well` in a fifth of its printings, `one` in one in twenty-two, `to` in one
/// in a hundred and fifteen, in `to-day`).
const OFTEN_COMPOUNDED_SHARE: f64 = 0.01;

/// The training pages' word-by-word evidence on hyphenated compounds (see the module's
/// documentation). Empty, it says nothing of any word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compounds {
    /// Words (lower case) printed often and (almost) never as a part of a compound.
    never: FxHashSet<Box<str>>,
    /// Those of `never` among the commonest words printed.
    common: FxHashSet<Box<str>>,
    /// Words (lower case) printed as a part of a compound in more than
    /// [`OFTEN_COMPOUNDED_SHARE`] of their printings.
    often: FxHashSet<Box<str>>,
}

impl Compounds {
    /// What `printed` (each word in lower case, with how often the training pages printed
    /// it alone) and `compounded` (how often each was printed as a part of a compound)
    /// say.
    pub fn learn(printed: &[(String, u32)], compounded: &FxHashMap<String, u32>) -> Compounds {
        let total: u64 = printed.iter().map(|(_, n)| u64::from(*n)).sum();
        let parts_of = |word: &str| compounded.get(word).copied().unwrap_or(0);
        let mut out = Compounds::default();
        for (word, alone) in printed {
            let parts = parts_of(word);
            let all = u64::from(*alone) + u64::from(parts);
            if all >= u64::from(MIN_PRINTED_ALONE)
                && f64::from(parts) <= MAX_COMPOUNDED_SHARE * all as f64
            {
                out.never.insert(word.as_str().into());
                if f64::from(*alone) >= COMMON_SHARE * total as f64 {
                    out.common.insert(word.as_str().into());
                }
            }
        }
        let alone_of: FxHashMap<&str, u32> =
            printed.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        for (word, &parts) in compounded {
            let alone = alone_of.get(word.as_str()).copied().unwrap_or(0);
            let all = u64::from(parts) + u64::from(alone);
            if !word.is_empty() && f64::from(parts) > OFTEN_COMPOUNDED_SHARE * all as f64 {
                out.often.insert(word.as_str().into());
            }
        }
        out
    }

    /// Evidence given word by word (lower case): `never` compounded, those of them `common`,
    /// and the words `often` compounded. For tests and callers with lists of their own.
    pub fn of_words(never: &[&str], common: &[&str], often: &[&str]) -> Compounds {
        let set = |words: &[&str]| words.iter().map(|&w| w.into()).collect();
        Compounds {
            never: set(never),
            common: set(common),
            often: set(often),
        }
    }

    /// True when the training pages print `word` (any case) often and never as a part of a
    /// hyphenated compound (`the`, `said`).
    pub fn never(&self, word: &str) -> bool {
        !self.never.is_empty() && self.never.contains(word.to_lowercase().as_str())
    }

    /// True when `word` (any case) is never compounded and among the commonest words the
    /// training pages print (`the`, `had`).
    pub fn never_and_common(&self, word: &str) -> bool {
        !self.common.is_empty() && self.common.contains(word.to_lowercase().as_str())
    }

    /// True when the training pages print `word` (any case) as a part of a hyphenated
    /// compound in more than one printing in a hundred (`well`, `to`).
    pub fn often(&self, word: &str) -> bool {
        !self.often.is_empty() && self.often.contains(word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_told_apart_by_how_often_they_are_printed_and_compounded() {
        let mut printed = vec![
            ("the".to_owned(), 5000),
            ("police".to_owned(), 60),
            ("said".to_owned(), 80),
            ("rare".to_owned(), 3),
            ("well".to_owned(), 40),
        ];
        // Enough other words that `said` (80 in about 45,000) is not among the commonest.
        printed.push(("other".to_owned(), 40_000));
        let compounded: FxHashMap<String, u32> =
            [("", 60), ("police", 40), ("the", 2), ("well", 10)]
                .into_iter()
                .map(|(w, n)| (w.to_owned(), n))
                .collect();
        let c = Compounds::learn(&printed, &compounded);
        let never: Vec<&str> = ["the", "police", "said", "rare", "well", "other"]
            .into_iter()
            .filter(|w| c.never(w))
            .collect();
        assert_eq!(never, ["the", "said", "other"]);
        assert!(c.never_and_common("The") && c.never_and_common("other"));
        assert!(!c.never_and_common("said"));
        assert!(c.often("police") && c.often("Well") && !c.often("the") && !c.often("rare"));
    }

    #[test]
    fn empty_evidence_says_nothing() {
        let c = Compounds::default();
        assert!(!c.never("the") && !c.never_and_common("the") && !c.often("well"));
    }
}
