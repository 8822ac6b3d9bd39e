//! `whosaid bench`: throughput of each stage and of the whole pipeline, in
//! MB/s, documents/s and claims/s, and of the one-pass floor it is held to.
//!
//! By default the documents are held in memory so that disk speed does not
//! enter the numbers: each stage is timed over every document on one
//! thread, end to end runs the [`Engine`] over all documents on the rayon
//! pool, rendering JSONL into memory, and the floor reads every byte once:
//! memchr for quote marks and one Aho-Corasick pass over the cue lexicon,
//! nothing else. `--from-disk` times end to end and the floor as `extract`
//! meets them, reading the files.

use super::{Fatal, pool};
use crate::emit::{Format, Renderer};
use crate::engine::Engine;
use crate::ingest::{self, Document, Item};
use crate::lexicon::Lang;
use crate::stages::STAGES;
use crate::{Doc, Pipeline};
use serde::Serialize;
use std::io::Write;
use std::time::{Duration, Instant};

/// The end of `whosaid bench --help`.
pub const EXAMPLES: &str = "\
Examples:
  whosaid bench --min-mb 5
      speed on the built-in sample articles (5 MB of them), on all cores
  whosaid bench articles/ -j 1 --min-mb 5
      speed of each step on your articles, on one core
  whosaid bench articles/ --from-disk --baseline
      reading from disk, compared with the least work any tool must do";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to measure on [default: the sample articles built
    /// in, repeated in memory to --min-mb].
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Repeat the documents in memory until they hold this many MB.
    #[arg(long, default_value_t = 50)]
    min_mb: usize,
    /// Also time the least work any such tool must do (find every quote
    /// mark and every reporting word, in one pass) and print how close the
    /// whole run comes to it (reported as the ratio to this baseline).
    #[arg(long = "baseline", alias = "floor")]
    floor: bool,
    /// Time the whole run (and --baseline) while reading the inputs from disk,
    /// as `whosaid extract` does, instead of stages over documents held
    /// in memory (needs INPUT).
    #[arg(long, requires = "inputs")]
    from_disk: bool,
    /// With --from-disk: runs of each (alternating); the median is kept.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    model: super::ModelArgs,
    /// Worker threads for the whole run (0: all cores); the steps are timed
    /// on one.
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
}

/// The sample articles of `corpora/sample`, built in so that `whosaid
/// bench` measures something wherever it runs.
pub const SAMPLE: &[(&str, &str)] = &[
    (
        "bridge-closure",
        include_str!("../../corpora/sample/bridge-closure.txt"),
    ),
    (
        "chef-profile",
        include_str!("../../corpora/sample/chef-profile.txt"),
    ),
    (
        "coral-study",
        include_str!("../../corpora/sample/coral-study.txt"),
    ),
    (
        "council-budget",
        include_str!("../../corpora/sample/council-budget.txt"),
    ),
    (
        "data-breach",
        include_str!("../../corpora/sample/data-breach.txt"),
    ),
    (
        "drought-farmers",
        include_str!("../../corpora/sample/drought-farmers.txt"),
    ),
    (
        "film-festival",
        include_str!("../../corpora/sample/film-festival.txt"),
    ),
    (
        "flood-wire",
        include_str!("../../corpora/sample/flood-wire.txt"),
    ),
    (
        "fraud-trial",
        include_str!("../../corpora/sample/fraud-trial.txt"),
    ),
    (
        "hospital-merger",
        include_str!("../../corpora/sample/hospital-merger.txt"),
    ),
    (
        "playoff-game",
        include_str!("../../corpora/sample/playoff-game.txt"),
    ),
    (
        "rail-strike",
        include_str!("../../corpora/sample/rail-strike.txt"),
    ),
    (
        "school-board",
        include_str!("../../corpora/sample/school-board.txt"),
    ),
    (
        "stadium-deal",
        include_str!("../../corpora/sample/stadium-deal.txt"),
    ),
    (
        "trade-talks",
        include_str!("../../corpora/sample/trade-talks.txt"),
    ),
    (
        "water-rates",
        include_str!("../../corpora/sample/water-rates.txt"),
    ),
];

pub fn run(a: Args) -> Result<i32, Fatal> {
    let pipeline = a.model.pipeline()?;
    if a.from_disk {
        return from_disk(&a, &a.inputs, &pipeline);
    }
    let (items, mut failed) = if a.inputs.is_empty() {
        let docs = SAMPLE
            .iter()
            .map(|(id, text)| Item::Doc(Document::new(*id, *text)));
        (Box::new(docs) as Box<dyn Iterator<Item = Item>>, 0)
    } else {
        let opened = ingest::open(&a.inputs, ingest::Options::default())?;
        let failed = opened.failures.len();
        (
            Box::new(opened.items) as Box<dyn Iterator<Item = Item>>,
            failed,
        )
    };
    let inputs = if a.inputs.is_empty() {
        vec!["the built-in sample".to_string()]
    } else {
        a.inputs.clone()
    };
    let mut docs = Vec::new();
    for it in items {
        match it {
            Item::Doc(d) => docs.push(d),
            Item::Failed(f) => {
                eprintln!("whosaid: {} failed: {}", f.id, f.reason);
                failed += 1;
            }
        }
    }
    if docs.is_empty() {
        return Err(Fatal::Message(format!(
            "no documents to measure in {}",
            inputs.join(", ")
        )));
    }
    let docs = repeat_to(&docs, a.min_mb << 20);
    let report = pool(a.jobs)?.install(|| report(&pipeline, &docs, a.floor));
    let mut out = std::io::stdout().lock();
    if a.json {
        let line = serde_json::to_string(&report).map_err(|e| Fatal::Message(e.to_string()))?;
        writeln!(out, "{line}")?;
    } else {
        writeln!(
            out,
            "{} documents, {:.1} MB, {} claims; stages on 1 thread, end to end on {}",
            report.documents,
            report.bytes as f64 / 1e6,
            report.claims,
            report.threads
        )?;
        let rows = report
            .stages
            .iter()
            .chain([&report.end_to_end])
            .chain(report.floor.as_ref());
        write_rows(&mut out, "stage", rows)?;
        if let Some(ratio) = report.ratio_to_floor {
            writeln!(out, "end to end / floor: {:.0}%", 100.0 * ratio)?;
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn from_disk(a: &Args, inputs: &[String], pipeline: &Pipeline) -> Result<i32, Fatal> {
    if inputs.iter().any(|i| i == "-") {
        return Err(Fatal::Message(
            "--from-disk reads every input several times: give files or folders, not -".into(),
        ));
    }
    // Check the inputs once, with a clear error, before timing anything.
    let walk_errors = ingest::open(inputs, ingest::Options::default())?.failures;
    for f in &walk_errors {
        eprintln!("whosaid: {} failed: {}", f.id, f.reason);
    }
    // With a model, the sieve alone is timed too, in the same rounds, so
    // that one run gives both rows against the same floor.
    let rules = pipeline.resources().has_model().then(Pipeline::rules_only);
    let report = pool(a.jobs)?.install(|| streamed(pipeline, rules.as_ref(), inputs, a.rounds))?;
    let mut out = std::io::stdout().lock();
    if a.json {
        let line = serde_json::to_string(&report).map_err(|e| Fatal::Message(e.to_string()))?;
        writeln!(out, "{line}")?;
    } else {
        writeln!(
            out,
            "{} documents, {:.1} MB, {} claims; read from disk; median of {} runs on {} threads",
            report.documents,
            report.bytes as f64 / 1e6,
            report.claims,
            a.rounds.max(1),
            report.threads,
        )?;
        let rows = [&report.end_to_end]
            .into_iter()
            .chain(report.rules_only.as_ref())
            .chain([&report.floor]);
        write_rows(&mut out, "", rows)?;
        writeln!(
            out,
            "end to end / floor: {:.0}%",
            100.0 * report.ratio_to_floor
        )?;
        if let Some(ratio) = report.rules_only_ratio_to_floor {
            writeln!(out, "rules only / floor: {:.0}%", 100.0 * ratio)?;
        }
    }
    Ok(if walk_errors.is_empty() { 0 } else { 1 })
}

/// The table of rows under a header whose first column is `first`.
fn write_rows<'r>(
    out: &mut impl Write,
    first: &str,
    rows: impl IntoIterator<Item = &'r Row>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<12} {:>10} {:>12} {:>12}",
        first, "MB/s", "docs/s", "claims/s"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<12} {:>10.1} {:>12.0} {:>12.0}",
            r.name, r.mb_per_s, r.docs_per_s, r.claims_per_s
        )?;
    }
    Ok(())
}

/// One line of the report.
#[derive(Clone, Debug, Serialize)]
struct Row {
    name: String,
    seconds: f64,
    mb_per_s: f64,
    docs_per_s: f64,
    claims_per_s: f64,
}

#[derive(Clone, Debug, Serialize)]
struct Report {
    documents: usize,
    bytes: usize,
    claims: usize,
    threads: usize,
    stages: Vec<Row>,
    end_to_end: Row,
    floor: Option<Row>,
    /// End-to-end MB/s divided by floor MB/s.
    ratio_to_floor: Option<f64>,
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
fn jsonl_renderer() -> Renderer {
    Renderer {
        format: Format::Jsonl,
        meta_columns: Vec::new(),
        guard: true,
        context: false,
    }
}

/// The floor's work on one document: memchr for quote marks and one pass
/// of the cue automaton; returns what they found.
fn floor_pass(p: &Pipeline, bytes: &[u8]) -> usize {
    memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).count()
        + p.resources().count_cues(Lang::En, bytes)
}

/// What a measured run went through.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    documents: usize,
    bytes: usize,
    claims: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            documents: self.documents + o.documents,
            bytes: self.bytes + o.bytes,
            claims: self.claims + o.claims,
        }
    }
}

/// Runs the [`Engine`] over `items` on the current rayon pool, output
/// rendered as JSONL into a sink.
fn run_engine(p: &Pipeline, items: impl Iterator<Item = Item> + Send) -> Counts {
    let engine = Engine::new(p, jsonl_renderer());
    let mut sink = std::io::sink();
    let mut counts = Counts::default();
    let _ = engine.run(items, |o| -> std::io::Result<()> {
        counts = counts
            + Counts {
                documents: 1,
                bytes: o.bytes,
                claims: o.claims,
            };
        std::io::Write::write_all(&mut sink, &o.output.text)
    });
    counts
}

/// Times each stage of [`STAGES`] over `docs` on this thread, then JSONL
/// rendering: every stage is run once over all documents to prepare, then
/// each again in order, timed (a stage replaces what it adds, so running
/// it again on a prepared document redoes its work).
fn stages(p: &Pipeline, docs: &[Document]) -> (Vec<Row>, usize) {
    let mut prepared: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut doc = Doc::new(&d.text);
            p.analyze(&mut doc);
            doc
        })
        .collect();
    let claims = prepared.iter().map(|d| d.claims.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut rows: Vec<Row> = STAGES
        .iter()
        .map(|stage| {
            let start = Instant::now();
            for doc in &mut prepared {
                (stage.run)(p.resources(), doc);
            }
            std::hint::black_box(&prepared);
            row(stage.name, start.elapsed(), bytes, docs.len(), claims)
        })
        .collect();
    let renderer = jsonl_renderer();
    let mut out = Vec::new();
    let start = Instant::now();
    for (d, doc) in docs.iter().zip(&prepared) {
        out.clear();
        renderer.render_claims(d, &doc.claims, &mut out);
        std::hint::black_box(&out);
    }
    rows.push(row(
        "emit (jsonl)",
        start.elapsed(),
        bytes,
        docs.len(),
        claims,
    ));
    (rows, claims)
}

/// Runs the whole pipeline over `docs` on the current rayon pool.
fn end_to_end(p: &Pipeline, docs: &[Document]) -> (Row, usize) {
    let start = Instant::now();
    let items = docs.iter().cloned().map(Item::Doc);
    let c = run_engine(p, items);
    let row = row(
        "end to end",
        start.elapsed(),
        c.bytes,
        c.documents,
        c.claims,
    );
    (row, c.claims)
}

/// The one-pass floor over `docs` on the current rayon pool.
fn floor(p: &Pipeline, docs: &[Document]) -> Row {
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
struct Streamed {
    documents: usize,
    bytes: usize,
    claims: usize,
    threads: usize,
    end_to_end: Row,
    /// The whole run with the sieve alone, when `end_to_end` had a model.
    rules_only: Option<Row>,
    floor: Row,
    /// The floor's time divided by the end-to-end time over the same
    /// inputs (for JSONL and CSV files the floor reads the raw file, so
    /// its MB/s counts file bytes, not text bytes).
    ratio_to_floor: f64,
    /// The same for `rules_only`.
    rules_only_ratio_to_floor: Option<f64>,
}

/// Runs the floor and the whole pipeline `p` (and `rules`, the sieve
/// alone, when given) over `inputs` (all read every file) `rounds` times
/// each, alternating, on the current rayon pool, and keeps the median run
/// of each.
fn streamed(
    p: &Pipeline,
    rules: Option<&Pipeline>,
    inputs: &[String],
    rounds: usize,
) -> Result<Streamed, crate::Error> {
    // One untimed read of everything first, so that the first timed run
    // does not pay for a cold page cache that the later ones do not.
    floor_once(p, inputs);
    let mut floors = Vec::new();
    let mut runs = Vec::new();
    let mut rule_runs = Vec::new();
    let mut last = Counts::default();
    // Alternate them so that drift in the machine's speed hits all.
    for _ in 0..rounds.max(1) {
        floors.push(floor_once(p, inputs));
        let (row, counts) = end_to_end_once(p, inputs)?;
        runs.push(row);
        last = counts;
        if let Some(r) = rules {
            let (mut row, _) = end_to_end_once(r, inputs)?;
            row.name = "rules only".into();
            rule_runs.push(row);
        }
    }
    let floor = median(floors);
    let end_to_end = median(runs);
    let rules_only = (!rule_runs.is_empty()).then(|| median(rule_runs));
    Ok(Streamed {
        documents: last.documents,
        bytes: last.bytes,
        claims: last.claims,
        threads: rayon::current_num_threads(),
        ratio_to_floor: floor.seconds / end_to_end.seconds,
        rules_only_ratio_to_floor: rules_only.as_ref().map(|r| floor.seconds / r.seconds),
        end_to_end,
        rules_only,
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
    let files = ingest::files(inputs).unwrap_or_default();
    let counts = files
        .par_iter()
        .map_init(Vec::new, |buf, path| {
            buf.clear();
            let ok = std::fs::File::open(path)
                .and_then(|mut f| std::io::Read::read_to_end(&mut f, buf))
                .is_ok();
            std::hint::black_box(floor_pass(p, buf));
            Counts {
                documents: usize::from(ok),
                bytes: buf.len(),
                claims: 0,
            }
        })
        .reduce(Counts::default, |a, b| a + b);
    row("floor", start.elapsed(), counts.bytes, counts.documents, 0)
}

/// The whole pipeline over the inputs as `extract` runs it, output
/// rendered as JSONL into a sink.
fn end_to_end_once(p: &Pipeline, inputs: &[String]) -> Result<(Row, Counts), crate::Error> {
    // Timed from before the walk, as the floor is.
    let start = Instant::now();
    let items = ingest::open(inputs, ingest::Options::default())?.items;
    let c = run_engine(p, items);
    let row = row(
        "end to end",
        start.elapsed(),
        c.bytes,
        c.documents,
        c.claims,
    );
    Ok((row, c))
}

/// Copies of `docs` until they hold at least `min_bytes`.
fn repeat_to(docs: &[Document], min_bytes: usize) -> Vec<Document> {
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
fn report(p: &Pipeline, docs: &[Document], with_floor: bool) -> Report {
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
