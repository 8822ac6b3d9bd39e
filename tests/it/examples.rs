//! The examples users copy: every command line in the README's "Using it"
//! block and in each command's `--help` runs, in a folder holding the
//! files they name, and succeeds. A renamed option or a changed default
//! that breaks an example fails here.

use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn bin_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_BIN_EXE_whosaid"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A folder with every file the examples name.
fn fixture() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let root = super::root();
    let at = |p: &str| d.path().join(p);
    std::fs::create_dir_all(at("articles")).unwrap();
    let mut lines = String::new();
    let mut dump = String::new();
    for e in std::fs::read_dir(root.join("corpora/sample")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(at(&format!("articles/{name}.txt")), &text).unwrap();
        lines += &format!("{}\n", serde_json::json!({"id": name, "text": text}));
        dump += &format!(
            "{}\n",
            serde_json::json!({"uid": name, "body": text, "url": format!("https://news.example/{name}"), "date": "2026-11-26"})
        );
    }
    std::fs::write(at("articles.jsonl"), &lines).unwrap();
    std::fs::write(at("articles.jsonl.gz"), gzip(lines.as_bytes())).unwrap();
    std::fs::write(at("dump.jsonl"), &dump).unwrap();
    std::fs::write(at("dump.jsonl.gz"), gzip(dump.as_bytes())).unwrap();
    let page = std::fs::read_to_string(root.join("tests/data/html/harbor-vote.html")).unwrap();
    std::fs::write(at("page.html"), &page).unwrap();
    std::fs::write(at("crawl.warc.gz"), gzip(&crate::inputs::as_warc(&page))).unwrap();
    let array: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    std::fs::write(at("articles.json"), serde_json::to_string(&array).unwrap()).unwrap();
    let gold = root.join("tests/data/gold-mini");
    let budget = std::fs::read_to_string(gold.join("text/budget.txt")).unwrap();
    std::fs::write(at("story.txt"), &budget).unwrap();
    // Five annotated articles (the gold sample under five names), and the
    // same articles as a CSV export, so that claims made from the export
    // can be scored against them.
    std::fs::create_dir_all(at("annotated/text")).unwrap();
    std::fs::create_dir_all(at("annotated/attributions")).unwrap();
    let ann = std::fs::read_to_string(gold.join("attributions/budget_aa01.ann")).unwrap();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(at("export.csv"))
        .unwrap();
    w.write_record(["id", "Article"]).unwrap();
    for k in 1..=5 {
        std::fs::write(at(&format!("annotated/text/budget{k}.txt")), &budget).unwrap();
        std::fs::write(
            at(&format!("annotated/attributions/budget{k}_aa01.ann")),
            &ann,
        )
        .unwrap();
        w.write_record([format!("budget{k}"), budget.clone()])
            .unwrap();
    }
    w.flush().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "annotated/text", "-o", "other_tool.jsonl", "-q"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    // Claims of the sample, for the corpus commands' examples.
    for out in ["claims.jsonl", "claims.csv"] {
        let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "articles", "-o", out, "-q"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success());
    }
    corrections(d.path());
    d
}

/// Corrections files as the review page saves them: `corrections.jsonl`
/// (five sample articles, reviewed, their extracted claims marked
/// correct), and two reviewers' files of two articles that disagree on a
/// claim (`ann.jsonl`, `ben.jsonl`).
fn corrections(dir: &Path) {
    use whosaid::eval::corrections::sha256;
    let claims = std::fs::read_to_string(dir.join("claims.jsonl")).unwrap();
    let mut by_doc: std::collections::BTreeMap<String, Vec<serde_json::Value>> = Default::default();
    for l in claims.lines() {
        let c: serde_json::Value = serde_json::from_str(l).unwrap();
        let claim = serde_json::json!({
            "content_spans": c["content_spans"], "speaker_span": c["speaker_span"],
            "cue_span": c["cue_span"], "speaker_type": c["speaker_type"],
            "cue_class": c["cue_class"], "status": "correct"});
        by_doc
            .entry(c["doc_id"].as_str().unwrap().to_string())
            .or_default()
            .push(claim);
    }
    let line = |id: &str, claims: &[serde_json::Value]| {
        let text = std::fs::read_to_string(dir.join(format!("articles/{id}.txt"))).unwrap();
        serde_json::json!({"doc_id": id, "text_sha256": sha256(&text), "text": text,
                           "reviewed": true, "reviewer": "", "claims": claims})
        .to_string()
            + "\n"
    };
    let docs: Vec<(&String, &Vec<serde_json::Value>)> = by_doc.iter().take(5).collect();
    let all: String = docs.iter().map(|(id, c)| line(id, c)).collect();
    std::fs::write(dir.join("corrections.jsonl"), all).unwrap();
    let ann: String = docs[..2].iter().map(|(id, c)| line(id, c)).collect();
    let ben: String = docs[..2].iter().map(|(id, c)| line(id, &c[1..])).collect();
    std::fs::write(dir.join("ann.jsonl"), ann).unwrap();
    std::fs::write(dir.join("ben.jsonl"), ben).unwrap();
}

/// Runs `commands` in order in a fresh fixture, `whosaid` being the binary
/// under test.
fn run_all(source: &str, commands: &[String]) {
    assert!(!commands.is_empty(), "{source}: no examples found");
    let d = fixture();
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for c in commands {
        let o = Command::new("sh")
            .args(["-c", c])
            .current_dir(d.path())
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{source}: `{c}` failed ({:?}): {}",
            o.status.code(),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// The command lines of a help text's "Examples:" section: lines indented
/// by two spaces (descriptions are indented further, or follow the command
/// after two spaces).
fn help_examples(help: &str) -> Vec<String> {
    let Some(start) = help.find("Examples:\n") else {
        return Vec::new();
    };
    help[start + 10..]
        .lines()
        .take_while(|l| l.starts_with("  ") || l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.trim().split("  ").next().unwrap().trim().to_string())
        .collect()
}

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn readme_usage_lines_run() {
    let readme = std::fs::read_to_string(super::root().join("README.md")).unwrap();
    let usage = &readme[readme.find("## Using it").unwrap()..];
    let start = usage.find("```sh\n").unwrap() + 6;
    let end = start + usage[start..].find("```").unwrap();
    let commands: Vec<String> = usage[start..end]
        .lines()
        .map(|l| l.split(" # ").next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    run_all("README", &commands);
}

#[test]
fn readme_input_table_examples_run() {
    let readme = std::fs::read_to_string(super::root().join("README.md")).unwrap();
    let table = &readme[readme.find("| input | example |").unwrap()..];
    let commands: Vec<String> = table
        .lines()
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cell = l.split(" | ").nth(1)?;
            let c = cell.strip_prefix('`')?.strip_suffix('`')?;
            Some(c.replace("\\|", "|"))
        })
        .filter(|c| c.contains("whosaid"))
        .collect();
    run_all("README input table", &commands);
}

#[test]
fn every_help_example_runs() {
    let mut commands = vec![
        vec![],
        vec!["extract"],
        vec!["eval"],
        vec!["bench"],
        vec!["speakers"],
        vec!["quotes"],
        vec!["show"],
        vec!["gold"],
    ];
    if cfg!(feature = "train") {
        commands.push(vec!["train"]);
    }
    for cmd in commands {
        let mut args = cmd.clone();
        args.push("--help");
        let examples = help_examples(&help(&args));
        run_all(&format!("whosaid {} --help", cmd.join(" ")), &examples);
    }
}
