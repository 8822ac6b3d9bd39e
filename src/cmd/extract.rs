use super::output::Output;
use super::{Fatal, pool};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use whosaid::emit::{Format, Renderer};
use whosaid::engine::{Engine, Status};
use whosaid::ingest::{self, InputFormat, Item};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (searched recursively for *.txt), .jsonl or .csv files,
    /// or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Write claims here (default: standard output). The file appears only
    /// when the run completes.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format [default: from the -o extension, else jsonl].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Worker threads (0: all cores).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
    /// How to read inputs (auto: by extension).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// JSONL/CSV field holding the document id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// JSONL/CSV field holding the article text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL/CSV fields to carry into the output, comma separated.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    keep: Vec<String>,
    /// Drop claims below this confidence (0-1).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// Turn off the CSV formula guard (a leading ' on cells starting with
    /// = + - @ tab or CR).
    #[arg(long)]
    no_formula_guard: bool,
    /// Skip (and report) documents larger than this many bytes.
    #[arg(long, default_value_t = 16 << 20)]
    max_doc_bytes: usize,
    /// Write one JSON line per document: doc_id, status, reason, bytes,
    /// claims.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    model: super::ModelArgs,
    /// No progress and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

fn format_for(a: &Args) -> Format {
    if let Some(f) = a.format {
        return f;
    }
    match a
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
    {
        Some(e) if e.eq_ignore_ascii_case("csv") => Format::Csv,
        _ => Format::Jsonl,
    }
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    let opts = ingest::Options {
        id_field: a.id_field.clone(),
        text_field: a.text_field.clone(),
        keep: a.keep.clone(),
        max_doc_bytes: a.max_doc_bytes,
        format: a.input_format,
    };
    let (items, walk_errors) = ingest::open(&a.inputs, opts).map_err(Fatal::Message)?;
    let renderer = Renderer {
        format: format_for(&a),
        meta_columns: a.keep.clone(),
        guard: !a.no_formula_guard,
    };
    let shown = |p: &PathBuf| p.display().to_string();
    let mut out = Output::open(a.output.as_deref()).map_err(|e| {
        Fatal::Message(format!(
            "{}: {e}",
            a.output.as_ref().map_or("<stdout>".into(), shown)
        ))
    })?;
    let mut report = match &a.report {
        Some(p) => {
            Some(Output::open(Some(p)).map_err(|e| Fatal::Message(format!("{}: {e}", shown(p))))?)
        }
        None => None,
    };
    out.write_all(&renderer.header())?;

    let pipeline = a.model.pipeline()?;
    let mut engine = Engine::new(&pipeline, renderer);
    engine.min_confidence = a.min_confidence;
    let start = Instant::now();
    let progress = !a.quiet && std::io::stderr().is_terminal();
    let mut last_tick = Instant::now();
    let (mut docs, mut failed, mut claims, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    let walk_failures = walk_errors.into_iter().map(Item::Failed);
    let items = walk_failures.chain(items);
    pool(a.jobs)?.install(|| {
        engine.run(items, |o| -> Result<(), Fatal> {
            docs += 1;
            bytes += o.bytes;
            claims += o.claims;
            match o.status {
                Status::Failed => {
                    failed += 1;
                    eprintln!("whosaid: {} failed: {}", o.id, o.reason.as_deref().unwrap_or("unknown"));
                }
                Status::Warning if !a.quiet => {
                    eprintln!("whosaid: {}: warning: {}", o.id, o.reason.as_deref().unwrap_or(""));
                }
                _ => {}
            }
            out.write_all(&o.output)?;
            if let Some(r) = report.as_mut() {
                let line = serde_json::json!({
                    "doc_id": o.id, "status": o.status, "reason": o.reason, "bytes": o.bytes, "claims": o.claims,
                });
                writeln!(r, "{line}")?;
            }
            if progress && last_tick.elapsed() > Duration::from_millis(250) {
                last_tick = Instant::now();
                eprint!("\rwhosaid: {docs} documents, {claims} claims, {:.1} MB ", bytes as f64 / 1e6);
            }
            Ok(())
        })
    })?;
    out.commit()?;
    if let Some(r) = report {
        r.commit()?;
    }
    if !a.quiet {
        let secs = start.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        if progress {
            eprint!("\r\x1b[K");
        }
        eprintln!(
            "whosaid: {docs} documents ({failed} failed), {claims} claims, {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
