//! Claims: how the content was reported ([`Kind`]), what its cue reports
//! ([`CueClass`]), who said it ([`SpeakerType`], [`Mention`]), the
//! [`Claim`] itself, and [`check_claims`], the guarantees every stage
//! keeps.

use super::{Rule, Span};
use serde::Serialize;
use std::str::FromStr;

/// The kind of speaker, as in the output schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    Outlet,
    Organization,
    Group,
    Anonymous,
    /// A document speaks: a poll, report, study, email, memo, ad, filing
    /// or data.
    Document,
    #[default]
    Unknown,
}

impl SpeakerType {
    /// Every type, in declaration order.
    pub const ALL: [SpeakerType; 7] = [
        SpeakerType::Person,
        SpeakerType::Outlet,
        SpeakerType::Organization,
        SpeakerType::Group,
        SpeakerType::Anonymous,
        SpeakerType::Document,
        SpeakerType::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Outlet => "outlet",
            SpeakerType::Organization => "organization",
            SpeakerType::Group => "group",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Document => "document",
            SpeakerType::Unknown => "unknown",
        }
    }
}

impl std::str::FromStr for SpeakerType {
    type Err = crate::error::Error;
    /// The type a `speaker_type` cell names ("person", ..., "unknown").
    fn from_str(s: &str) -> Result<SpeakerType, crate::error::Error> {
        crate::error::named(s, "speaker type", &SpeakerType::ALL, SpeakerType::as_str)
    }
}

/// A speaker phrase and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: SpeakerType,
    /// The head is a plain lower-case word, let in only because a
    /// determiner precedes it ("a handwritten ...").
    pub weak: bool,
}

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

impl FromStr for Kind {
    type Err = crate::error::Error;
    /// The kind a `kind` cell names ("direct", "mixed", "indirect").
    fn from_str(s: &str) -> Result<Kind, crate::error::Error> {
        let all = [Kind::Direct, Kind::Mixed, Kind::Indirect];
        crate::error::named(s, "kind", &all, Kind::as_str)
    }
}

/// What a claim's cue reports, as the `cue_class` column names it. (Not
/// the lexicon's class of a cue word, [`super::cue::CueClass`], which
/// `crate::doc::CueClass` names; this one is `crate::doc::ClaimCueClass`
/// outside this module.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// Something said or written ("said", "told", "wrote").
    Speech,
    /// Something believed, hoped or expected ("believes", "expects").
    Thought,
    /// Something shown or found ("according to", "the report shows").
    Evidence,
}

impl CueClass {
    /// Every class, in declaration order.
    pub const ALL: [CueClass; 3] = [CueClass::Speech, CueClass::Thought, CueClass::Evidence];

    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Thought => "thought",
            CueClass::Evidence => "evidence",
        }
    }

    /// Does a filter on `classes` keep a claim of class `class`? No
    /// classes: no filter, every claim passes; else a claim passes when
    /// its class is one of them, and a claim of no class never does.
    pub fn passes(classes: &[CueClass], class: Option<CueClass>) -> bool {
        classes.is_empty() || class.is_some_and(|c| classes.contains(&c))
    }
}

impl FromStr for CueClass {
    type Err = crate::error::Error;
    /// The class a `cue_class` cell names ("speech", "thought", "evidence").
    fn from_str(s: &str) -> Result<CueClass, crate::error::Error> {
        crate::error::named(s, "cue class", &CueClass::ALL, CueClass::as_str)
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
    pub rule: Rule,
    /// The speaker's role or title as written ("Secretary of State", "a
    /// spokeswoman"); filled by the resolve stage.
    pub speaker_title: Option<String>,
    /// The speaker's affiliation ("Corvane", "the Trump campaign");
    /// filled by the resolve stage.
    pub speaker_org: Option<String>,
    /// What the cue reports; filled by the resolve stage.
    pub cue_class: Option<CueClass>,
    /// For an anonymous source, the reason the text gives for it
    /// ("because the talks were private"); filled by the resolve stage.
    pub anonymity_reason: Option<String>,
}

impl Claim {
    /// A claim made by `rule`; frame, via, positions and confidence are
    /// filled in later (the confidence by the stage that made it).
    pub fn new(
        kind: Kind,
        content: Vec<Span>,
        speaker: Option<Mention>,
        cue: Option<Span>,
        rule: Rule,
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
            confidence: 0.0,
            rule,
            speaker_title: None,
            speaker_org: None,
            cue_class: None,
            anonymity_reason: None,
        }
    }

    /// Start of the first content part.
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |s| s.start)
    }

    /// End of the last content part.
    pub fn end(&self) -> usize {
        self.content.last().map_or(0, |s| s.end)
    }

    /// Every span the claim holds: content parts, then speaker, cue,
    /// addressee, channel and via.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.content
            .iter()
            .copied()
            .chain(self.speaker)
            .chain(self.cue)
            .chain(self.addressee)
            .chain(self.channel)
            .chain(self.via)
    }
}

/// Checks what every stage guarantees of the claims of `text`: content is
/// never empty, claims are ordered by content start, content parts are
/// ordered and disjoint, and every span lies in the text on character
/// boundaries. The property tests, the robustness tests and the fuzz
/// target all hold the pipeline to this one check.
pub fn check_claims(text: &str, claims: &[Claim]) -> Result<(), crate::error::Error> {
    let broken = |i: usize, what: &str| {
        let message = format!("claim {i}: {what}");
        Err(crate::error::Error::new(
            crate::error::ErrorKind::Guarantee,
            message,
        ))
    };
    let mut last = 0;
    for (i, c) in claims.iter().enumerate() {
        if c.content.is_empty() {
            return broken(i, "no content");
        }
        if c.start() < last {
            return broken(i, "starts before the claim before it");
        }
        last = c.start();
        if c.content.windows(2).any(|w| w[0].end > w[1].start) {
            return broken(i, "content parts overlap or are out of order");
        }
        for s in c.spans() {
            let ok = s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end);
            if !ok {
                let (a, b, n) = (s.start, s.end, text.len());
                let what = format!(
                    "span {a}..{b} is not within the text's {n} bytes on character boundaries"
                );
                return broken(i, &what);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_classes_parse_from_their_names_only() {
        for c in CueClass::ALL {
            assert_eq!(c.as_str().parse::<CueClass>(), Ok(c));
        }
        assert_eq!("thought".parse::<CueClass>(), Ok(CueClass::Thought));
        let e = "belief".parse::<CueClass>().unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::UnknownName);
        assert_eq!(
            e.to_string(),
            "unknown cue class \"belief\" (one of: speech, thought, evidence)"
        );
        assert!(
            "Speech".parse::<CueClass>().is_err(),
            "names are lower case"
        );
        assert!("".parse::<CueClass>().is_err());
    }

    #[test]
    fn a_class_filter_keeps_its_classes_and_drops_claims_of_none() {
        use CueClass::*;
        assert!(CueClass::passes(&[], None), "no filter");
        assert!(CueClass::passes(&[], Some(Evidence)));
        assert!(CueClass::passes(&[Speech, Thought], Some(Thought)));
        assert!(!CueClass::passes(&[Speech, Thought], Some(Evidence)));
        assert!(!CueClass::passes(&[Speech], None), "no class: dropped");
    }

    #[test]
    fn speaker_types_include_document() {
        assert_eq!("document".parse::<SpeakerType>(), Ok(SpeakerType::Document));
        assert_eq!(SpeakerType::Document.as_str(), "document");
        let e = "poll".parse::<SpeakerType>().unwrap_err();
        assert!(
            e.to_string().contains("anonymous, document, unknown"),
            "{e}"
        );
    }

    #[test]
    fn new_claims_have_no_title_org_class_or_reason() {
        let c = Claim::new(
            Kind::Direct,
            vec![Span::new(0, 4)],
            None,
            None,
            Rule::QuoteSpeakerCue,
        );
        assert_eq!(c.speaker_title, None);
        assert_eq!(c.speaker_org, None);
        assert_eq!(c.cue_class, None);
        assert_eq!(c.anonymity_reason, None);
    }

    #[test]
    fn check_claims_finds_each_broken_guarantee() {
        let text = "“Ja,” sagte sie.";
        let ok = Claim::new(
            Kind::Direct,
            vec![Span::new(0, 9)],
            None,
            None,
            Rule::QuoteSpeakerCue,
        );
        assert_eq!(check_claims(text, std::slice::from_ref(&ok)), Ok(()));
        let mid_char = Claim {
            content: vec![Span::new(1, 9)],
            ..ok.clone()
        };
        assert!(check_claims(text, &[mid_char]).is_err());
        let empty = Claim {
            content: vec![],
            ..ok.clone()
        };
        assert!(check_claims(text, &[empty]).is_err());
        let overlapping = Claim {
            content: vec![Span::new(0, 9), Span::new(3, 9)],
            ..ok.clone()
        };
        assert!(check_claims(text, &[overlapping]).is_err());
        let late = Claim {
            content: vec![Span::new(9, 10)],
            ..ok.clone()
        };
        assert!(check_claims(text, &[late, ok.clone()]).is_err());
        let outside = Claim {
            speaker: Some(Span::new(10, 99)),
            ..ok
        };
        assert!(check_claims(text, &[outside]).is_err());
    }
}
