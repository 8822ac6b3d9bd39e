//! Continuation: a sentence that is nothing but a quote, with no cue, right
//! after an attributed quote belongs to the same speaker. In the same
//! paragraph it becomes another part of that claim; at the start of the
//! next paragraph it is a new claim with the same speaker
//! (`paragraph_continuation`).

use super::{Claim, Kind, sentence_at};
use crate::Analysis;
use crate::scan::Shape;

pub(super) fn run(text: &str, a: &mut Analysis, used: &mut [bool]) {
    a.claims.sort_by_key(|c| c.start());
    // Claims by end, walked once: `best` is the claim ending last before
    // the current quote.
    let mut by_end: Vec<usize> = (0..a.claims.len()).collect();
    by_end.sort_by_key(|&i| a.claims[i].end());
    let mut next = 0;
    let mut best: Option<usize> = None;
    let mut new_claims: Vec<Claim> = Vec::new();
    for (qi, &q) in a.quotes.iter().enumerate() {
        while next < by_end.len() && a.claims[by_end[next]].end() <= q.span.start {
            let i = by_end[next];
            if best.is_none_or(|b| a.claims[i].end() >= a.claims[b].end()) {
                best = Some(i);
            }
            next += 1;
        }
        if used[qi] || q.shape != Shape::Double {
            continue;
        }
        let Some(si) = sentence_at(a, q.span.start) else {
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
        let prev = &a.claims[pi];
        if prev.kind == Kind::Indirect || prev.speaker.is_none() {
            continue;
        }
        let prev_si = sentence_at(a, prev.end().saturating_sub(1)).unwrap_or(0);
        let prev_para = a.sentences[prev_si].paragraph;
        // No other quote between the claim and this one.
        if qi > 0 && a.quotes[qi - 1].span.start >= prev.end() {
            continue;
        }
        if sent.paragraph == prev_para && si == prev_si + 1 {
            a.claims[pi].content.push(q.span);
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
                "paragraph_continuation",
            );
            c.speaker = prev.speaker;
            c.speaker_type = prev.speaker_type;
            used[qi] = true;
            new_claims.push(c);
        }
    }
    a.claims.extend(new_claims);
}
