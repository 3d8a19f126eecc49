//! Stage 3, rejoin: words broken across a line end with a hyphen (or across a space where
//! an earlier tool flattened the line breaks: `evi- dence`). Each break is joined
//! (`exam-`/`ple` → `example`), joined keeping its hyphen (`Soviet-`/`Japanese`), parted
//! (`of-`/`the` → `of the`: two words a hyphen never joins, the mark a speck), or left
//! alone, decided on evidence from the lexicon and the input; with no evidence, and always
//! for numbers (`95-`/`96`), the break is left untouched. A join moves the second half up to
//! the first line, so every other line stays where it was.

use crate::corpus::Corpus;
use crate::decide::Thresholds;
use crate::detect::{in_use, is_known};
use crate::edit::{Edit, EditKind, Span, Status};
use crate::lexicon::Lexicon;
use crate::surroundings::beside_damage;
use crate::tokenize::Token;

/// What to do with one line-end hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Remove the hyphen and the line break: one word.
    Join,
    /// Keep the hyphen, remove the line break: a hyphenated compound.
    KeepHyphen,
    /// Remove the hyphen, keep the break: two words no hyphen joins (`of-`/`the`).
    Part,
    /// Leave the break as it is.
    Leave,
}

/// One line-end hyphen between two tokens and what was decided for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    /// Index of the token before the hyphen.
    pub first: usize,
    /// Index of the token on the next line.
    pub second: usize,
    /// The decision.
    pub action: Action,
    /// The edit that carries it out (none for [`Action::Leave`]).
    pub edit: Option<Edit>,
    /// For a parting ([`Action::Part`]): a chunk right before or after the two words is
    /// damaged ([`crate::surroundings::beside_damage`]), and the parting is then only
    /// suggested ([`crate::decide::learned_beside_damage`]): there the scan often lost what
    /// stood beside them (`after- me` for `afterwards`).
    pub beside_damage: bool,
}

impl Break {
    /// The word the break makes of its two tokens when it joins them whole (`ac-`/`cused`:
    /// `accused`; with the hyphen kept, `gold-fields`): what the words around read beside
    /// them. `None` when the break is left, or a token holds more than its half
    /// (`half-a-`/`crown`).
    pub fn word(&self, text: &str, tokens: &[Token]) -> Option<String> {
        let (a, b) = (
            tokens[self.first].text(text),
            tokens[self.second].text(text),
        );
        if a.contains('-') || b.contains('-') {
            return None;
        }
        match self.action {
            Action::Join => Some(format!("{a}{b}")),
            Action::KeepHyphen => Some(format!("{a}-{b}")),
            Action::Part | Action::Leave => None,
        }
    }
}

/// Characters that end a line as a word-break hyphen.
pub(crate) fn is_break_hyphen(s: &str) -> bool {
    matches!(s, "-" | "¬" | "\u{00AD}" | "\u{2010}")
}

/// True when `t1` and `t2`, consecutive tokens of `text`, may be the halves of one word
/// broken by a hyphen: at a line end (`exam-`/`ple`), or with the line break flattened to
/// a space (`evi- dence`). A blank line between is a new paragraph, not a broken word.
pub fn is_broken(text: &str, t1: &Token, t2: &Token) -> bool {
    if !is_break_hyphen(t1.trailing(text)) || !t2.leading(text).is_empty() {
        return false;
    }
    is_break_gap(&text[t1.chunk.end..t2.chunk.start])
}

/// True when `gap`, the white space between a word ending in a break hyphen and the next,
/// may part the halves of one word: one line break, or spaces where the line breaks were
/// flattened (`evi- dence`). A blank line between is a new paragraph.
pub(crate) fn is_break_gap(gap: &str) -> bool {
    !gap.is_empty() && (gap.chars().all(|c| c == ' ') || gap.matches('\n').count() == 1)
}

/// Finds every line-end hyphen in `tokens` of `text` and decides it.
pub fn rejoin(text: &str, tokens: &[Token], lexicon: &Lexicon, corpus: &Corpus) -> Vec<Break> {
    let mut out: Vec<Break> = Vec::new();
    for (i, pair) in tokens.windows(2).enumerate() {
        let (t1, t2) = (&pair[0], &pair[1]);
        if out.last().is_some_and(|b| b.second == i) {
            continue; // `a-⏎b-⏎c`: the middle word already belongs to one break
        }
        if !is_broken(text, t1, t2) {
            continue;
        }
        let gap = &text[t1.chunk.end..t2.chunk.start];
        let a_full = t1.text(text);
        let b_full = t2.text(text);
        let a = a_full.rsplit('-').next().unwrap_or(a_full);
        let b = without_possessive(b_full.split('-').next().unwrap_or(b_full));
        // A half that is itself part of a compound (`good-for-`/`nothing`).
        let compound_half = a != a_full || b_full.contains('-');
        let judged = judge(a, b, compound_half, lexicon, corpus);
        let action = judged.action;
        let edit = (action != Action::Leave).then(|| make_edit(text, t1, t2, gap, judged, a, b));
        let beside_damage = action == Action::Part
            && beside_damage(text, Span::new(t1.span.start, t2.span.end), lexicon);
        out.push(Break {
            first: i,
            second: i + 1,
            action,
            edit,
            beside_damage,
        });
    }
    out
}

/// `word` without a possessive ending (`soner's` → `soner`): the second half of a broken
/// word is judged by its stem, and the ending stays on the joined word (`pri-`/`soner's` →
/// `prisoner's`).
pub fn without_possessive(word: &str) -> &str {
    ["'s", "’s"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(word)
}

/// How sure a join is when the lexicon or the input attests its result.
const ATTESTED_JOIN: f64 = 0.95;
/// How sure keeping a hyphen is when the lexicon or the input attests the compound.
const ATTESTED_COMPOUND: f64 = 0.92;
/// How sure keeping a hyphen between two names is with nothing attesting the compound: a
/// suggestion only. On the development sets most such breaks were no compound at all (a
/// dash at the line end, a name after a title), so they are left for the reviewer.
const NAME_PAIR: f64 = 0.6;

/// How sure parting two words at a hyphen is ([`Action::Part`]). On the development sets
/// (two-fold cross-validation, the words' compound counts learned from the other half), 64
/// breaks were parted: between two words a common pair, the second in small letters, one of
/// them a word the training pages print often and never in a compound (`of- the`,
/// `He- said`). Scored one by one, 58 made the text closer to the transcription and 4 took it
/// further (`hand- of` for `hand-writing`); by the scorer's words, 74 of the 93 they touched
/// came out right where no damaged chunk stood beside them, and 34 of 65 where one did
/// (those are only suggested).
const PARTED_WORDS: f64 = 0.8;

/// What was decided for one break, and how sure it is.
#[derive(Debug, Clone, Copy)]
struct Judgement {
    action: Action,
    confidence: f64,
}

impl Judgement {
    const LEAVE: Judgement = Judgement {
        action: Action::Leave,
        confidence: 0.0,
    };
}

/// The action for the break `a-`/`b` (`compound_half`: one of them is part of a compound of
/// its own token, `good-for-`/`nothing`), and how sure it is.
fn judge(a: &str, b: &str, compound_half: bool, lexicon: &Lexicon, corpus: &Corpus) -> Judgement {
    let wordlike = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    if !wordlike(a) || !wordlike(b) {
        return Judgement::LEAVE;
    }
    let joined = format!("{a}{b}");
    let hyphenated = format!("{a}-{b}");
    let hyphen_seen = corpus.hyphenated(&hyphenated);
    let two_small_words = a.chars().all(char::is_lowercase)
        && b.chars().all(char::is_lowercase)
        && in_use(a, lexicon)
        && in_use(b, lexicon);
    let listed = is_known(&joined, lexicon);
    // Two small words run together (`togive`, `ofthe`) are a misreading a scan repeats, not
    // a word of the text: the input vouches for such a form only by writing it whole often,
    // and oftener than apart.
    let joined_seen = if two_small_words && !listed && !corpus.writes_joined(a, b) {
        0
    } else {
        corpus.count(&joined)
    };
    let joined_known = listed || joined_seen > 0;
    let hyphen_known = corpus.writes_hyphenated(a, b) || lexicon.contains(&hyphenated);
    if joined_seen == 0
        && !hyphen_known
        && !in_use(&joined, lexicon)
        && (a_phrase(a, b, lexicon) || two_small_words)
    {
        // `well-`/`known`, `non-`/`interactive`: the word list has `wellknown` and
        // `noninteractive`, but no text counts them, while the halves are a common pair, or
        // two words in use; written whole or with the hyphen, the reader decides. (Names
        // are left out: `Padding-`/`ton` is `Paddington`.) But a hyphen beside a word
        // never printed in a compound (`of-`/`the`, `He-`/`said`) joins nothing, unless a
        // half carries a compound of its own across the line (`bread-and-`/`water`).
        return if !compound_half && parted(a, b, lexicon) {
            Judgement {
                action: Action::Part,
                confidence: PARTED_WORDS,
            }
        } else {
            Judgement::LEAVE
        };
    }
    let (action, confidence) = match (joined_known, hyphen_known) {
        (true, false) => (Action::Join, ATTESTED_JOIN),
        (false, true) => (Action::KeepHyphen, ATTESTED_COMPOUND),
        (true, true) if joined_seen > hyphen_seen => (Action::Join, ATTESTED_JOIN),
        (true, true) if hyphen_seen > joined_seen => (Action::KeepHyphen, ATTESTED_COMPOUND),
        // `Soviet-`/`Japanese`: two names, no one-word reading.
        (false, false) if is_name(a, lexicon) && is_name(b, lexicon) => {
            (Action::KeepHyphen, NAME_PAIR)
        }
        _ => return Judgement::LEAVE,
    };
    Judgement { action, confidence }
}

/// True when the break `a-`/`b` stands between two words no hyphen joins: a common pair
/// (the pair list counts it), of two letters or more each, the second in small letters (a
/// capital after it may open a sentence after a dash), one of them a word never printed in
/// a compound ([`crate::compounds::Compounds::never`]).
fn parted(a: &str, b: &str, lexicon: &Lexicon) -> bool {
    let long = |s: &str| s.chars().count() >= 2;
    long(a)
        && long(b)
        && b.starts_with(char::is_lowercase)
        && (lexicon.compounds().never(a) || lexicon.compounds().never(b))
        && a_phrase(a, b, lexicon)
}

/// True when the pair list counts `a` followed by `b` (in lower case) as two words.
fn a_phrase(a: &str, b: &str, lexicon: &Lexicon) -> bool {
    match (lexicon.id(&a.to_lowercase()), lexicon.id(&b.to_lowercase())) {
        (Some(ia), Some(ib)) => lexicon.bigram(ia, ib) > 0,
        _ => false,
    }
}

/// True when `word` is written capitalised and the lexicon writes it so too: a name of three
/// letters or more, not a common word that starts a line (`The`, `On`) or a lone initial.
fn is_name(word: &str, lexicon: &Lexicon) -> bool {
    word.chars().count() >= 3
        && word.starts_with(char::is_uppercase)
        && lexicon
            .get(word)
            .is_some_and(|e| e.form.starts_with(char::is_uppercase))
}

/// Where the edit joining a broken word across `gap` ends, and what follows the joined word
/// in its place: the line break (and the next line's indent) moves after the second half,
/// so every other line stays where it was.
pub fn join_layout(text: &str, t2: &Token, gap: &str) -> (usize, String) {
    if !gap.contains('\n') || t2.line_end {
        // Flattened: only the hyphen and the space go (`evi- dence` → `evidence`).
        (t2.chunk.end, String::new())
    } else {
        let rest = &text[t2.chunk.end..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        (
            t2.chunk.end + spaces,
            gap.trim_start_matches([' ', '\t']).to_owned(),
        )
    }
}

fn make_edit(
    text: &str,
    t1: &Token,
    t2: &Token,
    gap: &str,
    judged: Judgement,
    a: &str,
    b: &str,
) -> Edit {
    let Judgement { action, confidence } = judged;
    let hyphen_start = t1.span.end;
    let (span, after, kind, reason) = if action == Action::Part {
        // Only the hyphen goes: the space or the line break stays between the two words.
        (
            Span::new(hyphen_start, t1.chunk.end),
            String::new(),
            EditKind::Normalize,
            format!(
                "`{a} {b}` are two words no hyphen joins (one of them is never printed in a \
                 compound): the hyphen between them is a stray mark"
            ),
        )
    } else {
        let second = &text[t2.chunk.start..t2.chunk.end];
        let (end, tail) = join_layout(text, t2, gap);
        let hyphen = if action == Action::KeepHyphen {
            "-"
        } else {
            ""
        };
        let reason = match action {
            Action::Join => {
                format!("`{a}{b}` is a word; the hyphen only broke it across the line")
            }
            _ if confidence < ATTESTED_COMPOUND => {
                format!("`{a}-{b}` may be a compound of two names; only the line break is removed")
            }
            _ => format!("`{a}-{b}` is a hyphenated compound; only the line break is removed"),
        };
        (
            Span::new(hyphen_start, end),
            format!("{hyphen}{second}{tail}"),
            EditKind::Rejoin,
            reason,
        )
    };
    Edit {
        span,
        before: text[span.start..span.end].to_owned(),
        after,
        kind,
        confidence,
        // The default thresholds; the mender applies the run's own.
        status: Thresholds::default()
            .status(confidence)
            .unwrap_or(Status::Suggested),
        reason,
        alternatives: Vec::new(),
        evidence: None,
    }
}

/// The embedded lexicon, with `words` as the words never printed in a compound, all among
/// the commonest (for the tests of the stages that part words at a hyphen).
#[cfg(test)]
pub(crate) fn uncompounded(words: &[&str]) -> Lexicon {
    let mut lex = Lexicon::embedded();
    lex.set_compounds(crate::compounds::Compounds::of_words(words, words, &[]));
    lex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::lexicon::Layer;
    use crate::tokenize::tokenize;

    fn run(text: &str) -> (Vec<Action>, String) {
        let mut lex = Lexicon::empty();
        lex.add_list(
            "example\nof\nSoviet\nJapanese\nrelations\nthe\nple\nexam\n",
            Layer::Base,
        );
        let corpus = Corpus::of(text);
        let breaks = rejoin(text, &tokenize(text), &lex, &corpus);
        let edits: Vec<Edit> = breaks.iter().filter_map(|b| b.edit.clone()).collect();
        (
            breaks.iter().map(|b| b.action).collect(),
            apply(text, &edits).unwrap(),
        )
    }

    #[test]
    fn joins_moving_the_second_half_up() {
        let (a, out) = run("an exam-\nple of the\nrest");
        assert_eq!(a, vec![Action::Join]);
        assert_eq!(out, "an example\nof the\nrest");
    }

    #[test]
    fn every_line_break_hyphen_joins_as_the_plain_one_does() {
        // A not sign, a soft hyphen and the Unicode hyphen, as OCR engines write them.
        for hyphen in ["\u{AC}", "\u{AD}", "\u{2010}"] {
            let (a, out) = run(&format!("an exam{hyphen}\nple of the\nrest"));
            assert_eq!(a, vec![Action::Join], "{hyphen:?}");
            assert_eq!(out, "an example\nof the\nrest", "{hyphen:?}");
        }
    }

    #[test]
    fn a_break_names_the_word_its_halves_make() {
        let mut lex = Lexicon::empty();
        lex.add_list("example\nSoviet\nJapanese\nrelations\nan\n", Layer::Base);
        let words = |text: &str| -> Vec<Option<String>> {
            let tokens = tokenize(text);
            rejoin(text, &tokens, &lex, &Corpus::of(text))
                .iter()
                .map(|b| b.word(text, &tokens))
                .collect()
        };
        assert_eq!(words("an exam-\nple"), [Some("example".to_owned())]);
        assert_eq!(
            words("Soviet-\nJapanese relations"),
            [Some("Soviet-Japanese".to_owned())]
        );
        // A break left as it is makes no word.
        assert_eq!(words("an 95-\n96"), [None]);
    }

    #[test]
    fn keeps_hyphen_of_compounds_and_crlf() {
        let (a, out) = run("Soviet-\r\nJapanese relations");
        assert_eq!(a, vec![Action::KeepHyphen]);
        assert_eq!(out, "Soviet-Japanese\r\nrelations");
    }

    /// The actions taken on `text`'s breaks, with a lexicon of `words` (a list as
    /// [`Lexicon::add_list`] reads it) and the text itself as the corpus.
    fn actions_with(words: &str, text: &str) -> Vec<Action> {
        let mut lex = Lexicon::empty();
        lex.add_list(words, Layer::Base);
        rejoin(text, &tokenize(text), &lex, &Corpus::of(text))
            .iter()
            .map(|b| b.action)
            .collect()
    }

    #[test]
    fn a_pair_the_text_writes_apart_more_often_than_hyphenated_is_left() {
        let actions = |text: &str| actions_with("he\nsaid\nthat\nit\nwas\nso\n", text);
        // A speck read as a hyphen once (`he-said`) attests no compound.
        let specked = "he said so, he said it, he-said that; and he-\nsaid it was so";
        assert_eq!(actions(specked), vec![Action::Leave]);
        // A compound the text writes hyphenated more often than apart is kept.
        let compound = "he-said it; he-said so; he said that; and he-\nsaid it was so";
        assert_eq!(actions(compound), vec![Action::KeepHyphen]);
    }

    #[test]
    fn two_small_words_a_scan_ran_together_elsewhere_are_no_word() {
        let words = "to\t900\ngive\t300\nhim\t500\nit\t800\nup\t400\n";
        let actions = |text: &str| actions_with(words, text);
        // `togive` read twice where `to give` was printed is no evidence of a word.
        let misread = "asked togive it up, togive him up; he asked him to-\ngive it up";
        assert_eq!(actions(misread), vec![Action::Leave]);
        // A form the text writes whole often, and oftener than apart, is its own word.
        let own = "togive it, togive up, togive him; to give; and to-\ngive it up";
        assert_eq!(actions(own), vec![Action::Join]);
    }

    #[test]
    fn an_unattested_name_pair_is_only_a_suggestion() {
        let text = "Soviet-\nJapanese relations";
        let lex = {
            let mut l = Lexicon::empty();
            l.add_list("Soviet\nJapanese\nrelations\n", Layer::Base);
            l
        };
        let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
        let edit = breaks[0].edit.as_ref().unwrap();
        assert!(edit.confidence < ATTESTED_COMPOUND);
        assert_eq!(edit.status, Status::Suggested);
        // Attested in the text, the compound is sure.
        let text = "Soviet-Japanese talks; Soviet-\nJapanese relations";
        let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
        assert_eq!(
            breaks[0].edit.as_ref().unwrap().confidence,
            ATTESTED_COMPOUND
        );
    }

    #[test]
    fn a_capital_after_a_line_end_dash_is_no_compound() {
        // A dash at the line end before a sentence, a word, or an initial.
        assert_eq!(run("the exam-\nThe relations").0, vec![Action::Leave]);
        assert_eq!(run("of Japanese-\nThe exam").0, vec![Action::Leave]);
        assert_eq!(run("of exam-\nJapanese relations").0, vec![Action::Leave]);
    }

    #[test]
    fn joins_across_a_flattened_break() {
        let (a, out) = run("an exam- ple of the");
        assert_eq!(a, vec![Action::Join]);
        assert_eq!(out, "an example of the");
        assert_eq!(run("pre- and post-exam").0, vec![Action::Leave]);
    }

    #[test]
    fn a_possessive_second_half_is_judged_by_its_stem() {
        let (a, out) = run("the exam-\nple's end");
        assert_eq!(a, vec![Action::Join]);
        assert_eq!(out, "the example's\nend");
        assert_eq!(run("an exam- ple’s end").1, "an example’s end");
        assert_eq!(
            run("Soviet-\nJapanese's talks").1,
            "Soviet-Japanese's\ntalks"
        );
        // An ending alone is no stem.
        assert_eq!(without_possessive("'s"), "'s");
        assert_eq!(run("the exam-\n's end").1, "the exam-\n's end");
    }

    #[test]
    fn leaves_numbers_unknowns_and_paragraphs() {
        assert_eq!(run("pp. 95-\n96 of").0, vec![Action::Leave]);
        assert_eq!(run("the foo-\nbar of").0, vec![Action::Leave]);
        assert!(run("the exam-\n\nple of").0.is_empty());
    }

    #[test]
    fn a_word_takes_part_in_one_break_only() {
        let (a, out) = run("the exam-\nple-\nof it");
        assert_eq!(a.len(), 1);
        assert_eq!(out, "the example-\nof it");
    }

    #[test]
    fn a_listed_word_no_text_counts_is_no_join_of_a_pair_of_words() {
        // The word list has `wellknown`, no frequency list counts it, and `well known` is
        // a common pair: the break is left. `example` is counted: joined.
        let lex = Lexicon::embedded();
        assert!(lex.contains("wellknown") && !in_use("wellknown", &lex));
        let text = "a well-\nknown exam-\nple of non-\ninteractive use";
        let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
        let actions: Vec<Action> = breaks.iter().map(|b| b.action).collect();
        assert_eq!(actions, vec![Action::Leave, Action::Join, Action::Leave]);
    }

    #[test]
    fn two_words_a_hyphen_never_joins_are_parted_keeping_the_break() {
        let text = "the Court of-\nthe city. He- said so.";
        let lex = uncompounded(&["of", "the", "said"]);
        let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
        let actions: Vec<Action> = breaks.iter().map(|b| b.action).collect();
        assert_eq!(actions, vec![Action::Part, Action::Part]);
        let edits: Vec<Edit> = breaks.iter().filter_map(|b| b.edit.clone()).collect();
        assert!(edits
            .iter()
            .all(|e| e.kind == EditKind::Normalize && e.before == "-"));
        assert_eq!(
            apply(text, &edits).unwrap(),
            "the Court of\nthe city. He said so."
        );
        assert!(breaks.iter().all(|b| !b.beside_damage));
        // A model that counted no compounds knows no such word: the breaks are left.
        let none = uncompounded(&[]);
        let breaks = rejoin(text, &tokenize(text), &none, &Corpus::of(text));
        assert!(breaks.iter().all(|b| b.action == Action::Leave));
    }

    /// Asserts that the first break of each of `texts` is left alone, with `words` never
    /// printed in a compound.
    fn left_alone(words: &[&str], texts: &[&str]) {
        let lex = uncompounded(words);
        for text in texts {
            let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
            assert_eq!(breaks[0].action, Action::Leave, "{text}");
        }
    }

    #[test]
    fn a_hyphen_beside_words_that_stand_in_compounds_or_before_a_capital_is_left() {
        // `well` stands in compounds (`well-known`); a capital after the hyphen may open a
        // sentence after a dash (`says- The`).
        left_alone(
            &["the", "says"],
            &["a well-\nknown man", "he says- The man"],
        );
    }

    #[test]
    fn a_half_that_is_itself_a_compound_carries_it_across_the_line() {
        left_alone(
            &["for", "and"],
            &["a good-for-\nnothing fellow", "on bread-and-\nwater diet"],
        );
    }

    #[test]
    fn a_parting_beside_damaged_text_says_so() {
        let lex = uncompounded(&["of", "the"]);
        let text = "tbc7#x of- the man";
        let breaks = rejoin(text, &tokenize(text), &lex, &Corpus::of(text));
        assert_eq!(breaks[0].action, Action::Part);
        assert!(breaks[0].beside_damage);
    }

    #[test]
    fn second_half_alone_on_its_line() {
        let (_, out) = run("the exam-\nple\nof");
        assert_eq!(out, "the example\nof");
    }
}
