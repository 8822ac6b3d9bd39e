//! The writers: one [`ClaimWriter`] per format, each taking one
//! document's claims at a time as the [`Renderer`] prepared them (see
//! [`Batch`]) and writing them to any `io::Write`. Text formats write the
//! bytes the worker threads rendered; a JSON array puts them between
//! brackets; a workbook ([`super::xlsx`]) and Parquet ([`super::parquet`],
//! with the `parquet` feature) lay the records out in cells and columns.

use super::Batch;
use std::io::{self, Write};

/// What a writer had to change to fit the format.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Characters a workbook cannot hold (XML-illegal), removed.
    pub removed_chars: usize,
    /// Cells cut to the workbook's 32,767 characters.
    pub cut_cells: usize,
    /// Worksheets written (a workbook over a million rows has several).
    pub sheets: usize,
}

/// A finished output: the writer's output back, to be put in place, and
/// what had to change.
pub struct Finished<W> {
    pub out: W,
    pub changes: Changes,
}

/// A writer of claims in one format.
pub trait ClaimWriter<W>: Send {
    /// Writes one document's claims.
    fn write(&mut self, batch: &Batch) -> io::Result<()>;
    /// Writes what closes the output (a bracket, a workbook, a footer).
    fn finish(self: Box<Self>) -> io::Result<Finished<W>>;
}

/// JSONL, CSV and TSV: the rendered bytes, in order.
pub(super) struct Text<W> {
    out: W,
}

impl<W> Text<W> {
    pub(super) fn new(out: W) -> Self {
        Text { out }
    }
}

impl<W: Write + Send> ClaimWriter<W> for Text<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        self.out.write_all(&batch.text)
    }

    fn finish(self: Box<Self>) -> io::Result<Finished<W>> {
        Ok(Finished {
            out: self.out,
            changes: Changes::default(),
        })
    }
}

/// One JSON array: the rendered elements (each after `,\n`) between
/// brackets, the first one's comma dropped.
pub(super) struct JsonArray<W> {
    out: W,
    first: bool,
}

impl<W> JsonArray<W> {
    /// After the opening bracket.
    pub(super) fn new(out: W) -> Self {
        JsonArray { out, first: true }
    }
}

impl<W: Write + Send> ClaimWriter<W> for JsonArray<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        let mut text = batch.text.as_slice();
        if text.is_empty() {
            return Ok(());
        }
        if self.first {
            text = text.strip_prefix(b",").unwrap_or(text);
            self.first = false;
        }
        self.out.write_all(text)
    }

    fn finish(mut self: Box<Self>) -> io::Result<Finished<W>> {
        self.out
            .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        Ok(Finished {
            out: self.out,
            changes: Changes::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::read::{Reading, Table};
    use crate::emit::{Format, Renderer, writer};
    use crate::ingest::Document;

    fn renderer(format: Format) -> Renderer {
        Renderer {
            format,
            meta_columns: vec!["url".into()],
            guard: true,
            context: false,
        }
    }

    /// Every document of `texts` through the writer of `format`.
    fn written(format: Format, texts: &[&str]) -> (Vec<u8>, Vec<crate::emit::Record>) {
        let p = crate::Pipeline::rules_only();
        let r = renderer(format);
        let mut w = writer(&r, Vec::new(), false).unwrap();
        let mut all = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let mut doc = Document::new(format!("d{i}"), *t);
            doc.meta = vec![("url".into(), serde_json::json!(format!("http://x/{i}")))];
            let batch = r.prepare(&doc, &p.extract(t), None, true);
            all.extend(batch.records.iter().cloned());
            w.write(&batch).unwrap();
        }
        (w.finish().unwrap().out, all)
    }

    #[test]
    fn a_json_array_holds_the_records_json() {
        let texts = [
            "\"We will win,\" Jane Roe said.",
            "Nothing here.",
            "Rates will rise, said Ana Ruiz. \"Soon,\" she added.",
        ];
        let (out, records) = written(Format::Json, &texts);
        let got: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let want: serde_json::Value =
            serde_json::from_slice(&serde_json::to_vec(&records).unwrap()).unwrap();
        assert_eq!(got, want);
        assert!(records.len() >= 3 && out.starts_with(b"[\n{") && out.ends_with(b"}\n]\n"));
        assert_eq!(written(Format::Json, &["Nothing here."]).0, b"[]\n");
    }

    #[test]
    fn records_give_the_table_their_jsonl_reads_back_as() {
        let texts = ["\"We will win,\" Jane Roe said. Rates will rise, said Ana Ruiz."];
        let (jsonl, records) = written(Format::Jsonl, &texts);
        let read = Table::parse("t", &jsonl, Reading::default()).unwrap();
        let made = Table::from_records(&records);
        assert_eq!(made.columns, read.columns);
        assert_eq!(made.rows, read.rows);
        assert!(made.col("url").is_some());
    }
}
