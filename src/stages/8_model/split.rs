//! The coordinated split: a model claim whose content runs on into a
//! second report of its speaker ("said X and called Y") becomes two.
//!
//! Reads: a model claim, the text, tokens, cues and the lexicons (the
//! verb group, adverbs and conjunctions of a coordinated cue). Adds: the claim, or
//! the claims it splits into, to the list it is given. Guarantees: each
//! claim pushed has content; the second of a split has its own cue and
//! frame and the first's speaker.

use super::Resources;
use crate::doc::{Claim, CueClass, Doc, Form, QuoteState, Span};
use crate::lang::frame;
use crate::lang::text::trim;

/// Pushes `c` onto `out`, split where its content runs on into a second
/// report of the same speaker joined by "and" or "but" ("said the plan
/// was late and called it \"a mess\"", "said ... but added, ..."): the
/// annotators make that two attributions, the second with its own cue
/// (with its verb group: "did not suggest") and the same source. The
/// second cue must be a verb of saying in the lexicon, not in its base
/// form (which is as often a noun: "support", "call"), outside any
/// quotation. (Any lexicon cue: fold-pooled attribution F1 +0.09; verbs of
/// saying not in the base form: +0.14, content_exact +0.30.)
pub(super) fn split_coordinated(r: &Resources, doc: &Doc, mut c: Claim, out: &mut Vec<Claim>) {
    let text = &doc.text;
    let tokens = &doc.tokens;
    let lex = r.lex(doc);
    let word = |i: usize| &text[tokens[i].span.range()];
    loop {
        let found = c.content.iter().enumerate().find_map(|(pi, part)| {
            doc.cues
                .iter()
                .filter(|m| {
                    m.span.start > part.start
                        && m.span.end <= part.end
                        && m.entry.class == CueClass::Speech
                        && m.entry.form != Form::Base
                })
                .find_map(|m| {
                    let i = tokens.partition_point(|t| t.span.start < m.span.start);
                    let mut j = i;
                    while j > 0 && lex.coordinated_verb_group.has(word(j - 1)) {
                        j -= 1;
                    }
                    // "also", "then" before the verb group stay out of the cue.
                    let mut k = j;
                    while k < i && lex.coordinated_adverbs.has(word(k)) {
                        k += 1;
                    }
                    if j == 0 || !lex.report_coordinators.has(word(j - 1)) {
                        return None;
                    }
                    let conj = j - 1;
                    if tokens[conj].quote != QuoteState::Outside {
                        return None;
                    }
                    let cut = if conj > 0 && &text[tokens[conj - 1].span.range()] == "," {
                        tokens[conj - 1].span.start
                    } else {
                        tokens[conj].span.start
                    };
                    let head = trim(text, Span::new(part.start, cut));
                    let from = tokens.partition_point(|t| t.span.start < head.start);
                    let words = tokens[from..]
                        .iter()
                        .take_while(|t| t.span.end <= head.end)
                        .filter(|t| t.word)
                        .take(3)
                        .count();
                    (words >= 3)
                        .then(|| (pi, head, Span::new(tokens[k].span.start, m.span.end), *m))
                })
        });
        let Some((pi, head, cue, m)) = found else {
            out.push(c);
            return;
        };
        let part = c.content[pi];
        let fr = frame::parse(lex, text, &m, m.span.end, part.end);
        // An addressee with an infinitive after it is the content's
        // subject ("urged them to return"), as the annotators mark it;
        // one before a clause is not ("told reporters the talks ...").
        let from = match fr.addressee {
            Some(a) if text[fr.end..part.end].trim_start().starts_with("to ") => a.start,
            _ => fr.end.max(m.span.end),
        };
        let rest = trim(text, Span::new(from, part.end));
        if rest.is_empty() {
            out.push(c);
            return;
        }
        let mut second = c.clone();
        second.content = std::iter::once(rest)
            .chain(c.content[pi + 1..].iter().copied())
            .collect();
        second.kind = doc.kind_of(&second.content);
        second.cue = Some(cue);
        second.addressee = fr.addressee;
        second.channel = fr.channel;
        second.via = None;
        c.content.truncate(pi);
        c.content.push(head);
        c.kind = doc.kind_of(&c.content);
        out.push(c);
        c = second;
    }
}

/// `c` cut at sentence ends, where the language's conventions make a
/// report one attribution per sentence (`sentence_claims`): the parts in
/// the cue's sentence (else in the sentence nearest it) stay the claim's;
/// each other sentence's parts become a claim of the same speaker without
/// a cue or frame. A sentence end inside a quotation does not cut it.
pub(super) fn split_sentences(doc: &Doc, c: Claim) -> Vec<Claim> {
    let Some(cue) = c.cue else { return vec![c] };
    let text = &doc.text;
    let in_quote = |pos: usize| {
        doc.quotes
            .iter()
            .any(|q| q.span.start < pos && pos < q.span.end)
    };
    // The pieces, each with its sentence.
    let mut pieces: Vec<(usize, Span)> = Vec::new();
    for part in &c.content {
        let mut from = part.start;
        let first = doc.sentence_at(part.start).unwrap_or(0);
        for s in doc.sentences[first..].iter().skip(1) {
            if s.span.start >= part.end {
                break;
            }
            if in_quote(s.span.start) {
                continue;
            }
            let piece = trim(text, Span::new(from, s.span.start));
            if !piece.is_empty() {
                pieces.push((doc.sentence_at(piece.start).unwrap_or(first), piece));
            }
            from = s.span.start;
        }
        let piece = trim(text, Span::new(from, part.end));
        if !piece.is_empty() {
            pieces.push((doc.sentence_at(piece.start).unwrap_or(first), piece));
        }
    }
    let Some(cue_sentence) = doc.sentence_at(cue.start) else {
        return vec![c];
    };
    let Some(main) = pieces
        .iter()
        .map(|&(si, _)| si)
        .min_by_key(|&si| (si.abs_diff(cue_sentence), si))
    else {
        return vec![c];
    };
    let mut out: Vec<Claim> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let si = pieces[i].0;
        let n = pieces[i..].iter().take_while(|p| p.0 == si).count();
        let mut k = c.clone();
        k.content = pieces[i..i + n].iter().map(|p| p.1).collect();
        k.kind = doc.kind_of(&k.content);
        if si != main {
            k.cue = None;
            k.addressee = None;
            k.channel = None;
            k.via = None;
        }
        out.push(k);
        i += n;
    }
    out
}
