//! Folders: the files to read in a folder, recursively, in a stable
//! order, and the document id of each.

use super::Failure;
use std::path::{Path, PathBuf};

/// Id of a file found in a folder: its path below the folder, `/`
/// separated, without extension.
pub(super) fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Failure>) {
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
