//! Small helpers over `&str` and byte positions: the tokenizer, trimming,
//! boundaries and short look-ups.

use crate::doc::Span;

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
/// without that set-up, but still builds a searcher per call, so a phrase
/// or a needle that opens with punctuation (rare in text: ": ", ", and ")
/// is scanned for its first byte instead.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    if n.len() == 1 {
        return memchr::memchr(first, h);
    }
    if h.len() > SHORT && !first.is_ascii_punctuation() {
        return memchr::memmem::find(h, n);
    }
    let mut at = 0;
    while let Some(i) = memchr::memchr(first, &h[at..]) {
        let p = at + i;
        if h[p..].starts_with(n) {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

/// Haystacks up to this length are scanned by their needle's first byte
/// (see [`find`]).
const SHORT: usize = 64;

/// Eight bytes read as one `u64`, tested at once (SWAR): the high bit of
/// each byte of the result is set where the byte of `x` is below `n` (at
/// most 0x80). Never clear where one is; a borrow may set it in the byte
/// after a true one, so callers treat a set bit as "look closer".
pub fn bytes_below(x: u64, n: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    x.wrapping_sub(u64::from(n) * ONES) & !x & (0x80 * ONES)
}

/// As [`bytes_below`], for bytes equal to `b` (the zero-byte test on `x`
/// with `b` cleared out).
pub fn bytes_equal(x: u64, b: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    bytes_below(x ^ (u64::from(b) * ONES), 1)
}

/// The high bit of each of the eight bytes of `x` that lies in `A`..=`Z`,
/// the others clear: the "byte between m and n" test on eight bytes at
/// once, each byte on its own, so exact for the ASCII bytes whatever the
/// others hold.
pub fn ascii_upper_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F * ONES;
    const HIGH: u64 = 0x80 * ONES;
    let y = x & LOW7;
    let below = (0x7F + u64::from(b'Z') + 1) * ONES - y;
    let above = y + (0x7F - (u64::from(b'A') - 1)) * ONES;
    below & !x & above & HIGH
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

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    /// `'`, `-`, `.`, `&`: inside a word when a word character follows.
    Joiner,
    Punct,
}

const ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Punct; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        t[b] = if c.is_ascii_whitespace() || b == 0x0B {
            Class::Space
        } else if c.is_ascii_alphanumeric() || c == '_' {
            Class::Word
        } else if matches!(c, '\'' | '-' | '.' | '&') {
            Class::Joiner
        } else {
            Class::Punct
        };
        b += 1;
    }
    t
};

/// The class of the character starting at byte `i` of `s`, and its length;
/// ASCII by table, without decoding.
#[inline(always)]
fn class_at(s: &str, i: usize) -> (Class, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (ASCII_CLASS[b as usize], 1);
    }
    let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_word_char(c) {
        Class::Word
    } else if c == '’' {
        Class::Joiner
    } else {
        Class::Punct
    };
    (class, c.len_utf8())
}

/// ASCII bytes that are word characters: the tight loop of [`word_end`].
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(ASCII_CLASS[b], Class::Word);
        b += 1;
    }
    t
};

/// Tokenizes `span` of `text` into words and punctuation, appending to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = &text[span.range()];
    let n = s.len();
    let mut i = 0;
    while i < n {
        let (class, len) = class_at(s, i);
        if class == Class::Space {
            i += len;
            continue;
        }
        if class != Class::Word {
            out.push(Tok {
                span: Span::new(span.start + i, span.start + i + len),
                word: false,
            });
            i += len;
            continue;
        }
        let end = word_end(s, i + len);
        out.push(Tok {
            span: Span::new(span.start + i, span.start + end),
            word: true,
        });
        i = end;
    }
}

/// Where the word running through byte `end` of `s` ends. Joiners stay
/// inside a word only when a word character follows ("don't", "D-Mass",
/// "U.S"). ASCII letters and digits, most of any word, go by a table
/// before a character is classed at all.
#[inline(always)]
fn word_end(s: &str, mut end: usize) -> usize {
    let b = s.as_bytes();
    let n = b.len();
    loop {
        while end < n && ASCII_WORD[b[end] as usize] {
            end += 1;
        }
        if end >= n {
            return end;
        }
        let (d, dl) = class_at(s, end);
        let joins = d == Class::Joiner && end + dl < n && class_at(s, end + dl).0 == Class::Word;
        if d != Class::Word && !joins {
            return end;
        }
        end += dl;
    }
}

/// A place to start tokenizing the tail of the window `[limit, end)`:
/// a `p` in `(from, end]` right after an ASCII white-space byte at or
/// after `from`, with a token of the window before it. No token holds
/// white space and the tokenizer carries nothing from one token to the
/// next, so the tokens of `[p, end)` are exactly the window's tokens
/// that start at `p` or later (an ASCII byte is always a character
/// boundary), and at least one of the window's tokens comes before them.
/// `None` when there is no such place (`from <= limit`, no white space
/// after `from`, or only white space or non-ASCII characters before it).
pub fn tail_start(text: &str, limit: usize, from: usize, end: usize) -> Option<usize> {
    if from <= limit || from >= end {
        return None;
    }
    let b = text.as_bytes();
    let space = |x: u8| x < 0x80 && ASCII_CLASS[x as usize] == Class::Space;
    let q = from + b[from..end].iter().position(|&x| space(x))?;
    // An ASCII byte that is not white space is a token or part of one.
    let token_before = b[limit..q].iter().rev().any(|&x| x < 0x80 && !space(x));
    token_before.then_some(q + 1)
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

/// Does `s` hold more than `n` words (runs between white space)? Stops
/// counting at `n + 1`: the rules ask this of whole clauses.
pub fn more_words_than(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_some()
}

/// Does the word start with an upper-case letter (or a digit)?
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_found_in_any_eight_bytes() {
        // Each ASCII byte at each place, beside ASCII bytes and beside a
        // byte outside ASCII: the capital's bit, and no other.
        for other in [b'a', 0xC3] {
            for v in 0..=127u8 {
                for at in 0..8 {
                    let mut bytes = *b"abc, 1;\n";
                    bytes[(at + 3) % 8] = other;
                    bytes[at] = v;
                    let x = u64::from_le_bytes(bytes);
                    let want = if v.is_ascii_uppercase() {
                        0x80u64 << (8 * at)
                    } else {
                        0
                    };
                    let got = ascii_upper_bits(x) & !(0x80u64 << (8 * ((at + 3) % 8)));
                    assert_eq!(got, want, "{v:#x} at {at} beside {other:#x}");
                }
            }
        }
    }

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

    /// The tokenizer's rule spelled out on chars, for comparison.
    fn reference(s: &str) -> Vec<(usize, usize, bool)> {
        let cs: Vec<(usize, char)> = s.char_indices().collect();
        let end_of = |k: usize| cs.get(k).map_or(s.len(), |&(i, _)| i);
        let mut out = Vec::new();
        let mut k = 0;
        while k < cs.len() {
            let c = cs[k].1;
            if c.is_whitespace() {
                k += 1;
            } else if !is_word_char(c) {
                out.push((cs[k].0, end_of(k + 1), false));
                k += 1;
            } else {
                let start = k;
                k += 1;
                while k < cs.len() {
                    let d = cs[k].1;
                    let joins = matches!(d, '\'' | '’' | '-' | '.' | '&')
                        && cs.get(k + 1).is_some_and(|&(_, e)| is_word_char(e));
                    if is_word_char(d) || joins {
                        k += 1;
                    } else {
                        break;
                    }
                }
                out.push((cs[start].0, end_of(k), true));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_follows_its_rule(s in "[a-zA-Z0-9 .,'’&_\t\n\u{b}\u{1c}\u{a0}é“”—-]{0,40}") {
            let mut v = Vec::new();
            tokenize(&s, Span::new(0, s.len()), &mut v);
            let got: Vec<_> = v.iter().map(|t| (t.span.start, t.span.end, t.word)).collect();
            proptest::prop_assert_eq!(got, reference(&s));
        }
    }

    proptest::proptest! {
        /// The tokens of a tail are the window's tokens from where it
        /// starts, and the window has a token before it.
        #[test]
        fn tail_tokens_are_the_windows(s in "[a-zA-Z .,'’&\t\u{a0}é“”—-]{0,40}", from in 0usize..40) {
            let from = from.min(s.len());
            if let Some(p) = tail_start(&s, 0, from, s.len()) {
                let (mut all, mut tail) = (Vec::new(), Vec::new());
                tokenize(&s, Span::new(0, s.len()), &mut all);
                tokenize(&s, Span::new(p, s.len()), &mut tail);
                let before = all.iter().filter(|t| t.span.start < p).count();
                proptest::prop_assert!(before >= 1);
                proptest::prop_assert_eq!(&all[before..], &tail[..]);
            }
        }
    }

    #[test]
    fn trims() {
        let s = "  ,hi, ";
        assert_eq!(trim(s, Span::new(0, s.len())), Span::new(2, 6));
    }
}
