//! Stops read as commas: a full stop the scanner read as a comma, before the word that opens
//! the next sentence (`he refused, The prisoner` where `refused. The` was printed). How often
//! a comma read after a word and before a capitalised word stood for a stop is learned per
//! word after it by `ocrmend train` ([`crate::channel::ChannelModel::stop_read_as_comma`]): before `The` or
//! `He` nearly always, before a name (`Smith, John`) almost never. That share holds for a
//! scan that misreads marks as often as the training scans did: it is weighed by how
//! speckled with commas the input is against them ([`crate::specks`]), so a clean text,
//! whose `, The` is its own, keeps it. The weighed share is the confidence of writing the
//! stop back. A word training never saw there is left alone, and beside damaged text the
//! stop is only suggested ([`learned_beside_damage`]).

use crate::decide::{learned, learned_beside_damage};
use crate::edit::{Edit, EditKind, Span};
use crate::inside::Scan;
use crate::lost_stops::small_word;
use crate::specks::{weigh_share, Side};
use crate::strays::trailing_mark;
use crate::tokenize::{chunk_core, looks_abbreviated};

/// A comma read after a word and before a capitalised word: what training counts and the
/// stage weighs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommaBeforeCapital {
    /// The word before the comma looks abbreviated (`Mr,`, `A,`): counted apart, since a
    /// point after an initial or a title is read as a comma whatever follows.
    pub after_abbreviation: bool,
    /// The word after it, in lower case (`the` for `The`): what the share is learned per.
    pub next: String,
}

/// The comma read at the end of `read` (a whitespace-delimited chunk: a word of letters and
/// one comma) before `next` (the chunk after it: a word that may open a sentence,
/// [`sentence_opener`]), or `None` when the two are not so.
pub fn comma_before_capital(read: &str, next: &str) -> Option<CommaBeforeCapital> {
    let word = read.strip_suffix(',')?;
    if word.is_empty() || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    Some(CommaBeforeCapital {
        after_abbreviation: looks_abbreviated(word),
        next: sentence_opener(next)?.to_lowercase(),
    })
}

/// The word of `next` (a whitespace-delimited chunk) when it may open a sentence: a
/// capitalised word of letters with nothing before it, and not in capitals, which heads or
/// names rather than opens a sentence (`or, THE`).
pub fn sentence_opener(next: &str) -> Option<&str> {
    // Most chunks start with a small letter: they are told apart before being cut.
    if !next.starts_with(char::is_uppercase) {
        return None;
    }
    let word = chunk_core(next);
    let letters = !word.is_empty() && word.chars().all(char::is_alphabetic);
    let in_capitals = word.chars().count() > 1 && word.chars().skip(1).all(char::is_uppercase);
    (letters && next.starts_with(word) && word.starts_with(char::is_uppercase) && !in_capitals)
        .then_some(word)
}

/// True when `printed` (a chunk of the ground truth) ends in a full stop and no other mark.
pub fn ends_in_stop(printed: &str) -> bool {
    trailing_mark(printed) == "."
}

/// The commas after known words, before a capitalised word on the same line or the next,
/// that training says stood for a full stop, written as stops with the learned confidence
/// (those below the suggestion floor are left out). `skip[i]` marks tokens another stage
/// has taken.
pub fn stops_read(scan: Scan) -> Vec<Edit> {
    let text = scan.text;
    let speckled = scan.channel.speck_factors(Side::After, scan.specks).of(",");
    let at_paragraph_end = |abbreviated| {
        scan.channel
            .stop_read_as_comma_at_paragraph_end(abbreviated)
            .is_some()
    };
    let ends = if at_paragraph_end(false) || at_paragraph_end(true) {
        scan.paragraph_ends()
    } else {
        &[]
    };
    let mut out = Vec::new();
    for (_, tok, next) in scan.known_pairs() {
        let read = &text[tok.chunk.start..tok.chunk.end];
        let after = &text[next.chunk.start..next.chunk.end];
        let Some(place) = comma_before_capital(read, after) else {
            continue;
        };
        // Within a paragraph: a blank line between the two ends more than a sentence.
        if text[tok.chunk.end..next.chunk.start].matches('\n').count() > 1 {
            continue;
        }
        let shown = chunk_core(after);
        let gap = &text[tok.chunk.end..next.chunk.start];
        // A capitalised word ending a short line is as often a name in a list.
        let paragraph_end = small_word(read)
            && gap
                .find('\n')
                .is_some_and(|brk| ends.binary_search(&(tok.chunk.end + brk)).is_ok());
        let stop = Stop {
            place,
            shown,
            end: tok.chunk.end,
            speckled,
            paragraph_end,
        };
        if let Some(edit) = stop_written(&stop, &scan) {
            out.push(learned_beside_damage(edit, scan.beside_damage(tok)));
        }
    }
    out
}

/// A comma that may stand for a stop: where it is, the word after it as read, and how
/// speckled with commas the input is against the training scans.
struct Stop<'a> {
    place: CommaBeforeCapital,
    shown: &'a str,
    /// The byte just after the comma.
    end: usize,
    speckled: f64,
    /// The comma ends a paragraph's last line ([`paragraph_ends`]).
    paragraph_end: bool,
}

/// The edit writing back `stop`'s full stop.
fn stop_written(stop: &Stop, scan: &Scan) -> Option<Edit> {
    let place = &stop.place;
    let channel = scan.channel;
    let at_end = stop
        .paragraph_end
        .then(|| channel.stop_read_as_comma_at_paragraph_end(place.after_abbreviation))
        .flatten();
    let (share, at) = match at_end {
        Some(share) => (share, "at a paragraph's end"),
        None => (
            channel.stop_read_as_comma(&place.next, place.after_abbreviation)?,
            "there",
        ),
    };
    let confidence = weigh_share(share, stop.speckled);
    let mut reason = format!(
        "`,` before `{}`: in the training pages a comma read {at} stood for a full stop {:.0}% of the time",
        stop.shown,
        share * 100.0
    );
    if (stop.speckled - 1.0).abs() >= 0.05 {
        reason.push_str(&format!(
            "; this input's scan reads stray commas {:.1} times as often, so {:.0}%",
            stop.speckled,
            confidence * 100.0
        ));
    }
    learned(
        Span::new(stop.end - 1, stop.end),
        ",",
        ".".to_owned(),
        EditKind::Normalize,
        confidence,
        reason,
        scan.thresholds,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::ChannelModel;
    use crate::edit::Status;
    use crate::inside::{scanned, scanned_in};
    use crate::lexicon::{Layer, Lexicon};

    #[test]
    fn a_comma_before_a_capitalised_word_is_told_apart() {
        let place = |a: &str, b: &str| comma_before_capital(a, b);
        assert_eq!(
            place("refused,", "The"),
            Some(CommaBeforeCapital {
                after_abbreviation: false,
                next: "the".to_owned()
            })
        );
        assert!(place("Mr,", "Smith").unwrap().after_abbreviation);
        // Not a comma, not before a capital, not words of letters.
        assert_eq!(place("refused.", "The"), None);
        assert_eq!(place("refused,", "the"), None);
        assert_eq!(place("refused,", "\"The"), None);
        assert_eq!(place("or,", "THE"), None);
        assert!(place("so,", "I").is_some());
        assert_eq!(place("l8s,", "The"), None);
        assert_eq!(place("refused,,", "The"), None);
        assert!(ends_in_stop("refused."));
        assert!(!ends_in_stop("refused.\""));
        assert!(!ends_in_stop("refused"));
    }

    /// The stops written into `text` under a channel read from `table`, with their status.
    fn run(text: &str, table: &str) -> Vec<(usize, Status)> {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list(
            "he\t900\nrefused\t90\nthe\t900\nprisoner\t50\nsmith\t50\njohn\t60\nmr\t90\n",
            Layer::Base,
        );
        let channel = ChannelModel::from_table(table).unwrap();
        scanned(text, &lexicon, &channel, |scan| {
            stops_read(scan)
                .into_iter()
                .map(|e| {
                    assert_eq!((e.before.as_str(), e.after.as_str()), (",", "."));
                    (e.span.start, e.status)
                })
                .collect()
        })
    }

    const TABLE: &str = "/the\t/w\t0\t40\t38\n/smith\t/A\t0\t10\t9\n/john\t/w\t0\t30\t1\n";

    #[test]
    fn a_comma_before_a_word_that_opens_sentences_is_written_as_a_stop() {
        assert_eq!(
            run("he refused, The prisoner", TABLE),
            [(10, Status::Applied)]
        );
        // Learned apart after a word that looks abbreviated: none for `the` there.
        assert_eq!(run("he Mr, The prisoner", TABLE), []);
        // A name after a comma stays; so does a word training never saw there.
        assert_eq!(run("he refused, John", TABLE), []);
        assert_eq!(run("he refused, Prisoner", TABLE), []);
        // The next line counts; a blank line between does not.
        assert_eq!(
            run("he refused,\nThe prisoner", TABLE),
            [(10, Status::Applied)]
        );
        assert_eq!(run("he refused,\n\nThe prisoner", TABLE), []);
    }

    #[test]
    fn a_comma_ending_a_paragraph_is_weighed_as_such() {
        // A comma before `John` stood for a stop once in 30, but one ending a paragraph's
        // last line 95 times in 100.
        let table = format!("{TABLE}/¶\t/w\t0\t100\t95\n");
        let full = "he refused the prisoner he refused the prisoner he refused the prisoner";
        let at_end =
            format!("{full}\n{full}\n{full}\nhe refused,\nJohn he refused\n{full}\n{full}\n");
        let at = at_end.find("refused,\nJohn").unwrap() + "refused".len();
        assert_eq!(run(&at_end, &table), [(at, Status::Applied)]);
        // Not without the paragraph's share, nor at a full line's end inside a paragraph.
        assert_eq!(run(&at_end, TABLE), []);
        let inside = format!("{full}\n{full}\n{full} refused,\nJohn he refused\n{full}\n{full}\n");
        assert_eq!(run(&inside, &table), []);
        // Nor after a capitalised word (a name in a list as often).
        let name = at_end.replace("he refused,\nJohn", "he Smith,\nJohn");
        assert_eq!(run(&name, &table), []);
    }

    #[test]
    fn a_clean_input_keeps_its_commas_before_capitals() {
        // Training: `the` never ends a clause (400 sightings, none marked); the OCR read a
        // comma after it 4 times in 1000, and after any word 3 times in 100; a comma read
        // before `The` was a stop 38 times in 40.
        let table = ")the\t)\t0\t400\t0\n|,\t|a\t0.79\t1000\t4\n|,\t|A\t0.5\t10000\t300\n\
                     /the\t/w\t0\t40\t38\n";
        let channel = ChannelModel::from_table(table).unwrap();
        let mut lexicon = Lexicon::empty();
        lexicon.add_list(
            "he\t900\nrefused\t90\nthe\t900\nprisoner\t50\n",
            Layer::Base,
        );
        let text = "he refused, The prisoner";
        let status = |input: &str| {
            let found = scanned_in(text, input, &lexicon, &channel, stops_read);
            found.iter().map(|e| e.status).collect::<Vec<_>>()
        };
        // An input that says little of its scan keeps the training share.
        assert_eq!(status(text), [Status::Applied]);
        // One that never reads a comma where none was printed, after 4,000 `the`s, is no
        // such scan: its comma before `The` is its own, not even suggested as a stop.
        let clean = "he said the man was the one, and the men at the end of the day\n";
        assert_eq!(status(&clean.repeat(1000)), []);
    }

    #[test]
    fn beside_damaged_text_the_stop_is_only_suggested() {
        assert_eq!(
            run("he qxzv refused, The prisoner", TABLE),
            [(15, Status::Suggested)]
        );
    }
}
