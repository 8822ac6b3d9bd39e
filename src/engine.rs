//! **engine** — runs the pipeline over a stream of documents.
//!
//! Reads: [`Item`]s from ingest. Produces: one [`Outcome`] per item, in
//! input order whatever the thread count, each with its claims as its
//! format's writer takes them (see [`Batch`]). Documents are processed in
//! bounded batches on the rayon pool while the next batch is read and the
//! previous one written, so
//! memory stays bounded by the batch size however large the corpus. Each worker thread reuses one set
//! of stage buffers. A panic inside one document is caught and reported as
//! that document's failure; the run goes on.

use crate::doc::{ClaimCueClass, Doc};
use crate::emit::{Batch, Renderer};
use crate::ingest::{Document, Item};
use crate::lang::text::{bytes_below, bytes_equal};
use crate::lexicon::Lang;
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
    /// The claims, rendered (or as records) for the writer.
    pub output: Batch,
    /// The language the text looks written in (ISO 639-3), for documents
    /// that gave no claim (a warning names a language whosaid has no lists
    /// for).
    pub language: Option<&'static str>,
    /// The document's text, when the engine was asked to keep it.
    pub text: Option<String>,
}

/// Settings of a run.
pub struct Engine<'a> {
    pub pipeline: &'a Pipeline,
    pub renderer: Renderer,
    /// Claims below this confidence are dropped.
    pub min_confidence: f32,
    /// Only claims whose `cue_class` is one of these are kept (none: all
    /// are; see [`ClaimCueClass::passes`]).
    pub classes: Vec<ClaimCueClass>,
    /// Documents per batch.
    pub batch_docs: usize,
    /// Bytes of text per batch.
    pub batch_bytes: usize,
    /// Hand each document's text back in its outcome.
    pub keep_text: bool,
    /// Hand each document's records back in its outcome, whatever the
    /// format (`extract --speakers`).
    pub keep_records: bool,
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

/// Replaces the characters no spreadsheet or XML file may hold (control
/// characters other than tab, line feed and carriage return; U+FFFE,
/// U+FFFF) by U+FFFD, one for one, so that code-point offsets stay the
/// same and every output format carries the same text. Returns how many
/// were replaced.
pub fn replace_controls(text: &mut String) -> usize {
    let bad_byte = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    let bad =
        |c: char| ((c as u32) < 0x20 && bad_byte(c as u8)) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
    let suspect_byte = |b: u8| bad_byte(b) || b == 0xEF;
    let mut words = text.as_bytes().chunks_exact(8);
    let suspect = words.any(|w| {
        let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        may_be_control(x) && w.iter().any(|&b| suspect_byte(b))
    }) || words.remainder().iter().any(|&b| suspect_byte(b));
    let suspect = suspect && text.contains(bad);
    if !suspect {
        return 0;
    }
    let n = text.chars().filter(|&c| bad(c)).count();
    *text = text
        .chars()
        .map(|c| if bad(c) { '\u{FFFD}' } else { c })
        .collect();
    n
}

/// Could one of the eight bytes of `x` be a control character or 0xEF?
/// (The classic SWAR tests "has a byte less than n" and "has a zero
/// byte"; never false when one is. Line ends make it true now and then:
/// the caller looks at those eight bytes one by one.)
fn may_be_control(x: u64) -> bool {
    (bytes_below(x, 0x20) | bytes_equal(x, 0xEF)) != 0
}

/// The language `text` looks written in, judged from its first few
/// thousand bytes, when the detector is sure of it.
fn language(text: &str) -> Option<&'static str> {
    let head = &text[..crate::lang::text::floor_boundary(text, 4096)];
    let info = whatlang::detect(head)?;
    info.is_reliable().then(|| info.lang().code())
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
            classes: Vec::new(),
            batch_docs: 512,
            batch_bytes: 32 << 20,
            keep_text: false,
            keep_records: false,
        }
    }

    /// Processes one document. Its text is lent to the worker's [`Doc`]
    /// for the stages (not copied) and is back in `doc` on return.
    pub fn process(&self, doc: &mut Document) -> Outcome {
        let (mut outcome, output) = self.process_with(doc, |doc, a| {
            let contexts = self
                .renderer
                .context
                .then(|| crate::emit::context_spans(&a.sentences, &a.claims));
            self.renderer
                .prepare(doc, &a.claims, contexts.as_deref(), self.keep_records)
        });
        outcome.output = output.unwrap_or_default();
        outcome
    }

    /// Processes one document as [`Engine::process`] does, but hands the
    /// analysed document (its claims above the confidence floor and of
    /// the classes asked for) to `emit`
    /// instead of the renderer: for callers that want the claims in
    /// another shape (the Python module builds dicts from
    /// [`crate::emit::records`]). `None` when the document failed.
    pub fn process_with<T>(
        &self,
        doc: &mut Document,
        emit: impl FnOnce(&Document, &Doc) -> T,
    ) -> (Outcome, Option<T>) {
        let controls = replace_controls(&mut doc.text);
        if controls > 0 {
            doc.warnings.push(format!(
                "{controls} control characters replaced by U+FFFD (offsets unchanged)"
            ));
        }
        let result = catch_unwind(AssertUnwindSafe(|| {
            BUFFERS.with(|b| {
                let mut a = b.borrow_mut();
                a.clear();
                std::mem::swap(&mut a.text, &mut doc.text);
                self.pipeline.analyze(&mut a);
                std::mem::swap(&mut a.text, &mut doc.text);
                a.claims.retain(|c| {
                    c.confidence >= self.min_confidence
                        && ClaimCueClass::passes(&self.classes, c.cue_class)
                });
                (a.claims.len(), a.lang, emit(doc, &a))
            })
        }));
        match result {
            Ok((claims, lang, emitted)) => (
                Outcome {
                    // A document told to be in another language whosaid
                    // reads is that language; the general detector looks
                    // only at the others (an English one may be none).
                    language: (claims == 0)
                        .then(|| match (self.pipeline.lang(), lang) {
                            (None, l) if l != Lang::En => Some(l.code3()),
                            _ => language(&doc.text),
                        })
                        .flatten(),
                    text: self.keep_text.then(|| doc.text.clone()),
                    id: doc.id.clone(),
                    status: if doc.warnings.is_empty() {
                        Status::Ok
                    } else {
                        Status::Warning
                    },
                    reason: (!doc.warnings.is_empty()).then(|| doc.warnings.join("; ")),
                    bytes: doc.text.len(),
                    claims,
                    output: Batch::default(),
                },
                Some(emitted),
            ),
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
                (
                    Outcome {
                        id: doc.id.clone(),
                        status: Status::Failed,
                        reason: Some(format!(
                            "internal error while processing: {}",
                            panic_message(&*e)
                        )),
                        bytes: doc.text.len(),
                        claims: 0,
                        output: Batch::default(),
                        language: None,
                        text: None,
                    },
                    None,
                )
            }
        }
    }

    fn outcome(&self, item: Item) -> Outcome {
        match item {
            Item::Doc(mut d) => self.process(&mut d),
            Item::Failed(f) => Outcome {
                id: f.id,
                status: Status::Failed,
                reason: Some(f.reason.to_string()),
                bytes: f.bytes,
                claims: 0,
                output: Batch::default(),
                language: None,
                text: None,
            },
        }
    }

    /// Runs every item through the pipeline on the current rayon pool and
    /// hands the outcomes to `sink` in input order. Stops at the first
    /// error `sink` returns (once the batch then being processed is done).
    ///
    /// Three batches are in flight: while the pool processes one and reads
    /// the next, this thread hands the previous one's outcomes to `sink`
    /// (the writer), so that writing is not a serial step between batches
    /// that leaves the other threads idle.
    pub fn run<I, F, E>(&self, items: I, mut sink: F) -> Result<(), E>
    where
        I: Iterator<Item = Item> + Send,
        F: FnMut(Outcome) -> Result<(), E>,
    {
        let mut items = items;
        let mut next = read_batch(&mut items, self.batch_docs, self.batch_bytes);
        let mut done: Vec<Outcome> = Vec::new();
        while !next.is_empty() || !done.is_empty() {
            let batch = std::mem::take(&mut next);
            let mut processed = Vec::new();
            let mut handed = Ok(());
            let (processed_ref, next_ref, items_ref) = (&mut processed, &mut next, &mut items);
            rayon::in_place_scope(|s| {
                if !batch.is_empty() {
                    s.spawn(move |_| {
                        let (outcomes, following) = rayon::join(
                            || {
                                batch
                                    .into_par_iter()
                                    .map(|it| self.outcome(it))
                                    .collect::<Vec<_>>()
                            },
                            || read_batch(items_ref, self.batch_docs, self.batch_bytes),
                        );
                        *processed_ref = outcomes;
                        *next_ref = following;
                    });
                }
                // Meanwhile, on this thread (the sink need not be Send).
                handed = done.drain(..).try_for_each(&mut sink);
            });
            handed?;
            done = processed;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::Format;
    use crate::ingest::Failure;

    fn engine(p: &Pipeline) -> Engine<'_> {
        let mut e = Engine::new(
            p,
            Renderer {
                format: Format::Jsonl,
                meta_columns: Vec::new(),
                guard: true,
                context: false,
            },
        );
        // Small batches, so that a run crosses several of them.
        e.batch_docs = 3;
        e
    }

    fn doc(i: usize) -> Item {
        // Documents of different lengths, so that threads finish out of
        // order.
        let text = "\"We will win,\" Jane Roe said. ".repeat(1 + (i * 7) % 23);
        Item::Doc(Document::new(format!("d{i}"), text))
    }

    fn run(e: &Engine, items: Vec<Item>, threads: usize) -> Vec<Outcome> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut out = Vec::new();
        pool.install(|| {
            e.run(items.into_iter(), |o| -> Result<(), ()> {
                out.push(o);
                Ok(())
            })
        })
        .unwrap();
        out
    }

    #[test]
    fn control_test_agrees_with_bytes() {
        for v in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abc, d;x";
                bytes[at] = v;
                let want = v < 0x20 || v == 0xEF;
                assert_eq!(may_be_control(u64::from_le_bytes(bytes)), want, "{v:#x}");
            }
        }
        let mut t = "a\u{1}b\tc\u{FFFE}d ".repeat(3);
        assert_eq!(replace_controls(&mut t), 6);
        assert_eq!(t, "a\u{FFFD}b\tc\u{FFFD}d ".repeat(3));
    }

    #[test]
    fn outcomes_come_in_input_order_whatever_the_threads() {
        let p = Pipeline::new();
        let e = engine(&p);
        let ids = |outs: &[Outcome]| outs.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
        let one = run(&e, (0..40).map(doc).collect(), 1);
        let two = run(&e, (0..40).map(doc).collect(), 2);
        let want: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
        assert_eq!(ids(&one), want);
        assert_eq!(ids(&two), want);
        let outputs = |outs: &[Outcome]| {
            outs.iter()
                .map(|o| o.output.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(outputs(&one), outputs(&two));
        assert!(one.iter().all(|o| o.status == Status::Ok && o.claims > 0));
    }

    #[test]
    fn a_failed_input_is_an_outcome_and_the_run_goes_on() {
        let p = Pipeline::new();
        let e = engine(&p);
        let items = vec![
            doc(0),
            Item::Failed(Failure {
                id: "broken".into(),
                reason: crate::error::Error::new(crate::error::ErrorKind::Decode, "binary content"),
                bytes: 9,
            }),
            doc(1),
        ];
        let outs = run(&e, items, 2);
        let status: Vec<Status> = outs.iter().map(|o| o.status).collect();
        assert_eq!(status, [Status::Ok, Status::Failed, Status::Ok]);
        assert_eq!(outs[1].reason.as_deref(), Some("binary content"));
        assert!(outs[1].output.text.is_empty());
    }

    #[test]
    fn warnings_are_kept_and_low_confidence_claims_dropped() {
        let p = Pipeline::new();
        let mut e = engine(&p);
        let text = "\"We will win,\" Jane Roe said. Rates will rise, said Ana Ruiz.";
        let mut d = Document::new("w", text);
        d.warnings.push("read as Windows-1252".into());
        let all = e.process(&mut d.clone());
        assert_eq!(all.status, Status::Warning);
        assert_eq!(all.reason.as_deref(), Some("read as Windows-1252"));
        assert_eq!(all.claims, 2);
        e.min_confidence = 0.9;
        let kept = e.process(&mut d);
        assert_eq!(kept.claims, 1, "content_cue_speaker is below 0.9");
        assert_eq!(d.text, text, "the text is back in the document");
    }
}
