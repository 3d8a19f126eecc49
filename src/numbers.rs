//! Numbers misread: the digits of a number read as the letters they look like (`l8` for
//! `18`, `18S9` for `1889`, `lOs` for `10s`, `Ist` for `1st`, `Gd` for `6d`). Which letters
//! stand for which digits is the channel model's, learned from the training pages (`1` read
//! as `l` or `i`, `6` as `g` or `fi`); the reading must be a number as the detector leaves
//! numbers alone ([`is_number_form`]). A token with no digit of its own is read as a number
//! only when the input writes such numbers elsewhere (an ordinal, or the letter after its
//! digits: `Gd` is `6d` in a text that prints `3d` and `11d`), so that a word the lexicon
//! lacks is not taken for one.

use crate::channel::{ChannelModel, Reading};
use crate::corpus::Corpus;
use crate::detect::{is_number_form, is_numbered, number_ending, ordinal_ending, ORDINALS};
use crate::edit::EditKind;
use crate::generate::{max_cost, Proposal};

/// The longest token read as a number, in characters.
const LONGEST: usize = 12;

/// How many numbers with the same letters after their digits the input must write for a
/// token without a digit of its own to be read as one.
const MIN_WRITTEN: u32 = 3;

/// The least share of the input's numbers those must be: a batch of many pages writes a few
/// numbers with any letter after them (`3e`, `80t`, misread themselves), and those endings
/// are no evidence.
const MIN_WRITTEN_SHARE: f64 = 0.02;

/// The numbers `token` may be a misreading of (as `reading`), priced by the channel.
pub fn number_readings(
    token: &str,
    reading: &Reading,
    channel: &ChannelModel,
    corpus: &Corpus,
) -> Vec<Proposal> {
    let lower: Vec<char> = token.to_lowercase().chars().collect();
    if lower.len() > LONGEST || lower.len() != token.chars().count() || is_number_form(token) {
        return Vec::new();
    }
    let own_digit = lower.iter().any(char::is_ascii_digit);
    let digits = digit_prefixes(&lower, channel);
    let limit = max_cost(lower.len());
    let mut out: Vec<Proposal> = Vec::new();
    for (k, read) in digits.iter().enumerate().skip(1) {
        let Some(number) = read else { continue };
        let ending: String = token.chars().skip(k).collect();
        let mut texts = vec![format!("{number}{ending}")];
        if (1..=3).contains(&ending.chars().count()) {
            // The ending misread too (`31sl`, `loth`): the ordinal the digits take.
            texts.push(format!("{number}{}", ordinal_ending(number)));
        }
        for text in texts {
            if text == token || !is_number_form(&text) || out.iter().any(|p| p.text == text) {
                continue;
            }
            // Letters after the digits must belong there: an ordinal or measure after a
            // number read with digits of its own, else an ending the input writes.
            let ending_ok = match text.find(|c: char| c.is_ascii_alphabetic()) {
                None => own_digit,
                Some(_) => own_digit && is_numbered(&text) || written(&text, corpus),
            };
            if !ending_ok {
                continue;
            }
            if let Some(cost) = reading.cost_within(&text, limit) {
                out.push(Proposal {
                    text,
                    kind: EditKind::Number,
                    channel_cost: cost,
                    words: Vec::new(),
                });
            }
        }
    }
    out
}

/// For every length `k` of `lower`'s beginning, the cheapest way to read it as digits (with
/// commas between them kept), undoing the channel's confusions of digits with letters; `None`
/// where it cannot be read so.
fn digit_prefixes(lower: &[char], channel: &ChannelModel) -> Vec<Option<String>> {
    let mut best: Vec<Option<(f64, String)>> = vec![None; lower.len() + 1];
    best[0] = Some((0.0, String::new()));
    for i in 0..lower.len() {
        let Some((cost, read)) = best[i].clone() else {
            continue;
        };
        let mut reach = |j: usize, more: f64, digits: &str| {
            let c = cost + more;
            if !best[j].as_ref().is_some_and(|(b, _)| *b <= c) {
                best[j] = Some((c, format!("{read}{digits}")));
            }
        };
        let c = lower[i];
        if c.is_ascii_digit() || c == ',' && i > 0 && read.ends_with(|d: char| d.is_ascii_digit()) {
            reach(i + 1, 0.0, &c.to_string());
        }
        for conf in channel.digits_read() {
            let end = i + conf.observed.len();
            if end <= lower.len() && lower[i..end] == conf.observed[..] {
                reach(end, conf.cost, &conf.intended.iter().collect::<String>());
            }
        }
    }
    best.into_iter()
        .map(|b| {
            b.map(|(_, read)| read)
                .filter(|r| r.ends_with(|d: char| d.is_ascii_digit()))
        })
        .collect()
}

/// Whether `corpus` writes numbers with the letters after `number`'s digits, at least
/// [`MIN_WRITTEN`] times and [`MIN_WRITTEN_SHARE`] of its numbers (ordinals of any ending
/// counting together).
fn written(number: &str, corpus: &Corpus) -> bool {
    let ending = number_ending(number).to_lowercase();
    let endings: &[&str] = if ORDINALS.contains(&ending.as_str()) {
        &ORDINALS
    } else {
        &[ending.as_str()]
    };
    let n: u32 = endings.iter().map(|e| corpus.numbers_ending(e)).sum();
    !ending.is_empty()
        && n >= MIN_WRITTEN
        && f64::from(n) >= MIN_WRITTEN_SHARE * f64::from(corpus.numbers())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::Confusion;
    use crate::channel::EditCosts;

    /// A channel that reads `1` as `l` or `i`, `0` as `o` and `6` as `g`.
    fn channel() -> ChannelModel {
        let conf = |i: &str, o: &str| Confusion {
            intended: i.chars().collect(),
            observed: o.chars().collect(),
            cost: 0.3,
        };
        ChannelModel::new(
            vec![
                conf("1", "l"),
                conf("1", "i"),
                conf("0", "o"),
                conf("6", "g"),
            ],
            EditCosts::default(),
        )
    }

    fn texts(token: &str, corpus: &Corpus) -> Vec<String> {
        let ch = channel();
        number_readings(token, &ch.reading(token), &ch, corpus)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn digits_read_as_letters_are_read_back() {
        let none = Corpus::new();
        assert_eq!(texts("l8", &none), ["18"]);
        assert_eq!(texts("19O5", &none), ["1905"]);
        assert_eq!(texts("2l,O00", &none), ["21,000"]);
        // A damaged ordinal ending: the one the digits take; no other letter after them
        // unless the input writes numbers so.
        assert_eq!(texts("20lsl", &none), ["201st"]);
        assert!(texts("2los", &none).is_empty());
        assert_eq!(texts("2los", &Corpus::of("5s or 10s and 12s")), ["210s"]);
    }

    #[test]
    fn a_token_without_digits_is_a_number_only_where_the_input_writes_such_numbers() {
        let none = Corpus::new();
        assert!(texts("Gd", &none).is_empty());
        assert!(texts("lst", &none).is_empty());
        let prices =
            Corpus::of("It cost 3d., 5d. or 11d. on the 2nd, 3rd and 4th, and 70 on 1999.");
        assert_eq!(texts("Gd", &prices), ["6d"]);
        assert_eq!(texts("lst", &prices), ["1st"]);
        // Numbers are no evidence for words that hold no digit-shaped letters, nor plain
        // numbers for a word read as one.
        assert!(texts("had", &prices).is_empty());
        assert!(texts("io", &prices).is_empty());
        // Three numbers with an ending among two hundred plain ones are no evidence of it.
        let plain: Vec<String> = (100..300).map(|n| n.to_string()).collect();
        let mostly_plain = Corpus::of(&format!("{} and 3d, 5d, 11d", plain.join(" ")));
        assert!(texts("Gd", &mostly_plain).is_empty());
    }

    #[test]
    fn numbers_and_words_are_left_alone() {
        let none = Corpus::new();
        for token in ["1889", "6d", "21st", "word", "o", "l"] {
            assert!(texts(token, &none).is_empty(), "{token}");
        }
    }
}
