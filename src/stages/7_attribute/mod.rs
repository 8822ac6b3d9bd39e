//! **attribute** — the sieve that turns quotes and cues into claims.
//!
//! Reads: paragraphs, sentences, quotes and cues, and speaker phrases found
//! around cues ([`mentions`]). Adds: `doc.claims`, each made by one named
//! [`Rule`] with that rule's measured precision ([`confidence`]) as its
//! confidence, in `doc.rule_claims`.
//!
//! The sieve is the ordered table [`SIEVE`], most precise steps first. A
//! step is anchored on a quote (tried on each double quote that no earlier
//! step took), on a sentence (tried on each sentence that no claim touches
//! yet) or on the document (a pass that adds claims next to those already
//! made). Consecutive steps of one anchor run together: each quote (or
//! sentence) is offered to them in table order and the first that makes a
//! claim takes it.
//!
//! 1. [`direct`]: quotations in quote marks and their attribution in the
//!    same sentence: after the quote (`"Q," X said`), before it (`X said:
//!    "Q"`, `According to X, "Q"`), mixed (`X said (that) ... "Q" ...`)
//!    and the colon lead-in (`X: "Q"`).
//! 2. [`reported`]: reported speech in a sentence no quote rule took
//!    (`CONTENT, X said.`, `According to X, CONTENT`, `X said (that)
//!    CONTENT`, ...), then what follows a claim in its sentence, `Asked
//!    whether ...` and `In a poll ..., CONTENT`.
//!    German sentences get [`german`]'s steps first (`Laut X VERB ...`,
//!    `..., so X.`).
//! 3. [`continuation`]: a sentence or paragraph that is only a quote,
//!    right after an attributed quote, continues that speaker.
//!
//! Guarantees: claims are sorted by first content offset; every span lies
//! in the text; content spans are sorted and disjoint; the cue and speaker
//! never overlap the content.

mod confidence;
mod continuation;
mod direct;
mod german;
mod reported;

use crate::doc::{Claim, CueMatch, Doc, Kind, Mention, Quote, Rule, Span};
use crate::lang::frame::{self, Frame};
use crate::lang::mentions;
use crate::lexicon::{Lang, Lexicons, WordHashBuilder};

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::lang::german as german_reader;

/// Speaker phrases already looked up in one document, by (limit, end):
/// the sieve's rules ask about the same cue several times.
type SpeakerMemo = RefCell<HashMap<(usize, usize), Option<Mention>, WordHashBuilder>>;

thread_local! {
    /// The memo of the document the thread is on, kept between documents
    /// for its capacity.
    static MEMO: SpeakerMemo = SpeakerMemo::default();
}

/// What a step of the sieve is tried on.
#[derive(Clone, Copy)]
pub enum Anchor {
    /// Each double quote that no earlier step took; the step marks the
    /// quotes its claim uses.
    Quote(fn(&Sieve, usize, &mut [bool]) -> Option<Claim>),
    /// Each sentence that no claim touches yet; `needs_cue` steps only on
    /// sentences holding a cue.
    Sentence {
        rule: fn(&Sieve, Span) -> Option<Claim>,
        needs_cue: bool,
    },
    /// The whole document: adds claims next to those already made.
    Document(fn(&Sieve, &mut Vec<Claim>, &mut [bool])),
}

/// One step of the sieve: a function of one rule family and the rules
/// its claims can name.
pub struct Step {
    pub name: &'static str,
    pub anchor: Anchor,
    pub rules: &'static [Rule],
    /// The languages whose documents the step reads.
    pub langs: &'static [Lang],
}

/// Steps for every language, English only, German only.
const ALL: &[Lang] = &[Lang::En, Lang::De];
const EN: &[Lang] = &[Lang::En];
const DE: &[Lang] = &[Lang::De];

impl Step {
    /// In debug builds, that the step made a claim of a rule it declares.
    fn check(&self, c: &Claim) {
        debug_assert!(
            self.rules.contains(&c.rule),
            "step {:?} made a claim of rule {}",
            self.name,
            c.rule.name()
        );
    }
}

/// The sieve, in the order it runs.
pub const SIEVE: &[Step] = &[
    Step {
        name: "quote then attribution",
        anchor: Anchor::Quote(direct::trailing),
        rules: &[
            Rule::QuoteCueSpeaker,
            Rule::QuoteAccordingTo,
            Rule::QuoteSpeakerCue,
        ],
        langs: ALL,
    },
    Step {
        name: "attribution then quote",
        anchor: Anchor::Quote(direct::leading),
        rules: &[
            Rule::SpeakerCueColonParagraph,
            Rule::SpeakerColonQuote,
            Rule::SubjectColonQuote,
            Rule::AccordingToQuote,
            Rule::CueSpeakerQuote,
            Rule::SpeakerCueQuote,
            Rule::SubjectAndCueQuote,
            Rule::SubjectGerundQuote,
            Rule::SpeakerCueMixed,
        ],
        langs: ALL,
    },
    Step {
        name: "attribution closing the sentence",
        anchor: Anchor::Sentence {
            rule: reported::sentence_final,
            needs_cue: true,
        },
        rules: &[Rule::ContentSpeakerCue, Rule::ContentCueSpeaker],
        langs: ALL,
    },
    Step {
        name: "German: laut, zufolge, nach Angaben",
        anchor: Anchor::Sentence {
            rule: german::according_to,
            needs_cue: true,
        },
        rules: &[Rule::AccordingToClause],
        langs: DE,
    },
    Step {
        name: "German: so and a speaker",
        anchor: Anchor::Sentence {
            rule: german::so_speaker,
            needs_cue: false,
        },
        rules: &[Rule::SoSpeaker],
        langs: DE,
    },
    Step {
        name: "German: demnach, wonach, laut, nach, zufolge in the sentence",
        anchor: Anchor::Sentence {
            rule: german::sources,
            needs_cue: false,
        },
        rules: &[Rule::AccordingToClause],
        langs: DE,
    },
    Step {
        name: "German: the cue's clause",
        anchor: Anchor::Sentence {
            rule: german::clause,
            needs_cue: true,
        },
        rules: &[
            Rule::SpeakerCueClause,
            Rule::ContentCueSpeaker,
            Rule::AsSpeakerCue,
        ],
        langs: DE,
    },
    Step {
        name: "according to",
        anchor: Anchor::Sentence {
            rule: reported::according_to,
            needs_cue: true,
        },
        rules: &[Rule::AccordingToClause],
        langs: ALL,
    },
    Step {
        name: "parenthetical attribution",
        anchor: Anchor::Sentence {
            rule: reported::parenthetical,
            needs_cue: true,
        },
        rules: &[Rule::ParentheticalAttribution],
        langs: ALL,
    },
    Step {
        name: "German: adverb, cue, speaker, clause",
        anchor: Anchor::Sentence {
            rule: german::inverted_clause,
            needs_cue: true,
        },
        rules: &[Rule::SpeakerCueClause],
        langs: DE,
    },
    Step {
        name: "speaker, cue, clause",
        anchor: Anchor::Sentence {
            rule: reported::speaker_cue_clause,
            needs_cue: true,
        },
        rules: &[Rule::SpeakerCueClause],
        langs: EN,
    },
    Step {
        name: "subject, gerund, clause",
        anchor: Anchor::Sentence {
            rule: reported::subject_gerund_clause,
            needs_cue: true,
        },
        rules: &[Rule::SubjectGerundClause],
        langs: ALL,
    },
    Step {
        name: "speaker, colon, clause",
        anchor: Anchor::Sentence {
            rule: reported::colon_clause,
            needs_cue: false,
        },
        rules: &[Rule::SpeakerColonClause],
        langs: ALL,
    },
    Step {
        name: "rest of a sentence",
        anchor: Anchor::Document(reported::rest_of_sentence),
        rules: &[Rule::SpeakerCueClause, Rule::ClaimThenGerundClause],
        langs: ALL,
    },
    Step {
        name: "asked",
        anchor: Anchor::Document(reported::asked_clauses),
        rules: &[Rule::AskedClause],
        langs: ALL,
    },
    Step {
        name: "in a document",
        anchor: Anchor::Document(reported::document_clauses),
        rules: &[Rule::InDocumentClause],
        langs: ALL,
    },
    Step {
        name: "continuation",
        anchor: Anchor::Document(continuation::run),
        rules: &[Rule::ParagraphContinuation, Rule::QuoteContinuation],
        langs: ALL,
    },
];

/// The stage: fills `doc.rule_claims` by running the [`SIEVE`].
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let mut claims = std::mem::take(&mut doc.rule_claims);
    claims.clear();
    MEMO.with(|memo| {
        memo.borrow_mut().clear();
        let readers = Readers::default();
        let sieve = Sieve {
            lex: r.lex(doc),
            doc: &*doc,
            speakers: memo,
            readers: &readers,
        };
        sieve.run(&mut claims);
    });
    claims.sort_by_key(|c| (c.start(), c.end()));
    for c in &mut claims {
        if let Some(p) = confidence::precision(c.rule) {
            c.confidence = p;
        }
        if let Some(si) = doc.sentence_at(c.start()) {
            c.sentence = si;
            c.paragraph = doc.sentences[si].paragraph;
        }
    }
    doc.rule_claims = claims;
}

impl Sieve<'_> {
    /// Runs the steps of the [`SIEVE`] in order, adding their claims to
    /// `claims`.
    fn run(&self, claims: &mut Vec<Claim>) {
        let sieve = self;
        let mut used = vec![false; self.doc.quotes.len()];
        let mut i = 0;
        while i < SIEVE.len() {
            // The run of steps sharing this step's anchor kind.
            let same = |s: &Step| {
                std::mem::discriminant(&s.anchor) == std::mem::discriminant(&SIEVE[i].anchor)
            };
            let n = SIEVE[i..].iter().take_while(|s| same(s)).count();
            let group = &SIEVE[i..i + n];
            match SIEVE[i].anchor {
                Anchor::Quote(_) => sieve.each_quote(group, claims, &mut used),
                Anchor::Sentence { .. } => sieve.each_sentence(group, claims, &mut used),
                Anchor::Document(_) => {
                    for step in group.iter().filter(|s| s.langs.contains(&self.doc.lang)) {
                        if let Anchor::Document(f) = step.anchor {
                            let before = claims.len();
                            f(sieve, claims, &mut used);
                            claims[before..].iter().for_each(|c| step.check(c));
                        }
                    }
                }
            }
            i += n;
        }
    }
}

/// The document as the rules see it, with the word lists.
pub struct Sieve<'a> {
    pub lex: &'a Lexicons,
    pub doc: &'a Doc,
    /// The speaker phrases looked up so far in `doc`.
    speakers: &'a SpeakerMemo,
    /// The sentences read as German clauses so far, by their start (the
    /// German rules ask about one sentence several times).
    readers: &'a Readers<'a>,
}

/// German readings of a document's sentences, by sentence start.
type Readers<'a> = RefCell<HashMap<usize, Rc<german_reader::Reader<'a>>, WordHashBuilder>>;

impl<'a> Sieve<'a> {
    fn text(&self) -> &'a str {
        &self.doc.text
    }

    /// The sentence `sent` (trimmed) read as German clauses, once per
    /// document.
    fn reader(&self, sent: Span) -> Rc<german_reader::Reader<'a>> {
        let sent = crate::lang::text::trim(self.text(), sent);
        self.readers
            .borrow_mut()
            .entry(sent.start)
            .or_insert_with(|| Rc::new(german_reader::Reader::new(self.lex, self.text(), sent)))
            .clone()
    }

    fn quote(&self, qi: usize) -> Quote {
        self.doc.quotes[qi]
    }

    /// The steps of `group` that read the document's language.
    fn steps<'s>(&self, group: &'s [Step]) -> impl Iterator<Item = &'s Step> + use<'s, '_> {
        let lang = self.doc.lang;
        group.iter().filter(move |s| s.langs.contains(&lang))
    }

    /// Offers each double quote no step took yet to the quote steps of
    /// `group`, in order.
    fn each_quote(&self, group: &[Step], claims: &mut Vec<Claim>, used: &mut [bool]) {
        for qi in 0..self.doc.quotes.len() {
            if used[qi] || self.doc.quotes[qi].shape != crate::doc::Shape::Double {
                continue;
            }
            let claim = self.steps(group).find_map(|s| match s.anchor {
                Anchor::Quote(f) => f(self, qi, used).inspect(|c| s.check(c)),
                _ => None,
            });
            claims.extend(claim);
        }
    }

    /// Offers each sentence that no claim touches yet to the sentence
    /// steps of `group`, in order.
    fn each_sentence(&self, group: &[Step], claims: &mut Vec<Claim>, used: &mut [bool]) {
        let mut taken: Vec<Span> = claims
            .iter()
            .flat_map(|c| c.content.iter().copied().chain(c.cue))
            .collect();
        taken.sort();
        let mut new_claims = Vec::new();
        for (si, s) in self.doc.sentences.iter().enumerate() {
            let sent = s.span;
            let ti = taken.partition_point(|t| t.end <= sent.start);
            if taken.get(ti).is_some_and(|t| t.start < sent.end) {
                continue;
            }
            // A headline holds a claim only as `X: CONTENT` (or in quotes).
            let has_cue = !self.doc.cues_starting_in(sent).is_empty() && !self.doc.is_headline(si);
            let claim = self.steps(group).find_map(|s| match s.anchor {
                Anchor::Sentence { rule, needs_cue } if has_cue || !needs_cue => {
                    rule(self, sent).inspect(|c| s.check(c))
                }
                _ => None,
            });
            if let Some(c) = claim {
                self.mark_used(&c, used);
                new_claims.push(c);
            }
        }
        claims.extend(new_claims);
    }

    /// Marks the quotes that the content of `c` overlaps as used.
    fn mark_used(&self, c: &Claim, used: &mut [bool]) {
        for (qi, q) in self.doc.quotes.iter().enumerate() {
            if c.content.iter().any(|x| x.overlaps(q.span)) {
                used[qi] = true;
            }
        }
    }

    /// Bounds of the sentence containing `pos`.
    fn sentence(&self, pos: usize) -> Span {
        self.doc
            .sentence_at(pos)
            .map_or(Span::new(pos, pos), |i| self.doc.sentences[i].span)
    }

    /// Cues lying wholly within `[lo, hi)`.
    fn cues_in(&self, lo: usize, hi: usize) -> &[CueMatch] {
        let starting = self.doc.cues_starting_in(Span::new(lo, hi));
        let n = starting.iter().take_while(|c| c.span.end <= hi).count();
        &starting[..n]
    }

    /// [`mentions::before`], remembered for the document: the rules ask
    /// about the same cue several times.
    fn speaker_before(&self, limit: usize, end: usize) -> Option<Mention> {
        *self
            .speakers
            .borrow_mut()
            .entry((limit, end))
            .or_insert_with(|| mentions::before(self.lex, self.text(), limit, end))
    }

    /// [`mentions::after`].
    fn speaker_after(&self, start: usize, limit: usize) -> Option<Mention> {
        mentions::after(self.lex, self.text(), start, limit)
    }

    /// The frame (addressee, channel) after `cue`, from `start` up to
    /// `limit`.
    fn frame(&self, cue: &CueMatch, start: usize, limit: usize) -> Frame {
        frame::parse(self.lex, self.text(), cue, start, limit)
    }

    /// Is the cue at `cue` inside a relative clause that a later `, CUE`
    /// of the same sentence closes ("Marsh, who voted against it, said
    /// ...")? Such a "who" is not the speaker of the claim the sentence
    /// reports.
    fn in_relative_clause(&self, speaker: Span, cue: Span, sent_end: usize) -> bool {
        let text = self.text();
        if !text[speaker.range()].eq_ignore_ascii_case("who") {
            return false;
        }
        let cues = &self.doc.cues;
        let from = cues.partition_point(|c| c.span.start <= cue.start);
        cues[from..]
            .iter()
            .take_while(|c| c.span.start < sent_end)
            .any(|c| text[..c.span.start].trim_end().ends_with(','))
    }

    /// End of a sentence's content: without its final period or
    /// semicolon.
    fn content_end(&self, sent: Span) -> usize {
        let s = &self.text()[sent.range()];
        sent.start + s.trim_end_matches(['.', ';', ' ', '\n']).len()
    }

    /// A claim of reported content: `mixed` when the content holds quote
    /// marks, else `indirect`.
    fn reported(
        &self,
        content: Vec<Span>,
        speaker: Option<Mention>,
        cue: Option<Span>,
        rule: Rule,
    ) -> Claim {
        let text = self.text();
        let quoted = content.iter().any(|c| has_quote_mark(&text[c.range()]));
        let kind = if quoted { Kind::Mixed } else { Kind::Indirect };
        Claim::new(kind, content, speaker, cue, rule)
    }
}

/// Does `s` hold a double quotation mark? (By bytes: `"`, or the lead
/// byte of `“` and `”`, 0xE2, then the rest of either; `''` by its `'`.)
fn has_quote_mark(s: &str) -> bool {
    let b = s.as_bytes();
    let curly = memchr::memchr2_iter(b'"', 0xE2, b)
        .any(|i| b[i] == b'"' || matches!(b.get(i + 1..i + 3), Some([0x80, 0x9C | 0x9D])));
    curly || memchr::memchr_iter(b'\'', b).any(|i| b.get(i + 1) == Some(&b'\''))
}

/// `c` with the addressee and channel of the cue's frame.
fn with_frame(mut c: Claim, f: &Frame) -> Claim {
    c.addressee = f.addressee;
    c.channel = f.channel;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::{Resources, STAGES};

    /// `text` through every stage before this one.
    fn prepared(res: &Resources, text: &str) -> Doc {
        let mut doc = Doc::new(text);
        for stage in STAGES.iter().take_while(|s| s.name != "attribute") {
            (stage.run)(res, &mut doc);
        }
        doc
    }

    /// What one sentence rule makes of the first sentence of `text`:
    /// (content, speaker, cue, rule).
    fn sentence_rule(
        rule: fn(&Sieve, Span) -> Option<Claim>,
        text: &str,
    ) -> Option<(String, Option<String>, Option<String>, Rule)> {
        let res = Resources::rules_only();
        let doc = prepared(&res, text);
        let memo = SpeakerMemo::default();
        let readers = Readers::default();
        let sieve = Sieve {
            lex: res.lex(&doc),
            doc: &doc,
            speakers: &memo,
            readers: &readers,
        };
        let c = rule(&sieve, doc.sentences[0].span)?;
        let slice = |s: Option<Span>| s.map(|s| text[s.range()].to_string());
        let content = c
            .content
            .iter()
            .map(|s| &text[s.range()])
            .collect::<Vec<_>>()
            .join(" … ");
        Some((content, slice(c.speaker), slice(c.cue), c.rule))
    }

    /// What one quote rule makes of the first quote of `text`: (content,
    /// speaker, rule).
    fn quote_rule(
        rule: fn(&Sieve, usize, &mut [bool]) -> Option<Claim>,
        text: &str,
    ) -> Option<(String, Option<String>, Rule)> {
        let res = Resources::rules_only();
        let doc = prepared(&res, text);
        let memo = SpeakerMemo::default();
        let readers = Readers::default();
        let sieve = Sieve {
            lex: res.lex(&doc),
            doc: &doc,
            speakers: &memo,
            readers: &readers,
        };
        let mut used = vec![false; doc.quotes.len()];
        let c = rule(&sieve, 0, &mut used)?;
        assert!(used[0], "a quote rule marks the quote it takes");
        let content = c
            .content
            .iter()
            .map(|s| &text[s.range()])
            .collect::<Vec<_>>()
            .join(" … ");
        Some((
            content,
            c.speaker.map(|s| text[s.range()].to_string()),
            c.rule,
        ))
    }

    fn some(
        content: &str,
        speaker: &str,
        cue: &str,
        rule: Rule,
    ) -> Option<(String, Option<String>, Option<String>, Rule)> {
        Some((content.into(), Some(speaker.into()), Some(cue.into()), rule))
    }

    #[test]
    fn sentence_final_takes_an_attribution_closing_the_sentence() {
        let r = reported::sentence_final;
        assert_eq!(
            sentence_rule(r, "Rates will rise next year, the bank said."),
            some(
                "Rates will rise next year",
                "the bank",
                "said",
                Rule::ContentSpeakerCue
            )
        );
        assert_eq!(
            sentence_rule(r, "Rates will rise next year, said Ana Ruiz."),
            some(
                "Rates will rise next year",
                "Ana Ruiz",
                "said",
                Rule::ContentCueSpeaker
            )
        );
        // The attribution does not close the sentence.
        assert_eq!(
            sentence_rule(r, "The bank said rates will rise next year."),
            None
        );
    }

    #[test]
    fn according_to_takes_the_source_and_both_sides() {
        let r = reported::according_to;
        assert_eq!(
            sentence_rule(r, "According to the agency, rates rose sharply last year."),
            some(
                "rates rose sharply last year",
                "the agency",
                "According to",
                Rule::AccordingToClause
            )
        );
        assert_eq!(
            sentence_rule(r, "Rates rose sharply last year, according to the agency."),
            some(
                "Rates rose sharply last year",
                "the agency",
                "according to",
                Rule::AccordingToClause
            )
        );
        assert_eq!(sentence_rule(r, "The agency said rates rose."), None);
    }

    #[test]
    fn parenthetical_takes_both_sides_of_the_attribution() {
        assert_eq!(
            sentence_rule(
                reported::parenthetical,
                "The plan, officials said, was doomed from the start."
            ),
            some(
                "The plan … was doomed from the start",
                "officials",
                "said",
                Rule::ParentheticalAttribution
            )
        );
        assert_eq!(
            sentence_rule(
                reported::parenthetical,
                "Officials said the plan was doomed."
            ),
            None
        );
    }

    #[test]
    fn speaker_cue_clause_takes_the_clause_after_the_cue() {
        let r = reported::speaker_cue_clause;
        assert_eq!(
            sentence_rule(
                r,
                "Mayor Ana Ruiz said that the bridge would reopen in May."
            ),
            some(
                "that the bridge would reopen in May",
                "Mayor Ana Ruiz",
                "said",
                Rule::SpeakerCueClause
            )
        );
        // How, not what.
        assert_eq!(
            sentence_rule(
                r,
                "An official, who spoke on condition of anonymity, said nothing."
            ),
            None
        );
        // Passive: no speaker.
        assert_eq!(
            sentence_rule(r, "The bridge was said to be unsafe for years."),
            None
        );
    }

    #[test]
    fn subject_gerund_clause_takes_the_sentence_subject() {
        assert_eq!(
            sentence_rule(
                reported::subject_gerund_clause,
                "Ruiz left the meeting early, saying the vote had been rigged."
            ),
            some(
                "the vote had been rigged",
                "Ruiz",
                "saying",
                Rule::SubjectGerundClause
            )
        );
    }

    #[test]
    fn colon_clause_takes_a_name_and_a_colon() {
        let r = reported::colon_clause;
        assert_eq!(
            sentence_rule(r, "Ruiz: the bridge will reopen in May"),
            some(
                "the bridge will reopen in May",
                "Ruiz",
                ":",
                Rule::SpeakerColonClause
            )
        );
        assert_eq!(
            sentence_rule(r, "Breaking: the bridge will reopen in May"),
            None
        );
    }

    #[test]
    fn trailing_takes_the_attribution_after_a_quote() {
        let r = direct::trailing;
        assert_eq!(
            quote_rule(r, "\"We will win,\" Jane Roe said, \"and win big.\""),
            Some((
                "\"We will win,\" … \"and win big.\"".into(),
                Some("Jane Roe".into()),
                Rule::QuoteSpeakerCue
            ))
        );
        assert_eq!(
            quote_rule(r, "\"We will win,\" said Jane Roe."),
            Some((
                "\"We will win,\"".into(),
                Some("Jane Roe".into()),
                Rule::QuoteCueSpeaker
            ))
        );
        assert_eq!(quote_rule(r, "Roe said: \"We will win.\""), None);
    }

    #[test]
    fn leading_takes_the_attribution_before_a_quote() {
        let r = direct::leading;
        assert_eq!(
            quote_rule(r, "Roe told reporters: \"We will win.\""),
            Some((
                "\"We will win.\"".into(),
                Some("Roe".into()),
                Rule::SpeakerCueQuote
            ))
        );
        assert_eq!(
            quote_rule(r, "According to Roe, \"the vote is lost.\""),
            Some((
                "\"the vote is lost.\"".into(),
                Some("Roe".into()),
                Rule::AccordingToQuote
            ))
        );
        assert_eq!(
            quote_rule(r, "Roe said the vote was \"a disgrace\" to the town."),
            Some((
                "the vote was \"a disgrace\" to the town".into(),
                Some("Roe".into()),
                Rule::SpeakerCueMixed
            ))
        );
        // A title of a work, not speech.
        assert_eq!(
            quote_rule(r, "She wrote the song \"Blue Harbor\" in 1990."),
            None
        );
    }

    #[test]
    fn every_rule_belongs_to_a_step() {
        // (Model claims come from the model stage, runs and nested
        // quotes from the finish stage.)
        let elsewhere = [Rule::Model, Rule::SubjunctiveRun, Rule::NestedQuote];
        for rule in Rule::ALL.iter().filter(|r| !elsewhere.contains(r)) {
            assert!(
                SIEVE.iter().any(|s| s.rules.contains(rule)),
                "{} is made by no step of the sieve",
                rule.name()
            );
        }
    }
}
