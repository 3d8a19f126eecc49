//! Writing the trained channel model's table: the confusions counted and the learned shares
//! of marks, readings and words beside them, one row each, as `ChannelModel` reads them
//! back (`channel/table.rs`).

use super::*;

impl Counts {
    /// The confusion table: `intended<TAB>observed<TAB>cost<TAB>count` for every confusion seen
    /// at least [`MIN_COUNT`] times, cost `-ln P(observed | intended) / SCALE`.
    pub fn table(&self) -> String {
        let mut rows: Vec<(&str, &str, f64, u32)> = self
            .confusions
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .filter_map(|((a, b), &n)| {
                // Insertions happen between letters: their chances are per letter.
                let chances = if a.is_empty() {
                    self.letters
                } else {
                    self.contexts.get(a).copied()?
                };
                let p = (f64::from(n) / (chances as f64 + 1.0)).min(0.9);
                let cost = (-p.ln() / SCALE).clamp(0.02, 1.5);
                Some((a.as_str(), b.as_str(), cost, n))
            })
            .collect();
        rows.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
        let mut out = format!(
            "# ocrmend channel model: learned from {} aligned word pairs ({} misread).\n\
             # intended<TAB>observed<TAB>cost<TAB>count; cost = -ln P(observed | intended) / {SCALE}\n",
            self.pairs, self.misread
        );
        for (a, b, cost, n) in rows {
            if a.contains(['\t', '\n']) || b.contains(['\t', '\n']) {
                continue;
            }
            let _ = writeln!(out, "{a}\t{b}\t{cost:.4}\t{n}");
        }
        out.push_str(&self.capital_read_rows());
        out.push_str(&self.capital_rows());
        out.push_str(&self.stray_rows());
        out.push_str(&self.trailing_stray_rows());
        out.push_str(&self.stop_read_rows());
        out.push_str(&self.stop_printed_rows());
        out.push_str(&self.clause_end_rows());
        out.push_str(&self.speck_rows());
        out.push_str(&self.point_rows());
        out.push_str(&self.name_rows());
        out.push_str(&self.quote_rows());
        out.push_str(&self.mark_printed_rows());
        out.push_str(&self.reading_rows());
        out.push_str(&self.read_for_rows());
        out.push_str(&self.printed_rows());
        out.push_str(&self.printed_pair_rows());
        out.push_str(&self.compound_rows());
        out.push_str(&self.opener_rows());
        out
    }

    /// The rows of marks read for others: `$read<TAB>$placeprinted<TAB>cost<TAB>seen<TAB>count`
    /// (place `d` before a digit, `w` before a letter) for each mark read that was printed as
    /// another mark in two of its sightings in three or more, and at least
    /// [`MIN_MARK_SIGHTINGS`] times, with cost
    /// `-ln P(printed | read) / SCALE`. (A mark printed nowhere is a stray: `stray_rows`.)
    fn mark_printed_rows(&self) -> String {
        let rows = self
            .marks_printed
            .iter()
            .filter_map(|((place, read), printed)| {
                let seen = printed.values().sum::<u32>();
                let (mark, &n) = printed
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
                // Printed so in two sightings of three at least: a mark about as often right
                // as not (a hyphen for a dash) is not flagged at every use. And seen so often
                // enough that it is no habit of a page or two: the mark is written over
                // everywhere it is read.
                let other = mark != read
                    && !mark.is_empty()
                    && n >= MIN_MARK_SIGHTINGS
                    && 3 * n >= 2 * seen;
                let clean = !(read.contains(['\t', '\n']) || mark.contains(['\t', '\n']));
                (other && clean).then_some((read.as_str(), place.code(), mark.as_str(), seen, n))
            });
        block(
            "# marks printed: $read<TAB>$place+printed<TAB>cost<TAB>seen<TAB>count; place d: before a digit, w: before a letter, D and W: the same opening a line; cost = -ln P(printed | read) / SCALE",
            rows,
            |&(read, place, printed, seen, n)| {
                let p = f64::from(n) / f64::from(seen);
                format!("${read}\t${place}{printed}\t{:.4}\t{seen}\t{n}", (p.ln() / SCALE).abs())
            },
        )
    }

    /// The reading rows: `=word<TAB>=word<TAB>cost<TAB>seen<TAB>misread` for each word read at
    /// least [`MIN_COUNT`] times and misread at least once, with cost
    /// `-ln P(another word was printed | the word was read) / SCALE`.
    fn reading_rows(&self) -> String {
        let rows = self
            .readings
            .iter()
            .filter(|(_, &(n, misread))| n >= MIN_COUNT && misread > 0);
        block(
            "# readings: =word<TAB>=word<TAB>cost<TAB>seen<TAB>misread; word: in lower case, a lone letter as read; misread: another word printed there, or nothing (a lone small letter); cost = -ln P(misread | word read) / SCALE",
            rows,
            |(w, &(n, misread))| {
                let p = f64::from(misread) / f64::from(n);
                format!("={w}\t={w}\t{:.4}\t{n}\t{misread}", (p.ln() / SCALE).abs())
            },
        )
    }

    /// The read-for rows: `>read<TAB>>printed<TAB>cost<TAB>count` for each word read (as the
    /// reading rows count them) where another word was printed at least [`MIN_COUNT`]
    /// times, with cost `-ln P(that word was printed | the word was read) / SCALE`.
    fn read_for_rows(&self) -> String {
        let rows = self
            .read_for
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .filter_map(|(k, &n)| Some((k, n, self.readings.get(&k.0)?.0)))
            .filter(|((read, printed), _, _)| {
                !(read.contains(['\t', '\n']) || printed.contains(['\t', '\n']))
            });
        block(
            "# read for: >read<TAB>>printed<TAB>cost<TAB>count; cost = -ln P(printed | read) / SCALE",
            rows,
            |((read, printed), n, seen)| {
                let p = f64::from(*n) / f64::from((*seen).max(*n));
                format!(">{read}\t>{printed}\t{:.4}\t{n}", (p.ln() / SCALE).abs())
            },
        )
    }

    /// The printed rows: `+word<TAB>+word<TAB>0<TAB>count` for each word printed at least
    /// [`MIN_COUNT`] times in the ground truth.
    fn printed_rows(&self) -> String {
        let rows = self.printed.iter().filter(|(_, &n)| n >= MIN_COUNT);
        block(
            "# printed: +word<TAB>+word<TAB>0<TAB>count; how often the ground truth printed the word",
            rows,
            |(w, n)| format!("+{w}\t+{w}\t0\t{n}"),
        )
    }

    /// The printed pair rows: `&word<TAB>&word<TAB>0<TAB>count` for each two words printed
    /// one after the other inside a sentence at least [`MIN_COUNT`] times in the ground truth.
    fn printed_pair_rows(&self) -> String {
        let rows = self.printed_pairs.iter().filter(|(_, &n)| n >= MIN_COUNT);
        block(
            "# printed pairs: &word<TAB>&word<TAB>0<TAB>count; how often the ground truth printed the two words one after the other",
            rows,
            |((a, b), n)| format!("&{a}\t&{b}\t0\t{n}"),
        )
    }

    /// The compound rows: `-word<TAB>-word<TAB>0<TAB>count` for each word the ground truth
    /// printed as a part of a hyphenated compound, and `-<TAB>-<TAB>0<TAB>count` for how many
    /// compounds it printed (the row that says the words without a row of their own were
    /// counted and never so printed).
    fn compound_rows(&self) -> String {
        let total = self.compounded.get("").copied().unwrap_or(0);
        let rows = self.compounded.iter().filter(|(w, _)| !w.is_empty());
        let mut out = block(
            "# compounds: -word<TAB>-word<TAB>0<TAB>count; how often the ground truth printed the word as a part of a hyphenated compound (police-court); -<TAB>-: how many compounds it printed",
            rows,
            |(w, n)| format!("-{w}\t-{w}\t0\t{n}"),
        );
        let _ = writeln!(out, "-\t-\t0\t{total}");
        out
    }

    /// The opener rows: `[mark<TAB>[<TAB>0<TAB>count` for how many chunks each boundary mark
    /// closed before a word, and `[mark<TAB>[word<TAB>0<TAB>count` for each word printed
    /// after it at least [`MIN_COUNT`] times (see [`crate::openers`]).
    fn opener_rows(&self) -> String {
        let totals = Boundary::ALL
            .into_iter()
            .map(|b| (b, String::new(), self.closes[b.index()]));
        let words = self
            .openers
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .map(|((b, w), &n)| (*b, w.clone(), u64::from(n)));
        block(
            "# openers: [mark<TAB>[word<TAB>0<TAB>count; how often the ground truth printed the word right after a comma (,) or a sentence's stop (.); [mark<TAB>[: how many chunks ended so",
            totals.chain(words),
            |(b, w, n)| format!("[{}\t[{w}\t0\t{n}", b.mark()),
        )
    }

    /// The stray-mark rows: `<mark<TAB><case<TAB>cost<TAB>seen<TAB>removed` (case `a` before a
    /// word with a small first letter, `A` before any other), as [`share_rows`] writes them.
    fn stray_rows(&self) -> String {
        share_rows(
            "# strays: <mark<TAB><case<TAB>cost<TAB>seen<TAB>removed; case a: the word starts with a small letter, A: not; cost = -ln P(no mark printed | mark read before a word inside a sentence) / SCALE",
            '<',
            &self.marks_beside.strays,
            ["A", "a"],
        )
    }

    /// The speck rows: `|mark<TAB>|side<TAB>cost<TAB>seen<TAB>marked`, per side (`a`: after
    /// a word inside a sentence, `b`: before a word after a small letter) and mark, over the
    /// words the clause ends show never end a clause ([`closed_words`]): how often the OCR read
    /// the mark there, the training scans' speck rate ([`crate::specks`]); `A` and `B`: the
    /// same beside any word.
    fn speck_rows(&self) -> String {
        let closed = closed_words(&self.clause_ends);
        let mut rows = Vec::new();
        for (side, names) in [(Side::After, ["a", "A"]), (Side::Before, ["b", "B"])] {
            let places = self.specks.places(side, &closed);
            for (name, counts) in names.into_iter().zip([places.closed, places.all]) {
                for (mark, &marked) in &counts.marks {
                    if !mark.contains(['\t', '\n']) {
                        rows.push((name, mark.clone(), counts.places, marked));
                    }
                }
            }
        }
        block(
            "# specks: |mark<TAB>|side<TAB>cost<TAB>seen<TAB>marked; side a: after a word before a small letter, b: before a word after a small letter; seen: such places of the words that seldom end a clause (clause ends; A, B: of any word), marked: with the mark read there; cost = -ln P(marked) / SCALE",
            rows.into_iter(),
            |(side, mark, seen, marked)| {
                let p = f64::from(*marked) / f64::from((*seen).max(1));
                format!("|{mark}\t|{side}\t{:.4}\t{seen}\t{marked}", (p.ln() / SCALE).abs())
            },
        )
    }

    /// The rows of clause ends: `)word<TAB>)<TAB>cost<TAB>seen<TAB>marked` for each word
    /// printed before a small letter at least [`MIN_CLAUSE_WORDS`] times, and `)*` for all,
    /// with cost `-ln P(a mark after it) / SCALE`.
    fn clause_end_rows(&self) -> String {
        word_share_rows(
            "# clause ends: )word<TAB>)<TAB>cost<TAB>seen<TAB>marked; seen: printed before a small letter, marked: with a mark after it; )*: every word; cost = -ln P(marked) / SCALE",
            ')',
            &self.clause_ends,
        )
    }

    /// The rows of points after words: `@word<TAB>@<TAB>cost<TAB>seen<TAB>pointed` for each
    /// word printed at least [`MIN_CLAUSE_WORDS`] times, and `@*` for all, with cost
    /// `-ln P(a point after it) / SCALE`.
    fn point_rows(&self) -> String {
        word_share_rows(
            "# points after words: @word<TAB>@<TAB>cost<TAB>seen<TAB>pointed; seen: printed, pointed: with a point right after it; @*: every word; cost = -ln P(pointed) / SCALE",
            '@',
            &self.points,
        )
    }

    /// The rows of words written capitalised inside a sentence:
    /// `%word<TAB>%<TAB>cost<TAB>seen<TAB>capitalised` for each word printed there at least
    /// [`MIN_COUNT`] times and capitalised at least as often as not (names: `John`, `York`),
    /// with cost `-ln P(capitalised) / SCALE`.
    fn name_rows(&self) -> String {
        word_count_rows(
            "# names: %word<TAB>%<TAB>cost<TAB>seen<TAB>capitalised; seen: printed after a small letter, capitalised: so written there; cost = -ln P(capitalised) / SCALE",
            '%',
            &self.names,
            |_, seen, capitalised| seen >= MIN_COUNT && 2 * capitalised >= seen,
            |seen, capitalised| f64::from(capitalised) / f64::from(seen),
        )
    }

    /// The trailing stray-mark rows: `}mark<TAB>}end<TAB>cost<TAB>seen<TAB>removed` (end `s`
    /// after a word ending in `s`, `w` after any other), as [`share_rows`] writes them.
    fn trailing_stray_rows(&self) -> String {
        share_rows(
            "# trailing strays: }mark<TAB>}end<TAB>cost<TAB>seen<TAB>removed; end s: the word ends in s, w: not; cost = -ln P(no mark printed | mark read after a word inside a sentence) / SCALE",
            '}',
            &self.marks_beside.trailing_strays,
            ["w", "s"],
        )
    }

    /// The rows of stops read as commas: `/word<TAB>/after<TAB>cost<TAB>seen<TAB>stopped`
    /// (after `A`: a word that looks abbreviated, `w`: any other), as [`share_rows`] writes
    /// them.
    fn stop_read_rows(&self) -> String {
        share_rows(
            "# stops read as commas: /word<TAB>/after<TAB>cost<TAB>seen<TAB>stopped; word: the capitalised word after the comma, in lower case (¶: the comma ends a paragraph's last line, whatever word follows); after A: the comma follows a word that looks abbreviated, w: another; cost = -ln P(a full stop printed | a comma read there) / SCALE",
            '/',
            &self.marks_beside.stops_read,
            ["w", "A"],
        )
    }

    /// The rows of full stops before capitalised words: `{word<TAB>{p<TAB>cost<TAB>seen<TAB>stopped`
    /// (how often print ended the word before `word` in a stop), and
    /// `{*<TAB>{l<TAB>cost<TAB>seen<TAB>lost` (how often the OCR read such a stop as no
    /// mark), as [`share_rows`] writes them.
    fn stop_printed_rows(&self) -> String {
        share_rows(
            "# stops printed: {word<TAB>{p<TAB>cost<TAB>seen<TAB>stopped; word: the capitalised word after a word of letters, in lower case (¶: at a paragraph's end, whatever word follows); cost = -ln P(a full stop printed after that word) / SCALE; {*<TAB>{l: such stops read as a stop or as no mark; cost = -ln P(no mark) / SCALE",
            '{',
            &self.marks_beside.stops_printed,
            ["p", "l"],
        )
    }

    /// The rows of letters read as a capital inside a word: `!ll<TAB>!U<TAB>cost<TAB>count`
    /// for each seen at least [`MIN_COUNT`] times, with cost
    /// `-ln(P(read | printed) / P(a capital after a small letter)) / SCALE`: such a capital
    /// is explained by these letters so much better than by a small letter shown as a
    /// capital by chance (the price the lower-case confusions leave out).
    fn capital_read_rows(&self) -> String {
        let (chances, capitals) = self.capital_chances;
        let chance = (capitals as f64 + 1.0) / (chances as f64 + 1.0);
        let rows = self
            .capitals_read
            .iter()
            .filter(|(_, &n)| n >= MIN_COUNT)
            .filter(|((a, b), _)| !(a.contains(['\t', '\n']) || b.contains(['\t', '\n'])))
            .filter_map(|((a, b), &n)| {
                let p = f64::from(n) / (self.contexts.get(a).copied()? as f64 + 1.0);
                let cost = (-(p / chance).ln() / SCALE).clamp(0.02, 1.5);
                Some((a, b, n, format!("{cost:.4}")))
            });
        block(
            "# capitals read: !printed<TAB>!read<TAB>cost<TAB>count; cost = -ln(P(read | printed) / P(a capital after a small letter)) / SCALE",
            rows,
            |(a, b, n, cost)| format!("!{a}\t!{b}\t{cost}\t{n}"),
        )
    }

    /// The lone-quote rows: `~quote<TAB>~place<TAB>cost<TAB>seen<TAB>attached` (place `w`
    /// after a word, `p` otherwise; `W`, `P` inside a quotation open on the line), as
    /// [`share_rows`] writes them.
    fn quote_rows(&self) -> String {
        share_rows(
            "# quotes apart: ~quote<TAB>~place<TAB>cost<TAB>seen<TAB>attached; place w: after a word, p: not; cost = -ln P(the quote belonged to the word after it | read alone before it) / SCALE",
            '~',
            &self.marks_beside.quotes_apart,
            ["p", "w"],
        ) + &share_rows(
            "# quotes apart inside a quotation open on their line: the same, place W: after a word, P: not",
            '~',
            &self.marks_beside.quotes_open,
            ["P", "W"],
        )
    }

    /// The capital rows: `^word<TAB>^Word<TAB>cost<TAB>seen` for each first letter and each
    /// word seen at least [`MIN_COUNT`] times capitalised inside a sentence, with cost
    /// `-ln P(the small word | the capital) / SCALE`.
    fn capital_rows(&self) -> String {
        let mut by_letter: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        for (w, &(n, small)) in &self.capitals {
            let e = by_letter.entry(w.chars().take(1).collect()).or_default();
            e.0 += n;
            e.1 += small;
        }
        let rows = by_letter
            .iter()
            .chain(self.capitals.iter().filter(|(w, _)| w.chars().count() > 1))
            .map(|(w, &c)| (w, c))
            .filter(|(_, (n, small))| *n >= MIN_COUNT && *small > 0);
        block(
            "# capitals: ^word<TAB>^Word<TAB>cost<TAB>seen; cost = -ln P(word | Word inside a sentence) / SCALE",
            rows,
            |(w, (n, small))| {
                let p = f64::from(*small) / f64::from(*n);
                let upper = crate::casing::capitalize(w);
                format!("^{w}\t^{upper}\t{:.4}\t{n}", -p.ln() / SCALE)
            },
        )
    }
}

/// Rows of learned mark shares: `{prefix}mark<TAB>{prefix}place<TAB>cost<TAB>seen<TAB>held`
/// (`places` writes `false` and `true`) for each mark seen at a place at least [`MIN_COUNT`]
/// times and what is learned held at least once, with cost `-ln(held / seen) / SCALE`.
fn share_rows(header: &str, prefix: char, shares: &MarkShares, places: [&str; 2]) -> String {
    let rows = shares
        .entries()
        .filter(|&(_, mark, (seen, held))| {
            seen >= MIN_COUNT && held > 0 && !mark.contains(['\t', '\n'])
        })
        .map(|(place, mark, counts)| (places[usize::from(place)], mark, counts));
    block(header, rows, |&(place, mark, (seen, held))| {
        let p = f64::from(held) / f64::from(seen);
        format!(
            "{prefix}{mark}\t{prefix}{place}\t{:.4}\t{seen}\t{held}",
            (p.ln() / SCALE).abs()
        )
    })
}

/// The rows of per-word counts kept by `keep(word, seen, held)`:
/// `<prefix>word<TAB><prefix><TAB>cost<TAB>seen<TAB>held`, with cost `-ln p(seen, held) / SCALE`.
/// [`word_count_rows`] for a per-word share read against all words' (the `*` row): the
/// words seen at least [`MIN_CLAUSE_WORDS`] times, each share smoothed by one sighting
/// each way (clause ends, points after words).
fn word_share_rows(header: &str, prefix: char, counts: &FxHashMap<String, (u32, u32)>) -> String {
    word_count_rows(
        header,
        prefix,
        counts,
        |w, seen, _| seen >= MIN_CLAUSE_WORDS || w == ALL_WORDS,
        |seen, with| (f64::from(with) + 1.0) / (f64::from(seen) + 2.0),
    )
}

fn word_count_rows(
    header: &str,
    prefix: char,
    counts: &FxHashMap<String, (u32, u32)>,
    keep: impl Fn(&str, u32, u32) -> bool,
    p: impl Fn(u32, u32) -> f64,
) -> String {
    let rows = counts
        .iter()
        .filter(|(w, &(seen, held))| keep(w, seen, held));
    block(header, rows, |&(word, &(seen, held))| {
        let cost = (p(seen, held).ln() / SCALE).abs();
        format!("{prefix}{word}\t{prefix}\t{cost:.4}\t{seen}\t{held}")
    })
}
