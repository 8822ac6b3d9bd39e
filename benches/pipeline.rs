//! Throughput of each stage and of the whole pipeline on the sample
//! corpus, in bytes of article text per second: `cargo bench`.
//!
//! `whosaid bench` measures the same on any corpus, and against the
//! one-pass floor; these are for comparing one change to the code.

use divan::Bencher;
use divan::counter::BytesCount;
use whosaid::ingest::{self, Item};
use whosaid::stages::STAGES;
use whosaid::{Doc, Pipeline};

fn main() {
    divan::main();
}

fn sample() -> Vec<whosaid::Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/sample");
    let opened = ingest::open(&[dir.to_string()], ingest::Options::default())
        .expect("corpora/sample is in the repository");
    opened
        .items
        .filter_map(|it| match it {
            Item::Doc(d) => Some(d),
            Item::Failed(_) => None,
        })
        .collect()
}

/// One stage again over documents that every stage has run on: a stage
/// replaces what it adds, so this redoes exactly its work.
#[divan::bench(args = STAGES.iter().map(|s| s.name))]
fn stage(bencher: Bencher, name: &str) {
    let stage = STAGES.iter().find(|s| s.name == name).unwrap();
    let p = Pipeline::new();
    let docs = sample();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut prepared: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut doc = Doc::new(&d.text);
            p.analyze(&mut doc);
            doc
        })
        .collect();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        for doc in &mut prepared {
            (stage.run)(p.resources(), doc);
        }
    });
}

#[divan::bench]
fn end_to_end(bencher: Bencher) {
    let p = Pipeline::new();
    let docs = sample();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let renderer = whosaid::emit::Renderer {
        format: whosaid::emit::Format::Jsonl,
        meta_columns: Vec::new(),
        guard: true,
        context: false,
    };
    let mut doc = Doc::default();
    let mut out = Vec::new();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        out.clear();
        for d in &docs {
            doc.reset(&d.text);
            p.analyze(&mut doc);
            renderer.render_claims(d, &doc.claims, &mut out);
        }
        out.len()
    });
}
