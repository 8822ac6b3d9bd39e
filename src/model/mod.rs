//! The trained attribution model: a linear-chain CRF that labels the
//! tokens of a paragraph as cue, source or content of an attribution
//! (begin/inside) or none, from the features of [`features`]. It is
//! trained by `whosaid train` ([`train`]) from BRAT gold annotations and
//! read by the model stage, which turns its labels into claims beside the
//! sieve's.
//!
//! The file format (little-endian): the magic `WHOSAID-CRF`, a format
//! version, a description of how the model was made, the word and suffix
//! tables, the size of each template, the emission weights (one row of
//! [`L`] per template value), the transition weights and the calibration
//! table. [`Model::default_model`] is the model trained on PolNeAR's train
//! split, embedded in the binary (`models/default.crf`).

pub mod crf;
pub mod features;
#[cfg(feature = "train")]
pub mod train;
pub mod vocab;

use crf::Transitions;
use features::{NT, Template};
use vocab::WordTable;

use crate::lexicon::Lexicons;

/// The labels, in their index order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Label {
    O,
    BeginCue,
    InCue,
    BeginSource,
    InSource,
    BeginContent,
    InContent,
}

/// The number of labels.
pub const L: usize = 7;

impl Label {
    pub const ALL: [Label; L] = [
        Label::O,
        Label::BeginCue,
        Label::InCue,
        Label::BeginSource,
        Label::InSource,
        Label::BeginContent,
        Label::InContent,
    ];

    pub fn from_index(i: u8) -> Label {
        Label::ALL[i as usize]
    }

    /// The part of an attribution the label marks, if any.
    pub fn part(self) -> Option<Part> {
        match self {
            Label::O => None,
            Label::BeginCue | Label::InCue => Some(Part::Cue),
            Label::BeginSource | Label::InSource => Some(Part::Source),
            Label::BeginContent | Label::InContent => Some(Part::Content),
        }
    }

    pub fn begins(self) -> bool {
        matches!(
            self,
            Label::BeginCue | Label::BeginSource | Label::BeginContent
        )
    }

    /// The label of `part`, beginning it or not.
    pub fn of(part: Part, begins: bool) -> Label {
        match (part, begins) {
            (Part::Cue, true) => Label::BeginCue,
            (Part::Cue, false) => Label::InCue,
            (Part::Source, true) => Label::BeginSource,
            (Part::Source, false) => Label::InSource,
            (Part::Content, true) => Label::BeginContent,
            (Part::Content, false) => Label::InContent,
        }
    }
}

/// A part of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Cue,
    Source,
    Content,
}

const MAGIC: &[u8] = b"WHOSAID-CRF";
const VERSION: u32 = 1;

/// A trained model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// How the model was made (command, data, settings).
    pub description: String,
    pub words: WordTable,
    pub suffixes: WordTable,
    /// Where each template's rows start in `weights`, in rows.
    offsets: [usize; NT],
    /// One row of [`L`] scores per template value.
    pub weights: Vec<f32>,
    pub transitions: Transitions,
    /// Claim scores (the model's probability) and the share of claims at
    /// or above each that were right in cross-validation: a rising step
    /// function from score to calibrated confidence.
    pub calibration: Vec<(f32, f32)>,
    /// The word class of each word id (0 for unknown), from the lexicons.
    word_classes: Vec<u8>,
}

/// Where each template's rows start, and the total number of rows.
fn layout(words: usize, suffixes: usize) -> ([usize; NT], usize) {
    let mut offsets = [0; NT];
    let mut at = 0;
    for (k, t) in Template::ALL.iter().enumerate() {
        offsets[k] = at;
        at += t.size(words, suffixes);
    }
    (offsets, at)
}

impl Model {
    /// A model with all weights zero, for the given tables.
    pub fn empty(
        description: String,
        words: WordTable,
        suffixes: WordTable,
        lex: &Lexicons,
    ) -> Self {
        let (offsets, rows) = layout(words.len(), suffixes.len());
        let mut m = Model {
            description,
            words,
            suffixes,
            offsets,
            weights: vec![0.0; rows * L],
            transitions: Transitions::default(),
            calibration: Vec::new(),
            word_classes: Vec::new(),
        };
        m.classify_words(lex);
        m
    }

    fn classify_words(&mut self, lex: &Lexicons) {
        self.word_classes = std::iter::once(0)
            .chain(
                self.words
                    .words()
                    .iter()
                    .map(|w| features::word_class(lex, w)),
            )
            .collect();
    }

    /// The model trained on PolNeAR's train split, shipped in the binary
    /// (none in a build whose `models/default.crf` is empty).
    pub fn default_model(lex: &Lexicons) -> Option<Self> {
        (!DEFAULT.is_empty())
            .then(|| Model::from_bytes(DEFAULT, lex).expect("the embedded model is valid"))
    }

    /// The tables the feature encoder reads.
    pub fn lookup<'a>(&'a self, lex: &'a Lexicons) -> features::Lookup<'a> {
        features::Lookup {
            words: &self.words,
            suffixes: &self.suffixes,
            word_classes: &self.word_classes,
            lex,
        }
    }

    /// Index of the first weight of template `t`'s value `v`.
    pub fn row(&self, t: usize, v: u32) -> usize {
        (self.offsets[t] + v as usize) * L
    }

    /// The emission scores (n × L) of tokens whose template values are
    /// `feats` (n × NT).
    pub fn emissions(&self, feats: &[u32], out: &mut Vec<f32>) {
        let n = feats.len() / NT;
        out.clear();
        out.resize(n * L, 0.0);
        for (i, f) in feats.chunks_exact(NT).enumerate() {
            let mut acc = [0f32; L];
            for (t, &v) in f.iter().enumerate() {
                let r = self.row(t, v);
                let w = &self.weights[r..r + L];
                for y in 0..L {
                    acc[y] += w[y];
                }
            }
            out[i * L..(i + 1) * L].copy_from_slice(&acc);
        }
    }

    /// The calibrated confidence of a claim the model scored `score`.
    pub fn calibrate(&self, score: f32) -> f32 {
        let k = self.calibration.partition_point(|&(s, _)| s <= score);
        match k {
            0 => self.calibration.first().map_or(score, |c| c.1),
            k => self.calibration[k - 1].1,
        }
    }

    /// The model as bytes, in the format [`Model::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, VERSION);
        put_str(&mut out, &self.description);
        for table in [&self.words, &self.suffixes] {
            put_u32(&mut out, table.len() as u32);
            for w in table.words() {
                put_str(&mut out, w);
            }
        }
        put_u32(&mut out, NT as u32);
        put_u32(&mut out, L as u32);
        put_u32(&mut out, self.weights.len() as u32);
        for &w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let t = &self.transitions;
        for &w in t.trans.iter().chain(&t.start).chain(&t.end) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        put_u32(&mut out, self.calibration.len() as u32);
        for &(s, p) in &self.calibration {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&p.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8], lex: &Lexicons) -> Result<Model, String> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a whosaid model (bad magic)".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!(
                "model format version {version}; this build reads version {VERSION}"
            ));
        }
        let description = r.string()?;
        let mut tables = Vec::new();
        for _ in 0..2 {
            let n = r.u32()? as usize;
            let mut words = Vec::with_capacity(n.min(1 << 20));
            for _ in 0..n {
                words.push(r.string()?);
            }
            tables.push(WordTable::new(words));
        }
        let suffixes = tables.pop().expect("two tables");
        let words = tables.pop().expect("two tables");
        let (nt, l) = (r.u32()? as usize, r.u32()? as usize);
        if nt != NT || l != L {
            return Err(format!(
                "model has {nt} templates and {l} labels; this build has {NT} and {L}"
            ));
        }
        let (offsets, rows) = layout(words.len(), suffixes.len());
        let n = r.u32()? as usize;
        if n != rows * L {
            return Err(format!(
                "model has {n} weights; its tables call for {}",
                rows * L
            ));
        }
        let mut weights = Vec::with_capacity(n);
        for _ in 0..n {
            weights.push(r.f32()?);
        }
        let mut t = Transitions::default();
        for w in t.trans.iter_mut().chain(&mut t.start).chain(&mut t.end) {
            *w = r.f32()?;
        }
        let nc = r.u32()? as usize;
        let mut calibration = Vec::with_capacity(nc.min(1 << 16));
        for _ in 0..nc {
            calibration.push((r.f32()?, r.f32()?));
        }
        if r.at != bytes.len() {
            return Err(format!("{} bytes after the model", bytes.len() - r.at));
        }
        let mut m = Model {
            description,
            words,
            suffixes,
            offsets,
            weights,
            transitions: t,
            calibration,
            word_classes: Vec::new(),
        };
        m.classify_words(lex);
        Ok(m)
    }
}

/// The default model's bytes.
static DEFAULT: &[u8] = include_bytes!("../../models/default.crf");

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("model file ends early (at byte {})", self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn string(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        let at = self.at;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| format!("model file has invalid text at byte {at}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_reads_back_what_it_wrote() {
        let lex = Lexicons::load();
        let mut m = Model::empty(
            "test".into(),
            WordTable::new(["said", "“"]),
            WordTable::new(["aid"]),
            &lex,
        );
        for (i, w) in m.weights.iter_mut().enumerate() {
            *w = i as f32 * 0.5;
        }
        m.transitions.trans[3] = -1.5;
        m.calibration = vec![(0.2, 0.3), (0.8, 0.9)];
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes, &lex), Ok(m.clone()));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1], &lex).is_err());
        assert!(Model::from_bytes(b"not a model", &lex).is_err());
        assert_eq!(m.calibrate(0.1), 0.3);
        assert_eq!(m.calibrate(0.5), 0.3);
        assert_eq!(m.calibrate(0.9), 0.9);
    }
}
