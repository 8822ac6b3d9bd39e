//! The integration test binary: constructions, golden files over
//! `corpora/sample`, the command line, evaluation and the accuracy guard.

mod accuracy;
mod cli;
mod constructions;
mod corpus;
mod edit;
mod examples;
mod floors;
mod golden;
mod inputs;
#[cfg(feature = "train")]
mod model;
mod outputs;
mod properties;
mod robustness;
mod show;
mod stages;
mod stream;
mod who;

use std::path::PathBuf;

/// Runs the `whosaid` binary with `args`, feeding `input` to its standard
/// input from a thread (the child's output may fill its pipe before it has
/// read everything), and closing it.
pub fn run_with_input(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("whosaid runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // A run that stops early closes the pipe: not an error here.
        let _ = stdin.write_all(&input);
    });
    let o = child.wait_with_output().expect("whosaid ends");
    writer.join().expect("the writer ends");
    o
}

/// The four F1 scores the project tracks: all content-partial, all
/// content-exact, all attribution, direct attribution.
pub fn tracked(s: &whosaid::eval::metric::Scores) -> [f64; 4] {
    [
        s.all.content_partial.f1,
        s.all.content_exact.f1,
        s.all.attribution.f1,
        s.direct.attribution.f1,
    ]
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
