//! Regional spellings: British and American English spell some words differently
//! (`analysed` / `analyzed`, `colour` / `color`, `centre` / `center`, `travelled` /
//! `traveled`, `defence` / `defense`, `catalogue` / `catalog`, `judgement` / `judgment`,
//! `programme` / `program`). Both are right, so a known word is never "corrected" into its
//! other spelling: that would be a change of house style, not a repair of a misreading.
//! The rules are the regular spelling differences, not a word list.

use std::borrow::Cow;

/// True when `a` and `b` (lower case) are two spellings of one word that differ only by the
/// regular British/American spelling differences.
pub fn regional_variants(a: &str, b: &str) -> bool {
    RegionalForm::of(b).variant_of(a)
}

/// A word (lower case) with its regional differences written one way, made once to be
/// compared with many words (the candidates of one token).
#[derive(Debug, Clone)]
pub struct RegionalForm<'w> {
    word: &'w str,
    form: Cow<'w, str>,
}

impl<'w> RegionalForm<'w> {
    /// The form of `word`.
    pub fn of(word: &'w str) -> Self {
        RegionalForm {
            word,
            form: common_form(word),
        }
    }

    /// True when `other` (lower case) is this word's other regional spelling
    /// ([`regional_variants`]).
    pub fn variant_of(&self, other: &str) -> bool {
        other != self.word && common_form(other) == self.form
    }
}

/// The endings [`common_form`] writes one way, before a plural's `s`.
const REGIONAL_ENDINGS: [&str; 4] = ["re", "ogue", "ence", "amme"];

/// True when no rule of [`common_form`] can apply to `word`: most words, which it then
/// returns as they are without building them again.
fn plainly_one_form(word: &str) -> bool {
    let stem = word.strip_suffix('s').unwrap_or(word);
    !word.contains('z')
        && !word.get(1..).is_some_and(|rest| rest.contains("our"))
        && !word.contains("ell")
        && !word.contains("dgement")
        && !REGIONAL_ENDINGS.iter().any(|e| stem.ends_with(e))
}

/// `word` with every regional difference written one way (the American, except `-ise`).
fn common_form(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && plainly_one_form(word) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(rewritten(word))
}

/// [`common_form`], every rule tried.
fn rewritten(word: &str) -> String {
    let mut w = word.to_owned();
    let len = w.chars().count();
    // -ize / -ise, -yze / -yse (organization, analyzed): a z after i or y before a vowel.
    if len >= 6 {
        let chars: Vec<char> = w.chars().collect();
        w = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let prev = i.checked_sub(1).map(|j| chars[j]);
                let next = chars.get(i + 1);
                if c == 'z'
                    && matches!(prev, Some('i' | 'y'))
                    && matches!(next, Some('e' | 'i' | 'a'))
                {
                    's'
                } else {
                    c
                }
            })
            .collect();
    }
    // -our / -or (colour, labourer, honoured).
    if len >= 6 {
        if let Some(at) = w.get(1..).and_then(|rest| rest.find("our")) {
            w.replace_range(at + 1..at + 4, "or");
        }
    }
    // -ll- / -l- after e before a vowel (travelled, cancelling, counsellor).
    if len >= 7 {
        for (from, to) in [("elle", "ele"), ("elli", "eli"), ("ello", "elo")] {
            w = w.replace(from, to);
        }
    }
    // Endings: centre, catalogue, defence, programme, and their plurals.
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem.to_owned(), "s"),
        None => (w.clone(), ""),
    };
    let stem = if let Some(base) = stem
        .strip_suffix("re")
        .filter(|b| b.chars().count() >= 3 && b.ends_with(|c: char| !"aeiouy".contains(c)))
    {
        format!("{base}er")
    } else if let Some(base) = stem.strip_suffix("ogue") {
        format!("{base}og")
    } else if let Some(base) = stem.strip_suffix("ence") {
        format!("{base}ense")
    } else if let Some(base) = stem.strip_suffix("amme") {
        format!("{base}am")
    } else {
        stem
    };
    format!("{stem}{plural}").replace("dgement", "dgment")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_spellings_are_one_word() {
        for (gb, us) in [
            ("analysed", "analyzed"),
            ("organisation", "organization"),
            ("colour", "color"),
            ("labourers", "laborers"),
            ("centre", "center"),
            ("theatres", "theaters"),
            ("travelled", "traveled"),
            ("counsellor", "counselor"),
            ("defence", "defense"),
            ("catalogue", "catalog"),
            ("judgement", "judgment"),
            ("programmes", "programs"),
        ] {
            assert!(regional_variants(gb, us), "{gb} / {us}");
            assert!(regional_variants(us, gb), "{us} / {gb}");
        }
    }

    #[test]
    fn words_no_rule_applies_to_are_returned_as_they_are() {
        // The shortcut gives what every rule tried gives, over the embedded word list and
        // words each rule reaches.
        let words = include_str!("../dictionaries/en_words.txt");
        let reached = [
            "colours",
            "travelling",
            "centres",
            "dialogues",
            "judgements",
            "zoo",
        ];
        for word in words
            .lines()
            .map(str::to_lowercase)
            .chain(reached.map(String::from))
        {
            assert_eq!(common_form(&word), rewritten(&word), "{word}");
        }
        assert!(matches!(common_form("house"), Cow::Borrowed(_)));
        assert!(matches!(common_form("colour"), Cow::Owned(_)));
    }

    #[test]
    fn different_words_are_not_variants() {
        for (a, b) in [
            ("four", "for"),
            ("tours", "tors"),
            ("prize", "prise"),
            ("tire", "tier"),
            ("filled", "filed"),
            ("the", "the"),
            ("analysed", "analyses"),
            ("colour", "collar"),
        ] {
            assert!(!regional_variants(a, b), "{a} / {b}");
        }
    }
}
