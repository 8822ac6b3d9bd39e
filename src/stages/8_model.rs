//! **model** — the trained model's attributions beside the sieve's.
//!
//! Reads: the tokens (features stage), the sieve's claims, the text.
//! Adds: claims of the model (`rule` = `model`) for attributions the
//! sieve did not find, and chooses between the two where both found one.
//! The model labels each paragraph's tokens as cue, source, content or
//! none (see `model`); the labels are grouped into attributions: each
//! content or source stretch goes to the nearest cue stretch.
//! Guarantees: the claims stay sorted by first content offset, with
//! content parts ordered and disjoint and every span on token
//! boundaries; without a model the stage does nothing.

use std::cell::RefCell;
use std::ops::Range;

use crate::doc::{Claim, Doc, Kind, Mention, Rule, Span};
use crate::lang::mentions;
use crate::model::features::{self, DocInputs, NT};
use crate::model::{L, Label, Model, Part, crf};

/// Buffers reused from one document to the next on a thread.
#[derive(Default)]
struct Scratch {
    inputs: DocInputs,
    ranges: Vec<Range<usize>>,
    feats: Vec<u32>,
    emit: Vec<f32>,
    back: Vec<u8>,
    labels: Vec<u8>,
    marg: Vec<f64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The stage: adds the model's claims to `doc.claims`.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let Some(model) = r.model.as_ref() else {
        return;
    };
    let found = SCRATCH.with(|s| attributions(model, r, doc, &mut s.borrow_mut()));
    let claims = std::mem::take(&mut doc.claims);
    doc.claims = merge(r, doc, claims, found);
}

/// An attribution the model found: token ranges of its parts, and how
/// sure the model was of its cue and content.
#[derive(Clone, Debug)]
struct Found {
    cue: Range<usize>,
    source: Option<Range<usize>>,
    content: Vec<Range<usize>>,
    score: f32,
}

/// A stretch of tokens with one part.
#[derive(Clone, Debug)]
struct Chunk {
    part: Part,
    tokens: Range<usize>,
}

fn attributions(model: &Model, r: &super::Resources, doc: &Doc, s: &mut Scratch) -> Vec<Found> {
    let mut out = Vec::new();
    s.inputs.fill(doc, &doc.claims, &model.lookup(&r.lex));
    features::sequences(doc, &mut s.ranges);
    for range in std::mem::take(&mut s.ranges) {
        s.feats.clear();
        features::encode(
            doc,
            &s.inputs,
            range.clone(),
            model.words.len(),
            &mut s.feats,
        );
        model.emissions(&s.feats, &mut s.emit);
        if let Some(b) = std::env::var("WHOSAID_OBIAS")
            .ok()
            .and_then(|v| v.parse::<f32>().ok())
        {
            for i in 0..s.emit.len() / L {
                s.emit[i * L + Label::BeginCue as usize] += b;
            }
        }
        crf::viterbi(&s.emit, &model.transitions, &mut s.back, &mut s.labels);
        if s.labels.iter().all(|&y| y == Label::O as u8) {
            continue;
        }
        crf::marginals(&s.emit, &model.transitions, &mut s.marg, None);
        let chunks = chunks(&s.labels, range.start);
        if std::env::var_os("WHOSAID_DEBUG").is_some() {
            let cues = chunks.iter().filter(|c| c.part == Part::Cue).count();
            let cons = chunks.iter().filter(|c| c.part == Part::Content).count();
            let srcs = chunks.iter().filter(|c| c.part == Part::Source).count();
            let g = group(&chunks, |_| 1.0);
            eprintln!(
                "DBG cues {cues} cons {cons} srcs {srcs} found {} orphan_cons {}",
                g.len(),
                if cues == 0 { cons } else { 0 }
            );
        }
        out.extend(group(&chunks, |c| {
            mean_marginal(&s.marg, &s.labels, c, range.start)
        }));
    }
    debug_assert_eq!(s.feats.len() % NT, 0);
    out
}

/// The stretches of one part in a label sequence whose first token is
/// `offset`.
fn chunks(labels: &[u8], offset: usize) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for (k, &y) in labels.iter().enumerate() {
        let label = Label::from_index(y);
        let Some(part) = label.part() else { continue };
        let i = offset + k;
        match out.last_mut() {
            Some(c) if c.part == part && c.tokens.end == i && !label.begins() => {
                c.tokens.end = i + 1
            }
            _ => out.push(Chunk {
                part,
                tokens: i..i + 1,
            }),
        }
    }
    out
}

/// The mean marginal probability of a chunk's own labels.
fn mean_marginal(marg: &[f64], labels: &[u8], c: &Chunk, offset: usize) -> f32 {
    let r = c.tokens.start - offset..c.tokens.end - offset;
    let n = r.len().max(1) as f64;
    (r.map(|k| marg[k * L + labels[k] as usize]).sum::<f64>() / n) as f32
}

/// Token distance between two stretches (0 when adjacent or touching).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else if b.end <= a.start {
        a.start - b.end
    } else {
        0
    }
}

/// Groups chunks into attributions: every content and source chunk goes
/// to the nearest cue chunk; a cue with no content makes none.
fn group(chunks: &[Chunk], score: impl Fn(&Chunk) -> f32) -> Vec<Found> {
    let cues: Vec<&Chunk> = chunks.iter().filter(|c| c.part == Part::Cue).collect();
    let mut found: Vec<Found> = cues
        .iter()
        .map(|c| Found {
            cue: c.tokens.clone(),
            source: None,
            content: Vec::new(),
            score: 0.0,
        })
        .collect();
    let mut content_scores: Vec<Vec<f32>> = vec![Vec::new(); cues.len()];
    for c in chunks.iter().filter(|c| c.part != Part::Cue) {
        let Some(k) = (0..cues.len()).min_by_key(|&k| (distance(&c.tokens, &cues[k].tokens), k))
        else {
            continue;
        };
        let f = &mut found[k];
        match c.part {
            Part::Source => {
                let nearer = f
                    .source
                    .as_ref()
                    .is_none_or(|s| distance(&c.tokens, &f.cue) < distance(s, &f.cue));
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
    for (k, f) in found.iter_mut().enumerate() {
        let cue = score(cues[k]);
        let content = content_scores[k].iter().sum::<f32>() / content_scores[k].len().max(1) as f32;
        f.score = cue.min(content);
    }
    found.retain(|f| !f.content.is_empty());
    found
}

/// The byte span of tokens `r`.
fn span_of(doc: &Doc, r: &Range<usize>) -> Span {
    Span::new(
        doc.tokens[r.start].span.start,
        doc.tokens[r.end - 1].span.end,
    )
}

/// The claim of a model attribution.
fn claim(r: &super::Resources, doc: &Doc, f: &Found, model: &Model) -> Claim {
    let text = &doc.text;
    let mut content: Vec<Span> = Vec::new();
    for part in &f.content {
        let s = span_of(doc, part);
        // Parts with only white space between them are one.
        match content.last_mut() {
            Some(last) if text[last.end..s.start].trim().is_empty() => last.end = s.end,
            _ => content.push(s),
        }
    }
    let cue = span_of(doc, &f.cue);
    let speaker = f
        .source
        .as_ref()
        .map(|s| {
            let span = span_of(doc, s);
            Mention {
                span,
                kind: mentions::classify(&r.lex, text, span),
                weak: false,
            }
        })
        .or_else(|| {
            if std::env::var_os("WHOSAID_NOREPAIR").is_some() {
                return None;
            }
            let sent = doc.sentences[doc.sentence_at(cue.start)?].span;
            mentions::before(&r.lex, text, sent.start, cue.start)
                .filter(|m| !m.weak)
                .or_else(|| mentions::subject(&r.lex, text, sent, cue.start))
        });
    let quoted = content
        .iter()
        .all(|c| doc.quotes.iter().any(|q| q.span == *c));
    let has_marks = content
        .iter()
        .any(|c| text[c.range()].contains(['"', '“', '”']));
    let kind = if quoted {
        Kind::Direct
    } else if has_marks {
        Kind::Mixed
    } else {
        Kind::Indirect
    };
    let mut c = Claim::new(kind, content, speaker, Some(cue), Rule::Model);
    c.confidence = model.calibrate(f.score);
    c
}

/// The claims of the sieve and the model together: every rule claim
/// stays; a model attribution becomes a claim where no rule claim's
/// content or cue overlaps it.
fn merge(r: &super::Resources, doc: &Doc, mut claims: Vec<Claim>, found: Vec<Found>) -> Vec<Claim> {
    let model = r.model.as_ref().expect("called with a model");
    let policy = std::env::var("WHOSAID_MERGE").unwrap_or_default();
    if policy == "model" || policy == "model_first" {
        let mut out: Vec<Claim> = found.iter().map(|f| claim(r, doc, f, model)).collect();
        if policy == "model_first" {
            let taken: Vec<Span> = out
                .iter()
                .flat_map(|c| c.content.iter().copied().chain(c.cue))
                .collect();
            for c in claims {
                if !c
                    .content
                    .iter()
                    .copied()
                    .chain(c.cue)
                    .any(|s| taken.iter().any(|t| t.overlaps(s)))
                {
                    out.push(c);
                }
            }
        }
        claims = out;
        claims.sort_by_key(|c| (c.start(), c.end()));
        for c in &mut claims {
            if let Some(si) = doc.sentence_at(c.start()) {
                c.sentence = si;
                c.paragraph = doc.sentences[si].paragraph;
            }
        }
        return claims;
    }
    let taken: Vec<Span> = claims
        .iter()
        .flat_map(|c| c.content.iter().copied().chain(c.cue))
        .collect();
    let model_content = std::env::var_os("WHOSAID_MODEL_CONTENT").is_some();
    for f in &found {
        let c = claim(r, doc, f, model);
        let overlaps = c
            .spans()
            .take(c.content.len())
            .chain(c.cue)
            .any(|s| taken.iter().any(|t| t.overlaps(s)));
        if !overlaps {
            claims.push(c);
        } else if model_content {
            // The rule claim with the same cue takes the model's content
            // boundaries, when it reports speech without quote marks.
            if let Some(rc) = claims
                .iter_mut()
                .find(|x| x.cue.is_some_and(|k| c.cue.is_some_and(|m| k.overlaps(m))))
            {
                if rc.kind != Kind::Direct
                    && !c
                        .content
                        .iter()
                        .any(|x| x.overlaps(rc.cue.unwrap_or_default()))
                {
                    rc.content = c.content.clone();
                }
                if let Ok(th) =
                    std::env::var("WHOSAID_MODEL_SOURCE").map(|v| v.parse::<f32>().unwrap_or(0.85))
                {
                    if rc.confidence < th
                        && f.source.is_some()
                        && c.speaker.is_some()
                        && c.speaker != rc.speaker
                    {
                        rc.speaker = c.speaker;
                        rc.speaker_type = c.speaker_type;
                    }
                }
            }
        }
    }
    claims.sort_by_key(|c| (c.start(), c.end()));
    for c in &mut claims {
        if let Some(si) = doc.sentence_at(c.start()) {
            c.sentence = si;
            c.paragraph = doc.sentences[si].paragraph;
        }
    }
    claims
}
