//! Claims written again with added columns (`--claims-out`), and the
//! formats corpus tables are written in. Claims files are read by
//! [`crate::emit::read`].

use crate::emit::guard_cell as csv_guard;
pub use crate::emit::read::{Table, cell};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Writes claims again, row by row, with extra columns: JSONL, or CSV/TSV
/// (spreadsheet-guarded).
pub struct RowWriter<'w> {
    format: TableFormat,
    columns: Vec<String>,
    jsonl: Option<&'w mut dyn Write>,
    csv: Option<csv::Writer<&'w mut dyn Write>>,
}

impl<'w> RowWriter<'w> {
    /// A writer of rows under `columns` then `extra` (the header, for
    /// CSV/TSV, is written now).
    pub fn new(
        out: &'w mut dyn Write,
        format: TableFormat,
        columns: &[String],
        extra: &[&str],
    ) -> std::io::Result<RowWriter<'w>> {
        let all: Vec<String> = columns
            .iter()
            .cloned()
            .chain(extra.iter().map(|e| e.to_string()))
            .collect();
        let mut w = RowWriter {
            format,
            columns: all,
            jsonl: None,
            csv: None,
        };
        match format {
            TableFormat::Jsonl => w.jsonl = Some(out),
            TableFormat::Csv | TableFormat::Tsv => {
                let delimiter = if format == TableFormat::Tsv {
                    b'\t'
                } else {
                    b','
                };
                let mut c = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                c.write_record(&w.columns)?;
                w.csv = Some(c);
            }
        }
        Ok(w)
    }

    /// One row: its values, then the extra columns' (none: null or empty).
    pub fn row(&mut self, values: &[Value], extra: &[Option<&str>]) -> std::io::Result<()> {
        let extra = extra
            .iter()
            .map(|e| e.map_or(Value::Null, |s| Value::String(s.to_string())));
        let all: Vec<Value> = values.iter().cloned().chain(extra).collect();
        if let Some(out) = self.jsonl.as_mut() {
            let mut line = String::from("{");
            for (j, (k, v)) in self.columns.iter().zip(&all).enumerate() {
                if j > 0 {
                    line.push(',');
                }
                line.push_str(&Value::String(k.clone()).to_string());
                line.push(':');
                line.push_str(&v.to_string());
            }
            line.push_str("}\n");
            out.write_all(line.as_bytes())?;
        }
        if let Some(w) = self.csv.as_mut() {
            w.write_record(all.iter().map(|v| csv_guard(&cell(v)).into_owned()))?;
        }
        Ok(())
    }

    /// Flushes the rows written.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(w) = self.csv.as_mut() {
            w.flush()?;
        }
        debug_assert!(self.format == TableFormat::Jsonl || self.csv.is_some());
        Ok(())
    }
}

/// The formats a corpus table is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Jsonl,
    Csv,
    Tsv,
}

impl TableFormat {
    /// By a file name's extension: `.jsonl`, `.csv`, `.tsv`.
    pub fn of_path(path: &Path) -> Result<TableFormat, crate::error::Error> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl") => Ok(TableFormat::Jsonl),
            Some("csv") => Ok(TableFormat::Csv),
            Some("tsv") => Ok(TableFormat::Tsv),
            _ => {
                let message = "unknown output kind: use a .csv, .tsv or .jsonl name";
                let e = crate::error::Error::new(crate::error::ErrorKind::Argument, message);
                Err(e.at(path.display().to_string(), None))
            }
        }
    }
}
