//! **engine** — runs the pipeline over a stream of documents.
//!
//! Reads: [`Item`]s from ingest. Produces: one [`Outcome`] per item, in
//! input order whatever the thread count, each with the rendered output
//! bytes of its claims. Documents are processed in bounded batches on the
//! rayon pool while the next batch is read, so memory stays bounded by the
//! batch size however large the corpus. Each worker thread reuses one set
//! of stage buffers. A panic inside one document is caught and reported as
//! that document's failure; the run goes on.

use crate::doc::Doc;
use crate::emit::Renderer;
use crate::ingest::{Document, Item};
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How a document ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Processed, with a warning (for instance decoded as Windows-1252).
    Warning,
    Failed,
}

#[derive(Debug)]
pub struct Outcome {
    pub id: String,
    pub status: Status,
    /// Why it failed, or what the warning was.
    pub reason: Option<String>,
    pub bytes: usize,
    pub claims: usize,
    /// The claims, rendered.
    pub output: Vec<u8>,
}

/// Settings of a run.
pub struct Engine<'a> {
    pub pipeline: &'a Pipeline,
    pub renderer: Renderer,
    /// Claims below this confidence are dropped.
    pub min_confidence: f32,
    /// Documents per batch.
    pub batch_docs: usize,
    /// Bytes of text per batch.
    pub batch_bytes: usize,
}

thread_local! {
    static BUFFERS: RefCell<Doc> = RefCell::new(Doc::default());
}

fn read_batch(
    items: &mut impl Iterator<Item = Item>,
    max_docs: usize,
    max_bytes: usize,
) -> Vec<Item> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < max_docs && bytes < max_bytes {
        let Some(item) = items.next() else { break };
        if let Item::Doc(d) = &item {
            bytes += d.text.len();
        }
        batch.push(item);
    }
    batch
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

impl<'a> Engine<'a> {
    pub fn new(pipeline: &'a Pipeline, renderer: Renderer) -> Self {
        Engine {
            pipeline,
            renderer,
            min_confidence: 0.0,
            batch_docs: 512,
            batch_bytes: 32 << 20,
        }
    }

    /// Processes one document. Its text is lent to the worker's [`Doc`]
    /// for the stages (not copied) and is back in `doc` on return.
    pub fn process(&self, doc: &mut Document) -> Outcome {
        let result = catch_unwind(AssertUnwindSafe(|| {
            BUFFERS.with(|b| {
                let mut a = b.borrow_mut();
                a.clear();
                std::mem::swap(&mut a.text, &mut doc.text);
                self.pipeline.analyze(&mut a);
                std::mem::swap(&mut a.text, &mut doc.text);
                a.claims.retain(|c| c.confidence >= self.min_confidence);
                // About 520 bytes a claim on news text: one allocation for most documents.
                let mut out = Vec::with_capacity(a.claims.len() * 600);
                self.renderer.render_claims(doc, &a.claims, &mut out);
                (a.claims.len(), out)
            })
        }));
        match result {
            Ok((claims, output)) => Outcome {
                id: doc.id.clone(),
                status: if doc.warnings.is_empty() {
                    Status::Ok
                } else {
                    Status::Warning
                },
                reason: (!doc.warnings.is_empty()).then(|| doc.warnings.join("; ")),
                bytes: doc.text.len(),
                claims,
                output,
            },
            Err(e) => {
                // The buffers may be half-written (and may hold the text):
                // start the next document fresh.
                BUFFERS.with(|b| {
                    let mut a = b.borrow_mut();
                    if doc.text.is_empty() {
                        std::mem::swap(&mut a.text, &mut doc.text);
                    }
                    *a = Doc::default();
                });
                Outcome {
                    id: doc.id.clone(),
                    status: Status::Failed,
                    reason: Some(format!(
                        "internal error while processing: {}",
                        panic_message(&*e)
                    )),
                    bytes: doc.text.len(),
                    claims: 0,
                    output: Vec::new(),
                }
            }
        }
    }

    fn outcome(&self, item: Item) -> Outcome {
        match item {
            Item::Doc(mut d) => self.process(&mut d),
            Item::Failed(f) => Outcome {
                id: f.id,
                status: Status::Failed,
                reason: Some(f.reason),
                bytes: f.bytes,
                claims: 0,
                output: Vec::new(),
            },
        }
    }

    /// Runs every item through the pipeline on the current rayon pool and
    /// hands the outcomes to `sink` in input order. Stops at the first
    /// error `sink` returns.
    pub fn run<I, F, E>(&self, items: I, mut sink: F) -> Result<(), E>
    where
        I: Iterator<Item = Item> + Send,
        F: FnMut(Outcome) -> Result<(), E>,
    {
        let mut items = items;
        let mut next = read_batch(&mut items, self.batch_docs, self.batch_bytes);
        while !next.is_empty() {
            let batch = std::mem::take(&mut next);
            let (outcomes, following) = rayon::join(
                || {
                    batch
                        .into_par_iter()
                        .map(|it| self.outcome(it))
                        .collect::<Vec<_>>()
                },
                || read_batch(&mut items, self.batch_docs, self.batch_bytes),
            );
            for o in outcomes {
                sink(o)?;
            }
            next = following;
        }
        Ok(())
    }
}
