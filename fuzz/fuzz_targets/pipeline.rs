//! Any bytes, decoded as the ingest stage decodes files, run through the
//! whole pipeline and the output stage without panicking, every span is in
//! bounds, on character boundaries and ordered, and the two JSONL writers
//! agree.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use whosaid::ingest::{decode, Decoded};
use whosaid::{Document, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
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
    // The JSONL written straight from the claims is what serialising the
    // records gives.
    let renderer = whosaid::emit::Renderer {
        format: whosaid::emit::Format::Jsonl,
        meta_columns: Vec::new(),
        guard: true,
    };
    let (mut direct, mut via_records) = (Vec::new(), Vec::new());
    renderer.render_claims(&doc, &claims, &mut direct);
    renderer.render(&recs, &mut via_records);
    assert!(direct == via_records, "JSONL writers disagree");
});
