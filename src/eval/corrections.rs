//! Corrections: the file the review page's "Save corrections" writes
//! (`whosaid show --edit`), one JSON object per line and article:
//!
//! ```json
//! {"doc_id": "flood-local", "text_sha256": "9f2c…", "text": "…",
//!  "reviewed": true, "reviewer": "",
//!  "claims": [{"content_spans": [[10, 42]], "speaker_span": [50, 58],
//!              "cue_span": [59, 63], "speaker_type": "person",
//!              "cue_class": "speech", "status": "edited"}]}
//! ```
//!
//! Spans are code points of `text`; `text_sha256` is the SHA-256 of the
//! text's UTF-8 bytes, which ties the claims to the text they were made
//! on. A claim's `status` is `unchecked` (as extracted, not looked at),
//! `correct`, `edited`, `added` or `deleted`. Every claim of a reviewed
//! article but the deleted ones is gold; an article not marked reviewed
//! is no gold at all. Other fields (`speaker`, `cue`: the spans' text) are
//! for people reading the file and are not read back.
//!
//! [`read`] reads such a file; [`to_gold`] makes gold documents of its
//! reviewed articles, which `whosaid eval` and `whosaid train` read as
//! they read a gold folder ([`super::read_gold`]) and `whosaid gold`
//! writes out as BRAT ([`write_brat`]).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::brat::{GoldAttribution, GoldDoc, char_starts};
use crate::doc::Span;
use crate::error::{Error, ErrorKind, Position};

/// The statuses a claim may have.
pub const STATUSES: &[&str] = &["unchecked", "correct", "edited", "added", "deleted"];

/// One article of a corrections file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Correction {
    pub doc_id: String,
    pub text_sha256: String,
    pub text: String,
    #[serde(default)]
    pub reviewed: bool,
    /// Who reviewed it, where the page was told (free text).
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub claims: Vec<CorrectedClaim>,
}

/// One claim of a corrected article, spans in code points.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Default)]
pub struct CorrectedClaim {
    pub content_spans: Vec<[usize; 2]>,
    #[serde(default)]
    pub speaker_span: Option<[usize; 2]>,
    #[serde(default)]
    pub cue_span: Option<[usize; 2]>,
    #[serde(default)]
    pub speaker_type: Option<String>,
    #[serde(default)]
    pub cue_class: Option<String>,
    #[serde(default = "unchecked")]
    pub status: String,
}

fn unchecked() -> String {
    "unchecked".into()
}

impl CorrectedClaim {
    /// Gold, unless deleted.
    pub fn is_gold(&self) -> bool {
        self.status != "deleted"
    }

    /// Its content spans in order: which claim it is, for comparing
    /// reviewers.
    pub fn content_key(&self) -> Vec<[usize; 2]> {
        let mut content = self.content_spans.clone();
        content.sort_unstable();
        content
    }
}

/// The checksum of a text, as the review page computes it.
pub use crate::emit::review::sha256;

/// Whether `path` looks like a corrections file (a `.jsonl` file).
pub fn is_corrections(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("jsonl"))
}

fn error(path: &Path, line: Option<usize>, message: String) -> Error {
    Error::new(ErrorKind::Gold, message).at(path.display().to_string(), line.map(Position::Line))
}

/// Checks one article: its text against its checksum, its claims' spans
/// against its text, its statuses and types against the lists.
fn check(c: &Correction, path: &Path, line: usize) -> Result<(), Error> {
    let err = |m: String| error(path, Some(line), format!("{}: {m}", c.doc_id));
    if sha256(&c.text) != c.text_sha256 {
        return Err(err(
            "the text does not match its text_sha256: the text was changed after the claims were made on it".into(),
        ));
    }
    let n = c.text.chars().count();
    for (i, claim) in c.claims.iter().enumerate() {
        let spans = claim
            .content_spans
            .iter()
            .chain(&claim.speaker_span)
            .chain(&claim.cue_span);
        for s in spans {
            if s[0] >= s[1] || s[1] > n {
                return Err(err(format!(
                    "claim {i}: span {}-{} is not within the text's {n} characters",
                    s[0], s[1]
                )));
            }
        }
        if claim.content_spans.is_empty() && claim.is_gold() {
            return Err(err(format!("claim {i} has no content")));
        }
        if !STATUSES.contains(&claim.status.as_str()) {
            return Err(err(format!(
                "claim {i}: status {:?} is none of {}",
                claim.status,
                STATUSES.join(", ")
            )));
        }
        if let Some(t) = claim.speaker_type.as_deref()
            && !crate::emit::schema::SPEAKER_TYPES.contains(&t)
        {
            return Err(err(format!(
                "claim {i}: speaker_type {t:?} is not one of the schema's"
            )));
        }
        if let Some(k) = claim.cue_class.as_deref()
            && !crate::emit::schema::CUE_CLASSES.contains(&k)
        {
            return Err(err(format!(
                "claim {i}: cue_class {k:?} is not one of the schema's"
            )));
        }
    }
    Ok(())
}

/// Reads a corrections file: its articles in the file's order, and the
/// errors of the lines that cannot be read (an article
/// with a bad line is left out, the rest are read).
pub fn read(path: &Path) -> Result<(Vec<Correction>, Vec<Error>), Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).at(path.display().to_string(), None))?;
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let c: Correction = match serde_json::from_str(line) {
            Ok(c) => c,
            Err(e) => {
                errors.push(error(
                    path,
                    Some(i + 1),
                    format!("not an article of a corrections file: {e}"),
                ));
                continue;
            }
        };
        match check(&c, path, i + 1) {
            Ok(()) => out.push(c),
            Err(e) => errors.push(e),
        }
    }
    Ok((out, errors))
}

/// Code-point spans to byte spans of `starts` ([`char_starts`]).
fn bytes(s: [usize; 2], starts: &[usize]) -> Span {
    Span::new(starts[s[0]], starts[s[1]])
}

/// The gold document of a reviewed article: every claim but the deleted
/// ones, ids E1, E2, ... in the order of the file.
pub fn to_gold(c: &Correction) -> GoldDoc {
    let starts = char_starts(&c.text);
    let mut attributions: Vec<GoldAttribution> = c
        .claims
        .iter()
        .filter(|k| k.is_gold())
        .enumerate()
        .map(|(i, k)| {
            let mut content: Vec<Span> =
                k.content_spans.iter().map(|&s| bytes(s, &starts)).collect();
            content.sort();
            GoldAttribution {
                id: format!("E{}", i + 1),
                content,
                source: k
                    .speaker_span
                    .map(|s| bytes(s, &starts))
                    .into_iter()
                    .collect(),
                cue: k.cue_span.map(|s| bytes(s, &starts)).into_iter().collect(),
                ..GoldAttribution::default()
            }
        })
        .collect();
    attributions.sort_by_key(|a| (a.content[0].start, a.content.last().map_or(0, |s| s.end)));
    GoldDoc {
        name: doc_name(&c.doc_id).to_string(),
        lang: crate::lang::detect::detect(&c.text),
        text: c.text.clone(),
        attributions,
        tokens: Vec::new(),
    }
}

/// A file's articles with each doc_id once: an article given twice (the
/// page saved again) by its later line, in the order of those lines.
pub fn latest(articles: Vec<Correction>) -> Vec<Correction> {
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, c) in articles.iter().enumerate() {
        last.insert(&c.doc_id, i);
    }
    let keep: Vec<bool> = (0..articles.len())
        .map(|i| last[articles[i].doc_id.as_str()] == i)
        .collect();
    articles
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// The gold of a corrections file ([`super::read_gold`]): its reviewed
/// articles (an article given twice: the later line). Articles not marked
/// reviewed are no gold; their ids are returned beside the documents.
pub fn read_gold(path: &Path) -> Result<super::Gold, Error> {
    let (articles, errors) = read(path)?;
    let (reviewed, unreviewed): (Vec<Correction>, Vec<Correction>) =
        latest(articles).into_iter().partition(|c| c.reviewed);
    if reviewed.is_empty() && errors.is_empty() {
        let message = match unreviewed.len() {
            0 => "no articles".to_string(),
            n => format!(
                "none of its {n} articles is marked reviewed: only a reviewed article is gold"
            ),
        };
        return Err(error(path, None, message));
    }
    let mut docs: Vec<GoldDoc> = reviewed.iter().map(to_gold).collect();
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(super::Gold {
        docs,
        errors,
        unreviewed: unreviewed.into_iter().map(|c| c.doc_id).collect(),
    })
}

/// The gold document's name of `doc_id`: its last path part, as a
/// claims file's doc_ids are matched to gold documents.
pub fn doc_name(doc_id: &str) -> &str {
    doc_id.rsplit('/').next().unwrap_or(doc_id)
}

/// A file name for `doc_id`: of its last path part, the letters, digits,
/// `-` and `.` kept, the rest (spaces, `_`, which BRAT's layout reserves)
/// turned into `-`.
pub fn file_stem(doc_id: &str) -> String {
    let s: String = doc_name(doc_id)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches('.');
    if s.is_empty() {
        "article".into()
    } else {
        s.to_string()
    }
}

/// BRAT annotations of one article: T lines for each claim's content
/// (discontinuous spans joined by `;`), source and cue, an E line tying
/// them, and the speaker type and cue class as attribute (A) lines.
pub fn brat_ann(c: &Correction) -> String {
    use std::fmt::Write;
    let chars: Vec<char> = c.text.chars().collect();
    let piece = |s: [usize; 2]| -> String {
        chars[s[0]..s[1]]
            .iter()
            .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    };
    let (mut out, mut t, mut a) = (String::new(), 0, 0);
    let mut span_line = |out: &mut String, label: &str, spans: &[[usize; 2]]| -> String {
        t += 1;
        let offsets: Vec<String> = spans.iter().map(|s| format!("{} {}", s[0], s[1])).collect();
        let text: Vec<String> = spans.iter().map(|&s| piece(s)).collect();
        let _ = writeln!(
            out,
            "T{t}\t{label} {}\t{}",
            offsets.join(";"),
            text.join(" ")
        );
        format!("T{t}")
    };
    for (e, k) in c.claims.iter().filter(|k| k.is_gold()).enumerate() {
        let mut content = k.content_spans.clone();
        content.sort_unstable();
        let content_t = span_line(&mut out, "Content", &content);
        let source = k.speaker_span.map(|s| span_line(&mut out, "Source", &[s]));
        let cue = k.cue_span.map(|s| span_line(&mut out, "Cue", &[s]));
        // The event's trigger: its own T line, at the cue (else the content).
        let label = match source {
            Some(_) => "Attribution",
            None => "Attribution-no-source",
        };
        let trigger = span_line(&mut out, label, &[k.cue_span.unwrap_or(content[0])]);
        let mut roles = format!("{label}:{trigger} Content:{content_t}");
        for (role, t) in [("Source", &source), ("Cue", &cue)] {
            if let Some(t) = t {
                let _ = write!(roles, " {role}:{t}");
            }
        }
        let _ = writeln!(out, "E{}\t{roles}", e + 1);
        for (name, value) in [("SpeakerType", &k.speaker_type), ("CueClass", &k.cue_class)] {
            if let Some(v) = value {
                a += 1;
                let _ = writeln!(out, "A{a}\t{name} E{} {v}", e + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, claims: Vec<CorrectedClaim>) -> Correction {
        Correction {
            doc_id: "a/b c".into(),
            text_sha256: sha256(text),
            text: text.into(),
            reviewed: true,
            reviewer: String::new(),
            claims,
        }
    }

    #[test]
    fn the_brat_of_a_correction_reads_back_as_its_gold() {
        // "é" is two bytes: spans are code points.
        let text = "“Né,” said Ana. “Later.”\nThe board expects rain.";
        let c = article(
            text,
            vec![
                CorrectedClaim {
                    content_spans: vec![[16, 24], [0, 5]],
                    speaker_span: Some([11, 14]),
                    cue_span: Some([6, 10]),
                    speaker_type: Some("person".into()),
                    cue_class: Some("speech".into()),
                    status: "edited".into(),
                },
                CorrectedClaim {
                    content_spans: vec![[0, 5]],
                    status: "deleted".into(),
                    ..Default::default()
                },
                CorrectedClaim {
                    content_spans: vec![[43, 48]],
                    cue_span: Some([35, 42]),
                    status: "added".into(),
                    ..Default::default()
                },
            ],
        );
        let ann = brat_ann(&c);
        assert!(
            ann.contains("A1\tSpeakerType E1 person\nA2\tCueClass E1 speech\n"),
            "{ann}"
        );
        assert!(ann.contains("Attribution-no-source"), "{ann}");
        let read = super::super::brat::parse_ann(&ann, text, Path::new("x.ann")).unwrap();
        let gold = to_gold(&c);
        assert_eq!(read.len(), 2, "the deleted claim is no gold");
        for (r, g) in read.iter().zip(&gold.attributions) {
            assert_eq!(
                (&r.content, &r.source, &r.cue),
                (&g.content, &g.source, &g.cue)
            );
        }
        assert_eq!(&text[read[0].source[0].range()], "Ana");
        assert_eq!(&text[read[0].content[0].range()], "“Né,”");
        assert_eq!(&text[read[1].cue[0].range()], "expects");
        assert_eq!(file_stem(&c.doc_id), "b-c");
        assert_eq!(gold.name, "b c");
    }

    #[test]
    fn an_article_saved_twice_counts_by_its_later_line() {
        let mut a1 = article("one", vec![]);
        a1.doc_id = "a".into();
        let mut b = article("two", vec![]);
        b.doc_id = "b".into();
        let mut a2 = a1.clone();
        a2.reviewed = false;
        let got = latest(vec![a1, b.clone(), a2.clone()]);
        assert_eq!(got, vec![b, a2]);
    }

    #[test]
    fn a_changed_text_or_a_bad_span_is_an_error_naming_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let good = article("Ana said no.", vec![]);
        let mut changed = article("Ana said no.", vec![]);
        changed.doc_id = "changed".into();
        changed.text = "Ana said yes.".into();
        let mut outside = article("Ana said no.", vec![]);
        outside.doc_id = "outside".into();
        outside.claims.push(CorrectedClaim {
            content_spans: vec![[9, 40]],
            ..Default::default()
        });
        let lines: Vec<String> = [&good, &changed, &outside]
            .iter()
            .map(|c| serde_json::to_string(c).unwrap())
            .collect();
        std::fs::write(&path, lines.join("\n") + "\nnot json\n").unwrap();
        let (ok, errors) = read(&path).unwrap();
        assert_eq!(ok, vec![good]);
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].contains(":2: changed: the text does not match its text_sha256"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains(":3: outside: claim 0: span 9-40"),
            "{}",
            messages[1]
        );
        assert!(
            messages[2].contains(":4: not an article"),
            "{}",
            messages[2]
        );
    }
}
