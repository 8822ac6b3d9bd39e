//! A claim from one attribution the model found: its content, speaker,
//! cue and frame.
//!
//! Reads: the attribution's token stretches, the sieve's claim with the
//! same cue (if any), the text, sentences, quotes and cues. Adds: one
//! [`Claim`] of rule `model`, with the model's calibrated probability as
//! its confidence. Guarantees: content parts are ordered, disjoint and
//! not empty; the speaker does not overlap the cue.

use std::ops::Range;

use super::Resources;
use crate::doc::{
    Claim, CueClass, CueEntry, CueMatch, Doc, Form, Mention, Rule, Span, SpeakerType,
};
use crate::lang::text::trim;
use crate::lang::{frame, german, mentions, voice};
use crate::lexicon::Lang;
use crate::model::Model;
use crate::model::decode::Found;

/// The claim of a model attribution. Its speaker is the model's source
/// stretch; else `fallback` (the speaker of a rule claim with the same
/// cue); else the speaker phrase before the cue or the subject of its
/// sentence; none for a passive cue without an agent. Its frame is
/// `frame` (the same rule claim's), else the words after the cue.
pub(super) fn claim(
    r: &Resources,
    doc: &Doc,
    f: &Found,
    model: &Model,
    same_cue: Option<&Claim>,
) -> Claim {
    let text = &doc.text;
    let mut content: Vec<Span> = Vec::new();
    for part in &f.content {
        let s = span_of(doc, part);
        // Parts with only white space between them are one.
        match content.last_mut() {
            Some(last) if text[last.end..s.start].trim().is_empty() => last.end = s.end,
            _ => content.push(s),
        }
    }
    let Some(cue) = f.cue.as_ref().map(|c| span_of(doc, c)) else {
        return without_cue(r, doc, f, model, content);
    };
    let sent = doc.sentence_at(cue.start).map(|i| doc.sentences[i].span);
    // The lexicon's cue at the model's, if any.
    let listed = doc.cues.iter().find(|k| k.span.overlaps(cue));
    // German: the clause reader of the cue's sentence, built once when
    // asked for.
    let reader = std::cell::OnceCell::new();
    let reader = || {
        reader
            .get_or_init(|| sent.map(|s| german::Reader::new(r.lex(doc), text, trim(text, s))))
            .as_ref()
    };
    // The mention before the cue in its sentence: asked for up to three
    // times below, found once.
    let before_cue = std::cell::OnceCell::new();
    let before_cue = || {
        *before_cue.get_or_init(|| {
            sent.and_then(|sent| mentions::before(r.lex(doc), text, sent.start, cue.start))
        })
    };
    let own_span = f
        .source
        .as_ref()
        .and_then(|s| trim_punctuation(doc, s.clone()))
        .map(|s| span_of(doc, &s));
    // A stretch that names nobody ("Hours later, Trump ...", "Speaking
    // to ...") gives way to the mention before the cue, when there is one.
    // (Replacing a relative pronoun by the phrase before it was measured
    // too: the annotators keep "who" as the source often enough that it
    // cost 0.3 points of attribution F1 on fold 0.)
    // A single word that cannot name a speaker ("Speaking at ..., Trump
    // ...", "Last week, ...", "It's ...") gives way to the subject of the
    // sentence after it, or to nothing. (Tested before the stretch is
    // classified: an opener's class is never used.)
    let own = match own_span {
        Some(span) if mentions::is_opener(r.lex(doc), text, span) => {
            sent.filter(|_| span.end <= cue.start).and_then(|sent| {
                mentions::subject(r.lex(doc), text, Span::new(span.end, sent.end), cue.start)
                    .filter(|s| !s.weak && !s.span.overlaps(cue))
            })
        }
        Some(span) => Some(Mention {
            span,
            kind: mentions::classify(r.lex(doc), text, span),
            weak: false,
        }),
        None => None,
    };
    let own = own.map(|m| {
        if m.kind != SpeakerType::Unknown {
            return m;
        }
        before_cue()
            .filter(|f| !f.weak && f.kind != SpeakerType::Unknown)
            // A mention inside the stretch ("the aides" in "one of the
            // aides") is the stretch's own head: keep the stretch.
            .filter(|f| f.span.start < m.span.start || f.span.end > m.span.end)
            .unwrap_or(m)
    });
    let fallback = same_cue.and_then(|c| {
        c.speaker.map(|span| Mention {
            span,
            kind: c.speaker_type,
            weak: false,
        })
    });
    // A passive cue ("is expected to", "could be seen as") names no
    // speaker: its subject is what is spoken of. With an agent ("was
    // first reported by The Daily Ledger") the agent is the speaker.
    let agent = voice::agent_after(r.lex(doc), text, cue, sent);
    let passive = voice::passive_cue(r.lex(doc), &text[cue.range()]) && agent.is_none();
    // German: a passive with no agent ("Ihm wird vorgeworfen, ...",
    // "Israel wurde aufgefordert, ...") names no speaker either.
    let de_passive = doc.lang == Lang::De
        && sent.is_some_and(|sent| {
            // Most sentences hold no form of "werden": their clause is
            // not read.
            let aux = &r.lex(doc).passive_auxiliaries;
            if !text[sent.range()]
                .split(|c: char| !c.is_alphabetic())
                .any(|w| aux.has(w))
            {
                return false;
            }
            let infinitive = listed.is_some_and(|k| k.entry.form == Form::Base);
            reader().is_some_and(|rd| german::agentless_passive(rd, cue, infinitive))
        });
    // No speaker: a passive cue's, or a raising verb's whose subject went
    // into the content.
    let mut no_speaker = passive || de_passive;
    // What is spoken of by such a cue, or by a raising verb ("seems to",
    // "appeared"), is part of the content as the annotators mark it:
    // "[Sanders] is expected [to win]", "[The email] appears [to
    // contradict ...]".
    if (passive || voice::raising_cue(r.lex(doc), &text[cue.range()]))
        && content.first().is_some_and(|c| c.start >= cue.end)
    {
        let subject = own
            .filter(|m| m.span.end <= cue.start)
            .or_else(|| before_cue().filter(|m| !m.weak))
            .filter(|m| {
                let gap = &text[m.span.end..cue.start];
                gap.split_whitespace().count() <= 2
                    && !gap.contains(|c: char| c.is_ascii_punctuation())
            });
        if let Some(m) = subject {
            content.insert(0, m.span);
            no_speaker = true;
        }
    }
    // German: a verb cue's subject as German grammar reads it, where the
    // model's stretch is wanting (none, or a phrase in the dative or
    // after a preposition: "dem Sender", "in einer Erklärung").
    let german = || {
        // The lexicon's cue at the model's, or the verb before it in its
        // clause whose particle the model took for the cue ("teilte dem
        // Rat mit").
        let m = listed.or_else(|| {
            let sent = sent?;
            doc.cues
                .iter()
                .filter(|k| k.span.start >= sent.start && k.span.end <= cue.start)
                .rfind(|k| !text[k.span.end..cue.start].contains([',', ':', ';']))
                .filter(|k| {
                    k.entry.lemma.ends_with(&text[cue.range()])
                        || k.entry.lemma.starts_with(&text[cue.range()])
                })
        })?;
        if m.entry.class == CueClass::AccordingTo {
            return None;
        }
        let span = german::cue_subject(reader()?, m.span, m.entry.is_finite_report(), None)?;
        Some(Mention {
            span,
            kind: mentions::classify(r.lex(doc), text, span),
            weak: false,
        })
    };
    let own = match own {
        _ if doc.lang != Lang::De => own,
        Some(m) if !german::is_oblique(r.lex(doc), text, m.span) => own,
        _ => german().or(own),
    };
    let speaker = if no_speaker {
        None
    } else {
        own.filter(|m| !m.span.overlaps(cue))
            .or(fallback)
            .or(agent)
            .or_else(|| {
                let sent = sent?;
                before_cue()
                    .filter(|m| !m.weak)
                    .or_else(|| mentions::subject(r.lex(doc), text, sent, cue.start))
            })
    };
    let kind = doc.kind_of(&content);
    let mut c = Claim::new(kind, content, speaker, Some(cue), Rule::Model);
    c.confidence = model.calibrate(f.score);
    match same_cue {
        Some(rc) => {
            c.addressee = rc.addressee;
            c.channel = rc.channel;
            c.via = rc.via;
        }
        None => {
            // The frame runs from the cue to its content, or to the end
            // of the sentence when the content came before the cue.
            let limit = c
                .content
                .iter()
                .map(|s| s.start)
                .find(|&s| s >= cue.end)
                .or(sent.map(|s| s.end))
                .unwrap_or(cue.end);
            let m = listed.copied().unwrap_or(CueMatch {
                span: cue,
                entry: CueEntry::UNLISTED,
            });
            let fr = frame::parse(r.lex(doc), text, &m, cue.end, limit.max(cue.end));
            c.addressee = fr.addressee;
            c.channel = fr.channel;
        }
    }
    // Content that starts inside the cue's channel starts after it
    // ("wrote on social media that ..."). (An addressee stays: the
    // annotators keep "the mayor" in "asked the mayor whether ..." often
    // enough that cutting it cost 0.3 points of exact match on train.)
    if let Some(first) = c.content.first_mut()
        && first.start >= cue.end
        && let Some(at) = frame::that_after_adjunct(r.lex(doc), text, first.start, first.end)
    {
        first.start = at;
    }
    let frame_end = c.channel.map(|s| s.end);
    if let (Some(end), Some(first)) = (frame_end, c.content.first_mut())
        && first.start < end
        && end < first.end
        && c.channel.is_some_and(|s| s.overlaps(*first))
    {
        let rest = trim(text, Span::new(end, first.end));
        if !rest.is_empty() {
            *first = rest;
        }
    }
    c
}

/// The claim of a model attribution without a cue: its content, and the
/// model's source stretch as its speaker when it names one.
fn without_cue(r: &Resources, doc: &Doc, f: &Found, model: &Model, content: Vec<Span>) -> Claim {
    let text = &doc.text;
    let speaker = f
        .source
        .as_ref()
        .and_then(|s| trim_punctuation(doc, s.clone()))
        .map(|s| span_of(doc, &s))
        .filter(|&span| !mentions::is_opener(r.lex(doc), text, span))
        .map(|span| Mention {
            span,
            kind: mentions::classify(r.lex(doc), text, span),
            weak: false,
        });
    let kind = doc.kind_of(&content);
    let mut c = Claim::new(kind, content, speaker, None, Rule::Model);
    c.confidence = model.calibrate(f.score);
    c
}

/// The byte span of tokens `r`.
pub(super) fn span_of(doc: &Doc, r: &Range<usize>) -> Span {
    Span::new(
        doc.tokens[r.start].span.start,
        doc.tokens[r.end - 1].span.end,
    )
}

/// `r` without punctuation tokens at its ends (a speaker stretch labelled
/// with the comma after it), except a closing bracket ("(D-Ore.)");
/// `None` when nothing is left.
fn trim_punctuation(doc: &Doc, mut r: Range<usize>) -> Option<Range<usize>> {
    let text = &doc.text;
    while r.start < r.end && !doc.tokens[r.start].word {
        r.start += 1;
    }
    while r.end > r.start
        && !doc.tokens[r.end - 1].word
        && !matches!(&text[doc.tokens[r.end - 1].span.range()], ")" | "]")
    {
        r.end -= 1;
    }
    (r.start < r.end).then_some(r)
}
