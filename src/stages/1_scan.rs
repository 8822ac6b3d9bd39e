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

/// The stage: fills `doc.marks`.
pub fn run(_: &super::Resources, doc: &mut Doc) {
    scan(&doc.text, &mut doc.marks);
}

/// Where the next byte that can start a quotation mark is, at or after
/// `from`: `"`, `'` and the lead byte of U+2018..U+203A (0xE2) by one
/// memchr, the rarer `` ` `` and the lead byte of U+00AB/U+00BB (0xC2) by
/// another whose answer is kept until passed.
struct Starts<'a> {
    b: &'a [u8],
    rare: usize,
}

impl<'a> Starts<'a> {
    fn new(b: &'a [u8]) -> Self {
        let rare = memchr::memchr2(b'`', 0xC2, b).unwrap_or(b.len());
        Starts { b, rare }
    }

    fn next(&mut self, from: usize) -> usize {
        let b = self.b;
        if from >= b.len() {
            return b.len();
        }
        if self.rare < from {
            self.rare = memchr::memchr2(b'`', 0xC2, &b[from..]).map_or(b.len(), |k| from + k);
        }
        let common = memchr::memchr3(b'"', b'\'', 0xE2, &b[from..]).map_or(b.len(), |k| from + k);
        common.min(self.rare)
    }
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | ':'
                )
        }
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '»'
                        | '…'
                )
        }
    }
}

fn straight_role(before: Option<char>, after: Option<char>) -> Role {
    let open = is_open_context(before) && !after.is_none_or(char::is_whitespace);
    let close = !before.is_none_or(char::is_whitespace) && is_close_context(after);
    match (open, close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// Role of a single mark, or `None` when it is an apostrophe.
fn single_role(ch: char, before: Option<char>, after: Option<char>) -> Option<Role> {
    let word_before = before.is_some_and(|c| c.is_alphanumeric());
    let word_after = after.is_some_and(|c| c.is_alphanumeric());
    if word_before && word_after {
        return None; // don't, O’Malley
    }
    if after.is_some_and(|c| c.is_ascii_digit()) && !word_before && ch != '‘' {
        return None; // ’90s, '16
    }
    match ch {
        '‘' | '‚' | '‹' => Some(Role::Open),
        '›' => Some(Role::Close),
        _ => {
            let r = straight_role(before, after);
            // "voters’ rights": a closing-looking mark after an s may be a
            // possessive; pairing decides.
            Some(r)
        }
    }
}

/// Finds the quotation marks of `text`, replacing the contents of `out`.
pub fn scan(text: &str, out: &mut Vec<Mark>) {
    out.clear();
    let b = text.as_bytes();
    let mut starts = Starts::new(b);
    let mut i = 0;
    loop {
        i = starts.next(i);
        if i >= b.len() {
            break;
        }
        let (ch, len, shape) = match b[i] {
            b'"' => ('"', 1, Shape::Double),
            b'\'' if b.get(i + 1) == Some(&b'\'') => ('"', 2, Shape::Double),
            b'`' if b.get(i + 1) == Some(&b'`') => ('“', 2, Shape::Double),
            b'\'' => ('\'', 1, Shape::Single),
            0xC2 => match b.get(i + 1) {
                Some(0xAB) => ('«', 2, Shape::Double),
                Some(0xBB) => ('»', 2, Shape::Double),
                _ => {
                    i += 1;
                    continue;
                }
            },
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => ('“', 3, Shape::Double),
                Some(0x9D) => ('”', 3, Shape::Double),
                Some(0x9E) => ('„', 3, Shape::Double),
                Some(0x98) => ('‘', 3, Shape::Single),
                Some(0x99) => ('’', 3, Shape::Single),
                Some(0x9A) => ('‚', 3, Shape::Single),
                Some(0xB9) => ('‹', 3, Shape::Single),
                Some(0xBA) => ('›', 3, Shape::Single),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let before = char_before(text, i);
        let after = text[i + len..].chars().next();
        let role = match ch {
            // Curly marks are trusted unless the context plainly says the
            // opposite (a typed “ closing a quote, a ” opening one).
            '“' => Some(match straight_role(before, after) {
                Role::Close
                    if before.is_some_and(|c| {
                        c.is_alphanumeric() || matches!(c, ',' | '.' | '?' | '!')
                    }) =>
                {
                    Role::Close
                }
                _ => Role::Open,
            }),
            '”' => Some(match straight_role(before, after) {
                Role::Open if before.is_none_or(|c| c == '\n') => Role::Open,
                _ => Role::Close,
            }),
            '„' | '«' => Some(Role::Open),
            '»' => Some(Role::Close),
            '"' => Some(straight_role(before, after)),
            _ => single_role(ch, before, after),
        };
        if let Some(role) = role {
            out.push(Mark {
                pos: i,
                len: len as u8,
                shape,
                role,
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
