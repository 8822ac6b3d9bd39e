//! `whosaid train`: trains the attribution model on gold annotations,
//! measures it by cross-validation over documents, and writes the model
//! file that `--model` reads (and that, rebuilt on PolNeAR's train split,
//! ships in the binary as `models/default.crf`).

use super::{Fatal, pool};
use crate::eval;
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
      train without the first fifth of the articles, then score on it";

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
    /// Added to the score of beginning a cue when the model decodes: more
    /// claims, a little less precise.
    #[arg(long, default_value_t = Settings::default().cue_bias)]
    cue_bias: f32,
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
    let settings = Settings {
        l2: a.l2,
        iterations: a.iterations,
        cue_bias: a.cue_bias,
        ..Settings::default()
    };
    pool(a.jobs)?.install(|| train(&a, &settings))
}

fn train(a: &Args, settings: &Settings) -> Result<i32, Fatal> {
    let start = Instant::now();
    let trainer = Trainer::load(&a.gold)?;
    eprintln!(
        "whosaid: {} gold documents read and run through the rules in {:.1} s",
        trainer.docs.len(),
        start.elapsed().as_secs_f64()
    );
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
        let cv = trainer.cross_validate(
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
    let description = format!(
        "whosaid train --gold {} (l2 {}, {} iterations, cue bias {}); trained on {what} ({} {} documents){summary}{note}",
        a.gold.display(),
        settings.l2,
        settings.iterations,
        settings.cue_bias,
        trainer.docs.len(),
        trainer.docs[0].lang.name(),
    );
    let t = Instant::now();
    let mut model = trainer.train(settings, a.hold_out.map(|k| (k, a.folds)), description)?;
    model.calibration = calibration;
    eprintln!(
        "whosaid: model trained in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    let bytes = model.to_bytes();
    let mut out = super::output::Output::open(Some(&a.output))
        .map_err(|e| Fatal::Message(format!("{}: {e}", a.output.display())))?;
    out.write_all(&bytes)?;
    out.commit()?;
    eprintln!(
        "whosaid: wrote {} ({:.1} MB, {} words) in {:.0} s in all",
        a.output.display(),
        bytes.len() as f64 / 1e6,
        model.words.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(0)
}
