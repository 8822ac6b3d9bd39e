//! Inputs as researchers have them: compressed files, HTML pages, web
//! archives, JSON arrays, TSV and other CSV dialects, JSONL on standard
//! input. Each kind gives the claims its plain-text form gives (the same
//! content and speakers), and each way a run used to go silently wrong now
//! works or fails loudly, naming the input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `whosaid extract`.
fn whosaid() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    c.arg("extract");
    c
}

fn run(args: &[&str]) -> Output {
    whosaid().args(args).output().expect("whosaid runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let args: Vec<&str> = std::iter::once("extract")
        .chain(args.iter().copied())
        .collect();
    super::run_with_input(&args, input)
}

/// Makes a FIFO at `path` (by mkfifo(1)).
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The article the kinds carry: one of the sample corpus's.
fn article() -> String {
    std::fs::read_to_string(super::root().join("corpora/sample/council-budget.txt")).unwrap()
}

/// (doc_id, quote, speaker) of each claim in JSONL output.
fn claims(o: &Output) -> Vec<(String, String, String)> {
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(o));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["doc_id"].as_str().unwrap().to_string(),
                v["quote"].as_str().unwrap().to_string(),
                v["speaker"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The quotes and speakers alone.
fn said(c: &[(String, String, String)]) -> Vec<(String, String)> {
    c.iter().map(|(_, q, s)| (q.clone(), s.clone())).collect()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

fn zstd(b: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(b, ruzstd::encoding::CompressionLevel::Fastest)
}

fn write(dir: &Path, name: &str, body: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

/// The article as an HTML page: its first line the headline, each other
/// paragraph a `<p>`, with navigation and a footer around it.
fn as_html(text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let title = esc(paras.next().unwrap());
    let body: String = paras.map(|p| format!("<p>{}</p>\n", esc(p))).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/city\">City</a></nav>\n\
         <article><h1>{title}</h1>\n{body}</article>\n\
         <footer>Copyright 2026 The Harborview Herald</footer></body></html>"
    )
}

/// A web archive with a request, the page's response, and an image.
pub(crate) fn as_warc(html: &str) -> Vec<u8> {
    let record = |kind: &str, uri: &str, body: &[u8]| {
        let mut v = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-01T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"\r\n\r\n");
        v
    };
    let mut w = record(
        "request",
        "https://herald.example/budget",
        b"GET /budget HTTP/1.1\r\n\r\n",
    );
    let response =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    w.extend(record(
        "response",
        "https://herald.example/budget",
        response.as_bytes(),
    ));
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    w.extend(record("response", "https://herald.example/logo.png", image));
    w
}

#[test]
fn every_input_kind_gives_the_claims_of_its_plain_text() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let text = article();
    let plain = claims(&run(&[
        &write(dir, "plain/budget.txt", text.as_bytes()),
        "-q",
    ]));
    assert!(plain.len() > 10, "{plain:?}");
    let want = said(&plain);
    let record = serde_json::json!({"ID": "budget", "Body": {"Text": text}}).to_string();
    let csv_escaped = format!("\"{}\"", text.replace('"', "\"\""));
    let html = as_html(&text);
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("budget.txt.gz", gzip(text.as_bytes()), vec![]),
        ("budget.txt.zst", zstd(text.as_bytes()), vec![]),
        (
            "records.jsonl.gz",
            gzip(format!("{record}\n").as_bytes()),
            vec!["--text-field", "body.text", "--id-field", "id"],
        ),
        (
            "records.jsonl.zst",
            zstd(format!("{record}\n").as_bytes()),
            vec!["--text-field", "body.text"],
        ),
        (
            "records.json",
            format!("[\n {record}\n]\n").into_bytes(),
            vec!["--text-field", "Body.Text"],
        ),
        (
            "table.csv.gz",
            gzip(format!("ID;Text\nbudget;{csv_escaped}\n").as_bytes()),
            vec![],
        ),
        (
            "table.tsv",
            format!("id\ttext\nbudget\t{csv_escaped}\n").into_bytes(),
            vec![],
        ),
        ("page.html", html.clone().into_bytes(), vec![]),
        ("crawl.warc", as_warc(&html), vec![]),
        ("crawl.warc.gz", gzip(&as_warc(&html)), vec![]),
    ];
    for (name, bytes, extra) in cases {
        let path = write(dir, &format!("kinds/{name}"), &bytes);
        let mut args = vec![path.as_str(), "-q"];
        args.extend(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let got = claims(&o);
        assert_eq!(said(&got), want, "{name}");
        let id = &got[0].0;
        let want_id = match name {
            "crawl.warc" | "crawl.warc.gz" => "https://herald.example/budget",
            "page.html" => "page",
            n if n.starts_with("budget") => "budget",
            _ => "budget",
        };
        assert_eq!(id, want_id, "{name}");
    }
    // Standard input: JSONL found by its first bytes, gzip by its magic.
    for (input, how) in [
        (format!("{record}\n").into_bytes(), "JSONL"),
        (gzip(format!("{record}\n").as_bytes()), "JSONL (gzip)"),
        (text.clone().into_bytes(), "text"),
    ] {
        let o = run_stdin(&["-", "--text-field", "body.text"], &input);
        assert_eq!(said(&claims(&o)), want, "stdin as {how}");
        assert!(
            stderr(&o).contains(&format!("standard input read as {how}")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn web_archives_skip_records_without_an_article_and_report_a_cut_end() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = as_warc(&as_html(&article()));
    bytes.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\nHTTP/1.1 200");
    let path = write(d.path(), "cut.warc", &bytes);
    let o = run(&[&path, "--keep", "url,date,record_id,title"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cut short"), "{err}");
    assert!(
        err.contains("2 web-archive records hold no article"),
        "{err}"
    );
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["url"], "https://herald.example/budget");
    assert_eq!(first["date"], "2026-11-01T10:00:00Z");
    assert_eq!(first["record_id"], "<urn:uuid:response>");
    assert_eq!(
        first["title"],
        "Council approves leaner budget after late-night session"
    );
}

#[test]
fn html_text_out_writes_the_text_the_offsets_index() {
    let d = tempfile::tempdir().unwrap();
    let page = write(
        d.path(),
        "pages/budget.html",
        as_html(&article()).as_bytes(),
    );
    let out = d.path().join("texts");
    let o = run(&[&page, "-q", "--text-out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(out.join("budget.txt")).unwrap();
    assert!(
        !text.contains("Home") && !text.contains("Copyright"),
        "{text}"
    );
    for l in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let [s, e] = [0, 1].map(|k| v["content_spans"][0][k].as_u64().unwrap() as usize);
        let part: String = chars[s..e].iter().collect();
        assert!(v["quote"].as_str().unwrap().starts_with(&part), "{part:?}");
    }
}

#[test]
fn table_errors_list_the_columns_and_come_once() {
    let d = tempfile::tempdir().unwrap();
    let rows: String = (0..500)
        .map(|i| format!("{{\"id\":{i},\"body\":\"x\"}}\n"))
        .collect();
    let big = write(d.path(), "big.jsonl", rows.as_bytes());
    let o = run(&[&big, "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no field \"text\"")
            && err.contains("fields: body, id")
            && err.contains("500 records"),
        "{err}"
    );
    let csv = write(d.path(), "t.csv", b"Id,Headline,Story\n1,a,b\n");
    let err = stderr(&run(&[&csv, "-q"]));
    assert!(err.contains("columns: Id, Headline, Story"), "{err}");
    let keep = write(
        d.path(),
        "k.jsonl",
        b"{\"text\":\"Roe said the plan would fail.\"}\n",
    );
    let o = run(&[&keep, "--keep", "url"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no field \"url\" to --keep"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folders_of_every_kind_are_read_and_an_empty_one_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let text = article();
    write(d.path(), "mixed/a.txt.gz", &gzip(text.as_bytes()));
    write(d.path(), "mixed/b.html", as_html(&text).as_bytes());
    write(d.path(), "mixed/notes.md", b"not an input");
    let o = run(&[d.path().join("mixed").to_str().unwrap(), "-q"]);
    let ids: std::collections::BTreeSet<String> = claims(&o).into_iter().map(|c| c.0).collect();
    assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["a", "b"]);
    std::fs::create_dir_all(d.path().join("empty")).unwrap();
    write(d.path(), "empty/readme.md", b"nothing here");
    let o = run(&[d.path().join("empty").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no input documents")
            && err.contains("*.txt")
            && err.contains("1 other files"),
        "{err}"
    );
}

#[test]
fn doc_ids_stay_apart_across_inputs() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "y2023/a.txt", b"\"A,\" Roe said.");
    let b = write(d.path(), "y2024/a.txt", b"\"B,\" Chen said.");
    let (ya, yb) = (
        Path::new(&a).parent().unwrap().display().to_string(),
        Path::new(&b).parent().unwrap().display().to_string(),
    );
    let ids: Vec<String> = claims(&run(&[&ya, &yb, "-q"]))
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(ids, [format!("{ya}/a"), format!("{yb}/a")]);
}

#[test]
fn articles_in_another_language_bring_a_warning() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..3 {
        write(
            d.path(),
            &format!("es/{i}.txt"),
            "El alcalde dijo el martes que el puente volverá a abrirse en mayo. \
             Muchos vecinos están aliviados, porque el desvío por la carretera era muy largo."
                .as_bytes(),
        );
    }
    let report = d.path().join("report.jsonl");
    let o = run(&[
        d.path().join("es").to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("look written in Spanish (spa)"),
        "{}",
        stderr(&o)
    );
    let r = std::fs::read_to_string(report).unwrap();
    assert!(r.lines().all(|l| l.contains("\"language\":\"spa\"")), "{r}");
}

#[test]
fn a_folder_of_english_and_german_articles_gives_each_its_claims_and_no_warning() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "news/en.txt",
        "The mayor said on Tuesday that the bridge would reopen in May. \
         \"We are relieved,\" said Ann Porter, who lives by the river."
            .as_bytes(),
    );
    for i in 0..3 {
        write(
            d.path(),
            &format!("news/de{i}.txt"),
            "Der Bürgermeister sagte am Dienstag, die Brücke werde im Mai wieder geöffnet. \
             „Wir sind erleichtert“, sagte Anna Berger, die am Fluss wohnt. \
             Laut der Stadtverwaltung kostet die Reparatur rund zwei Millionen Euro."
                .as_bytes(),
        );
    }
    let o = run(&[d.path().join("news").to_str().unwrap(), "--rules-only"]);
    assert!(!stderr(&o).contains("look written in"), "{}", stderr(&o));
    let got = claims(&o);
    let of = |id: &str| got.iter().filter(|c| c.0.ends_with(id)).count();
    assert_eq!(of("en"), 2, "{got:?}");
    for i in 0..3 {
        assert_eq!(of(&format!("de{i}")), 3, "{got:?}");
    }
}

#[cfg(unix)]
#[test]
fn links_loops_and_fifos_in_folders_neither_hang_nor_repeat() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("corpus");
    write(&root, "sub/a.txt", b"\"A,\" Roe said.");
    symlink("..", root.join("sub/up")).unwrap();
    symlink(".", root.join("self")).unwrap();
    let fifo = root.join("pipe.txt");
    mkfifo(&fifo);
    for follow in [false, true] {
        let mut args = vec![root.to_str().unwrap(), "-q"];
        if follow {
            args.push("--follow");
        }
        let mut child = whosaid()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(
                start.elapsed().as_secs() < 20,
                "the walk hangs (follow: {follow})"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let o = child.wait_with_output().unwrap();
        assert_eq!(status.code(), Some(1), "the FIFO is reported");
        assert!(stderr(&o).contains("pipe.txt") && stderr(&o).contains("not a regular file"));
        assert_eq!(claims(&o).len(), 1, "a.txt read once (follow: {follow})");
    }
}

#[cfg(unix)]
#[test]
fn outputs_through_links_and_devices_are_written_in_place() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let input = write(d.path(), "a.txt", b"\"A,\" Roe said.");
    let real = d.path().join("real.jsonl");
    std::fs::write(&real, "old").unwrap();
    let link = d.path().join("link.jsonl");
    symlink(&real, &link).unwrap();
    let o = run(&[&input, "-o", link.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("Roe"));
    // A report to /dev/stderr while stderr goes to a file writes into that
    // file and leaves /dev/stderr alone.
    let err_file = d.path().join("err.txt");
    let status = whosaid()
        .args([
            input.as_str(),
            "-o",
            "/dev/null",
            "--report",
            "/dev/stderr",
            "-q",
        ])
        .stderr(std::fs::File::create(&err_file).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&err_file)
            .unwrap()
            .contains("\"status\":\"ok\"")
    );
    assert!(
        std::fs::symlink_metadata("/dev/stderr")
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A FIFO is written, not replaced.
    let fifo = d.path().join("claims.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = run(&[&input, "-o", fifo.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(reader.join().unwrap().contains("Roe"));
    let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&ft));
}
