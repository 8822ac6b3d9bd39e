//! `whosaid gold`: the review page's corrections (`whosaid show --edit`,
//! "Save corrections") as a BRAT gold folder that `eval` and `train` read:
//! `DIR/text/NAME.txt` and `DIR/attributions/NAME_review.ann` for each
//! reviewed article. Several reviewers' files are merged; where they
//! disagree on an article the first file given wins and each difference is
//! reported. With `--articles`, each article's text is checked against the
//! checksum of the text its corrections were made on.

use super::Fatal;
use super::output::Output;
use crate::eval::corrections::{self, CorrectedClaim, Correction};
use crate::ingest::{self, Item};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The end of `whosaid gold --help`.
pub const EXAMPLES: &str = "\
Examples:
  whosaid gold corrections.jsonl -o gold/
      the reviewed articles of the review page's corrections as gold
  whosaid gold ann.jsonl ben.jsonl --articles articles/ -o gold/
      two reviewers merged (ann's version wins a disagreement, each one
      is listed), every text checked against the articles it came from
  whosaid eval --gold gold/
      then score whosaid on it (or adapt the model to it: whosaid train
      --gold gold/ --base -o adapted.crf)";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Corrections files (JSONL, as the review page saves them), one per
    /// reviewer; the first wins a disagreement.
    #[arg(required = true, value_name = "CORRECTIONS")]
    corrections: Vec<PathBuf>,
    /// Write the gold folder here (text/ and attributions/; files of the
    /// same names are replaced).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// The articles the corrections were made on (as `whosaid show` read
    /// them): an article whose text is not the one its corrections were
    /// made on is refused, and named.
    #[arg(long, value_name = "INPUT", num_args = 1..)]
    articles: Vec<String>,
    /// The field holding a record's id (JSONL, CSV articles).
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// The field holding a record's text (JSONL, CSV articles).
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
}

/// One reviewer's version of an article.
struct Version {
    file: usize,
    c: Correction,
}

/// The first characters of a span list's text, for a message.
fn excerpt(text: &[char], spans: &[[usize; 2]]) -> String {
    let words: String = spans
        .iter()
        .flat_map(|s| text[s[0]..s[1]].iter().chain([&' ']))
        .map(|&c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let words = words.trim();
    let short: String = words.chars().take(50).collect();
    if short.len() < words.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// How `b` differs from `a` on the same text: one line per claim.
fn disagreements(text: &str, a: &[CorrectedClaim], b: &[CorrectedClaim]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let show = |s: &Option<[usize; 2]>| match s {
        Some(s) => excerpt(&chars, &[*s]),
        None => "none".into(),
    };
    let gold = |v: &[CorrectedClaim]| -> Vec<CorrectedClaim> {
        v.iter().filter(|k| k.is_gold()).cloned().collect()
    };
    let (a, b) = (gold(a), gold(b));
    let mut out = Vec::new();
    for x in &a {
        let (content, speaker, cue) = (x.content_key(), x.speaker_span, x.cue_span);
        match b.iter().find(|y| y.content_key() == content) {
            None => out.push(format!(
                "only the first has the claim {}",
                excerpt(&chars, &content)
            )),
            Some(y) => {
                let what = excerpt(&chars, &content);
                if y.speaker_span != speaker {
                    out.push(format!(
                        "claim {what}: speaker {} against {}",
                        show(&speaker),
                        show(&y.speaker_span)
                    ));
                }
                if y.cue_span != cue {
                    out.push(format!(
                        "claim {what}: cue {} against {}",
                        show(&cue),
                        show(&y.cue_span)
                    ));
                }
                for (field, p, q) in [
                    ("speaker_type", &x.speaker_type, &y.speaker_type),
                    ("cue_class", &x.cue_class, &y.cue_class),
                ] {
                    if p != q {
                        out.push(format!(
                            "claim {what}: {field} {} against {}",
                            p.as_deref().unwrap_or("none"),
                            q.as_deref().unwrap_or("none")
                        ));
                    }
                }
            }
        }
    }
    for y in &b {
        let content = y.content_key();
        if !a.iter().any(|x| x.content_key() == content) {
            out.push(format!(
                "only the second has the claim {}",
                excerpt(&chars, &content)
            ));
        }
    }
    out
}

/// The texts of `--articles` by id, as `whosaid show` read them.
fn article_texts(a: &Args) -> Result<(HashMap<String, String>, usize), Fatal> {
    let opts = ingest::Options {
        id_field: a.id_field.clone(),
        text_field: a.text_field.clone(),
        ..Default::default()
    };
    let opened = ingest::open(&a.articles, opts)?;
    let mut failed = opened.failures.len();
    for f in &opened.failures {
        eprintln!("whosaid: {} failed: {}", f.id, f.reason);
    }
    let mut texts = HashMap::new();
    for item in opened.items {
        match item {
            Item::Doc(mut d) => {
                crate::engine::replace_controls(&mut d.text);
                texts.insert(d.id, d.text);
            }
            Item::Failed(f) => {
                eprintln!("whosaid: {} failed: {}", f.id, f.reason);
                failed += 1;
            }
        }
    }
    Ok((texts, failed))
}

/// Writes `contents` to `path` whole (or not at all).
fn write_file(path: &Path, contents: &str) -> Result<(), Fatal> {
    let mut out =
        Output::open(Some(path)).map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
    out.write_all(contents.as_bytes())?;
    out.commit()
        .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))
}

pub fn run(a: Args) -> Result<i32, Fatal> {
    let mut problems = 0;
    // Every reviewer's reviewed versions, by article, in the order given.
    let mut versions: Vec<(String, Vec<Version>)> = Vec::new();
    let mut unreviewed: Vec<String> = Vec::new();
    for (file, path) in a.corrections.iter().enumerate() {
        let (articles, errors) = match corrections::read(path) {
            Ok(read) => read,
            Err(e) => {
                // The other files are still read.
                eprintln!("whosaid: {e}");
                problems += 1;
                continue;
            }
        };
        for e in &errors {
            eprintln!("whosaid: {e}");
        }
        problems += errors.len();
        for c in corrections::latest(articles) {
            if !c.reviewed {
                unreviewed.push(format!("{} ({})", c.doc_id, path.display()));
                continue;
            }
            match versions.iter_mut().find(|(id, _)| *id == c.doc_id) {
                Some((_, v)) => v.push(Version { file, c }),
                None => versions.push((c.doc_id.clone(), vec![Version { file, c }])),
            }
        }
    }
    let texts = if a.articles.is_empty() {
        None
    } else {
        let (texts, failed) = article_texts(&a)?;
        problems += failed;
        Some(texts)
    };
    let name = |file: usize| a.corrections[file].display().to_string();
    let mut gold: Vec<&Correction> = Vec::new();
    let mut disagreeing = 0;
    for (id, v) in &versions {
        let first = &v[0];
        if let Some(texts) = &texts {
            let Some(text) = texts.get(id) else {
                eprintln!(
                    "whosaid: {id} ({}): refused: no article with this id in --articles",
                    name(first.file)
                );
                problems += 1;
                continue;
            };
            if corrections::sha256(text) != first.c.text_sha256 {
                eprintln!(
                    "whosaid: {id} ({}): refused: the article's text is not the text the corrections were made on (its checksum differs): was the article changed, or is it another article of the same id?",
                    name(first.file)
                );
                problems += 1;
                continue;
            }
        }
        if let Some(other) = v.iter().find(|x| x.c.text_sha256 != first.c.text_sha256) {
            eprintln!(
                "whosaid: {id}: refused: {} and {} corrected different texts of it",
                name(first.file),
                name(other.file)
            );
            problems += 1;
            continue;
        }
        for other in &v[1..] {
            let lines = disagreements(&first.c.text, &first.c.claims, &other.c.claims);
            if !lines.is_empty() {
                disagreeing += 1;
                eprintln!(
                    "whosaid: {id}: {} and {} disagree (the first is kept):",
                    name(first.file),
                    name(other.file)
                );
                for l in lines {
                    eprintln!("    {l}");
                }
            }
        }
        gold.push(&first.c);
    }

    let (text_dir, ann_dir) = (a.output.join("text"), a.output.join("attributions"));
    for d in [&text_dir, &ann_dir] {
        std::fs::create_dir_all(d).map_err(|e| Fatal::Message(format!("{}: {e}", d.display())))?;
    }
    // File names from the ids, made unique.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut claims = 0;
    for c in &gold {
        let stem = corrections::file_stem(&c.doc_id);
        let k = used.entry(stem.clone()).or_insert(0);
        *k += 1;
        let stem = if *k == 1 { stem } else { format!("{stem}-{k}") };
        write_file(&text_dir.join(format!("{stem}.txt")), &c.text)?;
        write_file(
            &ann_dir.join(format!("{stem}_review.ann")),
            &corrections::brat_ann(c),
        )?;
        claims += c.claims.iter().filter(|k| k.is_gold()).count();
    }
    if let [first, ..] = unreviewed.as_slice() {
        eprintln!(
            "whosaid: {} articles not marked reviewed are no gold (first: {first})",
            unreviewed.len()
        );
    }
    eprintln!(
        "whosaid: {} reviewed articles, {claims} claims, written to {}{}",
        gold.len(),
        a.output.display(),
        match disagreeing {
            0 => String::new(),
            n => format!("; reviewers disagree on {n} articles"),
        }
    );
    if gold.is_empty() {
        return Err(Fatal::Message(
            "no reviewed article to make gold of (mark an article reviewed on the review page: key r)"
                .into(),
        ));
    }
    Ok(if problems > 0 { 1 } else { 0 })
}
