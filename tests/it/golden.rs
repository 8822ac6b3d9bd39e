//! Golden files: every article in `corpora/sample` with the claims expected
//! of it in `tests/golden/NAME.expected.jsonl` (kept out of the corpus
//! folder, which `whosaid extract corpora/sample` reads whole). A failing test prints the
//! differing claims; `UPDATE_GOLDEN=1 cargo test golden` rewrites the files
//! after a change that is meant to alter them (review the diff).

use whosaid::emit::records;
use whosaid::{Document, Pipeline};

fn render(p: &Pipeline, id: &str, text: &str) -> Vec<String> {
    let doc = Document::new(id, text);
    records(&doc, &p.extract(text))
        .iter()
        .map(|r| serde_json::to_string(r).expect("record serialises"))
        .collect()
}

#[test]
fn sample_corpus_matches_expected_claims() {
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
    let p = Pipeline::new();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for path in names {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let got = render(&p, &id, &text);
        let expected_path = super::root()
            .join("tests/golden")
            .join(format!("{id}.expected.jsonl"));
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
        let missing: Vec<&&str> = expected
            .iter()
            .filter(|e| !got.iter().any(|g| g == **e))
            .collect();
        let extra: Vec<&String> = got
            .iter()
            .filter(|g| !expected.contains(&g.as_str()))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            let mut msg = format!("{id}:\n");
            for m in missing {
                msg.push_str(&format!("  - expected {m}\n"));
            }
            for x in extra {
                msg.push_str(&format!("  + got      {x}\n"));
            }
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ:\n{}",
        failures.join("\n")
    );
}
