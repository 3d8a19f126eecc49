//! The domain word lists shipped in `dictionaries/domain/`, embedded in the binary and
//! chosen with `--domain NAME`: each adds its words to the lexicon's domain layer.

/// One embedded domain list.
#[derive(Debug, Clone, Copy)]
pub struct Domain {
    /// The name `--domain` takes.
    pub name: &'static str,
    /// What the list is for, in a line.
    pub about: &'static str,
    /// The list itself: one word a line, `#` comments.
    pub text: &'static str,
}

impl Domain {
    /// Number of words in the list.
    pub fn len(&self) -> usize {
        words(self.text).count()
    }

    /// True when the list has no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every embedded domain list, by name.
pub const DOMAINS: &[Domain] = &[
    Domain {
        name: "names",
        about: "proper nouns: people, places, countries (SCOWL, GeoNames, ISO 3166, US census)",
        text: include_str!("../../dictionaries/domain/names.txt"),
    },
    Domain {
        name: "international-relations",
        about: "20th-century international relations: states, leaders, institutions, treaties, \
                political and economic terms (WordNet 3.0, ISO 3166)",
        text: include_str!("../../dictionaries/domain/international-relations.txt"),
    },
    Domain {
        name: "historical",
        about: "Early Modern English spellings (vpon, haue, onely) from the 1623 First Folio",
        text: include_str!("../../dictionaries/domain/historical.txt"),
    },
];

/// The embedded domain list called `name`.
pub fn find(name: &str) -> Option<&'static Domain> {
    DOMAINS.iter().find(|d| d.name == name)
}

/// The words of a list: its lines without comments, blanks and counts.
pub fn words(text: &str) -> impl Iterator<Item = (&str, u64)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (word, count) = match line.split_once('\t') {
            Some((w, c)) => (w.trim(), c.trim().parse().unwrap_or(0)),
            None => (line, 0),
        };
        (!word.is_empty()).then_some((word, count))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_is_found_and_has_words() {
        for d in DOMAINS {
            assert_eq!(find(d.name).unwrap().name, d.name);
            assert!(d.len() > 1000, "{} has {} words", d.name, d.len());
        }
        assert!(find("astrology").is_none());
    }

    #[test]
    fn list_lines_parse() {
        let got: Vec<_> = words("# head\nUSSR\t7\n\n  Habomai \n").collect();
        assert_eq!(got, vec![("USSR", 7), ("Habomai", 0)]);
    }
}
