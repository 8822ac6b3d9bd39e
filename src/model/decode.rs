//! Decoding: the trained model over one document's tokens, as labelled
//! stretches grouped into attributions.
//!
//! Reads: `doc.tokens` (filled by `lang::tokens`), the sieve's claims
//! (the model's rule features) and the word lists. Adds: nothing to the
//! document; returns each attribution found as token ranges of its cue,
//! source and content, with how sure the model was. Guarantees: every
//! attribution has at least one content stretch, all within `doc.tokens`,
//! and a cue, but where the language's conventions make each sentence of
//! a report an attribution (`sentence_claims`) and the model marked no
//! cue in the paragraph; attributions come in the order of their cues.

use std::cell::RefCell;
use std::ops::Range;

use super::crf::{self, Row};
use super::features::{self, DocInputs};
use super::{L, Label, Model, Part, STRIDE};
use crate::doc::{Claim, Doc};
use crate::lexicon::Lexicons;

/// Buffers reused from one document to the next on a thread.
#[derive(Default)]
struct Scratch {
    inputs: DocInputs,
    ranges: Vec<Range<usize>>,
    emit: Vec<Row>,
    /// Viterbi's forward scores.
    fwd: Vec<Row>,
    labels: Vec<u8>,
    /// The backward half of the max-marginals, from the first labelled
    /// token on.
    bwd: Vec<Row>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// An attribution the model found: token ranges of its parts, and how
/// sure the model was of its cue and content. Only where stretches are
/// grouped by sentence (`sentence_claims`) may an attribution have no cue:
/// the content of a paragraph the model marked no cue in.
#[derive(Clone, Debug)]
pub struct Found {
    pub cue: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
    pub content: Vec<Range<usize>>,
    pub score: f32,
}

/// Added to the score of every token's staying inside a source. Chosen by
/// cross-validation over 0–1 with the fold models (pooled F1 of content
/// partial / exact / attribution / direct attribution: 0 gives 77.8 /
/// 51.4 / 68.0 / 85.9; 0.1: 78.0 / 51.6 / 68.3 / 86.0; 0.25: 78.0 / 51.6 /
/// 68.7 / 86.2; 0.5: 76.2 / 50.2 / 67.8 / 86.1; 1: 69.4 / 44.8 / 62.2 /
/// 83.3): a longer source stretch finds the annotators' source more
/// often than the speaker finder's fallback does.
const SOURCE_BIAS: f32 = 0.25;

/// A stretch of tokens with one part.
#[derive(Clone, Debug)]
struct Chunk {
    part: Part,
    tokens: Range<usize>,
}

/// The attributions the model finds in `doc`, whose tokens are filled
/// and whose `claims` are the sieve's (the model reads them).
pub fn attributions(model: &Model, lex: &Lexicons, doc: &Doc, claims: &[Claim]) -> Vec<Found> {
    SCRATCH.with(|s| decode(model, lex, doc, claims, &mut s.borrow_mut()))
}

fn decode(
    model: &Model,
    lex: &Lexicons,
    doc: &Doc,
    claims: &[Claim],
    s: &mut Scratch,
) -> Vec<Found> {
    let mut out = Vec::new();
    s.inputs.fill(doc, claims, &model.lookup(lex));
    features::sequences(doc, &mut s.ranges);
    // Where a report is one attribution per sentence, a stretch goes to
    // a cue of its own sentence first, then to one before it.
    let sentence_of = lex
        .conventions
        .sentence_claims
        .then_some(|t: usize| doc.tokens[t].sentence);
    label_sequences(
        model,
        s,
        sentence_of.as_ref().map(|f| f as &dyn Fn(usize) -> u32),
        &mut out,
    );
    out
}

/// Labels each of `s.ranges` and pushes the attributions found onto
/// `out`. The work is 8-lane float arithmetic (rows of [`STRIDE`]): where
/// the CPU has AVX it runs as one 256-bit operation instead of two
/// 128-bit ones, the same IEEE operations in the same order, so the same
/// results to the bit.
fn label_sequences(model: &Model, s: &mut Scratch, sentence_of: SentenceOf, out: &mut Vec<Found>) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: `label_sequences_avx` requires nothing but AVX, and the
        // CPU has it (checked just above).
        unsafe { label_sequences_avx(model, s, sentence_of, out) };
        return;
    }
    label_sequences_any(model, s, sentence_of, out);
}

/// The sentence of a token, where stretches are grouped by sentence.
type SentenceOf<'a> = Option<&'a dyn Fn(usize) -> u32>;

/// [`label_sequences_any`] compiled with AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn label_sequences_avx(
    model: &Model,
    s: &mut Scratch,
    sentence_of: SentenceOf,
    out: &mut Vec<Found>,
) {
    label_sequences_any(model, s, sentence_of, out);
}

/// [`label_sequences`], with its hot parts inlined so that they are
/// compiled with the caller's target features.
#[inline(always)]
fn label_sequences_any(
    model: &Model,
    s: &mut Scratch,
    sentence_of: SentenceOf,
    out: &mut Vec<Found>,
) {
    for range in &s.ranges {
        model.emissions_of(&s.inputs, range.clone(), &mut s.emit);
        // The model, trained where most tokens are no cue, is shy of
        // starting one, and of carrying a source on: the biases trade a
        // little precision for recall.
        for e in &mut s.emit {
            e[Label::BeginCue as usize] += model.cue_bias;
            e[Label::InSource as usize] += SOURCE_BIAS;
        }
        crf::viterbi_rows(&s.emit, &model.transitions, &mut s.fwd, &mut s.labels);
        // Only the tokens of chunks (labelled ones) are scored: the
        // backward half starts at the first.
        let Some(first) = s.labels.iter().position(|&y| y != Label::O as u8) else {
            continue;
        };
        crf::backward_rows(&s.emit, &model.transitions, first, &mut s.bwd);
        let mm = MaxMarginals {
            fwd: &s.fwd,
            bwd: &s.bwd,
            from: first,
        };
        let chunks = chunks(&s.labels, range.start);
        out.extend(group(
            &chunks,
            |c| margin(&mm, &s.labels, c, range.start),
            sentence_of,
        ));
    }
}

/// The max-marginals of a sequence's positions from `from` on: the
/// forward scores plus the backward ones.
struct MaxMarginals<'a> {
    fwd: &'a [Row],
    bwd: &'a [Row],
    from: usize,
}

impl MaxMarginals<'_> {
    /// The max-marginal row of position `k` (at least `from`).
    fn row(&self, k: usize) -> Row {
        let (f, b) = (&self.fwd[k], &self.bwd[k - self.from]);
        let mut out = [0f32; STRIDE];
        for y in 0..STRIDE {
            out[y] = f[y] + b[y];
        }
        out
    }
}

/// The stretches of one part in a label sequence whose first token is
/// `offset`.
///
/// A chunk starts at any labelled token and runs on over the tokens right
/// after it labelled inside the same part (a run found by comparing bytes).
fn chunks(labels: &[u8], offset: usize) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut k = 0;
    while k < labels.len() {
        let Some(part) = Label::from_index(labels[k]).part() else {
            k += 1;
            continue;
        };
        let inside = Label::of(part, false) as u8;
        let start = k;
        k += 1;
        while labels.get(k) == Some(&inside) {
            k += 1;
        }
        out.push(Chunk {
            part,
            tokens: offset + start..offset + k,
        });
    }
    out
}

/// How sure the model is of a chunk: the mean, over its tokens, of how
/// far the best label sequence stands above the best one that labels the
/// token otherwise (max-marginals), squashed into 0.5–1. Calibration
/// maps it to a probability.
fn margin(mm: &MaxMarginals, labels: &[u8], c: &Chunk, offset: usize) -> f32 {
    let r = c.tokens.start - offset..c.tokens.end - offset;
    let n = r.len().max(1) as f32;
    let sum: f32 = r
        .map(|k| {
            let row = mm.row(k);
            let y = labels[k] as usize;
            row[y] - best_other(&row, y)
        })
        .sum();
    1.0 / (1.0 + (-sum / n).exp())
}

/// The greatest of `row`'s first [`L`] values but the one of label `y`,
/// as lanes: the others (and the padding) set to minus infinity, then
/// halves folded with `f32::max`. `f32::max` ignores NaN and the order of
/// a set's maxima does not change their value (but for the sign of a
/// zero, which the caller's difference with a non-zero score does not
/// see, and which an exact zero's `exp` maps to 1 either way).
#[inline(always)]
fn best_other(row: &Row, y: usize) -> f32 {
    let mut r = *row;
    r[L..].fill(f32::NEG_INFINITY);
    if let Some(v) = r.get_mut(y) {
        *v = f32::NEG_INFINITY;
    }
    let mut h = [0f32; STRIDE / 2];
    for z in 0..STRIDE / 2 {
        h[z] = r[z].max(r[z + STRIDE / 2]);
    }
    let q = [h[0].max(h[2]), h[1].max(h[3])];
    q[0].max(q[1])
}

/// Token distance between two stretches (0 when adjacent or touching).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Groups chunks into attributions: every content and source chunk goes
/// to the nearest cue chunk (with `sentence_of`, to the nearest of its
/// own sentence, else the nearest before it, else the nearest after); a
/// cue with no content makes none. With `sentence_of`, a sequence without
/// a cue gives an attribution without one for each sentence with
/// content, its source the nearest source chunk of that sentence.
fn group(chunks: &[Chunk], score: impl Fn(&Chunk) -> f32, sentence_of: SentenceOf) -> Vec<Found> {
    let cues: Vec<&Chunk> = chunks.iter().filter(|c| c.part == Part::Cue).collect();
    if cues.is_empty() {
        return sentence_of.map_or_else(Vec::new, |of| without_cue(chunks, &score, of));
    }
    let mut found: Vec<Found> = cues
        .iter()
        .map(|c| Found {
            cue: Some(c.tokens.clone()),
            source: None,
            content: Vec::new(),
            score: 0.0,
        })
        .collect();
    let mut content_scores: Vec<Vec<f32>> = vec![Vec::new(); cues.len()];
    for c in chunks.iter().filter(|c| c.part != Part::Cue) {
        let rank = |k: usize| {
            let cue = &cues[k].tokens;
            let (apart, after) = sentence_of.map_or((false, false), |of| {
                let apart = of(c.tokens.start) != of(cue.start);
                (apart, apart && cue.start > c.tokens.start)
            });
            (apart, after, distance(&c.tokens, cue), k)
        };
        let Some(k) = (0..cues.len()).min_by_key(|&k| rank(k)) else {
            continue;
        };
        let f = &mut found[k];
        match c.part {
            Part::Source => {
                let nearer = f.source.as_ref().is_none_or(|s| {
                    distance(&c.tokens, &cues[k].tokens) < distance(s, &cues[k].tokens)
                });
                if nearer {
                    f.source = Some(c.tokens.clone());
                }
            }
            Part::Content => {
                f.content.push(c.tokens.clone());
                content_scores[k].push(score(c));
            }
            Part::Cue => {}
        }
    }
    // Only a cue with content makes an attribution, so only such a cue
    // is scored.
    for (k, f) in found.iter_mut().enumerate() {
        if f.content.is_empty() {
            continue;
        }
        let cue = score(cues[k]);
        let content = content_scores[k].iter().sum::<f32>() / content_scores[k].len().max(1) as f32;
        f.score = cue.min(content);
    }
    found.retain(|f| !f.content.is_empty());
    found
}

/// The attributions of a sequence without a cue chunk: one per sentence
/// holding content, with the sentence's source chunk nearest its content.
fn without_cue(
    chunks: &[Chunk],
    score: &impl Fn(&Chunk) -> f32,
    sentence_of: &dyn Fn(usize) -> u32,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    let mut last: Option<u32> = None;
    for c in chunks.iter().filter(|c| c.part == Part::Content) {
        let si = sentence_of(c.tokens.start);
        if last != Some(si) {
            if let Some(f) = out.last_mut() {
                f.score = scores.iter().sum::<f32>() / scores.len().max(1) as f32;
            }
            scores.clear();
            out.push(Found {
                cue: None,
                source: None,
                content: Vec::new(),
                score: 0.0,
            });
            last = Some(si);
        }
        out.last_mut()
            .expect("pushed")
            .content
            .push(c.tokens.clone());
        scores.push(score(c));
    }
    if let Some(f) = out.last_mut() {
        f.score = scores.iter().sum::<f32>() / scores.len().max(1) as f32;
    }
    for f in &mut out {
        let si = sentence_of(f.content[0].start);
        f.source = chunks
            .iter()
            .filter(|c| c.part == Part::Source && sentence_of(c.tokens.start) == si)
            .min_by_key(|c| distance(&c.tokens, &f.content[0]))
            .map(|c| c.tokens.clone());
    }
    out
}
