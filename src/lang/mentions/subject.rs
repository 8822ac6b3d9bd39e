//! **subject** — the subject of a sentence as the speaker of a cue that
//! has none of its own, and the opening words that name no one.
//!
//! Reads: the sentence up to the cue. Gives: the phrase at its start
//! (found by [`after`]), else the first phrase after a comma that a verb
//! follows ("On Tuesday, Romney told"); never an opening word
//! ([`is_opener`]: "Still", "Speaking", "It's"). Guarantees: the phrase
//! lies between the sentence start and the cue.

use super::after;
use crate::doc::{Mention, Span};
use crate::lang::text::floor_boundary;
use crate::lexicon::Lexicons;

/// The subject of the sentence `sent` as the speaker of a cue that has
/// none of its own: after "and"/"but" ("She shook her head and said") or
/// for a gerund after a comma ("..., saying"). Looks at the start of the
/// sentence, then after an opening phrase ("On Tuesday, Romney ..."); an
/// opening word that names no one ("Speaking at a rally, ...") is not a
/// subject.
pub fn subject(lex: &Lexicons, text: &str, sent: Span, cue_start: usize) -> Option<Mention> {
    if cue_start < sent.start {
        return None;
    }
    after(lex, text, sent.start, cue_start)
        .filter(|m| !is_opener(lex, text, m.span))
        .or_else(|| {
            let from = sent.start;
            let head = &text[from..floor_boundary(text, cue_start.min(from + 200))];
            let commas = head.match_indices(',').map(|(i, _)| from + i + 1);
            // The first phrase after a comma that a verb follows ("On
            // Tuesday in Salem, New Hampshire, Romney told ...").
            let mut first = None;
            for c in commas {
                let Some(m) = after(lex, text, c, cue_start) else {
                    continue;
                };
                first.get_or_insert(m);
                let next = text[m.span.end..cue_start].trim_start();
                if next.is_empty() || next.starts_with(|ch: char| ch.is_lowercase()) {
                    return Some(m);
                }
            }
            first
        })
}

/// Is the one-word phrase at `span` a word that opens a sentence without
/// naming anyone: an adverb, a preposition or a participle ("Still",
/// "Despite", "Speaking", "Recently"), or a contraction of "it", "that",
/// "there" ("It's")? A word in "-ing" or "-ly" that `text` also
/// capitalizes inside a sentence is a name ("Manning", "Beverly").
pub fn is_opener(lex: &Lexicons, text: &str, span: Span) -> bool {
    let phrase = &text[span.range()];
    if phrase.contains(char::is_whitespace) {
        return false;
    }
    let w = phrase.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
    let lower = w.to_lowercase();
    if lex.openers.has(&lower) || lex.opener_contractions.has(&lower) {
        return true;
    }
    lower.len() > 5
        && (lower.ends_with("ing") || lower.ends_with("ly"))
        && w.chars().next().is_some_and(char::is_uppercase)
        && !{
            // Within 20 kB either side: enough for an article, and a long
            // input costs no more per call.
            let lo = floor_boundary(text, span.start.saturating_sub(20_000));
            let hi = floor_boundary(text, (span.end + 20_000).min(text.len()));
            text[lo..hi].match_indices(w).any(|(i, _)| {
                let i = lo + i;
                let before = text[..i].trim_end_matches([' ', '\t']);
                before.ends_with(|c: char| c.is_alphanumeric() || c == ',')
                    && text[i + w.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        }
}

/// Does the text before a cue end with a coordinating "and"/"but", so that
/// the cue shares the sentence subject?
pub fn is_coordinated(lex: &Lexicons, head: &str) -> bool {
    let h = head.trim_end();
    lex.cue_coordinators.iter().any(|c| h.ends_with(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(s: &str, cue: &str) -> Option<String> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let end = s.find(cue).unwrap();
        subject(lex, s, Span::new(0, s.len()), end).map(|m| s[m.span.range()].to_string())
    }

    #[test]
    fn the_subject_comes_after_an_opening_word_or_phrase() {
        for (s, cue, want) in [
            ("She shook her head and said no.", "said", "She"),
            ("On Tuesday, Romney told donors ...", "told", "Romney"),
            // An opening participle or adverb names no one.
            (
                "Speaking to reporters, the mayor defended the budget, arguing ...",
                "arguing",
                "the mayor",
            ),
            (
                "Still, the union's leaders rejected the offer, saying ...",
                "saying",
                "the union's leaders",
            ),
            // The phrase a verb follows, not a place in the opening clause.
            (
                "Speaking in Salem, New Hampshire, Okafor went after Bush, calling ...",
                "calling",
                "Okafor",
            ),
        ] {
            assert_eq!(subject_of(s, cue).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn openers_are_words_that_name_no_one() {
        let opener = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            is_opener(
                Lexicons::of(crate::lexicon::Lang::En),
                s,
                Span::new(i, i + w.len()),
            )
        };
        for (s, w) in [
            ("Speaking to reporters, Hale said ...", "Speaking"),
            ("Still, they said ...", "Still"),
            ("Recently, Hale argued ...", "Recently"),
            ("It's clear, Hale said, that ...", "It's"),
            ("That\u{2019}s wrong, Hale said.", "That\u{2019}s"),
            ("Last week, Hale said ...", "Last"),
        ] {
            assert!(opener(s, w), "{w} in {s}");
        }
        for (s, w) in [
            ("Trump said ...", "Trump"),
            ("Critics said ...", "Critics"),
            ("Officials at the port said ...", "Officials"),
            (
                "Sterling said the deal was off. A lawyer for Sterling declined.",
                "Sterling",
            ),
            ("the mayor said", "the mayor"),
        ] {
            assert!(!opener(s, w), "{w} in {s}");
        }
    }
}
