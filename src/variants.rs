//! Historical spellings: words of older English (`hee`, `tooke`, `haue`, `vpon`, `wyth`,
//! `observ'd`, `yeeres`, `countrey`) are words, not scanning errors. A token is recognised as
//! one when undoing at most two of the regular spelling differences of Early Modern English
//! turns it into a known word, and no misreading of another word explains it far better
//! (`tbe` is `the` misread, not `tb` with a silent e). The rules are the orthographic
//! conventions of the period, not a word list; those that look like common misreadings (`ee`
//! for `ea`) are trusted only in an input the others have shown to be older English.

use crate::casing::CaseShape;
use crate::corpus::Corpus;
use crate::detect::{is_known, LONGEST_WEIGHED};
use crate::lexicon::{Layer, Lexicon};
use crate::ligatures::plain_letters;
use rayon::prelude::*;

/// Share of tokens (per thousand) written in historical spellings above which an input is
/// taken to be in older English, and its historical spellings are left alone.
pub const HISTORICAL_PER_MILLE: f64 = 10.0;

/// The fewest historical spellings that make an input older English: in a short modern
/// text one misreading that happens to look like one (`tbe`) must not.
pub const HISTORICAL_MIN_VARIANTS: u64 = 3;

/// A document with at least this many tokens is judged old or modern on its own; a shorter
/// one is older English when it shows it itself, or when the whole run it belongs to does.
pub const HISTORICAL_MIN_TOKENS: u64 = 500;

/// How many nats (of frequency and channel cost) a misreading of another word may be
/// likelier than the modern form a spelling convention gives before the token counts as a
/// scanning error rather than a spelling of the period (`tbe`: `the` is 12 nats ahead of
/// `tb`; `slaine`: 3 ahead of `slain`).
pub const MISREADING_LEAD: f64 = 4.0;

/// Which of the period's spelling conventions to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conventions {
    /// Those a scanner's misreadings seldom mimic (`vpon`, `haue`, `observ'd`, `tyme`):
    /// enough to tell that an input is older English.
    Telltale,
    /// Also vowels spelled by sound and silent letters before endings or inside a word
    /// (`yeere`, `peece`, `streight`, `commaund`, `alwayes`, `countrey`, `untill`, `onely`),
    /// which a noisy scan of modern text also produces (`leeve`, `aund`): for an input known
    /// to be older English.
    All,
}

/// True when the input uses historical spellings often enough to be older English: modern
/// text misread by a scanner seldom lands on one. `lead` is as for [`period_spelling`]
/// (called from several threads at once).
pub fn is_historical(
    corpus: &Corpus,
    lexicon: &Lexicon,
    lead: impl Fn(&str, &str) -> Option<f64> + Sync,
) -> bool {
    // The words are weighed in parallel (each may be searched for its misreadings); their
    // counts add up the same in any order.
    let words: Vec<(&str, u32)> = corpus.words().collect();
    let variants: u64 = words
        .into_par_iter()
        .filter(|&(w, _)| {
            // Words the input itself taught the lexicon are still variants here.
            let learned = lexicon.get(w).is_some_and(|e| e.layer == Layer::Corpus);
            (learned || !is_known(w, lexicon)) && telltale_spelling(w, lexicon, &lead)
        })
        .map(|(_, n)| u64::from(n))
        .sum();
    variants >= HISTORICAL_MIN_VARIANTS
        && variants as f64 * 1000.0 >= HISTORICAL_PER_MILLE * corpus.tokens().max(1) as f64
}

/// True when `word` is a telltale spelling of older English ([`period_spelling`]) of a word
/// in everyday use: a small-letter word about as common as the 20,000 commonest
/// ([`TELLTALE_MIN_LOG_PRIOR`]). The period's conventions respell such words (`haue`,
/// `hym`, `tyme`); a noisy scan of modern text lands on spellings of rare words, fragments
/// and names instead (`dotie` for `doty`, `monae` for `Mona`, `iap` for `jap`): one or two
/// in every hundred words of the worst-scanned pages.
fn telltale_spelling(
    word: &str,
    lexicon: &Lexicon,
    lead: impl Fn(&str, &str) -> Option<f64>,
) -> bool {
    let everyday = |modern: &str| {
        lexicon.id(modern).is_some_and(|id| {
            !lexicon.entry(id).form.starts_with(char::is_uppercase)
                && lexicon.log_prior(id) >= TELLTALE_MIN_LOG_PRIOR
        })
    };
    spelling_of(word, lexicon, Conventions::Telltale, everyday, lead)
}

/// The least log prior of a word whose period spelling tells of older English: about the
/// frequency of the 20,000th commonest word. On the development sets, counting the rarer
/// ones too judged three of bln600's 19th-century newspaper pages older English (its
/// repairs then held back as spellings of the period), and none of the sets' older pages
/// needs them.
pub const TELLTALE_MIN_LOG_PRIOR: f64 = -13.0;

/// True when `word` is a spelling of older English by `conventions` (`hee`, `haue`) rather
/// than a misreading of another word. `lead(word, modern)` says how many nats the
/// likeliest misreading of `word` is ahead of `modern` (`None`: `modern` is no lexicon
/// word): `tbe` is `the` misread, 12 nats ahead of `tb` with a silent e, and `honse` is
/// `house`, not `hons`.
pub fn period_spelling(
    word: &str,
    lexicon: &Lexicon,
    conventions: Conventions,
    lead: impl Fn(&str, &str) -> Option<f64>,
) -> bool {
    spelling_of(word, lexicon, conventions, |_| true, lead)
}

/// [`period_spelling`] of a modern word that `accept` takes.
fn spelling_of(
    word: &str,
    lexicon: &Lexicon,
    conventions: Conventions,
    accept: impl Fn(&str) -> bool,
    lead: impl Fn(&str, &str) -> Option<f64>,
) -> bool {
    modern_forms(word, lexicon, conventions)
        .iter()
        .filter(|modern| accept(modern))
        .any(|modern| lead(word, modern).map_or(true, |lead| lead < MISREADING_LEAD))
}

/// The modern word a historical spelling stands for, if `word` is one.
pub fn modern_form(word: &str, lexicon: &Lexicon, conventions: Conventions) -> Option<String> {
    modern_forms(word, lexicon, conventions).into_iter().next()
}

/// True when `word` is a past tense with its `e` elided (`compos’d`, `offer'd`, `reply’d`:
/// `composed`, `offered`, `replied`), whole: an apostrophe a scanner seldom puts in a word,
/// and a spelling verse and older prose use in texts too short, or too garbled, to be judged
/// older English as a whole. A damaged one (`produe’d`) is still weighed.
pub fn elided_past(word: &str, lexicon: &Lexicon) -> bool {
    if CaseShape::of(word).is_mixed() {
        return false;
    }
    // Set with ligatures or the long s (`deﬁn’d`), it is the same word in plain letters.
    let lower = plain_letters(word)
        .as_deref()
        .unwrap_or(word)
        .to_lowercase();
    let Some(stem) = lower
        .strip_suffix("'d")
        .or_else(|| lower.strip_suffix("’d"))
    else {
        return false;
    };
    if stem.chars().count() < 3 || !stem.chars().all(char::is_alphabetic) {
        return false;
    }
    let past = |w: &str| lexicon.id(w).is_some_and(|id| lexicon.attested(id));
    past(&format!("{stem}ed"))
        || past(&format!("{stem}d"))
        || stem
            .strip_suffix('y')
            .is_some_and(|s| past(&format!("{s}ied")))
}

/// Every modern word `word` may be a historical spelling of (`gaue`: `gave`, and `gau`
/// with a silent e), those one convention away first.
pub fn modern_forms(word: &str, lexicon: &Lexicon, conventions: Conventions) -> Vec<String> {
    // Period spellings are printed in plain case; a capital among small letters (`caUed`,
    // `tiU`) is a misread letter, not a spelling convention.
    if CaseShape::of(word).is_mixed() {
        return Vec::new();
    }
    let lower = word.to_lowercase();
    // Two conventions undone make some n² spellings of n letters each: a run of letters
    // longer than any word (a line of garbage with no space) has none to find.
    let letters = lower.chars().count();
    if !(3..=LONGEST_WEIGHED).contains(&letters)
        || !lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut frontier = vec![lower.clone()];
    for _ in 0..2 {
        let mut next = Vec::new();
        for w in &frontier {
            // Two conventions may undo each other (`ail`, `aill`, `ail`): no way back.
            for v in undo_one(w, conventions).into_iter().filter(|v| *v != lower) {
                // A word or a name (`he` for `hee`, `Jesus` for `Iesus`), not an
                // abbreviation (`TB` for `tbe`).
                let word = lexicon
                    .get(&v)
                    .is_some_and(|e| e.form.chars().filter(|c| c.is_uppercase()).count() < 2);
                if v.chars().count() >= 2 && word && !v.contains(['\'', '’']) {
                    if !found.contains(&v) {
                        found.push(v);
                    }
                } else {
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    found
}

/// Every spelling reachable from `w` by undoing one historical convention.
fn undo_one(w: &str, conventions: Conventions) -> Vec<String> {
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
    if conventions == Conventions::All {
        undo_sounded(w, &chars, &mut out);
    }
    out
}

/// The conventions of [`Conventions::All`] beyond the telltale ones (`chars`: the
/// characters of `w`).
fn undo_sounded(w: &str, chars: &[char], out: &mut Vec<String>) {
    // A silent e before an ending: alwayes, townes; -ey for -y: countrey.
    if let Some(stem) = w.strip_suffix("es") {
        out.push(format!("{stem}s"));
    }
    if let Some(stem) = w.strip_suffix("ey") {
        out.push(format!("{stem}y"));
    }
    // A final l doubled: untill, withall.
    if let Some(stem) = w.strip_suffix("ll") {
        out.push(format!("{stem}l"));
    }
    // A silent e between consonants inside a word: onely, earely, breakefast, whilest.
    let consonant = |c: char| c.is_alphabetic() && !"aeiouy".contains(c);
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == 'e' && consonant(chars[i - 1]) && consonant(chars[i + 1]) {
            out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
        }
    }
    // Vowels spelled by sound: ee for ea and ie (yeere, peece), ei for ai (streight), au
    // for a before n (commaund, graunt).
    for (old, new) in [("ee", "ea"), ("ee", "ie"), ("ei", "ai"), ("aun", "an")] {
        for (at, _) in w.match_indices(old) {
            out.push(format!("{}{new}{}", &w[..at], &w[at + old.len()..]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Layer;

    #[test]
    fn a_past_tense_with_its_e_elided_is_a_spelling() {
        let mut l = Lexicon::empty();
        l.add_list(
            "composed\t50\noffered\t90\nreplied\t70\ndied\t80\nproduced\t60\n",
            Layer::Base,
        );
        // Set with a ligature or the long s, too (`oﬀer’d`, `compoſ’d`).
        let words = [
            "compos’d",
            "offer'd",
            "Offer’d",
            "reply’d",
            "die'd",
            "oﬀer’d",
            "compoſ’d",
        ];
        for word in words {
            assert!(elided_past(word, &l), "{word}");
        }
        // Damaged, too short, mixed case, or no past tense of a word.
        for word in [
            "produe’d",
            "ha'd",
            "oFfer'd",
            "compos’s",
            "offer-d",
            "composed",
        ] {
            assert!(!elided_past(word, &l), "{word}");
        }
    }

    #[test]
    fn recognises_early_modern_spellings() {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "he\nbeen\ntook\nhave\nupon\nwith\nobserved\nshall\nlady\nenjoy\ntime\nwife\n\
             always\ncountry\nuntil\nyears\npieces\nstraight\ncommanded\nonly\nearly\n\
             breakfast\nwhilst\n",
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
            ("alwayes", "always"),
            ("countrey", "country"),
            ("untill", "until"),
            ("yeeres", "years"),
            ("peeces", "pieces"),
            ("streight", "straight"),
            ("commaunded", "commanded"),
            ("onely", "only"),
            ("earely", "early"),
            ("breakefast", "breakfast"),
            ("whilest", "whilst"),
        ] {
            assert_eq!(
                modern_form(old, &lex, Conventions::All).as_deref(),
                Some(new),
                "{old}"
            );
        }
        for err in [
            "tbe",
            "rnountains",
            "cxpected",
            "hc",
            "tiMe",
            "wiTh",
            "until",
        ] {
            assert_eq!(modern_form(err, &lex, Conventions::All), None, "{err}");
        }
        assert!(is_historical(
            &Corpus::of("hee haue tooke the time with wyth"),
            &lex,
            |_, _| None
        ));
        assert!(!is_historical(
            &Corpus::of("he took the time with his wife"),
            &lex,
            |_, _| None
        ));
        // Vowels spelled by sound look like misreadings (`leeve`, `aund`): they are older
        // English only where the telltale spellings have shown the input to be.
        assert_eq!(modern_form("yeeres", &lex, Conventions::Telltale), None);
        assert_eq!(modern_form("onely", &lex, Conventions::Telltale), None);
        // Not an e beside a vowel, nor one that starts or ends the word.
        for err in ["ealy", "eonly"] {
            assert_eq!(modern_form(err, &lex, Conventions::All), None, "{err}");
        }
        assert!(!is_historical(
            &Corpus::of("yeeres peeces countrey untill alwayes with his wife"),
            &lex,
            |_, _| None
        ));
        // An abbreviation is no modern form (`tbe` is not `TB` with a silent e), and one
        // variant-like misreading does not make a short text older English.
        lex.add_list("TB\n", Layer::Base);
        assert_eq!(modern_form("tbe", &lex, Conventions::All), None);
        assert!(!is_historical(
            &Corpus::of("he took the tyme with his wife"),
            &lex,
            |_, _| None
        ));
    }

    #[test]
    fn only_spellings_of_everyday_words_tell_of_older_english() {
        let mut lex = Lexicon::empty();
        for (word, count) in [
            ("the", 5_000_000_000),
            ("he", 1_000_000_000),
            ("have", 500_000_000),
            ("Mona", 50_000_000),
            ("doty", 1),
        ] {
            lex.add(word, count, Layer::Base);
        }
        // A noisy scan of modern text lands on spellings of rare words and of names.
        assert!(!is_historical(
            &Corpus::of("dotie monae dotie monae the the"),
            &lex,
            |_, _| None
        ));
        assert!(is_historical(
            &Corpus::of("hee haue hee haue the the"),
            &lex,
            |_, _| None
        ));
    }

    #[test]
    fn a_spelling_is_of_the_period_when_no_misreading_explains_it_far_better() {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "gave
gau
he
tb
",
            Layer::Base,
        );
        // Every modern form a spelling may stand for is weighed, not only the first found.
        let forms = modern_forms("gaue", &lex, Conventions::All);
        assert!(forms.contains(&"gave".to_owned()) && forms.contains(&"gau".to_owned()));
        let lead = |_: &str, modern: &str| match modern {
            "gave" | "he" => Some(0.0),
            _ => Some(MISREADING_LEAD + 8.0),
        };
        assert!(period_spelling("gaue", &lex, Conventions::All, lead));
        assert!(period_spelling("hee", &lex, Conventions::All, lead));
        assert!(!period_spelling("tbe", &lex, Conventions::All, lead));
        // Three such misreadings in a short text do not make it older English.
        assert!(!is_historical(
            &Corpus::of("tbe man saw tbe dog and tbe cat"),
            &lex,
            lead
        ));
        assert!(is_historical(
            &Corpus::of("hee gaue it and hee went"),
            &lex,
            lead
        ));
    }
}
