//! Rules anchored on a sentence rather than a quote: reported content
//! with or without quote marks.
//!
//! - `content_speaker_cue`: `CONTENT, X said.` / `CONTENT, said X.` — the
//!   attribution closes the sentence and the content is everything before
//!   its comma (or before a quote ending in `?`/`!`).
//! - `parenthetical_attribution`: `CONTENT, X said, CONTENT.` /
//!   `CONTENT, say experts, CONTENT.` — the attribution set off by commas
//!   inside the sentence; the content is both sides.
//! - `speaker_cue_clause`: `X said (that) CONTENT.` — the first reporting
//!   verb of the sentence with a speaker before it; the content runs to
//!   the end of the sentence.
//! - `subject_gerund_clause`: `X did something, saying (that) CONTENT.` —
//!   the speaker is the subject of the sentence.
//! - `claim_then_gerund_clause`, and the rules above again, on what
//!   follows the last claim of a sentence.
//! - `asked_clause`: `Asked whether CONTENT, X said ...` — the question,
//!   with no speaker.
//! - `in_document_clause`: `In a poll released Thursday, CONTENT.`
//! - `according_to_clause`: `According to X, CONTENT.` / `CONTENT,
//!   according to X.` / `CONTENT, according to X, CONTENT.`

use super::direct::widen_to;
use super::{Sieve, with_frame};
use crate::doc::{Claim, CueClass, Form, Kind, Mention, Rule, Span, SpeakerType};
use crate::lang::dateline;
use crate::lang::frame;
use crate::lang::mentions;
use crate::lang::text::{find, more_words_than, trim};
use crate::lang::voice;
use crate::lexicon::{Lexicons, has_lower};

/// `In a CBS News poll released Thursday, CONTENT.` — evidence from a
/// poll, survey, study or report that opens the sentence.
pub(super) fn document_clauses(sv: &Sieve, claims: &mut Vec<Claim>, _: &mut [bool]) {
    let text = sv.text();
    let mut new_claims = Vec::new();
    for s in &sv.doc.sentences {
        let t = &text[s.span.range()];
        if !t.starts_with("In ") {
            continue;
        }
        let Some(comma) = t.bytes().take(160).position(|b| b == b',') else {
            continue;
        };
        let source = trim(text, Span::new(s.span.start + 3, s.span.start + comma));
        let evidence = text[source.range()]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| sv.lex.evidence_nouns.has(w));
        if !evidence {
            continue;
        }
        let end = sv.content_end(s.span);
        let content = trim(text, Span::new(s.span.start + comma + 1, end));
        if !more_words_than(&text[content.range()], 2)
            || claims.iter().any(|c| c.content == [content])
        {
            continue;
        }
        let speaker = Mention {
            span: source,
            kind: mentions::classify(sv.lex, text, source),
            weak: false,
        };
        let cue = Span::new(s.span.start, s.span.start + 2);
        new_claims.push(sv.reported(
            vec![content],
            Some(speaker),
            Some(cue),
            Rule::InDocumentClause,
        ));
    }
    claims.extend(new_claims);
}

/// A second look at sentences that already hold a claim: what follows the
/// last claim may be another one (`"Q," she said, adding that CONTENT`;
/// `X said A, while Y argued B`).
pub(super) fn rest_of_sentence(sv: &Sieve, claims: &mut Vec<Claim>, used: &mut [bool]) {
    let text = sv.text();
    // Where the claims of each sentence end, and whose claim ends there.
    let mut covered: Vec<Option<(usize, usize)>> = vec![None; sv.doc.sentences.len()];
    for (ci, c) in claims.iter().enumerate() {
        let spans = c.content.iter().copied().chain(c.cue).chain(c.speaker);
        for s in spans {
            let si = sv.doc.sentences.partition_point(|x| x.span.end <= s.start);
            if let Some(slot) = covered.get_mut(si)
                && slot.is_none_or(|(end, _)| s.end > end)
            {
                *slot = Some((s.end, ci));
            }
        }
    }
    let mut new_claims = Vec::new();
    for (si, s) in sv.doc.sentences.iter().enumerate() {
        let Some((end, owner)) = covered[si] else {
            continue;
        };
        if end >= s.span.end {
            continue;
        }
        let rest = Span::new(end, s.span.end);
        if !more_words_than(&text[rest.range()], 3) {
            continue;
        }
        let claim = speaker_cue_clause(sv, rest).or_else(|| {
            // ", adding that ...": the speaker of the claim before it.
            let head = text[rest.range()].trim_start().strip_prefix(',')?;
            // (Cues are in text order: the first starting in the rest.)
            let cue = *sv.doc.cues_starting_in(rest).first()?;
            let gap = &text[rest.start..cue.span.start];
            if cue.entry.form != Form::Gerund
                || !gap.trim().trim_start_matches(',').trim().is_empty()
                || head.is_empty()
            {
                return None;
            }
            let owner = &claims[owner];
            let f = sv.frame(&cue, cue.span.end, s.span.end);
            let end = sv.content_end(s.span);
            let start = trim(text, Span::new(f.end, end)).start;
            let content = trim(text, Span::new(start, clause_end(sv, start, end)));
            if !more_words_than(&text[content.range()], 2) {
                return None;
            }
            let mut c = sv.reported(
                vec![content],
                None,
                Some(cue.span),
                Rule::ClaimThenGerundClause,
            );
            c.speaker = owner.speaker;
            c.speaker_type = owner.speaker_type;
            Some(c)
        });
        if let Some(c) = claim {
            sv.mark_used(&c, used);
            new_claims.push(c);
        }
    }
    claims.extend(new_claims);
}

/// `Asked whether CONTENT, X said ...` — the question is a claim of its own
/// with no speaker named.
pub(super) fn asked_clauses(sv: &Sieve, claims: &mut Vec<Claim>, _: &mut [bool]) {
    let text = sv.text();
    let mut new_claims = Vec::new();
    for s in &sv.doc.sentences {
        let t = &text[s.span.range()];
        let Some(rest) = t.strip_prefix("Asked ") else {
            continue;
        };
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let content = trim(text, Span::new(s.span.start + 6, s.span.start + 6 + comma));
        let overlaps = claims
            .iter()
            .any(|c| c.content.iter().any(|x| x.overlaps(content)));
        if overlaps || !more_words_than(&text[content.range()], 1) {
            continue;
        }
        let cue = Span::new(s.span.start, s.span.start + 5);
        new_claims.push(sv.reported(vec![content], None, Some(cue), Rule::AskedClause));
    }
    claims.extend(new_claims);
}

/// `Sanders: Brexit's message could draw Trump support` — a headline or
/// lead-in: a short name phrase, a colon, the claim.
pub(super) fn colon_clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let t = &text[sent.range()];
    let colon = find(t, ": ").filter(|&i| i > 0 && i <= 60)?;
    let head = trim(text, Span::new(sent.start, sent.start + colon));
    if more_words_than(&text[head.range()], 4) || sv.lex.colon_labels.contains(&text[head.range()])
    {
        return None;
    }
    let m = sv.speaker_before(sent.start, head.end)?;
    let doc_noun = has_lower(&sv.lex.document_nouns, &text[m.span.range()]);
    if m.span != head || (m.kind == SpeakerType::Unknown && !doc_noun) {
        return None;
    }
    // The colon itself: the head may have been trimmed of white space
    // before it ("Sanders\u{a0}: ...").
    let colon = sent.start + colon;
    let end = sv.content_end(sent);
    if end <= colon + 1 {
        return None;
    }
    let content = trim(text, Span::new(colon + 1, end));
    if !more_words_than(&text[content.range()], 2) {
        return None;
    }
    let cue = Span::new(colon, colon + 1);
    Some(sv.reported(vec![content], Some(m), Some(cue), Rule::SpeakerColonClause))
}

/// `X said (that) CONTENT.`
pub(super) fn speaker_cue_clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let cues = sv.doc.cues_starting_in(sent);
    let end = sv.content_end(sent);
    for cue in cues {
        if !cue.entry.is_finite_report() {
            continue;
        }
        if voice::ends_in_passive_auxiliary(sv.lex, &text[sent.start..cue.span.start])
            || sv.lex.quote_only_verbs.contains(cue.entry.lemma)
        {
            continue;
        }
        let own = sv
            .speaker_before(sent.start, cue.span.start)
            .filter(|m| !m.weak);
        // "She shook her head and said ...": the subject speaks.
        let shared = || {
            mentions::is_coordinated(sv.lex, &text[sent.start..cue.span.start])
                .then(|| mentions::subject(sv.lex, text, sent, cue.span.start))
                .flatten()
        };
        let Some(m) = own.or_else(shared) else {
            continue;
        };
        if sv.in_relative_clause(m.span, cue.span, sent.end) {
            continue;
        }
        let f = sv.frame(cue, cue.span.end, end);
        let mut start = trim(text, Span::new(f.end, end)).start;
        // German parts the reported clause off with a comma ("sagte, die
        // Lage sei ernst").
        if sv.lex.conventions.comma_before_clause && text[start..].starts_with(',') {
            start = trim(text, Span::new(start + 1, end)).start;
        }
        let start = frame::that_after_adjunct(sv.lex, text, start, end).unwrap_or(start);
        let content = trim(text, Span::new(start, clause_end(sv, start, end)));
        let ctext = &text[content.range()];
        // "who spoke on condition of anonymity": how, not what; "wrote the
        // song “Blue Harbor”": a title, not a claim.
        if sv.lex.manner_phrases.iter().any(|x| ctext.starts_with(x)) || names_a_work(sv, ctext) {
            continue;
        }
        let first = ctext.split_whitespace().next().unwrap_or("");
        if !more_words_than(ctext, 2)
            || ctext.starts_with([',', '.', ';', ':', ')'])
            || sv.lex.reflexives.has(first)
        {
            return None;
        }
        let c = sv.reported(
            vec![content],
            Some(m),
            Some(cue.span),
            Rule::SpeakerCueClause,
        );
        return Some(with_frame(c, &f));
    }
    None
}

/// Where a reported clause starting at `start` ends: at `end`, or before a
/// coordinated clause with a subject of its own (", and he reiterated",
/// ";"), or with a speaker and a cue of its own (", but Chen said ...",
/// which the rules then read as a claim of its own).
fn clause_end(sv: &Sieve, start: usize, end: usize) -> usize {
    let text = sv.text();
    let s = &text[start..end];
    let mut cut = s.find(';').unwrap_or(s.len());
    let conjunctions = sv.lex.clause_conjunctions.iter();
    for (conj, finder) in conjunctions.zip(&sv.lex.clause_conjunction_finders) {
        let mut from = 0;
        while let Some(i) = finder.find(&s.as_bytes()[from..]) {
            let at = from + i;
            let after = start + at + conj.len();
            let next = s[at + conj.len()..].split_whitespace().next().unwrap_or("");
            if sv.lex.clause_subjects.contains(next) || speaker_and_cue_at(sv, after, start + cut) {
                cut = cut.min(at);
                break;
            }
            from = at + conj.len();
        }
    }
    start + s[..cut].trim_end().len()
}

/// Does a speaker phrase start at `pos`, followed by a cue of saying
/// before `limit`: "Chen said", "the mayor told"?
fn speaker_and_cue_at(sv: &Sieve, pos: usize, limit: usize) -> bool {
    if pos >= limit {
        return false;
    }
    let Some(cue) = sv
        .doc
        .cues_starting_in(Span::new(pos, limit))
        .iter()
        .find(|c| c.entry.is_finite_report())
    else {
        return false;
    };
    sv.speaker_before(pos, cue.span.start)
        .is_some_and(|m| m.span.start == pos && !m.weak)
}

/// `X did something, saying (that) CONTENT.`
pub(super) fn subject_gerund_clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let cues = sv.doc.cues_starting_in(sent);
    let end = sv.content_end(sent);
    let cue = *cues.iter().find(|c| {
        c.entry.form == Form::Gerund && text[sent.start..c.span.start].trim_end().ends_with(',')
    })?;
    let subject = mentions::subject(sv.lex, text, sent, cue.span.start)?;
    let f = sv.frame(&cue, cue.span.end, end);
    let start = trim(text, Span::new(f.end, end)).start;
    let content = trim(text, Span::new(start, clause_end(sv, start, end)));
    let ctext = &text[content.range()];
    if !more_words_than(ctext, 2) || ctext.starts_with([',', '.', ';', ':', ')']) {
        return None;
    }
    Some(with_frame(
        sv.reported(
            vec![content],
            Some(subject),
            Some(cue.span),
            Rule::SubjectGerundClause,
        ),
        &f,
    ))
}

/// `CONTENT, X said, CONTENT.` · `CONTENT, say experts, CONTENT.`
pub(super) fn parenthetical(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let cues = sv.doc.cues_starting_in(sent);
    let end = sv.content_end(sent);
    for cue in cues {
        if !cue.entry.is_finite_report() {
            continue;
        }
        let before_cue = text[sent.start..cue.span.start].trim_end();
        let (speaker, after) = if before_cue.ends_with(',') {
            let m = sv.speaker_after(cue.span.end, end)?;
            (m, m.span.end)
        } else {
            let Some(m) = sv.speaker_before(sent.start, cue.span.start) else {
                continue;
            };
            if m.weak || !text[sent.start..m.span.start].trim_end().ends_with(',') {
                continue;
            }
            (m, cue.span.end)
        };
        let open = text[sent.start..speaker.span.start.min(cue.span.start)].trim_end();
        let comma_before = sent.start + open.len() - 1;
        let f = sv.frame(cue, after, end);
        let rest = &text[f.end..end];
        let Some(rest_after) = rest.trim_start().strip_prefix(',') else {
            continue;
        };
        let second_start = end - rest_after.len();
        let first = trim(
            text,
            Span::new(dateline::skip(text, sent.start, comma_before), comma_before),
        );
        let second = trim(text, Span::new(second_start, end));
        let words = |x: Span| text[x.range()].split_whitespace().count();
        if words(first) < 1 || words(second) < 2 {
            continue;
        }
        // "..., said Kyle Lund, an analyst at ...": the rest is about the
        // speaker, and the content is the part before.
        let content = if describes_the_speaker(sv.lex, &text[second.range()]) {
            vec![first]
        } else {
            vec![first, second]
        };
        return Some(with_frame(
            sv.reported(
                content,
                Some(speaker),
                Some(cue.span),
                Rule::ParentheticalAttribution,
            ),
            &f,
        ));
    }
    None
}

/// Does the part after a parenthetical attribution describe its speaker
/// (an apposition or a relative clause: "an analyst at ...", "who
/// teaches ...") rather than go on with the content? ("the" is left out:
/// as often the start of the content's next clause as an apposition.)
fn describes_the_speaker(lex: &Lexicons, part: &str) -> bool {
    let first = part.split_whitespace().next().unwrap_or("");
    lex.apposition_openers.has(first)
}

/// Is `s` a work and its title: "the song “Blue Harbor”", "a book, “X”"?
fn names_a_work(sv: &Sieve, s: &str) -> bool {
    let Some(q) = s.find(['"', '“']) else {
        return false;
    };
    // At most three words before the quote, the last a kind of work.
    let mut words = s[..q]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut last = None;
    for _ in 0..3 {
        match words.next() {
            Some(w) => last = Some(w),
            None => break,
        }
    }
    words.next().is_none() && last.is_some_and(|w| has_lower(&sv.lex.work_nouns, w))
}

/// `According to X, CONTENT.` · `CONTENT, according to X.` · `A, according
/// to X, B.`
pub(super) fn according_to(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let cues = sv.doc.cues_starting_in(sent);
    let cue = *cues
        .iter()
        .find(|c| c.entry.class == CueClass::AccordingTo)?;
    let end = sv.content_end(sent);
    if cue.span.end >= end {
        return None;
    }
    // The source runs to the next comma, or to the end of the sentence.
    let comma_after = text[cue.span.end..end].find(',').map(|i| cue.span.end + i);
    let source = trim(text, Span::new(cue.span.end, comma_after.unwrap_or(end)));
    if source.is_empty() || more_words_than(&text[source.range()], 12) {
        return None;
    }
    let before = text[sent.start..cue.span.start].trim_end();
    let at_start = before.is_empty();
    let comma_before = before.ends_with(',').then(|| sent.start + before.len() - 1);
    let mut content = Vec::new();
    if !at_start {
        content.push(trim(
            text,
            Span::new(
                dateline::skip(text, sent.start, comma_before?),
                comma_before?,
            ),
        ));
    }
    if let Some(ca) = comma_after {
        let rest = trim(text, Span::new(ca + 1, end));
        // "according to the Brennan Center, an advocacy group": about the
        // source, not what it says (unless nothing came before).
        if at_start || !describes_the_speaker(sv.lex, &text[rest.range()]) {
            content.push(rest);
        }
    }
    content.retain(|c| !c.is_empty());
    let words: usize = content
        .iter()
        .map(|c| text[c.range()].split_whitespace().count())
        .sum();
    if content.is_empty() || words < 3 {
        return None;
    }
    // "minutes obtained by the Evening Courier": the document speaks,
    // and the whole phrase is the way its words came (`via`).
    let via = document_obtained(sv, source);
    let who = via.map_or(source, |(document, _)| document);
    let speaker = sv
        .speaker_after(who.start, who.end)
        .filter(|m| m.span.end == who.end)
        .unwrap_or(Mention {
            span: who,
            kind: mentions::classify(sv.lex, text, who),
            weak: false,
        });
    let mut c = sv.reported(
        content,
        Some(speaker),
        Some(cue.span),
        Rule::AccordingToClause,
    );
    c.via = via.map(|(_, whole)| whole);
    Some(c)
}

/// `DOCUMENT obtained by OUTLET` (also seen, reviewed, published,
/// released, shared by): the document phrase, and the whole.
pub(super) fn document_obtained(sv: &Sieve, source: Span) -> Option<(Span, Span)> {
    let s = &sv.text()[source.range()];
    let i = [
        " obtained by ",
        " seen by ",
        " reviewed by ",
        " published by ",
        " released by ",
        " shared by ",
    ]
    .iter()
    .filter_map(|p| find(s, p))
    .min()?;
    let document = trim(sv.text(), Span::new(source.start, source.start + i));
    (!document.is_empty()).then_some((document, source))
}

/// `CONTENT, X said[ FRAME].` or `CONTENT, said X[ FRAME].`
pub(super) fn sentence_final(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let cues = sv.doc.cues_starting_in(sent);
    let cue = *cues.last()?;
    if cue.entry.class == CueClass::AccordingTo {
        return None;
    }
    let end = trim(text, sent).end;
    let tail_is_done = |from: usize| {
        text[from..end]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '!' | '?' | ')' | '”' | '"'))
    };
    // The separator before the attribution: a comma or dash, or a quote
    // closing on ? or !.
    let sep_before = |pos: usize| -> Option<usize> {
        let h = text[sent.start..pos].trim_end();
        let hend = sent.start + h.len();
        if h.ends_with([',', '—', '–']) {
            let sep = h.chars().next_back().map_or(0, char::len_utf8);
            return Some(hend - sep);
        }
        if (h.ends_with(['"', '”'])
            && h[..h.len() - h.chars().next_back().map_or(0, char::len_utf8)]
                .ends_with(['?', '!', ',']))
            || h.ends_with("?''")
            || h.ends_with(",''")
        {
            return Some(hend);
        }
        None
    };
    let before_cue = text[sent.start..cue.span.start].trim_end();
    let (speaker, content_end, rule, after) =
        if before_cue.ends_with([',', '—', '–', '"', '”', '\'']) {
            // Inverted: "..., said X."
            let m = sv.speaker_after(cue.span.end, end)?;
            (
                m,
                sep_before(cue.span.start)?,
                Rule::ContentCueSpeaker,
                m.span.end,
            )
        } else {
            let m = sv.speaker_before(sent.start, cue.span.start)?;
            let h = text[sent.start..m.span.start].trim_end();
            let sep_end = sent.start + h.len();
            let m = widen_to(
                sv.lex,
                text,
                m,
                sep_end
                    + (text[sep_end..m.span.start].len()
                        - text[sep_end..m.span.start].trim_start().len()),
            )?;
            (
                m,
                sep_before(m.span.start)?,
                Rule::ContentSpeakerCue,
                cue.span.end,
            )
        };
    let f = sv.frame(&cue, after, end);
    if !tail_is_done(f.end) {
        return None;
    }
    let content = trim(
        text,
        Span::new(dateline::skip(text, sent.start, content_end), content_end),
    );
    if content.is_empty() || !more_words_than(&text[content.range()], 2) {
        return None;
    }
    // Content that is exactly one quote is direct.
    let qi = sv
        .doc
        .quotes
        .partition_point(|q| q.span.start < content.start);
    let c = if sv.doc.quotes.get(qi).is_some_and(|q| q.span == content) {
        Claim::new(
            Kind::Direct,
            vec![content],
            Some(speaker),
            Some(cue.span),
            rule,
        )
    } else {
        sv.reported(vec![content], Some(speaker), Some(cue.span), rule)
    };
    Some(with_frame(c, &f))
}
