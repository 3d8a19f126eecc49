//! Stray joins inside a line: a hyphen or a speck read where a space was printed between
//! two words (`committed-to`, `she-did`, `for'some`, `washed.for`, `which~he`). A token of
//! two words joined by one such mark is parted when nothing joins them: one of them is
//! among the commonest words the training pages print and never in a compound (`the`,
//! `had`, `which`: [`crate::compounds::Compounds::never_and_common`]; a rarer word never
//! compounded in those pages may well be in another text's, `line-break`), the other is not
//! often compounded (`well-being`), the second is written small, the two go together as a
//! pair far more often than chance, the two written as one are no word (`can-not`), the
//! token as read is none either (`you're`), and neither the lexicon nor the input's own
//! repeated use attests the compound (a point may be a hyphen read short,
//! `Police.station`). A weak pair (`offence-in`, `telegrams-the`) is left: there a hyphen
//! is mostly a dash the scanner read short (`offence—in`). Beside damaged text the parting
//! is only suggested ([`crate::decide::learned_beside_damage`]). Marks that are the text's
//! own with only a space lost (`inspection,and`) are the split search's
//! ([`crate::generate`]).

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

/// How sure parting a token at a stray join is. In the development sets' OCR, of the
/// tokens of two words joined by a hyphen, one of them a common word never printed in a
/// compound, the other not often compounded, the second small and the pair associated by
/// [`MIN_ASSOCIATION`] or more, 57 of 62 were two words in the transcription; 2 were a dash
/// (`letters—from`), 2 kept the scan's hyphen (`which-fell`).
const PARTED_CONFIDENCE: f64 = 0.9;

/// The least association (pointwise mutual information, nats) of the two words for a
/// hyphen between them to be read as a space: below it, as many such hyphens in the
/// development sets' OCR were a dash in the transcription (34) as a space (30).
const MIN_ASSOCIATION: f64 = 1.0;

/// The marks read where a space was printed that the stage parts at: a hyphen, and the
/// specks a scan reads between words (an apostrophe, a point or a colon before a small
/// letter, a tilde, a quote, an asterisk). Not a comma or a semicolon: between two words
/// those are mostly the text's own, only their space lost.
const JOINS: [char; 11] = ['-', '\'', '’', '.', ':', '~', '"', '*', '^', '=', '`'];

/// A token parted at a stray join.
#[derive(Debug, Clone, PartialEq)]
pub struct Parted {
    /// Index of the token.
    pub index: usize,
    /// The edit writing a space for the mark (applied or suggested).
    pub edit: Edit,
}

/// The tokens of `text` not `skip`ped that are two words joined by a stray mark, each with
/// the edit that parts it, judged by `thresholds` (none below the suggestion floor).
pub fn stray_joins(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    channel: &ChannelModel,
    corpus: &Corpus,
    skip: &[bool],
    thresholds: Thresholds,
) -> Vec<Parted> {
    let mut out = Vec::new();
    // Whether the input shows specks, judged at the first mark that would be parted.
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
        // Most tokens are letters alone: one scan finds the first other character.
        let Some((at, mark)) = word.char_indices().find(|(_, c)| !c.is_alphabetic()) else {
            continue;
        };
        if !JOINS.contains(&mark) {
            continue;
        }
        let (a, b) = (&word[..at], &word[at + mark.len_utf8()..]);
        if !stray(word, (a, b), lexicon, corpus) || !shows_specks() {
            continue;
        }
        let start = token.span.start + a.len();
        let edit = learned(
            Span::new(start, start + mark.len_utf8()),
            &mark.to_string(),
            " ".to_owned(),
            EditKind::Split,
            PARTED_CONFIDENCE,
            format!(
                "`{a} {b}` are two words nothing joins (one of them is never printed in a \
                 compound) and a common pair: the `{mark}` stands where a space was printed"
            ),
            thresholds,
        );
        let damaged = beside_damage(text, token.span, lexicon);
        out.extend(edit.map(|edit| Parted {
            index,
            edit: learned_beside_damage(edit, damaged),
        }));
    }
    out
}

/// True when the mark of `word`, read `a` mark `b` inside a line, is a stray: see the
/// module's documentation.
fn stray(word: &str, (a, b): (&str, &str), lexicon: &Lexicon, corpus: &Corpus) -> bool {
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
        || lexicon.contains(word)
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
    use crate::lexicon::Layer;
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
        stray_joins(
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
    fn a_speck_between_a_common_word_and_its_neighbour_is_a_space() {
        let lex = uncompounded(&["the", "he", "from"]);
        let text = "He saw the'river, and then which~he left from:which he came by.the road.";
        assert_eq!(
            parted_in(text, &lex),
            vec!["the river", "which he", "from which", "by the"]
        );
    }

    #[test]
    fn words_read_with_their_mark_the_texts_own_marks_and_a_point_before_a_capital_are_left() {
        let mut lex = uncompounded(&["that", "he", "said"]);
        assert_eq!(parted_in("I said that'he came", &lex), vec!["that he"]);
        // A word the lexicon holds as read, mark and all (a user's `that'he`; `you're`).
        lex.add("that'he", 1, Layer::User);
        assert!(parted_in("I said that'he came", &lex).is_empty());
        assert!(parted_in("and you're right, they're here", &lex).is_empty());
        // A comma between words is the text's own: only its space was lost.
        assert!(parted_in("he said,that he came", &lex).is_empty());
        // A point before a capital ends a sentence.
        assert!(parted_in("he said.That was all", &lex).is_empty());
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
