//! `ocrmend fix` on one input, piece by piece: the corrected text, the diff and the review
//! file are written as the input is read, so memory stays flat however long the input is
//! (see `ocrmend::stream`); `ocrmend check` reads one input so too. Inputs that are not
//! UTF-8 are read whole instead.

use super::fix::{diff_in_colour, Progress};
use super::io::{Sink, Source};
use super::{Failure, FixArgs};
use ocrmend::render::diff::DiffWriter;
use ocrmend::render::review::{records_at, to_jsonl, Origin};
use ocrmend::render::summary::Summary;
use ocrmend::stream::{next_piece, HEAD_BYTES};
use ocrmend::{Encoding, Mended, Mender};
use std::io::Read;

/// How a streamed run ended.
pub enum Streamed {
    /// The input was mended and every output written.
    Done(Summary),
    /// The input is not UTF-8 (or may not be): it must be decoded whole, as a batch input
    /// is. These are all its bytes.
    ReadWhole(Vec<u8>),
}

/// The input of a run that can be streamed: one input, and outputs that can be written as
/// it is read (not the HTML page, not in place, not the text and the diff both on stdout).
pub fn streamable(args: &FixArgs) -> Option<Source> {
    let stdout = |p: &Option<std::path::PathBuf>| p.as_deref().is_some_and(|p| p == "-");
    let both_on_stdout = stdout(&args.diff) && stdout(&args.output);
    if args.html.is_some() || args.in_place.on || args.out_dir.is_some() || both_on_stdout {
        return None;
    }
    single_source(&args.inputs, args.encoding)
}

/// The one input of a run that may be read as a stream of UTF-8: a file or standard input,
/// with no other encoding asked for.
pub fn single_source(inputs: &[std::path::PathBuf], encoding: Option<Encoding>) -> Option<Source> {
    let [input] = inputs else {
        return None;
    };
    if !matches!(encoding, None | Some(Encoding::Utf8)) {
        return None;
    }
    if input.as_os_str() != "-" && !input.is_file() {
        return None;
    }
    let (sources, _) = super::io::collect(std::slice::from_ref(input), None);
    sources.into_iter().next()
}

/// Mends `source` piece by piece and writes the outputs `args` asks for. Errors in the
/// input after the first piece was written leave files untouched (they are written
/// atomically) but standard output cut short.
pub fn run(args: &FixArgs, mender: &Mender, source: &Source) -> Result<Streamed, Failure> {
    let name = source.name();
    let mut sinks = None;
    let mut diff = DiffWriter::new(&name, diff_in_colour(args));
    let mut summary = Summary::default();
    summary.files = 1;
    let mut first_id = 1;
    let read_whole = each_piece(mender, source, args.quiet, |piece, mended, origin| {
        // Opened once the input proves to be UTF-8 (else it is read whole, and these are
        // opened then).
        let sinks = match &mut sinks {
            Some(s) => s,
            None => sinks.insert(Sinks::open(args)?),
        };
        let corrected = mended.corrected();
        summary.count(&mended.edits);
        if let Some(sink) = &mut sinks.text {
            sink.write(corrected.as_bytes())?;
        }
        if let Some(sink) = &mut sinks.diff {
            sink.write(diff.piece(piece, &corrected).as_bytes())?;
        }
        if let Some(sink) = &mut sinks.review {
            let records = records_at(&name, piece, &mended.edits, first_id, origin);
            first_id += records.len();
            sink.write(to_jsonl(&records).as_bytes())?;
        }
        Ok(())
    })?;
    if let Some(bytes) = read_whole {
        return Ok(Streamed::ReadWhole(bytes));
    }
    let mut sinks = match sinks {
        Some(s) => s,
        None => Sinks::open(args)?, // an empty input
    };
    if let Some(sink) = &mut sinks.diff {
        sink.write(diff.finish().as_bytes())?;
    }
    for sink in [sinks.text, sinks.diff, sinks.review].into_iter().flatten() {
        sink.finish()?;
    }
    Ok(Streamed::Done(summary))
}

/// Mends `source` piece by piece, handing each piece, what was made of it and where it
/// starts in the input to `each`, with a progress bar unless `quiet`. `Some(bytes)`: the
/// input is not UTF-8 (or may not be) and was not streamed; these are all its bytes, to be
/// decoded whole.
pub fn each_piece(
    mender: &Mender,
    source: &Source,
    quiet: bool,
    mut each: impl FnMut(&str, &Mended, Origin) -> Result<(), Failure>,
) -> Result<Option<Vec<u8>>, Failure> {
    let mut pieces = match Pieces::open(source)? {
        Ok(pieces) => pieces,
        Err(bytes) => return Ok(Some(bytes)),
    };
    let stream = mender.stream(pieces.head());
    let progress = Progress::new(quiet, false, source.size());
    while let Some((piece, origin)) = pieces.next()? {
        let mended = stream.mend_reporting(piece, &|n| progress.inc(n));
        each(piece, &mended, origin)?;
    }
    progress.finish();
    Ok(None)
}

/// A UTF-8 input read a piece at a time (a piece ends where [`Mender::mend`] would end a
/// chunk, at least [`PIECE_BYTES`](ocrmend::stream::PIECE_BYTES) in), so that only a piece
/// or two of it is held at once.
pub struct Pieces {
    reader: Utf8Reader,
    name: String,
    /// Where the piece last handed out starts, and its length (consumed at the next ask).
    origin: Origin,
    last: usize,
}

impl Pieces {
    /// Opens `source` and reads its head ([`HEAD_BYTES`]); `Err(bytes)` when the input is
    /// not UTF-8 (or may not be): these are all its bytes, to be decoded whole.
    pub fn open(source: &Source) -> Result<Result<Pieces, Vec<u8>>, Failure> {
        let name = source.name();
        let mut reader = Utf8Reader::open(source)?;
        reader.fill(HEAD_BYTES).map_err(|e| e.failure(&name))?;
        if reader.not_utf8 {
            return reader.rest().map(Err).map_err(|e| e.failure(&name));
        }
        // The head is UTF-8: from here on the input is not kept.
        reader.kept = None;
        Ok(Ok(Pieces {
            reader,
            name,
            origin: Origin::default(),
            last: 0,
        }))
    }

    /// The text read so far and not yet handed out (at first, the input's head).
    pub fn head(&self) -> &str {
        self.reader.text()
    }

    /// The next piece and where it starts in the input; `None` at the end. An error once
    /// the input turns out not to be UTF-8 past its head.
    pub fn next(&mut self) -> Result<Option<(&str, Origin)>, Failure> {
        if self.last > 0 {
            let piece = &self.reader.text()[..self.last];
            self.origin.byte += piece.len();
            self.origin.line += piece.bytes().filter(|&b| b == b'\n').count();
            self.reader.consume(self.last);
        }
        self.last = next_piece_len(&mut self.reader, &self.name)?;
        Ok((self.last > 0).then(|| (&self.reader.text()[..self.last], self.origin)))
    }
}

/// Where a streamed run writes: the corrected text (unless only the diff goes to standard
/// output), the diff and the review file, each if asked for.
struct Sinks {
    text: Option<Sink>,
    diff: Option<Sink>,
    review: Option<Sink>,
}

impl Sinks {
    /// The sinks `args` asks for, created.
    fn open(args: &FixArgs) -> Result<Sinks, Failure> {
        let text_out = !(args.diff.as_deref().is_some_and(|p| p == "-") && args.output.is_none());
        let file = |path: Option<&std::path::Path>| path.map(|p| Sink::create(Some(p))).transpose();
        Ok(Sinks {
            text: text_out
                .then(|| Sink::create(args.output.as_deref()))
                .transpose()?,
            diff: file(args.diff.as_deref())?,
            review: file(args.review.as_deref())?,
        })
    }
}

/// The length of the next piece of `reader`'s text to mend (0 at the end), reading more
/// of it as needed; an error once the input turns out not to be UTF-8 past its head.
fn next_piece_len(reader: &mut Utf8Reader, name: &str) -> Result<usize, Failure> {
    loop {
        if let Some(n) = next_piece(reader.text()) {
            return Ok(n);
        }
        if reader.eof {
            return Ok(reader.text().len());
        }
        reader
            .fill(reader.text().len() + ocrmend::stream::PIECE_BYTES)
            .map_err(|e| e.failure(name))?;
        if reader.not_utf8 {
            return Err(Failure(format!(
                "{name}: not valid UTF-8 at byte {} (the first {} MB were); convert it to \
                 UTF-8, or give --encoding; no file was written",
                reader.invalid_at,
                HEAD_BYTES >> 20
            )));
        }
    }
}

/// Reads a source as UTF-8 text a block at a time.
struct Utf8Reader {
    input: Box<dyn Read>,
    /// Decoded text not yet consumed.
    text: String,
    /// Bytes of a character cut by the end of the last block.
    partial: Vec<u8>,
    /// Bytes read so far.
    read: usize,
    eof: bool,
    /// The input is not UTF-8 (a byte-order mark of UTF-16, or a byte that cannot be).
    not_utf8: bool,
    /// Where the first byte that is not UTF-8 is.
    invalid_at: usize,
    /// Every byte read, while the input may yet have to be decoded whole.
    kept: Option<Vec<u8>>,
}

/// Why a source could not be read.
enum ReadError {
    Io(std::io::Error),
    Binary(ocrmend::decode::DecodeError),
}

impl ReadError {
    fn failure(&self, name: &str) -> Failure {
        match self {
            ReadError::Io(e) => Failure(format!("cannot read {name}: {e}")),
            ReadError::Binary(e) => Failure(format!("{name}: {e}")),
        }
    }
}

impl Utf8Reader {
    fn open(source: &Source) -> Result<Self, Failure> {
        Ok(Utf8Reader {
            input: source.open()?,
            text: String::new(),
            partial: Vec::new(),
            read: 0,
            eof: false,
            not_utf8: false,
            invalid_at: 0,
            kept: Some(Vec::new()),
        })
    }

    /// All the input's bytes: those kept and the rest of it.
    fn rest(mut self) -> Result<Vec<u8>, ReadError> {
        let mut all = self.kept.take().unwrap_or_default();
        self.input.read_to_end(&mut all).map_err(ReadError::Io)?;
        Ok(all)
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn consume(&mut self, n: usize) {
        self.text.drain(..n);
    }

    /// Reads until `want` bytes of text are buffered, the input ends, or it proves not to
    /// be UTF-8.
    fn fill(&mut self, want: usize) -> Result<(), ReadError> {
        let mut block = vec![0u8; 1 << 16];
        while self.text.len() < want && !self.eof && !self.not_utf8 {
            let n = match self.input.read(&mut block) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ReadError::Io(e)),
            };
            if n == 0 {
                self.eof = true;
                if !self.partial.is_empty() {
                    self.not_utf8 = true;
                    self.invalid_at = self.read - self.partial.len();
                }
                break;
            }
            let bytes = &block[..n];
            if let Some(kept) = &mut self.kept {
                kept.extend_from_slice(bytes);
            }
            if self.read == 0 && matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
                self.not_utf8 = true;
                break;
            }
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                // Only the first block starts where the input does.
                let head = if self.read == 0 { bytes } else { &[] };
                let error = ocrmend::decode::DecodeError::of_nul(head, self.read + at);
                return Err(ReadError::Binary(error));
            }
            let start = self.read - self.partial.len();
            self.read += n;
            self.partial.extend_from_slice(bytes);
            let valid = match std::str::from_utf8(&self.partial) {
                Ok(s) => s.len(),
                Err(e) if e.error_len().is_none() => e.valid_up_to(),
                Err(e) => {
                    self.not_utf8 = true;
                    self.invalid_at = start + e.valid_up_to();
                    e.valid_up_to()
                }
            };
            if let Ok(s) = std::str::from_utf8(&self.partial[..valid]) {
                self.text.push_str(s);
            }
            self.partial.drain(..valid);
        }
        Ok(())
    }
}
