//! [`Rule`]: what made a claim, a rule of the sieve or the trained model,
//! with the name each has in the `rule` column.

use std::str::FromStr;

/// Declares [`Rule`] with each rule's output name.
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident = $name:literal;)*) => {
        /// What made a claim: a rule of the sieve, or the trained model.
        /// (The stage that makes a claim sets its confidence: the sieve from
        /// each rule's measured precision, the model its own probability.)
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The name written in the `rule` column.
            pub fn name(self) -> &'static str {
                match self {
                    $(Rule::$variant => $name,)*
                }
            }
        }

        impl FromStr for Rule {
            type Err = crate::error::Error;

            /// The rule by its name in the `rule` column ([`Rule::name`]).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                crate::error::named(s, "rule", Rule::ALL, Rule::name)
            }
        }
    };
}

rules! {
    /// `"Q," said X`
    QuoteCueSpeaker = "quote_cue_speaker";
    /// `"Q," X said` (and split quotes)
    QuoteSpeakerCue = "quote_speaker_cue";
    /// `According to X, CONTENT` and its variants
    AccordingToClause = "according_to_clause";
    /// `CONTENT, X said.`
    ContentSpeakerCue = "content_speaker_cue";
    /// `CONTENT, X said, CONTENT.`
    ParentheticalAttribution = "parenthetical_attribution";
    /// `X said, "Q"`
    SpeakerCueQuote = "speaker_cue_quote";
    /// `"Q," according to X`
    QuoteAccordingTo = "quote_according_to";
    /// `X: "Q"`
    SpeakerColonQuote = "speaker_colon_quote";
    /// `X was candid: "Q"`
    SubjectColonQuote = "subject_colon_quote";
    /// `X said (that) ... "Q" ...`
    SpeakerCueMixed = "speaker_cue_mixed";
    /// `"Q," she said, adding that CONTENT`
    ClaimThenGerundClause = "claim_then_gerund_clause";
    /// `Asked whether CONTENT, ...`
    AskedClause = "asked_clause";
    /// `X said:` ¶ `"Q"`
    SpeakerCueColonParagraph = "speaker_cue_colon_paragraph";
    /// `According to X, "Q"`
    AccordingToQuote = "according_to_quote";
    /// `Said X, "Q"`
    CueSpeakerQuote = "cue_speaker_quote";
    /// `X said (that) CONTENT.`
    SpeakerCueClause = "speaker_cue_clause";
    /// `X did something, saying (that) CONTENT.`
    SubjectGerundClause = "subject_gerund_clause";
    /// `X: CONTENT` (headlines, lead-ins)
    SpeakerColonClause = "speaker_colon_clause";
    /// `X did something, saying "Q"`
    SubjectGerundQuote = "subject_gerund_quote";
    /// `X did something and said "Q"`
    SubjectAndCueQuote = "subject_and_cue_quote";
    /// `In a poll released Thursday, CONTENT.`
    InDocumentClause = "in_document_clause";
    /// `CONTENT, said X.`
    ContentCueSpeaker = "content_cue_speaker";
    /// A quote opening the paragraph after an attributed quote
    ParagraphContinuation = "paragraph_continuation";
    /// A quote sentence right after an attributed one in its paragraph,
    /// a claim of its own where each sentence of a report is one
    /// (German)
    QuoteContinuation = "quote_continuation";
    /// `CONTENT, so X.` (German)
    SoSpeaker = "so_speaker";
    /// `CONTENT, wie X mitteilte.` (German; English `as X said`)
    AsSpeakerCue = "as_speaker_cue";
    /// A sentence in the reporting subjunctive after an attributed one
    /// (German `Er sei ...`): the report runs on
    SubjunctiveRun = "subjunctive_run";
    /// The quoted words inside a claim's content, a claim of their own
    NestedQuote = "nested_quote";
    /// The trained model
    Model = "model";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_distinct_name_that_parses_back() {
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
        for &r in Rule::ALL {
            assert_eq!(r.name().parse::<Rule>(), Ok(r));
        }
        let err = "quote_cue".parse::<Rule>().unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::UnknownName);
        assert!(err.to_string().contains("\"quote_cue\""), "{err}");
    }
}
