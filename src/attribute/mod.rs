//! **attribute** — the sieve that turns quotes and cues into claims.
//!
//! Reads: sentences, quotes, cues (from the earlier stages) and speaker
//! mentions found around cues. Adds: [`Claim`]s, each made by one named
//! rule with a confidence. Rules run most precise first and a quote taken
//! by one rule is not offered to later ones:
//!
//! 1. `direct`: `"Q," X said` / `"Q," said X` (with split quotes
//!    `"Q1," X said, "Q2"`), `"Q," according to X`, then the leading forms
//!    `X said: "Q"` / `X told Y, "Q"` / `According to X, "Q"`, the mixed
//!    form `X said (that) ... "Q" ...`, and the colon lead-in `X: "Q"`.
//! 2. `reported`: reported speech in a sentence that no quote rule
//!    took — `CONTENT, X said.`, `According to X, CONTENT`, `CONTENT, X
//!    said, CONTENT`, `X said (that) CONTENT`, `..., saying CONTENT`,
//!    `X: CONTENT` — then what follows a claim in its sentence, `Asked
//!    whether ...` and `In a poll ..., CONTENT`.
//! 3. `continuation`: a sentence or paragraph that is only a quote, right
//!    after an attributed quote, continues that speaker.
//!
//! Guarantees: claims are sorted by first content offset; every span lies
//! in the text; content spans are sorted and disjoint; the cue and speaker
//! never overlap the content.

mod continuation;
mod direct;
mod frame;
mod reported;

use crate::mentions::Mention;
pub use crate::mentions::SpeakerType;
use crate::{Analysis, Pipeline, Span};
use serde::Serialize;

/// How the content was reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The content is entirely inside quote marks.
    Direct,
    /// Reported content with quoted parts.
    Mixed,
    /// Reported content without quote marks.
    Indirect,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Mixed => "mixed",
            Kind::Indirect => "indirect",
        }
    }
}

/// One attributed claim, as byte spans into the document text.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub kind: Kind,
    /// One range per part; a split quote has several.
    pub content: Vec<Span>,
    pub speaker: Option<Span>,
    pub speaker_type: SpeakerType,
    /// Canonical name after resolution (filled by the resolve stage).
    pub speaker_resolved: Option<String>,
    pub cue: Option<Span>,
    pub addressee: Option<Span>,
    pub channel: Option<Span>,
    pub via: Option<Span>,
    pub paragraph: usize,
    pub sentence: usize,
    pub confidence: f32,
    pub rule: &'static str,
}

impl Claim {
    fn new(
        kind: Kind,
        content: Vec<Span>,
        speaker: Option<Mention>,
        cue: Option<Span>,
        rule: &'static str,
    ) -> Self {
        Claim {
            kind,
            content,
            speaker: speaker.map(|m| m.span),
            speaker_type: speaker.map_or(SpeakerType::Unknown, |m| m.kind),
            speaker_resolved: None,
            cue,
            addressee: None,
            channel: None,
            via: None,
            paragraph: 0,
            sentence: 0,
            confidence: confidence(rule),
            rule,
        }
    }

    /// Takes the addressee and channel of the cue's frame.
    fn set_frame(&mut self, f: &frame::Frame) {
        self.addressee = f.addressee;
        self.channel = f.channel;
    }

    /// Start of the first content part.
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |s| s.start)
    }

    /// End of the last content part.
    pub fn end(&self) -> usize {
        self.content.last().map_or(0, |s| s.end)
    }
}

/// Every rule the sieve can name, with its confidence: the share of its
/// claims on the PolNeAR train split whose content matched a gold
/// attribution with the right source (`whosaid eval --by-rule`,
/// attribution_P), smoothed as (right + 1) / (claims + 2) for rules with
/// fewer than 100 claims. Every rule a claim can name must be listed.
pub const RULES: &[(&str, f32)] = &[
    ("quote_cue_speaker", 0.96),
    ("quote_speaker_cue", 0.95),
    ("according_to_clause", 0.92),
    ("content_speaker_cue", 0.91),
    ("parenthetical_attribution", 0.90),
    ("speaker_cue_quote", 0.89),
    ("quote_according_to", 0.83),
    ("speaker_colon_quote", 0.83),
    ("speaker_cue_mixed", 0.80),
    ("claim_then_gerund_clause", 0.79),
    ("asked_clause", 0.77),
    ("speaker_cue_colon_paragraph", 0.75),
    ("according_to_quote", 0.75),
    ("cue_speaker_quote", 0.75),
    ("speaker_cue_clause", 0.73),
    ("subject_gerund_clause", 0.70),
    ("speaker_colon_clause", 0.66),
    ("subject_gerund_quote", 0.64),
    ("subject_and_cue_quote", 0.64),
    ("in_document_clause", 0.63),
    ("content_cue_speaker", 0.53),
    ("paragraph_continuation", 0.46),
];

fn confidence(rule: &str) -> f32 {
    RULES
        .iter()
        .find(|(r, _)| *r == rule)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("rule {rule} is not listed in attribute::RULES"))
}

/// Runs the sieve over one analysed document, replacing `a.claims`.
pub fn attribute(p: &Pipeline, text: &str, a: &mut Analysis) {
    a.claims.clear();
    let mut used = vec![false; a.quotes.len()];
    direct::run(p, text, a, &mut used);
    reported::run(p, text, a, &mut used);
    continuation::run(text, a, &mut used);
    a.claims.sort_by_key(|c| (c.start(), c.end()));
    for c in &mut a.claims {
        let start = c.start();
        let si = a.sentences.partition_point(|s| s.span.end <= start);
        if let Some(s) = a.sentences.get(si) {
            c.sentence = si;
            c.paragraph = s.paragraph;
        }
    }
}

/// Is the cue at `cue` inside a relative clause that a later `, CUE` of
/// the same sentence closes ("Marsh, who voted against it, said ...")?
/// Such a "who" is not the speaker of the claim the sentence reports.
fn in_relative_clause(text: &str, a: &Analysis, speaker: Span, cue: Span, sent_end: usize) -> bool {
    if !text[speaker.range()].eq_ignore_ascii_case("who") {
        return false;
    }
    let from = a.cues.partition_point(|c| c.span.start <= cue.start);
    a.cues[from..]
        .iter()
        .take_while(|c| c.span.start < sent_end)
        .any(|c| text[..c.span.start].trim_end().ends_with(','))
}

/// End of a sentence's content: without its final period or semicolon.
fn content_end(text: &str, sent: Span) -> usize {
    let s = &text[sent.range()];
    sent.start + s.trim_end_matches(['.', ';', ' ', '\n']).len()
}

/// Index of the sentence containing byte `pos` (or the next one after it).
fn sentence_at(a: &Analysis, pos: usize) -> Option<usize> {
    let i = a.sentences.partition_point(|s| s.span.end <= pos);
    (i < a.sentences.len()).then_some(i)
}
