//! Quote clusters: the same quote reported by several documents.
//!
//! Reads: each claim's quote and document. Produces: a cluster number per
//! claim for the quotes found, exactly or nearly, in two documents or
//! more. Quotes are compared after folding case, diacritics, quote marks,
//! ellipses, punctuation and whitespace, as sets of three-word shingles;
//! two quotes are the same when their shingle sets overlap by at least
//! [`SIMILARITY`] (Jaccard). Candidates come from MinHash signatures cut
//! into bands (locality-sensitive hashing), so the work grows with the
//! number of quotes, not with its square. Quotes shorter than
//! [`MIN_WORDS`] words ("We will see.") are too common to tell a
//! travelled quote from a coincidence and are left out.

use super::fold;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Quotes of fewer words are not clustered.
pub const MIN_WORDS: usize = 8;
/// The least Jaccard overlap of two quotes' shingle sets to be one quote.
pub const SIMILARITY: f64 = 0.7;
const SHINGLE: usize = 3;
const BANDS: usize = 8;
const ROWS: usize = 3;
/// A bucket larger than this (boilerplate repeated everywhere) is compared
/// against its first members only, to stay linear.
const BUCKET_CAP: usize = 64;

/// The words of a quote, folded: what two reports of it share.
pub fn normalize(quote: &str) -> Vec<String> {
    fold(quote)
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.replace(['\'', '\u{2019}'], ""))
        .filter(|w| !w.is_empty())
        .collect()
}

fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
    // SipHash with fixed keys: the same numbers on every run and machine.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

fn shingles(words: &[String]) -> Vec<u64> {
    let mut s: Vec<u64> = words.windows(SHINGLE).map(|w| hash_of(&w)).collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// splitmix64: the MinHash functions' multipliers.
fn mixer(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) | 1
}

fn signature(shingles: &[u64]) -> [u64; BANDS * ROWS] {
    let mut sig = [u64::MAX; BANDS * ROWS];
    for (i, slot) in sig.iter_mut().enumerate() {
        let (a, b) = (mixer(2 * i as u64), mixer(2 * i as u64 + 1));
        for &s in shingles {
            let h = s.wrapping_mul(a).wrapping_add(b).rotate_left(29);
            *slot = (*slot).min(h);
        }
    }
    sig
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let both = crate::eval::metric::overlap(a, b);
    both as f64 / (a.len() + b.len() - both) as f64
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The earlier claim is the root: clusters are named by first appearance.
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Clusters `quotes` (each a quote and its document). Returns, per quote,
/// its cluster number (0, 1, ... in order of first appearance) when its
/// cluster spans two documents or more.
pub fn cluster(quotes: &[(&str, usize)]) -> Vec<Option<usize>> {
    let n = quotes.len();
    let sets: Vec<Option<Vec<u64>>> = quotes
        .iter()
        .map(|(q, _)| {
            let w = normalize(q);
            (w.len() >= MIN_WORDS).then(|| shingles(&w))
        })
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        let Some(set) = set else { continue };
        let sig = signature(set);
        for band in 0..BANDS {
            let key = hash_of(&sig[band * ROWS..(band + 1) * ROWS]);
            let bucket = buckets.entry((band, key)).or_default();
            // Compared with the bucket's first members (the same quote's
            // earlier reports are there), then kept as a member.
            for &j in bucket.iter().take(BUCKET_CAP) {
                if find(&mut parent, i) == find(&mut parent, j) {
                    break;
                }
                let other = sets[j]
                    .as_ref()
                    .expect("only quotes with shingles are bucketed");
                if jaccard(set, other) >= SIMILARITY {
                    union(&mut parent, i, j);
                    break;
                }
            }
            if bucket.len() < BUCKET_CAP {
                bucket.push(i);
            }
        }
    }
    // Keep clusters of two documents or more; number them by first claim.
    let mut docs: HashMap<usize, (usize, bool)> = HashMap::new();
    for (i, (_, doc)) in quotes.iter().enumerate() {
        if sets[i].is_none() {
            continue;
        }
        let r = find(&mut parent, i);
        let e = docs.entry(r).or_insert((*doc, false));
        if e.0 != *doc {
            e.1 = true;
        }
    }
    let mut number: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            sets[i].as_ref()?;
            let r = find(&mut parent, i);
            if !docs[&r].1 {
                return None;
            }
            let next = number.len();
            Some(*number.entry(r).or_insert(next))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_quote_with_other_marks_and_an_ellipsis_clusters() {
        let quotes = [
            (
                "\u{201c}We are not going to sign a bad deal, and we will not be rushed,\u{201d}",
                0,
            ),
            (
                "\"We are not going to sign a bad deal ... and we will not be rushed\"",
                1,
            ),
            (
                "We are not going to sign any deal before the summer recess ends, she said",
                2,
            ),
            ("Short and common words here.", 3),
            ("Short and common words here.", 4),
        ];
        let got = cluster(&quotes);
        assert_eq!(got[0], Some(0));
        assert_eq!(got[1], Some(0));
        assert_eq!(got[2], None);
        assert_eq!(got[3], None, "too short to cluster");
        assert_eq!(got[4], None);
    }

    #[test]
    fn a_quote_repeated_within_one_document_is_not_a_cluster() {
        let q = "the bridge will stay closed until the engineers say it is safe";
        assert_eq!(cluster(&[(q, 0), (q, 0)]), vec![None, None]);
        assert_eq!(cluster(&[(q, 0), (q, 0), (q, 1)]), vec![Some(0); 3]);
    }

    #[test]
    fn normalizing_folds_marks_case_and_accents() {
        assert_eq!(
            normalize("\u{201c}Élan\u{2019}s — DONE\u{2026}\u{201d}"),
            ["elans", "done"]
        );
    }
}
