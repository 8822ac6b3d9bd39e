//! German clause reading, for the rules and the model stage of German
//! documents: a sentence's words and marks, its noun phrases (with the
//! case their determiner tells), the finite verb of a cue's clause and
//! that verb's subject.
//!
//! A German main clause puts one part before its finite verb (the first
//! field) and the rest after it: the subject is either all of the first
//! field ("Der Minister sagte ...") or the first phrase in the nominative
//! after the verb ("Am Montag sagte der Minister ...", "..., sagte er
//! der Zeitung"). A subordinate clause puts its verb last ("wie der
//! Minister mitteilte"). No parse is needed beyond that: a noun phrase
//! is read from its determiner over adjectives to a capitalized head,
//! the names after it, a bracket ("(CDU)"), a title in quotation marks
//! and up to two genitives or "von" phrases ("ein Sprecher des
//! Ministeriums"). A phrase is no subject when its determiner is dative,
//! accusative or genitive only ("dem", "den", "des"), when "der" stands
//! before a feminine noun ("der Zeitung"), when a preposition opens it,
//! or when it names a time ("letzte Woche").
//!
//! Every word tested comes from the document's [`Lexicons`]
//! (`prepositions`, `oblique_determiners`, `finite_auxiliaries`,
//! `subordinators`, `feminine_endings`, `determiners`, `pronouns`,
//! `object_pronouns`, `openers`, `time_words`, `calendar_words`).
//! Guarantees: every phrase and token lies within the sentence it was
//! read from, on word boundaries.

use crate::doc::Span;
use crate::lexicon::{Lexicons, WordList};

/// A token of a sentence: a word (`mark` is `None`) or one punctuation
/// mark. A period inside the sentence (an abbreviation's, an ordinal's)
/// is no token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    pub mark: Option<char>,
}

/// A noun phrase: tokens `start..end`, its head, and whether it can be a
/// subject (its case may be the nominative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Np {
    pub start: usize,
    pub end: usize,
    pub head: usize,
    /// Dative, accusative or genitive by its determiner or pronoun.
    pub oblique: bool,
}

/// Quotation marks, which close a phrase and a clause.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '„' | '“' | '”' | '"' | '»' | '«' | '‚' | '‘')
}

/// One sentence read for its clauses.
pub struct Reader<'a> {
    text: &'a str,
    lex: &'a Lexicons,
    pub toks: Vec<Tok>,
}

/// Is `w` in `list`, whatever the case of its first letter ("Über")?
fn has(list: &WordList, w: &str) -> bool {
    list.has(w)
        || w.chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && c.is_uppercase())
            && list.has(&w.to_lowercase())
}

/// Does `w` start with a capital?
pub fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Reader<'a> {
    /// The tokens of `text[span]`.
    pub fn new(lex: &'a Lexicons, text: &'a str, span: Span) -> Self {
        let mut toks = Vec::new();
        let s = &text[span.range()];
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    let inner = matches!(d, '-' | '\'' | '’' | '.' | '/' | ',' | '&');
                    let next_alnum = s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                    // "3,6": a comma only between digits.
                    let digits = d != ',' || s[i..j].ends_with(|x: char| x.is_ascii_digit());
                    if d.is_alphanumeric() || inner && next_alnum && digits {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                toks.push(Tok {
                    span: Span::new(span.start + i, span.start + end),
                    mark: None,
                });
            } else if c == '.' || c.is_whitespace() {
                // Inside a sentence a period ends an abbreviation.
            } else {
                toks.push(Tok {
                    span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                    mark: Some(c),
                });
            }
        }
        Reader { text, lex, toks }
    }

    /// The word at token `i`, or `None` for a mark or past the end.
    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        t.mark.is_none().then(|| &self.text[t.span.range()])
    }

    /// The mark at token `i`, if it is one.
    pub fn mark(&self, i: usize) -> Option<char> {
        self.toks.get(i).and_then(|t| t.mark)
    }

    /// The token whose span starts at or after `pos`.
    pub fn at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < pos)
    }

    /// The text span of tokens `start..end` (not empty).
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.toks[start].span.start, self.toks[end - 1].span.end)
    }

    fn is_det(&self, w: &str) -> bool {
        has(&self.lex.determiners, w)
    }

    pub fn is_preposition(&self, w: &str) -> bool {
        has(&self.lex.prepositions, w)
    }

    pub fn is_subordinator(&self, w: &str) -> bool {
        has(&self.lex.subordinators, w)
    }

    pub fn is_finite_auxiliary(&self, w: &str) -> bool {
        has(&self.lex.finite_auxiliaries, w)
    }

    fn is_pronoun(&self, w: &str) -> bool {
        self.lex.pronouns.has(w)
    }

    /// "es": a subject, but no speaker ("hieß es").
    fn is_expletive(&self, w: &str) -> bool {
        w.eq_ignore_ascii_case("es")
    }

    fn is_time(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        self.lex.time_words.has(&lower) || self.lex.calendar_words.has(&lower)
    }

    /// A word that opens no phrase though written with a capital at a
    /// sentence's start: an adverb, a preposition, a conjunction, an
    /// auxiliary or a verb of the lexicon.
    fn is_closed_word(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        self.lex.openers.has(&lower)
            || self.lex.function_words.has(&lower)
            || self.is_preposition(w)
            || self.is_subordinator(w)
            || self.is_finite_auxiliary(w)
            || self.lex.verb_forms.contains(lower.as_str())
    }

    /// An adjective or number before a head: a lower-case word with an
    /// adjective's ending ("neue", "zuständigen"), or one that starts
    /// with a digit ("41-jährige", "22").
    fn is_modifier(&self, w: &str) -> bool {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() {
            return true;
        }
        first.is_lowercase()
            && ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e))
            && !self.is_closed_word(w)
            && !self.lex.object_pronouns.has(w)
    }

    /// A capitalized word that can head a phrase.
    fn is_head(&self, w: &str) -> bool {
        capitalized(w) && !self.is_closed_word(w) && !self.is_det(w) && !self.is_pronoun(w)
    }

    /// Is `w` a feminine noun by its ending ("Zeitung", "Sprecherin")?
    fn feminine(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        self.lex.feminine_endings.iter().any(|e| lower.ends_with(e))
    }

    /// The noun phrase that starts at token `i`.
    pub fn np(&self, i: usize) -> Option<Np> {
        // A name in quotation marks on its own ("zitiert „BBC News“").
        if let Some(end) = self.title_at(i) {
            return Some(Np {
                start: i,
                end,
                head: i + 1,
                oblique: false,
            });
        }
        let w0 = self.word(i)?;
        if self.is_pronoun(w0) {
            return Some(Np {
                start: i,
                end: i + 1,
                head: i,
                oblique: false,
            });
        }
        if self.lex.object_pronouns.has(w0) && !capitalized(w0) {
            return Some(Np {
                start: i,
                end: i + 1,
                head: i,
                oblique: true,
            });
        }
        let mut j = i;
        let det = self.is_det(w0).then_some(w0);
        if det.is_some() {
            j += 1;
        }
        // "einer der Täter", "viele der Befragten": a pronoun and its
        // genitive; the pronoun's case is the phrase's.
        if let Some(d) = det
            && self
                .word(j)
                .is_some_and(|w| w.eq_ignore_ascii_case("der") || w.eq_ignore_ascii_case("des"))
            && let Some(g) = self.np_core(j)
        {
            let oblique = has(&self.lex.oblique_determiners, d);
            return Some(Np {
                start: i,
                end: g.end,
                head: i,
                oblique,
            });
        }
        let core = self.np_core(i)?;
        let mut end = core.end;
        // Genitives and "von" phrases: "ein Sprecher des Ministeriums",
        // "Vertreter von Amnesty International".
        for _ in 0..2 {
            match self.word(end) {
                Some(w) if ["der", "des", "eines", "einer"].contains(&w) => {
                    match self.np_core(end) {
                        Some(g) => end = g.end,
                        None => break,
                    }
                }
                Some("von" | "vom") => match self.np_core(end + 1) {
                    Some(g) if self.word(g.head).is_some_and(capitalized) => end = g.end,
                    _ => break,
                },
                _ => break,
            }
        }
        let head = self.word(core.head).unwrap_or("");
        let oblique = det.is_some_and(|d| {
            has(&self.lex.oblique_determiners, d)
                || d.eq_ignore_ascii_case("einer")
                || d.eq_ignore_ascii_case("der") && self.feminine(head)
        });
        Some(Np {
            start: i,
            end,
            head: core.head,
            oblique,
        })
    }

    /// Where a name in quotation marks that opens at token `j` ends (the
    /// token after its closing mark): one to six words, each capitalized
    /// but for articles and "und" ("„Süddeutsche Zeitung“", "„BBC
    /// News“"; not "„Wir gewinnen“").
    fn title_at(&self, j: usize) -> Option<usize> {
        if !self
            .mark(j)
            .is_some_and(|c| matches!(c, '„' | '"' | '»' | '“'))
        {
            return None;
        }
        let close = (j + 1..(j + 8).min(self.toks.len()))
            .find(|&k| self.mark(k).is_some_and(is_quote_mark))?;
        let names = (j + 1..close).all(|k| {
            self.word(k)
                .is_some_and(|w| !w.starts_with(char::is_lowercase))
                || self.word(k).is_some_and(|w| self.is_det(w) || w == "und")
        });
        (names && close > j + 1 && self.word(j + 1).is_some_and(capitalized)).then_some(close + 1)
    }

    /// A phrase without its genitives: determiner, modifiers, head, the
    /// names after it, a bracket and a title in quotation marks.
    fn np_core(&self, i: usize) -> Option<Np> {
        let mut j = i;
        if self.word(j).is_some_and(|w| self.is_det(w)) {
            j += 1;
        }
        let mut modifiers = 0;
        while modifiers < 4 && self.word(j).is_some_and(|w| self.is_modifier(w)) {
            j += 1;
            modifiers += 1;
        }
        // "Die „Süddeutsche Zeitung“": a name in quotation marks as head.
        if let Some(end) = self.title_at(j).filter(|_| j > i) {
            return Some(Np {
                start: i,
                end,
                head: j + 1,
                oblique: false,
            });
        }
        if !self.word(j).is_some_and(|w| self.is_head(w)) {
            return None;
        }
        let head = j;
        j += 1;
        // Names after the head: "Bundeskanzlerin Angela Merkel".
        while self.word(j).is_some_and(|w| self.is_head(w)) {
            j += 1;
        }
        // "(CDU)", "(SdK)": a short bracket.
        if self.mark(j) == Some('(')
            && let Some(k) =
                (j + 1..(j + 6).min(self.toks.len())).find(|&k| self.mark(k) == Some(')'))
        {
            j = k + 1;
        }
        // A title in quotation marks: die Zeitung „Die Zeit“.
        if self.mark(j).is_some_and(is_quote_mark)
            && let Some(k) = (j + 1..(j + 8).min(self.toks.len()))
                .find(|&k| self.mark(k).is_some_and(is_quote_mark))
            && (j + 1..k).all(|x| self.mark(x).is_none())
            && k > j + 1
        {
            j = k + 1;
        }
        Some(Np {
            start: i,
            end: j,
            head,
            oblique: false,
        })
    }

    /// Does the phrase name a time ("letzte Woche", "Montag"): a noun of
    /// the time words in it?
    fn is_time_phrase(&self, np: &Np) -> bool {
        (np.start..np.end).any(|k| {
            self.word(k)
                .is_some_and(|w| capitalized(w) && !self.is_det(w) && self.is_time(w))
        })
    }

    /// The subject of the finite verb at token `v` of a main clause whose
    /// first field starts at token `from`: all of the first field when it
    /// is one phrase that can be a subject (maybe with an apposition or
    /// relative clause between commas, or an adverb after it), else the
    /// first such phrase after the verb.
    pub fn subject(&self, from: usize, v: usize) -> Option<Np> {
        // The phrase may open the field or follow an adverb or two
        // ("Selbst die Zeitung hatte", "Auch der Minister sagte").
        for s in from..v.min(from + 3) {
            let after = (from..s).all(|k| {
                self.word(k).is_some_and(|w| {
                    self.lex.openers.has(&w.to_lowercase()) && !self.is_preposition(w)
                })
            });
            if !after {
                break;
            }
            if let Some(np) = self.np(s)
                && !np.oblique
                && self.first_field_ends(np.end, v)
            {
                let w = self.word(np.start).unwrap_or("");
                if self.is_expletive(w) {
                    return None;
                }
                if self.is_time_phrase(&np) {
                    break;
                }
                return Some(np);
            }
        }
        self.subject_from(v + 1).or_else(|| {
            // "Im Bericht heißt es": the first field's phrase speaks.
            let w = self.word(from)?;
            let es = self.word(v + 1).is_some_and(|x| self.is_expletive(x));
            (es && has(&self.lex.impersonal_preps, w)).then(|| self.np(from + 1))?
        })
    }

    /// Does the cue ending before token `c_end` close its clause: the
    /// sentence ends there or a comma follows, maybe after an auxiliary
    /// ("wie er sagte,", "wie er gesagt hatte.")?
    pub fn closes_clause(&self, c_end: usize) -> bool {
        let at = |k: usize| k >= self.toks.len() || self.mark(k).is_some();
        at(c_end)
            || self
                .word(c_end)
                .is_some_and(|w| self.is_finite_auxiliary(w))
                && at(c_end + 1)
    }

    /// Does the first field end with a phrase ending at `end`, before the
    /// verb at `v`: right there, after an adverb or two ("Die Kanadier
    /// hingegen sagen"), or after an aside between commas ("Der Minister,
    /// der gestern zurücktrat, sagte")?
    fn first_field_ends(&self, end: usize, v: usize) -> bool {
        if end == v {
            return true;
        }
        if self.mark(end) == Some(',') {
            return end + 1 < v - 1 && self.mark(v - 1) == Some(',');
        }
        v - end <= 2
            && (end..v).all(|k| {
                self.word(k)
                    .is_some_and(|w| !capitalized(w) && self.lex.openers.has(w))
            })
    }

    /// The first phrase from token `j` on that can be a subject, over
    /// adverbs, prepositional phrases, objects and times, up to a mark
    /// that closes the clause: the subject after a verb in second place
    /// or a subordinator ("wie der Minister mitteilte"). Where "es" is
    /// the subject ("heißt es in dem Bericht", "hieß es aus dem
    /// Ministerium"), the phrase after the first of the `impersonal_preps`
    /// speaks.
    pub fn subject_from(&self, mut j: usize) -> Option<Np> {
        let mut expletive = false;
        let mut place: Option<Np> = None;
        while j < self.toks.len() {
            if let Some(end) = self.title_at(j) {
                return Some(Np {
                    start: j,
                    end,
                    head: j + 1,
                    oblique: false,
                });
            }
            let Some(w) = self.word(j) else { break };
            if self.is_preposition(w) {
                let np = self.np(j + 1);
                if place.is_none() && has(&self.lex.impersonal_preps, w) {
                    place = np;
                }
                j = np.map_or(j + 1, |n| n.end);
                continue;
            }
            if let Some(np) = self.np(j) {
                expletive |= self.is_expletive(w);
                if np.oblique || self.is_time_phrase(&np) || self.is_expletive(w) {
                    j = np.end;
                    continue;
                }
                return Some(np);
            }
            j += 1;
        }
        place.filter(|_| expletive)
    }

    /// Where the clause of the verb at token `v` starts: after the last
    /// colon, semicolon or dash before it, else at the sentence's start.
    /// (Commas stay inside: a first field may hold an aside.)
    pub fn clause_start(&self, v: usize) -> usize {
        (0..v)
            .rev()
            .find(|&k| matches!(self.mark(k), Some(':' | ';' | '–' | '—')))
            .map_or(0, |k| k + 1)
    }

    /// The finite verb of the clause a cue at token `c` stands in: the
    /// cue itself when it is a finite form, unless it ends the clause
    /// after an auxiliary with no comma between ("hat ... erklärt": a
    /// participle that looks finite); else the nearest finite auxiliary
    /// or modal before the cue ("hat ... gesagt", "soll ... gesagt
    /// haben"). `None` when none stands in the clause (a participle after
    /// a relative pronoun, "der gesagt hatte").
    pub fn finite_verb(&self, from: usize, c: usize, finite: bool) -> Option<usize> {
        let is_aux = |k: usize| self.word(k).is_some_and(|w| self.is_finite_auxiliary(w));
        if finite {
            let ends_clause = self
                .word(c + 1)
                .is_none_or(|w| self.is_finite_auxiliary(w) || w == "haben" || w == "worden");
            let aux = (from..c)
                .rev()
                .take_while(|&k| self.mark(k) != Some(','))
                .find(|&k| is_aux(k));
            return Some(if ends_clause { aux.unwrap_or(c) } else { c });
        }
        (from..c).rev().find(|&k| is_aux(k))
    }
}

/// Is the phrase `span` no subject: opened by a preposition, a dative or
/// accusative determiner or pronoun ("in einer Erklärung", "dem Sender",
/// "ihm")?
pub fn is_oblique(lex: &Lexicons, text: &str, span: Span) -> bool {
    let r = Reader::new(lex, text, span);
    match r.word(0) {
        Some(w) if r.is_preposition(w) => true,
        Some(_) => r.np(0).is_some_and(|np| np.oblique),
        None => false,
    }
}

/// The speaker of the verb cue `cue` in the sentence `sent` (its text
/// up to where the reading stops): after "wie" in a "wie" clause; else
/// the first field when it is the subject, or the first nominative after
/// the finite verb (`finite`: the cue's form is finite). `opens` is where
/// the cue's clause starts when the caller knows it (the first word after
/// a quotation and its comma: "„Q“, wird X, Y, zitiert"): its finite verb
/// is the word there. `None` for a cue in another subordinate clause or
/// with no subject.
pub fn cue_subject(
    lex: &Lexicons,
    text: &str,
    sent: Span,
    cue: Span,
    finite: bool,
    opens: Option<usize>,
) -> Option<Span> {
    let r = Reader::new(lex, text, sent);
    let c = r.at(cue.start);
    let is_wie = |k: usize| r.word(k).is_some_and(|w| w.eq_ignore_ascii_case("wie"));
    let np = match opens.map(|o| r.at(o)) {
        Some(k) if is_wie(k) => r.subject_from(k + 1).filter(|np| np.end <= c),
        Some(k) => r.subject_from(k + 1),
        None => {
            let cs = r.clause_start(c);
            let opener = (cs..c)
                .rev()
                .find(|&k| k == cs || r.mark(k - 1) == Some(','))
                .filter(|&k| r.word(k).is_some_and(|w| r.is_subordinator(w)))
                .filter(|_| r.closes_clause(r.at(cue.end)));
            match opener {
                Some(k) if is_wie(k) => r.subject_from(k + 1).filter(|np| np.end <= c),
                Some(_) => None,
                None => {
                    let v = r.finite_verb(cs, c, finite)?;
                    r.subject(cs, v)
                }
            }
        }
    }?;
    Some(r.span(np.start, np.end))
}

/// Whom the verb cue `cue` of sentence `sent` addresses: the phrase after
/// one of the `addressee_preps` anywhere in its clause ("gegenüber der
/// Presse"); else, for a verb that takes an addressee (`addressed`:
/// "sagte", "warf ... vor", "forderte ... auf"), the first phrase after
/// the finite verb that is not its subject nor inside a prepositional
/// phrase ("sagte der Minister der Zeitung", "warf dem Senat vor").
pub fn addressee(
    lex: &Lexicons,
    text: &str,
    sent: Span,
    cue: Span,
    finite: bool,
    addressed: bool,
) -> Option<Span> {
    let r = Reader::new(lex, text, sent);
    let c = r.at(cue.start);
    let cs = r.clause_start(c);
    // The clause: from its start to the first comma, colon or quotation
    // mark after the cue.
    let ce = (c + 1..r.toks.len())
        .find(|&k| {
            r.mark(k)
                .is_some_and(|m| matches!(m, ',' | ':' | ';') || is_quote_mark(m))
        })
        .unwrap_or(r.toks.len());
    let by_prep = (cs..ce).find_map(|k| {
        let w = r.word(k)?;
        (has(&lex.addressee_preps, w))
            .then(|| r.np(k + 1))
            .flatten()
            .filter(|np| np.end <= ce)
    });
    if let Some(np) = by_prep {
        return Some(r.span(np.start, np.end));
    }
    if !addressed {
        return None;
    }
    let v = r.finite_verb(cs, c, finite)?;
    let subject = r.subject(cs, v);
    let mut k = v + 1;
    while k < ce {
        let w = r.word(k)?;
        if r.is_preposition(w) {
            k = r.np(k + 1).map_or(k + 1, |n| n.end);
            continue;
        }
        if subject.is_some_and(|s| s.start == k) {
            k = subject.map_or(k + 1, |s| s.end);
            continue;
        }
        if let Some(np) = r.np(k) {
            if r.is_expletive(w) || r.is_time_phrase(&np) {
                k = np.end;
                continue;
            }
            return Some(r.span(np.start, np.end));
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    /// The subject of the verb `verb` (its first occurrence) in `s`, as
    /// written.
    fn subject(s: &str, verb: &str) -> Option<String> {
        let lex = Lexicons::of(Lang::De);
        let r = Reader::new(lex, s, Span::new(0, s.len()));
        let v = (0..r.toks.len()).find(|&k| r.word(k) == Some(verb))?;
        let np = r.subject(r.clause_start(v), v)?;
        Some(s[r.span(np.start, np.end).range()].to_string())
    }

    #[test]
    fn the_subject_is_the_first_field_or_the_first_nominative_after_the_verb() {
        let rows: &[(&str, &str, Option<&str>)] = &[
            (
                "Der Minister sagte, die Lage sei ernst.",
                "sagte",
                Some("Der Minister"),
            ),
            (
                "Am Montag sagte der Minister, die Lage sei ernst.",
                "sagte",
                Some("der Minister"),
            ),
            (
                "Die Lage sei ernst, sagte er der Zeitung.",
                "sagte",
                Some("er"),
            ),
            (
                "Die Lage sei ernst, sagte der Zeitung ein Sprecher des Ministeriums.",
                "sagte",
                Some("ein Sprecher des Ministeriums"),
            ),
            (
                "Dies bestätigte Stoiber heute in München.",
                "bestätigte",
                Some("Stoiber"),
            ),
            (
                "In einer Erklärung warnte die Behörde vor Sturm.",
                "warnte",
                Some("die Behörde"),
            ),
            (
                "Der Leiter der Polizei, Anna Berg, erklärte, der Fall sei gelöst.",
                "erklärte",
                Some("Der Leiter der Polizei"),
            ),
            (
                "Die Kanadier hingegen sagen, das sei falsch.",
                "sagen",
                Some("Die Kanadier"),
            ),
            (
                "Dem Sender sagte die Ministerin, sie bleibe.",
                "sagte",
                Some("die Ministerin"),
            ),
            (
                "Am Abend erklärte die Ministerin gegenüber dem Sender, es komme.",
                "erklärte",
                Some("die Ministerin"),
            ),
            (
                "Letzte Woche hatte die Firma den Behörden angeboten, den Müll zu entsorgen.",
                "hatte",
                Some("die Firma"),
            ),
            (
                "Nach dem Treffen teilte die Gewerkschaft (IGM) mit, der Streik ende.",
                "teilte",
                Some("die Gewerkschaft (IGM)"),
            ),
            (
                "Die Zeitung „Neue Post“ berichtete, der Club sei pleite.",
                "berichtete",
                Some("Die Zeitung „Neue Post“"),
            ),
            (
                "Einer der Täter gab an, er habe nichts gesehen.",
                "gab",
                Some("Einer der Täter"),
            ),
            // Where "es" is the subject, the place named speaks.
            (
                "Im Bericht heißt es, die Zahl sei gestiegen.",
                "heißt",
                Some("Bericht"),
            ),
            (
                "Die Zahl sei gestiegen, hieß es aus dem Ministerium.",
                "hieß",
                Some("dem Ministerium"),
            ),
            ("Es sei ernst, hieß es.", "hieß", None),
            // A parenthetical is no first field.
            ("Der Plan, sagte er, sei gescheitert.", "sagte", Some("er")),
        ];
        for (s, verb, want) in rows {
            assert_eq!(subject(s, verb).as_deref(), *want, "{s}");
        }
    }

    #[test]
    fn tokens_keep_numbers_and_abbreviations_whole() {
        let lex = Lexicons::of(Lang::De);
        let s = "Dr. Lena Roth (SPD) sagte am 3. Mai, 3,6 Millionen seien „genug“.";
        let r = Reader::new(lex, s, Span::new(0, s.len()));
        let words: Vec<&str> = (0..r.toks.len()).filter_map(|k| r.word(k)).collect();
        assert_eq!(
            words,
            [
                "Dr",
                "Lena",
                "Roth",
                "SPD",
                "sagte",
                "am",
                "3",
                "Mai",
                "3,6",
                "Millionen",
                "seien",
                "genug"
            ]
        );
        assert_eq!(r.mark(3), Some('('));
    }
}
