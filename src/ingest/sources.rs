use super::{Decoded, Document, Failure, Item, decode};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How to read a file (or standard input).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl`/`.ndjson` JSONL, `.csv` CSV, anything else
    /// text; standard input is text.
    #[default]
    Auto,
    Text,
    Jsonl,
    Csv,
}

/// Ingest settings.
#[derive(Clone, Debug)]
pub struct Options {
    pub id_field: String,
    pub text_field: String,
    /// Record fields carried into the output.
    pub keep: Vec<String>,
    /// Larger documents are skipped and reported.
    pub max_doc_bytes: usize,
    pub format: InputFormat,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            id_field: "id".into(),
            text_field: "text".into(),
            keep: Vec::new(),
            max_doc_bytes: 16 << 20,
            format: InputFormat::Auto,
        }
    }
}

enum Source {
    Text { path: PathBuf, id: String },
    Jsonl { path: Option<PathBuf> },
    Csv { path: Option<PathBuf> },
    StdinText,
}

/// The stream of documents from all inputs, in order.
pub struct Items {
    queue: VecDeque<Source>,
    current: Option<Records>,
    opts: Options,
}

fn format_of(path: &Path, f: InputFormat) -> InputFormat {
    if f != InputFormat::Auto {
        return f;
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        Some("csv") => InputFormat::Csv,
        _ => InputFormat::Text,
    }
}

/// Id of a file found in a folder: its path below the folder, `/`
/// separated, without extension.
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Failure>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Failure {
                id: dir.display().to_string(),
                reason: format!("cannot read folder: {e}"),
                bytes: 0,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, errors);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(p);
        }
    }
}

/// Checks every input and lists the documents to read. A missing input is
/// a fatal error naming it; unreadable folders inside are reported as
/// failures in the stream.
pub fn open(inputs: &[String], opts: Options) -> Result<(Items, Vec<Failure>), String> {
    let mut queue = VecDeque::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input == "-" {
            queue.push_back(match opts.format {
                InputFormat::Jsonl => Source::Jsonl { path: None },
                InputFormat::Csv => Source::Csv { path: None },
                _ => Source::StdinText,
            });
            continue;
        }
        let path = PathBuf::from(input);
        let meta = std::fs::metadata(&path).map_err(|e| format!("{input}: {e}"))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(&path, &mut files, &mut errors);
            for f in files {
                let id = relative_id(&path, &f);
                queue.push_back(Source::Text { path: f, id });
            }
        } else {
            queue.push_back(match format_of(&path, opts.format) {
                InputFormat::Jsonl => Source::Jsonl { path: Some(path) },
                InputFormat::Csv => Source::Csv { path: Some(path) },
                _ => {
                    let id = path
                        .file_stem()
                        .map_or_else(|| input.clone(), |s| s.to_string_lossy().into_owned());
                    Source::Text { path, id }
                }
            });
        }
    }
    Ok((
        Items {
            queue,
            current: None,
            opts,
        },
        errors,
    ))
}

/// The files `open` would read for `inputs` (folders searched for `*.txt`
/// as `open` does, other paths as given; `-` is left out), for measuring
/// the cost of reading them alone.
pub fn files(inputs: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for input in inputs.iter().filter(|i| *i != "-") {
        let path = PathBuf::from(input);
        let meta = std::fs::metadata(&path).map_err(|e| format!("{input}: {e}"))?;
        if meta.is_dir() {
            walk(&path, &mut out, &mut errors);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn text_doc(id: String, bytes: Vec<u8>, origin: &str) -> Item {
    let n = bytes.len();
    match decode(bytes) {
        Ok(Decoded::Utf8(text)) => Item::Doc(Document::new(id, text)),
        Ok(Decoded::Cp1252(text)) => {
            let mut d = Document::new(id, text);
            d.warnings
                .push(format!("{origin}: not valid UTF-8, read as Windows-1252"));
            Item::Doc(d)
        }
        Err(e) => Item::Failed(Failure {
            id,
            reason: format!("{origin}: {e}"),
            bytes: n,
        }),
    }
}

/// Reads all of `r`, or reports its size when over `max`. `hint` is the
/// expected size (a file's length), so the buffer is allocated once.
fn read_limited(mut r: impl Read, max: usize, hint: usize) -> io::Result<Result<Vec<u8>, usize>> {
    let mut buf = Vec::with_capacity(hint.min(max) + 1);
    r.by_ref().take(max as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() > max {
        let rest = io::copy(&mut r, &mut io::sink())? as usize;
        return Ok(Err(buf.len() + rest));
    }
    Ok(Ok(buf))
}

impl Items {
    fn read_text(&self, path: &Path, id: String) -> Item {
        let shown = path.display().to_string();
        let max = self.opts.max_doc_bytes;
        let res = File::open(path).and_then(|f| {
            let hint = f.metadata().map_or(0, |m| m.len() as usize);
            read_limited(f, max, hint)
        });
        match res {
            Ok(Ok(bytes)) => text_doc(id, bytes, &shown),
            Ok(Err(size)) => Item::Failed(Failure {
                id,
                reason: format!("{shown}: {size} bytes is over --max-doc-bytes {max}"),
                bytes: size,
            }),
            Err(e) => Item::Failed(Failure {
                id,
                reason: format!("{shown}: {e}"),
                bytes: 0,
            }),
        }
    }
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                match cur.next_item(&self.opts) {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let src = self.queue.pop_front()?;
            match src {
                Source::Text { path, id } => return Some(self.read_text(&path, id)),
                Source::StdinText => {
                    let max = self.opts.max_doc_bytes;
                    return Some(match read_limited(io::stdin().lock(), max, 0) {
                        Ok(Ok(b)) => text_doc("stdin".into(), b, "<stdin>"),
                        Ok(Err(size)) => Item::Failed(Failure {
                            id: "stdin".into(),
                            reason: format!("<stdin>: {size} bytes is over --max-doc-bytes {max}"),
                            bytes: size,
                        }),
                        Err(e) => Item::Failed(Failure {
                            id: "stdin".into(),
                            reason: format!("<stdin>: {e}"),
                            bytes: 0,
                        }),
                    });
                }
                Source::Jsonl { path } => match Records::open(path, false) {
                    Ok(r) => self.current = Some(r),
                    Err(f) => return Some(Item::Failed(f)),
                },
                Source::Csv { path } => match Records::open(path, true) {
                    Ok(r) => self.current = Some(r),
                    Err(f) => return Some(Item::Failed(f)),
                },
            }
        }
    }
}

/// A JSONL or CSV file being read record by record.
struct Records {
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
    fn open(path: Option<PathBuf>, csv: bool) -> Result<Records, Failure> {
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

    fn next_item(&mut self, opts: &Options) -> Option<Item> {
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
