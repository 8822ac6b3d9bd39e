//! **ingest** — documents in.
//!
//! Reads: paths (files; folders, walked recursively for the input kinds
//! below) and `-` for standard input. Each file is plain text, HTML (its
//! main text), JSONL, a JSON array, CSV/TSV or a web archive (WARC), by
//! its name or, failing that, its first bytes; gzip and zstd compression
//! is recognised by content and undone as the file is read. Adds: a
//! stream of [`Item`]s in a stable order (inputs as given, folder entries
//! sorted by name): each a [`Document`] `{ id, text, meta }` or a
//! [`Failure`] naming the input and the problem. Undecodable bytes are
//! read as Windows-1252 with a warning; binary, oversized or malformed
//! inputs become failures; the stream goes on with the rest, so no input
//! is silently dropped.

mod compress;
mod decode;
mod html;
mod records;
mod sources;
mod walk;
mod warc;

pub use compress::Compression;
pub use decode::{DecodeError, Decoded, decode};
pub use records::field;
pub use sources::{InputFormat, Items, Opened, Options, Summary, files, open};
pub use walk::{COMPRESSED_EXTENSIONS, INPUT_EXTENSIONS};

/// One article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// File path relative to the input folder without extension, or the
    /// id field of a JSONL/CSV record.
    pub id: String,
    pub text: String,
    /// Fields carried from the input record into the output.
    pub meta: Vec<(String, serde_json::Value)>,
    /// Non-fatal problems met while reading ("decoded as cp1252").
    pub warnings: Vec<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }
}

/// An input that could not be turned into a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The document id when known, else the path (and line).
    pub id: String,
    pub reason: String,
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Doc(Document),
    Failed(Failure),
}
