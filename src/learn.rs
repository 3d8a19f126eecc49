//! The corpus layer: words the input proves by repetition. A form written the same way at
//! least [`MIN_REPEATS`] times, made of letters only (at least [`MIN_LETTERS`] of them), that
//! the lexicon does not know, and that occurs far more often than misreadings of its best
//! candidate would explain ([`crate::rank::proven_by_repeats`]), is a word of this corpus:
//! `Shevardnadze` in a paper about Soviet diplomacy. It is then never changed, and its own
//! damaged copies are corrected to it. `ocrmend dict learn` writes these words out. The
//! pairs of words the input uses repeatedly ([`corpus_pairs`]) are its context, as the
//! training pages' pairs are.

use crate::casing::CaseShape;
use crate::channel::ChannelModel;
use crate::corpus::Corpus;
use crate::generate::generate;
use crate::lexicon::{pair_association, Lexicon, WordId};
use crate::mender::Options;
use crate::rank::{proven_by_repeats, rank, Neighbours};
use rayon::prelude::*;

/// How often a form must occur, written the same way, to be a word of the corpus.
pub const MIN_REPEATS: u32 = 3;

/// How many letters a form needs to be a word of the corpus; shorter forms are too often
/// OCR junk that repeats (`tbe`).
pub const MIN_LETTERS: usize = 4;

/// How often the input must use a listed word that no frequency list counts for the word
/// to be proposed for damaged tokens ([`crate::lexicon::Lexicon::vouch`]): once or twice
/// could be a misreading that lands on an obscure word, or the text's own second spelling
/// (`diarrhea` twice beside one `diarrhœa`).
pub const MIN_VOUCHING_USES: u32 = 3;

/// A word of the corpus and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learned {
    /// The word as written.
    pub word: String,
    /// How often it occurs in the input.
    pub count: u32,
}

/// The words `corpus` proves by repetition that `lexicon` does not have, most frequent first;
/// `modern` says whether the input is modern English (asked only when it matters).
pub fn corpus_words(
    corpus: &Corpus,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    options: &Options,
    modern: &(dyn Fn() -> bool + Sync),
) -> Vec<Learned> {
    let repeated: Vec<(&str, u32)> = corpus.words().collect();
    let mut out: Vec<Learned> = repeated
        .into_par_iter()
        .filter(|&(word, count)| {
            count >= MIN_REPEATS
                && word.chars().count() >= MIN_LETTERS
                && word.chars().all(char::is_alphabetic)
                && !CaseShape::of(word).is_mixed()
                && !lexicon.contains(word)
        })
        .filter(|&(word, count)| {
            let proposals = generate(word, lexicon, channel, corpus, options.limits);
            let ranked = rank(
                &proposals,
                lexicon,
                Neighbours::default(),
                None,
                &options.weights,
            );
            proven_by_repeats(
                word,
                count,
                ranked.first(),
                corpus,
                modern,
                &options.weights,
            )
        })
        .map(|(word, count)| Learned {
            word: word.to_owned(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    out
}

/// The pairs of words `corpus` uses one after the other inside a clause at least
/// [`MIN_PAIR_REPEATS`] times, both words the lexicon knows, with their association in the
/// input ([`pair_association`]): evidence of what goes together in this text, weighed for
/// unknown tokens as the pairs the training pages printed are.
pub fn corpus_pairs(corpus: &Corpus, lexicon: &Lexicon) -> Vec<(WordId, WordId, f64)> {
    let mut out: Vec<(WordId, WordId, f64)> = corpus
        .pairs(MIN_PAIR_REPEATS)
        .filter_map(|(a, b, n)| {
            let (ia, ib) = (lexicon.id(a)?, lexicon.id(b)?);
            let (ca, cb) = (corpus.count_folded(a), corpus.count_folded(b));
            Some((ia, ib, pair_association(n, corpus.tokens(), ca, cb)))
        })
        .collect();
    // In a fixed order, whatever the order the counts were kept in.
    out.sort_unstable_by_key(|&(a, b, _)| (a, b));
    out
}

/// How often the input must use a pair of words for it to count as context: as often as a
/// pair of the training pages must be printed ([`crate::train::MIN_COUNT`]).
pub const MIN_PAIR_REPEATS: u32 = crate::train::MIN_COUNT;

#[cfg(test)]
mod tests {
    use super::*;

    fn learn(text: &str) -> Vec<String> {
        learn_in(text, true)
    }

    /// The words learned from `text`, judged modern English or not.
    fn learn_in(text: &str, modern: bool) -> Vec<String> {
        let corpus = Corpus::of(text);
        let lexicon = Lexicon::embedded();
        corpus_words(
            &corpus,
            &lexicon,
            &ChannelModel::default(),
            &Options::default(),
            &|| modern,
        )
        .into_iter()
        .map(|l| l.word)
        .collect()
    }

    /// A text that prints `acres` twice and a misreading of it, `acies`, four times (as one
    /// scan of one page does).
    const MISREAD_ALIKE: &str = "Sold: forty acres of land and ten acres of bush, and acies \
        of scrub, with acies of grass, acies of river flat and acies of hills.";

    #[test]
    fn a_small_letter_misreading_repeated_beside_its_word_is_not_learned() {
        assert!(learn(MISREAD_ALIKE).is_empty());
    }

    #[test]
    fn in_older_english_a_second_spelling_beside_the_word_is_learned() {
        assert_eq!(learn_in(MISREAD_ALIKE, false), vec!["acies"]);
    }

    #[test]
    fn a_capitalised_form_beside_a_small_letter_word_is_still_learned() {
        // A name is no misreading of the small-letter word it is one letter from.
        let text = "Acies spoke. Acies left. Acies came back to the acres of land at dusk.";
        assert_eq!(learn(text), vec!["Acies"]);
    }

    #[test]
    fn a_repeated_unknown_name_is_learned() {
        let text = "Vornskaya spoke. Vornskaya left. Then Vornskaya returned to the hall.";
        assert_eq!(learn(text), vec!["Vornskaya"]);
    }

    #[test]
    fn repeated_misreadings_of_a_common_word_are_not() {
        // `tlie` four times beside a hundred `the`: misreadings explain it.
        let mut text = "the cat and the dog. ".repeat(50);
        text += "tlie end, tlie start, tlie middle, tlie rest.";
        assert!(learn(&text).is_empty());
    }

    #[test]
    fn rare_or_short_forms_are_not() {
        assert!(learn("Vornskaya spoke. Vornskaya left.").is_empty());
        assert!(learn("Abc abc Abc Abc Abc").is_empty());
    }
}
