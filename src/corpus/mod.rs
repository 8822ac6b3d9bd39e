//! **corpus** — passes over a whole claims file, after extraction: who is
//! quoted across documents, and which quotes travelled between them.
//!
//! Reads: a claims [`Table`] (whosaid's JSONL or CSV, from `extract`).
//! Produces: [`link`] a `speaker_id` per claim and one row per speaker;
//! [`clusters`] a `quote_cluster` per claim whose quote is reported by
//! several documents, and one row per cluster. Within-document resolution
//! (`speaker_resolved`) is the extractor's; these passes only merge what
//! it gives across documents. Both are linear in the number of claims,
//! bar hashing.

pub mod clusters;
pub mod link;
pub mod table;

pub use table::{Table, TableFormat};

use crate::doc::{Kind, SpeakerType};
use crate::lexicon::{Lang, Lexicons};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without diacritics ("Núñez" -> "nunez"), quote marks and
/// ellipses as spaces.
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '"' | '\u{2026}' | '\u{00ab}'
            | '\u{00bb}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The value the cell of `row` in `col` names, if it names one.
fn parsed<T: std::str::FromStr>(
    table: &Table,
    row: &[serde_json::Value],
    col: Option<usize>,
) -> Option<T> {
    table.text(row, col)?.parse().ok()
}

/// The corpus view of a claims table: a speaker per claim and the
/// speakers; a quote cluster per claim and the clusters.
pub struct Corpus<'t> {
    pub table: &'t Table,
    /// Each claim's speaker (an index into `speakers`).
    pub speaker_of: Vec<Option<usize>>,
    pub speakers: Vec<link::Entity>,
    /// Each claim's quote cluster (0, 1, ...).
    pub cluster_of: Vec<Option<usize>>,
    /// Document ids in order of first appearance.
    pub docs: Vec<String>,
    doc_of: Vec<usize>,
    /// Each claim's kind, when its cell names one.
    kind_of: Vec<Option<Kind>>,
}

impl<'t> Corpus<'t> {
    /// Links speakers and clusters quotes.
    pub fn build(table: &'t Table) -> Corpus<'t> {
        let c = |name| table.col(name);
        let (doc, quote, speaker, resolved, stype, kind) = (
            c("doc_id"),
            c("quote"),
            c("speaker"),
            c("speaker_resolved"),
            c("speaker_type"),
            c("kind"),
        );
        let mut docs: Vec<String> = Vec::new();
        let mut doc_index: HashMap<String, usize> = HashMap::new();
        let doc_of: Vec<usize> = table
            .rows
            .iter()
            .map(|r| {
                let id = table.text(r, doc).unwrap_or_default().into_owned();
                *doc_index.entry(id.clone()).or_insert_with(|| {
                    docs.push(id);
                    docs.len() - 1
                })
            })
            .collect();
        let texts: Vec<[Option<std::borrow::Cow<str>>; 3]> = table
            .rows
            .iter()
            .map(|r| {
                [
                    table.text(r, resolved),
                    table.text(r, speaker),
                    table.text(r, quote),
                ]
            })
            .collect();
        // A type or kind cell that names none (empty, or another tool's
        // word) is read as unknown: the linker links no unknown speaker,
        // and the counts by kind leave the claim out.
        // A claims file whose speaker_resolved column holds names says who
        // is named: an empty cell there is a speaker with no name ("a
        // Republican", "the official"), who gets no row. Without such a
        // column (another tool's file), the speaker as written is read.
        let has_resolved = texts
            .iter()
            .any(|t| t[0].as_deref().is_some_and(|r| !r.is_empty()));
        let mentions: Vec<link::Mention> = texts
            .iter()
            .zip(&table.rows)
            .zip(&doc_of)
            .map(|((t, r), &d)| link::Mention {
                name: if has_resolved {
                    t[0].as_deref()
                } else {
                    t[1].as_deref()
                },
                written: t[1].as_deref(),
                speaker_type: parsed(table, r, stype).unwrap_or(SpeakerType::Unknown),
                doc: d,
            })
            .collect();
        let kind_of = table.rows.iter().map(|r| parsed(table, r, kind)).collect();
        // Claims files say nothing of their language: the speakers are read as English.
        let (speaker_of, speakers) = link::link(Lexicons::of(Lang::En), &mentions);
        let quotes: Vec<(&str, usize)> = texts
            .iter()
            .zip(&doc_of)
            .map(|(t, &d)| (t[2].as_deref().unwrap_or(""), d))
            .collect();
        let cluster_of = clusters::cluster(&quotes);
        Corpus {
            table,
            speaker_of,
            speakers,
            cluster_of,
            docs,
            doc_of,
            kind_of,
        }
    }

    /// The speaker id of each claim.
    pub fn speaker_ids(&self) -> Vec<Option<String>> {
        self.speaker_of
            .iter()
            .map(|e| e.map(|e| self.speakers[e].id.clone()))
            .collect()
    }

    /// The cluster id of each claim ("q1", "q2", ...).
    pub fn cluster_ids(&self) -> Vec<Option<String>> {
        self.cluster_of
            .iter()
            .map(|c| c.map(|c| format!("q{}", c + 1)))
            .collect()
    }

    /// The document (index into `docs`) of claim `row`.
    pub fn doc_of(&self, row: usize) -> usize {
        self.doc_of[row]
    }
}

/// Columns of `whosaid speakers` (then `top_outlets` when the claims have
/// an outlet column, then the [`SPEAKER_ROLE_COLUMNS`]).
pub const SPEAKER_COLUMNS: &[&str] = &[
    "speaker_id",
    "name",
    "variants",
    "speaker_type",
    "claims",
    "documents",
    "direct",
    "mixed",
    "indirect",
    "first_doc",
    "last_doc",
    "example_quote",
];

/// The last columns of `whosaid speakers`: the commonest `speaker_title`
/// and `speaker_org` of the speaker's claims (empty when none has one).
pub const SPEAKER_ROLE_COLUMNS: &[&str] = &["speaker_title", "speaker_org"];

/// Columns of `whosaid quotes`.
pub const QUOTE_COLUMNS: &[&str] = &[
    "quote_cluster",
    "speaker_id",
    "speaker",
    "quote",
    "claims",
    "documents",
    "first_doc",
    "last_doc",
    "doc_ids",
];

/// At most this many document ids are listed in a cluster's `doc_ids`.
const LISTED_DOCS: usize = 20;

impl Corpus<'_> {
    fn docs_of(&self, rows: &[usize]) -> Vec<usize> {
        let mut d: Vec<usize> = rows.iter().map(|&r| self.doc_of[r]).collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    /// One row per speaker, most claims first: the [`SPEAKER_COLUMNS`],
    /// the top three values of `outlet_col` when given, then the
    /// [`SPEAKER_ROLE_COLUMNS`].
    pub fn speaker_table(&self, outlet_col: Option<usize>) -> Vec<Vec<String>> {
        let t = self.table;
        let quote = t.col("quote");
        let (title, org) = (t.col("speaker_title"), t.col("speaker_org"));
        let mut order: Vec<usize> = (0..self.speakers.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.speakers[a], &self.speakers[b]);
            b.rows
                .len()
                .cmp(&a.rows.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        order
            .into_iter()
            .map(|e| {
                let s = &self.speakers[e];
                let docs = self.docs_of(&s.rows);
                let count = |k: Kind| {
                    s.rows
                        .iter()
                        .filter(|&&r| self.kind_of[r] == Some(k))
                        .count()
                };
                // A direct quote of readable length, else the first quote.
                let quotes = s.rows.iter().filter_map(|&r| {
                    let q = t.text(&t.rows[r], quote)?;
                    Some((self.kind_of[r], q))
                });
                let example = quotes
                    .clone()
                    .find(|(k, q)| {
                        *k == Some(Kind::Direct) && (20..=300).contains(&q.chars().count())
                    })
                    .or_else(|| quotes.clone().next())
                    .map(|(_, q)| q.into_owned())
                    .unwrap_or_default();
                let mut row = vec![
                    s.id.clone(),
                    s.name.clone(),
                    s.variants
                        .iter()
                        .map(|(v, _)| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    s.speaker_type.as_str().to_string(),
                    s.rows.len().to_string(),
                    docs.len().to_string(),
                    count(Kind::Direct).to_string(),
                    count(Kind::Mixed).to_string(),
                    count(Kind::Indirect).to_string(),
                    self.docs[docs[0]].clone(),
                    self.docs[*docs.last().expect("a speaker has a claim")].clone(),
                    example,
                ];
                if outlet_col.is_some() {
                    row.push(top_values(
                        s.rows
                            .iter()
                            .filter_map(|&r| t.text(&t.rows[r], outlet_col)),
                    ));
                }
                for col in [title, org] {
                    row.push(commonest(
                        s.rows.iter().filter_map(|&r| t.text(&t.rows[r], col)),
                    ));
                }
                row
            })
            .collect()
    }

    /// One row per quote cluster, most documents first: the [`QUOTE_COLUMNS`].
    pub fn quote_table(&self) -> Vec<Vec<String>> {
        let t = self.table;
        let quote = t.col("quote");
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (row, c) in self.cluster_of.iter().enumerate() {
            if let Some(c) = *c {
                if members.len() <= c {
                    members.resize(c + 1, Vec::new());
                }
                members[c].push(row);
            }
        }
        let mut out: Vec<(usize, usize, Vec<String>)> = members
            .iter()
            .enumerate()
            .map(|(c, rows)| {
                let docs = self.docs_of(rows);
                // The speaker most of its claims name.
                let mut counts: HashMap<usize, usize> = HashMap::new();
                for e in rows.iter().filter_map(|&r| self.speaker_of[r]) {
                    *counts.entry(e).or_insert(0) += 1;
                }
                let top = counts
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(e, _)| &self.speakers[e]);
                // The longest report: the quote with the most of its words.
                let text = rows
                    .iter()
                    .filter_map(|&r| t.text(&t.rows[r], quote))
                    .max_by_key(|q| q.chars().count())
                    .map(|q| q.into_owned())
                    .unwrap_or_default();
                let listed: Vec<&str> = docs
                    .iter()
                    .take(LISTED_DOCS)
                    .map(|&d| self.docs[d].as_str())
                    .collect();
                let mut ids = listed.join(" | ");
                if docs.len() > LISTED_DOCS {
                    ids.push_str(&format!(" | ... ({} more)", docs.len() - LISTED_DOCS));
                }
                let row = vec![
                    format!("q{}", c + 1),
                    top.map(|e| e.id.clone()).unwrap_or_default(),
                    top.map(|e| e.name.clone()).unwrap_or_default(),
                    text,
                    rows.len().to_string(),
                    docs.len().to_string(),
                    self.docs[docs[0]].clone(),
                    self.docs[*docs.last().expect("a cluster has documents")].clone(),
                    ids,
                ];
                (docs.len(), c, row)
            })
            .collect();
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        out.into_iter().map(|(_, _, row)| row).collect()
    }
}

/// The most frequent value, the first seen of those tied; empty for none.
fn commonest<'a>(values: impl Iterator<Item = std::borrow::Cow<'a, str>>) -> String {
    // Each value's count and where it was first seen.
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, v) in values.enumerate() {
        counts.entry(v.into_owned()).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(v, _)| v)
        .unwrap_or_default()
}

/// The three most frequent values, "value (count)" joined by " | ".
fn top_values<'a>(values: impl Iterator<Item = std::borrow::Cow<'a, str>>) -> String {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for v in values {
        *counts.entry(v.into_owned()).or_insert(0) += 1;
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.iter()
        .take(3)
        .map(|(k, n)| format!("{k} ({n})"))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::commonest;

    #[test]
    fn the_commonest_value_and_ties_to_the_first_seen() {
        let of = |v: &[&'static str]| commonest(v.iter().map(|&x| x.into()));
        assert_eq!(of(&[]), "");
        assert_eq!(of(&["senator"]), "senator");
        assert_eq!(of(&["mayor", "senator", "senator"]), "senator");
        assert_eq!(of(&["mayor", "senator", "senator", "mayor"]), "mayor");
        assert_eq!(of(&["b", "a", "c", "a", "b"]), "b");
    }
}
