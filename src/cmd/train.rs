//! `whosaid train`: trains the attribution model on gold annotations,
//! measures it by cross-validation over documents, and writes the model
//! file that `--model` reads (and that, rebuilt on PolNeAR's train split,
//! ships in the binary as `models/default.crf`).

use super::{Fatal, pool};
use crate::eval;
use crate::model::Model;
use crate::model::train::{Settings, Trainer};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// The end of `whosaid train --help`.
pub const EXAMPLES: &str = "\
Examples:
  whosaid train --gold annotated/ -o my.crf
      a model: 5-fold cross-validation, then training on all articles
  whosaid extract articles/ --model my.crf -o claims.csv
      use it
  whosaid train --gold annotated/ --hold-out 0 -o fold0.crf
  whosaid eval --gold annotated/ --model fold0.crf --fold 0/5
      train without the first fifth of the articles, then score on it
  whosaid train --gold corrections.jsonl --base -o adapted.crf
      adapt the shipped model to a few dozen corrected articles (the
      review page's corrections, or any gold): cross-validation prints the
      shipped and the adapted model side by side";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder of annotated articles: brat standoff (text/NAME.txt and
    /// attributions/NAME_ANNOTATOR.ann, as PolNeAR) or one NAME.json per
    /// article (as the German Wikinews quotation-attribution dataset).
    /// The model reads the language of its articles; they must be of
    /// one.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// Write the model here.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Adapt a model instead of training one from nothing: start from
    /// MODEL's weights and hold the new ones near them (the L2 penalty
    /// pulls toward the base, not toward zero), keep its words and add
    /// the gold's. `--base` alone, or `--base shipped`, adapts the
    /// shipped model of the gold's language.
    #[arg(long, value_name = "MODEL", num_args = 0..=1, default_missing_value = "shipped")]
    base: Option<String>,
    /// Do not train: count how many of the gold's tokens each feature of
    /// MODEL fires on (what training keeps for --base to weigh) and write
    /// MODEL with the counts to --output, its weights, calibration and
    /// description unchanged. For a model trained on this gold before
    /// models kept the counts.
    #[arg(long, value_name = "MODEL", conflicts_with_all = ["base", "hold_out"])]
    add_evidence: Option<PathBuf>,
    /// Folds of the cross-validation that measures the model and
    /// calibrates its confidence (documents are dealt to folds in sorted
    /// order).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Skip cross-validation (the model's confidences are then its raw
    /// probabilities).
    #[arg(long)]
    no_cv: bool,
    /// Train on every fold but this one (0-based), leaving it out for
    /// testing; no cross-validation.
    #[arg(long, value_name = "K")]
    hold_out: Option<usize>,
    /// A note kept at the end of the model's description (its data's
    /// licence, say), which `whosaid eval` and `train` print.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Write the cross-validation's mistakes (misses, wrong sources,
    /// spurious claims, on held-out documents) as JSONL here.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = Settings::default().l2)]
    l2: f64,
    /// With --base: how much each weight is held to the base's for every
    /// token the base model's training saw its feature on (beside --l2,
    /// which holds all alike): features the base saw often stay, those it
    /// saw rarely or never follow the new gold. A base that does not
    /// carry these counts (a model trained before they were kept) holds
    /// every weight by --l2 alone.
    #[arg(long, value_name = "W", default_value_t = Settings::default().base_weight)]
    base_weight: f64,
    /// Added to the score of beginning a cue when the model decodes: more
    /// claims, a little less precise [default: 0.25, or the base model's].
    #[arg(long, allow_negative_numbers = true)]
    cue_bias: Option<f32>,
    /// Optimizer iterations at most.
    #[arg(long, default_value_t = Settings::default().iterations)]
    iterations: u64,
    /// Also score the held-out speakers of the cross-validation against
    /// hand labels of the gold attributions (as `whosaid eval
    /// --speakers` does).
    #[arg(long, value_name = "LABELS.tsv")]
    speakers: Option<PathBuf>,
    /// Worker threads (0: all cores).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    if a.folds < 2 {
        return Err(Fatal::Message("--folds must be 2 or more".into()));
    }
    if a.hold_out.is_some_and(|k| k >= a.folds) {
        return Err(Fatal::Message(format!(
            "--hold-out must be below --folds ({})",
            a.folds
        )));
    }
    pool(a.jobs)?.install(|| train(&a))
}

/// Writes `model` to `path` whole (or not at all); its size in bytes.
fn write_model(path: &std::path::Path, model: &Model) -> Result<usize, Fatal> {
    let bytes = model.to_bytes();
    let mut out = super::output::Output::open(Some(path))
        .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
    out.write_all(&bytes)?;
    out.commit()?;
    Ok(bytes.len())
}

/// The model `--base` names, in the language of the gold.
fn base_model(name: &str, trainer: &Trainer) -> Result<Model, Fatal> {
    let lang = trainer.lang();
    let model = if name == "shipped" {
        Model::default_model(lang, trainer.lexicons()).ok_or_else(|| {
            Fatal::Message(format!(
                "--base: this build has no shipped {} model",
                lang.name()
            ))
        })?
    } else {
        let bytes = std::fs::read(name).map_err(|e| Fatal::Message(format!("{name}: {e}")))?;
        Model::from_bytes(&bytes, trainer.lexicons())
            .map_err(|e| Fatal::Message(format!("{name}: {e}")))?
    };
    if model.lang != lang {
        return Err(Fatal::Message(format!(
            "--base {name}: the model reads {}, the gold is {}",
            model.lang.name(),
            lang.name()
        )));
    }
    Ok(model)
}

fn train(a: &Args) -> Result<i32, Fatal> {
    let start = Instant::now();
    let trainer = Trainer::load(&a.gold)?;
    eprintln!(
        "whosaid: {} gold documents read and run through the rules in {:.1} s",
        trainer.docs.len(),
        start.elapsed().as_secs_f64()
    );
    if let Some(path) = &a.add_evidence {
        let mut model = base_model(&path.to_string_lossy(), &trainer)?;
        model.evidence = trainer.evidence(&model);
        write_model(&a.output, &model)?;
        eprintln!(
            "whosaid: wrote {} ({} with the evidence of {} documents)",
            a.output.display(),
            path.display(),
            trainer.docs.len()
        );
        return Ok(0);
    }
    if let [first, ..] = trainer.unreviewed.as_slice() {
        eprintln!(
            "whosaid: {} articles of the corrections are not marked reviewed and are not trained on (first: {first})",
            trainer.unreviewed.len()
        );
    }
    let base = a
        .base
        .as_deref()
        .map(|name| base_model(name, &trainer))
        .transpose()?;
    if let Some(b) = &base
        && b.evidence.is_empty()
    {
        eprintln!(
            "whosaid: the base model does not carry its training's feature counts: every weight is held to it by --l2 alone"
        );
    }
    let settings = &Settings {
        base_weight: a.base_weight,
        l2: a.l2,
        iterations: a.iterations,
        cue_bias: a
            .cue_bias
            .or(base.as_ref().map(|b| b.cue_bias))
            .unwrap_or(Settings::default().cue_bias),
        ..Settings::default()
    };
    let mut calibration = Vec::new();
    let mut summary = String::new();
    let labels = a
        .speakers
        .as_deref()
        .map(eval::speakers::read_labels)
        .transpose()?;
    if labels.is_some() && (a.hold_out.is_some() || a.no_cv) {
        return Err(Fatal::Message(
            "--speakers scores the cross-validation's held-out speakers: it needs cross-validation (no --hold-out, no --no-cv)".into(),
        ));
    }
    if a.hold_out.is_none() && !a.no_cv {
        let mut errors = match &a.errors {
            Some(p) => Some(
                super::output::Output::open(Some(p))
                    .map_err(|e| Fatal::Message(format!("{}: {e}", p.display())))?,
            ),
            None => None,
        };
        let cv = trainer.cross_validate_from(
            base.as_ref(),
            settings,
            a.folds,
            |k, secs| eprintln!("whosaid: fold {}/{} trained in {secs:.0} s", k + 1, a.folds),
            labels.as_ref(),
            errors.as_mut().map(|w| w as &mut dyn Write),
        )?;
        if let Some(w) = errors {
            w.commit()?;
        }
        let mut out = std::io::stdout().lock();
        for (k, r) in cv.folds.iter().enumerate() {
            writeln!(out, "fold {k} (held out, {} documents):", r.documents)?;
            write!(out, "{}", eval::table(r))?;
        }
        writeln!(out, "all folds, held-out predictions pooled:")?;
        write!(out, "{}", eval::table(&cv.pooled))?;
        if let Some(b) = &cv.base {
            writeln!(
                out,
                "\nthe base model and the adapted ones on the same held-out documents (F1):"
            )?;
            writeln!(out, "criterion              base  adapted")?;
            let (bs, s) = (&b.scores, &cv.pooled.scores);
            for (name, x, y) in [
                (
                    "content_partial",
                    bs.all.content_partial.f1,
                    s.all.content_partial.f1,
                ),
                (
                    "content_exact",
                    bs.all.content_exact.f1,
                    s.all.content_exact.f1,
                ),
                ("attribution", bs.all.attribution.f1, s.all.attribution.f1),
                (
                    "direct attribution",
                    bs.direct.attribution.f1,
                    s.direct.attribution.f1,
                ),
            ] {
                writeln!(out, "{name:<20} {:6.1}  {:6.1}", 100.0 * x, 100.0 * y)?;
            }
        }
        if let Some(r) = &cv.pooled.speakers {
            write!(out, "\n{}", eval::speakers::table(r))?;
        }
        let s = &cv.pooled.scores;
        summary = format!(
            "; {}-fold CV: content_partial F1 {:.1}, content_exact F1 {:.1}, attribution F1 {:.1}, direct attribution F1 {:.1}",
            a.folds,
            100.0 * s.all.content_partial.f1,
            100.0 * s.all.content_exact.f1,
            100.0 * s.all.attribution.f1,
            100.0 * s.direct.attribution.f1
        );
        calibration = cv.calibration;
    }
    let what = match a.hold_out {
        Some(k) => format!("all folds but {k} of {}", a.folds),
        None => "all documents".to_string(),
    };
    let note = a
        .note
        .as_deref()
        .map_or(String::new(), |n| format!(". {n}"));
    let adapted = a.base.as_deref().map_or(String::new(), |b| {
        format!(" --base {b} --base-weight {}", a.base_weight)
    });
    let description = format!(
        "whosaid train --gold {}{adapted} (l2 {}, {} iterations, cue bias {}); trained on {what} ({} {} documents){summary}{note}",
        a.gold.display(),
        settings.l2,
        settings.iterations,
        settings.cue_bias,
        trainer.docs.len(),
        trainer.docs[0].lang.name(),
    );
    let t = Instant::now();
    let mut model = trainer.train_from(
        base.as_ref(),
        settings,
        a.hold_out.map(|k| (k, a.folds)),
        description,
    )?;
    if !calibration.is_empty() || base.is_none() {
        model.calibration = calibration;
    }
    eprintln!(
        "whosaid: model trained in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    let size = write_model(&a.output, &model)?;
    eprintln!(
        "whosaid: wrote {} ({:.1} MB, {} words) in {:.0} s in all",
        a.output.display(),
        size as f64 / 1e6,
        model.words.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(0)
}
