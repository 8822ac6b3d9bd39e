//! `whosaid._whosaid`: the native half of the Python package. It runs the
//! same engine as the command line and hands each document's claims back
//! as the JSONL the command would write (the Python half, `whosaid/`,
//! parses them into dicts), so that the two give the same fields and
//! values by construction. The work runs with the GIL released, on a
//! rayon pool of the thread count asked for.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use whosaid::Pipeline;
use whosaid::emit::{Format, Renderer};
use whosaid::engine::{Engine, Status};
use whosaid::ingest::Document;

create_exception!(
    _whosaid,
    WhosaidError,
    PyException,
    "A document could not be processed; the message names it."
);

/// An extractor: the rules and a model, loaded once.
#[pyclass(frozen, module = "whosaid._whosaid")]
struct Extractor {
    pipeline: Pipeline,
}

/// One document's result: its id, "ok", "warning" or "failed", the reason
/// for a warning or failure, and its claims as JSONL.
type Outcome = (String, &'static str, Option<String>, String);

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Warning => "warning",
        Status::Failed => "failed",
    }
}

fn renderer(context: bool) -> Renderer {
    Renderer {
        format: Format::Jsonl,
        meta_columns: vec![],
        guard: false,
        context,
    }
}

impl Extractor {
    fn run(&self, docs: Vec<(String, String)>, jobs: usize, context: bool) -> PyResult<Vec<Outcome>> {
        let engine = Engine::new(&self.pipeline, renderer(context));
        let work = |(id, text): (String, String)| {
            let mut doc = Document::new(id, text);
            let o = engine.process(&mut doc);
            let jsonl = String::from_utf8(o.output).expect("the JSONL renderer writes UTF-8");
            (o.id, status_name(o.status), o.reason, jsonl)
        };
        if jobs == 1 || docs.len() <= 1 {
            return Ok(docs.into_iter().map(work).collect());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {jobs} threads: {e}")))?;
        use rayon::prelude::*;
        Ok(pool.install(|| docs.into_par_iter().map(work).collect()))
    }
}

#[pymethods]
impl Extractor {
    /// `model`: a model file from `whosaid train` instead of the built-in
    /// one; `rules_only`: the hand-written rules alone.
    #[new]
    #[pyo3(signature = (model=None, rules_only=false))]
    fn new(py: Python<'_>, model: Option<std::path::PathBuf>, rules_only: bool) -> PyResult<Self> {
        if rules_only && model.is_some() {
            return Err(PyValueError::new_err("give either model or rules_only, not both"));
        }
        let pipeline = py.detach(|| match (&model, rules_only) {
            (_, true) => Ok(Pipeline::rules_only()),
            (None, false) => Ok(Pipeline::new()),
            (Some(path), false) => std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| Pipeline::with_model(&bytes))
                .map_err(|e| format!("{}: {e}", path.display())),
        });
        pipeline
            .map(|pipeline| Extractor { pipeline })
            .map_err(PyValueError::new_err)
    }

    /// Runs `docs`, a list of (id, text), on `jobs` threads (0: one per
    /// core) and returns one (id, status, reason, jsonl) per document, in
    /// input order. A text that is not a str, or holds lone surrogates,
    /// raises WhosaidError naming its document.
    #[pyo3(signature = (docs, jobs=0, context=false))]
    fn run_batch(
        &self,
        py: Python<'_>,
        docs: Vec<(String, Bound<'_, PyAny>)>,
        jobs: usize,
        context: bool,
    ) -> PyResult<Vec<Outcome>> {
        let docs = docs
            .into_iter()
            .map(|(id, text)| match text.extract::<String>() {
                Ok(text) => Ok((id, text)),
                Err(e) => Err(WhosaidError::new_err(format!("{id}: the text cannot be read: {e}"))),
            })
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| self.run(docs, jobs, context))
    }
}

/// Runs the `whosaid` command line with `argv` (the program name first)
/// and returns its exit code.
#[pyfunction]
fn cli(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| whosaid::cmd::main(argv))
}

#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add("WhosaidError", m.py().get_type::<WhosaidError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("COLUMNS", whosaid::emit::COLUMNS.to_vec())?;
    Ok(())
}
