//! Where learned misreadings of known words are weighed: a word inside a sentence, right
//! after a chunk ending in a small letter (`was In the house`, `on -the strength`). Training
//! counts what the scanner did there, and the stages that use those counts
//! ([`crate::capitals`], [`crate::strays`]) look at the same places.

use crate::detect::Verdict;
use crate::tokenize::Token;

/// True when `before`, the whitespace-delimited chunk before a word, ends in a small letter.
pub fn after_small_letter(before: &str) -> bool {
    before.chars().last().is_some_and(char::is_lowercase)
}

/// The tokens the lexicon knows (by `verdicts`) that stand right after a chunk ending in a
/// small letter, with only whitespace between, with their index and that chunk; `skip[i]`
/// marks tokens another stage has taken.
pub fn known_after_small_letter<'a>(
    text: &'a str,
    tokens: &'a [Token],
    verdicts: &'a [Verdict],
    skip: &'a [bool],
) -> impl Iterator<Item = (usize, &'a Token, &'a str)> + 'a {
    tokens
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(move |(i, tok)| {
            if skip[i] || verdicts[i] != Verdict::Known {
                return None;
            }
            let prev = &tokens[i - 1];
            let separated = text[prev.chunk.end..tok.chunk.start]
                .chars()
                .all(char::is_whitespace);
            let before = &text[prev.chunk.start..prev.chunk.end];
            (separated && after_small_letter(before)).then_some((i, tok, before))
        })
}

/// The tokens of `text` and what detection says of each (for the stages' tests).
#[cfg(test)]
pub fn classified(text: &str, lexicon: &crate::Lexicon) -> (Vec<Token>, Vec<Verdict>) {
    let tokens = crate::tokenize::tokenize(text);
    let verdicts = crate::detect::verdicts(text, &tokens, lexicon);
    (tokens, verdicts)
}
