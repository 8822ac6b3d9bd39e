//! Parquet output (the `parquet` feature): the claims as typed columns —
//! text as strings, counts as 64-bit integers, `confidence` as a float,
//! spans as lists of `[start, end]` — in row groups of [`BATCH`] claims.
//! Kept fields are strings (a non-string value as its JSON text).

use arrow_array::builder::{Float32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::Value;
use std::io::{self, Write};
use std::sync::Arc;

/// Claims a record batch holds.
const BATCH: usize = 8192;

type Spans = ListBuilder<ListBuilder<Int64Builder>>;
type SpanBuilder = ListBuilder<Int64Builder>;

/// One builder per column.
enum Column {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float32Builder),
    Span(SpanBuilder),
    Spans(Spans),
}

impl Column {
    fn for_name(name: &str) -> Column {
        match name {
            "claim_id" | "paragraph" | "sentence" => Column::Int(Int64Builder::new()),
            "confidence" => Column::Float(Float32Builder::new()),
            "speaker_span" | "cue_span" => Column::Span(ListBuilder::new(Int64Builder::new())),
            "content_spans" => {
                Column::Spans(ListBuilder::new(ListBuilder::new(Int64Builder::new())))
            }
            _ => Column::Text(StringBuilder::new()),
        }
    }

    fn push(&mut self, v: Option<&Value>) {
        let v = v.filter(|v| !v.is_null());
        match self {
            Column::Text(b) => match v {
                None => b.append_null(),
                Some(Value::String(s)) => b.append_value(s),
                Some(other) => b.append_value(other.to_string()),
            },
            Column::Int(b) => b.append_option(v.and_then(Value::as_i64)),
            Column::Float(b) => b.append_option(v.and_then(Value::as_f64).map(|f| f as f32)),
            Column::Span(b) => push_span(b, v),
            Column::Spans(b) => {
                for s in v.and_then(Value::as_array).into_iter().flatten() {
                    push_span(b.values(), Some(s));
                }
                b.append(v.is_some());
            }
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Int(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
            Column::Span(b) => Arc::new(b.finish()),
            Column::Spans(b) => Arc::new(b.finish()),
        }
    }
}

fn push_span(b: &mut SpanBuilder, v: Option<&Value>) {
    match v.and_then(Value::as_array) {
        Some(pair) => {
            for x in pair {
                b.values().append_option(x.as_i64());
            }
            b.append(true);
        }
        None => b.append(false),
    }
}

/// Claims gathered into record batches and written as Parquet.
pub struct ParquetSink<W: Write + Send> {
    names: Vec<String>,
    columns: Vec<Column>,
    rows: usize,
    writer: Option<ArrowWriter<W>>,
    out: Option<W>,
}

fn parquet_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("writing Parquet: {e}"))
}

impl<W: Write + Send> ParquetSink<W> {
    pub fn new(out: W, names: Vec<String>) -> Self {
        ParquetSink {
            columns: names.iter().map(|n| Column::for_name(n)).collect(),
            names,
            rows: 0,
            writer: None,
            out: Some(out),
        }
    }

    /// Adds the claims of rendered JSON lines.
    pub fn write(&mut self, rendered: &[u8]) -> io::Result<()> {
        for line in rendered.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let rec: serde_json::Map<String, Value> = serde_json::from_slice(line)
                .map_err(|e| io::Error::other(format!("a rendered claim: {e}")))?;
            for (name, col) in self.names.iter().zip(&mut self.columns) {
                let v = rec.get(name).or_else(|| rec.get(&format!("meta_{name}")));
                col.push(v);
            }
            self.rows += 1;
            if self.rows == BATCH {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Writes the gathered claims as one record batch (the first one also
    /// opens the file, with the schema the arrays give).
    fn flush(&mut self) -> io::Result<()> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let fields: Vec<Field> = self
            .names
            .iter()
            .zip(&arrays)
            .map(|(n, a)| Field::new(n, a.data_type().clone(), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        if self.writer.is_none() {
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build();
            let out = self
                .out
                .take()
                .expect("the output, until the writer takes it");
            self.writer = Some(
                ArrowWriter::try_new(out, Arc::clone(&schema), Some(props))
                    .map_err(parquet_error)?,
            );
        }
        let batch = RecordBatch::try_new(schema, arrays).map_err(parquet_error)?;
        self.writer
            .as_mut()
            .expect("opened above")
            .write(&batch)
            .map_err(parquet_error)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is left and the file's footer; gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.rows > 0 || self.writer.is_none() {
            self.flush()?;
        }
        let writer = self.writer.take().expect("flushed above");
        writer.into_inner().map_err(parquet_error)
    }
}
