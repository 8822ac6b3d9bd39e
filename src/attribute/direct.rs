//! Rules for quotations in quote marks, within one sentence.

use super::frame::{self, Frame};
use super::{Claim, Kind, content_end, sentence_at};
use crate::cues::{CueClass, CueMatch, Form};
use crate::mentions::{self, Mention};
use crate::quotes::Quote;
use crate::scan::Shape;
use crate::text::trim;
use crate::{Analysis, Pipeline, Span};

/// Cues lying wholly within `[lo, hi)`.
fn cues_in(a: &Analysis, lo: usize, hi: usize) -> &[CueMatch] {
    let starting = a.cues_starting_in(Span::new(lo, hi));
    let n = starting.iter().take_while(|c| c.span.end <= hi).count();
    &starting[..n]
}

/// Skips white space and one separator (`,` `—` `–` `-` `:`) from `pos`.
fn skip_separator(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[pos..limit];
    let t = s.trim_start();
    let t = t.strip_prefix([',', '—', '–', '-', ':']).unwrap_or(t);
    let t = t.trim_start();
    limit - t.len()
}

/// Is `s` nothing but white space and punctuation?
fn is_punct_only(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '—' | '–' | '-'))
}

/// Is `s` only punctuation and short comma-set asides ("read, in part,")?
fn is_aside_only(s: &str) -> bool {
    let t = s.trim();
    if is_punct_only(t) {
        return true;
    }
    t.len() <= 80
        && t.starts_with(',')
        && t.ends_with([',', ':'])
        && t.split_whitespace().count() <= 4
        && !t.contains(['"', '“', '”'])
}

/// Skips a short comma-set aside at `pos` (", without much affection,").
fn skip_aside(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[pos..limit];
    if let Some(rest) = s.strip_prefix(',')
        && let Some(i) = rest.bytes().take(80).position(|b| b == b',')
        && rest[..i].split_whitespace().count() <= 4
        && !rest[..i].contains(['"', '“', '”'])
    {
        let after = pos + 1 + i + 1;
        return after + (text[after..limit].len() - text[after..limit].trim_start().len());
    }
    pos
}

/// Does `head` end a clause: a comma, dash or semicolon, also inside a
/// closing quote (`"within days,"`)?
fn ends_clause(head: &str) -> bool {
    let h = head.trim_end();
    let h = h.strip_suffix(['"', '”']).unwrap_or(h);
    h.ends_with([',', '—', ';'])
}

/// `m` grown to start at `start` when only a few lower-case modifiers lie
/// between ("political scientist Christopher Wlezien"); `None` when other
/// text does.
pub(super) fn widen_to(text: &str, m: Mention, start: usize) -> Option<Mention> {
    let gap = &text[start..m.span.start];
    let words = gap.split_whitespace().count();
    let plain = gap
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
        && !gap
            .split_whitespace()
            .any(|w| mentions::is_in(&["a", "an", "the"], w))
        && !gap.split_whitespace().any(mentions::is_function_word)
        && !text[m.span.range()].starts_with(char::is_lowercase);
    if gap.trim().is_empty() || (plain && words <= 3) {
        Some(Mention {
            span: Span::new(start, m.span.end),
            ..m
        })
    } else {
        None
    }
}

struct Ctx<'a> {
    p: &'a Pipeline,
    text: &'a str,
    a: &'a Analysis,
}

pub(super) fn run(p: &Pipeline, text: &str, a: &mut Analysis, used: &mut [bool]) {
    let mut claims = Vec::new();
    {
        let cx = Ctx { p, text, a };
        for qi in 0..a.quotes.len() {
            if used[qi] || a.quotes[qi].shape != Shape::Double {
                continue;
            }
            if let Some(c) = cx.trailing(qi, used).or_else(|| cx.leading(qi, used)) {
                claims.push(c);
            }
        }
    }
    a.claims.extend(claims);
}

impl Ctx<'_> {
    fn quote(&self, qi: usize) -> &Quote {
        &self.a.quotes[qi]
    }

    /// Bounds of the sentence containing `pos`.
    fn sentence(&self, pos: usize) -> Span {
        sentence_at(self.a, pos).map_or(Span::new(pos, pos), |i| self.a.sentences[i].span)
    }

    /// `"Q," X said` · `"Q," said X` · `"Q," according to X` · split quotes.
    fn trailing(&self, qi: usize, used: &mut [bool]) -> Option<Claim> {
        let q = *self.quote(qi);
        if q.unbalanced {
            return None;
        }
        let mut sent = self.sentence(q.span.end.saturating_sub(1));
        // "Why not?" she asked. — the sentence broke after the quote.
        let inner = self.text[q.inner(self.text).range()].trim_end();
        if sent.end == q.span.end
            && inner.ends_with(['?', '!'])
            && let Some(i) = sentence_at(self.a, q.span.end)
        {
            let next = self.a.sentences[i];
            if i > 0 && self.a.sentences[i - 1].paragraph == next.paragraph {
                sent = Span::new(sent.start, next.span.end);
            }
        }
        let next_q = self
            .a
            .quotes
            .get(qi + 1)
            .filter(|n| n.span.start < sent.end);
        let bound = next_q.map_or(sent.end, |n| n.span.start);
        let t0 = skip_separator(self.text, q.span.end, bound);
        let cue = *cues_in(self.a, t0, bound).first()?;
        if cue.entry.class == CueClass::AccordingTo && self.has_own_speaker(qi) {
            // `She said ... "Q," according to a transcript`: the source
            // document is the channel the words came through (`via`).
            return None;
        }
        let (speaker, rule, after_speaker) = if cue.span.start == t0 {
            let m = mentions::after(self.p, self.text, cue.span.end, bound)?;
            let rule = if cue.entry.class == CueClass::AccordingTo {
                "quote_according_to"
            } else {
                "quote_cue_speaker"
            };
            (m, rule, m.span.end)
        } else {
            if cue.entry.class == CueClass::AccordingTo {
                return None;
            }
            let m = widen_to(
                self.text,
                self.a
                    .speaker_before(self.p, self.text, t0, cue.span.start)?,
                t0,
            )?;
            (m, "quote_speaker_cue", cue.span.end)
        };
        let f = frame::parse(self.p, self.text, &cue, after_speaker, bound);
        let mut content = vec![q.span];
        used[qi] = true;
        // Split quote: "Q1," X said, "Q2."
        if let Some(n) = next_q
            && n.shape == Shape::Double
            && is_punct_only(&self.text[f.end..n.span.start])
            && !used[qi + 1]
        {
            content.push(n.span);
            used[qi + 1] = true;
        }
        Some(self.finish(Kind::Direct, content, Some(speaker), cue, f, rule))
    }

    /// `X said: "Q"` · `X told Y, "Q"` · `According to X, "Q"` · `X ...,
    /// saying "Q"` · mixed `X said (that) ... "Q" ...` · colon lead-in
    /// `X: "Q"`.
    fn leading(&self, qi: usize, used: &mut [bool]) -> Option<Claim> {
        let q = *self.quote(qi);
        if q.unbalanced || self.is_title(q) {
            return None;
        }
        let sent = self.sentence(q.span.start);
        let prev_end = qi
            .checked_sub(1)
            .map(|i| self.quote(i).span.end)
            .filter(|&e| e > sent.start)
            .unwrap_or(sent.start);
        let head = Span::new(prev_end, q.span.start);
        let cues = cues_in(self.a, head.start, head.end);
        if cues.is_empty() && self.text[head.range()].trim().is_empty() {
            return self.colon_paragraph(qi, used);
        }
        let Some(&last) = cues.last() else {
            return self.colon_lead_in(qi, head, used);
        };
        if last.entry.class == CueClass::AccordingTo {
            // According to X, "Q."
            let m = mentions::after(self.p, self.text, last.span.end, head.end)?;
            if !is_punct_only(&self.text[m.span.end..head.end]) {
                return None;
            }
            used[qi] = true;
            let f = Frame {
                end: m.span.end,
                ..Frame::default()
            };
            return Some(self.finish(
                Kind::Direct,
                vec![q.span],
                Some(m),
                last,
                f,
                "according_to_quote",
            ));
        }
        if self.text[head.start..last.span.start].trim().is_empty() {
            // Said Dorothy Poynter, who grew up with him, "We were proud."
            let m = mentions::after(self.p, self.text, last.span.end, head.end)?;
            let rest = self.text[m.span.end..head.end].trim_end();
            if !rest.ends_with([',', ':']) || rest.split_whitespace().count() > 20 {
                return None;
            }
            used[qi] = true;
            let f = frame::parse(self.p, self.text, &last, m.span.end, head.end);
            return Some(self.finish(
                Kind::Direct,
                vec![q.span],
                Some(m),
                last,
                f,
                "cue_speaker_quote",
            ));
        }
        let f = frame::parse(self.p, self.text, &last, last.span.end, head.end);
        // "X said that Obama shows “great charm”": an earlier cue of the
        // same clause with its own speaker owns the quote.
        let earlier_owner = cues[..cues.len() - 1].iter().any(|c| {
            c.entry.class == CueClass::Speech
                && !self.text[c.span.end..last.span.start].contains([',', ';', ':', '—'])
                && self.speaker_for(c, head.start, sent).is_some()
        });
        let adjacent = is_aside_only(&self.text[f.end..head.end]);
        let naming = self.p.lex.naming_verbs.contains(last.entry.lemma);
        // "a practice sometimes called “extend and pretend”": a naming verb
        // right before its quote, after a plain noun, is passive ("what she
        // called “...”" is not).
        if adjacent && naming && f.addressee.is_none() && !earlier_owner {
            let subject = self
                .a
                .speaker_before(self.p, self.text, head.start, last.span.start);
            if subject.is_none_or(|m| m.weak) {
                return None;
            }
        }
        if !earlier_owner && adjacent {
            let (speaker, rule) = self.speaker_for(&last, head.start, sent)?;
            used[qi] = true;
            let mut content = vec![q.span];
            // More quotes in the same sentence joined only by punctuation
            // continue it.
            let mut j = qi + 1;
            while let Some(n) = self.a.quotes.get(j) {
                let joined = is_punct_only(
                    &self.text[content.last().map_or(n.span.start, |c| c.end)..n.span.start],
                );
                if n.span.start >= sent.end || used[j] || !joined {
                    break;
                }
                content.push(n.span);
                used[j] = true;
                j += 1;
            }
            return Some(self.finish(Kind::Direct, content, Some(speaker), last, f, rule));
        }
        // Mixed: the reported clause of the first cue with a speaker,
        // carrying the quote.
        for cue in cues
            .iter()
            .filter(|c| c.entry.class != CueClass::AccordingTo)
        {
            let naming = self.p.lex.naming_verbs.contains(cue.entry.lemma);
            // "called the projections “conservative”": the object is short.
            if naming
                && self.text[cue.span.end..q.span.start]
                    .split_whitespace()
                    .count()
                    > 6
            {
                continue;
            }
            let Some((speaker, _)) = self.speaker_for(cue, head.start, sent) else {
                continue;
            };
            if super::in_relative_clause(self.text, self.a, speaker.span, cue.span, sent.end) {
                continue;
            }
            let f = frame::parse(self.p, self.text, cue, cue.span.end, head.end);
            let start = skip_aside(
                self.text,
                trim(self.text, Span::new(f.end, head.end)).start,
                head.end,
            );
            if self.text[start..head.end].split_whitespace().count() > 40 {
                return None;
            }
            let end = if self.p.lex.naming_verbs.contains(cue.entry.lemma) {
                q.span.end
            } else {
                self.mixed_end(qi, sent)
            };
            for (j, n) in self.a.quotes.iter().enumerate().skip(qi) {
                if n.span.start >= end {
                    break;
                }
                used[j] = true;
            }
            let content = Span::new(start, end);
            return Some(self.finish(
                Kind::Mixed,
                vec![content],
                Some(speaker),
                *cue,
                f,
                "speaker_cue_mixed",
            ));
        }
        None
    }

    /// Is `q` the title of a work ("the song “Blue Harbor”", "his book
    /// “Sin Miedo”")?
    fn is_title(&self, q: Quote) -> bool {
        let before = self.text[..q.span.start].trim_end().trim_end_matches(',');
        let last = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        crate::lexicon::has_lower(&self.p.lex.work_nouns, last)
    }

    /// Where a mixed clause carrying quote `qi` ends: at the sentence end,
    /// or at the end of the last quote before a later `, CUE` ("...,"
    /// claiming that ...), which starts a claim of its own.
    fn mixed_end(&self, qi: usize, sent: Span) -> usize {
        let q = *self.quote(qi);
        let end_sent = self.sentence(q.span.end.saturating_sub(1));
        let later = cues_in(self.a, q.span.end, end_sent.end)
            .iter()
            .find(|c| ends_clause(&self.text[..c.span.start]));
        match later {
            Some(c) => self.a.quotes[qi..]
                .iter()
                .take_while(|n| n.span.end <= c.span.start)
                .map(|n| n.span.end)
                .last()
                .unwrap_or(q.span.end),
            None => content_end(self.text, end_sent)
                .max(q.span.end)
                .max(sent.start),
        }
    }

    /// The speaker of `cue`: the phrase right before it, or for a gerund
    /// after a comma ("..., saying") the subject of the sentence.
    fn speaker_for(
        &self,
        cue: &CueMatch,
        limit: usize,
        sent: Span,
    ) -> Option<(Mention, &'static str)> {
        if let Some(m) = self
            .a
            .speaker_before(self.p, self.text, limit, cue.span.start)
        {
            // "A handwritten note": a base-form cue after a weak head is a noun.
            if m.weak && cue.entry.form == Form::Base {
                return None;
            }
            return Some((m, "speaker_cue_quote"));
        }
        let gerund_after_comma =
            cue.entry.form == Form::Gerund && self.text[..cue.span.start].trim_end().ends_with(',');
        let coordinated = mentions::is_coordinated(&self.text[sent.start..cue.span.start]);
        if !gerund_after_comma && !coordinated {
            return None;
        }
        let subject = mentions::subject(self.p, self.text, sent, cue.span.start)?;
        if coordinated {
            return Some((subject, "subject_and_cue_quote"));
        }
        Some((subject, "subject_gerund_quote"))
    }

    /// `Asked how long it could last, he said:` ¶ `"Q"` — the quote opens
    /// the paragraph after one that ends with a cue and a colon.
    fn colon_paragraph(&self, qi: usize, used: &mut [bool]) -> Option<Claim> {
        let q = *self.quote(qi);
        let pi = self.a.paragraphs.partition_point(|p| p.end <= q.span.start);
        let para = *self.a.paragraphs.get(pi)?;
        if para.start != q.span.start || pi == 0 {
            return None;
        }
        let prev = self.a.paragraphs[pi - 1];
        let colon = prev.end - 1;
        if self.text.as_bytes()[colon] != b':' {
            return None;
        }
        let sent = self.sentence(colon);
        let cue = *cues_in(self.a, sent.start, colon).last()?;
        if cue.entry.class == CueClass::AccordingTo {
            return None;
        }
        let f = frame::parse(self.p, self.text, &cue, cue.span.end, colon);
        if !is_aside_only(&self.text[f.end..colon]) {
            return None;
        }
        let (speaker, _) = self.speaker_for(&cue, sent.start, sent)?;
        used[qi] = true;
        Some(self.finish(
            Kind::Direct,
            vec![q.span],
            Some(speaker),
            cue,
            f,
            "speaker_cue_colon_paragraph",
        ))
    }

    /// `Trump: "Q"` — a short name phrase and a colon with no verb.
    fn colon_lead_in(&self, qi: usize, head: Span, used: &mut [bool]) -> Option<Claim> {
        let h = trim(self.text, head);
        let colon = h.end.checked_sub(1)?;
        if h.is_empty() || self.text.as_bytes()[colon] != b':' {
            return None;
        }
        let m = self.a.speaker_before(self.p, self.text, h.start, colon)?;
        if m.span.start != h.start || m.kind == mentions::SpeakerType::Unknown {
            return None;
        }
        used[qi] = true;
        let q = *self.quote(qi);
        let cue = CueMatch {
            span: Span::new(colon, colon + 1),
            entry: crate::cues::CueEntry {
                lemma: ":",
                class: CueClass::Speech,
                form: Form::Base,
                addressee: false,
            },
        };
        let f = Frame {
            end: colon + 1,
            ..Frame::default()
        };
        Some(self.finish(
            Kind::Direct,
            vec![q.span],
            Some(m),
            cue,
            f,
            "speaker_colon_quote",
        ))
    }

    /// Does a speech cue with a speaker lead up to quote `qi` in its
    /// sentence?
    fn has_own_speaker(&self, qi: usize) -> bool {
        let q = *self.quote(qi);
        let sent = self.sentence(q.span.start);
        let from = sent
            .start
            .max(q.span.start.saturating_sub(crate::text::WINDOW));
        cues_in(self.a, from, q.span.start).iter().any(|c| {
            c.entry.class == CueClass::Speech && self.speaker_for(c, sent.start, sent).is_some()
        })
    }

    /// `, according to a transcript seen by the Ledger` right after `end`:
    /// the phrase after "according to", to the end of the sentence.
    fn via_after(&self, end: usize) -> Option<Span> {
        let sent = self.sentence(end.saturating_sub(1));
        let rest_start = skip_separator(self.text, end, sent.end);
        let cue = cues_in(self.a, rest_start, sent.end).first().copied()?;
        if cue.span.start != rest_start || cue.entry.class != CueClass::AccordingTo {
            return None;
        }
        let v = trim(
            self.text,
            Span::new(cue.span.end, content_end(self.text, sent)),
        );
        (!v.is_empty()).then_some(v)
    }

    fn finish(
        &self,
        kind: Kind,
        content: Vec<Span>,
        speaker: Option<Mention>,
        cue: CueMatch,
        f: Frame,
        rule: &'static str,
    ) -> Claim {
        let end = content.last().map_or(0, |s| s.end);
        let mut c = Claim::new(kind, content, speaker, Some(cue.span), rule);
        c.addressee = f.addressee;
        c.channel = f.channel;
        if cue.entry.class != CueClass::AccordingTo {
            c.via = self.via_after(end);
        }
        c
    }
}
