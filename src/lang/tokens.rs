//! Tokens: every word and punctuation mark of a document's sentences,
//! with what can be read of each without a model.
//!
//! Reads: the text, paragraphs, sentences, quotes and cues of a [`Doc`].
//! Adds: `doc.tokens`, each with its [`TokenShape`], its [`QuoteState`],
//! the cue it is part of, and its sentence and paragraph. Guarantees:
//! tokens are in text order, disjoint, on character boundaries, and each
//! lies in a sentence. The features stage and training both fill tokens
//! here; the model reads them.
//!
//! The tokens are those of [`super::text::tokenize`] run on each
//! sentence (a test holds the two to the same tokens), found here in one
//! pass that also counts what a word's shape needs, so that no token is
//! read twice and nothing is buffered between the tokenizer and `doc.tokens`.

use crate::doc::{CueMatch, Doc, Quote, QuoteState, Shape, Span, Token, TokenCue, TokenShape};
use crate::lang::text::is_word_char;

/// Fills `doc.tokens` from the stages before this one.
pub fn fill(doc: &mut Doc) {
    let Doc {
        text,
        sentences,
        quotes,
        cues,
        tokens,
        paragraphs,
        ..
    } = doc;
    tokens.clear();
    let mut along = Along::new(quotes, cues);
    for (si, s) in sentences.iter().enumerate() {
        let first = tokens.len();
        let mut position = Token::SENTENCE_START;
        if paragraphs
            .get(s.paragraph)
            .is_some_and(|p| p.start == s.span.start)
        {
            position |= Token::PARAGRAPH_START;
        }
        let mut after_comma = false;
        let mut at = s.span.start;
        while let Some((span, word, shape)) = next_token(text, &mut at, s.span.end) {
            tokens.push(Token {
                span,
                word,
                shape,
                quote: along.quote(span),
                cue: along.cue(span),
                position: position | if after_comma { Token::AFTER_COMMA } else { 0 },
                sentence: si as u32,
                paragraph: s.paragraph as u32,
            });
            position = 0;
            after_comma = shape == TokenShape::Comma;
        }
        if let Some(last) = tokens[first..].last_mut() {
            last.position |= Token::SENTENCE_END;
        }
    }
}

/// The quotes and cues, sorted and disjoint, walked along with the tokens.
/// The span of the quote (and cue) at the cursor is kept apart: most
/// tokens lie before the next quote or cue, and one comparison tells so.
struct Along<'a> {
    quotes: &'a [Quote],
    cues: &'a [CueMatch],
    qi: usize,
    ci: usize,
    /// The span of `quotes[qi]`, or an empty one at `usize::MAX` past the last.
    q: Span,
    /// The span of `cues[ci]`, likewise.
    c: Span,
}

/// The span of `x`, or one no token reaches when there is none.
fn edge<T>(x: Option<&T>, span: impl Fn(&T) -> Span) -> Span {
    x.map_or(Span::new(usize::MAX, usize::MAX), span)
}

impl<'a> Along<'a> {
    fn new(quotes: &'a [Quote], cues: &'a [CueMatch]) -> Self {
        Along {
            quotes,
            cues,
            qi: 0,
            ci: 0,
            q: edge(quotes.first(), |q| q.span),
            c: edge(cues.first(), |c| c.span),
        }
    }

    /// Where token `t` stands with respect to the quotes (`t` after every
    /// token asked of before).
    #[inline(always)]
    fn quote(&mut self, t: Span) -> QuoteState {
        // A quote ends after it starts: before the next quote's start, no
        // quote ends either, and the cursor stays.
        if t.start < self.q.start {
            return QuoteState::Outside;
        }
        self.quote_at(t)
    }

    /// Not inlined: the tokens that reach here are fewer, and inlined it
    /// costs the token loop registers.
    #[inline(never)]
    fn quote_at(&mut self, t: Span) -> QuoteState {
        if self.q.end <= t.start {
            while self.qi < self.quotes.len() && self.quotes[self.qi].span.end <= t.start {
                self.qi += 1;
            }
            self.q = edge(self.quotes.get(self.qi), |q| q.span);
        }
        self.quotes
            .get(self.qi)
            .filter(|q| q.span.start <= t.start)
            .map_or(QuoteState::Outside, |q| match q.shape {
                Shape::Single => QuoteState::InsideSingle,
                Shape::Double if t.start == q.span.start => QuoteState::Opening,
                Shape::Double if t.end == q.span.end && !q.unbalanced => QuoteState::Closing,
                Shape::Double => QuoteState::Inside,
            })
    }

    /// The cue token `t` is part of.
    #[inline(always)]
    fn cue(&mut self, t: Span) -> Option<TokenCue> {
        if t.start < self.c.start {
            return None;
        }
        self.cue_at(t)
    }

    /// Not inlined, as [`Along::quote_at`].
    #[inline(never)]
    fn cue_at(&mut self, t: Span) -> Option<TokenCue> {
        if self.c.end <= t.start {
            while self.ci < self.cues.len() && self.cues[self.ci].span.end <= t.start {
                self.ci += 1;
            }
            self.c = edge(self.cues.get(self.ci), |c| c.span);
        }
        self.cues
            .get(self.ci)
            .filter(|c| c.span.start <= t.start)
            .map(|c| TokenCue {
                class: c.entry.class,
                form: c.entry.form,
                begins: c.span.start == t.start,
            })
    }
}

/// What a byte is to the tokenizer (the classes of
/// [`super::text::tokenize`]), and what a word's shape is read from: the
/// bits of a word's bytes or'ed together tell whether it is all letters
/// (no `NOT_LETTER`), all digits, has an upper- or lower-case letter.
const WORD: u8 = 1;
/// `'`, `-`, `.`, `&` (and `’`): inside a word when a word character follows.
const JOINER: u8 = 2;
const SPACE: u8 = 4;
/// Neither word, joiner nor space: a punctuation token of its own.
const PUNCT: u8 = 0;
/// The first byte of a character outside ASCII (or a later one).
const WIDE: u8 = 128;
const UPPER: u8 = 8;
const LOWER: u8 = 16;
const NOT_LETTER: u8 = 32;
const NOT_DIGIT: u8 = 64;

/// The class and shape bits of each byte.
const BYTES: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() || c == 0x0B {
            SPACE
        } else if c.is_ascii_uppercase() {
            WORD | UPPER | NOT_DIGIT
        } else if c.is_ascii_lowercase() {
            WORD | LOWER | NOT_DIGIT
        } else if c.is_ascii_digit() {
            WORD | NOT_LETTER
        } else if c == b'_' {
            WORD | NOT_LETTER | NOT_DIGIT
        } else if matches!(c, b'\'' | b'-' | b'.' | b'&') {
            JOINER | NOT_LETTER | NOT_DIGIT
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// The class (`WORD`, `JOINER`, `SPACE` or `PUNCT`) of the character at
/// byte `i` of `text` (a char boundary) and its length.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (u8, usize) {
    let bits = BYTES[usize::from(text.as_bytes()[i])];
    if bits & WIDE == 0 {
        (bits & (WORD | JOINER | SPACE), 1)
    } else {
        wide_class_at(text, i)
    }
}

/// [`class_at`] for a character outside ASCII. The block of general
/// punctuation (curly quotes, dashes, ellipsis, some spaces) holds no
/// word character and is most of the text outside ASCII: it is told
/// without the tables of letters and digits.
#[cold]
#[inline(never)]
fn wide_class_at(text: &str, i: usize) -> (u8, usize) {
    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
    let class = if ('\u{2000}'..='\u{206F}').contains(&c) {
        if c.is_whitespace() {
            SPACE
        } else if c == '’' {
            JOINER
        } else {
            PUNCT
        }
    } else if c.is_whitespace() {
        SPACE
    } else if is_word_char(c) {
        WORD
    } else if c == '’' {
        JOINER
    } else {
        PUNCT
    };
    (class, c.len_utf8())
}

/// The next token of `text` from byte `*at` up to `end`, with whether it
/// is a word and its shape; `*at` moves past it.
#[inline]
fn next_token(text: &str, at: &mut usize, end: usize) -> Option<(Span, bool, TokenShape)> {
    let s = &text.as_bytes()[..end];
    let mut i = *at;
    while i < s.len() {
        let (class, len) = class_at(text, i);
        match class {
            SPACE => i += len,
            WORD => {
                let (stop, shape) = word(text, i, len, end);
                *at = stop;
                return Some((Span::new(i, stop), true, shape));
            }
            _ => {
                *at = i + len;
                let shape = if len == 1 {
                    ascii_punct_shape(s[i])
                } else {
                    shape(&text[i..i + len], false)
                };
                return Some((Span::new(i, i + len), false, shape));
            }
        }
    }
    *at = end;
    None
}

/// Is the character at byte `i` of `text` a word character, `i` before `end`?
#[inline(always)]
fn word_at(text: &str, i: usize, end: usize) -> bool {
    i < end && class_at(text, i).0 == WORD
}

/// The end and shape of the word starting at `start` (its first character
/// `len` bytes long), which runs no further than `end`. Over ASCII the
/// shape is gathered on the way, from the bits of the first byte and of
/// the others. Not inlined: on its own the loop keeps its state in
/// registers.
#[inline(never)]
fn word(text: &str, start: usize, len: usize, end: usize) -> (usize, TokenShape) {
    let s = &text.as_bytes()[..end];
    let first = if len == 1 {
        BYTES[usize::from(s[start])]
    } else {
        WIDE
    };
    let mut rest = 0u8;
    let mut stop = start + len;
    loop {
        // The common case first, in a loop of its own: ASCII word bytes.
        while let Some(&b) = s.get(stop) {
            let bits = BYTES[usize::from(b)];
            if bits & WORD == 0 {
                break;
            }
            rest |= bits;
            stop += 1;
        }
        let Some(&b) = s.get(stop) else {
            break;
        };
        let bits = BYTES[usize::from(b)];
        // Joiners stay inside a word only when a word character follows
        // ("don't", "D-Mass", "U.S").
        if bits & JOINER != 0 {
            if !word_at(text, stop + 1, end) {
                break;
            }
            rest |= bits;
            stop += 1;
            continue;
        }
        if bits & WIDE == 0 {
            break;
        }
        let (d, dl) = wide_class_at(text, stop);
        if d != WORD && !(d == JOINER && word_at(text, stop + dl, end)) {
            break;
        }
        rest |= WIDE;
        stop += dl;
    }
    let all = first | rest;
    if all & WIDE != 0 {
        return (stop, shape(&text[start..stop], true));
    }
    let shape = if all & NOT_LETTER == 0 {
        if all & UPPER == 0 {
            TokenShape::Lower
        } else if all & LOWER == 0 && stop - start > 1 {
            TokenShape::AllCaps
        } else if first & UPPER != 0 && rest & UPPER == 0 {
            TokenShape::Capitalized
        } else {
            TokenShape::Mixed
        }
    } else if all & NOT_DIGIT == 0 {
        TokenShape::Digits
    } else {
        TokenShape::Mixed
    };
    (stop, shape)
}

/// The shape of a one-byte punctuation token.
fn ascii_punct_shape(b: u8) -> TokenShape {
    match b {
        b',' => TokenShape::Comma,
        b'.' => TokenShape::Period,
        b':' => TokenShape::Colon,
        b';' => TokenShape::Semicolon,
        b'-' => TokenShape::Dash,
        b'"' => TokenShape::DoubleQuote,
        b'\'' | b'`' => TokenShape::SingleQuote,
        b'(' | b'[' | b'{' => TokenShape::OpenBracket,
        b')' | b']' | b'}' => TokenShape::CloseBracket,
        b'?' | b'!' => TokenShape::QuestionOrBang,
        _ => TokenShape::OtherPunct,
    }
}

/// The shape of a token, from its text (words with other than ASCII
/// characters and punctuation outside ASCII come here).
fn shape(s: &str, word: bool) -> TokenShape {
    if word && s.is_ascii() {
        let b = s.as_bytes();
        let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
        let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
        return if letters == b.len() {
            match upper {
                0 => TokenShape::Lower,
                _ if upper == b.len() && upper > 1 => TokenShape::AllCaps,
                _ if b[0].is_ascii_uppercase() && upper == 1 => TokenShape::Capitalized,
                _ => TokenShape::Mixed,
            }
        } else if b.iter().all(u8::is_ascii_digit) {
            TokenShape::Digits
        } else {
            TokenShape::Mixed
        };
    }
    if word {
        let mut upper = 0;
        let mut lower = 0;
        let mut digit = 0;
        let mut other = 0;
        for c in s.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_numeric() {
                digit += 1;
            } else {
                other += 1;
            }
        }
        return match (upper, lower, digit, other) {
            (0, _, 0, 0) => TokenShape::Lower,
            (_, 0, 0, 0) if upper > 1 => TokenShape::AllCaps,
            (_, _, 0, 0) if s.starts_with(char::is_uppercase) => TokenShape::Capitalized,
            (0, 0, _, 0) => TokenShape::Digits,
            _ => TokenShape::Mixed,
        };
    }
    match s {
        "," => TokenShape::Comma,
        "." | "…" => TokenShape::Period,
        ":" => TokenShape::Colon,
        ";" => TokenShape::Semicolon,
        "-" | "—" | "–" => TokenShape::Dash,
        "\"" | "“" | "”" | "«" | "»" | "„" => TokenShape::DoubleQuote,
        "'" | "‘" | "’" | "`" => TokenShape::SingleQuote,
        "(" | "[" | "{" => TokenShape::OpenBracket,
        ")" | "]" | "}" => TokenShape::CloseBracket,
        "?" | "!" => TokenShape::QuestionOrBang,
        _ => TokenShape::OtherPunct,
    }
}

/// The tokens of `doc` that lie in `span`.
pub fn tokens_in(doc: &Doc, span: Span) -> std::ops::Range<usize> {
    let i = doc.tokens.partition_point(|t| t.span.start < span.start);
    let j = doc.tokens.partition_point(|t| t.span.start < span.end);
    i..j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::text::{Tok, tokenize};
    use crate::stages::{Resources, STAGES};

    /// The tokens as they were filled before the one-pass tokenizer: the
    /// tokenizer of `lang::text` run per sentence, shapes read from each
    /// token's text. The reference the fast path is held to.
    fn reference_fill(doc: &Doc) -> Vec<Token> {
        let mut out = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        let (mut qi, mut ci) = (0, 0);
        for (si, s) in doc.sentences.iter().enumerate() {
            toks.clear();
            tokenize(&doc.text, s.span, &mut toks);
            let first_of_paragraph = doc
                .paragraphs
                .get(s.paragraph)
                .is_some_and(|p| p.start == s.span.start);
            let n = toks.len();
            for (k, t) in toks.iter().enumerate() {
                let mut position = 0;
                if k == 0 {
                    position |= Token::SENTENCE_START;
                    if first_of_paragraph {
                        position |= Token::PARAGRAPH_START;
                    }
                }
                if k + 1 == n {
                    position |= Token::SENTENCE_END;
                }
                if k > 0 && &doc.text[toks[k - 1].span.range()] == "," {
                    position |= Token::AFTER_COMMA;
                }
                while qi < doc.quotes.len() && doc.quotes[qi].span.end <= t.span.start {
                    qi += 1;
                }
                let quote = doc
                    .quotes
                    .get(qi)
                    .filter(|q| q.span.start <= t.span.start)
                    .map_or(QuoteState::Outside, |q| match q.shape {
                        Shape::Single => QuoteState::InsideSingle,
                        Shape::Double if t.span.start == q.span.start => QuoteState::Opening,
                        Shape::Double if t.span.end == q.span.end && !q.unbalanced => {
                            QuoteState::Closing
                        }
                        Shape::Double => QuoteState::Inside,
                    });
                while ci < doc.cues.len() && doc.cues[ci].span.end <= t.span.start {
                    ci += 1;
                }
                let cue = doc
                    .cues
                    .get(ci)
                    .filter(|c| c.span.start <= t.span.start)
                    .map(|c| TokenCue {
                        class: c.entry.class,
                        form: c.entry.form,
                        begins: c.span.start == t.span.start,
                    });
                out.push(Token {
                    span: t.span,
                    word: t.word,
                    shape: shape(&doc.text[t.span.range()], t.word),
                    quote,
                    cue,
                    position,
                    sentence: si as u32,
                    paragraph: s.paragraph as u32,
                });
            }
        }
        out
    }

    /// Runs the stages before features on `text`, then both fills.
    fn both(text: &str) -> (Vec<Token>, Vec<Token>) {
        let res = Resources::rules_only();
        let mut doc = Doc::new(text);
        for stage in STAGES.iter().take_while(|s| s.name != "features") {
            (stage.run)(&res, &mut doc);
        }
        fill(&mut doc);
        (doc.tokens.clone(), reference_fill(&doc))
    }

    #[test]
    fn one_pass_gives_the_tokens_of_the_reference() {
        let texts = [
            "",
            "\n\n\n",
            "“We won,” Roe said. U.S. voters agree.",
            "Rep. Jane O'Roe (D-Ore.) said the U.S. can't, and won't.\n\n\n\nShe’s right’ — “maybe.”",
            "\"A,\" she said, \"B.\" 'C' ``D'' 46-year-old 3.5% $1,200 R&D __x__ a_b",
            "ÉLYSÉE Élysée élysée Zürich ΑΘΗΝΑ Αθήνα 東京 ǅemal Ⅻ ²³ ½ x\u{0301}y …!? «Oui» „Ja“ ‘no’",
            "WASHINGTON — The U.N. and NATO said: “No.” Mr. Smith-Jones (R-Tex.) told reporters...",
            "A. B. C.D. e.g. i.e., U.S.-led O’Malley’s rock ’n’ roll ’90s don’t’ x’’y",
            "1st 2nd 1990s 12:30 3-2 #tag @user http://x.com/a?b=c&d=e ...",
            "\u{a0}\u{2003}word\u{2028}next\u{b}\u{1c}sep\ttab\r\nline",
            "“Unbalanced quote runs on\n\nand on. ‘single’ inside “double ‘nested’ marks”.",
        ];
        for t in texts {
            let (got, want) = both(t);
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        assert!(('\u{2000}'..='\u{206F}').all(|c| !is_word_char(c)));
    }

    proptest::proptest! {
        #[test]
        fn one_pass_follows_the_reference(s in "[a-zA-Z0-9 .,:;'’&_!?()\t\n\u{b}\u{a0}éÉ“”‘—«»…-]{0,80}") {
            let (got, want) = both(&s);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
