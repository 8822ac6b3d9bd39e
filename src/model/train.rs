//! Training the model (`whosaid train`): gold attributions become a label
//! per token, every paragraph a sequence, and the CRF's weights the
//! minimum of the L2-regularised negative log-likelihood, found by
//! L-BFGS (the `argmin` crate). Training is deterministic: documents are
//! read in sorted order, tables are sorted, and the gradient is summed
//! over fixed chunks of sequences in a fixed order whatever the thread
//! count.

use argmin::core::{CostFunction, Error, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;

use super::crf::{self, Transitions};
use super::features::{self, DocInputs, NT, Template};
use super::vocab::{self, WordTable};
use super::{L, Label, Model, Part, STRIDE};
use crate::doc::{Doc, Span};
use crate::eval::brat::GoldDoc;
use crate::lexicon::{Lang, Lexicons};
use crate::pipeline::Pipeline;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// L2 penalty: the objective adds `l2 / 2 · |w|²`.
    pub l2: f64,
    /// L-BFGS iterations at most.
    pub iterations: u64,
    /// A word enters the word table when seen this often.
    pub min_word_count: usize,
    /// A suffix enters the suffix table when seen this often.
    pub min_suffix_count: usize,
    /// The model's cue bias (see [`Model::cue_bias`]).
    pub cue_bias: f32,
    /// Adapting a model: how much a weight is held to the base's for each
    /// token the base saw its feature on (beside `l2`, which holds every
    /// weight alike). 0: the base's data counts for nothing beyond `l2`;
    /// 1: a base token weighs as much as a new one.
    pub base_weight: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            l2: 1.0,
            iterations: 500,
            min_word_count: 2,
            min_suffix_count: 3,
            cue_bias: 0.25,
            base_weight: 0.05,
        }
    }
}

/// One training sequence: template values (n × NT) and labels (n).
pub struct Sequence {
    feats: Vec<u32>,
    labels: Vec<u8>,
}

/// A gold document run through the rules: its tokens and rule claims,
/// and the gold label of each token.
pub struct Prepared {
    pub doc: Doc,
    pub labels: Vec<u8>,
}

/// Runs the rules over `gold` and labels its tokens from the gold
/// attributions.
pub fn prepare(rules: &Pipeline, gold: &GoldDoc) -> Prepared {
    let mut doc = Doc::new(&gold.text);
    rules.analyze_in(&mut doc, gold.lang);
    // A pipeline without a model does not tokenize: training needs it.
    crate::lang::tokens::fill(&mut doc);
    let labels = gold_labels(&doc, gold);
    Prepared { doc, labels }
}

/// The label of each token of `doc`: the part of a gold attribution it
/// lies in (cue before source before content when parts overlap), begin
/// for the first token of each span.
pub fn gold_labels(doc: &Doc, gold: &GoldDoc) -> Vec<u8> {
    let mut labels = vec![Label::O as u8; doc.tokens.len()];
    let set = |span: Span, part: Part, labels: &mut Vec<u8>| {
        let r = crate::lang::tokens::tokens_in(doc, span);
        // A token cut by the span belongs to it if half of it is inside.
        let inside = |i: usize| {
            let t = doc.tokens[i].span;
            let overlap = t.end.min(span.end).saturating_sub(t.start.max(span.start));
            2 * overlap >= t.len()
        };
        let lo = r.start.saturating_sub(1);
        let hi = r.end.min(doc.tokens.len());
        let mut first = true;
        for (i, label) in labels.iter_mut().enumerate().take(hi).skip(lo) {
            if !inside(i) {
                continue;
            }
            if *label == Label::O as u8 {
                *label = Label::of(part, first) as u8;
            }
            first = false;
        }
    };
    for part in [Part::Cue, Part::Source, Part::Content] {
        for a in &gold.attributions {
            let spans = match part {
                Part::Cue => &a.cue,
                Part::Source => &a.source,
                Part::Content => &a.content,
            };
            for &s in spans {
                set(s, part, &mut labels);
            }
        }
    }
    labels
}

/// The word and suffix tables of `docs`: the normalised words seen at
/// least `min_word_count` times (suffixes `min_suffix_count`), most
/// frequent first, ties in alphabetical order.
pub fn tables(docs: &[&Prepared], s: &Settings) -> (WordTable, WordTable) {
    let mut words: HashMap<String, usize> = HashMap::new();
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    let mut norm = String::new();
    for p in docs {
        for t in &p.doc.tokens {
            vocab::normalise_into(&p.doc.text[t.span.range()], &mut norm);
            *words.entry(norm.clone()).or_default() += 1;
            if t.word
                && let Some(suf) = features::suffix(&norm)
            {
                *suffixes.entry(suf.to_string()).or_default() += 1;
            }
        }
    }
    let table = |counts: HashMap<String, usize>, min: usize| {
        let mut v: Vec<(String, usize)> = counts.into_iter().filter(|x| x.1 >= min).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        WordTable::new(v.into_iter().map(|x| x.0))
    };
    (
        table(words, s.min_word_count),
        table(suffixes, s.min_suffix_count),
    )
}

/// The training sequences of a prepared document under `model`'s tables.
pub fn sequences(model: &Model, lex: &Lexicons, p: &Prepared) -> Vec<Sequence> {
    let mut inputs = DocInputs::default();
    inputs.fill(&p.doc, &p.doc.rule_claims, &model.lookup(lex));
    let mut ranges = Vec::new();
    features::sequences(&p.doc, &mut ranges);
    ranges
        .into_iter()
        .map(|r| {
            let mut feats = Vec::with_capacity(r.len() * NT);
            features::encode(&p.doc, &inputs, r.clone(), model.words.len(), &mut feats);
            Sequence {
                feats,
                labels: p.labels[r].to_vec(),
            }
        })
        .collect()
}

/// The number of transition weights after the emission weights.
const TRANSITION_PARAMS: usize = L * L + 2 * L;

/// The objective over all sequences, for argmin: the mean negative
/// log-likelihood per token plus `l2 / (2 · tokens) · |w|²` (the usual sum
/// over sequences scaled by the token count, so that the optimizer's
/// first steps are of sensible size).
struct Objective<'a> {
    model: &'a Model,
    seqs: &'a [Sequence],
    l2: f64,
    /// The weights the penalty pulls toward: a base model's, when one is
    /// adapted; zero otherwise.
    prior: Option<&'a [f64]>,
    /// Each weight's own penalty in place of `l2` (an adapted model's,
    /// from the base's evidence).
    precision: Option<&'a [f64]>,
    tokens: f64,
    /// The last parameters evaluated, and their cost and gradient: the
    /// line search asks for both at the same point.
    cache: Mutex<Option<Evaluated>>,
}

/// Parameters, and the objective's value and gradient there.
type Evaluated = (Vec<f64>, f64, Vec<f64>);

/// Chunks of the gradient sum: a fixed number, so that the sum is the
/// same on any number of threads (each chunk holds a dense gradient).
const CHUNKS: usize = 16;

impl Objective<'_> {
    fn evaluate(&self, w: &[f64]) -> (f64, Vec<f64>) {
        if let Some((p, c, g)) = &*self.cache.lock().expect("no panic while held")
            && p.as_slice() == w
        {
            return (*c, g.clone());
        }
        let n = w.len();
        let emit_n = n - TRANSITION_PARAMS;
        let weights: Vec<f32> = w[..emit_n].iter().map(|&x| x as f32).collect();
        let mut t = Transitions::default();
        for (dst, &src) in t
            .trans
            .iter_mut()
            .chain(&mut t.start)
            .chain(&mut t.end)
            .zip(&w[emit_n..])
        {
            *dst = src as f32;
        }
        let m = self.model;
        let chunk = self.seqs.len().div_ceil(CHUNKS).max(1);
        let parts: Vec<(f64, Vec<f64>)> = self
            .seqs
            .par_chunks(chunk)
            .map(|chunk| {
                let mut loss = 0f64;
                let mut grad = vec![0f64; n];
                let mut emit = Vec::new();
                let mut marg = Vec::new();
                for s in chunk {
                    m.emissions_with(&weights, &s.feats, &mut emit);
                    let mut pair = [0f64; L * L];
                    let log_z = crf::marginals(&emit, &t, &mut marg, Some(&mut pair));
                    loss += log_z - crf::path_score(&emit, &t, &s.labels);
                    let len = s.labels.len();
                    for i in 0..len {
                        let f = &s.feats[i * NT..(i + 1) * NT];
                        let gold = s.labels[i] as usize;
                        for (tpl, &v) in f.iter().enumerate() {
                            let r = m.row(tpl, v);
                            for y in 0..L {
                                grad[r + y] += marg[i * L + y];
                            }
                            grad[r + gold] -= 1.0;
                        }
                    }
                    let tr = emit_n;
                    for k in 0..L * L {
                        grad[tr + k] += pair[k];
                    }
                    for i in 1..len {
                        grad[tr + s.labels[i - 1] as usize * L + s.labels[i] as usize] -= 1.0;
                    }
                    let (st, en) = (tr + L * L, tr + L * L + L);
                    for y in 0..L {
                        grad[st + y] += marg[y];
                        grad[en + y] += marg[(len - 1) * L + y];
                    }
                    grad[st + s.labels[0] as usize] -= 1.0;
                    grad[en + s.labels[len - 1] as usize] -= 1.0;
                }
                (loss, grad)
            })
            .collect();
        // Summed in chunk order: the same result on any number of threads.
        let mut loss = 0f64;
        let mut grad = vec![0f64; n];
        for (l, g) in parts {
            loss += l;
            for (a, b) in grad.iter_mut().zip(&g) {
                *a += b;
            }
        }
        let prior = |i: usize| self.prior.map_or(0.0, |p| p[i]);
        let mut penalty = 0f64;
        match self.precision {
            None => {
                for (i, (g, &x)) in grad.iter_mut().zip(w).enumerate() {
                    let d = x - prior(i);
                    *g = (*g + self.l2 * d) / self.tokens;
                    penalty += d * d;
                }
                loss = (loss + 0.5 * self.l2 * penalty) / self.tokens;
            }
            Some(p) => {
                for (i, (g, &x)) in grad.iter_mut().zip(w).enumerate() {
                    let d = x - prior(i);
                    *g = (*g + p[i] * d) / self.tokens;
                    penalty += p[i] * d * d;
                }
                loss = (loss + 0.5 * penalty) / self.tokens;
            }
        }
        *self.cache.lock().expect("no panic while held") = Some((w.to_vec(), loss, grad.clone()));
        (loss, grad)
    }
}

impl CostFunction for Objective<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Self::Param) -> Result<f64, Error> {
        Ok(self.evaluate(p).0)
    }
}

impl Gradient for Objective<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Self::Param) -> Result<Vec<f64>, Error> {
        Ok(self.evaluate(p).1)
    }
}

/// Trains a model on `docs` (already run through the rules).
pub fn train(
    docs: &[&Prepared],
    lex: &Lexicons,
    s: &Settings,
    description: String,
) -> Result<Model, crate::error::Error> {
    train_from(None, docs, lex, s, description)
}

/// The word and suffix tables of `base` with those of `docs` it lacks
/// appended (seen as often as `s` asks): every id of the base keeps its
/// word, so its weights keep their meaning.
pub fn extended_tables(base: &Model, docs: &[&Prepared], s: &Settings) -> (WordTable, WordTable) {
    let (words, suffixes) = tables(docs, s);
    let extend = |old: &WordTable, new: &WordTable| {
        WordTable::new(old.words().iter().chain(new.words()).cloned())
    };
    (
        extend(&base.words, &words),
        extend(&base.suffixes, &suffixes),
    )
}

/// What an adapted model starts from and is held to: the parameters of
/// `base` laid out as `model`'s (whose tables extend the base's): its
/// emission rows at the same template values (the value beyond a
/// sequence's end moved past the added words), an added word's or
/// suffix's rows those of an unknown one, then its transitions, so that
/// the start scores every text as the base does; each parameter's
/// penalty, `l2` plus `base_weight` for each token the base saw its
/// feature on (where the base kept its evidence); and the base's evidence
/// in `model`'s rows.
struct BasePrior {
    params: Vec<f64>,
    precision: Option<Vec<f64>>,
    evidence: Vec<u32>,
}

fn base_prior(base: &Model, model: &Model, s: &Settings) -> BasePrior {
    let mut w = vec![0f64; model.weights.len() + TRANSITION_PARAMS];
    let has_evidence = !base.evidence.is_empty();
    let mut evidence = vec![0u32; model.weights.len() / STRIDE];
    let (base_words, words) = (base.words.len(), model.words.len());
    for (t, tpl) in Template::ALL.iter().enumerate() {
        let word_template = t < super::WORD_TEMPLATES;
        for v in 0..tpl.size(base_words, base.suffixes.len()) as u32 {
            let nv = if word_template && v as usize == base_words + 1 {
                words as u32 + 1
            } else {
                v
            };
            let (from, to) = (base.row(t, v), model.row(t, nv));
            for y in 0..STRIDE {
                w[to + y] = f64::from(base.weights[from + y]);
            }
            if has_evidence {
                evidence[to / STRIDE] = base.evidence[from / STRIDE];
            }
        }
        // An added word or suffix starts where the base model has it: as
        // an unknown one (value 0).
        let added = if word_template {
            base_words + 1..words + 1
        } else if *tpl == Template::Suffix {
            base.suffixes.len() + 1..model.suffixes.len() + 1
        } else {
            0..0
        };
        let from = base.row(t, 0);
        for v in added {
            let to = model.row(t, v as u32);
            for y in 0..STRIDE {
                w[to + y] = f64::from(base.weights[from + y]);
            }
        }
    }
    let tail = base
        .transitions
        .trans
        .iter()
        .chain(&base.transitions.start)
        .chain(&base.transitions.end);
    for (dst, &src) in w[model.weights.len()..].iter_mut().zip(tail) {
        *dst = f64::from(src);
    }
    let precision = has_evidence.then(|| {
        // Every token fires one value of the first template: its rows'
        // evidence summed is the base's token count.
        let first = model.row(0, 0) / STRIDE;
        let size = Template::ALL[0].size(words, model.suffixes.len());
        let tokens: f64 = evidence[first..first + size]
            .iter()
            .map(|&n| f64::from(n))
            .sum();
        let mut p: Vec<f64> = evidence
            .iter()
            .flat_map(|&n| [s.l2 + s.base_weight * f64::from(n); STRIDE])
            .collect();
        p.extend([s.l2 + s.base_weight * tokens; TRANSITION_PARAMS]);
        p
    });
    BasePrior {
        params: w,
        precision,
        evidence,
    }
}

/// How many of `seqs`' tokens each of `model`'s rows fires on.
fn count_evidence(model: &Model, seqs: &[Sequence]) -> Vec<u32> {
    let mut n = vec![0u32; model.weights.len() / STRIDE];
    for s in seqs {
        for f in s.feats.chunks_exact(NT) {
            for (t, &v) in f.iter().enumerate() {
                let r = model.row(t, v) / STRIDE;
                n[r] = n[r].saturating_add(1);
            }
        }
    }
    n
}

/// Trains a model on `docs`; with `base`, adapts it: the base's tables
/// extended by the new words, its weights the starting point and what the
/// L2 penalty pulls toward (so a few documents move the model no further
/// than they must), its language that of `docs`.
pub fn train_from(
    base: Option<&Model>,
    docs: &[&Prepared],
    lex: &Lexicons,
    s: &Settings,
    description: String,
) -> Result<Model, crate::error::Error> {
    let (words, suffixes) = match base {
        Some(b) => extended_tables(b, docs, s),
        None => tables(docs, s),
    };
    let lang = docs.first().map_or(Lang::En, |p| p.doc.lang);
    let mut model = Model::empty(description, lang, words, suffixes, lex);
    model.cue_bias = s.cue_bias;
    let seqs: Vec<Sequence> = docs
        .iter()
        .flat_map(|p| sequences(&model, lex, p))
        .filter(|s| !s.labels.is_empty())
        .collect();
    let n = model.weights.len() + TRANSITION_PARAMS;
    let prior = base.map(|b| base_prior(b, &model, s));
    let tokens = seqs.iter().map(|s| s.labels.len()).sum::<usize>().max(1) as f64;
    let objective = Objective {
        model: &model,
        seqs: &seqs,
        l2: s.l2,
        prior: prior.as_ref().map(|p| p.params.as_slice()),
        precision: prior.as_ref().and_then(|p| p.precision.as_deref()),
        tokens,
        cache: Mutex::new(None),
    };
    let start = prior
        .as_ref()
        .map_or_else(|| vec![0f64; n], |p| p.params.clone());
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7);
    let result = Executor::new(objective, solver)
        .configure(|state| state.param(start).max_iters(s.iterations))
        .run()
        .map_err(|e| training_error(format!("training failed: {e}")))?;
    let w = result
        .state()
        .get_best_param()
        .ok_or_else(|| training_error("training produced no parameters".into()))?
        .clone();
    drop(result);
    let emit_n = model.weights.len();
    let mut t = Transitions::default();
    for (dst, &src) in t
        .trans
        .iter_mut()
        .chain(&mut t.start)
        .chain(&mut t.end)
        .zip(&w[emit_n..])
    {
        *dst = src as f32;
    }
    model.set_weights(w[..emit_n].iter().map(|&x| x as f32).collect(), t);
    // The evidence of this training, and of the base's.
    let mut evidence = count_evidence(&model, &seqs);
    if let Some(p) = &prior {
        for (e, &b) in evidence.iter_mut().zip(&p.evidence) {
            *e = e.saturating_add(b);
        }
    }
    model.evidence = evidence;
    if let Some(b) = base {
        model.calibration.clone_from(&b.calibration);
    }
    Ok(model)
}

fn training_error(message: String) -> crate::error::Error {
    crate::error::Error::new(crate::error::ErrorKind::Training, message)
}

pub use crate::eval::fold_of;

/// What cross-validation measured.
pub struct CrossValidation {
    /// The scores of each fold's model on its held-out documents.
    pub folds: Vec<crate::eval::Report>,
    /// All held-out predictions scored together.
    pub pooled: crate::eval::Report,
    /// Seconds each fold's training took.
    pub seconds: Vec<f64>,
    /// The calibration fitted on the held-out model claims.
    pub calibration: Vec<(f32, f32)>,
    /// With a base model, its scores on the same documents (which it may
    /// or may not have seen: the user's gold is new to a shipped model).
    pub base: Option<crate::eval::Report>,
}

/// A rising step function from model score to the share of claims that
/// were right, fitted by pool-adjacent-violators on `(score, right)`
/// pairs and cut to at most 20 steps of at least 25 claims each.
pub fn calibrate(mut scored: Vec<(f32, bool)>) -> Vec<(f32, f32)> {
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks of (first score, right, count), merged while they fall.
    let mut blocks: Vec<(f32, f64, f64)> = Vec::new();
    for (s, right) in scored {
        blocks.push((s, f64::from(u8::from(right)), 1.0));
        while blocks.len() > 1 {
            let n = blocks.len();
            let (a, b) = (blocks[n - 2], blocks[n - 1]);
            if a.1 / a.2 < b.1 / b.2 {
                break;
            }
            blocks[n - 2] = (a.0, a.1 + b.1, a.2 + b.2);
            blocks.pop();
        }
    }
    // Small blocks join the one before them.
    let min = 25.0;
    let mut out: Vec<(f32, f64, f64)> = Vec::new();
    for b in blocks {
        let full = out.len() >= 20;
        match out.last_mut() {
            Some(last) if last.2 < min || b.2 < min && full => {
                last.1 += b.1;
                last.2 += b.2;
            }
            _ => out.push(b),
        }
    }
    out.iter()
        .map(|&(s, right, n)| (s, (right / n) as f32))
        .collect()
}

/// Gold documents read and run through the rules, ready to train on.
pub struct Trainer {
    rules: Pipeline,
    pub docs: Vec<GoldDoc>,
    /// Articles of a corrections file not marked reviewed, not trained on.
    pub unreviewed: Vec<String>,
    prepared: Vec<Prepared>,
}

impl Trainer {
    /// Reads the gold folder (documents in sorted order) and runs the
    /// rules over every document. A gold file that cannot be read is an
    /// error: a model must not be trained on part of the data silently.
    pub fn load(gold_dir: &std::path::Path) -> Result<Trainer, crate::error::Error> {
        let crate::eval::Gold {
            docs,
            mut errors,
            unreviewed,
        } = crate::eval::read_gold(gold_dir)?;
        if !errors.is_empty() {
            let more = format!(" (and {} more)", errors.len() - 1);
            return Err(errors.swap_remove(0).and(&more));
        }
        if docs.is_empty() {
            return Err(crate::eval::brat::no_documents(gold_dir));
        }
        // One model reads one language: its gold must be all of it.
        if let Some(other) = docs.iter().find(|d| d.lang != docs[0].lang) {
            return Err(crate::error::Error::new(
                crate::error::ErrorKind::Gold,
                format!(
                    "the gold mixes languages: {} reads as {} and {} as {}; a model is trained on one language",
                    docs[0].name,
                    docs[0].lang.name(),
                    other.name,
                    other.lang.name()
                ),
            )
            .at(gold_dir.display().to_string(), None));
        }
        let rules = Pipeline::rules_only();
        let prepared = docs.par_iter().map(|d| prepare(&rules, d)).collect();
        Ok(Trainer {
            rules,
            docs,
            unreviewed,
            prepared,
        })
    }

    /// The word lists of the gold's language.
    fn lex(&self) -> &Lexicons {
        self.rules.resources().lexicons(self.docs[0].lang)
    }

    /// A model trained on every document, or on all but fold `hold_out`
    /// of `folds`.
    pub fn train(
        &self,
        s: &Settings,
        hold_out: Option<(usize, usize)>,
        description: String,
    ) -> Result<Model, crate::error::Error> {
        self.train_from(None, s, hold_out, description)
    }

    /// How many of this gold's tokens each of `model`'s feature rows fires
    /// on: the evidence training `model` on this gold keeps (see
    /// [`Model::evidence`]), for a model trained before models kept it.
    pub fn evidence(&self, model: &Model) -> Vec<u32> {
        let seqs: Vec<Sequence> = self
            .prepared
            .iter()
            .flat_map(|p| sequences(model, self.lex(), p))
            .filter(|s| !s.labels.is_empty())
            .collect();
        count_evidence(model, &seqs)
    }

    /// [`Trainer::train`], adapting `base` when one is given
    /// ([`train_from`]).
    pub fn train_from(
        &self,
        base: Option<&Model>,
        s: &Settings,
        hold_out: Option<(usize, usize)>,
        description: String,
    ) -> Result<Model, crate::error::Error> {
        let docs: Vec<&Prepared> = self
            .prepared
            .iter()
            .enumerate()
            .filter(|(i, _)| hold_out.is_none_or(|(k, n)| fold_of(*i, n) != k))
            .map(|(_, p)| p)
            .collect();
        train_from(base, &docs, self.lex(), s, description)
    }

    /// The language of the gold documents.
    pub fn lang(&self) -> Lang {
        self.docs[0].lang
    }

    /// The word lists of the gold's language (to read a model file of it).
    pub fn lexicons(&self) -> &Lexicons {
        self.lex()
    }

    /// K-fold cross-validation by document: for each fold, a model trained
    /// on the other folds labels the fold's documents, which it never saw.
    /// `progress` hears of each fold trained (its index and seconds); with
    /// `labels`, the pooled report scores the held-out speakers against
    /// them; `errors` receives the held-out mistakes as `whosaid eval
    /// --errors` writes them.
    pub fn cross_validate(
        &self,
        s: &Settings,
        folds: usize,
        progress: impl FnMut(usize, f64),
        labels: Option<&crate::eval::speakers::Labels>,
        errors: Option<&mut dyn std::io::Write>,
    ) -> Result<CrossValidation, crate::error::Error> {
        self.cross_validate_from(None, s, folds, progress, labels, errors)
    }

    /// [`Trainer::cross_validate`], each fold's model adapted from `base`
    /// when one is given; the base model then also scores every document
    /// (`CrossValidation::base`), so that the two stand side by side on
    /// the same held-out documents.
    pub fn cross_validate_from(
        &self,
        base: Option<&Model>,
        s: &Settings,
        folds: usize,
        mut progress: impl FnMut(usize, f64),
        labels: Option<&crate::eval::speakers::Labels>,
        errors: Option<&mut dyn std::io::Write>,
    ) -> Result<CrossValidation, crate::error::Error> {
        use crate::eval::{predict, score};
        let mut preds: Vec<Option<Vec<crate::eval::metric::Pred>>> = vec![None; self.docs.len()];
        let mut reports = Vec::new();
        let mut seconds = Vec::new();
        let mut scored: Vec<(f32, bool)> = Vec::new();
        for k in 0..folds {
            let start = std::time::Instant::now();
            let train_docs: Vec<&Prepared> = self
                .prepared
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i, folds) != k)
                .map(|(_, p)| p)
                .collect();
            let model = train_from(
                base,
                &train_docs,
                self.lex(),
                s,
                format!("fold {k} of {folds}"),
            )?;
            seconds.push(start.elapsed().as_secs_f64());
            progress(k, seconds[k]);
            let p = Pipeline::with_loaded_model(model);
            let held: Vec<usize> = (0..self.docs.len())
                .filter(|&i| fold_of(i, folds) == k)
                .collect();
            let held_docs: Vec<&GoldDoc> = held.iter().map(|&i| &self.docs[i]).collect();
            let fold_preds = predict(&p, &held_docs);
            for (d, pr) in held_docs.iter().zip(&fold_preds) {
                let pr = pr.as_deref().unwrap_or_default();
                let m = crate::eval::metric::match_doc(&d.text, &d.attributions, pr);
                for (pi, x) in pr.iter().enumerate() {
                    if x.rule == crate::doc::Rule::Model.name() {
                        scored.push((x.confidence, m.pred[pi].is_some_and(|p| p.flags.source)));
                    }
                }
            }
            reports.push(score(&held_docs, &fold_preds, Vec::new(), None)?);
            for (&i, pr) in held.iter().zip(fold_preds) {
                preds[i] = pr;
            }
        }
        let pooled = crate::eval::score_with(&self.docs, &preds, Vec::new(), labels, errors)?;
        let base = match base {
            Some(b) => {
                let p = Pipeline::with_loaded_model(b.clone());
                let docs: Vec<&GoldDoc> = self.docs.iter().collect();
                let base_preds = predict(&p, &docs);
                Some(crate::eval::score_with(
                    &self.docs,
                    &base_preds,
                    Vec::new(),
                    labels,
                    None,
                )?)
            }
            None => None,
        };
        Ok(CrossValidation {
            folds: reports,
            pooled,
            seconds,
            calibration: calibrate(scored),
            base,
        })
    }
}
