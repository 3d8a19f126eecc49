//! `ocrmend review`: the review file on the terminal, one edit at a time, in the habit of
//! `git add -p`. Every answer is written back to the review file at once (atomically), so
//! quitting or Ctrl-C loses nothing; `ocrmend apply` then makes the accepted edits.

use super::apply::load_reviewed;
use super::io::{write_atomic, Reading};
use super::{Failure, ReviewArgs};
use ocrmend::render::review::{shown, shown_confidence, to_jsonl, ReviewRecord, Reviewed};
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

const HELP: &str = "y - accept this edit\n\
n - reject it (keep the original)\n\
1-9 - accept with that alternative instead\n\
e - type your own replacement\n\
s - skip: decide later\n\
a - accept this and every remaining edit at or above the threshold, then stop\n\
q - quit (everything answered so far is saved)\n";

/// Runs `review`: exit 0 when done or quit, 2 when not on a terminal or the file is stale.
pub fn run(args: ReviewArgs) -> Result<ExitCode, Failure> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(
            "ocrmend review asks questions on a terminal, and this is not one; edit the \
             review file's \"accept\" fields yourself, then run `ocrmend apply`"
                .into(),
        ));
    }
    // The review file is written, not the text.
    let reading = Reading {
        encoding: args.encoding,
        writes_text: false,
    };
    let mut reviewed = load_reviewed(&args.input, &args.review, reading)?;
    let text = reviewed.decoded.text.clone();
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = io::stdout().lock();
    let total = reviewed.mine.len();
    let save = |records: &[ReviewRecord]| write_atomic(&args.review, to_jsonl(records).as_bytes());
    let mut n = 0;
    while n < total {
        let at = reviewed.mine[n];
        show(&mut out, &text, &reviewed.records[at], n, total);
        let Some(Ok(answer)) = lines.next() else {
            break; // end of input: what was answered is saved
        };
        let before = reviewed.records[at].before.clone();
        let typed = || {
            let _ = write!(out, "Replace {before:?} with: ");
            let _ = out.flush();
            lines.next().and_then(Result::ok)
        };
        let step = settle(
            &mut reviewed.records,
            &reviewed.mine[n..],
            Answer::parse(&answer),
            args.threshold,
            typed,
        );
        match step {
            Step::Next => {
                save(&reviewed.records)?;
                n += 1;
            }
            Step::Again(message) => {
                let _ = write!(out, "{message}");
            }
            Step::Done => {
                save(&reviewed.records)?;
                break;
            }
            Step::Quit => break,
        }
    }
    let accepted = reviewed
        .mine
        .iter()
        .filter(|&&i| reviewed.records[i].accept)
        .count();
    let _ = writeln!(
        out,
        "\n{accepted} of {total} edits accepted; saved in {}. Next: ocrmend apply {} --review {}",
        args.review.display(),
        args.input.display(),
        args.review.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Where the session goes after an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// The edit is answered (or skipped): save, then the next one.
    Next,
    /// Show this message and ask about the same edit again.
    Again(String),
    /// Save and stop.
    Done,
    /// Stop; what was answered before is already saved.
    Quit,
}

/// Records `answer` about the first of the reviewer's edits `mine` (indexes into `records`):
/// `a` accepts every one of them at or above `threshold`; `e` asks `typed` for the
/// replacement (none: quit).
fn settle(
    records: &mut [ReviewRecord],
    mine: &[usize],
    answer: Answer,
    threshold: f64,
    typed: impl FnOnce() -> Option<String>,
) -> Step {
    let record = &mut records[mine[0]];
    match answer {
        Answer::Accept => record.decide(Reviewed::Accepted),
        Answer::Reject => record.decide(Reviewed::Rejected),
        Answer::Skip => {}
        Answer::Quit => return Step::Quit,
        Answer::AcceptRest => {
            for &i in mine {
                if records[i].confidence >= threshold {
                    records[i].accept = true;
                }
            }
            return Step::Done;
        }
        Answer::Type => match typed() {
            Some(own) => {
                record.after = own;
                record.decide(Reviewed::Replaced);
            }
            None => return Step::Quit,
        },
        Answer::Alternative(pick) => match record.alternatives.get(pick - 1) {
            Some(alt) => {
                record.after = alt.clone();
                record.decide(Reviewed::Replaced);
            }
            None => return Step::Again(format!("There is no alternative {pick}.\n")),
        },
        Answer::Help => return Step::Again(HELP.to_string()),
    }
    Step::Next
}

/// Shows edit `r`, the `n`th (from 0) of `total`, in its line of `text`, with its
/// alternatives, and asks what to do with it.
fn show(out: &mut impl Write, text: &str, r: &ReviewRecord, n: usize, total: usize) {
    let Glimpse { head, edit, tail } = Glimpse::of(text, r.start, r.end);
    let _ = writeln!(
        out,
        "\n({}/{total}) line {}: {head}[{edit}]{tail}\n  {} -> {}  ({}, now {})",
        n + 1,
        r.line,
        shown(&r.before),
        shown(&r.after),
        shown_confidence(r.confidence),
        if r.accept { "accepted" } else { "not accepted" },
    );
    for (k, alt) in r.alternatives.iter().take(9).enumerate() {
        let _ = writeln!(out, "  {}) {}", k + 1, alt.escape_debug());
    }
    let _ = write!(out, "Accept [y,n,1-9,e,s,a,q,?]? ");
    let _ = out.flush();
}

/// How many characters of its line `review` shows on each side of an edit.
const CONTEXT: usize = 40;

/// An edit in its line as the reviewer sees it: at most [`CONTEXT`] characters of the line
/// on each side (cut off with `…`), line breaks shown as `⏎` and other control characters
/// escaped, so that neither a one-line book nor stray bytes in the scan reach the terminal
/// raw.
#[derive(Debug, PartialEq, Eq)]
struct Glimpse {
    /// The line before the edit.
    head: String,
    /// The edit's own text (a rejoin's spans a line break).
    edit: String,
    /// The line after the edit.
    tail: String,
}

impl Glimpse {
    /// The glimpse of `text[start..end]` (a span that cuts a character shows nothing).
    fn of(text: &str, start: usize, end: usize) -> Glimpse {
        let (Some(before), Some(edit), Some(after)) =
            (text.get(..start), text.get(start..end), text.get(end..))
        else {
            return Glimpse {
                head: String::new(),
                edit: String::new(),
                tail: String::new(),
            };
        };
        let line_before = before.rsplit('\n').next().unwrap_or("");
        let line_after = after.split('\n').next().unwrap_or("");
        let line_after = line_after
            .strip_suffix('\r')
            .filter(|_| line_after.len() < after.len())
            .unwrap_or(line_after);
        let head_from = line_before
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map(|(i, _)| i);
        let tail_to = line_after.char_indices().nth(CONTEXT).map(|(i, _)| i);
        let mut head = String::from(if head_from.is_some_and(|i| i > 0) {
            "…"
        } else {
            ""
        });
        head += &visible(&line_before[head_from.unwrap_or(0)..]);
        let mut tail = visible(&line_after[..tail_to.unwrap_or(line_after.len())]);
        if tail_to.is_some() {
            tail.push('…');
        }
        Glimpse {
            head,
            edit: visible(edit),
            tail,
        }
    }
}

/// `s` safe to print: a line break (`\r\n` too) as `⏎`, other control characters but the
/// tab escaped (`\r`, `\u{1b}`).
fn visible(s: &str) -> String {
    let mut shown = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => shown.push('⏎'),
            '\t' => shown.push(c),
            c if c.is_control() => shown.extend(c.escape_debug()),
            c => shown.push(c),
        }
    }
    shown
}

/// What the reviewer answered about one edit (see [`HELP`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// `y`: accept the edit.
    Accept,
    /// `n`: reject it.
    Reject,
    /// `1`-`9`: accept it with that alternative (counted from 1).
    Alternative(usize),
    /// `e`: type a replacement.
    Type,
    /// `s`: decide later.
    Skip,
    /// `a`: accept this and the remaining edits at or above the threshold, then stop.
    AcceptRest,
    /// `q`: stop.
    Quit,
    /// Anything else: show the help.
    Help,
}

impl Answer {
    /// The answer a line typed means (surrounding blanks ignored).
    fn parse(line: &str) -> Answer {
        match line.trim() {
            "y" => Answer::Accept,
            "n" => Answer::Reject,
            "e" => Answer::Type,
            "s" => Answer::Skip,
            "a" => Answer::AcceptRest,
            "q" => Answer::Quit,
            k if k.len() == 1 && k.as_bytes()[0].is_ascii_digit() && k != "0" => {
                Answer::Alternative(usize::from(k.as_bytes()[0] - b'0'))
            }
            _ => Answer::Help,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_the_help_lists_them() {
        assert_eq!(Answer::parse("y"), Answer::Accept);
        assert_eq!(Answer::parse(" n \r"), Answer::Reject);
        assert_eq!(Answer::parse("3"), Answer::Alternative(3));
        assert_eq!(Answer::parse("9"), Answer::Alternative(9));
        for help in ["0", "10", "yes", "", "?", "x"] {
            assert_eq!(Answer::parse(help), Answer::Help, "{help:?}");
        }
        let letters = [
            ("e", Answer::Type),
            ("s", Answer::Skip),
            ("a", Answer::AcceptRest),
            ("q", Answer::Quit),
        ];
        for (typed, answer) in letters {
            assert_eq!(Answer::parse(typed), answer);
        }
    }

    /// The review record of `rnodern` → `modern` on line 2 of [`TEXT`], at `confidence`.
    fn record(confidence: f64) -> ReviewRecord {
        ReviewRecord {
            id: 0,
            file: "page.txt".into(),
            line: 2,
            col: 5,
            start: 15,
            end: 22,
            before: "rnodern".into(),
            after: "modern".into(),
            kind: ocrmend::edit::EditKind::Substitute,
            confidence,
            reason: "a misread letter".into(),
            alternatives: vec!["modem".into()],
            accept: confidence >= 0.8,
            evidence: None,
            reviewed: None,
        }
    }

    /// The page the test records are on.
    const TEXT: &str = "first line\nthe rnodern cost\n";

    #[test]
    fn an_edit_is_shown_in_its_line_with_its_alternatives() {
        let mut out = Vec::new();
        show(&mut out, TEXT, &record(0.93), 0, 4);
        let shown = String::from_utf8(out).unwrap();
        assert!(
            shown.contains("(1/4) line 2: the [rnodern] cost"),
            "{shown}"
        );
        assert!(
            shown.contains("rnodern -> modern  (0.93, now accepted)"),
            "{shown}"
        );
        assert!(shown.contains("  1) modem\n"), "{shown}");
        assert!(shown.ends_with("Accept [y,n,1-9,e,s,a,q,?]? "), "{shown}");
    }

    #[test]
    fn a_glimpse_is_a_bounded_piece_of_the_line_with_controls_made_visible() {
        let long = format!(
            "{} the rnodern {}\n",
            "word ".repeat(5_000),
            "cost ".repeat(5_000)
        );
        let at = long.find("rnodern").unwrap();
        let g = Glimpse::of(&long, at, at + "rnodern".len());
        assert_eq!(g.edit, "rnodern");
        assert_eq!(g.head.chars().count(), CONTEXT + 1, "{:?}", g.head);
        assert!(
            g.head.starts_with('…') && g.head.ends_with("word  the "),
            "{:?}",
            g.head
        );
        assert!(
            g.tail.starts_with(" cost") && g.tail.ends_with('…'),
            "{:?}",
            g.tail
        );

        let rejoin = "a line\nThe exam-\r\nple of it\r\nnext";
        let at = rejoin.find('-').unwrap();
        let g = Glimpse::of(rejoin, at, at + "-\r\nple ".len());
        let seen = (g.head.as_str(), g.edit.as_str(), g.tail.as_str());
        assert_eq!(seen, ("The exam", "-⏎ple ", "of it"));

        let stray = "tbat\rthe\u{c}fox \u{1b}[2Jx\tend";
        let g = Glimpse::of(stray, 0, 4);
        assert_eq!(g.tail, "\\rthe\\u{c}fox \\u{1b}[2Jx\tend");
        assert_eq!(
            Glimpse::of("é", 0, 1).edit,
            "",
            "a span inside a character shows nothing"
        );
    }

    #[test]
    fn each_answer_decides_the_edit_as_the_help_says() {
        let no_typing = || -> Option<String> { panic!("nothing is typed for this answer") };
        let answered = |answer: Answer| {
            let mut records = vec![record(0.93)];
            let step = settle(&mut records, &[0], answer, 0.8, no_typing);
            (step, records.remove(0))
        };
        let (step, r) = answered(Answer::Reject);
        assert_eq!(step, Step::Next);
        assert!(!r.accept);
        assert_eq!(r.reviewed, Some(Reviewed::Rejected));
        let (step, r) = answered(Answer::Accept);
        assert_eq!(step, Step::Next);
        assert!(r.accept);
        assert_eq!(
            (r.after.as_str(), r.reviewed),
            ("modern", Some(Reviewed::Accepted))
        );
        let (step, r) = answered(Answer::Alternative(1));
        assert_eq!(step, Step::Next);
        assert_eq!(
            (r.after.as_str(), r.reviewed),
            ("modem", Some(Reviewed::Replaced))
        );
        let (step, r) = answered(Answer::Alternative(2));
        assert_eq!(step, Step::Again("There is no alternative 2.\n".into()));
        assert_eq!((r.after.as_str(), r.reviewed), ("modern", None));
        assert_eq!(answered(Answer::Help).0, Step::Again(HELP.into()));
        let (step, r) = answered(Answer::Skip);
        assert_eq!((step, r.reviewed), (Step::Next, None));
        let (step, r) = answered(Answer::Quit);
        assert_eq!((step, r.reviewed), (Step::Quit, None));
    }

    #[test]
    fn a_typed_replacement_is_taken_and_none_quits() {
        let mut records = vec![record(0.5)];
        let step = settle(&mut records, &[0], Answer::Type, 0.8, || {
            Some("modernised".into())
        });
        assert_eq!(step, Step::Next);
        assert!(records[0].accept);
        assert_eq!(records[0].after, "modernised");
        assert_eq!(records[0].reviewed, Some(Reviewed::Replaced));
        let mut records = vec![record(0.5)];
        assert_eq!(
            settle(&mut records, &[0], Answer::Type, 0.8, || None),
            Step::Quit
        );
        assert_eq!(
            (records[0].after.as_str(), records[0].reviewed),
            ("modern", None)
        );
    }

    #[test]
    fn accepting_the_rest_takes_only_the_remaining_edits_at_the_threshold() {
        // Four edits; the reviewer is at the second (so the first is not theirs to take).
        let mut records: Vec<_> = [0.95, 0.6, 0.85, 0.79]
            .into_iter()
            .map(|c| ReviewRecord {
                accept: false,
                ..record(c)
            })
            .collect();
        let step = settle(&mut records, &[1, 2, 3], Answer::AcceptRest, 0.8, || None);
        assert_eq!(step, Step::Done);
        let accepted: Vec<bool> = records.iter().map(|r| r.accept).collect();
        assert_eq!(accepted, [false, false, true, false]);
    }
}
