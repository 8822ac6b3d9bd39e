//! Speaker labels: the name a reader would put in a "who is quoted" table,
//! the source's type and the cue's class, labelled by hand for gold
//! attributions, and how often whosaid's `speaker_resolved`,
//! `speaker_type` and `cue_class` agree with them on the attributions it
//! finds. The token-overlap metric cannot see these: a speaker "Claimed
//! Ross" shares a token with the gold source "Ross".
//!
//! A labels file is tab-separated with a header line and the columns
//! `doc`, `attribution`, `source`, `name`, `type`, `form`, `cue_class`
//! (then any others, such as a note, which are ignored):
//!
//! - `doc`: the gold article's name; `attribution`: its E line's id;
//! - `source`: the gold source span as `START-END` code points (a check
//!   that labels and gold agree), empty when there is none;
//! - `name`: the canonical name, empty when the source has none (an
//!   anonymous official, a document, a group without a proper name);
//! - `type`: `person`, `outlet`, `organization`, `group`, `anonymous`,
//!   `document`, or `none` (no source: not scored);
//! - `form`: how the source phrase names it: `name`, `surname`, `pronoun`,
//!   `description`, `none`;
//! - `cue_class`: `speech`, `thought`, `evidence`, or empty.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::brat::{GoldDoc, char_starts};
use super::metric::{DocMatch, Pred, ratio};
use crate::error::{Error, ErrorKind, Position};

/// The types a label may give.
pub const TYPES: &[&str] = &[
    "person",
    "outlet",
    "organization",
    "group",
    "anonymous",
    "document",
    "none",
];

/// The forms a label may give.
pub const FORMS: &[&str] = &["name", "surname", "pronoun", "description", "none"];

/// The cue classes a label may give.
pub const CUE_CLASSES: &[&str] = &["speech", "thought", "evidence"];

/// One labelled gold attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub doc: String,
    pub attribution: String,
    /// The gold source span in code points, as the labeller saw it.
    pub source: Option<(usize, usize)>,
    pub name: Option<String>,
    pub kind: String,
    pub form: String,
    pub cue_class: Option<String>,
    /// Its line in the labels file.
    pub line: usize,
}

/// The labels of a file, by document.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub file: String,
    pub by_doc: HashMap<String, Vec<Label>>,
}

/// The columns a labels file must have, in any order.
const COLUMNS: &[&str] = &[
    "doc",
    "attribution",
    "source",
    "name",
    "type",
    "form",
    "cue_class",
];

fn label_error(file: &str, line: usize, message: String) -> Error {
    Error::new(ErrorKind::Gold, message).at(file.to_string(), Some(Position::Line(line)))
}

/// Reads a labels file; a bad line is an error naming the file and line.
pub fn read_labels(path: &Path) -> Result<Labels, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).at(path.display().to_string(), None))?;
    parse_labels(&text, &path.display().to_string())
}

/// Parses the text of a labels file called `file`.
pub fn parse_labels(text: &str, file: &str) -> Result<Labels, Error> {
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(label_error(file, 1, "empty labels file".into()));
    };
    let header: Vec<&str> = header.split('\t').map(str::trim).collect();
    let mut at = [0usize; 7];
    for (slot, want) in at.iter_mut().zip(COLUMNS) {
        *slot = header.iter().position(|h| h == want).ok_or_else(|| {
            let message = format!(
                "no column {want:?} in the header (a labels file has {})",
                COLUMNS.join(", ")
            );
            label_error(file, 1, message)
        })?;
    }
    let mut out = Labels {
        file: file.to_string(),
        by_doc: HashMap::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for (i, line) in lines {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |k: usize| cells.get(at[k]).map_or("", |c| c.trim());
        let bad = |m: String| label_error(file, lineno, m);
        let one_of = |v: &str, what: &str, all: &[&str]| {
            if all.contains(&v) {
                Ok(v.to_string())
            } else {
                Err(bad(format!("{what} {v:?} is none of {}", all.join(", "))))
            }
        };
        let (doc, attribution) = (cell(0), cell(1));
        if doc.is_empty() || attribution.is_empty() {
            return Err(bad("a label needs its doc and attribution".into()));
        }
        if !seen.insert((doc.to_string(), attribution.to_string())) {
            return Err(bad(format!("{doc} {attribution} is labelled twice")));
        }
        let source = match cell(2) {
            "" | "-" => None,
            s => {
                let parsed = s
                    .split_once('-')
                    .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
                Some(parsed.ok_or_else(|| bad(format!("source {s:?} is not START-END")))?)
            }
        };
        let name = Some(cell(3)).filter(|n| !n.is_empty()).map(str::to_string);
        let kind = one_of(cell(4), "type", TYPES)?;
        let form = one_of(cell(5), "form", FORMS)?;
        let cue_class = match cell(6) {
            "" => None,
            c => Some(one_of(c, "cue_class", CUE_CLASSES)?),
        };
        out.by_doc.entry(doc.to_string()).or_default().push(Label {
            doc: doc.to_string(),
            attribution: attribution.to_string(),
            source,
            name,
            kind,
            form,
            cue_class,
            line: lineno,
        });
    }
    Ok(out)
}

/// A name as compared: lower case, curly apostrophes straight, spaces
/// collapsed, without a leading "the" or a trailing possessive.
pub fn normalize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.strip_prefix("the ").unwrap_or(&s);
    let s = s.strip_suffix("'s").unwrap_or(s);
    s.trim_end_matches(['.', ',']).to_string()
}

/// Agreement on one group of labelled attributions.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct SpeakerRow {
    pub group: String,
    /// Labelled attributions whose content whosaid found.
    pub matched: usize,
    pub name_right: usize,
    pub type_right: usize,
}

impl SpeakerRow {
    fn add(&mut self, name: bool, kind: bool) {
        self.matched += 1;
        self.name_right += usize::from(name);
        self.type_right += usize::from(kind);
    }

    pub fn name_accuracy(&self) -> f64 {
        ratio(self.name_right, self.matched)
    }

    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_right, self.matched)
    }
}

/// One labelled attribution whosaid found with a wrong name, type or
/// cue class.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Mistake {
    pub doc: String,
    pub attribution: String,
    pub source: String,
    pub want_name: Option<String>,
    pub got_name: Option<String>,
    pub want_type: String,
    pub got_type: Option<String>,
    pub form: String,
    pub want_cue_class: Option<String>,
    pub got_cue_class: Option<String>,
    pub got_speaker: Option<String>,
    pub got_cue: Option<String>,
}

/// How whosaid's speakers agree with the labels.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct SpeakerReport {
    pub file: String,
    /// Labelled attributions with a source.
    pub labelled: usize,
    /// All matched ones.
    pub all: SpeakerRow,
    /// By the labelled type.
    pub by_type: Vec<SpeakerRow>,
    /// By the form of the source phrase.
    pub by_form: Vec<SpeakerRow>,
    /// Sources that are a pronoun or a description (what resolution must
    /// get right).
    pub resolution: SpeakerRow,
    /// Matched attributions with a labelled cue class, and how many of
    /// them whosaid gives the same class.
    pub cue_class_matched: usize,
    pub cue_class_right: usize,
    #[serde(skip)]
    pub mistakes: Vec<Mistake>,
}

impl SpeakerReport {
    pub fn cue_class_accuracy(&self) -> f64 {
        ratio(self.cue_class_right, self.cue_class_matched)
    }
}

/// Scores `preds` (one entry per document, `None` for a document whose
/// predictions could not be read) against the labels of `docs`. A label
/// naming an attribution the gold lacks, or whose source span differs from
/// the gold's, is an error: the labels belong to another version of the
/// gold.
pub fn score<D: std::borrow::Borrow<GoldDoc>>(
    labels: &Labels,
    docs: &[D],
    matches: &[Option<DocMatch>],
    preds: &[Option<Vec<Pred>>],
) -> Result<SpeakerReport, Error> {
    let mut r = SpeakerReport {
        file: labels.file.clone(),
        ..SpeakerReport::default()
    };
    let mut by_type: Vec<SpeakerRow> = TYPES[..TYPES.len() - 1]
        .iter()
        .map(|t| SpeakerRow {
            group: t.to_string(),
            ..SpeakerRow::default()
        })
        .collect();
    let mut by_form: Vec<SpeakerRow> = FORMS[..FORMS.len() - 1]
        .iter()
        .map(|t| SpeakerRow {
            group: t.to_string(),
            ..SpeakerRow::default()
        })
        .collect();
    r.all.group = "all".into();
    r.resolution.group = "pronoun or description".into();
    for ((d, m), pr) in docs.iter().zip(matches).zip(preds) {
        let d = d.borrow();
        let Some(doc_labels) = labels.by_doc.get(&d.name) else {
            continue;
        };
        let starts = char_starts(&d.text);
        let cp = |byte: usize| starts.partition_point(|&s| s < byte);
        for l in doc_labels {
            let bad = |m: String| label_error(&labels.file, l.line, m);
            let gi = d
                .attributions
                .iter()
                .position(|g| g.id == l.attribution)
                .ok_or_else(|| {
                    bad(format!(
                        "the gold of {} has no attribution {}",
                        d.name, l.attribution
                    ))
                })?;
            let g = &d.attributions[gi];
            let gold_source = g
                .source
                .first()
                .zip(g.source.last())
                .map(|(a, b)| (cp(a.start), cp(b.end)));
            if gold_source != l.source {
                let show = |s: Option<(usize, usize)>| {
                    s.map_or("none".into(), |(a, b)| format!("{a}-{b}"))
                };
                return Err(bad(format!(
                    "{} {}: the gold source is {}, the label says {}",
                    d.name,
                    l.attribution,
                    show(gold_source),
                    show(l.source)
                )));
            }
            if l.kind == "none" {
                continue;
            }
            r.labelled += 1;
            let (Some(m), Some(pr)) = (m, pr) else {
                continue;
            };
            let Some(pair) = m.gold[gi] else {
                continue;
            };
            let p = &pr[pair.other];
            let want = l.name.as_deref().map(normalize).filter(|n| !n.is_empty());
            let got = p
                .resolved
                .as_deref()
                .map(normalize)
                .filter(|n| !n.is_empty());
            let name_ok = want == got;
            let type_ok = p.speaker_type.as_deref() == Some(l.kind.as_str());
            r.all.add(name_ok, type_ok);
            if let Some(row) = by_type.iter_mut().find(|x| x.group == l.kind) {
                row.add(name_ok, type_ok);
            }
            if let Some(row) = by_form.iter_mut().find(|x| x.group == l.form) {
                row.add(name_ok, type_ok);
            }
            if matches!(l.form.as_str(), "pronoun" | "description") {
                r.resolution.add(name_ok, type_ok);
            }
            let mut cue_ok = true;
            if let Some(want) = &l.cue_class {
                r.cue_class_matched += 1;
                cue_ok = p.cue_class.as_ref() == Some(want);
                r.cue_class_right += usize::from(cue_ok);
            }
            if !(name_ok && type_ok && cue_ok) {
                r.mistakes.push(Mistake {
                    doc: d.name.clone(),
                    attribution: l.attribution.clone(),
                    source: g
                        .source
                        .iter()
                        .map(|s| &d.text[s.range()])
                        .collect::<Vec<_>>()
                        .join(" "),
                    want_name: l.name.clone(),
                    got_name: p.resolved.clone(),
                    want_type: l.kind.clone(),
                    got_type: p.speaker_type.clone(),
                    form: l.form.clone(),
                    want_cue_class: l.cue_class.clone(),
                    got_cue_class: p.cue_class.clone(),
                    got_speaker: p.source.map(|s| d.text[s.range()].to_string()),
                    got_cue: p.cue.map(|s| d.text[s.range()].to_string()),
                });
            }
        }
    }
    r.by_type = by_type.into_iter().filter(|x| x.matched > 0).collect();
    r.by_form = by_form.into_iter().filter(|x| x.matched > 0).collect();
    Ok(r)
}

/// The readable table of a speaker report.
pub fn table(r: &SpeakerReport) -> String {
    let pct = |x: f64| format!("{:6.1}", 100.0 * x);
    let mut s = format!(
        "speakers ({}): {} labelled attributions with a source, {} found\n",
        r.file, r.labelled, r.all.matched
    );
    s.push_str("group                    found   name%   type%\n");
    let rows = std::iter::once(&r.all)
        .chain(&r.by_type)
        .chain(&r.by_form)
        .chain(std::iter::once(&r.resolution));
    for row in rows {
        s.push_str(&format!(
            "{:<24} {:>5}  {}  {}\n",
            row.group,
            row.matched,
            pct(row.name_accuracy()),
            pct(row.type_accuracy())
        ));
    }
    s.push_str(&format!(
        "cue_class                {:>5}  {}\n",
        r.cue_class_matched,
        pct(r.cue_class_accuracy())
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "doc\tattribution\tsource\tname\ttype\tform\tcue_class\tnote\n";

    #[test]
    fn labels_read_and_bad_lines_name_their_line() {
        let ok = format!(
            "{HEAD}a\tE1\t3-5\tAnn Lee\tperson\tpronoun\tspeech\t\n\na\tE2\t\t\tnone\tnone\t\t\n"
        );
        let l = parse_labels(&ok, "l.tsv").unwrap();
        let a = &l.by_doc["a"];
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].source, Some((3, 5)));
        assert_eq!(a[0].name.as_deref(), Some("Ann Lee"));
        assert_eq!(a[1].source, None);
        assert_eq!(a[1].cue_class, None);
        let bad_type = format!("{HEAD}a\tE1\t3-5\tAnn\tplace\tname\tspeech\n");
        let e = parse_labels(&bad_type, "l.tsv").unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("l.tsv:2"));
        assert!(e.to_string().contains("type \"place\""), "{e}");
        let twice =
            format!("{HEAD}a\tE1\t3-5\tAnn\tperson\tname\t\na\tE1\t3-5\tAnn\tperson\tname\t\n");
        assert!(
            parse_labels(&twice, "l.tsv")
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        assert!(parse_labels("doc\tname\n", "l.tsv").is_err());
    }

    #[test]
    fn names_compare_without_case_article_or_possessive() {
        assert_eq!(normalize("The Washington  Post"), "washington post");
        assert_eq!(normalize("O’Malley’s"), "o'malley");
        assert_ne!(normalize("Claimed Ross"), normalize("Ross"));
    }

    #[test]
    fn a_label_out_of_step_with_the_gold_is_an_error() {
        use crate::doc::Span;
        let text = "Ann Lee said it.";
        let gold = super::super::brat::GoldAttribution {
            id: "E1".into(),
            content: vec![Span::new(13, 15)],
            source: vec![Span::new(0, 7)],
            cue: vec![Span::new(8, 12)],
            ..Default::default()
        };
        let doc = GoldDoc {
            name: "a".into(),
            text: text.into(),
            attributions: vec![gold],
            lang: crate::lexicon::Lang::En,
            tokens: Vec::new(),
        };
        let pred = Pred {
            content: vec![Span::new(13, 15)],
            source: Some(Span::new(0, 7)),
            resolved: Some("Ann Lee".into()),
            speaker_type: Some("person".into()),
            ..Pred::default()
        };
        let m =
            super::super::metric::match_doc(text, &doc.attributions, std::slice::from_ref(&pred));
        let preds = vec![Some(vec![pred])];
        let labels = |src: &str, name: &str| {
            parse_labels(
                &format!("{HEAD}a\tE1\t{src}\t{name}\tperson\tname\tspeech\n"),
                "l.tsv",
            )
            .unwrap()
        };
        let r = score(
            &labels("0-7", "Ann Lee"),
            &[&doc],
            &[Some(m.clone())],
            &preds,
        )
        .unwrap();
        assert_eq!(
            (r.all.matched, r.all.name_right, r.all.type_right),
            (1, 1, 1)
        );
        assert_eq!((r.cue_class_matched, r.cue_class_right), (1, 0));
        let r = score(
            &labels("0-7", "Lee Ann"),
            &[&doc],
            &[Some(m.clone())],
            &preds,
        )
        .unwrap();
        assert_eq!(r.all.name_right, 0);
        assert_eq!(r.mistakes.len(), 1);
        let e = score(&labels("0-3", "Ann Lee"), &[&doc], &[Some(m)], &preds).unwrap_err();
        assert!(e.to_string().contains("gold source is 0-7"), "{e}");
    }
}
