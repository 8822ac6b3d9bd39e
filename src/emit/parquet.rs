//! Parquet output (the `parquet` feature): the records as typed columns,
//! each column's type from its [`schema::Type`] — text and labels as
//! strings, counts as 64-bit integers, a fraction as a float, a span as a
//! list of `[start, end]`, spans as a list of those — in row groups of
//! [`BATCH`] claims. Kept fields are strings (a non-string value as its
//! JSON text).

use super::schema::{self, Cell, Column as Declared, Type};
use super::{Batch, ClaimWriter, Finished, Record};
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

type SpanBuilder = ListBuilder<Int64Builder>;

/// One builder per column, by the column's type.
enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float32Builder),
    Span(SpanBuilder),
    Spans(ListBuilder<SpanBuilder>),
}

/// Where a column's cells come from.
enum Source {
    Schema(&'static Declared),
    /// A kept field.
    Meta(String),
}

impl Builder {
    fn of(ty: Type) -> Builder {
        match ty {
            Type::Text | Type::Label(_) => Builder::Text(StringBuilder::new()),
            Type::Count => Builder::Int(Int64Builder::new()),
            Type::Fraction => Builder::Float(Float32Builder::new()),
            Type::Span => Builder::Span(ListBuilder::new(Int64Builder::new())),
            Type::Spans => Builder::Spans(ListBuilder::new(ListBuilder::new(Int64Builder::new()))),
        }
    }

    fn push(&mut self, cell: Cell<'_>) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(t)) => b.append_option(t),
            (Builder::Int(b), Cell::Count(n)) => b.append_value(n as i64),
            (Builder::Float(b), Cell::Fraction(f)) => b.append_value(f),
            (Builder::Span(b), Cell::Span(s)) => push_span(b, s),
            (Builder::Spans(b), Cell::Spans(spans)) => {
                for &s in spans {
                    push_span(b.values(), Some(s));
                }
                b.append(true);
            }
            (_, cell) => unreachable!("a {cell:?} cell in a column of another type"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Span(b) => Arc::new(b.finish()),
            Builder::Spans(b) => Arc::new(b.finish()),
        }
    }
}

fn push_span(b: &mut SpanBuilder, s: Option<[usize; 2]>) {
    match s {
        Some(pair) => {
            for x in pair {
                b.values().append_value(x as i64);
            }
            b.append(true);
        }
        None => b.append(false),
    }
}

/// The text of kept field `name`: a string as is, another value as its
/// JSON, null for none.
fn meta_cell<'a>(r: &'a Record, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    let v = r
        .meta
        .get(name)
        .or_else(|| r.meta.get(&format!("meta_{name}")));
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str().into()),
        Some(v) => Some(v.to_string().into()),
    }
}

/// Claims gathered into record batches and written as Parquet.
pub struct Columns<W: Write + Send> {
    names: Vec<String>,
    sources: Vec<Source>,
    builders: Vec<Builder>,
    rows: usize,
    writer: Option<ArrowWriter<W>>,
    out: Option<W>,
}

fn parquet_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("writing Parquet: {e}"))
}

impl<W: Write + Send> Columns<W> {
    /// Columns `names`: the schema's (the optional ones when `optional`),
    /// then kept fields.
    pub fn new(out: W, names: Vec<String>, optional: bool) -> Self {
        let sources: Vec<Source> = names
            .iter()
            .enumerate()
            .map(|(i, n)| match schema::SCHEMA.get(i) {
                Some(c) if c.name == n && (optional || !c.optional) => Source::Schema(c),
                _ => Source::Meta(n.clone()),
            })
            .collect();
        let builders = sources
            .iter()
            .map(|s| match s {
                Source::Schema(c) => Builder::of(c.ty),
                Source::Meta(_) => Builder::of(Type::Text),
            })
            .collect();
        Columns {
            names,
            sources,
            builders,
            rows: 0,
            writer: None,
            out: Some(out),
        }
    }

    /// Writes the gathered claims as one record batch (the first one also
    /// opens the file, with the schema the arrays give).
    fn flush(&mut self) -> io::Result<()> {
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
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
}

impl<W: Write + Send> ClaimWriter<W> for Columns<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        for r in &batch.records {
            for (source, b) in self.sources.iter().zip(&mut self.builders) {
                match source {
                    Source::Schema(c) => b.push((c.cell)(r)),
                    Source::Meta(name) => b.push(Cell::Text(meta_cell(r, name).as_deref())),
                }
            }
            self.rows += 1;
            if self.rows == BATCH {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Writes what is left and the file's footer.
    fn finish(mut self: Box<Self>) -> io::Result<Finished<W>> {
        if self.rows > 0 || self.writer.is_none() {
            self.flush()?;
        }
        let writer = self.writer.take().expect("flushed above");
        Ok(Finished {
            out: writer.into_inner().map_err(parquet_error)?,
            changes: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Claim, ClaimCueClass, Kind, Rule, Span};
    use crate::ingest::Document;
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn the_fields_after_rule_are_nullable_strings() {
        let doc = Document::new("d", "\"No,\" said Ruiz. \"Yes,\" he said.");
        let mut set = Claim::new(
            Kind::Direct,
            vec![Span::new(0, 5)],
            None,
            None,
            Rule::QuoteCueSpeaker,
        );
        set.speaker_title = Some("a spokeswoman".into());
        set.speaker_org = Some("Corvane".into());
        set.cue_class = Some(ClaimCueClass::Evidence);
        set.anonymity_reason = Some("not authorized to speak".into());
        let unset = Claim::new(
            Kind::Direct,
            vec![Span::new(17, 23)],
            None,
            None,
            Rule::QuoteSpeakerCue,
        );
        let records = crate::emit::records(&doc, &[set, unset]);
        let names: Vec<String> = schema::COLUMNS.iter().map(|c| c.to_string()).collect();
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut w: Box<dyn ClaimWriter<std::fs::File>> =
            Box::new(Columns::new(file.reopen().unwrap(), names, false));
        w.write(&Batch {
            text: Vec::new(),
            records,
        })
        .unwrap();
        w.finish().unwrap().out.flush().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file.reopen().unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
        assert_eq!(batches.len(), 1);
        let b = &batches[0];
        let rule = b.schema().index_of("rule").unwrap();
        let want = [
            ("speaker_title", "a spokeswoman"),
            ("speaker_org", "Corvane"),
            ("cue_class", "evidence"),
            ("anonymity_reason", "not authorized to speak"),
        ];
        for (k, (name, value)) in want.into_iter().enumerate() {
            let field = b.schema().field(rule + 1 + k).clone();
            assert_eq!(field.name(), name);
            assert!(field.is_nullable(), "{name}");
            assert_eq!(field.data_type(), &arrow_schema::DataType::Utf8, "{name}");
            let col = b.column(rule + 1 + k).as_string::<i32>();
            assert_eq!(col.value(0), value);
            assert!(col.is_null(1), "{name} is null in the second claim");
        }
    }
}
