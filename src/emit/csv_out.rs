//! CSV and TSV rows: RFC 4180 quoting (by the csv crate; TSV quotes a
//! cell holding a tab, a quote or a line end the same way), spans as
//! `start-end` joined by `;`, and the formula guard. The cells of a row
//! are also what a workbook holds.

use super::Record;
use super::schema::{Cell, SCHEMA};

/// Prefixes a cell that a spreadsheet would read as a formula: one starting
/// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
pub fn guard_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn writer(out: &mut Vec<u8>, delimiter: u8) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_writer(out)
}

pub(super) fn header(columns: &[String], delimiter: u8) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out, delimiter);
        w.write_record(columns).expect("writing to memory");
        w.flush().expect("writing to memory");
    }
    out
}

/// A span cell: `start-end`.
fn span(out: &mut String, [a, b]: [usize; 2]) {
    use std::fmt::Write;
    let _ = write!(out, "{a}-{b}");
}

/// The text of a cell as tables hold it: empty for none, spans as
/// `start-end` joined by `;`.
pub(super) fn cell_text(c: Cell<'_>) -> String {
    match c {
        Cell::Text(t) => t.unwrap_or_default().to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Fraction(f) => f.to_string(),
        Cell::Span(s) => {
            let mut out = String::new();
            if let Some(s) = s {
                span(&mut out, s);
            }
            out
        }
        Cell::Spans(spans) => {
            let mut out = String::new();
            for (i, &s) in spans.iter().enumerate() {
                if i > 0 {
                    out.push(';');
                }
                span(&mut out, s);
            }
            out
        }
    }
}

/// The cells of one record, in column order: the schema's (an optional
/// column when the record has it), then `meta`'s.
pub(super) fn cells(r: &Record, meta: &[String], guard: bool) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(SCHEMA.len() + meta.len());
    for c in SCHEMA {
        match (c.cell)(r) {
            Cell::Text(None) if c.optional => {}
            cell => row.push(cell_text(cell)),
        }
    }
    for k in meta {
        row.push(meta_text(r, k));
    }
    if guard {
        for cell in &mut row {
            if let std::borrow::Cow::Owned(g) = guard_cell(cell) {
                *cell = g;
            }
        }
    }
    row
}

/// The text of kept field `k` in a record: a string as is, another value
/// as its JSON, empty for none.
pub(super) fn meta_text(r: &Record, k: &str) -> String {
    match r.meta.get(k).or_else(|| r.meta.get(&format!("meta_{k}"))) {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

pub(super) fn rows(
    recs: &[Record],
    meta: &[String],
    guard: bool,
    delimiter: u8,
    out: &mut Vec<u8>,
) {
    let mut w = writer(out, delimiter);
    for r in recs {
        w.write_record(cells(r, meta, guard))
            .expect("writing to memory");
    }
    w.flush().expect("writing to memory");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard() {
        assert_eq!(guard_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard_cell("-3"), "'-3");
        assert_eq!(guard_cell("\tx"), "'\tx");
        assert_eq!(guard_cell("plain"), "plain");
    }
}
