//! Claims files read back: whosaid's JSONL, or its CSV/TSV, as a [`Table`]
//! of named values in column order, for `eval --pred`, `show --claims` and
//! the corpus commands; and the one parser of span cells ([`spans`]).
//!
//! Reads bytes (a UTF-8 byte order mark allowed). JSONL is told by a first
//! byte `{`, else CSV, TSV when the header holds a tab. Guarantees: JSON
//! values as found; CSV cells as strings without the formula guard's `'`,
//! an empty cell as null; the failure lines of `--on-error record` left
//! out; every error an [`Error`] naming the file and, where there is one,
//! the line (a cell's error from [`spans`] is placed by its caller).

use super::COLUMNS;
use crate::error::{Error, ErrorKind, Position};
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// What is wrong in what a claims file holds: the message of an [`Error`]
/// of kind [`ErrorKind::Claims`]. (A file that cannot be read, or a
/// caller's row that fails, is [`ErrorKind::Io`]; bytes that are not
/// UTF-8, [`ErrorKind::Decode`].)
enum Problem {
    /// A line that is no JSON object, or a CSV record that cannot be read.
    BadLine(String),
    /// A field every claim must have is missing (`needed` lists them).
    Missing {
        field: String,
        needed: &'static [&'static str],
    },
    /// A cell that should hold spans does not.
    BadSpan { cell: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BadLine(e) => write!(f, "{e}"),
            Problem::Missing { field, needed } => {
                let (last, rest) = needed.split_last().unwrap_or((&"", &[]));
                let list = if rest.is_empty() {
                    last.to_string()
                } else {
                    format!("{} and {last}", rest.join(", "))
                };
                write!(
                    f,
                    "not a whosaid claims file: no {field:?} field (JSONL or CSV/TSV from `whosaid extract`, with {list}, is needed)"
                )
            }
            Problem::BadSpan { cell } => write!(f, "{cell:?} is not a span start-end"),
        }
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Error {
        Error::new(ErrorKind::Claims, p.to_string())
    }
}

/// The error `e` about line `line` (when given) of claims file `file`.
fn at(e: Error, file: &str, line: Option<usize>) -> Error {
    e.at(file, line.map(Position::Line))
}

/// The spans of a claims-file cell: `[a, b]` or `[[a, b], ...]` in JSON,
/// `a-b` or `a-b;c-d` in CSV (a leading `'` allowed); none for an empty
/// cell. The error names no file or line: the caller knows them.
pub fn spans(v: &Value) -> Result<Vec<[usize; 2]>, Error> {
    let bad = |v: &dyn fmt::Display| {
        Error::from(Problem::BadSpan {
            cell: v.to_string(),
        })
    };
    let pair = |items: &[Value]| match items {
        [a, b] => Some([a.as_u64()? as usize, b.as_u64()? as usize]),
        _ => None,
    };
    match v {
        Value::Null => Ok(vec![]),
        Value::String(s) => s
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (a, b) = p.trim_start_matches('\'').split_once('-').ok_or(bad(&p))?;
                let n = |x: &str| x.trim().parse::<usize>().map_err(|_| bad(&p));
                Ok([n(a)?, n(b)?])
            })
            .collect(),
        Value::Array(items) if items.iter().all(Value::is_u64) => {
            pair(items).map(|p| vec![p]).ok_or(bad(v))
        }
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::Array(p) => pair(p).ok_or(bad(i)),
                _ => Err(bad(i)),
            })
            .collect(),
        v => Err(bad(v)),
    }
}

/// What to do with a line that cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadLines {
    /// Skip it, naming it on standard error.
    Warn,
    /// Skip it silently (it was named before).
    Skip,
    /// Stop: the read fails.
    Fail,
}

/// How to read a claims file.
#[derive(Clone, Copy, Debug)]
pub struct Reading<'a> {
    /// Only these columns, in this order (memory for a summary of a large
    /// file); all when `None`: the schema's first, in its order, then the
    /// others as found.
    pub keep: Option<&'a [&'a str]>,
    /// The fields a claims file must have.
    pub needed: &'static [&'static str],
    pub bad_lines: BadLines,
}

/// The fields the corpus commands need.
pub const CORPUS_FIELDS: &[&str] = &["doc_id", "quote", "speaker", "speaker_type"];

impl Default for Reading<'_> {
    fn default() -> Self {
        Reading {
            keep: None,
            needed: CORPUS_FIELDS,
            bad_lines: BadLines::Warn,
        }
    }
}

/// Reads claims from `bytes`, calling `row` with each claim's columns,
/// line and values. `file` names the input in errors. Returns the columns
/// and the count of lines skipped. A file that is not a claims file at
/// all is an error.
pub fn read_rows(
    file: &str,
    bytes: &[u8],
    how: Reading<'_>,
    mut row: impl FnMut(&[String], usize, Vec<Value>) -> Result<(), std::io::Error>,
) -> Result<(Vec<String>, usize), Error> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut r = Reader {
        file,
        how,
        skipped: 0,
    };
    let (columns, present) = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => {
            let columns = how
                .keep
                .map_or_else(Vec::new, |k| k.iter().map(|c| c.to_string()).collect());
            return Ok((columns, 0));
        }
        Some(b'{') => r.jsonl(bytes, &mut row)?,
        Some(_) => r.csv(bytes, &mut row)?,
    };
    if let Some(need) = how.needed.iter().find(|n| !present.iter().any(|p| p == *n)) {
        return Err(r.error(
            None,
            Problem::Missing {
                field: need.to_string(),
                needed: how.needed,
            },
        ));
    }
    Ok((columns, r.skipped))
}

struct Reader<'a> {
    file: &'a str,
    how: Reading<'a>,
    skipped: usize,
}

/// A JSONL line: its number and the object (or what is wrong with it).
type Line = (
    usize,
    Result<serde_json::Map<String, Value>, serde_json::Error>,
);

impl Reader<'_> {
    fn error(&self, line: Option<usize>, e: impl Into<Error>) -> Error {
        at(e.into(), self.file, line)
    }

    /// A line that cannot be read: skipped or the end of the read.
    fn bad_line(&mut self, line: usize, e: String) -> Result<(), Error> {
        let e = self.error(Some(line), Problem::BadLine(e));
        match self.how.bad_lines {
            BadLines::Fail => return Err(e),
            BadLines::Warn => eprintln!("whosaid: {e} (line skipped)"),
            BadLines::Skip => {}
        }
        self.skipped += 1;
        Ok(())
    }

    /// The lines that are claims (a failure line of `--on-error record`
    /// is none).
    fn objects(text: &str) -> impl Iterator<Item = Line> + '_ {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, line)| {
                let o = serde_json::from_str::<serde_json::Map<String, Value>>(line);
                (i + 1, o)
            })
            .filter(|(_, o)| {
                o.as_ref().map_or(true, |o| {
                    !o.contains_key("error") || o.contains_key("quote")
                })
            })
    }

    fn jsonl(
        &mut self,
        bytes: &[u8],
        row: &mut impl FnMut(&[String], usize, Vec<Value>) -> Result<(), std::io::Error>,
    ) -> Result<(Vec<String>, Vec<String>), Error> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            self.error(
                None,
                Error::new(ErrorKind::Decode, e.to_string()).with_source(e),
            )
        })?;
        let keep = self.how.keep;
        let mut present: Vec<String> = Vec::new();
        let mut columns: Vec<String> = match keep {
            // Decided at the first claim: the kept columns it has.
            Some(_) => Vec::new(),
            None => {
                let mut columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
                // Unreadable lines are named in the second pass.
                for (_, o) in Self::objects(text) {
                    for k in o.iter().flat_map(|o| o.keys()) {
                        if !columns.contains(k) {
                            columns.push(k.clone());
                        }
                    }
                }
                columns
            }
        };
        let (mut any, mut bad) = (false, false);
        for (line, o) in Self::objects(text) {
            let mut o = match o {
                Ok(o) => o,
                Err(e) => {
                    bad = true;
                    self.bad_line(line, e.to_string())?;
                    continue;
                }
            };
            if !any {
                present = o.keys().cloned().collect();
                if let Some(k) = keep {
                    columns = k
                        .iter()
                        .filter(|c| o.contains_key(**c) || COLUMNS.contains(c))
                        .map(|c| c.to_string())
                        .collect();
                }
                any = true;
            }
            let values = columns
                .iter()
                .map(|c| o.remove(c).unwrap_or(Value::Null))
                .collect();
            row(&columns, line, values)?;
        }
        if !any && !bad {
            // No claim at all (only failure lines): an empty claims file.
            present = self.how.needed.iter().map(|c| c.to_string()).collect();
            columns = keep.map_or(columns, |k| k.iter().map(|c| c.to_string()).collect());
        }
        Ok((columns, present))
    }

    fn csv(
        &mut self,
        bytes: &[u8],
        row: &mut impl FnMut(&[String], usize, Vec<Value>) -> Result<(), std::io::Error>,
    ) -> Result<(Vec<String>, Vec<String>), Error> {
        let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let delimiter = if header.contains(&b'\t') { b'\t' } else { b',' };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes);
        let present: Vec<String> = r
            .headers()
            .map_err(|e| self.error(Some(1), Problem::BadLine(e.to_string())))?
            .iter()
            .map(String::from)
            .collect();
        let (columns, index): (Vec<String>, Vec<Option<usize>>) = match self.how.keep {
            Some(k) => k
                .iter()
                .filter(|c| present.iter().any(|p| p == *c) || COLUMNS.contains(c))
                .map(|c| (c.to_string(), present.iter().position(|p| p == c)))
                .unzip(),
            None => (present.clone(), (0..present.len()).map(Some).collect()),
        };
        for (i, rec) in r.records().enumerate() {
            let line = i + 2;
            let rec = match rec {
                Ok(rec) => rec,
                Err(e) => {
                    self.bad_line(line, e.to_string())?;
                    continue;
                }
            };
            let values = index
                .iter()
                .map(|c| match c.and_then(|c| rec.get(c)) {
                    None | Some("") => Value::Null,
                    Some(c) => Value::String(unguard(c).to_string()),
                })
                .collect();
            row(&columns, line, values)?;
        }
        Ok((columns, present))
    }
}

/// Claims as read: the columns (the schema's first, in its order, then any
/// others as found) and one row of values a claim, in file order.
#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// The line of each row in the file.
    pub lines: Vec<usize>,
    /// Lines that could not be read (each named on standard error).
    pub skipped: usize,
}

impl Table {
    /// Reads every column of `path` as the corpus commands do.
    pub fn read(path: &Path) -> Result<Table, Error> {
        Table::read_with(path, Reading::default())
    }

    /// Reads `path` as `how` says (see [`read_rows`]).
    pub fn read_with(path: &Path, how: Reading<'_>) -> Result<Table, Error> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| at(e.into(), &file, None))?;
        Table::parse(&file, &bytes, how)
    }

    /// Reads claims from bytes; `file` names them in errors.
    pub fn parse(file: &str, bytes: &[u8], how: Reading<'_>) -> Result<Table, Error> {
        let (mut rows, mut lines) = (Vec::new(), Vec::new());
        let (columns, skipped) = read_rows(file, bytes, how, |_, line, r| {
            rows.push(r);
            lines.push(line);
            Ok(())
        })?;
        Ok(Table {
            columns,
            rows,
            lines,
            skipped,
        })
    }

    /// The table the JSONL of `records` reads back as.
    pub fn from_records(records: &[super::Record]) -> Table {
        let mut columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        // Through JSON text, so that a confidence is the decimal the
        // file holds, not the f32's exact value.
        let objects: Vec<serde_json::Map<String, Value>> = records
            .iter()
            .map(|r| {
                let line = serde_json::to_vec(r).expect("a record serialises");
                serde_json::from_slice(&line).expect("a record's JSON is an object")
            })
            .collect();
        for r in records {
            let extra = r
                .context
                .as_ref()
                .map(|_| "context".to_string())
                .into_iter()
                .chain(r.meta.keys().cloned());
            for k in extra {
                if !columns.contains(&k) {
                    columns.push(k);
                }
            }
        }
        let rows = objects
            .into_iter()
            .map(|mut o| {
                columns
                    .iter()
                    .map(|c| o.remove(c).unwrap_or(Value::Null))
                    .collect()
            })
            .collect();
        Table {
            columns,
            rows,
            lines: (1..=records.len()).collect(),
            skipped: 0,
        }
    }

    /// The index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The text of a cell: a string as is, a number as written, none for
    /// null or a missing column.
    pub fn text<'a>(
        &self,
        row: &'a [Value],
        col: Option<usize>,
    ) -> Option<std::borrow::Cow<'a, str>> {
        match row.get(col?)? {
            Value::Null => None,
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.as_str().into()),
            v => Some(cell(v).into()),
        }
    }
}

/// A value as a spreadsheet cell, as `whosaid extract` writes it: spans as
/// `start-end`, several joined by `;`.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.len() == 2 && items.iter().all(Value::is_u64) => {
            format!("{}-{}", items[0], items[1])
        }
        Value::Array(items) if items.iter().all(Value::is_array) => {
            items.iter().map(cell).collect::<Vec<_>>().join(";")
        }
        v => v.to_string(),
    }
}

/// A CSV cell without the spreadsheet guard's leading `'`.
fn unguard(c: &str) -> &str {
    match c.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_are_written_as_extract_writes_them() {
        assert_eq!(cell(&json!([3, 9])), "3-9");
        assert_eq!(cell(&json!([[3, 9], [12, 20]])), "3-9;12-20");
        assert_eq!(cell(&json!(0.91)), "0.91");
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(unguard("'-5 percent"), "-5 percent");
        assert_eq!(unguard("'tis"), "'tis");
    }

    #[test]
    fn span_cells_in_json_and_csv() {
        assert_eq!(spans(&json!([3, 9])).unwrap(), [[3, 9]]);
        assert_eq!(
            spans(&json!([[3, 9], [12, 20]])).unwrap(),
            [[3, 9], [12, 20]]
        );
        assert_eq!(spans(&json!("3-9; 12-20")).unwrap(), [[3, 9], [12, 20]]);
        assert_eq!(spans(&json!("'3-9")).unwrap(), [[3, 9]]);
        assert!(spans(&Value::Null).unwrap().is_empty());
        let e = spans(&json!("3:9")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Claims);
        assert_eq!(e.to_string(), "\"3:9\" is not a span start-end");
        assert!(spans(&json!([3])).is_err());
        assert!(spans(&json!([[3, -1]])).is_err());
        assert!(spans(&json!(7)).is_err());
    }

    #[test]
    fn files_from_before_the_title_org_class_and_reason_columns_read_as_null() {
        let new = [
            "speaker_title",
            "speaker_org",
            "cue_class",
            "anonymity_reason",
        ];
        // JSONL without them: every schema column, the new ones null.
        let old = b"{\"doc_id\":\"a\",\"quote\":\"q\",\"speaker\":\"Roe\",\"speaker_type\":\"person\",\"rule\":\"model\",\"url\":\"u\"}\n";
        let t = Table::parse("old.jsonl", old, Reading::default()).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.columns.last().map(String::as_str), Some("url"));
        for c in new {
            assert!(t.col(c).is_some(), "{c}");
            assert_eq!(t.text(&t.rows[0], t.col(c)), None, "{c}");
        }
        // With them, their values.
        let now = b"{\"doc_id\":\"a\",\"quote\":\"q\",\"speaker\":\"Roe\",\"speaker_type\":\"person\",\"rule\":\"model\",\"speaker_title\":\"Senator\",\"speaker_org\":null,\"cue_class\":\"thought\",\"anonymity_reason\":null}\n";
        let t = Table::parse("new.jsonl", now, Reading::default()).unwrap();
        let cell = |c: &str| t.text(&t.rows[0], t.col(c)).map(|x| x.into_owned());
        assert_eq!(cell("speaker_title").as_deref(), Some("Senator"));
        assert_eq!(cell("cue_class").as_deref(), Some("thought"));
        assert_eq!(cell("speaker_org"), None);
        // CSV without them: the columns as found, the new ones absent.
        let old = b"doc_id,quote,speaker,speaker_type,rule\na,q,Roe,person,model\n";
        let t = Table::parse("old.csv", old, Reading::default()).unwrap();
        assert_eq!(t.rows.len(), 1);
        for c in new {
            assert_eq!(t.col(c), None, "{c}");
            assert_eq!(t.text(&t.rows[0], t.col(c)), None, "{c}");
        }
        // Asked for by name (as the corpus commands ask), they are null.
        let keep = ["doc_id", "quote", "speaker", "speaker_type", "cue_class"];
        let how = Reading {
            keep: Some(&keep),
            ..Reading::default()
        };
        let t = Table::parse("old.csv", old, how).unwrap();
        assert_eq!(t.columns, keep);
        assert_eq!(t.rows[0][4], Value::Null);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let how = Reading {
            bad_lines: BadLines::Fail,
            ..Reading::default()
        };
        let text = b"{\"doc_id\":\"a\",\"quote\":\"q\",\"speaker\":null,\"speaker_type\":\"unknown\"}\n\n{oops\n";
        let e = Table::parse("c.jsonl", text, how).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Claims);
        assert_eq!(e.input(), Some("c.jsonl"));
        assert_eq!(e.position(), Some(Position::Line(3)));
        assert!(e.to_string().starts_with("c.jsonl:3: "), "{e}");
        let e = Table::parse("c.csv", b"a,b\n1,2\n", Reading::default()).unwrap_err();
        assert_eq!(
            (e.kind(), e.input(), e.position()),
            (ErrorKind::Claims, Some("c.csv"), None)
        );
        assert!(
            e.to_string()
                .starts_with("c.csv: not a whosaid claims file: "),
            "{e}"
        );
        assert!(e.to_string().contains("speaker and speaker_type"), "{e}");
        let t = Table::parse("c.jsonl", text, Reading::default()).unwrap();
        assert_eq!(
            (t.rows.len(), t.lines.as_slice(), t.skipped),
            (1, &[1][..], 1)
        );
    }
}
