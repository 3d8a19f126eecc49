//! Stray hyphens inside a line: a hyphen read where a space was printed between two words
//! (`committed-to`, `she-did`, `awarded-the`). A token of two words joined by one hyphen is
//! parted when no hyphen joins them: one of them is among the commonest words the training
//! pages print and never in a compound (`the`, `had`, `which`:
//! [`crate::compounds::Compounds::never_and_common`]; a rarer word never compounded in those
//! pages may well be in another text's, `line-break`), the other is not often compounded
//! (`well-being`), the second is written small, the two go together as a pair far more
//! often than chance, the two written as one are no word (`can-not`), and neither the
//! lexicon nor the input's own repeated use attests the compound. A weak pair (`offence-in`,
//! `telegrams-the`) is left: there the hyphen is mostly a dash the scanner read short
//! (`offence—in`). Beside damaged text the parting is only suggested
//! ([`crate::decide::learned_beside_damage`]).

use crate::channel::ChannelModel;
use crate::corpus::Corpus;
use crate::decide::{learned, learned_beside_damage, Thresholds};
use crate::detect::in_use;
use crate::edit::{Edit, EditKind, Span};
use crate::lexicon::Lexicon;
use crate::rank::association;
use crate::specks::{shown, Side};
use crate::surroundings::beside_damage;
use crate::tokenize::Token;

/// How sure parting a token at a stray hyphen is. In the development sets' OCR, of the
/// tokens of two words joined by a hyphen, one of them a common word never printed in a
/// compound, the other not often compounded, the second small and the pair associated by
/// [`MIN_ASSOCIATION`] or more, 57 of 62 were two words in the transcription; 2 were a dash
/// (`letters—from`), 2 kept the scan's hyphen (`which-fell`).
const PARTED_CONFIDENCE: f64 = 0.9;

/// The least association (pointwise mutual information, nats) of the two words for a
/// hyphen between them to be read as a space: below it, as many such hyphens in the
/// development sets' OCR were a dash in the transcription (34) as a space (30).
const MIN_ASSOCIATION: f64 = 1.0;

/// A token parted at a stray hyphen.
#[derive(Debug, Clone, PartialEq)]
pub struct HyphenParted {
    /// Index of the token.
    pub index: usize,
    /// The edit writing a space for the hyphen (applied or suggested).
    pub edit: Edit,
}

/// The tokens of `text` not `skip`ped that are two words joined by a stray hyphen, each
/// with the edit that parts it, judged by `thresholds` (none below the suggestion floor).
pub fn stray_hyphens(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    channel: &ChannelModel,
    corpus: &Corpus,
    skip: &[bool],
    thresholds: Thresholds,
) -> Vec<HyphenParted> {
    let mut out = Vec::new();
    // Whether the input shows specks, judged at the first hyphen that would be parted.
    let mut speckled = None;
    let mut shows_specks = || {
        *speckled.get_or_insert_with(|| {
            let sides = [Side::Before, Side::After];
            shown(sides.map(|side| channel.speck_factors(side, corpus.specks()).speckled()))
        })
    };
    for (index, token) in tokens.iter().enumerate() {
        if skip[index] {
            continue;
        }
        let word = token.text(text);
        // Most tokens hold no hyphen: one byte scan finds it, cheaper than a split.
        let Some(at) = word.bytes().position(|c| c == b'-') else {
            continue;
        };
        let (a, b) = (&word[..at], &word[at + 1..]);
        if !stray(a, b, lexicon, corpus) || !shows_specks() {
            continue;
        }
        let start = token.span.start + a.len();
        let edit = learned(
            Span::new(start, start + 1),
            "-",
            " ".to_owned(),
            EditKind::Split,
            PARTED_CONFIDENCE,
            format!(
                "`{a} {b}` are two words no hyphen joins (one of them is never printed in a \
                 compound) and a common pair: the hyphen stands where a space was printed"
            ),
            thresholds,
        );
        let damaged = beside_damage(text, token.span, lexicon);
        out.extend(edit.map(|edit| HyphenParted {
            index,
            edit: learned_beside_damage(edit, damaged),
        }));
    }
    out
}

/// True when the hyphen of `a-b` (one hyphen, as read inside a line) is a stray: see the
/// module's documentation.
fn stray(a: &str, b: &str, lexicon: &Lexicon, corpus: &Corpus) -> bool {
    let letters = |s: &str| s.chars().count() >= 2 && s.chars().all(char::is_alphabetic);
    let compounds = lexicon.compounds();
    let small_word_beside =
        |small: &str, other: &str| compounds.never_and_common(small) && !compounds.often(other);
    if !letters(a)
        || !letters(b)
        || !b.starts_with(char::is_lowercase)
        || !(small_word_beside(a, b) || small_word_beside(b, a))
    {
        return false;
    }
    if in_use(&format!("{a}{b}"), lexicon)
        || lexicon.contains(&format!("{a}-{b}"))
        || corpus.repeats_hyphenated(a, b)
    {
        return false;
    }
    match (lexicon.id(&a.to_lowercase()), lexicon.id(&b.to_lowercase())) {
        (Some(ia), Some(ib)) => association(lexicon, ia, ib, true) >= MIN_ASSOCIATION,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compounds::Compounds;
    use crate::rejoin::uncompounded;
    use crate::tokenize::tokenize;

    /// A sentence with two specks (`of,`, `the,`): beside it, a text shows a scan's specks.
    const SPECKS: &str = " The man of, the town saw the, house.";

    /// The tokens parted in `text` followed by [`SPECKS`], as they read once parted.
    fn parted_in(text: &str, lexicon: &Lexicon) -> Vec<String> {
        parted_in_text(&format!("{text}{SPECKS}"), lexicon)
    }

    fn parted_in_text(text: &str, lexicon: &Lexicon) -> Vec<String> {
        let tokens = tokenize(text);
        let corpus = Corpus::of(text);
        let skip = vec![false; tokens.len()];
        stray_hyphens(
            text,
            &tokens,
            lexicon,
            &ChannelModel::default(),
            &corpus,
            &skip,
            Thresholds::default(),
        )
        .into_iter()
        .map(|p| {
            let mut out = text.to_owned();
            out.replace_range(p.edit.span.start..p.edit.span.end, &p.edit.after);
            tokens[p.index].text(&out).to_owned()
        })
        .collect()
    }

    #[test]
    fn a_hyphen_beside_a_common_word_never_compounded_in_a_common_pair_is_a_space() {
        let lex = uncompounded(&["an", "to", "she"]);
        let text = "He was committed-to prison, and she-did not know he had-an apple.";
        assert_eq!(
            parted_in(text, &lex),
            vec!["committed to", "she did", "had an"]
        );
    }

    #[test]
    fn a_text_showing_no_specks_keeps_its_hyphens() {
        let lex = uncompounded(&["an", "to", "she"]);
        let text = "He was committed-to prison, and she-did not know he had-an apple.";
        assert!(parted_in_text(text, &lex).is_empty());
        assert_eq!(parted_in_text(&format!("{text}{SPECKS}"), &lex).len(), 3);
    }

    #[test]
    fn compounds_weak_pairs_words_and_repeated_hyphenations_are_left() {
        let lex = uncompounded(&["the", "an", "being"]);
        // Neither word is a common one never compounded: a compound like any other.
        assert!(parted_in("a police-court case", &lex).is_empty());
        assert!(parted_in("committed-to prison", &uncompounded(&[])).is_empty());
        // Never compounded, but not among the commonest words: no sign in another text.
        let mut rare = Lexicon::embedded();
        rare.set_compounds(Compounds::of_words(&["to"], &[], &[]));
        assert!(parted_in("committed-to prison", &rare).is_empty());
        // The other word is often compounded.
        let mut well = Lexicon::embedded();
        well.set_compounds(Compounds::of_words(&["being"], &["being"], &["well"]));
        assert!(parted_in("their well-being", &well).is_empty());
        // A weak pair: the hyphen is more likely a dash read short.
        assert!(parted_in("the telegrams-the letters", &lex).is_empty());
        // The two written as one are a word.
        let can = uncompounded(&["not"]);
        assert!(parted_in("I can-not say", &can).is_empty());
        // The input writes the compound so again and again (once, it is parted).
        assert_eq!(parted_in("he had-an apple", &lex), vec!["had an"]);
        let text = "he had-an apple. we had-an apple. they had-an apple.";
        assert!(parted_in(text, &lex).is_empty());
        // A capital after the hyphen (`the-Thames`) is no word run on.
        assert!(parted_in("over the-Thames bridge", &lex).is_empty());
    }
}
