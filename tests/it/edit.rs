//! The review page as an annotation tool (`whosaid show --edit`), driven
//! in headless Chromium through the DevTools protocol as a reader drives
//! it: clicks on rows and buttons and key presses are the browser's own
//! input events; a text selection is made with the page's Selection API.
//! The saved corrections become gold (`whosaid gold`), `eval` scores the
//! original claims against it as the corrections say, and a model adapted
//! on it runs.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;

fn whosaid(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .expect("whosaid runs")
}

fn ok(o: std::process::Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// A headless Chromium and one page of it, spoken to over the DevTools
/// protocol.
struct Browser {
    child: Child,
    ws: tungstenite::WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch(binary: &Path, profile: &Path) -> Browser {
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("chromium starts");
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium says where its DevTools listen");
        let (ws, _) = tungstenite::connect(url.as_str()).expect("the DevTools socket opens");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        }
        let mut b = Browser {
            child,
            ws,
            next: 0,
            session: String::new(),
        };
        let target = b.call(false, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = b.call(
            false,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b
    }

    /// A DevTools command, to the page (`on_page`) or the browser; its
    /// result. Events in between are passed over.
    fn call(&mut self, on_page: bool, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut msg = json!({"id": self.next, "method": method, "params": params});
        if on_page {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(tungstenite::Message::text(msg.to_string()))
            .expect("DevTools command sent");
        loop {
            let m = self.ws.read().expect("a DevTools message");
            let Ok(text) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == json!(self.next) {
                assert!(v["error"].is_null(), "{method}: {}", v["error"]);
                return v["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression on the page.
    fn eval(&mut self, js: &str) -> Value {
        let r = self.call(
            true,
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true}),
        );
        assert!(
            r["exceptionDetails"].is_null(),
            "{js}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    fn wait_for(&mut self, js: &str) {
        let start = Instant::now();
        while self.eval(js) != json!(true) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out on {js}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A left click in the middle of the element `selector`.
    fn click(&mut self, selector: &str) {
        let js = format!(
            "(function () {{ var e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}});
               var r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        );
        let at = self.eval(&js);
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                true,
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// A key pressed and released (a lower-case letter).
    fn key(&mut self, k: char) {
        let code = format!("Key{}", k.to_ascii_uppercase());
        let vk = k.to_ascii_uppercase() as u32;
        self.call(
            true,
            "Input.dispatchKeyEvent",
            json!({"type": "keyDown", "key": k.to_string(), "text": k.to_string(), "code": code, "windowsVirtualKeyCode": vk}),
        );
        self.call(
            true,
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": k.to_string(), "code": code, "windowsVirtualKeyCode": vk}),
        );
    }

    /// Selects characters `span` (code points) of article `doc`'s text.
    fn select(&mut self, doc: usize, text: &str, span: [usize; 2]) {
        let u16 = |cp: usize| -> usize { text.chars().take(cp).map(char::len_utf16).sum() };
        let (a, b) = (u16(span[0]), u16(span[1]));
        let js = format!(
            "(function () {{
               var art = document.getElementById('text-d{doc}');
               var walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT), n, seen = 0, r = document.createRange();
               var start = null, end = null;
               while ((n = walk.nextNode())) {{
                 var len = n.data.length;
                 if (!start && {a} < seen + len) {{ r.setStart(n, {a} - seen); start = n; }}
                 if (!end && {b} <= seen + len) {{ r.setEnd(n, {b} - seen); end = n; }}
                 seen += len;
               }}
               var s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
               return s.toString();
             }})()"
        );
        let got = self.eval(&js);
        let want: String = text.chars().skip(span[0]).take(span[1] - span[0]).collect();
        assert_eq!(got, json!(want), "the selection");
    }
}

/// The code-point span of the first `needle` in `text` at or after byte `from`.
fn find(text: &str, needle: &str, from: usize) -> [usize; 2] {
    let at = from + text[from..].find(needle).expect("in the text");
    let a = text[..at].chars().count();
    [a, a + needle.chars().count()]
}

#[test]
fn corrections_made_in_the_browser_become_gold_that_scores_and_trains() {
    let Some(binary) = super::show::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = super::root().join("corpora/sample/flood-local.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    let a = article.to_str().unwrap();
    let claims_file = dir.path().join("claims.jsonl");
    ok(whosaid(&[
        "extract",
        a,
        "-q",
        "-o",
        claims_file.to_str().unwrap(),
    ]));
    let claims: Vec<Value> = std::fs::read_to_string(&claims_file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = claims.len();
    assert!(n >= 6, "{n} claims");
    let page = dir.path().join("review.html");
    ok(whosaid(&[
        "show",
        a,
        "--edit",
        "-o",
        page.to_str().unwrap(),
    ]));

    // The claim whose speaker is "he" ('"They said the same thing ...," he
    // said'): its speaker is Anton Weiss, named before the quotation.
    let weiss = find(&text, "Anton Weiss", 0);
    let he = claims
        .iter()
        .position(|c| {
            c["speaker"] == "he" && c["speaker_span"][0].as_u64().unwrap() as usize > weiss[1]
        })
        .expect("the claim of 'he said'");
    // A claim the extraction missed: the weather service's forecast.
    let service = find(&text, "The weather service", 0);
    let expects = find(&text, "expects", 0);
    // Its content in two pieces, as a reviewer marks a quotation that its
    // cue interrupts: a new claim of the first (n), the second added (a).
    let forecast = [
        find(&text, "the river to crest", 0)[0],
        find(&text, "near Tarn on Tuesday", 0)[0] + "near Tarn".len(),
    ];
    let forecast2 = find(&text, "on Tuesday night", 0);
    // A claim to delete: the first.
    let deleted = 0;
    assert_ne!(he, deleted);

    let mut b = Browser::launch(&binary, &dir.path().join("profile"));
    b.call(
        false,
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": dir.path().join("downloads")}),
    );
    let url = format!("file://{}", page.display());
    b.call(true, "Page.navigate", json!({"url": url}));
    b.wait_for("document.body && document.body.getAttribute('data-ready') === '1'");
    let rows = b.eval("document.querySelectorAll('#table-d0 tr.claim-row').length");
    assert_eq!(rows, json!(n), "one row per claim");

    // Correct the speaker: click the claim's row, select the name, press s.
    b.click(&format!("#row-d0c{he}"));
    assert_eq!(b.eval("whosaidReview.active()"), json!(format!("d0c{he}")));
    b.select(0, &text, weiss);
    b.key('s');
    let row = b.eval(&format!(
        "[document.querySelector('#row-d0c{he} .speaker-cell').textContent, document.querySelector('#row-d0c{he}').getAttribute('data-status')]"
    ));
    assert_eq!(row, json!(["Anton Weiss", "edited"]));
    // z undoes it; done again, it stays.
    let before = |b: &mut Browser| {
        b.eval(&format!(
            "[document.querySelector('#row-d0c{he} .speaker-cell').textContent, document.querySelector('#row-d0c{he}').getAttribute('data-status')]"
        ))
    };
    b.key('z');
    let undone = before(&mut b);
    assert_eq!(undone[1], json!("unchecked"), "{undone}");
    assert_ne!(undone[0], json!("Anton Weiss"), "{undone}");
    // The claim stays selected through the undo.
    assert_eq!(b.eval("whosaidReview.active()"), json!(format!("d0c{he}")));
    b.select(0, &text, weiss);
    b.key('s');
    assert_eq!(before(&mut b), json!(["Anton Weiss", "edited"]));

    // Add the missed claim: content (n), then speaker (s) and cue (u).
    b.select(0, &text, forecast);
    b.key('n');
    b.select(0, &text, forecast2);
    b.key('a');
    b.select(0, &text, service);
    b.key('s');
    b.select(0, &text, expects);
    b.key('u');
    assert_eq!(
        b.eval("document.querySelectorAll('#table-d0 tr.claim-row').length"),
        json!(n + 1)
    );
    let added = b.eval(&format!(
        "[...document.querySelectorAll('.hl[data-claims~=\"d0c{n}\"]')].map(e => e.className + ':' + e.textContent)"
    ));
    assert_eq!(
        added,
        json!([
            "hl speaker active:The weather service",
            "hl cue active:expects",
            "hl content active:the river to crest near Tarn",
            "hl content active:on Tuesday night"
        ])
    );

    // Delete the first claim with the toolbar's button; mark the article
    // reviewed with its key.
    b.click(&format!("#row-d0c{deleted}"));
    b.click("button[data-act=delete]");
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('#row-d0c{deleted}').getAttribute('data-status')"
        )),
        json!("deleted")
    );
    b.key('r');
    assert_eq!(
        b.eval("document.querySelector('#d0 input.reviewed-box').checked"),
        json!(true)
    );

    // The work survives a reload.
    b.call(true, "Page.reload", json!({}));
    b.wait_for("document.body && document.body.getAttribute('data-ready') === '1'");
    assert_eq!(
        b.eval("document.querySelectorAll('#table-d0 tr.claim-row').length"),
        json!(n + 1)
    );
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('#row-d0c{he} .speaker-cell').textContent"
        )),
        json!("Anton Weiss")
    );

    // Save: the download is the corrections file.
    b.click("#save");
    let saved = dir.path().join("downloads/whosaid-corrections.jsonl");
    let start = Instant::now();
    while !saved.is_file() {
        assert!(start.elapsed() < Duration::from_secs(30), "no download");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    drop(b);
    let line: Value =
        serde_json::from_str(std::fs::read_to_string(&saved).unwrap().trim()).unwrap();
    assert_eq!(line["doc_id"], "flood-local");
    assert_eq!(line["reviewed"], true);
    let statuses: Vec<&str> = line["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "deleted").count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == "edited").count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == "added").count(), 1);
    assert_eq!(line["claims"][n]["speaker_span"], json!(service));
    assert_eq!(
        line["claims"][n]["content_spans"],
        json!([forecast, forecast2])
    );

    // Gold from it; the original claims scored against it: all but the
    // deleted claim match a gold content, all but that one and the one
    // whose speaker changed match its source; the added claim is missed.
    let gold = dir.path().join("gold");
    let s = saved.to_str().unwrap();
    ok(whosaid(&[
        "gold",
        s,
        "--articles",
        a,
        "-o",
        gold.to_str().unwrap(),
    ]));
    assert!(gold.join("text/flood-local.txt").is_file());
    assert!(gold.join("attributions/flood-local_review.ann").is_file());
    let c = claims_file.to_str().unwrap();
    for g in [gold.to_str().unwrap(), s] {
        let report: Value =
            serde_json::from_str(&ok(whosaid(&["eval", "--gold", g, "--pred", c, "--json"])))
                .unwrap();
        let all = &report["all"];
        let f = |x: &Value| (x["p"].as_f64().unwrap(), x["r"].as_f64().unwrap());
        let (nn, m) = (n as f64, (n - 1) as f64);
        let close = |(p, r): (f64, f64), (wp, wr): (f64, f64)| {
            (p - wp).abs() < 1e-9 && (r - wr).abs() < 1e-9
        };
        assert!(
            close(f(&all["content_partial"]), (m / nn, m / nn)),
            "{g}: {all}"
        );
        assert!(
            close(f(&all["attribution"]), ((m - 1.0) / nn, (m - 1.0) / nn)),
            "{g}: {all}"
        );
    }

    // The text changed under the corrections: refused, named.
    let changed = dir.path().join("changed");
    std::fs::create_dir(&changed).unwrap();
    std::fs::write(changed.join("flood-local.txt"), text.replace("Tarn", "Tam")).unwrap();
    let o = whosaid(&[
        "gold",
        s,
        "--articles",
        changed.to_str().unwrap(),
        "-o",
        dir.path().join("gold2").to_str().unwrap(),
    ]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("flood-local") && err.contains("refused"),
        "{err}"
    );

    // A model adapted on the gold runs.
    #[cfg(feature = "train")]
    {
        let model = dir.path().join("adapted.crf");
        ok(whosaid(&[
            "train",
            "--gold",
            gold.to_str().unwrap(),
            "--base",
            "--no-cv",
            "-o",
            model.to_str().unwrap(),
        ]));
        let out = ok(whosaid(&[
            "extract",
            a,
            "-q",
            "--model",
            model.to_str().unwrap(),
        ]));
        assert!(out.lines().count() >= n - 2, "{out}");
    }
}

#[test]
fn gold_merges_reviewers_and_names_their_disagreements() {
    use whosaid::eval::corrections::sha256;
    let dir = tempfile::tempdir().unwrap();
    let text = "\"We will reopen the bridge in May,\" said Mayor Ana Pratt. Engineers disagree.";
    let claim = |speaker: [usize; 2], status: &str| {
        json!({"content_spans": [[1, 33]], "speaker_span": speaker, "cue_span": [35, 39],
               "speaker_type": "person", "cue_class": "speech", "status": status})
    };
    let pratt = find(text, "Mayor Ana Pratt", 0);
    let ana = find(text, "Ana Pratt", 0);
    let line = |claims: Value, reviewed: bool| {
        json!({"doc_id": "bridge", "text_sha256": sha256(text), "text": text,
               "reviewed": reviewed, "reviewer": "", "claims": claims})
        .to_string()
    };
    let first = dir.path().join("ann.jsonl");
    let second = dir.path().join("ben.jsonl");
    let third = dir.path().join("cal.jsonl");
    std::fs::write(&first, line(json!([claim(pratt, "correct")]), true) + "\n").unwrap();
    std::fs::write(&second, line(json!([claim(ana, "edited")]), true) + "\n").unwrap();
    std::fs::write(&third, line(json!([]), false) + "\n").unwrap();
    let gold = dir.path().join("gold");
    let o = whosaid(&[
        "gold",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        third.to_str().unwrap(),
        "-o",
        gold.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("bridge:") && err.contains("disagree"), "{err}");
    assert!(
        err.contains("speaker \"Mayor Ana Pratt\" against \"Ana Pratt\""),
        "{err}"
    );
    assert!(err.contains("1 articles not marked reviewed"), "{err}");
    // The first reviewer's version is the gold.
    let ann = std::fs::read_to_string(gold.join("attributions/bridge_review.ann")).unwrap();
    assert!(
        ann.contains(&format!(
            "Source {} {}\tMayor Ana Pratt",
            pratt[0], pratt[1]
        )),
        "{ann}"
    );
    // An unreviewed file alone is no gold: an error, not an empty folder.
    let o = whosaid(&[
        "gold",
        third.to_str().unwrap(),
        "-o",
        dir.path().join("g2").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = whosaid(&["eval", "--gold", third.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("none of its 1 articles is marked reviewed")
    );
}
