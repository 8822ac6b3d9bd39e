//! Record files: JSONL and CSV, read record by record, each record a
//! document (or a failure naming the file and line).

use super::sources::text_doc;
use super::{Document, Failure, Item, Options};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

/// A JSONL or CSV file being read record by record.
pub(super) struct Records {
    name: String,
    stem: String,
    kind: RecordKind,
}

enum RecordKind {
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: usize,
        buf: Vec<u8>,
    },
    Csv {
        reader: csv::Reader<Box<dyn Read + Send>>,
        header: Option<Vec<String>>,
        failed: bool,
    },
}

impl Records {
    pub(super) fn open(path: Option<PathBuf>, csv: bool) -> Result<Records, Failure> {
        let (name, stem, reader): (String, String, Box<dyn Read + Send>) = match path {
            None => ("<stdin>".into(), "stdin".into(), Box::new(io::stdin())),
            Some(p) => {
                let f = File::open(&p).map_err(|e| Failure {
                    id: p.display().to_string(),
                    reason: format!("{}: {e}", p.display()),
                    bytes: 0,
                })?;
                let stem = p
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                (p.display().to_string(), stem, Box::new(f))
            }
        };
        let kind = if csv {
            RecordKind::Csv {
                reader: csv::ReaderBuilder::new().flexible(true).from_reader(reader),
                header: None,
                failed: false,
            }
        } else {
            RecordKind::Jsonl {
                reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                line: 0,
                buf: Vec::new(),
            }
        };
        Ok(Records { name, stem, kind })
    }

    pub(super) fn next_item(&mut self, opts: &Options) -> Option<Item> {
        match &mut self.kind {
            RecordKind::Jsonl { reader, line, buf } => loop {
                buf.clear();
                *line += 1;
                let where_ = format!("{}:{}", self.name, line);
                match reader.read_until(b'\n', buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(e) => {
                        return Some(Item::Failed(Failure {
                            id: where_.clone(),
                            reason: format!("{where_}: {e}"),
                            bytes: 0,
                        }));
                    }
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(json_record(buf, &where_, &self.stem, *line, opts));
            },
            RecordKind::Csv {
                reader,
                header,
                failed,
            } => {
                if *failed {
                    return None;
                }
                if header.is_none() {
                    match reader.byte_headers() {
                        Ok(h) => {
                            *header = Some(
                                h.iter()
                                    .map(|f| String::from_utf8_lossy(f).into_owned())
                                    .collect(),
                            )
                        }
                        Err(e) => {
                            *failed = true;
                            return Some(Item::Failed(Failure {
                                id: self.name.clone(),
                                reason: format!("{}: cannot read CSV header: {e}", self.name),
                                bytes: 0,
                            }));
                        }
                    }
                    let h = header.as_ref()?;
                    if !h.contains(&opts.text_field) {
                        *failed = true;
                        return Some(Item::Failed(Failure {
                            id: self.name.clone(),
                            reason: format!(
                                "{}: no column named {:?} (set --text-field)",
                                self.name, opts.text_field
                            ),
                            bytes: 0,
                        }));
                    }
                }
                let h = header.as_ref()?;
                let mut rec = csv::ByteRecord::new();
                let row = reader.position().line();
                match reader.read_byte_record(&mut rec) {
                    Ok(false) => None,
                    Ok(true) => Some(csv_record(h, &rec, &self.name, &self.stem, row, opts)),
                    Err(e) => {
                        let where_ = format!("{}:{}", self.name, row);
                        Some(Item::Failed(Failure {
                            id: where_.clone(),
                            reason: format!("{where_}: malformed CSV record: {e}"),
                            bytes: 0,
                        }))
                    }
                }
            }
        }
    }
}

fn id_value(v: Option<&serde_json::Value>, stem: &str, line: u64) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{stem}:{line}"),
    }
}

fn json_record(buf: &[u8], where_: &str, stem: &str, line: usize, opts: &Options) -> Item {
    let fail = |reason: String| {
        Item::Failed(Failure {
            id: where_.to_string(),
            reason: format!("{where_}: {reason}"),
            bytes: buf.len(),
        })
    };
    if buf.len() > opts.max_doc_bytes {
        return fail(format!(
            "{} bytes is over --max-doc-bytes {}",
            buf.len(),
            opts.max_doc_bytes
        ));
    }
    let mut warnings = Vec::new();
    let value: serde_json::Value = match serde_json::from_slice(buf) {
        Ok(v) => v,
        Err(e) if e.is_syntax() && std::str::from_utf8(buf).is_err() => {
            let lossy = String::from_utf8_lossy(buf);
            match serde_json::from_str(&lossy) {
                Ok(v) => {
                    warnings.push(format!("{where_}: invalid UTF-8 replaced"));
                    v
                }
                Err(e) => return fail(format!("invalid JSON: {e}")),
            }
        }
        Err(e) => return fail(format!("invalid JSON: {e}")),
    };
    let serde_json::Value::Object(mut obj) = value else {
        return fail("not a JSON object".into());
    };
    let text = match obj.remove(&opts.text_field) {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return fail(format!("field {:?} is not a string", opts.text_field)),
        None => return fail(format!("no field {:?} (set --text-field)", opts.text_field)),
    };
    let id = id_value(obj.get(&opts.id_field), stem, line as u64);
    let meta = opts
        .keep
        .iter()
        .map(|k| {
            (
                k.clone(),
                obj.get(k).cloned().unwrap_or(serde_json::Value::Null),
            )
        })
        .collect();
    Item::Doc(Document {
        id,
        text,
        meta,
        warnings,
    })
}

fn csv_record(
    header: &[String],
    rec: &csv::ByteRecord,
    name: &str,
    stem: &str,
    row: u64,
    opts: &Options,
) -> Item {
    let field = |k: &str| header.iter().position(|h| h == k).and_then(|i| rec.get(i));
    let where_ = format!("{name}:{row}");
    let Some(text) = field(&opts.text_field) else {
        return Item::Failed(Failure {
            id: where_.clone(),
            reason: format!("{where_}: record has no {:?} field", opts.text_field),
            bytes: 0,
        });
    };
    if text.len() > opts.max_doc_bytes {
        return Item::Failed(Failure {
            id: where_.clone(),
            reason: format!(
                "{where_}: {} bytes is over --max-doc-bytes {}",
                text.len(),
                opts.max_doc_bytes
            ),
            bytes: text.len(),
        });
    }
    let id = match field(&opts.id_field) {
        Some(v) if !v.is_empty() => String::from_utf8_lossy(v).into_owned(),
        _ => format!("{stem}:{row}"),
    };
    let meta = opts
        .keep
        .iter()
        .map(|k| {
            let v = field(k).map_or(serde_json::Value::Null, |v| {
                serde_json::Value::String(String::from_utf8_lossy(v).into_owned())
            });
            (k.clone(), v)
        })
        .collect();
    match text_doc(id, text.to_vec(), &where_) {
        Item::Doc(mut d) => {
            d.meta = meta;
            Item::Doc(d)
        }
        f => f,
    }
}
