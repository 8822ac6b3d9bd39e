//! Language helpers that are not stages: the stages call them on the
//! stretch of text they are looking at.
//!
//! - [`text`]: tokenizing a window, trimming, character boundaries.
//! - [`mentions`]: the speaker phrase before or after a cue, and its type.
//! - [`frame`]: the addressee and channel after a cue.
//! - [`voice`]: passive and raising cues, and a passive's agent.
//! - [`dateline`]: the place and agency that open a wire story.
//! - [`tokens`]: a document's tokens, as the model reads them.
//! - [`detect`]: which language a document is written in.
//! - [`german`]: a German clause's finite verb and its subject.

pub mod dateline;
pub mod detect;
pub mod frame;
pub mod german;
pub mod mentions;
pub mod text;
pub mod tokens;
pub mod voice;
