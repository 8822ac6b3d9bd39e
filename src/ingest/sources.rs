//! The stream of documents from all inputs: what each input is (found by
//! its name, then by its first bytes), and reading it in order.

use super::compress::{self, Compression};
use super::item::{Document, Failure, InputFormat, Item, Options, text_doc};
use super::records::{JsonArray, Jsonl, Origin, Records, Table};
use super::walk::{self, file_stem, input_extension};
use super::{html, warc};
use crate::error::{Error, ErrorKind, Position, place};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

impl InputFormat {
    /// The format a file name says, if any.
    fn of_name(name: &str) -> Option<InputFormat> {
        Some(match input_extension(name)?.as_str() {
            "txt" | "text" => InputFormat::Text,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "warc" => InputFormat::Warc,
            _ => return None,
        })
    }

    /// The format the first bytes say.
    fn of_content(head: &[u8]) -> InputFormat {
        let t = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let first = t.iter().copied().find(|b| !b.is_ascii_whitespace());
        if t.starts_with(b"WARC/") {
            InputFormat::Warc
        } else if first == Some(b'[') {
            InputFormat::Json
        } else if first == Some(b'{') && first_line_is_json(t) {
            InputFormat::Jsonl
        } else if html::looks_like_html(t) {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// Is the first non-blank line of `head` a JSON value (as JSONL's is)?
fn first_line_is_json(head: &[u8]) -> bool {
    let line = head
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
        .unwrap_or(b"");
    serde_json::from_slice::<serde_json::Value>(line).is_ok()
}

/// One input to read.
struct Source {
    /// `None` for standard input.
    path: Option<PathBuf>,
    /// The document id of a one-document input; the stem of a record file.
    id: String,
    /// Put before the ids of its documents when several inputs are given:
    /// the folder's name for a file found in a folder, the file's own name
    /// (without extensions) for a file given by name.
    prefix: Option<String>,
    /// Found in a folder (else given by name, or standard input).
    in_folder: bool,
}

/// How the inputs turned out: what was found, what was read as what.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files found in folders that are no input kind (skipped).
    pub other_files: usize,
    /// Symbolic links in folders not followed (or looping).
    pub links_skipped: usize,
    /// Records of web archives that hold no article (requests, images,
    /// metadata), skipped.
    pub skipped_records: usize,
    /// How standard input was read (format and compression), if it was.
    pub stdin: Option<String>,
}

/// The stream of documents from all inputs, in order.
pub struct Items {
    queue: VecDeque<Source>,
    current: Option<Box<dyn Records>>,
    warc: Option<WarcDocs>,
    opts: Options,
    summary: Summary,
    /// Bytes read from the input files so far (as stored: compressed
    /// bytes for a compressed file).
    read: Arc<AtomicU64>,
}

/// Every input checked and listed: the stream, the failures met while
/// listing folders, and how many documents could be read.
pub struct Opened {
    pub items: Items,
    pub failures: Vec<Failure>,
    /// Inputs to read (files, including those found in folders, and
    /// standard input).
    pub inputs: usize,
}

/// What `name` is called in doc_ids when several inputs are given: the
/// path as given, without a trailing slash (and without extensions for a
/// file).
fn input_prefix(input: &str, is_dir: bool) -> String {
    let t = input.trim_end_matches('/');
    if is_dir {
        return t.to_string();
    }
    let path = Path::new(t);
    let stem = path.file_name().map_or_else(
        || t.to_string(),
        |n| file_stem(&n.to_string_lossy()).to_string(),
    );
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => format!("{}/{stem}", parent.display()),
        None => stem,
    }
}

/// Checks every input and lists the documents to read. A missing input is
/// a fatal error naming it; folders are walked (`opts.follow`: following
/// links), and what cannot be read inside them is reported in
/// `failures`. When several inputs are given, doc_ids start with the
/// input's name, so that no two articles share one.
pub fn open(inputs: &[String], opts: Options) -> Result<Opened, Error> {
    let mut queue = VecDeque::new();
    let mut failures = Vec::new();
    let mut summary = Summary::default();
    let several = inputs.len() > 1;
    for input in inputs {
        if input == "-" {
            queue.push_back(Source {
                path: None,
                id: "stdin".into(),
                prefix: several.then(|| "stdin".to_string()),
                in_folder: false,
            });
            continue;
        }
        let path = PathBuf::from(input);
        let meta = std::fs::metadata(&path).map_err(|e| Error::from(e).at(input, None))?;
        if meta.is_dir() {
            let listing = walk::walk(&path, opts.follow);
            failures.extend(listing.failures);
            summary.other_files += listing.other_files;
            summary.links_skipped += listing.links_skipped;
            let prefix = several.then(|| input_prefix(input, true));
            for f in listing.files {
                queue.push_back(Source {
                    id: walk::relative_id(&path, &f),
                    path: Some(f),
                    prefix: prefix.clone(),
                    in_folder: true,
                });
            }
        } else if !meta.is_file() {
            let what = "not a regular file (a FIFO, socket or device), not read";
            failures.push(Failure {
                id: input.clone(),
                reason: Error::new(ErrorKind::Unsupported, what).at(input, None),
                bytes: 0,
            });
        } else {
            let id = path.file_name().map_or_else(
                || input.clone(),
                |n| file_stem(&n.to_string_lossy()).to_string(),
            );
            queue.push_back(Source {
                path: Some(path),
                id,
                prefix: several.then(|| input_prefix(input, false)),
                in_folder: false,
            });
        }
    }
    let inputs = queue.len();
    Ok(Opened {
        items: Items {
            queue,
            current: None,
            warc: None,
            opts,
            summary,
            read: Arc::default(),
        },
        failures,
        inputs,
    })
}

/// The files `open` would read for `inputs` (folders walked as `open`
/// does, other paths as given; `-` is left out), for measuring the cost of
/// reading them alone.
pub fn files(inputs: &[String]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for input in inputs.iter().filter(|i| *i != "-") {
        let path = PathBuf::from(input);
        let meta = std::fs::metadata(&path).map_err(|e| Error::from(e).at(input, None))?;
        if meta.is_dir() {
            out.extend(walk::walk(&path, false).files);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// Reads all of `r`, or reports its size when over `max`.
fn read_limited(mut r: impl Read, max: usize, hint: usize) -> io::Result<Result<Vec<u8>, usize>> {
    let mut buf = Vec::with_capacity(hint.min(max) + 1);
    r.by_ref().take(max as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() > max {
        let rest = io::copy(&mut r, &mut io::sink())? as usize;
        return Ok(Err(buf.len() + rest));
    }
    Ok(Ok(buf))
}

/// The text of a one-document input (at `position` of `input`, for a
/// web-archive record) as a document (HTML: its main text).
fn one_document(
    id: String,
    bytes: Vec<u8>,
    input: &str,
    position: Option<Position>,
    format: InputFormat,
    opts: &Options,
) -> Item {
    let shown = place(input, position);
    if format == InputFormat::Html {
        let n = bytes.len();
        match text_doc(id.clone(), bytes, input, position) {
            Item::Doc(d) => match html::extract(&d.text) {
                Ok(page) => {
                    let mut doc = Document::new(d.id, page.text);
                    doc.warnings = d.warnings;
                    let fields = [
                        ("title", page.title),
                        ("url", page.url),
                        ("source", Some(shown)),
                    ];
                    doc.meta = kept(opts, &fields);
                    Item::Doc(doc)
                }
                Err(e) => Item::Failed(Failure {
                    id,
                    reason: e.at(input, position),
                    bytes: n,
                }),
            },
            f => f,
        }
    } else {
        match text_doc(id, bytes, input, position) {
            Item::Doc(mut d) => {
                d.meta = kept(opts, &[("source", Some(shown))]);
                Item::Doc(d)
            }
            f => f,
        }
    }
}

/// The `--keep` fields among `fields` (a field the input kind does not
/// have is null).
fn kept(opts: &Options, fields: &[(&str, Option<String>)]) -> Vec<(String, serde_json::Value)> {
    opts.keep
        .iter()
        .map(|k| {
            let v = fields
                .iter()
                .find(|(name, _)| *name == k)
                .and_then(|(_, v)| v.clone())
                .map_or(serde_json::Value::Null, serde_json::Value::String);
            (k.clone(), v)
        })
        .collect()
}

/// The documents of a web archive, record by record.
struct WarcDocs {
    reader: warc::Reader<Box<dyn BufRead + Send>>,
    shown: String,
    prefix: Option<String>,
}

/// The failure of the web-archive record at byte `offset` of `shown`.
fn record_failure(shown: &str, offset: u64, kind: ErrorKind, what: String, bytes: usize) -> Item {
    let at = Some(Position::Byte(offset));
    Item::Failed(Failure {
        id: place(shown, at),
        reason: Error::new(kind, what).at(shown, at),
        bytes,
    })
}

/// A reader that adds what it reads to a shared count.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Items {
    /// A handle on the count of bytes read from the input files so far
    /// (for progress against [`Items::total_bytes`]).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// The size of the input files not yet opened, as stored; `None` when
    /// standard input is among them. One `stat` a file: asked only when a
    /// progress bar is drawn.
    pub fn total_bytes(&self) -> Option<u64> {
        self.queue
            .iter()
            .map(|s| {
                s.path
                    .as_ref()
                    .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            })
            .sum()
    }

    /// How the inputs turned out so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Opens `src`: its reader, decompressed, and its format.
    fn open_source(
        &mut self,
        src: &Source,
    ) -> Result<(Box<dyn BufRead + Send>, InputFormat, String), Failure> {
        let shown = src
            .path
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
        let fail = |e: io::Error| Failure {
            id: shown.clone(),
            reason: Error::from(e).at(&shown, None),
            bytes: 0,
        };
        let (raw, size): (Box<dyn Read + Send>, _) = match &src.path {
            None => (Box::new(io::stdin()), None),
            Some(p) => {
                let inner = File::open(p).map_err(fail)?;
                let size = inner
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                let read = Arc::clone(&self.read);
                (Box::new(Counted { inner, read }), size)
            }
        };
        let (mut reader, compression) = compress::decompressed(raw, size).map_err(fail)?;
        let by_name = src
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .and_then(|n| InputFormat::of_name(&n.to_string_lossy()));
        let format = match (self.opts.format, by_name) {
            (InputFormat::Auto, Some(f)) => f,
            (InputFormat::Auto, None) => {
                let head = reader.fill_buf().map_err(fail)?;
                InputFormat::of_content(head)
            }
            (f, _) => f,
        };
        if src.path.is_none() {
            self.summary.stdin = Some(match compression {
                Compression::None => format.name().to_string(),
                c => format!("{} ({})", format.name(), c.name()),
            });
        }
        Ok((reader, format, shown))
    }

    fn next_warc_item(&mut self) -> Option<Item> {
        let w = self.warc.as_mut()?;
        loop {
            let rec = match w.reader.next_record()? {
                Ok(r) => r,
                Err(warc::RecordError::Truncated { offset }) => {
                    let what = "the record is cut short (truncated file)".to_string();
                    return Some(record_failure(&w.shown, offset, ErrorKind::Record, what, 0));
                }
                Err(warc::RecordError::TooLarge { offset, bytes }) => {
                    let what = format!("the record is {bytes} bytes, over --max-doc-bytes");
                    let n = bytes as usize;
                    return Some(record_failure(
                        &w.shown,
                        offset,
                        ErrorKind::TooLarge,
                        what,
                        n,
                    ));
                }
                Err(warc::RecordError::Malformed { offset, reason }) => {
                    let what =
                        format!("not a WARC record ({reason}); the rest of the file was not read");
                    return Some(record_failure(&w.shown, offset, ErrorKind::Record, what, 0));
                }
            };
            let kind = rec.field("warc-type").unwrap_or("");
            if kind != "response" && kind != "resource" {
                self.summary.skipped_records += 1;
                continue;
            }
            let uri = rec
                .field("warc-target-uri")
                .unwrap_or("")
                .trim_matches(['<', '>'])
                .to_string();
            let at = Some(Position::Byte(rec.offset));
            let payload = match warc::payload(&rec) {
                Ok(p) => p,
                Err(e) => {
                    return Some(Item::Failed(Failure {
                        id: uri,
                        reason: e.at(&w.shown, at),
                        bytes: rec.content.len(),
                    }));
                }
            };
            let format = if payload.content_type.contains("html") {
                InputFormat::Html
            } else if payload.content_type.starts_with("text/plain") {
                InputFormat::Text
            } else {
                self.summary.skipped_records += 1;
                continue;
            };
            let id = match &w.prefix {
                Some(p) => format!("{p}/{uri}"),
                None => uri.clone(),
            };
            let mut item = one_document(id, payload.body, &w.shown, at, format, &self.opts);
            if let Item::Doc(d) = &mut item {
                let title = d
                    .meta
                    .iter()
                    .find(|(k, _)| k == "title")
                    .map(|(_, v)| v.clone());
                let fields = [
                    ("url", Some(uri)),
                    ("date", rec.field("warc-date").map(str::to_string)),
                    ("record_id", rec.field("warc-record-id").map(str::to_string)),
                    ("source", Some(place(&w.shown, at))),
                    ("title", title.and_then(|t| t.as_str().map(str::to_string))),
                ];
                d.meta = kept(&self.opts, &fields);
            }
            return Some(item);
        }
    }
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.warc.is_some() {
                match self.next_warc_item() {
                    Some(item) => return Some(item),
                    None => self.warc = None,
                }
            }
            if let Some(cur) = &mut self.current {
                match cur.next_item(&self.opts) {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let src = self.queue.pop_front()?;
            let (reader, format, shown) = match self.open_source(&src) {
                Ok(x) => x,
                Err(f) => return Some(Item::Failed(f)),
            };
            let origin = Origin {
                name: shown.clone(),
                stem: src.id.clone(),
                prefix: src.prefix.clone(),
            };
            match format {
                InputFormat::Jsonl => self.current = Some(Box::new(Jsonl::new(origin, reader))),
                InputFormat::Json => {
                    self.current = Some(json_records(origin, reader));
                }
                InputFormat::Csv | InputFormat::Tsv => {
                    let delimiter = self
                        .opts
                        .delimiter
                        .or((format == InputFormat::Tsv).then_some(b'\t'));
                    self.current = Some(Box::new(Table::new(origin, reader, delimiter)));
                }
                InputFormat::Warc => {
                    self.warc = Some(WarcDocs {
                        reader: warc::Reader::new(reader, self.opts.max_doc_bytes as u64),
                        shown,
                        prefix: src.prefix.clone(),
                    });
                }
                InputFormat::Text | InputFormat::Html | InputFormat::Auto => {
                    // A file given by name is called by its prefix alone
                    // ("dumps/a", not "dumps/a/a").
                    let id = match &src.prefix {
                        Some(p) if src.in_folder => format!("{p}/{}", src.id),
                        Some(p) => p.clone(),
                        None => src.id.clone(),
                    };
                    let max = self.opts.max_doc_bytes;
                    let hint = src
                        .path
                        .as_ref()
                        .and_then(|p| std::fs::metadata(p).ok())
                        .map_or(0, |m| m.len() as usize);
                    return Some(match read_limited(reader, max, hint) {
                        Ok(Ok(bytes)) => one_document(id, bytes, &shown, None, format, &self.opts),
                        Ok(Err(size)) => {
                            let what = format!("{size} bytes is over --max-doc-bytes {max}");
                            Item::Failed(Failure {
                                id,
                                reason: Error::new(ErrorKind::TooLarge, what).at(&shown, None),
                                bytes: size,
                            })
                        }
                        Err(e) => Item::Failed(Failure {
                            id,
                            reason: Error::from(e).at(&shown, None),
                            bytes: 0,
                        }),
                    });
                }
            }
        }
    }
}

/// A `.json` file: a JSON array of records, or JSONL under that name.
fn json_records(origin: Origin, mut reader: Box<dyn BufRead + Send>) -> Box<dyn Records> {
    let head = reader.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
    match InputFormat::of_content(&head) {
        InputFormat::Jsonl => Box::new(Jsonl::new(origin, reader)),
        _ => Box::new(JsonArray::new(origin, reader)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_content() {
        assert_eq!(InputFormat::of_name("a.jsonl.gz"), Some(InputFormat::Jsonl));
        assert_eq!(InputFormat::of_name("a.TSV"), Some(InputFormat::Tsv));
        assert_eq!(InputFormat::of_name("a.warc.zst"), Some(InputFormat::Warc));
        assert_eq!(InputFormat::of_name("a.dat"), None);
        assert_eq!(
            InputFormat::of_content(b"  [{\"id\":1}]"),
            InputFormat::Json
        );
        assert_eq!(
            InputFormat::of_content(b"{\"text\":\"x\"}\n{\"text\":\"y\"}"),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::of_content(b"{not json} he said"),
            InputFormat::Text
        );
        assert_eq!(InputFormat::of_content(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(
            InputFormat::of_content(b"<!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::of_content(b"\"We won,\" she said."),
            InputFormat::Text
        );
    }

    #[test]
    fn prefixes_of_inputs() {
        assert_eq!(input_prefix("y2023/", true), "y2023");
        assert_eq!(input_prefix("dumps/may.jsonl.gz", false), "dumps/may");
        assert_eq!(input_prefix("a.txt", false), "a");
    }
}
