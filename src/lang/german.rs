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

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::doc::Span;
use crate::lexicon::{Files, Lang, Lexicons, WordHashBuilder, WordList};

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

/// What the word lists say of a word token, computed once when the
/// sentence is read: bits of [`Flags`].
type Flags = u32;

const CAPITAL: Flags = 1;
const DET: Flags = 1 << 1;
const OBLIQUE_DET: Flags = 1 << 2;
const PREP: Flags = 1 << 3;
const SUBORD: Flags = 1 << 4;
const AUX: Flags = 1 << 5;
const PRONOUN: Flags = 1 << 6;
const OBJECT_PRONOUN: Flags = 1 << 7;
/// An adverb, conjunction or other word that opens no phrase.
const OPENER: Flags = 1 << 8;
/// A word that heads no phrase though written with a capital at a
/// sentence's start (an opener, a function word, a preposition, a
/// subordinator, an auxiliary, a verb of the lexicon).
const CLOSED: Flags = 1 << 9;
const MODIFIER: Flags = 1 << 10;
const TIME: Flags = 1 << 11;
const EXPLETIVE: Flags = 1 << 12;
const FEMININE: Flags = 1 << 13;
const GENITIVE_DET: Flags = 1 << 14;
const NAME_PREP: Flags = 1 << 15;
const OBLIQUE_ARTICLE: Flags = 1 << 16;
const GENDERED_DET: Flags = 1 << 17;
const INFINITIVE_AUX: Flags = 1 << 18;
const AS_SUBORD: Flags = 1 << 19;
const IMPERSONAL_PREP: Flags = 1 << 20;
const ADDRESSEE_PREP: Flags = 1 << 21;
const COORDINATOR: Flags = 1 << 22;
/// In the object pronouns' list (an object pronoun when written in lower
/// case: "Sie" is no "sie").
const OBJECT_PRONOUN_WORD: Flags = 1 << 23;
/// In the time or calendar words' list (a time when capitalized).
const TIME_WORD: Flags = 1 << 24;
/// A pronoun that is only ever a subject ("er", "ich", "wir").
const NOMINATIVE: Flags = 1 << 25;

/// The flags the word lists give a word in lower case (all but those its
/// case and endings give), for every word of the lists a clause reading
/// tests: one table per language, built on first use.
type ListFlags = HashMap<&'static str, Flags, WordHashBuilder>;

/// The flags of the list words of `lex`'s language.
fn list_flags(lex: &Lexicons) -> &ListFlags {
    static TABLES: [OnceLock<ListFlags>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    let lang = Lang::ALL
        .into_iter()
        .find(|&l| std::ptr::eq(Lexicons::of(l), lex))
        .unwrap_or_default();
    TABLES[lang.index()].get_or_init(|| {
        let f = Files::of(lang);
        let mut table = ListFlags::default();
        let mut add = |text: &'static str, bit: Flags| {
            for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
                *table.entry(w).or_default() |= bit;
            }
        };
        add(f.determiners, DET);
        add(f.oblique_determiners, OBLIQUE_DET);
        add(f.prepositions, PREP | CLOSED);
        add(f.subordinators, SUBORD | CLOSED);
        add(f.finite_auxiliaries, AUX | CLOSED);
        add(f.pronouns, PRONOUN);
        add(f.nominative_pronouns, NOMINATIVE);
        add(f.object_pronouns, OBJECT_PRONOUN_WORD);
        add(f.openers, OPENER | CLOSED);
        add(f.function_words, CLOSED);
        add(f.time_words, TIME_WORD);
        add(f.calendar_words, TIME_WORD);
        add(f.expletives, EXPLETIVE);
        add(f.genitive_determiners, GENITIVE_DET);
        add(f.name_preps, NAME_PREP);
        add(f.oblique_articles, OBLIQUE_ARTICLE);
        add(f.gendered_determiners, GENDERED_DET);
        add(f.infinitive_auxiliaries, INFINITIVE_AUX);
        add(f.as_subordinators, AS_SUBORD);
        add(f.impersonal_preps, IMPERSONAL_PREP);
        add(f.addressee_preps, ADDRESSEE_PREP);
        add(f.name_coordinators, COORDINATOR);
        for &w in &lex.verb_forms {
            *table.entry(w).or_default() |= CLOSED;
        }
        table
    })
}

/// The flags of the word `w` (`lower` is `w` in lower case): its list
/// flags, and those its case and endings give.
fn flags_of(lex: &Lexicons, w: &str, lower: &str) -> Flags {
    let listed = list_flags(lex).get(lower).copied().unwrap_or(0);
    let first = w.chars().next().unwrap_or(' ');
    let capital = first.is_uppercase();
    let bit = |b: Flags, on: bool| if on { b } else { 0 };
    let closed = listed & CLOSED != 0;
    let object_word = listed & OBJECT_PRONOUN_WORD != 0;
    let modifier = first.is_ascii_digit()
        || first.is_lowercase()
            && !closed
            && !object_word
            && lex.adjective_endings.iter().any(|e| w.ends_with(e));
    let time = capital && listed & TIME_WORD != 0 && listed & DET == 0;
    (listed & !(OBJECT_PRONOUN_WORD | TIME_WORD))
        | bit(CAPITAL, capital)
        | bit(OBJECT_PRONOUN, object_word && !capital)
        | bit(MODIFIER, modifier)
        | bit(TIME, time)
        | bit(
            FEMININE,
            lex.feminine_endings.iter().any(|e| lower.ends_with(e)),
        )
}

/// One sentence read for its clauses: its tokens and what the word lists
/// say of each (looked up the first time a rule asks, kept after).
pub struct Reader<'a> {
    text: &'a str,
    lex: &'a Lexicons,
    pub toks: Vec<Tok>,
    flags: Vec<Cell<Flags>>,
}

/// A token whose flags are not looked up yet.
const UNREAD: Flags = 1 << 31;

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
    /// The tokens of `text[span]`, with their flags.
    pub fn new(lex: &'a Lexicons, text: &'a str, span: Span) -> Self {
        let mut toks = Vec::new();
        let s = &text[span.range()];
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    let inner = matches!(d, '-' | '\'' | '’' | '.' | '/' | ',' | '&' | ':');
                    let next_alnum = s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                    // "3,6", "11:05": a comma or colon only between digits.
                    let digits = !matches!(d, ',' | ':')
                        || s[i..j].ends_with(|x: char| x.is_ascii_digit())
                            && s[j + 1..].starts_with(|x: char| x.is_ascii_digit());
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
        let flags = toks
            .iter()
            .map(|t| Cell::new(if t.mark.is_some() { 0 } else { UNREAD }))
            .collect();
        Reader {
            text,
            lex,
            toks,
            flags,
        }
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

    /// The flags of token `i` (0 past the end or for a mark).
    fn flags(&self, i: usize) -> Flags {
        let Some(cell) = self.flags.get(i) else {
            return 0;
        };
        let f = cell.get();
        if f != UNREAD {
            return f;
        }
        let w = &self.text[self.toks[i].span.range()];
        let f = if w.is_ascii() && w.len() <= 32 {
            let mut buf = [0u8; 32];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            flags_of(
                self.lex,
                w,
                std::str::from_utf8(&buf[..w.len()]).unwrap_or(w),
            )
        } else {
            flags_of(self.lex, w, &w.to_lowercase())
        };
        cell.set(f);
        f
    }

    /// Does word token `i` have all of `bits`?
    fn is(&self, i: usize, bits: Flags) -> bool {
        self.flags(i) & bits == bits
    }

    /// Does word token `i` have any of `bits`?
    fn any(&self, i: usize, bits: Flags) -> bool {
        self.flags(i) & bits != 0
    }

    /// The token whose span starts at or after `pos`.
    pub fn at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < pos)
    }

    /// The text span of tokens `start..end` (not empty).
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.toks[start].span.start, self.toks[end - 1].span.end)
    }

    pub fn is_preposition(&self, w: &str) -> bool {
        has(&self.lex.prepositions, w)
    }

    pub fn is_subordinator(&self, w: &str) -> bool {
        has(&self.lex.subordinators, w)
    }

    /// Is token `i` a preposition?
    pub fn preposition_at(&self, i: usize) -> bool {
        self.is(i, PREP)
    }

    /// Is token `i` a subordinator?
    pub fn subordinator_at(&self, i: usize) -> bool {
        self.is(i, SUBORD)
    }

    /// Is token `i` a subordinator whose clause attributes ("wie")?
    pub fn as_subordinator_at(&self, i: usize) -> bool {
        self.is(i, AS_SUBORD)
    }

    /// Can token `i` head a phrase: a capitalized word that is no closed
    /// word, determiner or pronoun?
    fn head_at(&self, i: usize) -> bool {
        self.is(i, CAPITAL) && !self.any(i, CLOSED | DET | PRONOUN)
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
        self.word(i)?;
        if self.is(i, PRONOUN) || self.is(i, OBJECT_PRONOUN) {
            return Some(Np {
                start: i,
                end: i + 1,
                head: i,
                oblique: self.is(i, OBJECT_PRONOUN),
            });
        }
        let det = self.is(i, DET);
        // "einer der Täter", "viele der Befragten": a pronoun and its
        // genitive; the pronoun's case is the phrase's.
        if det
            && self.is(i + 1, GENITIVE_DET)
            && self.any(i + 1, DET)
            && let Some(g) = self.np_core(i + 1)
        {
            return Some(Np {
                start: i,
                end: g.end,
                head: i,
                oblique: self.is(i, OBLIQUE_DET),
            });
        }
        let core = self.np_core(i)?;
        let mut end = core.end;
        // Genitives and name phrases: "ein Sprecher des Ministeriums",
        // "Vertreter von Amnesty International".
        for _ in 0..2 {
            if self.is(end, GENITIVE_DET) {
                match self.np_core(end) {
                    Some(g) => end = g.end,
                    None => break,
                }
            } else if self.is(end, NAME_PREP) {
                match self.np_core(end + 1) {
                    Some(g) if self.is(g.head, CAPITAL) => end = g.end,
                    _ => break,
                }
            } else {
                break;
            }
        }
        let oblique = det
            && (self.is(i, OBLIQUE_DET)
                || self.is(i, OBLIQUE_ARTICLE)
                || self.is(i, GENDERED_DET) && self.is(core.head, FEMININE));
        Some(Np {
            start: i,
            end,
            head: core.head,
            oblique,
        })
    }

    /// Where a name in quotation marks that opens at token `j` ends (the
    /// token after its closing mark): one to six words, each capitalized
    /// but for articles and coordinators ("„Süddeutsche Zeitung“", "„BBC
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
                || self.any(k, DET | COORDINATOR)
        });
        (names && close > j + 1 && self.is(j + 1, CAPITAL)).then_some(close + 1)
    }

    /// A phrase without its genitives: determiner, modifiers, head, the
    /// names after it, a bracket and a title in quotation marks.
    fn np_core(&self, i: usize) -> Option<Np> {
        let mut j = i;
        if self.is(j, DET) {
            j += 1;
        }
        let mut modifiers = 0;
        while modifiers < 4 && self.is(j, MODIFIER) {
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
        if !self.head_at(j) {
            return None;
        }
        let head = j;
        j += 1;
        // Names after the head: "Bundeskanzlerin Angela Merkel".
        while self.head_at(j) {
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
        (np.start..np.end).any(|k| self.is(k, TIME))
    }

    /// The subject of the finite verb at token `v` of a main clause whose
    /// first field starts at token `from`: all of the first field when it
    /// is one phrase that can be a subject (maybe with an apposition or
    /// relative clause between commas, or an adverb after it), else the
    /// first such phrase after the verb.
    pub fn subject(&self, from: usize, v: usize) -> Option<Np> {
        // "Nähere Einzelheiten gab er nicht bekannt": a pronoun that is
        // only ever a subject, right after the verb, makes the first
        // field an object.
        if v + 1 < self.toks.len() && self.is(v + 1, NOMINATIVE) && !self.is(v + 1, CAPITAL) {
            return self.np(v + 1);
        }
        // The phrase may open the field or follow an adverb or two
        // ("Selbst die Zeitung hatte", "Auch der Minister sagte").
        for s in from..v.min(from + 3) {
            if !(from..s).all(|k| self.is(k, OPENER) && !self.is(k, PREP)) {
                break;
            }
            if let Some(np) = self.np(s)
                && !np.oblique
                && self.first_field_ends(np.end, v)
            {
                if self.is(np.start, EXPLETIVE) {
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
            (self.is(v + 1, EXPLETIVE) && self.is(from, IMPERSONAL_PREP))
                .then(|| self.np(from + 1))?
        })
    }

    /// Does the cue ending before token `c_end` close its clause: the
    /// sentence ends there or a comma follows, maybe after an auxiliary
    /// ("wie er sagte,", "wie er gesagt hatte.")?
    pub fn closes_clause(&self, c_end: usize) -> bool {
        let at = |k: usize| k >= self.toks.len() || self.mark(k).is_some();
        at(c_end) || self.is(c_end, AUX) && at(c_end + 1)
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
        v - end <= 2 && (end..v).all(|k| self.is(k, OPENER) && !self.is(k, CAPITAL))
    }

    /// The first phrase from token `j` on that can be a subject, over
    /// adverbs, prepositional phrases, objects and times, up to a mark
    /// that closes the clause: the subject after a verb in second place
    /// or a subordinator ("wie der Minister mitteilte"). Where an
    /// expletive is the subject ("heißt es in dem Bericht", "hieß es aus
    /// dem Ministerium"), the phrase after the first of the
    /// `impersonal_preps` speaks.
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
            if self.mark(j).is_some() {
                break;
            }
            if self.is(j, PREP) {
                let np = self.np(j + 1);
                if place.is_none() && self.is(j, IMPERSONAL_PREP) {
                    place = np;
                }
                j = np.map_or(j + 1, |n| n.end);
                continue;
            }
            if let Some(np) = self.np(j) {
                let expl = self.is(j, EXPLETIVE);
                expletive |= expl;
                if np.oblique || self.is_time_phrase(&np) || expl {
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
        if finite {
            let ends_clause = self.word(c + 1).is_none() || self.any(c + 1, AUX | INFINITIVE_AUX);
            let aux = (from..c)
                .rev()
                .take_while(|&k| self.mark(k) != Some(','))
                .find(|&k| self.is(k, AUX));
            return Some(if ends_clause { aux.unwrap_or(c) } else { c });
        }
        (from..c).rev().find(|&k| self.is(k, AUX))
    }

    /// Is token `k` an addressee's preposition ("gegenüber")?
    fn addressee_prep_at(&self, k: usize) -> bool {
        self.is(k, ADDRESSEE_PREP)
    }

    /// Is token `k` an expletive ("es")?
    fn expletive_at(&self, k: usize) -> bool {
        self.is(k, EXPLETIVE)
    }
}

/// Is the phrase `span` no subject: opened by a preposition, a dative or
/// accusative determiner or pronoun ("in einer Erklärung", "dem Sender",
/// "ihm")?
pub fn is_oblique(lex: &Lexicons, text: &str, span: Span) -> bool {
    let r = Reader::new(lex, text, span);
    r.word(0).is_some() && (r.preposition_at(0) || r.np(0).is_some_and(|np| np.oblique))
}

/// The speaker of the verb cue `cue` in the sentence `r` reads: after
/// "wie" in a "wie" clause; else the first field when it is the subject,
/// or the first nominative after the finite verb (`finite`: the cue's
/// form is finite). `opens` is where the cue's clause starts when the
/// caller knows it (the first word after a quotation and its comma: "„Q“,
/// wird X, Y, zitiert"): its finite verb is the word there. `None` for a
/// cue in another subordinate clause or with no subject.
pub fn cue_subject(r: &Reader, cue: Span, finite: bool, opens: Option<usize>) -> Option<Span> {
    let c = r.at(cue.start);
    let np = match opens.map(|o| r.at(o)) {
        Some(k) if r.as_subordinator_at(k) => r.subject_from(k + 1).filter(|np| np.end <= c),
        Some(k) => r.subject_from(k + 1),
        None => {
            let cs = r.clause_start(c);
            let opener = (cs..c)
                .rev()
                .find(|&k| k == cs || r.mark(k - 1) == Some(','))
                .filter(|&k| r.subordinator_at(k))
                .filter(|_| r.closes_clause(r.at(cue.end)));
            match opener {
                Some(k) if r.as_subordinator_at(k) => {
                    r.subject_from(k + 1).filter(|np| np.end <= c)
                }
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

/// Is the verb cue `cue` (`infinitive`: read as its verb's infinitive) a
/// passive that names no speaker: a form of "werden" beside it in its
/// stretch of clause between commas ("Ihm wird vorgeworfen", "wie
/// bekannt wurde"), the cue no infinitive (no future: "wird ... sagen")
/// and none of the `impersonal_preps` in that stretch, which name an
/// agent or where the words stand ("von der Polizei", "In einer
/// Erklärung wurde ... gefordert")? The annotators leave such a report
/// without a source ("Israel wurde aufgefordert, ...": Israel is
/// addressed, not speaking).
pub fn agentless_passive(r: &Reader, cue: Span, infinitive: bool) -> bool {
    if infinitive || r.toks.is_empty() {
        return false;
    }
    let c = r.at(cue.start);
    let c_end = r.at(cue.end);
    let stops = |k: usize| r.mark(k).is_some_and(|m| m != '(' && m != ')');
    let from = (0..c).rev().find(|&k| stops(k)).map_or(0, |k| k + 1);
    let to = (c_end..r.toks.len())
        .find(|&k| stops(k))
        .unwrap_or(r.toks.len());
    let passive = (from..to).any(|k| r.word(k).is_some_and(|w| r.lex.passive_auxiliaries.has(w)));
    passive && !(from..to).any(|k| r.is(k, IMPERSONAL_PREP))
}

/// Whom the verb cue `cue` of the sentence `r` reads addresses: the
/// phrase after one of the `addressee_preps` anywhere in its clause
/// ("gegenüber der Presse"); else, for a verb that takes an addressee
/// (`addressed`: "sagte", "warf ... vor", "forderte ... auf"), the first
/// phrase after the finite verb that is not its subject nor inside a
/// prepositional phrase ("sagte der Minister der Zeitung", "warf dem
/// Senat vor").
pub fn addressee(r: &Reader, cue: Span, finite: bool, addressed: bool) -> Option<Span> {
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
        r.addressee_prep_at(k)
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
        r.word(k)?;
        if r.preposition_at(k) {
            k = r.np(k + 1).map_or(k + 1, |n| n.end);
            continue;
        }
        if let Some(s) = subject.filter(|s| s.start == k) {
            k = s.end;
            continue;
        }
        if let Some(np) = r.np(k) {
            if r.expletive_at(k) || r.is_time_phrase(&np) {
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
    fn a_passive_without_an_agent_names_no_speaker() {
        let lex = Lexicons::of(Lang::De);
        // (sentence, cue, read as an infinitive, agentless passive?)
        let rows: &[(&str, &str, bool, bool)] = &[
            (
                "Ihm wird vorgeworfen, die Kasse geplündert zu haben.",
                "vorgeworfen",
                false,
                true,
            ),
            (
                "Die Stadt wurde aufgefordert, den Platz zu räumen.",
                "aufgefordert",
                false,
                true,
            ),
            (
                "Wie am Abend bekannt wurde, tritt sie zurück.",
                "bekannt",
                false,
                true,
            ),
            // An agent, or the document the words stand in, speaks.
            (
                "Ihm wird von der Behörde vorgeworfen, gelogen zu haben.",
                "vorgeworfen",
                false,
                false,
            ),
            (
                "In einer Erklärung wurde gefordert, die Wahl zu wiederholen.",
                "gefordert",
                false,
                false,
            ),
            // The future, and an active verb.
            (
                "Der Minister wird morgen erklären, wie es weitergeht.",
                "erklären",
                true,
                false,
            ),
            (
                "Der Minister warf ihm vor, gelogen zu haben.",
                "vor",
                false,
                false,
            ),
            // "werde" in the reported clause is not the cue's.
            (
                "Sie kritisierte, die Stadt werde zu spät handeln.",
                "kritisierte",
                false,
                false,
            ),
        ];
        for &(s, cue, infinitive, want) in rows {
            let r = Reader::new(lex, s, Span::new(0, s.len()));
            let at = s.find(cue).unwrap();
            let cue = Span::new(at, at + cue.len());
            assert_eq!(agentless_passive(&r, cue, infinitive), want, "{s}");
        }
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
