//! `whosaid extract`: open the inputs and the outputs, run the engine
//! over the documents, writing each one's claims, then sum up.

use super::output::Output;
use super::{Fatal, pool};
use crate::emit::{Batch, Changes, ClaimWriter, Format, Record, Renderer};
use crate::engine::{Engine, Outcome, Status};
use crate::ingest::{self, InputFormat, Item};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What a document that cannot be read or processed does to the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnError {
    /// Name it on standard error and go on; exit 1 at the end.
    Skip,
    /// Also write a line for it into the JSONL output (`doc_id`, `error`)
    /// and go on; exit 0: the output holds the accounting.
    Record,
    /// Stop at the first one; exit 1 (a file named with -o is not written).
    Fail,
}

/// The end of `whosaid extract --help`: examples and the columns.
pub const AFTER_HELP: &str = "\
Examples:
  whosaid extract articles/ -o claims.xlsx
      every article in a folder (and its subfolders) into an Excel workbook
  whosaid extract dump.jsonl.gz --id-field uid --text-field body --keep url -o claims.csv
      one article a line; the url of each article copied into its claims
  whosaid extract page.html --context
      the claims of a web page, each with its sentence, on the screen
  whosaid extract articles/ --class speech,thought -o claims.csv
      only what was said or thought (no \"according to\" evidence)
  cat articles.jsonl | whosaid extract - -j 1 > claims.jsonl
      a stream in, a stream out (as under a Spark pipe)

Run `whosaid columns` for what each output column holds.";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (searched recursively), or - for standard input. Plain
    /// text, HTML, JSONL, JSON (an array of objects, or one object), CSV/TSV
    /// and WARC web archives, each maybe gzip- or zstd-compressed.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Write claims here (default: standard output). The file appears only
    /// when the run completes.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format [default: from the -o extension (.jsonl, .json, .csv,
    /// .tsv, .xlsx, .parquet), else jsonl].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Start CSV or TSV output with a UTF-8 byte order mark, so that Excel
    /// on Windows reads accented letters and curly quotes right.
    #[arg(long)]
    bom: bool,
    /// Worker threads (0: all cores).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
    /// How to read inputs (auto: by the file name, else by its first
    /// bytes).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// The field (JSON: a path like content.body) or column holding the
    /// document id; names match ignoring case.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The field or column holding the article text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Fields or columns to carry into the output, comma separated. Also:
    /// source (where the document came from), and for HTML and WARC
    /// inputs title, url, date, record_id.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    keep: Vec<String>,
    /// The delimiter of CSV files (sniffed from the header when not given).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Follow symbolic links in folders (loops are detected; a file
    /// reached twice is read once).
    #[arg(long)]
    follow: bool,
    /// Write the text of every document, as the offsets index it (the main
    /// text of an HTML page, for instance), to DIR/DOC_ID.txt.
    #[arg(long, value_name = "DIR")]
    text_out: Option<PathBuf>,
    /// Also write one row per speaker across the corpus here (.csv, .tsv or
    /// .jsonl), as `whosaid speakers` does; holds the claims in memory.
    #[arg(long, value_name = "FILE")]
    speakers: Option<PathBuf>,
    /// Add a `context` column: the sentence or sentences holding each
    /// claim, to check it without opening the article.
    #[arg(long)]
    context: bool,
    /// Leave out claims less likely to be right than this (0-1; see the
    /// confidence column).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// Keep only claims whose cue reports one of these (see the cue_class
    /// column): speech, thought, evidence; repeat the option or separate
    /// them by commas. A claim without a cue_class is left out.
    #[arg(long = "class", value_name = "CLASS", value_delimiter = ',', value_parser = super::parse_class)]
    classes: Vec<crate::doc::ClaimCueClass>,
    /// Write CSV and TSV cells exactly as found: by default a cell that a
    /// spreadsheet would run as a formula (starting with = + - @ tab or CR)
    /// gets a leading '.
    #[arg(long)]
    no_formula_guard: bool,
    /// What a document that cannot be read does: skip (name it on standard
    /// error, go on, exit 1), record (also a line in the JSONL output: its
    /// doc_id, or its file and line, and the error; exit 0) or fail (stop
    /// at the first, exit 1).
    #[arg(long, value_enum, default_value_t = OnError::Skip)]
    on_error: OnError,
    /// Skip (and report) documents larger than this many bytes.
    #[arg(long, default_value_t = 16 << 20)]
    max_doc_bytes: usize,
    /// Write one JSON line per document: doc_id, status, reason, bytes,
    /// claims, language (for documents without claims).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    model: super::ModelArgs,
    /// No progress bar and no summary (errors are still shown).
    #[arg(short, long)]
    quiet: bool,
}

/// A delimiter: one character, or `tab`.
fn parse_delimiter(s: &str) -> Result<u8, crate::Error> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(crate::Error::new(
            crate::ErrorKind::Argument,
            format!("{s:?}: one ASCII character, or tab"),
        )),
    }
}

/// Where `--text-out` writes the text of `doc_id`: below `dir`, with every
/// character but letters, digits, `.`, `-`, `_` and `/` replaced by `_`,
/// and no part that climbs out of `dir`.
fn text_path(dir: &std::path::Path, doc_id: &str) -> PathBuf {
    let mut p = dir.to_path_buf();
    for part in doc_id.split('/').filter(|x| !x.is_empty()) {
        let clean: String = part
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let clean = if clean.chars().all(|c| c == '.') {
            "_".to_string()
        } else {
            clean
        };
        p.push(clean);
    }
    p.set_extension("txt");
    p
}

/// The output format: `--format`, else the `-o` file's extension, else
/// JSONL (standard output, a device or a FIFO). An extension naming no
/// format is an error listing the known ones.
fn format_for(a: &Args) -> Result<Format, Fatal> {
    if let Some(f) = a.format {
        return Ok(f);
    }
    let Some(path) = &a.output else {
        return Ok(Format::Jsonl);
    };
    let known = || {
        Format::BY_EXTENSION
            .iter()
            .map(|(e, _)| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ext = path.extension().and_then(|e| e.to_str());
    if let Some(f) = ext.and_then(Format::from_extension) {
        return Ok(f);
    }
    // A device, a FIFO or /dev/stdout: JSONL, as on the screen.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Ok(Format::Jsonl);
    }
    Err(Fatal::Message(match ext {
        Some(e) => format!(
            "{}: no output format is called .{e} (known: {}; or give --format)",
            path.display(),
            known()
        ),
        None => format!(
            "{}: the file name has no extension to tell the format (use one of {}, or give --format)",
            path.display(),
            known()
        ),
    }))
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    let opened = open_inputs(&a)?;
    let renderer = Renderer {
        format: checked_format(&a)?,
        meta_columns: a.keep.clone(),
        guard: !a.no_formula_guard,
        context: a.context,
    };
    let mut outputs = Outputs::open(&a, &renderer)?;
    let pipeline = a.model.pipeline()?;
    let mut engine = Engine::new(&pipeline, renderer);
    engine.min_confidence = a.min_confidence;
    engine.classes = a.classes.clone();
    engine.keep_text = a.text_out.is_some();
    engine.keep_records = a.speakers.is_some();
    let mut tally = Tally::new(&a, &opened.items);
    let mut items = opened.items;
    let walk_failures = opened.failures.into_iter().map(Item::Failed);
    pool(a.jobs)?.install(|| {
        engine.run(walk_failures.chain(&mut items), |o| {
            tally.count(&a, &o)?;
            outputs.write(&a, &o)
        })
    })?;
    let changes = outputs.finish(&a)?;
    if !a.quiet {
        tally.summary(&a, items.summary(), &changes);
    }
    if let Some(w) = language_warning(&tally.silent, tally.docs - tally.failed) {
        eprintln!("whosaid: warning: {w}");
    }
    Ok(if tally.failed > 0 && a.on_error != OnError::Record {
        1
    } else {
        0
    })
}

/// Opens the inputs; none at all is an error.
fn open_inputs(a: &Args) -> Result<ingest::Opened, Fatal> {
    let opts = ingest::Options {
        id_field: a.id_field.clone(),
        text_field: a.text_field.clone(),
        keep: a.keep.clone(),
        max_doc_bytes: a.max_doc_bytes,
        format: a.input_format,
        delimiter: a.delimiter,
        follow: a.follow,
    };
    let opened = ingest::open(&a.inputs, opts)?;
    if opened.inputs == 0 && opened.failures.is_empty() {
        return Err(Fatal::Message(no_input_message(
            &a.inputs,
            opened.items.summary(),
        )));
    }
    Ok(opened)
}

/// The output format, and that the options asked for fit it.
fn checked_format(a: &Args) -> Result<Format, Fatal> {
    let format = format_for(a)?;
    if a.bom && !matches!(format, Format::Csv | Format::Tsv) {
        return Err(Fatal::Message(format!(
            "--bom is for CSV and TSV output, not {}",
            format_name(format)
        )));
    }
    if matches!(format, Format::Xlsx | Format::Parquet)
        && a.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(Fatal::Message(format!(
            "{} output is not for the screen: give -o FILE",
            format_name(format)
        )));
    }
    if a.on_error == OnError::Record && format != Format::Jsonl {
        return Err(Fatal::Message(format!(
            "--on-error record writes failure lines into JSONL output, not {}",
            format_name(format)
        )));
    }
    Ok(format)
}

/// Everything a run writes: the claims, the report, the texts, and the
/// records kept for `--speakers`.
struct Outputs {
    claims: Box<dyn ClaimWriter<Output>>,
    report: Option<Output>,
    kept: Vec<Record>,
}

fn open_output(path: Option<&Path>) -> Result<Output, Fatal> {
    Output::open(path).map_err(|e| {
        let shown = path.map_or("<stdout>".into(), |p| p.display().to_string());
        Fatal::Message(format!("{shown}: {e}"))
    })
}

impl Outputs {
    fn open(a: &Args, renderer: &Renderer) -> Result<Outputs, Fatal> {
        let out = open_output(a.output.as_deref())?;
        let report = a
            .report
            .as_deref()
            .map(|p| open_output(Some(p)))
            .transpose()?;
        if let Some(dir) = &a.text_out {
            std::fs::create_dir_all(dir)
                .map_err(|e| Fatal::Message(format!("{}: {e}", dir.display())))?;
        }
        if let Some(p) = &a.speakers {
            crate::corpus::TableFormat::of_path(p)?;
        }
        Ok(Outputs {
            claims: crate::emit::writer(renderer, out, a.bom)?,
            report,
            kept: Vec::new(),
        })
    }

    /// Writes what one document gave.
    fn write(&mut self, a: &Args, o: &Outcome) -> Result<(), Fatal> {
        if o.status == Status::Failed && a.on_error == OnError::Record {
            let reason = o.reason.as_deref().unwrap_or("unknown");
            let line = serde_json::json!({"doc_id": o.id, "error": reason});
            self.claims.write(&Batch {
                text: format!("{line}\n").into_bytes(),
                records: Vec::new(),
            })?;
        }
        self.claims.write(&o.output)?;
        if a.speakers.is_some() {
            self.kept.extend_from_slice(&o.output.records);
        }
        if let (Some(dir), Some(text)) = (&a.text_out, &o.text) {
            let path = text_path(dir, &o.id);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)
                .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
        }
        if let Some(r) = self.report.as_mut() {
            let line = serde_json::json!({
                "doc_id": o.id, "status": o.status, "reason": o.reason, "bytes": o.bytes,
                "claims": o.claims, "language": o.language,
            });
            writeln!(r, "{line}")?;
        }
        Ok(())
    }

    /// Puts the claims in place, writes the speakers, then the report.
    fn finish(self, a: &Args) -> Result<Changes, Fatal> {
        let finished = self.claims.finish()?;
        finished.out.commit()?;
        if let Some(path) = &a.speakers {
            let table = crate::emit::read::Table::from_records(&self.kept);
            let n = super::corpus::speakers_of(&table, Some(path), None)?
                .speakers
                .len();
            if !a.quiet {
                eprintln!("whosaid: {n} speakers written to {}", path.display());
            }
        }
        if let Some(r) = self.report {
            r.commit()?;
        }
        Ok(finished.changes)
    }
}

/// The counts of a run, and its progress bar.
struct Tally {
    docs: usize,
    failed: usize,
    claims: usize,
    bytes: usize,
    /// Documents without claims, by the language they look written in.
    silent: BTreeMap<&'static str, usize>,
    start: Instant,
    bar: Option<indicatif::ProgressBar>,
    /// Bytes read from the files, when their size is known (else the bar
    /// counts bytes of text processed).
    read: Option<Arc<AtomicU64>>,
    last_tick: Option<Instant>,
}

impl Tally {
    fn new(a: &Args, items: &ingest::Items) -> Tally {
        // A bar on the terminal, unless claims are printed on that terminal.
        let on_screen = a.output.is_none() && std::io::stdout().is_terminal();
        let progress = !a.quiet && !on_screen && std::io::stderr().is_terminal();
        let total = if progress { items.total_bytes() } else { None };
        Tally {
            docs: 0,
            failed: 0,
            claims: 0,
            bytes: 0,
            silent: BTreeMap::new(),
            start: Instant::now(),
            bar: progress.then(|| progress_bar(total)),
            read: total.map(|_| items.bytes_read()),
            last_tick: None,
        }
    }

    /// Counts one document, names its failure or warning, and moves the
    /// bar.
    fn count(&mut self, a: &Args, o: &Outcome) -> Result<(), Fatal> {
        self.docs += 1;
        self.bytes += o.bytes;
        self.claims += o.claims;
        match o.status {
            Status::Failed => {
                self.failed += 1;
                let reason = o.reason.as_deref().unwrap_or("unknown");
                eprintln!("whosaid: {} failed: {reason}", o.id);
                if a.on_error == OnError::Fail {
                    return Err(Fatal::Stopped(format!(
                        "stopped at the first failure (--on-error fail): {}",
                        o.id
                    )));
                }
            }
            Status::Warning if !a.quiet => {
                eprintln!(
                    "whosaid: {}: warning: {}",
                    o.id,
                    o.reason.as_deref().unwrap_or("")
                );
            }
            _ => {}
        }
        if o.status != Status::Failed && o.claims == 0 {
            *self.silent.entry(o.language.unwrap_or("?")).or_default() += 1;
        }
        if let Some(bar) = &self.bar
            && self
                .last_tick
                .is_none_or(|t| t.elapsed() > Duration::from_millis(100))
        {
            self.last_tick = Some(Instant::now());
            bar.set_position(match &self.read {
                Some(read) => read.load(Ordering::Relaxed),
                None => self.bytes as u64,
            });
            bar.set_message(format!("{} documents, {} claims", self.docs, self.claims));
        }
        Ok(())
    }

    /// What the run did, on standard error.
    fn summary(&self, a: &Args, summary: &ingest::Summary, changes: &Changes) {
        let secs = self.start.elapsed().as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if let Some(s) = &summary.stdin {
            eprintln!("whosaid: standard input read as {s}");
        }
        if summary.other_files > 0 {
            eprintln!(
                "whosaid: {} files in the folders are no input kind and were skipped",
                summary.other_files
            );
        }
        if summary.links_skipped > 0 {
            eprintln!(
                "whosaid: {} symbolic links in the folders were not followed ({})",
                summary.links_skipped,
                if a.follow {
                    "they loop"
                } else {
                    "--follow follows them"
                }
            );
        }
        if summary.skipped_records > 0 {
            eprintln!(
                "whosaid: {} web-archive records hold no article (requests, images, metadata) and were skipped",
                summary.skipped_records
            );
        }
        changes_summary(changes);
        eprintln!(
            "whosaid: {} documents ({} failed), {} claims, {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
            self.docs,
            self.failed,
            self.claims,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
}

/// What a workbook had to change, on standard error.
fn changes_summary(changes: &Changes) {
    if changes.removed_chars > 0 {
        eprintln!(
            "whosaid: {} control characters a workbook cannot hold were removed from cells",
            changes.removed_chars
        );
    }
    if changes.cut_cells > 0 {
        eprintln!(
            "whosaid: {} cells were cut to a workbook's 32,767 characters",
            changes.cut_cells
        );
    }
    if changes.sheets > 1 {
        eprintln!(
            "whosaid: over a million claims: the workbook holds {} sheets",
            changes.sheets
        );
    }
}

/// The progress bar on standard error: percentage, rate and time left
/// against the inputs' size when it is known, else a running count.
fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            "{wide_bar} {percent:>3}% {bytes}/{total_bytes} {bytes_per_sec} {eta} left · {msg}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{spinner} {bytes} of text, {bytes_per_sec} · {msg} · {elapsed}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// A format's name as `--format` spells it.
fn format_name(f: Format) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map_or_else(|| format!("{f:?}"), |v| v.get_name().to_string())
}

/// A warning when most documents gave no claim and most of those look
/// written in one language whosaid has no lists for (English and German
/// it reads).
fn language_warning(silent: &BTreeMap<&'static str, usize>, read: usize) -> Option<String> {
    let total: usize = silent.values().sum();
    if read == 0 || 2 * total <= read {
        return None;
    }
    let (lang, n) = silent
        .iter()
        .filter(|(l, _)| **l != "?" && crate::lexicon::Lang::from_code(l).is_none())
        .max_by_key(|(_, n)| **n)?;
    (2 * n > total).then(|| {
        let name = whatlang::Lang::from_code(*lang).map_or(*lang, |l| l.eng_name());
        format!(
            "{total} of {read} documents gave no claim, and {n} of those look written in {name} ({lang}): whosaid reads English and German news"
        )
    })
}

/// What to say when the inputs hold no document at all.
fn no_input_message(inputs: &[String], summary: &ingest::Summary) -> String {
    let kinds: Vec<String> = ingest::INPUT_EXTENSIONS
        .iter()
        .map(|e| format!("*.{e}"))
        .collect();
    let skipped = match summary.other_files {
        0 => String::new(),
        n => format!(" ({n} other files were there)"),
    };
    format!(
        "no input documents in {}{skipped}: folders are searched for {} (each maybe .{})",
        inputs.join(", "),
        kinds.join(", "),
        ingest::COMPRESSED_EXTENSIONS.join(" or .")
    )
}
