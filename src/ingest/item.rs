//! What ingest hands on, and the settings it reads by: the [`Item`]s of
//! the stream (a [`Document`] or a [`Failure`]), [`Options`] and the
//! [`InputFormat`]s, and the decoding of a document's bytes. The bottom of
//! `ingest/`: the readers above import it, it imports none of them.

use super::decode::{Decoded, decode};
use crate::error::{Error, ErrorKind, Position, place};

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
    /// What went wrong, with the input and the position in it.
    pub reason: Error,
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Doc(Document),
    Failed(Failure),
}

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// By the name (`.txt`, `.html`, `.jsonl`, `.json`, `.csv`, `.tsv`,
    /// `.warc`, each maybe `.gz` or `.zst`), else by the first bytes.
    #[default]
    Auto,
    /// One article of plain text.
    Text,
    /// One HTML page: its main text.
    Html,
    /// One JSON object a line, each an article.
    Jsonl,
    /// A JSON array of objects, each an article; one object, an article;
    /// or JSONL.
    Json,
    /// A table with a header row, delimiter `,` `;` or tab (sniffed).
    Csv,
    /// A table with a header row, tab-delimited.
    Tsv,
    /// A web archive: each HTML or text response is an article.
    Warc,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Html => "HTML",
            InputFormat::Jsonl => "JSONL",
            InputFormat::Json => "JSON",
            InputFormat::Csv => "CSV",
            InputFormat::Tsv => "TSV",
            InputFormat::Warc => "WARC",
        }
    }
}

/// Ingest settings.
#[derive(Clone, Debug)]
pub struct Options {
    pub id_field: String,
    pub text_field: String,
    /// Record fields carried into the output (`source` is where the
    /// document came from; pages and WARC records have `title`, `url`,
    /// `date`, `record_id`).
    pub keep: Vec<String>,
    /// Larger documents are skipped and reported.
    pub max_doc_bytes: usize,
    pub format: InputFormat,
    /// The delimiter of CSV files (sniffed when `None`).
    pub delimiter: Option<u8>,
    /// Follow symbolic links in folders.
    pub follow: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            id_field: "id".into(),
            text_field: "text".into(),
            keep: Vec::new(),
            max_doc_bytes: 16 << 20,
            format: InputFormat::Auto,
            delimiter: None,
            follow: false,
        }
    }
}

/// A document of text bytes found at `position` of `input`, decoded
/// (UTF-8, else Windows-1252 with a warning; binary content fails).
pub(super) fn text_doc(
    id: String,
    bytes: Vec<u8>,
    input: &str,
    position: Option<Position>,
) -> Item {
    let n = bytes.len();
    match decode(bytes) {
        Ok(Decoded::Utf8(text)) => Item::Doc(Document::new(id, text)),
        Ok(Decoded::Cp1252(text)) => {
            let mut d = Document::new(id, text);
            d.warnings.push(format!(
                "{}: not valid UTF-8, read as Windows-1252",
                place(input, position)
            ));
            Item::Doc(d)
        }
        Err(e) => Item::Failed(Failure {
            id,
            reason: Error::new(ErrorKind::Decode, e.to_string())
                .with_source(e)
                .at(input, position),
            bytes: n,
        }),
    }
}
