//! # whosaid
//!
//! Extracts **who said what** from news text: every direct, mixed and reported
//! quote, attributed to its speaker, with the reporting cue, the addressee, the
//! channel and span offsets.
//!
//! ```
//! use whosaid::Pipeline;
//!
//! let pipeline = Pipeline::new();
//! let text = "\"We are not going to sign a bad deal,\" Deputy Minister Lena Park told reporters.";
//! let claims = pipeline.extract(text);
//! assert_eq!(claims.len(), 1);
//! let c = &claims[0];
//! assert_eq!(c.kind, whosaid::Kind::Direct);
//! assert_eq!(c.speaker.map(|s| &text[s.range()]), Some("Deputy Minister Lena Park"));
//! assert_eq!(c.cue.map(|s| &text[s.range()]), Some("told"));
//! assert_eq!(c.addressee.map(|s| &text[s.range()]), Some("reporters"));
//! ```
//!
//! The pipeline runs in stages, one module each, every stage reading the
//! original text and adding byte spans into it (see `DESIGN.md`):
//! [`scan`] → [`segment`] → [`quotes`] → [`cues`] → [`mentions`] →
//! [`attribute`] → [`resolve`] → [`emit`]. [`ingest`] feeds documents in,
//! [`engine`] runs the stages over many documents in parallel, [`eval`]
//! scores claims against BRAT gold annotations, and [`bench`](mod@bench) measures
//! throughput per stage.

pub mod attribute;
pub mod bench;
pub mod cues;
pub mod emit;
pub mod engine;
pub mod eval;
pub mod ingest;
pub mod lexicon;
pub mod mentions;
pub mod quotes;
pub mod resolve;
pub mod scan;
pub mod segment;
mod span;
mod text;

pub use attribute::{Claim, Kind, SpeakerType};
pub use ingest::Document;
pub use span::Span;

/// Everything the stages need that is built once and shared by all threads:
/// the cue automaton, gazetteers and abbreviation tables.
pub struct Pipeline {
    pub(crate) lex: lexicon::Lexicons,
    pub(crate) cues: cues::CueMatcher,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

/// The output of every stage for one document, kept for inspection and
/// per-stage benchmarks.
#[derive(Debug, Default)]
pub struct Analysis {
    pub marks: Vec<scan::Mark>,
    pub paragraphs: Vec<Span>,
    pub quotes: Vec<quotes::Quote>,
    pub sentences: Vec<segment::Sentence>,
    pub cues: Vec<cues::CueMatch>,
    pub claims: Vec<Claim>,
    /// Speaker phrases already looked up, by (limit, end): the sieve's
    /// rules ask about the same cue several times.
    speakers: std::cell::RefCell<
        std::collections::HashMap<
            (usize, usize),
            Option<mentions::Mention>,
            lexicon::WordHashBuilder,
        >,
    >,
}

impl Analysis {
    /// The cues that start within `span`.
    pub(crate) fn cues_starting_in(&self, span: Span) -> &[cues::CueMatch] {
        let i = self.cues.partition_point(|c| c.span.start < span.start);
        let j = self.cues.partition_point(|c| c.span.start < span.end);
        &self.cues[i..j]
    }

    /// Forgets the speaker look-ups of the previous document.
    pub(crate) fn clear_memo(&mut self) {
        self.speakers.get_mut().clear();
    }

    /// [`mentions::before`], remembered for the document being analysed.
    pub(crate) fn speaker_before(
        &self,
        p: &Pipeline,
        text: &str,
        limit: usize,
        end: usize,
    ) -> Option<mentions::Mention> {
        *self
            .speakers
            .borrow_mut()
            .entry((limit, end))
            .or_insert_with(|| mentions::before(p, text, limit, end))
    }
}

impl Pipeline {
    /// Builds every automaton and lexicon. Costs a few milliseconds: build one
    /// and share it.
    pub fn new() -> Self {
        let lex = lexicon::Lexicons::load();
        let cues = cues::CueMatcher::new(&lex);
        Pipeline { lex, cues }
    }

    /// Runs all stages on `text` and returns the claims in order of first
    /// content offset.
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        let mut a = Analysis::default();
        self.analyze_into(text, &mut a);
        a.claims
    }

    /// Runs all stages, reusing the buffers of `a` (cleared first).
    pub fn analyze_into(&self, text: &str, a: &mut Analysis) {
        a.clear_memo();
        scan::scan(text, &mut a.marks);
        segment::paragraphs(text, &mut a.paragraphs);
        quotes::pair(text, &a.marks, &a.paragraphs, &mut a.quotes);
        segment::sentences(text, &a.paragraphs, &a.quotes, &self.lex, &mut a.sentences);
        self.cues.find(text, &a.quotes, &mut a.cues);
        attribute::attribute(self, text, a);
        resolve::resolve(self, text, &mut a.claims);
    }
}
