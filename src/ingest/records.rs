//! Record files: JSONL, JSON (arrays, or one object) and CSV/TSV, read
//! record by record (memory stays flat), each record a document, or a
//! failure naming the file and record. Fields are found by name,
//! ignoring case, and in JSON by path (`content.body`). A text or
//! `--keep` field missing from the first record fails the file once,
//! listing the fields it has, instead of failing every record after it.

use super::item::{Document, Failure, Item, Options, text_doc};
use crate::error::{Error, ErrorKind, Position, place};
use serde::Deserialize;
use serde_json::Value;
use std::io::{self, BufRead, Read};

/// Where a record file's documents come from.
pub(super) struct Origin {
    /// The file as shown in messages ("<stdin>" for standard input).
    pub name: String,
    /// The file's name without extensions: ids of records without one
    /// are `stem:line`.
    pub stem: String,
    /// Put before every id (several inputs: the input's name).
    pub prefix: Option<String>,
}

impl Origin {
    fn id(&self, id: String) -> String {
        match &self.prefix {
            Some(p) => format!("{p}/{id}"),
            None => id,
        }
    }

    /// The failure `e` at `position` of the file (`None`: the file as a
    /// whole), named by its place.
    fn fail(&self, position: Option<Position>, e: Error, bytes: usize) -> Item {
        Item::Failed(Failure {
            id: place(&self.name, position),
            reason: e.at(&self.name, position),
            bytes,
        })
    }
}

/// A reader of records.
pub(super) trait Records: Send {
    /// The next document or failure, `None` at the end.
    fn next_item(&mut self, opts: &Options) -> Option<Item>;
}

/// The value at `path` in `v`: a key as it is, else (ignoring ASCII case)
/// its parts separated by dots, object by object.
pub fn field<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    if let Some(x) = obj.get(path) {
        return Some(x);
    }
    if let Some((_, x)) = obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(path)) {
        return Some(x);
    }
    let (head, rest) = path.split_once('.')?;
    let inner = obj
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(head))
        .map(|(_, x)| x)?;
    field(inner, rest)
}

/// The field names of a JSON object, for messages.
fn names(v: &Value) -> String {
    v.as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

/// The JSON record at `position` as a document: the text field, the id
/// field (else `stem:line`), the kept fields.
fn json_document(
    origin: &Origin,
    value: Value,
    position: Option<Position>,
    line: usize,
    bytes: usize,
    opts: &Options,
) -> Item {
    if !value.is_object() {
        let e = Error::new(ErrorKind::Record, "not a JSON object");
        return origin.fail(position, e, bytes);
    }
    // A record whose id can be read fails under that id (its place stays
    // in the reason), so a stream's accounting keeps it.
    let record_id = match field(&value, &opts.id_field) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let fail = |kind: ErrorKind, message: String, bytes: usize| {
        let e = Error::new(kind, message);
        match &record_id {
            Some(id) => Item::Failed(Failure {
                id: origin.id(id.clone()),
                reason: e.for_record(id).at(&origin.name, position),
                bytes,
            }),
            None => origin.fail(position, e, bytes),
        }
    };
    let text = match field(&value, &opts.text_field) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            let message = format!("field {:?} is not a string", opts.text_field);
            return fail(ErrorKind::Field, message, bytes);
        }
        None => {
            let message = format!(
                "no field {:?} (fields: {}; set --text-field)",
                opts.text_field,
                names(&value)
            );
            return fail(ErrorKind::Field, message, bytes);
        }
    };
    if text.len() > opts.max_doc_bytes {
        let message = too_large(text.len(), opts);
        return fail(ErrorKind::TooLarge, message, text.len());
    }
    let id = match field(&value, &opts.id_field) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{}:{line}", origin.stem),
    };
    let meta = opts
        .keep
        .iter()
        .map(|k| {
            // A record's own field wins over the built-in `source`.
            let v = match field(&value, k) {
                Some(v) => v.clone(),
                None if k == "source" => Value::String(place(&origin.name, position)),
                None => Value::Null,
            };
            (k.clone(), v)
        })
        .collect();
    Item::Doc(Document {
        id: origin.id(id),
        text,
        meta,
        warnings: Vec::new(),
    })
}

/// Why a document of `bytes` bytes is not read.
fn too_large(bytes: usize, opts: &Options) -> String {
    format!(
        "{bytes} bytes is over --max-doc-bytes {}",
        opts.max_doc_bytes
    )
}

/// Checks the first record of a file for the fields asked for: `None`
/// when they are there, else the error that ends the file.
fn check_first(v: &Value, opts: &Options) -> Option<Error> {
    if !v.is_object() {
        return None;
    }
    let missing = if field(v, &opts.text_field).is_none() {
        format!(
            "no field {:?} in the first record (fields: {}); set --text-field",
            opts.text_field,
            names(v)
        )
    } else {
        let k = opts
            .keep
            .iter()
            .filter(|k| *k != "source")
            .find(|k| field(v, k).is_none())?;
        format!(
            "no field {k:?} to --keep in the first record (fields: {})",
            names(v)
        )
    };
    Some(Error::new(ErrorKind::Field, missing))
}

/// JSONL: one JSON object a line.
pub(super) struct Jsonl {
    origin: Origin,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
    checked: bool,
    ended: bool,
}

impl Jsonl {
    pub fn new(origin: Origin, reader: Box<dyn BufRead + Send>) -> Self {
        Jsonl {
            origin,
            reader,
            line: 0,
            buf: Vec::new(),
            checked: false,
            ended: false,
        }
    }

    /// Lines left in the file (after a failure that ends it).
    fn count_rest(&mut self) -> usize {
        let mut n = 0;
        while let Ok(k) = self.reader.read_until(b'\n', &mut self.buf) {
            if k == 0 {
                break;
            }
            if !self.buf.iter().all(u8::is_ascii_whitespace) {
                n += 1;
            }
            self.buf.clear();
        }
        n
    }
}

impl Records for Jsonl {
    fn next_item(&mut self, opts: &Options) -> Option<Item> {
        if self.ended {
            return None;
        }
        loop {
            self.buf.clear();
            self.line += 1;
            let position = Position::Line(self.line);
            let at = Some(position);
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.ended = true;
                    return Some(self.origin.fail(at, e.into(), 0));
                }
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let bytes = self.buf.len();
            if bytes > opts.max_doc_bytes {
                let e = Error::new(ErrorKind::TooLarge, too_large(bytes, opts));
                return Some(self.origin.fail(at, e, bytes));
            }
            let mut warnings = Vec::new();
            let parsed: Result<Value, _> = match serde_json::from_slice(&self.buf) {
                Err(e) if e.is_syntax() && std::str::from_utf8(&self.buf).is_err() => {
                    let lossy = serde_json::from_str(&String::from_utf8_lossy(&self.buf));
                    if lossy.is_ok() {
                        let shown = place(&self.origin.name, at);
                        warnings.push(format!("{shown}: invalid UTF-8 replaced"));
                    }
                    lossy
                }
                r => r,
            };
            let value: Value = match parsed {
                Ok(v) => v,
                Err(e) => return Some(self.origin.fail(at, invalid_json(e), bytes)),
            };
            if !self.checked {
                self.checked = true;
                if let Some(e) = check_first(&value, opts) {
                    let rest = self.count_rest();
                    self.ended = true;
                    let e = e.and(&format!("; the file's {} records were not read", rest + 1));
                    return Some(self.origin.fail(None, e, 0));
                }
            }
            let mut item =
                json_document(&self.origin, value, Some(position), self.line, bytes, opts);
            if let Item::Doc(d) = &mut item {
                d.warnings = warnings;
            }
            return Some(item);
        }
    }
}

/// A record that is not JSON.
fn invalid_json(e: serde_json::Error) -> Error {
    Error::new(ErrorKind::Record, format!("invalid JSON: {e}")).with_source(e)
}

/// A JSON array of objects, read element by element.
pub(super) struct JsonArray {
    origin: Origin,
    reader: Box<dyn BufRead + Send>,
    index: usize,
    started: bool,
    ended: bool,
    /// The file is one object, not an array.
    single: bool,
    /// A failure to report after the document read last (what follows a
    /// single object).
    pending: Option<Item>,
}

impl JsonArray {
    pub fn new(origin: Origin, reader: Box<dyn BufRead + Send>) -> Self {
        JsonArray {
            origin,
            reader,
            index: 0,
            started: false,
            ended: false,
            single: false,
            pending: None,
        }
    }

    /// Skips white space (and, between elements, one comma); returns the
    /// next byte without taking it.
    fn peek_after(&mut self, comma: bool) -> io::Result<Option<u8>> {
        let mut comma_seen = !comma;
        loop {
            let buf = self.reader.fill_buf()?;
            let Some(&b) = buf.first() else {
                return Ok(None);
            };
            if b.is_ascii_whitespace() || (b == b',' && !comma_seen) {
                comma_seen |= b == b',';
                self.reader.consume(1);
                continue;
            }
            return Ok(Some(b));
        }
    }
}

impl Records for JsonArray {
    fn next_item(&mut self, opts: &Options) -> Option<Item> {
        if let Some(item) = self.pending.take() {
            return Some(item);
        }
        if self.ended {
            return None;
        }
        if !self.started {
            self.started = true;
            match self.peek_after(false) {
                Ok(Some(b'[')) => self.reader.consume(1),
                // One object: one document (as a dataset ships an article
                // a file).
                Ok(Some(b'{')) => self.single = true,
                Ok(_) => {
                    self.ended = true;
                    let e = Error::new(
                        ErrorKind::Record,
                        "neither a JSON array of objects nor one JSON object",
                    );
                    return Some(self.origin.fail(None, e, 0));
                }
                Err(e) => {
                    self.ended = true;
                    return Some(self.origin.fail(None, e.into(), 0));
                }
            }
        }
        let position = Position::Element(self.index);
        match self.peek_after(self.index > 0) {
            Ok(Some(b']')) => {
                self.ended = true;
                return None;
            }
            Ok(None) => {
                self.ended = true;
                let e = Error::new(
                    ErrorKind::Record,
                    "the array never closes (file cut short?)",
                );
                return Some(self.origin.fail(Some(position), e, 0));
            }
            Ok(Some(_)) => {}
            Err(e) => {
                self.ended = true;
                return Some(self.origin.fail(Some(position), e.into(), 0));
            }
        }
        // Each element is an object, so the parser reads no byte past it.
        let mut de = serde_json::Deserializer::from_reader((&mut self.reader).take(u64::MAX));
        let value = match Value::deserialize(&mut de) {
            Ok(v) => v,
            Err(e) => {
                self.ended = true;
                return Some(self.origin.fail(Some(position), invalid_json(e), 0));
            }
        };
        if self.index == 0
            && let Some(e) = check_first(&value, opts)
        {
            self.ended = true;
            return Some(self.origin.fail(None, e, 0));
        }
        self.index += 1;
        let bytes = 0;
        // A file that is one object is one document (its id, without one
        // of its own, `stem:1` as a one-line file's); what follows it is
        // reported after it.
        if self.single {
            self.ended = true;
            self.pending = match self.peek_after(false) {
                Ok(None) => None,
                Ok(Some(_)) => {
                    let e = Error::new(
                        ErrorKind::Record,
                        "more after the JSON object, not read (one object a line is JSON \
                         Lines: name the file .jsonl or pass --input-format jsonl)",
                    );
                    Some(self.origin.fail(None, e, 0))
                }
                Err(e) => Some(self.origin.fail(None, e.into(), 0)),
            };
        }
        Some(json_document(
            &self.origin,
            value,
            (!self.single).then_some(position),
            self.index,
            bytes,
            opts,
        ))
    }
}

/// CSV or TSV, with a header row.
pub(super) struct Table {
    origin: Origin,
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    header: Option<Vec<String>>,
    text: usize,
    id: Option<usize>,
    keep: Vec<Option<usize>>,
    ended: bool,
}

/// The delimiter of a table whose first line is `line`: the one of `,`
/// `;` tab that it holds most often outside quotes (`,` when none).
pub fn sniff_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            b'\n' if !quoted => break,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

impl Table {
    pub fn new(origin: Origin, mut reader: Box<dyn BufRead + Send>, delimiter: Option<u8>) -> Self {
        let delimiter = delimiter.unwrap_or_else(|| {
            let head = reader.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
            sniff_delimiter(&head)
        });
        Table {
            origin,
            reader: csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .from_reader(reader),
            header: None,
            text: 0,
            id: None,
            keep: Vec::new(),
            ended: false,
        }
    }

    /// Reads the header and finds the columns asked for; the failure that
    /// ends the file when one is missing.
    fn read_header(&mut self, opts: &Options) -> Result<(), Item> {
        let h: Vec<String> = self
            .reader
            .byte_headers()
            .map_err(|e| {
                let message = format!("cannot read the header: {e}");
                self.origin.fail(
                    None,
                    Error::new(ErrorKind::Record, message).with_source(e),
                    0,
                )
            })?
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect();
        let col = |k: &str| h.iter().position(|c| c.eq_ignore_ascii_case(k));
        let found = h.join(", ");
        self.text = col(&opts.text_field).ok_or_else(|| {
            let message = format!(
                "no column {:?} (columns: {found}; set --text-field, or --delimiter if the columns run together)",
                opts.text_field
            );
            self.origin
                .fail(None, Error::new(ErrorKind::Field, message), 0)
        })?;
        self.id = col(&opts.id_field);
        self.keep = Vec::new();
        for k in &opts.keep {
            match col(k) {
                Some(i) => self.keep.push(Some(i)),
                // A table's own `source` column wins over the built-in one.
                None if k == "source" => self.keep.push(None),
                None => {
                    let message = format!("no column {k:?} to --keep (columns: {found})");
                    let e = Error::new(ErrorKind::Field, message);
                    return Err(self.origin.fail(None, e, 0));
                }
            }
        }
        self.header = Some(h);
        Ok(())
    }
}

impl Records for Table {
    fn next_item(&mut self, opts: &Options) -> Option<Item> {
        if self.ended {
            return None;
        }
        if self.header.is_none()
            && let Err(fail) = self.read_header(opts)
        {
            self.ended = true;
            return Some(fail);
        }
        let mut rec = csv::ByteRecord::new();
        let row = self.reader.position().line() as usize;
        let position = Some(Position::Line(row));
        match self.reader.read_byte_record(&mut rec) {
            Ok(false) => None,
            Err(e) => {
                let message = format!("malformed record: {e}");
                let e = Error::new(ErrorKind::Record, message).with_source(e);
                Some(self.origin.fail(position, e, 0))
            }
            Ok(true) => {
                let Some(text) = rec.get(self.text) else {
                    let e = Error::new(ErrorKind::Record, "record has no text column");
                    return Some(self.origin.fail(position, e, 0));
                };
                if text.len() > opts.max_doc_bytes {
                    let e = Error::new(ErrorKind::TooLarge, too_large(text.len(), opts));
                    return Some(self.origin.fail(position, e, text.len()));
                }
                let at = place(&self.origin.name, position);
                let id = match self.id.and_then(|i| rec.get(i)) {
                    Some(v) if !v.is_empty() => String::from_utf8_lossy(v).into_owned(),
                    _ => format!("{}:{row}", self.origin.stem),
                };
                let meta = opts
                    .keep
                    .iter()
                    .zip(&self.keep)
                    .map(|(k, i)| {
                        let v = match i {
                            None => Value::String(at.clone()),
                            Some(i) => rec.get(*i).map_or(Value::Null, |v| {
                                Value::String(String::from_utf8_lossy(v).into_owned())
                            }),
                        };
                        (k.clone(), v)
                    })
                    .collect();
                let id = self.origin.id(id);
                Some(
                    match text_doc(id, text.to_vec(), &self.origin.name, position) {
                        Item::Doc(mut d) => {
                            d.meta = meta;
                            Item::Doc(d)
                        }
                        f => f,
                    },
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_by_name_case_and_path() {
        let v: Value = serde_json::json!({"Text": "a", "content": {"Body": "b"}, "a.b": "c"});
        assert_eq!(field(&v, "text"), Some(&Value::String("a".into())));
        assert_eq!(field(&v, "content.body"), Some(&Value::String("b".into())));
        assert_eq!(field(&v, "a.b"), Some(&Value::String("c".into())));
        assert_eq!(field(&v, "missing.x"), None);
    }

    /// The items of `input`, read as `format` from a file called `name`.
    fn items(
        name: &str,
        input: &str,
        records: fn(Origin, Box<dyn BufRead + Send>) -> Box<dyn Records>,
    ) -> Vec<Item> {
        let origin = Origin {
            name: name.into(),
            stem: "f".into(),
            prefix: None,
        };
        let reader = Box::new(io::Cursor::new(input.as_bytes().to_vec()));
        let mut r = records(origin, reader);
        std::iter::from_fn(|| r.next_item(&Options::default())).collect()
    }

    fn failure(item: &Item) -> &Failure {
        match item {
            Item::Failed(f) => f,
            Item::Doc(d) => panic!("a document: {d:?}"),
        }
    }

    #[test]
    fn a_failed_record_names_its_file_line_and_id() {
        let input = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\": broken\n{\"id\":\"c\",\"text\":5}\n";
        let items = items("in.jsonl", input, |o, r| Box::new(Jsonl::new(o, r)));
        assert!(matches!(&items[0], Item::Doc(d) if d.id == "a"));
        let bad = failure(&items[1]);
        assert_eq!(bad.id, "in.jsonl:2");
        assert_eq!(bad.reason.kind(), ErrorKind::Record);
        assert_eq!(bad.reason.input(), Some("in.jsonl"));
        assert_eq!(bad.reason.position(), Some(Position::Line(2)));
        assert_eq!(bad.reason.record(), None);
        assert!(
            bad.reason
                .to_string()
                .starts_with("in.jsonl:2: invalid JSON: ")
        );
        assert!(std::error::Error::source(&bad.reason).is_some());
        let not_text = failure(&items[2]);
        assert_eq!(not_text.id, "c");
        assert_eq!(not_text.reason.kind(), ErrorKind::Field);
        assert_eq!(not_text.reason.record(), Some("c"));
        assert_eq!(not_text.reason.position(), Some(Position::Line(3)));
    }

    #[test]
    fn a_broken_element_or_row_has_its_place() {
        let json = items("in.json", "[{\"text\":\"x\"}, {\"text\":", |o, r| {
            Box::new(JsonArray::new(o, r))
        });
        let cut = failure(&json[1]);
        assert_eq!(cut.id, "in.json[1]");
        assert_eq!(cut.reason.kind(), ErrorKind::Record);
        assert_eq!(cut.reason.position(), Some(Position::Element(1)));
        let table = |input| items("in.csv", input, |o, r| Box::new(Table::new(o, r, None)));
        let short = table("id,text\n1,a\n2\n");
        let row = failure(&short[1]);
        assert_eq!(
            row.reason.to_string(),
            "in.csv:3: record has no text column"
        );
        assert_eq!(row.reason.kind(), ErrorKind::Record);
        assert_eq!(row.reason.position(), Some(Position::Line(3)));
        let header = failure(&table("id,body\n1,a\n")[0]).reason.clone();
        assert_eq!((header.kind(), header.position()), (ErrorKind::Field, None));
        assert_eq!(header.input(), Some("in.csv"));
    }

    #[test]
    fn a_file_that_is_one_object_is_one_document() {
        let json = |input| items("in.json", input, |o, r| Box::new(JsonArray::new(o, r)));
        let one = json("{\n  \"title\": \"t\",\n  \"text\": \"He said so.\"\n}\n");
        assert_eq!(one.len(), 1);
        assert!(matches!(&one[0], Item::Doc(d) if d.id == "f:1" && d.text == "He said so."));
        // An error in it names the file alone.
        let no_text = json("{\"body\": \"x\"}");
        let f = failure(&no_text[0]);
        assert_eq!(
            (f.reason.kind(), f.reason.position()),
            (ErrorKind::Field, None)
        );
        // More after it is JSON Lines under the wrong name, or a mistake:
        // the object is read, the rest reported.
        let more = json("{\n\"text\": \"a\"\n}\n{\"text\": \"b\"}\n");
        assert_eq!(more.len(), 2);
        assert!(matches!(&more[0], Item::Doc(d) if d.text == "a"));
        let f = failure(&more[1]);
        assert!(
            f.reason.to_string().contains("more after the JSON object"),
            "{}",
            f.reason
        );
        let number = json("42");
        assert!(
            failure(&number[0])
                .reason
                .to_string()
                .contains("neither a JSON array of objects nor one JSON object")
        );
    }

    #[test]
    fn delimiters_sniffed() {
        assert_eq!(sniff_delimiter(b"id,text,url\n1,2,3"), b',');
        assert_eq!(sniff_delimiter(b"id;text;\"a,b\"\n"), b';');
        assert_eq!(sniff_delimiter(b"id\ttext\n"), b'\t');
        assert_eq!(sniff_delimiter(b"text\n"), b',');
    }
}
