//! Any bytes, decoded as the ingest stage decodes files, run through the
//! whole pipeline and the output stage without panicking, every span is in
//! bounds, on character boundaries and ordered, and the two JSONL writers
//! agree.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use whosaid::ingest::{decode, Decoded};
use whosaid::{Document, Pipeline, Span};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fn valid(text: &str, s: Span) -> bool {
    s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let text = match decode(data.to_vec()) {
        Ok(Decoded::Utf8(t)) | Ok(Decoded::Cp1252(t)) => t,
        Err(_) => return,
    };
    let claims = pipeline().extract(&text);
    let mut last = 0;
    for c in &claims {
        assert!(!c.content.is_empty());
        assert!(c.start() >= last);
        last = c.start();
        for w in c.content.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for s in c.content.iter().copied().chain(c.speaker).chain(c.cue).chain(c.addressee).chain(c.channel).chain(c.via) {
            assert!(valid(&text, s), "span {s:?}");
        }
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
