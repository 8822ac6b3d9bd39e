//! A claims file read back: whosaid's JSONL, or its CSV/TSV, as rows of
//! named values in column order, and written again with added columns.

use crate::emit::COLUMNS;
use crate::emit::guard_cell as csv_guard;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Claims as read: the columns (the schema's first, in its order, then any
/// others as found) and one row of values a claim, in file order.
#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Lines that could not be read (each named on standard error).
    pub skipped: usize,
}

/// The fields a claims file must have.
const NEEDED: [&str; 4] = ["doc_id", "quote", "speaker", "speaker_type"];

/// Reads claims from `bytes` (JSONL when the first byte is `{`, else CSV,
/// or TSV when the header has a tab), calling `row` with each claim's
/// columns and values (the columns are also returned). With `keep`, only those columns are
/// read, in that order (memory for a summary of a large file); without,
/// every column: the schema's first, in its order, then the others as
/// found (JSONL is read twice for that). `shown` names the input in
/// errors. A line that cannot be read is skipped and, when `warn`, named
/// on standard error; the count of skipped lines is returned with the
/// columns. A file that is not a claims file at all is an error.
pub fn read_rows(
    shown: &str,
    bytes: &[u8],
    keep: Option<&[&str]>,
    warn: bool,
    mut row: impl FnMut(&[String], Vec<Value>) -> Result<(), String>,
) -> Result<(Vec<String>, usize), String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut skipped = 0;
    let mut skip = |e: String| {
        skipped += 1;
        if warn {
            eprintln!("whosaid: {e} (line skipped)");
        }
    };
    let (columns, present) = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => {
            let columns = keep.map_or_else(Vec::new, |k| k.iter().map(|c| c.to_string()).collect());
            return Ok((columns, 0));
        }
        Some(b'{') => jsonl_rows(shown, bytes, keep, &mut row, &mut skip)?,
        Some(_) => csv_rows(shown, bytes, keep, &mut row, &mut skip)?,
    };
    if let Some(need) = NEEDED.iter().find(|n| !present.iter().any(|p| p == *n)) {
        return Err(format!(
            "{shown}: not a whosaid claims file: no {need:?} field (JSONL or CSV from `whosaid extract` is needed)"
        ));
    }
    Ok((columns, skipped))
}

/// The JSONL lines that are claims: (line number, object).
fn jsonl_objects<'a>(
    shown: &'a str,
    text: &'a str,
) -> impl Iterator<Item = Result<serde_json::Map<String, Value>, String>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(move |(i, line)| {
            serde_json::from_str::<serde_json::Map<String, Value>>(line)
                .map_err(|e| format!("{shown}:{}: {e}", i + 1))
        })
        // A failure line of `--on-error record` is no claim.
        .filter(|o| {
            o.as_ref().map_or(true, |o| {
                !o.contains_key("error") || o.contains_key("quote")
            })
        })
}

fn jsonl_rows(
    shown: &str,
    bytes: &[u8],
    keep: Option<&[&str]>,
    row: &mut impl FnMut(&[String], Vec<Value>) -> Result<(), String>,
    skip: &mut impl FnMut(String),
) -> Result<(Vec<String>, Vec<String>), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{shown}: {e}"))?;
    let mut present: Vec<String> = Vec::new();
    let mut columns: Vec<String> = match keep {
        // Decided at the first claim: the kept columns it has.
        Some(_) => Vec::new(),
        None => {
            let mut columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
            // Unreadable lines are named in the second pass.
            for o in jsonl_objects(shown, text).flatten() {
                for k in o.keys() {
                    if !columns.contains(k) {
                        columns.push(k.clone());
                    }
                }
            }
            columns
        }
    };
    let (mut any, mut bad) = (false, false);
    for o in jsonl_objects(shown, text) {
        let mut o = match o {
            Ok(o) => o,
            Err(e) => {
                bad = true;
                skip(e);
                continue;
            }
        };
        if !any {
            present = o.keys().cloned().collect();
            if let Some(k) = keep {
                columns = k
                    .iter()
                    .filter(|c| o.contains_key(**c) || COLUMNS.contains(c))
                    .map(|c| c.to_string())
                    .collect();
            }
            any = true;
        }
        let values = columns
            .iter()
            .map(|c| o.remove(c).unwrap_or(Value::Null))
            .collect();
        row(&columns, values)?;
    }
    if !any && !bad {
        // No claim at all (only failure lines): an empty claims file.
        present = NEEDED.iter().map(|c| c.to_string()).collect();
        columns = keep.map_or(columns, |k| k.iter().map(|c| c.to_string()).collect());
    }
    Ok((columns, present))
}

fn csv_rows(
    shown: &str,
    bytes: &[u8],
    keep: Option<&[&str]>,
    row: &mut impl FnMut(&[String], Vec<Value>) -> Result<(), String>,
    skip: &mut impl FnMut(String),
) -> Result<(Vec<String>, Vec<String>), String> {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if header.contains(&b'\t') { b'\t' } else { b',' };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let present: Vec<String> = r
        .headers()
        .map_err(|e| format!("{shown}: {e}"))?
        .iter()
        .map(String::from)
        .collect();
    let (columns, index): (Vec<String>, Vec<Option<usize>>) = match keep {
        Some(k) => k
            .iter()
            .filter(|c| present.iter().any(|p| p == *c) || COLUMNS.contains(c))
            .map(|c| (c.to_string(), present.iter().position(|p| p == c)))
            .unzip(),
        None => (present.clone(), (0..present.len()).map(Some).collect()),
    };
    for (i, rec) in r.records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                skip(format!("{shown}:{}: {e}", i + 2));
                continue;
            }
        };
        let values = index
            .iter()
            .map(|c| match c.and_then(|c| rec.get(c)) {
                None | Some("") => Value::Null,
                Some(c) => Value::String(unguard(c).to_string()),
            })
            .collect();
        row(&columns, values)?;
    }
    Ok((columns, present))
}

impl Table {
    /// Reads every column of `path`.
    pub fn read(path: &Path) -> Result<Table, String> {
        Table::read_columns(path, None)
    }

    /// Reads `path`, only the `keep` columns when given (see [`read_rows`]).
    pub fn read_columns(path: &Path, keep: Option<&[&str]>) -> Result<Table, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Table::parse(&path.display().to_string(), &bytes, keep)
    }

    /// Reads claims from bytes; `shown` names them in errors.
    pub fn parse(shown: &str, bytes: &[u8], keep: Option<&[&str]>) -> Result<Table, String> {
        let mut rows = Vec::new();
        let (columns, skipped) = read_rows(shown, bytes, keep, true, |_, r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(Table {
            columns,
            rows,
            skipped,
        })
    }

    /// Claims as workbook rows (JSON arrays of cells, one a line, as the
    /// renderer makes them for `.xlsx`) under `columns`.
    pub fn from_cell_rows(columns: Vec<String>, lines: &[u8]) -> Result<Table, String> {
        let mut rows = Vec::new();
        for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let cells: Vec<String> = serde_json::from_slice(line).map_err(|e| e.to_string())?;
            rows.push(
                cells
                    .into_iter()
                    .map(|c| {
                        if c.is_empty() {
                            Value::Null
                        } else {
                            Value::String(c)
                        }
                    })
                    .collect(),
            );
        }
        Ok(Table {
            columns,
            rows,
            skipped: 0,
        })
    }

    /// The index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The text of a cell: a string as is, a number as written, none for
    /// null or a missing column.
    pub fn text<'a>(
        &self,
        row: &'a [Value],
        col: Option<usize>,
    ) -> Option<std::borrow::Cow<'a, str>> {
        match row.get(col?)? {
            Value::Null => None,
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.as_str().into()),
            v => Some(cell(v).into()),
        }
    }
}

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
    pub fn of_path(path: &Path) -> Result<TableFormat, String> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl") => Ok(TableFormat::Jsonl),
            Some("csv") => Ok(TableFormat::Csv),
            Some("tsv") => Ok(TableFormat::Tsv),
            _ => Err(format!(
                "{}: unknown output kind: use a .csv, .tsv or .jsonl name",
                path.display()
            )),
        }
    }
}

/// A value as a spreadsheet cell, as `whosaid extract` writes it: spans as
/// `start-end`, several joined by `;`.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.len() == 2 && items.iter().all(Value::is_u64) => {
            format!("{}-{}", items[0], items[1])
        }
        Value::Array(items) if items.iter().all(Value::is_array) => {
            items.iter().map(cell).collect::<Vec<_>>().join(";")
        }
        v => v.to_string(),
    }
}

/// A CSV cell without the spreadsheet guard's leading `'`.
fn unguard(c: &str) -> &str {
    match c.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_extract_writes_them() {
        assert_eq!(cell(&serde_json::json!([3, 9])), "3-9");
        assert_eq!(cell(&serde_json::json!([[3, 9], [12, 20]])), "3-9;12-20");
        assert_eq!(cell(&serde_json::json!(0.91)), "0.91");
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(unguard("'-5 percent"), "-5 percent");
        assert_eq!(unguard("'tis"), "'tis");
    }
}
