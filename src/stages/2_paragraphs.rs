//! **paragraphs** — the text cut into paragraphs.
//!
//! Reads: the text. Adds: paragraph spans: blank-line separated when the
//! text has blank lines (a paragraph may then hold several lines), else
//! one per line. Lines end with `\n`, `\r\n`, or a lone `\r` in old Mac
//! files.
//! Guarantees: paragraphs are trimmed, non-empty, ordered and disjoint.

use crate::doc::{Doc, Span};
use crate::lang::text::trim;

/// The stage: fills `doc.paragraphs`.
pub fn run(_: &super::Resources, doc: &mut Doc) {
    paragraphs(&doc.text, &mut doc.paragraphs);
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// The lines of `b` split at byte `sep`, as `str::split` gives them (the
/// last one after the final `sep`, empty or not, included), by the memchr
/// crate's vector search: `str::split` with a char pattern searches a word
/// at a time.
fn lines(b: &[u8], sep: u8) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let ends = memchr::memchr_iter(sep, b).chain(std::iter::once(b.len()));
    ends.map(move |end| {
        let line = &b[start..end];
        start = end + 1;
        line
    })
}

/// Splits `text` into paragraphs, replacing the contents of `out`.
pub fn paragraphs(text: &str, out: &mut Vec<Span>) {
    out.clear();
    // Blank-line mode when any non-blank line is followed by a blank line and
    // then more text; otherwise every line is a paragraph.
    // Lines end with \n (a \r before it is trimmed as white space), or with
    // a lone \r in old Mac files that have no \n at all.
    let b = text.as_bytes();
    let sep = if memchr::memchr(b'\n', b).is_none() && memchr::memchr(b'\r', b).is_some() {
        b'\r'
    } else {
        b'\n'
    };
    let mut blank_mode = false;
    let mut seen_text = false;
    let mut pending_blank = false;
    for line in lines(b, sep) {
        if is_blank(line) {
            pending_blank = seen_text;
        } else {
            if pending_blank {
                blank_mode = true;
                break;
            }
            seen_text = true;
        }
    }
    let mut start = 0;
    let mut para_start: Option<usize> = None;
    let mut last_end = 0;
    for line in lines(b, sep) {
        let end = start + line.len();
        if is_blank(line) {
            if let Some(ps) = para_start.take() {
                push_trimmed(text, Span::new(ps, last_end), out);
            }
        } else if blank_mode {
            para_start.get_or_insert(start);
            last_end = end;
        } else {
            push_trimmed(text, Span::new(start, end), out);
        }
        start = end + 1;
    }
    if let Some(ps) = para_start {
        push_trimmed(text, Span::new(ps, last_end), out);
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let t = trim(text, span);
    if !t.is_empty() {
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        paragraphs(s, &mut v);
        v.iter().map(|p| &s[p.range()]).collect()
    }

    #[test]
    fn paragraphs_by_blank_lines() {
        assert_eq!(paras("a\nb\n\n  \nc\r\n\r\nd"), vec!["a\nb", "c", "d"]);
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(paras("a\r\nb\r\n\r\nc"), vec!["a\r\nb", "c"]);
        assert_eq!(paras("a\rb\r\rc"), vec!["a\rb", "c"]);
    }

    #[test]
    fn paragraphs_by_lines_without_blank_lines() {
        assert_eq!(paras("a\nb\n"), vec!["a", "b"]);
        assert_eq!(paras(""), Vec::<&str>::new());
    }
}
