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

use crate::Span;
use crate::scan::{Mark, Role, Shape};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark (or of the
    /// paragraph when unbalanced).
    pub span: Span,
    /// Paragraph index where the quote opens.
    pub paragraph: usize,
    pub shape: Shape,
    /// No closing mark was found.
    pub unbalanced: bool,
    /// Number of paragraphs the quote runs through (1 for most).
    pub paragraphs: u32,
}

impl Quote {
    /// The text between the marks.
    pub fn inner(&self, text: &str) -> Span {
        let s = &text[self.span.range()];
        let open = s.chars().next().map_or(0, char::len_utf8);
        let open = if s.starts_with("''") || s.starts_with("``") {
            2
        } else {
            open
        };
        if self.unbalanced {
            return Span::new(self.span.start + open, self.span.end);
        }
        let close = s.chars().next_back().map_or(0, char::len_utf8);
        let close = if s.ends_with("''") { 2 } else { close };
        Span::new(
            self.span.start + open,
            (self.span.end - close).max(self.span.start + open),
        )
    }
}

fn opens_with_double_mark(text: &str, para: Span) -> bool {
    let s = &text[para.range()];
    s.starts_with('"')
        || s.starts_with('“')
        || s.starts_with("''")
        || s.starts_with("``")
        || s.starts_with('«')
}

/// Pairs `marks` (sorted, from [`crate::scan::scan`]) into quotes within
/// `paragraphs`, replacing the contents of `out`.
pub fn pair(text: &str, marks: &[Mark], paragraphs: &[Span], out: &mut Vec<Quote>) {
    out.clear();
    let mut mi = 0;
    // An open quote carried from earlier paragraphs: (start, paragraph, count).
    let mut carry: Option<(usize, usize, u32)> = None;
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

        let mut open: Option<(usize, usize, u32)> = None;
        let mut skip_first_open = false;
        if let Some(c) = carry.take() {
            open = Some((c.0, c.1, c.2 + 1));
            skip_first_open = true;
        }
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
                        open = Some((m.pos, pi, 1));
                    }
                }
                Some((start, p, n)) => {
                    if m.role == Role::Open
                        && text[start..].starts_with(['“', '«'])
                            == text[m.pos..].starts_with(['“', '«'])
                        && m.pos > start
                    {
                        // Two openings in a row: the first never closed.
                        out.push(Quote {
                            span: crate::text::trim(text, Span::new(start, m.pos)),
                            paragraph: p,
                            shape: Shape::Double,
                            unbalanced: true,
                            paragraphs: n,
                        });
                        open = Some((m.pos, pi, 1));
                    } else {
                        out.push(Quote {
                            span: Span::new(start, m.end()),
                            paragraph: p,
                            shape: Shape::Double,
                            unbalanced: false,
                            paragraphs: n,
                        });
                        open = None;
                    }
                }
            }
        }
        if let Some((start, p, n)) = open {
            match paragraphs.get(pi + 1) {
                Some(&next) if opens_with_double_mark(text, next) => carry = Some((start, p, n)),
                _ => out.push(Quote {
                    span: Span::new(start, para.end),
                    paragraph: p,
                    shape: Shape::Double,
                    unbalanced: true,
                    paragraphs: n,
                }),
            }
        }

        // Single quotes outside the double quotes of this paragraph.
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
                || carry.is_some_and(|c| m.pos >= c.0);
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
        out[para_first..].sort_by_key(|q| q.span.start);
    }
    if let Some((start, p, n)) = carry {
        out.push(Quote {
            span: Span::new(start, paragraphs.last().map_or(start, |l| l.end)),
            paragraph: p,
            shape: Shape::Double,
            unbalanced: true,
            paragraphs: n,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<(&str, bool)> {
        let mut marks = Vec::new();
        crate::scan::scan(s, &mut marks);
        let mut ps = Vec::new();
        crate::segment::paragraphs(s, &mut ps);
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
