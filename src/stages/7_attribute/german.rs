//! German constructions the English rules cannot read, each tried only
//! on German documents:
//!
//! - `Laut X VERB CONTENT.` · `Nach Angaben X VERB CONTENT.` · `X zufolge
//!   VERB CONTENT.`: the source-first sentence, whose source ends where the
//!   finite verb stands second (no comma marks it, as in English);
//! - `CONTENT, so X.`: "so" and a speaker phrase close the sentence
//!   (`„Q“, so der Sprecher.`);
//! - `ADVERB VERB X, CONTENT.`: verb second, the subject after the cue
//!   when something else opens the sentence ("Dazu sagte Hartmann, man
//!   werde das prüfen").

use super::Sieve;
use crate::doc::{Claim, CueClass, CueMatch, Form, Mention, Rule, Span};
use crate::lang::text::trim;
use crate::lang::{german, mentions};
use crate::lexicon::{Lang, WordList};

/// The most words a source phrase holds.
const MAX_SOURCE_WORDS: usize = 12;

/// The words of `text[span]` with their spans.
fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let s = &text[span.range()];
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '-' || c == '.' && start.is_some();
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                let w = s[b..i].trim_end_matches('.');
                out.push(Span::new(span.start + b, span.start + b + w.len()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where the finite verb after a source phrase starting at `from` stands:
/// the first lower-case word after a capitalized one (the phrase's noun)
/// that is no function word ("Laut einem Bericht der Zeitung *sollen*
/// ..."; "einem neuen Bericht": "neuen" follows no capital).
fn finite_verb(sv: &Sieve, from: usize, end: usize) -> Option<Span> {
    let text = sv.text();
    let ws = words(text, Span::new(from, end));
    let capital = |w: Span| text[w.range()].starts_with(char::is_uppercase);
    for (k, &w) in ws.iter().enumerate().skip(1) {
        let s = &text[w.range()];
        if k > MAX_SOURCE_WORDS {
            return None;
        }
        // A comma before it closes an apposition: the verb may follow.
        let after_comma = text[ws[k - 1].end..w.start].contains(',');
        if !capital(w)
            && (capital(ws[k - 1]) || after_comma)
            && s.starts_with(char::is_alphabetic)
            && !sv.lex.function_words.has(s)
            && !sv.lex.determiners.has(s)
            && !sv.lex.articles.has(s)
        {
            return Some(w);
        }
    }
    None
}

/// The speaker mention of `span`, typed.
fn mention(sv: &Sieve, span: Span) -> Mention {
    Mention {
        span,
        kind: mentions::classify(sv.lex, sv.text(), span),
        weak: false,
    }
}

/// `Laut X VERB CONTENT.`, `Nach Angaben X VERB ...`, `X zufolge VERB ...`.
pub(super) fn according_to(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let cues = sv.doc.cues_starting_in(sent);
    let cue = cues
        .iter()
        .find(|c| c.entry.class == CueClass::AccordingTo)?;
    let postposition = text[cue.span.range()].eq_ignore_ascii_case("zufolge");
    let (source, rest_from) = if postposition {
        // "Dem Bericht zufolge ist ...": the source opens the sentence,
        // one phrase ([`source_inside`] reads it where it does not).
        let source = trim(text, Span::new(sent.start, cue.span.start));
        let r = german::Reader::new(sv.lex, text, source);
        if r.np(0).is_none_or(|np| np.end != r.toks.len()) {
            return None;
        }
        (source, cue.span.end)
    } else {
        if cue.span.start != sent.start {
            return None;
        }
        let verb = finite_verb(sv, cue.span.end, end)?;
        let source = trim(text, Span::new(cue.span.end, verb.start));
        (source, verb.start)
    };
    let source = trim_comma(text, source);
    let source_words = words(text, source).len();
    if source.is_empty() || source_words > MAX_SOURCE_WORDS {
        return None;
    }
    let content = trim(text, Span::new(rest_from, end));
    if words(text, content).len() < 3 {
        return None;
    }
    Some(sv.reported(
        vec![content],
        Some(mention(sv, source)),
        Some(cue.span),
        Rule::AccordingToClause,
    ))
}

/// The content of a sentence (from `start` to `end`) around the stretch
/// `gap` that attributes it (a source phrase and its word): the parts
/// before and after, trimmed of spaces and commas, if they hold three
/// words or more.
fn around(text: &str, start: usize, gap: Span, end: usize) -> Option<Vec<Span>> {
    let parts: Vec<Span> = [Span::new(start, gap.start), Span::new(gap.end, end)]
        .into_iter()
        .map(|p| trim_comma(text, trim(text, p)))
        .filter(|p| !p.is_empty())
        .collect();
    let n: usize = parts.iter().map(|&p| words(text, p).len()).sum();
    (n >= 3).then_some(parts)
}

/// `span` without a comma at either end.
fn trim_comma(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start_matches([',', ' ']).len();
    let t = s
        .trim_start_matches([',', ' '])
        .trim_end_matches([',', ' ']);
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// `CONTENT, so X.`: the speaker phrase after ", so" runs to the end of
/// the sentence and opens with an article or a capital.
pub(super) fn so_speaker(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let s = &text[sent.start..end];
    let at = s.rfind(", so ")?;
    let cue = Span::new(sent.start + at + 2, sent.start + at + 4);
    let rest = trim(text, Span::new(cue.end, end));
    // The speaker: all the rest, or a phrase that a comma and more of the
    // content follow ("„Q1“, so die Sprecherin, „Q2“") or an adverb
    // ("so der Minister weiter").
    let r = german::Reader::new(sv.lex, text, rest);
    let np = r.np(0);
    let (source, more) = match np {
        Some(np) if np.end < r.toks.len() && r.mark(np.end) == Some(',') => {
            let more = trim(text, Span::new(r.toks[np.end].span.end, end));
            (r.span(np.start, np.end), Some(more))
        }
        Some(np)
            if np.end < r.toks.len()
                && (np.end..r.toks.len()).all(|k| {
                    r.word(k)
                        .is_some_and(|w| w.starts_with(char::is_lowercase) && r.np(k).is_none())
                }) =>
        {
            (r.span(np.start, np.end), None)
        }
        _ => (rest, None),
    };
    let ws = words(text, source);
    let first = &text[ws.first()?.range()];
    if ws.len() > MAX_SOURCE_WORDS
        || !(first.starts_with(char::is_uppercase) || sv.lex.articles.has(first))
    {
        return None;
    }
    let content = trim(text, Span::new(sent.start, sent.start + at));
    if words(text, content).len() < 3 {
        return None;
    }
    let parts: Vec<Span> = std::iter::once(content)
        .chain(more.filter(|m| words(text, *m).len() >= 2))
        .collect();
    let mut c = sv.reported(parts, Some(mention(sv, source)), Some(cue), Rule::SoSpeaker);
    c.kind = sv.doc.kind_of(&c.content);
    Some(c)
}

/// `ADVERB VERB X, CONTENT.`: the cue is the sentence's second part,
/// after a word that names no one (`openers`) or a time phrase, and the
/// speaker phrase between the cue and the next comma.
pub(super) fn inverted_clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let cues = sv.doc.cues_starting_in(sent);
    let cue = cues.iter().find(|c| c.entry.is_finite_report())?;
    let before = words(text, Span::new(sent.start, cue.span.start));
    let opener = match before.as_slice() {
        [w] => sv.lex.openers.has(&text[w.range()]),
        // "Am Montag", "Am späten Abend": a time phrase.
        [w, ..] if before.len() <= 4 => {
            sv.lex.adjunct_openers.has(&text[w.range()])
                && before.iter().any(|w| {
                    let s = &text[w.range()];
                    sv.lex.time_words.has(s) || sv.lex.is_calendar_word(s)
                })
        }
        _ => false,
    };
    if !opener {
        return None;
    }
    let comma = text[cue.span.end..end].find(',')? + cue.span.end;
    let source = trim(text, Span::new(cue.span.end, comma));
    let ws = words(text, source);
    let first = &text[ws.first()?.range()];
    if ws.len() > MAX_SOURCE_WORDS
        || !(first.starts_with(char::is_uppercase) || sv.lex.articles.has(first))
    {
        return None;
    }
    let content = trim(text, Span::new(comma + 1, end));
    if words(text, content).len() < 3 {
        return None;
    }
    Some(sv.reported(
        vec![content],
        Some(mention(sv, source)),
        Some(cue.span),
        Rule::SpeakerCueClause,
    ))
}

/// `CONTENT laut X CONTENT.` · `... nach Angaben X ...` · `... X zufolge
/// ...` · `... seiner Meinung nach ...`: a source word anywhere in the
/// sentence with its phrase ("laut" and "gemäß" before it, "zufolge"
/// after it, "nach" on either side when the phrase is headed by a source
/// noun, `source_nouns.txt`); the content is the rest of the sentence,
/// on both sides. ([`according_to`] has had the sentences that open with
/// their source.)
fn source_inside(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.lex.source_nouns.is_empty() {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let r = sv.reader(sent);
    let source_noun = |np: &german::Np| {
        r.word(np.head).is_some_and(|h| {
            let h = h.to_lowercase();
            sv.lex.source_nouns.iter().any(|n| h.ends_with(n))
        })
    };
    // The phrase that ends right before token `k`, the longest.
    let phrase_before =
        |k: usize| (k.saturating_sub(10)..k).find_map(|s| r.np(s).filter(|np| np.end == k));
    for k in 0..r.toks.len() {
        let Some(w) = r.word(k) else { continue };
        let lower = w.to_lowercase();
        let (source, cue) = match lower.as_str() {
            "laut" | "gemäß" => {
                let np = r.np(k + 1).map_or(k + 2, |np| np.end);
                if np > r.toks.len() || r.word(k + 1).is_none() {
                    continue;
                }
                ((k + 1, np), k)
            }
            "zufolge" => match phrase_before(k) {
                Some(np) => ((np.start, np.end), k),
                None => continue,
            },
            "nach" => match r.np(k + 1).filter(source_noun) {
                Some(np) => ((np.start, np.end), k),
                None => match phrase_before(k).filter(source_noun) {
                    Some(np) if r.word(k + 1).is_some() || k + 1 == r.toks.len() => {
                        ((np.start, np.end), k)
                    }
                    _ => continue,
                },
            },
            _ => continue,
        };
        let lo = source.0.min(cue);
        let hi = source.1.max(cue + 1);
        let Some(parts) = around(text, sent.start, r.span(lo, hi), end) else {
            continue;
        };
        let speaker = mention(sv, r.span(source.0, source.1));
        return Some(sv.reported(
            parts,
            Some(speaker),
            Some(r.toks[cue].span),
            Rule::AccordingToClause,
        ));
    }
    None
}

/// A source word of the sentence and what it attributes: first
/// [`source_words`] ("demnach", "wonach"), then [`source_inside`]
/// ("laut", "nach Angaben", "zufolge"); only where the sentence holds one
/// of the lists' words.
pub(super) fn sources(sv: &Sieve, sent: Span) -> Option<Claim> {
    if !has_word_of(sv.text(), sent, &sv.lex.source_triggers) {
        return None;
    }
    source_words(sv, sent).or_else(|| source_inside(sv, sent))
}

/// Does `text[sent]` hold a word of `list` (a first look, before the
/// sentence is read)? Words are runs of ASCII letters and digits and of
/// the bytes of other characters; the list tells most words apart by
/// their length alone.
fn has_word_of(text: &str, sent: Span, list: &WordList) -> bool {
    text.as_bytes()[sent.range()]
        .split(|b| !(b.is_ascii_alphanumeric() || *b >= 0x80))
        .any(|w| !w.is_empty() && list.has_bytes(w))
}

/// The speaker of a verb cue in a German sentence
/// ([`german::cue_subject`]), typed.
pub(super) fn cue_subject(
    sv: &Sieve,
    cue: &CueMatch,
    sent: Span,
    bound: usize,
    opens: Option<usize>,
) -> Option<Mention> {
    let r = sv.reader(sent);
    let finite = cue.entry.is_finite_report();
    german::cue_subject(&r, cue.span, finite, opens)
        .filter(|span| span.end <= bound)
        .map(|span| mention(sv, span))
}

/// `Demnach CONTENT.` · `CONTENT demnach CONTENT.`: an adverb that names
/// the source it points back to (`source_adverbs.txt`), marked as both
/// cue and source as the annotators do; the content is the rest of the
/// sentence. `X, wonach CONTENT`: a relative word after a source's noun
/// (`source_relatives.txt`) opens what the noun says, up to the end of
/// its clause.
fn source_words(sv: &Sieve, sent: Span) -> Option<Claim> {
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let r = sv.reader(sent);
    for k in 0..r.toks.len() {
        let Some(w) = r.word(k) else { continue };
        if sv.lex.source_adverbs.has(w) {
            let parts = around(text, sent.start, r.toks[k].span, end)?;
            let here = r.toks[k].span;
            return Some(sv.reported(
                parts,
                Some(mention(sv, here)),
                Some(here),
                Rule::AccordingToClause,
            ));
        }
        if sv.lex.source_relatives.has(w) && k > 0 && r.mark(k - 1) == Some(',') {
            let source =
                (k.saturating_sub(10)..k - 1).find_map(|s| r.np(s).filter(|np| np.end == k - 1))?;
            // The clause ends at a comma before a verb (the main clause
            // going on: "..., konnte der Minister nicht bestätigen"), or
            // with the sentence.
            let close = (k + 1..r.toks.len())
                .find(|&x| {
                    r.mark(x) == Some(',')
                        && r.word(x + 1).is_some_and(|v| {
                            v.starts_with(char::is_lowercase)
                                && r.np(x + 1).is_none()
                                && !r.is_subordinator(v)
                                && !r.is_preposition(v)
                        })
                })
                .map_or(end, |x| r.toks[x].span.start);
            let content = trim(text, Span::new(r.toks[k].span.end, close));
            if words(text, content).len() < 3 {
                return None;
            }
            return Some(sv.reported(
                vec![content],
                Some(mention(sv, r.span(source.start, source.end))),
                Some(r.toks[k].span),
                Rule::AccordingToClause,
            ));
        }
    }
    None
}

/// The most tokens between a cue and the comma or colon that opens its
/// reported clause ("sagte am Montag gegenüber der Zeitung, ...").
const MAX_MIDDLE: usize = 14;

/// A cue's clause read the German way ([`german::Reader`]), for each
/// cue of the sentence in turn; the first that makes a claim gives it:
///
/// - `X VERB [...], CONTENT.` · `ADVERB VERB X, CONTENT.` · `X hat ...
///   VERB, CONTENT.` · `X VERB: CONTENT`: the subject in the first field
///   or after the verb, the content after the comma or colon that closes
///   the cue's clause (only the subject, objects in the dative, adverbs,
///   phrases with a preposition and the verb's particle between);
/// - `CONTENT, VERB X.`: the cue right after a comma, its subject after
///   it, the content before;
/// - `CONTENT, wie X VERB.` · `Wie X VERB, CONTENT.`: the subject after
///   "wie", the content the rest of the sentence.
///
/// A cue inside another subordinate clause ("nachdem er gesagt hatte"),
/// a passive one ("wurde mitgeteilt") or one with an object of its own
/// ("kritisierte die Entscheidung, die ...") makes no claim here.
pub(super) fn clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let r = sv.reader(sent);
    sv.doc
        .cues_starting_in(sent)
        .iter()
        .filter(|c| c.entry.class != CueClass::AccordingTo && c.span.end <= end)
        .find_map(|cue| clause_of(sv, &r, cue, end))
}

/// [`clause`] for one cue.
fn clause_of(sv: &Sieve, r: &german::Reader, cue: &CueMatch, end: usize) -> Option<Claim> {
    let text = sv.text();
    let c = r.at(cue.span.start);
    let c_end = r.at(cue.span.end);
    let cs = r.clause_start(c);
    // The subordinator that opens the cue's clause, if any: the first
    // word of the clause or the word after its last comma, with the cue
    // closing that clause ("wie er mitteilte,"; not "Als Begründung
    // sagte er").
    let opener = (cs..c)
        .rev()
        .find(|&k| k == cs || r.mark(k - 1) == Some(','))
        .filter(|&k| r.word(k).is_some_and(|w| r.is_subordinator(w)))
        .filter(|_| r.closes_clause(c_end));
    if let Some(k) = opener {
        if !r.word(k).is_some_and(|w| w.eq_ignore_ascii_case("wie")) {
            return None; // a cue inside another subordinate clause
        }
        return as_clause(sv, r, cue, k, c_end, end);
    }
    // `X, der ... VERB, CONTENT`: a relative clause the cue closes; its
    // pronoun speaks (as the annotators mark it) unless a subject of its
    // own stands in it ("den er kritisierte").
    let relative = (cs + 1..c)
        .rev()
        .find(|&k| r.mark(k - 1) == Some(','))
        .filter(|&k| r.word(k).is_some_and(|w| sv.lex.relatives.has(w)))
        .filter(|_| r.closes_clause(c_end));
    if let Some(k) = relative {
        let m = (c_end..r.toks.len()).find(|&x| r.mark(x) == Some(','))?;
        let speaker = r
            .subject_from(k + 1)
            .filter(|np| np.end <= c)
            .map_or(r.span(k, k + 1), |np| r.span(np.start, np.end));
        let content = trim(text, Span::new(r.toks[m].span.end, end));
        if words(text, content).len() < 2 {
            return None;
        }
        return Some(sv.reported(
            vec![content],
            Some(mention(sv, speaker)),
            Some(cue.span),
            Rule::SpeakerCueClause,
        ));
    }
    let v = r.finite_verb(cs, c, cue.entry.is_finite_report())?;
    let verb = r.word(v)?;
    if v != c && sv.lex.passive_auxiliaries.has(verb) && cue.entry.form == Form::Participle {
        return None;
    }
    // `CONTENT, VERB X.`: the verb right after a comma, the first field
    // no subordinate clause and a clause of its own, not a phrase with an
    // aside ("Die Fraktion, die ..., meldete") nor a prepositional phrase
    // ("In einer Botschaft, die ..., sagte"), which are read below.
    let inverted = v > cs + 1
        && r.mark(v - 1) == Some(',')
        && !r.word(cs).is_some_and(|w| r.is_subordinator(w))
        && {
            let comma = (cs..v).find(|&k| r.mark(k) == Some(','));
            let phrase_end = match r.word(cs) {
                Some(w) if r.is_preposition(w) => r.np(cs + 1).map(|np| np.end),
                _ => r.np(cs).map(|np| np.end),
            };
            phrase_end.is_none() || phrase_end != comma
        };
    if inverted {
        let subject = r.subject_from(v + 1)?;
        let content = trim_comma(
            text,
            trim(
                text,
                Span::new(r.toks[cs].span.start, r.toks[v - 1].span.start),
            ),
        );
        if words(text, content).len() < 3 {
            return None;
        }
        let mut claim = sv.reported(
            vec![content],
            Some(mention(sv, r.span(subject.start, subject.end))),
            Some(cue.span),
            Rule::ContentCueSpeaker,
        );
        claim.kind = sv.doc.kind_of(&claim.content);
        return Some(claim);
    }
    let subject = r.subject(cs, v)?;
    // The clause's end: the first comma or colon after the cue and the
    // subject (with an apposition between commas after it).
    let mut from = c_end.max(v + 1);
    if subject.start > v {
        from = from.max(subject.end);
        if r.mark(subject.end) == Some(',')
            && let Some(app) = r.np(subject.end + 1)
            && r.mark(app.end) == Some(',')
        {
            from = from.max(app.end + 1);
        }
    }
    // The comma or colon that closes the clause, else its end.
    let m = (from..r.toks.len())
        .find(|&k| matches!(r.mark(k), Some(',' | ':')))
        .unwrap_or(r.toks.len());
    // What stands between the cue and there: the subject, adverbs,
    // phrases with a preposition or a dative (the frame), and perhaps an
    // object, whose first word starts the content ("verlangte den
    // Rückzug der Truppen", "bezeichnete die Entscheidung als richtig").
    let mut object: Option<usize> = None;
    let mut k = c_end.max(v + 1);
    while k < m && object.is_none() {
        let Some(w) = r.word(k) else {
            if r.mark(k).is_some_and(german::is_quote_mark) {
                return None; // the quote rules' sentence
            }
            k += 1;
            continue;
        };
        if k == subject.start {
            k = subject.end;
            continue;
        }
        if r.is_preposition(w) {
            k = r.np(k + 1).map_or(k + 1, |n| n.end);
            continue;
        }
        match r.np(k) {
            Some(np) if np.oblique && r.word(np.head).is_none_or(|h| !german::capitalized(h)) => {
                k = np.end; // "ihm", "ihnen"
            }
            Some(_) => object = Some(k),
            None => k += 1,
        }
    }
    // "will Gespräche aufnehmen", "fanden das Wrack": the object of a
    // verb of wanting or finding is no claim (its clause is).
    if object.is_some() && sv.lex.clause_only_verbs.contains(cue.entry.lemma) {
        return None;
    }
    let content = match object {
        None if m < r.toks.len() && m - c_end <= MAX_MIDDLE => {
            trim(text, Span::new(r.toks[m].span.end, end))
        }
        // Up to the end of the sentence, without the verb's particle
        // ("sagten ... weitere Regenfälle voraus").
        Some(o) => {
            let mut last = r.toks.len();
            if let Some(p) = r.word(last - 1)
                && cue.entry.lemma.starts_with(p)
                && p.len() < cue.entry.lemma.len()
            {
                last -= 1;
            }
            if last <= o {
                return None;
            }
            trim(text, r.span(o, last))
        }
        None => return None,
    };
    // A relative clause on the noun before the comma ("gegenüber dem
    // Sender, der ...") is not what was said: its pronoun heads no
    // phrase of its own ("das Gesetz komme" is a clause's subject).
    let first = words(text, content).first().map(|w| &text[w.range()]);
    let relative = first.is_some_and(|w| sv.lex.relatives.has(w))
        && r.word(m.saturating_sub(1)).is_some_and(german::capitalized)
        && object.is_none()
        && r.np(m + 1)
            .is_none_or(|np| np.end == m + 2 || !r.word(np.head).is_some_and(german::capitalized));
    // One word may be an object ("kündigte Warnstreiks an"), not a
    // clause.
    let least = if object.is_some() { 1 } else { 2 };
    if words(text, content).len() < least || relative {
        return None;
    }
    Some(sv.reported(
        vec![content],
        Some(mention(sv, r.span(subject.start, subject.end))),
        Some(cue.span),
        Rule::SpeakerCueClause,
    ))
}

/// `CONTENT, wie X VERB.` · `Wie X VERB, CONTENT.` · `CONTENT, wie X
/// VERB, CONTENT.`: the "wie" clause opens at token `k` and its cue ends
/// at token `c_end`; the content is the sentence around it.
fn as_clause(
    sv: &Sieve,
    r: &german::Reader,
    cue: &CueMatch,
    k: usize,
    c_end: usize,
    end: usize,
) -> Option<Claim> {
    let text = sv.text();
    // None only for a passive one ("Wie heute bekannt wurde,").
    let subject = r
        .subject_from(k + 1)
        .filter(|np| np.end <= r.at(cue.span.start));
    let passive =
        (k + 1..c_end + 1).any(|x| r.word(x).is_some_and(|w| sv.lex.passive_auxiliaries.has(w)));
    if subject.is_none() && !passive {
        return None;
    }
    let close = (c_end..r.toks.len()).find(|&x| r.mark(x) == Some(','));
    let sent_start = r.toks.first()?.span.start;
    let before = trim_comma(
        text,
        trim(text, Span::new(sent_start, r.toks[k].span.start)),
    );
    let after = close.map_or(Span::new(end, end), |x| {
        trim(text, Span::new(r.toks[x].span.end, end))
    });
    let parts: Vec<Span> = [before, after]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    let n: usize = parts.iter().map(|&p| words(text, p).len()).sum();
    if n < 3 {
        return None;
    }
    let mut claim = sv.reported(
        parts,
        subject.map(|np| mention(sv, r.span(np.start, np.end))),
        Some(cue.span),
        Rule::AsSpeakerCue,
    );
    claim.kind = sv.doc.kind_of(&claim.content);
    Some(claim)
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, Rule};
    use crate::lexicon::Lang;
    use crate::stages::{Resources, STAGES};

    /// The sieve's claims of a German `text`: (content, speaker, rule).
    fn claims(text: &str) -> Vec<(String, String, Rule)> {
        let res = Resources::rules_only();
        let mut doc = Doc::new(text);
        doc.lang = Lang::De;
        for s in STAGES.iter().take_while(|s| s.name != "model") {
            (s.run)(&res, &mut doc);
        }
        doc.rule_claims
            .iter()
            .map(|c| {
                let content: Vec<&str> = c.content.iter().map(|p| &text[p.range()]).collect();
                let speaker = c.speaker.map_or("", |s| &text[s.range()]);
                (content.join(" | "), speaker.to_string(), c.rule)
            })
            .collect()
    }

    #[test]
    fn source_first_sentences() {
        let got = claims(
            "Laut einem Bericht der Landeszeitung sollen die Kosten bei drei Millionen Euro liegen.",
        );
        assert_eq!(
            got,
            [(
                "sollen die Kosten bei drei Millionen Euro liegen".into(),
                "einem Bericht der Landeszeitung".into(),
                Rule::AccordingToClause
            )]
        );
        let got = claims("Dem Gutachten zufolge ist die Brücke nicht mehr sicher.");
        assert_eq!(got[0].0, "ist die Brücke nicht mehr sicher");
        assert_eq!(got[0].1, "Dem Gutachten");
        let got = claims("Nach Angaben der Feuerwehr wurden zwei Menschen leicht verletzt.");
        assert_eq!(got[0].1, "der Feuerwehr");
        // An adjective after the article is no verb.
        let got = claims("Laut einer neuen Umfrage verliert die Partei weiter an Zustimmung.");
        assert_eq!(got[0].1, "einer neuen Umfrage");
    }

    #[test]
    fn so_and_a_speaker_close_the_sentence() {
        let got = claims("„Wir halten an dem Termin fest“, so die Sprecherin des Verbands.");
        assert_eq!(
            got,
            [(
                "„Wir halten an dem Termin fest“".into(),
                "die Sprecherin des Verbands".into(),
                Rule::SoSpeaker
            )]
        );
        // "so" that is no attribution: no article or name follows.
        assert!(claims("Es regnete stark, so dass das Spiel ausfiel.").is_empty());
    }

    #[test]
    fn verb_second_puts_the_speaker_after_the_cue() {
        let got = claims("Dazu sagte Hartmann, man werde den Antrag sorgfältig prüfen.");
        assert_eq!(
            got,
            [(
                "man werde den Antrag sorgfältig prüfen".into(),
                "Hartmann".into(),
                Rule::SpeakerCueClause
            )]
        );
        let got = claims("Am Montag erklärte die Ministerin, die Mittel seien bereits verplant.");
        assert_eq!(got[0].1, "die Ministerin");
        // A name opening the sentence is its speaker, not an adverb.
        let got = claims("Hartmann sagte, man werde den Antrag sorgfältig prüfen.");
        assert_eq!(got[0].1, "Hartmann");
    }

    #[test]
    fn english_documents_are_left_to_the_english_rules() {
        let res = Resources::rules_only();
        let text = "Laut einem Bericht der Landeszeitung sollen die Kosten bei drei Millionen Euro liegen.";
        let mut doc = Doc::new(text);
        doc.lang = Lang::En;
        for s in STAGES.iter().take_while(|s| s.name != "model") {
            (s.run)(&res, &mut doc);
        }
        assert!(doc.rule_claims.is_empty());
    }
}
