//! How far each rule of the sieve is to be trusted.
//!
//! Reads: a claim's [`Rule`]. Adds: nothing to the document itself; the
//! sieve sets each of its claims' confidence from [`precision`].
//! Guarantees: every rule of the sieve has a precision in 0–1; the
//! model, whose claims carry their own calibrated probability, has none.
//!
//! A rule's precision is the share of its claims on the PolNeAR train
//! split whose content matched a gold attribution with the right source
//! (`whosaid eval --by-rule`, attribution_P), smoothed as (right + 1) /
//! (claims + 2) for rules with fewer than 100 claims.

use crate::doc::Rule;

/// The measured precision of `rule`'s claims (`None` for the model).
pub fn precision(rule: Rule) -> Option<f32> {
    Some(match rule {
        Rule::QuoteCueSpeaker => 0.96,
        Rule::QuoteSpeakerCue => 0.95,
        Rule::AccordingToClause => 0.92,
        Rule::ContentSpeakerCue => 0.91,
        Rule::ParentheticalAttribution => 0.90,
        Rule::SpeakerCueQuote => 0.89,
        Rule::QuoteAccordingTo => 0.83,
        Rule::SpeakerColonQuote => 0.83,
        Rule::SubjectColonQuote => 0.70,
        Rule::SpeakerCueMixed => 0.80,
        Rule::ClaimThenGerundClause => 0.79,
        Rule::AskedClause => 0.77,
        Rule::SpeakerCueColonParagraph => 0.75,
        Rule::AccordingToQuote => 0.75,
        Rule::CueSpeakerQuote => 0.75,
        Rule::SpeakerCueClause => 0.73,
        Rule::SubjectGerundClause => 0.70,
        Rule::SpeakerColonClause => 0.66,
        Rule::SubjectGerundQuote => 0.64,
        Rule::SubjectAndCueQuote => 0.64,
        Rule::InDocumentClause => 0.63,
        Rule::ContentCueSpeaker => 0.53,
        Rule::ParagraphContinuation => 0.46,
        Rule::QuoteContinuation => 0.46,
        Rule::SoSpeaker => 0.80,
        Rule::AsSpeakerCue => 0.80,
        // Made by the finish stage from another claim, whose confidence
        // they take a share of.
        Rule::Model | Rule::SubjunctiveRun | Rule::NestedQuote => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_the_sieve_has_a_precision_and_the_model_none() {
        for &r in Rule::ALL {
            match precision(r) {
                Some(p) => assert!((0.0..=1.0).contains(&p), "{}", r.name()),
                None => assert!(
                    matches!(r, Rule::Model | Rule::SubjunctiveRun | Rule::NestedQuote),
                    "{}",
                    r.name()
                ),
            }
        }
    }
}
