//! Language helpers that are not stages: the stages call them on the
//! stretch of text they are looking at.
//!
//! - [`text`]: tokenizing a window, trimming, character boundaries.
//! - [`mentions`]: the speaker phrase before or after a cue, and its type.
//! - [`names`]: the name inside a speaker phrase ("Rep. Jane Roe (D-Ore.)"
//!   → "Jane Roe").

pub mod frame;
pub mod mentions;
pub mod names;
pub mod text;
