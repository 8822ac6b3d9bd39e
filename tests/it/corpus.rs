//! The corpus view: `whosaid speakers`, `whosaid quotes`, `extract
//! --speakers`, on the sample corpus, on claims made up here, and (when
//! present) on PolNeAR train.

use std::path::Path;
use std::process::Command;

fn whosaid(args: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .expect("whosaid runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sample_claims(dir: &Path) -> String {
    let claims = dir.join("claims.jsonl");
    let sample = super::root().join("corpora/sample");
    whosaid(&[
        "extract",
        sample.to_str().unwrap(),
        "-o",
        claims.to_str().unwrap(),
        "-q",
    ]);
    claims.to_str().unwrap().to_string()
}

fn by_id<'a>(rows: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["speaker_id"] == id)
        .unwrap_or_else(|| panic!("no speaker {id}"))
}

#[test]
fn the_sample_speakers_merge_across_articles() {
    let dir = tempfile::tempdir().unwrap();
    let claims = sample_claims(dir.path());
    let out = dir.path().join("speakers.jsonl");
    let linked = dir.path().join("linked.csv");
    whosaid(&[
        "speakers",
        &claims,
        "-o",
        out.to_str().unwrap(),
        "--claims-out",
        linked.to_str().unwrap(),
    ]);
    let rows = jsonl(&out);
    let brandt = by_id(&rows, "ilse-brandt");
    assert_eq!(brandt["name"], "Ilse Brandt");
    assert_eq!(brandt["documents"], 2, "{brandt}");
    let variants = brandt["variants"].as_str().unwrap();
    for v in ["Ilse Brandt", "Brandt", "Regional Governor Ilse Brandt"] {
        assert!(variants.split(" | ").any(|x| x == v), "{v} in {variants}");
    }
    // Every claim comes back, with a speaker_id column; Brandt's claims carry hers.
    let mut r = csv::Reader::from_path(&linked).unwrap();
    let headers = r.headers().unwrap().clone();
    assert_eq!(headers.iter().next_back(), Some("speaker_id"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), jsonl(Path::new(&claims)).len());
    let resolved = headers
        .iter()
        .position(|h| h == "speaker_resolved")
        .unwrap();
    let brandts = rows.iter().filter(|r| &r[resolved] == "Ilse Brandt");
    assert!(brandts.clone().count() >= 5);
    assert!(
        brandts
            .into_iter()
            .all(|r| r.iter().next_back() == Some("ilse-brandt"))
    );
}

#[test]
fn made_up_relatives_stay_apart_and_variants_merge() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        ("a1", "Senator Rosa Vidal", "Rosa Vidal", "person"),
        ("a2", "Rosa M. Vidal", "Rosa M. Vidal", "person"),
        ("a3", "Vidal", "Vidal", "person"),
        ("a4", "ROSA VIDAL", "ROSA VIDAL", "person"),
        ("a4", "Rosa Vidal", "Rosa Vidal", "person"),
        ("a5", "Tomas Vidal Jr.", "Tomas Vidal Jr.", "person"),
        ("a6", "Marta Vidal", "Marta Vidal", "person"),
        ("a6", "Vidal", "Vidal", "person"),
        ("a7", "The Harbor Ledger", "The Harbor Ledger", "outlet"),
        ("a8", "Harbor Ledger", "Harbor Ledger", "organization"),
        ("a8", "she", "", "person"),
    ];
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(i, (doc, sp, res, ty))| {
            serde_json::json!({
                "doc_id": doc, "claim_id": i, "kind": "direct", "quote": format!("Quote number {i}."),
                "speaker": sp, "speaker_resolved": if res.is_empty() { None } else { Some(res) },
                "speaker_type": ty,
            })
            .to_string()
                + "\n"
        })
        .collect();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(&claims, text).unwrap();
    let out = dir.path().join("speakers.jsonl");
    let linked = dir.path().join("linked.jsonl");
    whosaid(&[
        "speakers",
        claims.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--claims-out",
        linked.to_str().unwrap(),
    ]);
    let ids: Vec<serde_json::Value> = jsonl(&linked)
        .iter()
        .map(|r| r["speaker_id"].clone())
        .collect();
    let want = [
        "rosa-vidal",
        "rosa-vidal",
        "rosa-vidal",
        "rosa-vidal",
        "rosa-vidal",
        "tomas-vidal-jr",
        "marta-vidal",
        // "Vidal" in the article about Marta Vidal is her.
        "marta-vidal",
        "harbor-ledger",
        "harbor-ledger",
    ];
    for (got, want) in ids.iter().zip(want) {
        assert_eq!(got, want);
    }
    assert!(ids[10].is_null(), "a pronoun has no speaker id");
    let rows = jsonl(&out);
    assert_eq!(by_id(&rows, "rosa-vidal")["claims"], 5);
    assert_eq!(by_id(&rows, "harbor-ledger")["speaker_type"], "outlet");
    assert_eq!(rows.len(), 4);
}

#[test]
fn quotes_finds_the_repeated_quote_and_no_other_on_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let claims = sample_claims(dir.path());
    let out = dir.path().join("quotes.csv");
    let clustered = dir.path().join("clustered.jsonl");
    whosaid(&[
        "quotes",
        &claims,
        "-o",
        out.to_str().unwrap(),
        "--claims-out",
        clustered.to_str().unwrap(),
    ]);
    let mut r = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let h = r.headers().unwrap().clone();
    let get = |name: &str| &rows[0][h.iter().position(|x| x == name).unwrap()];
    assert_eq!(get("speaker_id"), "ilse-brandt");
    assert_eq!(get("documents"), "2");
    assert_eq!(get("doc_ids"), "flood-local | flood-wire");
    assert!(get("quote").contains("until we tell them it is safe"));
    let claims = jsonl(&clustered);
    let in_cluster: Vec<&serde_json::Value> = claims
        .iter()
        .filter(|c| c["quote_cluster"] == "q1")
        .collect();
    assert_eq!(in_cluster.len(), 2);
}

#[test]
fn extract_writes_the_speakers_in_the_same_run() {
    let dir = tempfile::tempdir().unwrap();
    let sample = super::root().join("corpora/sample");
    let claims = dir.path().join("claims.xlsx");
    let speakers = dir.path().join("speakers.csv");
    whosaid(&[
        "extract",
        sample.to_str().unwrap(),
        "-o",
        claims.to_str().unwrap(),
        "--speakers",
        speakers.to_str().unwrap(),
        "-q",
    ]);
    let direct = dir.path().join("direct.csv");
    let claims_jsonl = sample_claims(dir.path());
    whosaid(&["speakers", &claims_jsonl, "-o", direct.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&speakers).unwrap(),
        std::fs::read_to_string(&direct).unwrap()
    );
}

#[test]
fn bad_claims_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notclaims.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["speakers", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("notclaims.csv: not a whosaid claims file"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["quotes", bad.to_str().unwrap(), "-o", "out.xlsx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("out.xlsx: unknown output kind"));
}

#[test]
fn a_line_that_cannot_be_read_is_named_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let claims = sample_claims(dir.path());
    let text = std::fs::read_to_string(&claims).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    lines.insert(3, "{\"doc_id\": \"cut-off");
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("linked.jsonl");
    let speakers = dir.path().join("speakers.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "speakers",
            broken.to_str().unwrap(),
            "-o",
            speakers.to_str().unwrap(),
            "--claims-out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("broken.jsonl:4: ") && err.contains("(line skipped)"),
        "{err}"
    );
    let linked = jsonl(&out);
    assert_eq!(linked.len(), n, "every readable claim written back");
    assert!(linked.iter().all(|c| c.get("speaker_id").is_some()));
}

#[test]
fn polnear_speakers_merge_the_candidates_variants() {
    let Some(gold) = super::accuracy::polnear_train() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.jsonl");
    let text = gold.join("text");
    whosaid(&[
        "extract",
        text.to_str().unwrap(),
        "-o",
        claims.to_str().unwrap(),
        "-q",
    ]);
    let out = dir.path().join("speakers.jsonl");
    whosaid(&[
        "speakers",
        claims.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let rows = jsonl(&out);
    let trump = by_id(&rows, "donald-trump");
    let variants: Vec<&str> = trump["variants"].as_str().unwrap().split(" | ").collect();
    for v in ["Donald Trump", "Trump", "Donald J. Trump", "Mr. Trump"] {
        assert!(variants.contains(&v), "{v} in {variants:?}");
    }
    assert!(trump["claims"].as_u64().unwrap() > 1000, "{trump}");
    for (id, form) in [("hillary-clinton", "Clinton"), ("barack-obama", "Obama")] {
        let row = by_id(&rows, id);
        assert!(
            row["variants"]
                .as_str()
                .unwrap()
                .split(" | ")
                .any(|v| v == form),
            "{row}"
        );
    }
    // One row each: no row left for a surname alone, relatives apart.
    for alone in ["trump", "clinton", "obama"] {
        assert!(
            rows.iter().all(|r| r["speaker_id"] != alone),
            "a row for {alone}"
        );
    }
    assert_eq!(by_id(&rows, "melania-trump")["name"], "Melania Trump");
    assert!(rows.iter().filter(|r| r["name"] == "Donald Trump").count() == 1);
}

/// Made-up claims with the columns added after v1: `(doc, speaker, title,
/// org, cue_class)`, empty for null.
fn titled_claims(dir: &Path) -> std::path::PathBuf {
    let lines = [
        ("a1", "Rosa Vidal", "Senator", "", "speech"),
        ("a2", "Rosa Vidal", "Mayor", "Harbor City", "thought"),
        ("a3", "Rosa Vidal", "Mayor", "Harbor City", "speech"),
        (
            "a4",
            "Rosa Vidal",
            "Senator",
            "the Vidal campaign",
            "evidence",
        ),
        ("a5", "Rosa Vidal", "", "the Vidal campaign", ""),
        ("a6", "Ana Ruiz", "", "", "speech"),
        ("a7", "Ana Ruiz", "", "", "thought"),
    ];
    let cell = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(i, (doc, sp, title, org, class))| {
            serde_json::json!({
                "doc_id": doc, "claim_id": 0, "kind": "direct", "quote": format!("Quote number {i}."),
                "speaker": sp, "speaker_resolved": sp, "speaker_type": "person",
                "rule": "model", "speaker_title": cell(title), "speaker_org": cell(org),
                "cue_class": cell(class), "anonymity_reason": null, "outlet": "Ledger",
            })
            .to_string()
                + "\n"
        })
        .collect();
    let claims = dir.join("claims.jsonl");
    std::fs::write(&claims, text).unwrap();
    claims
}

#[test]
fn speakers_give_the_commonest_title_and_org_after_the_other_columns() {
    let dir = tempfile::tempdir().unwrap();
    let claims = titled_claims(dir.path());
    let out = dir.path().join("speakers.csv");
    whosaid(&[
        "speakers",
        claims.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut r = csv::Reader::from_path(&out).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        h[h.len() - 3..],
        ["top_outlets", "speaker_title", "speaker_org"],
        "after the other columns, the outlet column too"
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let get = |id: &str, col: &str| {
        let row = rows.iter().find(|r| &r[0] == id).unwrap();
        row[h.iter().position(|x| x == col).unwrap()].to_string()
    };
    // Senator 2, Mayor 2: the first seen of the tied. The campaign 2,
    // Harbor City 2: Harbor City was seen first.
    assert_eq!(get("rosa-vidal", "speaker_title"), "Senator");
    assert_eq!(get("rosa-vidal", "speaker_org"), "Harbor City");
    assert_eq!(get("rosa-vidal", "claims"), "5");
    assert_eq!(get("ana-ruiz", "speaker_title"), "", "none: empty");
    assert_eq!(get("ana-ruiz", "speaker_org"), "");
    // Without an outlet column, they are the last two all the same.
    let plain = dir.path().join("plain.jsonl");
    let text = std::fs::read_to_string(&claims).unwrap();
    std::fs::write(&plain, text.replace("\"outlet\"", "\"other\"")).unwrap();
    let out = dir.path().join("plain_speakers.csv");
    whosaid(&[
        "speakers",
        plain.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut r = csv::Reader::from_path(&out).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        h[h.len() - 3..],
        ["example_quote", "speaker_title", "speaker_org"]
    );
    let first = r.records().next().unwrap().unwrap();
    assert_eq!((&first[0], &first[h.len() - 2]), ("rosa-vidal", "Senator"));
}

#[test]
fn speakers_class_counts_only_the_claims_of_those_classes() {
    let dir = tempfile::tempdir().unwrap();
    let claims = titled_claims(dir.path());
    let out = dir.path().join("speakers.jsonl");
    let linked = dir.path().join("linked.csv");
    let o = whosaid(&[
        "speakers",
        claims.to_str().unwrap(),
        "--class",
        "speech",
        "-o",
        out.to_str().unwrap(),
        "--claims-out",
        linked.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("3 claims (of 7: --class speech)"), "{err}");
    let rows = jsonl(&out);
    assert_eq!(by_id(&rows, "rosa-vidal")["claims"], 2);
    // Of her speech claims, Senator and Mayor once each: Senator first.
    assert_eq!(by_id(&rows, "rosa-vidal")["speaker_title"], "Senator");
    assert_eq!(by_id(&rows, "rosa-vidal")["speaker_org"], "Harbor City");
    assert_eq!(by_id(&rows, "ana-ruiz")["claims"], 1);
    // The claims written again are those kept, each with its speaker.
    let mut r = csv::Reader::from_path(&linked).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let class = h.iter().position(|x| x == "cue_class").unwrap();
    let kept: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let got: Vec<(&str, &str)> = kept.iter().map(|r| (&r[0], &r[h.len() - 1])).collect();
    assert_eq!(
        got,
        [
            ("a1", "rosa-vidal"),
            ("a3", "rosa-vidal"),
            ("a6", "ana-ruiz")
        ]
    );
    assert!(kept.iter().all(|r| &r[class] == "speech"));
    // Two classes, comma-separated or the option repeated.
    for args in [
        &["--class", "speech,thought"][..],
        &["--class", "thought", "--class", "speech"],
    ] {
        let out = dir.path().join("two.jsonl");
        let mut all = vec![
            "speakers",
            claims.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        whosaid(&all);
        let rows = jsonl(&out);
        assert_eq!(by_id(&rows, "rosa-vidal")["claims"], 3, "{args:?}");
        // Senator once, Mayor twice among her speech and thought claims.
        assert_eq!(by_id(&rows, "rosa-vidal")["speaker_title"], "Mayor");
        assert_eq!(by_id(&rows, "ana-ruiz")["claims"], 2, "{args:?}");
    }
}

/// A claims file from before the columns added after v1: read as before,
/// the speakers' title and org empty; `--class` finds no claim of a class.
#[test]
fn speakers_read_claims_files_without_the_new_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv_claims = dir.path().join("old.csv");
    std::fs::write(
        &csv_claims,
        "doc_id,claim_id,kind,quote,speaker,speaker_resolved,speaker_type,rule\n\
         a1,0,direct,Quote one.,Senator Rosa Vidal,Rosa Vidal,person,model\n\
         a2,0,direct,Quote two.,Vidal,Vidal,person,model\n",
    )
    .unwrap();
    let json_claims = dir.path().join("old.jsonl");
    std::fs::write(
        &json_claims,
        "{\"doc_id\":\"a1\",\"kind\":\"direct\",\"quote\":\"Quote one.\",\"speaker\":\"Rosa Vidal\",\"speaker_type\":\"person\"}\n",
    )
    .unwrap();
    for claims in [&csv_claims, &json_claims] {
        let out = dir.path().join("speakers.jsonl");
        let linked = dir.path().join("linked.jsonl");
        whosaid(&[
            "speakers",
            claims.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--claims-out",
            linked.to_str().unwrap(),
        ]);
        let rows = jsonl(&out);
        let vidal = by_id(&rows, "rosa-vidal");
        assert_eq!(vidal["speaker_title"], "", "{claims:?}");
        assert_eq!(vidal["speaker_org"], "", "{claims:?}");
        assert!(
            jsonl(&linked)
                .iter()
                .all(|c| c["speaker_id"] == "rosa-vidal")
        );
        let o = whosaid(&[
            "speakers",
            claims.to_str().unwrap(),
            "--class",
            "speech",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(jsonl(&out).is_empty(), "{claims:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("0 claims (of "), "{err}");
    }
}
