//! Where output goes. A regular file (or a new path) is written to a
//! temporary file in the same folder and renamed over the target only when
//! the run completes, so a failed or killed run never leaves a truncated
//! file under the target name nor clobbers the old one. A symbolic link is
//! followed to its target, and the temporary file made beside that target:
//! the link itself is never replaced. Special files (`/dev/null`, FIFOs,
//! terminals, anything under `/dev/` or `/proc/`, such as `/dev/stderr`)
//! are written directly; standard output is used when no path is given. An interrupted run removes its
//! temporary files ([`remove_pending`]); a killed one may leave one behind,
//! named `.NAME.whosaid-PID.tmp`, but never touches the target.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files of outputs not yet committed, removed if the process is
/// interrupted (see [`remove_pending`]).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of every uncommitted output. Called from
/// the interrupt handler, so that Ctrl-C leaves nothing half-written.
pub fn remove_pending() {
    if let Ok(mut v) = PENDING.lock() {
        for p in v.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn forget_pending(tmp: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.retain(|p| p != tmp);
    }
}

/// `path` with symbolic links followed (also a link to a file that does
/// not exist yet), at most 40 deep.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    Direct(BufWriter<File>),
    Atomic {
        file: Option<BufWriter<File>>,
        tmp: PathBuf,
        target: PathBuf,
    },
}

impl Output {
    /// Opens `path` for writing (standard output when `None`).
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        // /dev/stderr, /proc/self/fd/1: whatever they lead to (a pipe, a
        // terminal, a file the shell redirected) is written in place.
        if path.starts_with("/dev") || path.starts_with("/proc") {
            let f = OpenOptions::new().write(true).open(path)?;
            return Ok(Output::Direct(BufWriter::with_capacity(1 << 16, f)));
        }
        let target = resolve_links(path)?;
        match std::fs::metadata(&target) {
            Ok(m) if !m.is_file() => {
                if m.is_dir() {
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a folder"));
                }
                let f = OpenOptions::new().write(true).open(&target)?;
                return Ok(Output::Direct(BufWriter::with_capacity(1 << 16, f)));
            }
            _ => {}
        }
        let path = target.as_path();
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.whosaid-{}.tmp", std::process::id()));
        let f = File::create(&tmp)?;
        if let Ok(mut v) = PENDING.lock() {
            v.push(tmp.clone());
        }
        Ok(Output::Atomic {
            file: Some(BufWriter::with_capacity(1 << 16, f)),
            tmp,
            target: path.to_path_buf(),
        })
    }

    /// Flushes and, for a regular file, moves the finished file into place.
    pub fn commit(mut self) -> io::Result<()> {
        match &mut self {
            Output::Stdout(w) => w.flush(),
            Output::Direct(w) => w.flush(),
            Output::Atomic { file, tmp, target } => {
                let w = file.take().expect("committed once");
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                drop(f);
                forget_pending(tmp);
                std::fs::rename(&*tmp, &*target)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Direct(w) => w.write(buf),
            Output::Atomic { file, .. } => file.as_mut().expect("open").write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::Direct(w) => w.write_all(buf),
            Output::Atomic { file, .. } => file.as_mut().expect("open").write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Direct(w) => w.flush(),
            Output::Atomic { file, .. } => file.as_mut().map_or(Ok(()), |f| f.flush()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Output::Atomic {
            file: Some(_), tmp, ..
        } = self
        {
            // Not committed: the run failed; leave the target untouched.
            let _ = std::fs::remove_file(&*tmp);
            forget_pending(tmp);
        }
    }
}
