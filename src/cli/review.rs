//! `ocrmend review`: the review file on the terminal, one edit at a time, in the habit of
//! `git add -p`. Every answer is written back to the review file at once (atomically), so
//! quitting or Ctrl-C loses nothing; `ocrmend apply` then makes the accepted edits.

use super::apply::load_reviewed;
use super::io::write_atomic;
use super::{Failure, ReviewArgs};
use ocrmend::document::LineIndex;
use ocrmend::render::review::{shown, to_jsonl, ReviewRecord, Reviewed};
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
        let (start, end) = index.line_span(&text, r.line).unwrap_or((r.start, r.start));
        let line = &text[start..end];
        let col = r.start.saturating_sub(start);
        let (head, tail) = (
            line.get(..col).unwrap_or(""),
            line.get(col + r.before.len()..).unwrap_or(""),
        );
        let _ = writeln!(
            out,
            "\n({}/{total}) line {}: {head}[{}]{tail}\n  {} -> {}  ({:.2}, now {})",
            n + 1,
            r.line,
            r.before,
            shown(&r.before),
            shown(&r.after),
            r.confidence,
            if r.accept { "accepted" } else { "not accepted" },
        );
        for (k, alt) in r.alternatives.iter().take(9).enumerate() {
            let _ = writeln!(out, "  {}) {}", k + 1, alt.escape_debug());
        }
        let _ = write!(out, "Accept [y,n,1-9,e,s,a,q,?]? ");
        let _ = out.flush();
        let Some(Ok(answer)) = lines.next() else {
            break; // end of input: what was answered is saved
        };
        let answer = answer.trim();
        let record = &mut reviewed.records[at];
        match answer {
            "y" => record.decide(Reviewed::Accepted),
            "n" => record.decide(Reviewed::Rejected),
            "s" => {}
            "q" => break,
            "a" => {
                for &i in &reviewed.mine[n..] {
                    let rec = &mut reviewed.records[i];
                    if rec.confidence >= args.threshold {
                        rec.accept = true;
                    }
                }
                save(&reviewed.records)?;
                break;
            }
            "e" => {
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
            k if k.len() == 1 && k.as_bytes()[0].is_ascii_digit() && k != "0" => {
                let pick = usize::from(k.as_bytes()[0] - b'0');
                match r.alternatives.get(pick - 1) {
                    Some(alt) => {
                        record.after = alt.clone();
                        record.decide(Reviewed::Replaced);
                    }
                    None => {
                        let _ = writeln!(out, "There is no alternative {pick}.");
                        continue;
                    }
                }
            }
            _ => {
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
