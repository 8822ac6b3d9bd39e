//! The merge: the model's attributions beside the sieve's claims.
//!
//! Reads: the sieve's claims and the model's attributions. Adds: the list
//! of both, as the stage's module doc says. Guarantees: the list is
//! sorted by first content offset (then end); a claim of a reliable rule
//! is never replaced; no model claim about a headline stands unless the
//! sieve would make it there.

use super::{Resources, claim, split};
use crate::doc::{Claim, Doc, Kind, Rule, Span};
use crate::model::decode::Found;

/// Rule claims at least this reliable (their measured precision, the
/// claim's confidence) keep their place against the model.
pub(super) const RELIABLE: f32 = 0.81;

/// Do two claims share content or cue?
fn overlap(a: &Claim, b: &Claim) -> bool {
    a.content.iter().copied().chain(a.cue).any(|s| {
        b.content
            .iter()
            .copied()
            .chain(b.cue)
            .any(|t| t.overlaps(s))
    })
}

/// The stretch from the first byte of a claim's content and cue to the
/// last, if it has any: two claims whose hulls do not overlap share no
/// content or cue, so [`overlap`] need not look.
fn hull(c: &Claim) -> Option<Span> {
    c.content
        .iter()
        .copied()
        .chain(c.cue)
        .reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)))
}

/// The claims of the sieve and the model together (see the module doc).
pub(super) fn merge(r: &Resources, doc: &Doc, claims: &[Claim], found: Vec<Found>) -> Vec<Claim> {
    let model = r.model(doc.lang).expect("called with a model");
    let mut replaced = vec![false; claims.len()];
    let hulls: Vec<Option<Span>> = claims.iter().map(hull).collect();
    let mut out: Vec<Claim> = Vec::new();
    for f in &found {
        let cue = f.cue.as_ref().map(|c| claim::span_of(doc, c));
        let content: Vec<Span> = f.content.iter().map(|p| claim::span_of(doc, p)).collect();
        let probe = Claim::new(Kind::Indirect, content, None, cue, Rule::Model);
        let near = hull(&probe);
        let hits: Vec<usize> = (0..claims.len())
            .filter(|&i| {
                hulls[i].is_some_and(|h| near.is_some_and(|n| h.overlaps(n)))
                    && overlap(&claims[i], &probe)
            })
            .collect();
        // A reliable claim blocks the model where they share content; one
        // that shares only the cue gave that cue a quotation that is not
        // its content (`on "This Week," Carson admitted that ...`) and
        // gives way (fold-pooled direct attribution F1 +0.14).
        let blocks = |c: &Claim| {
            c.content
                .iter()
                .any(|s| probe.content.iter().any(|t| t.overlaps(*s)))
        };
        if hits
            .iter()
            .any(|&i| claims[i].confidence >= RELIABLE && blocks(&claims[i]))
        {
            continue;
        }
        // Content the model marked without a cue gives way to any rule
        // claim it overlaps: the rule found the cue the model missed.
        if f.cue.is_none() && !hits.is_empty() {
            continue;
        }
        let same_cue = hits
            .iter()
            .map(|&i| &claims[i])
            .find(|c| c.cue.zip(cue).is_some_and(|(k, cue)| k.overlaps(cue)));
        let c = claim::claim(r, doc, f, model, same_cue);
        // Content without a cue stands only with a speaker of its own
        // stretch. (Giving it the speaker of the claim before it, as a
        // report runs on, was measured: German fold models, content
        // partial +1.8, attribution -1.6.)
        if in_headline(doc, &c) || c.cue.is_none() && c.speaker.is_none() {
            continue;
        }
        for i in hits {
            replaced[i] = true;
        }
        if r.lex(doc).conventions.sentence_claims {
            for c in split::split_sentences(doc, c) {
                split::split_coordinated(r, doc, c, &mut out);
            }
        } else {
            split::split_coordinated(r, doc, c, &mut out);
        }
    }
    out.extend(
        claims
            .iter()
            .zip(replaced)
            .filter(|(_, r)| !r)
            .map(|(c, _)| c.clone()),
    );
    out.sort_by_key(|c| (c.start(), c.end()));
    out
}

/// Is `c` a claim about a headline that the sieve would not make there:
/// anything but `X: CONTENT` or a quotation?
fn in_headline(doc: &Doc, c: &Claim) -> bool {
    let Some(si) = doc.sentence_at(c.start()) else {
        return false;
    };
    doc.is_headline(si)
        && c.kind == Kind::Indirect
        && c.cue.is_none_or(|k| &doc.text[k.range()] != ":")
}
