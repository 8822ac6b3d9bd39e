//! The stage contract of `whosaid::stages`: each stage replaces its own
//! part of the document, so running it again over its own output gives
//! the same document. Checked for every stage of [`STAGES`] over the
//! sample corpus and a few hard texts, with the default model loaded (the
//! model stage does nothing without one).

use whosaid::stages::STAGES;
use whosaid::{Doc, Pipeline};

/// What the stages have added to `doc`, field by field (`Doc` has no
/// `PartialEq`; its private memo is left out, being no part of the
/// result).
fn parts(doc: &Doc) -> [String; 8] {
    [
        doc.text.clone(),
        format!("{:?}", doc.marks),
        format!("{:?}", doc.paragraphs),
        format!("{:?}", doc.quotes),
        format!("{:?}", doc.sentences),
        format!("{:?}", doc.cues),
        format!("{:?}", doc.tokens),
        format!("{:?}", doc.claims),
    ]
}

const PART_NAMES: [&str; 8] = [
    "text",
    "marks",
    "paragraphs",
    "quotes",
    "sentences",
    "cues",
    "tokens",
    "claims",
];

/// Texts that drive the stages' corners: split and nested quotes, a
/// dateline, a paragraph continuation, a passive cue, coordination.
const HARD: &[&str] = &[
    "\"We will rebuild the pier before the season opens,\" Mayor Ana Pratt said at the ceremony on Friday.\n\n\"It will take two summers, and it will cost more than anyone here wants to hear.\"",
    "LORNSVILLE (AFP) \u{2013} Governor Ilse Brandt on Monday slammed the plan, saying it was \"a disaster.\"",
    "Harbor commissioner Lena Ortiz said the dredging contract had been signed too quickly and called the bidding process \"a rushed mess.\"",
    "The outage was first reported by the Harbor Gazette on Monday.",
    "“He told me, ‘Never again,’ and left,” she said. Asked whether the plant would close, the manager said nothing.",
    "",
    "\"",
    "said said said, \"\" according to: \n\n\"unclosed",
];

/// The stages that break the contract on `text`, each with the parts
/// that changed when it ran a second time.
fn breaches(p: &Pipeline, text: &str) -> Vec<(&'static str, Vec<&'static str>)> {
    let res = p.resources();
    let mut doc = Doc::new(text);
    let mut out = Vec::new();
    for stage in STAGES {
        (stage.run)(res, &mut doc);
        let once = parts(&doc);
        (stage.run)(res, &mut doc);
        let twice = parts(&doc);
        let changed: Vec<&str> = PART_NAMES
            .iter()
            .zip(once.iter().zip(&twice))
            .filter(|(_, (a, b))| a != b)
            .map(|(n, _)| *n)
            .collect();
        if !changed.is_empty() {
            out.push((stage.name, changed));
        }
    }
    out
}

#[test]
fn every_stage_run_twice_gives_the_same_document() {
    let p = Pipeline::new();
    let dir = super::root().join("corpora/sample");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("corpora/sample exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    texts.sort();
    assert!(texts.len() >= 15, "{} sample articles", texts.len());
    texts.extend(
        HARD.iter()
            .enumerate()
            .map(|(i, t)| (format!("hard text {i}"), t.to_string())),
    );
    let mut failures = Vec::new();
    for (name, text) in &texts {
        for (stage, changed) in breaches(&p, text) {
            failures.push(format!("{name}: stage {stage} changed {changed:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "stages that give another document when run twice:\n{}",
        failures.join("\n")
    );
}
