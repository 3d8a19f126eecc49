//! Lost stops: a full stop the scanner did not read at all, between a word and the word
//! that opens the next sentence on the same line (`at the Court It was` where `Court. It`
//! was printed), or at the end of a paragraph's last line ([`paragraph_ends`]). At another
//! line's end a word without a stop is as often a heading's (`Completed` / `The ...`): on
//! the development sets a third of the stops written back there were wrong, against none
//! inside a line. Some scans lose a stop in four, others almost none,
//! so the odds come from two sources. How often print ends a word in a stop before each
//! capitalised word (`The` nearly always, `Smith` seldom) is learned from the training
//! pages' ground truth ([`crate::channel::ChannelModel::stop_printed_before`]); how often
//! this input's scan loses a stop is estimated from the input itself
//! ([`StopTally::lost_rate`]): where print stops before a word nearly always, a scan that
//! reads no mark there often loses stops. At a paragraph's end the odds are print's at
//! paragraphs' ends, whatever word follows
//! ([`ChannelModel::stop_printed_at_paragraph_end`]). The probability that a stop was
//! printed, given that none was read, is the confidence of writing it back. A word in
//! capitals, or a short capitalised one (`Mr`, `Co`), is left alone, and beside damaged text
//! the stop is only suggested ([`learned_beside_damage`]).

use crate::casing::in_capitals;
use crate::channel::ChannelModel;
use crate::decide::{learned, learned_beside_damage};
use crate::edit::{Edit, EditKind, Span};
use crate::inside::Scan;
use crate::specks::weigh_share;
use crate::stops::sentence_opener;
use crate::tally::Tally;
use crate::tokenize::{chunk_core, looks_abbreviated, Token};

/// How many of the training scans' places the input's own count of lost stops starts from
/// (a short text says little about its scan).
const PSEUDO_STOPS: f64 = 50.0;

/// A word and the capitalised word after it, with the mark between them: what training
/// counts in print and the input's tally counts as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeforeCapital {
    /// The word after, in lower case (`the` for `The`): what is learned per.
    pub next: String,
    /// A full stop ends the first word (`Court.`); otherwise it ends in no mark at all.
    pub stop: bool,
}

/// The place between `chunk` (a whitespace-delimited chunk: a word of letters, with a full
/// stop after it or no mark) and `next` (the chunk after it: a word that may open a
/// sentence, [`sentence_opener`]), or `None` when the two are not so. The first
/// word is not in capitals either, nor a letter standing alone, nor short and capitalised as
/// an abbreviation or a title is (`Mr`, `Co`, `St`), whose point says nothing of a
/// sentence's end.
pub fn before_capital(chunk: &str, next: &str) -> Option<BeforeCapital> {
    // Asked first: most chunks are followed by no such word.
    let next = sentence_opener(next)?;
    let (word, stop) = match chunk.strip_suffix('.') {
        Some(word) => (word, true),
        None => (chunk, false),
    };
    // A letter standing alone is a speck or an initial as often as a word.
    let letters = word.chars().count() > 1 && word.chars().all(char::is_alphabetic);
    if !letters || in_capitals(word) || looks_abbreviated(word) {
        return None;
    }
    Some(BeforeCapital {
        next: next.to_lowercase(),
        stop,
    })
}

/// A line counts as full when it is at least this share of the text's full length.
const FULL_LINE_SHARE: f64 = 0.8;

/// The fewest lines of text whose lengths tell a full line from a short one.
const MIN_LINES: usize = 6;

/// The line breaks (byte offsets of their `\n`) that end a paragraph's last line in
/// `text`: a line shorter than the text's full lines after a full one and before a line
/// of text (a typeset paragraph runs its lines to the full measure and stops short on its
/// last; a heading stands between blank or short lines). A text's full length is the
/// length three in four of its lines reach at most; a text of fewer than six lines tells
/// none.
pub fn paragraph_ends(text: &str) -> Vec<usize> {
    // Each line's length in characters (blank: 0) and the offset of the break ending it.
    let mut lines: Vec<(usize, Option<usize>)> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let brk = line.ends_with('\n').then_some(end - 1);
        lines.push((line.trim().chars().count(), brk));
        start = end;
    }
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.0).filter(|&n| n > 0).collect();
    if lengths.len() < MIN_LINES {
        return Vec::new();
    }
    lengths.sort_unstable();
    let full = FULL_LINE_SHARE * lengths[lengths.len() * 3 / 4] as f64;
    let is_full = |n: usize| n as f64 >= full;
    lines
        .windows(3)
        .filter(|w| is_full(w[0].0) && w[1].0 > 0 && !is_full(w[1].0) && w[2].0 > 0)
        .filter_map(|w| w[1].1)
        .collect()
}

/// Per whitespace-delimited chunk of `text` (in order), whether it is the last of a
/// paragraph's last line ([`paragraph_ends`]).
pub fn ends_paragraph(text: &str) -> Vec<bool> {
    let ends = paragraph_ends(text);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let n = line.split_whitespace().count();
        let last = line.ends_with('\n') && ends.binary_search(&(start + line.len() - 1)).is_ok();
        out.extend((0..n).map(|k| last && k + 1 == n));
        start += line.len();
    }
    out
}

/// [`before_capital`] at a paragraph's end: `last` (the last chunk of its last line) a word
/// in small letters, with a full stop after it or no mark, `next` opening the next line.
/// A capitalised word there is as often a name ending a list's or a signature's line.
pub fn paragraph_place(last: &str, next: &str) -> Option<BeforeCapital> {
    before_capital(last, next).filter(|_| small_word(last))
}

/// True when the word of `chunk` is in small letters: only such a word ending a short line
/// tells a paragraph's end ([`paragraph_place`]).
pub fn small_word(chunk: &str) -> bool {
    let word = chunk_core(chunk);
    !word.is_empty() && word.chars().all(char::is_lowercase)
}

/// The input's places where a word is read before a capitalised word (in one paragraph),
/// per word after (lower case): how often with a full stop between, and how often with no
/// mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StopTally {
    read: [Tally; 2],
}

impl StopTally {
    /// Counts the places of `text`: pairs of whitespace-delimited chunks with no blank line
    /// between them.
    pub fn add_text(&mut self, text: &str) {
        let mut before: Option<&str> = None;
        for line in text.lines() {
            if line.trim().is_empty() {
                before = None;
            }
            for chunk in line.split_whitespace() {
                if let Some(place) = before.and_then(|a| before_capital(a, chunk)) {
                    self.read[usize::from(place.stop)].add(&place.next, 1);
                }
                before = Some(chunk);
            }
        }
    }

    /// Adds the counts of another tally.
    pub fn merge(&mut self, other: &StopTally) {
        for (mine, theirs) in self.read.iter_mut().zip(&other.read) {
            mine.merge(theirs);
        }
    }

    /// The share of the full stops printed before a capitalised word that this input's scan
    /// read as no mark at all: the maximum-likelihood estimate under print's
    /// odds of a stop before each word (`channel`), started from the training scans' share
    /// as `PSEUDO_STOPS` (50) places. With print's odds `p` before a word, a scan that loses a
    /// stop in `lost` reads no mark there with probability `p·lost + 1 − p`, and a stop with
    /// `p·(1 − lost)`.
    pub fn lost_rate(&self, channel: &ChannelModel) -> f64 {
        let prior = channel.stop_loss_rate().unwrap_or(0.0);
        // Every place as (print's odds of a stop, times read without a mark, with a stop).
        let mut places: Vec<(f64, f64, f64)> =
            vec![(1.0, PSEUDO_STOPS * prior, PSEUDO_STOPS * (1.0 - prior))];
        let none = &self.read[0];
        let stopped = &self.read[1];
        // In the words' order, so that the sums do not depend on how the tally was built
        // (a run's pieces are counted in parallel).
        let mut words: Vec<&str> = none.iter().chain(stopped.iter()).map(|(w, _)| w).collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            if let Some(p) = channel.stop_printed_before(word) {
                let n = |counts: &Tally| f64::from(counts.get(word));
                // A capital read without a mark before it may be a misread small letter
                // (`was In the house`): only the rest are places where print has the word.
                let genuine = 1.0 - capital_misread(channel, word);
                places.push((p, n(none) * genuine, n(stopped)));
            }
        }
        // The slope of the log-likelihood falls as the rate rises: its zero, by bisection.
        let slope = |lost: f64| -> f64 {
            places
                .iter()
                .map(|&(p, none, stop)| {
                    let unmarked = if none > 0.0 {
                        none * p / (p * lost + 1.0 - p)
                    } else {
                        0.0
                    };
                    unmarked - stop / (1.0 - lost)
                })
                .sum()
        };
        if slope(0.0) <= 0.0 {
            return 0.0;
        }
        let (mut low, mut high) = (0.0, 1.0 - 1e-9);
        for _ in 0..60 {
            let mid = (low + high) / 2.0;
            if slope(mid) > 0.0 {
                low = mid;
            } else {
                high = mid;
            }
        }
        low
    }
}

/// The probability that `word` (lower case), read capitalised after a word with no mark
/// between, is the small word with its first letter misread ([`ChannelModel::capital_misread`]).
fn capital_misread(channel: &ChannelModel, word: &str) -> f64 {
    channel.capital_misread(word).unwrap_or(0.0)
}

/// The probability that a full stop was printed where none was read before a word print
/// ends a stop before with probability `printed`, by a scan that loses `lost` of its stops.
pub fn stop_lost(printed: f64, lost: f64) -> f64 {
    let both = printed * lost;
    if both <= 0.0 {
        return 0.0;
    }
    both / (both + 1.0 - printed)
}

/// The full stops lost after known words and before a capitalised word on the same line,
/// or opening the line after a paragraph's end, written back with their confidence (those
/// below the suggestion floor are left out). `lost` is the input's rate of lost stops
/// ([`StopTally::lost_rate`]); `skip[i]` marks tokens another stage has taken.
pub fn stops_lost(scan: Scan, lost: f64) -> Vec<Edit> {
    let text = scan.text;
    let at_paragraph_end = scan.channel.stop_printed_at_paragraph_end();
    let ends = match at_paragraph_end {
        Some(_) => scan.paragraph_ends(),
        None => &[],
    };
    let mut out = Vec::new();
    for (_, tok, next) in scan.known_pairs() {
        let Some(LostStop { place, before, at }) =
            lost_stop_site(&scan, tok, next, at_paragraph_end, ends)
        else {
            continue;
        };
        let read = &text[tok.chunk.start..tok.chunk.end];
        let after = &text[next.chunk.start..next.chunk.end];
        // A word that seldom ends a clause seldom ends a sentence (`of The Times`).
        let printed = weigh_share(before, scan.channel.clause_end_odds(read));
        let small = capital_misread(scan.channel, &place.next);
        let confidence = (1.0 - small) * stop_lost(printed, lost);
        let mut reason = format!(
            "no mark between `{read}` and `{}`: {at} {:.0}% of the time, {:.0}% after `{read}`, and this input's scan loses about {:.0}% of its stops",
            chunk_core(after),
            before * 100.0,
            printed * 100.0,
            lost * 100.0,
        );
        if small > 0.0 {
            reason.push_str(&format!(
                "; the capital is a misread small letter {:.0}% of the time",
                small * 100.0
            ));
        }
        reason.push_str(&format!(", so {:.0}%", confidence * 100.0));
        let edit = learned(
            Span::new(tok.chunk.end, tok.chunk.end),
            "",
            ".".to_owned(),
            EditKind::Normalize,
            confidence,
            reason,
            scan.thresholds,
        );
        if let Some(edit) = edit {
            out.push(learned_beside_damage(edit, scan.beside_damage(tok)));
        }
    }
    out
}

/// Where a full stop may have been lost between two known words, and what print says of it.
struct LostStop {
    /// The place, before the next word.
    place: BeforeCapital,
    /// How often print ends a word in a full stop there.
    before: f64,
    /// Where that is, for the reviewer (`print ends a paragraph in a full stop`).
    at: String,
}

/// The place between `tok` and `next` where a full stop may have been lost: inside a line,
/// before a capitalised word print often opens a sentence with; or at a line break among
/// the paragraph `ends`, where print ends a paragraph in a stop `at_paragraph_end` of the
/// time. `None` elsewhere.
fn lost_stop_site(
    scan: &Scan,
    tok: &Token,
    next: &Token,
    at_paragraph_end: Option<f64>,
    ends: &[usize],
) -> Option<LostStop> {
    let text = scan.text;
    let gap = &text[tok.chunk.end..next.chunk.start];
    if !gap.chars().all(char::is_whitespace) {
        return None;
    }
    let read = &text[tok.chunk.start..tok.chunk.end];
    let after = &text[next.chunk.start..next.chunk.end];
    match gap.find('\n') {
        None => {
            // A capital standing alone is as often an initial (`Messrs A Oliver`) as the
            // word `A` opening a sentence.
            let place =
                before_capital(read, after).filter(|p| !p.stop && p.next.chars().count() > 1)?;
            let before = scan.channel.stop_printed_before(&place.next)?;
            let at = format!(
                "print ends a word in a full stop before `{}`",
                chunk_core(after)
            );
            Some(LostStop { place, before, at })
        }
        Some(brk) => {
            let before = at_paragraph_end?;
            ends.binary_search(&(tok.chunk.end + brk)).ok()?;
            let place = paragraph_place(read, after).filter(|p| !p.stop)?;
            let at = "print ends a paragraph in a full stop".to_owned();
            Some(LostStop { place, before, at })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, Status};
    use crate::inside::scanned;
    use crate::lexicon::{Layer, Lexicon};

    #[test]
    fn a_word_before_a_capitalised_word_is_told_apart() {
        let place = |a: &str, b: &str| before_capital(a, b);
        assert_eq!(
            place("Court", "It"),
            Some(BeforeCapital {
                next: "it".to_owned(),
                stop: false
            })
        );
        assert!(place("Court.", "It,").unwrap().stop);
        // Not after another mark, a word in capitals or an abbreviation; not before a small
        // letter, a mark, a word in capitals or a number.
        assert_eq!(place("Court,", "It"), None);
        assert_eq!(place("Court..", "It"), None);
        assert_eq!(place("COURT", "It"), None);
        assert_eq!(place("Mr", "Smith"), None);
        assert_eq!(place("e", "The"), None);
        assert_eq!(place("court", "it"), None);
        assert_eq!(place("court", "\"It"), None);
        assert_eq!(place("court", "IT"), None);
        assert_eq!(place("court", "1889"), None);
        // A lone capital is a word (`I`, `A`).
        assert!(place("said", "I").is_some());
    }

    #[test]
    fn the_tally_counts_stops_and_no_marks_within_a_paragraph() {
        let mut tally = StopTally::default();
        tally.add_text("at the Court It was so.\nThe man said. The end\n\nThe last");
        let mut other = StopTally::default();
        other.add_text("was there The");
        tally.merge(&other);
        let count =
            |stop: bool, w: &str| Some(tally.read[usize::from(stop)].get(w)).filter(|&n| n > 0);
        assert_eq!(count(false, "it"), Some(1));
        // `so.` before `The` on the next line counts, `said.` too; `end` across the blank
        // line does not.
        assert_eq!(count(true, "the"), Some(2));
        assert_eq!(count(false, "the"), Some(1));
    }

    /// A channel whose training print ended a word in a stop before `The` and `A` 98 times
    /// in 100, before `Smith` 2 times in 100, whose scans read 10 stops in 100 as no mark,
    /// and whose print put a clause mark after `of` none of 400 times (after any word, 1,000
    /// times in 10,000).
    fn channel() -> ChannelModel {
        ChannelModel::from_table(
            "{the\t{p\t0.01\t100\t98\n{a\t{p\t0.01\t100\t98\n{smith\t{p\t0.5\t100\t2\n\
             {*\t{l\t0.3\t100\t10\n)of\t)\t0\t400\t0\n)*\t)\t0\t10000\t1000\n",
        )
        .unwrap()
    }

    #[test]
    fn the_rate_of_lost_stops_is_estimated_from_the_input() {
        let channel = channel();
        let rate = |text: &str| {
            let mut tally = StopTally::default();
            tally.add_text(text);
            tally.lost_rate(&channel)
        };
        // Nothing read: the training scans' rate.
        assert!((rate("") - 10.0 / 102.0).abs() < 1e-6);
        // A scan that reads a stop before `The` 300 times and none 100 times loses about a
        // quarter of its stops (less print's own stopless `word The`).
        let lossy = format!(
            "{}{}",
            "it was so. The ".repeat(300),
            "it was so The ".repeat(100)
        );
        let lost = rate(&lossy);
        assert!(lost > 0.2 && lost < 0.26, "{lost}");
        // One that always reads them loses none; no mark before `Smith` is print's own.
        let clean = format!(
            "{}{}",
            "it was so. The ".repeat(400),
            "he met Smith ".repeat(400)
        );
        assert!(rate(&clean) < 0.02, "{}", rate(&clean));
        assert_eq!(rate(&"was so The ".repeat(5000)).round(), 1.0);
    }

    #[test]
    fn a_paragraphs_last_line_is_a_short_line_after_a_full_one() {
        let full = "a line of words that runs to the full measure";
        let text =
            format!("{full}\n{full}\n{full}\nends here\nThe next\n\nHeading\n{full}\n{full}\n");
        let brk = text.find("ends here").unwrap() + "ends here".len();
        // `ends here` follows a full line; `The next` a short one, `Heading` a blank one.
        assert_eq!(paragraph_ends(&text), vec![brk]);
        // Nothing at the text's last line, nor in a text of too few lines to tell.
        let none: Vec<usize> = Vec::new();
        assert_eq!(
            paragraph_ends(&format!("{full}\n{full}\n{full}\n{full}\n{full}\nends")),
            none
        );
        assert_eq!(paragraph_ends(&format!("{full}\nends\nThe")), none);
        // After a word in small letters only.
        assert!(paragraph_place("here", "The").is_some());
        assert!(paragraph_place("here.", "The").unwrap().stop);
        assert_eq!(paragraph_place("Smith", "The"), None);
        assert_eq!(paragraph_place("here", "the"), None);
    }

    #[test]
    fn the_chunks_ending_paragraphs_are_marked() {
        let full = "a line of words that runs to the full measure";
        let text = format!("{full}\n{full}\n{full}\nends  here \nThe next\n{full}\n{full}\n");
        let marked = ends_paragraph(&text);
        assert_eq!(marked.len(), text.split_whitespace().count());
        let chunks: Vec<&str> = text.split_whitespace().collect();
        let ends: Vec<&str> = chunks
            .iter()
            .zip(&marked)
            .filter(|(_, &m)| m)
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(ends, ["here"]);
    }

    #[test]
    fn a_stop_lost_at_a_paragraphs_end_is_written_back() {
        let mut lexicon = Lexicon::empty();
        let words = "a line of words that runs to the full measure ends here smith next";
        let list: String = words.split(' ').map(|w| format!("{w}\t90\n")).collect();
        lexicon.add_list(&list, Layer::Base);
        let with_row = |row: &str| {
            let table = "{the\t{p\t0.01\t100\t98\n{*\t{l\t0.3\t100\t10\n)*\t)\t0\t10000\t1000\n";
            ChannelModel::from_table(&format!("{table}{row}")).unwrap()
        };
        let channel = with_row("{¶\t{p\t0.01\t100\t99\n");
        let full = "a line of words that runs to the full measure";
        let run = |last: &str, channel: &ChannelModel| {
            let text = format!("{full}\n{full}\n{full}\n{last}\nThe next\n{full}\n{full}\n");
            let found = scanned(&text, &lexicon, channel, |scan| stops_lost(scan, 0.25));
            (apply(&text, &found).unwrap(), found.len())
        };
        let (text, n) = run("ends here", &channel);
        assert_eq!(n, 1);
        assert!(text.contains("ends here.\nThe next"), "{text}");
        // Not after a capitalised word (a name ending a list's line as often), nor where
        // the model has no share at paragraphs' ends.
        assert_eq!(run("ends Smith", &channel).1, 0);
        assert_eq!(run("ends here", &with_row("")).1, 0);
        // Nor at the end of a full line, inside a paragraph.
        let text = format!("{full}\n{full}\n{full}\n{full}\nThe next\n{full}\n");
        assert!(scanned(&text, &lexicon, &channel, |scan| stops_lost(scan, 0.25)).is_empty());
    }

    #[test]
    fn the_confidence_weighs_print_against_the_scan() {
        assert_eq!(stop_lost(0.98, 0.0), 0.0);
        assert!((stop_lost(0.98, 0.25) - 0.245 / (0.245 + 0.02)).abs() < 1e-12);
        assert!(stop_lost(0.98, 0.25) > 0.9);
        assert!(stop_lost(0.02, 0.25) < 0.01);
    }

    #[test]
    fn a_lost_stop_is_written_back_after_a_known_word() {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list(
            "at\t900\nthe\t900\ncourt\t50\nsaid\t90\nsmith\t40\nhe\t900\nwas\t900\nend\t90\nof\t900\ncopy\t90\n",
            Layer::Base,
        );
        let channel = channel();
        let run = |text: &str, lost: f64| {
            let found = scanned(text, &lexicon, &channel, |scan| stops_lost(scan, lost));
            let statuses: Vec<Status> = found.iter().map(|e| e.status).collect();
            (apply(text, &found).unwrap(), statuses)
        };
        assert_eq!(
            run("at the court The end", 0.25),
            ("at the court. The end".to_owned(), vec![Status::Applied])
        );
        // Not after a word that seldom ends a clause (`of The Times`).
        assert_eq!(run("a copy of The Times", 0.25).1, []);
        // Not before a capital standing alone (an initial as often as not), nor at a line's
        // end (a heading's word, as often as not).
        assert_eq!(run("at the court A man", 0.25).1, []);
        // Nor across a mark standing alone (`said " The`: no word of letters before it).
        assert_eq!(run("at the court \" The end", 0.25).1, []);
        assert_eq!(run("at the court\nThe end", 0.25).1, []);
        // A scan that loses few stops: only a suggestion; none: nothing.
        assert_eq!(run("at the court The end", 0.05).1, [Status::Suggested]);
        assert_eq!(run("at the court The end", 0.0).1, []);
        // Not before a word print seldom stops before, nor after an unknown word; beside
        // damaged text only suggested.
        assert_eq!(run("he said Smith was", 0.25).1, []);
        assert_eq!(run("at the courx The end", 0.25).1, []);
        assert_eq!(run("at qxzv court The end", 0.25).1, [Status::Suggested]);
    }
}
