//! Case patterns: a replacement keeps the case of the token it replaces (`NOVCMBER` →
//! `NOVEMBER`, `Novembcr` → `November`), and proper nouns keep their capitals.

/// The case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseShape {
    /// All lower case (or no letters).
    Lower,
    /// First letter upper, the rest lower.
    Title,
    /// Every letter upper (two letters or more).
    Upper,
    /// Capitals after the first letter (`McDonald`, `FarEastern`, `ThoMns`); a replacement
    /// gets a capital first letter.
    Mixed,
    /// A small first letter and capitals after it (`shaU`, `wVell`, `iPhone`): mostly small
    /// letters misread as capitals; a replacement is in lower case.
    LowerMixed,
}

impl CaseShape {
    /// The case pattern of `word`.
    pub fn of(word: &str) -> CaseShape {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return CaseShape::Lower;
        };
        let (mut upper, mut lower) = (0, 0);
        for c in letters {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        match (first.is_uppercase(), upper, lower) {
            (false, 0, _) => CaseShape::Lower,
            (true, 0, _) => CaseShape::Title,
            (true, _, 0) => CaseShape::Upper,
            // A heading with misread small letters (`MURbER`, `bLANCHARD`, `HOSPItaL`) is
            // still a heading: capitals after the first outnumber small letters.
            (_, u, l) if u >= 3 && (u >= 3 * l || first.is_uppercase() && u > l) => {
                CaseShape::Upper
            }
            (true, _, _) => CaseShape::Mixed,
            (false, _, _) => CaseShape::LowerMixed,
        }
    }

    /// `form` (a lexicon form) written in this case pattern. A form with capitals of its own
    /// keeps them unless this pattern is all upper case.
    pub fn apply(self, form: &str) -> String {
        match self {
            CaseShape::Upper => form.to_uppercase(),
            CaseShape::Title | CaseShape::Mixed => capitalize(form),
            CaseShape::Lower | CaseShape::LowerMixed => form.to_owned(),
        }
    }

    /// True for the two mixed patterns.
    pub fn is_mixed(self) -> bool {
        matches!(self, CaseShape::Mixed | CaseShape::LowerMixed)
    }
}

/// Where a capital follows a small letter in `word` (`FarEastern`: 3), as byte offsets:
/// the seams of words run together.
pub fn seams(word: &str) -> impl Iterator<Item = usize> + '_ {
    word.char_indices()
        .zip(word.chars().skip(1))
        .filter(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((at, a), _)| at + a.len_utf8())
}

/// True when some character of `word[run]` is a capital after a small letter (`U` in
/// `shaU`, as at a [`seams`] seam): a small letter, or several, misread as a capital.
pub fn capital_inside(word: &[char], run: std::ops::Range<usize>) -> bool {
    run.filter(|&i| i > 0)
        .any(|i| word[i].is_uppercase() && word[i - 1].is_lowercase())
}

/// True when `word` is a word set in capitals: two letters or more, all of them capitals
/// (`CASE`, `NOVEMBER`), as in a heading.
pub fn in_capitals(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().all(char::is_alphabetic)
        && CaseShape::of(word) == CaseShape::Upper
}

/// The case `replacement` (a reading of the token `word`, in the case [`CaseShape::of`] the
/// token gives) is written in when the token's own pattern misleads: a small letter before a
/// capitalised word whose reading starts with that word was a speck (`lNorth` is
/// `North`), and a token with capitals inside it beside words in capitals (`heading`) is
/// itself in capitals (`BiENsoN` beside `CASE` is `BENSON`). `None`: the case stands.
pub fn misled_case(word: &str, replacement: &str, heading: bool) -> Option<String> {
    let mut chars = word.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    let starts = |c: char| {
        replacement
            .chars()
            .next()
            .is_some_and(|r| r.to_lowercase().eq(c.to_lowercase()))
    };
    if first.is_lowercase() && second.is_uppercase() && starts(second) {
        let rest = &word[first.len_utf8()..];
        return Some(CaseShape::of(rest).apply(replacement));
    }
    (heading && CaseShape::of(word).is_mixed()).then(|| replacement.to_uppercase())
}

/// `word` with its first letter in upper case.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `word` with its first letter small.
pub fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(f) => f.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_transfer() {
        assert_eq!(CaseShape::of("octobcr"), CaseShape::Lower);
        assert_eq!(CaseShape::of("Octobcr"), CaseShape::Title);
        assert_eq!(CaseShape::of("OCTOBCR"), CaseShape::Upper);
        assert_eq!(CaseShape::of("FarEastern"), CaseShape::Mixed);
        assert_eq!(CaseShape::of("FarEASTern"), CaseShape::Mixed);
        assert_eq!(CaseShape::of("MURbER"), CaseShape::Upper);
        assert_eq!(CaseShape::of("bLANCHARD"), CaseShape::Upper);
        assert_eq!(CaseShape::of("HOSPItaL"), CaseShape::Upper);
        assert_eq!(CaseShape::of("McDonald"), CaseShape::Mixed);
        assert_eq!(CaseShape::of("coUld"), CaseShape::LowerMixed);
        assert_eq!(CaseShape::Title.apply("november"), "November");
        assert_eq!(CaseShape::Upper.apply("November"), "NOVEMBER");
        assert_eq!(CaseShape::Lower.apply("November"), "November");
        assert_eq!(CaseShape::Title.apply("USSR"), "USSR");
    }

    #[test]
    fn a_heading_or_a_speck_before_a_capital_sets_the_case() {
        // Beside words in capitals, a token with capitals inside it is one of them.
        assert_eq!(
            misled_case("BiENsoN", "Benson", true).as_deref(),
            Some("BENSON")
        );
        assert_eq!(misled_case("tIhe", "the", true).as_deref(), Some("THE"));
        assert_eq!(misled_case("BiENsoN", "Benson", false), None);
        assert_eq!(misled_case("Benson", "Benson", true), None);
        // A small letter before a capitalised word, the reading starting after it.
        assert_eq!(
            misled_case("lNorth", "north", false).as_deref(),
            Some("North")
        );
        assert_eq!(
            misled_case("iBANKRUPTS", "bankrupts", false).as_deref(),
            Some("BANKRUPTS")
        );
        // The small letter is the reading's own first letter: a capital misread inside.
        assert_eq!(misled_case("wVell", "well", false), None);
        assert_eq!(
            misled_case("fForfeited", "forfeited", true).as_deref(),
            Some("Forfeited")
        );
        assert_eq!(misled_case("sAid", "said", false), None);
        assert_eq!(misled_case("coUld", "could", false), None);
    }

    #[test]
    fn seams_are_where_a_capital_follows_a_small_letter() {
        assert_eq!(seams("FarEastern").collect::<Vec<_>>(), vec![3]);
        assert_eq!(
            seams("SovietJapaneseTalks").collect::<Vec<_>>(),
            vec![6, 14]
        );
        assert_eq!(seams("éÉ").collect::<Vec<_>>(), vec![2]);
        assert_eq!(seams("NATO").count(), 0);
        assert_eq!(seams("McDonald").collect::<Vec<_>>(), vec![2]);
    }
}
