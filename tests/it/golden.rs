//! Golden files: every article in `corpora/sample` with the claims expected
//! of it, kept in `tests/golden/` (out of the corpus folder, which
//! `whosaid extract corpora/sample` reads whole), two files an article:
//!
//! - `NAME.rules.expected.jsonl`: the sieve alone (`--rules-only`), which
//!   no model can change;
//! - `NAME.expected.jsonl`: the whole pipeline, sieve and default model.
//!
//! A failing test prints the differing claims, the model's (`rule` is
//! `model`) apart from the rules'. After a change meant to alter them,
//! `UPDATE_GOLDEN=1 cargo test --release --features train --test it golden`
//! rewrites the files; review the diff. After retraining the model, only
//! the `NAME.expected.jsonl` files may change: their diff is what the new
//! model does differently (a rule claim there that changes is one the
//! model's merge now keeps, drops or rewrites), and a changed
//! `.rules.expected.jsonl` file means the change reached the sieve.

use whosaid::emit::records;
use whosaid::{Document, Pipeline};

fn render(p: &Pipeline, id: &str, text: &str) -> Vec<String> {
    let doc = Document::new(id, text);
    records(&doc, &p.extract(text))
        .iter()
        .map(|r| serde_json::to_string(r).expect("record serialises"))
        .collect()
}

/// Whether a rendered claim comes from the model.
fn from_model(line: &str) -> bool {
    let v: serde_json::Value = serde_json::from_str(line).expect("a golden line is JSON");
    v["rule"] == "model"
}

/// The articles of `corpora/sample`: (id, text), by id.
fn articles() -> Vec<(String, String)> {
    let dir = super::root().join("corpora/sample");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpora/sample exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 15,
        "corpora/sample holds {} articles",
        names.len()
    );
    names
        .iter()
        .map(|path| {
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

/// Compares what `p` gives on every sample article with the golden files
/// ending in `suffix` (or rewrites them under `UPDATE_GOLDEN`).
fn compare(p: &Pipeline, suffix: &str) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (id, text) in articles() {
        let got = render(p, &id, &text);
        let expected_path = super::root()
            .join("tests/golden")
            .join(format!("{id}{suffix}"));
        if update {
            std::fs::write(&expected_path, got.join("\n") + "\n").unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
                expected_path.display()
            )
        });
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let missing: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|e| !got.iter().any(|g| g == e))
            .collect();
        let extra: Vec<&str> = got
            .iter()
            .map(String::as_str)
            .filter(|g| !expected.contains(g))
            .collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut msg = format!("{id}{suffix}:\n");
        for (model, heading) in [(true, "model claims"), (false, "rule claims")] {
            let lost: Vec<&&str> = missing.iter().filter(|l| from_model(l) == model).collect();
            let new: Vec<&&str> = extra.iter().filter(|l| from_model(l) == model).collect();
            if lost.is_empty() && new.is_empty() {
                continue;
            }
            msg.push_str(&format!("  {heading} (-{} +{}):\n", lost.len(), new.len()));
            for m in lost {
                msg.push_str(&format!("    - expected {m}\n"));
            }
            for x in new {
                msg.push_str(&format!("    + got      {x}\n"));
            }
        }
        failures.push(msg);
    }
    assert!(
        failures.is_empty(),
        "golden files differ:\n{}",
        failures.join("\n")
    );
}

#[test]
fn sample_corpus_gives_the_sieves_expected_claims() {
    compare(&Pipeline::rules_only(), ".rules.expected.jsonl");
}

#[test]
fn sample_corpus_gives_the_whole_pipelines_expected_claims() {
    compare(&Pipeline::new(), ".expected.jsonl");
}
