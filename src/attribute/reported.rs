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
use super::frame;
use super::{Claim, Kind, content_end};
use crate::cues::{CueClass, Form};
use crate::mentions;
use crate::text::trim;
use crate::{Analysis, Pipeline, Span};

fn has_quote_mark(s: &str) -> bool {
    s.contains(['"', '“', '”']) || s.contains("''")
}

/// A claim of reported content: `mixed` when the content holds quote
/// marks, else `indirect`.
fn reported(
    text: &str,
    content: Vec<Span>,
    speaker: Option<mentions::Mention>,
    cue: Option<Span>,
    rule: &'static str,
) -> Claim {
    let quoted = content.iter().any(|c| has_quote_mark(&text[c.range()]));
    let kind = if quoted { Kind::Mixed } else { Kind::Indirect };
    Claim::new(kind, content, speaker, cue, rule)
}

/// Marks the quotes that the content of `c` overlaps as used.
fn mark_used(a: &Analysis, c: &Claim, used: &mut [bool]) {
    for (qi, q) in a.quotes.iter().enumerate() {
        if c.content.iter().any(|x| x.overlaps(q.span)) {
            used[qi] = true;
        }
    }
}

/// Runs the sentence rules over sentences no earlier claim touches.
pub(super) fn run(p: &Pipeline, text: &str, a: &mut Analysis, used: &mut [bool]) {
    let mut taken: Vec<Span> = a
        .claims
        .iter()
        .flat_map(|c| c.content.iter().copied())
        .collect();
    taken.extend(a.claims.iter().filter_map(|c| c.cue));
    taken.sort();
    let mut new_claims = Vec::new();
    for s in &a.sentences {
        let sent = s.span;
        let ti = taken.partition_point(|t| t.end <= sent.start);
        if taken.get(ti).is_some_and(|t| t.start < sent.end) {
            continue;
        }
        // Every rule but the colon one needs a cue in the sentence.
        let claim = if a.cues_starting_in(sent).is_empty() {
            colon_clause(p, text, a, sent)
        } else {
            sentence_final(p, text, a, sent)
                .or_else(|| according_to(p, text, a, sent))
                .or_else(|| parenthetical(p, text, a, sent))
                .or_else(|| speaker_cue_clause(p, text, a, sent))
                .or_else(|| subject_gerund_clause(p, text, a, sent))
                .or_else(|| colon_clause(p, text, a, sent))
        };
        if let Some(c) = claim {
            mark_used(a, &c, used);
            new_claims.push(c);
        }
    }
    a.claims.extend(new_claims);
    rest_of_sentence(p, text, a, used);
    asked_clauses(text, a);
    document_clauses(p, text, a);
}

/// `In a CBS News poll released Thursday, CONTENT.` — evidence from a
/// poll, survey, study or report that opens the sentence.
fn document_clauses(p: &Pipeline, text: &str, a: &mut Analysis) {
    let mut new_claims = Vec::new();
    for s in &a.sentences {
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
            .any(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "poll"
                        | "polls"
                        | "survey"
                        | "study"
                        | "report"
                        | "analysis"
                        | "audit"
                        | "census"
                )
            });
        if !evidence {
            continue;
        }
        let end = content_end(text, s.span);
        let content = trim(text, Span::new(s.span.start + comma + 1, end));
        if text[content.range()].split_whitespace().count() < 3
            || a.claims.iter().any(|c| c.content == [content])
        {
            continue;
        }
        let speaker = mentions::Mention {
            span: source,
            kind: mentions::classify(p, text, source),
            weak: false,
        };
        let cue = Span::new(s.span.start, s.span.start + 2);
        new_claims.push(reported(
            text,
            vec![content],
            Some(speaker),
            Some(cue),
            "in_document_clause",
        ));
    }
    a.claims.extend(new_claims);
}

/// A second look at sentences that already hold a claim: what follows the
/// last claim may be another one (`"Q," she said, adding that CONTENT`;
/// `X said A, while Y argued B`).
fn rest_of_sentence(p: &Pipeline, text: &str, a: &mut Analysis, used: &mut [bool]) {
    // Where the claims of each sentence end, and whose claim ends there.
    let mut covered: Vec<Option<(usize, usize)>> = vec![None; a.sentences.len()];
    for (ci, c) in a.claims.iter().enumerate() {
        let spans = c.content.iter().copied().chain(c.cue).chain(c.speaker);
        for s in spans {
            let si = a.sentences.partition_point(|x| x.span.end <= s.start);
            if let Some(slot) = covered.get_mut(si)
                && slot.is_none_or(|(end, _)| s.end > end)
            {
                *slot = Some((s.end, ci));
            }
        }
    }
    let mut new_claims = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let Some((end, owner)) = covered[si] else {
            continue;
        };
        if end >= s.span.end {
            continue;
        }
        let rest = Span::new(end, s.span.end);
        if text[rest.range()].split_whitespace().count() < 4 {
            continue;
        }
        let claim = speaker_cue_clause(p, text, a, rest).or_else(|| {
            // ", adding that ...": the speaker of the claim before it.
            let head = text[rest.range()].trim_start().strip_prefix(',')?;
            let cue = *a
                .cues
                .iter()
                .find(|c| c.span.start >= rest.start && c.span.start < rest.end)?;
            let gap = &text[rest.start..cue.span.start];
            if cue.entry.form != Form::Gerund
                || !gap.trim().trim_start_matches(',').trim().is_empty()
                || head.is_empty()
            {
                return None;
            }
            let owner = &a.claims[owner];
            let f = frame::parse(p, text, &cue, cue.span.end, s.span.end);
            let end = content_end(text, s.span);
            let start = trim(text, Span::new(f.end, end)).start;
            let content = trim(text, Span::new(start, clause_end(text, start, end)));
            if text[content.range()].split_whitespace().count() < 3 {
                return None;
            }
            let mut c = reported(
                text,
                vec![content],
                None,
                Some(cue.span),
                "claim_then_gerund_clause",
            );
            c.speaker = owner.speaker;
            c.speaker_type = owner.speaker_type;
            Some(c)
        });
        if let Some(c) = claim {
            mark_used(a, &c, used);
            new_claims.push(c);
        }
    }
    a.claims.extend(new_claims);
}

/// `Asked whether CONTENT, X said ...` — the question is a claim of its own
/// with no speaker named.
fn asked_clauses(text: &str, a: &mut Analysis) {
    let mut new_claims = Vec::new();
    for s in &a.sentences {
        let t = &text[s.span.range()];
        let Some(rest) = t.strip_prefix("Asked ") else {
            continue;
        };
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let content = trim(text, Span::new(s.span.start + 6, s.span.start + 6 + comma));
        let overlaps = a
            .claims
            .iter()
            .any(|c| c.content.iter().any(|x| x.overlaps(content)));
        if overlaps || text[content.range()].split_whitespace().count() < 2 {
            continue;
        }
        let cue = Span::new(s.span.start, s.span.start + 5);
        new_claims.push(reported(
            text,
            vec![content],
            None,
            Some(cue),
            "asked_clause",
        ));
    }
    a.claims.extend(new_claims);
}

/// `Sanders: Brexit's message could draw Trump support` — a headline or
/// lead-in: a short name phrase, a colon, the claim.
fn colon_clause(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let t = &text[sent.range()];
    let colon = crate::text::find(t, ": ").filter(|&i| i > 0 && i <= 60)?;
    let head = trim(text, Span::new(sent.start, sent.start + colon));
    if text[head.range()].split_whitespace().count() > 4
        || p.lex.colon_labels.contains(&text[head.range()])
    {
        return None;
    }
    let m = a.speaker_before(p, text, sent.start, head.end)?;
    let doc_noun = crate::lexicon::has_lower(&p.lex.document_nouns, &text[m.span.range()]);
    if m.span != head || (m.kind == mentions::SpeakerType::Unknown && !doc_noun) {
        return None;
    }
    // The colon itself: the head may have been trimmed of white space
    // before it ("Sanders\u{a0}: ...").
    let colon = sent.start + colon;
    let end = content_end(text, sent);
    if end <= colon + 1 {
        return None;
    }
    let content = trim(text, Span::new(colon + 1, end));
    if text[content.range()].split_whitespace().count() < 3 {
        return None;
    }
    let cue = Span::new(colon, colon + 1);
    Some(reported(
        text,
        vec![content],
        Some(m),
        Some(cue),
        "speaker_colon_clause",
    ))
}

/// `X said (that) CONTENT.`
fn speaker_cue_clause(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let cues = a.cues_starting_in(sent);
    let end = content_end(text, sent);
    for cue in cues {
        if !cue.entry.is_finite_report() {
            continue;
        }
        if is_passive(&text[sent.start..cue.span.start])
            || p.lex.quote_only_verbs.contains(cue.entry.lemma)
        {
            continue;
        }
        let own = a
            .speaker_before(p, text, sent.start, cue.span.start)
            .filter(|m| !m.weak);
        // "She shook her head and said ...": the subject speaks.
        let shared = || {
            mentions::is_coordinated(&text[sent.start..cue.span.start])
                .then(|| mentions::subject(p, text, sent, cue.span.start))
                .flatten()
        };
        let Some(m) = own.or_else(shared) else {
            continue;
        };
        if super::in_relative_clause(text, a, m.span, cue.span, sent.end) {
            continue;
        }
        let f = frame::parse(p, text, cue, cue.span.end, end);
        let start = trim(text, Span::new(f.end, end)).start;
        let content = trim(text, Span::new(start, clause_end(text, start, end)));
        let ctext = &text[content.range()];
        // "who spoke on condition of anonymity": how, not what; "wrote the
        // song “Blue Harbor”": a title, not a claim.
        if [
            "on condition",
            "on the condition",
            "not to be named",
            "not to be identified",
            "anonymity",
        ]
        .iter()
        .any(|x| ctext.starts_with(x))
            || names_a_work(p, ctext)
        {
            continue;
        }
        let first = ctext.split_whitespace().next().unwrap_or("");
        if ctext.split_whitespace().count() < 3
            || ctext.starts_with([',', '.', ';', ':', ')'])
            || mentions::is_in(
                &["itself", "himself", "herself", "themselves", "myself"],
                first,
            )
        {
            return None;
        }
        let mut c = reported(
            text,
            vec![content],
            Some(m),
            Some(cue.span),
            "speaker_cue_clause",
        );
        c.set_frame(&f);
        return Some(c);
    }
    None
}

/// Where a reported clause starting at `start` ends: at `end`, or before a
/// coordinated clause with a subject of its own (", and he reiterated", ";").
fn clause_end(text: &str, start: usize, end: usize) -> usize {
    let s = &text[start..end];
    let mut cut = s.find(';').unwrap_or(s.len());
    for conj in [", and ", ", but ", " and ", " but "] {
        let mut from = 0;
        while let Some(i) = crate::text::find(&s[from..], conj) {
            let at = from + i;
            let next = s[at + conj.len()..].split_whitespace().next().unwrap_or("");
            if matches!(next, "he" | "she" | "they" | "it" | "we" | "I") {
                cut = cut.min(at);
                break;
            }
            from = at + conj.len();
        }
    }
    start + s[..cut].trim_end().len()
}

/// `X did something, saying (that) CONTENT.`
fn subject_gerund_clause(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let cues = a.cues_starting_in(sent);
    let end = content_end(text, sent);
    let cue = *cues.iter().find(|c| {
        c.entry.form == Form::Gerund && text[sent.start..c.span.start].trim_end().ends_with(',')
    })?;
    let subject = mentions::subject(p, text, sent, cue.span.start)?;
    let f = frame::parse(p, text, &cue, cue.span.end, end);
    let start = trim(text, Span::new(f.end, end)).start;
    let content = trim(text, Span::new(start, clause_end(text, start, end)));
    let ctext = &text[content.range()];
    if ctext.split_whitespace().count() < 3 || ctext.starts_with([',', '.', ';', ':', ')']) {
        return None;
    }
    let mut c = reported(
        text,
        vec![content],
        Some(subject),
        Some(cue.span),
        "subject_gerund_clause",
    );
    c.set_frame(&f);
    Some(c)
}

/// `CONTENT, X said, CONTENT.` · `CONTENT, say experts, CONTENT.`
fn parenthetical(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let cues = a.cues_starting_in(sent);
    let end = content_end(text, sent);
    for cue in cues {
        if !cue.entry.is_finite_report() {
            continue;
        }
        let before_cue = text[sent.start..cue.span.start].trim_end();
        let (speaker, after) = if before_cue.ends_with(',') {
            let m = mentions::after(p, text, cue.span.end, end)?;
            (m, m.span.end)
        } else {
            let Some(m) = a.speaker_before(p, text, sent.start, cue.span.start) else {
                continue;
            };
            if m.weak || !text[sent.start..m.span.start].trim_end().ends_with(',') {
                continue;
            }
            (m, cue.span.end)
        };
        let open = text[sent.start..speaker.span.start.min(cue.span.start)].trim_end();
        let comma_before = sent.start + open.len() - 1;
        let f = frame::parse(p, text, cue, after, end);
        let rest = &text[f.end..end];
        let Some(rest_after) = rest.trim_start().strip_prefix(',') else {
            continue;
        };
        let second_start = end - rest_after.len();
        let first = trim(
            text,
            Span::new(skip_dateline(text, sent.start, comma_before), comma_before),
        );
        let second = trim(text, Span::new(second_start, end));
        let words = |x: Span| text[x.range()].split_whitespace().count();
        if words(first) < 1 || words(second) < 2 {
            continue;
        }
        let mut c = reported(
            text,
            vec![first, second],
            Some(speaker),
            Some(cue.span),
            "parenthetical_attribution",
        );
        c.set_frame(&f);
        return Some(c);
    }
    None
}

/// Is `s` a work and its title: "the song “Blue Harbor”", "a book, “X”"?
fn names_a_work(p: &Pipeline, s: &str) -> bool {
    let Some(q) = s.find(['"', '“']) else {
        return false;
    };
    let before: Vec<&str> = s[..q]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    before.len() <= 3
        && before
            .last()
            .is_some_and(|w| crate::lexicon::has_lower(&p.lex.work_nouns, w))
}

/// Does `head` end with a form of "be" (and adverbs), making the verb after
/// it passive ("was asked", "were not expected")?
fn is_passive(head: &str) -> bool {
    const BE: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "being", "get", "got",
    ];
    const ADVERBS: &[&str] = &[
        "not",
        "also",
        "never",
        "later",
        "often",
        "widely",
        "reportedly",
    ];
    for w in head.split_whitespace().rev().take(3) {
        if mentions::is_in(BE, w) {
            return true;
        }
        if !mentions::is_in(ADVERBS, w) {
            return false;
        }
    }
    false
}

/// `According to X, CONTENT.` · `CONTENT, according to X.` · `A, according
/// to X, B.`
fn according_to(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let cues = a.cues_starting_in(sent);
    let cue = *cues
        .iter()
        .find(|c| c.entry.class == CueClass::AccordingTo)?;
    let end = content_end(text, sent);
    if cue.span.end >= end {
        return None;
    }
    // The source runs to the next comma, or to the end of the sentence.
    let comma_after = text[cue.span.end..end].find(',').map(|i| cue.span.end + i);
    let source = trim(text, Span::new(cue.span.end, comma_after.unwrap_or(end)));
    if source.is_empty() || text[source.range()].split_whitespace().count() > 12 {
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
                skip_dateline(text, sent.start, comma_before?),
                comma_before?,
            ),
        ));
    }
    if let Some(ca) = comma_after {
        content.push(trim(text, Span::new(ca + 1, end)));
    }
    content.retain(|c| !c.is_empty());
    let words: usize = content
        .iter()
        .map(|c| text[c.range()].split_whitespace().count())
        .sum();
    if content.is_empty() || words < 3 {
        return None;
    }
    let speaker = mentions::after(p, text, source.start, source.end)
        .filter(|m| m.span.end == source.end)
        .unwrap_or(mentions::Mention {
            span: source,
            kind: mentions::classify(p, text, source),
            weak: false,
        });
    Some(reported(
        text,
        content,
        Some(speaker),
        Some(cue.span),
        "according_to_clause",
    ))
}

/// Skips a wire dateline ("LORNSVILLE (Wire) — ", "GENEVA — ") at `pos`.
fn skip_dateline(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[pos..limit];
    let Some(i) = crate::text::find(s, " — ").filter(|&i| i <= 40) else {
        return pos;
    };
    let caps = s[..i]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()));
    if caps { pos + i + " — ".len() } else { pos }
}

/// `CONTENT, X said[ FRAME].` or `CONTENT, said X[ FRAME].`
fn sentence_final(p: &Pipeline, text: &str, a: &Analysis, sent: Span) -> Option<Claim> {
    let cues = a.cues_starting_in(sent);
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
            let m = mentions::after(p, text, cue.span.end, end)?;
            (
                m,
                sep_before(cue.span.start)?,
                "content_cue_speaker",
                m.span.end,
            )
        } else {
            let m = a.speaker_before(p, text, sent.start, cue.span.start)?;
            let h = text[sent.start..m.span.start].trim_end();
            let sep_end = sent.start + h.len();
            let m = widen_to(
                text,
                m,
                sep_end
                    + (text[sep_end..m.span.start].len()
                        - text[sep_end..m.span.start].trim_start().len()),
            )?;
            (
                m,
                sep_before(m.span.start)?,
                "content_speaker_cue",
                cue.span.end,
            )
        };
    let f = frame::parse(p, text, &cue, after, end);
    if !tail_is_done(f.end) {
        return None;
    }
    let content = trim(
        text,
        Span::new(skip_dateline(text, sent.start, content_end), content_end),
    );
    if content.is_empty() || text[content.range()].split_whitespace().count() < 3 {
        return None;
    }
    // Content that is exactly one quote is direct.
    let qi = a.quotes.partition_point(|q| q.span.start < content.start);
    let mut c = if a.quotes.get(qi).is_some_and(|q| q.span == content) {
        Claim::new(
            Kind::Direct,
            vec![content],
            Some(speaker),
            Some(cue.span),
            rule,
        )
    } else {
        reported(text, vec![content], Some(speaker), Some(cue.span), rule)
    };
    c.set_frame(&f);
    Some(c)
}
