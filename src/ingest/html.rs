//! HTML pages: the article's main text, by `dom_smoothie` (a port of
//! readability.js): navigation, advertising, related links and footers
//! dropped, entities decoded, one paragraph a block. The document's text
//! is the headline, a blank line, then the paragraphs separated by blank
//! lines; claim offsets index that text (`--text-out` writes it).
//!
//! Chosen by measurement on three pages written for the project
//! (`tests/data/html/`): dom_smoothie kept every paragraph apart and left
//! one newsletter line inside a story; the `readability` crate dropped the
//! same boilerplate but glued paragraphs together ("...the plan.“We are
//! ..."), which breaks sentences and so attribution. Both took under 5 ms
//! a page.

use crate::error::{Error, ErrorKind};
use regex::Regex;
use std::sync::OnceLock;

/// What a page gives: its main text, headline and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    /// The canonical address (`<link rel="canonical">`, else `og:url`).
    pub url: Option<String>,
}

/// The main text of `html`, or why there is none.
#[cfg(feature = "html")]
pub fn extract(html: &str) -> Result<Page, Error> {
    use dom_smoothie::{Config, Readability, TextMode};
    let no_text = |what: String| Error::new(ErrorKind::NoText, what);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| no_text(e.to_string()))?;
    let article = r
        .parse()
        .map_err(|e| no_text(format!("no article text found ({e})")))?;
    let body = tidy(&article.text_content);
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let text = match &title {
        Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    if text.trim().is_empty() {
        return Err(no_text("no article text found".into()));
    }
    Ok(Page {
        text,
        title,
        url: canonical_url(html),
    })
}

/// Without the `html` feature, pages cannot be read.
#[cfg(not(feature = "html"))]
pub fn extract(_html: &str) -> Result<Page, Error> {
    Err(Error::new(
        ErrorKind::Unsupported,
        "HTML input needs the html feature (built by default; this build left it out)",
    ))
}

/// Paragraphs separated by one blank line, lines trimmed, no run of blank
/// lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

/// The page's canonical address, from its head.
fn canonical_url(html: &str) -> Option<String> {
    static LINK: OnceLock<Regex> = OnceLock::new();
    static OG: OnceLock<Regex> = OnceLock::new();
    let head = &html[..crate::lang::text::floor_boundary(html, 1 << 16)];
    let link = LINK.get_or_init(|| {
        Regex::new(
            r#"(?is)<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*\bhref\s*=\s*["']([^"'>\s]+)"#,
        )
        .expect("valid regex")
    });
    let og = OG.get_or_init(|| {
        Regex::new(r#"(?is)<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*\bcontent\s*=\s*["']([^"'>\s]+)"#)
            .expect("valid regex")
    });
    link.captures(head)
        .or_else(|| og.captures(head))
        .map(|c| c[1].to_string())
}

/// Does `head` (the first bytes of an input) look like an HTML page?
pub fn looks_like_html(head: &[u8]) -> bool {
    let n = head.len().min(1024);
    let s = String::from_utf8_lossy(&head[..n]).to_ascii_lowercase();
    let t = s.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<')
        && (t.contains("<html") || t.contains("<!doctype html") || t.contains("<body"))
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_boilerplate() {
        let html = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/html/harbor-vote.html"
        ))
        .unwrap();
        let p = extract(&html).unwrap();
        assert_eq!(
            p.title.as_deref(),
            Some("Harbor board delays vote on dredging contract")
        );
        assert_eq!(
            p.url.as_deref(),
            Some("https://courier.example/news/2026/harbor-vote")
        );
        assert!(
            p.text
                .starts_with("Harbor board delays vote on dredging contract\n\nThe Lakeside")
        );
        assert!(
            p.text
                .contains("“We are not going to rush a decision this large,” board chair")
        );
        assert!(p.text.contains("state rules & be finished"));
        for junk in [
            "Subscribe",
            "Advertisement",
            "Read more",
            "Ferry fares",
            "Privacy",
            "window.ads",
        ] {
            assert!(!p.text.contains(junk), "{junk} in {:?}", p.text);
        }
        assert!(looks_like_html(html.as_bytes()));
        assert!(!looks_like_html(b"\"We won,\" she said."));
    }
}
