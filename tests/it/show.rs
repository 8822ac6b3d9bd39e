//! `whosaid show`: the review page, checked as text and, in headless
//! Chromium, as the DOM a browser builds and runs (`.ci/run` installs
//! Debian's chromium; without it the browser tests skip outside CI and
//! fail in CI).

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;

fn show(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("show")
        .args(args)
        .output()
        .expect("whosaid runs")
}

pub(super) fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let found = std::env::var_os("WHOSAID_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .flat_map(|d| names.iter().map(move |n| d.join(n)))
                .find(|p| p.is_file())
        });
    if found.is_none() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but no Chromium: .ci/run installs Debian's chromium"
        );
        eprintln!("skipping the browser test: no chromium on PATH");
    }
    found
}

/// Runs headless Chromium on `url` with `what` (`--dump-dom` or
/// `--screenshot=FILE`); returns its standard output.
fn headless(browser: &Path, profile: &Path, what: &str, url: &str) -> String {
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1366,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(what)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("the DOM is UTF-8")
}

fn claims_of(article: &Path) -> Vec<serde_json::Value> {
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", article.to_str().unwrap(), "-q"])
        .output()
        .unwrap();
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_page_is_self_contained_and_escapes_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    std::fs::write(
        &article,
        "<script>document.title = 'pwned'</script>\n\n\"We will not be moved,\" said Mayor Ana Pratt, \"not by <b>threats</b> & not by \"tricks\".\"\n",
    )
    .unwrap();
    let page = dir.path().join("review.html");
    let o = show(&[article.to_str().unwrap(), "-o", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(html.contains("&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt;"));
    assert!(!html.contains("<b>"));
    for outside in ["http:", "https:", " src=", "<link", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page refers outside itself: {outside}"
        );
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    let Some(browser) = chromium() else { return };
    let dom = headless(
        &browser,
        &dir.path().join("profile"),
        "--dump-dom",
        &format!("file://{}", page.display()),
    );
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran");
    assert!(
        dom.contains("<title>whosaid review: hostile</title>"),
        "the article's script did not run"
    );
    assert!(dom.contains("&lt;script&gt;document.title"));
}

#[test]
fn every_claim_is_highlighted_and_listed_in_the_browser() {
    let Some(browser) = chromium() else { return };
    let article = super::root().join("corpora/sample/flood-local.txt");
    let claims = claims_of(&article);
    assert!(claims.len() >= 5);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let o = show(&[article.to_str().unwrap(), "-o", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let profile = dir.path().join("profile");
    let url = format!("file://{}", page.display());

    // Opened on claim 1 (#d0c1): its content, speaker and cue and its row
    // are selected, nothing else.
    let dom = headless(&browser, &profile, "--dump-dom", &format!("{url}#d0c1"));
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran");
    let rows = Regex::new(r#"<tr class="claim-row( active)?" id="row-d0c(\d+)""#).unwrap();
    let listed: Vec<(bool, usize)> = rows
        .captures_iter(&dom)
        .map(|c| (c.get(1).is_some(), c[2].parse().unwrap()))
        .collect();
    assert_eq!(listed.len(), claims.len(), "one row per claim");
    assert_eq!(
        listed
            .iter()
            .filter(|(a, _)| *a)
            .map(|(_, i)| *i)
            .collect::<Vec<_>>(),
        [1]
    );
    let spans =
        Regex::new(r#"<span class="hl ([a-z ]+)" data-claims="([^"]+)">([^<]*)</span>"#).unwrap();
    let marks: Vec<(String, Vec<String>, String)> = spans
        .captures_iter(&dom)
        .map(|c| {
            (
                c[1].to_string(),
                c[2].split(' ').map(String::from).collect(),
                c[3].to_string(),
            )
        })
        .collect();
    for (i, claim) in claims.iter().enumerate() {
        let id = format!("d0c{i}");
        let mine: Vec<&(String, Vec<String>, String)> =
            marks.iter().filter(|m| m.1.contains(&id)).collect();
        let has = |role: &str| mine.iter().any(|m| m.0.split(' ').any(|c| c == role));
        assert!(has("content"), "claim {i}'s content is highlighted");
        assert_eq!(
            has("speaker"),
            !claim["speaker_span"].is_null(),
            "claim {i}'s speaker"
        );
        assert_eq!(has("cue"), !claim["cue_span"].is_null(), "claim {i}'s cue");
        let active = mine.iter().all(|m| m.0.split(' ').any(|c| c == "active"));
        assert_eq!(active, i == 1, "claim {i} selected: {active}");
    }
    // The speaker highlighted for claim 1 is the one the JSONL names.
    let speaker: String = marks
        .iter()
        .filter(|m| m.1.contains(&"d0c1".to_string()) && m.0.contains("speaker"))
        .map(|m| m.2.as_str())
        .collect();
    assert_eq!(speaker, claims[1]["speaker"].as_str().unwrap());

    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-flood-local.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &browser,
        &profile,
        &format!("--screenshot={}", shot.display()),
        &format!("{url}#d0c1"),
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
    eprintln!("review page screenshot: {}", shot.display());
}

#[test]
fn a_claims_file_is_shown_against_its_texts_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let sample = super::root().join("corpora/sample");
    let claims = dir.path().join("claims.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "extract",
            sample.to_str().unwrap(),
            "-o",
            claims.to_str().unwrap(),
            "-q",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let page = dir.path().join("review.html");
    let o = show(&[
        sample.to_str().unwrap(),
        "--claims",
        claims.to_str().unwrap(),
        "--id",
        "flood-wire",
        "--id",
        "trade-talks",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    let expected = claims_of(&sample.join("flood-wire.txt")).len()
        + claims_of(&sample.join("trade-talks.txt")).len();
    assert_eq!(html.matches("class=\"claim-row\"").count(), expected);
    assert_eq!(html.matches("<section class=\"doc\"").count(), 2);
    // The same page as extracting on the spot.
    let direct = dir.path().join("direct.html");
    let o = show(&[
        sample.to_str().unwrap(),
        "--id",
        "flood-wire",
        "--id",
        "trade-talks",
        "-o",
        direct.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(
        html == std::fs::read_to_string(&direct).unwrap(),
        "the two pages differ"
    );
    // An id that is not there is named, and the exit code says so.
    let o = show(&[
        sample.to_str().unwrap(),
        "--id",
        "nope",
        "--id",
        "flood-wire",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no document with id \"nope\""));
    let o = show(&[
        sample.to_str().unwrap(),
        "-o",
        dir.path().join("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
