//! The document and everything the stages add to it: the bottom floor of
//! the crate, which every stage reads and writes and which imports no
//! stage.
//!
//! A [`Doc`] holds the text of one article and, in the order the stages
//! fill them, the quotation marks, paragraphs, quotes, sentences, cues,
//! per-token features and claims, all as byte [`Span`]s into that text:
//! nothing is copied or rewritten until output.
//!
//! Its parts, one job each: [`marks`] (quotation marks, quotes,
//! sentences), [`cue`] (reporting expressions), [`token`] (the features
//! stage's tokens), [`rule`] (what made a claim), [`claim`] (claims, their
//! kinds and speakers, and the check every stage is held to). Every type
//! is re-exported here, so `crate::doc::X` names it wherever it lives.

mod claim;
mod cue;
mod marks;
mod rule;
mod token;

/// What a claim's cue reports (the `cue_class` column); `CueClass` here
/// is the lexicon's class of a cue word.
pub use claim::CueClass as ClaimCueClass;
pub use claim::{Claim, Kind, Mention, SpeakerType, check_claims};
pub use cue::{CueClass, CueEntry, CueMatch, Form};
pub use marks::{Mark, Quote, Role, Sentence, Shape};
pub use rule::Rule;
pub use token::{QuoteState, Token, TokenCue, TokenShape};

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
