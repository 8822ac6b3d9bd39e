//! Throughput of each stage and of the whole pipeline on the sample
//! corpus, in bytes of article text per second: `cargo bench`.
//!
//! `whosaid bench` measures the same on any corpus, and against the
//! one-pass floor; these are for comparing one change to the code.

use divan::Bencher;
use divan::counter::BytesCount;
use whosaid::bench::{Prepared, Stage};
use whosaid::ingest::{self, Item};
use whosaid::{Analysis, Pipeline};

fn main() {
    divan::main();
}

fn sample() -> Vec<whosaid::Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/sample");
    let (items, _) = ingest::open(&[dir.to_string()], ingest::Options::default())
        .expect("corpora/sample is in the repository");
    items
        .filter_map(|it| match it {
            Item::Doc(d) => Some(d),
            Item::Failed(_) => None,
        })
        .collect()
}

#[divan::bench(args = Stage::ALL.map(Stage::name))]
fn stage(bencher: Bencher, name: &str) {
    let stage = Stage::ALL.into_iter().find(|s| s.name() == name).unwrap();
    let p = Pipeline::new();
    let mut prepared = Prepared::new(&p, sample());
    bencher
        .counter(BytesCount::new(prepared.bytes()))
        .bench_local(|| prepared.run(&p, stage));
}

#[divan::bench]
fn end_to_end(bencher: Bencher) {
    let p = Pipeline::new();
    let docs = sample();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let renderer = whosaid::bench::jsonl_renderer();
    let mut a = Analysis::default();
    let mut out = Vec::new();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        out.clear();
        for d in &docs {
            p.analyze_into(&d.text, &mut a);
            renderer.render_claims(d, &a.claims, &mut out);
        }
        out.len()
    });
}
