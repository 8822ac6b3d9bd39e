//! `whosaid speakers` and `whosaid quotes`: the corpus view of a claims
//! file (see `crate::corpus`).

use super::Fatal;
use super::output::Output;
use crate::corpus::{Corpus, QUOTE_COLUMNS, SPEAKER_COLUMNS, Table, TableFormat};
use std::path::{Path, PathBuf};

/// The end of `whosaid speakers --help`.
pub const SPEAKERS_EXAMPLES: &str = "\
Examples:
  whosaid speakers claims.jsonl -o speakers.csv
      one row per speaker across the corpus: name variants merged
  whosaid speakers claims.csv -o speakers.csv --claims-out claims_linked.csv
      the same, and the claims again with a speaker_id column
  whosaid extract articles/ -o claims.csv --speakers speakers.csv
      extract and list the speakers in one run";

/// The end of `whosaid quotes --help`.
pub const QUOTES_EXAMPLES: &str = "\
Examples:
  whosaid quotes claims.jsonl -o quotes.csv
      quotes reported by two documents or more, one row per quote
  whosaid quotes claims.jsonl -o quotes.csv --claims-out claims_clustered.jsonl
      the same, and the claims again with quote_cluster and speaker_id columns";

#[derive(clap::Args, Debug)]
pub struct SpeakersArgs {
    /// A claims file from `whosaid extract` (JSONL, CSV or TSV).
    #[arg(value_name = "CLAIMS")]
    claims: PathBuf,
    /// Write the speakers here: .csv, .tsv or .jsonl (default: CSV on
    /// standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the claims again, with a speaker_id column (.csv, .tsv
    /// or .jsonl).
    #[arg(long, value_name = "FILE")]
    claims_out: Option<PathBuf>,
    /// A field kept from the input (`extract --keep`) naming each
    /// claim's outlet: adds a top_outlets column [default: the first of
    /// outlet, publisher, source, site, domain that the claims have].
    #[arg(long, value_name = "NAME")]
    outlet_field: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct QuotesArgs {
    /// A claims file from `whosaid extract` (JSONL, CSV or TSV).
    #[arg(value_name = "CLAIMS")]
    claims: PathBuf,
    /// Write the quote clusters here: .csv, .tsv or .jsonl (default: CSV
    /// on standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the claims again, with quote_cluster and speaker_id
    /// columns (.csv, .tsv or .jsonl).
    #[arg(long, value_name = "FILE")]
    claims_out: Option<PathBuf>,
}

fn format_of(path: Option<&Path>) -> Result<TableFormat, Fatal> {
    path.map_or(Ok(TableFormat::Csv), |p| {
        TableFormat::of_path(p).map_err(Fatal::Message)
    })
}

/// Writes a summary table (strings; counts as numbers in JSONL).
fn write_rows(path: Option<&Path>, columns: &[&str], rows: &[Vec<String>]) -> Result<(), Fatal> {
    let format = format_of(path)?;
    let shown = path.map_or("<stdout>".to_string(), |p| p.display().to_string());
    let mut out = Output::open(path).map_err(|e| Fatal::Message(format!("{shown}: {e}")))?;
    const COUNTS: &[&str] = &["claims", "documents", "direct", "mixed", "indirect"];
    match format {
        TableFormat::Jsonl => {
            use std::io::Write;
            for row in rows {
                let mut o = serde_json::Map::new();
                for (k, v) in columns.iter().zip(row) {
                    let value = match v.parse::<u64>() {
                        Ok(n) if COUNTS.contains(k) => serde_json::Value::from(n),
                        _ => serde_json::Value::from(v.as_str()),
                    };
                    o.insert(k.to_string(), value);
                }
                // Keys in column order, not the map's.
                let fields: Vec<String> = columns
                    .iter()
                    .map(|k| format!("{}:{}", serde_json::Value::from(*k), o[*k]))
                    .collect();
                writeln!(out, "{{{}}}", fields.join(","))?;
            }
        }
        TableFormat::Csv | TableFormat::Tsv => {
            let delimiter = if format == TableFormat::Tsv {
                b'\t'
            } else {
                b','
            };
            let mut w = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(&mut out);
            w.write_record(columns).map_err(csv_error)?;
            for row in rows {
                w.write_record(row.iter().map(|c| crate::emit::guard_cell(c).into_owned()))
                    .map_err(csv_error)?;
            }
            w.flush()?;
        }
    }
    out.commit()?;
    Ok(())
}

fn csv_error(e: csv::Error) -> Fatal {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e.into(),
        k => Fatal::Message(format!("{k:?}")),
    }
}

fn read(path: &Path) -> Result<Table, Fatal> {
    let table = Table::read(path).map_err(Fatal::Message)?;
    if table.rows.is_empty() {
        eprintln!("whosaid: {}: no claims", path.display());
    }
    Ok(table)
}

fn write_claims(
    table: &Table,
    path: &Path,
    extra: &[(&str, &[Option<String>])],
) -> Result<(), Fatal> {
    let format = format_of(Some(path))?;
    let mut out =
        Output::open(Some(path)).map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
    table.write(&mut out, format, extra)?;
    out.commit()?;
    Ok(())
}

/// The outlet column: the one asked for, else the first usual name the
/// claims have.
fn outlet_col(table: &Table, asked: Option<&str>) -> Result<Option<usize>, Fatal> {
    match asked {
        Some(name) => table.col(name).map(Some).ok_or_else(|| {
            Fatal::Message(format!(
                "--outlet-field {name}: the claims have no such column (columns: {})",
                table.columns.join(", ")
            ))
        }),
        None => Ok(["outlet", "publisher", "source", "site", "domain"]
            .iter()
            .find_map(|c| table.col(c))),
    }
}

/// Writes the speakers of `table` to `output` (and the linked claims).
pub fn speakers_of(
    table: &Table,
    output: Option<&Path>,
    claims_out: Option<&Path>,
    outlet_field: Option<&str>,
) -> Result<usize, Fatal> {
    format_of(output)?;
    if let Some(p) = claims_out {
        format_of(Some(p))?;
    }
    let outlets = outlet_col(table, outlet_field)?;
    let corpus = Corpus::build(table);
    let mut columns = SPEAKER_COLUMNS.to_vec();
    if outlets.is_some() {
        columns.push("top_outlets");
    }
    let rows = corpus.speaker_table(outlets);
    write_rows(output, &columns, &rows)?;
    if let Some(p) = claims_out {
        write_claims(table, p, &[("speaker_id", &corpus.speaker_ids())])?;
    }
    Ok(rows.len())
}

pub fn speakers(a: SpeakersArgs) -> Result<i32, Fatal> {
    let table = read(&a.claims)?;
    let n = speakers_of(
        &table,
        a.output.as_deref(),
        a.claims_out.as_deref(),
        a.outlet_field.as_deref(),
    )?;
    eprintln!("whosaid: {} claims, {n} speakers", table.rows.len());
    Ok(0)
}

pub fn quotes(a: QuotesArgs) -> Result<i32, Fatal> {
    format_of(a.output.as_deref())?;
    if let Some(p) = &a.claims_out {
        format_of(Some(p))?;
    }
    let table = read(&a.claims)?;
    let corpus = Corpus::build(&table);
    let rows = corpus.quote_table();
    write_rows(a.output.as_deref(), QUOTE_COLUMNS, &rows)?;
    if let Some(p) = &a.claims_out {
        let (clusters, speakers) = (corpus.cluster_ids(), corpus.speaker_ids());
        write_claims(
            &table,
            p,
            &[("quote_cluster", &clusters), ("speaker_id", &speakers)],
        )?;
    }
    let clustered = corpus.cluster_of.iter().filter(|c| c.is_some()).count();
    eprintln!(
        "whosaid: {} claims, {} quote clusters ({clustered} claims in them)",
        table.rows.len(),
        rows.len()
    );
    Ok(0)
}
