//! **finish** — what holds for every claim, whichever stage made it.
//!
//! Reads: `doc.merged` (the sieve's claims, with the model's when one is
//! loaded), the text, paragraphs and sentences. Adds: `doc.finished`: the
//! same claims with a speaker that starts in a dateline cut to what
//! follows it ("WASHINGTON — Sen. Roe" → "Sen. Roe", none when nothing
//! does); a model claim with a participle cue (", adding that ...")
//! given the speaker of the claim before it in its sentence; a cue cut to
//! the reporting expression (a channel or addressee it ran into goes); a
//! channel that opens the sentence ("In an interview with the Courier,
//! Ann Lee said") given to a claim without one; a German claim's
//! addressee where its cue's clause names one ("gegenüber der Presse",
//! "sagte der Zeitung"); a
//! quotation the sieve gave to the previous paragraph's speaker joined
//! to that speaker's claim when they share a cue; where the language's
//! conventions say so (`conventions.txt`), the sentences in the
//! reporting subjunctive after an attributed one as a claim of the same
//! speaker without a cue (`subjunctive_run`), and the quotation inside a
//! paraphrase as a claim of its own (`nested_quote`); and each claim's
//! sentence and paragraph. Runs with or without a model.
//! Guarantees: the claims stay sorted by first content offset, with
//! content parts ordered and disjoint; `doc.merged` is left as it was,
//! so running the stage again gives the same claims.

use crate::doc::{Claim, CueClass, Doc, Rule, Span, SpeakerType};
use crate::lang::text::trim;
use crate::lang::{dateline, german, voice};
use crate::lexicon::{Key, Lang, Lexicons};

/// The stage: fills `doc.finished` from `doc.merged`.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let lex = r.lex(doc);
    let mut claims = std::mem::take(&mut doc.finished);
    claims.clone_from(&doc.merged);
    for c in &mut claims {
        strip_dateline(lex, doc, c);
        frame_out_of_cue(lex, doc, c);
        opening_channel(lex, doc, c);
        if doc.lang == Lang::De {
            german_addressee(lex, doc, c);
        }
    }
    share_participle_speakers(doc, &mut claims);
    // (Dropping them instead: fold-pooled content_exact +0.05, direct
    // attribution +0.35; joining them: +0.17, +0.30.)
    join_continuations(doc, &mut claims);
    if lex.conventions.subjunctive_runs {
        subjunctive_runs(lex, doc, &mut claims);
    }
    if lex.conventions.nested_quotes {
        nested_quotes(doc, &mut claims);
    }
    for c in &mut claims {
        if let Some(si) = doc.sentence_at(c.start()) {
            c.sentence = si;
            c.paragraph = doc.sentences[si].paragraph;
        }
    }
    doc.finished = claims;
}

/// The cue is the reporting expression alone: a channel or addressee the
/// cue span ran on into ("said in a statement", "told reporters"), and a
/// time word before it ("said later on social media"), is cut from its
/// end; the channel and addressee stay in their own fields.
fn frame_out_of_cue(lex: &Lexicons, doc: &Doc, c: &mut Claim) {
    for part in [c.channel, c.addressee].into_iter().flatten() {
        let Some(cue) = c.cue else { return };
        if part.start > cue.start && part.end == cue.end {
            let mut cut = trim(&doc.text, Span::new(cue.start, part.start));
            // "said later on social media": the time word goes with it.
            while let Some((rest, last)) = doc.text[cut.range()].rsplit_once(' ') {
                if !lex.time_words.has(last) || last.starts_with(char::is_uppercase) {
                    break;
                }
                cut = Span::new(cut.start, cut.start + rest.trim_end().len());
            }
            c.cue = Some(cut);
        }
    }
}

/// A channel written before the speaker ("In an interview with the Evening
/// Courier, Ann Lee said ..."): the sentence opens with a channel
/// preposition, an optional determiner and a channel noun, up to a comma
/// before the speaker. Only for a claim that has no channel yet.
fn opening_channel(lex: &Lexicons, doc: &Doc, c: &mut Claim) {
    let (None, Some(sp)) = (c.channel, c.speaker) else {
        return;
    };
    let Some(si) = doc.sentence_at(sp.start) else {
        return;
    };
    let sent = doc.sentences[si].span;
    let head = &doc.text[sent.start..sp.start];
    let Some(comma) = head.find(", ") else {
        return;
    };
    let phrase = &head[..comma];
    let mut words = phrase.split(' ');
    let prep = words.next().unwrap_or("");
    if !lex.channel_preps.has(prep) || !prep.starts_with(char::is_uppercase) {
        return;
    }
    let rest: Vec<&str> = words.collect();
    let noun = rest
        .iter()
        .take(3)
        .any(|w| lex.channel_nouns.contains(w.to_ascii_lowercase().as_str()));
    if noun && head[comma + 2..].trim().is_empty() {
        c.channel = Some(Span::new(sent.start, sent.start + comma));
    }
}

/// A German claim with a verb cue and no addressee gets the one its cue's
/// clause names ([`german::addressee`]).
fn german_addressee(lex: &Lexicons, doc: &Doc, c: &mut Claim) {
    let (None, Some(cue)) = (c.addressee, c.cue) else {
        return;
    };
    let Some(m) = doc.cues.iter().find(|k| k.span == cue) else {
        return;
    };
    if m.entry.class == CueClass::AccordingTo {
        return;
    }
    let Some(si) = doc.sentence_at(cue.start) else {
        return;
    };
    let sent = trim(&doc.text, doc.sentences[si].span);
    // Most cues take no addressee: read the sentence only when the cue
    // does or an addressee's preposition stands in it.
    let by_prep = || {
        doc.text[sent.range()]
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(Key::of)
            .any(|k| lex.addressee_preps.has_key(k))
    };
    if !m.entry.addressee && !by_prep() {
        return;
    }
    let finite = m.entry.is_finite_report();
    c.addressee = german::addressee(
        &german::Reader::new(lex, &doc.text, sent),
        cue,
        finite,
        m.entry.addressee,
    )
    .filter(|a| {
        !c.content.iter().any(|p| p.overlaps(*a)) && c.speaker.is_none_or(|s| !s.overlaps(*a))
    });
}

/// How far into its paragraph a dateline can end: the dash must lie in
/// the paragraph's first 60 bytes (see [`dateline::in_paragraph`]).
const DATELINE_REACH: usize = 60;

/// Could `head` hold one of the dateline dashes: a `-`, or an em or en
/// dash (E2 80 94, E2 80 93)? Most paragraphs open with none.
fn may_hold_dash(head: &[u8]) -> bool {
    head.iter().enumerate().any(|(i, &b)| {
        b == b'-' || (b == 0xE2 && matches!(head.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])))
    })
}

/// A speaker that starts in a dateline: cut to what follows the dash, or
/// none when it is the dateline alone.
fn strip_dateline(lex: &Lexicons, doc: &Doc, c: &mut Claim) {
    let Some(sp) = c.speaker else { return };
    // The paragraph by binary search (they are ordered and disjoint), and
    // only a speaker that starts within a dateline's reach of its start:
    // `in_paragraph` looks at the first `DATELINE_REACH` bytes alone, and
    // would search the paragraphs from the first for each claim.
    let i = doc.paragraphs.partition_point(|p| p.end <= sp.start);
    let Some(para) = doc.paragraphs.get(i).filter(|p| p.start <= sp.start) else {
        return;
    };
    let reach = para.start..para.end.min(para.start + DATELINE_REACH);
    if sp.start >= reach.end || !may_hold_dash(&doc.text.as_bytes()[reach]) {
        return;
    }
    let para = std::slice::from_ref(para);
    let Some(end) = dateline::in_paragraph(lex, &doc.text, para, sp) else {
        return;
    };
    let rest = trim(&doc.text, Span::new(end.min(sp.end), sp.end));
    c.speaker = (!rest.is_empty()).then_some(rest);
    if c.speaker.is_none() {
        c.speaker_type = SpeakerType::Unknown;
    }
}

/// Gives each model claim with a participle cue the speaker of the
/// nearest claim before it in its sentence ("Anderson said ..., adding
/// that ..."), in place of the model's own source stretch, which for
/// these cues was wrong more often than right (fold 0: attribution F1
/// +0.4 against filling in missing speakers only).
fn share_participle_speakers(doc: &Doc, claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let c = &claims[i];
        let Some(cue) = c.cue else { continue };
        if c.rule != Rule::Model || !voice::participle_cue(&doc.text, cue) {
            continue;
        }
        let Some(sent) = doc.sentence_at(cue.start).map(|s| doc.sentences[s].span) else {
            continue;
        };
        let before = claims
            .iter()
            .filter(|o| {
                o.speaker.is_some()
                    && o.cue
                        .is_some_and(|k| k.start >= sent.start && k.end <= cue.start)
            })
            .max_by_key(|o| o.cue.map(|k| k.start));
        if let Some(o) = before {
            let (speaker, kind) = (o.speaker, o.speaker_type);
            claims[i].speaker = speaker;
            claims[i].speaker_type = kind;
        }
    }
}

/// A quotation the sieve gave to the speaker of the claim before it (the
/// next paragraph, no cue of its own) that the model left alone becomes
/// another part of that claim, which holds its cue.
fn join_continuations(doc: &Doc, claims: &mut Vec<Claim>) {
    let mut i = 0;
    while i < claims.len() {
        if claims[i].rule != Rule::ParagraphContinuation {
            i += 1;
            continue;
        }
        let cue = claims[i].cue;
        let owner = (0..i).rev().find(|&j| {
            claims[j].rule != Rule::ParagraphContinuation && cue.is_some() && claims[j].cue == cue
        });
        match owner {
            Some(j) => {
                let parts = claims.remove(i).content;
                claims[j].content.extend(parts);
                claims[j].kind = doc.kind_of(&claims[j].content);
            }
            None => i += 1,
        }
    }
}
/// The share of the confidence of the claim a run continues that a
/// `subjunctive_run` claim gets.
const RUN_CONFIDENCE: f32 = 0.8;

/// The most sentences one report runs on over.
const MAX_RUN: usize = 6;

/// After a claim with a speaker, the sentences that follow it in its
/// paragraph and the next (German "Der Minister erklärte, ... Es sei nun
/// an den Ländern, ..."), each with a reporting subjunctive outside
/// quotation marks (or a reporting modal there and a perfect infinitive
/// last: "Er soll ... gewusst haben") and nothing attributed in it (no
/// claim's content or cue, no cue of the lexicon), carry the report on:
/// each paragraph's run becomes one claim of that speaker, without a cue.
/// A sentence without either ends the run.
fn subjunctive_runs(lex: &Lexicons, doc: &Doc, claims: &mut Vec<Claim>) {
    let text = &doc.text;
    let taken = |claims: &[Claim], s: Span| {
        claims.iter().any(|c| {
            c.content
                .iter()
                .chain(c.cue.as_slice())
                .any(|p| p.overlaps(s))
        }) || doc.cues.iter().any(|k| s.covers(k.span))
    };
    // A subjunctive among the words outside quotation marks, or a
    // reporting modal there with a perfect infinitive last ("soll ...
    // gewesen sein").
    let subjunctive = |s: Span| {
        let t = &text[s.range()];
        let mut in_quote = false;
        let mut word: Option<usize> = None;
        let mut modal = false;
        let mut last = "";
        for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            if c.is_alphabetic() {
                word.get_or_insert(i);
                continue;
            }
            if let Some(w) = word.take() {
                last = &t[w..i];
                if !in_quote {
                    if lex.subjunctives.contains(last) {
                        return true;
                    }
                    modal |= lex.reportative_modals.contains(last);
                }
            }
            if matches!(c, '„' | '“' | '”' | '"' | '»' | '«') {
                in_quote = !in_quote;
            }
        }
        modal && !in_quote && lex.perfect_infinitives.contains(last)
    };
    let mut new: Vec<Claim> = Vec::new();
    for c in claims.iter() {
        if c.speaker.is_none() || c.content.is_empty() {
            continue;
        }
        let Some(first) = doc.sentence_at(c.end().saturating_sub(1)) else {
            continue;
        };
        let para = doc.sentences[first].paragraph;
        let mut run: Option<Claim> = None;
        for si in first + 1..(first + 1 + MAX_RUN).min(doc.sentences.len()) {
            let s = doc.sentences[si];
            if s.paragraph > para + 1
                || taken(claims, s.span)
                || taken(&new, s.span)
                || !subjunctive(s.span)
            {
                break;
            }
            let span = trim(text, s.span);
            match &mut run {
                Some(r)
                    if doc.sentences[doc.sentence_at(r.start()).unwrap_or(si)].paragraph
                        == s.paragraph =>
                {
                    let last = r.content.last_mut().expect("a run has content");
                    *last = Span::new(last.start, span.end);
                }
                _ => {
                    new.extend(run.take());
                    let mut r = Claim::new(
                        crate::doc::Kind::Indirect,
                        vec![span],
                        None,
                        None,
                        Rule::SubjunctiveRun,
                    );
                    r.speaker = c.speaker;
                    r.speaker_type = c.speaker_type;
                    r.confidence = c.confidence * RUN_CONFIDENCE;
                    run = Some(r);
                }
            }
        }
        new.extend(run);
    }
    if !new.is_empty() {
        claims.extend(new);
        claims.sort_by_key(|c| c.start());
    }
}

/// Each quotation inside a claim's content that is not all of that part
/// (the quoted words of a paraphrase: "sie sei „existenziell
/// enttäuscht“") becomes a direct claim of its own, with the claim's
/// speaker and cue.
fn nested_quotes(doc: &Doc, claims: &mut Vec<Claim>) {
    const NESTED_QUOTE_WORDS: usize = 2;
    let mut new: Vec<Claim> = Vec::new();
    for c in claims.iter() {
        for part in &c.content {
            let inside = doc
                .quotes
                .iter()
                .filter(|q| part.covers(q.span) && q.span != *part);
            for q in inside {
                // Words outside the quotation: a paraphrase, not a quote
                // with its punctuation.
                let outside = doc.text[part.start..q.span.start]
                    .chars()
                    .chain(doc.text[q.span.end..part.end].chars())
                    .any(char::is_alphanumeric);
                let known = claims.iter().chain(&new).any(|o| o.content == [q.span]);
                // A name or a term in quotation marks ('die „Berliner
                // Zeitung“', 'die „grüne Zapfsäule“') is no quote.
                let words = doc.text[q.span.range()].split_whitespace().count();
                if !outside || known || words < NESTED_QUOTE_WORDS {
                    continue;
                }
                let mut n = c.clone();
                n.kind = crate::doc::Kind::Direct;
                n.content = vec![q.span];
                n.rule = Rule::NestedQuote;
                new.push(n);
            }
        }
    }
    if !new.is_empty() {
        claims.extend(new);
        claims.sort_by_key(|c| c.start());
    }
}
