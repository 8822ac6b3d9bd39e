//! Gold in the JSON of the German news quotation-attribution dataset
//! (Petersen-Frey and Biemann, LREC-COLING 2024; GermEval 2023 task 2):
//! one article per `DIR/NAME.json`, its text in `originalText` and one
//! entry of `annotations` per quotation, each with the spans of its
//! `quote`, `speaker`, `cue`, `frame` and `addressee` in code-point
//! offsets (`charBegin`, `charEnd`) and its `type` (Direct, Indirect,
//! Reported, FreeIndirect, IndirectFreeIndirect).
//!
//! The quotation is the attribution's content, the speaker its source,
//! the cue its cue; an annotation without a quote span is left out (as a
//! BRAT attribution without content is). Its language is German. The
//! article's `tokens` (code-point spans and sentence numbers) are kept
//! for the dataset's own score ([`super::group_score`]).

use std::path::Path;

use serde::Deserialize;

use super::brat::{GoldAttribution, GoldDoc, GoldToken, char_starts};
use crate::doc::Span;
use crate::error::{Error, ErrorKind};
use crate::lexicon::Lang;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Article {
    original_text: String,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    tokens: Vec<Token>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Token {
    char_begin: usize,
    char_end: usize,
    #[serde(default)]
    sentence: u32,
}

#[derive(Deserialize)]
struct Annotation {
    quote: Role,
    #[serde(default)]
    speaker: Option<Role>,
    #[serde(default)]
    cue: Option<Role>,
    #[serde(default)]
    frame: Option<Role>,
    #[serde(default)]
    addressee: Option<Role>,
    #[serde(default, rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct Role {
    #[serde(default)]
    spans: Vec<RoleSpan>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleSpan {
    char_begin: usize,
    char_end: usize,
}

/// Whether `dir` holds gold in this layout: `.json` files and no `text/`
/// folder (BRAT's).
pub(crate) fn is_json_gold(dir: &Path) -> bool {
    !dir.join("text").is_dir()
        && std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| e.path().extension().is_some_and(|x| x == "json"))
        })
}

/// Parses one article file (`json`, read from `file`).
pub fn parse_article(json: &str, file: &Path) -> Result<GoldDoc, Error> {
    let bad =
        |message: String| Error::new(ErrorKind::Gold, message).at(file.display().to_string(), None);
    let article: Article = serde_json::from_str(json).map_err(|e| {
        Error::new(
            ErrorKind::Gold,
            format!("not an article of the JSON gold layout: {e}"),
        )
        .at(
            file.display().to_string(),
            Some(crate::error::Position::Line(e.line())),
        )
    })?;
    let text = article.original_text;
    let starts = char_starts(&text);
    let n = starts.len() - 1;
    let spans = |role: Option<&Role>, which: &str, i: usize| -> Result<Vec<Span>, Error> {
        let mut out = Vec::new();
        for s in role.map_or(&[][..], |r| &r.spans) {
            if s.char_begin > s.char_end || s.char_end > n {
                return Err(bad(format!(
                    "annotation {i}: {which} span {}-{} out of the text's {n} characters",
                    s.char_begin, s.char_end
                )));
            }
            if s.char_begin < s.char_end {
                out.push(Span::new(starts[s.char_begin], starts[s.char_end]));
            }
        }
        out.sort_by_key(|s| s.start);
        Ok(out)
    };
    let mut attributions = Vec::new();
    for (i, a) in article.annotations.iter().enumerate() {
        let content = spans(Some(&a.quote), "quote", i)?;
        if content.is_empty() {
            continue;
        }
        attributions.push(GoldAttribution {
            id: format!("Q{i}"),
            content,
            source: spans(a.speaker.as_ref(), "speaker", i)?,
            cue: spans(a.cue.as_ref(), "cue", i)?,
            frame: spans(a.frame.as_ref(), "frame", i)?,
            addressee: spans(a.addressee.as_ref(), "addressee", i)?,
            kind: a.kind.clone(),
        });
    }
    let mut tokens = Vec::with_capacity(article.tokens.len());
    for (i, t) in article.tokens.iter().enumerate() {
        if t.char_begin > t.char_end || t.char_end > n {
            return Err(bad(format!(
                "token {i}: span {}-{} out of the text's {n} characters",
                t.char_begin, t.char_end
            )));
        }
        tokens.push(GoldToken {
            span: Span::new(starts[t.char_begin], starts[t.char_end]),
            sentence: t.sentence,
        });
    }
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(GoldDoc {
        name,
        text,
        attributions,
        lang: Lang::De,
        tokens,
    })
}

/// Reads every article of a JSON gold folder, in sorted file order.
/// Articles that cannot be read are returned as errors and left out.
pub fn read_json_gold(dir: &Path) -> Result<(Vec<GoldDoc>, Vec<Error>), Error> {
    let listed = std::fs::read_dir(dir).map_err(|e| {
        Error::new(ErrorKind::Gold, format!("cannot list the gold folder: {e}"))
            .at(dir.display().to_string(), None)
    })?;
    let mut files: Vec<_> = listed
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match std::fs::read_to_string(&f) {
            Ok(json) => match parse_article(&json, &f) {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(
                Error::new(ErrorKind::Gold, format!("cannot read it: {e}"))
                    .at(f.display().to_string(), None),
            ),
        }
    }
    Ok((docs, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article in the layout, written for this test.
    const ARTICLE: &str = r#"{"documentName": "Test", "originalText": "Die Ärztin sagte: „Es geht.“ Er schwieg.",
      "sentences": [], "tokens": [],
      "annotations": [
        {"quote": {"spans": [{"charBegin": 18, "charEnd": 28, "begin": 4, "end": 8}], "text": "„Es geht.“", "tokenIds": []},
         "speaker": {"spans": [{"charBegin": 0, "charEnd": 10}], "text": "Die Ärztin", "tokenIds": []},
         "cue": {"spans": [{"charBegin": 11, "charEnd": 16}], "text": "sagte", "tokenIds": []},
         "frame": {"spans": [], "text": "", "tokenIds": []},
         "addressee": {"spans": [], "text": "", "tokenIds": []},
         "type": "Direct", "medium": "Speech", "isNested": false, "hasNested": false},
        {"quote": {"spans": [], "text": "", "tokenIds": []}, "type": "Indirect"}
      ]}"#;

    #[test]
    fn roles_become_byte_spans_and_empty_quotes_are_left_out() {
        let d = parse_article(ARTICLE, Path::new("g/7.json")).unwrap();
        assert_eq!(d.name, "7");
        assert_eq!(d.lang, Lang::De);
        assert_eq!(d.attributions.len(), 1);
        let a = &d.attributions[0];
        assert_eq!(&d.text[a.content[0].range()], "„Es geht.“");
        assert_eq!(&d.text[a.source[0].range()], "Die Ärztin");
        assert_eq!(&d.text[a.cue[0].range()], "sagte");
        assert_eq!(a.kind, "Direct");
        assert!(a.frame.is_empty() && a.addressee.is_empty());
    }

    #[test]
    fn a_span_past_the_text_is_an_error_naming_the_file() {
        let bad = ARTICLE.replace("\"charEnd\": 28", "\"charEnd\": 99");
        let e = parse_article(&bad, Path::new("g/7.json")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Gold);
        assert_eq!(e.input(), Some("g/7.json"));
        assert!(
            e.message().contains("annotation 0: quote span 18-99"),
            "{e}"
        );
        let e = parse_article("{\"annotations\": 3}", Path::new("g/8.json")).unwrap_err();
        assert!(e.to_string().starts_with("g/8.json"), "{e}");
    }
}
