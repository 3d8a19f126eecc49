//! Stage 4, detect: which tokens are suspect. A token is suspect when the lexicon does not
//! know it (in any case, as a possessive, or part by part when hyphenated) and it is not
//! something that is right without being a word: numbers, ordinals and measures (`21st`,
//! `6ft`), roman numerals, URLs, e-mail addresses, acronyms, initials. In a heading set in
//! capitals, a short word in capitals is a word like the others, not an acronym. Once a chunk
//! is decided, the suspects no edit touches are its unresolved words ([`unresolved`]).

use crate::casing::{in_capitals, CaseShape};
use crate::edit::{Edit, Span};
use crate::lexicon::Lexicon;
use crate::ligatures::plain_letters;
use crate::tokenize::Token;
use regex::Regex;
use std::sync::OnceLock;

/// What detection says about a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The lexicon knows it.
    Known,
    /// Not a word, but right as it is (a number, a URL, an acronym…): never touched.
    Protected,
    /// Possibly a scanning error: candidates are generated for it.
    Suspect,
}

struct Patterns {
    protected: Regex,
    roman: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        protected: Regex::new(concat!(
            r"^(?:",
            r"[A-Za-z][A-Za-z0-9+.-]*://\S+", // URL with a scheme
            r"|www\.\S+",                     // bare web address
            r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", // e-mail address
            r"|\d+[A-Za-z]",                  // decades, money, labels: 1980s 6d 10l 3a
            r"|[MO]['’][A-Z][a-z]+",          // Scottish and Irish names: M'Donald, O'Brien
            r"|(?:[A-Za-z]\.)+[A-Za-z]",      // initials and abbreviations: U.S, e.g
            r"|[\d.,:/%-]+",                  // numbers, dates, ranges: 1,986  95-96  3/4
            r")$"
        ))
        .expect("valid protected-token pattern"),
        roman: Regex::new(r"^(?i:m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))$")
            .expect("valid roman-numeral pattern"),
    })
}

/// Classifies `word` (a token's text) against `lexicon`.
pub fn classify(word: &str, lexicon: &Lexicon) -> Verdict {
    judge(word, lexicon).into()
}

/// [`classify`]'s finding, with why a token is protected when it is as an acronym (the one
/// reason the token's place can overrule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    Known,
    Protected,
    Acronym,
    Suspect,
}

impl From<Judged> for Verdict {
    fn from(j: Judged) -> Verdict {
        match j {
            Judged::Known => Verdict::Known,
            Judged::Protected | Judged::Acronym => Verdict::Protected,
            Judged::Suspect => Verdict::Suspect,
        }
    }
}

/// Tokens longer than this many characters are not weighed: no word is so long, nor a run
/// of the few words a scan runs together (the development pages' longest token has 44),
/// and weighing one takes time that grows with the square of its length (a line of 40,000
/// letters with no space took ten seconds).
pub const LONGEST_WEIGHED: usize = 64;

fn judge(word: &str, lexicon: &Lexicon) -> Judged {
    if !word.chars().any(char::is_alphabetic) || word.chars().nth(LONGEST_WEIGHED).is_some() {
        return Judged::Protected;
    }
    if is_known(word, lexicon) && !small_in_capitals(word) {
        return Judged::Known;
    }
    if plain_letters(word).is_some_and(|w| is_known(&w, lexicon)) {
        // A word set with typographic ligatures (`ﬁnancial`, `oﬃce`), as text taken from a
        // PDF often is, or with the long s of older printing (`moſt`, which transcriptions
        // keep): a known word in other shapes of its letters, left as it is.
        return Judged::Protected;
    }
    if word.chars().count() < 2 {
        return Judged::Protected;
    }
    let p = patterns();
    if p.protected.is_match(word) || p.roman.is_match(word) {
        return Judged::Protected;
    }
    if is_numbered(word) || is_footnoted(word, lexicon) || is_emphasised(word, lexicon) {
        return Judged::Protected;
    }
    let shape = CaseShape::of(word);
    let clean = word.chars().all(char::is_alphabetic);
    if clean && shape == CaseShape::Upper && word.chars().count() <= 5 {
        // Acronyms (IDA, ASEAN) are seldom in a lexicon and seldom misread into one.
        return Judged::Acronym;
    }
    Judged::Suspect
}

/// True when `word` is set in capitals with some of its letters read small (`LoNDoN`,
/// `WEDNEsDAY`, `bLANCHARD`: capitals outnumber small letters, as [`CaseShape::Upper`]
/// says): no word is written so, and the lexicon knows words in any case, so such a token
/// is a suspect whose word is found at no channel cost and written in capitals. A name with
/// capitals of its own (`McDonald`, `MacArthur`) has more small letters than capitals and
/// stays known.
fn small_in_capitals(word: &str) -> bool {
    word.chars().all(char::is_alphabetic)
        && word.chars().any(char::is_lowercase)
        && CaseShape::of(word) == CaseShape::Upper
}

/// The verdict on every token of `text`: [`classify`]'s, except that a short word in
/// capitals protected as an acronym is a suspect when a word beside it on its line is a
/// word in capitals the lexicon knows (`SHOCKING CUILD MURDER`): a heading, where every
/// word is set in capitals and an acronym is rare. Roman numerals stay protected
/// (`CHAPTER XIV`).
pub fn verdicts(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<Verdict> {
    let judged: Vec<Judged> = tokens
        .iter()
        .map(|t| judge(t.text(text), lexicon))
        .collect();
    // A word written in capitals that the lexicon writes small (`THE`, `SHOCKING`): a known
    // acronym (`NATO`) beside an unknown one is running text.
    let heading_word = |i: usize| {
        let word = tokens[i].text(text);
        judged[i] == Judged::Known
            && in_capitals(word)
            && !lexicon
                .id(word)
                .is_some_and(|id| in_capitals(lexicon.entry(id).form))
    };
    (0..tokens.len())
        .map(|i| match judged[i] {
            Judged::Acronym
                if (i > 0 && !tokens[i].line_start && heading_word(i - 1))
                    || (i + 1 < tokens.len() && !tokens[i].line_end && heading_word(i + 1)) =>
            {
                Verdict::Suspect
            }
            j => j.into(),
        })
        .collect()
}

/// True when the lexicon knows `word` as it is, without a possessive ending, or (when it is
/// hyphenated) part by part.
pub fn is_known(word: &str, lexicon: &Lexicon) -> bool {
    known_by(word, &|w| lexicon.contains(w))
}

/// True when `word` is known as [`is_known`] says and in use: every word it is made of has
/// a frequency, comes from a list the user chose or from the input's own repetitions, or
/// was printed in the training pages ([`Lexicon::attested`]). Listed words no text counts
/// (`een`, lone letters such as `e`) are known without being in use.
pub fn in_use(word: &str, lexicon: &Lexicon) -> bool {
    known_by(word, &|w| match lexicon.id(w) {
        Some(id) => lexicon.attested(id),
        None => lexicon.contains(w),
    })
}

/// True when `accept` takes `word` as it is, without a possessive ending, or (when it is
/// hyphenated) part by part, no part a [`lone_letter`].
fn known_by(word: &str, accept: &dyn Fn(&str) -> bool) -> bool {
    if accept(word) {
        return true;
    }
    if word.contains('’') {
        return known_by(&word.replace('’', "'"), accept);
    }
    for ending in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() && accept(stem) {
                return true;
            }
        }
    }
    if word.contains('-') {
        return word.split('-').all(|part| {
            !part.is_empty() && (is_number(part) || !lone_letter(part) && known_by(part, accept))
        });
    }
    false
}

/// True for a part of a hyphenated word that is one letter other than `a` (`t-he`, `v-as`,
/// `d-ed`): a speck read as a hyphen inside a word far more often than a compound, where
/// a letter stands alone mostly as the article (`half-a-crown`, `a-year`). In the
/// development pages, 63 of bln600's 72 such tokens the lexicon does not list whole were
/// misread words, 7 of overproof_smh's 8. A compound the lexicon lists whole (`X-ray`) is
/// known as it is.
fn lone_letter(part: &str) -> bool {
    let mut chars = part.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && c != 'a' && c != 'A')
}

/// Measures and abbreviations written straight after a number (`6ft`, `12lbs`, `8vo`,
/// `10am`), in lower case: the book sizes of catalogues, the weights and lengths of old
/// newspapers, and the units of modern text.
const MEASURES: [&str; 44] = [
    "ac", "am", "bu", "cc", "cl", "cm", "ct", "cwt", "dl", "dwt", "ft", "gal", "gb", "gr", "hl",
    "hp", "hr", "hrs", "in", "kb", "kg", "km", "kw", "lb", "lbs", "mb", "mg", "mi", "min", "ml",
    "mm", "mo", "mph", "oz", "pm", "pt", "pts", "qr", "qrs", "sec", "to", "vo", "yd", "yds",
];

/// A number with two or three letters after it that belong there: the ordinal ending its
/// last digits take (`21st`, `12th`, and the older `2d`, `3d`), a measure (`6ft`), or
/// capitals (`4WD`, `3DS`). Other letters after digits are a word misread (`1he`, `4ook`,
/// `9nd`): on the development pages none of those tokens was written so in the ground
/// truth. (One letter after a number is a decade, money or a label: `1980s`, `6d`.)
pub fn is_numbered(word: &str) -> bool {
    let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = &word[..word.len() - letters.len()];
    if digits.is_empty()
        || !(2..=3).contains(&letters.len())
        || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return false;
    }
    if letters.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    let ending = letters.to_ascii_lowercase();
    ending == ordinal_ending(digits) || MEASURES.contains(&ending.as_str())
}

/// The endings of ordinals.
pub const ORDINALS: [&str; 4] = ["st", "nd", "rd", "th"];

/// The ordinal ending the number `digits` takes (`st` for 1 and 21, `th` for 11 and 12).
pub fn ordinal_ending(digits: &str) -> &'static str {
    let d = digits.as_bytes();
    let tens = d.len() >= 2 && d[d.len() - 2] == b'1';
    match (tens, d.last()) {
        (false, Some(b'1')) => ORDINALS[0],
        (false, Some(b'2')) => ORDINALS[1],
        (false, Some(b'3')) => ORDINALS[2],
        _ => ORDINALS[3],
    }
}

/// True when `word` is written as a number the detector leaves alone: digits (with commas
/// between groups of three), alone or with the letters that belong after them (`1889`,
/// `14,000`, `6d`, `10s`, `21st`, `6ft`). What a number misread as letters is read back as
/// ([`crate::numbers`]).
pub fn is_number_form(word: &str) -> bool {
    // Every such form starts with a digit: most tokens are ruled out at their first byte.
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let ending = word.len() - digits.len();
    let grouped = digits
        .split(',')
        .enumerate()
        .all(|(k, g)| is_number(g) && (k == 0 && g.len() <= 3 || g.len() == 3));
    (is_number(digits) || digits.contains(',') && grouped) && (ending <= 1 || is_numbered(word))
}

/// The letters written after a number's digits (`d` of `6d`, `st` of `21st`, empty for
/// `1889`): what the input's numbers are counted by and a misread number's ending is checked
/// against.
pub fn number_ending(number: &str) -> &str {
    number.trim_start_matches(|c: char| !c.is_ascii_alphabetic())
}

/// A known word with a footnote number after it (`threat.1`, `Japan,12`).
fn is_footnoted(word: &str, lexicon: &Lexicon) -> bool {
    let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = word.len() - stem.len();
    (1..=3).contains(&digits)
        && stem.ends_with(['.', ',', ';', ':', ')', '"', '\''])
        && is_known(
            stem.trim_end_matches(|c: char| !c.is_alphanumeric()),
            lexicon,
        )
}

/// A known word set between single underscores (`_well_`): emphasis as plain
/// text and Markdown write it, not marks glued to a word by the scanner (on the
/// development pages no scan put the same mark on both sides of a word).
fn is_emphasised(word: &str, lexicon: &Lexicon) -> bool {
    word.strip_prefix('_')
        .and_then(|w| w.strip_suffix('_'))
        .is_some_and(|inner| {
            inner.starts_with(char::is_alphabetic)
                && inner.ends_with(char::is_alphabetic)
                && is_known(inner, lexicon)
        })
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// The suspects that stay: the spans of the `tokens` of `text` whose verdict is
/// [`Verdict::Suspect`] that none of `edits` (in text order, applied or suggested) touches.
/// A token of several pieces is one only if a piece is unknown to `lexicon` (not
/// `should--be` or `mid-1980s`, but `Sino-Soviet`); the tokens `kept` says are right as they
/// stand (the halves of a line break left as it is) are none.
pub fn unresolved(
    text: &str,
    tokens: &[Token],
    verdicts: &[Verdict],
    edits: &[Edit],
    lexicon: &Lexicon,
    kept: impl Fn(usize) -> bool,
) -> Vec<Span> {
    let mut next = 0;
    let mut left = Vec::new();
    for (i, (token, verdict)) in tokens.iter().zip(verdicts).enumerate() {
        if *verdict != Verdict::Suspect || kept(i) {
            continue;
        }
        let span = token.span;
        // An edit ending before the token touches none after it either (edits do not
        // overlap, so their ends are in order too).
        while next < edits.len() && edits[next].span.end <= span.start {
            next += 1;
        }
        let touched = edits[next..]
            .iter()
            .take_while(|e| e.span.start < span.end)
            .any(|e| span.start < e.span.end);
        let unknown_piece = || {
            token
                .pieces(text)
                .any(|p| p == span || classify(&text[p.start..p.end], lexicon) == Verdict::Suspect)
        };
        if !touched && unknown_piece() {
            left.push(span);
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Layer;

    fn lex() -> Lexicon {
        let mut l = Lexicon::empty();
        l.add_list("soviet\nJapanese\nJapan\nthe\n", Layer::Base);
        l
    }

    #[test]
    fn the_suspects_no_edit_touches_stay_unless_every_piece_is_a_word() {
        let text = "the Japanx Soviet-Japanese the--Japan qq Sovietq";
        let tokens = crate::tokenize::tokenize(text);
        let lexicon = lex();
        let verdicts = super::verdicts(text, &tokens, &lexicon);
        let at = |w: &str| {
            let start = text.find(w).unwrap();
            Span::new(start, start + w.len())
        };
        // `the--Japan` is a suspect (a mark inside), but every piece of it is a word.
        assert_eq!(verdicts[3], Verdict::Suspect);
        let edit = Edit {
            span: at("qq"),
            before: "qq".into(),
            after: "a".into(),
            kind: crate::edit::EditKind::Substitute,
            confidence: 0.5,
            status: crate::edit::Status::Suggested,
            reason: String::new(),
            alternatives: Vec::new(),
            evidence: None,
        };
        let left = |edits: &[Edit], kept: &dyn Fn(usize) -> bool| {
            unresolved(text, &tokens, &verdicts, edits, &lexicon, kept)
        };
        assert_eq!(
            left(std::slice::from_ref(&edit), &|_| false),
            [at("Japanx"), at("Sovietq")]
        );
        assert_eq!(
            left(&[], &|_| false),
            [at("Japanx"), at("qq"), at("Sovietq")]
        );
        // A token said to be kept as it stands (half of a line break left) is none.
        assert_eq!(left(&[edit], &|i| i == 1), [at("Sovietq")]);
    }

    #[test]
    fn a_known_word_in_capitals_with_letters_read_small_is_a_suspect() {
        let mut l = Lexicon::empty();
        l.add_list("London\nWednesday\nMcDonald\nMacArthur\nthe\n", Layer::Base);
        for word in ["LoNDoN", "WEDNEsDAY", "lONDON", "ThE"] {
            let want = if word == "ThE" {
                // One capital after the first letter and one small one: which case the
                // word was set in is not clear, and it stays known.
                Verdict::Known
            } else {
                Verdict::Suspect
            };
            assert_eq!(classify(word, &l), want, "{word}");
        }
        for word in [
            "LONDON",
            "London",
            "london",
            "McDonald",
            "MacArthur",
            "MCDONALD",
        ] {
            assert_eq!(classify(word, &l), Verdict::Known, "{word}");
        }
    }

    #[test]
    fn a_lone_letter_inside_a_hyphenated_word_is_a_speck_not_a_part() {
        let mut l = Lexicon::empty();
        l.add_list(
            "the\nt\nhe\nv\nas\nwas\nhalf\na\ncrown\nyear\nx-ray\nx\nray\nI\n",
            Layer::Base,
        );
        for word in ["t-he", "v-as", "the-t", "I-as", "X-rays"] {
            assert_eq!(classify(word, &l), Verdict::Suspect, "{word}");
        }
        // The article stands alone in compounds; a compound listed whole is known whole.
        for word in [
            "half-a-crown",
            "a-year",
            "A-year",
            "X-ray",
            "the-half",
            "was-1",
        ] {
            assert_eq!(classify(word, &l), Verdict::Known, "{word}");
        }
    }

    #[test]
    fn a_known_word_between_underscores_is_emphasis() {
        let l = lex();
        assert_eq!(classify("_soviet_", &l), Verdict::Protected);
        // A misread word, or a mark on one side only, is still weighed.
        for word in ["_sovict_", "_soviet", "soviet_"] {
            assert_ne!(classify(word, &l), Verdict::Protected, "{word}");
        }
    }

    #[test]
    fn a_token_longer_than_any_run_of_words_is_left_alone() {
        let l = lex();
        let longest = "thereforethe".repeat(6)[..LONGEST_WEIGHED].to_owned();
        assert_eq!(classify(&longest, &l), Verdict::Suspect);
        assert_eq!(classify(&format!("{longest}x"), &l), Verdict::Protected);
        assert_eq!(classify(&"x".repeat(1_000_000), &l), Verdict::Protected);
    }

    #[test]
    fn a_word_is_in_use_when_a_count_or_a_chosen_list_vouches_for_it() {
        let mut l = Lexicon::empty();
        l.add_list("the\t900\nprisoner\t50\neen\n", Layer::Base);
        l.add_list("Pel\n", Layer::Corpus);
        for word in [
            "the",
            "The",
            "prisoner's",
            "prisoner’s",
            "the-prisoner",
            "Pel's",
        ] {
            assert!(is_known(word, &l) && in_use(word, &l), "{word}");
        }
        // Listed, but no text counts it.
        for word in ["een", "een's", "the-een"] {
            assert!(is_known(word, &l) && !in_use(word, &l), "{word}");
        }
        assert!(!in_use("tho", &l));
    }

    #[test]
    fn a_known_word_set_with_ligatures_or_long_s_is_left_alone() {
        let mut l = lex();
        l.add_list("office\nfinancial\nfloor\nmost\npassage\n", Layer::Base);
        for word in ["oﬃce", "ﬁnancial", "ﬂoor", "Oﬃce", "moſt", "paſſage"] {
            assert_eq!(classify(word, &l), Verdict::Protected, "{word}");
        }
        // Neither makes a misreading a word.
        assert_eq!(classify("oﬃcc", &l), Verdict::Suspect);
        assert_eq!(classify("moſl", &l), Verdict::Suspect);
    }

    #[test]
    fn verdicts() {
        let l = lex();
        assert_eq!(classify("the", &l), Verdict::Known);
        assert_eq!(classify("Japan's", &l), Verdict::Known);
        assert_eq!(classify("Japan’s", &l), Verdict::Known);
        assert_eq!(classify("Soviet-Japanese", &l), Verdict::Known);
        assert_eq!(classify("tbe", &l), Verdict::Suspect);
        assert_eq!(classify("1earn", &l), Verdict::Suspect);
        for w in [
            "1986",
            "1,986",
            "95-96",
            "1980s",
            "2nd",
            "xiv",
            "IV",
            "U.S",
            "ASEAN",
            "https://example.org/x",
            "6in",
            "10l",
            "M'Donald",
            "O'Brien",
            "a.b@example.org",
            "x",
            "Japan.1",
            "the,12",
        ] {
            assert_eq!(classify(w, &l), Verdict::Protected, "{w}");
        }
    }

    #[test]
    fn numbers_are_digits_with_the_letters_that_belong_after_them() {
        for w in [
            "1889",
            "14,000",
            "6d",
            "10s",
            "21st",
            "6ft",
            "4WD",
            "999,999,999",
        ] {
            assert!(super::is_number_form(w), "{w}");
        }
        for w in [
            "", "d", "1,2", "14,0000", "12st", "1he", "18-19", "1.5", "l8", ",100", "s1",
        ] {
            assert!(!super::is_number_form(w), "{w}");
        }
    }

    #[test]
    fn letters_after_a_number_are_protected_only_when_they_belong_there() {
        let l = lex();
        for w in [
            "21st", "12th", "111th", "3rd", "2d", "6ft", "12lbs", "8vo", "4to", "10am", "4WD",
            "5s", "3a",
        ] {
            assert_eq!(classify(w, &l), Verdict::Protected, "{w}");
        }
        // An ordinal ending the number does not take, or a word misread after a digit.
        for w in ["12st", "9nd", "1he", "4ook", "2ot", "3Mr"] {
            assert_eq!(classify(w, &l), Verdict::Suspect, "{w}");
        }
    }

    #[test]
    fn a_short_word_in_capitals_is_a_word_in_a_heading() {
        let l = lex();
        let judged = |text: &str| {
            let tokens = crate::tokenize::tokenize(text);
            super::verdicts(text, &tokens, &l)
        };
        // Beside a known word in capitals on its line: a heading word, perhaps misread.
        assert_eq!(judged("THE CUILD"), [Verdict::Known, Verdict::Suspect]);
        assert_eq!(judged("CUILD THE"), [Verdict::Suspect, Verdict::Known]);
        // In running text, beside another acronym, or beside a capital on another line,
        // an acronym is protected.
        assert_eq!(judged("the ASEAN"), [Verdict::Known, Verdict::Protected]);
        assert_eq!(judged("THE XIV"), [Verdict::Known, Verdict::Protected]);
        assert_eq!(
            judged("IDA ASEAN"),
            [Verdict::Protected, Verdict::Protected]
        );
        assert_eq!(judged("THE\nASEAN"), [Verdict::Known, Verdict::Protected]);
        // Beside an acronym the lexicon knows: running text too.
        let mut l = lex();
        l.add_list("NATO\n", Layer::Base);
        let tokens = crate::tokenize::tokenize("USSR NATO");
        assert_eq!(
            super::verdicts("USSR NATO", &tokens, &l),
            [Verdict::Protected, Verdict::Known]
        );
    }
}
