//! Stage 1, decode: bytes to text. UTF-8 first; otherwise a declared or fallback legacy
//! encoding; binary input is refused. The encoding is remembered so that output can be
//! written back in it, byte for byte where nothing was edited.

use std::fmt;

/// A text encoding ocrmend reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if present, stays part of the text).
    Utf8,
    /// Windows-1252, the usual legacy encoding of OCR output (a superset of printable Latin-1).
    Windows1252,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
}

impl Encoding {
    /// Parses a user's `--encoding` value (`utf-8`, `windows-1252`, `latin1`, `utf-16le`, …).
    pub fn from_label(label: &str) -> Option<Encoding> {
        match label.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                Some(Encoding::Windows1252)
            }
            "utf-16le" | "utf16le" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    /// The canonical label.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Encodes `text` in this encoding. Characters the encoding cannot hold (only possible
    /// for Windows-1252, when an edit brought them in) are written as `?`.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Windows1252 => {
                let mut out = Vec::with_capacity(text.len());
                let mut buf = [0u8; 4];
                for ch in text.chars() {
                    let (bytes, _, unmappable) =
                        encoding_rs::WINDOWS_1252.encode(ch.encode_utf8(&mut buf));
                    if unmappable {
                        out.push(b'?');
                    } else {
                        out.extend_from_slice(&bytes);
                    }
                }
                out
            }
            Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Decoded input: the text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (for UTF-16, without its byte-order mark).
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: Encoding,
    /// Something the user should know about the decoding (a fallback was used).
    pub warning: Option<DecodeWarning>,
    /// The input began with a UTF-16 byte-order mark, which [`Decoded::encode`] writes back
    /// (a UTF-8 one stays in `text`).
    pub byte_order_mark: bool,
}

impl Decoded {
    /// Turns (possibly edited) text back into bytes in the input's encoding, with the
    /// input's byte-order mark if it had one.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = match (self.encoding, self.byte_order_mark) {
            (Encoding::Utf16Le, true) => vec![0xFF, 0xFE],
            (Encoding::Utf16Be, true) => vec![0xFE, 0xFF],
            _ => Vec::new(),
        };
        out.extend(self.encoding.encode(text));
        out
    }
}

/// Something the user should know about how an input was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeWarning {
    /// The bytes are not UTF-8 and were read as Windows-1252, in which
    /// [`Decoded::encode`] writes text back.
    NotUtf8 {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
}

impl fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeWarning::NotUtf8 { offset } => write!(
                f,
                "not valid UTF-8 (byte {offset} is not); read as Windows-1252"
            ),
        }
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes hold a NUL, which text never does: an image, PDF or other binary file.
    #[error("looks like a binary file (NUL byte at offset {offset}); give ocrmend plain-text OCR output")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The bytes hold NULs in every other byte, as UTF-16 text does, but begin with no
    /// byte-order mark to say so.
    #[error(
        "looks like {encoding} text without a byte-order mark (NUL bytes between the letters); \
         pass --encoding {flag}",
        flag = encoding.label().to_lowercase()
    )]
    Utf16WithoutMark {
        /// The byte order the NULs suggest.
        encoding: Encoding,
    },
    /// The bytes are mostly UTF-8, yet a few are not: reading them all as Windows-1252 would
    /// turn every non-ASCII letter and dash into two or three wrong ones for the corrector
    /// to mangle.
    #[error(
        "is UTF-8 but for {invalid} of its bytes, the first at offset {offset}; repair those, or \
         pass --encoding windows-1252 to read the whole file as Windows-1252"
    )]
    MostlyUtf8 {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
        /// How many bytes are not UTF-8.
        invalid: usize,
    },
    /// The user declared an encoding the bytes are not valid in.
    #[error("is not valid {encoding} (first bad byte at offset {offset}); check --encoding")]
    Invalid {
        /// The declared encoding.
        encoding: Encoding,
        /// Offset of the first undecodable byte.
        offset: usize,
    },
}

/// The byte-order mark (U+FEFF): kept in an input as it is, but no part of any word, and
/// skipped where an editor put it before a user's list or review file.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// `text` without the byte-order mark it may begin with.
pub fn after_byte_order_mark(text: &str) -> &str {
    text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text)
}

/// Decodes `bytes`. With `declared` the bytes must be valid in that encoding. Otherwise a
/// UTF-16 byte-order mark selects UTF-16, valid UTF-8 is UTF-8, UTF-8 with a few bad bytes
/// is refused, and anything else is read as Windows-1252 with a warning.
pub fn decode(bytes: &[u8], declared: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let bom16 = match bytes {
        [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
        _ => None,
    };
    let encoding = match (declared, bom16) {
        (Some(e), _) => e,
        (None, Some(e)) => e,
        (None, None) => Encoding::Utf8,
    };
    if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
        return decode_utf16(bytes, encoding);
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::of_nul(bytes, offset));
    }
    match (encoding, std::str::from_utf8(bytes)) {
        (Encoding::Utf8, Ok(text)) => Ok(Decoded {
            text: text.to_owned(),
            encoding,
            warning: None,
            byte_order_mark: false,
        }),
        (Encoding::Utf8, Err(e)) if declared.is_some() => Err(DecodeError::Invalid {
            encoding,
            offset: e.valid_up_to(),
        }),
        (Encoding::Utf8, Err(e)) => match mostly_utf8(bytes) {
            Some(invalid) => Err(DecodeError::MostlyUtf8 {
                offset: e.valid_up_to(),
                invalid,
            }),
            None => Ok(Decoded {
                text: windows_1252(bytes),
                encoding: Encoding::Windows1252,
                warning: Some(DecodeWarning::NotUtf8 {
                    offset: e.valid_up_to(),
                }),
                byte_order_mark: false,
            }),
        },
        (_, _) => Ok(Decoded {
            text: windows_1252(bytes),
            encoding: Encoding::Windows1252,
            warning: None,
            byte_order_mark: false,
        }),
    }
}

impl DecodeError {
    /// The error for an input holding a NUL at `offset`, `head` being its first bytes (or
    /// none, when they are no longer at hand): text in UTF-16 without a byte-order mark, when
    /// the head's NULs all fall on one side of its byte pairs and fill half of that side (as
    /// they do where the text is mostly ASCII); else a binary file.
    pub fn of_nul(head: &[u8], offset: usize) -> DecodeError {
        let head = &head[..head.len().min(4096) & !1];
        let nul_at = |side: usize| {
            let bytes = head.iter().skip(side).step_by(2);
            bytes.filter(|&&b| b == 0).count()
        };
        let (even, odd, pairs) = (nul_at(0), nul_at(1), head.len() / 2);
        match (even, odd) {
            _ if pairs < 2 => DecodeError::Binary { offset },
            (0, n) if 2 * n >= pairs => DecodeError::Utf16WithoutMark {
                encoding: Encoding::Utf16Le,
            },
            (n, 0) if 2 * n >= pairs => DecodeError::Utf16WithoutMark {
                encoding: Encoding::Utf16Be,
            },
            _ => DecodeError::Binary { offset },
        }
    }
}

/// How many bytes of `bytes` are not UTF-8, when its UTF-8 characters beyond ASCII outnumber
/// them (a UTF-8 text with a few bad bytes); `None` when they do not (legacy text, where
/// such characters come only by chance).
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut wide, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (wide > invalid).then_some(invalid)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn windows_1252(bytes: &[u8]) -> String {
    // Windows-1252 maps every byte to a character, so decoding without replacement is total
    // and re-encoding gives the same bytes back.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    text.into_owned()
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Result<Decoded, DecodeError> {
    let body = match (encoding, bytes) {
        (Encoding::Utf16Le, [0xFF, 0xFE, rest @ ..])
        | (Encoding::Utf16Be, [0xFE, 0xFF, rest @ ..]) => (rest, 2),
        _ => (bytes, 0),
    };
    let (rest, skip) = body;
    if rest.len() % 2 == 1 {
        return Err(DecodeError::Invalid {
            encoding,
            offset: bytes.len() - 1,
        });
    }
    let units = rest.chunks_exact(2).map(|c| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
        _ => u16::from_le_bytes([c[0], c[1]]),
    });
    let mut text = String::with_capacity(rest.len() / 2);
    for (i, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok('\0') => {
                return Err(DecodeError::Binary {
                    offset: skip + 2 * i,
                })
            }
            Ok(ch) => text.push(ch),
            Err(_) => {
                return Err(DecodeError::Invalid {
                    encoding,
                    offset: skip + 2 * i,
                })
            }
        }
    }
    Ok(Decoded {
        text,
        encoding,
        warning: None,
        byte_order_mark: skip == 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_exactly() {
        let d = decode("a\r\nb\x0cc\u{feff}".as_bytes(), None).unwrap();
        assert_eq!(d.text, "a\r\nb\x0cc\u{feff}");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_refused_not_read_as_windows_1252() {
        let bytes = "report\u{2014}which was \u{201c}final\u{201d} caf\u{e9} \u{e9}l"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b" \xe8ve")
            .collect::<Vec<u8>>();
        let offset = bytes.len() - 3;
        let err = decode(&bytes, None).unwrap_err();
        assert_eq!(err, DecodeError::MostlyUtf8 { offset, invalid: 1 });
        assert!(err.to_string().contains("--encoding windows-1252"), "{err}");
        let declared = decode(&bytes, Some(Encoding::Windows1252)).unwrap();
        assert_eq!(declared.encode(&declared.text), bytes);
        // Legacy text that happens to hold one valid pair is still read as legacy text.
        let legacy = b"\xc3\xa9 caf\xe9 na\xefve d\xe9j\xe0";
        assert_eq!(
            decode(legacy, None).unwrap().encoding,
            Encoding::Windows1252
        );
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_and_round_trips() {
        let bytes = b"caf\xe9 \x80 \x81\x8d\x8f\x90\x9d end";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert!(d.text.starts_with("café €"));
        assert_eq!(d.warning, Some(DecodeWarning::NotUtf8 { offset: 3 }));
        assert_eq!(d.encode(&d.text), bytes.to_vec());
    }

    #[test]
    fn nul_is_binary() {
        assert_eq!(
            decode(b"abc\0def", None),
            Err(DecodeError::Binary { offset: 3 })
        );
    }

    #[test]
    fn utf16_with_bom_round_trips() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("héllo\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "héllo\r\n");
        assert_eq!(d.encode(&d.text), bytes);
    }

    #[test]
    fn utf16_without_bom_is_named_and_round_trips_when_declared() {
        let text = "The scan, page one.\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [(&le, Encoding::Utf16Le), (&be, Encoding::Utf16Be)] {
            assert_eq!(
                decode(bytes, None),
                Err(DecodeError::Utf16WithoutMark { encoding })
            );
            // Declared, it is read, and written back without a mark it never had.
            let d = decode(bytes, Some(encoding)).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encode(&d.text), *bytes);
        }
        let message = DecodeError::Utf16WithoutMark {
            encoding: Encoding::Utf16Le,
        };
        assert!(message.to_string().contains("--encoding utf-16le"));
        // NULs here and there are a binary file's.
        let binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert_eq!(decode(binary, None), Err(DecodeError::Binary { offset: 8 }));
    }

    #[test]
    fn declared_utf8_refuses_bad_bytes() {
        assert!(matches!(
            decode(b"ab\xff", Some(Encoding::Utf8)),
            Err(DecodeError::Invalid { offset: 2, .. })
        ));
    }
}
