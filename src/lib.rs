//! # whosaid
//!
//! Extracts **who said what** from news text: every direct, mixed and
//! reported quote, attributed to its speaker, with the reporting cue, the
//! addressee, the channel and span offsets.
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
//! A whole folder (or JSONL, CSV, HTML, WARC files, maybe compressed),
//! in parallel, in input order, rendered as JSONL (or CSV, TSV, ...):
//!
//! ```
//! use whosaid::emit::{Format, Renderer};
//! use whosaid::engine::{Engine, Status};
//! use whosaid::{Pipeline, ingest};
//!
//! let opened = ingest::open(&["corpora/sample".to_string()], ingest::Options::default())?;
//! let pipeline = Pipeline::new();
//! let renderer = Renderer { format: Format::Jsonl, meta_columns: vec![], guard: true, context: false };
//! let engine = Engine::new(&pipeline, renderer);
//! let (mut documents, mut jsonl) = (0, Vec::new());
//! engine.run(opened.items, |outcome| -> Result<(), whosaid::Error> {
//!     assert_eq!(outcome.status, Status::Ok, "{}", outcome.id);
//!     documents += 1;
//!     jsonl.extend_from_slice(&outcome.output.text);
//!     Ok(())
//! })?;
//! assert_eq!(documents, 17);
//! assert!(String::from_utf8(jsonl).unwrap().lines().count() > 100);
//! # Ok::<(), whosaid::Error>(())
//! ```
//!
//! The crate is laid out in floors, data flowing up:
//!
//! - [`doc`]: the document and everything the stages add to it (spans,
//!   quotes, sentences, cues, claims); `lexicon`: the word lists.
//! - `error`: the one [`Error`] type, with its [`ErrorKind`] and the
//!   input and [`Position`] it concerns.
//! - `lang`: helpers the stages call (tokenizer and tokens, speaker
//!   phrases, names, a cue's frame and voice, datelines).
//! - [`model`]: the trained attribution model (a CRF over integer
//!   features), its decoding over a document and, with the `train`
//!   feature, its training.
//! - [`stages`]: one module per stage, in run order, and the one list
//!   [`stages::STAGES`] of them: scan → paragraphs → quotes → sentences →
//!   cues → features → attribute → model → finish → resolve.
//! - [`pipeline`]: the stages' resources built once, and the run of the
//!   stages over one document; [`engine`]: many documents in parallel,
//!   in input order.
//! - [`ingest`] reads documents in, [`emit`] writes claims out (JSONL,
//!   CSV, TSV; the command line adds JSON arrays, workbooks and Parquet),
//!   [`eval`] scores claims against gold annotations (BRAT, or the JSON
//!   of the German news quotation-attribution dataset).
//!
//! The output schema and the evaluation metric are described in
//! `docs/schema.md` and `docs/metric.md`.

#[doc(hidden)]
pub mod cmd;
pub mod corpus;
pub mod doc;
pub mod emit;
pub mod engine;
mod error;
pub mod eval;
pub mod ingest;
mod lang;
mod lexicon;
pub mod model;
pub mod pipeline;
pub mod stages;

pub use doc::{Claim, Doc, Kind, Rule, Span, SpeakerType};
pub use error::{Error, ErrorKind, Position};
pub use ingest::Document;
pub use lexicon::Lang;
pub use pipeline::Pipeline;
