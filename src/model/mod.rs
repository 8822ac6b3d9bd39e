//! The trained attribution model: a linear-chain CRF that labels the
//! tokens of a paragraph as cue, source or content of an attribution
//! (begin/inside) or none, from the features of [`features`]. It is
//! trained by `whosaid train` (the `train` module, behind the `train` feature) from BRAT gold annotations and
//! run over a document by [`decode`], whose labelled stretches the model
//! stage turns into claims beside the sieve's.
//!
//! The file format (little-endian): the magic `WHOSAID-CRF`, a format
//! version, a description of how the model was made, (from version 2)
//! the code of the language it reads (version 1 files read English), the word and suffix
//! tables, the size of each template, the emission weights (one row of
//! [`L`] per template value), the transition weights, the cue bias of
//! decoding, the calibration table and, optionally, each row's evidence
//! (the training tokens it fired on, which adapting reads; a file may end
//! before it). [`Model::default_model`] is the
//! shipped model of a language, embedded in the binary: English trained
//! on PolNeAR's train split (`models/default.crf`), German on German
//! Wikinews' (`models/de.crf`, CC BY-NC-SA 4.0 as its data).

pub mod crf;
pub mod decode;
pub mod features;
#[cfg(feature = "train")]
pub mod train;
pub mod vocab;

use std::ops::Range;

use crf::{Row, Transitions};
use features::{
    BEYOND, DocInputs, NT, P_CLASS, P_CUE, P_FACTS, P_POSITION, P_QUOTE, P_RULE, P_SHAPE, Template,
};
use vocab::WordTable;

use crate::error::{Error, ErrorKind, Position};
use crate::lexicon::{Lang, Lexicons};

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

/// The word templates come first: word, before, after, two before, two
/// after.
pub(crate) const WORD_TEMPLATES: usize = 5;

/// Weights are held in rows of `STRIDE` floats (the labels, then zero),
/// so that adding a row is one vector operation.
pub const STRIDE: usize = 8;

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
/// The format written; version 1 (no language: English) is read too.
const VERSION: u32 = 2;

/// A trained model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// How the model was made (command, data, settings).
    pub description: String,
    /// The language of the text it was trained on: the documents it reads.
    pub lang: Lang,
    pub words: WordTable,
    pub suffixes: WordTable,
    /// Where each template's rows start in `weights`, in rows.
    offsets: [usize; NT],
    /// One row of [`STRIDE`] scores per template value (the [`L`] labels'
    /// scores, then zero).
    pub weights: Vec<f32>,
    pub transitions: Transitions,
    /// Added to the score of beginning a cue at every token when decoding.
    pub cue_bias: f32,
    /// Claim scores (the model's probability) and the share of claims at
    /// or above each that were right in cross-validation: a rising step
    /// function from score to calibrated confidence.
    pub calibration: Vec<(f32, f32)>,
    /// How many training tokens each row of `weights` fired on (its
    /// template value seen), for holding an adapted model near this one
    /// where this one's data was plentiful; empty for a model written
    /// before models kept it.
    pub evidence: Vec<u32>,
    /// The word class of each word id (0 for unknown), from the lexicons.
    word_classes: Vec<u8>,
    /// The suffix id of each word id.
    word_suffixes: Vec<u32>,
    /// The rows of the word templates by word id: for each word, its rows
    /// as the word, the word before, after, two before and two after.
    by_word: Vec<Row>,
    /// The rows of the suffix template, by suffix id.
    by_suffix: Vec<Row>,
    /// The rows of the templates whose values are bytes (shape to bias),
    /// by template (from [`FIRST_BYTE_TEMPLATE`]) and value, so that a
    /// byte indexes them with no bounds check; rows past a template's
    /// size are zero and never read (a value is always within its size).
    by_byte: Box<[[Row; 256]; BYTE_TEMPLATES]>,
}

/// The first template whose values are bytes, and their number (to the
/// last, the bias).
const FIRST_BYTE_TEMPLATE: usize = Template::Shape as usize;
const BYTE_TEMPLATES: usize = NT - FIRST_BYTE_TEMPLATE;

/// A zero [`Model::by_byte`].
fn zero_by_byte() -> Box<[[Row; 256]; BYTE_TEMPLATES]> {
    vec![[[0f32; STRIDE]; 256]; BYTE_TEMPLATES]
        .into_boxed_slice()
        .try_into()
        .expect("BYTE_TEMPLATES tables")
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
        lang: Lang,
        words: WordTable,
        suffixes: WordTable,
        lex: &Lexicons,
    ) -> Self {
        let (offsets, rows) = layout(words.len(), suffixes.len());
        let mut m = Model {
            description,
            lang,
            words,
            suffixes,
            offsets,
            weights: vec![0.0; rows * STRIDE],
            transitions: Transitions::default(),
            cue_bias: 0.0,
            calibration: Vec::new(),
            evidence: Vec::new(),
            word_classes: Vec::new(),
            word_suffixes: Vec::new(),
            by_word: Vec::new(),
            by_suffix: Vec::new(),
            by_byte: zero_by_byte(),
        };
        m.classify_words(lex);
        m.arrange_by_word();
        m
    }

    /// What each known word's features are that depend on the word alone:
    /// its class and its suffix.
    fn classify_words(&mut self, lex: &Lexicons) {
        self.word_classes = std::iter::once(0)
            .chain(
                self.words
                    .words()
                    .iter()
                    .map(|w| features::word_class(lex, w)),
            )
            .collect();
        self.word_suffixes = std::iter::once(0)
            .chain(
                self.words
                    .words()
                    .iter()
                    .map(|w| features::suffix(w).map_or(0, |s| self.suffixes.id_of_normalised(s))),
            )
            .collect();
    }

    /// The shipped model of `lang`, embedded in the binary (none in a
    /// build whose model file for it is empty). `lex` is `lang`'s lists.
    pub fn default_model(lang: Lang, lex: &Lexicons) -> Option<Self> {
        let bytes = match lang {
            Lang::En => DEFAULT,
            Lang::De => DEFAULT_DE,
        };
        (!bytes.is_empty()).then(|| {
            let m = Model::from_bytes(bytes, lex).expect("the embedded model is valid");
            assert_eq!(
                m.lang, lang,
                "the embedded model of {lang:?} reads its language"
            );
            m
        })
    }

    /// The language of the model in `bytes`, read from its header (the
    /// rest is not checked: [`Model::from_bytes`] does that).
    pub fn language_of(bytes: &[u8]) -> Result<Lang, Error> {
        let mut r = Reader { b: bytes, at: 0 };
        let (_, lang) = r.header()?;
        Ok(lang)
    }

    /// The tables the feature encoder reads.
    pub fn lookup<'a>(&'a self, lex: &'a Lexicons) -> features::Lookup<'a> {
        features::Lookup {
            words: &self.words,
            suffixes: &self.suffixes,
            word_classes: &self.word_classes,
            word_suffixes: &self.word_suffixes,
            lex,
        }
    }

    /// Index of the first weight of template `t`'s value `v`.
    #[inline]
    pub fn row(&self, t: usize, v: u32) -> usize {
        (self.offsets[t] + v as usize) * STRIDE
    }

    /// The emission scores (n × L) of tokens whose template values are
    /// `feats` (n × NT).
    ///
    /// The same sum as [`Model::emissions_with`], arranged for speed: the
    /// five word templates' rows of a word are read together from
    /// `Model::by_word` and added to the token and its neighbours.
    pub fn emissions(&self, feats: &[u32], out: &mut Vec<f32>) {
        let n = feats.len() / NT;
        let mut acc = vec![[0f32; STRIDE]; n];
        let add = |a: &mut [f32; STRIDE], w: &[f32]| {
            let w: &[f32; STRIDE] = w.try_into().expect("a row");
            for y in 0..STRIDE {
                a[y] += w[y];
            }
        };
        let block = |v: u32| {
            let b = v as usize * WORD_TEMPLATES;
            &self.by_word[b..b + WORD_TEMPLATES]
        };
        fn row(b: &[Row], k: usize) -> &[f32] {
            &b[k]
        }
        // Word templates, by word: token i's word is word-before of i + 1,
        // word-after of i - 1, and so on.
        for i in 0..n {
            let b = block(feats[i * NT + Template::Word as usize]);
            add(&mut acc[i], row(b, 0));
            if i + 1 < n {
                add(&mut acc[i + 1], row(b, 1));
            }
            if i >= 1 {
                add(&mut acc[i - 1], row(b, 2));
            }
            if i + 2 < n {
                add(&mut acc[i + 2], row(b, 3));
            }
            if i >= 2 {
                add(&mut acc[i - 2], row(b, 4));
            }
        }
        // Beyond the sequence's ends.
        let beyond = block(self.words.len() as u32 + 1);
        for (i, a) in acc.iter_mut().enumerate().take(2) {
            if i == 0 {
                add(a, row(beyond, 1));
            }
            add(a, row(beyond, 3));
        }
        for (i, a) in acc.iter_mut().enumerate().skip(n.saturating_sub(2)) {
            if i + 1 == n {
                add(a, row(beyond, 2));
            }
            add(a, row(beyond, 4));
        }
        // The other templates, token by token.
        for (i, f) in feats.chunks_exact(NT).enumerate() {
            for (t, &v) in f.iter().enumerate().skip(WORD_TEMPLATES) {
                let r = self.row(t, v);
                add(&mut acc[i], &self.weights[r..r + STRIDE]);
            }
        }
        out.clear();
        out.extend(acc.iter().flat_map(|a| a[..L].iter().copied()));
    }

    /// Rebuilds [`Model::by_word`], [`Model::by_suffix`] and
    /// [`Model::by_byte`] from the weights.
    fn arrange_by_word(&mut self) {
        let row_at = |r: usize| -> Row {
            self.weights[r..r + STRIDE]
                .try_into()
                .expect("a row of STRIDE weights")
        };
        let words = self.words.len() + 2;
        let mut by_word = Vec::with_capacity(words * WORD_TEMPLATES);
        for v in 0..words {
            for k in 0..WORD_TEMPLATES {
                by_word.push(row_at(self.row(k, v as u32)));
            }
        }
        let suffixes = Template::Suffix.size(self.words.len(), self.suffixes.len());
        let by_suffix = (0..suffixes)
            .map(|v| row_at(self.row(Template::Suffix as usize, v as u32)))
            .collect();
        let mut by_byte = zero_by_byte();
        for (k, table) in by_byte.iter_mut().enumerate() {
            let t = Template::ALL[FIRST_BYTE_TEMPLATE + k];
            let size = t.size(self.words.len(), self.suffixes.len()).min(256);
            for (v, r) in table.iter_mut().enumerate().take(size) {
                *r = row_at(self.row(t as usize, v as u32));
            }
        }
        self.by_word = by_word;
        self.by_suffix = by_suffix;
        self.by_byte = by_byte;
    }

    /// The emission scores of tokens `range` of the document whose inputs are `inp`, one [`Row`] per
    /// token (the [`L`] labels' scores, then zero), into `out`; `inp` are
    /// the document's inputs. The values of the templates are those
    /// [`features::encode`] gives (a neighbour outside `range` is beyond
    /// the sequence), read from `inp` as they are needed, and each
    /// token's rows are added in the order [`Model::emissions`] adds
    /// them, so that the sums are the same to the bit: the word rows of
    /// the tokens two before to two after, then those of beyond the
    /// sequence's ends, then the other templates in template order.
    #[inline(always)]
    pub fn emissions_of(&self, inp: &DocInputs, range: Range<usize>, out: &mut Vec<Row>) {
        out.clear();
        let (lo, hi) = (range.start, range.end);
        let n = hi - lo;
        let words = &inp.words[lo..hi];
        let word = |v: u32, k: usize| &self.by_word[v as usize * WORD_TEMPLATES + k];
        let beyond = self.words.len() as u32 + 1;
        let by_byte = &*self.by_byte;
        let toks = &inp.packed[lo..hi];
        let add = |a: &mut Row, r: &Row| {
            for y in 0..STRIDE {
                a[y] += r[y];
            }
        };
        for j in 0..n {
            let i = lo + j;
            let mut a = [0f32; STRIDE];
            if j >= 2 {
                add(&mut a, word(words[j - 2], 3));
            }
            if j >= 1 {
                add(&mut a, word(words[j - 1], 1));
            }
            add(&mut a, word(words[j], 0));
            if j + 1 < n {
                add(&mut a, word(words[j + 1], 2));
            }
            if j + 2 < n {
                add(&mut a, word(words[j + 2], 4));
            }
            if j == 0 {
                add(&mut a, word(beyond, 1));
            }
            if j < 2 {
                add(&mut a, word(beyond, 3));
            }
            if j + 1 == n {
                add(&mut a, word(beyond, 2));
            }
            if j + 2 >= n {
                add(&mut a, word(beyond, 4));
            }
            let cur = &toks[j];
            let prev = if j >= 1 { &toks[j - 1] } else { &BEYOND };
            let next = if j + 1 < n { &toks[j + 1] } else { &BEYOND };
            add(&mut a, &self.by_suffix[inp.suffixes[i] as usize]);
            let mut add_rest = |t: Template, v: u8| {
                add(
                    &mut a,
                    &by_byte[t as usize - FIRST_BYTE_TEMPLATE][v as usize],
                );
            };
            add_rest(Template::Shape, cur[P_SHAPE]);
            add_rest(Template::ShapeBefore, prev[P_SHAPE]);
            add_rest(Template::ShapeAfter, next[P_SHAPE]);
            add_rest(Template::Class, cur[P_CLASS]);
            add_rest(Template::ClassBefore, prev[P_CLASS]);
            add_rest(Template::ClassAfter, next[P_CLASS]);
            add_rest(Template::Cue, cur[P_CUE]);
            add_rest(Template::CueBefore, prev[P_CUE]);
            add_rest(Template::CueAfter, next[P_CUE]);
            add_rest(Template::Quote, cur[P_QUOTE]);
            add_rest(Template::Position, cur[P_POSITION]);
            add_rest(Template::Rule, cur[P_RULE]);
            add_rest(Template::RuleBefore, prev[P_RULE]);
            add_rest(Template::RuleAfter, next[P_RULE]);
            add_rest(Template::Sentence, cur[P_FACTS]);
            add_rest(Template::Bias, 0);
            out.push(a);
        }
    }

    /// Sets the weights (emission rows, then transitions and start and
    /// end scores) after training.
    pub fn set_weights(&mut self, emission: Vec<f32>, transitions: Transitions) {
        self.weights = emission;
        self.transitions = transitions;
        self.arrange_by_word();
    }

    /// [`Model::emissions`] with other weights of the same layout (for
    /// training).
    pub fn emissions_with(&self, weights: &[f32], feats: &[u32], out: &mut Vec<f32>) {
        let n = feats.len() / NT;
        out.clear();
        out.resize(n * L, 0.0);
        for (i, f) in feats.chunks_exact(NT).enumerate() {
            let mut acc = [0f32; STRIDE];
            for (t, &v) in f.iter().enumerate() {
                let r = self.row(t, v);
                let w: &[f32; STRIDE] = weights[r..r + STRIDE].try_into().expect("a row");
                for y in 0..STRIDE {
                    acc[y] += w[y];
                }
            }
            out[i * L..(i + 1) * L].copy_from_slice(&acc[..L]);
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
        put_str(&mut out, self.lang.code());
        for table in [&self.words, &self.suffixes] {
            put_u32(&mut out, table.len() as u32);
            for w in table.words() {
                put_str(&mut out, w);
            }
        }
        put_u32(&mut out, NT as u32);
        put_u32(&mut out, L as u32);
        put_u32(&mut out, (self.weights.len() / STRIDE * L) as u32);
        for row in self.weights.chunks_exact(STRIDE) {
            for &w in &row[..L] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let t = &self.transitions;
        for &w in t.trans.iter().chain(&t.start).chain(&t.end) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.cue_bias.to_le_bytes());
        put_u32(&mut out, self.calibration.len() as u32);
        for &(s, p) in &self.calibration {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&p.to_le_bytes());
        }
        // Optional, last: a model without it reads as before.
        if !self.evidence.is_empty() {
            put_u32(&mut out, self.evidence.len() as u32);
            for &n in &self.evidence {
                put_u32(&mut out, n);
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8], lex: &Lexicons) -> Result<Model, Error> {
        let mut r = Reader { b: bytes, at: 0 };
        let (description, lang) = r.header()?;
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
            return Err(bad_model(format!(
                "model has {nt} templates and {l} labels; this build has {NT} and {L}"
            )));
        }
        let (offsets, rows) = layout(words.len(), suffixes.len());
        let n = r.u32()? as usize;
        if n != rows * L {
            return Err(bad_model(format!(
                "model has {n} weights; its tables call for {}",
                rows * L
            )));
        }
        let mut weights = Vec::with_capacity(rows * STRIDE);
        for _ in 0..rows {
            for _ in 0..L {
                weights.push(r.f32()?);
            }
            weights.extend([0.0; STRIDE - L]);
        }
        let mut t = Transitions::default();
        for w in t.trans.iter_mut().chain(&mut t.start).chain(&mut t.end) {
            *w = r.f32()?;
        }
        let cue_bias = r.f32()?;
        let nc = r.u32()? as usize;
        let mut calibration = Vec::with_capacity(nc.min(1 << 16));
        for _ in 0..nc {
            calibration.push((r.f32()?, r.f32()?));
        }
        let mut evidence = Vec::new();
        if r.at < bytes.len() {
            let n = r.u32()? as usize;
            if n != rows {
                return Err(bad_model(format!(
                    "model has evidence for {n} rows; its tables call for {rows}"
                )));
            }
            evidence.reserve(n);
            for _ in 0..n {
                evidence.push(r.u32()?);
            }
        }
        if r.at != bytes.len() {
            return Err(bad_model(format!(
                "{} bytes after the model",
                bytes.len() - r.at
            )));
        }
        let mut m = Model {
            description,
            lang,
            words,
            suffixes,
            offsets,
            weights,
            transitions: t,
            cue_bias,
            calibration,
            evidence,
            word_classes: Vec::new(),
            word_suffixes: Vec::new(),
            by_word: Vec::new(),
            by_suffix: Vec::new(),
            by_byte: zero_by_byte(),
        };
        m.classify_words(lex);
        m.arrange_by_word();
        Ok(m)
    }
}

/// The shipped models' bytes: English, German.
static DEFAULT: &[u8] = include_bytes!("../../models/default.crf");
static DEFAULT_DE: &[u8] = include_bytes!("../../models/de.crf");

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn bad_model(message: String) -> Error {
    Error::new(ErrorKind::Model, message)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| self.bad("model file ends early", self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    /// The error `message` about the model's bytes at `at`.
    fn bad(&self, message: &str, at: usize) -> Error {
        bad_model(message.into()).at_position(Position::Byte(at as u64))
    }

    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    /// The magic, the version, the description and the language.
    fn header(&mut self) -> Result<(String, Lang), Error> {
        if self.take(MAGIC.len())? != MAGIC {
            return Err(bad_model("not a whosaid model (bad magic)".into()));
        }
        let version = self.u32()?;
        if !(1..=VERSION).contains(&version) {
            return Err(bad_model(format!(
                "model format version {version}; this build reads versions 1 to {VERSION}"
            )));
        }
        let description = self.string()?;
        let lang = if version == 1 {
            Lang::En
        } else {
            let at = self.at;
            let code = self.string()?;
            Lang::from_code(&code).ok_or_else(|| {
                self.bad(
                    &format!(
                        "the model reads language {code:?}, which this build has no lists for"
                    ),
                    at,
                )
            })?
        };
        Ok((description, lang))
    }

    fn string(&mut self) -> Result<String, Error> {
        let n = self.u32()? as usize;
        let at = self.at;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|e| self.bad("model file has invalid text", at).with_source(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emissions_by_word_are_the_template_sum() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let mut m = Model::empty(
            "test".into(),
            Lang::En,
            WordTable::new(["said", "the", "mayor"]),
            WordTable::new(["aid"]),
            lex,
        );
        let mut x = 1u32;
        let weights: Vec<f32> = (0..m.weights.len())
            .map(|i| {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                if i % STRIDE < L {
                    ((x >> 8) % 100) as f32 / 10.0 - 5.0
                } else {
                    0.0
                }
            })
            .collect();
        m.set_weights(weights, Transitions::default());
        for n in [1usize, 2, 3, 6] {
            let feats: Vec<u32> = (0..n * NT)
                .map(|k| {
                    let t = Template::ALL[k % NT];
                    (k as u32 * 7 + 3) % t.size(m.words.len(), m.suffixes.len()) as u32
                })
                .collect();
            // The word templates agree with the words, as encode makes them.
            let mut feats = feats;
            let words: Vec<u32> = (0..n).map(|i| feats[i * NT]).collect();
            let beyond = m.words.len() as u32 + 1;
            for i in 0..n {
                let at = |d: isize| {
                    let j = i as isize + d;
                    if j < 0 || j >= n as isize {
                        beyond
                    } else {
                        words[j as usize]
                    }
                };
                feats[i * NT + 1] = at(-1);
                feats[i * NT + 2] = at(1);
                feats[i * NT + 3] = at(-2);
                feats[i * NT + 4] = at(2);
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            m.emissions(&feats, &mut a);
            m.emissions_with(&m.weights, &feats, &mut b);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-4, "{n} tokens: {a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn a_model_reads_back_what_it_wrote() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let mut m = Model::empty(
            "test".into(),
            Lang::En,
            WordTable::new(["said", "“"]),
            WordTable::new(["aid"]),
            lex,
        );
        for (i, w) in m.weights.iter_mut().enumerate() {
            if i % STRIDE < L {
                *w = i as f32 * 0.5;
            }
        }
        m.transitions.trans[3] = -1.5;
        m.calibration = vec![(0.2, 0.3), (0.8, 0.9)];
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes, lex).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.to_bytes(), bytes);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1], lex).is_err());
        assert!(Model::from_bytes(b"not a model", lex).is_err());
        assert_eq!(m.calibrate(0.1), 0.3);
        assert_eq!(m.calibrate(0.5), 0.3);
        assert_eq!(m.calibrate(0.9), 0.9);
    }

    #[test]
    fn a_bad_model_file_says_where_it_breaks() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let bytes = Model::empty(
            "t".into(),
            Lang::En,
            WordTable::new(["a"]),
            WordTable::new(["b"]),
            lex,
        )
        .to_bytes();
        let e = Model::from_bytes(&bytes[..20], lex).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Model);
        let Some(Position::Byte(at)) = e.position() else {
            panic!("no byte position: {e:?}");
        };
        assert!(at <= 20, "{e}");
        assert_eq!(e.input(), None);
        assert_eq!(
            e.to_string(),
            format!("model file ends early (at byte {at})")
        );
        let e = Model::from_bytes(b"not a model", lex).unwrap_err();
        assert_eq!((e.kind(), e.position()), (ErrorKind::Model, None));
    }
}
