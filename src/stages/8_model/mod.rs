//! **model** — the trained model's attributions beside the sieve's.
//!
//! Reads: the tokens (features stage), the sieve's claims
//! (`doc.rule_claims`), the text. Adds: `doc.merged`, the sieve's claims
//! with those of the model (`rule` = `model`). The model labels each
//! paragraph's tokens as cue, source, content or none (see `model`); the
//! labels are grouped into attributions, each content or source stretch
//! going to the nearest cue stretch (where the language makes each
//! sentence of a report an attribution, `sentence_claims`: the nearest
//! of its sentence, else before it; content in a paragraph with no cue
//! stretch is an attribution without a cue, kept only with a source
//! stretch of its own and where no rule claim overlaps it). Then the two are merged: a claim of
//! a reliable rule (measured precision at least [`RELIABLE`]) stays and
//! blocks the model attributions whose content it overlaps; a model
//! attribution takes the place of the other rule claims it overlaps
//! (content or cue), and stands on its own where no rule claim was. A
//! model claim whose content runs on into a second report of its speaker
//! ("said X and called Y") is split in two. Cross-validation
//! chose this: the model's content boundaries beat the clause rules', the
//! quote rules' speakers beat the model's.
//! Guarantees: the claims stay sorted by first content offset, with
//! content parts ordered and disjoint; without a model `doc.merged` is
//! the sieve's claims.
//!
//! - `model::decode` (in `src/model/`): the model's attributions.
//! - [`claim`]: a claim from one attribution.
//! - [`split`]: the coordinated split.
//! - [`merge`]: the model's claims beside the sieve's.

mod claim;
mod merge;
mod split;

use super::Resources;
use crate::doc::Doc;
use crate::model::decode;

/// The stage: fills `doc.merged` from `doc.rule_claims` and the model's
/// attributions.
pub fn run(r: &Resources, doc: &mut Doc) {
    let Some(model) = r.model(doc.lang) else {
        doc.merged.clone_from(&doc.rule_claims);
        return;
    };
    let found = decode::attributions(model, r.lex(doc), doc, &doc.rule_claims);
    doc.merged = merge::merge(r, doc, &doc.rule_claims, found);
}
