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
}

impl Table {
    /// Reads `path` (JSONL when its first byte is `{`, else CSV, or TSV
    /// when the header has a tab). A line that cannot be read is an error
    /// naming the file and line.
    pub fn read(path: &Path) -> Result<Table, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Table::parse(&path.display().to_string(), &bytes)
    }

    /// Reads claims from bytes; `shown` names them in errors.
    pub fn parse(shown: &str, bytes: &[u8]) -> Result<Table, String> {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let table = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            None => Table::default(),
            Some(b'{') => Table::from_jsonl(shown, bytes)?,
            Some(_) => Table::from_csv(shown, bytes)?,
        };
        for need in ["doc_id", "quote", "speaker", "speaker_type"] {
            if !table.rows.is_empty() && table.col(need).is_none() {
                return Err(format!(
                    "{shown}: not a whosaid claims file: no {need:?} field (JSONL or CSV from `whosaid extract` is needed)"
                ));
            }
        }
        Ok(table)
    }

    fn from_jsonl(shown: &str, bytes: &[u8]) -> Result<Table, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("{shown}: {e}"))?;
        let mut columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        let mut objects = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = || format!("{shown}:{}", i + 1);
            let v: serde_json::Map<String, Value> =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", at()))?;
            if v.contains_key("error") && !v.contains_key("quote") {
                // A failure line of `--on-error record`: no claim.
                continue;
            }
            for k in v.keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
            objects.push(v);
        }
        let rows = objects
            .into_iter()
            .map(|mut o| {
                columns
                    .iter()
                    .map(|c| o.remove(c).unwrap_or(Value::Null))
                    .collect()
            })
            .collect();
        Ok(Table { columns, rows })
    }

    fn from_csv(shown: &str, bytes: &[u8]) -> Result<Table, String> {
        let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let delimiter = if header.contains(&b'\t') { b'\t' } else { b',' };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes);
        let columns: Vec<String> = r
            .headers()
            .map_err(|e| format!("{shown}: {e}"))?
            .iter()
            .map(String::from)
            .collect();
        let mut rows = Vec::new();
        for (i, row) in r.records().enumerate() {
            let row = row.map_err(|e| format!("{shown}:{}: {e}", i + 2))?;
            rows.push(
                row.iter()
                    .map(|cell| match cell {
                        "" => Value::Null,
                        c => Value::String(unguard(c).to_string()),
                    })
                    .collect(),
            );
        }
        Ok(Table { columns, rows })
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
        Ok(Table { columns, rows })
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

    /// Writes the table with extra columns (one value a row each) as
    /// JSONL, or as CSV/TSV (spreadsheet-guarded) when `format` says so.
    pub fn write(
        &self,
        out: &mut dyn Write,
        format: TableFormat,
        extra: &[(&str, &[Option<String>])],
    ) -> std::io::Result<()> {
        match format {
            TableFormat::Jsonl => {
                for (i, row) in self.rows.iter().enumerate() {
                    let mut line = String::from("{");
                    let fields = self
                        .columns
                        .iter()
                        .zip(row)
                        .map(|(k, v)| (k.as_str(), v.clone()));
                    let added = extra.iter().map(|(k, vals)| {
                        (
                            *k,
                            vals[i].clone().map(Value::String).unwrap_or(Value::Null),
                        )
                    });
                    for (j, (k, v)) in fields.chain(added).enumerate() {
                        if j > 0 {
                            line.push(',');
                        }
                        line.push_str(&Value::String(k.to_string()).to_string());
                        line.push(':');
                        line.push_str(&v.to_string());
                    }
                    line.push_str("}\n");
                    out.write_all(line.as_bytes())?;
                }
            }
            TableFormat::Csv | TableFormat::Tsv => {
                let delimiter = if format == TableFormat::Tsv {
                    b'\t'
                } else {
                    b','
                };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                let header = self
                    .columns
                    .iter()
                    .map(String::as_str)
                    .chain(extra.iter().map(|(k, _)| *k));
                w.write_record(header)?;
                for (i, row) in self.rows.iter().enumerate() {
                    let cells = row
                        .iter()
                        .map(cell)
                        .chain(extra.iter().map(|(_, v)| v[i].clone().unwrap_or_default()));
                    w.write_record(cells.map(|c| csv_guard(&c).into_owned()))?;
                }
                w.flush()?;
            }
        }
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
