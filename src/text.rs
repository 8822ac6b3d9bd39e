//! Small helpers over `&str` and byte positions shared by the stages.

use crate::Span;

/// The character ending at byte `pos`, if any.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The largest char boundary at or before `pos`.
pub fn floor_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The smallest char boundary at or after `pos`.
pub fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// How far around a cue the stages look for its speaker and frame: a
/// speaker phrase with its apposition fits easily, and the bound keeps
/// pathological "sentences" (megabytes without a period) linear.
pub const WINDOW: usize = 400;

/// `span` with surrounding white space removed.
pub fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// Byte offset of the first `needle` in `hay`. `str::find` with a string
/// pattern sets up a two-way searcher on every call, which dominated the
/// cost of the many short look-ups here; memmem does short haystacks
/// without that set-up.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// Byte offset of the last `needle` in `hay`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::rfind(hay.as_bytes(), needle.as_bytes())
}

/// Is `c` part of a word (letters, digits, marks)?
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A word or punctuation token of a short stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    /// true for words (letters/digits, with inner apostrophes, hyphens and
    /// periods as in "O'Malley", "46-year-old", "U.S."), false for one
    /// punctuation character.
    pub word: bool,
}

/// The character starting at byte `i` of `s` and its length; ASCII
/// without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }
}

/// Tokenizes `span` of `text` into words and punctuation, appending to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = &text[span.range()];
    let n = s.len();
    let mut i = 0;
    while i < n {
        let (c, len) = char_at(s, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            out.push(Tok {
                span: Span::new(span.start + i, span.start + i + len),
                word: false,
            });
            i += len;
            continue;
        }
        let mut end = i + len;
        while end < n {
            let (d, dl) = char_at(s, end);
            if is_word_char(d) {
                end += dl;
            } else if matches!(d, '\'' | '’' | '-' | '.' | '&')
                // Joiners stay inside a word only when a word character
                // follows ("don't", "D-Mass", "U.S").
                && end + dl < n
                && is_word_char(char_at(s, end + dl).0)
            {
                end += dl;
            } else {
                break;
            }
        }
        out.push(Tok {
            span: Span::new(span.start + i, span.start + end),
            word: true,
        });
        i = end;
    }
}

thread_local! {
    /// Token buffers for [`with_tokens`], reused across calls (a stack,
    /// so that nested calls each get their own).
    static TOKEN_BUFFERS: std::cell::RefCell<Vec<Vec<Tok>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` with the tokens of `span`, in a buffer reused across calls
/// on this thread: the speaker and frame look-ups tokenize a short window
/// for every cue, and allocating for each was a tenth of the run time.
pub fn with_tokens<R>(text: &str, span: Span, f: impl FnOnce(&[Tok]) -> R) -> R {
    let mut buf = TOKEN_BUFFERS
        .with(|b| b.borrow_mut().pop())
        .unwrap_or_default();
    buf.clear();
    tokenize(text, span, &mut buf);
    let r = f(&buf);
    TOKEN_BUFFERS.with(|b| b.borrow_mut().push(buf));
    r
}

/// Does the word start with an upper-case letter (or a digit)?
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut v);
        v.iter().map(|t| &s[t.span.range()]).collect()
    }

    #[test]
    fn tokenizes_news_words() {
        assert_eq!(
            words("Rep. Jane O'Roe (D-Ore.) said the U.S. can't."),
            vec![
                "Rep", ".", "Jane", "O'Roe", "(", "D-Ore", ".", ")", "said", "the", "U.S", ".",
                "can't", "."
            ]
        );
    }

    #[test]
    fn trims() {
        let s = "  ,hi, ";
        assert_eq!(trim(s, Span::new(0, s.len())), Span::new(2, 6));
    }
}
