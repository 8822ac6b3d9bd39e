//! The [`Renderer`]: one document's claims made into what its format's
//! writer takes, in the worker threads, so that serialisation runs in
//! parallel. Text formats (JSONL, JSON, CSV, TSV) get their bytes here;
//! a workbook and Parquet get [`Record`]s, which their writers lay out
//! in cells and columns.

use super::{Format, Record, csv_out, jsonl, records, records_with_context};
use crate::doc::{Claim, Span};
use crate::ingest::Document;

/// One document's claims as a [`ClaimWriter`](super::ClaimWriter) takes
/// them: `text` holds the bytes of a text format, `records` the records
/// of a workbook or Parquet (and of any format when asked to keep them).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Batch {
    pub text: Vec<u8>,
    pub records: Vec<Record>,
}

/// Turns claims into output; built once, used from every worker thread.
///
/// JSONL renders a JSON object a line, a JSON array its elements (each
/// after `,` and a line end: the writer drops the first comma and adds
/// the brackets), CSV and TSV their rows.
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

    /// The column names of table output: the schema's (the optional ones
    /// when asked for), then the kept fields.
    pub fn columns(&self) -> Vec<String> {
        super::SCHEMA
            .iter()
            .filter(|c| !c.optional || self.context)
            .map(|c| c.name.to_string())
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

    /// Does this format's writer take text (rather than records)?
    pub fn writes_text(&self) -> bool {
        !matches!(self.format, Format::Xlsx | Format::Parquet)
    }

    /// One document's claims for the writer (see [`Batch`]); `contexts`
    /// holds each claim's context span when the renderer writes them,
    /// and `keep_records` asks for the records of a text format too.
    pub fn prepare(
        &self,
        doc: &Document,
        claims: &[Claim],
        contexts: Option<&[Span]>,
        keep_records: bool,
    ) -> Batch {
        let needs_records = keep_records || !self.writes_text() || contexts.is_some();
        let records = if needs_records {
            match contexts {
                Some(c) => records_with_context(doc, claims, c),
                None => records(doc, claims),
            }
        } else {
            Vec::new()
        };
        // About 520 bytes a claim on news text: one allocation for most documents.
        let mut text = Vec::new();
        if self.writes_text() {
            text.reserve(claims.len() * 600);
            if contexts.is_some() {
                self.render(&records, &mut text);
            } else {
                self.render_claims(doc, claims, &mut text);
            }
        }
        Batch {
            text,
            records: if keep_records || !self.writes_text() {
                records
            } else {
                Vec::new()
            },
        }
    }

    /// Appends the text of the claims of `doc` to `out`: JSON straight
    /// from the claims, tables through [`records`].
    pub fn render_claims(&self, doc: &Document, claims: &[Claim], out: &mut Vec<u8>) {
        match self.format {
            Format::Jsonl | Format::Parquet => jsonl::rows(doc, claims, b"", b"\n", out),
            Format::Json => jsonl::rows(doc, claims, b",\n", b"", out),
            _ => self.render(&records(doc, claims), out),
        }
    }

    /// Appends the claims of `doc` to `out`, each with the text of its
    /// context span (`contexts`, one per claim).
    pub fn render_with_context(
        &self,
        doc: &Document,
        claims: &[Claim],
        contexts: &[Span],
        out: &mut Vec<u8>,
    ) {
        self.render(&records_with_context(doc, claims, contexts), out);
    }

    /// Appends the text of `recs` to `out` (a workbook's and Parquet's
    /// records as JSON lines).
    pub fn render(&self, recs: &[Record], out: &mut Vec<u8>) {
        match self.format {
            Format::Jsonl | Format::Json | Format::Xlsx | Format::Parquet => {
                let (lead, end): (&[u8], &[u8]) = if self.format == Format::Json {
                    (b",\n", b"")
                } else {
                    (b"", b"\n")
                };
                for r in recs {
                    out.extend_from_slice(lead);
                    // Serialising plain data into a Vec cannot fail.
                    serde_json::to_writer(&mut *out, r).expect("record serialises");
                    out.extend_from_slice(end);
                }
            }
            Format::Csv | Format::Tsv => {
                csv_out::rows(recs, &self.meta_columns, self.guard, self.delimiter(), out)
            }
        }
    }
}
