//! The accuracy guard: `whosaid eval` on the PolNeAR train split must not
//! fall below the levels reached. The rules alone are held to their levels
//! (the evaluation is deterministic, so a drop means a change made the
//! rules worse). The shipped model was trained on this split, so its
//! in-sample levels only guard against a damaged or stale model file; what
//! the model does on documents it never saw is held in `model.rs`, by
//! training on four folds and scoring the fifth. Without
//! `../shared/polnear/train` (a user's fresh clone) the guard skips; under
//! CI it must be there.

use whosaid::{Pipeline, eval};

/// Direct-subset attribution F1 reached.
const DIRECT_ATTRIBUTION_F1: f64 = 0.825;
/// Direct-subset content-partial F1 reached.
const DIRECT_CONTENT_F1: f64 = 0.895;
/// Overall content-partial precision reached (reported speech and the
/// wider cue lexicon traded 4.4 points of it for 25 points of recall).
const ALL_CONTENT_PRECISION: f64 = 0.920;
/// Overall content-partial F1 reached.
const ALL_CONTENT_F1: f64 = 0.665;
/// Overall attribution F1 reached.
const ALL_ATTRIBUTION_F1: f64 = 0.590;

/// The gold folder, or `None` (and a note) when a fresh clone lacks it.
pub(crate) fn polnear_train() -> Option<std::path::PathBuf> {
    let gold = super::root().join("../shared/polnear/train");
    if gold.join("text").is_dir() {
        return Some(gold);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "CI=true but the gold data is missing at {}",
        gold.display()
    );
    eprintln!(
        "skipping the accuracy guard: no gold data at {}",
        gold.display()
    );
    None
}

#[test]
fn the_rules_alone_do_not_drop() {
    let Some(gold) = polnear_train() else { return };
    let report =
        eval::evaluate(&Pipeline::rules_only(), &gold, None, None).expect("evaluation runs");
    assert!(
        report.skipped.is_empty(),
        "gold documents skipped: {:?}",
        report.skipped
    );
    let s = &report.scores;
    eprintln!(
        "train: direct attribution F1 {:.4}, direct content F1 {:.4}, all content P {:.4}, all attribution F1 {:.4}",
        s.direct.attribution.f1,
        s.direct.content_partial.f1,
        s.all.content_partial.p,
        s.all.attribution.f1
    );
    assert!(
        s.direct.attribution.f1 >= DIRECT_ATTRIBUTION_F1,
        "direct attribution F1 {:.4} < {DIRECT_ATTRIBUTION_F1}",
        s.direct.attribution.f1
    );
    assert!(
        s.direct.content_partial.f1 >= DIRECT_CONTENT_F1,
        "direct content F1 {:.4} < {DIRECT_CONTENT_F1}",
        s.direct.content_partial.f1
    );
    assert!(
        s.all.content_partial.f1 >= ALL_CONTENT_F1,
        "all content F1 {:.4} < {ALL_CONTENT_F1}",
        s.all.content_partial.f1
    );
    assert!(
        s.all.attribution.f1 >= ALL_ATTRIBUTION_F1,
        "all attribution F1 {:.4} < {ALL_ATTRIBUTION_F1}",
        s.all.attribution.f1
    );
    assert!(
        s.all.content_partial.p >= ALL_CONTENT_PRECISION,
        "all content precision {:.4} < {ALL_CONTENT_PRECISION}",
        s.all.content_partial.p
    );
}

#[test]
fn eval_on_a_tiny_gold_folder() {
    let gold = super::root().join("tests/data/gold-mini");
    let report = eval::evaluate(&Pipeline::rules_only(), &gold, None, None).unwrap();
    // Five gold claims (the second annotator's file is ignored); the
    // pipeline finds the three said-claims and the belief, not the
    // evaluation ("were skeptical of").
    assert_eq!(report.scores.all.gold, 5);
    assert_eq!(report.scores.direct.gold, 2);
    assert_eq!(report.scores.direct.attribution.f1, 1.0);
    assert_eq!(report.scores.all.content_partial.p, 1.0);
    assert!((report.scores.all.content_partial.r - 0.8).abs() < 1e-9);
}

#[test]
fn malformed_gold_is_reported_by_file_and_line_and_skipped() {
    let d = tempfile::tempdir().unwrap();
    let gold = d.path();
    std::fs::create_dir_all(gold.join("text")).unwrap();
    std::fs::create_dir_all(gold.join("attributions")).unwrap();
    std::fs::write(gold.join("text/good.txt"), "\"Yes,\" Roe said.").unwrap();
    std::fs::write(
        gold.join("attributions/good_a1.ann"),
        "T1\tContent 0 6\t\"Yes,\"\nT2\tSource 7 10\tRoe\nT3\tCue 11 15\tsaid\nT4\tAttribution 11 15\tsaid\nE1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n",
    )
    .unwrap();
    std::fs::write(gold.join("text/bad.txt"), "Short.").unwrap();
    std::fs::write(
        gold.join("attributions/bad_a1.ann"),
        "T1\tContent 0 99\tShort.\n",
    )
    .unwrap();
    std::fs::write(
        gold.join("attributions/lost_a1.ann"),
        "T1\tContent 0 1\tx\n",
    )
    .unwrap();
    let report = eval::evaluate(&Pipeline::rules_only(), gold, None, None).unwrap();
    assert_eq!(report.documents, 1);
    assert_eq!(report.skipped.len(), 2, "{:?}", report.skipped);
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.contains("bad_a1.ann:1") && s.contains("out of the text")),
        "{:?}",
        report.skipped
    );
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.contains("lost_a1.ann") && s.contains("no text file")),
        "{:?}",
        report.skipped
    );
    assert_eq!(report.scores.all.attribution.f1, 1.0);
}

/// In-sample levels of the shipped model (`models/default.crf`, trained on
/// this whole split), measured with `whosaid eval --gold
/// ../shared/polnear/train`: content-partial F1 82.4, content-exact 57.9,
/// attribution 72.9, direct attribution 88.0. The guards sit a point below,
/// so a damaged, stale or unloaded model file fails here; they say nothing
/// about unseen text (that is `model.rs`).
const SHIPPED_IN_SAMPLE: [(&str, f64); 4] = [
    ("content-partial F1", 0.814),
    ("content-exact F1", 0.568),
    ("attribution F1", 0.718),
    ("direct attribution F1", 0.870),
];

#[test]
fn the_shipped_model_does_not_drop() {
    let Some(gold) = polnear_train() else { return };
    let report = eval::evaluate(&Pipeline::default(), &gold, None, None).expect("evaluation runs");
    let got = super::tracked(&report.scores);
    eprintln!("train, shipped model: {got:?}");
    for (g, (name, want)) in got.iter().zip(SHIPPED_IN_SAMPLE) {
        assert!(*g >= want, "{name} {g:.4} < {want}");
    }
}

/// The hand labels of `labels/` (453 attributions of 28 articles of the
/// train split): who each source is, its type and the cue's class.
pub(crate) fn speaker_labels() -> eval::speakers::Labels {
    let path = super::root().join("labels/polnear-train-speakers.tsv");
    eval::speakers::read_labels(&path).expect("the speaker labels read")
}

/// Floors on the labelled attributions whosaid finds (name right, type
/// right, cue class right), a point below what was measured (`whosaid
/// eval --gold ../shared/polnear/train --speakers
/// labels/polnear-train-speakers.tsv`, with `--rules-only` for the
/// first): the rules alone, which no training touched, found 219 and
/// named 85.4%, typed 90.9%, classed 96.8% of them; the shipped model
/// (trained on these articles: in sample) found 339 with 87.3%, 87.9%,
/// 93.2%. What the model does on articles it never saw is in `model.rs`.
const SPEAKERS_RULES: [f64; 3] = [0.844, 0.899, 0.958];
const SPEAKERS_SHIPPED: [f64; 3] = [0.863, 0.869, 0.922];

fn speaker_levels(p: &Pipeline) -> [f64; 3] {
    let gold = polnear_train().expect("gold data");
    let labels = speaker_labels();
    let report =
        eval::evaluate_with(p, &gold, None, None, Some(&labels), None).expect("evaluation runs");
    let r = report.speakers.expect("a speaker report");
    [
        r.all.name_accuracy(),
        r.all.type_accuracy(),
        r.cue_class_accuracy(),
    ]
}

#[test]
fn speakers_are_named_typed_and_classed_as_labelled() {
    if polnear_train().is_none() {
        return;
    }
    for (what, p, floors) in [
        ("rules alone", Pipeline::rules_only(), SPEAKERS_RULES),
        ("shipped model", Pipeline::default(), SPEAKERS_SHIPPED),
    ] {
        let got = speaker_levels(&p);
        eprintln!("{what}: name, type, cue class right: {got:?}");
        for (k, (g, want)) in got.iter().zip(floors).enumerate() {
            assert!(*g >= want, "{what}, criterion {k}: {g:.4} < {want}");
        }
    }
}

/// The German train split (German Wikinews, `../shared/german/train`), or
/// `None` (and a note) when a fresh clone lacks it; under CI it must be
/// there.
pub(crate) fn german_train() -> Option<std::path::PathBuf> {
    let gold = super::root().join("../shared/german/train");
    if gold.is_dir() {
        return Some(gold);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "CI=true but the German gold data is missing at {}",
        gold.display()
    );
    eprintln!(
        "skipping the German guard: no gold data at {}",
        gold.display()
    );
    None
}

/// The German rules alone on the German train split (700 articles), a
/// point below what they reach (`whosaid eval --gold ../shared/german/train
/// --rules-only`): content-partial F1 67.1, content-exact 48.7,
/// attribution 56.5, direct attribution 58.4; the dataset's own score,
/// joint F1 58.1.
const GERMAN_RULES: [(&str, f64); 4] = [
    ("content-partial F1", 0.661),
    ("content-exact F1", 0.477),
    ("attribution F1", 0.555),
    ("direct attribution F1", 0.574),
];
const GERMAN_RULES_DATASET_JOINT: f64 = 0.571;

#[test]
fn the_german_rules_alone_do_not_drop() {
    let Some(gold) = german_train() else { return };
    let report =
        eval::evaluate(&Pipeline::rules_only(), &gold, None, None).expect("evaluation runs");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let got = super::tracked(&report.scores);
    eprintln!("German train, rules alone: {got:?}");
    for (g, (name, want)) in got.iter().zip(GERMAN_RULES) {
        assert!(*g >= want, "German rules: {name} {g:.4} < {want}");
    }
    let joint = report.dataset.expect("the dataset's own score").joint.f1;
    assert!(
        joint >= GERMAN_RULES_DATASET_JOINT,
        "German rules: the dataset's joint F1 {joint:.4} < {GERMAN_RULES_DATASET_JOINT}"
    );
}

/// In-sample levels of the shipped German model (`models/de.crf`, trained
/// on this whole split): content-partial F1 78.7, content-exact 58.9,
/// attribution 60.9, direct attribution 63.5, a point below each; they
/// guard against a damaged, stale or unloaded file, not unseen text (the
/// German fold-0 model in `model.rs` does that).
const GERMAN_SHIPPED_IN_SAMPLE: [(&str, f64); 4] = [
    ("content-partial F1", 0.777),
    ("content-exact F1", 0.579),
    ("attribution F1", 0.599),
    ("direct attribution F1", 0.625),
];

#[test]
fn the_shipped_german_model_does_not_drop() {
    let Some(gold) = german_train() else { return };
    let report = eval::evaluate(&Pipeline::default(), &gold, None, None).expect("evaluation runs");
    let got = super::tracked(&report.scores);
    eprintln!("German train, shipped model: {got:?}");
    for (g, (name, want)) in got.iter().zip(GERMAN_SHIPPED_IN_SAMPLE) {
        assert!(*g >= want, "German shipped model: {name} {g:.4} < {want}");
    }
}
