//! Folders: the files to read in a folder, recursively, in a stable
//! order, and the document id of each. The walk is `walkdir`'s: symbolic
//! links are not followed unless asked (and then loops are detected, and a
//! file reached twice is read once); FIFOs, sockets and devices are never
//! opened, only reported.

use super::item::Failure;
use crate::error::{Error, ErrorKind};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a folder holds for us.
#[derive(Debug, Default)]
pub struct Listing {
    /// The input files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Entries that could not be read, or are not regular files.
    pub failures: Vec<Failure>,
    /// Regular files whose name is not an input kind (skipped, counted).
    pub other_files: usize,
    /// Symbolic links not followed (without `--follow`), or that loop.
    pub links_skipped: usize,
}

/// The extensions of the files a folder's walk reads, before any
/// compression extension.
pub const INPUT_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson", "json", "csv", "tsv", "warc",
];

/// Compression extensions the walk also accepts after an input extension.
pub const COMPRESSED_EXTENSIONS: &[&str] = &["gz", "zst", "zstd"];

/// The file name without its compression extension ("a.jsonl.gz" →
/// "a.jsonl").
pub fn without_compression(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if COMPRESSED_EXTENSIONS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(ext)) =>
        {
            stem
        }
        _ => name,
    }
}

/// The input extension of a file name (after removing a compression
/// extension), lower-cased.
pub fn input_extension(name: &str) -> Option<String> {
    without_compression(name)
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
}

/// Does the walk read a file of this name?
pub fn is_input_name(name: &str) -> bool {
    input_extension(name).is_some_and(|e| INPUT_EXTENSIONS.contains(&e.as_str()))
}

/// Lists the input files under `dir`.
pub fn walk(dir: &Path, follow: bool) -> Listing {
    let mut out = Listing::default();
    // With links followed, one file can be reached by several paths.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(follow)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                if e.loop_ancestor().is_some() {
                    out.links_skipped += 1;
                    continue;
                }
                let path = e.path().unwrap_or(dir).display().to_string();
                let what = e.to_string();
                let reason = match e.into_io_error() {
                    Some(io) => Error::from(io),
                    None => Error::new(ErrorKind::Io, what),
                };
                out.failures.push(Failure {
                    id: path.clone(),
                    reason: reason.at(&path, None),
                    bytes: 0,
                });
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        if ft.is_symlink() {
            // Not followed (without --follow): counted, and said in the
            // summary.
            out.links_skipped += 1;
            continue;
        }
        if !ft.is_file() {
            let shown = path.display().to_string();
            let what = "not a regular file (a FIFO, socket or device), not read";
            out.failures.push(Failure {
                reason: Error::new(ErrorKind::Unsupported, what).at(&shown, None),
                id: shown,
                bytes: 0,
            });
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if !is_input_name(&name) {
            out.other_files += 1;
            continue;
        }
        if follow {
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if !seen.insert(real) {
                continue;
            }
        }
        out.files.push(path.to_path_buf());
    }
    out
}

/// Id of a file found in a folder: its path below the folder, `/`
/// separated, without its extensions ("2024/may/a.txt.gz" →
/// "2024/may/a").
pub fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = file_stem(last).to_string();
    }
    parts.join("/")
}

/// A file name without its compression and input extensions.
pub fn file_stem(name: &str) -> &str {
    let name = without_compression(name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert!(is_input_name("a.txt"));
        assert!(is_input_name("a.JSONL.gz"));
        assert!(is_input_name("crawl.warc.gz"));
        assert!(!is_input_name("notes.md"));
        assert!(!is_input_name("archive.gz"));
        assert_eq!(file_stem("a.txt.gz"), "a");
        assert_eq!(file_stem(".hidden"), ".hidden");
        assert_eq!(
            relative_id(Path::new("/r"), Path::new("/r/2024/may/a.txt.zst")),
            "2024/may/a"
        );
    }
}
