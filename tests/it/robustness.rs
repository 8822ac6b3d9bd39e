//! Hostile input and interrupted runs: every document is processed or
//! reported, pathological text runs in linear time, and an output file is
//! never left half-written under its name.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use whosaid::Pipeline;

fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// Deterministic pseudo-random text made of the tokens that drive every
/// stage, with no sentence or paragraph breaks.
fn hostile_line(bytes: usize, seed: u64) -> String {
    let pieces = [
        "said",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "''",
        " Sen. Roe ",
        " he ",
        "according to",
        ",",
        " the ",
        "told reporters",
        ":",
        "(",
        ")",
        " Smith ",
        "says",
        " that ",
        "«",
        "»",
    ];
    let mut x = seed;
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(pieces[(x >> 33) as usize % pieces.len()]);
    }
    s
}

fn assert_valid(text: &str, p: &Pipeline) -> usize {
    let claims = p.extract(text);
    if let Err(e) = whosaid::doc::check_claims(text, &claims) {
        panic!("{e}");
    }
    claims.len()
}

#[test]
fn megabytes_without_a_sentence_break_finish() {
    // A quadratic stage would take minutes here; linear ones take well
    // under a second in a release build.
    let p = Pipeline::new();
    let text = hostile_line(3 << 20, 7);
    assert!(assert_valid(&text, &p) > 0);
}

#[test]
fn deeply_nested_quotes_finish() {
    let p = Pipeline::new();
    let text = "“‘".repeat(200_000) + " he said";
    assert_valid(&text, &p);
    let text = "“".repeat(100_000) + "Hi,” he said.";
    assert_valid(&text, &p);
}

#[test]
fn crlf_gives_the_same_claims_as_lf() {
    let lf = "“We will win,” Roe said.\n\n“And soon.”\n\nShe left.";
    let crlf = lf.replace('\n', "\r\n");
    let p = Pipeline::new();
    let quotes = |t: &str| -> Vec<String> {
        p.extract(t)
            .iter()
            .map(|c| {
                c.content
                    .iter()
                    .map(|s| t[s.range()].to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    assert_eq!(quotes(lf), quotes(&crlf));
    assert_eq!(quotes(lf), quotes(&lf.replace('\n', "\r")));
}

fn write(dir: &Path, name: &str, body: &[u8]) {
    std::fs::write(dir.join(name), body).unwrap();
}

#[test]
fn empty_oversized_and_truncated_inputs_are_accounted_for() {
    let d = tempfile::tempdir().unwrap();
    let docs = d.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "empty.txt", b"");
    write(&docs, "big.txt", &vec![b'a'; 5000]);
    write(&docs, "ok.txt", "“Yes,” Roe said.".as_bytes());
    let jsonl = d.path().join("dump.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"j1\",\"text\":\"“No,” Poe said.\"}\n{\"id\":\"j2\",\"text\":\"cut o",
    )
    .unwrap();
    let report = d.path().join("report.jsonl");
    let o = whosaid()
        .args([
            "extract",
            docs.to_str().unwrap(),
            jsonl.to_str().unwrap(),
            "--max-doc-bytes",
            "1000",
            "--report",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("big failed") && err.contains("--max-doc-bytes 1000"),
        "{err}"
    );
    assert!(
        err.contains("dump.jsonl:2") && err.contains("invalid JSON"),
        "{err}"
    );
    assert!(err.contains("5 documents (2 failed), 2 claims"), "{err}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<String> = lines
        .iter()
        .map(|l| {
            format!(
                "{}:{}",
                l["doc_id"].as_str().unwrap(),
                l["status"].as_str().unwrap()
            )
        })
        .collect();
    // Several inputs: each document's id starts with its input's name.
    let (docs, dump) = (docs.display(), d.path().join("dump").display().to_string());
    assert_eq!(
        statuses,
        vec![
            format!("{docs}/big:failed"),
            format!("{docs}/empty:ok"),
            format!("{docs}/ok:ok"),
            format!("{dump}/j1:ok"),
            format!("{}:2:failed", jsonl.display()),
        ]
    );
}

#[test]
fn unwritable_output_is_a_fatal_error_naming_it() {
    let o = whosaid()
        .args(["extract", "-", "-o", "/no/such/dir/out.csv"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/dir/out.csv"));
}

fn folder_of_articles(dir: &Path, n: usize) {
    for i in 0..n {
        write(
            dir,
            &format!("a{i:05}.txt"),
            format!("“Item {i},” Roe said. {}", "Filler text. ".repeat(50)).as_bytes(),
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let d = tempfile::tempdir().unwrap();
    folder_of_articles(d.path(), 3000);
    let mut child = whosaid()
        .args(["extract", d.path().to_str().unwrap(), "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone now, as with `| head -1`.
    let o = child.wait_with_output().unwrap();
    assert!(first.contains("\"claim_id\":0"));
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn run_then_signal(signal: &str) -> (tempfile::TempDir, std::process::ExitStatus) {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // One big hostile document keeps the run busy for a while.
    write(&input, "big.txt", hostile_line(12 << 20, 3).as_bytes());
    let out = d.path().join("claims.csv");
    std::fs::write(&out, "previous results\n").unwrap();
    let mut child = whosaid()
        .args([
            "extract",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--max-doc-bytes",
            "100000000",
            "-q",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    (d, status)
}

#[test]
fn a_killed_run_leaves_the_target_untouched() {
    let (d, status) = run_then_signal("-KILL");
    assert!(!status.success());
    assert_eq!(
        std::fs::read_to_string(d.path().join("claims.csv")).unwrap(),
        "previous results\n"
    );
}

#[test]
fn an_interrupted_run_removes_its_temporary_file() {
    let (d, status) = run_then_signal("-INT");
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        std::fs::read_to_string(d.path().join("claims.csv")).unwrap(),
        "previous results\n"
    );
    let mut names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["claims.csv", "in"]);
}

#[test]
fn stdin_can_be_written_and_closed() {
    let mut child = whosaid()
        .args(["extract", "-", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xEF\xBB\xBF\"Hi,\" Roe said.\r\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let line = String::from_utf8(o.stdout).unwrap();
    // The BOM is dropped, so offsets count from the first real character.
    assert!(line.contains("\"content_spans\":[[0,5]]"), "{line}");
}
