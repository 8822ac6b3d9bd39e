//! CSV and TSV rows: RFC 4180 quoting (by the csv crate; TSV quotes a
//! cell holding a tab, a quote or a line end the same way), spans as
//! `start-end` joined by `;`, and the formula guard. The cells of a row
//! are also what a workbook holds.

use super::{COLUMNS, Record};

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

fn span(s: &[usize; 2]) -> String {
    format!("{}-{}", s[0], s[1])
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// The cells of one record, in column order: the schema's, then `meta`'s.
pub(super) fn cells(r: &Record, meta: &[String], guard: bool) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(COLUMNS.len() + meta.len());
    row.extend([
        r.doc_id.clone(),
        r.claim_id.to_string(),
        r.kind.to_string(),
        r.quote.clone(),
        r.content_spans
            .iter()
            .map(span)
            .collect::<Vec<_>>()
            .join(";"),
        opt(&r.speaker),
        r.speaker_span.as_ref().map(span).unwrap_or_default(),
        opt(&r.speaker_resolved),
        r.speaker_type.to_string(),
        opt(&r.cue),
        r.cue_span.as_ref().map(span).unwrap_or_default(),
        opt(&r.addressee),
        opt(&r.channel),
        opt(&r.via),
        r.paragraph.to_string(),
        r.sentence.to_string(),
        r.confidence.to_string(),
        r.rule.to_string(),
    ]);
    row.extend(r.context.clone());
    for k in meta {
        let v = match r.meta.get(k).or_else(|| r.meta.get(&format!("meta_{k}"))) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        };
        row.push(v);
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
