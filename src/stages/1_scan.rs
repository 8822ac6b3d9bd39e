//! **scan** — one pass over the text that finds quotation marks and tells
//! them from apostrophes.
//!
//! Reads: the document text. Adds: [`Mark`]s in text order, each a quotation
//! mark with its shape (double, single) and its likely role (opening,
//! closing, or either), judged from the characters on both sides.
//! Apostrophes ("don't", "voters’", "’90s") are not reported.
//! Guarantees: marks are in increasing byte order, do not overlap, and lie on
//! character boundaries.

use crate::doc::{Doc, Mark, Role, Shape};
use crate::lang::text::char_before;
use crate::lexicon::{Apostrophe, Judged, MarkShape, QuoteMarks};

/// The stage: fills `doc.marks` from the marks of the document's language.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    scan_with(&r.lex(doc).quote_marks, &doc.text, &mut doc.marks);
}

/// Where the next byte that can start a quotation mark is, at or after
/// `from`: the table's three common lead bytes by one memchr, its rarer
/// ones by another whose answer is kept until passed.
struct Starts<'a> {
    b: &'a [u8],
    common: [u8; 3],
    rare_bytes: [u8; 2],
    rare: usize,
}

impl<'a> Starts<'a> {
    fn new(t: &QuoteMarks, b: &'a [u8]) -> Self {
        let [r0, r1] = t.rare;
        let rare = memchr::memchr2(r0, r1, b).unwrap_or(b.len());
        Starts {
            b,
            common: t.common,
            rare_bytes: t.rare,
            rare,
        }
    }

    fn next(&mut self, from: usize) -> usize {
        let b = self.b;
        if from >= b.len() {
            return b.len();
        }
        if self.rare < from {
            let [r0, r1] = self.rare_bytes;
            self.rare = memchr::memchr2(r0, r1, &b[from..]).map_or(b.len(), |k| from + k);
        }
        let [c0, c1, c2] = self.common;
        let common = memchr::memchr3(c0, c1, c2, &b[from..]).map_or(b.len(), |k| from + k);
        common.min(self.rare)
    }
}

fn is_open_context(t: &QuoteMarks, c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
                || t.after_open.contains(&c)
        }
    }
}

fn is_close_context(t: &QuoteMarks, c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…'
                )
                || t.before_close.contains(&c)
        }
    }
}

fn straight_role(t: &QuoteMarks, before: Option<char>, after: Option<char>) -> Role {
    let open = is_open_context(t, before) && !after.is_none_or(char::is_whitespace);
    let close = !before.is_none_or(char::is_whitespace) && is_close_context(t, after);
    match (open, close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// Is a mark of this kind, between `before` and `after`, an apostrophe?
fn is_apostrophe(kind: Apostrophe, before: Option<char>, after: Option<char>) -> bool {
    if kind == Apostrophe::Never {
        return false;
    }
    let word_before = before.is_some_and(|c| c.is_alphanumeric());
    let word_after = after.is_some_and(|c| c.is_alphanumeric());
    // don't, O’Malley; ’90s, '16
    (word_before && word_after)
        || (kind == Apostrophe::InWordOrBeforeDigit
            && after.is_some_and(|c| c.is_ascii_digit())
            && !word_before)
}

/// The role of a mark judged `judged` between `before` and `after`.
fn role(t: &QuoteMarks, judged: Judged, before: Option<char>, after: Option<char>) -> Role {
    match judged {
        Judged::Open => Role::Open,
        Judged::Close => Role::Close,
        // "voters’ rights": a closing-looking mark after an s may be a
        // possessive; pairing decides.
        Judged::Either => straight_role(t, before, after),
        // Curly marks are trusted unless the context plainly says the
        // opposite (a typed “ closing a quote, a ” opening one).
        Judged::LeansOpen => match straight_role(t, before, after) {
            Role::Close
                if before
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '?' | '!')) =>
            {
                Role::Close
            }
            _ => Role::Open,
        },
        Judged::LeansClose => match straight_role(t, before, after) {
            Role::Open if before.is_none_or(|c| c == '\n') => Role::Open,
            _ => Role::Close,
        },
    }
}

/// Finds the quotation marks of `text` with the English table, replacing
/// the contents of `out` (for the tests of this and later stages).
#[cfg(test)]
pub fn scan(text: &str, out: &mut Vec<Mark>) {
    let lex = crate::lexicon::Lexicons::of(crate::lexicon::Lang::En);
    scan_with(&lex.quote_marks, text, out);
}

/// Finds the quotation marks of table `t` in `text`, replacing the
/// contents of `out`.
pub fn scan_with(t: &QuoteMarks, text: &str, out: &mut Vec<Mark>) {
    out.clear();
    let b = text.as_bytes();
    let mut starts = Starts::new(t, b);
    let mut i = 0;
    loop {
        i = starts.next(i);
        if i >= b.len() {
            break;
        }
        let Some(m) = t.at(b, i) else {
            i += 1;
            continue;
        };
        let len = m.text.len();
        let before = char_before(text, i);
        let after = text[i + len..].chars().next();
        if !is_apostrophe(m.apostrophe, before, after) {
            out.push(Mark {
                pos: i,
                len: len as u8,
                shape: match m.shape {
                    MarkShape::Double => Shape::Double,
                    MarkShape::Single => Shape::Single,
                },
                role: role(t, m.judged, before, after),
            });
        }
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &str) -> Vec<(usize, Shape, Role)> {
        let mut v = Vec::new();
        scan(s, &mut v);
        v.iter().map(|m| (m.pos, m.shape, m.role)).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(roles($text), $expected);
            }
        };
    }

    use Role::*;
    use Shape::*;
    t!(
        straight_pair,
        "a \"b\" c",
        vec![(2, Double, Open), (4, Double, Close)]
    );
    t!(
        curly_pair,
        "“b”",
        vec![(0, Double, Open), (4, Double, Close)]
    );
    t!(apostrophe_inside_word, "don't can’t O’Malley", vec![]);
    t!(apostrophe_before_year, "the ’90s and '80s", vec![]);
    t!(
        possessive_plural_is_a_candidate,
        "voters’ rights",
        vec![(6, Single, Close)]
    );
    t!(
        nested_single,
        "\"He said 'no' today\"",
        vec![
            (0, Double, Open),
            (9, Single, Open),
            (12, Single, Close),
            (19, Double, Close)
        ]
    );
    t!(
        typewriter_double,
        "''Yes,'' he said",
        vec![(0, Double, Open), (6, Double, Close)]
    );
    t!(
        guillemets,
        "«oui»",
        vec![(0, Double, Open), (5, Double, Close)]
    );
    t!(straight_without_context, "a\"b", vec![(1, Double, Either)]);
    t!(empty, "", vec![]);
}
