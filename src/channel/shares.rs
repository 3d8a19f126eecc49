//! The shares training learned beside the confusions, for the stages that weigh marks and
//! capitals around words read right: how often a mark read beside a word was printed
//! nowhere, a comma was a full stop, a stop was lost, a quote belonged to its word, a capital
//! inside a sentence was a misread small letter, and a word is a name.

use super::table::seen_and_share;
use super::{ChannelModel, PSEUDO_SIGHTINGS};
use crate::marks::MarkPlace;
use crate::quotes::QuotePlace;
use crate::specks::{weigh_share, Side, SpeckFactors, SpeckTally};
use rustc_hash::FxHashMap;

/// True for the marks that end a sentence or clause after a word (`,` `.` `;` `:` `!` `?`).
pub fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?')
}

/// True when the odds that `mark`, read after a word, was printed nowhere are weighed by
/// that word ([`ChannelModel::trailing_stray_mark_after`]): clause marks other than `;`. A
/// semicolon joins whole clauses, which end in any word (`alluded to; but`): weighed by the
/// word, semicolon deletions on the development sets were 10 right against 3 breaking a
/// right word, where commas, points and colons were 229 against 2.
fn weighed_by_word(mark: &str) -> bool {
    mark.chars().all(|c| is_clause_mark(c) && c != ';')
}

/// How many sightings of a word its own capital rate counts for against its first letter's.
const CAPITAL_PRIOR_WEIGHT: f64 = 5.0;

/// The fewest sightings inside a sentence that make a word written capitalised there a name
/// ([`ChannelModel::written_as_name`]).
const MIN_NAME_SIGHTINGS: u32 = 3;

/// How sure [`ChannelModel::written_as_name`] must be that a word is capitalised inside a
/// sentence more often than not: the normal quantile of a one-sided 90% Wilson bound. A
/// plain majority of a few sightings made names of `hidden` (two of three, a title), `church`
/// (18 of 31) and `board` (17 of 32).
const NAME_BOUND_Z: f64 = 1.2816;

/// How sure [`MarkReadings::letter_marks`] must be that a mark is read for a letter more
/// often than added: as sure as of a name. Without bln600, whose scans add points and
/// apostrophes inside words, three of the sets read `.` for letters 18 times against 13
/// added, and `'` 12 against 11; made letters, they cost bln600 left out 51 words fixed.
pub(super) const LETTER_MARK_Z: f64 = NAME_BOUND_Z;

/// The lower end of the Wilson score interval for `hits` successes in `trials` trials, at
/// normal quantile `z`: the least share the counts make plausible.
pub(super) fn wilson_lower_bound(hits: u32, trials: u32, z: f64) -> f64 {
    if trials == 0 {
        return 0.0;
    }
    let n = f64::from(trials);
    let p = f64::from(hits) / n;
    let z2 = z * z;
    (p + z2 / (2.0 * n) - z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt()) / (1.0 + z2 / n)
}

/// The key of [`ChannelModel`]'s clause-end counts summed over every word.
pub const ALL_WORDS: &str = "*";

/// The key of [`ChannelModel`]'s full stops printed at a paragraph's end (in place of the
/// word after: no word of letters is written so).
pub const PARAGRAPH_END: &str = "¶";

/// How many sightings at the rate of all words a word's own clause-end rate starts from
/// (a word printed a few times says little of itself).
const PSEUDO_WORDS: f64 = 10.0;

/// How often what per-word `counts` count held for `word` (any case), shrunk towards the
/// rate of all words ([`ALL_WORDS`]) for words seen a few times, and that rate: `None`
/// without counts for all words.
fn shrunk_rate(counts: &FxHashMap<String, (u32, u32)>, word: &str) -> Option<(f64, f64)> {
    let &(all_seen, all_held) = counts.get(ALL_WORDS)?;
    let all = (f64::from(all_held) + 1.0) / (f64::from(all_seen) + 2.0);
    let (seen, held) = counts
        .get(&word.to_lowercase())
        .copied()
        .unwrap_or_default();
    let own = (f64::from(held) + PSEUDO_WORDS * all) / (f64::from(seen) + PSEUDO_WORDS);
    Some((own, all))
}

/// Learned shares of marks told apart by one fact of their place (`true` or `false`: before
/// a small letter or not, after a word or not): per mark and place, how often it was seen
/// there and how often what is learned held (the mark was printed nowhere, the quote
/// belonged to the word after it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkShares([FxHashMap<String, (u32, u32)>; 2]);

impl MarkShares {
    /// Counts one sighting of `mark` at `place`, and whether what is learned held.
    pub fn count(&mut self, place: bool, mark: &str, held: bool) {
        let entry = self.0[usize::from(place)]
            .entry(mark.to_owned())
            .or_default();
        entry.0 += 1;
        entry.1 += u32::from(held);
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: MarkShares) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            for (mark, (seen, held)) in theirs {
                let entry = mine.entry(mark).or_default();
                entry.0 += seen;
                entry.1 += held;
            }
        }
    }

    /// Every mark counted, as `(place, mark, (seen, held))`.
    pub fn entries(&self) -> impl Iterator<Item = (bool, &str, (u32, u32))> {
        [false, true].into_iter().flat_map(move |place| {
            self.0[usize::from(place)]
                .iter()
                .map(move |(mark, &counts)| (place, mark.as_str(), counts))
        })
    }

    /// The share of the sightings of `mark` at `place` where what is learned held, shrunk
    /// towards none for marks seen a few times only; `None` when training never saw it so.
    pub fn share(&self, mark: &str, place: bool) -> Option<f64> {
        let &(seen, held) = self.0[usize::from(place)].get(mark)?;
        Some(f64::from(held) / (f64::from(seen) + PSEUDO_SIGHTINGS))
    }

    /// Reads one row's mark, place (`places`: how `false` and `true` are written) and last
    /// two columns (`seen<TAB>held`) into these shares; `None` when the row is not one.
    pub(super) fn read<'a>(
        &mut self,
        mark: &str,
        place: &str,
        places: [&str; 2],
        columns: &mut impl Iterator<Item = &'a str>,
    ) -> Option<()> {
        let counts = seen_and_share(columns)?;
        let place = places.iter().position(|&p| p == place)? == 1;
        (!mark.is_empty()).then_some(())?;
        self.0[usize::from(place)].insert(mark.to_owned(), counts);
        Some(())
    }
}

/// The learned shares of marks beside words, each told apart by one fact of its place
/// ([`MarkShares`]): counted by `ocrmend train`, weighed by the stages that delete stray
/// marks, write back stops and close up lone quotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkTallies {
    /// Per mark read before a word inside a sentence (`-` in `on -the strength`), when the
    /// word itself was read right, before a word with a small first letter (`true`) or not:
    /// how often, and how often nothing was printed before it.
    pub strays: MarkShares,
    /// Per mark read after a word inside a sentence (`'` in `the' prisoner`), when the word
    /// itself was read right, after a word ending in `s` (`true`) or not: how often, and how
    /// often nothing was printed after it.
    pub trailing_strays: MarkShares,
    /// Per capitalised word read after a comma that followed a word read right
    /// ([`crate::stops::comma_before_capital`]), after a word that looks abbreviated
    /// (`true`) or not: how often, and how often a full stop was printed in the comma's place
    /// (`refused, The`); under the key [`PARAGRAPH_END`] too when the comma ends a
    /// paragraph's last line.
    pub stops_read: MarkShares,
    /// Per capitalised word printed after a word of letters
    /// ([`crate::lost_stops::before_capital`]): how often, and how often a full stop ended
    /// that word (`false`; under the key [`PARAGRAPH_END`], the same at paragraphs' ends,
    /// [`crate::lost_stops::paragraph_place`]); and under the key [`ALL_WORDS`], the full
    /// stops so printed and read as a stop or as no mark: how often, and how often as no mark
    /// (`true`).
    pub stops_printed: MarkShares,
    /// Per quote mark read standing alone before a word (`" You`), with a word before it
    /// (`true`) or not: how often, and how often the word was printed with it; where no
    /// quotation was open on its line.
    pub quotes_apart: MarkShares,
    /// The same inside a quotation open on the line ([`crate::quotes::quotation_open`]).
    pub quotes_open: MarkShares,
}

impl MarkTallies {
    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: MarkTallies) {
        self.strays.merge(other.strays);
        self.trailing_strays.merge(other.trailing_strays);
        self.stops_read.merge(other.stops_read);
        self.stops_printed.merge(other.stops_printed);
        self.quotes_apart.merge(other.quotes_apart);
        self.quotes_open.merge(other.quotes_open);
    }
}

impl ChannelModel {
    /// The probability that `word` (lower case), seen capitalised after a small-letter word
    /// inside a sentence, is the small word whose first letter was misread as a capital:
    /// the word's own share, weighed against its first letter's. `None` when the model has
    /// not seen the word so misread (a capital the training pages never show misread, as
    /// in `International`, is the text's own).
    pub fn capital_misread(&self, word: &str) -> Option<f64> {
        let first: String = word.chars().take(1).collect();
        let (letter, _) = *self.capitals.get(&first)?;
        let (own, seen) = *self.capitals.get(word)?;
        let seen = f64::from(seen);
        Some((own * seen + letter * CAPITAL_PRIOR_WEIGHT) / (seen + CAPITAL_PRIOR_WEIGHT))
    }

    /// [`ChannelModel::capital_misread`] for a capitalised word that may be part of a name
    /// (`Iron and Steel`, [`crate::capitals::before_name`]): its own share alone, weighed
    /// against none, as the first letter's share there says nothing of it. Its letter's
    /// share is mostly that of the few small words misread most (`In`, `Is`, `It`); a
    /// capitalised word before a short word and a capital stood for a small word 15 times in
    /// 1,062 on the development sets, 8 of them `In`.
    pub fn capital_misread_before_name(&self, word: &str) -> Option<f64> {
        let (own, seen) = *self.capitals.get(word)?;
        let seen = f64::from(seen);
        Some(own * seen / (seen + CAPITAL_PRIOR_WEIGHT))
    }

    /// The probability that `mark`, read before a word inside a sentence (whose first letter
    /// is `small` or not), was printed nowhere
    /// (a speck or a stray dash: `on -the strength`), shrunk towards none for marks seen a
    /// few times only; `None` when training never saw it so.
    pub fn stray_mark(&self, mark: &str, small: bool) -> Option<f64> {
        self.marks_beside.strays.share(mark, small)
    }

    /// The probability that `mark`, read after a word inside a sentence (a word ending in `s`
    /// or not: `months'` may be a plural's apostrophe), was printed nowhere (`the' prisoner`),
    /// shrunk towards none for marks seen a few times only; `None` when training never saw
    /// it so.
    pub fn trailing_stray_mark(&self, mark: &str, ends_in_s: bool) -> Option<f64> {
        self.marks_beside.trailing_strays.share(mark, ends_in_s)
    }

    /// The probability that a comma read after a word (one that looks abbreviated or not)
    /// and before the capitalised word `next` (lower case) stood for a full stop
    /// (`refused, The`), shrunk towards none for words seen there a few times only; `None`
    /// when training never saw a comma before it so.
    pub fn stop_read_as_comma(&self, next: &str, after_abbreviation: bool) -> Option<f64> {
        self.marks_beside.stops_read.share(next, after_abbreviation)
    }

    /// [`ChannelModel::stop_read_as_comma`] for a comma ending a paragraph's last line
    /// ([`crate::lost_stops::paragraph_ends`]), whatever word opens the next; `None` when
    /// training saw no such comma.
    pub fn stop_read_as_comma_at_paragraph_end(&self, after_abbreviation: bool) -> Option<f64> {
        self.marks_beside
            .stops_read
            .share(PARAGRAPH_END, after_abbreviation)
    }

    /// The probability that print ends a word of letters in a full stop before the
    /// capitalised word `next` (lower case), shrunk towards none for words seen a few times
    /// only; `None` when training never saw a stop before it.
    pub fn stop_printed_before(&self, next: &str) -> Option<f64> {
        self.marks_beside.stops_printed.share(next, false)
    }

    /// The probability that print ends a paragraph's last line, when its last word is in
    /// small letters and the next line opens a sentence, in a full stop
    /// ([`crate::lost_stops::paragraph_ends`]); `None` when training saw no such line.
    pub fn stop_printed_at_paragraph_end(&self) -> Option<f64> {
        self.marks_beside.stops_printed.share(PARAGRAPH_END, false)
    }

    /// The share of such stops the training scans read as no mark; `None` without training
    /// counts.
    pub fn stop_loss_rate(&self) -> Option<f64> {
        self.marks_beside.stops_printed.share(ALL_WORDS, true)
    }

    /// True when the training text wrote `word` (any case) capitalised inside a sentence more
    /// often than not, surely so (`NAME_BOUND_Z`) and seen there `MIN_NAME_SIGHTINGS` times
    /// or more: a name (`John`), whatever the lexicon lists besides (`john`).
    pub fn written_as_name(&self, word: &str) -> bool {
        self.names
            .get(&word.to_lowercase())
            .is_some_and(|&(seen, capitalised)| {
                seen >= MIN_NAME_SIGHTINGS
                    && wilson_lower_bound(capitalised, seen, NAME_BOUND_Z) > 0.5
            })
    }

    /// [`ChannelModel::trailing_stray_mark`] after `word` in particular: for a clause mark
    /// (one other than `;`), the odds that it was printed nowhere, learned over all words,
    /// moved by how seldom the training text ended a clause with this word against all
    /// words (a comma after `the` is a speck far oftener than one after `him`). Without
    /// clause-end counts, or for another mark, the share of all words.
    pub fn trailing_stray_mark_after(
        &self,
        mark: &str,
        ends_in_s: bool,
        word: &str,
    ) -> Option<f64> {
        let share = self.trailing_stray_mark(mark, ends_in_s)?;
        if !weighed_by_word(mark) {
            return Some(share);
        }
        Some(weigh_share(share, 1.0 / self.clause_end_odds(word)))
    }

    /// How many times likelier than any word the training text was to end a clause with
    /// `word` (any case), in odds (its clause-end rate shrunk towards all words'); 1 without
    /// clause-end counts. `of` and `the` end almost none, `court` more than most.
    pub fn clause_end_odds(&self, word: &str) -> f64 {
        match shrunk_rate(&self.clause_ends, word) {
            Some((own, all)) => (own / (1.0 - own)) / (all / (1.0 - all)),
            None => 1.0,
        }
    }

    /// Per mark, how many times as speckled as the training scans the input is (`input`,
    /// its counts) at `side` of words ([`SpeckFactors`]); 1 when training counted none.
    pub fn speck_factors(&self, side: Side, input: &SpeckTally) -> SpeckFactors {
        let s = side as usize;
        SpeckFactors::new(&self.specks[s], &input.places(side, &self.closed), side)
    }

    /// How much likelier `word` is to be followed by a point than any word, by the training
    /// pages' counts (shrunk towards all words' rate for words printed a few times), when
    /// a point read after it may also be a speck (`speck`: how often one is read where
    /// nothing was printed): `Mr` far likelier, `the` far less. `None` without such counts.
    pub fn point_odds(&self, word: &str, speck: f64) -> Option<f64> {
        let (own, all) = shrunk_rate(&self.points, word)?;
        Some((own + speck) / (all + speck))
    }

    /// The mark most likely printed where `mark` was read at `place`, before a word or
    /// number read right, when training saw another mark printed there more often than any
    /// other outcome, with the share of the sightings it was (shrunk towards none for marks
    /// seen a few times only). At a line's start where training made no rule for the mark
    /// (too few sightings there, or none for a model trained before line starts were told
    /// apart), the rule inside a line holds.
    pub fn mark_printed(&self, mark: &str, place: MarkPlace) -> Option<(&str, f64)> {
        let learned = |place: MarkPlace| self.marks_printed.get(&place)?.get(mark);
        let (printed, seen, n) = learned(place).or_else(|| learned(place.inside_line()))?;
        Some((
            printed,
            f64::from(*n) / (f64::from(*seen) + PSEUDO_SIGHTINGS),
        ))
    }

    /// The probability that `quote`, standing alone before a word at `place`, belonged to
    /// that word (the scanner set it apart: `" You`), shrunk towards none for marks seen a
    /// few times only; `None` when training never saw it so (a model trained before quotes
    /// inside an open quotation were counted apart knows none of those).
    pub fn quote_apart(&self, quote: &str, place: QuotePlace) -> Option<f64> {
        let shares = if place.open {
            &self.marks_beside.quotes_open
        } else {
            &self.marks_beside.quotes_apart
        };
        shares.share(quote, place.after_word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_a_word_surely_capitalised_inside_sentences() {
        let m = ChannelModel::from_table(
            "%john\t%\t0\t40\t39\n%hidden\t%\t0\t3\t2\n%church\t%\t0\t31\t18\n\
             %ely\t%\t0\t3\t3\n%york\t%\t0\t2\t2\n",
        )
        .unwrap();
        assert!(m.written_as_name("John"));
        assert!(m.written_as_name("ely"));
        // A bare majority of a few sightings, or of many, is a title now and then, not a name.
        assert!(!m.written_as_name("hidden"));
        assert!(!m.written_as_name("church"));
        // Too few sightings, and none at all.
        assert!(!m.written_as_name("york"));
        assert!(!m.written_as_name("smith"));
    }

    #[test]
    fn wilson_bound_is_the_least_share_the_counts_make_plausible() {
        // Values of the one-sided 90% bound by its formula, computed apart.
        for (hits, trials, bound) in [
            (2, 3, 0.3212),
            (3, 3, 0.6462),
            (18, 31, 0.4658),
            (39, 40, 0.9200),
            (10, 10, 0.8589),
        ] {
            let got = wilson_lower_bound(hits, trials, NAME_BOUND_Z);
            assert!((got - bound).abs() < 1e-4, "{hits}/{trials}: {got}");
        }
        // Below the share, and closer to it the more sightings there are.
        let few = wilson_lower_bound(3, 4, NAME_BOUND_Z);
        let many = wilson_lower_bound(300, 400, NAME_BOUND_Z);
        assert!(few < many && many < 0.75);
        assert_eq!(wilson_lower_bound(0, 0, NAME_BOUND_Z), 0.0);
    }
}
