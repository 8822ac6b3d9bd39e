//! **resolve** — who each speaker is, within one document.
//!
//! Reads: the claims (`doc.finished`), the text, its sentences and its
//! quotations. Adds: `doc.claims`, the same claims with
//! `speaker_resolved` and `speaker_type` decided from the whole document,
//! `speaker_title` and `speaker_org` (the role and affiliation the phrase
//! writes), `cue_class` (speech, thought or evidence) and, for an
//! anonymous source, `anonymity_reason`. `speaker` and every span stay as
//! they are.
//!
//! - [`people`] gathers the persons of the document from its full names
//!   ("Hillary Rodham Clinton", "Jeb Bush"), each with the form a table
//!   shows (the commonest) and a gender when a first name or a title says;
//!   a nickname ("Mr. Bush, known as Jeb") joins two forms of one person,
//!   and the first of a double surname ("Miguel Basáñez Ebergenyi") names
//!   him alone too.
//! - [`phrase`] reads each speaker phrase: a pronoun, a name (without
//!   titles, roles, owners or words glued on: "Claimed Ross" → "Ross"), or
//!   a description ("the Vermont senator", "her campaign").
//! - A name becomes its person's full name, or an organization's or
//!   outlet's name; a surname alone the full name of the person of that
//!   surname (by a title's gender, else the most mentioned).
//! - `he` or `she` goes, as a reader takes it, to the person named at
//!   the start of its own sentence, else to the person who spoke just
//!   before (in the same paragraph or the one before; in a
//!   conversation's turn, "he asked", the one before that), else the
//!   subject of the sentence (or of the one before, if named twice in the
//!   document), else the nearest person named before, always one whose
//!   gender agrees; `it` and `they` go to
//!   the organization or group that spoke just before; `I` and `we` to
//!   the speaker of the quotation they stand in (outside one, the writer
//!   who signs a letter); `who` to the phrase
//!   before it.
//! - A definite description goes to the person the document gives that
//!   role (a title before the name, the role in an apposition), else, for
//!   a person's role, to the subject of the sentence before ("Park was
//!   not ready. The senator said ..."), or to the organization or outlet
//!   its head names (in a headline or summary, named after it); an
//!   indefinite one ("a spokeswoman") names nobody, and is an anonymous
//!   source when it belongs to a named body ("a producer for Yahoo
//!   Studios"); "the group" or "the campaign" with a name before the
//!   word is that name's ("The Future45 group"), "the campaign" with no
//!   campaign named is that of the person the article names most; a
//!   definite one whose head is no person's role ("the
//!   national weather service") is a body. People named together ("Ann
//!   Lee and Tom Ross") or counted ("some") are a group with no name; a
//!   speaker nothing else tells of is a person.
//! - A speaker's type is its entity's: a person found in the document is
//!   a person, a place that speaks an organization, a poll or report a
//!   document; one name keeps one type through the document.

mod people;
mod phrase;
mod words;

use crate::doc::{Claim, ClaimCueClass, Doc, Span, SpeakerType};
use crate::lang::mentions;
use crate::lexicon::{Lexicons, WordHashBuilder, has_lower};
use people::People;
use phrase::{Form, Phrase, Pronoun};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The stage: fills `doc.claims` from `doc.finished`, with
/// `speaker_resolved` and the speaker's type on each.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let mut claims = std::mem::take(&mut doc.claims);
    claims.clone_from(&doc.finished);
    let quotes: Vec<Span> = doc.quotes.iter().map(|q| q.span).collect();
    let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    resolve(r.lex(doc), &doc.text, &sentences, &quotes, &mut claims);
    doc.claims = claims;
}

/// Who a claim's speaker was found to be.
#[derive(Clone, Debug, Default)]
struct Who {
    name: Option<String>,
    kind: Option<SpeakerType>,
    person: Option<usize>,
}

/// How many paragraphs back the speaker before counts for a pronoun.
const SPEAKER_REACH: usize = 3;

/// Cues that give the turn to the other side of a conversation.
const TURN_CUES: &[&str] = &[
    "asked",
    "replied",
    "responded",
    "answered",
    "countered",
    "retorted",
    "shot back",
];

/// How often a person of the sentence before must be mentioned in the
/// document to be taken for its subject.
const MIN_SUBJECT_MENTIONS: usize = 2;

/// The paragraphs of a headline and summary, where a description may
/// come before the name it stands for.
const HEADLINE_PARAGRAPHS: usize = 2;

/// How far back, in bytes, a pronoun looks for a name.
const NAME_REACH: usize = 2500;

/// Fills `speaker_resolved` and `speaker_type` for every claim of one
/// document.
pub fn resolve(
    lex: &Lexicons,
    text: &str,
    sentences: &[Span],
    quotes: &[Span],
    claims: &mut [Claim],
) {
    // Each distinct speaker phrase is read once ("he", "Trump" and "the
    // company" come back claim after claim, and article after article);
    // claims point at their read.
    let read: Vec<Option<Rc<Phrase>>> = claims
        .iter()
        .map(|c| c.speaker.map(|s| read_phrase(lex, &text[s.range()])))
        .collect();
    let phrases: Vec<Option<&Phrase>> = read.iter().map(|p| p.as_deref()).collect();
    let names: Vec<(Span, String)> = claims
        .iter()
        .zip(&phrases)
        .filter_map(|(c, p)| match p.map(|p| &p.form) {
            Some(Form::Name { name, whole, .. })
                if c.speaker_type == SpeakerType::Person && !is_body(lex, whole) =>
            {
                Some((c.speaker?, name.clone()))
            }
            _ => None,
        })
        .collect();
    let ws = words::words(text);
    let people = People::find(lex, text, &ws, &names, quotes);
    let cx = Context {
        lex,
        text,
        ws: &ws,
        sentences,
        people: &people,
    };
    let mut found: Vec<Who> = Vec::with_capacity(claims.len());
    for i in 0..claims.len() {
        let who = match (&phrases[i], claims[i].speaker) {
            (Some(p), Some(span)) => cx.who(p, span, i, claims, &found, 0),
            _ => Who::default(),
        };
        found.push(who);
    }
    // One name, one type: the commonest type its claims were given.
    let mut types: Vec<(String, [usize; SpeakerType::ALL.len()])> = Vec::new();
    for (c, w) in claims.iter().zip(&found) {
        let Some(name) = &w.name else {
            continue;
        };
        let kind = w.kind.unwrap_or(c.speaker_type);
        if kind == SpeakerType::Unknown {
            continue;
        }
        let slot = match types.iter().position(|t| &t.0 == name) {
            Some(s) => s,
            None => {
                types.push((name.clone(), [0; SpeakerType::ALL.len()]));
                types.len() - 1
            }
        };
        types[slot].1[type_index(kind)] += 1;
    }
    for ((c, w), p) in claims.iter_mut().zip(found).zip(&phrases) {
        if let Some(k) = w.kind {
            c.speaker_type = k;
        }
        if let Some(p) = p {
            // A role is a person's: a document or a group has none.
            let role = matches!(c.speaker_type, SpeakerType::Person | SpeakerType::Anonymous);
            c.speaker_title = p.title.clone().filter(|_| role);
            c.speaker_org = p.org.clone();
        }
        if let Some(name) = &w.name
            && let Some((_, counts)) = types.iter().find(|t| &t.0 == name)
        {
            let best =
                (0..SpeakerType::ALL.len()).max_by_key(|&k| (counts[k], std::cmp::Reverse(k)));
            if let Some(k) = best.filter(|&k| counts[k] > 0) {
                c.speaker_type = SpeakerType::ALL[k];
            }
        }
        // A speaker nothing tells more of ("One", a stray word) is
        // someone: a person, as most sources are.
        if c.speaker.is_some() && c.speaker_type == SpeakerType::Unknown {
            c.speaker_type = SpeakerType::Person;
        }
        c.speaker_resolved = w.name;
        let cue = c.cue.map(|s| &text[s.range()]);
        c.cue_class = Some(cue_class(lex, cue, c.speaker_type));
        c.anonymity_reason = if c.speaker_type == SpeakerType::Anonymous {
            c.speaker.and_then(|s| anonymity_reason(text, sentences, s))
        } else {
            None
        };
    }
}

/// How many phrases (and cues) a thread keeps read: the first met, which
/// are the common ones ("he", "Trump", "said"); past that, a new one is
/// read each time.
const PHRASE_CACHE: usize = 16384;

/// Values read from a string with one language's lexicons, kept per
/// thread: the lexicons' address, then the values by string.
type Cache<V> = RefCell<(usize, HashMap<Box<str>, V, WordHashBuilder>)>;

thread_local! {
    /// The phrases read on this thread (a read depends on nothing else).
    static PHRASES: Cache<Rc<Phrase>> = RefCell::new((0, HashMap::default()));
    /// [`cue_stems`] of the cues met on this thread (a few hundred
    /// distinct ones come back claim after claim).
    static CUE_STEMS: Cache<(bool, bool, bool)> = RefCell::new((0, HashMap::default()));
}

/// `read(key)`, kept in `cache` for `lex` (the first [`PHRASE_CACHE`]
/// keys met; the cache starts afresh for other lexicons).
fn cached<V: Clone + 'static>(
    cache: &'static std::thread::LocalKey<Cache<V>>,
    lex: &Lexicons,
    key: &str,
    read: impl FnOnce() -> V,
) -> V {
    let id = std::ptr::from_ref(lex) as usize;
    cache.with_borrow_mut(|(of, values)| {
        if *of != id {
            values.clear();
            *of = id;
        }
        if let Some(v) = values.get(key) {
            return v.clone();
        }
        let v = read();
        if values.len() < PHRASE_CACHE {
            values.insert(key.into(), v.clone());
        }
        v
    })
}

/// [`phrase::read`], once per surface and thread.
fn read_phrase(lex: &Lexicons, surface: &str) -> Rc<Phrase> {
    cached(&PHRASES, lex, surface, || {
        Rc::new(phrase::read(lex, surface))
    })
}

/// Why a source is not named, as its sentence says: from "anonymity",
/// "not authorized", "not to be named" or "not to be identified" to the
/// end of that clause ("on condition of anonymity because the talks were
/// private").
fn anonymity_reason(text: &str, sentences: &[Span], speaker: Span) -> Option<String> {
    let k = sentences.partition_point(|s| s.end <= speaker.start);
    let sent = sentences.get(k).copied().unwrap_or_else(|| {
        let end = crate::lang::text::floor_boundary(text, text.len().min(speaker.end + 300));
        Span::new(speaker.start, end.max(speaker.end))
    });
    let s = &text[sent.start.min(speaker.start)..sent.end.max(speaker.end)];
    let lower = s.to_lowercase();
    let keys = [
        "on condition of anonymity",
        "on the condition of anonymity",
        "requested anonymity",
        "spoke anonymously",
        "not authorized",
        "not to be named",
        "not to be identified",
        "anonymity",
    ];
    let at = keys.iter().find_map(|k| lower.find(k))?;
    if lower.len() != s.len() {
        return None; // lower case moved the offsets: no reason read
    }
    let rest = &s[at..];
    let end = rest.find(['.', ';', '"', '“', '”']).unwrap_or(rest.len());
    let mut reason = rest[..end].trim_end_matches([',', ' ']);
    // A clause after a comma that is no part of the reason ("..., she said").
    if let Some(i) = reason.find(", ") {
        let after = &reason[i + 2..];
        if !after.starts_with("because") && !after.starts_with("as ") && !after.starts_with("since")
        {
            reason = &reason[..i];
        }
    }
    (!reason.is_empty()).then(|| reason.to_string())
}

/// What a cue reports, by its words: thought when one of them starts
/// like a verb or noun of thinking, wanting or planning ("hopes", "is
/// worried", "support for"); evidence when one starts like a verb of
/// showing ("found", "showed") or the source is a document that suggests
/// or is cited ("according to" a poll); speech otherwise.
pub fn cue_class(lex: &Lexicons, cue: Option<&str>, kind: SpeakerType) -> ClaimCueClass {
    let Some(cue) = cue else {
        return ClaimCueClass::Speech;
    };
    let (evidence, document_evidence, thought) = cue_stems(lex, cue);
    if evidence || (document_evidence && kind == SpeakerType::Document) {
        ClaimCueClass::Evidence
    } else if thought {
        ClaimCueClass::Thought
    } else {
        ClaimCueClass::Speech
    }
}

/// What a cue's words start with: an evidence stem, a word that shows
/// evidence when a document is the speaker ("according to", "suggests",
/// "in", "under"), a thought stem.
fn cue_stems(lex: &Lexicons, cue: &str) -> (bool, bool, bool) {
    cached(&CUE_STEMS, lex, cue, || {
        let lower = cue.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .collect();
        let starts = |stems: &[&str]| words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)));
        (
            starts(&lex.evidence_stems),
            lower.starts_with("according")
                || lower.starts_with("suggest")
                || lower == "in"
                || lower == "under",
            starts(&lex.thought_stems),
        )
    })
}

/// Is `w` written as a brand, not a person's name: a digit or a dot in
/// it, or a capital inside it other than after "Mc", "Mac", "De", "Di",
/// "La", "Le" or "O'" ("McCain" and "DeSantis" are people).
fn is_brand(w: &str) -> bool {
    if w.chars().any(|c| c.is_ascii_digit()) || w.trim_end_matches('.').contains('.') {
        return true;
    }
    let inner: Vec<usize> = w
        .char_indices()
        .skip(1)
        .filter(|(_, c)| c.is_uppercase())
        .map(|(i, _)| i)
        .collect();
    inner.iter().any(|&i| {
        let before = &w[..i];
        !matches!(
            before,
            "Mc" | "Mac" | "De" | "Di" | "Da" | "Du" | "La" | "Le" | "Van" | "Von"
        ) && !before.ends_with(['\'', '’', '-'])
            && i > 1
    })
}

/// A pronoun or possessive determiner ("Her", "its").
fn is_pronoun_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "his" | "her" | "its" | "their" | "our" | "my" | "your"
    )
}

/// Is `whole` a body's name: a word of organizations in it
/// ("Trayvon Martin Foundation"), or an organization noun last?
fn is_body(lex: &Lexicons, whole: &str) -> bool {
    let last = whole.rsplit(' ').next().unwrap_or(whole);
    whole.split(' ').any(|w| lex.org_words.contains(w))
        || (whole.contains(' ') && has_lower(&lex.org_nouns, last))
}

fn type_index(t: SpeakerType) -> usize {
    SpeakerType::ALL.iter().position(|&x| x == t).unwrap_or(6)
}

/// What resolution reads besides the claims.
struct Context<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    /// The words of the text, with their spans.
    ws: &'a [(Span, &'a str)],
    sentences: &'a [Span],
    people: &'a People,
}

impl Context<'_> {
    /// The person `p` of the document as a speaker: their name, a person.
    fn person_who(&self, p: usize) -> Who {
        Who {
            name: Some(self.people.persons[p].name().to_string()),
            kind: Some(SpeakerType::Person),
            person: Some(p),
        }
    }

    /// Who the phrase `p` at `span`, the speaker of claim `i`, is.
    fn who(
        &self,
        p: &Phrase,
        span: Span,
        i: usize,
        claims: &[Claim],
        found: &[Who],
        depth: u8,
    ) -> Who {
        let lex = self.lex;
        match &p.form {
            Form::Name {
                name,
                title_female,
                whole,
            } => self.named(
                name,
                whole,
                *title_female,
                claims[i].speaker_type,
                span.start,
                found,
            ),
            Form::Pronoun(Pronoun::Someone) => Who {
                kind: Some(SpeakerType::Anonymous),
                ..Who::default()
            },
            Form::Pronoun(Pronoun::Person(female)) => {
                match self.antecedent(span.start, claims[i].paragraph, *female, i, claims, found) {
                    Some(person) => self.person_who(person),
                    None => Who {
                        kind: Some(SpeakerType::Person),
                        ..Who::default()
                    },
                }
            }
            Form::Pronoun(Pronoun::First) => {
                // The speaker of the quotation the pronoun stands in; out
                // of quotation marks, in a letter, the writer who signs it.
                (0..i)
                    .rev()
                    .find(|&j| claims[j].content.iter().any(|c| c.contains(span.start)))
                    .map(|j| found[j].clone())
                    .or_else(|| {
                        let p = self.signature_after(span.end)?;
                        Some(self.person_who(p))
                    })
                    .unwrap_or_default()
            }
            Form::Pronoun(Pronoun::It) => {
                let last = (0..i).rev().find(|&j| claims[j].speaker.is_some());
                let was_document = last.is_some_and(|j| {
                    claims[j].paragraph + SPEAKER_REACH >= claims[i].paragraph
                        && found[j].kind == Some(SpeakerType::Document)
                });
                if was_document {
                    return Who {
                        kind: Some(SpeakerType::Document),
                        ..Who::default()
                    };
                }
                self.body_before(
                    i,
                    claims,
                    found,
                    &[SpeakerType::Organization, SpeakerType::Outlet],
                )
                .unwrap_or_default()
            }
            Form::Pronoun(Pronoun::They) => self
                .body_before(
                    i,
                    claims,
                    found,
                    &[SpeakerType::Organization, SpeakerType::Group],
                )
                .unwrap_or(Who {
                    kind: Some(SpeakerType::Group),
                    ..Who::default()
                }),
            Form::Pronoun(Pronoun::Relative) => {
                if depth > 0 {
                    return Who::default();
                }
                let head = self.text[..span.start]
                    .trim_end()
                    .trim_end_matches(',')
                    .trim_end();
                let from = head.len().saturating_sub(200);
                let Some(m) = mentions::before(lex, self.text, from, head.len()) else {
                    return Who::default();
                };
                let p2 = phrase::read(lex, &self.text[m.span.range()]);
                let mut w = self.who(&p2, m.span, i, claims, found, depth + 1);
                if w.kind.is_none() {
                    w.kind = Some(m.kind);
                }
                w
            }
            Form::Description {
                head,
                modifiers,
                owner,
                definite,
            } => {
                let w = self.described(
                    head,
                    modifiers,
                    owner.as_deref(),
                    *definite,
                    span,
                    i,
                    claims,
                    found,
                );
                // "a producer for Yahoo Studios", "an aide to the
                // senator": someone of a named body who is not named, an
                // anonymous source (where "a voter" is just a person).
                let unnamed_role = !*definite
                    && p.org.is_some()
                    && w.name.is_none()
                    && w.kind == Some(SpeakerType::Person)
                    && has_lower(&lex.role_nouns, head);
                if unnamed_role {
                    Who {
                        kind: Some(SpeakerType::Anonymous),
                        ..w
                    }
                } else {
                    w
                }
            }
            Form::Several => Who {
                kind: Some(SpeakerType::Group),
                ..Who::default()
            },
            Form::Nothing => Who::default(),
        }
    }

    /// Who a name is: an outlet, an organization or a place (by the
    /// phrase's whole capitalized run), or a person of the document.
    fn named(
        &self,
        name: &str,
        whole: &str,
        title_female: Option<bool>,
        was: SpeakerType,
        pos: usize,
        found: &[Who],
    ) -> Who {
        let lex = self.lex;
        let with = |n: &str, kind: SpeakerType| Who {
            name: Some(n.to_string()),
            kind: Some(kind),
            person: None,
        };
        let ws: Vec<&str> = whole.split(' ').collect();
        let last = ws.last().copied().unwrap_or(whole);
        let outlet = lex.outlets.contains(whole)
            || lex.news_outlets.contains(whole)
            || lex.news_outlets.contains(format!("The {whole}").as_str())
            || (ws.len() > 1
                && (lex.outlet_words.contains(last) || lex.outlet_heads.contains(last)));
        // (A person of that name is one only with a first name: "Jim
        // Press" is, "Burlington Free Press" is not.)
        let first_name = words::given_gender(lex, name.split(' ').next().unwrap_or("")).is_some();
        if outlet
            && self
                .people
                .of_name(name, None)
                .is_none_or(|_| ws.len() > name.split(' ').count() || !first_name)
        {
            return with(whole, SpeakerType::Outlet);
        }
        // "The Post", "the Times": the outlet of that name met before.
        if ws.len() == 1 && (lex.outlet_words.contains(last) || lex.outlet_heads.contains(last)) {
            let full = self.outlet_ending(last, pos, found);
            return with(full.as_deref().unwrap_or(whole), SpeakerType::Outlet);
        }
        // "South Carolina Democratic Party Chairman Jaime Harrison": the
        // person after the title, not the party before it.
        let titled_person = name != whole
            && name.contains(' ')
            && (words::given_gender(lex, name.split(' ').next().unwrap_or("")).is_some()
                || self.people.of_name(name, title_female).is_some());
        if !titled_person && (is_body(lex, whole) || lex.bodies.contains(whole)) {
            return with(whole, SpeakerType::Organization);
        }
        // "TRUMP" in a headline: the person of that surname.
        if words::is_acronym(whole) && !whole.contains(' ') {
            let title_case: String = whole
                .chars()
                .enumerate()
                .map(|(k, c)| if k == 0 { c } else { c.to_ascii_lowercase() })
                .collect();
            if let Some(p) = self.people.of_name(&title_case, title_female) {
                return self.person_who(p);
            }
        }
        // "The SVP", "the Eurosceptic SVP": an acronym is a body.
        if words::is_acronym(last)
            && words::given_gender(lex, ws[0]).is_none()
            && was != SpeakerType::Outlet
        {
            return with(last, SpeakerType::Organization);
        }
        // "Republicans", "House Democrats", "Americans": a group; "a
        // Republican", "the Democratic": someone unnamed.
        if words::is_party(lex, last) {
            return if last.ends_with('s') {
                with(whole, SpeakerType::Group)
            } else {
                Who {
                    kind: Some(SpeakerType::Person),
                    ..Who::default()
                }
            };
        }
        if let Some(p) = self.people.of_name(name, title_female) {
            return self.person_who(p);
        }
        let words: Vec<&str> = name.split(' ').collect();
        if lex.places.contains(name) {
            return with(name, SpeakerType::Organization);
        }
        let acronym = name.len() >= 2 && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if acronym && was != SpeakerType::Outlet {
            return with(name, SpeakerType::Organization);
        }
        // "WikiLeaks", "GunBroker.com", "Future45": no person's name.
        if words.len() == 1 && is_brand(name) {
            return with(name, SpeakerType::Organization);
        }
        if words.len() == 1 {
            // "Residents", "Analysts", "Polls", "Officials": a common noun
            // at a sentence's start, no name.
            let lower = name.to_lowercase();
            let nameless = |kind| Who {
                kind: Some(kind),
                ..Who::default()
            };
            if has_lower(&lex.anonymous_nouns, &lower) && lower != "people" {
                return nameless(SpeakerType::Anonymous);
            }
            if has_lower(&lex.group_nouns, &lower) {
                return nameless(SpeakerType::Group);
            }
            if lex.document_heads.contains(lower.as_str()) {
                return nameless(SpeakerType::Document);
            }
            // "Columbia" of "Columbia University".
            if let Some(full) = self.body_named(name) {
                return with(&full, SpeakerType::Organization);
            }
        }
        if words::given_gender(lex, words[0]).is_some() {
            return with(name, SpeakerType::Person);
        }
        match was {
            SpeakerType::Unknown | SpeakerType::Anonymous => with(name, SpeakerType::Person),
            k => with(name, k),
        }
    }

    /// The outlet whose name ends with `word` ("Washington Post" for
    /// "Post"): one that spoke before, else one of the list the text names.
    fn outlet_ending(&self, word: &str, pos: usize, found: &[Who]) -> Option<String> {
        let ends = |n: &str| {
            n.len() > word.len() && n.ends_with(word) && n[..n.len() - word.len()].ends_with(' ')
        };
        if let Some(w) = found
            .iter()
            .rev()
            .find(|w| w.kind == Some(SpeakerType::Outlet) && w.name.as_deref().is_some_and(ends))
        {
            return w.name.clone();
        }
        let before = &self.text[..pos];
        self.lex
            .outlets
            .iter()
            .filter(|o| ends(o))
            .filter_map(|o| before.rfind(*o).map(|at| (at, *o)))
            .max_by_key(|x| x.0)
            .map(|x| x.1.to_string())
    }

    /// The organization named last before `pos` whose name holds `head`
    /// ("Columbia University" for "the university", "Public Policy
    /// Institute of California" for "the institute"): a run of capitalized
    /// words (with "of" or "for" inside) around an organization word.
    fn body_in_text(&self, head: &str, pos: usize) -> Option<String> {
        self.body_in(head, 0, pos, false)
    }

    /// The organization named in `from..to` whose name holds `head`: the
    /// last one, or the `first`.
    fn body_in(&self, head: &str, from: usize, to: usize, first: bool) -> Option<String> {
        let before = &self.text[..to];
        let a0 = self.ws.partition_point(|w| w.0.start < from);
        let ws = &self.ws[a0..self.ws.partition_point(|w| w.0.end <= to)];
        let mut best: Option<String> = None;
        for (k, &(_, w)) in ws.iter().enumerate() {
            if !w.eq_ignore_ascii_case(head) || !w.starts_with(char::is_uppercase) {
                continue;
            }
            let cap = |x: &str| {
                x.starts_with(char::is_uppercase) && !self.lex.is_capitalized_determiner(x)
            };
            // ("State" of "Valley State University" is no body's last
            // word; "University" of "Columbia University Graduate School"
            // is.)
            let continued = k + 1 < ws.len()
                && self.lex.org_words.contains(ws[k + 1].1)
                && &before[ws[k].0.end..ws[k + 1].0.start] == " ";
            if continued {
                continue;
            }
            let mut a = k;
            while a > 0 && cap(ws[a - 1].1) && &before[ws[a - 1].0.end..ws[a].0.start] == " " {
                a -= 1;
            }
            let mut b = k;
            let joined =
                |x: usize| matches!(&before[ws[x].0.end..ws[x + 1].0.start], " of " | " for ");
            while b + 1 < ws.len() && joined(b) {
                b += 1;
                while b + 1 < ws.len()
                    && cap(ws[b + 1].1)
                    && &before[ws[b].0.end..ws[b + 1].0.start] == " "
                {
                    b += 1;
                }
            }
            if a < k || b > k {
                best = Some(before[ws[a].0.start..ws[b].0.end].to_string());
                if first {
                    break;
                }
            }
        }
        best
    }

    /// The body named last before `pos`: a run of capitalized words
    /// around a word of organizations ("Trayvon Martin Foundation").
    fn latest_body(&self, pos: usize) -> Option<String> {
        let ws = &self.ws[..self.ws.partition_point(|w| w.0.end <= pos)];
        let k = ws.iter().rposition(|w| self.lex.org_words.contains(w.1))?;
        let cap = |x: &str| !self.lex.is_capitalized_determiner(x);
        let mut a = k;
        while a > 0 && cap(ws[a - 1].1) && &self.text[ws[a - 1].0.end..ws[a].0.start] == " " {
            a -= 1;
        }
        (a < k).then(|| self.text[ws[a].0.start..ws[k].0.end].to_string())
    }

    /// The outlet of the lists named last before `pos` ("the paper" after
    /// "The Washington Post ran the story").
    fn outlet_in_text(&self, pos: usize) -> Option<String> {
        // Back over the capitalized words: the first run of one to four
        // of them (joined by single spaces) that names a listed outlet.
        let ws = &self.ws[..self.ws.partition_point(|w| w.0.end <= pos)];
        let lex = self.lex;
        for end in (0..ws.len()).rev() {
            for n in (1..=4.min(end + 1)).rev() {
                let first = end + 1 - n;
                let joined =
                    (first..end).all(|k| &self.text[ws[k].0.end..ws[k + 1].0.start] == " ");
                if !joined {
                    continue;
                }
                let name = &self.text[ws[first].0.start..ws[end].0.end];
                let name = name.strip_prefix("The ").unwrap_or(name);
                let listed = |set: &crate::lexicon::WordSet| {
                    set.contains(name) || set.contains(format!("The {name}").as_str())
                };
                if listed(&lex.news_outlets) || listed(&lex.outlets) {
                    return Some(name.to_string());
                }
            }
        }
        None
    }

    /// The organization whose name is `word` and an organization word
    /// after it, as the text writes it ("Columbia University").
    fn body_named(&self, word: &str) -> Option<String> {
        let lex = self.lex;
        memchr::memmem::find_iter(self.text.as_bytes(), word.as_bytes()).find_map(|at| {
            let end = at + word.len();
            let next = self.text[end..]
                .strip_prefix(' ')
                .and_then(|r| r.split([' ', ',', '.', ';', '’', '\'']).next());
            next.filter(|n| lex.org_words.contains(*n))
                .map(|n| format!("{word} {n}"))
        })
    }

    /// The person `he` or `she` (`female`) at `pos` in paragraph `para`
    /// stands for.
    fn antecedent(
        &self,
        pos: usize,
        para: usize,
        female: bool,
        i: usize,
        claims: &[Claim],
        found: &[Who],
    ) -> Option<usize> {
        let persons = &self.people.persons;
        let fits = |p: usize| persons[p].female.is_none_or(|f| f == female);
        // A turn of a conversation ("he asked" after the other man's
        // answer): the one who spoke before the one who spoke last.
        let turn = claims[i]
            .cue
            .map(|c| self.text[c.range()].to_lowercase())
            .is_some_and(|c| TURN_CUES.iter().any(|t| c.starts_with(t)));
        if turn {
            let speakers: Vec<usize> = (0..i)
                .rev()
                .take_while(|&j| claims[j].paragraph + 2 >= para)
                .filter_map(|j| found[j].person)
                .take(3)
                .collect();
            if let [last, rest @ ..] = speakers.as_slice()
                && let Some(&other) = rest.iter().find(|&&p| p != *last && fits(p))
            {
                return Some(other);
            }
        }
        // The person who opens this sentence ("C. Boyden Gray, who served
        // under ..., ticked through the code: '...,' he said").
        if let Some(p) = self.opener(pos).filter(|&p| fits(p)) {
            return Some(p);
        }
        // The person who spoke just before.
        for j in (0..i).rev() {
            if claims[j].paragraph + SPEAKER_REACH < para {
                break;
            }
            if claims[j].speaker.is_none_or(|s| s.start >= pos) {
                continue;
            }
            // An owner ("Trump's claim") is no one a reader carries on
            // to the next "he": the sentence's subject is.
            let owner = claims[j].speaker.is_some_and(|s| {
                let t = &self.text[s.range()];
                ["'s", "’s", "s'", "s’"].iter().any(|e| t.ends_with(e))
            });
            if owner {
                continue;
            }
            if let Some(p) = found[j].person
                && fits(p)
            {
                return Some(p);
            }
        }
        if let Some(p) = self.subject(pos, fits) {
            return Some(p);
        }
        // The nearest person named before.
        let from = pos.saturating_sub(NAME_REACH);
        self.people
            .mentions
            .iter()
            .rev()
            .filter(|m| m.span.start < pos && m.span.start >= from)
            .filter(|m| fits(m.person))
            .min_by_key(|m| (m.quoted, pos - m.span.start))
            .map(|m| m.person)
    }

    /// The first person after `pos` whose name is a paragraph of its own
    /// ("Debby James." under a reader's letter): the one who signs.
    fn signature_after(&self, pos: usize) -> Option<usize> {
        let text = self.text;
        self.people
            .mentions
            .iter()
            .filter(|m| m.span.start >= pos && !m.quoted)
            .find(|m| {
                let start = text[..m.span.start].rfind('\n').map_or(0, |k| k + 1);
                let end = text[m.span.end..]
                    .find('\n')
                    .map_or(text.len(), |k| m.span.end + k);
                text[start..m.span.start].trim().is_empty()
                    && matches!(text[m.span.end..end].trim(), "" | ".")
            })
            .map(|m| m.person)
    }

    /// The person whose name opens the sentence at `pos`, before `pos`.
    fn opener(&self, pos: usize) -> Option<usize> {
        let s = self.sentences.partition_point(|s| s.end <= pos);
        let sent = self.sentences.get(s)?;
        let m = self
            .people
            .mentions
            .iter()
            .find(|m| sent.contains(m.span.start) && m.span.start < pos && !m.quoted)?;
        self.text[sent.start..m.span.start]
            .trim()
            .is_empty()
            .then_some(m.person)
    }

    /// The subject of the sentence at `pos` (a person named in it before
    /// `pos`), or of the one before: its first person named outside
    /// quotation marks, one that `fits`. (One named once in the sentence
    /// before, a photo's caption say, is no subject a reader carries on.)
    fn subject(&self, pos: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let persons = &self.people.persons;
        let s = self.sentences.partition_point(|s| s.end <= pos);
        for k in [s, s.wrapping_sub(1)] {
            let Some(sent) = self.sentences.get(k) else {
                continue;
            };
            let first = self
                .people
                .mentions
                .iter()
                .filter(|m| sent.contains(m.span.start) && m.span.start < pos && !m.quoted)
                .filter(|m| k == s || persons[m.person].mentions >= MIN_SUBJECT_MENTIONS)
                .find(|m| fits(m.person));
            if let Some(m) = first {
                return Some(m.person);
            }
        }
        None
    }

    /// The latest body of one of `kinds` that spoke before claim `i`, in
    /// its paragraph or the one before.
    fn body_before(
        &self,
        i: usize,
        claims: &[Claim],
        found: &[Who],
        kinds: &[SpeakerType],
    ) -> Option<Who> {
        let para = claims[i].paragraph;
        (0..i)
            .rev()
            .take_while(|&j| claims[j].paragraph + SPEAKER_REACH >= para)
            .find(|&j| {
                let k = found[j].kind.unwrap_or(claims[j].speaker_type);
                kinds.contains(&k) && found[j].name.is_some()
            })
            .map(|j| Who {
                person: None,
                ..found[j].clone()
            })
    }

    /// Who a description is.
    #[allow(clippy::too_many_arguments)]
    fn described(
        &self,
        head: &str,
        modifiers: &[String],
        owner: Option<&str>,
        definite: bool,
        span: Span,
        i: usize,
        claims: &[Claim],
        found: &[Who],
    ) -> Who {
        let lex = self.lex;
        let kind = |k: SpeakerType| Who {
            kind: Some(k),
            ..Who::default()
        };
        let singular = head.strip_suffix('s').unwrap_or(head);
        let document = |h: &str| lex.document_heads.contains(h) || has_lower(&lex.work_nouns, h);
        // "the paper's editorial board": the paper's.
        if let Some(o) = owner.filter(|o| o.starts_with(char::is_lowercase) && !is_pronoun_word(o))
        {
            let w = self.described(o, &[], None, true, span, i, claims, found);
            if w.name.is_some()
                && matches!(
                    w.kind,
                    Some(SpeakerType::Outlet | SpeakerType::Organization)
                )
            {
                return w;
            }
        }
        if document(head) || document(singular) {
            // "The Washington Post's investigation": the outlet's.
            if let Some(o) =
                owner.filter(|o| o.starts_with(char::is_uppercase) && !is_pronoun_word(o))
            {
                let w = self.named(o, o, None, SpeakerType::Unknown, span.start, found);
                if matches!(
                    w.kind,
                    Some(SpeakerType::Outlet | SpeakerType::Organization)
                ) {
                    return w;
                }
            }
            return kind(SpeakerType::Document);
        }
        let anonymous =
            has_lower(&lex.anonymous_nouns, head) && !matches!(head, "people" | "person");
        if anonymous {
            return kind(SpeakerType::Anonymous);
        }
        if head == "percent"
            || has_lower(&lex.group_nouns, head)
            || (head != singular && !has_lower(&lex.org_nouns, head) && singular.len() > 2)
        {
            return kind(SpeakerType::Group);
        }
        if has_lower(&lex.org_nouns, head) || lex.body_nouns.contains(head) || head == "camp" {
            let head = if head == "camp" { "campaign" } else { head };
            let owner_name = owner.and_then(|o| {
                self.owner_name(o, span.start, claims[i].paragraph, i, claims, found)
            });
            let named: Vec<&str> = modifiers
                .iter()
                .map(String::as_str)
                .filter(|m| m.starts_with(char::is_uppercase))
                .collect();
            // "The Mexican government": Mexico.
            if let Some(country) = named.iter().find_map(|m| lex.demonyms.get(m))
                && matches!(head, "government" | "administration" | "authorities")
            {
                return Who {
                    name: Some(country.to_string()),
                    kind: Some(SpeakerType::Organization),
                    person: None,
                };
            }
            if matches!(head, "campaign" | "administration")
                && let Some(o) = owner_name.as_deref().or(named.last().copied())
            {
                let o = o.rsplit(' ').next().unwrap_or(o);
                return Who {
                    name: Some(format!("{o} {head}")),
                    kind: Some(SpeakerType::Organization),
                    person: None,
                };
            }
            let outlet = matches!(
                head,
                "paper"
                    | "newspaper"
                    | "magazine"
                    | "network"
                    | "outlet"
                    | "publication"
                    | "website"
                    | "station"
            );
            let want = if outlet {
                SpeakerType::Outlet
            } else {
                SpeakerType::Organization
            };
            if definite {
                let generic = matches!(head, "group" | "organization" | "body" | "outlet");
                // "The Future45 group": the name before the word.
                let own_name: Vec<&str> = modifiers
                    .iter()
                    .map(String::as_str)
                    .filter(|m| {
                        m.starts_with(char::is_uppercase)
                            && !lex.demonyms.contains_key(m)
                            && !words::is_party(lex, m)
                            && !lex.places.contains(m)
                    })
                    .collect();
                if generic && !outlet && !own_name.is_empty() && owner.is_none() {
                    return Who {
                        name: Some(own_name.join(" ")),
                        kind: Some(want),
                        person: None,
                    };
                }
                // "the group": the body named last before it in the text.
                if generic
                    && !outlet
                    && let Some(o) = self.latest_body(span.start)
                {
                    return Who {
                        name: Some(o),
                        kind: Some(want),
                        person: None,
                    };
                }
                let before = (0..i).rev().find(|&j| {
                    found[j].kind == Some(want)
                        && found[j].name.as_deref().is_some_and(|n| {
                            outlet
                                || generic
                                || n.rsplit(' ')
                                    .next()
                                    .is_some_and(|l| l.eq_ignore_ascii_case(head))
                        })
                });
                if let Some(j) = before {
                    return Who {
                        person: None,
                        ..found[j].clone()
                    };
                }
                // (In a headline or summary, the name may come after:
                // the first one in the text that follows.)
                let named_here = self.body_in_text(head, span.start).or_else(|| {
                    (claims[i].paragraph <= HEADLINE_PARAGRAPHS)
                        .then(|| self.body_in(head, span.end, self.text.len(), true))
                        .flatten()
                });
                if let Some(o) = named_here {
                    return Who {
                        name: Some(o),
                        kind: Some(want),
                        person: None,
                    };
                }
                if outlet && let Some(o) = self.outlet_in_text(span.start) {
                    return Who {
                        name: Some(o),
                        kind: Some(SpeakerType::Outlet),
                        person: None,
                    };
                }
                // "the campaign", no campaign named before: the campaign of
                // the person the article names most.
                if head == "campaign"
                    && let Some(o) = self
                        .campaign_before(span.start)
                        .or_else(|| self.people.main().map(|p| p.surname.clone()))
                {
                    return Who {
                        name: Some(format!("{o} campaign")),
                        kind: Some(SpeakerType::Organization),
                        person: None,
                    };
                }
                if head == "government"
                    && let Some(w) = found[..i].iter().rev().find(|w| {
                        w.kind == Some(SpeakerType::Organization)
                            && w.name.as_deref().is_some_and(|n| lex.places.contains(n))
                    })
                {
                    return w.clone();
                }
            }
            return kind(want);
        }
        // Any other head may be a role the document gives someone ("the
        // frontrunner"): the role must be written by the name.
        if definite && let Some(p) = self.role_holder(head, modifiers, span.start) {
            return self.person_who(p);
        }
        // "Sanders was not ready. The Vermont senator said ...": the
        // person the sentence before is about.
        let role = has_lower(&lex.role_nouns, head) || lex.title_roles.iter().any(|t| t.1 == head);
        if definite
            && owner.is_none()
            && role
            && let Some(p) = self.subject(span.start, |_| true)
        {
            return self.person_who(p);
        }
        if definite && !phrase::person_noun(lex, head) {
            return kind(SpeakerType::Organization);
        }
        if definite {
            return kind(SpeakerType::Person);
        }
        // "a voter", "one reader": someone the text does not name.
        kind(SpeakerType::Person)
    }

    /// The latest "X campaign" or "X's campaign" written before `pos`,
    /// X a capitalized name: X's surname.
    fn campaign_before(&self, pos: usize) -> Option<String> {
        let before = &self.text[..pos];
        let mut end = before.len();
        while let Some(at) = before[..end].rfind(" campaign") {
            end = at;
            let w = before[..at].rsplit(' ').next().unwrap_or("");
            let w = words::bare(w);
            if w.starts_with(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !self.lex.is_capitalized_determiner(w)
            {
                return Some(w.to_string());
            }
        }
        None
    }

    /// The name of a description's owner: a pronoun's person's surname
    /// ("her campaign" → "Clinton"), or the owner's own name.
    fn owner_name(
        &self,
        owner: &str,
        pos: usize,
        para: usize,
        i: usize,
        claims: &[Claim],
        found: &[Who],
    ) -> Option<String> {
        let female = match owner.to_lowercase().as_str() {
            "his" => Some(false),
            "her" => Some(true),
            _ => None,
        };
        if let Some(f) = female {
            let p = self.antecedent(pos, para, f, i, claims, found)?;
            return Some(self.people.persons[p].surname.clone());
        }
        if owner.starts_with(char::is_uppercase)
            && !matches!(owner, "Its" | "Their" | "His" | "Her")
        {
            return Some(owner.to_string());
        }
        None
    }

    /// The person named before `pos` whom the document gives the role
    /// `head`: by a title before the name ("Sen." for a senator) or the
    /// role near the name ("Sanders, the Vermont senator"); the latest.
    fn role_holder(&self, head: &str, modifiers: &[String], pos: usize) -> Option<usize> {
        let lex = self.lex;
        let text = self.text;
        let titles: Vec<&str> = lex
            .title_roles
            .iter()
            .filter(|(_, r)| *r == head)
            .map(|(t, _)| *t)
            .collect();
        let mut best: Option<(usize, usize)> = None;
        for m in self
            .people
            .mentions
            .iter()
            .filter(|m| m.span.start < pos && !m.quoted)
        {
            let a = crate::lang::text::ceil_boundary(text, m.span.start.saturating_sub(40));
            let b = crate::lang::text::floor_boundary(text, (m.span.end + 100).min(text.len()));
            let before = &text[a..m.span.start];
            let after = &text[m.span.end..b];
            let after = after.split(['.', ';', '“', '"']).next().unwrap_or(after);
            let titled = titles.iter().any(|t| before.trim_end().ends_with(t));
            let apposed = words::contains_lower(after, head)
                || words::ends_with_lower(before.trim_end(), head);
            if !(titled || apposed) {
                continue;
            }
            let bonus = modifiers
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .filter(|w| before.contains(w.as_str()) || after.contains(w.as_str()))
                .count();
            if best.is_none_or(|(bb, _)| bonus >= bb) {
                best = Some((bonus, m.person));
            }
        }
        best.map(|b| b.1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pronouns_and_surnames() {
        let p = crate::Pipeline::rules_only();
        let text =
            "Grace Okafor runs the council. \"We will vote,\" Okafor said. \"Soon,\" she added.";
        let claims = p.extract(text);
        let resolved: Vec<_> = claims
            .iter()
            .map(|c| c.speaker_resolved.as_deref())
            .collect();
        assert_eq!(resolved, vec![Some("Grace Okafor"), Some("Grace Okafor")]);
    }

    #[test]
    fn pronoun_after_non_ascii_surnames() {
        let p = crate::Pipeline::rules_only();
        let text = "\"Maybe,\" Zorblat Reed said. \"Yes,\" Élodie Ñúñez said. \
                    Mary Smith nodded and Ñúñez smiled. \"No,\" she said.";
        let claims = p.extract(text);
        let last = claims.last().and_then(|c| c.speaker_resolved.as_deref());
        assert!(last.is_some(), "{claims:?}");
    }
}
