//! Merging: a word broken by a stray space (`Metr opolitan`, `pri soner`) is put back
//! together when neither piece is a word on its own but the whole is; so is one broken
//! where a line-break hyphen was read as a point or comma (`opportu. nity`). A first piece
//! that happens to be a word joins a second of four letters or more that is none
//! (`an swered`, `ex citement`); a shorter one may be a misread word of its own (`He wer`,
//! `of fal`). Across a space or a comma a word is never joined to a word (`re quires`), and
//! a letter standing alone only to a piece of four letters or more after it that is none
//! (`h ealth`, `a ttend`): `w as` could as well be noise. A point followed by a small
//! letter is itself a sign of a misread hyphen, so across a point two words may join
//! (`after. wards`, `dis. charged`), unless the first looks like an abbreviation (`Co. upon`).
//! Halves the training pages print as two words (`post mortem`) are a phrase, not a split word.
//! (Joining two words across a space when the whole is far likelier than the pair, `colli
//! sion`, `after wards`, was measured: nearly always the word in substance, but two of the
//! development sets' transcriptions keep the line-break hyphen there, `govern-ment`, so the
//! cross-validated curves of those sets fell and bln600's rose by 0.1 point only.)

use crate::detect::is_known;
use crate::edit::{Edit, EditKind, Span, Status};
use crate::lexicon::{Layer, Lexicon};
use crate::surroundings::beside_damage;
use crate::tokenize::{looks_abbreviated, Token};

/// How sure a merge across a space is.
const MERGE_CONFIDENCE: f64 = 0.95;

/// How sure a merge across a point or comma is: in bln600's OCR, about nine in ten pairs
/// joined across a point or comma into a word, with a piece that is no word, were that one
/// word in the transcription.
const MARK_MERGE_CONFIDENCE: f64 = 0.9;

/// How sure a merge is when the first piece is a word: on the development sets about 150
/// such pairs joined, each the word in substance (some transcriptions keep the line-break
/// hyphen that split it, `con-stantly`), with the second piece four letters or more.
const WORD_PIECE_MERGE_CONFIDENCE: f64 = 0.9;

/// How sure a merge across a point is when both pieces are words: in the development sets'
/// OCR, 74 of 89 such pairs (pieces of two letters or more, the second small, the first no
/// short capitalised abbreviation, the whole a word in use) were the one word in the
/// transcription; most of the rest were transcribed with the hyphen (`police-man`).
const WORDS_ACROSS_POINT_CONFIDENCE: f64 = 0.85;

/// How sure a merge is when the first piece is a letter standing alone: on the development
/// sets, 12 of 14 such joins were the word of the transcription (`h ealth`, `e ffrontery`,
/// `W orcester`).
const LETTER_MERGE_CONFIDENCE: f64 = 0.9;

/// The fewest letters a piece that is no word needs to be joined to one that is (across a
/// space or comma), or to a letter standing alone before it (across a space).
const PIECE_AFTER_WORD: usize = 4;

/// A pair of neighbouring tokens merged into one word.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// Index of the first token.
    pub first: usize,
    /// The edit that removes the space.
    pub edit: Edit,
    /// A chunk right before or after the two pieces is damaged, junk or a fragment
    /// ([`crate::surroundings::beside_damage`]): the merge is then only suggested
    /// ([`crate::decide::learned_beside_damage`]).
    pub beside_damage: bool,
}

/// True when `piece` stands on its own: a known word (single letters only `a`, `I`, `A`).
/// A form known only from the input's own repetitions does not: a text full of split words
/// repeats their pieces (`ambi tion`, `opposi tion` teach `tion`), and a piece that joins
/// its neighbour into a listed word is one of those.
fn stands_alone(piece: &str, lexicon: &Lexicon) -> bool {
    if piece.chars().count() == 1 {
        return matches!(piece, "a" | "A" | "I");
    }
    match lexicon.id(piece) {
        Some(id) => lexicon.entry(id).layer != Layer::Corpus,
        None => is_known(piece, lexicon),
    }
}

/// Finds the tokens of `text` that are halves of one word split by a space. `skip[i]` marks
/// tokens another stage has taken.
pub fn merges(text: &str, tokens: &[Token], lexicon: &Lexicon, skip: &[bool]) -> Vec<Merge> {
    let mut out: Vec<Merge> = Vec::new();
    for (i, pair) in tokens.windows(2).enumerate() {
        if skip[i] || skip[i + 1] || out.last().is_some_and(|m| m.first + 1 == i) {
            continue;
        }
        let (t1, t2) = (&pair[0], &pair[1]);
        let Some(pieces) = Halves::of(text, t1, t2) else {
            continue;
        };
        let Some(join) = pieces.join(lexicon) else {
            continue;
        };
        let Halves { a, b, mark } = pieces;
        if lexicon.printed_apart(&a.to_lowercase(), &b.to_lowercase()) {
            continue; // a phrase the training pages print as two words (`post mortem`)
        }
        let joined = format!("{a}{b}");
        let Some(id) = lexicon.id(&joined) else {
            continue;
        };
        let entry = lexicon.entry(id);
        if entry.count == 0 && entry.layer == Layer::Base {
            continue; // a listed word nobody uses is no evidence
        }
        let span = Span::new(t1.span.end, t2.span.start);
        out.push(Merge {
            first: i,
            beside_damage: beside_damage(text, Span::new(t1.span.start, t2.span.end), lexicon),
            edit: Edit {
                span,
                before: text[span.start..span.end].to_owned(),
                after: String::new(),
                kind: EditKind::Merge,
                confidence: join.confidence(mark),
                status: Status::Applied,
                reason: join.reason(pieces, &joined),
                alternatives: Vec::new(),
                evidence: None,
            },
        });
    }
    out
}

/// Two neighbouring tokens that may be the halves of one word: both of letters, the second
/// starting small, one space between, after the first perhaps the point or comma a
/// line-break hyphen was misread as (`pri soner`, `opportu. nity`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Halves<'t> {
    /// The first piece's letters.
    pub(crate) a: &'t str,
    /// The second piece's letters.
    pub(crate) b: &'t str,
    /// The mark after the first piece: `""`, `.` or `,`.
    pub(crate) mark: &'t str,
}

impl<'t> Halves<'t> {
    /// The pieces `t1` and `t2` of `text`, if they may be halves of one word.
    pub(crate) fn of(text: &'t str, t1: &Token, t2: &Token) -> Option<Halves<'t>> {
        let mark = t1.trailing(text);
        if !matches!(mark, "" | "." | ",") || !t2.leading(text).is_empty() {
            return None;
        }
        if &text[t1.chunk.end..t2.chunk.start] != " " {
            return None;
        }
        let (a, b) = (t1.text(text), t2.text(text));
        let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
        if !letters(a) || !letters(b) || !b.starts_with(char::is_lowercase) {
            return None;
        }
        Some(Halves { a, b, mark })
    }

    /// How the pieces would join, if they may (whatever the whole is).
    fn join(self, lexicon: &Lexicon) -> Option<Join> {
        let Halves { a, b, mark } = self;
        let short = |s: &str| s.chars().count() < 2;
        let point = mark == ".";
        // The second piece is asked of first: unless a point is between, its being a word
        // ends the search.
        let b_word = stands_alone(b, lexicon);
        if short(b) || !point && b_word {
            return None;
        }
        let a_word = stands_alone(a, lexicon);
        // A letter standing alone is the first of a word's letters set apart only before a
        // long piece that is no word (`h ealth`), and only across a space.
        let letter_apart =
            short(a) && mark.is_empty() && !b_word && b.chars().count() >= PIECE_AFTER_WORD;
        if short(a) && !letter_apart {
            return None;
        }
        if point && a_word && looks_abbreviated(a) {
            return None;
        }
        if !point && a_word && b.chars().count() < PIECE_AFTER_WORD {
            return None;
        }
        Some(match (a_word, b_word) {
            _ if letter_apart => Join::Letter,
            (true, true) => Join::WordsAcrossPoint,
            (true, false) => Join::WordAndPiece,
            (false, true) => Join::PieceAndWord,
            (false, false) => Join::Halves,
        })
    }
}

/// Which of the pieces of a merge are words on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// A letter standing alone, then a long piece that is no word (`h ealth`).
    Letter,
    /// Two words across a point before a small letter (`after. wards`).
    WordsAcrossPoint,
    /// A word, then a piece that is none (`an swered`).
    WordAndPiece,
    /// A piece that is no word, then a word across a point or comma.
    PieceAndWord,
    /// Neither piece a word (`pri soner`).
    Halves,
}

impl Join {
    /// How sure the merge is, split at `mark` (`""` for a space).
    fn confidence(self, mark: &str) -> f64 {
        match self {
            Join::Letter => LETTER_MERGE_CONFIDENCE,
            Join::WordsAcrossPoint => WORDS_ACROSS_POINT_CONFIDENCE,
            Join::WordAndPiece => WORD_PIECE_MERGE_CONFIDENCE,
            Join::PieceAndWord => MARK_MERGE_CONFIDENCE,
            Join::Halves if mark.is_empty() => MERGE_CONFIDENCE,
            Join::Halves => MARK_MERGE_CONFIDENCE,
        }
    }

    /// Why the `pieces` join into `joined`, for the reviewer.
    fn reason(self, pieces: Halves, joined: &str) -> String {
        let Halves { a, b, mark } = pieces;
        let why = match self {
            Join::Letter => format!("`{a}` stands alone and `{b}` is no word, but `{joined}` is"),
            Join::WordsAcrossPoint => {
                format!("a small letter after `{a}.` starts no sentence, and `{joined}` is a word")
            }
            Join::WordAndPiece => format!("`{b}` is no word, but `{joined}` is"),
            Join::PieceAndWord => format!("`{a}` is no word, but `{joined}` is"),
            Join::Halves => format!("neither `{a}` nor `{b}` is a word, but `{joined}` is"),
        };
        let gap = if mark.is_empty() {
            "a stray space".to_owned()
        } else {
            format!("a line-break hyphen read as `{mark}`")
        };
        format!("{why}: {gap} split it")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::tokenize::tokenize;

    fn run(text: &str) -> String {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "metropolitan\t9\nwas\t90\nas\t80\nre\t5\nquires\t1\nrequires\t9\nthe\t99\n\
             police\t50\nan\t70\nanswered\t8\nof\t95\noffal\t1\n",
            Layer::Base,
        );
        merged(&lex, text)
    }

    fn merged(lex: &Lexicon, text: &str) -> String {
        let tokens = tokenize(text);
        let m = merges(text, &tokens, lex, &vec![false; tokens.len()]);
        let edits: Vec<Edit> = m.into_iter().map(|m| m.edit).collect();
        apply(text, &edits).unwrap()
    }

    #[test]
    fn a_merge_beside_damaged_text_says_so() {
        let mut lex = Lexicon::empty();
        lex.add_list("metropolitan\t9\nthe\t99\npolice\t50\n", Layer::Base);
        let junk = |text: &str| -> Vec<bool> {
            let tokens = tokenize(text);
            let found = merges(text, &tokens, &lex, &vec![false; tokens.len()]);
            found.into_iter().map(|m| m.beside_damage).collect()
        };
        assert_eq!(junk("the Metr opolitan police"), [false]);
        assert_eq!(junk("xqzt Metr opolitan police"), [true]);
        assert_eq!(junk("the Metr opolitan x7q"), [true]);
    }

    #[test]
    fn joins_pieces_that_are_not_words() {
        assert_eq!(run("the Metr opolitan police"), "the Metropolitan police");
        assert_eq!(run("it w as the"), "it w as the");
    }

    #[test]
    fn never_joins_two_words_or_across_other_marks_or_lines() {
        assert_eq!(run("he re quires"), "he re quires");
        assert_eq!(run("the e was"), "the e was");
        assert_eq!(run("Metr; opolitan"), "Metr; opolitan");
        assert_eq!(run("Metr.. opolitan"), "Metr.. opolitan");
        assert_eq!(run("Metr\nopolitan"), "Metr\nopolitan");
        assert_eq!(run("the re, quires"), "the re, quires");
    }

    #[test]
    fn a_piece_known_only_from_the_input_is_no_word() {
        let mut lex = Lexicon::empty();
        lex.add_list("ambition\t9\nthe\t99\n", Layer::Base);
        lex.add("tion", 12, Layer::Corpus);
        assert_eq!(merged(&lex, "the ambi tion of"), "the ambition of");
    }

    #[test]
    fn a_phrase_the_training_pages_print_as_two_words_stays_apart() {
        let mut lex = Lexicon::empty();
        lex.add_list("post\t50\npostmortem\t5\nthe\t99\n", Layer::Base);
        assert_eq!(merged(&lex, "the post mortem"), "the postmortem");
        let printed = [("post".to_owned(), 20), ("mortem".to_owned(), 12)];
        let pairs = [("post".to_owned(), "mortem".to_owned(), 10)];
        lex.blend_printed(&printed, &pairs, 0.5);
        assert_eq!(merged(&lex, "the post mortem"), "the post mortem");
        assert_eq!(merged(&lex, "the Post mortem"), "the Post mortem");
    }

    #[test]
    fn joins_two_words_across_a_point_before_a_small_letter() {
        assert_eq!(run("it re. quires the"), "it requires the");
        // Not a short capitalised abbreviation, nor before a capital, nor into an unused word.
        assert_eq!(run("the Re. quires"), "the Re. quires");
        assert_eq!(run("it re. Quires"), "it re. Quires");
        assert_eq!(run("the. police"), "the. police");
    }

    #[test]
    fn joins_a_word_to_a_long_piece_that_is_none() {
        assert_eq!(run("he an swered it"), "he answered it");
        assert_eq!(run("he an. swered it"), "he answered it");
        // A short piece may be a misread word of its own.
        assert_eq!(run("the of fal"), "the of fal");
    }

    #[test]
    fn joins_a_letter_standing_alone_to_a_long_piece_that_is_none() {
        assert_eq!(run("the p olice came"), "the police came");
        assert_eq!(run("the a nswered"), "the answered");
        // Not to a word, nor to a short piece, nor across a mark, nor after the piece.
        assert_eq!(run("it w as the"), "it w as the");
        assert_eq!(run("the o ffal"), "the offal");
        assert_eq!(run("the o ffa"), "the o ffa");
        assert_eq!(run("the p. olice"), "the p. olice");
        assert_eq!(run("the polic e came"), "the polic e came");
    }

    #[test]
    fn joins_across_a_hyphen_read_as_a_point_or_comma() {
        assert_eq!(run("the Metr. opolitan police"), "the Metropolitan police");
        assert_eq!(run("the Metr, opolitan police"), "the Metropolitan police");
    }
}
