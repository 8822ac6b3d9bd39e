//! Continuation: a sentence that is nothing but a quote, with no cue, right
//! after an attributed quote belongs to the same speaker. In the same
//! paragraph it becomes another part of that claim (a claim of its own,
//! `quote_continuation`, where the language makes each sentence of a
//! report an attribution: `sentence_claims`, after a quotation or a
//! paraphrase); at the start of the next paragraph it is a new claim with
//! the same speaker (`paragraph_continuation`).

use super::Sieve;
use crate::doc::{Claim, Kind, Rule, Shape};

pub(super) fn run(sv: &Sieve, claims: &mut Vec<Claim>, used: &mut [bool]) {
    let (text, a) = (sv.text(), sv.doc);
    claims.sort_by_key(|c| c.start());
    // Claims by end, walked once: `best` is the claim ending last before
    // the current quote.
    let mut by_end: Vec<usize> = (0..claims.len()).collect();
    by_end.sort_by_key(|&i| claims[i].end());
    let mut next = 0;
    let mut best: Option<usize> = None;
    let mut new_claims: Vec<Claim> = Vec::new();
    for (qi, &q) in a.quotes.iter().enumerate() {
        while next < by_end.len() && claims[by_end[next]].end() <= q.span.start {
            let i = by_end[next];
            if best.is_none_or(|b| claims[i].end() >= claims[b].end()) {
                best = Some(i);
            }
            next += 1;
        }
        if used[qi] || q.shape != Shape::Double {
            continue;
        }
        let Some(si) = a.sentence_at(q.span.start) else {
            continue;
        };
        let sent = a.sentences[si];
        if sent.span.start != q.span.start {
            continue;
        }
        // The sentence holds only this quote and punctuation, and no cue.
        let rest = &text[q.span.end.min(sent.span.end)..sent.span.end];
        if !rest
            .chars()
            .all(|c| c.is_whitespace() || c.is_ascii_punctuation())
        {
            continue;
        }
        let Some(pi) = best else { continue };
        let prev = &claims[pi];
        let by_sentence = sv.lex.conventions.sentence_claims;
        if prev.kind == Kind::Indirect && !by_sentence || prev.speaker.is_none() {
            continue;
        }
        let prev_si = a.sentence_at(prev.end().saturating_sub(1)).unwrap_or(0);
        let prev_para = a.sentences[prev_si].paragraph;
        // No other quote between the claim and this one.
        if qi > 0 && a.quotes[qi - 1].span.start >= prev.end() {
            continue;
        }
        if sent.paragraph == prev_para && si == prev_si + 1 && by_sentence {
            let mut c = Claim::new(
                Kind::Direct,
                vec![q.span],
                None,
                prev.cue,
                Rule::QuoteContinuation,
            );
            c.speaker = prev.speaker;
            c.speaker_type = prev.speaker_type;
            used[qi] = true;
            new_claims.push(c);
        } else if prev.kind == Kind::Indirect {
            continue;
        } else if sent.paragraph == prev_para && si == prev_si + 1 {
            claims[pi].content.push(q.span);
            used[qi] = true;
        } else if sent.paragraph == prev_para + 1
            && a.paragraphs[sent.paragraph].start == q.span.start
            && prev_si + 1 == si
        {
            let mut c = Claim::new(
                Kind::Direct,
                vec![q.span],
                None,
                prev.cue,
                Rule::ParagraphContinuation,
            );
            c.speaker = prev.speaker;
            c.speaker_type = prev.speaker_type;
            used[qi] = true;
            new_claims.push(c);
        }
    }
    claims.extend(new_claims);
}
