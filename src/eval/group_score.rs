//! The German dataset's own score (Petersen-Frey and Biemann, LREC-COLING
//! 2024: the `eval/eval.py` of their repository, which published German
//! results use), beside whosaid's metric, for gold that carries its own
//! tokens (the JSON layout).
//!
//! Each attribution is a group of token sets: the quotation (the
//! message) and its roles, addressee, cue, frame and speaker. Within a
//! document, gold and predicted groups are paired by an optimal
//! assignment that maximizes the token F1 of their messages (plus 0.01
//! where their types agree); as the original's assignment does, every
//! group of the smaller side is paired, with no overlap too. Each pair,
//! and each group left over (against an empty one), gives per part the
//! tokens both hold, only the prediction holds and only the gold holds,
//! and from them a precision and a recall where defined. The scores are
//! macro averages over those: messages (the quotation), roles (the
//! four roles pooled), joint (all five), each with the harmonic mean of
//! its precision and recall; and the type ("form") of the paired
//! attributions, micro-averaged.
//!
//! A claim's parts are the gold tokens lying wholly inside its spans: its
//! content, speaker, cue and addressee; its frame, which whosaid does not
//! mark, is read as the annotators mark it: the tokens of its cue's
//! sentence outside the content, without the sentence's closing mark
//! (none without a cue). Its type is `Direct` for content in quotation
//! marks, `IndirectFreeIndirect` for a `subjunctive_run`, else
//! `Indirect`. A claims file (`eval --pred`) holds no addressee span:
//! its claims score without one.

use serde::Serialize;

use super::brat::{GoldDoc, GoldToken};
use super::metric::{Pred, Prf, ratio};
use crate::doc::Span;

/// The dataset's scores (fractions 0–1).
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct GroupScores {
    pub messages: Prf,
    pub roles: Prf,
    pub joint: Prf,
    pub form: Prf,
}

/// The parts of a group, in the original's order: the message, then the
/// roles addressee, cue, frame and speaker.
const PARTS: usize = 5;

/// One attribution as token sets (sorted token indices) and a type.
#[derive(Clone, Debug, Default)]
struct Group {
    parts: [Vec<u32>; PARTS],
    form: &'static str,
}

/// The sums behind the scores.
#[derive(Default)]
struct Sums {
    /// Per part, the sum of defined precisions and their number; the
    /// same for recalls.
    p: [(f64, usize); PARTS],
    r: [(f64, usize); PARTS],
    form_tp: usize,
    form_fp: usize,
    form_fn: usize,
}

/// The tokens of `doc` lying wholly inside any of `spans`.
fn tokens_in(tokens: &[GoldToken], spans: &[Span]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for s in spans {
        let from = tokens.partition_point(|t| t.span.start < s.start);
        for (i, t) in tokens.iter().enumerate().skip(from) {
            if t.span.start >= s.end {
                break;
            }
            if t.span.end <= s.end {
                out.push(i as u32);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The gold groups of `doc`.
fn gold_groups(doc: &GoldDoc) -> Vec<Group> {
    let form = |k: &str| match k {
        "Direct" => "Direct",
        "Indirect" => "Indirect",
        "FreeIndirect" => "FreeIndirect",
        "IndirectFreeIndirect" => "IndirectFreeIndirect",
        "Reported" => "Reported",
        _ => "",
    };
    doc.attributions
        .iter()
        .map(|a| Group {
            parts: [
                tokens_in(&doc.tokens, &a.content),
                tokens_in(&doc.tokens, &a.addressee),
                tokens_in(&doc.tokens, &a.cue),
                tokens_in(&doc.tokens, &a.frame),
                tokens_in(&doc.tokens, &a.source),
            ],
            form: form(&a.kind),
        })
        .collect()
}

/// The group of a predicted claim on `doc`.
fn pred_group(doc: &GoldDoc, p: &Pred) -> Group {
    let tokens = &doc.tokens;
    let content = tokens_in(tokens, &p.content);
    let cue = tokens_in(tokens, p.cue.as_slice());
    // The frame: the cue's sentence outside the content, without its
    // closing mark.
    let frame = cue.first().map_or_else(Vec::new, |&c| {
        let sentence = tokens[c as usize].sentence;
        let all: Vec<u32> = (0..tokens.len() as u32)
            .filter(|&i| tokens[i as usize].sentence == sentence)
            .collect();
        let last = all.last().copied().filter(|&i| {
            let t = &doc.text[tokens[i as usize].span.range()];
            matches!(t, "." | "!" | "?" | ":")
        });
        all.into_iter()
            .filter(|i| Some(*i) != last && content.binary_search(i).is_err())
            .collect()
    });
    let text: String = p.content.iter().map(|s| &doc.text[s.range()]).collect();
    let quoted =
        |c: Option<char>| c.is_some_and(|c| matches!(c, '"' | '„' | '“' | '”' | '»' | '«'));
    let form = if p.rule == "subjunctive_run" {
        "IndirectFreeIndirect"
    } else if quoted(text.chars().next()) && quoted(text.chars().next_back()) {
        "Direct"
    } else {
        "Indirect"
    };
    Group {
        parts: [
            content,
            tokens_in(tokens, p.addressee.as_slice()),
            cue,
            frame,
            tokens_in(tokens, p.source.as_slice()),
        ],
        form,
    }
}

/// (both, only in `gold`, only in `pred`) of two sorted token sets.
fn overlap(gold: &[u32], pred: &[u32]) -> (usize, usize, usize) {
    let (mut g, mut s, mut both) = (0, 0, 0);
    while g < gold.len() && s < pred.len() {
        match gold[g].cmp(&pred[s]) {
            std::cmp::Ordering::Equal => {
                both += 1;
                g += 1;
                s += 1;
            }
            std::cmp::Ordering::Less => g += 1,
            std::cmp::Ordering::Greater => s += 1,
        }
    }
    (both, gold.len() - both, pred.len() - both)
}

/// The token F1 of two messages (0 when either is empty).
fn message_f1(gold: &[u32], pred: &[u32]) -> f64 {
    let (both, only_g, only_s) = overlap(gold, pred);
    if both == 0 {
        return 0.0;
    }
    let p = both as f64 / (both + only_s) as f64;
    let r = both as f64 / (both + only_g) as f64;
    2.0 * p * r / (p + r)
}

impl Sums {
    /// Adds the pair (`gold`, `pred`), either of which may be empty.
    fn add(&mut self, gold: &Group, pred: &Group) {
        for k in 0..PARTS {
            let (tp, fn_, fp) = overlap(&gold.parts[k], &pred.parts[k]);
            if tp + fp > 0 {
                self.p[k].0 += tp as f64 / (tp + fp) as f64;
                self.p[k].1 += 1;
            }
            if tp + fn_ > 0 {
                self.r[k].0 += tp as f64 / (tp + fn_) as f64;
                self.r[k].1 += 1;
            }
        }
        if gold.form == pred.form {
            if !gold.form.is_empty() {
                self.form_tp += 1;
            }
        } else {
            self.form_fp += usize::from(!pred.form.is_empty());
            self.form_fn += usize::from(!gold.form.is_empty());
        }
    }

    /// The macro precision and recall over `parts`.
    fn macro_prf(&self, parts: std::ops::Range<usize>) -> Prf {
        let mean = |v: &[(f64, usize)]| {
            let (sum, n) = v.iter().fold((0.0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
            if n == 0 { 0.0 } else { sum / n as f64 }
        };
        let p = mean(&self.p[parts.clone()]);
        let r = mean(&self.r[parts]);
        Prf::new(p, r)
    }
}

/// The dataset's scores of `preds` (one entry per document of `docs`,
/// `None` for one whose claims could not be read, which is left out) on
/// the documents that carry their own tokens; `None` when none does.
pub fn score(docs: &[&GoldDoc], preds: &[Option<Vec<Pred>>]) -> Option<GroupScores> {
    let mut sums = Sums::default();
    let mut any = false;
    for (doc, pr) in docs.iter().zip(preds) {
        let Some(pr) = pr else { continue };
        if doc.tokens.is_empty() {
            continue;
        }
        any = true;
        let gold = gold_groups(doc);
        let sys: Vec<Group> = pr.iter().map(|p| pred_group(doc, p)).collect();
        let scores: Vec<Vec<f64>> = gold
            .iter()
            .map(|g| {
                sys.iter()
                    .map(|s| {
                        let f1 = message_f1(&g.parts[0], &s.parts[0]);
                        let bonus = if f1 > 0.0 && g.form == s.form {
                            0.01
                        } else {
                            0.0
                        };
                        f1 + bonus
                    })
                    .collect()
            })
            .collect();
        let pairs = assign(&scores, gold.len(), sys.len());
        let empty = Group::default();
        let (mut g_used, mut s_used) = (vec![false; gold.len()], vec![false; sys.len()]);
        for &(gi, si) in &pairs {
            sums.add(&gold[gi], &sys[si]);
            g_used[gi] = true;
            s_used[si] = true;
        }
        for (s, _) in sys.iter().zip(&s_used).filter(|(_, used)| !**used) {
            sums.add(&empty, s);
        }
        for (g, _) in gold.iter().zip(&g_used).filter(|(_, used)| !**used) {
            sums.add(g, &empty);
        }
    }
    if !any {
        return None;
    }
    let form_p = ratio(sums.form_tp, sums.form_tp + sums.form_fp);
    let form_r = ratio(sums.form_tp, sums.form_tp + sums.form_fn);
    Some(GroupScores {
        messages: sums.macro_prf(0..1),
        roles: sums.macro_prf(1..PARTS),
        joint: sums.macro_prf(0..PARTS),
        form: Prf::new(form_p, form_r),
    })
}

/// The assignment of rows (gold) to columns (predictions) of `scores`
/// (`n` × `m`) that maximizes the sum of the paired scores, pairing
/// min(n, m) of them: the Hungarian method with potentials, on costs
/// `-score`, over the smaller side as rows. Returns (row, column) pairs.
fn assign(scores: &[Vec<f64>], n: usize, m: usize) -> Vec<(usize, usize)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let transpose = n > m;
    let (rows, cols) = if transpose { (m, n) } else { (n, m) };
    let cost = |i: usize, j: usize| {
        if transpose {
            -scores[j][i]
        } else {
            -scores[i][j]
        }
    };
    // 1-based arrays: u, v the potentials, p[j] the row matched to column
    // j, way[j] the column before j on the augmenting path.
    let mut u = vec![0.0f64; rows + 1];
    let mut v = vec![0.0f64; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=rows {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=cols {
                if used[j] {
                    continue;
                }
                let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out: Vec<(usize, usize)> = (1..=cols)
        .filter(|&j| p[j] != 0)
        .map(|j| {
            let (r, c) = (p[j] - 1, j - 1);
            if transpose { (c, r) } else { (r, c) }
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignment_maximizes_the_sum_and_pairs_the_smaller_side() {
        let s = vec![vec![0.9, 0.8], vec![0.85, 0.0], vec![0.0, 0.0]];
        // Row 0 to column 1 and row 1 to column 0 (1.65) beat row 0 to
        // column 0 (0.9 + 0.0).
        assert_eq!(assign(&s, 3, 2), vec![(0, 1), (1, 0)]);
        let t = vec![vec![0.0, 0.5, 0.0]];
        assert_eq!(assign(&t, 1, 3), vec![(0, 1)]);
        // With no overlap at all, pairs are still made.
        assert_eq!(assign(&[vec![0.0]], 1, 1), vec![(0, 0)]);
    }

    #[test]
    fn parts_are_token_sets_and_scores_macro_averages() {
        // "Sie sagte: „Ja.“" with tokens Sie | sagte | : | „ | Ja | . | “
        let text = "Sie sagte: „Ja.“";
        let cuts = [
            (0, 3),
            (4, 9),
            (9, 10),
            (11, 14),
            (14, 16),
            (16, 17),
            (17, 20),
        ];
        let tokens: Vec<GoldToken> = cuts
            .iter()
            .map(|&(a, b)| GoldToken {
                span: Span::new(a, b),
                sentence: 0,
            })
            .collect();
        let gold = super::super::brat::GoldAttribution {
            content: vec![Span::new(11, 20)],
            source: vec![Span::new(0, 3)],
            cue: vec![Span::new(4, 9)],
            frame: vec![Span::new(0, 10)],
            kind: "Direct".into(),
            ..Default::default()
        };
        let doc = GoldDoc {
            name: "d".into(),
            text: text.into(),
            attributions: vec![gold],
            lang: crate::lexicon::Lang::De,
            tokens,
        };
        let pred = Pred {
            content: vec![Span::new(11, 20)],
            source: Some(Span::new(0, 3)),
            cue: Some(Span::new(4, 9)),
            rule: "speaker_cue_quote".into(),
            ..Pred::default()
        };
        let s = score(&[&doc], &[Some(vec![pred])]).unwrap();
        assert_eq!(s.messages, Prf::new(1.0, 1.0));
        // Addressee: neither has one (no precision, no recall); cue,
        // speaker and frame (Sie sagte :) all right.
        assert_eq!(s.roles, Prf::new(1.0, 1.0));
        assert_eq!(s.form, Prf::new(1.0, 1.0));
        // A claim with nothing right: a second, empty-handed group.
        let wrong = Pred {
            content: vec![Span::new(0, 3)],
            rule: "model".into(),
            ..Pred::default()
        };
        let s = score(&[&doc], &[Some(vec![wrong])]).unwrap();
        assert_eq!(s.messages, Prf::new(0.0, 0.0));
    }
}
