//! The metric of `docs/metric.md`, over token sets.
//!
//! Tokens are the matches of `\w+`; a span's tokens are those lying wholly
//! inside it. Per document, predictions and gold are matched one to one,
//! greedily: candidate pairs share a content token; pairs are taken by
//! larger overlap, then smaller union, then earliest gold, then earliest
//! prediction. A matched pair is a partial match, exact when the content
//! token sets are equal; its source (cue) is right when the two token sets
//! share a token or are both empty.

use super::brat::GoldAttribution;
use crate::doc::Span;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// One prediction, in byte spans.
#[derive(Clone, Debug, Default)]
pub struct Pred {
    pub content: Vec<Span>,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    /// The addressee, where the claims mark its span (whosaid's own run
    /// does; a claims file gives only its text).
    pub addressee: Option<Span>,
    pub rule: String,
    /// The claim's confidence (1 when the claims file has none).
    pub confidence: f32,
    /// Who the speaker is, when the claims say (`speaker_resolved`).
    pub resolved: Option<String>,
    /// The speaker's type (`speaker_type`), when the claims say.
    pub speaker_type: Option<String>,
    /// What the cue reports (`cue_class`), when the claims say.
    pub cue_class: Option<String>,
}

/// What a matched pair got right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Flags {
    pub exact: bool,
    pub source: bool,
    pub cue: bool,
}

/// The other side of a matched pair, and what the pair got right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Index of the gold item (for a prediction) or of the prediction
    /// (for a gold item).
    pub other: usize,
    pub flags: Flags,
}

/// Content tokens of one subset of one document: in the union of gold
/// contents, of predicted contents, and in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenCounts {
    pub gold: usize,
    pub pred: usize,
    pub both: usize,
}

impl std::ops::AddAssign for TokenCounts {
    fn add_assign(&mut self, o: TokenCounts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.both += o.both;
    }
}

/// The matching of one document.
#[derive(Clone, Debug, Default)]
pub struct DocMatch {
    /// For each gold item, its prediction.
    pub gold: Vec<Option<Pair>>,
    /// For each prediction, its gold item.
    pub pred: Vec<Option<Pair>>,
    pub gold_direct: Vec<bool>,
    pub pred_direct: Vec<bool>,
    /// Content token counts per subset (all, direct).
    pub tokens: [TokenCounts; 2],
}

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\w+").expect("valid regex"))
}

/// The `\w+` tokens of a text, as byte spans.
pub fn tokens(text: &str) -> Vec<Span> {
    word_re()
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect()
}

/// Indices of the tokens lying wholly inside any of `spans`, sorted.
fn token_set(toks: &[Span], spans: &[Span]) -> Vec<u32> {
    let mut out = Vec::new();
    for s in spans {
        let i = toks.partition_point(|t| t.start < s.start);
        out.extend(
            (i..toks.len())
                .take_while(|&j| toks[j].start < s.end)
                .filter(|&j| toks[j].end <= s.end)
                .map(|j| j as u32),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many values two sorted, deduplicated lists share (one merge pass).
pub fn overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn agrees(a: &[u32], b: &[u32]) -> bool {
    (a.is_empty() && b.is_empty()) || overlap(a, b) > 0
}

fn has_quote_mark(text: &str, spans: &[Span]) -> bool {
    spans
        .iter()
        .any(|s| text[s.range()].contains(['"', '“', '”']))
}

/// Matches the predictions of one document to its gold.
pub fn match_doc(text: &str, gold: &[GoldAttribution], preds: &[Pred]) -> DocMatch {
    let toks = tokens(text);
    let g_content: Vec<Vec<u32>> = gold.iter().map(|g| token_set(&toks, &g.content)).collect();
    let p_content: Vec<Vec<u32>> = preds.iter().map(|p| token_set(&toks, &p.content)).collect();
    let mut cands = Vec::new();
    for (gi, g) in g_content.iter().enumerate() {
        for (pi, p) in p_content.iter().enumerate() {
            let o = overlap(g, p);
            if o > 0 {
                cands.push((std::cmp::Reverse(o), g.len() + p.len() - o, gi, pi));
            }
        }
    }
    cands.sort_unstable();
    let mut m = DocMatch {
        gold: vec![None; gold.len()],
        pred: vec![None; preds.len()],
        gold_direct: gold
            .iter()
            .map(|g| has_quote_mark(text, &g.content))
            .collect(),
        pred_direct: preds
            .iter()
            .map(|p| has_quote_mark(text, &p.content))
            .collect(),
        tokens: [TokenCounts::default(); 2],
    };
    for (_, _, gi, pi) in cands {
        if m.gold[gi].is_some() || m.pred[pi].is_some() {
            continue;
        }
        let g = &gold[gi];
        let p = &preds[pi];
        let flags = Flags {
            exact: g_content[gi] == p_content[pi],
            source: agrees(
                &token_set(&toks, &g.source),
                &token_set(&toks, p.source.as_slice()),
            ),
            cue: agrees(
                &token_set(&toks, &g.cue),
                &token_set(&toks, p.cue.as_slice()),
            ),
        };
        m.gold[gi] = Some(Pair { other: pi, flags });
        m.pred[pi] = Some(Pair { other: gi, flags });
    }
    for (k, direct_only) in [false, true].into_iter().enumerate() {
        let union = |sets: &[Vec<u32>], direct: &[bool]| {
            let mut u: Vec<u32> = sets
                .iter()
                .zip(direct)
                .filter(|(_, d)| **d || !direct_only)
                .flat_map(|(s, _)| s.iter().copied())
                .collect();
            u.sort_unstable();
            u.dedup();
            u
        };
        let gu = union(&g_content, &m.gold_direct);
        let pu = union(&p_content, &m.pred_direct);
        m.tokens[k] = TokenCounts {
            gold: gu.len(),
            pred: pu.len(),
            both: overlap(&gu, &pu),
        };
    }
    m
}

/// Counts for one subset, summed over documents.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    /// True gold / true predictions per criterion: partial, exact,
    /// attribution, cue.
    pub tp_gold: [usize; 4],
    pub tp_pred: [usize; 4],
    pub tok: TokenCounts,
    pub matched: usize,
    pub source_ok: usize,
}

fn criteria(f: Flags) -> [bool; 4] {
    [true, f.exact, f.source, f.cue]
}

impl Counts {
    /// Adds one document; `direct_only` selects the subset.
    pub fn add(&mut self, m: &DocMatch, direct_only: bool) {
        for (gi, g) in m.gold.iter().enumerate() {
            if direct_only && !m.gold_direct[gi] {
                continue;
            }
            self.gold += 1;
            if let Some(pair) = g {
                for (k, ok) in criteria(pair.flags).into_iter().enumerate() {
                    self.tp_gold[k] += ok as usize;
                }
                self.matched += 1;
                self.source_ok += pair.flags.source as usize;
            }
        }
        for (pi, p) in m.pred.iter().enumerate() {
            if direct_only && !m.pred_direct[pi] {
                continue;
            }
            self.pred += 1;
            if let Some(pair) = p {
                for (k, ok) in criteria(pair.flags).into_iter().enumerate() {
                    self.tp_pred[k] += ok as usize;
                }
            }
        }
        self.tok += m.tokens[direct_only as usize];
    }
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

/// `a / b`, 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Prf {
    pub fn new(p: f64, r: f64) -> Self {
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf { p, r, f1 }
    }
}

/// The scores of one subset, as printed by `whosaid eval --json`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SubsetScores {
    pub content_partial: Prf,
    pub content_exact: Prf,
    pub attribution: Prf,
    pub cue: Prf,
    pub content_token: Prf,
    pub source_accuracy: f64,
    pub gold: usize,
    pub predicted: usize,
}

impl From<&Counts> for SubsetScores {
    fn from(c: &Counts) -> Self {
        let prf = |k: usize| Prf::new(ratio(c.tp_pred[k], c.pred), ratio(c.tp_gold[k], c.gold));
        SubsetScores {
            content_partial: prf(0),
            content_exact: prf(1),
            attribution: prf(2),
            cue: prf(3),
            content_token: Prf::new(ratio(c.tok.both, c.tok.pred), ratio(c.tok.both, c.tok.gold)),
            source_accuracy: ratio(c.source_ok, c.matched),
            gold: c.gold,
            predicted: c.pred,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Scores {
    pub all: SubsetScores,
    pub direct: SubsetScores,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(text: &str, needle: &str) -> Span {
        let i = text.find(needle).unwrap();
        Span::new(i, i + needle.len())
    }

    fn gold(text: &str, content: &[&str], source: Option<&str>, cue: &str) -> GoldAttribution {
        GoldAttribution {
            content: content.iter().map(|c| sp(text, c)).collect(),
            source: source.map(|s| vec![sp(text, s)]).unwrap_or_default(),
            cue: vec![sp(text, cue)],
            ..GoldAttribution::default()
        }
    }

    fn pred(text: &str, content: &[&str], source: Option<&str>, cue: Option<&str>) -> Pred {
        Pred {
            content: content.iter().map(|c| sp(text, c)).collect(),
            source: source.map(|s| sp(text, s)),
            cue: cue.map(|c| sp(text, c)),
            rule: "r".into(),
            confidence: 1.0,
            ..Pred::default()
        }
    }

    fn scores(text: &str, g: &[GoldAttribution], p: &[Pred]) -> Scores {
        let m = match_doc(text, g, p);
        let (mut a, mut d) = (Counts::default(), Counts::default());
        a.add(&m, false);
        d.add(&m, true);
        Scores {
            all: (&a).into(),
            direct: (&d).into(),
        }
    }

    #[test]
    fn greedy_prefers_larger_overlap_then_smaller_union() {
        let t = "one two three four five six";
        let g = [
            gold(t, &["one two three"], None, "six"),
            gold(t, &["three four five"], None, "six"),
        ];
        // p0 overlaps g0 by 1 (three) and g1 by 3; p1 overlaps g0 by 2.
        let p = [
            pred(t, &["three four five"], None, None),
            pred(t, &["one two"], None, None),
        ];
        let m = match_doc(t, &g, &p);
        assert_eq!(m.gold[0].map(|x| x.other), Some(1));
        assert_eq!(m.gold[1].map(|x| x.other), Some(0));
        assert!(m.gold[1].unwrap().flags.exact);
        assert!(!m.gold[0].unwrap().flags.exact);
    }

    #[test]
    fn tie_goes_to_earliest_gold() {
        let t = "alpha beta gamma";
        let g = [
            gold(t, &["alpha beta"], None, "gamma"),
            gold(t, &["beta gamma"], None, "alpha"),
        ];
        let p = [pred(t, &["beta"], None, None)];
        let m = match_doc(t, &g, &p);
        // Both overlap by 1; unions 2 and 2: earliest gold wins.
        assert_eq!(m.pred[0].map(|x| x.other), Some(0));
    }

    #[test]
    fn discontinuous_source_and_no_source() {
        let t = "“Go,” he said, “now.” Later it rained, reports said.";
        let g = [
            gold(t, &["“Go,”", "“now.”"], Some("he"), "said"),
            gold(t, &["it rained"], None, "reports said"),
        ];
        let p = [
            pred(t, &["“now.”"], Some("he"), Some("said")),
            pred(t, &["it rained"], None, Some("said")),
        ];
        let s = scores(t, &g, &p);
        assert_eq!(s.all.content_partial, Prf::new(1.0, 1.0));
        assert_eq!(s.all.content_exact, Prf::new(0.5, 0.5));
        // both sources agree: shared "he", and both empty.
        assert_eq!(s.all.attribution, Prf::new(1.0, 1.0));
        assert_eq!(s.direct.gold, 1);
        assert_eq!(s.direct.predicted, 1);
        assert_eq!(s.all.source_accuracy, 1.0);
    }

    #[test]
    fn unmatched_prediction_and_empty_document() {
        let t = "The sky is blue, she said. Nothing else.";
        let g = [gold(t, &["The sky is blue"], Some("she"), "said")];
        let p = [pred(t, &["Nothing else"], Some("she"), None)];
        let s = scores(t, &g, &p);
        assert_eq!(s.all.content_partial, Prf::new(0.0, 0.0));
        let e = scores("", &[], &[]);
        assert_eq!(e.all.content_partial, Prf::new(0.0, 0.0));
        assert_eq!(e.all.content_token, Prf::new(0.0, 0.0));
    }

    #[test]
    fn content_tokens_are_unions() {
        let t = "a b c d";
        let g = [gold(t, &["a b c"], None, "d")];
        let p = [pred(t, &["b c d"], None, None)];
        let s = scores(t, &g, &p);
        assert!((s.all.content_token.p - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.all.content_token.r - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn wrong_source_is_a_partial_match_but_not_attribution() {
        let t = "“Fine,” Roe said to Poe.";
        let g = [gold(t, &["“Fine,”"], Some("Roe"), "said")];
        let p = [pred(t, &["“Fine,”"], Some("Poe"), Some("said"))];
        let s = scores(t, &g, &p);
        assert_eq!(s.all.content_partial.p, 1.0);
        assert_eq!(s.all.attribution.p, 0.0);
        assert_eq!(s.all.cue.p, 1.0);
        assert_eq!(s.all.source_accuracy, 0.0);
    }
}
