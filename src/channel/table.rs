//! Reading a channel model's table: the confusions `ocrmend train` learned and the shape
//! confusions of print, with the learned shares of marks, readings and words beside them,
//! as written by [`crate::train`].

use super::*;

impl ChannelModel {
    /// Reads a confusion table (`intended<TAB>observed<TAB>cost` a line, `#` comments).
    pub fn from_table(text: &str) -> Result<Self, TableError> {
        ChannelModel::from_tables(&[text])
    }

    /// Reads several confusion tables as one, one after another (line numbers count on
    /// through them).
    pub(super) fn from_tables(tables: &[&str]) -> Result<Self, TableError> {
        let mut confusions = Vec::new();
        let mut capitals = FxHashMap::default();
        let mut readings = FxHashMap::default();
        let mut printed = Vec::new();
        let mut printed_pairs = Vec::new();
        let mut compounded = FxHashMap::default();
        let mut openers = OpenerCounts::default();
        let mut read_for: FxHashMap<String, Vec<(String, u32)>> = FxHashMap::default();
        let mut marks_beside = MarkTallies::default();
        let mut marks_printed: FxHashMap<MarkPlace, FxHashMap<String, (String, u32, u32)>> =
            FxHashMap::default();
        let mut clause_ends = FxHashMap::default();
        let mut specks: [Places; 2] = Default::default();
        let mut points = FxHashMap::default();
        let mut names = FxHashMap::default();
        let mut capitals_read: Vec<(Confusion, Vec<char>)> = Vec::new();
        let mut marks = MarkReadings::default();
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
            if let (Some(small), Some(_)) = (a.strip_prefix('^'), b.strip_prefix('^')) {
                // `^in  ^In`: a capital inside a sentence read for a small letter.
                let seen = f.next().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
                capitals.insert(
                    small.to_lowercase(),
                    ((-cost * crate::train::SCALE).exp(), seen),
                );
                continue;
            }
            if let (Some(word), Some(_)) = (a.strip_prefix('='), b.strip_prefix('=')) {
                // `=lie  =lie  cost  seen  misread`: how reliable a word read has been.
                let (seen, misread) = seen_and_share(&mut f).ok_or_else(bad)?;
                readings.insert(
                    reading_key(word).into_owned(),
                    ReadingRecord { seen, misread },
                );
                continue;
            }
            if let (Some(mark), Some(case)) = (a.strip_prefix('<'), b.strip_prefix('<')) {
                // `<-  <a  cost  seen  removed`: a mark read before a word (with a small first
                // letter: `a`; another: `A`), printed nowhere.
                marks_beside
                    .strays
                    .read(mark, case, ["A", "a"], &mut f)
                    .ok_or_else(bad)?;
                continue;
            }
            if let (Some(mark), Some(end)) = (a.strip_prefix('}'), b.strip_prefix('}')) {
                // `}'  }w  cost  seen  removed`: a mark read after a word (ending in `s`: `s`;
                // in another letter: `w`) inside a sentence, printed nowhere.
                marks_beside
                    .trailing_strays
                    .read(mark, end, ["w", "s"], &mut f)
                    .ok_or_else(bad)?;
                continue;
            }
            if let (Some(word), Some(after)) = (a.strip_prefix('/'), b.strip_prefix('/')) {
                // `/the  /w  cost  seen  stopped`: a comma read after a word (one that looks
                // abbreviated: `A`; another: `w`) before `The`, where a full stop was printed.
                marks_beside
                    .stops_read
                    .read(word, after, ["w", "A"], &mut f)
                    .ok_or_else(bad)?;
                continue;
            }
            if let (Some(word), Some(what)) = (a.strip_prefix('{'), b.strip_prefix('{')) {
                // `{the  {p  cost  seen  stopped`: a word of letters before `The`, ended by a
                // full stop; `{*  {l  cost  seen  lost`: such stops read as no mark.
                marks_beside
                    .stops_printed
                    .read(word, what, ["p", "l"], &mut f)
                    .ok_or_else(bad)?;
                continue;
            }
            if let (Some(mark), Some(side)) = (a.strip_prefix('|'), b.strip_prefix('|')) {
                // `|,  |a  cost  seen  marked`: how often the OCR read a mark after (`a`) or
                // before (`b`) words that seldom end a clause: the training scans' specks;
                // `A`, `B`: beside any word.
                let (side, any_word) = match side {
                    "a" => (Side::After, false),
                    "b" => (Side::Before, false),
                    "A" => (Side::After, true),
                    "B" => (Side::Before, true),
                    _ => return Err(bad()),
                };
                let (seen, marked) = seen_and_share(&mut f).ok_or_else(bad)?;
                let places: &mut Places = &mut specks[side as usize];
                let counts = if any_word {
                    &mut places.all
                } else {
                    &mut places.closed
                };
                counts.places = counts.places.max(seen);
                counts.marks.insert(mark.to_owned(), marked);
                continue;
            }
            // `)the  )  cost  seen  marked`: how often a word was printed before a small
            // letter, and how often with a mark after it (`)*`: every word); `%john  %  cost
            // seen  capitalised`: how often inside a sentence, and how often capitalised.
            if read_word_counts(a, b, ')', &f, &mut clause_ends)
                || read_word_counts(a, b, '@', &f, &mut points)
                || read_word_counts(a, b, '%', &f, &mut names)
            {
                continue;
            }
            if let (Some(quote), Some(place)) = (a.strip_prefix('~'), b.strip_prefix('~')) {
                // `~"  ~p  cost  seen  attached`: a quote alone before a word (after a word:
                // `w`; otherwise: `p`; inside a quotation open on its line: `W`, `P`) that
                // belonged to the word.
                let (shares, places) = if place.starts_with(char::is_uppercase) {
                    (&mut marks_beside.quotes_open, ["P", "W"])
                } else {
                    (&mut marks_beside.quotes_apart, ["p", "w"])
                };
                shares.read(quote, place, places, &mut f).ok_or_else(bad)?;
                continue;
            }
            if let (Some(read), Some(printed)) = (a.strip_prefix('$'), b.strip_prefix('$')) {
                // `$�  $d£  cost  seen  count`: a mark read before a digit (`d`) or a letter
                // (`w`), or the same opening a line (`D`, `W`), where another was printed.
                let mut p = printed.chars();
                let place = p.next().and_then(MarkPlace::from_code).ok_or_else(bad)?;
                let (seen, n) = seen_and_share(&mut f).ok_or_else(bad)?;
                if read.is_empty() || p.as_str().is_empty() {
                    return Err(bad());
                }
                marks_printed
                    .entry(place)
                    .or_default()
                    .insert(read.to_owned(), (p.as_str().to_owned(), seen, n));
                continue;
            }
            if let (Some(read), Some(printed)) = (a.strip_prefix('>'), b.strip_prefix('>')) {
                // `>tbe  >the  cost  count`: a word read where another was printed.
                let Some(n) = count_column(&mut f) else {
                    return Err(bad());
                };
                read_for
                    .entry(reading_key(read).into_owned())
                    .or_default()
                    .push((printed.to_lowercase(), n));
                continue;
            }
            if let (Some(intended), Some(read)) = (a.strip_prefix('!'), b.strip_prefix('!')) {
                // `!ll  !U  cost  count`: letters read as a capital inside a word.
                if intended.is_empty() || !read.chars().any(char::is_uppercase) {
                    return Err(bad());
                }
                capitals_read.push((
                    Confusion {
                        intended: intended.to_lowercase().chars().collect(),
                        observed: read.to_lowercase().chars().collect(),
                        cost,
                    },
                    read.chars().collect(),
                ));
                continue;
            }
            if let (Some(word), Some(_)) = (a.strip_prefix('+'), b.strip_prefix('+')) {
                // `+prisoner  +prisoner  0  412`: how often the training text printed a word.
                let Some(n) = count_column(&mut f) else {
                    return Err(bad());
                };
                printed.push((word.to_lowercase(), n));
                continue;
            }
            if let (Some(first), Some(second)) = (a.strip_prefix('&'), b.strip_prefix('&')) {
                // `&the  &prisoner  0  97`: how often the training text printed two words
                // one after the other.
                let Some(n) = count_column(&mut f) else {
                    return Err(bad());
                };
                printed_pairs.push((first.to_lowercase(), second.to_lowercase(), n));
                continue;
            }
            if let Some(word) = a.strip_prefix('-').filter(|_| a == b) {
                // `-court  -court  0  212`: how often the training text printed a word as a
                // part of a hyphenated compound (`-  -  0  n`: how many compounds it printed).
                // No confusion reads a string as itself, so no confusion row is one of these.
                let Some(n) = count_column(&mut f) else {
                    return Err(bad());
                };
                compounded.insert(word.to_lowercase(), n);
                continue;
            }
            if let (Some(mark), Some(word)) = (a.strip_prefix('['), b.strip_prefix('[')) {
                // `[,  [and  0  5120`: how often a word was printed right after a comma (`.`:
                // a sentence's stop); `[,  [  0  61000`: how many chunks ended so.
                let (Some(boundary), Some(n)) = (Boundary::of_mark(mark), count_column(&mut f))
                else {
                    return Err(bad());
                };
                if word.is_empty() {
                    openers.closes[boundary.index()] += u64::from(n);
                } else {
                    openers.words.push((boundary, word.to_lowercase(), n));
                }
                continue;
            }
            marks.count(a, b, cost, count_column(&mut f).unwrap_or(0));
            confusions.push(Confusion {
                intended: a.to_lowercase().chars().collect(),
                observed: b.to_lowercase().chars().collect(),
                cost,
            });
        }
        // The confusions that read a capital inside a word come last, with what they read.
        let (capital, cased): (Vec<Confusion>, Vec<Vec<char>>) = capitals_read.into_iter().unzip();
        confusions.extend(capital);
        let mut model = ChannelModel::build(confusions, EditCosts::default(), cased);
        let times_printed: FxHashMap<&str, u32> =
            printed.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        model.read_for = read_for
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
        model.capitals = capitals;
        model.readings = readings;
        model.marks_beside = marks_beside;
        model.marks_printed = marks_printed;
        model.closed = closed_words(&clause_ends);
        model.specks = specks;
        model.clause_ends = clause_ends;
        model.points = points;
        model.names = names;
        model.printed = printed;
        model.printed_pairs = printed_pairs;
        model.compounded = compounded;
        model.openers = openers;
        model.letter_marks = marks.letter_marks(model.costs.insert);
        Ok(model)
    }
}

/// The last two columns of a learned-share row, `seen<TAB>count`, when `count` ≤ `seen`.
pub(super) fn seen_and_share<'a>(
    columns: &mut impl Iterator<Item = &'a str>,
) -> Option<(u32, u32)> {
    let (seen, share) = (count_column(columns)?, count_column(columns)?);
    (share <= seen).then_some((seen, share))
}

/// Reads a `<prefix>word<TAB><prefix><TAB>cost<TAB>seen<TAB>held` row (`a`, `b`, then the
/// rest of its `columns`) into `into`; false when the row is not one (with four columns it
/// is a confusion of the marks' neighbours).
fn read_word_counts<'a>(
    a: &str,
    b: &str,
    prefix: char,
    columns: &(impl Iterator<Item = &'a str> + Clone),
    into: &mut FxHashMap<String, (u32, u32)>,
) -> bool {
    let (Some(word), Some("")) = (a.strip_prefix(prefix), b.strip_prefix(prefix)) else {
        return false;
    };
    let Some(counts) = seen_and_share(&mut columns.clone()) else {
        return false;
    };
    into.insert(word.to_lowercase(), counts);
    true
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
