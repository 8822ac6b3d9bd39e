//! **features** — every token of the document, once, with what the trained
//! model reads of it without knowing the model.
//!
//! Reads: the text, paragraphs, sentences, quotes and cues. Adds:
//! `doc.tokens`: the words and punctuation marks of the text (the
//! tokenizer of `lang::text`), each with its [`TokenShape`], its
//! [`QuoteState`], the cue it is part of, and its sentence and paragraph.
//! Guarantees: tokens are in text order, disjoint, on character
//! boundaries, and every token lies in a paragraph and a sentence (text
//! outside every sentence, which is only white space, has none).

use crate::doc::{Doc, QuoteState, Shape, Span, Token, TokenShape};
use crate::lang::text::{Tok, tokenize};

/// The stage: fills `doc.tokens` (only the model reads them: without one
/// the stage leaves them empty).
pub fn run(r: &super::Resources, doc: &mut Doc) {
    if r.model().is_none() {
        doc.tokens.clear();
        return;
    }
    fill(doc);
}

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
                .map_or(0, |c| {
                    Token::cue_code(&c.entry, c.span.start < t.span.start)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::{Resources, STAGES};

    fn tokens(text: &str) -> Vec<(String, TokenShape, QuoteState, u8, u32)> {
        let res = Resources::rules_only();
        let mut doc = Doc::new(text);
        for stage in STAGES.iter().take_while(|s| s.name != "features") {
            (stage.run)(&res, &mut doc);
        }
        fill(&mut doc);
        doc.tokens
            .iter()
            .map(|t| {
                (
                    text[t.span.range()].to_string(),
                    t.shape,
                    t.quote,
                    t.cue,
                    t.sentence,
                )
            })
            .collect()
    }

    #[test]
    fn tokens_carry_shape_quote_cue_and_sentence() {
        let t = tokens("“We won,” Roe said. U.S. voters agree.");
        let words: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "“", "We", "won", ",", "”", "Roe", "said", ".", "U.S", ".", "voters", "agree", "."
            ]
        );
        assert_eq!(t[0].2, QuoteState::Opening);
        assert_eq!(t[1].2, QuoteState::Inside);
        assert_eq!(t[4].2, QuoteState::Closing);
        assert_eq!(t[5].2, QuoteState::Outside);
        assert_eq!(t[1].1, TokenShape::Capitalized);
        assert_eq!(t[2].1, TokenShape::Lower);
        assert_eq!(t[8].1, TokenShape::Mixed);
        assert_eq!(t[3].1, TokenShape::Comma);
        assert!(t[6].3 > 0, "said is a cue");
        assert_eq!(t[5].3, 0);
        assert_eq!(t[7].4, 0);
        assert_eq!(t[8].4, 1);
    }
}
