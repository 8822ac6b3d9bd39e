//! **emit** — claims out, as JSONL or CSV in the v1 schema of `DESIGN.md`.
//!
//! Reads: a document and its claims (byte spans). Adds: [`Record`]s with
//! Unicode code-point offsets (what Python indexes a `str` by), the text
//! slices, and the metadata carried from the input; and writers for JSONL
//! and CSV. This is the only stage that copies text.
//! Guarantees: one record per claim, `claim_id` counting from 0 in claim
//! order; CSV has a header, RFC 4180 quoting and, unless turned off, the
//! spreadsheet formula guard.

mod csv_out;
pub mod output;

pub use csv_out::guard_cell;

use crate::{Claim, Document, Span};
use serde::Serialize;

/// Converts byte offsets to code-point offsets, fastest when asked in
/// increasing order (it walks from the last answer).
pub struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    cp: usize,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            byte: 0,
            cp: 0,
        }
    }

    fn count(bytes: &[u8]) -> usize {
        bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    }

    /// The code-point offset of byte offset `byte` (a char boundary).
    pub fn cp(&mut self, byte: usize) -> usize {
        let b = self.text.as_bytes();
        if byte >= self.byte {
            self.cp += Self::count(&b[self.byte..byte]);
        } else {
            self.cp -= Self::count(&b[byte..self.byte]);
        }
        self.byte = byte;
        self.cp
    }

    pub fn span(&mut self, s: Span) -> [usize; 2] {
        [self.cp(s.start), self.cp(s.end)]
    }
}

/// One output row: a claim in the v1 schema.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub doc_id: String,
    pub claim_id: usize,
    pub kind: &'static str,
    pub quote: String,
    pub content_spans: Vec<[usize; 2]>,
    pub speaker: Option<String>,
    pub speaker_span: Option<[usize; 2]>,
    pub speaker_resolved: Option<String>,
    pub speaker_type: &'static str,
    pub cue: Option<String>,
    pub cue_span: Option<[usize; 2]>,
    pub addressee: Option<String>,
    pub channel: Option<String>,
    pub via: Option<String>,
    pub paragraph: usize,
    pub sentence: usize,
    pub confidence: f32,
    pub rule: &'static str,
    /// Metadata carried from the input, in the order asked for.
    #[serde(flatten)]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// The schema's columns, in order (metadata columns follow).
pub const COLUMNS: &[&str] = &[
    "doc_id",
    "claim_id",
    "kind",
    "quote",
    "content_spans",
    "speaker",
    "speaker_span",
    "speaker_resolved",
    "speaker_type",
    "cue",
    "cue_span",
    "addressee",
    "channel",
    "via",
    "paragraph",
    "sentence",
    "confidence",
    "rule",
];

/// Builds the records of one document.
pub fn records(doc: &Document, claims: &[Claim]) -> Vec<Record> {
    let text = doc.text.as_str();
    let mut ix = CharIndex::new(text);
    let slice = |s: Option<Span>| s.map(|s| text[s.range()].to_string());
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content_spans = c.content.iter().map(|&s| ix.span(s)).collect();
            let quote = c
                .content
                .iter()
                .map(|s| &text[s.range()])
                .collect::<Vec<_>>()
                .join(" … ");
            let mut meta = serde_json::Map::new();
            for (k, v) in &doc.meta {
                let key = if COLUMNS.contains(&k.as_str()) {
                    format!("meta_{k}")
                } else {
                    k.clone()
                };
                meta.insert(key, v.clone());
            }
            Record {
                doc_id: doc.id.clone(),
                claim_id: i,
                kind: c.kind.as_str(),
                quote,
                content_spans,
                speaker: slice(c.speaker),
                speaker_span: c.speaker.map(|s| ix.span(s)),
                speaker_resolved: c.speaker_resolved.clone(),
                speaker_type: c.speaker_type.as_str(),
                cue: slice(c.cue),
                cue_span: c.cue.map(|s| ix.span(s)),
                addressee: slice(c.addressee),
                channel: slice(c.channel),
                via: slice(c.via),
                paragraph: c.paragraph,
                sentence: c.sentence,
                confidence: c.confidence,
                rule: c.rule,
                meta,
            }
        })
        .collect()
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(format!("unknown format {s:?} (csv or jsonl)")),
        }
    }
}

/// Turns records into output bytes; built once, used from every worker
/// thread so that serialisation runs in parallel.
#[derive(Clone, Debug)]
pub struct Renderer {
    pub format: Format,
    /// Metadata columns of CSV output, after the schema's.
    pub meta_columns: Vec<String>,
    /// The CSV formula guard.
    pub guard: bool,
}

impl Renderer {
    /// Bytes that open the output (the CSV header).
    pub fn header(&self) -> Vec<u8> {
        match self.format {
            Format::Jsonl => Vec::new(),
            Format::Csv => csv_out::header(&self.meta_columns),
        }
    }

    /// Appends the rendering of `recs` to `out`.
    pub fn render(&self, recs: &[Record], out: &mut Vec<u8>) {
        match self.format {
            Format::Jsonl => {
                for r in recs {
                    // Serialising plain data into a Vec cannot fail.
                    serde_json::to_writer(&mut *out, r).expect("record serialises");
                    out.push(b'\n');
                }
            }
            Format::Csv => csv_out::rows(recs, &self.meta_columns, self.guard, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_both_directions() {
        let t = "aé“b”c";
        let mut ix = CharIndex::new(t);
        assert_eq!(ix.cp(t.len()), 6);
        assert_eq!(ix.cp(3), 2);
        assert_eq!(ix.cp(6), 3);
        assert_eq!(ix.cp(0), 0);
    }
}
