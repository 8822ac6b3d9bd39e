//! **after** — the speaker phrase that starts just after a cue ("said
//! the spokesman", "says Rep. Jane Roe (D-Ore.)").
//!
//! Reads: the tokens from the cue's end up to a limit. Gives: a pronoun
//! alone, or a phrase of determiners and modifiers up to a head (a name or
//! a role noun), with a title's period, a parenthetical and an
//! affiliation ("of the agency") kept; typed by [`classify`]. Guarantees:
//! the phrase starts at the first token, lies within the limit and ends on
//! its head or a closing bracket; no phrase without a head.

use super::{classify, is_name_word, is_nounish};
use crate::doc::{Mention, Span};
use crate::lang::text::{Tok, WINDOW, floor_boundary, is_capitalized, with_tokens};
use crate::lexicon::Lexicons;

/// The speaker phrase starting just after `start` ("said the spokesman",
/// "says Rep. Jane Roe (D-Ore.)"), ending no later than `limit`.
pub fn after(lex: &Lexicons, text: &str, start: usize, limit: usize) -> Option<Mention> {
    let limit = floor_boundary(text, limit.min(start + WINDOW));
    if limit <= start {
        return None;
    }
    with_tokens(text, Span::new(start, limit), |toks| {
        after_in(lex, text, toks)
    })
}

fn after_in(lex: &Lexicons, text: &str, toks: &[Tok]) -> Option<Mention> {
    let w = |t: &Tok| &text[t.span.range()];
    let first = toks.first()?;
    let s0 = w(first);
    if first.word && lex.pronouns.has(s0) {
        return Some(Mention {
            span: first.span,
            kind: classify(lex, text, first.span),
            weak: false,
        });
    }
    let mut end_tok = None;
    let mut has_head = false;
    let mut k = 0;
    while k < toks.len() && k < 16 {
        let t = toks[k];
        let s = w(&t);
        if !t.word {
            if s == "."
                && k > 0
                && toks[k - 1].span.end == t.span.start
                && lex.titles.contains(w(&toks[k - 1]))
            {
                k += 1;
                continue;
            }
            if s == "("
                && has_head
                && let Some(j) = toks[k..(k + 8).min(toks.len())]
                    .iter()
                    .position(|t| w(t) == ")")
            {
                k += j;
                end_tok = Some(k);
                k += 1;
                continue;
            }
            break;
        }
        if lex.determiners.has(s) && !has_head {
            k += 1;
            continue;
        }
        // "one of those advisers"
        if s == "of" && !has_head && k > 0 && lex.determiners.has(w(&toks[k - 1])) {
            k += 1;
            continue;
        }
        if is_name_word(lex, s) || is_nounish(lex, s) {
            has_head = true;
            end_tok = Some(k);
            k += 1;
            continue;
        }
        if lex.affiliation_preps.has(s) && has_head {
            let next = toks.get(k + 1).map(w).unwrap_or("");
            if lex.determiners.has(next) || is_name_word(lex, next) {
                k += 1;
                continue;
            }
            break;
        }
        if !has_head
            && !is_capitalized(s)
            && !lex.function_words.has(s)
            && !lex.auxiliaries.has(s)
            && k <= 3
        {
            // adjectives and noun modifiers after a determiner: "the senior official"
            k += 1;
            continue;
        }
        break;
    }
    let end_tok = end_tok?;
    let span = Span::new(first.span.start, toks[end_tok].span.end);
    Some(Mention {
        span,
        kind: classify(lex, text, span),
        weak: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SpeakerType;

    fn after_of(s: &str, cue: &str) -> Option<(String, SpeakerType)> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let start = s.find(cue).unwrap() + cue.len();
        after(lex, s, start, s.len()).map(|m| (s[m.span.range()].to_string(), m.kind))
    }

    #[test]
    fn inversion() {
        assert_eq!(
            after_of("said Sen. Jane Roe, who", "said "),
            Some(("Sen. Jane Roe".into(), SpeakerType::Person))
        );
        assert_eq!(
            after_of("said the spokesman.", "said "),
            Some(("the spokesman".into(), SpeakerType::Anonymous))
        );
        assert_eq!(
            after_of("said he.", "said "),
            Some(("he".into(), SpeakerType::Person))
        );
        assert_eq!(after_of("said in a statement", "said "), None);
    }
}
