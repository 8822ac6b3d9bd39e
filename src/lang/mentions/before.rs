//! **before** — the speaker phrase that ends just before a cue.
//!
//! Reads: the tokens between a lower bound and the cue, backwards. Gives:
//! the phrase, if any — past the auxiliaries, adverbs and time words right
//! before the cue ("has also", "later Thursday"), over up to three
//! appositions or asides ("Jane Roe, a spokeswoman for the agency,") and a
//! parenthetical ("(D-Ore.)"), back to its determiner — typed by
//! [`classify`]. Guarantees: the phrase lies within the bounds given and
//! has a head (a name, a pronoun, a role noun, a share of people, or a
//! lower-case noun after a determiner, which makes it weak).

use super::{classify, is_name_word, is_nounish, is_number_word, is_time_word};
use crate::doc::{Mention, Span};
use crate::lang::text::{Tok, WINDOW, ceil_boundary, is_capitalized, tail_start, with_tokens};
use crate::lexicon::Lexicons;

use std::cell::Cell;

/// The speaker phrase ending just before `end`, starting no earlier than
/// `limit`. Auxiliaries and adverbs right before `end` ("has also") are
/// skipped.
pub fn before(lex: &Lexicons, text: &str, limit: usize, end: usize) -> Option<Mention> {
    // Callers may pass any byte offset: keep to character boundaries.
    let limit = ceil_boundary(text, limit.max(end.saturating_sub(WINDOW)));
    // Most phrases lie in the last few words of the window: read the
    // window's tail first, and the whole window only when the walk
    // reached past the tail.
    if let Some(p) = tail_start(text, limit, end.saturating_sub(TAIL), end) {
        let found = with_tokens(text, Span::new(p, end), |toks| {
            let walk = Backward::new(lex, text, toks, TAIL_BASE);
            let m = walk.mention();
            (!walk.short.get()).then_some(m)
        });
        if let Some(m) = found {
            return m;
        }
    }
    with_tokens(text, Span::new(limit, end), |toks| {
        Backward::new(lex, text, toks, 0).mention()
    })
}

/// Bytes of a window's tail read first (see [`before`]).
const TAIL: usize = 48;

/// The index a tail's first token stands at. The walk compares token
/// indices only with small constants (at most 24) and only next to
/// reading the token they guard; with the tail at an index above all of
/// them, and at least one token of the window before the tail, every
/// such comparison comes out as it does on the whole window unless the
/// walk reads a token before the tail, which sets [`Backward::short`].
/// So a walk over a tail that never reads before it gives what the walk
/// over the whole window gives.
const TAIL_BASE: usize = 1 << 20;

/// What a walk reads for a token before its tail: nothing (its result is
/// thrown away).
const GAP: Tok = Tok {
    span: Span::new(0, 0),
    word: false,
};

/// The tokens before a cue, read backwards to find its speaker phrase.
struct Backward<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    /// The tokens read: the window's, or those of its tail.
    toks: &'a [Tok],
    /// The index `toks[0]` stands at: 0 for a whole window, else
    /// [`TAIL_BASE`].
    base: usize,
    /// Set when the walk read a token before `toks`.
    short: Cell<bool>,
}

impl<'a> Backward<'a> {
    fn new(lex: &'a Lexicons, text: &'a str, toks: &'a [Tok], base: usize) -> Self {
        Backward {
            lex,
            text,
            toks,
            base,
            short: Cell::new(false),
        }
    }
}

impl Backward<'_> {
    /// Token `k`, by the walk's index.
    fn tok(&self, k: usize) -> Tok {
        match k.checked_sub(self.base) {
            Some(i) => self.toks[i],
            None => {
                self.short.set(true);
                GAP
            }
        }
    }

    /// Token `k` if the window has it (`k` past its end gives `None`).
    fn get(&self, k: usize) -> Option<Tok> {
        (k < self.len()).then(|| self.tok(k))
    }

    /// The index past the last token.
    fn len(&self) -> usize {
        self.base + self.toks.len()
    }

    fn w(&self, k: usize) -> &str {
        &self.text[self.tok(k).span.range()]
    }

    fn mention(&self) -> Option<Mention> {
        let idx = self.skip_adverbials();
        if idx == 0 {
            return None;
        }
        let (idx, span_end) = self.skip_appositions(idx)?;
        let idx = self.skip_parenthetical(idx)?;
        let (start_tok, weak) = self.phrase_start(idx)?;
        if self.short.get() {
            return None;
        }
        let span = Span::new(self.tok(start_tok).span.start, span_end);
        if span.is_empty() {
            return None;
        }
        Some(Mention {
            span,
            kind: classify(self.lex, self.text, span),
            weak,
        })
    }

    /// Where the phrase ends once auxiliaries, adverbs and time words
    /// right before the cue are left out ("has also", "later Thursday",
    /// "on Friday"): a token index.
    fn skip_adverbials(&self) -> usize {
        let mut idx = self.len();
        while idx > 1
            && self.tok(idx - 1).word
            && (self.lex.auxiliaries.has(self.w(idx - 1))
                || is_time_word(self.lex, self.w(idx - 1)))
        {
            idx -= 1;
            if self.w(idx - 1).eq_ignore_ascii_case("on") {
                idx -= 1;
            }
        }
        if idx > 0 && self.tok(idx - 1).word && self.lex.auxiliaries.has(self.w(idx - 1)) {
            idx -= 1;
        }
        idx
    }

    /// Apposition: "Jane Roe, a spokeswoman for the agency, said"; the
    /// apposition may hold commas of its own ("from Sumter, S.C.,"), and
    /// up to three may follow each other ("Jacob Roe, 24, who lives here,
    /// said"), as may a discourse aside ("Roe, for example, said").
    /// Returns where the phrase before the asides ends (a token index)
    /// and where the whole speaker phrase ends (a byte offset); `None`
    /// when a comma before the cue closes no aside.
    fn skip_appositions(&self, mut idx: usize) -> Option<(usize, usize)> {
        let mut span_end = self.tok(idx - 1).span.end;
        let mut asides = 0;
        // The comma closing the aside being looked at.
        let mut close = (self.w(idx - 1) == ",").then(|| idx - 1);
        while let Some(c) = close.filter(|_| asides < 3) {
            let found = (c.saturating_sub(24)..c)
                .rev()
                .filter(|&j| j > 0 && self.w(j) == ",")
                .find(|&j| self.is_aside(j, c));
            let Some(j) = found else {
                if asides == 0 {
                    return None;
                }
                break;
            };
            if asides == 0 {
                span_end = self.tok(c - 1).span.end;
            }
            idx = j;
            asides += 1;
            close = Some(j);
        }
        Some((idx, span_end))
    }

    /// Do the tokens between the commas at `j` and `c` form an apposition
    /// or a discourse aside?
    fn is_aside(&self, j: usize, c: usize) -> bool {
        let lex = self.lex;
        let next = self.w(j + 1);
        let segment = j + 1..c;
        let discourse = match segment.len() {
            1 => self.lex.discourse_asides.has(next),
            2 => lex.is_discourse_phrase(next, self.w(j + 2)),
            _ => false,
        };
        // "Neil Sroka, communications director of DFA, said", "Mr.
        // Sperling, then 38, said", "Mr. Mahaney, of RBC Capital, said"
        let role_inside = segment.clone().take(4).any(|x| is_nounish(lex, self.w(x)));
        let second = (segment.len() > 1).then(|| self.w(j + 2));
        let age =
            next == "then" && second.is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()));
        let affiliation =
            lex.apposition_preps.has_exact(next) && second.is_some_and(is_capitalized);
        // "Jeff Weaver, Sanders’ campaign manager, said"
        let plural_possessive = self.get(j + 2).is_some_and(|t| {
            matches!(self.w(j + 2), "’" | "'") && t.span.start == self.tok(j + 1).span.end
        });
        // "Trump's attorney, Alan Garten, said": the name follows the role.
        let name_after_role = j >= 1
            && (is_nounish(lex, self.w(j - 1)) || lex.titles.contains(self.w(j - 1)))
            && segment
                .clone()
                .all(|x| self.tok(x).word && is_capitalized(self.w(x)) || self.w(x) == ".");
        let short_lower = self.tok(j + 1).word
            && !is_capitalized(next)
            && !self.lex.function_words.has(next)
            && c - j <= 5;
        discourse
            || role_inside
            || age
            || affiliation
            || self.lex.determiners.has(next)
            || self.lex.relatives.has(next)
            || next.starts_with(|c: char| c.is_ascii_digit())
            || is_nounish(lex, next)
            || lex.titles.contains(next)
            || next.ends_with("'s")
            || next.ends_with("’s")
            || plural_possessive
            || name_after_role
            || short_lower
    }

    /// A party-state tag or other parenthetical before the cue ("(D-Ore.)")
    /// belongs to the phrase: the token index before it, or `None` when
    /// its opening bracket is not near.
    fn skip_parenthetical(&self, idx: usize) -> Option<usize> {
        if self.w(idx - 1) != ")" {
            return Some(idx);
        }
        (idx.saturating_sub(8)..idx - 1)
            .rev()
            .find(|&j| self.w(j) == "(")
    }

    /// Is the token at `k - 1` the head a speaker phrase ending there can
    /// have: a share of people ("24 percent", "four in 10"), a name, a
    /// role noun, or a lower-case noun with a determiner close before it?
    /// `Some(weak)` when it is, `weak` for the last kind.
    fn head(&self, k: usize) -> Option<bool> {
        let lex = self.lex;
        let s = self.w(k - 1);
        // "42 percent said", "Only 24 percent said"
        // "About four in 10 said", "nine out of 10 say"
        let in_ten = s.chars().all(|c| c.is_ascii_digit())
            && k >= 3
            && lex.share_links.has_exact(self.w(k - 2))
            && (self.w(k - 3).starts_with(|c: char| c.is_ascii_digit())
                || is_number_word(self.lex, self.w(k - 3))
                || (self.w(k - 3) == "out" && k >= 4));
        let share = in_ten
            || (s == "percent" || s == "%")
                && k >= 2
                && (self.w(k - 2).starts_with(|c: char| c.is_ascii_digit())
                    || is_number_word(self.lex, self.w(k - 2)));
        let ok = share || is_name_word(self.lex, s) || is_nounish(lex, s) || {
            // lower-case head with a determiner close before it
            // "secretary of state said"
            (k >= 3 && self.w(k - 2) == "of" && is_nounish(lex, self.w(k - 3)))
                || !self.lex.function_words.has(s) && !is_capitalized(s) && self.determiner_near(k)
        };
        ok.then(|| !share && !is_name_word(self.lex, s) && !is_nounish(lex, s))
    }

    /// Is there a determiner among the three tokens before token `k - 1`?
    fn determiner_near(&self, k: usize) -> bool {
        (k.saturating_sub(4)..k - 1).any(|j| self.lex.determiners.has(self.w(j)))
    }

    /// Walks back from token `idx` over the phrase: its head first, then
    /// names, role nouns, possessives, connectors and modifiers, up to a
    /// determiner. Returns the first token of the phrase and whether its
    /// head is weak.
    fn phrase_start(&self, idx: usize) -> Option<(usize, bool)> {
        let lex = self.lex;
        let mut start_tok = idx;
        let mut k = idx;
        let mut head_seen = false;
        let mut weak = false;
        while k > 0 && idx - (k - 1) <= 16 {
            let t = self.tok(k - 1);
            let s = self.w(k - 1);
            if !t.word && (s != "%" || head_seen) {
                // The period of "Rep." / "Jr." belongs to the name.
                let abbrev_period = s == "."
                    && k >= 2
                    && self.tok(k - 2).word
                    && self.tok(k - 2).span.end == t.span.start
                    && (lex.abbreviations.contains(self.w(k - 2))
                        || lex.titles.contains(self.w(k - 2)));
                if abbrev_period && head_seen {
                    k -= 1;
                    start_tok = k;
                    continue;
                }
                break;
            }
            if !head_seen {
                // "who said": the relative pronoun stands for the speaker;
                // "some say", "others say": a quantity alone.
                if self.lex.pronouns.has(s) || self.lex.standalone_subjects.has(s) {
                    start_tok = k - 1;
                    head_seen = true;
                    break;
                }
                weak = self.head(k)?;
                head_seen = true;
                k -= 1;
                start_tok = k;
                continue;
            }
            let share_head = self.w(start_tok) == "percent"
                || self.w(start_tok) == "%"
                || self.w(start_tok).chars().all(|c| c.is_ascii_digit());
            if share_head && (lex.share_links.has_exact(s) || s == "out") {
                k -= 1;
                continue;
            }
            if self.lex.determiners.has(s) {
                start_tok = k - 1;
                k -= 1;
                // "a spokesman for the campaign": go on past "for"/"of".
                if k > 1 && self.lex.affiliation_preps.has(self.w(k - 1)) {
                    let prev = self.w(k - 2);
                    if is_nounish(lex, prev) || is_name_word(self.lex, prev) {
                        k -= 1;
                        continue;
                    }
                }
                break;
            }
            if self.lex.connectors.has(s) {
                let prev_ok = k >= 2 && {
                    let prev = self.w(k - 2);
                    self.tok(k - 2).word && (is_name_word(self.lex, prev) || is_nounish(lex, prev))
                };
                if prev_ok {
                    k -= 1;
                    continue;
                }
                break;
            }
            let number_of_share = (s.starts_with(|c: char| c.is_ascii_digit())
                || is_number_word(self.lex, s))
                && share_head;
            if number_of_share
                || is_name_word(self.lex, s)
                || is_nounish(lex, s)
                || s.ends_with("'s")
                || s.ends_with("’s")
            {
                k -= 1;
                start_tok = k;
                continue;
            }
            let participle = s.ends_with("ed") && !s.contains('-');
            // "a line Obi finds": a plain noun does not stand before a name.
            let before_name = is_name_word(self.lex, self.w(start_tok)) && !s.contains('-');
            let lower_in_np = !is_capitalized(s)
                && !before_name
                && !self.lex.function_words.has(s)
                && (!participle || (k >= 2 && self.lex.articles.has(self.w(k - 2))))
                && self.determiner_near(k);
            if lower_in_np {
                k -= 1;
                start_tok = k;
                continue;
            }
            break;
        }
        head_seen.then_some((start_tok, weak))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SpeakerType;

    fn before_of(s: &str, cue: &str) -> Option<(String, SpeakerType)> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let end = s.find(cue).unwrap();
        before(lex, s, 0, end).map(|m| (s[m.span.range()].to_string(), m.kind))
    }

    macro_rules! b {
        ($name:ident, $text:expr, $cue:expr, $speaker:expr, $kind:ident) => {
            #[test]
            fn $name() {
                assert_eq!(
                    before_of($text, $cue),
                    Some(($speaker.to_string(), SpeakerType::$kind))
                );
            }
        };
    }

    b!(name, "Jane Roe said", " said", "Jane Roe", Person);
    b!(
        title_and_tag,
        "Rep. Jane Roe (D-Ore.) said",
        " said",
        "Rep. Jane Roe (D-Ore.)",
        Person
    );
    b!(
        apposition,
        "Jane Roe, a spokeswoman for the agency, said",
        " said",
        "Jane Roe, a spokeswoman for the agency",
        Person
    );
    b!(
        pronoun_with_adverb,
        "In Ohio, she also said",
        " said",
        "she",
        Person
    );
    b!(
        anonymous,
        "a senior administration official told",
        " told",
        "a senior administration official",
        Anonymous
    );
    b!(
        outlet,
        "The Washington Post reported",
        " reported",
        "The Washington Post",
        Outlet
    );
    b!(group, "Democrats said", " said", "Democrats", Group);
    b!(
        share_in_ten,
        "About four in 10 said",
        " said",
        "four in 10",
        Group
    );
    b!(
        long_role_apposition,
        "Neil Sroka, communications director of the group Democracy for America, said",
        " said",
        "Neil Sroka, communications director of the group Democracy for America",
        Person
    );
    b!(
        age_apposition,
        "Mr. Sperling, then 38, said",
        " said",
        "Mr. Sperling, then 38",
        Person
    );
    b!(
        affiliation,
        "Mr. Mahaney, of RBC Capital Markets, said",
        " said",
        "Mr. Mahaney, of RBC Capital Markets",
        Person
    );
    b!(
        share_in_words,
        "Twenty-four percent said",
        " said",
        "Twenty-four percent",
        Group
    );
    b!(
        plural_roles,
        "Other senators said",
        " said",
        "Other senators",
        Group
    );
    b!(intensifier, "Cruz himself said", " said", "Cruz", Person);
    b!(
        time_before_cue,
        "Priebus later Thursday told",
        " told",
        "Priebus",
        Person
    );
    b!(
        share_of_people,
        "Only 24 percent said",
        " said",
        "24 percent",
        Group
    );
    b!(
        role_comma_name,
        "Her spokesman, Marcus Hale, said",
        " said",
        "Her spokesman, Marcus Hale",
        Person
    );
    b!(
        two_appositions,
        "Jacob Roe, 24, who lives in Ohio, told",
        " told",
        "Jacob Roe, 24, who lives in Ohio",
        Person
    );
    b!(
        discourse_aside,
        "Humphrey, for example, said",
        " said",
        "Humphrey, for example",
        Person
    );
    b!(
        role_then_name,
        "Trump's attorney, Alan Garten, said",
        " said",
        "Trump's attorney, Alan Garten",
        Person
    );
    b!(
        possessive_apposition,
        "Tad Devine, Sanders's chief strategist, said",
        " said",
        "Tad Devine, Sanders's chief strategist",
        Person
    );
    b!(
        org,
        "the Department of Justice said",
        " said",
        "the Department of Justice",
        Organization
    );
    b!(
        role_with_of,
        "a spokesman for the campaign said",
        " said",
        "a spokesman for the campaign",
        Anonymous
    );

    #[test]
    fn no_speaker_before_verb_phrase() {
        assert_eq!(
            before_of("and it was hard to understand what was said", " said"),
            None
        );
    }
}
