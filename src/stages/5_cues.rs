//! **cues** — reporting expressions.
//!
//! Reads: the text and the quote spans. Adds: [`CueMatch`]es in text order
//! for every inflected verb of saying, writing, believing and showing from
//! the lexicon, and for "according to", found by one Aho-Corasick pass
//! (ASCII case-insensitive) and kept only on word boundaries and outside
//! double quotes (a verb inside a quotation is part of what was said).
//! The colon lead-in and multiword extensions ("told reporters", "said in
//! a statement") are recognised by the attribute stage around these
//! anchors.

use std::borrow::Cow;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use crate::doc::{CueClass, CueEntry, CueMatch, Doc, Form, Quote, Shape, Span};
use crate::lang::text::{char_before, is_word_char};
use crate::lexicon::{Lexicons, Verb};

/// The stage: fills `doc.cues`.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    r.cues(doc)
        .find(&doc.text, &doc.quotes, r.lex(doc), &mut doc.cues);
}

/// Does `head` end with a word after which a cue word must be a noun
/// ("the report", "a post", "secretary of state")?
fn follows_noun_marker(lex: &Lexicons, head: &str) -> bool {
    let h = head.trim_end();
    if h.len() == head.len() {
        return false;
    }
    let start = h
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &h[start..];
    if h[..start].ends_with(['\'', '’']) && w == "s" {
        return true; // "Cruz's charges"
    }
    lex.noun_markers.has(w)
}

/// Can a capitalized word start a clause after `head`: at the start of
/// the text, or after sentence punctuation, a quote mark or a dash?
fn starts_clause(head: &str) -> bool {
    match head.trim_end().chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '\'' | '’' | '—' | '–' | '(' | '\n'
        ),
    }
}

/// The compiled cue automaton: a leftmost-longest DFA, walked here
/// rather than through `AhoCorasick::find_iter`, whose generic search
/// loop cost twice as many instructions per byte as this one.
pub struct CueMatcher {
    dfa: DFA,
    entries: Vec<CueEntry>,
    /// Per pattern, where a form of a separable verb is among its
    /// readings (`separable_verbs`): every reading with the particle it
    /// needs at its clause's end ("teilte ... mit"), or none. The first
    /// reading whose particle stands there is the cue; a pattern with
    /// readings but no such one is none ("Sie teilte das Brot"). Empty
    /// for the other patterns.
    readings: Vec<Vec<(CueEntry, Option<&'static str>)>>,
}

/// The separable particle of a verb ("mit" of "mitteilen"): the longest
/// of `separable_particles` that its lemma starts with and its
/// participle starts with before "ge" ("mitgeteilt", "bekanntgegeben").
/// `None` for a verb without one ("bestätigen", "bemängeln").
fn particle(lex: &Lexicons, v: &Verb) -> Option<&'static str> {
    let participle = v.forms.get(4)?;
    lex.separable_particles
        .iter()
        .filter(|p| {
            v.lemma.starts_with(**p)
                && participle
                    .strip_prefix(**p)
                    .is_some_and(|rest| rest.starts_with("ge"))
        })
        .max_by_key(|p| p.len())
        .copied()
}

/// Are the words of `particle` the last words of the clause that `rest`
/// continues (the text up to the next comma, colon, semicolon, bracket or
/// sentence end; a title in quotation marks may stand inside it)?
fn particle_closes_clause(rest: &str, particle: &str) -> bool {
    let end = rest
        .find([',', ';', ':', '.', '!', '?', '(', ')', '\n'])
        .unwrap_or(rest.len());
    let mut clause = rest[..end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    particle
        .rsplit(' ')
        .all(|p| clause.next().is_some_and(|w| w.eq_ignore_ascii_case(p)))
}

const FORMS: [Form; 5] = [
    Form::Base,
    Form::ThirdSingular,
    Form::Past,
    Form::Gerund,
    Form::Participle,
];

impl CueMatcher {
    pub fn new(lex: &Lexicons) -> Self {
        // Lexicon lines, and forms made of them ("mitteilte").
        let mut patterns: Vec<Cow<'static, str>> = Vec::new();
        let mut entries = Vec::new();
        let mut readings: Vec<Vec<(CueEntry, Option<&'static str>)>> = Vec::new();
        // A form and its reading; a form met again adds a reading only
        // where particles matter ("read" is base and past: the first
        // stays).
        let mut add = |f: Cow<'static, str>, entry: CueEntry, particle: Option<&'static str>| {
            let separable = lex.conventions.separable_verbs;
            match patterns.iter().position(|p| *p == f) {
                Some(i) if separable => {
                    if readings[i].is_empty() {
                        readings[i].push((entries[i], None));
                    }
                    readings[i].push((entry, particle));
                }
                Some(_) => {}
                None => {
                    patterns.push(f);
                    entries.push(entry);
                    readings.push(match particle {
                        Some(_) => vec![(entry, particle)],
                        None => Vec::new(),
                    });
                }
            }
        };
        // "bekannt gab": a particle that is a word of its own (an
        // adjective or adverb, of five letters or more) may stand apart
        // before a subordinate clause's verb too. (A short one would make
        // patterns that run over word ends: "zu sagte" in "Dazu sagte".)
        let mut apart_forms: Vec<(String, CueEntry)> = Vec::new();
        let mut apart = |p: &str, f: &str, entry: CueEntry| {
            if p.chars().count() >= 5 {
                apart_forms.push((format!("{p} {f}"), entry));
            }
        };
        for (verbs, class) in [
            (&lex.cue_verbs, CueClass::Speech),
            (&lex.belief_verbs, CueClass::Belief),
        ] {
            for v in verbs {
                let entry = |i: usize| CueEntry {
                    lemma: v.lemma,
                    class,
                    // Forms past the fifth (German's third person
                    // plural and subjunctives) are finite.
                    form: FORMS.get(i).copied().unwrap_or(Form::Past),
                    addressee: lex.addressee_verbs.contains(v.lemma),
                };
                let sep = particle(lex, v).filter(|_| lex.conventions.separable_verbs);
                for (i, f) in v.forms.iter().enumerate() {
                    let finite = i == 1 || i == 2 || i > 4;
                    match sep {
                        // "teilte": a cue with "mit" closing its clause;
                        // "mitteilte" (a subordinate clause's verb) as it is.
                        Some(p) if finite && !f.starts_with(p) => {
                            add(Cow::Borrowed(f), entry(i), Some(p));
                            add(Cow::Owned(format!("{p}{f}")), entry(i), None);
                            apart(p, f, entry(i));
                        }
                        // "bekanntgab", and "gab" with "bekannt" after it.
                        Some(p) if finite => {
                            add(Cow::Borrowed(f), entry(i), None);
                            add(Cow::Borrowed(&f[p.len()..]), entry(i), Some(p));
                            apart(p, &f[p.len()..], entry(i));
                        }
                        _ => add(Cow::Borrowed(f), entry(i), None),
                    }
                }
            }
        }
        for (f, entry) in apart_forms {
            add(Cow::Owned(f), entry, None);
        }
        // "ging davon aus": the verb is a cue with the rest of the phrase
        // closing its clause ("ging dabei davon aus, dass ...").
        if lex.conventions.separable_verbs {
            for phrase in &lex.cue_phrases {
                if let Some((verb, rest)) = phrase.split_once(' ')
                    && !lex.subordinators.has(verb)
                    && verb != "es"
                {
                    let entry = CueEntry {
                        lemma: phrase,
                        class: CueClass::Speech,
                        form: Form::Past,
                        addressee: false,
                    };
                    add(Cow::Borrowed(verb), entry, Some(rest));
                }
            }
        }
        for phrase in &lex.cue_phrases {
            let gerund = phrase.split(' ').next().is_some_and(|w| w.ends_with("ing"));
            patterns.push(Cow::Borrowed(phrase));
            readings.push(Vec::new());
            entries.push(CueEntry {
                lemma: phrase,
                class: CueClass::Speech,
                form: if gerund { Form::Gerund } else { Form::Past },
                addressee: false,
            });
        }
        for phrase in &lex.according_to {
            if patterns.iter().any(|p| p == phrase) {
                continue;
            }
            patterns.push(Cow::Borrowed(phrase));
            readings.push(Vec::new());
            entries.push(CueEntry {
                lemma: phrase,
                class: CueClass::AccordingTo,
                form: Form::Base,
                addressee: false,
            });
        }
        // No prefilter: the walk below does not use one, and without it
        // the start state is not special.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns.iter().map(|p| p.as_bytes()))
            .expect("cue lexicon compiles");
        CueMatcher {
            dfa,
            entries,
            readings,
        }
    }

    /// How many lexicon entries occur in `text` (one automaton pass, no
    /// filtering): the cue part of the throughput floor.
    pub fn count(&self, text: &[u8]) -> usize {
        let mut n = 0;
        self.each_match(text, |_, _, _| n += 1);
        n
    }

    /// Calls `f(start, end, pattern)` for each match in `text`, in order:
    /// the non-overlapping leftmost-longest matches, each search starting
    /// where the last match ended, as `find_iter` gives them.
    fn each_match(&self, text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let Ok(start) = self.dfa.start_state(Anchored::No) else {
            return;
        };
        let mut at = 0;
        while let Some((s, e, pattern)) = self.next_match(text, at, start) {
            f(s, e, pattern);
            // Lexicon lines are not empty, so neither is a match; the
            // step past an empty one is what `find_iter` does.
            at = if e > s { e } else { e + 1 };
        }
    }

    /// The leftmost-longest match in `text[from..]`: the DFA is walked
    /// until it dies (no longer match can follow) or the text ends, the
    /// last match state seen giving the match.
    #[inline]
    fn next_match(
        &self,
        text: &[u8],
        from: usize,
        start: StateID,
    ) -> Option<(usize, usize, usize)> {
        let dfa = &self.dfa;
        let (mut at, mut sid) = (from, start);
        let mut found = None;
        loop {
            (at, sid) = walk(dfa, text, at, sid);
            if !dfa.is_special(sid) || dfa.is_dead(sid) {
                return found;
            }
            if dfa.is_match(sid) {
                let pattern = dfa.match_pattern(sid, 0);
                found = Some((at - dfa.pattern_len(pattern), at, pattern.as_usize()));
            }
            if at >= text.len() {
                return found;
            }
        }
    }

    /// Finds cues in `text`, replacing the contents of `out`. `quotes` must
    /// be sorted by start; `lex` are the lists the automaton was built from.
    pub fn find(&self, text: &str, quotes: &[Quote], lex: &Lexicons, out: &mut Vec<CueMatch>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut qi = 0;
        self.each_match(bytes, |s, e, pattern| {
            let before_ok = s == 0 || {
                let c = char_before(text, s);
                !c.is_some_and(|c| is_word_char(c) || c == '-')
            };
            let after_ok = e == bytes.len() || {
                let c = text[e..].chars().next();
                !c.is_some_and(|c| is_word_char(c) || c == '-')
            };
            if !(before_ok && after_ok) {
                return;
            }
            let mut entry = self.entries[pattern];
            let readings = &self.readings[pattern];
            if !readings.is_empty() {
                let rest = &text[e..];
                match readings
                    .iter()
                    .find(|(_, p)| p.is_none_or(|p| particle_closes_clause(rest, p)))
                {
                    Some(&(r, _)) => entry = r,
                    None => return, // "Sie teilte das Brot": no "mit"
                }
            }
            if text[s..].starts_with(|c: char| c.is_ascii_uppercase()) && !starts_clause(&text[..s])
            {
                return; // "Islamic State", "Washington Post": a name
            }
            if entry.form != Form::Gerund && follows_noun_marker(lex, &text[..s]) {
                return; // "the report", "secretary of state": a noun
            }
            while qi < quotes.len() && quotes[qi].span.end <= s {
                qi += 1;
            }
            let inside_quote = quotes[qi..]
                .iter()
                .take_while(|q| q.span.start <= s)
                .any(|q| q.shape == Shape::Double && q.span.contains(s));
            if inside_quote {
                return;
            }
            out.push(CueMatch {
                span: Span::new(s, e),
                entry,
            });
        });
    }
}

/// Walks `dfa` from state `sid` over `text[at..]` up to the first special
/// state (a match or dead) or the end of the text; returns where it
/// stopped and the state there. On its own, the loop is only the
/// transition and the test.
#[inline(always)]
fn walk(dfa: &DFA, text: &[u8], mut at: usize, mut sid: StateID) -> (usize, StateID) {
    while let Some(&b) = text.get(at) {
        sid = dfa.next_state(Anchored::No, sid, b);
        at += 1;
        if dfa.is_special(sid) {
            break;
        }
    }
    (at, sid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(s: &str) -> Vec<(&str, &'static str)> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let m = CueMatcher::new(lex);
        let mut marks = Vec::new();
        super::super::scan::scan(s, &mut marks);
        let mut ps = Vec::new();
        super::super::paragraphs::paragraphs(s, &mut ps);
        let mut qs = Vec::new();
        super::super::quotes::pair(s, &marks, &ps, &mut qs);
        let mut v = Vec::new();
        m.find(s, &qs, lex, &mut v);
        v.iter()
            .map(|c| (&s[c.span.range()], c.entry.lemma))
            .collect()
    }

    #[test]
    fn inflections_and_case() {
        assert_eq!(
            cues("Said Roe; she says, was saying, told, wrote, believes. According to him."),
            vec![
                ("Said", "say"),
                ("says", "say"),
                ("saying", "say"),
                ("told", "tell"),
                ("wrote", "write"),
                ("believes", "believe"),
                ("According to", "according to")
            ]
        );
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(cues("essays, Sayre, retold, self-told"), vec![]);
    }

    #[test]
    fn nouns_are_not_cues() {
        assert_eq!(
            cues("the report, a post, secretary of state, of saying"),
            vec![("saying", "say")]
        );
        assert_eq!(
            cues("Islamic State fighters. Said Roe"),
            vec![("Said", "say")]
        );
        assert_eq!(cues("Cruz's charges, Roe’s claims"), vec![]);
    }

    /// The walk finds what `AhoCorasick::find_iter` finds with the same
    /// patterns and semantics.
    #[test]
    fn walk_finds_what_find_iter_finds() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let m = CueMatcher::new(lex);
        let mut patterns: Vec<&str> = Vec::new();
        for v in lex.cue_verbs.iter().chain(&lex.belief_verbs) {
            for f in &v.forms {
                if !patterns.contains(f) {
                    patterns.push(f);
                }
            }
        }
        patterns.extend(lex.cue_phrases.iter().copied());
        patterns.extend(lex.according_to.iter().copied());
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.as_bytes()))
            .expect("compiles");
        for s in [
            "",
            "said",
            "Said Roe; she says, was saying, told, wrote, believes. According to him.",
            "essays, Sayre, retold, self-told, saidsaid, according tom, xaccording to say",
            "She pointed out, made it clear, went on to say; remade clear; ACCORDING TO",
            "“I said no,” she said. Élysée dit: «non». 東京 said‘ told’ ",
        ] {
            let want: Vec<_> = ac
                .find_iter(s)
                .map(|x| (x.start(), x.end(), x.pattern().as_usize()))
                .collect();
            let mut got = Vec::new();
            m.each_match(s.as_bytes(), |a, b, p| got.push((a, b, p)));
            assert_eq!(got, want, "{s:?}");
            assert_eq!(m.count(s.as_bytes()), want.len());
        }
    }

    #[test]
    fn not_inside_quotes() {
        assert_eq!(cues("“I said no,” she said."), vec![("said", "say")]);
    }
}
