//! The stream of documents from all inputs: what each input is (text
//! file, folder, JSONL, CSV, standard input) and reading it in order.

use super::records::Records;
use super::walk::{relative_id, walk};
use super::{Decoded, Document, Failure, Item, decode};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
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

pub(super) fn text_doc(id: String, bytes: Vec<u8>, origin: &str) -> Item {
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
