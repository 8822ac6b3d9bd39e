//! Voice: whether a cue's verb group is passive or raising, and the
//! agent of a passive.
//!
//! Reads: the text of a cue, the words around it and the lexicons (be
//! forms, participles, raising verbs, relatives). Adds: nothing; the
//! sieve and the model stage ask it. Guarantees: plain tests on words,
//! no state. Two passive tests answer two questions, each as its callers
//! measured it: [`ends_in_passive_auxiliary`] (the sieve: is the verb
//! after these words passive, "was asked", "were not expected") and
//! [`passive_cue`] (the model: does a cue stretch that holds its own
//! auxiliary report without a speaker, "is expected to", leaving out
//! adjectival ones, "are concerned about").

use crate::doc::{Mention, Span};
use crate::lang::mentions;
use crate::lang::text::trim;
use crate::lexicon::Lexicons;

/// Does `head` end with a form of "be" (and adverbs), making the verb after
/// it passive ("was asked", "were not expected")?
pub fn ends_in_passive_auxiliary(lex: &Lexicons, head: &str) -> bool {
    for w in head.split_whitespace().rev().take(3) {
        if lex.passive_auxiliaries.has(w) {
            return true;
        }
        if !lex.passive_adverbs.has(w) {
            return false;
        }
    }
    false
}

/// Is a cue an agentless passive of reporting or expecting: a form of
/// "be" (after a modal or not) and one of the participles whose subject is
/// what is spoken of ("is expected to", "could be seen as", "was
/// reported")? Adjectival ones ("are concerned about", "is divided over")
/// keep their subject as the source, as the annotators do.
pub fn passive_cue(lex: &Lexicons, cue: &str) -> bool {
    let words: Vec<String> = cue.split_whitespace().map(|w| w.to_lowercase()).collect();
    let Some(b) = words.iter().position(|w| lex.be_forms.has(w)) else {
        return false;
    };
    // Only the verb group: "be" first, or after a modal or "not"; the
    // participle next, or after one adverb ("is widely expected").
    b <= 2
        && words[b + 1..]
            .iter()
            .take(2)
            .any(|w| lex.reporting_participles.has(w))
}

/// The agent of a passive cue: the speaker phrase after a "by" that ends
/// the cue or follows it ("was reported by The Daily Ledger").
pub fn agent_after(lex: &Lexicons, text: &str, cue: Span, sent: Option<Span>) -> Option<Mention> {
    let sent = sent?;
    let c = &text[cue.range()];
    let start = if c.ends_with(" by") {
        cue.end
    } else {
        let rest = &text[cue.end..sent.end.max(cue.end)];
        let t = rest.trim_start();
        if !t.starts_with("by ") {
            return None;
        }
        cue.end + (rest.len() - t.len()) + 2
    };
    let from = trim(text, Span::new(start, sent.end)).start;
    let mut m = mentions::after(lex, text, from, sent.end)?;
    // "by The Daily Ledger, which cited ...": the outlet, not the clause.
    let t = &text[m.span.range()];
    if let Some(i) = lex
        .agent_relatives
        .iter()
        .filter_map(|w| t.rfind(w.as_str()))
        .max()
    {
        m.span.end = m.span.start + i;
    }
    (!m.weak && !m.span.is_empty()).then_some(m)
}

/// Does a cue start with a raising verb, whose subject is what it says
/// something of ("seems to", "appeared", "on Tuesday seemed")?
pub fn raising_cue(lex: &Lexicons, cue: &str) -> bool {
    cue.split_whitespace()
        .take(3)
        .any(|w| lex.raising_verbs.has(&w.to_lowercase()))
}

/// Does a model claim's cue read as a participle after a comma (", adding
/// that ...", ", saying ...")?
pub fn participle_cue(text: &str, cue: Span) -> bool {
    let first = text[cue.range()].split_whitespace().next().unwrap_or("");
    first.len() > 4
        && first.ends_with("ing")
        && first.chars().all(|c| c.is_alphabetic())
        && text[..cue.start].trim_end().ends_with(',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    #[test]
    fn agentless_passives_are_told_from_adjectives_and_actives() {
        let lex = Lexicons::of(Lang::En);
        for yes in [
            "is expected to",
            "could be seen as",
            "are widely expected",
            "was reported",
            "is not considered",
        ] {
            assert!(passive_cue(lex, yes), "{yes}");
        }
        for no in [
            "said",
            "is telling",
            "are concerned about",
            "is divided over",
            "has said",
            "expected",
        ] {
            assert!(!passive_cue(lex, no), "{no}");
        }
    }
}
