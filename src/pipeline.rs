//! The pipeline: every stage's resources, built once, and the run of
//! [`STAGES`] over one document.

use crate::doc::{Claim, Doc};
use crate::lexicon::Lang;
use crate::stages::{Resources, STAGES};

/// Everything the stages need that is built once and shared by all
/// threads: word lists and the cue automaton. Costs a few milliseconds to
/// build: build one and share it.
pub struct Pipeline {
    res: Resources,
    /// The language every document is read as; `None`: each document's
    /// own, told by `lang::detect`.
    lang: Option<Lang>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// The sieve and the default model.
    pub fn new() -> Self {
        Pipeline {
            res: Resources::load(),
            lang: None,
        }
    }

    /// The sieve alone, no trained model.
    pub fn rules_only() -> Self {
        Pipeline {
            res: Resources::rules_only(),
            lang: None,
        }
    }

    /// The sieve and the model in `bytes` (a file `whosaid train` wrote).
    pub fn with_model(bytes: &[u8]) -> Result<Self, crate::error::Error> {
        Ok(Pipeline {
            res: Resources::with_model(bytes)?,
            lang: None,
        })
    }

    /// The sieve and `model`.
    pub fn with_loaded_model(model: crate::model::Model) -> Self {
        Pipeline {
            res: Resources::with_loaded_model(model),
            lang: None,
        }
    }

    /// The pipeline reading every document as `lang` (`None`: as the
    /// language each looks written in, the default).
    pub fn with_lang(mut self, lang: Option<Lang>) -> Self {
        self.lang = lang;
        self
    }

    /// The language every document is read as, if one was set.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// What the stages read besides the document.
    pub fn resources(&self) -> &Resources {
        &self.res
    }

    /// Runs all stages on `text` and returns the claims in order of first
    /// content offset.
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        let mut doc = Doc::new(text);
        self.analyze(&mut doc);
        doc.claims
    }

    /// Runs every stage, in order, on `doc` (whose text is set), in the
    /// pipeline's language or the one the text looks written in.
    pub fn analyze(&self, doc: &mut Doc) {
        let lang = self
            .lang
            .unwrap_or_else(|| crate::lang::detect::detect(&doc.text));
        self.analyze_in(doc, lang);
    }

    /// Runs every stage on `doc` read as `lang`.
    pub fn analyze_in(&self, doc: &mut Doc, lang: Lang) {
        doc.lang = lang;
        for stage in STAGES {
            (stage.run)(&self.res, doc);
        }
    }
}
