//! Subcommands, one module each: `extract`, `eval`, `bench`; and where
//! output files go ([`output`]).

mod bench;
mod eval;
mod extract;
pub mod output;
mod sink;
#[cfg(feature = "train")]
mod train;

use clap::{Parser, Subcommand};

/// Extracts who said what from news articles: every direct, mixed and
/// reported quote with its speaker, cue, addressee and channel, as CSV or
/// JSONL.
#[derive(Parser, Debug)]
#[command(name = "whosaid", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract claims from articles: text, HTML, JSONL, JSON, CSV/TSV or WARC
    /// files (maybe compressed), folders of them, or standard input (-).
    Extract(extract::Args),
    /// Score the pipeline (or a claims file) against BRAT gold annotations.
    Eval(eval::Args),
    /// Measure throughput per stage and end to end (MB/s, documents/s,
    /// claims/s), optionally against the one-pass floor.
    Bench(bench::Args),
    /// Train the attribution model on gold annotations (and measure it by
    /// cross-validation).
    #[cfg(feature = "train")]
    Train(train::Args),
}

/// What ends a run early.
pub enum Fatal {
    /// The reader of our output went away (`| head`): stop quietly.
    BrokenPipe,
    Message(String),
}

impl From<std::io::Error> for Fatal {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Fatal::BrokenPipe
        } else {
            Fatal::Message(e.to_string())
        }
    }
}

/// Runs a command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<i32, Fatal> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Bench(a) => bench::run(a),
        #[cfg(feature = "train")]
        Command::Train(a) => train::run(a),
    }
}

/// Which extractor a command runs: the rules and the built-in model, the
/// rules and another model file, or the rules alone.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// Use this model file (from `whosaid train`) instead of the built-in
    /// one.
    #[arg(long, value_name = "FILE", conflicts_with = "rules_only")]
    pub model: Option<std::path::PathBuf>,
    /// The hand-written rules alone, without the trained model.
    #[arg(long)]
    pub rules_only: bool,
}

impl ModelArgs {
    /// The pipeline asked for.
    pub fn pipeline(&self) -> Result<whosaid::Pipeline, Fatal> {
        use whosaid::Pipeline;
        if self.rules_only {
            return Ok(Pipeline::rules_only());
        }
        match &self.model {
            None => Ok(Pipeline::new()),
            Some(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
                Pipeline::with_model(&bytes)
                    .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))
            }
        }
    }
}

/// A rayon pool of `jobs` threads (all cores when 0).
pub fn pool(jobs: usize) -> Result<rayon::ThreadPool, Fatal> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Fatal::Message(format!("cannot start {jobs} threads: {e}")))
}
