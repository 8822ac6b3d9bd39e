//! The words that follow a cue and complete it: an addressee ("told
//! reporters", "said to the committee"), a channel ("in a statement", "on
//! social media", "at a news conference", "in an interview with CNN") and
//! time phrases ("on Friday", "last week"), which are skipped.

use crate::doc::{CueMatch, Span};
use crate::lang::mentions;
use crate::lang::text::{Tok, WINDOW, floor_boundary, with_tokens};
use crate::lexicon::{Lexicons, has_lower};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    pub addressee: Option<Span>,
    pub channel: Option<Span>,
    /// Where the frame ends: the first byte not taken by it.
    pub end: usize,
}

/// Parses the frame of `cue` from `start` (the end of the cue or of an
/// inverted speaker) up to `limit`.
pub fn parse(lex: &Lexicons, text: &str, cue: &CueMatch, start: usize, limit: usize) -> Frame {
    let limit = limit.min(floor_boundary(text, start + WINDOW));
    with_tokens(text, Span::new(start, limit), |toks| {
        Parser {
            lex,
            text,
            cue,
            limit,
            toks,
            f: Frame {
                end: start,
                ..Frame::default()
            },
        }
        .parse()
    })
}

/// The tokens after a cue and the frame read from them so far.
struct Parser<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    cue: &'a CueMatch,
    limit: usize,
    toks: &'a [Tok],
    f: Frame,
}

/// What one part of the frame took: the token to go on from.
type Next = Option<usize>;

impl Parser<'_> {
    fn w(&self, k: usize) -> &str {
        &self.text[self.toks[k].span.range()]
    }

    /// Reads up to six parts, each an addressee, a channel or a time
    /// phrase, stopping at the first token that is none of them.
    fn parse(mut self) -> Frame {
        let mut k = 0;
        let mut rounds = 0;
        while k < self.toks.len() && rounds < 6 {
            rounds += 1;
            if !self.toks[k].word {
                break;
            }
            let next = self
                .object_addressee(k)
                .or_else(|| self.said_to_addressee(k))
                .or_else(|| self.channel(k))
                .or_else(|| self.time(k));
            match next {
                Some(n) => k = n,
                None => break,
            }
        }
        self.f
    }

    /// Takes `span` as the addressee; the frame goes on after it.
    fn take_addressee(&mut self, span: Span) -> Next {
        self.f.addressee = Some(span);
        self.f.end = span.end;
        Some(self.toks.partition_point(|x| x.span.start < span.end))
    }

    /// Addressee right after a verb that takes one: "told reporters",
    /// "told him", "told a news conference", "told the board".
    fn object_addressee(&mut self, k: usize) -> Next {
        if !self.cue.entry.addressee
            || self.f.addressee.is_some()
            || self.f.channel.is_some()
            || k != 0
        {
            return None;
        }
        let t = self.toks[k];
        if self.lex.object_pronouns.has(self.w(k)) {
            return self.take_addressee(t.span);
        }
        if let Some(m) = mentions::after(self.lex, self.text, t.span.start, self.limit) {
            return self.take_addressee(m.span);
        }
        let plain = |x: &str| {
            !mentions::is_function_word(self.lex, x)
                && !self.lex.time_words.has(x)
                && x.chars().all(char::is_lowercase)
        };
        let det = usize::from(self.lex.addressee_determiners.has(self.w(k)));
        let mut j = k + det;
        // A determiner past the first word opens the reported clause:
        // "told shareholders the merger was on schedule".
        while j < self.toks.len()
            && j < k + 4
            && self.toks[j].word
            && plain(self.w(j))
            && !(j > k && self.lex.determiners.has(self.w(j)))
        {
            j += 1;
        }
        if j > k + det {
            return self.take_addressee(Span::new(t.span.start, self.toks[j - 1].span.end));
        }
        None
    }

    /// "said to reporters", "said to him": a "to" that finds no addressee
    /// ends the frame.
    fn said_to_addressee(&mut self, k: usize) -> Next {
        if !self.w(k).eq_ignore_ascii_case("to")
            || self.f.addressee.is_some()
            || k + 1 >= self.toks.len()
        {
            return None;
        }
        let next = self.toks[k + 1];
        if self.lex.object_pronouns.has(self.w(k + 1)) {
            return self.take_addressee(next.span);
        }
        let m = mentions::after(self.lex, self.text, next.span.start, self.limit);
        // No addressee: stop the frame here, as no other part starts with
        // "to".
        self.take_addressee(m?.span)
    }

    /// "in a statement", "on social media", "in an interview with CNN":
    /// a channel preposition with a channel noun (or an outlet) within
    /// the next few words.
    fn channel(&mut self, k: usize) -> Next {
        if !self.lex.channel_preps.has(self.w(k)) || self.f.channel.is_some() {
            return None;
        }
        let mut j = k + 1;
        let mut found = None;
        while j < self.toks.len() && j <= k + 5 && self.toks[j].word {
            let x = self.w(j);
            if has_lower(&self.lex.channel_nouns, x) || self.lex.outlets.contains(&x) {
                found = Some(j);
            }
            if (x.eq_ignore_ascii_case("with") || x.eq_ignore_ascii_case("to")) && found.is_some() {
                break;
            }
            j += 1;
        }
        let mut j = found?;
        // "in an interview with CNN"
        if self
            .toks
            .get(j + 1)
            .is_some_and(|_| self.w(j + 1) == "with")
        {
            let from = self.toks.get(j + 2).map_or(self.limit, |t| t.span.start);
            if let Some(m) = mentions::after(self.lex, self.text, from, self.limit) {
                j = self.toks.partition_point(|x| x.span.start < m.span.end) - 1;
            }
        }
        self.f.channel = Some(Span::new(self.toks[k].span.start, self.toks[j].span.end));
        self.f.end = self.toks[j].span.end;
        Some(j + 1)
    }

    /// Time phrases, skipped: "on Friday", "last week", "earlier this
    /// month", "in 2015".
    fn time(&mut self, k: usize) -> Next {
        let is_time = |x: &str| self.lex.time_words.has(x) || x.chars().all(|c| c.is_ascii_digit());
        let s = self.w(k);
        let on_time = s.eq_ignore_ascii_case("on")
            && self.toks.get(k + 1).is_some()
            && is_time(self.w(k + 1));
        if !is_time(s) && !on_time {
            return None;
        }
        let mut k = k + 1;
        while k < self.toks.len() && self.toks[k].word && is_time(self.w(k)) {
            k += 1;
        }
        self.f.end = self.toks[k - 1].span.end;
        Some(k)
    }
}

/// Where a reported clause starts when the words after a cue open with an
/// adjunct the frame did not take and a "that" follows ("said in one of a
/// series of messages that ...", "said privately that ...", "argued by
/// letter that ..."): at the "that", when it comes within 120 bytes with
/// no punctuation before it. The annotators leave such adjuncts out of the
/// content more often than in after "in", "at", "by", "from", an "-ly"
/// adverb or "audience"; after "to", "for", "about" or an article they do
/// not, and those stay.
pub fn that_after_adjunct(lex: &Lexicons, text: &str, start: usize, end: usize) -> Option<usize> {
    let s = &text[start..floor_boundary(text, end.min(start + 120))];
    let first = s.split_whitespace().next()?.to_ascii_lowercase();
    let adjunct = lex.adjunct_openers.has(&first)
        || (first.len() > 4 && first.ends_with("ly") && first.chars().all(|c| c.is_alphabetic()));
    if !adjunct {
        return None;
    }
    let mut at = 0;
    for w in s.split_inclusive(char::is_whitespace) {
        let word = w.trim_end();
        if word.contains(|c: char| c.is_ascii_punctuation() || matches!(c, '“' | '”' | '’' | '—'))
            && word != "that"
        {
            return None;
        }
        if at > 0 && word == "that" {
            return Some(start + at);
        }
        at += w.len();
    }
    None
}
