//! The review page (`whosaid show`): one self-contained HTML file with each
//! article's text, its claims highlighted (content, speaker and cue in
//! distinct colours and underlines), and a table of the claims beside it.
//! Clicking or hovering a highlight or a row shows the claim's content,
//! speaker and cue together; `page.html#d0c3` opens with claim 3 of the
//! first article selected. Nothing is loaded from outside the file: the
//! style and the script are inline and a Content-Security-Policy forbids
//! any other source. Every piece of text is escaped.

use std::fmt::Write;

/// One claim as the page shows it: spans in code points of the text.
#[derive(Debug, Clone, Default)]
pub struct ReviewClaim {
    pub content: Vec<[usize; 2]>,
    pub speaker: Option<[usize; 2]>,
    pub cue: Option<[usize; 2]>,
    /// Table cells: speaker, resolved, type, cue, kind, rule, confidence, quote.
    pub cells: [String; 8],
    /// The speaker's title and affiliation (`speaker_title`,
    /// `speaker_org`), joined by ", "; shown after the resolved name.
    pub role: String,
    /// The cue's class (`speech`, `thought`, `evidence`), or empty.
    pub cue_class: String,
}

/// The role cell: a title and an affiliation, either, or neither.
pub fn role(title: Option<&str>, org: Option<&str>) -> String {
    match (title, org) {
        (Some(t), Some(o)) => format!("{t}, {o}"),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) => String::new(),
    }
}

impl ReviewClaim {
    /// From an extracted claim's record.
    pub fn from_record(r: &super::Record) -> ReviewClaim {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        ReviewClaim {
            content: r.content_spans.clone(),
            speaker: r.speaker_span,
            cue: r.cue_span,
            cells: [
                opt(&r.speaker),
                opt(&r.speaker_resolved),
                r.speaker_type.to_string(),
                opt(&r.cue),
                r.kind.to_string(),
                r.rule.to_string(),
                format!("{:.2}", r.confidence),
                r.quote.clone(),
            ],
            role: role(r.speaker_title.as_deref(), r.speaker_org.as_deref()),
            cue_class: r.cue_class.unwrap_or_default().to_string(),
        }
    }
}

/// One article of the page.
#[derive(Debug, Clone, Default)]
pub struct ReviewDoc {
    pub id: String,
    pub text: String,
    pub claims: Vec<ReviewClaim>,
    /// Shown above the text (for instance "no claims in the file").
    pub note: Option<String>,
}

const HEADERS: [&str; 8] = [
    "speaker", "resolved", "type", "cue", "kind", "rule", "conf.", "quote",
];

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(s, &mut out);
    out
}

const ROLES: [&str; 3] = ["content", "speaker", "cue"];

/// The article's text with its claims' spans marked: a `span.hl` per
/// stretch of text covered by the same spans, with the role classes it
/// plays and the claims (`data-claims`) it belongs to.
fn marked_text(d: usize, doc: &ReviewDoc, out: &mut String) {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    // (start, end, role, claim)
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, c) in doc.claims.iter().enumerate() {
        for s in &c.content {
            spans.push((s[0], s[1], 0, i));
        }
        spans.extend(c.speaker.map(|s| (s[0], s[1], 1, i)));
        spans.extend(c.cue.map(|s| (s[0], s[1], 2, i)));
    }
    spans.retain(|&(a, b, _, _)| a < b && b <= n);
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(a, b, _, _)| [a, b]).collect();
    cuts.extend([0, n]);
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece: String = chars[a..b].iter().collect();
        let covering: Vec<&(usize, usize, usize, usize)> = spans
            .iter()
            .filter(|&&(s, e, _, _)| s <= a && b <= e)
            .collect();
        if covering.is_empty() {
            escape(&piece, out);
            continue;
        }
        let mut roles = [false; 3];
        let mut claims: Vec<usize> = Vec::new();
        for &&(_, _, role, claim) in &covering {
            roles[role] = true;
            if !claims.contains(&claim) {
                claims.push(claim);
            }
        }
        claims.sort_unstable();
        let classes: Vec<&str> = ROLES
            .iter()
            .zip(roles)
            .filter(|(_, on)| *on)
            .map(|(r, _)| *r)
            .collect();
        let ids: Vec<String> = claims.iter().map(|c| format!("d{d}c{c}")).collect();
        let _ = write!(
            out,
            "<span class=\"hl {}\" data-claims=\"{}\">",
            classes.join(" "),
            ids.join(" ")
        );
        escape(&piece, out);
        out.push_str("</span>");
    }
}

fn claims_table(d: usize, doc: &ReviewDoc, out: &mut String) {
    // The quote first: it is what a reviewer reads; the rest are short.
    out.push_str("<table class=\"claims\"><thead><tr><th>#</th><th>quote</th>");
    for (j, h) in HEADERS[..7].iter().enumerate() {
        let _ = write!(out, "<th>{h}</th>");
        if j == 1 {
            out.push_str("<th>role</th>");
        }
    }
    out.push_str("</tr></thead><tbody>");
    for (i, c) in doc.claims.iter().enumerate() {
        let _ = write!(
            out,
            "<tr class=\"claim-row\" id=\"row-d{d}c{i}\" data-claim=\"d{d}c{i}\" tabindex=\"0\"><td>{i}</td>"
        );
        let quote = &c.cells[7];
        let short: String = quote.chars().take(160).collect();
        let more = if short.len() < quote.len() { "…" } else { "" };
        let _ = write!(
            out,
            "<td class=\"quote\" title=\"{}\">{}{more}</td>",
            escaped(quote),
            escaped(&short)
        );
        for (j, cell) in c.cells[..7].iter().enumerate() {
            // Rule names break at their underscores.
            let shown = match j {
                5 => escaped(cell).replace('_', "_<wbr>"),
                _ => escaped(cell),
            };
            let _ = write!(out, "<td>{shown}</td>");
            if j == 1 {
                let _ = write!(out, "<td>{}</td>", escaped(&c.role));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

const STYLE: &str = r#"
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#fff}
header{padding:.6rem 1.25rem;border-bottom:1px solid #ccc;position:sticky;top:0;background:#fff;z-index:1}
header h1{font-size:1.1rem;margin:0 0 .3rem}
.legend span{padding:0 .35rem;margin-right:.4rem}
nav a{margin-right:.8rem}
section.doc{border-bottom:2px solid #ddd;padding:0 1.25rem 1rem}
section.doc h2{font-size:1.05rem;margin:.9rem 0 .4rem;word-break:break-all}
.note{color:#6b4400}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.1fr);gap:1.25rem;align-items:start}
@media (max-width:1000px){.layout{grid-template-columns:1fr}}
article{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:16px;line-height:1.6;max-height:80vh;overflow:auto;padding-right:.5rem}
.tablebox{max-height:80vh;overflow:auto}
.content{background:#fff0a0}
.speaker{background:#cfe3ff;font-weight:600;border-bottom:2px solid #1d5fbf}
.cue{background:#ffd6ea;border-bottom:2px dotted #a0185a}
.hl{cursor:pointer}
.hover{outline:1px dashed #444}
.active{outline:2px solid #000;outline-offset:1px}
table{border-collapse:collapse;font-size:13px;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.2rem .35rem;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#f4f4f4}
tr.claim-row{cursor:pointer}
tr.claim-row:focus{outline:2px solid #1d5fbf}
tr.active{background:#eef3ff}
td.quote{width:40%;min-width:12rem}
td{overflow-wrap:break-word}
.toolbar{margin-top:.3rem;font-size:13px}
.toolbar button{font-size:13px;margin:0 .25rem .2rem 0}
.toolbar input{font-size:13px;width:8rem}
#status{color:#444;margin-left:.5rem}
kbd{border:1px solid #aaa;border-radius:3px;padding:0 .2rem;font-size:11px}
tr.deleted td{text-decoration:line-through;color:#888}
tr.deleted td.status{text-decoration:none}
td.status{white-space:nowrap}
label.reviewed{font-size:.9rem;font-weight:normal;margin-left:.8rem}
"#;

const SCRIPT: &str = r#"
(function () {
  var active = null;
  function related(id) {
    return document.querySelectorAll('[data-claims~="' + id + '"], [data-claim="' + id + '"]');
  }
  function mark(id, cls, on) {
    related(id).forEach(function (e) { e.classList.toggle(cls, on); });
  }
  function select(id, from) {
    if (active) mark(active, 'active', false);
    active = (id === active && from === 'row') ? null : id;
    if (!active) return;
    mark(active, 'active', true);
    if (from === 'keep') return;
    var target = from === 'text'
      ? document.getElementById('row-' + active)
      : document.querySelector('.hl[data-claims~="' + active + '"]');
    if (target && target.scrollIntoView) target.scrollIntoView({block: 'nearest'});
  }
  function idsOf(el) {
    var row = el.closest && el.closest('.claim-row');
    if (row) return {ids: [row.getAttribute('data-claim')], from: 'row'};
    var hl = el.closest && el.closest('.hl');
    if (hl) return {ids: hl.getAttribute('data-claims').split(' '), from: 'text'};
    return null;
  }
  document.addEventListener('click', function (ev) {
    var t = idsOf(ev.target);
    if (!t) return;
    // A stretch in several claims: each click selects the next one.
    var i = t.ids.indexOf(active);
    select(t.ids[(i + 1) % t.ids.length], t.from);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    var t = idsOf(ev.target);
    if (t) select(t.ids[0], t.from);
  });
  document.addEventListener('mouseover', function (ev) {
    var t = idsOf(ev.target);
    if (t) t.ids.forEach(function (id) { mark(id, 'hover', true); });
  });
  document.addEventListener('mouseout', function (ev) {
    var t = idsOf(ev.target);
    if (t) t.ids.forEach(function (id) { mark(id, 'hover', false); });
  });
  // For the editing script: the selected claim, selecting one, and
  // forgetting the selection when the highlights are drawn anew.
  window.whosaidReview = {
    active: function () { return active; },
    select: select,
    reset: function () { active = null; }
  };
  var hash = decodeURIComponent(location.hash.slice(1));
  if (/^d\d+c\d+$/.test(hash)) select(hash, 'row');
  if (!document.getElementById('whosaid-data')) document.body.setAttribute('data-ready', '1');
})();
"#;

/// The SHA-256 of `text`'s UTF-8 bytes, in lower-case hex: what ties a
/// corrections file's claims to the text they were made on.
pub fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The editing tools above the articles (`whosaid show --edit`).
const EDIT_BAR: &str = r#"<div class="toolbar" id="toolbar">Select text in an article, then:
<button data-act="content" title="the selection becomes the selected claim's content">content <kbd>c</kbd></button>
<button data-act="more" title="the selection becomes another piece of its content (for a quotation its cue interrupts)">+ content <kbd>a</kbd></button>
<button data-act="speaker" title="the selection becomes its speaker (nothing selected: no speaker)">speaker <kbd>s</kbd></button>
<button data-act="cue" title="the selection becomes its cue (nothing selected: no cue)">cue <kbd>u</kbd></button>
<button data-act="new" title="a new claim with the selection as its content">new claim <kbd>n</kbd></button>
<button data-act="delete" title="delete the selected claim (again: undelete)">delete <kbd>d</kbd></button>
<button data-act="correct" title="mark the selected claim correct">correct <kbd>k</kbd></button>
<button data-act="reviewed" title="mark the selected claim's article reviewed: all its claims are gold">article reviewed <kbd>r</kbd></button>
<button data-act="undo" title="undo the last change (Ctrl+Z too)">undo <kbd>z</kbd></button>
reviewer <input id="reviewer" placeholder="your name" autocomplete="off">
<button data-act="save" id="save" title="download the corrections (JSONL), for whosaid gold">Save corrections</button>
<button data-act="discard" title="forget the changes kept in this browser">Discard changes</button>
<span id="status"></span></div>"#;

/// The editing script: draws the articles from the page's data and the
/// work kept in the browser's storage, applies the tools, saves.
const EDIT_SCRIPT: &str = include_str!("review_edit.js");

/// The page for `docs`.
pub fn page(docs: &[ReviewDoc]) -> String {
    render(docs, false)
}

/// The page for `docs` as an annotation tool (`whosaid show --edit`):
/// the claims can be corrected, deleted, marked correct and added, the
/// work is kept in the browser's storage, and "Save corrections" downloads
/// it as a corrections file (`crate::eval::corrections`).
pub fn edit_page(docs: &[ReviewDoc]) -> String {
    render(docs, true)
}

/// The page's data for the editing script: each article's id, text,
/// text checksum and claims, as JSON that is safe inside a script element
/// (every `<` escaped).
fn edit_data(docs: &[ReviewDoc]) -> String {
    let docs: Vec<serde_json::Value> = docs
        .iter()
        .map(|d| {
            let claims: Vec<serde_json::Value> = d
                .claims
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "content": c.content,
                        "speaker": c.speaker,
                        "cue": c.cue,
                        "type": c.cells[2],
                        "cue_class": c.cue_class,
                        "cells": c.cells,
                        "role": c.role,
                    })
                })
                .collect();
            serde_json::json!({
                "id": d.id,
                "sha256": sha256(&d.text),
                "text": d.text,
                "claims": claims,
            })
        })
        .collect();
    let docs = serde_json::Value::from(docs);
    // The page's key in the browser's storage: its articles and claims.
    let key = sha256(&docs.to_string());
    serde_json::json!({
        "key": key,
        "types": crate::emit::schema::SPEAKER_TYPES,
        "cue_classes": crate::emit::schema::CUE_CLASSES,
        "docs": docs,
    })
    .to_string()
    .replace('<', "\\u003c")
}

fn render(docs: &[ReviewDoc], edit: bool) -> String {
    let mut out = String::with_capacity(docs.iter().map(|d| d.text.len() * 2 + 4096).sum());
    let title = match docs {
        [one] => format!("whosaid review: {}", one.id),
        _ => format!("whosaid review: {} articles", docs.len()),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = write!(
        out,
        "<title>{}</title><style>{STYLE}</style></head>\n<body data-ready=\"0\">",
        escaped(&title)
    );
    let claims: usize = docs.iter().map(|d| d.claims.len()).sum();
    let _ = write!(
        out,
        "<header><h1>{}</h1><div class=\"legend\"><span class=\"content\">content</span><span class=\"speaker\">speaker</span><span class=\"cue\">cue</span> {claims} claims. Click a highlight or a row to see a claim's parts together.</div>",
        escaped(&title)
    );
    if edit {
        out.push_str(EDIT_BAR);
    }
    if docs.len() > 1 {
        out.push_str("<nav>");
        for (d, doc) in docs.iter().enumerate() {
            let _ = write!(out, "<a href=\"#d{d}\">{}</a>", escaped(&doc.id));
        }
        out.push_str("</nav>");
    }
    out.push_str("</header>\n");
    for (d, doc) in docs.iter().enumerate() {
        let _ = write!(
            out,
            "<section class=\"doc\" id=\"d{d}\"><h2>{} <small>({} claims)</small></h2>",
            escaped(&doc.id),
            doc.claims.len()
        );
        if let Some(note) = &doc.note {
            let _ = write!(out, "<p class=\"note\">{}</p>", escaped(note));
        }
        let _ = write!(
            out,
            "<div class=\"layout\"><article id=\"text-d{d}\" data-doc=\"{d}\">"
        );
        marked_text(d, doc, &mut out);
        let _ = write!(out, "</article><div class=\"tablebox\" id=\"table-d{d}\">");
        claims_table(d, doc, &mut out);
        out.push_str("</div></div></section>\n");
    }
    if edit {
        let _ = write!(
            out,
            "<script type=\"application/json\" id=\"whosaid-data\">{}</script>",
            edit_data(docs)
        );
        let _ = writeln!(
            out,
            "<script>{SCRIPT}\n{EDIT_SCRIPT}</script></body></html>"
        );
    } else {
        let _ = writeln!(out, "<script>{SCRIPT}</script></body></html>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, claims: Vec<ReviewClaim>) -> ReviewDoc {
        ReviewDoc {
            id: "a<b>\"c\"".into(),
            text: text.into(),
            claims,
            note: None,
        }
    }

    #[test]
    fn markup_in_the_text_and_ids_is_escaped() {
        let text = "<script>alert(\"x\")</script> & \"quoted\" 'single'";
        let claim = ReviewClaim {
            content: vec![[0, 8]],
            cells: [
                "<b>".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "\"><img src=x>".into(),
            ],
            ..Default::default()
        };
        let html = page(&[doc(text, vec![claim])]);
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert!(html.contains(">&lt;script&gt;</span>alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"));
        assert!(html.contains("a&lt;b&gt;&quot;c&quot;"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn overlapping_spans_split_into_stretches_of_each_claim() {
        // Claim 0: content 0-10 with its cue 11-15; claim 1's speaker 4-8 inside it.
        let c0 = ReviewClaim {
            content: vec![[0, 10]],
            cue: Some([11, 15]),
            ..Default::default()
        };
        let c1 = ReviewClaim {
            content: vec![[16, 20]],
            speaker: Some([4, 8]),
            ..Default::default()
        };
        let html = page(&[doc("abcdefghij said xxxx", vec![c0, c1])]);
        assert!(html.contains(r#"<span class="hl content" data-claims="d0c0">abcd</span><span class="hl content speaker" data-claims="d0c0 d0c1">efgh</span>"#), "{html}");
        assert!(html.contains(r#"<span class="hl cue" data-claims="d0c0">said</span>"#));
        assert_eq!(html.matches("class=\"claim-row\"").count(), 2);
    }

    #[test]
    fn the_role_column_follows_the_resolved_name() {
        assert_eq!(
            role(Some("a spokeswoman"), Some("Corvane")),
            "a spokeswoman, Corvane"
        );
        assert_eq!(role(None, Some("Corvane")), "Corvane");
        assert_eq!(role(None, None), "");
        let c = ReviewClaim {
            content: vec![[0, 4]],
            cells: [
                "Ruiz".into(),
                "Ana Ruiz".into(),
                "person".into(),
                "said".into(),
                "direct".into(),
                "quote_cue_speaker".into(),
                "0.90".into(),
                "\"No\"".into(),
            ],
            role: role(Some("professor"), Some("A&M")),
            ..Default::default()
        };
        let html = page(&[doc("\"No\" said Ruiz", vec![c])]);
        assert!(
            html.contains("<th>resolved</th><th>role</th><th>type</th>"),
            "{html}"
        );
        assert!(
            html.contains("<td>Ana Ruiz</td><td>professor, A&amp;M</td><td>person</td>"),
            "{html}"
        );
    }

    #[test]
    fn spans_outside_the_text_are_left_out() {
        let c = ReviewClaim {
            content: vec![[2, 99]],
            ..Default::default()
        };
        let html = page(&[doc("short", vec![c])]);
        assert!(!html.contains("class=\"hl"));
    }
}
