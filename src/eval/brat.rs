//! BRAT standoff gold as PolNeAR lays it out: `DIR/text/NAME.txt` and
//! `DIR/attributions/NAME_ANNOTATOR.ann`, the first annotator file by
//! sorted name per article.
//!
//! T lines give labelled spans in code points, possibly discontinuous
//! (`s e;s e`); their text field may run over several lines. E lines tie an
//! `Attribution` or `Attribution-no-source` trigger to its Source, Cue and
//! Content (and Content2) T lines. Discard and Discuss spans are ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::doc::Span;
use crate::error::{Error, ErrorKind, Position};
use crate::lexicon::Lang;

/// One gold attribution, in byte spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The id of its E line ("E3"), which hand labels refer to.
    pub id: String,
    pub content: Vec<Span>,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
    /// The frame and the addressee, where the gold marks them (the JSON
    /// layout does; PolNeAR's BRAT does not).
    pub frame: Vec<Span>,
    pub addressee: Vec<Span>,
    /// The gold's kind of quotation ("Direct", "Indirect", ...), if it
    /// says.
    pub kind: String,
}

#[derive(Clone, Debug)]
pub struct GoldDoc {
    pub name: String,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
    /// The language of the text: the gold's, or (BRAT) the one it looks
    /// written in.
    pub lang: Lang,
    /// The gold's own tokens, where it has them (the JSON layout does),
    /// which its own score counts ([`super::group_score`]).
    pub tokens: Vec<GoldToken>,
}

/// A token of the gold's own tokenization: its byte span and sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldToken {
    pub span: Span,
    pub sentence: u32,
}

/// The error of gold annotations: `message` about `file` (at `line`).
fn gold_error(file: &Path, line: Option<usize>, message: String) -> Error {
    Error::new(ErrorKind::Gold, message).at(file.display().to_string(), line.map(Position::Line))
}

/// Byte offset of every code point, plus the text length at the end.
pub fn char_starts(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Parses `s e;s e` (code points) into byte spans.
fn parse_spans(field: &str, starts: &[usize]) -> Result<Vec<Span>, Error> {
    let bad = |message: String| Error::new(ErrorKind::Gold, message);
    let mut out = Vec::new();
    for part in field.split(';') {
        let mut it = part.split_whitespace();
        let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) else {
            return Err(bad(format!("bad span {part:?}")));
        };
        let a: usize = a.parse().map_err(|_| bad(format!("bad offset {a:?}")))?;
        let b: usize = b.parse().map_err(|_| bad(format!("bad offset {b:?}")))?;
        let n = starts.len() - 1;
        if a > b || b > n {
            return Err(bad(format!(
                "span {a}-{b} out of the text's {n} characters"
            )));
        }
        out.push(Span::new(starts[a], starts[b]));
    }
    Ok(out)
}

/// Parses one annotation file against its text.
pub fn parse_ann(ann: &str, text: &str, file: &Path) -> Result<Vec<GoldAttribution>, Error> {
    let starts = char_starts(text);
    let err = |line: usize, message: String| gold_error(file, Some(line), message);
    let mut spans: HashMap<&str, (&str, Vec<Span>)> = HashMap::new();
    let mut events: Vec<(usize, &str, &str)> = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let lineno = i + 1;
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or("");
        let is_record = id.len() > 1
            && id[1..].bytes().all(|b| b.is_ascii_digit())
            && matches!(id.as_bytes()[0], b'T' | b'E' | b'A' | b'R' | b'N' | b'#');
        if !is_record {
            // Continuation of a multi-line T text, or a blank line.
            continue;
        }
        let Some(body) = fields.next() else {
            return Err(err(lineno, "record without a tab-separated body".into()));
        };
        match id.as_bytes()[0] {
            b'T' => {
                let (label, rest) = body
                    .split_once(' ')
                    .ok_or_else(|| err(lineno, format!("T line without spans: {body:?}")))?;
                let s = parse_spans(rest, &starts)
                    .map_err(|e| e.at(file.display().to_string(), Some(Position::Line(lineno))))?;
                spans.insert(id, (label, s));
            }
            b'E' => events.push((lineno, id, body)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (lineno, id, body) in events {
        let mut roles = body.split_whitespace();
        let Some(trigger) = roles.next() else {
            continue;
        };
        let kind = trigger.split(':').next().unwrap_or("");
        if !kind.starts_with("Attribution") {
            continue;
        }
        let mut a = GoldAttribution {
            id: id.to_string(),
            ..GoldAttribution::default()
        };
        for r in roles {
            let (role, tid) = r
                .split_once(':')
                .ok_or_else(|| err(lineno, format!("bad role {r:?}")))?;
            let (_, s) = spans
                .get(tid)
                .ok_or_else(|| err(lineno, format!("role {role} names unknown span {tid}")))?;
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Content" => a.content.extend(s),
                "Source" => a.source.extend(s),
                "Cue" => a.cue.extend(s),
                _ => {}
            }
        }
        if a.content.is_empty() {
            continue;
        }
        a.content.sort();
        out.push(a);
    }
    // "Earliest gold" in the matching's tie rule means earliest in the text.
    out.sort_by_key(|a| (a.content[0].start, a.content.last().map_or(0, |s| s.end)));
    Ok(out)
}

/// The error of a gold folder without documents.
pub(crate) fn no_documents(dir: &Path) -> Error {
    gold_error(dir, None, "no gold documents in text/".into())
}

/// A gold folder that cannot be listed.
fn unlisted(dir: &Path, e: std::io::Error) -> Error {
    let message = format!("{e} (a gold folder holds text/ and attributions/)");
    Error::new(ErrorKind::Io, message)
        .with_source(e)
        .at(dir.display().to_string(), None)
}

/// An article file that cannot be read.
fn unread(file: PathBuf, e: std::io::Error) -> Error {
    Error::from(e).at(file.display().to_string(), None)
}

/// Reads every article of a BRAT gold folder (`text/` and
/// `attributions/`). Articles that cannot be read are returned as errors
/// and left out of the documents.
pub(crate) fn read_brat(dir: &Path) -> Result<(Vec<GoldDoc>, Vec<Error>), Error> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut names: Vec<String> = std::fs::read_dir(&text_dir)
        .map_err(|e| unlisted(&text_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "txt"))
                .then(|| p.file_stem().map(|s| s.to_string_lossy().into_owned()))?
        })
        .collect();
    names.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(|e| unlisted(&ann_dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    // Annotations whose article text is missing.
    let mut orphans: Vec<&String> = anns
        .iter()
        .filter(|a| {
            let stem = a.trim_end_matches(".ann");
            let article = stem.rsplit_once('_').map_or(stem, |(n, _)| n);
            names.binary_search_by(|n| n.as_str().cmp(article)).is_err()
        })
        .collect();
    orphans.dedup_by(|a, b| a.rsplit_once('_').map(|x| x.0) == b.rsplit_once('_').map(|x| x.0));
    for a in orphans {
        let message = format!("no text file for it in {}", text_dir.display());
        errors.push(gold_error(&ann_dir.join(a), None, message));
    }
    for name in names {
        let text_path = text_dir.join(format!("{name}.txt"));
        let prefix = format!("{name}_");
        let ann = anns.iter().find(|a| {
            a.strip_prefix(&prefix)
                .and_then(|r| r.strip_suffix(".ann"))
                .is_some_and(|annotator| !annotator.is_empty() && !annotator.contains('_'))
        });
        let Some(ann) = ann else {
            let message = format!(
                "no annotation file {name}_ANNOTATOR.ann in {}",
                ann_dir.display()
            );
            errors.push(gold_error(&text_path, None, message));
            continue;
        };
        let ann_path = ann_dir.join(ann);
        let text = match std::fs::read_to_string(&text_path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(unread(text_path, e));
                continue;
            }
        };
        let ann_text = match std::fs::read_to_string(&ann_path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(unread(ann_path, e));
                continue;
            }
        };
        match parse_ann(&ann_text, &text, &ann_path) {
            Ok(attributions) => docs.push(GoldDoc {
                lang: crate::lang::detect::detect(&text),
                name,
                text,
                attributions,
                tokens: Vec::new(),
            }),
            Err(e) => errors.push(e),
        }
    }
    Ok((docs, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_text_content2_and_no_source() {
        let text = "“A,” he said, “B.”\nC é said D.";
        let ann = "T1\tContent 0 4\t“A,”\nT2\tSource 5 7\the\nT3\tCue 8 12\tsaid\nT4\tContent 14 18\t“B.”\nT5\tAttribution 8 12\tsaid\n\
E1\tAttribution:T5 Content:T1 Cue:T3 Source:T2 Content2:T4\n\
T6\tContent 19 20;23 29\tC\nsaid D\nT7\tCue 21 22\té\nT8\tAttribution-no-source 21 22\té\nE2\tAttribution-no-source:T8 Content:T6 Cue:T7\n\
T9\tDiscard 0 1\t“\n";
        let g = parse_ann(ann, text, Path::new("x.ann")).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].content.len(), 2);
        assert_eq!(&text[g[0].source[0].range()], "he");
        assert!(g[1].source.is_empty());
        // code points to bytes: "é" is two bytes.
        assert_eq!(&text[g[1].cue[0].range()], "é");
        assert_eq!(&text[g[1].content[1].range()], "said D");
    }

    #[test]
    fn a_malformed_line_is_a_gold_error_at_its_line() {
        let ann = "T1\tContent 0 2\tab\nE1\tAttribution:T1 Content:T9\n";
        let e = parse_ann(ann, "abc", Path::new("g/a_x.ann")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Gold);
        assert_eq!(e.input(), Some("g/a_x.ann"));
        assert_eq!(e.position(), Some(Position::Line(2)));
        assert_eq!(e.message(), "role Content names unknown span T9");
        assert_eq!(
            e.to_string(),
            "g/a_x.ann:2: role Content names unknown span T9"
        );
    }

    #[test]
    fn bad_offsets_name_the_line() {
        let e = parse_ann("T1\tContent 0 99\tx\n", "short", Path::new("a.ann")).unwrap_err();
        assert_eq!(e.position(), Some(Position::Line(1)));
        assert!(e.to_string().contains("a.ann:1"), "{e}");
    }
}
