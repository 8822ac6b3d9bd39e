use super::{Fatal, pool};
use crate::eval;
use std::io::Write;
use std::path::PathBuf;

/// The end of `whosaid eval --help`.
pub const EXAMPLES: &str = "\
Examples:
  whosaid eval --gold annotated/
      precision, recall and F1 of whosaid on annotated articles
  whosaid eval --gold annotated/ --errors errors.jsonl
      the same, and every miss and wrong claim with its context
  whosaid eval --gold annotated/ --pred other_tool.jsonl
      score another tool's claims (JSONL with doc_id and content_spans)";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder of annotated articles: brat standoff (text/NAME.txt and
    /// attributions/NAME_ANNOTATOR.ann, as PolNeAR) or one NAME.json per
    /// article (as the German Wikinews quotation-attribution dataset),
    /// each read in its language.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// Score this claims file (JSONL or CSV in whosaid's columns) instead
    /// of running whosaid.
    #[arg(long, value_name = "CLAIMS.jsonl")]
    pred: Option<PathBuf>,
    /// Print the scores as JSON (fractions 0-1).
    #[arg(long)]
    json: bool,
    /// Also show how often each way of finding claims is right (per rule),
    /// and how many of the annotated claims are found per cue word.
    #[arg(long)]
    by_rule: bool,
    /// Write false positives, misses and wrong sources as JSONL here.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    #[command(flatten)]
    model: super::ModelArgs,
    /// Score only fold K of N of the gold documents (dealt out in sorted
    /// order, as `whosaid train` does): a model trained with `--hold-out
    /// K` is scored on documents it never saw.
    #[arg(long, value_name = "K/N", value_parser = parse_fold)]
    fold: Option<(usize, usize)>,
    /// Also score the speakers against hand labels of the gold
    /// attributions (a TSV: doc, attribution, source, name, type, form,
    /// cue_class; see labels/README.md): how often `speaker_resolved`,
    /// `speaker_type` and `cue_class` are right where the attribution is
    /// found.
    #[arg(long, value_name = "LABELS.tsv")]
    speakers: Option<PathBuf>,
    /// Worker threads (0: all cores).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
}

/// `K/N` with K below N.
fn parse_fold(s: &str) -> Result<(usize, usize), crate::Error> {
    let bad = |m: String| crate::Error::new(crate::ErrorKind::Argument, m);
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| bad("expected K/N, as in 0/5".into()))?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|e| bad(format!("{k:?}: {e}")))?,
        n.trim().parse().map_err(|e| bad(format!("{n:?}: {e}")))?,
    );
    if k >= n {
        return Err(bad(format!("fold {k} of {n}: K must be below N")));
    }
    Ok((k, n))
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    let pipeline = a.model.pipeline()?;
    if a.pred.is_none() {
        let models: Vec<_> = pipeline.resources().models().collect();
        for m in &models {
            eprintln!("whosaid: model ({}): {}", m.lang.code(), m.description);
        }
        if models.is_empty() {
            eprintln!("whosaid: the rules alone, no model");
        }
    }
    let mut errors_out = match &a.errors {
        Some(p) => Some(
            super::output::Output::open(Some(p))
                .map_err(|e| Fatal::Message(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
    let labels = a
        .speakers
        .as_deref()
        .map(eval::speakers::read_labels)
        .transpose()?;
    let report = pool(a.jobs)?.install(|| {
        eval::evaluate_with(
            &pipeline,
            &a.gold,
            a.fold,
            a.pred.as_deref(),
            labels.as_ref(),
            errors_out.as_mut().map(|w| w as &mut dyn Write),
        )
    });
    let report = report?;
    if let Some(w) = errors_out {
        w.commit()?;
    }
    for s in &report.skipped {
        eprintln!("whosaid: skipped {s}");
    }
    if let [first, ..] = report.unreviewed.as_slice() {
        eprintln!(
            "whosaid: {} articles of the corrections are not marked reviewed and are no gold (first: {first})",
            report.unreviewed.len()
        );
    }
    // A claims file about other documents scores zero: say so, not just 0.
    let unmatched = a.pred.is_some() && report.pred_matched == 0;
    if let (true, Some(pred)) = (unmatched, &a.pred) {
        eprintln!(
            "whosaid: warning: no doc_id in {} names a gold document (the claims file has {}; the gold folder has {}): the scores below count every gold claim as missed",
            pred.display(),
            if report.pred_unmatched.is_empty() {
                "no claims".to_string()
            } else {
                report.pred_unmatched.join(", ")
            },
            report.gold_names.join(", ")
        );
    }
    let mut out = std::io::stdout().lock();
    if a.json {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            all: &'a eval::metric::SubsetScores,
            direct: &'a eval::metric::SubsetScores,
            #[serde(skip_serializing_if = "Option::is_none")]
            by_rule: Option<&'a [eval::RuleRow]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            by_cue: Option<&'a [eval::CueRow]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            speakers: Option<&'a eval::speakers::SpeakerReport>,
            #[serde(skip_serializing_if = "Option::is_none")]
            dataset: Option<&'a eval::group_score::GroupScores>,
        }
        let j = Json {
            all: &report.scores.all,
            direct: &report.scores.direct,
            by_rule: a.by_rule.then_some(report.by_rule.as_slice()),
            by_cue: a.by_rule.then_some(report.by_cue.as_slice()),
            speakers: report.speakers.as_ref(),
            dataset: report.dataset.as_ref(),
        };
        let line = serde_json::to_string(&j).map_err(|e| Fatal::Message(e.to_string()))?;
        writeln!(out, "{line}")?;
    } else {
        write!(out, "{}", eval::table(&report))?;
        if let Some(r) = &report.speakers {
            write!(out, "\n{}", eval::speakers::table(r))?;
        }
        if a.by_rule {
            writeln!(
                out,
                "\nrule                     predicted  content_P  attribution_P"
            )?;
            for r in &report.by_rule {
                writeln!(
                    out,
                    "{:<24} {:>9} {:>10.1} {:>14.1}",
                    r.rule,
                    r.predicted,
                    100.0 * r.content_precision,
                    100.0 * r.attribution_precision
                )?;
            }
            writeln!(
                out,
                "\ngold cue (top 30)              gold  content_R  attribution_R"
            )?;
            for c in &report.by_cue {
                let cue: String = c.cue.chars().take(28).collect();
                writeln!(
                    out,
                    "{:<28} {:>6} {:>10.1} {:>14.1}",
                    cue,
                    c.gold,
                    100.0 * c.content_recall,
                    100.0 * c.attribution_recall
                )?;
            }
        }
    }
    Ok(if report.skipped.is_empty() && !unmatched {
        0
    } else {
        1
    })
}
