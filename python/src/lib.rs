//! `whosaid._whosaid`: the native half of the Python package. It runs the
//! same engine as the command line and hands each document's claims back
//! as dicts built from the same records the JSONL is written from, with
//! the same keys in the same order and the values JSON would give back
//! (tested against the command's output): both walk the one column
//! declaration, `whosaid::emit::SCHEMA`. The work runs with the GIL
//! released, on a rayon pool of the thread count asked for, built once
//! per extractor and thread count; only the dicts are built holding it.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::{Arc, Mutex};
use whosaid::Pipeline;
use whosaid::emit::schema::{Cell, SCHEMA, Type};
use whosaid::emit::{Format, Record, Renderer};
use whosaid::engine::{Engine, Status};
use whosaid::ingest::Document;

create_exception!(
    _whosaid,
    WhosaidError,
    PyException,
    "A document could not be processed; the message names it."
);

/// An extractor: the rules and a model, loaded once, and the worker
/// pools it has run on, one per thread count, each built on first use.
#[pyclass(frozen, module = "whosaid._whosaid")]
struct Extractor {
    pipeline: Pipeline,
    pools: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>>,
}

/// One document's result: its id, "ok", "warning" or "failed", the reason
/// for a warning or failure, and its claims (none when it failed).
type Outcome = (String, &'static str, Option<String>, Vec<Record>);

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Warning => "warning",
        Status::Failed => "failed",
    }
}

/// The engine's renderer, which `process_with` leaves unused: the claims
/// become records, then dicts.
fn renderer() -> Renderer {
    Renderer {
        format: Format::Jsonl,
        meta_columns: vec![],
        guard: false,
        context: false,
    }
}

impl Extractor {
    /// The pool of `jobs` threads (0: one per core), built once.
    fn pool(&self, jobs: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self.pools.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, p)) = pools.iter().find(|(n, _)| *n == jobs) {
            return Ok(Arc::clone(p));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {jobs} threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.push((jobs, Arc::clone(&pool)));
        Ok(pool)
    }

    fn run(
        &self,
        docs: Vec<(String, String)>,
        jobs: usize,
        context: bool,
    ) -> PyResult<Vec<Outcome>> {
        let engine = Engine::new(&self.pipeline, renderer());
        let work = |(id, text): (String, String)| {
            let mut doc = Document::new(id, text);
            let (o, records) = engine.process_with(&mut doc, |doc, a| {
                if context {
                    let spans = whosaid::emit::context_spans(&a.sentences, &a.claims);
                    whosaid::emit::records_with_context(doc, &a.claims, &spans)
                } else {
                    whosaid::emit::records(doc, &a.claims)
                }
            });
            (
                o.id,
                status_name(o.status),
                o.reason,
                records.unwrap_or_default(),
            )
        };
        if jobs == 1 || docs.len() <= 1 {
            return Ok(docs.into_iter().map(work).collect());
        }
        let pool = self.pool(jobs)?;
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
            return Err(PyValueError::new_err(
                "give either model or rules_only, not both",
            ));
        }
        let pipeline = py.detach(|| match (&model, rules_only) {
            (_, true) => Ok(Pipeline::rules_only()),
            (None, false) => Ok(Pipeline::new()),
            (Some(path), false) => std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| Pipeline::with_model(&bytes).map_err(|e| e.to_string()))
                .map_err(|e| format!("{}: {e}", path.display())),
        });
        pipeline
            .map(|pipeline| Extractor {
                pipeline,
                pools: Mutex::new(Vec::new()),
            })
            .map_err(PyValueError::new_err)
    }

    /// Runs `docs`, a list of (id, text), on `jobs` threads (0: one per
    /// core) and returns one (id, status, reason, claims) per document, in
    /// input order. A text that is not a str, or holds lone surrogates,
    /// raises WhosaidError naming its document.
    #[pyo3(signature = (docs, jobs=0, context=false))]
    #[allow(clippy::type_complexity)]
    fn run_batch<'py>(
        &self,
        py: Python<'py>,
        docs: Vec<(String, Bound<'py, PyAny>)>,
        jobs: usize,
        context: bool,
    ) -> PyResult<
        Vec<(
            String,
            &'static str,
            Option<String>,
            Vec<Bound<'py, PyDict>>,
        )>,
    > {
        let docs = docs
            .into_iter()
            .map(|(id, text)| match text.extract::<String>() {
                Ok(text) => Ok((id, text)),
                Err(e) => Err(WhosaidError::new_err(format!(
                    "{id}: the text cannot be read: {e}"
                ))),
            })
            .collect::<PyResult<Vec<_>>>()?;
        let outcomes = py.detach(|| self.run(docs, jobs, context))?;
        outcomes
            .into_iter()
            .map(|(id, status, reason, records)| {
                let dicts = records
                    .iter()
                    .map(|r| claim_dict(py, r))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok((id, status, reason, dicts))
            })
            .collect()
    }
}

/// A claim as a dict: the JSONL's keys in its order (the schema's), and
/// the values its JSON gives back (the confidence as the shortest decimal
/// of the f32, the number JSON carries).
fn claim_dict<'py>(py: Python<'py>, r: &Record) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for c in SCHEMA {
        let key = pyo3::types::PyString::intern(py, c.name);
        match (c.cell)(r) {
            Cell::Text(None) if c.optional => {}
            Cell::Text(t) => d.set_item(key, t)?,
            Cell::Count(n) => d.set_item(key, n)?,
            Cell::Fraction(f) => {
                let f: f64 = f.to_string().parse().expect("a float's decimal parses");
                d.set_item(key, f)?
            }
            Cell::Span(s) => d.set_item(key, s)?,
            Cell::Spans(s) => d.set_item(key, s)?,
        }
    }
    Ok(d)
}

/// The schema as Python reads it: (name, JSON type, nullable, the names a
/// label column takes or None), the optional columns too.
fn schema_rows() -> Vec<(&'static str, &'static str, bool, Option<Vec<&'static str>>)> {
    SCHEMA
        .iter()
        .map(|c| {
            let labels = match c.ty {
                Type::Label(l) => Some(l.names()),
                _ => None,
            };
            (c.name, c.ty.json(), c.nullable, labels)
        })
        .collect()
}

/// Runs the `whosaid` command line with `argv` (the program name first)
/// and returns its exit code. Only with `interrupts` (the installed
/// `whosaid` command) does Ctrl-C get the command's own handler, which
/// ends the process; otherwise Python's handler stays as it was.
#[pyfunction]
#[pyo3(signature = (argv, interrupts=false))]
fn cli(py: Python<'_>, argv: Vec<String>, interrupts: bool) -> i32 {
    py.detach(|| whosaid::cmd::command_line(argv, interrupts))
}

#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add("WhosaidError", m.py().get_type::<WhosaidError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("COLUMNS", whosaid::emit::COLUMNS.to_vec())?;
    m.add("SCHEMA", schema_rows())?;
    Ok(())
}
