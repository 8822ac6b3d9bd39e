//! The output columns, declared once: each column's name, what it holds
//! (the text of `whosaid columns`), its type (which gives its JSON and
//! Parquet types) and how its cell is taken from a [`Record`]. The JSON,
//! CSV, TSV, workbook and Parquet writers, the column help, the claims
//! reader and the Python dicts all walk [`SCHEMA`]; nothing else names the
//! columns.

use super::Record;

/// What a column holds; it gives the JSON type (see [`Type::json`]) and
/// the Parquet type (text: UTF-8 strings, counts: INT64, a fraction:
/// FLOAT, a span: a list of two INT64, spans: a list of those).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Text.
    Text,
    /// One name of a closed set.
    Label(Labels),
    /// A count from 0.
    Count,
    /// A number from 0 to 1.
    Fraction,
    /// `[start, end]` in code points.
    Span,
    /// A list of `[start, end]`.
    Spans,
}

impl Type {
    /// The JSON type of a cell, as the Python stub and the docs name it.
    pub fn json(self) -> &'static str {
        match self {
            Type::Text | Type::Label(_) => "string",
            Type::Count => "integer",
            Type::Fraction => "number",
            Type::Span => "[integer, integer]",
            Type::Spans => "[[integer, integer], ...]",
        }
    }
}

/// The closed sets a label column takes its names from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    Kind,
    SpeakerType,
    CueClass,
    Rule,
}

/// Every [`crate::doc::Kind`], by name (a test holds it to the enum).
const KINDS: &[&str] = &["direct", "mixed", "indirect"];
/// Every [`crate::doc::SpeakerType`], by name (a test holds it to the enum).
pub(crate) const SPEAKER_TYPES: &[&str] = &[
    "person",
    "outlet",
    "organization",
    "group",
    "anonymous",
    "document",
    "unknown",
];
/// Every [`crate::doc::ClaimCueClass`], by name (a test holds it to the enum).
pub(crate) const CUE_CLASSES: &[&str] = &["speech", "thought", "evidence"];

impl Labels {
    /// The names a cell of this set can hold, in declaration order.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Labels::Kind => KINDS.to_vec(),
            Labels::SpeakerType => SPEAKER_TYPES.to_vec(),
            Labels::CueClass => CUE_CLASSES.to_vec(),
            Labels::Rule => crate::doc::Rule::ALL.iter().map(|r| r.name()).collect(),
        }
    }
}

/// A record's cell, borrowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text (a label too); `None` when empty.
    Text(Option<&'a str>),
    Count(usize),
    Fraction(f32),
    Span(Option<[usize; 2]>),
    Spans(&'a [[usize; 2]]),
}

/// One output column.
pub struct Column {
    pub name: &'static str,
    /// What it holds, for `whosaid columns` and `extract --help`.
    pub meaning: &'static str,
    pub ty: Type,
    /// Whether a cell may be empty (JSON null).
    pub nullable: bool,
    /// Written only when asked for (`--context`); a record without it
    /// leaves the column out.
    pub optional: bool,
    /// The cell of a record.
    pub cell: fn(&Record) -> Cell<'_>,
}

/// A column every record has.
const fn column(
    name: &'static str,
    ty: Type,
    nullable: bool,
    meaning: &'static str,
    cell: fn(&Record) -> Cell<'_>,
) -> Column {
    Column {
        name,
        meaning,
        ty,
        nullable,
        optional: false,
        cell,
    }
}

/// The columns, in output order; metadata columns (`--keep`) follow.
pub const SCHEMA: &[Column] = &[
    column(
        "doc_id",
        Type::Text,
        false,
        "the article: its path below the input folder, or the id field of a JSONL/CSV record",
        |r| Cell::Text(Some(&r.doc_id)),
    ),
    column(
        "claim_id",
        Type::Count,
        false,
        "0, 1, 2, ... in the order the claims' words appear in the article",
        |r| Cell::Count(r.claim_id),
    ),
    column(
        "kind",
        Type::Label(Labels::Kind),
        false,
        "direct (all inside quote marks), mixed (reported, with quoted parts) or indirect",
        |r| Cell::Text(Some(r.kind)),
    ),
    column(
        "quote",
        Type::Text,
        false,
        "what was said; the parts of a split quote joined by \" … \"",
        |r| Cell::Text(Some(&r.quote)),
    ),
    column(
        "content_spans",
        Type::Spans,
        false,
        "where the quote is in the article: character offsets start-end (several joined by ;)",
        |r| Cell::Spans(&r.content_spans),
    ),
    column(
        "speaker",
        Type::Text,
        true,
        "who said it, as written (\"he\", \"Rep. Jane Roe\")",
        |r| Cell::Text(r.speaker.as_deref()),
    ),
    column(
        "speaker_span",
        Type::Span,
        true,
        "where the speaker is in the article",
        |r| Cell::Span(r.speaker_span),
    ),
    column(
        "speaker_resolved",
        Type::Text,
        true,
        "the person or body meant (\"he\" and \"Roe\" become \"Jane Roe\"), or empty",
        |r| Cell::Text(r.speaker_resolved.as_deref()),
    ),
    column(
        "speaker_type",
        Type::Label(Labels::SpeakerType),
        false,
        "person, outlet, organization, group, anonymous, document (a poll, report, study, memo, filing ...) or unknown",
        |r| Cell::Text(Some(r.speaker_type)),
    ),
    column(
        "cue",
        Type::Text,
        true,
        "the words that report it (\"said\", \"told\", \"according to\")",
        |r| Cell::Text(r.cue.as_deref()),
    ),
    column(
        "cue_span",
        Type::Span,
        true,
        "where the cue is in the article",
        |r| Cell::Span(r.cue_span),
    ),
    column(
        "addressee",
        Type::Text,
        true,
        "to whom it was said (\"reporters\"), or empty",
        |r| Cell::Text(r.addressee.as_deref()),
    ),
    column(
        "channel",
        Type::Text,
        true,
        "where it was said (\"in a statement\", \"on social media\"), or empty",
        |r| Cell::Text(r.channel.as_deref()),
    ),
    column(
        "via",
        Type::Text,
        true,
        "what it came through (\"a transcript seen by the Ledger\"), or empty",
        |r| Cell::Text(r.via.as_deref()),
    ),
    column(
        "paragraph",
        Type::Count,
        false,
        "the paragraph where the quote starts (counting from 0)",
        |r| Cell::Count(r.paragraph),
    ),
    column(
        "sentence",
        Type::Count,
        false,
        "the sentence where the quote starts (counting from 0)",
        |r| Cell::Count(r.sentence),
    ),
    column(
        "confidence",
        Type::Fraction,
        false,
        "0-1: how often claims found this way were right when measured",
        |r| Cell::Fraction(r.confidence),
    ),
    column(
        "rule",
        Type::Label(Labels::Rule),
        false,
        "how it was found: a hand-written pattern's name, or model",
        |r| Cell::Text(Some(r.rule)),
    ),
    column(
        "speaker_title",
        Type::Text,
        true,
        "the speaker's role or title as written (\"Secretary of State\", \"a spokeswoman\"), or empty",
        |r| Cell::Text(r.speaker_title.as_deref()),
    ),
    column(
        "speaker_org",
        Type::Text,
        true,
        "the speaker's affiliation (\"Northfield University\", \"the Trump campaign\"), or empty",
        |r| Cell::Text(r.speaker_org.as_deref()),
    ),
    column(
        "cue_class",
        Type::Label(Labels::CueClass),
        true,
        "what the cue reports: speech (said, wrote), thought (believes, expects) or evidence (according to, shows), or empty",
        |r| Cell::Text(r.cue_class),
    ),
    column(
        "anonymity_reason",
        Type::Text,
        true,
        "for an anonymous source, the reason the text gives (\"because the talks were private\"), or empty",
        |r| Cell::Text(r.anonymity_reason.as_deref()),
    ),
    Column {
        name: "context",
        meaning: "(with --context) the sentence or sentences holding the claim",
        ty: Type::Text,
        nullable: false,
        optional: true,
        cell: |r| Cell::Text(r.context.as_deref()),
    },
];

/// How many columns every record has.
const ALWAYS: usize = {
    let mut n = 0;
    while n < SCHEMA.len() && !SCHEMA[n].optional {
        n += 1;
    }
    n
};

const NAMES: [&str; ALWAYS] = {
    let mut names = [""; ALWAYS];
    let mut i = 0;
    while i < ALWAYS {
        names[i] = SCHEMA[i].name;
        i += 1;
    }
    names
};

/// The names of the columns every record has, in order (the optional
/// ones, then metadata columns, follow).
pub const COLUMNS: &[&str] = &NAMES;

impl Column {
    /// The column called `name`.
    pub fn named(name: &str) -> Option<&'static Column> {
        SCHEMA.iter().find(|c| c.name == name)
    }
}

/// The key a metadata field carried from the input gets in a record: its
/// own name, or `meta_NAME` when a column is called so.
pub fn meta_key(name: &str) -> String {
    if COLUMNS.contains(&name) {
        format!("meta_{name}")
    } else {
        name.to_string()
    }
}

/// The column list as text, one column a line (`whosaid columns`, and the
/// end of `whosaid extract --help`).
pub fn columns_text() -> String {
    let mut out = String::from(
        "Output columns (CSV, TSV and workbooks in this order; the same names in JSON), then any --keep fields:\n",
    );
    for c in SCHEMA {
        out.push_str(&format!("  {:<17} {}\n", c.name, c.meaning));
    }
    out.push_str("Offsets count characters (Unicode code points) from 0, end excluded, in the text as read.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{ClaimCueClass, Kind, SpeakerType};

    #[test]
    fn the_label_sets_name_every_variant() {
        // Exhaustive matches: a new variant fails to compile here.
        let kind = |k: Kind| match k {
            Kind::Direct | Kind::Mixed | Kind::Indirect => k.as_str(),
        };
        let kinds = [Kind::Direct, Kind::Mixed, Kind::Indirect].map(kind);
        assert_eq!(Labels::Kind.names(), kinds);
        let ty = |t: SpeakerType| match t {
            SpeakerType::Person
            | SpeakerType::Outlet
            | SpeakerType::Organization
            | SpeakerType::Group
            | SpeakerType::Anonymous
            | SpeakerType::Document
            | SpeakerType::Unknown => t.as_str(),
        };
        let types = [
            SpeakerType::Person,
            SpeakerType::Outlet,
            SpeakerType::Organization,
            SpeakerType::Group,
            SpeakerType::Anonymous,
            SpeakerType::Document,
            SpeakerType::Unknown,
        ]
        .map(ty);
        assert_eq!(Labels::SpeakerType.names(), types);
        let class = |c: ClaimCueClass| match c {
            ClaimCueClass::Speech | ClaimCueClass::Thought | ClaimCueClass::Evidence => c.as_str(),
        };
        assert_eq!(Labels::CueClass.names(), ClaimCueClass::ALL.map(class));
        assert!(Labels::Rule.names().contains(&"model"));
    }

    #[test]
    fn only_the_last_columns_are_optional_and_names_are_unique() {
        assert_eq!(COLUMNS.len(), 22);
        // The columns added after v1 come after `rule`, v1's last.
        let rule = COLUMNS.iter().position(|c| *c == "rule").unwrap();
        assert_eq!(
            COLUMNS[rule + 1..],
            [
                "speaker_title",
                "speaker_org",
                "cue_class",
                "anonymity_reason"
            ]
        );
        assert!(SCHEMA[ALWAYS..].iter().all(|c| c.optional));
        for (i, c) in SCHEMA.iter().enumerate() {
            assert!(SCHEMA[..i].iter().all(|d| d.name != c.name), "{}", c.name);
        }
        assert_eq!(meta_key("kind"), "meta_kind");
        assert_eq!(meta_key("url"), "url");
    }
}
