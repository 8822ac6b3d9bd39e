//! **bench** — throughput of each stage and of the whole pipeline, in MB/s,
//! documents/s and claims/s, and of the one-pass floor it is held to.
//!
//! [`run`] holds the documents in memory so that disk speed does not enter
//! the numbers: each stage is timed over every document on one thread
//! ([`Prepared`], which the divan benchmarks in `benches/` use too), end to
//! end runs the [`Engine`] over all documents on the current rayon pool,
//! rendering JSONL into memory, and the floor reads every byte once:
//! memchr for quote marks and one Aho-Corasick pass over the cue lexicon,
//! nothing else. [`streamed`] times end to end and the floor as `extract`
//! meets them, reading the files.

use crate::emit::{Format, Renderer};
use crate::engine::Engine;
use crate::ingest::Document;
use crate::{Analysis, Pipeline, attribute, quotes, resolve, scan, segment};
use serde::Serialize;
use std::time::{Duration, Instant};

/// One line of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub seconds: f64,
    pub mb_per_s: f64,
    pub docs_per_s: f64,
    pub claims_per_s: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    pub bytes: usize,
    pub claims: usize,
    pub threads: usize,
    pub stages: Vec<Row>,
    pub end_to_end: Row,
    pub floor: Option<Row>,
    /// End-to-end MB/s divided by floor MB/s.
    pub ratio_to_floor: Option<f64>,
}

fn row(name: &str, t: Duration, bytes: usize, docs: usize, claims: usize) -> Row {
    let s = t.as_secs_f64().max(1e-9);
    Row {
        name: name.to_string(),
        seconds: s,
        mb_per_s: bytes as f64 / 1e6 / s,
        docs_per_s: docs as f64 / s,
        claims_per_s: claims as f64 / s,
    }
}

/// The renderer every measurement uses: JSONL, no metadata.
pub fn jsonl_renderer() -> Renderer {
    Renderer {
        format: Format::Jsonl,
        meta_columns: Vec::new(),
        guard: true,
    }
}

/// The floor's work on one document: memchr for quote marks and one pass
/// of the cue automaton; returns what they found.
fn floor_pass(p: &Pipeline, bytes: &[u8]) -> usize {
    memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).count() + p.cues.count(bytes)
}

/// Runs the [`Engine`] over `items` on the current rayon pool, output
/// rendered as JSONL into a sink; returns (documents, bytes, claims).
fn run_engine(
    p: &Pipeline,
    items: impl Iterator<Item = crate::ingest::Item> + Send,
) -> (usize, usize, usize) {
    let engine = Engine::new(p, jsonl_renderer());
    let mut sink = std::io::sink();
    let (mut docs, mut bytes, mut claims) = (0, 0, 0);
    let _ = engine.run(items, |o| -> std::io::Result<()> {
        docs += 1;
        bytes += o.bytes;
        claims += o.claims;
        std::io::Write::write_all(&mut sink, &o.output)
    });
    (docs, bytes, claims)
}

/// A stage of the pipeline, for benchmarks of one stage at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Scan,
    Segment,
    Quotes,
    Cues,
    /// The speaker phrase before every cue, as the sieve first asks.
    Mentions,
    Attribute,
    Resolve,
    /// JSONL rendering.
    Emit,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Scan,
        Stage::Segment,
        Stage::Quotes,
        Stage::Cues,
        Stage::Mentions,
        Stage::Attribute,
        Stage::Resolve,
        Stage::Emit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Scan => "scan",
            Stage::Segment => "segment",
            Stage::Quotes => "quotes",
            Stage::Cues => "cues",
            Stage::Mentions => "mentions",
            Stage::Attribute => "attribute",
            Stage::Resolve => "resolve",
            Stage::Emit => "emit",
        }
    }
}

/// Documents with every stage already run once, so that any one stage can
/// be run again on the outputs of the stages before it.
pub struct Prepared {
    pub docs: Vec<Document>,
    analyses: Vec<Analysis>,
    out: Vec<u8>,
}

impl Prepared {
    pub fn new(p: &Pipeline, docs: Vec<Document>) -> Self {
        let analyses = docs
            .iter()
            .map(|d| {
                let mut a = Analysis::default();
                p.analyze_into(&d.text, &mut a);
                a
            })
            .collect();
        Prepared {
            docs,
            analyses,
            out: Vec::new(),
        }
    }

    /// Bytes of text in all documents.
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }

    /// Runs `stage` again over every document; returns a count of what it
    /// produced, so that the work cannot be optimised away.
    pub fn run(&mut self, p: &Pipeline, stage: Stage) -> usize {
        let renderer = jsonl_renderer();
        let mut n = 0;
        for (d, a) in self.docs.iter().zip(&mut self.analyses) {
            let text = d.text.as_str();
            n += match stage {
                Stage::Scan => {
                    scan::scan(text, &mut a.marks);
                    a.marks.len()
                }
                Stage::Segment => {
                    segment::paragraphs(text, &mut a.paragraphs);
                    segment::sentences(text, &a.paragraphs, &a.quotes, &p.lex, &mut a.sentences);
                    a.sentences.len()
                }
                Stage::Quotes => {
                    quotes::pair(text, &a.marks, &a.paragraphs, &mut a.quotes);
                    a.quotes.len()
                }
                Stage::Cues => {
                    p.cues.find(text, &a.quotes, &mut a.cues);
                    a.cues.len()
                }
                Stage::Mentions => a
                    .cues
                    .iter()
                    .filter(|c| {
                        let si = a
                            .sentences
                            .partition_point(|s| s.span.end <= c.span.start)
                            .min(a.sentences.len().saturating_sub(1));
                        let limit = a
                            .sentences
                            .get(si)
                            .map_or(0, |s| s.span.start.min(c.span.start));
                        crate::mentions::before(p, text, limit, c.span.start).is_some()
                    })
                    .count(),
                Stage::Attribute => {
                    a.clear_memo();
                    attribute::attribute(p, text, a);
                    a.claims.len()
                }
                Stage::Resolve => {
                    resolve::resolve(p, text, &mut a.claims);
                    a.claims.len()
                }
                Stage::Emit => {
                    self.out.clear();
                    renderer.render_claims(d, &a.claims, &mut self.out);
                    self.out.len()
                }
            };
        }
        n
    }
}

/// Times each stage over `docs` on this thread: every stage is run once
/// over all documents to prepare, then each again, timed.
pub fn stages(p: &Pipeline, docs: &[Document]) -> (Vec<Row>, usize) {
    let mut prepared = Prepared::new(p, docs.to_vec());
    let claims = prepared.run(p, Stage::Attribute);
    let bytes = prepared.bytes();
    let rows = Stage::ALL
        .iter()
        .map(|&stage| {
            let start = Instant::now();
            std::hint::black_box(prepared.run(p, stage));
            row(stage.name(), start.elapsed(), bytes, docs.len(), claims)
        })
        .collect();
    (rows, claims)
}

/// Runs the whole pipeline over `docs` on the current rayon pool.
pub fn end_to_end(p: &Pipeline, docs: &[Document]) -> (Row, usize) {
    let start = Instant::now();
    let items = docs.iter().cloned().map(crate::ingest::Item::Doc);
    let (docs_done, bytes, claims) = run_engine(p, items);
    (
        row("end to end", start.elapsed(), bytes, docs_done, claims),
        claims,
    )
}

/// The one-pass floor over `docs` on the current rayon pool.
pub fn floor(p: &Pipeline, docs: &[Document]) -> Row {
    use rayon::prelude::*;
    let start = Instant::now();
    let found: usize = docs
        .par_iter()
        .map(|d| floor_pass(p, d.text.as_bytes()))
        .sum();
    std::hint::black_box(found);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    row("floor", start.elapsed(), bytes, docs.len(), 0)
}

/// End to end and floor while reading the inputs, as `whosaid extract`
/// does: every file is read once per measurement, nothing is held in
/// memory beyond the engine's batches.
#[derive(Clone, Debug, Serialize)]
pub struct Streamed {
    pub documents: usize,
    pub bytes: usize,
    pub claims: usize,
    pub threads: usize,
    pub end_to_end: Row,
    pub floor: Row,
    /// The floor's time divided by the end-to-end time over the same
    /// inputs (for JSONL and CSV files the floor reads the raw file, so
    /// its MB/s counts file bytes, not text bytes).
    pub ratio_to_floor: f64,
}

/// Runs the floor and the whole pipeline over `inputs` (both read every
/// file) `rounds` times each, alternating, on the current rayon pool, and
/// keeps the median run of each.
pub fn streamed(p: &Pipeline, inputs: &[String], rounds: usize) -> Result<Streamed, String> {
    // One untimed read of everything first, so that the first timed run
    // does not pay for a cold page cache that the later ones do not.
    floor_once(p, inputs);
    let mut floors = Vec::new();
    let mut runs = Vec::new();
    let mut last = (0, 0, 0);
    // Alternate the two so that drift in the machine's speed hits both.
    for _ in 0..rounds.max(1) {
        floors.push(floor_once(p, inputs));
        let (row, counts) = end_to_end_once(p, inputs)?;
        runs.push(row);
        last = counts;
    }
    let (documents, bytes, claims) = last;
    let floor = median(floors);
    let end_to_end = median(runs);
    Ok(Streamed {
        documents,
        bytes,
        claims,
        threads: rayon::current_num_threads(),
        ratio_to_floor: floor.seconds / end_to_end.seconds,
        end_to_end,
        floor,
    })
}

/// The run with the median time.
fn median(mut rows: Vec<Row>) -> Row {
    rows.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    rows.swap_remove(rows.len() / 2)
}

/// The floor: walk the inputs, read each file once into a reused buffer,
/// memchr for quote marks and one automaton pass over the raw bytes.
fn floor_once(p: &Pipeline, inputs: &[String]) -> Row {
    use rayon::prelude::*;
    let start = Instant::now();
    let files = crate::ingest::files(inputs).unwrap_or_default();
    let (docs, bytes, found) = files
        .par_iter()
        .map_init(Vec::new, |buf, path| {
            buf.clear();
            let ok = std::fs::File::open(path)
                .and_then(|mut f| std::io::Read::read_to_end(&mut f, buf))
                .is_ok();
            (usize::from(ok), buf.len(), floor_pass(p, buf))
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    std::hint::black_box(found);
    row("floor", start.elapsed(), bytes, docs, 0)
}

/// The whole pipeline over the inputs as `extract` runs it, output
/// rendered as JSONL into a sink; also (documents, bytes, claims).
fn end_to_end_once(
    p: &Pipeline,
    inputs: &[String],
) -> Result<(Row, (usize, usize, usize)), String> {
    // Timed from before the walk, as the floor is.
    let start = Instant::now();
    let (items, _) = crate::ingest::open(inputs, crate::ingest::Options::default())?;
    let counts = run_engine(p, items);
    let (docs, bytes, claims) = counts;
    Ok((
        row("end to end", start.elapsed(), bytes, docs, claims),
        counts,
    ))
}

/// Copies of `docs` until they hold at least `min_bytes`.
pub fn repeat_to(docs: &[Document], min_bytes: usize) -> Vec<Document> {
    let one: usize = docs.iter().map(|d| d.text.len()).sum();
    if one == 0 {
        return docs.to_vec();
    }
    let copies = min_bytes.div_ceil(one).max(1);
    let mut out = Vec::with_capacity(docs.len() * copies);
    for k in 0..copies {
        out.extend(docs.iter().map(|d| Document {
            id: format!("{}#{k}", d.id),
            ..d.clone()
        }));
    }
    out
}

/// The full report: stages on one thread, end to end and floor on the
/// current pool.
pub fn run(p: &Pipeline, docs: &[Document], with_floor: bool) -> Report {
    let (stages, claims) = stages(p, docs);
    let (end_to_end, _) = end_to_end(p, docs);
    let floor = with_floor.then(|| floor(p, docs));
    let ratio_to_floor = floor.as_ref().map(|f| end_to_end.mb_per_s / f.mb_per_s);
    Report {
        documents: docs.len(),
        bytes: docs.iter().map(|d| d.text.len()).sum(),
        claims,
        threads: rayon::current_num_threads(),
        stages,
        end_to_end,
        floor,
        ratio_to_floor,
    }
}
