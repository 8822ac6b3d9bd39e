//! **finish** — what holds for every claim, whichever stage made it.
//!
//! Reads: `doc.merged` (the sieve's claims, with the model's when one is
//! loaded), the text, paragraphs and sentences. Adds: `doc.finished`: the
//! same claims with a speaker that starts in a dateline cut to what
//! follows it ("WASHINGTON — Sen. Roe" → "Sen. Roe", none when nothing
//! does); a model claim with a participle cue (", adding that ...")
//! given the speaker of the claim before it in its sentence; a
//! quotation the sieve gave to the previous paragraph's speaker joined
//! to that speaker's claim when they share a cue; and each claim's
//! sentence and paragraph. Runs with or without a model.
//! Guarantees: the claims stay sorted by first content offset, with
//! content parts ordered and disjoint; `doc.merged` is left as it was,
//! so running the stage again gives the same claims.

use crate::doc::{Claim, Doc, Rule, Span, SpeakerType};
use crate::lang::text::trim;
use crate::lang::{dateline, voice};
use crate::lexicon::Lexicons;

/// The stage: fills `doc.finished` from `doc.merged`.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let lex = r.lex(doc);
    let mut claims = std::mem::take(&mut doc.finished);
    claims.clone_from(&doc.merged);
    for c in &mut claims {
        strip_dateline(lex, doc, c);
    }
    share_participle_speakers(doc, &mut claims);
    // (Dropping them instead: fold-pooled content_exact +0.05, direct
    // attribution +0.35; joining them: +0.17, +0.30.)
    join_continuations(doc, &mut claims);
    for c in &mut claims {
        if let Some(si) = doc.sentence_at(c.start()) {
            c.sentence = si;
            c.paragraph = doc.sentences[si].paragraph;
        }
    }
    doc.finished = claims;
}

/// How far into its paragraph a dateline can end: the dash must lie in
/// the paragraph's first 60 bytes (see [`dateline::in_paragraph`]).
const DATELINE_REACH: usize = 60;

/// Could `head` hold one of the dateline dashes: a `-`, or an em or en
/// dash (E2 80 94, E2 80 93)? Most paragraphs open with none.
fn may_hold_dash(head: &[u8]) -> bool {
    head.iter().enumerate().any(|(i, &b)| {
        b == b'-' || (b == 0xE2 && matches!(head.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])))
    })
}

/// A speaker that starts in a dateline: cut to what follows the dash, or
/// none when it is the dateline alone.
fn strip_dateline(lex: &Lexicons, doc: &Doc, c: &mut Claim) {
    let Some(sp) = c.speaker else { return };
    // The paragraph by binary search (they are ordered and disjoint), and
    // only a speaker that starts within a dateline's reach of its start:
    // `in_paragraph` looks at the first `DATELINE_REACH` bytes alone, and
    // would search the paragraphs from the first for each claim.
    let i = doc.paragraphs.partition_point(|p| p.end <= sp.start);
    let Some(para) = doc.paragraphs.get(i).filter(|p| p.start <= sp.start) else {
        return;
    };
    let reach = para.start..para.end.min(para.start + DATELINE_REACH);
    if sp.start >= reach.end || !may_hold_dash(&doc.text.as_bytes()[reach]) {
        return;
    }
    let para = std::slice::from_ref(para);
    let Some(end) = dateline::in_paragraph(lex, &doc.text, para, sp) else {
        return;
    };
    let rest = trim(&doc.text, Span::new(end.min(sp.end), sp.end));
    c.speaker = (!rest.is_empty()).then_some(rest);
    if c.speaker.is_none() {
        c.speaker_type = SpeakerType::Unknown;
    }
}

/// Gives each model claim with a participle cue the speaker of the
/// nearest claim before it in its sentence ("Anderson said ..., adding
/// that ..."), in place of the model's own source stretch, which for
/// these cues was wrong more often than right (fold 0: attribution F1
/// +0.4 against filling in missing speakers only).
fn share_participle_speakers(doc: &Doc, claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let c = &claims[i];
        let Some(cue) = c.cue else { continue };
        if c.rule != Rule::Model || !voice::participle_cue(&doc.text, cue) {
            continue;
        }
        let Some(sent) = doc.sentence_at(cue.start).map(|s| doc.sentences[s].span) else {
            continue;
        };
        let before = claims
            .iter()
            .filter(|o| {
                o.speaker.is_some()
                    && o.cue
                        .is_some_and(|k| k.start >= sent.start && k.end <= cue.start)
            })
            .max_by_key(|o| o.cue.map(|k| k.start));
        if let Some(o) = before {
            let (speaker, kind) = (o.speaker, o.speaker_type);
            claims[i].speaker = speaker;
            claims[i].speaker_type = kind;
        }
    }
}

/// A quotation the sieve gave to the speaker of the claim before it (the
/// next paragraph, no cue of its own) that the model left alone becomes
/// another part of that claim, which holds its cue.
fn join_continuations(doc: &Doc, claims: &mut Vec<Claim>) {
    let mut i = 0;
    while i < claims.len() {
        if claims[i].rule != Rule::ParagraphContinuation {
            i += 1;
            continue;
        }
        let cue = claims[i].cue;
        let owner = (0..i).rev().find(|&j| {
            claims[j].rule != Rule::ParagraphContinuation && cue.is_some() && claims[j].cue == cue
        });
        match owner {
            Some(j) => {
                let parts = claims.remove(i).content;
                claims[j].content.extend(parts);
                claims[j].kind = doc.kind_of(&claims[j].content);
            }
            None => i += 1,
        }
    }
}
