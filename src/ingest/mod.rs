//! **ingest** — documents in.
//!
//! Reads: paths (files; folders, walked recursively for the input kinds
//! below) and `-` for standard input. Each file is plain text, HTML (its
//! main text), JSONL, a JSON array, CSV/TSV or a web archive (WARC), by
//! its name or, failing that, its first bytes; gzip and zstd compression
//! is recognised by content and undone as the file is read. Adds: a
//! stream of [`Item`]s in a stable order (inputs as given, folder entries
//! sorted by name): each a [`Document`] `{ id, text, meta }` or a
//! [`Failure`] naming the input and the problem. Undecodable bytes are
//! read as Windows-1252 with a warning; binary, oversized or malformed
//! inputs become failures; the stream goes on with the rest, so no input
//! is silently dropped.
//!
//! Imports run one way: `sources` (the stream) reads through `records`,
//! `warc`, `html`, `walk` and `compress`; `records` and `walk` build on
//! `item` (the shared types), which builds on `decode`.

mod compress;
mod decode;
mod html;
mod item;
mod records;
mod sources;
mod walk;
mod warc;

pub use compress::Compression;
pub use decode::{DecodeError, Decoded, decode};
pub use item::{Document, Failure, InputFormat, Item, Options};
pub use records::field;
pub use sources::{Items, Opened, Summary, files, open};
pub use walk::{COMPRESSED_EXTENSIONS, INPUT_EXTENSIONS};
