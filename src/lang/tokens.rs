//! Tokens: every word and punctuation mark of a document's sentences,
//! with what can be read of each without a model.
//!
//! Reads: the text, paragraphs, sentences, quotes and cues of a [`Doc`].
//! Adds: `doc.tokens` (the tokenizer of [`super::text`]), each with its
//! [`TokenShape`], its [`QuoteState`], the cue it is part of, and its
//! sentence and paragraph. Guarantees: tokens are in text order,
//! disjoint, on character boundaries, and each lies in a sentence. The
//! features stage and training both fill tokens here; the model reads
//! them.

use crate::doc::{Doc, QuoteState, Shape, Span, Token, TokenCue, TokenShape};
use crate::lang::text::{Tok, tokenize};

/// Fills `doc.tokens` from the stages before this one.
pub fn fill(doc: &mut Doc) {
    let mut toks: Vec<Tok> = Vec::new();
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
    let mut qi = 0;
    let mut ci = 0;
    for (si, s) in sentences.iter().enumerate() {
        toks.clear();
        tokenize(text, s.span, &mut toks);
        let first_of_paragraph = paragraphs
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
            if k > 0 && &text[toks[k - 1].span.range()] == "," {
                position |= Token::AFTER_COMMA;
            }
            // Quotes and cues are sorted and disjoint: walk them along.
            while qi < quotes.len() && quotes[qi].span.end <= t.span.start {
                qi += 1;
            }
            let quote = quotes
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
            while ci < cues.len() && cues[ci].span.end <= t.span.start {
                ci += 1;
            }
            let cue = cues
                .get(ci)
                .filter(|c| c.span.start <= t.span.start)
                .map(|c| TokenCue {
                    class: c.entry.class,
                    form: c.entry.form,
                    begins: c.span.start == t.span.start,
                });
            tokens.push(Token {
                span: t.span,
                word: t.word,
                shape: shape(&text[t.span.range()], t.word),
                quote,
                cue,
                position,
                sentence: si as u32,
                paragraph: s.paragraph as u32,
            });
        }
    }
}

/// The shape of a token.
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
