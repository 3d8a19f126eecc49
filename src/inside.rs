//! Where learned misreadings of known words are weighed: a word inside a sentence, right
//! after a chunk ending in a small letter (`was In the house`, `on -the strength`). Training
//! counts what the scanner did there, and the stages that use those counts
//! ([`crate::capitals`], [`crate::strays`]) look at the same places.

use crate::channel::ChannelModel;
use crate::decide::Thresholds;
use crate::detect::Verdict;
use crate::lexicon::Lexicon;
use crate::specks::SpeckTally;
use crate::surroundings::beside_damage;
use crate::tokenize::Token;
use std::sync::OnceLock;

/// What the stages that weigh words read right with a learned share look at and weigh with
/// ([`crate::capitals`], [`crate::strays`], [`crate::marks`]): the text and its tokens,
/// which tokens stand for words read right (`verdicts`, less those `skip` marks taken by
/// another stage), the lexicon, the learned shares, and the thresholds.
#[derive(Clone, Copy)]
pub struct Scan<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Per token, what detection says of it.
    pub verdicts: &'a [Verdict],
    /// Per token, whether another stage took it.
    pub skip: &'a [bool],
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// The learned shares.
    pub channel: &'a ChannelModel,
    /// What is applied and what suggested.
    pub thresholds: Thresholds,
    /// The marks the input read beside words that seldom end a clause (its specks).
    pub specks: &'a SpeckTally,
    /// Where the text's paragraphs end, found at the first ask ([`Scan::paragraph_ends`]).
    pub paragraph_ends: &'a OnceLock<Vec<usize>>,
}

impl<'a> Scan<'a> {
    /// The same scan with the tokens `skip` marks taken by other stages.
    pub fn skipping(self, skip: &'a [bool]) -> Scan<'a> {
        Scan { skip, ..self }
    }

    /// The line breaks that end a paragraph's last line in the text
    /// ([`crate::lost_stops::paragraph_ends`]), found once for every stage that asks.
    pub fn paragraph_ends(&self) -> &'a [usize] {
        let (cell, text) = (self.paragraph_ends, self.text);
        cell.get_or_init(|| crate::lost_stops::paragraph_ends(text))
    }

    /// True when a chunk right beside token `tok` is damaged ([`beside_damage`]).
    pub fn beside_damage(&self, tok: &Token) -> bool {
        beside_damage(self.text, tok.span, self.lexicon)
    }

    /// The neighbouring tokens `(i, token i, token i + 1)` whose first the lexicon knows,
    /// neither of them taken by another stage: where a mark between two words is weighed.
    pub fn known_pairs(&self) -> impl Iterator<Item = (usize, &'a Token, &'a Token)> + '_ {
        let taken = |i: usize| self.skip.get(i).copied().unwrap_or(false);
        self.tokens
            .windows(2)
            .enumerate()
            .filter(move |&(i, _)| !taken(i) && !taken(i + 1))
            .filter(|&(i, _)| self.verdicts[i] == Verdict::Known)
            .map(|(i, pair)| (i, &pair[0], &pair[1]))
    }
}

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

/// What `stage` finds in `text` as the mender runs it, with nothing taken before it and the
/// default thresholds (for the stages' tests).
#[cfg(test)]
pub fn scanned<T>(
    text: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    stage: impl FnOnce(Scan) -> T,
) -> T {
    scanned_in(text, "", lexicon, channel, stage)
}

/// [`scanned`] in a run whose input is `input` (its specks counted), `text` being a part of
/// it (for the stages' tests).
#[cfg(test)]
pub fn scanned_in<T>(
    text: &str,
    input: &str,
    lexicon: &Lexicon,
    channel: &ChannelModel,
    stage: impl FnOnce(Scan) -> T,
) -> T {
    let tokens = crate::tokenize::tokenize(text);
    let verdicts = crate::detect::verdicts(text, &tokens, lexicon);
    let mut specks = SpeckTally::default();
    specks.add_text(input);
    stage(Scan {
        text,
        tokens: &tokens,
        verdicts: &verdicts,
        skip: &vec![false; tokens.len()],
        lexicon,
        channel,
        thresholds: Thresholds::default(),
        specks: &specks,
        paragraph_ends: &OnceLock::new(),
    })
}
