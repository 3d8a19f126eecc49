//! Reading a channel model's table: the confusions `ocrmend train` learned and the shape
//! confusions of print, with the learned shares of marks, readings and words beside them,
//! as written by [`crate::train`].

use super::shares::{wilson_lower_bound, LETTER_MARK_Z};
use super::*;

impl ChannelModel {
    /// Reads a confusion table (`intended<TAB>observed<TAB>cost` a line, `#` comments).
    pub fn from_table(text: &str) -> Result<Self, TableError> {
        ChannelModel::from_tables(&[text])
    }

    /// Reads several confusion tables as one, one after another (line numbers count on
    /// through them).
    pub(super) fn from_tables(tables: &[&str]) -> Result<Self, TableError> {
        let mut rows = Rows::default();
        let lines = tables.iter().flat_map(|text| split_byte(text, b'\n'));
        for (i, line) in lines.enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || TableError {
                line: i + 1,
                text: line.to_owned(),
            };
            let mut f = split_byte(line, b'\t');
            // A fourth column (how often the confusion was seen) is informative only.
            let (Some(a), Some(b), Some(c)) = (f.next(), f.next(), f.next()) else {
                return Err(bad());
            };
            let cost: f64 = c.trim().parse().map_err(|_| bad())?;
            if a.is_empty() && b.is_empty() || !cost.is_finite() || cost < 0.0 {
                return Err(bad());
            }
            rows.take(a, b, cost, f).ok_or_else(bad)?;
        }
        Ok(rows.model())
    }
}

/// The rows of a model's table read so far, by kind: a row whose two first columns start
/// with the same mark of kind (`=lie  =lie`, `+the  +the`) is a learned share or count, any
/// other a confusion. Each field is the [`ChannelModel`] field of its name, as read
/// ([`Rows::model`] builds the model from them).
#[derive(Default)]
struct Rows {
    confusions: Vec<Confusion>,
    capitals: FxHashMap<String, (f64, u32)>,
    readings: FxHashMap<String, ReadingRecord>,
    printed: Vec<(String, u32)>,
    printed_pairs: Vec<(String, String, u32)>,
    compounded: FxHashMap<String, u32>,
    openers: OpenerCounts,
    read_for: FxHashMap<String, Vec<(String, u32)>>,
    marks_beside: MarkTallies,
    marks_printed: FxHashMap<MarkPlace, FxHashMap<String, (String, u32, u32)>>,
    clause_ends: FxHashMap<String, (u32, u32)>,
    specks: [Places; 2],
    points: FxHashMap<String, (u32, u32)>,
    names: FxHashMap<String, (u32, u32)>,
    capitals_read: Vec<(Confusion, Vec<char>)>,
    marks: MarkReadings,
}

impl Rows {
    /// Takes the row whose first columns are `a`, `b` and `cost`, with the `rest` of its
    /// columns; `None` when it is malformed.
    fn take<'l>(
        &mut self,
        a: &'l str,
        b: &'l str,
        cost: f64,
        mut rest: impl Iterator<Item = &'l str> + Clone,
    ) -> Option<()> {
        let f = &mut rest;
        let kind = a.chars().next().filter(|&k| b.starts_with(k));
        // Each row's text after its mark of kind.
        let (x, y) = match kind {
            Some(k) => (&a[k.len_utf8()..], &b[k.len_utf8()..]),
            None => (a, b),
        };
        match kind {
            // `^in  ^In`: a capital inside a sentence read for a small letter.
            Some('^') => self.capital(x, cost, f),
            // `=lie  =lie  cost  seen  misread`: how reliable a word read has been.
            Some('=') => self.reading(x, f)?,
            // `<-  <a  cost  seen  removed`: a mark read before a word (with a small first
            // letter: `a`; another: `A`), printed nowhere.
            Some('<') => self.marks_beside.strays.read(x, y, ["A", "a"], f)?,
            // `}'  }w  cost  seen  removed`: a mark read after a word (ending in `s`: `s`; in
            // another letter: `w`) inside a sentence, printed nowhere.
            Some('}') => self
                .marks_beside
                .trailing_strays
                .read(x, y, ["w", "s"], f)?,
            // `/the  /w  cost  seen  stopped`: a comma read after a word (one that looks
            // abbreviated: `A`; another: `w`) before `The`, where a full stop was printed.
            Some('/') => self.marks_beside.stops_read.read(x, y, ["w", "A"], f)?,
            // `{the  {p  cost  seen  stopped`: a word of letters before `The`, ended by a full
            // stop; `{*  {l  cost  seen  lost`: such stops read as no mark.
            Some('{') => self.marks_beside.stops_printed.read(x, y, ["p", "l"], f)?,
            Some('|') => self.speck(x, y, f)?,
            // `)the  )  cost  seen  marked`: how often a word was printed before a small
            // letter, and how often with a mark after it (`)*`: every word); `%john  %  cost
            // seen  capitalised`: how often inside a sentence, and how often capitalised;
            // `@mr  @`: how often printed with a point after it. With four columns such a
            // row is a confusion of the marks' neighbours.
            Some(k @ (')' | '@' | '%')) if y.is_empty() => {
                match seen_and_share(&mut rest.clone()) {
                    Some(counts) => self.word_tally(k, x, counts),
                    None => self.confusion(a, b, cost, rest),
                }
            }
            // `~"  ~p  cost  seen  attached`: a quote alone before a word (after a word: `w`;
            // otherwise: `p`; inside a quotation open on its line: `W`, `P`) that belonged to
            // the word.
            Some('~') => self.quote(x, y, f)?,
            // `$�  $d£  cost  seen  count`: a mark read before a digit (`d`) or a letter (`w`),
            // or the same opening a line (`D`, `W`), where another was printed.
            Some('$') => self.mark_printed(x, y, f)?,
            // `>tbe  >the  cost  count`: a word read where another was printed.
            Some('>') => self.word_read_for(x, y, f)?,
            // `!ll  !U  cost  count`: letters read as a capital inside a word.
            Some('!') => self.capital_inside(x, y, cost)?,
            // `+prisoner  +prisoner  0  412`: how often the training text printed a word.
            Some('+') => self.printed.push((x.to_lowercase(), count_column(f)?)),
            Some('&') => {
                // `&the  &prisoner  0  97`: how often the training text printed two words
                // one after the other.
                let n = count_column(f)?;
                self.printed_pairs
                    .push((x.to_lowercase(), y.to_lowercase(), n));
            }
            Some('-') if a == b => {
                // `-court  -court  0  212`: how often the training text printed a word as a
                // part of a hyphenated compound (`-  -  0  n`: how many compounds it printed).
                // No confusion reads a string as itself, so no confusion row is one of these.
                let n = count_column(f)?;
                self.compounded.insert(x.to_lowercase(), n);
            }
            // `[,  [and  0  5120`: how often a word was printed right after a comma (`.`: a
            // sentence's stop); `[,  [  0  61000`: how many chunks ended so.
            Some('[') => self.opener(x, y, f)?,
            _ => self.confusion(a, b, cost, rest),
        }
        Some(())
    }

    /// A `^` row: the share of `word`'s capital read inside a sentence, at `cost`.
    fn capital<'l>(&mut self, word: &str, cost: f64, f: &mut impl Iterator<Item = &'l str>) {
        let seen = f.next().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
        let share = (-cost * crate::train::SCALE).exp();
        self.capitals.insert(word.to_lowercase(), (share, seen));
    }

    /// A `=` row: how often `word` was read, and how often misread.
    fn reading<'l>(&mut self, word: &str, f: &mut impl Iterator<Item = &'l str>) -> Option<()> {
        let (seen, misread) = seen_and_share(f)?;
        let record = ReadingRecord { seen, misread };
        self.readings.insert(reading_key(word).into_owned(), record);
        Some(())
    }

    /// A `)`, `@` or `%` row (its `kind`): a word's tally of places and marked ones.
    fn word_tally(&mut self, kind: char, word: &str, counts: (u32, u32)) {
        let into = match kind {
            ')' => &mut self.clause_ends,
            '@' => &mut self.points,
            _ => &mut self.names,
        };
        into.insert(word.to_lowercase(), counts);
    }

    /// A `~` row: a lone quote's share of belonging to the word beside it, by place.
    fn quote<'l>(
        &mut self,
        quote: &str,
        place: &str,
        f: &mut impl Iterator<Item = &'l str>,
    ) -> Option<()> {
        let (shares, places) = if place.starts_with(char::is_uppercase) {
            (&mut self.marks_beside.quotes_open, ["P", "W"])
        } else {
            (&mut self.marks_beside.quotes_apart, ["p", "w"])
        };
        shares.read(quote, place, places, f)
    }

    /// A `$` row: `mark` read at a place (the first character of `rest`) where the rest of
    /// `rest` was printed.
    fn mark_printed<'l>(
        &mut self,
        mark: &str,
        rest: &str,
        f: &mut impl Iterator<Item = &'l str>,
    ) -> Option<()> {
        let mut p = rest.chars();
        let place = p.next().and_then(MarkPlace::from_code)?;
        let (seen, n) = seen_and_share(f)?;
        if mark.is_empty() || p.as_str().is_empty() {
            return None;
        }
        let printed = (p.as_str().to_owned(), seen, n);
        let at = self.marks_printed.entry(place).or_default();
        at.insert(mark.to_owned(), printed);
        Some(())
    }

    /// A `>` row: the word `read` where `printed` was printed.
    fn word_read_for<'l>(
        &mut self,
        read: &str,
        printed: &str,
        f: &mut impl Iterator<Item = &'l str>,
    ) -> Option<()> {
        let n = count_column(f)?;
        let words = self
            .read_for
            .entry(reading_key(read).into_owned())
            .or_default();
        words.push((printed.to_lowercase(), n));
        Some(())
    }

    /// A `!` row: the letters `intended` read as `observed`, a capital among them, at `cost`.
    fn capital_inside(&mut self, intended: &str, observed: &str, cost: f64) -> Option<()> {
        if intended.is_empty() || !observed.chars().any(char::is_uppercase) {
            return None;
        }
        let confusion = Confusion {
            intended: intended.to_lowercase().chars().collect(),
            observed: observed.to_lowercase().chars().collect(),
            cost,
        };
        self.capitals_read
            .push((confusion, observed.chars().collect()));
        Some(())
    }

    /// A `[` row: how often `word` opened a clause after `mark` (no word: how many clauses
    /// `mark` closed).
    fn opener<'l>(
        &mut self,
        mark: &str,
        word: &str,
        f: &mut impl Iterator<Item = &'l str>,
    ) -> Option<()> {
        let (boundary, n) = (Boundary::of_mark(mark)?, count_column(f)?);
        if word.is_empty() {
            self.openers.closes[boundary.index()] += u64::from(n);
        } else {
            let word = (boundary, word.to_lowercase(), n);
            self.openers.words.push(word);
        }
        Some(())
    }

    /// `|,  |a  cost  seen  marked`: how often the OCR read a mark after (`a`) or before
    /// (`b`) words that seldom end a clause: the training scans' specks; `A`, `B`: beside
    /// any word.
    fn speck<'l>(
        &mut self,
        mark: &str,
        side: &str,
        f: &mut impl Iterator<Item = &'l str>,
    ) -> Option<()> {
        let (side, any_word) = match side {
            "a" => (Side::After, false),
            "b" => (Side::Before, false),
            "A" => (Side::After, true),
            "B" => (Side::Before, true),
            _ => return None,
        };
        let (seen, marked) = seen_and_share(f)?;
        let places: &mut Places = &mut self.specks[side as usize];
        let counts = if any_word {
            &mut places.all
        } else {
            &mut places.closed
        };
        counts.places = counts.places.max(seen);
        counts.marks.insert(mark.to_owned(), marked);
        Some(())
    }

    /// `intended  observed  cost  count`: a confusion.
    fn confusion<'l>(
        &mut self,
        a: &str,
        b: &str,
        cost: f64,
        mut rest: impl Iterator<Item = &'l str>,
    ) {
        self.marks
            .count(a, b, cost, count_column(&mut rest).unwrap_or(0));
        self.confusions.push(Confusion {
            intended: a.to_lowercase().chars().collect(),
            observed: b.to_lowercase().chars().collect(),
            cost,
        });
    }

    /// The model the rows make.
    fn model(self) -> ChannelModel {
        // The confusions that read a capital inside a word come last, with what they read.
        let mut confusions = self.confusions;
        let (capital, cased): (Vec<Confusion>, Vec<Vec<char>>) =
            self.capitals_read.into_iter().unzip();
        confusions.extend(capital);
        let mut model = ChannelModel::build(confusions, EditCosts::default(), cased);
        let times_printed: FxHashMap<&str, u32> =
            self.printed.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        model.read_for = self
            .read_for
            .into_iter()
            .map(|(read, words)| {
                let words = words
                    .into_iter()
                    .map(|(word, count)| ReadFor {
                        cost: times_printed.get(word.as_str()).map(|&all| {
                            let p =
                                f64::from(count) / (f64::from(all.max(count)) + PSEUDO_SIGHTINGS);
                            -p.ln() / crate::train::SCALE
                        }),
                        printed: word,
                        count,
                    })
                    .collect();
                (read, words)
            })
            .collect();
        model.capitals = self.capitals;
        model.readings = self.readings;
        model.marks_beside = self.marks_beside;
        model.marks_printed = self.marks_printed;
        model.closed = closed_words(&self.clause_ends);
        model.specks = self.specks;
        model.clause_ends = self.clause_ends;
        model.points = self.points;
        model.names = self.names;
        model.printed = self.printed;
        model.printed_pairs = self.printed_pairs;
        model.compounded = self.compounded;
        model.openers = self.openers;
        model.letter_marks = self.marks.letter_marks(model.costs.insert);
        model
    }
}

/// The last two columns of a learned-share row, `seen<TAB>count`, when `count` ≤ `seen`.
pub(super) fn seen_and_share<'a>(
    columns: &mut impl Iterator<Item = &'a str>,
) -> Option<(u32, u32)> {
    let (seen, share) = (count_column(columns)?, count_column(columns)?);
    (share <= seen).then_some((seen, share))
}

/// How often the training pages read each mark (punctuation other than `-`, alone) for
/// letters and where nothing was printed, and what the latter cost: read from the
/// confusion table's count column.
#[derive(Default)]
struct MarkReadings {
    /// Per mark: the sightings read for letters, those added, and the added price.
    by_mark: FxHashMap<char, (u32, u32, Option<f64>)>,
}

impl MarkReadings {
    /// Counts a confusion line: `intended` read as `observed`, `n` times, at `cost`.
    fn count(&mut self, intended: &str, observed: &str, cost: f64, n: u32) {
        let mut read = observed.chars();
        let (Some(mark), None) = (read.next(), read.next()) else {
            return;
        };
        if !is_junk(mark) || mark == '-' {
            return;
        }
        let entry = self.by_mark.entry(mark).or_default();
        if intended.is_empty() {
            entry.1 += n;
            entry.2 = Some(cost);
        } else if intended.chars().all(char::is_alphabetic) {
            entry.0 += n;
        }
    }

    /// The marks surely read for letters more often than added ([`LETTER_MARK_Z`]), each
    /// with the price of adding it: its learned one, at least `letter` (a letter's).
    fn letter_marks(&self, letter: f64) -> FxHashMap<char, f64> {
        self.by_mark
            .iter()
            .filter(|(_, &(letters, added, _))| {
                wilson_lower_bound(letters, letters + added, LETTER_MARK_Z) > 0.5
            })
            .map(|(&mark, &(_, _, price))| (mark, price.unwrap_or(letter).max(letter)))
            .collect()
    }
}

/// The next column of a table row, read as a count.
fn count_column<'a>(columns: &mut impl Iterator<Item = &'a str>) -> Option<u32> {
    columns.next().and_then(|n| n.trim().parse().ok())
}

/// The pieces of `text` between the bytes `sep` (an ASCII character), found by a plain
/// scan: the table's lines and fields are a few characters each, shorter than a searcher
/// takes to set up (splitting the embedded table was a quarter of a start-up's parse).
fn split_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> + Clone {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > bytes.len() {
            return None;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == sep)
            .map_or(bytes.len(), |k| start + k);
        let piece = text.get(start..end);
        start = end + 1;
        piece
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_byte_splits_as_str_split_does() {
        for text in ["", "a", "\t", "a\tb", "a\tb\t", "\t\tä\tß́c\t", "x\ny\n"] {
            for sep in [b'\t', b'\n'] {
                let ours: Vec<&str> = split_byte(text, sep).collect();
                let std: Vec<&str> = text.split(char::from(sep)).collect();
                assert_eq!(ours, std, "{text:?}");
            }
        }
    }

    #[test]
    fn bad_table_lines_are_reported() {
        let err = ChannelModel::from_table("m\trn\t0.3\nbad line\n").unwrap_err();
        assert_eq!(err.line, 2);
        // A row of letters read as a capital must read one.
        let err = ChannelModel::from_table("!ll\t!u\t0.02\t9\n").unwrap_err();
        assert_eq!(err.line, 1);
    }
}
