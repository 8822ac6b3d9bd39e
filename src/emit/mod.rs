//! **emit** — claims out, in the v1 schema of `docs/schema.md`, and claims
//! files read back.
//!
//! Reads: a document and its claims (byte spans). Adds: [`Record`]s with
//! Unicode code-point offsets (what Python indexes a `str` by), the text
//! slices, and the metadata carried from the input; the columns they are
//! written in ([`schema`], declared once); a [`Renderer`] that turns one
//! document's claims into what its format's writer takes, in the worker
//! threads; the writers, one [`ClaimWriter`] per format (JSONL, JSON, CSV,
//! TSV, xlsx, Parquet); and the one reader of claims files ([`read`]).
//! This is the only stage that copies text.
//! Guarantees: one record per claim, `claim_id` counting from 0 in claim
//! order; CSV has a header, RFC 4180 quoting and, unless turned off, the
//! spreadsheet formula guard; every format carries the same cells.

mod csv_out;
mod jsonl;
#[cfg(feature = "parquet")]
mod parquet;
pub mod read;
mod render;
pub mod review;
pub mod schema;
mod write;
mod xlsx;

pub use csv_out::guard_cell;
pub use render::{Batch, Renderer};
pub use schema::{COLUMNS, SCHEMA};
pub use write::{Changes, ClaimWriter, Finished};

use crate::doc::{Claim, Span};
use crate::ingest::Document;
use schema::Cell;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::io::{self, Write};

/// Converts byte offsets to code-point offsets: a table of code-point
/// counts at every 128 bytes (`BLOCK`), built in one pass, and a
/// count within the block for each look-up; for ASCII text, the identity.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before byte `k * BLOCK`; empty for ASCII text.
    blocks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Small, as a span's offset counts the bytes from its block's start
    /// (a claim asks for several spans; a document is counted once).
    const BLOCK: usize = 32;

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
#[derive(Debug, Clone, PartialEq)]
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
    pub speaker_title: Option<String>,
    pub speaker_org: Option<String>,
    pub cue_class: Option<&'static str>,
    pub anonymity_reason: Option<String>,
    /// The sentence or sentences holding the claim (`--context`).
    pub context: Option<String>,
    /// Metadata carried from the input, keyed by [`schema::meta_key`].
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// A record as JSON: the [`SCHEMA`]'s cells in order (an optional column
/// only when the record has it), then the metadata.
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for c in SCHEMA {
            match (c.cell)(self) {
                Cell::Text(None) if c.optional => {}
                Cell::Text(t) => m.serialize_entry(c.name, &t)?,
                Cell::Count(n) => m.serialize_entry(c.name, &n)?,
                Cell::Fraction(f) => m.serialize_entry(c.name, &f)?,
                Cell::Span(s) => m.serialize_entry(c.name, &s)?,
                Cell::Spans(s) => m.serialize_entry(c.name, s)?,
            }
        }
        for (k, v) in &self.meta {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

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
            let meta = doc
                .meta
                .iter()
                .map(|(k, v)| (schema::meta_key(k), v.clone()))
                .collect();
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
                speaker_title: c.speaker_title.clone(),
                speaker_org: c.speaker_org.clone(),
                cue_class: c.cue_class.map(|k| k.as_str()),
                anonymity_reason: c.anonymity_reason.clone(),
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

/// The writer of `renderer`'s format on `out`, its header written; `bom`
/// starts the output with a UTF-8 byte order mark.
pub fn writer<W: Write + Send + 'static>(
    renderer: &Renderer,
    mut out: W,
    bom: bool,
) -> io::Result<Box<dyn ClaimWriter<W>>> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    Ok(match renderer.format {
        Format::Jsonl | Format::Csv | Format::Tsv => {
            out.write_all(&renderer.header())?;
            Box::new(write::Text::new(out))
        }
        Format::Json => {
            out.write_all(b"[")?;
            Box::new(write::JsonArray::new(out))
        }
        Format::Xlsx => Box::new(xlsx::Sheet::new(
            out,
            renderer.columns(),
            renderer.meta_columns.clone(),
        )?),
        #[cfg(feature = "parquet")]
        Format::Parquet => Box::new(parquet::Columns::new(
            out,
            renderer.columns(),
            renderer.context,
        )),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => {
            return Err(io::Error::other(
                "this whosaid was built without Parquet output: build it with `cargo install --path . --features parquet` (or write .csv, .jsonl or .xlsx)",
            ));
        }
    })
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

    /// Two claims made by hand: the first with the four fields after
    /// `rule` set, the second with none of them.
    fn titled_claims() -> (Document, Vec<Claim>) {
        use crate::doc::{ClaimCueClass, Kind, Rule};
        let text = "\"No deal yet,\" said Ana Ruiz, a spokeswoman for Corvane. \"Soon,\" he said.";
        let doc = Document::new("d", text);
        let mut set = Claim::new(
            Kind::Direct,
            vec![Span::new(0, 14)],
            None,
            Some(Span::new(15, 19)),
            Rule::QuoteCueSpeaker,
        );
        set.speaker_title = Some("a spokeswoman".into());
        set.speaker_org = Some("Corvane".into());
        set.cue_class = Some(ClaimCueClass::Speech);
        set.anonymity_reason = Some("because \"the talks\" were private".into());
        let unset = Claim::new(
            Kind::Direct,
            vec![Span::new(57, 64)],
            None,
            Some(Span::new(68, 72)),
            Rule::QuoteSpeakerCue,
        );
        (doc, vec![set, unset])
    }

    #[test]
    fn the_fields_after_rule_in_jsonl_set_and_null() {
        let (doc, claims) = titled_claims();
        let r = Renderer {
            format: Format::Jsonl,
            meta_columns: Vec::new(),
            guard: true,
            context: false,
        };
        let (mut direct, mut via_records) = (Vec::new(), Vec::new());
        r.render_claims(&doc, &claims, &mut direct);
        r.render(&records(&doc, &claims), &mut via_records);
        let direct = String::from_utf8(direct).unwrap();
        assert_eq!(direct, String::from_utf8(via_records).unwrap());
        let lines: Vec<&str> = direct.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].contains(
                r#""rule":"quote_cue_speaker","speaker_title":"a spokeswoman","speaker_org":"Corvane","cue_class":"speech","anonymity_reason":"because \"the talks\" were private"}"#
            ),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].ends_with(
                r#","speaker_title":null,"speaker_org":null,"cue_class":null,"anonymity_reason":null}"#
            ),
            "{}",
            lines[1]
        );
        // Every column, in order.
        let at: Vec<usize> = COLUMNS
            .iter()
            .map(|c| lines[1].find(&format!("\"{c}\":")).expect(c))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}", lines[1]);
        // The same in a JSON array.
        let json = Renderer {
            format: Format::Json,
            ..r
        };
        let mut array = b"[".to_vec();
        json.render_claims(&doc, &claims, &mut array);
        array.push(b']');
        array.remove(1);
        let v: serde_json::Value = serde_json::from_slice(&array).unwrap();
        assert_eq!(v[0]["speaker_org"], "Corvane");
        assert_eq!(v[0]["cue_class"], "speech");
        assert!(v[1]["speaker_title"].is_null() && v[1]["anonymity_reason"].is_null());
    }

    #[test]
    fn the_fields_after_rule_in_csv_and_tsv_set_and_empty() {
        let (doc, claims) = titled_claims();
        for (format, sep) in [(Format::Csv, ','), (Format::Tsv, '\t')] {
            let r = Renderer {
                format,
                meta_columns: vec!["url".into()],
                guard: true,
                context: false,
            };
            let mut out = r.header();
            r.render_claims(&doc, &claims, &mut out);
            let text = String::from_utf8(out).unwrap();
            let mut rows = csv::ReaderBuilder::new()
                .delimiter(sep as u8)
                .from_reader(text.as_bytes());
            let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
            let rule = header.iter().position(|h| h == "rule").unwrap();
            assert_eq!(
                header[rule + 1..],
                [
                    "speaker_title",
                    "speaker_org",
                    "cue_class",
                    "anonymity_reason",
                    "url"
                ],
                "{format:?}"
            );
            let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
            let after = |i: usize| -> Vec<&str> { rows[i].iter().skip(rule + 1).collect() };
            assert_eq!(
                after(0),
                [
                    "a spokeswoman",
                    "Corvane",
                    "speech",
                    "because \"the talks\" were private",
                    ""
                ]
            );
            assert_eq!(after(1), ["", "", "", "", ""]);
        }
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
