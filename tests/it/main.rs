//! The integration test binary: constructions, golden files over
//! `corpora/sample`, the command line, evaluation and the accuracy guard.

mod accuracy;
mod cli;
mod constructions;
mod examples;
mod golden;
mod inputs;
#[cfg(feature = "train")]
mod model;
mod outputs;
mod properties;
mod robustness;
mod stream;

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
