//! Letters printed joined: the typographic ligatures (U+FB00–U+FB06: `ﬀ`, `ﬁ`, `ﬂ`, `ﬃ`,
//! `ﬄ`, `ﬅ`, `ﬆ`), which text taken from a PDF or some OCR engines keeps, and the long s of
//! older printing (`ſ`), which transcriptions keep. A word set with them is the same word in
//! plain letters: it is known as such ([`crate::detect`]), and a misreading of it is searched
//! in plain letters and its readings written with them again ([`crate::generate`]).

/// The plain letters `c` stands for, when it is a ligature or the long s.
fn letters(c: char) -> Option<&'static str> {
    match c {
        'ſ' => Some("s"),
        'ﬀ' => Some("ff"),
        'ﬁ' => Some("fi"),
        'ﬂ' => Some("fl"),
        'ﬃ' => Some("ffi"),
        'ﬄ' => Some("ffl"),
        'ﬅ' | 'ﬆ' => Some("st"),
        _ => None,
    }
}

/// `word` with its ligatures written as their letters and its long s as `s`; `None` when it
/// has neither.
pub fn plain_letters(word: &str) -> Option<String> {
    word.chars().any(|c| letters(c).is_some()).then(|| {
        word.chars()
            .fold(String::with_capacity(word.len() + 4), |mut out, c| {
                match letters(c) {
                    Some(l) => out.push_str(l),
                    None => out.push(c),
                }
                out
            })
    })
}

/// `reading`, a reading of [`plain_letters`]`(token)`, with `token`'s ligatures and long s
/// put back wherever its letters stand where the token's did, counted in characters from
/// the start (`ﬁrsl` read as `first`: `ﬁrst`); the letters a repair changed stay plain.
pub fn written_like(token: &str, reading: &str) -> String {
    // Each joined letter of the token: where its letters start in the plain token, and them.
    let mut joined: Vec<(usize, char, &str)> = Vec::new();
    let mut at = 0;
    for c in token.chars() {
        match letters(c) {
            Some(l) => {
                joined.push((at, c, l));
                at += l.chars().count();
            }
            None => at += 1,
        }
    }
    let mut out: Vec<char> = reading.chars().collect();
    // From the last, so that the places of those before stay where they were.
    for &(at, c, l) in joined.iter().rev() {
        let n = l.chars().count();
        if out
            .get(at..at + n)
            .is_some_and(|s| s.iter().copied().eq(l.chars()))
        {
            out.splice(at..at + n, [c]);
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_spell_out_what_is_joined() {
        assert_eq!(plain_letters("ﬆop").as_deref(), Some("stop"));
        assert_eq!(plain_letters("oﬃce").as_deref(), Some("office"));
        assert_eq!(plain_letters("moſt").as_deref(), Some("most"));
        assert_eq!(plain_letters("office"), None);
    }

    #[test]
    fn a_reading_is_written_with_the_tokens_joined_letters() {
        assert_eq!(written_like("ﬁrsl", "first"), "ﬁrst");
        assert_eq!(written_like("oﬃcc", "office"), "oﬃce");
        assert_eq!(written_like("moſl", "most"), "moſt");
        assert_eq!(written_like("ﬁrsttime", "first time"), "ﬁrst time");
        // Two of them.
        assert_eq!(written_like("eﬀeﬆt", "effest"), "eﬀeﬆ");
        // Where the repair changed the letters, they stay plain.
        assert_eq!(written_like("ﬂrst", "first"), "first");
        assert_eq!(written_like("xﬁ", "x"), "x");
    }

    #[test]
    fn a_misreading_set_with_them_is_read_with_them() {
        let text = "the ﬁrst and the ﬁrsl time; the moſt part and the moſl part";
        let mended = crate::Mender::default().mend(text);
        let read = |before: &str| {
            let edit = mended.edits.iter().find(|e| e.before == before);
            edit.map(|e| e.after.as_str())
        };
        assert_eq!(read("ﬁrsl"), Some("ﬁrst"));
        assert_eq!(read("moſl"), Some("moſt"));
        // The words set with them are left alone.
        assert_eq!(read("ﬁrst"), None);
        assert_eq!(read("moſt"), None);
    }
}
