//! **quotes** — pairs quotation marks into quote spans.
//!
//! Reads: the [`Mark`]s of scan and the paragraphs. Adds: top-level
//! [`Quote`]s sorted by start, each spanning its opening mark through its
//! closing mark (marks included, as news annotation does).
//! Rules: double marks pair first; single marks form a quote only outside
//! any double quote (inside one they are nested quotes and stay part of
//! it). A paragraph that opens a double quote and does not close it
//! continues into the next paragraph when that one opens with a double
//! mark (the multi-paragraph convention). Any other unclosed quote is
//! flagged `unbalanced` and ends at its paragraph's end, so it never
//! swallows the rest of the article.

use crate::doc::{Doc, Mark, Quote, Role, Shape, Span};
use crate::lang::text::trim;
use crate::lexicon::QuoteMarks;

/// The stage: fills `doc.quotes` from the marks and paragraphs.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let t = &r.lex(doc).quote_marks;
    pair_with(t, &doc.text, &doc.marks, &doc.paragraphs, &mut doc.quotes);
}

/// An open double quote carried from an earlier paragraph.
#[derive(Clone, Copy)]
struct Open {
    start: usize,
    paragraph: usize,
    /// Paragraphs it has run through so far.
    paragraphs: u32,
}

/// Pairs `marks` with the English table (for the tests of this and later
/// stages).
#[cfg(test)]
pub fn pair(text: &str, marks: &[Mark], paragraphs: &[Span], out: &mut Vec<Quote>) {
    let lex = crate::lexicon::Lexicons::of(crate::lexicon::Lang::En);
    pair_with(&lex.quote_marks, text, marks, paragraphs, out);
}

/// Pairs `marks` (sorted, from [`scan_with`](super::scan::scan_with)) of
/// table `t` into quotes within `paragraphs`, replacing the contents of
/// `out`.
pub fn pair_with(
    t: &QuoteMarks,
    text: &str,
    marks: &[Mark],
    paragraphs: &[Span],
    out: &mut Vec<Quote>,
) {
    out.clear();
    let mut mi = 0;
    let mut carry: Option<Open> = None;
    for (pi, &para) in paragraphs.iter().enumerate() {
        while mi < marks.len() && marks[mi].pos < para.start {
            mi += 1;
        }
        let first = mi;
        while mi < marks.len() && marks[mi].end() <= para.end {
            mi += 1;
        }
        let pmarks = &marks[first..mi];
        let para_first = out.len();
        let open = pair_doubles(t, text, pmarks, pi, carry.take(), out);
        if let Some(o) = open {
            match paragraphs.get(pi + 1) {
                Some(&next) if t.starts_with_continuation(&text[next.range()]) => carry = Some(o),
                _ => out.push(unbalanced(o, para.end)),
            }
        }
        pair_singles(pmarks, pi, para_first, carry, out);
        out[para_first..].sort_by_key(|q| q.span.start);
    }
    if let Some(o) = carry {
        out.push(unbalanced(o, paragraphs.last().map_or(o.start, |l| l.end)));
    }
}

fn unbalanced(o: Open, end: usize) -> Quote {
    Quote {
        span: Span::new(o.start, end),
        paragraph: o.paragraph,
        shape: Shape::Double,
        unbalanced: true,
        paragraphs: o.paragraphs,
    }
}

/// Pairs the double marks of paragraph `pi`, continuing `carry` (a quote
/// opened in an earlier paragraph, whose continuation mark opens this
/// one). Returns the quote still open at the paragraph's end.
fn pair_doubles(
    t: &QuoteMarks,
    text: &str,
    pmarks: &[Mark],
    pi: usize,
    carry: Option<Open>,
    out: &mut Vec<Quote>,
) -> Option<Open> {
    let mut open = carry.map(|c| Open {
        paragraphs: c.paragraphs + 1,
        ..c
    });
    let mut skip_first_open = carry.is_some();
    for m in pmarks.iter().filter(|m| m.shape == Shape::Double) {
        if skip_first_open {
            skip_first_open = false;
            if m.role != Role::Close {
                continue;
            }
        }
        match open {
            None => {
                if m.role != Role::Close {
                    open = Some(Open {
                        start: m.pos,
                        paragraph: pi,
                        paragraphs: 1,
                    });
                }
            }
            Some(o) => {
                let curly = |pos: usize| t.starts_with_curly(&text[pos..]);
                if m.role == Role::Open && curly(o.start) == curly(m.pos) && m.pos > o.start {
                    // Two openings in a row: the first never closed.
                    out.push(Quote {
                        span: trim(text, Span::new(o.start, m.pos)),
                        ..unbalanced(o, m.pos)
                    });
                    open = Some(Open {
                        start: m.pos,
                        paragraph: pi,
                        paragraphs: 1,
                    });
                } else {
                    out.push(Quote {
                        span: Span::new(o.start, m.end()),
                        paragraph: o.paragraph,
                        shape: Shape::Double,
                        unbalanced: false,
                        paragraphs: o.paragraphs,
                    });
                    open = None;
                }
            }
        }
    }
    open
}

/// Pairs the single marks of paragraph `pi` that lie outside its double
/// quotes (`out[para_first..]`) and outside a quote carried on to the next
/// paragraph; inside one they are nested quotes and stay part of it.
fn pair_singles(
    pmarks: &[Mark],
    pi: usize,
    para_first: usize,
    carry: Option<Open>,
    out: &mut Vec<Quote>,
) {
    let doubles_end = out.len();
    let mut open_single: Option<usize> = None;
    // Walked once: the next double quote not yet passed, and the last
    // double mark seen.
    let mut di = para_first;
    let mut last_double: Option<usize> = None;
    for m in pmarks {
        if m.shape == Shape::Double {
            last_double = Some(m.pos);
            continue;
        }
        while di < doubles_end && out[di].span.end <= m.pos {
            di += 1;
        }
        let inside_double = (di < doubles_end && out[di].span.contains(m.pos))
            || carry.is_some_and(|c| m.pos >= c.start);
        if inside_double {
            continue;
        }
        match open_single {
            None if m.role == Role::Open => open_single = Some(m.pos),
            Some(start) if m.role != Role::Open => {
                let crosses_double = last_double.is_some_and(|d| d > start);
                if !crosses_double {
                    out.push(Quote {
                        span: Span::new(start, m.end()),
                        paragraph: pi,
                        shape: Shape::Single,
                        unbalanced: false,
                        paragraphs: 1,
                    });
                }
                open_single = None;
            }
            Some(_) => open_single = Some(m.pos),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<(&str, bool)> {
        let mut marks = Vec::new();
        super::super::scan::scan(s, &mut marks);
        let mut ps = Vec::new();
        super::super::paragraphs::paragraphs(s, &mut ps);
        let mut qs = Vec::new();
        pair(s, &marks, &ps, &mut qs);
        qs.iter()
            .map(|q| (&s[q.span.range()], q.unbalanced))
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(quotes($text), $expected as Vec<(&str, bool)>);
            }
        };
    }

    t!(
        straight,
        "He said \"yes\" and \"no.\"",
        vec![("\"yes\"", false), ("\"no.\"", false)]
    );
    t!(
        curly_with_nested_single,
        "“I said ‘no’ twice,” she said.",
        vec![("“I said ‘no’ twice,”", false)]
    );
    t!(
        split,
        "“A,” she said, “B.”",
        vec![("“A,”", false), ("“B.”", false)]
    );
    t!(
        apostrophes_ignored,
        "Voters’ anger isn’t new in the ’90s.",
        vec![]
    );
    t!(
        top_level_single,
        "the so-called ‘Washington cartel’ is back",
        vec![("‘Washington cartel’", false)]
    );
    t!(
        multi_paragraph,
        "“First part.\n\n“Second part,” he said.\n\nAfter.",
        vec![("“First part.\n\n“Second part,”", false)]
    );
    t!(
        unbalanced_stays_in_paragraph,
        "He said “this never closes.\n\nNext paragraph “is fine.”",
        vec![("“this never closes.", true), ("“is fine.”", false)]
    );
    t!(typewriter, "''Yes,'' he said.", vec![("''Yes,''", false)]);
    t!(no_marks, "Nothing here.", vec![]);
}
