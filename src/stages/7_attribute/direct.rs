//! Rules for quotations in quote marks, within one sentence.

use super::{Sieve, with_frame};
use crate::doc::{
    Claim, CueClass, CueEntry, CueMatch, Form, Kind, Mention, Quote, Rule, Shape, Span, SpeakerType,
};
use crate::lang::frame::Frame;
use crate::lang::mentions;
use crate::lang::text::{WINDOW, more_words_than, trim};
use crate::lexicon::has_lower;
use crate::lexicon::{Lang, Lexicons};

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
        && !more_words_than(t, 4)
        && !t.contains(['"', '“', '”'])
}

/// Skips a short comma-set aside at `pos` (", without much affection,").
fn skip_aside(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[pos..limit];
    if let Some(rest) = s.strip_prefix(',')
        && let Some(i) = rest.bytes().take(80).position(|b| b == b',')
        && !more_words_than(&rest[..i], 4)
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
pub(super) fn widen_to(lex: &Lexicons, text: &str, m: Mention, start: usize) -> Option<Mention> {
    let gap = &text[start..m.span.start];
    let words = gap.split_whitespace().count();
    let plain = gap
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
        && !gap.split_whitespace().any(|w| lex.articles.has(w))
        && !gap
            .split_whitespace()
            .any(|w| mentions::is_function_word(lex, w))
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

/// `"Q," X said` · `"Q," said X` · `"Q," according to X` · split quotes.
pub(super) fn trailing(s: &Sieve, qi: usize, used: &mut [bool]) -> Option<Claim> {
    let text = s.text();
    let q = s.quote(qi);
    if q.unbalanced {
        return None;
    }
    let mut sent = s.sentence(q.span.end.saturating_sub(1));
    // "Why not?" she asked. — the sentence broke after the quote.
    let inner = text[q.inner(text).range()].trim_end();
    if sent.end == q.span.end
        && inner.ends_with(['?', '!'])
        && let Some(i) = s.doc.sentence_at(q.span.end)
    {
        let next = s.doc.sentences[i];
        if i > 0 && s.doc.sentences[i - 1].paragraph == next.paragraph {
            sent = Span::new(sent.start, next.span.end);
        }
    }
    let next_q = s.doc.quotes.get(qi + 1).filter(|n| n.span.start < sent.end);
    let bound = next_q.map_or(sent.end, |n| n.span.start);
    let t0 = skip_separator(text, q.span.end, bound);
    let cue = *s.cues_in(t0, bound).first()?;
    if cue.entry.class == CueClass::AccordingTo && has_own_speaker(s, qi) {
        // `She said ... "Q," according to a transcript`: the source
        // document is the channel the words came through (`via`).
        return None;
    }
    // German: the clause after the quotation opens with its verb, an
    // auxiliary or "wie" ("„Q“, sagte X", "„Q“, hatte X gesagt", "„Q“,
    // wie X sagte"); a quotation inside a clause is none of these
    // ("Die Zeitung „Yemen Observer“ berichtet").
    let german = s.doc.lang == Lang::De && cue.entry.class != CueClass::AccordingTo;
    if german {
        let first = text[t0..bound]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let opens = cue.span.start == t0
            || s.lex.finite_auxiliaries.has(first)
            || first.eq_ignore_ascii_case("wie");
        // Without a comma, only a quotation of words, not a name or title
        // ("Von einer „gezielten Indiskretion“ sprach X"; not "Die
        // Zeitung „Yemen Observer“ berichtet").
        let comma = text[q.span.end..t0].contains(',') || inner.ends_with([',', '?', '!']);
        let words_only = cue.span.start == t0
            && text[q.inner(text).range()]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        if !opens || !comma && !words_only {
            return None;
        }
    }
    let german = german.then(|| super::german::cue_subject(s, &cue, sent, bound, Some(t0)));
    let (speaker, rule, after_speaker) = if let Some(m) = german {
        // German: the clause after the quotation read as German reads it
        // ("„Q“, hatte der Minister gesagt").
        let m = m?;
        if m.span.start > cue.span.start {
            (m, Rule::QuoteCueSpeaker, m.span.end)
        } else {
            (m, Rule::QuoteSpeakerCue, cue.span.end)
        }
    } else if cue.span.start == t0 {
        let m = s.speaker_after(cue.span.end, bound)?;
        let rule = if cue.entry.class == CueClass::AccordingTo {
            Rule::QuoteAccordingTo
        } else {
            Rule::QuoteCueSpeaker
        };
        (m, rule, m.span.end)
    } else {
        if cue.entry.class == CueClass::AccordingTo {
            return None;
        }
        let m = widen_to(s.lex, text, s.speaker_before(t0, cue.span.start)?, t0)?;
        (m, Rule::QuoteSpeakerCue, cue.span.end)
    };
    let f = s.frame(&cue, after_speaker, bound);
    // `Teachers "get why the union endorsed her," she said`: the words
    // of the sentence before the quotation are part of what was said.
    let lead = lead_in(s, q.span);
    let kind = if lead.is_some() {
        Kind::Mixed
    } else {
        Kind::Direct
    };
    let mut content = vec![Span::new(lead.unwrap_or(q.span.start), q.span.end)];
    used[qi] = true;
    // Split quote: "Q1," X said, "Q2."
    if let Some(n) = next_q
        && n.shape == Shape::Double
        && is_punct_only(&text[f.end..n.span.start])
        && !used[qi + 1]
    {
        content.push(n.span);
        used[qi + 1] = true;
    }
    Some(finish(s, kind, content, speaker, cue, &f, rule))
}

/// Where the sentence of a quotation starts when words that lead into it
/// stand before it there (`Teachers "get why ..."`, `The event "felt
/// like a rally,"`): no cue, no other quotation, no colon, and not ending
/// in a comma, a dash or a bracket (`shouted, "..."`, `Clinton -
/// "..."`), at most 25 words. In train the annotators start the content
/// at the sentence 117 times where the quote rules started at the
/// quotation, and 21 times the other way.
fn lead_in(s: &Sieve, q: Span) -> Option<usize> {
    let text = s.text();
    let sent = s.sentence(q.start);
    let lead = crate::lang::text::trim(text, Span::new(sent.start, q.start));
    let t = &text[lead.range()];
    if t.is_empty()
        || t.contains(['"', '\u{201c}', '\u{201d}', ':'])
        || t.contains("''")
        || t.ends_with([',', '-', '\u{2014}', '\u{2013}', '(', ';'])
        || more_words_than(t, 25)
        || !s.cues_in(lead.start, lead.end).is_empty()
    {
        return None;
    }
    Some(lead.start)
}

/// `X said: "Q"` · `X told Y, "Q"` · `According to X, "Q"` · `X ...,
/// saying "Q"` · mixed `X said (that) ... "Q" ...` · colon lead-in
/// `X: "Q"`: the attribution before the quote, in its sentence.
pub(super) fn leading(s: &Sieve, qi: usize, used: &mut [bool]) -> Option<Claim> {
    let text = s.text();
    let q = s.quote(qi);
    if q.unbalanced || is_title(s, q) {
        return None;
    }
    let sent = s.sentence(q.span.start);
    let prev_end = qi
        .checked_sub(1)
        .map(|i| s.quote(i).span.end)
        .filter(|&e| e > sent.start)
        .unwrap_or(sent.start);
    let head = Span::new(prev_end, q.span.start);
    let cues = s.cues_in(head.start, head.end);
    if cues.is_empty() && text[head.range()].trim().is_empty() {
        return colon_paragraph(s, qi, used);
    }
    let Some(&last) = cues.last() else {
        return colon_lead_in(s, qi, head, used);
    };
    if last.entry.class == CueClass::AccordingTo {
        return according_to_quote(s, qi, head, last, used);
    }
    if text[head.start..last.span.start].trim().is_empty() {
        return cue_speaker_quote(s, qi, head, last, used);
    }
    let f = s.frame(&last, last.span.end, head.end);
    // "X said that Obama shows “great charm”": an earlier cue of the
    // same clause with its own speaker owns the quote.
    let earlier_owner = cues[..cues.len() - 1].iter().any(|c| {
        c.entry.class == CueClass::Speech
            && !text[c.span.end..last.span.start].contains([',', ';', ':', '—'])
            && speaker_for(s, c, head.start, sent).is_some()
    });
    // German leads a quotation in with a colon after the whole clause
    // ("sagte am Montag vor Journalisten: „Q“").
    let german_lead = |gap: &str| {
        let g = gap.trim_end();
        g.ends_with(':') && !g.contains(['„', '“', '"', '»', '«']) && !more_words_than(g, 14)
    };
    let adjacent = is_aside_only(&text[f.end..head.end])
        || s.doc.lang == Lang::De && german_lead(&text[last.span.end..head.end]);
    let naming = s.lex.naming_verbs.contains(last.entry.lemma);
    // "a practice sometimes called “extend and pretend”": a naming verb
    // right before its quote, after a plain noun, is passive ("what she
    // called “...”" is not).
    if adjacent && naming && f.addressee.is_none() && !earlier_owner {
        let subject = s.speaker_before(head.start, last.span.start);
        if subject.is_none_or(|m| m.weak) {
            return None;
        }
    }
    if !earlier_owner && adjacent {
        return speaker_cue_quote(s, qi, sent, head, last, &f, used);
    }
    speaker_cue_mixed(s, qi, sent, head, cues, used)
}

/// `According to X, "Q."`
fn according_to_quote(
    s: &Sieve,
    qi: usize,
    head: Span,
    cue: CueMatch,
    used: &mut [bool],
) -> Option<Claim> {
    let m = s.speaker_after(cue.span.end, head.end)?;
    if !is_punct_only(&s.text()[m.span.end..head.end]) {
        return None;
    }
    used[qi] = true;
    let f = Frame {
        end: m.span.end,
        ..Frame::default()
    };
    let content = vec![s.quote(qi).span];
    Some(finish(
        s,
        Kind::Direct,
        content,
        m,
        cue,
        &f,
        Rule::AccordingToQuote,
    ))
}

/// `Said Dorothy Poynter, who grew up with him, "We were proud."`
fn cue_speaker_quote(
    s: &Sieve,
    qi: usize,
    head: Span,
    cue: CueMatch,
    used: &mut [bool],
) -> Option<Claim> {
    let m = s.speaker_after(cue.span.end, head.end)?;
    let rest = s.text()[m.span.end..head.end].trim_end();
    if !rest.ends_with([',', ':']) || more_words_than(rest, 20) {
        return None;
    }
    used[qi] = true;
    let f = s.frame(&cue, m.span.end, head.end);
    let content = vec![s.quote(qi).span];
    Some(finish(
        s,
        Kind::Direct,
        content,
        m,
        cue,
        &f,
        Rule::CueSpeakerQuote,
    ))
}

/// `X said, "Q"` · `X told Y: "Q"` · `X ..., saying "Q"`: the cue and its
/// frame run up to the quote; more quotes in the same sentence joined
/// only by punctuation continue it.
fn speaker_cue_quote(
    s: &Sieve,
    qi: usize,
    sent: Span,
    head: Span,
    cue: CueMatch,
    f: &Frame,
    used: &mut [bool],
) -> Option<Claim> {
    let (speaker, rule) = speaker_for(s, &cue, head.start, sent)?;
    used[qi] = true;
    let mut content = vec![s.quote(qi).span];
    let mut j = qi + 1;
    while let Some(n) = s.doc.quotes.get(j) {
        let joined =
            is_punct_only(&s.text()[content.last().map_or(n.span.start, |c| c.end)..n.span.start]);
        if n.span.start >= sent.end || used[j] || !joined {
            break;
        }
        content.push(n.span);
        used[j] = true;
        j += 1;
    }
    Some(finish(s, Kind::Direct, content, speaker, cue, f, rule))
}

/// Mixed: `X said (that) ... "Q" ...` — the reported clause of the first
/// cue before the quote that has a speaker, carrying the quote.
fn speaker_cue_mixed(
    s: &Sieve,
    qi: usize,
    sent: Span,
    head: Span,
    cues: &[CueMatch],
    used: &mut [bool],
) -> Option<Claim> {
    let text = s.text();
    let q = s.quote(qi);
    for cue in cues
        .iter()
        .filter(|c| c.entry.class != CueClass::AccordingTo)
    {
        let naming = s.lex.naming_verbs.contains(cue.entry.lemma);
        // "called the projections “conservative”": the object is short.
        if naming && more_words_than(&text[cue.span.end..q.span.start], 6) {
            continue;
        }
        let Some((speaker, _)) = speaker_for(s, cue, head.start, sent) else {
            continue;
        };
        if s.in_relative_clause(speaker.span, cue.span, sent.end) {
            continue;
        }
        let f = s.frame(cue, cue.span.end, head.end);
        let mut start = trim(text, Span::new(f.end, head.end)).start;
        // German: "sagte, die Mannschaft sei „hungrig“" (the comma parts
        // the clause off, as in a paraphrase).
        if s.lex.conventions.comma_before_clause && text[start..].starts_with(',') {
            start = trim(text, Span::new(start + 1, head.end)).start;
        }
        let start = skip_aside(text, start, head.end);
        if more_words_than(&text[start..head.end], 40) {
            return None;
        }
        let end = if naming {
            q.span.end
        } else {
            mixed_end(s, qi, sent)
        };
        for (j, n) in s.doc.quotes.iter().enumerate().skip(qi) {
            if n.span.start >= end {
                break;
            }
            used[j] = true;
        }
        let content = vec![Span::new(start, end)];
        return Some(finish(
            s,
            Kind::Mixed,
            content,
            speaker,
            *cue,
            &f,
            Rule::SpeakerCueMixed,
        ));
    }
    None
}

/// Is `q` the title of a work ("the song “Blue Harbor”", "his book
/// “Sin Miedo”")?
fn is_title(s: &Sieve, q: Quote) -> bool {
    let before = s.text()[..q.span.start].trim_end().trim_end_matches(',');
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    has_lower(&s.lex.work_nouns, last)
}

/// Where a mixed clause carrying quote `qi` ends: at the sentence end, or
/// at the end of the last quote before a later `, CUE` ("...," claiming
/// that ...), which starts a claim of its own.
fn mixed_end(s: &Sieve, qi: usize, sent: Span) -> usize {
    let q = s.quote(qi);
    let end_sent = s.sentence(q.span.end.saturating_sub(1));
    let later = s
        .cues_in(q.span.end, end_sent.end)
        .iter()
        .find(|c| ends_clause(&s.text()[..c.span.start]));
    match later {
        Some(c) => s.doc.quotes[qi..]
            .iter()
            .take_while(|n| n.span.end <= c.span.start)
            .map(|n| n.span.end)
            .last()
            .unwrap_or(q.span.end),
        None => s.content_end(end_sent).max(q.span.end).max(sent.start),
    }
}

/// The speaker of `cue`: the phrase right before it, or for a gerund
/// after a comma ("..., saying") or a cue after "and" the subject of the
/// sentence; with the rule that names how it was found.
fn speaker_for(s: &Sieve, cue: &CueMatch, limit: usize, sent: Span) -> Option<(Mention, Rule)> {
    let text = s.text();
    if s.doc.lang == Lang::De {
        return super::german::cue_subject(s, cue, sent, sent.end, None)
            .map(|m| (m, Rule::SpeakerCueQuote));
    }
    if let Some(m) = s.speaker_before(limit, cue.span.start) {
        // "A handwritten note": a base-form cue after a weak head is a noun.
        if m.weak && cue.entry.form == Form::Base {
            return None;
        }
        return Some((m, Rule::SpeakerCueQuote));
    }
    let gerund_after_comma =
        cue.entry.form == Form::Gerund && text[..cue.span.start].trim_end().ends_with(',');
    let coordinated = mentions::is_coordinated(s.lex, &text[sent.start..cue.span.start]);
    if !gerund_after_comma && !coordinated {
        return None;
    }
    let subject = mentions::subject(s.lex, text, sent, cue.span.start)?;
    if coordinated {
        return Some((subject, Rule::SubjectAndCueQuote));
    }
    Some((subject, Rule::SubjectGerundQuote))
}

/// `Asked how long it could last, he said:` ¶ `"Q"` — the quote opens the
/// paragraph after one that ends with a cue and a colon.
fn colon_paragraph(s: &Sieve, qi: usize, used: &mut [bool]) -> Option<Claim> {
    let q = s.quote(qi);
    let paragraphs = &s.doc.paragraphs;
    let pi = paragraphs.partition_point(|p| p.end <= q.span.start);
    let para = *paragraphs.get(pi)?;
    if para.start != q.span.start || pi == 0 {
        return None;
    }
    let colon = paragraphs[pi - 1].end - 1;
    if s.text().as_bytes()[colon] != b':' {
        return None;
    }
    let sent = s.sentence(colon);
    let cue = *s.cues_in(sent.start, colon).last()?;
    if cue.entry.class == CueClass::AccordingTo {
        return None;
    }
    let f = s.frame(&cue, cue.span.end, colon);
    if !is_aside_only(&s.text()[f.end..colon]) {
        return None;
    }
    let (speaker, _) = speaker_for(s, &cue, sent.start, sent)?;
    used[qi] = true;
    Some(finish(
        s,
        Kind::Direct,
        vec![q.span],
        speaker,
        cue,
        &f,
        Rule::SpeakerCueColonParagraph,
    ))
}

/// `Trump: "Q"` — a short name phrase and a colon with no verb; or `The
/// coach was candid: "Q"` — a short clause about its subject.
fn colon_lead_in(s: &Sieve, qi: usize, head: Span, used: &mut [bool]) -> Option<Claim> {
    let q = s.quote(qi);
    let h = trim(s.text(), head);
    let colon = h.end.checked_sub(1)?;
    if h.is_empty() || s.text().as_bytes()[colon] != b':' {
        return None;
    }
    let (m, rule) = match s.speaker_before(h.start, colon) {
        Some(m) if m.span.start == h.start && m.kind != SpeakerType::Unknown => {
            (m, Rule::SpeakerColonQuote)
        }
        // "The coach was candid: "We lost our nerve."": a short clause
        // about its subject, then the colon.
        _ => {
            if more_words_than(&s.text()[h.range()], 8) {
                return None;
            }
            let sent = s.sentence(q.span.start);
            let m = mentions::subject(s.lex, s.text(), Span::new(h.start, sent.end), colon)?;
            if m.span.start != h.start || m.kind == SpeakerType::Unknown || m.weak {
                return None;
            }
            (m, Rule::SubjectColonQuote)
        }
    };
    used[qi] = true;
    let cue = CueMatch {
        span: Span::new(colon, colon + 1),
        entry: CueEntry::COLON,
    };
    let f = Frame {
        end: colon + 1,
        ..Frame::default()
    };
    Some(finish(s, Kind::Direct, vec![q.span], m, cue, &f, rule))
}

/// Does a speech cue with a speaker lead up to quote `qi` in its sentence?
fn has_own_speaker(s: &Sieve, qi: usize) -> bool {
    let q = s.quote(qi);
    let sent = s.sentence(q.span.start);
    let from = sent.start.max(q.span.start.saturating_sub(WINDOW));
    s.cues_in(from, q.span.start)
        .iter()
        .any(|c| c.entry.class == CueClass::Speech && speaker_for(s, c, sent.start, sent).is_some())
}

/// `, according to a transcript seen by the Ledger` right after `end`:
/// the phrase after "according to", to the end of the sentence.
fn via_after(s: &Sieve, end: usize) -> Option<Span> {
    let sent = s.sentence(end.saturating_sub(1));
    let rest_start = skip_separator(s.text(), end, sent.end);
    let cue = s.cues_in(rest_start, sent.end).first().copied()?;
    if cue.span.start != rest_start || cue.entry.class != CueClass::AccordingTo {
        return None;
    }
    let v = trim(s.text(), Span::new(cue.span.end, s.content_end(sent)));
    (!v.is_empty()).then_some(v)
}

/// The claim of a quote rule, with the frame of its cue and the source
/// document it came through.
fn finish(
    s: &Sieve,
    kind: Kind,
    content: Vec<Span>,
    speaker: Mention,
    cue: CueMatch,
    f: &Frame,
    rule: Rule,
) -> Claim {
    let end = content.last().map_or(0, |s| s.end);
    let mut c = with_frame(
        Claim::new(kind, content, Some(speaker), Some(cue.span), rule),
        f,
    );
    if cue.entry.class != CueClass::AccordingTo {
        c.via = via_after(s, end);
    }
    c
}
