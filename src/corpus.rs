//! Corpus evidence: what the input itself says. A name written the same way many times, or
//! a hyphenated form used inside a line, is evidence the lexicon cannot give.

use crate::casing::seams;
use crate::channel::ChannelModel;
use crate::detect::{is_number_form, number_ending};
use crate::lost_stops::StopTally;
use crate::mender::chunks;
use crate::rejoin::is_broken;
use crate::specks::SpeckTally;
use crate::tally::Tally;
use crate::tokenize::{tokenize, Token};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Counts of the words and hyphenated forms of one or more input texts.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    words: Tally,
    folded: Tally,
    hyphenated: Tally,
    /// Two words one after the other inside a clause, in lower case, as `a b`.
    pairs: Tally,
    /// The same, for two words run together at a case seam (`FarEastern`).
    joined_pairs: Tally,
    tokens: u64,
    /// The marks read beside words that seldom end a clause: the input's specks.
    specks: SpeckTally,
    /// The words read before a capitalised word (in one paragraph), with a full stop or no
    /// mark: how often the input's scan loses its stops ([`crate::lost_stops`]).
    stops: StopTally,
    /// The numbers written ([`is_number_form`]), by the letters after their digits (`d` for
    /// `6d`, empty for `1889`).
    numbers: Tally,
    /// Tokens by how many of the tokens on either side are numbers (none, one, both), and
    /// how many of those are numbers themselves: numbers keep company (`1s. 6d.`).
    beside_numbers: [NumberCompany; 3],
    historical: OnceLock<bool>,
    stop_loss: OnceLock<f64>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Self {
        Corpus::default()
    }

    /// A corpus of one text.
    pub fn of(text: &str) -> Self {
        let mut c = Corpus::new();
        c.add_text(text);
        c
    }

    /// Adds the words of `text`, tokenized a chunk at a time (the chunks the mender cuts,
    /// which never part a word broken across a line): a long text's tokens are never all
    /// held at once.
    pub fn add_text(&mut self, text: &str) {
        for (start, end) in chunks(text) {
            let chunk = &text[start..end];
            self.add_tokens(chunk, &tokenize(chunk));
        }
    }

    /// Adds already tokenized words of `text`. The halves of a word broken by a hyphen
    /// (`pri-`/`soner`) are no words of the text and are not counted as such.
    pub fn add_tokens(&mut self, text: &str, tokens: &[Token]) {
        self.tokens += tokens.len() as u64;
        self.specks.add_text(text);
        self.stops.add_text(text);
        let mut half = vec![false; tokens.len()];
        for (i, pair) in tokens.windows(2).enumerate() {
            if is_broken(text, &pair[0], &pair[1]) {
                half[i] = true;
                half[i + 1] = true;
            }
        }
        self.add_pairs(text, tokens, &half);
        let word = |j: Option<usize>| j.and_then(|j| tokens.get(j)).map(|t| t.text(text));
        for (i, _) in half.iter().enumerate().filter(|(_, &h)| !h) {
            let company = numbers_around(word(i.checked_sub(1)), word(Some(i + 1)));
            let c = &mut self.beside_numbers[usize::from(company)];
            c.tokens += 1;
            c.numbers += u32::from(is_number_form(tokens[i].text(text)));
        }
        for (t, _) in tokens.iter().zip(&half).filter(|(_, &h)| !h) {
            let w = t.text(text);
            self.words.add(w, 1);
            if is_number_form(w) {
                self.numbers.add(&lower(number_ending(w)), 1);
            }
            let folded = lower(w);
            self.folded.add(&folded, 1);
            // Words run together at a case seam (`EasternAffairs`) show the text uses each
            // word: counted in any case as if apart, so that the counts do not change when
            // the seam is split (a second run sees what the first one saw).
            for part in seam_parts(w) {
                self.folded.add(&lower(part), 1);
            }
            if w.contains('-') && w.split('-').all(|p| p.chars().any(char::is_alphabetic)) {
                self.hyphenated.add(&folded, 1);
            }
        }
    }

    /// Counts the pairs of words read one after the other inside a clause (not across a
    /// point, semicolon or colon, a number, a mark inside a word or the half of a broken
    /// word). Words run together at a case seam count as apart, as in the word counts, but
    /// their own pair is kept aside ([`Corpus::pairs`]).
    fn add_pairs(&mut self, text: &str, tokens: &[Token], half: &[bool]) {
        let mut key = String::new();
        let mut last: Option<&str> = None;
        for (t, &h) in tokens.iter().zip(half) {
            let w = t.text(text);
            if h || w.is_empty() || !w.chars().all(char::is_alphabetic) {
                last = None;
                continue;
            }
            // Most tokens are no seam: the token itself, without a copy.
            let parts = seam_parts(w);
            let whole = [w];
            let words: &[&str] = if parts.is_empty() { &whole } else { &parts };
            for (k, &word) in words.iter().enumerate() {
                if let Some(before) = last {
                    key.clear();
                    push_lower(&mut key, before);
                    key.push(' ');
                    push_lower(&mut key, word);
                    let counts = if k > 0 {
                        &mut self.joined_pairs
                    } else {
                        &mut self.pairs
                    };
                    counts.add(&key, 1);
                }
                last = Some(word);
            }
            if ends_clause(t.trailing(text)) {
                last = None;
            }
        }
    }

    /// The marks the input read beside words that seldom end a clause ([`crate::specks`]).
    pub fn specks(&self) -> &SpeckTally {
        &self.specks
    }

    /// The share of its full stops the input's scan read as no mark
    /// ([`StopTally::lost_rate`], under `channel`'s odds of a stop in print): estimated at
    /// the first call, then remembered (add no text after asking).
    pub fn stop_loss_rate(&self, channel: &ChannelModel) -> f64 {
        *crate::once::get_or_make(&self.stop_loss, || self.stops.lost_rate(channel))
    }

    /// How many numbers the input writes ([`is_number_form`]).
    pub fn numbers(&self) -> u32 {
        u32::try_from(self.numbers.total()).unwrap_or(u32::MAX)
    }

    /// How many numbers the input writes with `ending` (lower case) after their digits
    /// (`d`: `6d`, `11d`): a scan that prints `6d` well elsewhere makes `6d` a reading of `Gd`.
    pub fn numbers_ending(&self, ending: &str) -> u32 {
        self.numbers.get(ending)
    }

    /// How much likelier a token with `company` numbers beside it (0, 1 or 2) is a number than
    /// any token of the input is, in nats; 0 for an empty input.
    pub fn number_company(&self, company: usize) -> f64 {
        let all = self
            .beside_numbers
            .iter()
            .fold(NumberCompany::default(), |a, c| NumberCompany {
                tokens: a.tokens + c.tokens,
                numbers: a.numbers + c.numbers,
            });
        match self.beside_numbers.get(company) {
            Some(here) if all.tokens > 0 => here.share().ln() - all.share().ln(),
            _ => 0.0,
        }
    }

    /// How often `word` occurs, written exactly so.
    pub fn count(&self, word: &str) -> u32 {
        self.words.get(word)
    }

    /// Every distinct word (as written) with its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.iter()
    }

    /// Whether the input is in an older English spelling, judged by `judge` (which may use
    /// the thread pool) and then remembered (add no text after asking).
    pub fn is_historical(&self, judge: impl FnOnce(&Corpus) -> bool) -> bool {
        *crate::once::get_or_make(&self.historical, || judge(self))
    }

    /// How many tokens were added.
    pub fn tokens(&self) -> u64 {
        self.tokens
    }

    /// How often `word` occurs in any case.
    pub fn count_any_case(&self, word: &str) -> u32 {
        if word.chars().any(char::is_uppercase) {
            self.count_folded(&word.to_lowercase())
        } else {
            self.count_folded(word)
        }
    }

    /// How often the word whose lower-case form is `key` occurs in any case.
    pub fn count_folded(&self, key: &str) -> u32 {
        self.folded.get(key)
    }

    /// How often the hyphenated form `form` (any case) occurs inside a line.
    pub fn hyphenated(&self, form: &str) -> u32 {
        self.hyphenated.get(&lower(form))
    }

    /// How often words `a` and `b` (any case) are read one after the other, apart, inside
    /// a clause.
    fn apart(&self, a: &str, b: &str) -> u32 {
        self.pairs.get(&format!("{} {}", lower(a), lower(b)))
    }

    /// True when the input writes `a-b` hyphenated inside a line more often than it
    /// writes the two words apart: the compound is the text's own, not a speck read once
    /// as a hyphen (`he-said` beside many `he said`).
    pub fn writes_hyphenated(&self, a: &str, b: &str) -> bool {
        self.hyphenated_over_apart(a, b, 1)
    }

    /// True when the input writes `a-b` hyphenated inside a line again and again (at least
    /// twice) and more often than it writes the two words apart: the compound is the
    /// text's own, though a hyphen beside one of its words is mostly a space misread
    /// ([`crate::stray_joins`]).
    pub fn repeats_hyphenated(&self, a: &str, b: &str) -> bool {
        self.hyphenated_over_apart(a, b, 2)
    }

    /// True when the input writes `a-b` hyphenated inside a line at least `min` times and
    /// more often than apart.
    fn hyphenated_over_apart(&self, a: &str, b: &str, min: u32) -> bool {
        let written = self.hyphenated(&format!("{a}-{b}"));
        written >= min && written > self.apart(a, b)
    }

    /// True when the input writes `a` and `b` run together (`ab`, as written) at least
    /// [`crate::learn::MIN_REPEATS`] times and oftener than apart: the run-together form is
    /// the text's own word, not two words a scan ran together.
    pub fn writes_joined(&self, a: &str, b: &str) -> bool {
        let whole = self.count(&format!("{a}{b}"));
        whole >= crate::learn::MIN_REPEATS && whole > self.apart(a, b)
    }

    /// Every pair of words read one after the other inside a clause at least `min` times,
    /// in lower case, with its count. A pair run together at a case seam counts where the
    /// text also writes it apart (`FarEastern` beside `Far Eastern`, so that the counts do
    /// not change when the seam is split); else it would vouch for its own split
    /// (`libCURL`).
    pub fn pairs(&self, min: u32) -> impl Iterator<Item = (&str, &str, u32)> {
        self.pairs
            .iter()
            .map(|(k, n)| (k, n.saturating_add(self.joined_pairs.get(k))))
            .filter(move |&(_, n)| n >= min)
            .filter_map(|(k, n)| k.split_once(' ').map(|(a, b)| (a, b, n)))
    }

    /// Adds the counts of another corpus.
    pub fn merge(&mut self, other: &Corpus) {
        self.tokens += other.tokens;
        self.specks.merge(&other.specks);
        self.stops.merge(&other.stops);
        for (mine, theirs) in self.beside_numbers.iter_mut().zip(&other.beside_numbers) {
            mine.tokens += theirs.tokens;
            mine.numbers += theirs.numbers;
        }
        for (mine, theirs) in [
            (&mut self.words, &other.words),
            (&mut self.folded, &other.folded),
            (&mut self.hyphenated, &other.hyphenated),
            (&mut self.pairs, &other.pairs),
            (&mut self.joined_pairs, &other.joined_pairs),
            (&mut self.numbers, &other.numbers),
        ] {
            mine.merge(theirs);
        }
    }
}

/// Tokens in one kind of company, and how many of them are numbers.
#[derive(Debug, Clone, Copy, Default)]
struct NumberCompany {
    tokens: u32,
    numbers: u32,
}

impl NumberCompany {
    /// The share of numbers, with half a number and half a word added (never 0 or 1).
    fn share(self) -> f64 {
        (f64::from(self.numbers) + 0.5) / (f64::from(self.tokens) + 1.0)
    }
}

/// How many of the tokens right `before` and `after` a token (where there are such) are
/// numbers ([`is_number_form`]): 0, 1 or 2.
pub fn numbers_around(before: Option<&str>, after: Option<&str>) -> u8 {
    let number = |t: Option<&str>| u8::from(t.is_some_and(is_number_form));
    number(before) + number(after)
}

/// Whether the marks after a word end its clause (the words around them do not go together).
fn ends_clause(trailing: &str) -> bool {
    trailing.contains(['.', '!', '?', ';', ':'])
}

/// `word` in lower case, copied only when a letter of it changes (a capital, or a title-case
/// letter such as `ǅ`).
fn lower(word: &str) -> Cow<'_, str> {
    let changes = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(|c| !c.to_lowercase().eq([c]))
    };
    if changes {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Appends `word` to `key` in lower case, letter by letter (an ASCII word at once).
fn push_lower(key: &mut String, word: &str) {
    if word.is_ascii() {
        let start = key.len();
        key.push_str(word);
        key[start..].make_ascii_lowercase();
    } else {
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The words of a token of letters run together at case seams (`FarEastern`: `Far`,
/// `Eastern`); nothing for a token without a seam.
fn seam_parts(word: &str) -> Vec<&str> {
    // Most tokens are plain ASCII with no capital after their first letter: no seam, found
    // without walking their characters.
    if word.is_ascii() && !word.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
        return Vec::new();
    }
    parts_at_seams(word)
}

/// [`seam_parts`] by the letter-by-letter rule: the parts at every [`seams`] seam of a token
/// of letters only.
fn parts_at_seams(word: &str) -> Vec<&str> {
    if !word.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for at in seams(word) {
        parts.push(&word[start..at]);
        start = at;
    }
    if !parts.is_empty() {
        parts.push(&word[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcuts_agree_with_the_letter_by_letter_rules() {
        let words = [
            "the",
            "The",
            "NATO",
            "FarEastern",
            "SovietJapaneseTalks",
            "éÉ",
            "caféBar",
            "ΣΑΣ",
            "ǅemal",
            "a1B",
            "",
            "x-Y",
            "1889",
            "ÉtéNuit",
            "aB",
        ];
        for w in words {
            assert_eq!(lower(w), w.to_lowercase(), "{w}");
            let mut key = String::from("k ");
            push_lower(&mut key, w);
            let letters: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(key, format!("k {letters}"), "{w}");
            assert_eq!(seam_parts(w), parts_at_seams(w), "{w}");
        }
        assert_eq!(seam_parts("FarEastern"), ["Far", "Eastern"]);
    }

    #[test]
    fn counts_words_and_hyphenated_forms() {
        let c = Corpus::of("Soviet-Japanese ties; soviet-japanese trade. Nakasone, Nakasone");
        assert_eq!(c.count("Nakasone"), 2);
        assert_eq!(c.hyphenated("Soviet-Japanese"), 2);
        assert_eq!(c.hyphenated("Sino-Soviet"), 0);
    }

    #[test]
    fn pairs_are_words_read_together_inside_a_clause() {
        let c = Corpus::of(
            "the Far Eastern question. Far Eastern trade, far eastern affairs; then Far Eastern \
             1988, the pri-\nsoner said",
        );
        let pairs = |min| {
            let mut p: Vec<(String, String, u32)> = c
                .pairs(min)
                .map(|(a, b, n)| (a.to_owned(), b.to_owned(), n))
                .collect();
            p.sort();
            p
        };
        assert_eq!(pairs(2), [("far".into(), "eastern".into(), 4)]);
        let once = pairs(1);
        let has = |a: &str, b: &str| once.iter().any(|p| p.0 == a && p.1 == b);
        // A comma parts no clause; a point or semicolon does, and a number or the half of a
        // broken word is no word.
        assert!(has("trade", "far") && has("eastern", "affairs"));
        assert!(!has("question", "far") && !has("affairs", "then"));
        assert!(!has("the", "pri") && !has("soner", "said") && !has("the", "prisoner"));
        // Words run together at a case seam are apart beside their neighbours; their own
        // pair counts where the text also writes it apart.
        let sorted = |text: &str| {
            let mut p: Vec<String> = Corpus::of(text)
                .pairs(1)
                .map(|(a, b, n)| format!("{a} {b} {n}"))
                .collect();
            p.sort();
            p
        };
        assert_eq!(
            sorted("the FarEastern question"),
            ["eastern question 1", "the far 1"]
        );
        assert_eq!(
            sorted("the FarEastern question, the Far Eastern question"),
            [
                "eastern question 2",
                "far eastern 2",
                "question the 1",
                "the far 2"
            ]
        );
    }

    #[test]
    fn counts_in_any_case_fold_every_letter_and_merge_adds_up() {
        // A title-case letter (`ǅ`) is no capital, yet folds to a small one.
        let c = Corpus::of("\u{1c5}emal said: \u{1c6}emal, \u{1c4}EMAL and Σ-ray");
        assert_eq!(c.count_folded("\u{1c6}emal"), 3);
        assert_eq!(c.hyphenated("σ-ray"), 1);
        let mut both = Corpus::of("the court");
        both.merge(&Corpus::of("The court-house"));
        assert_eq!(both.count_any_case("the"), 2);
        assert_eq!(both.count("court"), 1);
        assert_eq!(both.hyphenated("Court-House"), 1);
        assert_eq!(both.tokens(), 4);
    }

    #[test]
    fn words_run_together_at_a_case_seam_count_as_apart_in_any_case() {
        let run = Corpus::of("the FarEastern question");
        let apart = Corpus::of("the Far Eastern question");
        for w in ["far", "Eastern", "question"] {
            assert_eq!(run.count_any_case(w), apart.count_any_case(w), "{w}");
        }
        // Written so, the token is still one word.
        assert_eq!(run.count("Far"), 0);
        assert_eq!(run.count("FarEastern"), 1);
        assert!(seam_parts("McDonald's").is_empty());
        assert_eq!(seam_parts("iPhone"), vec!["i", "Phone"]);
        assert!(seam_parts("NATO").is_empty());
    }

    #[test]
    fn the_halves_of_a_broken_word_are_no_words_of_the_text() {
        let c = Corpus::of("the pri-\nsoner said, and the atten- tion of the court was drawn");
        for half in ["pri", "soner", "atten", "tion"] {
            assert_eq!(c.count(half), 0, "{half}");
            assert_eq!(c.count_any_case(half), 0, "{half}");
        }
        assert_eq!(c.count("said"), 1);
        assert_eq!(c.count("court"), 1);
        // Every token still counts towards the size of the text.
        assert_eq!(c.tokens(), 13);
        // A hyphen inside a line joins no halves.
        assert_eq!(Corpus::of("a well-known man").count("man"), 1);
    }

    #[test]
    fn a_long_text_counts_as_it_would_in_one_piece() {
        // Many chunks' worth of lines, each with a word broken across a line end.
        let line = "the pri-\nsoner said the court-house was drawn\n";
        let n = 3 * crate::mender::CHUNK_BYTES / line.len();
        let c = Corpus::of(&line.repeat(n));
        let n = u32::try_from(n).unwrap();
        assert_eq!(c.count("pri") + c.count("soner"), 0);
        assert_eq!(c.count("the"), 2 * n);
        assert_eq!(c.hyphenated("court-house"), n);
        assert_eq!(c.tokens(), 8 * u64::from(n));
    }
}
