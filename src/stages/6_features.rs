//! **features** — every token of the document, once, with what the trained
//! model reads of it without knowing the model.
//!
//! Reads: the text, paragraphs, sentences, quotes and cues. Adds:
//! `doc.tokens`: the words and punctuation marks of the text (the
//! tokenizer of `lang::text`, filled by `lang::tokens`), each with its
//! `TokenShape`, its `QuoteState`, the cue it is part of, and its sentence and paragraph.
//! Guarantees: tokens are in text order, disjoint, on character
//! boundaries, and every token lies in a paragraph and a sentence (text
//! outside every sentence, which is only white space, has none).

use crate::doc::Doc;
use crate::lang::tokens::fill;

/// The stage: fills `doc.tokens` (only the model reads them: without one
/// the stage leaves them empty).
pub fn run(r: &super::Resources, doc: &mut Doc) {
    if r.model(doc.lang).is_none() {
        doc.tokens.clear();
        return;
    }
    fill(doc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{QuoteState, TokenCue, TokenShape};
    use crate::stages::{Resources, STAGES};

    fn tokens(text: &str) -> Vec<(String, TokenShape, QuoteState, Option<TokenCue>, u32)> {
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
        assert!(t[6].3.is_some_and(|c| c.begins), "said is a cue");
        assert_eq!(t[5].3, None);
        assert_eq!(t[7].4, 0);
        assert_eq!(t[8].4, 1);
    }
}
