//! The document and everything the stages add to it: the bottom floor of
//! the crate, which every stage reads and writes and which imports no
//! stage.
//!
//! A [`Doc`] holds the text of one article and, in the order the stages
//! fill them, the quotation marks, paragraphs, quotes, sentences, cues,
//! per-token features and claims, all as byte [`Span`]s into that text:
//! nothing is copied or rewritten until output.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

use crate::lexicon::Lang;

/// A half-open byte range `[start, end)` into a document's text, always on
/// UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    pub fn contains(self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
    pub fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The family a quotation mark belongs to: marks only pair within a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `"`, `“`, `”`, `„`, `«`, `»` and the typewriter pair `''` / ``` `` ```.
    Double,
    /// `'`, `‘`, `’`, `‚`, `‹`, `›`.
    Single,
}

/// What the context says about a quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// Straight marks with no telling context (`a"b`).
    Either,
}

/// A quotation mark (not an apostrophe), found by the scan stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub pos: usize,
    pub len: u8,
    pub shape: Shape,
    pub role: Role,
}

impl Mark {
    pub fn end(&self) -> usize {
        self.pos + self.len as usize
    }
}

/// A quotation: opening mark through closing mark, marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark (or of the
    /// paragraph when unbalanced).
    pub span: Span,
    /// Paragraph index where the quote opens.
    pub paragraph: usize,
    pub shape: Shape,
    /// No closing mark was found.
    pub unbalanced: bool,
    /// Number of paragraphs the quote runs through (1 for most).
    pub paragraphs: u32,
}

impl Quote {
    /// The text between the marks.
    pub fn inner(&self, text: &str) -> Span {
        let s = &text[self.span.range()];
        let open = s.chars().next().map_or(0, char::len_utf8);
        let open = if s.starts_with("''") || s.starts_with("``") {
            2
        } else {
            open
        };
        if self.unbalanced {
            return Span::new(self.span.start + open, self.span.end);
        }
        let close = s.chars().next_back().map_or(0, char::len_utf8);
        let close = if s.ends_with("''") { 2 } else { close };
        Span::new(
            self.span.start + open,
            (self.span.end - close).max(self.span.start + open),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Which inflection of a reporting verb was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    ThirdSingular,
    Past,
    Gerund,
    Participle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Verbs of saying, writing and showing.
    Speech,
    /// Verbs of believing, hoping, expecting.
    Belief,
    /// "according to".
    AccordingTo,
}

/// What the lexicon says of a cue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueEntry {
    pub lemma: &'static str,
    pub class: CueClass,
    pub form: Form,
    /// The verb takes an addressee ("told reporters").
    pub addressee: bool,
}

impl CueEntry {
    /// A finite verb of saying or believing ("said", "says", "believe"),
    /// which can head a reported clause of its own; gerunds, participles
    /// and "according to" attach to something else.
    pub fn is_finite_report(&self) -> bool {
        self.class != CueClass::AccordingTo && !matches!(self.form, Form::Gerund | Form::Participle)
    }

    /// A cue the trained model found that no lexicon lists.
    pub const UNLISTED: CueEntry = CueEntry {
        lemma: "",
        class: CueClass::Speech,
        form: Form::Past,
        addressee: false,
    };

    /// The colon of a lead-in (`Trump: "..."`), which stands where a verb
    /// would.
    pub const COLON: CueEntry = CueEntry {
        lemma: ":",
        class: CueClass::Speech,
        form: Form::Base,
        addressee: false,
    };
}

/// A reporting expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub span: Span,
    pub entry: CueEntry,
}

/// The kind of speaker, as in the output schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    Outlet,
    Organization,
    Group,
    Anonymous,
    #[default]
    Unknown,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Outlet => "outlet",
            SpeakerType::Organization => "organization",
            SpeakerType::Group => "group",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Unknown => "unknown",
        }
    }
}

impl std::str::FromStr for SpeakerType {
    type Err = crate::Error;
    /// The type a `speaker_type` cell names ("person", ..., "unknown").
    fn from_str(s: &str) -> Result<SpeakerType, crate::Error> {
        use SpeakerType::*;
        let all = [Person, Outlet, Organization, Group, Anonymous, Unknown];
        crate::error::named(s, "speaker type", &all, SpeakerType::as_str)
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

/// What a token is, by its characters alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum TokenShape {
    #[default]
    Lower,
    Capitalized,
    AllCaps,
    Digits,
    /// Letters with digits or inner punctuation ("D-Ore", "U.S", "46-year-old").
    Mixed,
    Comma,
    Period,
    Colon,
    Semicolon,
    Dash,
    DoubleQuote,
    SingleQuote,
    OpenBracket,
    CloseBracket,
    QuestionOrBang,
    OtherPunct,
}

impl TokenShape {
    pub const COUNT: usize = 16;
}

/// Where a token stands with respect to quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum QuoteState {
    #[default]
    Outside,
    /// Inside a double quote.
    Inside,
    /// The opening mark of a double quote.
    Opening,
    /// The closing mark of a double quote.
    Closing,
    /// Inside a single quote that no double quote holds.
    InsideSingle,
}

impl QuoteState {
    pub const COUNT: usize = 5;
}

/// The cue a token is part of: its lexicon entry's class and form, and
/// whether the token is the cue's first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenCue {
    pub class: CueClass,
    pub form: Form,
    pub begins: bool,
}

/// A token of the document and the facts about it that need no model
/// (the features stage): its shape, its place in sentence and paragraph,
/// its quote state and the cue it is part of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// A word (letters, digits, inner joiners) rather than punctuation.
    pub word: bool,
    pub shape: TokenShape,
    pub quote: QuoteState,
    /// The cue the token is part of, if any.
    pub cue: Option<TokenCue>,
    /// [`Token::SENTENCE_START`] and the other position bits.
    pub position: u8,
    pub sentence: u32,
    pub paragraph: u32,
}

impl Token {
    pub const SENTENCE_START: u8 = 1;
    pub const SENTENCE_END: u8 = 2;
    pub const PARAGRAPH_START: u8 = 4;
    pub const AFTER_COMMA: u8 = 8;
    /// The number of distinct `position` values.
    pub const POSITIONS: usize = 16;
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
    type Err = crate::Error;
    /// The kind a `kind` cell names ("direct", "mixed", "indirect").
    fn from_str(s: &str) -> Result<Kind, crate::Error> {
        let all = [Kind::Direct, Kind::Mixed, Kind::Indirect];
        crate::error::named(s, "kind", &all, Kind::as_str)
    }
}

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
            type Err = UnknownRule;

            /// The rule by its name in the `rule` column ([`Rule::name`]).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Rule::$variant),)*
                    _ => Err(UnknownRule(s.to_string())),
                }
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
    /// The trained model
    Model = "model";
}

/// A name that no [`Rule`] has in the `rule` column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule {:?}", self.0)
    }
}

impl std::error::Error for UnknownRule {}

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
pub fn check_claims(text: &str, claims: &[Claim]) -> Result<(), crate::Error> {
    let broken = |i: usize, what: &str| {
        let message = format!("claim {i}: {what}");
        Err(crate::Error::new(crate::ErrorKind::Guarantee, message))
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

/// One article and everything the stages have added to it. The buffers
/// are kept between documents ([`Doc::reset`]), so a worker thread
/// allocates for its first documents only.
#[derive(Debug, Default)]
pub struct Doc {
    pub text: String,
    /// The language of the text: whose word lists the stages read.
    pub lang: Lang,
    /// scan: quotation marks in text order.
    pub marks: Vec<Mark>,
    /// paragraphs: trimmed, ordered, disjoint.
    pub paragraphs: Vec<Span>,
    /// quotes: top-level quotes sorted by start.
    pub quotes: Vec<Quote>,
    /// sentences: within paragraphs, ordered, disjoint.
    pub sentences: Vec<Sentence>,
    /// cues: reporting expressions in text order.
    pub cues: Vec<CueMatch>,
    /// features: every token of the text, in order.
    pub tokens: Vec<Token>,
    /// attribute: the sieve's claims (the model reads them).
    pub rule_claims: Vec<Claim>,
    /// model: the sieve's claims and the model's (the sieve's alone without one).
    pub merged: Vec<Claim>,
    /// finish: the merged claims with what holds for every claim.
    pub finished: Vec<Claim>,
    /// resolve: the output, speakers resolved (all four ordered by content start).
    pub claims: Vec<Claim>,
}

impl Doc {
    /// A document holding `text`, with nothing added yet.
    pub fn new(text: &str) -> Self {
        let mut d = Doc::default();
        d.reset(text);
        d
    }

    /// Replaces the text and empties what the stages added, keeping the
    /// buffers' capacity.
    pub fn reset(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.clear();
    }

    /// Empties what the stages added (the text stays).
    pub fn clear(&mut self) {
        self.marks.clear();
        self.paragraphs.clear();
        self.quotes.clear();
        self.sentences.clear();
        self.cues.clear();
        self.tokens.clear();
        self.rule_claims.clear();
        self.merged.clear();
        self.finished.clear();
        self.claims.clear();
    }

    /// The cues that start within `span`.
    pub fn cues_starting_in(&self, span: Span) -> &[CueMatch] {
        let i = self.cues.partition_point(|c| c.span.start < span.start);
        let j = self.cues.partition_point(|c| c.span.start < span.end);
        &self.cues[i..j]
    }

    /// Is sentence `si` a headline: the whole first paragraph of a
    /// document of several, without a sentence's final punctuation? A
    /// headline reports what happened ("City board votes to close two
    /// libraries") more often than what anyone said.
    pub fn is_headline(&self, si: usize) -> bool {
        let Some(s) = self.sentences.get(si) else {
            return false;
        };
        s.paragraph == 0
            && self.paragraphs.len() > 1
            && self.paragraphs.first() == Some(&s.span)
            && !self.text[s.span.range()]
                .trim_end()
                .ends_with(['.', '?', '!', '"', '”', '\'', '’', ')'])
    }

    /// The kind of a claim with `content`: direct when every part is a
    /// quotation, mixed when a part holds a quotation mark, else indirect.
    pub fn kind_of(&self, content: &[Span]) -> Kind {
        if content
            .iter()
            .all(|c| self.quotes.iter().any(|q| q.span == *c))
        {
            Kind::Direct
        } else if content
            .iter()
            .any(|c| self.text[c.range()].contains(['"', '“', '”']))
        {
            Kind::Mixed
        } else {
            Kind::Indirect
        }
    }

    /// Index of the sentence containing byte `pos` (or the next one after
    /// it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len()).then_some(i)
    }
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
        assert_eq!(err, UnknownRule("quote_cue".into()));
        assert!(err.to_string().contains("quote_cue"), "{err}");
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
