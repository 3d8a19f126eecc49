//! Strays: a mark the scanner put before a word inside a sentence (`on -the strength`, a
//! speck read as a dash), or after one (`the' prisoner`). Whether a mark read there was
//! printed is learned per mark by `ocrmend train` ([`ChannelModel::stray_mark`],
//! [`ChannelModel::trailing_stray_mark_after`], which weighs too how seldom the word ends a
//! clause: `the,`), and that learned share is the confidence of deleting it; only marks at a
//! word read right as it stands and in use are weighed (not `'een`, `ag'`: a listed word no
//! text counts is likelier a misreading whose mark was a letter), and none that a mark on
//! the word's other side pairs (`'Badger'`). Beside damaged text (a chunk next to the word
//! that is junk or a fragment), a deletion seldom leaves its passage right, as the
//! calibrated confidence of the other stages asks of an edit: there a mark before a word is
//! only suggested, and one after a word left alone.

use crate::channel::ChannelModel;
use crate::decide::{learned, learned_beside_damage, Thresholds};
use crate::detect::{in_use, Verdict};
use crate::edit::{Edit, EditKind, Span};
use crate::inside::{known_after_small_letter, Scan};
use crate::lexicon::Lexicon;
use crate::specks::{weigh_share, Side, SpeckFactors, SpeckTally};
use crate::tokenize::{looks_abbreviated, Token};
use std::fmt::Write;
use std::sync::OnceLock;

/// The marks before the first letter or digit of `chunk` (a whitespace-delimited chunk).
pub fn leading_mark(chunk: &str) -> &str {
    let start = chunk.find(char::is_alphanumeric).unwrap_or(chunk.len());
    &chunk[..start]
}

/// The marks before token `tok`'s word in its chunk, when there are any and the tokenizer
/// left them outside the word (marks glued to it are the word's own damage, mended with it).
pub fn mark_before<'t>(text: &'t str, tok: &Token) -> Option<&'t str> {
    let mark = leading_mark(&text[tok.chunk.start..tok.chunk.end]);
    (!mark.is_empty() && tok.chunk.start + mark.len() == tok.span.start).then_some(mark)
}

/// True when the word of `chunk` starts with a small letter: learned stray marks are told
/// apart by it (a dash before `The` is mostly a dash the transcription prints, one before
/// `the` mostly a speck).
pub fn starts_small(chunk: &str) -> bool {
    chunk
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// How many chunks after a mark its closing counterpart is looked for: a quotation in
/// double quotes or a bracket may run over a sentence or two (`"are for an improvement ...
/// a real one."`).
const PAIR_REACH: usize = 60;
/// The same for single quotes, which hold a word or a phrase (`'China Factor'`): further on,
/// a closing one is more likely a plural possessive (`months'`).
const SINGLE_QUOTE_REACH: usize = 6;

/// The marks that pair up around a word: the opening ones, the closing ones, and how many
/// chunks apart a pair is looked for.
const PAIRS: [(&[char], &[char], usize); 5] = [
    (&['\'', '‘', '`'], &['\'', '’'], SINGLE_QUOTE_REACH),
    (&['"', '“'], &['"', '”'], PAIR_REACH),
    (&['('], &[')'], PAIR_REACH),
    (&['['], &[']'], PAIR_REACH),
    (&['{'], &['}'], PAIR_REACH),
];

/// The closing marks that pair an opening `c` before a word, and how far they are looked for.
fn counterparts(c: char) -> Option<(&'static [char], usize)> {
    PAIRS
        .iter()
        .find(|(opening, _, _)| opening.contains(&c))
        .map(|&(_, closing, reach)| (closing, reach))
}

/// True for a mark that opens or closes a passage in pairs: a bracket or a quote.
pub fn pairs_up(c: char) -> bool {
    counterparts(c).is_some() || openers(c).is_some()
}

/// The opening marks that a closing `c` after a word pairs, and how far they are looked for.
fn openers(c: char) -> Option<(&'static [char], usize)> {
    PAIRS
        .iter()
        .find(|(_, closing, _)| closing.contains(&c))
        .map(|&(opening, _, reach)| (opening, reach))
}

/// True when `mark` opens a pair (a quote, a bracket) that one of `chunks` (the mark's own
/// chunk and those after it) closes after its word: punctuation, not a speck (`'Badger'`,
/// `[had]`).
pub fn paired<'a>(mark: &str, chunks: impl IntoIterator<Item = &'a str>) -> bool {
    let Some((closing, reach)) = mark.chars().last().and_then(counterparts) else {
        return false;
    };
    chunks.into_iter().take(reach).any(|chunk| {
        // A closing mark ends the chunk's word: letters before it, none after (`strength,'`,
        // not the apostrophe of `o'clock`).
        chunk.char_indices().any(|(at, c)| {
            closing.contains(&c)
                && chunk[..at].contains(char::is_alphanumeric)
                && !chunk[at..].contains(char::is_alphanumeric)
        })
    })
}

/// True when a mark after a word closes a pair that one of `chunks` (the mark's own chunk
/// and those before it, nearest first) opened before its word (`'Badger' said`, `(sic) it`).
pub fn opened<'a>(mark: &str, chunks: impl IntoIterator<Item = &'a str> + Clone) -> bool {
    mark.chars().filter_map(openers).any(|(opening, reach)| {
        chunks.clone().into_iter().take(reach).any(|chunk| {
            // An opening mark starts the chunk's word: none before it, letters after.
            chunk.char_indices().any(|(at, c)| {
                opening.contains(&c)
                    && !chunk[..at].contains(char::is_alphanumeric)
                    && chunk[at..].contains(char::is_alphanumeric)
            })
        })
    })
}

/// The marks after the last letter or digit of `chunk` (a whitespace-delimited chunk).
pub fn trailing_mark(chunk: &str) -> &str {
    let end = chunk
        .char_indices()
        .rfind(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(at, c)| at + c.len_utf8());
    &chunk[end..]
}

/// `chunk` as its marks before the first letter or digit, the stretch from there to the
/// last one, and the marks after it (all marks, and no word, when it has no letter or digit).
pub fn split_marks(chunk: &str) -> (&str, &str, &str) {
    let lead = leading_mark(chunk);
    if lead.len() == chunk.len() {
        return (chunk, "", "");
    }
    let trail = trailing_mark(chunk);
    (lead, &chunk[lead.len()..chunk.len() - trail.len()], trail)
}

/// True when the word of `chunk` ends in `s`: a mark after it may be the apostrophe of a
/// plural (`months' time`), and learned trailing marks are told apart by it.
pub fn ends_in_s(chunk: &str) -> bool {
    chunk
        .chars()
        .rev()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| matches!(c, 's' | 'S'))
}

/// True when the chunk after a mark carries on a sentence: it starts with a small letter.
pub fn carries_on(next: &str) -> bool {
    next.starts_with(char::is_lowercase)
}

/// True when `word` is one letter other than `a` and `I` (`x`, `n`): in running text mostly
/// a fragment of a damaged word or a speck itself (`.x`, `'n`, `)r`), so deleting a mark
/// beside it leaves the passage no more right.
fn lone_letter(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && !matches!(c, 'a' | 'A' | 'I'))
}

/// A stray mark deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Stray {
    /// Index of the token the mark stands before.
    pub index: usize,
    /// The edit that deletes the mark.
    pub edit: Edit,
}

/// The marks before known words in use inside a sentence that training says were likely
/// printed nowhere, with the learned confidence; those below the suggestion threshold are
/// left out, and those beside damaged text only suggested.
pub fn strays(scan: Scan) -> Vec<Stray> {
    leading(scan, Words::ReadRight, &|i| scan.tokens[i].text(scan.text))
}

/// Which words a stray stage weighs the marks of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    /// Words read right: only those in use ([`in_use`]), and not beside damaged text.
    ReadRight,
    /// Words a later stage repaired: chosen from the lexicon and weighed with their
    /// surroundings already.
    Repaired,
}

/// The marks beside the words a later stage repaired (`'brothei` read `brother`, `prisone'`
/// read `prisoner`), weighed as [`strays`] and [`trailing_strays`] weigh those beside known
/// words, with the repaired word: `repaired[i]` is what token `i` was repaired to.
pub fn beside_repairs(
    text: &str,
    tokens: &[Token],
    repaired: &[Option<&str>],
    lexicon: &Lexicon,
    channel: &ChannelModel,
    thresholds: Thresholds,
    specks: &SpeckTally,
) -> Vec<Stray> {
    let verdicts: Vec<Verdict> = repaired
        .iter()
        .map(|r| match r {
            Some(_) => Verdict::Known,
            None => Verdict::Suspect,
        })
        .collect();
    let skip = vec![false; tokens.len()];
    // A split repair (`thatsuh'` read `that such`) has its first word before a leading
    // mark, its last before a trailing one.
    let first = |i: usize| repaired[i].unwrap_or_default();
    let last = |i: usize| {
        repaired[i]
            .and_then(|w| w.split_whitespace().last())
            .unwrap_or_default()
    };
    let scan = Scan {
        text,
        tokens,
        verdicts: &verdicts,
        skip: &skip,
        lexicon,
        channel,
        thresholds,
        specks,
        paragraph_ends: &OnceLock::new(),
    };
    let mut out = leading(scan, Words::Repaired, &first);
    out.extend(trailing(scan, Words::Repaired, &last));
    out
}

/// Whether the input shows specks of its own on either side of a word
/// ([`crate::specks::SpeckFactors::speckled`]): by `own`, the factors of the side a stage
/// weighs, or on the `other` side; true when training counted none to compare.
fn speckled(scan: Scan, own: &SpeckFactors, other: Side) -> bool {
    let other = scan.channel.speck_factors(other, scan.specks);
    crate::specks::shown([own.speckled(), other.speckled()])
}

/// [`strays`] over `words`, with `word(i)` the word token `i` stands for.
fn leading<'a>(scan: Scan, words: Words, word: &dyn Fn(usize) -> &'a str) -> Vec<Stray> {
    let (text, tokens, channel, thresholds) =
        (scan.text, scan.tokens, scan.channel, scan.thresholds);
    let read_right = words == Words::ReadRight;
    let factors = channel.speck_factors(Side::Before, scan.specks);
    if !speckled(scan, &factors, Side::After) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, tok, _) in known_after_small_letter(text, tokens, scan.verdicts, scan.skip) {
        let Some(mark) = mark_before(text, tok) else {
            continue;
        };
        if read_right && !in_use(word(i), scan.lexicon) || lone_letter(word(i)) {
            continue;
        }
        if paired(
            mark,
            tokens[i..]
                .iter()
                .map(|t| &text[t.chunk.start..t.chunk.end]),
        ) {
            continue;
        }
        let Some(share) = channel.stray_mark(mark, starts_small(word(i))) else {
            continue;
        };
        let span = Span::new(tok.chunk.start, tok.span.start);
        out.extend(
            deletion(
                i,
                span,
                mark,
                "before",
                (share, factors.of(mark)),
                thresholds,
            )
            .map(|s| Stray {
                edit: learned_beside_damage(s.edit, read_right && scan.beside_damage(tok)),
                ..s
            }),
        );
    }
    out
}

/// The deletion of `mark` (at `span`, `side` the word of token `index`), when it reaches
/// the suggestion floor: `(share, factor)` are the share training learned and the factor by
/// which this input's odds of a speck differ ([`crate::specks`]); the confidence is the
/// share so weighed.
fn deletion(
    index: usize,
    span: Span,
    mark: &str,
    side: &str,
    (share, factor): (f64, f64),
    thresholds: Thresholds,
) -> Option<Stray> {
    let confidence = weigh_share(share, factor);
    let mut reason = format!(
        "`{mark}` {side} a word inside a sentence: in the training pages nothing was printed there {:.0}% of the time",
        share * 100.0
    );
    if (factor - 1.0).abs() >= 0.05 {
        let _ = write!(
            reason,
            "; this input's scan makes such a speck {factor:.1} times as likely, so {:.0}%",
            confidence * 100.0
        );
    }
    let edit = learned(
        span,
        mark,
        String::new(),
        EditKind::Normalize,
        confidence,
        reason,
        thresholds,
    )?;
    Some(Stray { index, edit })
}

/// The marks after known words in use inside a sentence (the next chunk, on the same line,
/// starts with a small letter) that training says were likely printed nowhere, with the
/// learned confidence; those below the apply threshold are left out. `skip[i]` marks
/// tokens another stage has taken (or whose line break it left alone); beside damaged text
/// none is deleted.
pub fn trailing_strays(scan: Scan) -> Vec<Stray> {
    trailing(scan, Words::ReadRight, &|i| scan.tokens[i].text(scan.text))
}

/// [`trailing_strays`] over `words`, with `word(i)` the word token `i` stands for.
fn trailing<'a>(scan: Scan, words: Words, word: &dyn Fn(usize) -> &'a str) -> Vec<Stray> {
    let (text, tokens, channel, thresholds) =
        (scan.text, scan.tokens, scan.channel, scan.thresholds);
    let (verdicts, skip) = (scan.verdicts, scan.skip);
    let read_right = words == Words::ReadRight;
    let factors = channel.speck_factors(Side::After, scan.specks);
    if !speckled(scan, &factors, Side::Before) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, pair) in tokens.windows(2).enumerate() {
        let (tok, next) = (&pair[0], &pair[1]);
        if skip[i] || verdicts[i] != Verdict::Known {
            continue;
        }
        let mark = tok.trailing(text);
        let gap = &text[tok.chunk.end..next.chunk.start];
        if mark.is_empty()
            || gap.is_empty()
            || !gap.chars().all(|c| c == ' ' || c == '\t')
            || !carries_on(&text[next.chunk.start..next.chunk.end])
            || opened(
                mark,
                tokens[..=i]
                    .iter()
                    .rev()
                    .map(|t| &text[t.chunk.start..t.chunk.end]),
            )
            // Looked up only for a word with a mark after it: most words have none.
            || read_right && !in_use(word(i), scan.lexicon)
            || lone_letter(word(i))
        {
            continue;
        }
        // Punctuation after a word is far commoner than a speck there: a mark is deleted
        // when training found it printed nowhere as often as applying asks (after this
        // word: one that seldom ends a clause, `the`, makes a speck likelier), and never
        // only suggested (a reviewer would see every colon of a text).
        // A point after an initial or abbreviation (`A.`, `Co.`) is its own, whatever word.
        let word = word(i);
        let share = if mark == "." && looks_abbreviated(word) {
            channel.trailing_stray_mark(mark, ends_in_s(word))
        } else {
            channel.trailing_stray_mark_after(mark, ends_in_s(word), word)
        };
        let Some(share) = share else {
            continue;
        };
        let factor = factors.of(mark);
        if weigh_share(share, factor) < thresholds.apply {
            continue;
        }
        if read_right && scan.beside_damage(tok) {
            continue;
        }
        let span = Span::new(tok.span.end, tok.chunk.end);
        out.extend(deletion(
            i,
            span,
            mark,
            "after",
            (share, factor),
            thresholds,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Status;
    use crate::inside::{scanned, scanned_in};
    use crate::lexicon::{Layer, Lexicon};

    /// A stage's function over a text.
    type Stage = fn(Scan) -> Vec<Stray>;

    /// The marks `stage` deletes from `text` under a channel read from `table`, with their
    /// status.
    fn deleted(stage: Stage, text: &str, table: &str) -> Vec<(String, Status)> {
        let mut lexicon = Lexicon::empty();
        lexicon.add_list(
            "on\t900\nthe\t900\nstrength\t50\nit\t700\nprisoner\t50\nsaid\t700\nmonths\t90\n\
             time\t300\neen\na\t900\nx\t80\n",
            Layer::Base,
        );
        let channel = ChannelModel::from_table(table).unwrap();
        scanned(text, &lexicon, &channel, stage)
            .into_iter()
            .map(|s| {
                assert_eq!(&text[s.edit.span.start..s.edit.span.end], s.edit.before);
                (s.edit.before, s.edit.status)
            })
            .collect()
    }

    fn run(text: &str, table: &str) -> Vec<(String, Status)> {
        deleted(strays, text, table)
    }

    #[test]
    fn marks_training_saw_printed_nowhere_are_deleted_inside_a_sentence() {
        // Learned: `-` before a word inside a sentence was printed nowhere 90 times in 100,
        // `"` 10 times in 100.
        let table = "<-\t<a\t0.015\t100\t90\n<\"\t<a\t0.33\t100\t10\n<-\t<A\t0.2\t100\t20\n";
        assert_eq!(
            run("it was on -the strength of it", table),
            vec![("-".to_owned(), Status::Applied)]
        );
        // Not after a full stop, not before an unknown word, not a mark seldom printed
        // nowhere, not one training never saw.
        assert!(run("it was on. -The strength", table).is_empty());
        // Before a capital the same mark is mostly printed (a dash before a sentence).
        assert_eq!(run("it was on -The strength", table).len(), 0);
        assert!(run("it was on -thc strength", table).is_empty());
        assert!(run("it was on \"the strength", table).is_empty());
        assert!(run("it was on •the strength", table).is_empty());
        assert!(run("it was on -the strength", "").is_empty());
        // A quote or bracket closed after the word is punctuation.
        let quote = "<'\t<a\t0.005\t100\t97\n<[\t<a\t0.005\t100\t97\n";
        assert_eq!(run("it was on 'the strength", quote).len(), 1);
        assert!(run("it was on 'the strength' of it", quote).is_empty());
        assert!(run("it was on 'the strength,' of it", quote).is_empty());
        assert!(run("it was on [the] strength", quote).is_empty());
        assert!(run("it was on 'the o'clock", quote).len() == 1);
        // A quotation in double quotes may run long; one in single quotes is a phrase.
        let long = format!("it was on \"the {}end.\" he said", "word ".repeat(20));
        let double = "<\"\t<a\t0.005\t100\t97\n";
        assert!(run(&long, double).is_empty());
        assert_eq!(run(&long.replace('"', "'"), quote).len(), 1);
    }

    #[test]
    fn beside_damaged_text_a_mark_before_a_word_is_only_suggested_and_one_after_left() {
        let before = "<-\t<a\t0.015\t100\t97\n";
        let after = "}'\t}w\t0.007\t100\t95\n";
        assert_eq!(
            run("it was on -the strength", before),
            vec![("-".to_owned(), Status::Applied)]
        );
        // `xqzt` is no word: the passage around is damaged.
        assert_eq!(
            run("it was xqzt -the strength", before),
            vec![("-".to_owned(), Status::Suggested)]
        );
        assert_eq!(
            run("it was on -the xqzt said", before),
            vec![("-".to_owned(), Status::Suggested)]
        );
        // Junk two chunks away is not beside the word.
        assert_eq!(
            run("xqzt was on -the strength", before),
            vec![("-".to_owned(), Status::Applied)]
        );
        assert_eq!(run_trailing("said the' prisoner", after), vec!["'"]);
        assert!(run_trailing("said the' xqzt", after).is_empty());
        assert!(run_trailing("xqzt the' prisoner", after).is_empty());
    }

    #[test]
    fn a_listed_word_no_text_counts_keeps_its_marks() {
        // `een` is listed without a count: `'een` is likelier `seen` misread than a speck
        // before a word, and deleting the mark would leave a word no text uses.
        let before = "<'\t<a\t0.005\t100\t97\n";
        let after = "}'\t}w\t0.007\t100\t95\n";
        assert_eq!(run("it was on 'the strength", before).len(), 1);
        assert!(run("it was 'een by the prisoner", before).is_empty());
        assert_eq!(run_trailing("said the' prisoner", after), vec!["'"]);
        assert!(run_trailing("it was een' by the prisoner", after).is_empty());
        // A possessive or a compound is in use when its words are.
        assert_eq!(run("it was on 'prisoner's strength", before).len(), 1);
        assert_eq!(run("it was 'prisoner-time said", before).len(), 1);
        assert!(run("it was 'prisoner-een said", before).is_empty());
    }

    #[test]
    fn a_lone_letter_other_than_a_and_i_keeps_its_marks() {
        // `x` is in use, but read alone it is mostly a fragment of a damaged word.
        let before = "<.\t<a\t0.005\t100\t97\n";
        let after = "}'\t}w\t0.007\t100\t95\n";
        assert!(run("it was on .x strength", before).is_empty());
        assert!(run_trailing("said x' prisoner", after).is_empty());
        assert_eq!(run("it was on .a strength", before).len(), 1);
        assert_eq!(run_trailing("said the' prisoner", after), vec!["'"]);
    }

    /// How many marks `trailing_strays` deletes from `said her, prisoner` in an input of
    /// `input`, when training saw `the` never end a clause (400 sightings, none marked), the
    /// OCR read a comma after it 4 times in 1000 and after any word 3 times in 100, and a
    /// comma after a word was printed nowhere `nowhere` times in 100.
    fn commas_deleted(nowhere: u32, input: &str) -> usize {
        let table = format!(
            ")the\t)\t0\t400\t0\n|,\t|a\t0.79\t1000\t4\n|,\t|A\t0.5\t10000\t300\n\
             }},\t}}w\t0.05\t100\t{nowhere}\n"
        );
        let channel = ChannelModel::from_table(&table).unwrap();
        let mut lexicon = Lexicon::empty();
        lexicon.add_list("her\t900\nsaid\t700\nprisoner\t50\n", Layer::Base);
        let text = "said her, prisoner";
        scanned_in(text, input, &lexicon, &channel, trailing_strays).len()
    }

    #[test]
    fn an_input_more_speckled_than_the_training_scans_loses_more_marks() {
        // Printed nowhere 70 times in 100: under the apply threshold.
        let deleted = |input: &str| commas_deleted(70, input);
        // An input that says little of its scan keeps the training share.
        assert_eq!(deleted("said her, prisoner"), 0);
        assert_eq!(deleted(&"he said the man was the one\n".repeat(5)), 0);
        // One whose `the` is read with a comma after it one time in five: most are specks.
        assert_eq!(
            deleted(
                &"he said the, man was the one of the men at the end of the day\n".repeat(1000)
            ),
            1
        );
    }

    #[test]
    fn an_input_that_shows_no_speck_keeps_its_marks() {
        // Printed nowhere 95 times in 100: over the apply threshold.
        let deleted = |input: &str| commas_deleted(95, input);
        // No mark after `the` anywhere: a clean page, whose marks are its own.
        assert_eq!(
            deleted("said her, prisoner\nhe said the man was the one\n"),
            0
        );
        // One: the scan leaves specks, and this comma is likelier one of them.
        assert_eq!(
            deleted("said her, prisoner\nhe said the, man was the one\n"),
            1
        );
    }

    fn run_trailing(text: &str, table: &str) -> Vec<String> {
        deleted(trailing_strays, text, table)
            .into_iter()
            .map(|(mark, status)| {
                assert_eq!(status, Status::Applied);
                mark
            })
            .collect()
    }

    #[test]
    fn marks_after_a_word_training_saw_printed_nowhere_are_deleted_inside_a_sentence() {
        // Learned: `'` after a word not ending in s was printed nowhere 95 times in 100,
        // after one ending in s 10 times in 100.
        let table = "}'\t}w\t0.007\t100\t95\n}'\t}s\t0.33\t100\t10\n";
        assert_eq!(run_trailing("said the' prisoner", table), vec!["'"]);
        // A mark printed nowhere only now and then is not even suggested.
        let seldom = "}:\t}w\t0.03\t100\t60\n";
        assert!(run_trailing("said the: prisoner", seldom).is_empty());
        // Not a plural's apostrophe, not before a capital or at a line's end, not after an
        // unknown word, not one closing a quotation, not one training never saw.
        assert!(run_trailing("the months' time", table).is_empty());
        assert!(run_trailing("said the' Prisoner", table).is_empty());
        assert!(run_trailing("said the'\nprisoner", table).is_empty());
        assert!(run_trailing("said thc' prisoner", table).is_empty());
        assert!(run_trailing("said 'the' prisoner", table).is_empty());
        assert!(run_trailing("said the' prisoner", "").is_empty());
    }

    #[test]
    fn a_mark_after_a_word_that_seldom_ends_a_clause_is_likelier_a_speck() {
        // Learned: a comma after a word before a small letter was printed nowhere 10 times
        // in 100; one word in ten ends a clause there, `the` never in 2,000, `prisoner`
        // one time in three.
        let table = "},\t}w\t0.33\t100\t10\n)*\t)\t0.33\t50000\t5000\n\
                     )the\t)\t1.0\t2000\t0\n)prisoner\t)\t0.16\t300\t100\n";
        assert_eq!(run_trailing("said the, prisoner", table), vec![","]);
        assert!(run_trailing("the prisoner, said", table).is_empty());
        // A word training printed too seldom takes the rate of all words.
        assert!(run_trailing("said it, prisoner", table).is_empty());
        // Not a point after an initial, nor a mark that ends no clause.
        let point = table.replace("},", "}.");
        assert_eq!(run_trailing("said the. prisoner", &point), vec!["."]);
        assert!(run_trailing("said The. prisoner", &point).is_empty());
        for other in ["'", ";"] {
            let table = table.replace("},", &format!("}}{other}"));
            assert!(run_trailing(&format!("said the{other} prisoner"), &table).is_empty());
        }
        // Without clause ends, the comma's own share (0.1) decides.
        assert!(run_trailing("said the, prisoner", "},\t}w\t0.33\t100\t10\n").is_empty());
        let channel = ChannelModel::from_table(table).unwrap();
        let the = channel
            .trailing_stray_mark_after(",", false, "The")
            .unwrap();
        let prisoner = channel
            .trailing_stray_mark_after(",", false, "prisoner")
            .unwrap();
        let unseen = channel
            .trailing_stray_mark_after(",", false, "strength")
            .unwrap();
        assert!(the > 0.95 && prisoner < 0.05, "{the} {prisoner}");
        let share = channel.trailing_stray_mark(",", false).unwrap();
        assert!((unseen - share).abs() < 1e-3, "{unseen} {share}");
    }

    #[test]
    fn marks_beside_a_repaired_word_are_weighed_with_the_repair() {
        // Learned: `-` before a small word and `'` after one were printed nowhere 90 and 95
        // times in 100; `'` after a word ending in s 10 times in 100.
        let table = "<-\t<a\t0.015\t100\t90\n}'\t}w\t0.007\t100\t95\n}'\t}s\t0.33\t100\t10\n";
        let channel = ChannelModel::from_table(table).unwrap();
        let marks = |text: &str, repaired: &[Option<&str>]| -> Vec<String> {
            let tokens = crate::tokenize::tokenize(text);
            assert_eq!(tokens.len(), repaired.len());
            let lexicon = Lexicon::empty();
            beside_repairs(
                text,
                &tokens,
                repaired,
                &lexicon,
                &channel,
                Thresholds::default(),
                &SpeckTally::default(),
            )
            .into_iter()
            .map(|s| {
                assert_eq!(&text[s.edit.span.start..s.edit.span.end], s.edit.before);
                s.edit.before
            })
            .collect()
        };
        // `-vere` repaired to `were`, `prisone'` to `prisoner`, `thatsuh'` to `that such`.
        assert_eq!(marks("it -vere so", &[None, Some("were"), None]), vec!["-"]);
        assert_eq!(
            marks("the prisone' said", &[None, Some("prisoner"), None]),
            vec!["'"]
        );
        assert_eq!(
            marks("so thatsuh' men", &[None, Some("that such"), None]),
            vec!["'"]
        );
        // Only beside a repair; the repaired word decides (a plural's apostrophe stays).
        assert!(marks("it -vere so", &[None, None, None]).is_empty());
        assert!(marks("the rnonths' time", &[None, Some("months"), None]).is_empty());
    }

    #[test]
    fn a_closing_mark_is_paired_by_an_opening_one_before_its_word() {
        assert!(opened("'", ["'Badger'"]));
        assert!(opened("',", ["time',", "'long", "a"]));
        assert!(opened(")", ["sic)", "(not"]));
        assert!(!opened("'", ["the'"]));
        assert!(!opened("'", ["o'clock'"]));
        assert!(!opened(".", ["'the."]));
        assert_eq!(trailing_mark("the'"), "'");
        assert_eq!(trailing_mark("said,\"—"), ",\"—");
        assert_eq!(trailing_mark("'"), "'");
        assert!(ends_in_s("months'") && !ends_in_s("the'"));
    }

    #[test]
    fn the_mark_is_what_stands_before_the_first_letter() {
        assert_eq!(leading_mark("-the"), "-");
        assert_eq!(leading_mark("(“the"), "(“");
        assert_eq!(leading_mark("the-"), "");
        assert_eq!(leading_mark("--"), "--");
    }

    #[test]
    fn a_chunk_splits_into_its_marks_and_its_word() {
        assert_eq!(split_marks("(“the,’"), ("(“", "the", ",’"));
        assert_eq!(split_marks("w-'l"), ("", "w-'l", ""));
        assert_eq!(split_marks("--"), ("--", "", ""));
        assert_eq!(split_marks(""), ("", "", ""));
    }
}
