//! Any bytes, decoded as the ingest stage decodes files, run through the
//! whole pipeline (sieve and default model) and the writers without
//! panicking; every span is in bounds, on character boundaries and
//! ordered; the JSONL is one JSON object a claim, the same whether written
//! from the claims or from the records; the CSV is a header and one row a
//! claim, each as wide as the header.
//!
//! It reaches the library through its public front only (`Pipeline`,
//! `check_claims`, `emit::records` and the renderer), so that the
//! refactors behind that front leave it building. Run it from `fuzz/`:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline -- -max_total_time=600`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use whosaid::emit::{Format, Renderer};
use whosaid::ingest::{Decoded, decode};
use whosaid::{Document, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

/// The one place this target names the renderer's settings: the
/// command line's defaults for `format`.
fn renderer(format: Format) -> Renderer {
    Renderer {
        format,
        meta_columns: Vec::new(),
        guard: true,
        context: false,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = match decode(data.to_vec()) {
        Ok(Decoded::Utf8(t)) | Ok(Decoded::Cp1252(t)) => t,
        Err(_) => return,
    };
    let claims = pipeline().extract(&text);
    if let Err(e) = whosaid::doc::check_claims(&text, &claims) {
        panic!("{e}");
    }
    let doc = Document::new("fuzz", text);
    let recs = whosaid::emit::records(&doc, &claims);
    assert_eq!(recs.len(), claims.len());

    let jsonl = renderer(Format::Jsonl);
    let (mut direct, mut via_records) = (Vec::new(), Vec::new());
    jsonl.render_claims(&doc, &claims, &mut direct);
    jsonl.render(&recs, &mut via_records);
    assert!(direct == via_records, "JSONL writers disagree");
    let lines = std::str::from_utf8(&direct).expect("JSONL is UTF-8");
    assert_eq!(lines.lines().count(), claims.len(), "one JSONL line a claim");
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSONL line is JSON");
        assert!(v.is_object(), "a JSONL line is an object: {line}");
    }

    let csv = renderer(Format::Csv);
    let mut table = csv.header();
    csv.render_claims(&doc, &claims, &mut table);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(table.as_slice());
    let width = reader.headers().expect("a CSV header").len();
    assert_eq!(width, csv.columns().len());
    let mut rows = 0;
    for row in reader.records() {
        let row = row.expect("a well-formed CSV row");
        assert_eq!(row.len(), width, "a CSV row as wide as the header");
        rows += 1;
    }
    assert_eq!(rows, claims.len(), "one CSV row a claim");
});
