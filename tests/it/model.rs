//! The trained model: training is deterministic and its file reads back;
//! a model trained on four folds of PolNeAR's train split is held to the
//! accuracy it reaches on the fifth, which it never saw (the
//! cross-validation guard); the shipped model finds attributions whose
//! cue no lexicon lists.

use whosaid::Pipeline;
use whosaid::eval;
use whosaid::model::train::{Settings, Trainer};

#[test]
fn training_is_deterministic_and_the_model_reads_back() {
    let gold = super::root().join("tests/data/gold-mini");
    let trainer = Trainer::load(&gold).expect("the gold folder reads");
    let settings = Settings {
        iterations: 20,
        min_word_count: 1,
        ..Settings::default()
    };
    let a = trainer.train(&settings, None, "test".into()).unwrap();
    let b = trainer.train(&settings, None, "test".into()).unwrap();
    assert_eq!(a.to_bytes(), b.to_bytes(), "same data, same model bytes");
    assert!(
        a.weights.iter().any(|&w| w != 0.0),
        "training moved the weights"
    );
    let p = Pipeline::with_model(&a.to_bytes()).expect("the model reads back");
    let text = std::fs::read_to_string(gold.join("text/budget.txt")).unwrap();
    assert!(!p.extract(&text).is_empty());
}

#[test]
fn a_model_file_that_is_not_one_is_refused_with_a_reason() {
    let err = Pipeline::with_model(b"not a model")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("not a whosaid model"), "{err}");
}

/// Levels the model trained on folds 1–4 (the default settings) must keep on
/// fold 0, which it never saw: content_partial F1, content_exact F1,
/// attribution F1, direct attribution F1. Measured (training is
/// deterministic; `whosaid train --gold ../shared/polnear/train` prints the
/// same fold-0 row): 77.9, 53.5, 70.0, 87.3; the rules alone, pooled over
/// the five folds, give 67.1, 44.6, 59.9, 83.3. The guards sit a point
/// below the measured levels.
const HELD_OUT: [f64; 4] = [0.769, 0.525, 0.690, 0.863];

#[test]
fn a_model_trained_on_four_folds_holds_its_accuracy_on_the_fifth() {
    let gold = super::root().join("../shared/polnear/train");
    if !gold.join("text").is_dir() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but the gold data is missing at {}",
            gold.display()
        );
        eprintln!("skipping: no gold data at {}", gold.display());
        return;
    }
    let trainer = Trainer::load(&gold).expect("the gold folder reads");
    let model = trainer
        .train(&Settings::default(), Some((0, 5)), "fold 0 held out".into())
        .expect("training runs");
    let p = Pipeline::with_loaded_model(model);
    let labels = super::accuracy::speaker_labels();
    let report = eval::evaluate_with(&p, &gold, Some((0, 5)), None, Some(&labels), None).unwrap();
    let got = super::tracked(&report.scores);
    eprintln!("held-out fold 0: {got:?}");
    for (k, (g, want)) in got.iter().zip(HELD_OUT).enumerate() {
        assert!(g >= &want, "criterion {k}: {g:.4} < {want}");
    }
    // The labelled attributions of fold 0 it finds: 21, all of them
    // named and typed right; the floors allow one mistake each.
    let r = report.speakers.expect("a speaker report");
    eprintln!("held-out fold 0 speakers: {:?}", r.all);
    assert!(r.all.matched >= 20, "{:?}", r.all);
    assert!(
        r.all.name_right + 1 >= 21 && r.all.type_right + 1 >= 21,
        "{:?}",
        r.all
    );
}

/// Levels the German model trained on folds 1–4 of the German train split
/// (the shipped model's settings: cue bias -1) must keep on fold 0, which
/// it never saw: measured 73.4, 55.1, 60.4, 63.6 (content partial, content
/// exact, attribution, direct attribution F1; `whosaid train --gold
/// ../shared/german/train --cue-bias=-1` prints the same fold-0 row), a
/// point below each.
const GERMAN_HELD_OUT: [f64; 4] = [0.724, 0.541, 0.594, 0.626];

#[test]
fn a_german_model_trained_on_four_folds_holds_its_accuracy_on_the_fifth() {
    let Some(gold) = super::accuracy::german_train() else {
        return;
    };
    let trainer = Trainer::load(&gold).expect("the German gold folder reads");
    let settings = Settings {
        cue_bias: -1.0,
        ..Settings::default()
    };
    let model = trainer
        .train(&settings, Some((0, 5)), "fold 0 held out".into())
        .expect("training runs");
    let p = Pipeline::with_loaded_model(model);
    let report = eval::evaluate_fold(&p, &gold, Some((0, 5)), None, None).unwrap();
    let got = super::tracked(&report.scores);
    eprintln!("German held-out fold 0: {got:?}");
    for (k, (g, want)) in got.iter().zip(GERMAN_HELD_OUT).enumerate() {
        assert!(g >= &want, "German criterion {k}: {g:.4} < {want}");
    }
}

#[test]
fn an_adapted_model_starts_as_its_base_and_keeps_its_words() {
    use whosaid::model::Model;
    let gold = super::root().join("tests/data/gold-mini");
    let trainer = Trainer::load(&gold).expect("the gold folder reads");
    let base = Model::default_model(trainer.lang(), trainer.lexicons()).expect("a shipped model");
    let run = |m: &Model, text: &str| -> Vec<String> {
        let p = Pipeline::with_model(&m.to_bytes()).unwrap();
        p.extract(text)
            .iter()
            .map(|c| format!("{:?} {:?} {:?}", c.content, c.speaker, c.cue))
            .collect()
    };
    // Held to the base as hard as can be, the adapted model reads as the
    // base does: the added words start as the base reads an unknown word.
    let held = Settings {
        l2: 1e12,
        iterations: 5,
        min_word_count: 1,
        ..Settings::default()
    };
    let same = trainer
        .train_from(Some(&base), &held, None, "test".into())
        .unwrap();
    assert!(
        same.words.len() > base.words.len(),
        "the gold's words are added"
    );
    assert_eq!(&same.words.words()[..base.words.len()], base.words.words());
    let mut claims = 0;
    for name in ["flood-local", "council-budget", "fraud-trial"] {
        let path = super::root().join(format!("corpora/sample/{name}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let got = run(&same, &text);
        claims += got.len();
        assert_eq!(got, run(&base, &text), "{name}");
    }
    assert!(claims > 10);
    // Held as the defaults hold it, the same data moves it.
    let loose = Settings {
        l2: Settings::default().l2,
        ..held
    };
    let moved = trainer
        .train_from(Some(&base), &loose, None, "test".into())
        .unwrap();
    assert_eq!(moved.weights.len(), same.weights.len());
    assert_ne!(moved.weights, same.weights);
}
