//! The stages of the pipeline, in the order they run: the files of this
//! folder are numbered in that order, and [`STAGES`] is the one list that
//! the pipeline, `whosaid bench` and the divan benchmarks run.
//!
//! Each stage is a function `run(&Resources, &mut Doc)`: it reads what the
//! stages before it added to the [`Doc`] and adds its own part, replacing
//! whatever that part held before, so running a stage twice gives the same
//! document (a stage that rewrites what an earlier one made, such as the
//! claims, reads the earlier one's field and writes its own: the sieve
//! fills `rule_claims`, the model stage `merged`, the finish stage
//! `finished`, the resolve stage `claims`). Each module's doc comment states what it reads, what it
//! adds and what it guarantees.

use crate::doc::Doc;
use crate::lexicon::{Lang, Lexicons};
use crate::model::Model;

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

#[path = "6_features.rs"]
mod features;

#[path = "7_attribute/mod.rs"]
mod attribute;

#[path = "8_model/mod.rs"]
mod model;

#[path = "9_finish.rs"]
mod finish;

#[path = "10_resolve/mod.rs"]
mod resolve;

/// What the stages read besides the document: the word lists and the
/// automata compiled from them, and a trained model per language. Built
/// once (a few milliseconds) and shared by every thread.
pub struct Resources {
    /// Per language (by [`Lang::index`]): its word lists.
    lex: [&'static Lexicons; Lang::ALL.len()],
    /// Per language: the cue automaton built from its lists.
    cues: [cues::CueMatcher; Lang::ALL.len()],
    /// Per language: its trained model; without one the model stage
    /// does nothing for that language's documents.
    models: [Option<Model>; Lang::ALL.len()],
}

impl Resources {
    /// The word lists and the shipped models (English and German).
    pub fn load() -> Self {
        let mut r = Resources::rules_only();
        for lang in Lang::ALL {
            r.models[lang.index()] = Model::default_model(lang, r.lex[lang.index()]);
        }
        r
    }

    /// The word lists and no model: the sieve alone.
    pub fn rules_only() -> Self {
        Resources {
            lex: Lang::ALL.map(Lexicons::of),
            cues: Lang::ALL.map(|l| cues::CueMatcher::new(Lexicons::of(l))),
            models: Lang::ALL.map(|_| None),
        }
    }

    /// The word lists, the shipped models, and the model in `bytes` (a
    /// file `whosaid train` wrote) in place of the shipped one of its
    /// language.
    pub fn with_model(bytes: &[u8]) -> Result<Self, crate::error::Error> {
        let lang = Model::language_of(bytes)?;
        let mut r = Resources::load();
        r.models[lang.index()] = Some(Model::from_bytes(bytes, r.lex[lang.index()])?);
        Ok(r)
    }

    /// The word lists and `model` for its language, no other model (a
    /// model being measured on its own language's documents).
    pub fn with_loaded_model(model: Model) -> Self {
        let mut r = Resources::rules_only();
        let lang = model.lang;
        r.models[lang.index()] = Some(model);
        r
    }

    /// The model of `lang`, if any.
    pub fn model(&self, lang: Lang) -> Option<&Model> {
        self.models[lang.index()].as_ref()
    }

    /// The models of every language that has one.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.models.iter().flatten()
    }

    /// Whether any language has a model.
    pub fn has_model(&self) -> bool {
        self.models.iter().any(Option::is_some)
    }

    /// The word lists of `doc`'s language.
    pub(crate) fn lex(&self, doc: &Doc) -> &'static Lexicons {
        self.lex[doc.lang.index()]
    }

    /// The cue automaton of `doc`'s language.
    fn cues(&self, doc: &Doc) -> &cues::CueMatcher {
        &self.cues[doc.lang.index()]
    }

    /// The word lists of `lang` (training reads those of its gold's
    /// language).
    pub fn lexicons(&self, lang: Lang) -> &'static Lexicons {
        self.lex[lang.index()]
    }

    /// How many cue-lexicon entries of `lang` occur in `bytes`: one pass
    /// of the cue automaton, no filtering (the cue part of the throughput
    /// floor).
    pub fn count_cues(&self, lang: Lang, bytes: &[u8]) -> usize {
        self.cues[lang.index()].count(bytes)
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
        name: "features",
        run: features::run,
    },
    Stage {
        name: "attribute",
        run: attribute::run,
    },
    Stage {
        name: "model",
        run: model::run,
    },
    Stage {
        name: "finish",
        run: finish::run,
    },
    Stage {
        name: "resolve",
        run: resolve::run,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything the stages add to a document, for comparison.
    fn added(doc: &Doc) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            doc.marks,
            doc.paragraphs,
            doc.quotes,
            doc.sentences,
            doc.cues,
            doc.tokens,
            doc.rule_claims,
            doc.merged,
            doc.finished,
            doc.claims,
            doc.text,
        )
    }

    #[test]
    fn a_stage_run_again_leaves_the_document_as_it_was() {
        let text = "WASHINGTON — Sen. Jane Roe said Tuesday that the bill was \"a disgrace\" \
                    and called it late, adding that she would vote no.\n\n\
                    \"We will not stop,\" Roe told reporters. \"Not now.\"\n\n\
                    \"The vote is Friday.\"\n\n\
                    The plan is expected to pass, according to aides, who seemed to agree.";
        for res in [Resources::load(), Resources::rules_only()] {
            let mut doc = Doc::new(text);
            for stage in STAGES {
                (stage.run)(&res, &mut doc);
            }
            assert!(!doc.claims.is_empty());
            let once = added(&doc);
            for stage in STAGES {
                (stage.run)(&res, &mut doc);
                assert_eq!(added(&doc), once, "stage {} run again", stage.name);
            }
        }
    }
}
