//! `whosaid speakers` and `whosaid quotes`: the corpus view of a claims
//! file (see `crate::corpus`).

use super::Fatal;
use super::output::Output;
use crate::corpus::table::RowWriter;
use crate::corpus::{
    Corpus, QUOTE_COLUMNS, SPEAKER_COLUMNS, SPEAKER_ROLE_COLUMNS, Table, TableFormat,
};
use crate::doc::ClaimCueClass;
use crate::emit::read::{BadLines, Reading, read_rows};
use std::path::{Path, PathBuf};

/// The end of `whosaid speakers --help`.
pub const SPEAKERS_EXAMPLES: &str = "\
Examples:
  whosaid speakers claims.jsonl -o speakers.csv
      one row per speaker across the corpus: name variants merged
  whosaid speakers claims.csv -o speakers.csv --claims-out claims_linked.csv
      the same, and the claims again with a speaker_id column
  whosaid speakers claims.jsonl --class speech -o speakers.csv
      who is quoted saying or writing something (not thinking, not as evidence)
  whosaid extract articles/ -o claims.csv --speakers speakers.csv
      extract and list the speakers in one run

Columns: speaker_id, name, variants, speaker_type, claims, documents,
direct, mixed, indirect, first_doc, last_doc, example_quote, top_outlets
(with an outlet column), then speaker_title and speaker_org: the commonest
title and affiliation in the speaker's claims (the first seen of those
tied; empty when none has one).";

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
    /// Only the claims whose cue_class is one of these: speech, thought,
    /// evidence (repeat the option or separate them by commas). A claim
    /// without a cue_class (as in files from before the column) is left
    /// out, of the speakers and of --claims-out.
    #[arg(long = "class", value_name = "CLASS", value_delimiter = ',', value_parser = super::parse_class)]
    classes: Vec<ClaimCueClass>,
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
    "speaker_title",
    "speaker_org",
    "cue_class",
];
/// Usual names of an outlet column kept from the input.
const OUTLETS: &[&str] = &["outlet", "publisher", "source", "site", "domain"];

/// Does the filter on `classes` keep the claim with `cell` in its
/// cue_class column? A cell naming no class is no class.
fn passes(classes: &[ClaimCueClass], cell: Option<&str>) -> bool {
    ClaimCueClass::passes(classes, cell.and_then(|c| c.parse().ok()))
}

/// Keeps the claims of `table` that the filter on `classes` keeps.
fn filter(table: &mut Table, classes: &[ClaimCueClass]) {
    if classes.is_empty() {
        return;
    }
    let col = table.col("cue_class");
    let keep: Vec<bool> = table
        .rows
        .iter()
        .map(|r| passes(classes, table.text(r, col).as_deref()))
        .collect();
    let mut k = keep.iter();
    table.rows.retain(|_| *k.next().expect("one flag a row"));
    let mut k = keep.iter();
    table.lines.retain(|_| *k.next().expect("one flag a line"));
}

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

/// Writes the claims of `input` that the filter on `classes` keeps again
/// to `path`, streaming, with the extra columns (one value per claim
/// kept, in file order).
fn write_claims(
    input: &Path,
    path: &Path,
    extra: &[(&str, &[Option<String>])],
    classes: &[ClaimCueClass],
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
            if !classes.is_empty() {
                let class = columns.iter().position(|c| c == "cue_class");
                let cell = class.and_then(|c| values[c].as_str());
                if !passes(classes, cell) {
                    return Ok(());
                }
            }
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
    columns.extend(SPEAKER_ROLE_COLUMNS);
    let rows = corpus.speaker_table(outlets);
    write_rows(output, &columns, &rows)?;
    Ok(corpus)
}

pub fn speakers(a: SpeakersArgs) -> Result<i32, Fatal> {
    if let Some(p) = &a.claims_out {
        format_of(Some(p))?;
    }
    let mut table = read(&a.claims, a.outlet_field.as_deref())?;
    let read_claims = table.rows.len();
    filter(&mut table, &a.classes);
    let corpus = speakers_of(&table, a.output.as_deref(), a.outlet_field.as_deref())?;
    if let Some(p) = &a.claims_out {
        let ids = corpus.speaker_ids();
        write_claims(&a.claims, p, &[("speaker_id", &ids)], &a.classes)?;
    }
    let of = if a.classes.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = a.classes.iter().map(|c| c.as_str()).collect();
        format!(" (of {read_claims}: --class {})", names.join(","))
    };
    eprintln!(
        "whosaid: {} claims{of}, {} speakers",
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
            &[],
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
