//! A linear-chain CRF over per-token emission scores: Viterbi decoding and
//! marginal probabilities (forward-backward, scaled). Labels are few (see
//! [`super::Label`]), so every step is a small dense loop.

use super::{L, STRIDE};

/// One position's scores, a lane per label (the last lane unused), so
/// that a step over all labels is a few vector operations.
pub type Row = [f32; STRIDE];

/// The rows of `m` (L × L, row-major) as [`Row`]s, the unused lane 0.
fn rows_of(m: impl Fn(usize, usize) -> f32) -> [Row; L] {
    let mut out = [[0f32; STRIDE]; L];
    for (a, row) in out.iter_mut().enumerate() {
        for (b, x) in row.iter_mut().enumerate().take(L) {
            *x = m(a, b);
        }
    }
    out
}

/// Transition scores: `trans[a * L + b]` from label `a` to label `b`, and
/// the scores of starting and ending a sequence in a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Transitions {
    pub trans: [f32; L * L],
    pub start: [f32; L],
    pub end: [f32; L],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            trans: [0.0; L * L],
            start: [0.0; L],
            end: [0.0; L],
        }
    }
}

/// The best label sequence for `emit` (n × L scores), into `out`;
/// `back` is scratch space.
pub fn viterbi(emit: &[f32], t: &Transitions, back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let n = emit.len() / L;
    out.clear();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n * L, 0);
    let mut score = [0f32; L];
    for y in 0..L {
        score[y] = t.start[y] + emit[y];
    }
    for i in 1..n {
        let mut next = [0f32; L];
        for y in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (p, s) in score.iter().enumerate() {
                let v = s + t.trans[p * L + y];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            next[y] = best + emit[i * L + y];
            back[i * L + y] = arg;
        }
        score = next;
    }
    let mut best = f32::NEG_INFINITY;
    let mut y = 0usize;
    for (k, s) in score.iter().enumerate() {
        let v = s + t.end[k];
        if v > best {
            best = v;
            y = k;
        }
    }
    out.resize(n, 0);
    out[n - 1] = y as u8;
    for i in (1..n).rev() {
        y = back[i * L + y] as usize;
        out[i - 1] = y as u8;
    }
}

/// [`viterbi`] over emission rows ([`Row`] per position), keeping what
/// it computes on the way: `fwd[i][y]`, the score of the best labels of
/// positions `..=i` that end in `y` (the forward half of
/// [`max_marginals`], by the same operations in the same order). The best
/// label sequence goes into `out`.
///
/// The forward pass keeps only scores (a vector maximum per label
/// before); the back pointers are found again while tracing back, from
/// the same sums compared in the same order, so they are the ones the
/// scalar loop keeps: the first label with the highest score.
#[inline(always)]
pub fn viterbi_rows(emit: &[Row], t: &Transitions, fwd: &mut Vec<Row>, out: &mut Vec<u8>) {
    let n = emit.len();
    out.clear();
    fwd.clear();
    let Some(first) = emit.first() else { return };
    fwd.reserve(n);
    // tr[p][y]: from label p to label y.
    let tr = rows_of(|p, y| t.trans[p * L + y]);
    let mut score = [0f32; STRIDE];
    for y in 0..L {
        score[y] = t.start[y] + first[y];
    }
    fwd.push(score);
    for e in &emit[1..] {
        let mut best = [f32::NEG_INFINITY; STRIDE];
        for (p, row) in tr.iter().enumerate() {
            let s = score[p];
            for y in 0..STRIDE {
                let v = s + row[y];
                // Strictly greater: a tie keeps the earlier label's (equal)
                // score, as the scalar loop does.
                best[y] = if v > best[y] { v } else { best[y] };
            }
        }
        for y in 0..STRIDE {
            score[y] = best[y] + e[y];
        }
        fwd.push(score);
    }
    let mut y = best_label(&score, |k| t.end[k]);
    out.resize(n, 0);
    out[n - 1] = y as u8;
    for i in (1..n).rev() {
        y = best_label(&fwd[i - 1], |p| t.trans[p * L + y]);
        out[i - 1] = y as u8;
    }
}

/// The first label `k` with the highest `score[k] + plus(k)`.
#[inline]
fn best_label(score: &Row, plus: impl Fn(usize) -> f32) -> usize {
    let mut best = f32::NEG_INFINITY;
    let mut y = 0usize;
    for (k, s) in score.iter().enumerate().take(L) {
        let v = s + plus(k);
        if v > best {
            best = v;
            y = k;
        }
    }
    y
}

/// The backward half of [`max_marginals`] over emission rows, for
/// positions `from..n` only: `bwd[i - from][y]`, the score of the best
/// labels after position `i` given label `y` there (end score included),
/// by the same operations as [`max_marginals`]. Added to
/// [`viterbi_rows`]' `fwd[i]`, it is the max-marginal row of position `i`.
#[inline(always)]
pub fn backward_rows(emit: &[Row], t: &Transitions, from: usize, bwd: &mut Vec<Row>) {
    let n = emit.len();
    bwd.clear();
    if from >= n {
        return;
    }
    bwd.resize(n - from, [0f32; STRIDE]);
    bwd[n - 1 - from][..L].copy_from_slice(&t.end);
    // tt[z][y]: from label y to label z (the transposed transitions).
    let tt = rows_of(|z, y| t.trans[y * L + z]);
    for i in (from..n - 1).rev() {
        let (e, b) = (&emit[i + 1], bwd[i + 1 - from]);
        let mut best = [f32::NEG_INFINITY; STRIDE];
        for (z, row) in tt.iter().enumerate() {
            let (ez, bz) = (e[z], b[z]);
            for y in 0..STRIDE {
                // (transition + emission) + rest, as max_marginals adds.
                let v = row[y] + ez + bz;
                best[y] = if v > best[y] { v } else { best[y] };
            }
        }
        bwd[i - from] = best;
    }
}

/// Max-marginals: for each position and label, the score of the best
/// label sequence that passes through that label there (n × L, into
/// `out`). The best sequence's own labels score highest; how far the
/// runner-up stands below says how sure the model is.
pub fn max_marginals(emit: &[f32], t: &Transitions, out: &mut Vec<f32>) {
    let n = emit.len() / L;
    out.clear();
    if n == 0 {
        return;
    }
    let mut fwd = vec![0f32; n * L];
    for y in 0..L {
        fwd[y] = t.start[y] + emit[y];
    }
    for i in 1..n {
        for y in 0..L {
            let best = (0..L)
                .map(|p| fwd[(i - 1) * L + p] + t.trans[p * L + y])
                .fold(f32::NEG_INFINITY, f32::max);
            fwd[i * L + y] = best + emit[i * L + y];
        }
    }
    let mut bwd = vec![0f32; n * L];
    bwd[(n - 1) * L..].copy_from_slice(&t.end);
    for i in (0..n - 1).rev() {
        for y in 0..L {
            bwd[i * L + y] = (0..L)
                .map(|z| t.trans[y * L + z] + emit[(i + 1) * L + z] + bwd[(i + 1) * L + z])
                .fold(f32::NEG_INFINITY, f32::max);
        }
    }
    out.extend(fwd.iter().zip(&bwd).map(|(a, b)| a + b));
}

/// Forward-backward in f64 with per-position scaling. Fills `marg` with
/// the marginal probability of each label at each position (n × L) and,
/// if given, `pair` with the summed pairwise marginals of transitions
/// (L × L); returns log Z.
pub fn marginals(
    emit: &[f32],
    t: &Transitions,
    marg: &mut Vec<f64>,
    pair: Option<&mut [f64; L * L]>,
) -> f64 {
    let n = emit.len() / L;
    marg.clear();
    if n == 0 {
        return 0.0;
    }
    // Potentials in the exp domain, shifted by each position's maximum.
    let mut ex = vec![0f64; n * L];
    let mut shift = vec![0f64; n];
    for i in 0..n {
        let row = &emit[i * L..(i + 1) * L];
        let m = row.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)) as f64;
        shift[i] = m;
        for y in 0..L {
            ex[i * L + y] = (row[y] as f64 - m).exp();
        }
    }
    // Transition, start and end potentials shifted by their maxima too
    // (every path takes n - 1 transitions, one start and one end).
    let max_of = |v: &[f32]| v.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)) as f64;
    let (mt, ms, me) = (max_of(&t.trans), max_of(&t.start), max_of(&t.end));
    let tr: Vec<f64> = t.trans.iter().map(|&x| (x as f64 - mt).exp()).collect();
    let mut alpha = vec![0f64; n * L];
    let mut scale = vec![0f64; n];
    for y in 0..L {
        alpha[y] = (t.start[y] as f64 - ms).exp() * ex[y];
    }
    scale[0] = alpha[..L].iter().sum();
    for a in &mut alpha[..L] {
        *a /= scale[0];
    }
    for i in 1..n {
        for y in 0..L {
            let mut s = 0.0;
            for p in 0..L {
                s += alpha[(i - 1) * L + p] * tr[p * L + y];
            }
            alpha[i * L + y] = s * ex[i * L + y];
        }
        scale[i] = alpha[i * L..(i + 1) * L].iter().sum();
        for a in &mut alpha[i * L..(i + 1) * L] {
            *a /= scale[i];
        }
    }
    let end: Vec<f64> = t.end.iter().map(|&x| (x as f64 - me).exp()).collect();
    let z_last: f64 = (0..L).map(|y| alpha[(n - 1) * L + y] * end[y]).sum();
    let mut beta = vec![0f64; n * L];
    for y in 0..L {
        beta[(n - 1) * L + y] = end[y] / z_last;
    }
    for i in (0..n - 1).rev() {
        for p in 0..L {
            let mut s = 0.0;
            for y in 0..L {
                s += tr[p * L + y] * ex[(i + 1) * L + y] * beta[(i + 1) * L + y];
            }
            beta[i * L + p] = s / scale[i + 1];
        }
    }
    marg.resize(n * L, 0.0);
    for i in 0..n * L {
        marg[i] = alpha[i] * beta[i];
    }
    if let Some(pair) = pair {
        for i in 1..n {
            for p in 0..L {
                let a = alpha[(i - 1) * L + p];
                for y in 0..L {
                    pair[p * L + y] +=
                        a * tr[p * L + y] * ex[i * L + y] * beta[i * L + y] / scale[i];
                }
            }
        }
    }
    scale.iter().map(|s| s.ln()).sum::<f64>()
        + shift.iter().sum::<f64>()
        + z_last.ln()
        + mt * (n - 1) as f64
        + ms
        + me
}

/// The score of the label sequence `ys` (start, emissions, transitions,
/// end).
pub fn path_score(emit: &[f32], t: &Transitions, ys: &[u8]) -> f64 {
    let mut s = 0f64;
    for (i, &y) in ys.iter().enumerate() {
        let y = y as usize;
        s += emit[i * L + y] as f64;
        if i == 0 {
            s += t.start[y] as f64;
        } else {
            s += t.trans[ys[i - 1] as usize * L + y] as f64;
        }
    }
    if let Some(&last) = ys.last() {
        s += t.end[last as usize] as f64;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label sequence of length `n`, for brute-force checks.
    fn all_paths(n: usize) -> Vec<Vec<u8>> {
        let mut out = vec![vec![]];
        for _ in 0..n {
            out = out
                .into_iter()
                .flat_map(|p| {
                    (0..L as u8).map(move |y| {
                        let mut q = p.clone();
                        q.push(y);
                        q
                    })
                })
                .collect();
        }
        out
    }

    fn example(n: usize) -> (Vec<f32>, Transitions) {
        let mut x = 7u32;
        let mut next = || {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            ((x >> 8) % 1000) as f32 / 250.0 - 2.0
        };
        let emit: Vec<f32> = (0..n * L).map(|_| next()).collect();
        let mut t = Transitions::default();
        for v in t.trans.iter_mut().chain(&mut t.start).chain(&mut t.end) {
            *v = next();
        }
        (emit, t)
    }

    #[test]
    fn viterbi_finds_the_best_path() {
        let (emit, t) = example(4);
        let best = all_paths(4)
            .into_iter()
            .max_by(|a, b| path_score(&emit, &t, a).total_cmp(&path_score(&emit, &t, b)))
            .unwrap();
        let mut out = Vec::new();
        viterbi(&emit, &t, &mut Vec::new(), &mut out);
        assert_eq!(out, best);
    }

    #[test]
    fn the_row_versions_agree_with_the_scalar_ones() {
        for n in [1usize, 2, 5, 9] {
            let (emit, t) = example(n);
            let rows: Vec<Row> = emit
                .chunks_exact(L)
                .map(|e| {
                    let mut r = [0f32; STRIDE];
                    r[..L].copy_from_slice(e);
                    r
                })
                .collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            viterbi(&emit, &t, &mut Vec::new(), &mut a);
            let (mut fwd, mut bwd) = (Vec::new(), Vec::new());
            viterbi_rows(&rows, &t, &mut fwd, &mut b);
            assert_eq!(a, b);
            let mut mm = Vec::new();
            max_marginals(&emit, &t, &mut mm);
            for from in [0, n / 2] {
                backward_rows(&rows, &t, from, &mut bwd);
                for i in from..n {
                    for y in 0..L {
                        let v = fwd[i][y] + bwd[i - from][y];
                        assert_eq!(v.to_bits(), mm[i * L + y].to_bits());
                    }
                }
            }
        }
    }

    #[test]
    fn max_marginals_agree_with_enumeration() {
        let (emit, t) = example(3);
        let paths = all_paths(3);
        let mut mm = Vec::new();
        max_marginals(&emit, &t, &mut mm);
        for i in 0..3 {
            for y in 0..L {
                let best = paths
                    .iter()
                    .filter(|p| p[i] as usize == y)
                    .map(|p| path_score(&emit, &t, p))
                    .fold(f64::NEG_INFINITY, f64::max);
                assert!((mm[i * L + y] as f64 - best).abs() < 1e-4);
            }
        }
    }

    #[test]
    fn marginals_and_log_z_agree_with_enumeration() {
        let (emit, t) = example(3);
        let paths = all_paths(3);
        let z: f64 = paths.iter().map(|p| path_score(&emit, &t, p).exp()).sum();
        let mut marg = Vec::new();
        let mut pair = [0f64; L * L];
        let log_z = marginals(&emit, &t, &mut marg, Some(&mut pair));
        assert!((log_z - z.ln()).abs() < 1e-6, "{log_z} vs {}", z.ln());
        for i in 0..3 {
            for y in 0..L {
                let m: f64 = paths
                    .iter()
                    .filter(|p| p[i] as usize == y)
                    .map(|p| path_score(&emit, &t, p).exp())
                    .sum::<f64>()
                    / z;
                assert!((marg[i * L + y] - m).abs() < 1e-9);
            }
        }
        let want: f64 = paths
            .iter()
            .map(|p| {
                let w = path_score(&emit, &t, p).exp() / z;
                w * p.windows(2).filter(|x| x[0] == 1 && x[1] == 2).count() as f64
            })
            .sum();
        assert!((pair[L + 2] - want).abs() < 1e-9);
    }
}
