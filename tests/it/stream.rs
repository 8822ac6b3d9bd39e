//! The streaming contract (what an engine such as Spark's `pipe` relies
//! on): JSONL in on standard input, JSONL out, one document at a time in
//! input order, so that any split of a corpus into chunks gives, chunk
//! after chunk, the output of one run; and a bad record is skipped,
//! recorded in the output, or stops the run, as `--on-error` says.

use std::process::Output;

fn stdin_run(args: &[&str], input: &[u8]) -> Output {
    super::run_with_input(args, input)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The sample articles as JSONL records, three times over (48 records).
fn corpus() -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(super::root().join("corpora/sample"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut lines = Vec::new();
    for round in 0..3 {
        for p in &names {
            let text = std::fs::read_to_string(p).unwrap();
            let id = format!("{}-{round}", p.file_stem().unwrap().to_str().unwrap());
            lines.push(serde_json::json!({"id": id, "text": text}).to_string());
        }
    }
    lines
}

#[test]
fn chunks_through_standard_input_give_the_whole_run() {
    let lines = corpus();
    let whole = lines.join("\n") + "\n";
    let args = [
        "extract",
        "-",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
        "-j",
        "1",
        "-q",
    ];
    let one = stdin_run(&args, whole.as_bytes());
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(one.stdout.len() > 10_000);
    for k in [2, 5, 7] {
        let size = lines.len().div_ceil(k);
        let mut joined = Vec::new();
        for chunk in lines.chunks(size) {
            let input = chunk.join("\n") + "\n";
            // Auto-detection must read the chunks as JSONL too.
            let o = stdin_run(&["extract", "-", "-j", "1", "-q"], input.as_bytes());
            assert!(o.status.success(), "{}", stderr(&o));
            joined.extend(o.stdout);
        }
        assert!(joined == one.stdout, "{k} chunks differ from one run");
    }
    // More threads, same bytes.
    let two = stdin_run(&["extract", "-", "-j", "2", "-q"], whole.as_bytes());
    assert!(two.stdout == one.stdout);
}

/// Good, broken JSON, a record without its text, good.
fn with_bad_records() -> String {
    let good = |id: &str| {
        serde_json::json!({"id": id, "text": "\"We will build it,\" Mayor Ada Stone said."})
            .to_string()
    };
    format!(
        "{}\n{{\"id\": \"r2\", \"text\": \n{}\n{}\n",
        good("r1"),
        serde_json::json!({"id": "r3", "body": "no text field"}),
        good("r4")
    )
}

#[test]
fn a_bad_record_under_each_policy() {
    let input = with_bad_records();
    let ids = |o: &Output| -> Vec<(String, bool)> {
        String::from_utf8(o.stdout.clone())
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    v["doc_id"].as_str().unwrap().to_string(),
                    v.get("error").is_some(),
                )
            })
            .collect()
    };
    // skip: the good records' claims, the bad ones named, exit 1.
    let o = stdin_run(
        &["extract", "-", "-q", "--on-error", "skip"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(ids(&o), [("r1".into(), false), ("r4".into(), false)]);
    assert!(
        stderr(&o).contains(":2") && stderr(&o).contains("r3 failed"),
        "{}",
        stderr(&o)
    );
    // record: a failure line in place of each bad record, exit 0. The
    // broken line has no readable id: its place names it; the record
    // without text keeps its id.
    let o = stdin_run(
        &["extract", "-", "-q", "--on-error", "record"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = ids(&o);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0], ("r1".into(), false));
    assert!(got[1].1 && got[1].0.ends_with(":2"), "{got:?}");
    assert_eq!(got[2], ("r3".into(), true));
    assert_eq!(got[3], ("r4".into(), false));
    // fail: stop at the first bad record, exit 1, nothing after it.
    let o = stdin_run(
        &["extract", "-", "-q", "--on-error", "fail"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(ids(&o), [("r1".into(), false)]);
    assert!(stderr(&o).contains("--on-error fail"), "{}", stderr(&o));
    // record is for JSONL output only.
    let o = stdin_run(
        &["extract", "-", "--on-error", "record", "--format", "csv"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
