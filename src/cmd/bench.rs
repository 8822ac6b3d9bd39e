use super::{Fatal, pool};
use std::io::Write;
use whosaid::ingest::{self, Item};
use whosaid::{Pipeline, bench};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to measure on [default: corpora/sample, repeated in
    /// memory to --min-mb].
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Repeat the documents in memory until they hold this many MB.
    #[arg(long, default_value_t = 50)]
    min_mb: usize,
    /// Also run the one-pass floor (memchr for quote marks + one
    /// Aho-Corasick pass over the cue lexicon) and print the ratio to it.
    #[arg(long)]
    floor: bool,
    /// Time end to end and the floor while reading the inputs from disk,
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
    /// Worker threads for end to end and the floor (0: all cores).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    let inputs = if a.inputs.is_empty() {
        vec!["corpora/sample".to_string()]
    } else {
        a.inputs.clone()
    };
    let pipeline = Pipeline::new();
    if a.from_disk {
        return from_disk(&a, &inputs, &pipeline);
    }
    let (items, walk_errors) =
        ingest::open(&inputs, ingest::Options::default()).map_err(Fatal::Message)?;
    let mut failed = walk_errors.len();
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
    let docs = bench::repeat_to(&docs, a.min_mb << 20);
    let report = pool(a.jobs)?.install(|| bench::run(&pipeline, &docs, a.floor));
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
    let (_, walk_errors) =
        ingest::open(inputs, ingest::Options::default()).map_err(Fatal::Message)?;
    for f in &walk_errors {
        eprintln!("whosaid: {} failed: {}", f.id, f.reason);
    }
    let report = pool(a.jobs)?
        .install(|| bench::streamed(pipeline, inputs, a.rounds))
        .map_err(Fatal::Message)?;
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
        write_rows(&mut out, "", [&report.end_to_end, &report.floor])?;
        writeln!(
            out,
            "end to end / floor: {:.0}%",
            100.0 * report.ratio_to_floor
        )?;
    }
    Ok(if walk_errors.is_empty() { 0 } else { 1 })
}

/// The table of rows under a header whose first column is `first`.
fn write_rows<'r>(
    out: &mut impl Write,
    first: &str,
    rows: impl IntoIterator<Item = &'r bench::Row>,
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
