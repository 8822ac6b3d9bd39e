//! The words that follow a cue and complete it: an addressee ("told
//! reporters", "said to the committee"), a channel ("in a statement", "on
//! social media", "at a news conference", "in an interview with CNN") and
//! time phrases ("on Friday", "last week"), which are skipped.

use crate::cues::CueMatch;
use crate::lexicon::{WordList, has_lower};
use crate::mentions::{self, is_in};
use crate::text::{Tok, with_tokens};
use crate::{Pipeline, Span};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    pub addressee: Option<Span>,
    pub channel: Option<Span>,
    /// Where the frame ends: the first byte not taken by it.
    pub end: usize,
}

const CHANNEL_PREPS: WordList<7> =
    WordList::new(["at", "during", "in", "on", "over", "through", "via"]);
const TIME_WORDS: WordList<28> = WordList::new([
    "afternoon",
    "again",
    "also",
    "earlier",
    "early",
    "evening",
    "friday",
    "last",
    "late",
    "later",
    "monday",
    "month",
    "morning",
    "night",
    "previously",
    "recently",
    "saturday",
    "sunday",
    "this",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "year",
    "yesterday",
]);
const OBJECT_PRONOUNS: WordList<6> = WordList::new(["her", "him", "me", "them", "us", "you"]);

/// Parses the frame of `cue` from `start` (the end of the cue or of an
/// inverted speaker) up to `limit`.
pub fn parse(p: &Pipeline, text: &str, cue: &CueMatch, start: usize, limit: usize) -> Frame {
    let limit = limit.min(crate::text::floor_boundary(
        text,
        start + crate::text::WINDOW,
    ));
    with_tokens(text, Span::new(start, limit), |toks| {
        parse_in(p, text, cue, Span::new(start, limit), toks)
    })
}

/// [`parse`] over the tokens of `window`.
fn parse_in(p: &Pipeline, text: &str, cue: &CueMatch, window: Span, toks: &[Tok]) -> Frame {
    let (start, limit) = (window.start, window.end);
    let mut f = Frame {
        end: start,
        ..Frame::default()
    };
    let w = |t: &Tok| &text[t.span.range()];
    let mut k = 0;
    let mut rounds = 0;
    while k < toks.len() && rounds < 6 {
        rounds += 1;
        let t = toks[k];
        let s = w(&t);
        if !t.word {
            break;
        }
        // Addressee right after the verb: "told reporters", "told him".
        if cue.entry.addressee && f.addressee.is_none() && f.channel.is_none() && k == 0 {
            if OBJECT_PRONOUNS.has(s) {
                f.addressee = Some(t.span);
                k += 1;
                f.end = t.span.end;
                continue;
            }
            if let Some(m) = mentions::after(p, text, t.span.start, limit) {
                f.addressee = Some(m.span);
                f.end = m.span.end;
                k = toks.partition_point(|x| x.span.start < m.span.end);
                continue;
            }
            // "told reporters", "told a news conference", "told the board"
            let plain = |x: &str| {
                !mentions::is_function_word(x)
                    && !TIME_WORDS.has(x)
                    && x.chars().all(char::is_lowercase)
            };
            let det = is_in(&["a", "an", "the", "his", "her", "their"], s);
            let mut j = k + usize::from(det);
            while j < toks.len() && j < k + 4 && toks[j].word && plain(w(&toks[j])) {
                j += 1;
            }
            if j > k + usize::from(det) {
                f.addressee = Some(Span::new(t.span.start, toks[j - 1].span.end));
                f.end = toks[j - 1].span.end;
                k = j;
                continue;
            }
        }
        // "said to reporters"
        if s.eq_ignore_ascii_case("to") && f.addressee.is_none() && k + 1 < toks.len() {
            let next = toks[k + 1];
            if OBJECT_PRONOUNS.has(w(&next)) {
                f.addressee = Some(next.span);
                f.end = next.span.end;
                k += 2;
                continue;
            }
            if let Some(m) = mentions::after(p, text, next.span.start, limit) {
                f.addressee = Some(m.span);
                f.end = m.span.end;
                k = toks.partition_point(|x| x.span.start < m.span.end);
                continue;
            }
            break;
        }
        if CHANNEL_PREPS.has(s) && f.channel.is_none() {
            // Look for a channel noun within the next few words.
            let mut j = k + 1;
            let mut found = None;
            while j < toks.len() && j <= k + 5 && toks[j].word {
                let x = w(&toks[j]);
                if has_lower(&p.lex.channel_nouns, x) || p.lex.outlets.contains(&x) {
                    found = Some(j);
                }
                if is_in(&["with", "to"], x) && found.is_some() {
                    break;
                }
                j += 1;
            }
            if let Some(mut j) = found {
                // "in an interview with CNN"
                if toks.get(j + 1).is_some_and(|t| w(t) == "with")
                    && let Some(m) = mentions::after(
                        p,
                        text,
                        toks.get(j + 2).map_or(limit, |t| t.span.start),
                        limit,
                    )
                {
                    j = toks.partition_point(|x| x.span.start < m.span.end) - 1;
                }
                f.channel = Some(Span::new(t.span.start, toks[j].span.end));
                f.end = toks[j].span.end;
                k = j + 1;
                continue;
            }
        }
        // Time phrases: "on Friday", "last week", "earlier this month".
        let is_time = |x: &str| TIME_WORDS.has(x) || x.chars().all(|c| c.is_ascii_digit());
        if is_time(s)
            || (s.eq_ignore_ascii_case("on") && toks.get(k + 1).is_some_and(|t| is_time(w(t))))
        {
            k += 1;
            while k < toks.len() && toks[k].word && is_time(w(&toks[k])) {
                k += 1;
            }
            f.end = toks[k - 1].span.end;
            continue;
        }
        break;
    }
    f
}
