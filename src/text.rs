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

/// Tokenizes `span` of `text` into words and punctuation, appending to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = &text[span.range()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                    // Joiners stay inside a word only when a word character follows
                    // ("don't", "D-Mass", "U.S"); a final period of an
                    // abbreviation is kept when the word is a known shape.
                    let after = s[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok {
                span: Span::new(span.start + i, span.start + end),
                word: true,
            });
        } else {
            out.push(Tok {
                span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                word: false,
            });
        }
    }
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
