//! Cross-document speaker linking: one `speaker_id` for the name variants
//! of one speaker across a corpus.
//!
//! Reads: each claim's speaker (`speaker_resolved` when the claims file
//! has that column, else `speaker`), its
//! type and its document. Produces: a speaker id per claim (none for
//! pronouns, anonymous sources, groups, documents and unknowns) and one
//! [`Entity`] per id.
//!
//! Persons: case and diacritics folded, titles and honorifics dropped
//! ("Sen.", "President", "Mr."), middle names and initials dropped, so
//! "Donald J. Trump" = "Donald Trump"; a generational suffix kept apart
//! ("Donald Trump Jr."). A surname alone ("Trump") joins the full name
//! with that surname found in the same document, else the one the corpus
//! makes unambiguous (the only one, or one quoted at least four times as
//! often as the next); otherwise it stays a speaker of its own.
//! Outlets and organizations: folded, a leading "the", a possessive and a
//! company suffix ("Inc.", "Corp.") dropped, so "The Washington Post" =
//! "Washington Post"; a one-word form ("the Post") joins a longer name
//! ending in that word by the same rule as a surname.

use super::fold;
use crate::doc::SpeakerType;
use crate::lexicon::Lexicons;
use std::collections::{HashMap, HashSet};

/// One speaker across the corpus.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Readable and stable for the same corpus: the folded name, dashed
    /// ("donald-trump", "donald-trump-jr", "washington-post").
    pub id: String,
    /// The form most often written.
    pub name: String,
    /// Person, outlet or organization (for bodies: the type most claims
    /// gave, the first given on a tie).
    pub speaker_type: SpeakerType,
    /// Every form seen, most frequent first, with counts.
    pub variants: Vec<(String, usize)>,
    /// The claims (row indices), in file order.
    pub rows: Vec<usize>,
}

/// One claim's speaker, as the linker reads it.
pub struct Mention<'a> {
    /// `speaker_resolved` (`speaker` in a file without that column).
    pub name: Option<&'a str>,
    /// `speaker` as written, when it differs (a variant if it is a name).
    pub written: Option<&'a str>,
    pub speaker_type: SpeakerType,
    pub doc: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Space {
    Person,
    Body,
}

/// A normalised name: `full` when it has a first and a last part (or is a
/// body's name of several words), else a short form to be linked.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct Key {
    space: Space,
    /// Folded words kept, joined by spaces.
    words: String,
    /// The word a short form is matched on: the surname, a body's last word.
    last: String,
    full: bool,
}

/// The word lists linking reads, with the titles folded once per run.
struct Lists<'a> {
    lex: &'a Lexicons,
    /// The titles of the lexicon, folded to lower case.
    titles: HashSet<String>,
}

impl<'a> Lists<'a> {
    fn new(lex: &'a Lexicons) -> Self {
        Lists {
            lex,
            titles: lex.titles.iter().map(|t| t.to_lowercase()).collect(),
        }
    }

    /// Is the folded word `w` a title or another word that stands before
    /// a name without being part of it ("former", "presidential")?
    fn is_title(&self, w: &str) -> bool {
        self.titles.contains(w) || self.lex.title_words.has(w)
    }
}

/// The folded words of a name: possessive dropped, punctuation trimmed,
/// inner periods removed ("U.S." -> "us").
fn words(raw: &str) -> Vec<String> {
    let raw = raw.trim();
    let raw = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("\u{2019}s"))
        .unwrap_or(raw);
    fold(raw)
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
                .collect::<String>()
                .trim_matches(|c| c == '-' || c == '\'')
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Is `w` capitalized, or a particle written in lower case inside a name
/// ("Ludwig van Beethoven")?
fn capitalized(l: &Lists, w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || l.lex.name_particles.has_exact(w)
}

/// The words of the name in a speaker phrase, as written: a phrase of
/// capitalized words, or one such run at the end of a role ("Republican
/// presidential candidate Donald Trump") or at the start of a phrase the
/// extractor took too long ("Obama himself", not "Clinton allies"); the part of an apposition
/// that is a name ("Donald Trump's campaign manager, Corey Lewandowski");
/// the part after a possessive ("The Washington Post's Ed O'Keefe"). None
/// for two speakers ("A and B") or a phrase that names no one.
fn name_words<'r>(l: &Lists, raw: &'r str) -> Option<Vec<&'r str>> {
    // Parentheses out: "Sen. Bernie Sanders (I-Vt.)".
    let cut = raw.find('(').map_or(raw, |i| &raw[..i]);
    let mut fallback = None;
    for (n, segment) in cut.split(',').enumerate() {
        let mut toks: Vec<&str> = segment
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .collect();
        if toks.iter().any(|t| l.lex.name_coordinators.has_exact(t)) {
            continue;
        }
        // After the last inner possessive: "Trump's campaign manager" -> "campaign manager".
        if let Some(p) = toks[..toks.len().saturating_sub(1)]
            .iter()
            .rposition(|t| t.ends_with("'s") || t.ends_with("\u{2019}s"))
        {
            toks.drain(..=p);
        }
        if toks.is_empty() {
            continue;
        }
        if toks.iter().all(|t| capitalized(l, t)) {
            return Some(toks);
        }
        if n == 0 {
            let tail = toks
                .iter()
                .rposition(|t| !capitalized(l, t))
                .map_or(0, |i| i + 1);
            let head = toks
                .iter()
                .position(|t| !capitalized(l, t))
                .unwrap_or(toks.len());
            // A name then a reflexive ("Obama himself"); not a name as a
            // modifier ("Clinton allies").
            let reflexive = toks
                .get(head)
                .is_some_and(|t| l.lex.person_reflexives.has_exact(t));
            fallback = if tail < toks.len() {
                Some(toks[tail..].to_vec())
            } else if head > 0 && reflexive {
                Some(toks[..head].to_vec())
            } else {
                None
            };
        }
    }
    fallback
}

fn person_key(l: &Lists, raw: &str) -> Option<Key> {
    let toks = name_words(l, raw)?;
    let mut w: Vec<String> = toks.iter().flat_map(|t| words(t)).collect();
    if w.len() == 1 && l.lex.unlinked_pronouns.has(&w[0]) {
        return None;
    }
    // Titles out: everything up to the last title ("Former Florida Gov. Jeb Bush").
    if let Some(t) = w[..w.len().saturating_sub(1)]
        .iter()
        .rposition(|x| l.is_title(x))
    {
        w.drain(..=t);
    }
    let suffix = match w.last() {
        Some(s) if w.len() > 1 && l.lex.name_suffixes.has(s) => w.pop(),
        _ => None,
    };
    if w.is_empty() || w.len() > 4 || !w.iter().any(|x| x.chars().any(char::is_alphabetic)) {
        return None;
    }
    if w.len() == 1 && l.lex.articles.has(&w[0]) {
        return None;
    }
    let last = w.last()?.clone();
    let full = w.len() >= 2;
    let mut words = if full {
        // First and last name: middle names and initials dropped.
        format!("{} {}", w[0], last)
    } else {
        last.clone()
    };
    if let Some(s) = suffix {
        words.push(' ');
        words.push_str(&s);
    }
    Some(Key {
        space: Space::Person,
        words,
        last,
        full,
    })
}

fn body_key(l: &Lists, raw: &str) -> Option<Key> {
    let mut w = words(raw);
    if w.first().is_some_and(|x| x == "the") {
        w.remove(0);
    }
    while w.len() > 1 && w.last().is_some_and(|x| l.lex.company_suffixes.has(x)) {
        w.pop();
    }
    if w.is_empty() || (w.len() == 1 && l.lex.unlinked_pronouns.has(&w[0])) {
        return None;
    }
    let capitalized = raw
        .split_whitespace()
        .any(|x| x.chars().next().is_some_and(char::is_uppercase));
    if !capitalized {
        return None;
    }
    Some(Key {
        space: Space::Body,
        last: w.last()?.clone(),
        full: w.len() >= 2,
        words: w.join(" "),
    })
}

fn key_of(l: &Lists, name: &str, speaker_type: SpeakerType) -> Option<Key> {
    match speaker_type {
        SpeakerType::Person => person_key(l, name),
        SpeakerType::Outlet | SpeakerType::Organization => body_key(l, name),
        _ => None,
    }
}

fn slug(words: &str) -> String {
    words
        .split(' ')
        .map(|w| w.replace('\'', ""))
        .collect::<Vec<_>>()
        .join("-")
}

/// Links the speakers of `mentions` (one per claim, in file order).
/// Returns each claim's entity (an index into the entities), and the
/// entities in order of first appearance. Names are read with `lex`.
pub fn link(lex: &Lexicons, mentions: &[Mention]) -> (Vec<Option<usize>>, Vec<Entity>) {
    let l = Lists::new(lex);
    // A person-typed name that is a body's elsewhere ("Washington Post")
    // is that body.
    let bodies: HashSet<String> = mentions
        .iter()
        .filter_map(|m| m.name.and_then(|n| key_of(&l, n, m.speaker_type)))
        .filter(|k| k.space == Space::Body && k.full)
        .map(|k| k.words)
        .collect();
    let keys: Vec<Option<Key>> = mentions
        .iter()
        .map(|m| {
            let name = m.name?;
            match key_of(&l, name, m.speaker_type)? {
                k if k.space == Space::Person => match body_key(&l, name) {
                    Some(b) if b.full && bodies.contains(&b.words) => Some(b),
                    _ => Some(k),
                },
                k => Some(k),
            }
        })
        .collect();
    // Full names: claims in the corpus, and the documents they occur in.
    let mut full_count: HashMap<&Key, usize> = HashMap::new();
    let mut by_last: HashMap<(Space, &str), Vec<&Key>> = HashMap::new();
    let mut in_doc: HashSet<(usize, &Key)> = HashSet::new();
    for (m, k) in mentions.iter().zip(&keys) {
        let Some(k) = k.as_ref().filter(|k| k.full) else {
            continue;
        };
        let n = full_count.entry(k).or_insert(0);
        if *n == 0 {
            by_last
                .entry((k.space, k.last.as_str()))
                .or_default()
                .push(k);
        }
        *n += 1;
        in_doc.insert((m.doc, k));
    }
    // A short form's full name: the one in the same document, else the
    // corpus's dominant one.
    let resolve = |k: &Key, doc: usize| -> Option<Key> {
        let cands = by_last.get(&(k.space, k.last.as_str()))?;
        let here: Vec<&&Key> = cands
            .iter()
            .filter(|c| in_doc.contains(&(doc, **c)))
            .collect();
        let pick = |list: Vec<&Key>| -> Option<Key> {
            let mut ranked: Vec<(usize, &Key)> = list.iter().map(|c| (full_count[c], *c)).collect();
            ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
            match ranked.as_slice() {
                [] => None,
                [(_, one)] => Some((*one).clone()),
                [(a, top), (b, _), ..] if *a >= 4 * *b => Some((*top).clone()),
                _ => None,
            }
        };
        match here.len() {
            0 => pick(cands.to_vec()),
            _ => pick(here.into_iter().copied().collect()),
        }
    };
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut variant_counts: Vec<HashMap<String, usize>> = Vec::new();
    // Per entity, the types given, in order of first appearance.
    let mut type_counts: Vec<Vec<(SpeakerType, usize)>> = Vec::new();
    let mut assigned = Vec::with_capacity(mentions.len());
    for (row, (m, k)) in mentions.iter().zip(&keys).enumerate() {
        let Some(k) = k else {
            assigned.push(None);
            continue;
        };
        let target = if k.full {
            k.clone()
        } else {
            resolve(k, m.doc).unwrap_or_else(|| k.clone())
        };
        let e = *index.entry(target.clone()).or_insert_with(|| {
            entities.push(Entity {
                id: String::new(),
                name: String::new(),
                speaker_type: SpeakerType::Unknown,
                variants: Vec::new(),
                rows: Vec::new(),
            });
            variant_counts.push(HashMap::new());
            type_counts.push(Vec::new());
            entities.len() - 1
        });
        entities[e].rows.push(row);
        let name = m.name.expect("a key comes from a name").trim();
        *variant_counts[e].entry(name.to_string()).or_insert(0) += 1;
        if let Some(w) = m.written.map(str::trim).filter(|w| *w != name)
            && key_of(&l, w, m.speaker_type).is_some()
        {
            *variant_counts[e].entry(w.to_string()).or_insert(0) += 1;
        }
        match type_counts[e]
            .iter_mut()
            .find(|(t, _)| *t == m.speaker_type)
        {
            Some((_, n)) => *n += 1,
            None => type_counts[e].push((m.speaker_type, 1)),
        }
        assigned.push(Some(e));
    }
    // Names, types and ids, in order of first appearance.
    let mut taken: HashSet<String> = HashSet::new();
    let mut keys_of: Vec<Option<&Key>> = vec![None; entities.len()];
    for (k, &e) in &index {
        keys_of[e] = Some(k);
    }
    for (e, entity) in entities.iter_mut().enumerate() {
        let mut variants: Vec<(String, usize)> = variant_counts[e].drain().collect();
        variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let key = keys_of[e].expect("every entity has a key");
        // The name: the most written form that is the entity's own key
        // (not a short form that joined it), else the most written form.
        entity.name = variants
            .iter()
            .find(|(v, _)| {
                let vk = key_of(
                    &l,
                    v,
                    if key.space == Space::Person {
                        SpeakerType::Person
                    } else {
                        SpeakerType::Organization
                    },
                );
                vk.is_some_and(|vk| vk.words == key.words)
            })
            .unwrap_or(&variants[0])
            .0
            .clone();
        entity.variants = variants;
        // The most given type; on a tie, the first given (a stable sort).
        let mut types = std::mem::take(&mut type_counts[e]);
        types.sort_by_key(|t| std::cmp::Reverse(t.1));
        entity.speaker_type = types[0].0;
        let base = slug(&key.words);
        let mut id = base.clone();
        if taken.contains(&id) {
            id = format!("{base}-{}", entity.speaker_type.as_str());
        }
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        entity.id = id;
    }
    (assigned, entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    fn m<'a>(name: &'a str, t: &str, doc: usize) -> Mention<'a> {
        Mention {
            name: Some(name),
            written: None,
            speaker_type: t.parse().expect("a speaker type"),
            doc,
        }
    }

    fn ids(ms: &[Mention]) -> Vec<Option<String>> {
        let (a, e) = link(Lexicons::of(Lang::En), ms);
        a.iter().map(|x| x.map(|i| e[i].id.clone())).collect()
    }

    #[test]
    fn name_variants_merge_and_relatives_stay_apart() {
        let ms = [
            m("Donald Trump", "person", 0),
            m("Donald J. Trump", "person", 1),
            m("Mr. Trump", "person", 2),
            m("President Donald Trump", "person", 3),
            m("DONALD TRUMP", "person", 3),
            m("Donald Trump Jr.", "person", 4),
            m("Melania Trump", "person", 5),
            m("Trump", "person", 5),
            m("Donald Trump", "person", 6),
            m("Donald Trump", "person", 7),
            m("he", "person", 7),
            m("officials", "anonymous", 7),
        ];
        let got = ids(&ms);
        let t = Some("donald-trump".to_string());
        assert_eq!(
            got[..5],
            [t.clone(), t.clone(), t.clone(), t.clone(), t.clone()]
        );
        assert_eq!(got[5].as_deref(), Some("donald-trump-jr"));
        assert_eq!(got[6].as_deref(), Some("melania-trump"));
        // In a document that names Melania Trump, "Trump" is her.
        assert_eq!(got[7].as_deref(), Some("melania-trump"));
        assert_eq!(got[10], None);
        assert_eq!(got[11], None);
    }

    #[test]
    fn the_name_is_found_in_a_longer_phrase() {
        let l = Lists::new(Lexicons::of(Lang::En));
        let key = |s| person_key(&l, s).map(|k| k.words);
        assert_eq!(
            key("Republican presidential candidate Donald Trump").as_deref(),
            Some("donald trump")
        );
        assert_eq!(
            key("Former Florida Gov. Jeb Bush").as_deref(),
            Some("jeb bush")
        );
        assert_eq!(
            key("Sen. Bernie Sanders (I-Vt.)").as_deref(),
            Some("bernie sanders")
        );
        assert_eq!(key("Obama himself").as_deref(), Some("obama"));
        assert_eq!(key("Clinton allies"), None);
        assert_eq!(
            key("Donald Trump's campaign manager, Corey Lewandowski").as_deref(),
            Some("corey lewandowski")
        );
        assert_eq!(
            key("The Washington Post's Ed O'Keefe").as_deref(),
            Some("ed o'keefe")
        );
        assert_eq!(key("Mr. Trump's former campaign manager"), None);
        assert_eq!(key("Donald Trump and Marco Rubio"), None);
        assert_eq!(key("The president"), None);
        assert_eq!(
            key("Ludwig van Beethoven").as_deref(),
            Some("ludwig beethoven")
        );
    }

    #[test]
    fn a_surname_shared_evenly_stays_apart() {
        let ms = [
            m("Ann Lee", "person", 0),
            m("Bo Lee", "person", 1),
            m("Lee", "person", 2),
        ];
        assert_eq!(ids(&ms)[2].as_deref(), Some("lee"));
    }

    #[test]
    fn diacritics_and_outlet_forms_fold() {
        let ms = [
            m("José Núñez", "person", 0),
            m("Jose Nunez", "person", 1),
            m("The Washington Post", "outlet", 0),
            m("Washington Post", "organization", 1),
            m("the Post", "outlet", 1),
            m("Acme Corp.", "organization", 2),
            m("Acme", "organization", 3),
        ];
        let (a, e) = link(Lexicons::of(Lang::En), &ms);
        let id = |i: usize| e[a[i].unwrap()].id.as_str();
        assert_eq!(id(0), "jose-nunez");
        assert_eq!(id(1), "jose-nunez");
        assert_eq!(
            (id(2), id(3), id(4)),
            ("washington-post", "washington-post", "washington-post")
        );
        assert_eq!(e[a[2].unwrap()].name, "The Washington Post");
        assert_eq!(e[a[2].unwrap()].speaker_type, SpeakerType::Outlet);
        assert_eq!(id(5), "acme");
        assert_eq!(id(6), "acme");
    }
}
