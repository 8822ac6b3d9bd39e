//! **emit** — claims out, as JSONL or CSV in the v1 schema of
//! `docs/schema.md`.
//!
//! Reads: a document and its claims (byte spans). Adds: [`Record`]s with
//! Unicode code-point offsets (what Python indexes a `str` by), the text
//! slices, and the metadata carried from the input; and writers for JSONL
//! and CSV. This is the only stage that copies text.
//! Guarantees: one record per claim, `claim_id` counting from 0 in claim
//! order; CSV has a header, RFC 4180 quoting and, unless turned off, the
//! spreadsheet formula guard.

mod csv_out;
mod jsonl;
pub mod review;

pub use csv_out::guard_cell;

use crate::doc::{Claim, Span};
use crate::ingest::Document;
use serde::Serialize;

/// Converts byte offsets to code-point offsets: a table of code-point
/// counts at every 128 bytes (`BLOCK`), built in one pass, and a
/// count within the block for each look-up; for ASCII text, the identity.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before byte `k * BLOCK`; empty for ASCII text.
    blocks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    const BLOCK: usize = 128;

    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            // Every byte is a code point: no table.
            return CharIndex {
                text,
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut n = 0;
        blocks.push(0);
        for chunk in text.as_bytes().chunks(Self::BLOCK) {
            n += Self::count(chunk);
            blocks.push(n);
        }
        CharIndex { text, blocks }
    }

    /// Code points in `bytes`: the bytes that are not UTF-8 continuation
    /// bytes (written so that it vectorises).
    fn count(bytes: &[u8]) -> usize {
        let mut n = 0u32;
        for &b in bytes {
            n += u32::from((b as i8) >= -0x40);
        }
        n as usize
    }

    /// The code-point offset of byte offset `byte` (a char boundary).
    pub fn cp(&mut self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let k = byte / Self::BLOCK;
        self.blocks[k] + Self::count(&self.text.as_bytes()[k * Self::BLOCK..byte])
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
    /// The sentence or sentences holding the claim (`--context`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
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
    records_in(doc, claims, None)
}

/// Builds the records of one document, each with its context: the text
/// of `contexts[i]` for claim `i` (see [`context_spans`]).
pub fn records_with_context(doc: &Document, claims: &[Claim], contexts: &[Span]) -> Vec<Record> {
    records_in(doc, claims, Some(contexts))
}

/// For each claim, the span from the start of the sentence where its
/// first part (content, speaker or cue) starts to the end of the sentence
/// where its last part ends.
pub fn context_spans(sentences: &[crate::doc::Sentence], claims: &[Claim]) -> Vec<Span> {
    claims
        .iter()
        .map(|c| {
            let parts = c.content.iter().copied().chain(c.speaker).chain(c.cue);
            let lo = parts.clone().map(|s| s.start).min().unwrap_or(0);
            let hi = parts.map(|s| s.end).max().unwrap_or(lo);
            let first = sentences.partition_point(|s| s.span.end <= lo);
            let last = sentences.partition_point(|s| s.span.start < hi);
            let start = sentences.get(first).map_or(lo, |s| s.span.start.min(lo));
            let end = last
                .checked_sub(1)
                .and_then(|k| sentences.get(k))
                .map_or(hi, |s| s.span.end.max(hi));
            Span::new(start, end)
        })
        .collect()
}

fn records_in(doc: &Document, claims: &[Claim], contexts: Option<&[Span]>) -> Vec<Record> {
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
                rule: c.rule.name(),
                context: contexts
                    .and_then(|x| x.get(i))
                    .map(|s| text[s.range()].to_string()),
                meta,
            }
        })
        .collect()
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object a line (the default).
    Jsonl,
    /// One JSON array of objects.
    Json,
    /// Comma-separated, with a header row.
    Csv,
    /// Tab-separated, with a header row.
    Tsv,
    /// An Excel workbook.
    Xlsx,
    /// A Parquet file (in builds with the `parquet` feature).
    Parquet,
}

impl Format {
    /// Every format, with the file extensions that choose it.
    pub const BY_EXTENSION: &[(&str, Format)] = &[
        ("jsonl", Format::Jsonl),
        ("ndjson", Format::Jsonl),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("tsv", Format::Tsv),
        ("tab", Format::Tsv),
        ("xlsx", Format::Xlsx),
        ("parquet", Format::Parquet),
    ];

    /// The format a file extension names (ignoring case).
    pub fn from_extension(ext: &str) -> Option<Format> {
        Self::BY_EXTENSION
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|&(_, f)| f)
    }
}

/// Turns records into output bytes; built once, used from every worker
/// thread so that serialisation runs in parallel.
///
/// JSONL, JSON arrays and Parquet render JSON lines (the command line
/// adds the array's brackets and commas, or builds the Parquet columns), CSV and TSV render rows, and a workbook
/// renders each row as a JSON array of its cells, which the workbook
/// writer reads back.
#[derive(Clone, Debug)]
pub struct Renderer {
    pub format: Format,
    /// Metadata columns of table output, after the schema's.
    pub meta_columns: Vec<String>,
    /// The CSV formula guard (CSV and TSV; a workbook's cells are all
    /// text, so no formula runs there).
    pub guard: bool,
    /// A `context` column: the sentence(s) holding each claim.
    pub context: bool,
}

impl Renderer {
    /// Bytes that open the output (the CSV or TSV header).
    pub fn header(&self) -> Vec<u8> {
        match self.format {
            Format::Csv | Format::Tsv => csv_out::header(&self.columns(), self.delimiter()),
            Format::Jsonl | Format::Json | Format::Xlsx | Format::Parquet => Vec::new(),
        }
    }

    /// The column names of table output: the schema's, then the kept
    /// fields.
    pub fn columns(&self) -> Vec<String> {
        COLUMNS
            .iter()
            .map(|c| c.to_string())
            .chain(self.context.then(|| "context".to_string()))
            .chain(self.meta_columns.iter().cloned())
            .collect()
    }

    fn delimiter(&self) -> u8 {
        if self.format == Format::Tsv {
            b'\t'
        } else {
            b','
        }
    }

    /// Appends the rendering of the claims of `doc` to `out`: JSON
    /// straight from the claims, tables through [`records`].
    pub fn render_claims(&self, doc: &Document, claims: &[Claim], out: &mut Vec<u8>) {
        match self.format {
            Format::Jsonl | Format::Json | Format::Parquet => jsonl::rows(doc, claims, out),
            _ => self.render(&records(doc, claims), out),
        }
    }

    /// Appends the rendering of the claims of `doc` to `out`, each with
    /// the text of its context span (`contexts`, one per claim).
    pub fn render_with_context(
        &self,
        doc: &Document,
        claims: &[Claim],
        contexts: &[Span],
        out: &mut Vec<u8>,
    ) {
        self.render(&records_with_context(doc, claims, contexts), out);
    }

    /// Appends the rendering of `recs` to `out`.
    pub fn render(&self, recs: &[Record], out: &mut Vec<u8>) {
        match self.format {
            Format::Jsonl | Format::Json | Format::Parquet => {
                for r in recs {
                    // Serialising plain data into a Vec cannot fail.
                    serde_json::to_writer(&mut *out, r).expect("record serialises");
                    out.push(b'\n');
                }
            }
            Format::Csv | Format::Tsv => {
                csv_out::rows(recs, &self.meta_columns, self.guard, self.delimiter(), out)
            }
            Format::Xlsx => {
                for r in recs {
                    let cells = csv_out::cells(r, &self.meta_columns, false);
                    serde_json::to_writer(&mut *out, &cells).expect("cells serialise");
                    out.push(b'\n');
                }
            }
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
        let mut ascii = CharIndex::new("plain text");
        assert_eq!(ascii.span(Span::new(2, 7)), [2, 7]);
        let long = "é".repeat(300) + "x";
        let mut ix = CharIndex::new(&long);
        assert_eq!(ix.cp(long.len()), 301);
        assert_eq!(ix.cp(256), 128);
        assert_eq!(ix.cp(600), 300);
    }

    #[test]
    fn json_strings_escape_as_serde_json_does() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("é“”…\u{2028}".chars())
            .collect();
        let mut ours = Vec::new();
        jsonl::string(&mut ours, &all);
        assert_eq!(ours, serde_json::to_vec(&all).unwrap());
    }

    #[test]
    fn jsonl_rows_match_serialised_records() {
        let p = crate::Pipeline::new();
        let text = "“Tabs\there, a \\ and \"quotes\",” said Rep. Ana Ruiz (D-N.M.). \
                    Officials said the plan, which costs €4 million, was “final.” \
                    According to the agency, rates rose sharply last year. \
                    The plan, officials said, was doomed from the start.";
        let mut doc = Document::new("a/b\"c", text);
        doc.meta = vec![
            ("url".into(), serde_json::json!("http://x")),
            ("kind".into(), serde_json::json!(3)),
            ("a".into(), serde_json::json!(null)),
        ];
        let claims = p.extract(text);
        assert!(claims.len() >= 4, "{claims:?}");
        assert!(claims.iter().any(|c| c.content.len() == 2), "{claims:?}");
        let r = Renderer {
            format: Format::Jsonl,
            meta_columns: Vec::new(),
            guard: true,
            context: false,
        };
        let (mut direct, mut via_records) = (Vec::new(), Vec::new());
        r.render_claims(&doc, &claims, &mut direct);
        r.render(&records(&doc, &claims), &mut via_records);
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            String::from_utf8(via_records).unwrap()
        );
    }
}
