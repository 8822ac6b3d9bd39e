//! `whosaid show`: a review page of articles and their claims (see
//! `crate::emit::review`).

use super::Fatal;
use super::output::Output;
use crate::Position;
use crate::emit::read::{Table, spans};
use crate::emit::review::{ReviewClaim, ReviewDoc, edit_page, page};
use crate::emit::{Format, Renderer};
use crate::engine::{Engine, Status};
use crate::ingest::{self, Item};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

/// The end of `whosaid show --help`.
pub const EXAMPLES: &str = "\
Examples:
  whosaid show story.txt -o review.html
      the article with its claims highlighted; open the file in a browser
  whosaid show articles.jsonl --id flood-wire --id flood-local -o review.html
      two records of a JSONL file, by id
  whosaid show articles/ --claims claims.csv -o review.html
      a claims file (from whosaid or edited by hand) against its articles
  whosaid show articles/ --edit --limit 40 -o review.html
      a page to correct the claims on, then save them (for whosaid gold)";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Articles: files, folders, JSONL/CSV records, as `whosaid extract` reads them.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Write the page here (an .html file).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Show only the documents with this doc_id (repeatable).
    #[arg(long = "id", value_name = "DOC_ID")]
    ids: Vec<String>,
    /// Show the claims of this file (JSONL or CSV from `whosaid extract`)
    /// instead of extracting them.
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// Make the page an annotation tool: correct, delete, add and confirm
    /// claims, mark articles reviewed, and save the work as a corrections
    /// file for `whosaid gold` (the page says how; the work is kept in
    /// the browser until saved).
    #[arg(long)]
    edit: bool,
    /// At most this many documents on the page (the rest are named on
    /// standard error).
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
    /// The field holding a record's id (JSONL, CSV input).
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// The field holding a record's text (JSONL, CSV input).
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    #[command(flatten)]
    model: super::ModelArgs,
}

/// The claims of a claims file, by doc_id.
fn claims_by_doc(path: &std::path::Path) -> Result<HashMap<String, Vec<ReviewClaim>>, Fatal> {
    let table = Table::read(path)?;
    let col = |n: &str| table.col(n);
    let names = [
        "speaker",
        "speaker_resolved",
        "speaker_type",
        "cue",
        "kind",
        "rule",
        "confidence",
        "quote",
    ];
    let cols: Vec<Option<usize>> = names.iter().map(|n| col(n)).collect();
    let (doc, content, speaker, cue) = (
        col("doc_id"),
        col("content_spans"),
        col("speaker_span"),
        col("cue_span"),
    );
    // Absent from claims files older than these columns: no role.
    let (title, org, cue_class) = (col("speaker_title"), col("speaker_org"), col("cue_class"));
    let mut out: HashMap<String, Vec<ReviewClaim>> = HashMap::new();
    for (row, &line) in table.rows.iter().zip(&table.lines) {
        let spans = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map_or(Ok(Vec::new()), spans)
                .map_err(|e| e.at(path.display().to_string(), Some(Position::Line(line))))
        };
        let mut cells: [String; 8] = Default::default();
        for (cell, c) in cells.iter_mut().zip(&cols) {
            *cell = table
                .text(row, *c)
                .map(|s| s.into_owned())
                .unwrap_or_default();
        }
        // The confidence as the page shows an extracted one.
        if let Ok(p) = cells[6].parse::<f64>() {
            cells[6] = format!("{p:.2}");
        }
        let role = crate::emit::review::role(
            table.text(row, title).as_deref(),
            table.text(row, org).as_deref(),
        );
        let claim = ReviewClaim {
            role,
            content: spans(content)?,
            speaker: spans(speaker)?.first().copied(),
            cue: spans(cue)?.first().copied(),
            cells,
            cue_class: table
                .text(row, cue_class)
                .map(|s| s.into_owned())
                .unwrap_or_default(),
        };
        let id = table.text(row, doc).unwrap_or_default().into_owned();
        out.entry(id).or_default().push(claim);
    }
    Ok(out)
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    match a.output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {}
        _ => {
            return Err(Fatal::Message(format!(
                "{}: the review page is HTML: give an .html name",
                a.output.display()
            )));
        }
    }
    let from_file = a.claims.as_deref().map(claims_by_doc).transpose()?;
    let opts = ingest::Options {
        id_field: a.id_field.clone(),
        text_field: a.text_field.clone(),
        ..Default::default()
    };
    let opened = ingest::open(&a.inputs, opts)?;

    let pipeline = a.model.pipeline()?;
    let renderer = Renderer {
        format: Format::Jsonl,
        meta_columns: vec![],
        guard: false,
        context: false,
    };
    let engine = Engine::new(&pipeline, renderer);
    let mut docs: Vec<ReviewDoc> = Vec::new();
    let (mut failed, mut over) = (opened.failures.len(), Vec::new());
    for f in &opened.failures {
        eprintln!("whosaid: {} failed: {}", f.id, f.reason);
    }
    let mut wanted: Vec<&String> = a.ids.iter().collect();
    for item in opened.items {
        let mut d = match item {
            Item::Doc(d) => d,
            Item::Failed(f) => {
                eprintln!("whosaid: {} failed: {}", f.id, f.reason);
                failed += 1;
                continue;
            }
        };
        if !a.ids.is_empty() {
            if !a.ids.contains(&d.id) {
                continue;
            }
            wanted.retain(|w| **w != d.id);
        }
        if docs.len() >= a.limit {
            over.push(d.id.clone());
            continue;
        }
        let (claims, note) = match &from_file {
            Some(by_doc) => {
                crate::engine::replace_controls(&mut d.text);
                let claims = by_doc.get(&d.id).cloned().unwrap_or_default();
                let note = claims
                    .is_empty()
                    .then(|| "no claims in the claims file for this document".to_string());
                (claims, note)
            }
            None => {
                let (o, records) =
                    engine.process_with(&mut d, |doc, an| crate::emit::records(doc, &an.claims));
                if o.status == Status::Failed {
                    eprintln!("whosaid: {} failed: {}", o.id, o.reason.unwrap_or_default());
                    failed += 1;
                    continue;
                }
                let claims = records
                    .unwrap_or_default()
                    .iter()
                    .map(ReviewClaim::from_record)
                    .collect();
                (claims, o.reason)
            }
        };
        let n = d.text.chars().count();
        let outside = claims
            .iter()
            .filter(|c| {
                c.content
                    .iter()
                    .chain(c.speaker.iter())
                    .chain(c.cue.iter())
                    .any(|s| s[1] > n || s[0] > s[1])
            })
            .count();
        let note = match (note, outside) {
            (note, 0) => note,
            (note, k) => {
                let msg = format!(
                    "{k} claims have spans outside the text (not highlighted): is this the text they were extracted from?"
                );
                eprintln!("whosaid: {}: {msg}", d.id);
                Some(note.map_or(msg.clone(), |n| format!("{n}; {msg}")))
            }
        };
        docs.push(ReviewDoc {
            id: d.id,
            text: d.text,
            claims,
            note,
        });
    }
    for w in &wanted {
        eprintln!("whosaid: no document with id {w:?} in the input");
    }
    if !over.is_empty() {
        eprintln!(
            "whosaid: --limit {}: {} more documents left off the page (first: {})",
            a.limit,
            over.len(),
            over[0]
        );
    }
    if docs.is_empty() {
        return Err(Fatal::Message("no document to show".into()));
    }
    let mut out = Output::open(Some(&a.output))
        .map_err(|e| Fatal::Message(format!("{}: {e}", a.output.display())))?;
    let html = if a.edit {
        edit_page(&docs)
    } else {
        page(&docs)
    };
    out.write_all(html.as_bytes())?;
    out.commit()?;
    let claims: usize = docs.iter().map(|d| d.claims.len()).sum();
    eprintln!(
        "whosaid: {} documents, {claims} claims shown in {}",
        docs.len(),
        a.output.display()
    );
    Ok(if failed > 0 || !wanted.is_empty() {
        1
    } else {
        0
    })
}
