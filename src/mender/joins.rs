//! Words in two pieces read as one: a word broken across the line whose joined form is
//! itself misread (`procee-`/`clings`), and a word split by a stray space, or by a
//! line-break hyphen read as a point or comma, and misread as well (`sus picona`,
//! `ex. amnised`). The joined form is weighed as any suspect token is.

use super::token::{Beside, Site};
use super::{Passage, ProposalCache, Search};
use crate::corpus::Corpus;
use crate::detect::{classify, Verdict};
use crate::edit::{Edit, EditKind, Span, Status};
use crate::generate::{generate, SearchLimits};
use crate::mender::Mender;
use crate::merge::Halves;
use crate::rejoin::{join_layout, without_possessive};

/// The most letters a piece of a split word may have when it is a word on its own
/// ([`Mender::mend_split`]).
const SHORT_KNOWN_PIECE: usize = 3;

/// Two pieces of text that may be one word read in two.
#[derive(Debug, Clone, Copy)]
struct Pieces<'t> {
    /// The pieces' letters, in order.
    text: (&'t str, &'t str),
    /// Where the word they would make lies in the text.
    span: Span,
    /// The first and the last token they take in.
    tokens: (usize, usize),
}

impl Mender {
    /// The edit joining the halves of a word broken across the line (tokens `first` and
    /// `second`) into the confident reading of their joined form, when that form is no word.
    pub(super) fn mend_broken(
        &self,
        passage: &Passage,
        first: usize,
        second: usize,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let (text, tokens) = (passage.text, passage.tokens);
        let (t1, t2) = (&tokens[first], &tokens[second]);
        let a_full = t1.text(text);
        let a = a_full.rsplit('-').next().unwrap_or(a_full);
        // A possessive ending stays as it is on the joined word (`procee-`/`clings's`).
        let b = without_possessive(t2.text(text));
        let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
        if !letters(a) || !letters(b) {
            return None;
        }
        let start = t1.span.end - a.len();
        let stem_end = t2.span.start + b.len();
        let whole = Span::new(start, stem_end);
        let pieces = Pieces {
            text: (a, b),
            span: whole,
            tokens: (first, second),
        };
        let edit = self.read_joined(passage, pieces, self.options.limits, corpus, cache)?;
        let (end, tail) = join_layout(text, t2, &text[t1.chunk.end..t2.chunk.start]);
        let span = Span::new(start, end);
        Some(Edit {
            before: text[span.start..span.end].to_owned(),
            after: format!("{}{}{tail}", edit.after, &text[stem_end..t2.chunk.end]),
            span,
            kind: EditKind::Rejoin,
            reason: format!("broken across the line: {}", edit.reason),
            ..edit
        })
    }

    /// The reading of `pieces` as one word, searched within `limits`, when joined they are
    /// no word: a substitution decided as any token's is.
    fn read_joined(
        &self,
        passage: &Passage,
        pieces: Pieces,
        limits: SearchLimits,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let Pieces {
            text: (a, b),
            span,
            tokens: (first, last),
        } = pieces;
        let joined = format!("{a}{b}");
        if classify(&joined, &self.lexicon) != Verdict::Suspect {
            return None;
        }
        let search = if limits.second_look {
            Search::Suspect
        } else {
            Search::NoSecondLook
        };
        let proposals = cache.get_or_make(search, &joined, || {
            generate(&joined, &self.lexicon, &self.channel, corpus, limits)
        });
        let site = Site {
            word: &joined,
            span,
            first,
            last,
            beside: (Beside::Token, Beside::Token),
        };
        self.decide_unit(passage, site, &proposals, corpus)
            .filter(|e| e.kind == EditKind::Substitute)
    }

    /// The edit reading tokens `first` and `first + 1`, two pieces with one space between
    /// them on a line (and perhaps a point or comma after the first), at least one of them
    /// no word (`sus picona`, `de maunded`, `cen, siderable`), as one misread word, when
    /// that reading is sure enough to apply.
    pub(super) fn mend_split(
        &self,
        passage: &Passage,
        first: usize,
        corpus: &Corpus,
        cache: &ProposalCache,
    ) -> Option<Edit> {
        let (text, tokens) = (passage.text, passage.tokens);
        let (t1, t2) = (&tokens[first], &tokens[first + 1]);
        let (v1, v2) = (passage.verdicts[first], passage.verdicts[first + 1]);
        // A piece that is a word is a short one that happens to be (`de`, `con`, `mar`):
        // a longer word beside a damaged one is far likelier a word of its own
        // (`Government sl`), and weighing every such pair made the whole run 15% dearer.
        let piece = |v: Verdict, i: usize| {
            v == Verdict::Suspect
                || v == Verdict::Known && tokens[i].text(text).chars().count() <= SHORT_KNOWN_PIECE
        };
        let suspects = (v1 == Verdict::Suspect || v2 == Verdict::Suspect)
            && piece(v1, first)
            && piece(v2, first + 1);
        if !suspects {
            return None;
        }
        // A point or comma after the first piece may be the line-break hyphen that split it,
        // misread (`ex. amnised`, `cen, siderable`).
        let Halves { a, b, mark } = Halves::of(text, t1, t2)?;
        // A single letter is a piece only beside a longer piece that is no word (`r
        // gulate`).
        let single = |s: &str, other: usize, v: Verdict| {
            s.chars().count() == 1 && (other < 3 || v != Verdict::Suspect)
        };
        let (n1, n2) = (a.chars().count(), b.chars().count());
        if single(a, n2, v2) || single(b, n1, v1) || !mark.is_empty() && n1.min(n2) < 2 {
            return None;
        }
        let span = Span::new(t1.span.start, t2.span.end);
        // Pieces on a line are weighed without the second look, which a long unknown token
        // gets when the usual search finds no misreading of it: nine in ten such pairs read
        // as no word, and their second looks were a ninth of a run's instructions (valgrind,
        // 150 kB of the development corpus: 5.51 G -> 4.91 G). Measured by two-fold
        // cross-validation, fold models and calibrations kept: two words fewer fixed, one on
        // bln600 and one on overproof_smh (`cIoe unicated`, `dosii o`). The halves of a word
        // broken across the line keep it: without it there too, two more were lost (`corn-
        // rnitted`, `sorreii- deied`) for 1% fewer instructions.
        let limits = SearchLimits {
            second_look: false,
            ..self.options.limits
        };
        let pieces = Pieces {
            text: (a, b),
            span,
            tokens: (first, first + 1),
        };
        let edit = self
            .read_joined(passage, pieces, limits, corpus, cache)
            .filter(|e| e.status == Status::Applied)?;
        Some(Edit {
            before: text[span.start..span.end].to_owned(),
            span,
            kind: EditKind::Merge,
            reason: if mark.is_empty() {
                format!("split by a stray space: {}", edit.reason)
            } else {
                format!(
                    "split where a line-break hyphen was read as `{mark}`: {}",
                    edit.reason
                )
            },
            ..edit
        })
    }
}
