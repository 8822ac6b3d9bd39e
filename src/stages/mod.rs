//! The stages of the pipeline, in the order they run: the files of this
//! folder are numbered in that order, and [`STAGES`] is the one list that
//! the pipeline, `whosaid bench` and the divan benchmarks run.
//!
//! Each stage is a function `run(&Resources, &mut Doc)`: it reads what the
//! stages before it added to the [`Doc`] and adds its own part, replacing
//! whatever that part held before, so running a stage twice gives the same
//! document. Each module's doc comment states what it reads, what it adds
//! and what it guarantees.

use crate::doc::Doc;
use crate::lexicon::Lexicons;

#[path = "1_scan.rs"]
mod scan;

#[path = "2_paragraphs.rs"]
mod paragraphs;

#[path = "3_quotes.rs"]
mod quotes;

#[path = "4_sentences.rs"]
mod sentences;

#[path = "5_cues.rs"]
mod cues;

#[path = "6_attribute/mod.rs"]
mod attribute;

#[path = "7_resolve.rs"]
mod resolve;

/// What the stages read besides the document: the word lists and the
/// automata compiled from them. Built once (a few milliseconds) and
/// shared by every thread.
pub struct Resources {
    lex: Lexicons,
    cues: cues::CueMatcher,
}

impl Resources {
    pub fn load() -> Self {
        let lex = Lexicons::load();
        let cues = cues::CueMatcher::new(&lex);
        Resources { lex, cues }
    }

    /// How many cue-lexicon entries occur in `bytes`: one pass of the cue
    /// automaton, no filtering (the cue part of the throughput floor).
    pub fn count_cues(&self, bytes: &[u8]) -> usize {
        self.cues.count(bytes)
    }
}

/// A stage: its name and its function.
#[derive(Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub run: fn(&Resources, &mut Doc),
}

/// Every stage, in run order.
pub const STAGES: &[Stage] = &[
    Stage {
        name: "scan",
        run: scan::run,
    },
    Stage {
        name: "paragraphs",
        run: paragraphs::run,
    },
    Stage {
        name: "quotes",
        run: quotes::run,
    },
    Stage {
        name: "sentences",
        run: sentences::run,
    },
    Stage {
        name: "cues",
        run: cues::run,
    },
    Stage {
        name: "attribute",
        run: attribute::run,
    },
    Stage {
        name: "resolve",
        run: resolve::run,
    },
];
