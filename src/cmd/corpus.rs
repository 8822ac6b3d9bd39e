//! `whosaid speakers` and `whosaid quotes`: the corpus view of a claims
//! file (see `crate::corpus`).

use super::Fatal;
use super::output::Output;
use crate::corpus::table::RowWriter;
use crate::corpus::{Corpus, QUOTE_COLUMNS, SPEAKER_COLUMNS, Table, TableFormat};
use crate::emit::read::{BadLines, Reading, read_rows};
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
        TableFormat::of_path(p).map_err(Fatal::from)
    })
}

/// Writes a summary table (strings; counts as numbers in JSONL).
fn write_rows(path: Option<&Path>, columns: &[&str], rows: &[Vec<String>]) -> Result<(), Fatal> {
    const COUNTS: &[&str] = &["claims", "documents", "direct", "mixed", "indirect"];
    let format = format_of(path)?;
    let shown = path.map_or("<stdout>".to_string(), |p| p.display().to_string());
    let mut out = Output::open(path).map_err(|e| Fatal::Message(format!("{shown}: {e}")))?;
    let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    let mut w = RowWriter::new(&mut out, format, &names, &[])?;
    for row in rows {
        let values: Vec<serde_json::Value> = columns
            .iter()
            .zip(row)
            .map(|(k, v)| match v.parse::<u64>() {
                Ok(n) if COUNTS.contains(k) => n.into(),
                _ => v.as_str().into(),
            })
            .collect();
        w.row(&values, &[])?;
    }
    w.finish()?;
    out.commit()?;
    Ok(())
}

/// The columns the summaries read.
const READ: &[&str] = &[
    "doc_id",
    "kind",
    "quote",
    "speaker",
    "speaker_resolved",
    "speaker_type",
];
/// Usual names of an outlet column kept from the input.
const OUTLETS: &[&str] = &["outlet", "publisher", "source", "site", "domain"];

/// Reads the columns the summaries need (and the outlet column).
fn read(path: &Path, outlet: Option<&str>) -> Result<Table, Fatal> {
    let mut keep: Vec<&str> = READ.to_vec();
    match outlet {
        Some(o) => keep.push(o),
        None => keep.extend(OUTLETS),
    }
    let how = Reading {
        keep: Some(&keep),
        ..Reading::default()
    };
    let table = Table::read_with(path, how)?;
    if table.rows.is_empty() {
        eprintln!("whosaid: {}: no claims", path.display());
    }
    Ok(table)
}

/// Writes the claims of `input` again to `path`, streaming, with the extra
/// columns (one value per claim, in file order).
fn write_claims(
    input: &Path,
    path: &Path,
    extra: &[(&str, &[Option<String>])],
) -> Result<(), Fatal> {
    let format = format_of(Some(path))?;
    let bytes =
        std::fs::read(input).map_err(|e| Fatal::Message(format!("{}: {e}", input.display())))?;
    let mut out =
        Output::open(Some(path)).map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
    let names: Vec<&str> = extra.iter().map(|(k, _)| *k).collect();
    let mut sink: Option<&mut dyn std::io::Write> = Some(&mut out);
    let mut writer: Option<RowWriter> = None;
    let mut i = 0;
    let how = Reading {
        bad_lines: BadLines::Skip,
        ..Reading::default()
    };
    let (columns, _) = read_rows(
        &input.display().to_string(),
        &bytes,
        how,
        |columns, _, values| {
            if writer.is_none() {
                let sink = sink.take().expect("the writer is made once");
                writer = Some(RowWriter::new(sink, format, columns, &names)?);
            }
            let added: Vec<Option<&str>> = extra
                .iter()
                .map(|(_, v)| v.get(i).and_then(|x| x.as_deref()))
                .collect();
            i += 1;
            match writer.as_mut() {
                Some(w) => w.row(&values, &added),
                None => Ok(()),
            }
        },
    )?;
    match (writer, sink) {
        (Some(w), _) => w.finish()?,
        (None, Some(sink)) => RowWriter::new(sink, format, &columns, &names)?.finish()?,
        (None, None) => unreachable!("the output goes to the writer or stays here"),
    }
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
        None => Ok(OUTLETS.iter().find_map(|c| table.col(c))),
    }
}

/// Writes the speakers of `table` to `output` (and the linked claims).
/// Writes the speakers of `table` to `output`; returns the corpus view.
pub fn speakers_of<'t>(
    table: &'t Table,
    output: Option<&Path>,
    outlet_field: Option<&str>,
) -> Result<Corpus<'t>, Fatal> {
    format_of(output)?;
    let outlets = outlet_col(table, outlet_field)?;
    let corpus = Corpus::build(table);
    let mut columns = SPEAKER_COLUMNS.to_vec();
    if outlets.is_some() {
        columns.push("top_outlets");
    }
    let rows = corpus.speaker_table(outlets);
    write_rows(output, &columns, &rows)?;
    Ok(corpus)
}

pub fn speakers(a: SpeakersArgs) -> Result<i32, Fatal> {
    if let Some(p) = &a.claims_out {
        format_of(Some(p))?;
    }
    let table = read(&a.claims, a.outlet_field.as_deref())?;
    let corpus = speakers_of(&table, a.output.as_deref(), a.outlet_field.as_deref())?;
    if let Some(p) = &a.claims_out {
        write_claims(&a.claims, p, &[("speaker_id", &corpus.speaker_ids())])?;
    }
    eprintln!(
        "whosaid: {} claims, {} speakers",
        table.rows.len(),
        corpus.speakers.len()
    );
    // Lines skipped (named above): the output holds the rest.
    Ok(if table.skipped > 0 { 1 } else { 0 })
}

pub fn quotes(a: QuotesArgs) -> Result<i32, Fatal> {
    format_of(a.output.as_deref())?;
    if let Some(p) = &a.claims_out {
        format_of(Some(p))?;
    }
    let table = read(&a.claims, None)?;
    let corpus = Corpus::build(&table);
    let rows = corpus.quote_table();
    write_rows(a.output.as_deref(), QUOTE_COLUMNS, &rows)?;
    if let Some(p) = &a.claims_out {
        let (clusters, speakers) = (corpus.cluster_ids(), corpus.speaker_ids());
        write_claims(
            &a.claims,
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
    // Lines skipped (named above): the output holds the rest.
    Ok(if table.skipped > 0 { 1 } else { 0 })
}
