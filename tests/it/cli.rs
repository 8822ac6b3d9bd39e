//! The `whosaid` command: inputs, outputs, formats, errors and exit codes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn run(args: &[&str]) -> Output {
    whosaid().args(args).output().expect("whosaid runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = whosaid()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write(dir: &Path, name: &str, body: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

const ARTICLE: &str = "\"We will win,\" Jane Roe said.\n\n\"=SUM(A1),\" said Bob Poe.\n";

#[test]
fn folder_input_ids_are_relative_paths_without_extension() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", ARTICLE.as_bytes());
    write(d.path(), "sub/b.txt", ARTICLE.as_bytes());
    write(d.path(), "notes.md", b"ignored");
    let o = run(&[
        "extract",
        d.path().to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<String> = jsonl(&stdout(&o))
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["a", "a", "sub/b", "sub/b"]);
}

#[test]
fn jsonl_schema_and_code_point_offsets() {
    let o = run_stdin(
        &["extract", "-", "-q"],
        "“Ça va,” Zoë Dubois said.".as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = jsonl(&stdout(&o));
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), whosaid::emit::COLUMNS.len());
    assert_eq!(r["doc_id"], "stdin");
    assert_eq!(r["quote"], "“Ça va,”");
    // Code points, not bytes: “ and Ç are one each.
    assert_eq!(r["content_spans"], serde_json::json!([[0, 8]]));
    assert_eq!(r["speaker_span"], serde_json::json!([9, 19]));
}

#[test]
fn csv_has_header_and_rfc4180_quoting() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", ARTICLE.as_bytes());
    let out = d.path().join("claims.csv");
    let o = run(&[
        "extract",
        d.path().join("a.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), whosaid::emit::COLUMNS.join(","));
    assert!(
        csv.contains("a,0,direct,\"\"\"We will win,\"\"\",0-14,Jane Roe,15-23,"),
        "{csv}"
    );
    let mut r = csv::Reader::from_path(&out).unwrap();
    assert_eq!(r.records().count(), 2);
}

#[test]
fn csv_formula_guard_on_by_default_and_off_on_request() {
    let input = format!(
        "{}\n",
        serde_json::json!({"id": "x", "text": ARTICLE, "src": "=HYPERLINK(\"http://a\")"})
    );
    let o = run_stdin(
        &[
            "extract",
            "-",
            "--input-format",
            "jsonl",
            "--format",
            "csv",
            "--keep",
            "src",
            "-q",
        ],
        input.as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let body = stdout(&o);
    assert!(
        body.lines()
            .next()
            .unwrap()
            .ends_with(",rule,speaker_title,speaker_org,cue_class,anonymity_reason,src"),
        "{body}"
    );
    assert!(
        body.contains(",\"'=HYPERLINK(\"\"http://a\"\")\""),
        "{body}"
    );
    let o = run_stdin(
        &[
            "extract",
            "-",
            "--input-format",
            "jsonl",
            "--format",
            "csv",
            "--keep",
            "src",
            "--no-formula-guard",
            "-q",
        ],
        input.as_bytes(),
    );
    assert!(stdout(&o).contains(",\"=HYPERLINK("), "{}", stdout(&o));
}

#[test]
fn jsonl_input_with_id_text_and_kept_fields_and_a_bad_line() {
    let d = tempfile::tempdir().unwrap();
    let body = format!(
        "{}\n{{not json\n{}\n",
        serde_json::json!({"uid": "n1", "body": ARTICLE, "source": "Herald"}),
        serde_json::json!({"uid": 7, "body": "Nothing quoted."})
    );
    write(d.path(), "dump.jsonl", body.as_bytes());
    let o = run(&[
        "extract",
        d.path().join("dump.jsonl").to_str().unwrap(),
        "--id-field",
        "uid",
        "--text-field",
        "body",
        "--keep",
        "source",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad line fails that record only"
    );
    let err = stderr(&o);
    assert!(
        err.contains("dump.jsonl:2") && err.contains("invalid JSON"),
        "{err}"
    );
    assert!(err.contains("3 documents (1 failed)"), "{err}");
    let recs = jsonl(&stdout(&o));
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["doc_id"], "n1");
    assert_eq!(recs[0]["source"], "Herald");
}

#[test]
fn missing_input_is_a_usage_error_naming_it() {
    let o = run(&["extract", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/folder"), "{}", stderr(&o));
}

#[test]
fn binary_and_cp1252_files_are_reported_and_the_run_goes_on() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", ARTICLE.as_bytes());
    write(d.path(), "b.txt", &[0u8; 200]);
    write(d.path(), "c.txt", b"\x93We won,\x94 Roe said.");
    let report = d.path().join("report.jsonl");
    let o = run(&[
        "extract",
        d.path().to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("b failed") && err.contains("binary"), "{err}");
    assert!(err.contains("Windows-1252"), "{err}");
    let recs = jsonl(&stdout(&o));
    assert_eq!(
        recs.iter().filter(|r| r["doc_id"] == "c").count(),
        1,
        "the cp1252 file is read"
    );
    let statuses: Vec<String> = jsonl(&std::fs::read_to_string(report).unwrap())
        .iter()
        .map(|r| {
            format!(
                "{}:{}",
                r["doc_id"].as_str().unwrap(),
                r["status"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(statuses, vec!["a:ok", "b:failed", "c:warning"]);
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            d.path(),
            &format!("doc{i:02}.txt"),
            format!("\"Item {i},\" Roe said.").as_bytes(),
        );
    }
    let one = stdout(&run(&[
        "extract",
        d.path().to_str().unwrap(),
        "-j",
        "1",
        "-q",
    ]));
    let two = stdout(&run(&[
        "extract",
        d.path().to_str().unwrap(),
        "-j",
        "2",
        "-q",
    ]));
    assert_eq!(one, two);
    assert_eq!(one.lines().count(), 40);
}

#[test]
fn output_file_appears_whole_and_leaves_no_temporary_files() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "in/a.txt", ARTICLE.as_bytes());
    let out = d.path().join("out.jsonl");
    std::fs::write(&out, "old contents\n").unwrap();
    let o = run(&[
        "extract",
        d.path().join("in").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only in/ and out.jsonl: {names:?}");
    // Special files are written directly.
    let o = run(&[
        "extract",
        d.path().join("in").to_str().unwrap(),
        "-o",
        "/dev/null",
        "-q",
    ]);
    assert!(o.status.success());
}

#[test]
fn summary_line_on_stderr() {
    let o = run_stdin(&["extract", "-"], ARTICLE.as_bytes());
    let err = stderr(&o);
    assert!(
        err.starts_with("whosaid: standard input read as text\n"),
        "{err}"
    );
    assert!(
        err.contains("\nwhosaid: 1 documents (0 failed), 2 claims,"),
        "{err}"
    );
    assert!(err.contains("MB/s"), "{err}");
}

#[test]
fn eval_prints_json_with_the_documented_keys() {
    let gold = super::root().join("tests/data/gold-mini");
    let o = run(&["eval", "--gold", gold.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    for subset in ["all", "direct"] {
        for crit in [
            "content_partial",
            "content_exact",
            "attribution",
            "cue",
            "content_token",
        ] {
            for k in ["p", "r", "f1"] {
                assert!(v[subset][crit][k].is_number(), "{subset}.{crit}.{k}");
            }
        }
    }
    assert_eq!(v["direct"]["attribution"]["f1"], 1.0);
}

#[test]
fn eval_scores_a_prediction_file_and_writes_errors() {
    let d = tempfile::tempdir().unwrap();
    let gold = super::root().join("tests/data/gold-mini");
    let pred = d.path().join("pred.jsonl");
    let o = run(&[
        "extract",
        gold.join("text").to_str().unwrap(),
        "-o",
        pred.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    // Drop the budget article's first claim, so the errors file must name a miss.
    let claims = std::fs::read_to_string(&pred).unwrap();
    let mut dropped = false;
    let kept: Vec<&str> = claims
        .lines()
        .filter(|l| {
            let first_budget = !dropped && l.contains("\"doc_id\":\"budget\"");
            dropped |= first_budget;
            !first_budget
        })
        .collect();
    assert!(dropped, "no claim for the budget article: {claims}");
    std::fs::write(&pred, kept.join("\n") + "\n").unwrap();
    let errors = d.path().join("errors.jsonl");
    let o = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--json",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(v["direct"]["attribution"]["f1"].as_f64().unwrap() < 1.0);
    let errs = jsonl(&std::fs::read_to_string(errors).unwrap());
    assert!(errs.iter().all(|e| e["doc"] == "budget"));
    assert!(errs.iter().any(|e| e["error"] == "missed"), "{errs:?}");
}

#[test]
fn eval_by_rule_lists_rules_and_cues() {
    let gold = super::root().join("tests/data/gold-mini");
    let o = run(&["eval", "--gold", gold.to_str().unwrap(), "--by-rule"]);
    let out = stdout(&o);
    assert!(out.contains("quote_speaker_cue"), "{out}");
    assert!(out.contains("gold cue"), "{out}");
}

#[test]
fn help_describes_the_commands() {
    let out = stdout(&run(&["--help"]));
    assert!(out.contains("extract") && out.contains("eval"), "{out}");
    let out = stdout(&run(&["extract", "--help"]));
    assert!(out.contains("--format") && out.contains("--keep"), "{out}");
    // Every output column is listed, with `whosaid columns` saying the same.
    let columns = stdout(&run(&["columns"]));
    for c in whosaid::emit::COLUMNS.iter().chain(&["context"]) {
        assert!(out.contains(&format!("\n  {c} ")), "{c} missing: {out}");
        assert!(
            columns.contains(&format!("\n  {c} ")),
            "{c} missing: {columns}"
        );
    }
    // Plain words and examples in every command's help.
    let mut commands = vec!["extract", "eval", "bench", "columns"];
    if cfg!(feature = "train") {
        commands.push("train");
    }
    for cmd in commands {
        for flag in ["-h", "--help"] {
            let out = stdout(&run(&[cmd, flag]));
            for jargon in ["sieve", "BRAT", "memchr", "Aho-Corasick", "floor"] {
                assert!(!out.contains(jargon), "{cmd} {flag} says {jargon:?}: {out}");
            }
            if cmd != "columns" {
                assert!(out.contains("Examples:\n  whosaid"), "{cmd} {flag}: {out}");
            }
        }
    }
    let version = stdout(&run(&["--version"]));
    assert_eq!(
        version.trim(),
        format!("whosaid {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bench_reports_every_stage_and_the_floor() {
    let sample = super::root().join("corpora/sample");
    let o = run(&[
        "bench",
        sample.to_str().unwrap(),
        "--min-mb",
        "1",
        "--floor",
        "--json",
        "-j",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let names: Vec<&str> = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "scan",
            "paragraphs",
            "quotes",
            "sentences",
            "cues",
            "features",
            "attribute",
            "model",
            "finish",
            "resolve",
            "emit (jsonl)"
        ]
    );
    assert!(v["bytes"].as_u64().unwrap() >= 1 << 20);
    assert!(v["end_to_end"]["mb_per_s"].as_f64().unwrap() > 0.0);
    assert!(v["ratio_to_floor"].as_f64().unwrap() > 0.0);
}

#[test]
fn bench_from_disk_reads_the_files_like_extract() {
    let sample = super::root().join("corpora/sample");
    let o = run(&[
        "bench",
        sample.to_str().unwrap(),
        "--from-disk",
        "--rounds",
        "1",
        "--json",
        "-j",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    // Every article of the sample, read by both; the same claims as extract.
    let articles = std::fs::read_dir(&sample)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(v["documents"].as_u64().unwrap() as usize, articles);
    assert!(v["floor"]["docs_per_s"].as_f64().unwrap() > 0.0);
    let extracted = stdout(&run(&[
        "extract",
        sample.to_str().unwrap(),
        "--format",
        "jsonl",
    ]))
    .lines()
    .count();
    assert_eq!(v["claims"].as_u64().unwrap() as usize, extracted);
    assert!(v["ratio_to_floor"].as_f64().unwrap() > 0.0);
    // Standard input cannot be read twice.
    let o = run(&["bench", "-", "--from-disk"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--from-disk"), "{}", stderr(&o));
}

#[test]
fn csv_input_with_fields_and_a_missing_text_column() {
    let d = tempfile::tempdir().unwrap();
    let mut w = csv::Writer::from_path(d.path().join("export.csv")).unwrap();
    w.write_record(["uid", "article", "section"]).unwrap();
    w.write_record(["a1", ARTICLE, "politics"]).unwrap();
    w.write_record(["a2", "No quotes here.", "sports"]).unwrap();
    w.flush().unwrap();
    write(
        d.path(),
        "other.csv",
        b"uid,body\nx,\"Roe said: \"\"Hi.\"\"\"\n",
    );
    let o = run(&[
        "extract",
        d.path().join("export.csv").to_str().unwrap(),
        d.path().join("other.csv").to_str().unwrap(),
        "--id-field",
        "uid",
        "--text-field",
        "article",
        "--keep",
        "section",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("other.csv: no column \"article\" (columns: uid, body"),
        "{}",
        stderr(&o)
    );
    let recs = jsonl(&stdout(&o));
    assert_eq!(recs.len(), 2);
    // Two inputs: each doc_id starts with its input's name.
    let id = d.path().join("export/a1");
    assert!(
        recs.iter()
            .all(|r| r["doc_id"] == id.to_str().unwrap() && r["section"] == "politics"),
        "{recs:?}"
    );
}

#[test]
fn min_confidence_drops_less_reliable_rules() {
    let sample = super::root().join("corpora/sample/water-rates.txt");
    let all = jsonl(&stdout(&run(&["extract", sample.to_str().unwrap(), "-q"])));
    let strict = jsonl(&stdout(&run(&[
        "extract",
        sample.to_str().unwrap(),
        "-q",
        "--min-confidence",
        "0.9",
    ])));
    assert!(strict.len() < all.len() && !strict.is_empty());
    assert!(
        strict
            .iter()
            .all(|r| r["confidence"].as_f64().unwrap() >= 0.9)
    );
    // claim_id still counts from 0 without gaps.
    assert!(strict.iter().enumerate().all(|(i, r)| r["claim_id"] == i));
}

/// The README's first command: every file of the sample corpus is an
/// article, read without a failure, into a CSV.
#[test]
fn the_readme_command_reads_the_whole_sample_corpus() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("claims.csv");
    let sample = super::root().join("corpora/sample");
    let o = run(&[
        "extract",
        sample.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let articles = std::fs::read_dir(&sample).unwrap().count();
    assert!(
        stderr(&o).contains(&format!("{articles} documents (0 failed)")),
        "{}",
        stderr(&o)
    );
}

/// `whosaid bench` with no input measures the built-in sample articles,
/// wherever it runs, and they are the articles of `corpora/sample`.
#[test]
fn bench_runs_anywhere_on_the_built_in_sample() {
    let d = tempfile::tempdir().unwrap();
    let o = whosaid()
        .args([
            "bench",
            "--min-mb",
            "1",
            "--json",
            "-j",
            "1",
            "--rules-only",
        ])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let articles = std::fs::read_dir(super::root().join("corpora/sample"))
        .unwrap()
        .count();
    let once = articles as u64;
    let docs = v["documents"].as_u64().unwrap();
    assert!(
        docs >= once && docs.is_multiple_of(once),
        "{docs} documents, {articles} articles"
    );
}

#[test]
fn eval_reads_csv_claims_and_warns_when_no_doc_id_matches() {
    let d = tempfile::tempdir().unwrap();
    let gold = super::root().join("tests/data/gold-mini");
    let (csv, jsonl) = (d.path().join("p.csv"), d.path().join("p.jsonl"));
    for p in [&csv, &jsonl] {
        let o = run(&[
            "extract",
            gold.join("text").to_str().unwrap(),
            "-o",
            p.to_str().unwrap(),
            "-q",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let score = |p: &Path| {
        let o = run(&[
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            "--pred",
            p.to_str().unwrap(),
            "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(
        score(&csv),
        score(&jsonl),
        "CSV and JSONL claims score alike"
    );
    // Claims about other documents: a warning naming both sides, exit 1.
    let other = d.path().join("other.jsonl");
    std::fs::write(
        &other,
        "{\"doc_id\":\"elsewhere/zebra\",\"content_spans\":[[0,3]],\"speaker_span\":null,\"cue_span\":null}\n",
    )
    .unwrap();
    let o = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        other.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("zebra") && err.contains("budget"), "{err}");
    // A file that is no claims file says what is needed.
    let bad = d.path().join("bad.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let o = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("doc_id and content_spans"),
        "{}",
        stderr(&o)
    );
}

/// On a terminal (run under `script`, which gives the command one), a
/// progress bar with a percentage and the time left is drawn when claims
/// go to a file, and none when they are printed on that same terminal.
#[cfg(unix)]
#[test]
fn progress_bar_on_a_terminal_only_beside_a_file() {
    let d = tempfile::tempdir().unwrap();
    let sample = super::root().join("corpora/sample");
    let out = d.path().join("c.jsonl");
    let on_tty = |args: String| {
        let o = Command::new("script")
            .args(["-qec", &args, "/dev/null"])
            .output()
            .expect("script (util-linux) runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let bin = env!("CARGO_BIN_EXE_whosaid");
    let shown = on_tty(format!(
        "{bin} extract {} -o {} -j 1",
        sample.display(),
        out.display()
    ));
    assert!(shown.contains("100%") && shown.contains("left"), "{shown}");
    assert!(shown.contains("17 documents (0 failed)"), "{shown}");
    let printed = on_tty(format!("{bin} extract {} -j 1", sample.display()));
    assert!(printed.contains("\"doc_id\""), "{printed}");
    assert!(!printed.contains("left ·"), "{printed}");
}

/// The README's example: its command, run, prints its JSON block.
#[test]
fn readme_example_output_is_current() {
    let readme = std::fs::read_to_string(super::root().join("README.md")).unwrap();
    let example = &readme[readme.find("## Example").expect("an Example section")..];
    let block = |fence: &str| {
        let start = example.find(fence).expect(fence) + fence.len();
        let len = example[start..].find("```").unwrap();
        example[start..start + len].trim().to_string()
    };
    let command =
        block("```sh\n").replace("whosaid ", &format!("{} ", env!("CARGO_BIN_EXE_whosaid")));
    let expected = block("```json\n");
    let o = Command::new("sh").args(["-c", &command]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        expected,
        "update the README's example output"
    );
}

/// `extract --class`: every claim written is of a class asked for, the
/// classes one at a time add up to all of them together, commas and a
/// repeated option are the same, and the summary counts what was written.
#[test]
fn class_keeps_only_claims_of_those_cue_classes() {
    let sample = super::root().join("corpora/sample/water-rates.txt");
    let sample = sample.to_str().unwrap();
    let claims = |extra: &[&str]| {
        let mut args = vec!["extract", sample, "-q"];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
        jsonl(&stdout(&o))
    };
    let all = claims(&[]);
    assert!(!all.is_empty());
    let classed = all.iter().filter(|r| !r["cue_class"].is_null()).count();
    let mut sum = 0;
    for class in ["speech", "thought", "evidence"] {
        let kept = claims(&["--class", class]);
        assert!(
            kept.iter().all(|r| r["cue_class"] == class),
            "--class {class}: {kept:?}"
        );
        assert!(kept.iter().enumerate().all(|(i, r)| r["claim_id"] == i));
        sum += kept.len();
    }
    let together = claims(&["--class", "speech,thought,evidence"]);
    assert_eq!(together.len(), sum);
    assert_eq!(
        together.len(),
        classed,
        "a claim without a class is left out"
    );
    let repeated = claims(&["--class", "speech", "--class", "thought,evidence"]);
    assert_eq!(repeated, together);
    // The summary counts the claims written, not those found.
    let o = run_stdin(&["extract", "-", "--class", "speech"], ARTICLE.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let written = stdout(&o).lines().count();
    assert!(
        stderr(&o).contains(&format!(", {written} claims,")),
        "{written} written: {}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_class_is_an_argument_error_naming_the_known_ones() {
    for cmd in ["extract", "speakers"] {
        let o = run(&[cmd, "-", "--class", "speech,opinion"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("\"opinion\""), "{cmd}: {err}");
        assert!(err.contains("speech, thought, evidence"), "{cmd}: {err}");
        assert!(stdout(&o).is_empty());
    }
    let help = stdout(&run(&["extract", "--help"]));
    assert!(help.contains("--class <CLASS>"), "{help}");
    assert!(help.contains("--class speech,thought"), "{help}");
}
