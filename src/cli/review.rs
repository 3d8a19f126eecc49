//! `ocrmend review`: the review file on the terminal, one edit at a time, in the habit of
//! `git add -p`. Every answer is written back to the review file at once (atomically), so
//! quitting or Ctrl-C loses nothing; `ocrmend apply` then makes the accepted edits.

use super::apply::load_reviewed;
use super::io::write_atomic;
use super::{Failure, ReviewArgs};
use ocrmend::document::LineIndex;
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
    let mut reviewed = load_reviewed(&args.input, &args.review, args.encoding)?;
    let text = reviewed.decoded.text.clone();
    let index = LineIndex::new(&text);
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = io::stdout().lock();
    let total = reviewed.mine.len();
    let save = |records: &[ReviewRecord]| write_atomic(&args.review, to_jsonl(records).as_bytes());
    let mut n = 0;
    while n < total {
        let at = reviewed.mine[n];
        let r = reviewed.records[at].clone();
        show(&mut out, &text, &index, &r, n, total);
        let Some(Ok(answer)) = lines.next() else {
            break; // end of input: what was answered is saved
        };
        let record = &mut reviewed.records[at];
        match Answer::parse(&answer) {
            Answer::Accept => record.decide(Reviewed::Accepted),
            Answer::Reject => record.decide(Reviewed::Rejected),
            Answer::Skip => {}
            Answer::Quit => break,
            Answer::AcceptRest => {
                for &i in &reviewed.mine[n..] {
                    let rec = &mut reviewed.records[i];
                    if rec.confidence >= args.threshold {
                        rec.accept = true;
                    }
                }
                save(&reviewed.records)?;
                break;
            }
            Answer::Type => {
                let _ = write!(out, "Replace {:?} with: ", r.before);
                let _ = out.flush();
                match lines.next() {
                    Some(Ok(own)) => {
                        record.after = own;
                        record.decide(Reviewed::Replaced);
                    }
                    _ => break,
                }
            }
            Answer::Alternative(pick) => match r.alternatives.get(pick - 1) {
                Some(alt) => {
                    record.after = alt.clone();
                    record.decide(Reviewed::Replaced);
                }
                None => {
                    let _ = writeln!(out, "There is no alternative {pick}.");
                    continue;
                }
            },
            Answer::Help => {
                let _ = write!(out, "{HELP}");
                continue;
            }
        }
        save(&reviewed.records)?;
        n += 1;
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

/// Shows edit `r`, the `n`th (from 0) of `total`, in its line of `text`, with its
/// alternatives, and asks what to do with it.
fn show(
    out: &mut impl Write,
    text: &str,
    index: &LineIndex,
    r: &ReviewRecord,
    n: usize,
    total: usize,
) {
    let (start, end) = index.line_span(text, r.line).unwrap_or((r.start, r.start));
    let line = &text[start..end];
    let col = r.start.saturating_sub(start);
    let (head, tail) = (
        line.get(..col).unwrap_or(""),
        line.get(col + r.before.len()..).unwrap_or(""),
    );
    let _ = writeln!(
        out,
        "\n({}/{total}) line {}: {head}[{}]{tail}\n  {} -> {}  ({}, now {})",
        n + 1,
        r.line,
        r.before,
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

    #[test]
    fn an_edit_is_shown_in_its_line_with_its_alternatives() {
        let text = "first line\nthe rnodern cost\n";
        let index = LineIndex::new(text);
        let record = ReviewRecord {
            id: 0,
            file: "page.txt".into(),
            line: 2,
            col: 5,
            start: 15,
            end: 22,
            before: "rnodern".into(),
            after: "modern".into(),
            kind: ocrmend::edit::EditKind::Substitute,
            confidence: 0.93,
            reason: "a misread letter".into(),
            alternatives: vec!["modem".into()],
            accept: true,
            evidence: None,
            reviewed: None,
        };
        let mut out = Vec::new();
        show(&mut out, text, &index, &record, 0, 4);
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
}
