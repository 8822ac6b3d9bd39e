//! **eval** — scores claims against BRAT gold (`whosaid eval`).
//!
//! Reads a gold folder ([`read_gold`]: [`brat`] or [`json_gold`]), gets predictions from the pipeline or
//! from a JSONL file in the output schema, and scores them with the metric
//! of `docs/metric.md` ([`metric`]). Also breaks precision down by sieve rule
//! and recall by gold cue word, and writes the errors for reading.

pub mod brat;
pub mod corrections;
pub mod group_score;
pub mod json_gold;
pub mod metric;
pub mod speakers;

use brat::{GoldDoc, char_starts};
use metric::{Counts, DocMatch, Pred, Scores, match_doc};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::doc::Span;
use crate::error::{Error, ErrorKind, Position};
use crate::pipeline::Pipeline;

/// What a gold folder or corrections file gives.
#[derive(Debug, Default)]
pub struct Gold {
    pub docs: Vec<GoldDoc>,
    /// Articles that cannot be read, left out of the documents.
    pub errors: Vec<Error>,
    /// Articles of a corrections file not marked reviewed: no gold.
    pub unreviewed: Vec<String>,
}

/// Reads every article of a gold folder, BRAT (`text/` and
/// `attributions/`, see [`brat`]) or JSON (`*.json`, see [`json_gold`]),
/// or the reviewed articles of a corrections file (`*.jsonl`, see
/// [`corrections`]).
pub fn read_gold(path: &Path) -> Result<Gold, Error> {
    if corrections::is_corrections(path) {
        return corrections::read_gold(path);
    }
    let (docs, errors) = if json_gold::is_json_gold(path) {
        json_gold::read_json_gold(path)?
    } else {
        brat::read_brat(path)?
    };
    Ok(Gold {
        docs,
        errors,
        unreviewed: Vec::new(),
    })
}

/// Precision of one sieve rule.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RuleRow {
    pub rule: String,
    pub predicted: usize,
    /// Share matching a gold content (content_partial precision).
    pub content_precision: f64,
    /// Share matching with the right source (attribution precision).
    pub attribution_precision: f64,
}

/// Recall for one gold cue word.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CueRow {
    pub cue: String,
    pub gold: usize,
    pub content_recall: f64,
    pub attribution_recall: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub scores: Scores,
    pub documents: usize,
    pub skipped: Vec<String>,
    /// Articles of a corrections file not marked reviewed (no gold).
    pub unreviewed: Vec<String>,
    pub by_rule: Vec<RuleRow>,
    pub by_cue: Vec<CueRow>,
    /// With a claims file: its doc_ids that name no gold document (a few),
    /// a few gold document names beside them, and how many gold documents
    /// it has claims for.
    pub pred_unmatched: Vec<String>,
    pub gold_names: Vec<String>,
    pub pred_matched: usize,
    /// With speaker labels: how the speakers' names, types and cue
    /// classes agree with them.
    pub speakers: Option<speakers::SpeakerReport>,
    /// With gold that carries its own tokens (the German dataset's JSON),
    /// the dataset's own score ([`group_score`]).
    pub dataset: Option<group_score::GroupScores>,
}

/// The claims of `p` on `gold`'s text, read in the gold's language
/// (unless the pipeline sets one).
fn preds_from_pipeline(p: &Pipeline, gold: &GoldDoc) -> Vec<Pred> {
    let mut doc = crate::doc::Doc::new(&gold.text);
    p.analyze_in(&mut doc, p.lang().unwrap_or(gold.lang));
    doc.claims
        .into_iter()
        .map(|c| Pred {
            content: c.content,
            source: c.speaker,
            cue: c.cue,
            addressee: c.addressee,
            rule: c.rule.name().to_string(),
            confidence: c.confidence,
            speaker_type: Some(c.speaker_type.as_str().to_string()),
            resolved: c.speaker_resolved,
            cue_class: c.cue_class.map(|k| k.as_str().to_string()),
        })
        .collect()
}

/// A claim of a claims file, offsets in code points.
struct PredLine {
    doc_id: String,
    content_spans: Vec<[usize; 2]>,
    speaker_span: Option<[usize; 2]>,
    cue_span: Option<[usize; 2]>,
    /// The addressee as written (claims files give no span for it).
    addressee: Option<String>,
    rule: Option<String>,
    confidence: Option<f32>,
    speaker_resolved: Option<String>,
    speaker_type: Option<String>,
    cue_class: Option<String>,
}

/// The columns `eval --pred` reads, and those it needs.
const PRED_COLUMNS: &[&str] = &[
    "doc_id",
    "content_spans",
    "speaker_span",
    "cue_span",
    "addressee",
    "rule",
    "confidence",
    "speaker_resolved",
    "speaker_type",
    "cue_class",
];
const PRED_NEEDED: &[&str] = &["doc_id", "content_spans"];

/// Reads a claims file (whosaid's JSONL, or its CSV/TSV, or another
/// tool's with those columns), grouped by doc_id (its last path part),
/// with each claim's line.
fn read_pred_file(path: &Path) -> Result<HashMap<String, Vec<(usize, PredLine)>>, Error> {
    use crate::emit::read::{BadLines, Reading, Table, spans};
    let how = Reading {
        keep: Some(PRED_COLUMNS),
        needed: PRED_NEEDED,
        bad_lines: BadLines::Fail,
    };
    let table = Table::read_with(path, how)?;
    let col = |name: &str| table.col(name);
    let (doc, content, speaker, cue, rule, conf) = (
        col("doc_id"),
        col("content_spans"),
        col("speaker_span"),
        col("cue_span"),
        col("rule"),
        col("confidence"),
    );
    let (resolved, kind, class, addressee) = (
        col("speaker_resolved"),
        col("speaker_type"),
        col("cue_class"),
        col("addressee"),
    );
    let mut out: HashMap<String, Vec<(usize, PredLine)>> = HashMap::new();
    for (row, &line) in table.rows.iter().zip(&table.lines) {
        let spans_of = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map_or(Ok(Vec::new()), spans)
                .map_err(|e| e.at(path.display().to_string(), Some(Position::Line(line))))
        };
        let doc_id = table.text(row, doc).unwrap_or_default().into_owned();
        let rec = PredLine {
            content_spans: spans_of(content)?,
            speaker_span: spans_of(speaker)?.first().copied(),
            cue_span: spans_of(cue)?.first().copied(),
            addressee: table
                .text(row, addressee)
                .map(|a| a.into_owned())
                .filter(|a| !a.is_empty()),
            rule: table.text(row, rule).map(|r| r.into_owned()),
            confidence: table.text(row, conf).and_then(|c| c.parse().ok()),
            speaker_resolved: table.text(row, resolved).map(|r| r.into_owned()),
            speaker_type: table.text(row, kind).map(|r| r.into_owned()),
            cue_class: table.text(row, class).map(|r| r.into_owned()),
            doc_id,
        };
        let key = corrections::doc_name(&rec.doc_id).to_string();
        out.entry(key).or_default().push((line, rec));
    }
    Ok(out)
}

/// Where the addressee written `a` stands after `cue` (its first
/// occurrence within the next 300 bytes): a claims file gives its text,
/// not its span.
fn addressee_after(text: &str, cue: Span, a: &str) -> Option<Span> {
    let mut end = (cue.start + 300).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let at = text[cue.start..end].find(a)? + cue.start;
    Some(Span::new(at, at + a.len()))
}

/// The byte span of character span `s`; out of the text, an error about
/// line `line` of `file`.
fn to_bytes(starts: &[usize], s: [usize; 2], file: &Path, line: usize) -> Result<Span, Error> {
    let n = starts.len() - 1;
    if s[0] > s[1] || s[1] > n {
        let message = format!("span {}-{} out of the text's {n} characters", s[0], s[1]);
        let e = Error::new(ErrorKind::Claims, message);
        return Err(e.at(file.display().to_string(), Some(Position::Line(line))));
    }
    Ok(Span::new(starts[s[0]], starts[s[1]]))
}

fn convert(doc: &GoldDoc, lines: &[(usize, PredLine)], file: &Path) -> Result<Vec<Pred>, Error> {
    let starts = char_starts(&doc.text);
    lines
        .iter()
        .map(|&(n, ref l)| {
            let w = |s| to_bytes(&starts, s, file, n);
            let cue = l.cue_span.map(w).transpose()?;
            Ok(Pred {
                content: l
                    .content_spans
                    .iter()
                    .map(|&s| w(s))
                    .collect::<Result<_, _>>()?,
                source: l.speaker_span.map(w).transpose()?,
                cue,
                addressee: l
                    .addressee
                    .as_deref()
                    .and_then(|a| addressee_after(&doc.text, cue?, a)),
                rule: l.rule.clone().unwrap_or_else(|| "-".into()),
                confidence: l.confidence.unwrap_or(1.0),
                resolved: l.speaker_resolved.clone(),
                speaker_type: l.speaker_type.clone(),
                cue_class: l.cue_class.clone(),
            })
        })
        .collect()
}

/// Items of one kind (a rule's predictions, a cue's gold attributions):
/// how many, how many matched, how many with the right source.
#[derive(Default)]
struct Tally {
    items: usize,
    matched: usize,
    source_ok: usize,
}

impl Tally {
    fn add(&mut self, pair: Option<metric::Pair>) {
        self.items += 1;
        if let Some(p) = pair {
            self.matched += 1;
            self.source_ok += p.flags.source as usize;
        }
    }
}

/// Runs the evaluation. `errors` receives one JSON line per mistake.
pub fn evaluate(
    p: &Pipeline,
    gold_dir: &Path,
    pred_file: Option<&Path>,
    errors: Option<&mut dyn Write>,
) -> Result<Report, Error> {
    evaluate_fold(p, gold_dir, None, pred_file, errors)
}

/// The fold of the `i`-th gold document (in sorted order) among `folds`:
/// documents are dealt out in turn, so that every fold holds every
/// publisher's articles. Cross-validation and `whosaid eval --fold` use
/// it alike.
pub fn fold_of(i: usize, folds: usize) -> usize {
    i % folds
}

/// [`evaluate`] on the documents of fold `k` of `n` only, when given.
pub fn evaluate_fold(
    p: &Pipeline,
    gold_dir: &Path,
    fold: Option<(usize, usize)>,
    pred_file: Option<&Path>,
    errors: Option<&mut dyn Write>,
) -> Result<Report, Error> {
    evaluate_with(p, gold_dir, fold, pred_file, None, errors)
}

/// [`evaluate_fold`], and with `labels`, the speakers scored against them.
pub fn evaluate_with(
    p: &Pipeline,
    gold_dir: &Path,
    fold: Option<(usize, usize)>,
    pred_file: Option<&Path>,
    labels: Option<&speakers::Labels>,
    errors: Option<&mut dyn Write>,
) -> Result<Report, Error> {
    let gold = read_gold(gold_dir)?;
    let (mut docs, gold_errors, unreviewed) = (gold.docs, gold.errors, gold.unreviewed);
    if let Some((k, n)) = fold {
        let mut i = 0;
        docs.retain(|_| {
            i += 1;
            fold_of(i - 1, n) == k
        });
    }
    if docs.is_empty() && gold_errors.is_empty() {
        return Err(brat::no_documents(gold_dir));
    }
    let mut skipped: Vec<String> = gold_errors.iter().map(Error::to_string).collect();
    let (mut pred_matched, mut pred_unmatched) = (0, Vec::new());
    let preds: Vec<Option<Vec<Pred>>> = match pred_file {
        None => docs
            .par_iter()
            .map(|d| Some(preds_from_pipeline(p, d)))
            .collect(),
        Some(f) => {
            let mut by_doc = read_pred_file(f)?;
            let names: std::collections::HashSet<&str> =
                docs.iter().map(|d| d.name.as_str()).collect();
            pred_matched = by_doc.keys().filter(|k| names.contains(k.as_str())).count();
            let mut unmatched: Vec<&String> = by_doc
                .keys()
                .filter(|k| !names.contains(k.as_str()))
                .collect();
            unmatched.sort();
            pred_unmatched = unmatched.into_iter().take(5).cloned().collect();
            docs.iter()
                .map(
                    |d| match convert(d, &by_doc.remove(&d.name).unwrap_or_default(), f) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            skipped.push(e.to_string());
                            None
                        }
                    },
                )
                .collect()
        }
    };
    let mut report = score_with(&docs, &preds, skipped, labels, errors)?;
    report.pred_matched = pred_matched;
    report.unreviewed = unreviewed;
    report.pred_unmatched = pred_unmatched;
    if pred_file.is_some() {
        report.gold_names = docs.iter().take(3).map(|d| d.name.clone()).collect();
    }
    Ok(report)
}

/// The predictions of `p` for `docs`, as [`score`] takes them.
pub fn predict(p: &Pipeline, docs: &[&GoldDoc]) -> Vec<Option<Vec<Pred>>> {
    docs.par_iter()
        .map(|d| Some(preds_from_pipeline(p, d)))
        .collect()
}

/// Scores `preds` (one entry per document, `None` for a document whose
/// predictions could not be read) against `docs`. `skipped` names the
/// inputs already left out; `errors` receives one JSON line per mistake.
pub fn score<D: std::borrow::Borrow<GoldDoc> + Sync>(
    docs: &[D],
    preds: &[Option<Vec<Pred>>],
    skipped: Vec<String>,
    errors: Option<&mut dyn Write>,
) -> Result<Report, Error> {
    score_with(docs, preds, skipped, None, errors)
}

/// [`score`], and with `labels`, the speakers scored against them (their
/// mistakes go to `errors` too, as `wrong_speaker` lines).
pub fn score_with<D: std::borrow::Borrow<GoldDoc> + Sync>(
    docs: &[D],
    preds: &[Option<Vec<Pred>>],
    skipped: Vec<String>,
    labels: Option<&speakers::Labels>,
    errors: Option<&mut dyn Write>,
) -> Result<Report, Error> {
    let docs: Vec<&GoldDoc> = docs.iter().map(|d| d.borrow()).collect();
    let matches: Vec<Option<DocMatch>> = docs
        .par_iter()
        .zip(preds.par_iter())
        .map(|(d, pr)| {
            pr.as_ref()
                .map(|pr| match_doc(&d.text, &d.attributions, pr))
        })
        .collect();
    let (mut all, mut direct) = (Counts::default(), Counts::default());
    let mut rules: HashMap<String, Tally> = HashMap::new();
    let mut cues: HashMap<String, Tally> = HashMap::new();
    let mut errors = errors;
    let mut evaluated = 0;
    for ((d, m), pr) in docs.iter().zip(&matches).zip(preds.iter()) {
        let (Some(m), Some(pr)) = (m, pr.as_ref()) else {
            continue;
        };
        evaluated += 1;
        all.add(m, false);
        direct.add(m, true);
        for (pi, x) in pr.iter().enumerate() {
            rules.entry(x.rule.clone()).or_default().add(m.pred[pi]);
        }
        for (gi, g) in d.attributions.iter().enumerate() {
            let cue = g
                .cue
                .iter()
                .map(|s| d.text[s.range()].to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            cues.entry(cue).or_default().add(m.gold[gi]);
        }
        if let Some(w) = errors.as_deref_mut() {
            write_errors(w, d, m, pr).map_err(|e| {
                Error::new(ErrorKind::Io, format!("writing the errors file: {e}")).with_source(e)
            })?;
        }
    }
    let mut by_rule: Vec<RuleRow> = rules
        .into_iter()
        .map(|(rule, t)| RuleRow {
            rule,
            predicted: t.items,
            content_precision: t.matched as f64 / t.items as f64,
            attribution_precision: t.source_ok as f64 / t.items as f64,
        })
        .collect();
    by_rule.sort_by(|a, b| b.predicted.cmp(&a.predicted).then(a.rule.cmp(&b.rule)));
    let mut by_cue: Vec<CueRow> = cues
        .into_iter()
        .map(|(cue, t)| CueRow {
            cue,
            gold: t.items,
            content_recall: t.matched as f64 / t.items as f64,
            attribution_recall: t.source_ok as f64 / t.items as f64,
        })
        .collect();
    by_cue.sort_by(|a, b| b.gold.cmp(&a.gold).then(a.cue.cmp(&b.cue)));
    by_cue.truncate(30);
    let speakers = labels
        .map(|l| speakers::score(l, &docs, &matches, preds))
        .transpose()?;
    let dataset = group_score::score(&docs, preds);
    if let (Some(w), Some(r)) = (errors, &speakers) {
        for m in &r.mistakes {
            let mut rec = serde_json::to_value(m).unwrap_or_default();
            if let Some(o) = rec.as_object_mut() {
                o.insert("error".into(), "wrong_speaker".into());
            }
            writeln!(w, "{rec}").map_err(|e| {
                Error::new(ErrorKind::Io, format!("writing the errors file: {e}")).with_source(e)
            })?;
        }
    }
    Ok(Report {
        scores: Scores {
            all: (&all).into(),
            direct: (&direct).into(),
        },
        documents: evaluated,
        skipped,
        unreviewed: Vec::new(),
        by_rule,
        by_cue,
        pred_unmatched: Vec::new(),
        gold_names: Vec::new(),
        pred_matched: 0,
        speakers,
        dataset,
    })
}

fn context(text: &str, spans: &[Span]) -> String {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return String::new();
    };
    let mut a = first.start.saturating_sub(120);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (last.end + 120).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].to_string()
}

fn join(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| &text[s.range()])
        .collect::<Vec<_>>()
        .join(" … ")
}

fn write_errors(
    w: &mut dyn Write,
    d: &GoldDoc,
    m: &DocMatch,
    preds: &[Pred],
) -> std::io::Result<()> {
    let mut ix = crate::emit::CharIndex::new(&d.text);
    let mut cps = |spans: &[Span]| spans.iter().map(|&s| ix.span(s)).collect::<Vec<_>>();
    for (gi, g) in d.attributions.iter().enumerate() {
        let kind = match m.gold[gi] {
            None => "missed",
            Some(p) if !p.flags.source => "wrong_source",
            _ => continue,
        };
        let pred = m.gold[gi].map(|p| &preds[p.other]);
        let rec = serde_json::json!({
            "doc": d.name,
            "error": kind,
            "direct": m.gold_direct[gi],
            "gold_content": join(&d.text, &g.content),
            "gold_spans": cps(&g.content),
            "gold_source": join(&d.text, &g.source),
            "gold_cue": join(&d.text, &g.cue),
            "pred_content": pred.map(|p| join(&d.text, &p.content)),
            "pred_source": pred.and_then(|p| p.source).map(|s| &d.text[s.range()]),
            "rule": pred.map(|p| p.rule.as_str()),
            "context": context(&d.text, &g.content),
        });
        writeln!(w, "{rec}")?;
    }
    for (pi, p) in preds.iter().enumerate() {
        if m.pred[pi].is_some() {
            continue;
        }
        let rec = serde_json::json!({
            "doc": d.name,
            "error": "spurious",
            "direct": m.pred_direct[pi],
            "pred_content": join(&d.text, &p.content),
            "pred_spans": cps(&p.content),
            "pred_source": p.source.map(|s| &d.text[s.range()]),
            "pred_cue": p.cue.map(|s| &d.text[s.range()]),
            "rule": p.rule,
            "context": context(&d.text, &p.content),
        });
        writeln!(w, "{rec}")?;
    }
    Ok(())
}

/// The readable table of `whosaid eval`.
pub fn table(r: &Report) -> String {
    let mut s = String::new();
    let pct = |x: f64| format!("{:6.1}", 100.0 * x);
    // A row of the table: its subset, criterion, P, R and F1 in percent.
    let prf_line = |name: &str, crit: &str, prf: metric::Prf| {
        format!(
            "{name:<7} {crit:<16} {} {} {}\n",
            pct(prf.p),
            pct(prf.r),
            pct(prf.f1)
        )
    };
    s.push_str(&format!(
        "{} documents evaluated, {} skipped; gold {} (direct {}), predicted {} (direct {})\n",
        r.documents,
        r.skipped.len(),
        r.scores.all.gold,
        r.scores.direct.gold,
        r.scores.all.predicted,
        r.scores.direct.predicted
    ));
    s.push_str("subset  criterion            P      R     F1\n");
    for (name, sub) in [("all", &r.scores.all), ("direct", &r.scores.direct)] {
        for (crit, prf) in [
            ("content_partial", sub.content_partial),
            ("content_exact", sub.content_exact),
            ("attribution", sub.attribution),
            ("cue", sub.cue),
            ("content_token", sub.content_token),
        ] {
            s.push_str(&prf_line(name, crit, prf));
        }
        s.push_str(&format!(
            "{name:<7} source_accuracy  {}\n",
            pct(sub.source_accuracy)
        ));
    }
    if let Some(d) = &r.dataset {
        s.push_str("the dataset's own score (token sets, macro-averaged; docs/metric.md)\n");
        for (part, prf) in [
            ("messages", d.messages),
            ("roles", d.roles),
            ("joint", d.joint),
            ("form", d.form),
        ] {
            s.push_str(&prf_line("dataset", part, prf));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_out_of_the_text_is_an_error_at_its_claims_line() {
        let starts = char_starts("Ja, sagte sie.");
        let file = Path::new("pred.jsonl");
        assert_eq!(to_bytes(&starts, [0, 2], file, 4), Ok(Span::new(0, 2)));
        let e = to_bytes(&starts, [3, 99], file, 4).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Claims);
        assert_eq!(e.input(), Some("pred.jsonl"));
        assert_eq!(e.position(), Some(Position::Line(4)));
        assert_eq!(
            e.to_string(),
            "pred.jsonl:4: span 3-99 out of the text's 14 characters"
        );
        assert!(to_bytes(&starts, [5, 2], file, 1).is_err());
    }
}
