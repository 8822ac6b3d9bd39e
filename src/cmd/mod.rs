//! The command line: subcommands, one module each (`extract`, `eval`,
//! `bench`, `train`), and where output files go ([`output`]). In the
//! library so that the binary and the Python package's `whosaid` command
//! run the same code through [`main`]; not a stable API.

mod bench;
mod corpus;
mod eval;
mod extract;
mod gold;
pub mod output;
mod show;
#[cfg(feature = "train")]
mod train;

use clap::{Parser, Subcommand};

/// Extracts who said what from news articles: every direct, mixed and
/// reported quote with its speaker, cue, addressee and channel, as CSV,
/// Excel or JSONL.
#[derive(Parser, Debug)]
#[command(name = "whosaid", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  whosaid extract articles/ -o claims.xlsx         a folder of articles into a workbook
  whosaid extract articles.jsonl.gz -o claims.csv  one article a line, compressed
  whosaid columns                                  what each output column means
  whosaid speakers claims.csv -o speakers.csv      who is quoted, across the corpus
  whosaid eval --gold annotated/                   how accurate it is on your annotations";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Find who said what in articles: text, HTML, JSONL, JSON, CSV/TSV or
    /// web-archive (WARC) files, maybe compressed, folders of them, or
    /// standard input (-).
    #[command(after_help = extract::AFTER_HELP, after_long_help = extract_long_help())]
    Extract(extract::Args),
    /// List the output columns and what each one holds.
    Columns,
    /// Measure accuracy against articles annotated by hand (or score a
    /// claims file made by another tool).
    #[command(after_help = eval::EXAMPLES)]
    Eval(eval::Args),
    /// One row per speaker across a claims file: name variants merged
    /// across documents ("Donald J. Trump", "Trump" -> donald-trump), with
    /// counts of claims and documents.
    #[command(after_help = corpus::SPEAKERS_EXAMPLES)]
    Speakers(corpus::SpeakersArgs),
    /// Quotes reported by several documents (exactly or nearly the same
    /// words), one row per quote.
    #[command(after_help = corpus::QUOTES_EXAMPLES)]
    Quotes(corpus::QuotesArgs),
    /// A review page: articles with their claims highlighted and a claims
    /// table, one HTML file to open in a browser.
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),
    /// Turn the review page's corrections (`show --edit`, "Save
    /// corrections") into gold that `eval` and `train` read, merging
    /// several reviewers' files.
    #[command(after_help = gold::EXAMPLES)]
    Gold(gold::Args),
    /// Measure speed: MB, articles and claims a second, for each step and
    /// for the whole run.
    #[command(after_help = bench::EXAMPLES)]
    Bench(bench::Args),
    /// Train the attribution model on annotated articles (and measure it
    /// on articles it did not see).
    #[cfg(feature = "train")]
    #[command(after_help = train::EXAMPLES)]
    Train(train::Args),
}

/// What ends a run early.
pub enum Fatal {
    /// The reader of our output went away (`| head`): stop quietly.
    BrokenPipe,
    Message(String),
    /// A run stopped on purpose (`--on-error fail`): exit 1.
    Stopped(String),
}

/// A library error ends the run with its message; a write to a reader
/// that went away (a broken pipe behind it) ends it quietly.
impl From<crate::Error> for Fatal {
    fn from(e: crate::Error) -> Self {
        let io = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
        match io {
            Some(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Fatal::BrokenPipe,
            _ => Fatal::Message(e.to_string()),
        }
    }
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

/// The whole command line, as the `whosaid` binary runs it: parses `args`
/// (the program name first), installs the Ctrl-C handler (see
/// [`command_line`]), runs the command and returns the process's exit
/// code: 0 done, 1 stopped on purpose (`--on-error fail`, or `eval` below
/// its bar), 2 a usage or fatal error, 130 interrupted.
pub fn main<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    command_line(args, true)
}

/// The command line as [`main`] runs it; with `interrupts`, Ctrl-C drops
/// half-written outputs and ends the process (130). A host process that
/// handles Ctrl-C itself (Python in a notebook) passes `false` and keeps
/// its own handler.
pub fn command_line<I, T>(args: I, interrupts: bool) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" that print to stdout.
            let _ = e.print();
            return e.exit_code();
        }
    };
    if interrupts {
        // A second call in one process keeps the first handler.
        let _ = ctrlc::set_handler(|| {
            output::remove_pending();
            std::process::exit(130);
        });
    }
    match run(cli) {
        Ok(code) => code,
        Err(Fatal::BrokenPipe) => 0,
        Err(Fatal::Message(m)) => {
            eprintln!("whosaid: {m}");
            2
        }
        Err(Fatal::Stopped(m)) => {
            eprintln!("whosaid: {m}");
            1
        }
    }
}

/// Runs a command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<i32, Fatal> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Columns => {
            print!("{}", crate::emit::schema::columns_text());
            Ok(0)
        }
        Command::Eval(a) => eval::run(a),
        Command::Speakers(a) => corpus::speakers(a),
        Command::Quotes(a) => corpus::quotes(a),
        Command::Show(a) => show::run(a),
        Command::Gold(a) => gold::run(a),
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
    /// one of its language (the other languages keep theirs).
    #[arg(long, value_name = "FILE", conflicts_with = "rules_only")]
    pub model: Option<std::path::PathBuf>,
    /// The hand-written rules alone, without the trained model.
    #[arg(long)]
    pub rules_only: bool,
    /// The language of the documents: `auto` tells each document's from
    /// its commonest words; `en` or `de` reads every document as English
    /// or German (its word lists, quotation marks and model).
    #[arg(long, value_name = "LANG", default_value = "auto", value_parser = parse_lang)]
    pub lang: LangChoice,
}

/// A `--lang` value: `auto`, or one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangChoice(pub Option<crate::lexicon::Lang>);

/// One `--lang` value; any other is an argument error naming the choices.
pub fn parse_lang(s: &str) -> Result<LangChoice, crate::Error> {
    use crate::lexicon::Lang;
    let s = s.trim().to_ascii_lowercase();
    if s == "auto" {
        return Ok(LangChoice(None));
    }
    Lang::from_code(&s)
        .map(|l| LangChoice(Some(l)))
        .ok_or_else(|| {
            let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            crate::Error::new(
                crate::ErrorKind::Argument,
                format!("unknown language {s:?}: auto, {}", codes.join(", ")),
            )
        })
}

impl ModelArgs {
    /// The pipeline asked for.
    pub fn pipeline(&self) -> Result<crate::Pipeline, Fatal> {
        use crate::Pipeline;
        let p = if self.rules_only {
            Pipeline::rules_only()
        } else {
            match &self.model {
                None => Pipeline::new(),
                Some(path) => {
                    let bytes = std::fs::read(path)
                        .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
                    Pipeline::with_model(&bytes)
                        .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?
                }
            }
        };
        Ok(p.with_lang(self.lang.0))
    }
}

/// One `--class` value: a cue class by name (`speech`, `thought`,
/// `evidence`); any other is an argument error naming them.
pub fn parse_class(s: &str) -> Result<crate::doc::ClaimCueClass, crate::Error> {
    s.trim()
        .parse()
        .map_err(|e: crate::Error| crate::Error::new(crate::ErrorKind::Argument, e.to_string()))
}

/// A rayon pool of `jobs` threads (all cores when 0).
pub fn pool(jobs: usize) -> Result<rayon::ThreadPool, Fatal> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Fatal::Message(format!("cannot start {jobs} threads: {e}")))
}

/// The end of `whosaid extract --help`: examples, then the columns.
fn extract_long_help() -> String {
    let examples = extract::AFTER_HELP
        .trim_end_matches("Run `whosaid columns` for what each output column holds.")
        .trim_end();
    format!("{examples}\n\n{}", crate::emit::schema::columns_text())
}

#[cfg(test)]
mod tests {
    use super::Fatal;
    use crate::emit::read::{Reading, Table};

    #[test]
    fn a_library_error_ends_the_run_with_its_message_a_broken_pipe_quietly() {
        let e = Table::parse("c.csv", b"a,b\n1,2\n", Reading::default()).unwrap_err();
        let shown = e.to_string();
        assert!(matches!(Fatal::from(e), Fatal::Message(m) if m == shown));
        let pipe = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone");
        assert!(matches!(
            Fatal::from(crate::Error::from(pipe)),
            Fatal::BrokenPipe
        ));
    }
}
