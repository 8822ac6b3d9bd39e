//! **error** — what went wrong, as a value: the crate's one [`Error`].
//!
//! An error has a kind ([`ErrorKind`], for code that reacts to it), the
//! input it concerns (a path as shown, `<stdin>`, and the record's own id
//! when it has one), the [`Position`] in that input where there is one,
//! and a message for people. Its `Display` is what the command line
//! prints: `input:line: what`, `input[element]: what`,
//! `input@byte: what`, or, with no input, `what` (followed by
//! `(at byte N)` when only a position is known). The cause, when another
//! error is behind it, is its [`source`](std::error::Error::source).

use std::fmt;
use std::sync::Arc;

/// What kind of thing went wrong. New kinds may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed: a missing path, a permission, a broken
    /// read.
    Io,
    /// Bytes that are not text (binary content).
    Decode,
    /// A record of an input that is not what its format says: a line of
    /// invalid JSON, an element that is not an object, a malformed CSV
    /// row, a broken or cut-short web-archive record or HTTP payload.
    Record,
    /// A field or column asked for (`--text-field`, `--keep`) that an
    /// input lacks, or that holds no text.
    Field,
    /// A document over the size limit (`--max-doc-bytes`).
    TooLarge,
    /// An input of a sort that is not read: a FIFO, socket or device; an
    /// HTML page in a build without the `html` feature; an HTTP body in an
    /// encoding not undone.
    Unsupported,
    /// An HTML page in which no article text was found.
    NoText,
    /// A model file this build cannot read.
    Model,
    /// Gold annotations (BRAT) that cannot be read.
    Gold,
    /// A claims file (`eval --pred`) that cannot be read.
    Claims,
    /// Claims that break a guarantee of the pipeline
    /// ([`check_claims`](crate::doc::check_claims)).
    Guarantee,
    /// Training a model failed.
    Training,
    /// A name that is no member of a closed set (a kind, a speaker type).
    UnknownName,
    /// An argument that cannot be used as given: an output name of no
    /// known kind, a fold that is not `K/N`, a delimiter that is not one
    /// byte.
    Argument,
}

/// Where in an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Position {
    /// A line, from 1 (JSONL lines, CSV rows, annotation lines).
    Line(usize),
    /// A byte offset, from 0 (web-archive records, model files).
    Byte(u64),
    /// An element of a JSON array, from 0.
    Element(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Byte(n) => write!(f, "byte {n}"),
            Position::Element(n) => write!(f, "element {n}"),
        }
    }
}

/// An input and a position in it as messages and failure ids write them:
/// `a.jsonl:3`, `a.json[2]`, `crawl.warc@1024`, or the input alone.
pub(crate) fn place(input: &str, position: Option<Position>) -> String {
    match position {
        None => input.to_string(),
        Some(Position::Line(n)) => format!("{input}:{n}"),
        Some(Position::Byte(n)) => format!("{input}@{n}"),
        Some(Position::Element(n)) => format!("{input}[{n}]"),
    }
}

/// The member of `all` whose name is `s`, else the error naming `s` as
/// no `what`.
pub(crate) fn named<T: Copy>(
    s: &str,
    what: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, Error> {
    all.iter().copied().find(|&t| name(t) == s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&t| name(t)).collect();
        let message = format!("unknown {what} {s:?} (one of: {})", names.join(", "));
        Error::new(ErrorKind::UnknownName, message)
    })
}

/// The crate's error: a kind, the input and position it concerns, a
/// message. Boxed, so that a `Result` stays small.
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug)]
struct Inner {
    kind: ErrorKind,
    input: Option<String>,
    record: Option<String>,
    position: Option<Position>,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// An error of `kind` saying `message`, about no input yet.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Inner {
            kind,
            input: None,
            record: None,
            position: None,
            message: message.into(),
            source: None,
        }))
    }

    /// The same error, about `input` (at `position`, when given).
    pub(crate) fn at(mut self, input: impl Into<String>, position: Option<Position>) -> Error {
        self.0.input = Some(input.into());
        self.0.position = position.or(self.0.position);
        self
    }

    /// The same error, at `position` of an input not named here.
    pub(crate) fn at_position(mut self, position: Position) -> Error {
        self.0.position = Some(position);
        self
    }

    /// The same error, about the record whose own id is `id`.
    pub(crate) fn for_record(mut self, id: impl Into<String>) -> Error {
        self.0.record = Some(id.into());
        self
    }

    /// The same error, caused by `source`.
    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.0.source = Some(Arc::new(source));
        self
    }

    /// The same error, `more` added to its message.
    pub(crate) fn and(mut self, more: &str) -> Error {
        self.0.message.push_str(more);
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The input concerned: a path as shown (`<stdin>` for standard
    /// input), or a folder.
    pub fn input(&self) -> Option<&str> {
        self.0.input.as_deref()
    }

    /// The id a record of the input gives itself, when it could be read.
    pub fn record(&self) -> Option<&str> {
        self.0.record.as_deref()
    }

    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// What went wrong, without the input and position.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        match (&e.input, e.position) {
            (Some(input), position) => write!(f, "{}: {}", place(input, position), e.message),
            (None, Some(position)) => write!(f, "{} (at {position})", e.message),
            (None, None) => f.write_str(&e.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Equal when kind, input, record, position and message are: the source
/// has said what it had to in the message.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        let (a, b) = (&self.0, &other.0);
        (a.kind, &a.input, &a.record, a.position, &a.message)
            == (b.kind, &b.input, &b.record, b.position, &b.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string()).with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn display_puts_the_place_before_the_message() {
        let e = Error::new(ErrorKind::Record, "invalid JSON");
        assert_eq!(e.to_string(), "invalid JSON");
        let line = e.clone().at("a.jsonl", Some(Position::Line(3)));
        assert_eq!(line.to_string(), "a.jsonl:3: invalid JSON");
        let element = e.clone().at("a.json", Some(Position::Element(0)));
        assert_eq!(element.to_string(), "a.json[0]: invalid JSON");
        let byte = e.clone().at("c.warc", Some(Position::Byte(9)));
        assert_eq!(byte.to_string(), "c.warc@9: invalid JSON");
        assert_eq!(e.clone().at("a", None).to_string(), "a: invalid JSON");
        let unplaced = e.at_position(Position::Byte(4));
        assert_eq!(unplaced.to_string(), "invalid JSON (at byte 4)");
        assert_eq!(unplaced.input(), None);
    }

    #[test]
    fn an_io_error_is_the_source() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = Error::from(io).at("x.txt", None);
        assert_eq!(e.kind(), ErrorKind::Io);
        assert_eq!(e.to_string(), "x.txt: gone");
        assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("gone"));
    }

    #[test]
    fn kinds_and_speaker_types_parse_from_their_names() {
        use crate::doc::{Kind, SpeakerType};
        for k in [Kind::Direct, Kind::Mixed, Kind::Indirect] {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        assert_eq!(
            "anonymous".parse::<SpeakerType>(),
            Ok(SpeakerType::Anonymous)
        );
        assert_eq!("unknown".parse::<SpeakerType>(), Ok(SpeakerType::Unknown));
        let e = "Person".parse::<SpeakerType>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownName);
        assert!(
            e.to_string()
                .starts_with("unknown speaker type \"Person\" (one of: person, outlet,")
        );
        assert!("quoted".parse::<Kind>().is_err());
    }

    #[test]
    fn an_unknown_name_is_named() {
        let name: fn(usize) -> &'static str = |n| ["direct", "mixed"][n];
        let e = named("dirct", "kind", &[0, 1], name).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownName);
        assert_eq!(
            e.to_string(),
            "unknown kind \"dirct\" (one of: direct, mixed)"
        );
        assert_eq!(named("mixed", "kind", &[0, 1], name), Ok(1));
    }
}
