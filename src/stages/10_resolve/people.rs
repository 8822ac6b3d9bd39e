//! The people of one document: every full name it gives ("Hillary Rodham
//! Clinton", "Jeb Bush"), gathered into persons by surname and first name,
//! each with the form a reader would put in a table (the one the document
//! uses most), a gender when a first name or a title tells it, and every
//! place the document mentions them, by full name or by surname alone.

use super::words::{bare, given_gender, is_acronym, is_initial, title_gender};
use crate::doc::Span;
use crate::lexicon::{Lexicons, WordHashBuilder, has_lower};
use std::collections::{HashMap, HashSet};

/// One person of the document.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// The forms of the full name met, with how often.
    pub forms: Vec<(String, usize)>,
    pub surname: String,
    /// `Some(true)`: female, by a first name or a title ("Mrs.").
    pub female: Option<bool>,
    /// Mentions in all (full names and surnames).
    pub mentions: usize,
}

impl Person {
    /// The name a reader would put in a table: the commonest form, the
    /// shorter one on a tie (no middle name), the first met after that.
    pub fn name(&self) -> &str {
        let mut best: Option<&(String, usize)> = None;
        for f in &self.forms {
            let better = match best {
                None => true,
                Some(b) => {
                    f.1 > b.1 || (f.1 == b.1 && f.0.split(' ').count() < b.0.split(' ').count())
                }
            };
            if better {
                best = Some(f);
            }
        }
        best.map_or(self.surname.as_str(), |b| b.0.as_str())
    }

    fn first_names(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().filter_map(|f| f.0.split(' ').next())
    }
}

/// A place in the text that names a person.
#[derive(Clone, Copy, Debug)]
pub struct Mention {
    pub span: Span,
    pub person: usize,
    /// Inside quotation marks: a name the quoted speaker says, not the
    /// writer's.
    pub quoted: bool,
}

/// The people of a document and where they are mentioned (in text order).
#[derive(Debug, Default)]
pub struct People {
    pub persons: Vec<Person>,
    pub mentions: Vec<Mention>,
    /// Surname → the persons of that surname.
    surnames: HashMap<String, Vec<usize>, WordHashBuilder>,
}

/// What introduces a person's nickname after the name: "Mr. Bush, known
/// as Jeb".
const NICKNAME_CUES: &[&[u8]] = &[b" known as ", b" nicknamed "];

/// Is `pos` inside one of `quotes` (sorted, disjoint)?
fn quoted(quotes: &[Span], pos: usize) -> bool {
    let k = quotes.partition_point(|q| q.end <= pos);
    quotes.get(k).is_some_and(|q| q.contains(pos))
}

/// A word that can be part of a name: capitalized, letters (and inner
/// hyphens or apostrophes), no function word, day or month, and no word
/// that names an organization or a place.
fn name_part(lex: &Lexicons, w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’') || !c.is_ascii())
        && lex.is_name_word(w)
        && !lex.is_capitalized_determiner(w)
        && !lex.org_words.contains(w)
        && !lex.titles.contains(w)
}

/// Is `w` at `at` a sentence's first word that, in lower case, is a
/// function word or an auxiliary ("Will Sanders come down?")?
fn sentence_word(lex: &Lexicons, text: &str, at: usize, w: &str) -> bool {
    let before = text[..at].trim_end_matches([' ', '"', '“', '‘', '\'']);
    if !(before.is_empty() || before.ends_with(['.', '?', '!', ':', '\n'])) {
        return false;
    }
    let lower = w.to_lowercase();
    lex.auxiliaries.has(&lower) || lex.function_words.has(&lower)
}

/// Does `text` also write `w` in lower case, as a word ("understated"):
/// then it is a common word, not a first name.
fn written_lower(text: &str, w: &str) -> bool {
    let lower = w.to_lowercase();
    memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|i| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// "Barack Obama" for surname "Obama": every place where a capitalized
/// word that is no title, function word, place or organization word, nor
/// a word the text writes in lower case (`lower`), stands just before one
/// of `surnames` (with an initial before it, if any: "C. Boyden Gray"),
/// unless that surname's span is `taken` (inside a full name found).
fn first_names_before(
    lex: &Lexicons,
    ws: &[(Span, &str)],
    text: &str,
    surnames: &HashSet<String, WordHashBuilder>,
    taken: impl Fn(Span) -> bool,
) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, bool, WordHashBuilder> = HashMap::default();
    for k in 1..ws.len() {
        let (span, w) = ws[k];
        let surname = bare(w);
        // (A surname inside a full name found already gives nothing new.)
        if !surname.starts_with(char::is_uppercase) || taken(span) || !surnames.contains(surname) {
            continue;
        }
        let (s0, w0) = ws[k - 1];
        if &text[s0.end..span.start] != " " || sentence_word(lex, text, s0.start, w0) {
            continue;
        }
        // The same first name stands before its surname again and again:
        // its test is kept.
        let ok = *seen.entry(w0).or_insert_with(|| {
            name_part(lex, w0)
                && w0.chars().skip(1).all(|c| c.is_lowercase())
                && !lex.places.contains(w0)
                && !super::words::glued(lex, w0)
                && !written_lower(text, w0)
        });
        if ok {
            let initial =
                k >= 2 && is_initial(ws[k - 2].1) && &text[ws[k - 2].0.end..s0.start] == " ";
            let (start, name) = if initial {
                (ws[k - 2].0.start, format!("{} {w0} {surname}", ws[k - 2].1))
            } else {
                (s0.start, format!("{w0} {surname}"))
            };
            out.push((Span::new(start, span.end), name));
        }
    }
    out
}

impl People {
    /// Finds the people of `text`: full names that start with a listed
    /// first name, and `names` (full names read from speaker phrases);
    /// then every surname alone. `quotes` are the quotations' spans.
    pub fn find(
        lex: &Lexicons,
        text: &str,
        ws: &[(Span, &str)],
        names: &[(Span, String)],
        quotes: &[Span],
    ) -> People {
        let mut people = People::default();
        let mut full: Vec<(Span, String)> = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let (span, w) = ws[i];
            if !w.starts_with(char::is_uppercase)
                || given_gender(lex, w).is_none()
                || !name_part(lex, w)
                || sentence_word(lex, text, span.start, w)
            {
                i += 1;
                continue;
            }
            // The first name, initials or more name words, the surname.
            let mut parts = vec![w];
            let mut end = span.end;
            let mut j = i + 1;
            while j < ws.len() && parts.len() < 3 {
                let (s2, w2) = ws[j];
                let gap = &text[end..s2.start];
                if gap != " " {
                    break;
                }
                let b = bare(w2);
                let verb = has_lower(&lex.verb_forms, b);
                if is_initial(w2)
                    || (name_part(lex, b) && !lex.places.contains(b) && !verb && !is_acronym(b))
                {
                    parts.push(b);
                    end = s2.end;
                    j += 1;
                    if b.len() != w2.len() {
                        break; // a possessive ends the name
                    }
                } else {
                    break;
                }
            }
            while parts.last().is_some_and(|p| is_initial(p)) {
                parts.pop();
            }
            let surname = parts.last().copied().unwrap_or("");
            let lower = surname.to_lowercase();
            let not_a_surname =
                lex.group_nouns.contains(lower.as_str()) || lex.org_nouns.contains(lower.as_str());
            if parts.len() >= 2 && !not_a_surname {
                full.push((Span::new(span.start, end), parts.join(" ")));
                i = j;
            } else {
                i += 1;
            }
        }
        full.extend(names.iter().filter(|n| n.1.contains(' ')).cloned());
        // Every surname known so far (and every one a speaker phrase gives
        // alone) after a first name no list has: "Jeb Bush", "Barack
        // Obama".
        let surnames: HashSet<String, WordHashBuilder> = full
            .iter()
            .map(|f| f.1.rsplit(' ').next().unwrap_or("").to_string())
            .chain(
                names
                    .iter()
                    .filter(|n| !n.1.contains(' '))
                    .map(|n| n.1.clone()),
            )
            .filter(|s| !is_acronym(s))
            .collect();
        full.sort_by_key(|f| f.0.start);
        let overlaps = |full: &[(Span, String)], s: Span| {
            let k = full.partition_point(|f| f.0.end <= s.start);
            full.get(k).is_some_and(|f| f.0.overlaps(s))
        };
        let more: Vec<(Span, String)> =
            first_names_before(lex, ws, text, &surnames, |s| overlaps(&full, s))
                .into_iter()
                .filter(|m| !overlaps(&full, m.0))
                .collect();
        full.extend(more);
        full.sort_by_key(|f| f.0.start);
        for (span, name) in &full {
            let p = people.add(lex, name);
            people.mentions.push(Mention {
                span: *span,
                person: p,
                quoted: quoted(quotes, span.start),
            });
        }
        people.join_nicknames(lex, text, ws);
        people.add_double_surnames(lex);
        // Surnames alone, with a title's gender where one stands before.
        for (k, &(span, w)) in ws.iter().enumerate() {
            let b = bare(w);
            if !b.starts_with(char::is_uppercase)
                || !people.surnames.contains_key(b)
                || overlaps(&full, span)
            {
                continue;
            }
            let title = k.checked_sub(1).and_then(|j| title_gender(ws[j].1));
            let Some(p) = people.by_surname(b, title) else {
                continue;
            };
            if let (Some(g), None) = (title, people.persons[p].female) {
                people.persons[p].female = Some(g);
            }
            people.persons[p].mentions += 1;
            people.mentions.push(Mention {
                span,
                person: p,
                quoted: quoted(quotes, span.start),
            });
        }
        people.mentions.sort_by_key(|m| m.span.start);
        people
    }

    /// "John Ellis Bush ... Mr. Bush, known as Jeb": the person named in
    /// full last before "known as" (or "nicknamed") with the surname just
    /// before it is also "Jeb Bush", and a person of that name met
    /// elsewhere in the text is the same one.
    fn join_nicknames(&mut self, lex: &Lexicons, text: &str, ws: &[(Span, &str)]) {
        for (at, cue) in NICKNAME_CUES
            .iter()
            .flat_map(|c| memchr::memmem::find_iter(text.as_bytes(), c).map(move |i| (i, *c)))
        {
            let after = &text[at + cue.len()..];
            let Some(nick) = after.split([' ', ',', '.', ';', ')']).next() else {
                continue;
            };
            let nick = nick.trim_matches(['"', '“', '”', '\'']);
            if given_gender(lex, nick).is_none() && !lex.is_name_word(nick) {
                continue;
            }
            if !nick.starts_with(char::is_uppercase) || nick.len() < 2 {
                continue;
            }
            // The surname just before: the last capitalized word before
            // the cue, within a few words.
            let k = ws.partition_point(|w| w.0.end <= at);
            let Some(&(sspan, sw)) = ws[..k].last() else {
                continue;
            };
            let surname = bare(sw);
            if at - sspan.end > 4 || !self.surnames.contains_key(surname) {
                continue;
            }
            // The person of that surname named in full last before it.
            let Some(p) = self
                .mentions
                .iter()
                .rev()
                .filter(|m| m.span.end <= sspan.start)
                .map(|m| m.person)
                .find(|&p| self.persons[p].surname == surname)
            else {
                continue;
            };
            let alias = format!("{nick} {surname}");
            let same = self.surnames[surname]
                .iter()
                .copied()
                .find(|&q| q != p && self.persons[q].forms.iter().any(|f| f.0 == alias));
            if let Some(q) = same {
                // One person: q's forms and mentions are p's.
                let forms = std::mem::take(&mut self.persons[q].forms);
                let n = std::mem::take(&mut self.persons[q].mentions);
                let female = self.persons[q].female;
                let person = &mut self.persons[p];
                for (form, count) in forms {
                    match person.forms.iter_mut().find(|f| f.0 == form) {
                        Some(f) => f.1 += count,
                        None => person.forms.push((form, count)),
                    }
                }
                person.mentions += n;
                if person.female.is_none() {
                    person.female = female;
                }
                for m in &mut self.mentions {
                    if m.person == q {
                        m.person = p;
                    }
                }
            } else if !self.persons[p].forms.iter().any(|f| f.0 == alias) {
                // Known by the nickname, though never named so in full:
                // the form is kept with no count, so it names the person
                // only when no form met is counted.
                self.persons[p].forms.push((alias, 0));
            }
        }
    }

    /// "Miguel Basáñez Ebergenyi" is "Basáñez" alone too (a Spanish
    /// double surname): a middle word that is no first name or initial,
    /// and no other person's surname, names its person alone.
    fn add_double_surnames(&mut self, lex: &Lexicons) {
        let mut more: Vec<(String, usize)> = Vec::new();
        for (i, p) in self.persons.iter().enumerate() {
            for (form, _) in &p.forms {
                let parts: Vec<&str> = form.split(' ').collect();
                if let [_, middle, _] = parts.as_slice()
                    && !is_initial(middle)
                    && middle.len() > 2
                    && given_gender(lex, middle).is_none()
                    && !self.surnames.contains_key(*middle)
                    && !more.iter().any(|m| m.0 == *middle)
                {
                    more.push((middle.to_string(), i));
                }
            }
        }
        for (middle, i) in more {
            self.surnames.insert(middle, vec![i]);
        }
    }

    /// Adds a full name: to the person of that surname whose first name
    /// matches (equal, or an initial of it), else as a new person.
    fn add(&mut self, lex: &Lexicons, name: &str) -> usize {
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let first = name.split(' ').next().unwrap_or(name);
        let matches = |p: &Person| {
            p.surname == surname
                && (!name.contains(' ')
                    || p.first_names().any(|f| {
                        f == first
                            || (is_initial(first) && f.starts_with(&first[..1]))
                            || (is_initial(f) && first.starts_with(&f[..1]))
                    }))
        };
        let candidates = self.surnames.get(surname).map_or(&[][..], Vec::as_slice);
        let at = match candidates
            .iter()
            .copied()
            .find(|&c| matches(&self.persons[c]))
        {
            Some(at) => at,
            None => {
                self.persons.push(Person {
                    surname: surname.to_string(),
                    female: given_gender(lex, first),
                    ..Person::default()
                });
                let at = self.persons.len() - 1;
                self.surnames
                    .entry(surname.to_string())
                    .or_default()
                    .push(at);
                at
            }
        };
        let p = &mut self.persons[at];
        p.mentions += 1;
        if p.female.is_none() {
            p.female = given_gender(lex, first);
        }
        if name.contains(' ') {
            match p.forms.iter_mut().find(|f| f.0 == name) {
                Some(f) => f.1 += 1,
                None => p.forms.push((name.to_string(), 1)),
            }
        }
        at
    }

    /// The person mentioned most (the first on a tie).
    pub fn main(&self) -> Option<&Person> {
        let mut best: Option<&Person> = None;
        for p in &self.persons {
            if best.is_none_or(|b| p.mentions > b.mentions) {
                best = Some(p);
            }
        }
        best
    }

    /// The person a surname alone names: the one of that surname whose
    /// gender fits `female` (when a title gives one), the one named in
    /// full most often (the first on a tie).
    pub fn by_surname(&self, surname: &str, female: Option<bool>) -> Option<usize> {
        let full = |p: &Person| p.forms.iter().map(|f| f.1).sum::<usize>();
        let mut best: Option<usize> = None;
        for &i in self.surnames.get(surname).map_or(&[][..], Vec::as_slice) {
            let p = &self.persons[i];
            if p.forms.is_empty() {
                continue;
            }
            if female.is_some() && p.female.is_some() && p.female != female {
                continue;
            }
            if best.is_none_or(|b| full(p) > full(&self.persons[b])) {
                best = Some(i);
            }
        }
        best
    }

    /// The person a name read from a speaker phrase is: by its surname and
    /// first name (a full name), or by the surname alone.
    pub fn of_name(&self, name: &str, female: Option<bool>) -> Option<usize> {
        let surname = name.rsplit(' ').next().unwrap_or(name);
        if !name.contains(' ') {
            return self.by_surname(surname, female);
        }
        let first = name.split(' ').next().unwrap_or(name);
        self.surnames
            .get(surname)
            .and_then(|ps| {
                ps.iter()
                    .copied()
                    .find(|&p| self.persons[p].first_names().any(|f| f == first))
            })
            .or_else(|| self.by_surname(surname, female))
    }
}
