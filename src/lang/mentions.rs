//! **mentions** — speaker candidates.
//!
//! Reads: the text around a cue. Adds: a [`Mention`] — the noun phrase that
//! ends just before a cue ([`before`]: "Rep. Jane Roe (D-Ore.) said", "Jane
//! Roe, a spokeswoman for the agency, said", "a senior official told") or
//! starts just after it ([`after`]: "said the spokesman"), typed by
//! [`classify`] as person, outlet (gazetteer), organization, group,
//! anonymous or unknown.
//! Guarantees: a mention lies within the bounds it was given, starts and
//! ends on a word or closing bracket, and contains a name, a pronoun or a
//! known role/group/document noun at its head.

use super::text::{Tok, WINDOW, ceil_boundary, floor_boundary, is_capitalized, with_tokens};
use crate::doc::{Mention, Span, SpeakerType};
use crate::lexicon::words::*;
use crate::lexicon::{Lexicons, has_lower};

fn is_nounish(lex: &Lexicons, w: &str) -> bool {
    let known = |w: &str| has_lower(&lex.nounish, w);
    // Plurals of role nouns: "senators", "strategists", "attorneys".
    known(w) || w.strip_suffix('s').is_some_and(|s| s.len() > 2 && known(s))
}

/// "Twenty-four", "forty": a number written out.
fn is_number_word(w: &str) -> bool {
    w.split('-').all(|part| NUMBER_WORDS.has(part))
}

/// A time word between a speaker and its cue: "later", "Thursday"; a
/// capitalized one only if it is a day ("Rex Early said" names a person).
fn is_time_word(w: &str) -> bool {
    TIME_WORDS.has(w) && (!is_capitalized(w) || is_calendar_word(w))
}

/// Prepositions, conjunctions and other words that never belong to a
/// speaker phrase.
pub fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.has(w) || AUXILIARIES.has(w)
}

fn is_name_word(w: &str) -> bool {
    is_capitalized(w) && !FUNCTION_WORDS.has(w) && !PRONOUNS.has(w) && !is_calendar_word(w)
}

/// The speaker phrase ending just before `end`, starting no earlier than
/// `limit`. Auxiliaries and adverbs right before `end` ("has also") are
/// skipped.
pub fn before(lex: &Lexicons, text: &str, limit: usize, end: usize) -> Option<Mention> {
    // Callers may pass any byte offset: keep to character boundaries.
    let limit = ceil_boundary(text, limit.max(end.saturating_sub(WINDOW)));
    with_tokens(text, Span::new(limit, end), |toks| {
        Backward { lex, text, toks }.mention()
    })
}

/// The tokens before a cue, read backwards to find its speaker phrase.
struct Backward<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    toks: &'a [Tok],
}

impl Backward<'_> {
    fn w(&self, k: usize) -> &str {
        &self.text[self.toks[k].span.range()]
    }

    fn mention(&self) -> Option<Mention> {
        let idx = self.skip_adverbials();
        if idx == 0 {
            return None;
        }
        let (idx, span_end) = self.skip_appositions(idx)?;
        let idx = self.skip_parenthetical(idx)?;
        let (start_tok, weak) = self.phrase_start(idx)?;
        let span = Span::new(self.toks[start_tok].span.start, span_end);
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
        let toks = self.toks;
        let mut idx = toks.len();
        while idx > 1
            && toks[idx - 1].word
            && (AUXILIARIES.has(self.w(idx - 1)) || is_time_word(self.w(idx - 1)))
        {
            idx -= 1;
            if self.w(idx - 1).eq_ignore_ascii_case("on") {
                idx -= 1;
            }
        }
        if idx > 0 && toks[idx - 1].word && AUXILIARIES.has(self.w(idx - 1)) {
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
        let toks = self.toks;
        let mut span_end = toks[idx - 1].span.end;
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
                span_end = toks[c - 1].span.end;
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
        let (lex, toks) = (self.lex, self.toks);
        let next = self.w(j + 1);
        let segment = j + 1..c;
        let discourse = match segment.len() {
            1 => DISCOURSE_ASIDES.has(next),
            2 => {
                let second = self.w(j + 2);
                (next.eq_ignore_ascii_case("for")
                    && (second.eq_ignore_ascii_case("example")
                        || second.eq_ignore_ascii_case("instance")))
                    || (next.eq_ignore_ascii_case("in")
                        && (second.eq_ignore_ascii_case("turn")
                            || second.eq_ignore_ascii_case("fact")))
            }
            _ => false,
        };
        // "Neil Sroka, communications director of DFA, said", "Mr.
        // Sperling, then 38, said", "Mr. Mahaney, of RBC Capital, said"
        let role_inside = segment.clone().take(4).any(|x| is_nounish(lex, self.w(x)));
        let second = (segment.len() > 1).then(|| self.w(j + 2));
        let age =
            next == "then" && second.is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()));
        let affiliation =
            matches!(next, "of" | "from" | "at") && second.is_some_and(is_capitalized);
        // "Jeff Weaver, Sanders’ campaign manager, said"
        let plural_possessive = toks.get(j + 2).is_some_and(|t| {
            matches!(self.w(j + 2), "’" | "'") && t.span.start == toks[j + 1].span.end
        });
        // "Trump's attorney, Alan Garten, said": the name follows the role.
        let name_after_role = j >= 1
            && (is_nounish(lex, self.w(j - 1)) || lex.titles.contains(self.w(j - 1)))
            && segment
                .clone()
                .all(|x| toks[x].word && is_capitalized(self.w(x)) || self.w(x) == ".");
        let short_lower =
            toks[j + 1].word && !is_capitalized(next) && !FUNCTION_WORDS.has(next) && c - j <= 5;
        discourse
            || role_inside
            || age
            || affiliation
            || DETERMINERS.has(next)
            || RELATIVES.has(next)
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
            && matches!(self.w(k - 2), "in" | "of")
            && (self.w(k - 3).starts_with(|c: char| c.is_ascii_digit())
                || is_number_word(self.w(k - 3))
                || (self.w(k - 3) == "out" && k >= 4));
        let share = in_ten
            || (s == "percent" || s == "%")
                && k >= 2
                && (self.w(k - 2).starts_with(|c: char| c.is_ascii_digit())
                    || is_number_word(self.w(k - 2)));
        let ok = share || is_name_word(s) || is_nounish(lex, s) || {
            // lower-case head with a determiner close before it
            // "secretary of state said"
            (k >= 3 && self.w(k - 2) == "of" && is_nounish(lex, self.w(k - 3)))
                || !FUNCTION_WORDS.has(s) && !is_capitalized(s) && self.determiner_near(k)
        };
        ok.then(|| !share && !is_name_word(s) && !is_nounish(lex, s))
    }

    /// Is there a determiner among the three tokens before token `k - 1`?
    fn determiner_near(&self, k: usize) -> bool {
        (k.saturating_sub(4)..k - 1).any(|j| DETERMINERS.has(self.w(j)))
    }

    /// Walks back from token `idx` over the phrase: its head first, then
    /// names, role nouns, possessives, connectors and modifiers, up to a
    /// determiner. Returns the first token of the phrase and whether its
    /// head is weak.
    fn phrase_start(&self, idx: usize) -> Option<(usize, bool)> {
        let (lex, toks) = (self.lex, self.toks);
        let mut start_tok = idx;
        let mut k = idx;
        let mut head_seen = false;
        let mut weak = false;
        while k > 0 && idx - (k - 1) <= 16 {
            let t = toks[k - 1];
            let s = self.w(k - 1);
            if !t.word && (s != "%" || head_seen) {
                // The period of "Rep." / "Jr." belongs to the name.
                let abbrev_period = s == "."
                    && k >= 2
                    && toks[k - 2].word
                    && toks[k - 2].span.end == t.span.start
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
                if PRONOUNS.has(s) || STANDALONE_SUBJECTS.has(s) {
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
            let share_head = matches!(self.w(start_tok), "percent" | "%")
                || self.w(start_tok).chars().all(|c| c.is_ascii_digit());
            if share_head && matches!(s, "in" | "of" | "out") {
                k -= 1;
                continue;
            }
            if DETERMINERS.has(s) {
                start_tok = k - 1;
                k -= 1;
                // "a spokesman for the campaign": go on past "for"/"of".
                if k > 1 && AFFILIATION_PREPS.has(self.w(k - 1)) {
                    let prev = self.w(k - 2);
                    if is_nounish(lex, prev) || is_name_word(prev) {
                        k -= 1;
                        continue;
                    }
                }
                break;
            }
            if CONNECTORS.has(s) {
                let prev_ok = k >= 2 && {
                    let prev = self.w(k - 2);
                    toks[k - 2].word && (is_name_word(prev) || is_nounish(lex, prev))
                };
                if prev_ok {
                    k -= 1;
                    continue;
                }
                break;
            }
            let number_of_share =
                (s.starts_with(|c: char| c.is_ascii_digit()) || is_number_word(s)) && share_head;
            if number_of_share
                || is_name_word(s)
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
            let before_name = is_name_word(self.w(start_tok)) && !s.contains('-');
            let lower_in_np = !is_capitalized(s)
                && !before_name
                && !FUNCTION_WORDS.has(s)
                && (!participle || (k >= 2 && ARTICLES.has(self.w(k - 2))))
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

/// The subject of the sentence `sent` as the speaker of a cue that has
/// none of its own: after "and"/"but" ("She shook her head and said") or
/// for a gerund after a comma ("..., saying"). Looks at the start of the
/// sentence, then after an opening phrase ("On Tuesday, Romney ..."); an
/// opening word that names no one ("Speaking at a rally, ...") is not a
/// subject.
pub fn subject(lex: &Lexicons, text: &str, sent: Span, cue_start: usize) -> Option<Mention> {
    if cue_start < sent.start {
        return None;
    }
    after(lex, text, sent.start, cue_start)
        .filter(|m| !is_opener(text, m.span))
        .or_else(|| {
            let from = sent.start;
            let head = &text[from..floor_boundary(text, cue_start.min(from + 200))];
            let commas = head.match_indices(',').map(|(i, _)| from + i + 1);
            // The first phrase after a comma that a verb follows ("On
            // Tuesday in Salem, New Hampshire, Romney told ...").
            let mut first = None;
            for c in commas {
                let Some(m) = after(lex, text, c, cue_start) else {
                    continue;
                };
                first.get_or_insert(m);
                let next = text[m.span.end..cue_start].trim_start();
                if next.is_empty() || next.starts_with(|ch: char| ch.is_lowercase()) {
                    return Some(m);
                }
            }
            first
        })
}

/// Is the one-word phrase at `span` a word that opens a sentence without
/// naming anyone: an adverb, a preposition or a participle ("Still",
/// "Despite", "Speaking", "Recently"), or a contraction of "it", "that",
/// "there" ("It's")? A word in "-ing" or "-ly" that `text` also
/// capitalizes inside a sentence is a name ("Manning", "Beverly").
pub fn is_opener(text: &str, span: Span) -> bool {
    const OPENERS: &[&str] = &[
        "according",
        "after",
        "again",
        "all",
        "also",
        "and",
        "as",
        "before",
        "both",
        "but",
        "days",
        "despite",
        "during",
        "earlier",
        "even",
        "finally",
        "following",
        "here",
        "hours",
        "however",
        "indeed",
        "instead",
        "last",
        "later",
        "meanwhile",
        "months",
        "much",
        "no",
        "now",
        "once",
        "so",
        "still",
        "then",
        "there",
        "this",
        "today",
        "tonight",
        "under",
        "weeks",
        "when",
        "while",
        "years",
        "yesterday",
        "yet",
    ];
    let phrase = &text[span.range()];
    if phrase.contains(char::is_whitespace) {
        return false;
    }
    let w = phrase.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
    let lower = w.to_lowercase();
    if OPENERS.contains(&lower.as_str())
        || ["it", "that", "there", "here"].iter().any(|p| {
            lower
                .strip_prefix(p)
                .is_some_and(|r| matches!(r, "'s" | "\u{2019}s" | "'ll" | "\u{2019}ll"))
        })
    {
        return true;
    }
    lower.len() > 5
        && (lower.ends_with("ing") || lower.ends_with("ly"))
        && w.chars().next().is_some_and(char::is_uppercase)
        && !{
            // Within 20 kB either side: enough for an article, and a long
            // input costs no more per call.
            let lo = super::text::floor_boundary(text, span.start.saturating_sub(20_000));
            let hi = super::text::floor_boundary(text, (span.end + 20_000).min(text.len()));
            text[lo..hi].match_indices(w).any(|(i, _)| {
                let i = lo + i;
                let before = text[..i].trim_end_matches([' ', '\t']);
                before.ends_with(|c: char| c.is_alphanumeric() || c == ',')
                    && text[i + w.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        }
}

/// Does the text before a cue end with a coordinating "and"/"but", so that
/// the cue shares the sentence subject?
pub fn is_coordinated(head: &str) -> bool {
    let h = head.trim_end();
    h.ends_with(" and") || h.ends_with(" but") || h.ends_with(" and then")
}

/// The speaker phrase starting just after `start` ("said the spokesman",
/// "says Rep. Jane Roe (D-Ore.)"), ending no later than `limit`.
pub fn after(lex: &Lexicons, text: &str, start: usize, limit: usize) -> Option<Mention> {
    let limit = floor_boundary(text, limit.min(start + WINDOW));
    if limit <= start {
        return None;
    }
    with_tokens(text, Span::new(start, limit), |toks| {
        after_in(lex, text, toks)
    })
}

fn after_in(lex: &Lexicons, text: &str, toks: &[Tok]) -> Option<Mention> {
    let w = |t: &Tok| &text[t.span.range()];
    let first = toks.first()?;
    let s0 = w(first);
    if first.word && PRONOUNS.has(s0) {
        return Some(Mention {
            span: first.span,
            kind: classify(lex, text, first.span),
            weak: false,
        });
    }
    let mut end_tok = None;
    let mut has_head = false;
    let mut k = 0;
    while k < toks.len() && k < 16 {
        let t = toks[k];
        let s = w(&t);
        if !t.word {
            if s == "."
                && k > 0
                && toks[k - 1].span.end == t.span.start
                && lex.titles.contains(w(&toks[k - 1]))
            {
                k += 1;
                continue;
            }
            if s == "("
                && has_head
                && let Some(j) = toks[k..(k + 8).min(toks.len())]
                    .iter()
                    .position(|t| w(t) == ")")
            {
                k += j;
                end_tok = Some(k);
                k += 1;
                continue;
            }
            break;
        }
        if DETERMINERS.has(s) && !has_head {
            k += 1;
            continue;
        }
        // "one of those advisers"
        if s == "of" && !has_head && k > 0 && DETERMINERS.has(w(&toks[k - 1])) {
            k += 1;
            continue;
        }
        if is_name_word(s) || is_nounish(lex, s) {
            has_head = true;
            end_tok = Some(k);
            k += 1;
            continue;
        }
        if AFFILIATION_PREPS.has(s) && has_head {
            let next = toks.get(k + 1).map(w).unwrap_or("");
            if DETERMINERS.has(next) || is_name_word(next) {
                k += 1;
                continue;
            }
            break;
        }
        if !has_head
            && !is_capitalized(s)
            && !FUNCTION_WORDS.has(s)
            && !AUXILIARIES.has(s)
            && k <= 3
        {
            // adjectives and noun modifiers after a determiner: "the senior official"
            k += 1;
            continue;
        }
        break;
    }
    let end_tok = end_tok?;
    let span = Span::new(first.span.start, toks[end_tok].span.end);
    Some(Mention {
        span,
        kind: classify(lex, text, span),
        weak: false,
    })
}

/// The core of a speaker phrase: the phrase before any apposition or
/// parenthetical ("Jane Roe" of "Jane Roe, a spokeswoman for the agency"),
/// or the name after a role that names nobody itself ("Marcus Hale" of
/// "Her spokesman, Marcus Hale", of "Trump's attorney, Alan Garten").
pub fn core_phrase(s: &str) -> &str {
    let first = s.split([',', '(']).next().unwrap_or(s).trim();
    let Some(second) = s.split(',').nth(1).map(str::trim) else {
        return first;
    };
    let names_someone = |w: &str| {
        is_name_word(w) && !DETERMINERS.has(w) && !w.ends_with("'s") && !w.ends_with("’s")
    };
    let second_is_a_name = !second.is_empty() && second.split_whitespace().all(is_capitalized);
    if second_is_a_name && !first.split_whitespace().any(names_someone) {
        second
    } else {
        first
    }
}

/// Is `core` the name of a news outlet: a known one ("The Washington
/// Post", "the AP", "Murdoch's Fox News"), or capitalized words ending in
/// a word that names papers and broadcasters ("the Riverside Gazette")?
/// A known outlet's name after a first name is a person's ("Tom Fox").
fn is_outlet(lex: &Lexicons, core: &str) -> bool {
    let starts = std::iter::once(0).chain(core.match_indices(' ').map(|(i, _)| i + 1));
    for start in starts {
        let before = core[..start].trim_end();
        let owner = before.is_empty()
            || before.eq_ignore_ascii_case("the")
            || before.ends_with("'s")
            || before.ends_with("’s");
        if owner && lex.outlets.contains(&core[start..]) {
            return true;
        }
    }
    let words: Vec<&str> = core.split_whitespace().collect();
    let named = words
        .iter()
        .skip(usize::from(
            words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")),
        ))
        .all(|w| is_capitalized(w));
    named && words.len() >= 2 && words.last().is_some_and(|w| lex.outlet_words.contains(w))
}

/// The type of the speaker phrase `span`.
pub fn classify(lex: &Lexicons, text: &str, span: Span) -> SpeakerType {
    let s = &text[span.range()];
    let mut core = core_phrase(s);
    // "a spokesman for the campaign", "Prof. Anand Rao of Valley State
    // University": the head comes before the modifier.
    for prep in [" for ", " at ", " of "] {
        if let Some(i) = super::text::find(core, prep) {
            let before = &core[..i];
            let last = before.rsplit(' ').next().unwrap_or(before);
            let org_name = lex.org_words.contains(last);
            if !org_name && (!is_capitalized(last) || before.split_whitespace().count() >= 2) {
                core = before;
            }
        }
    }
    let words: Vec<&str> = core
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(&head) = words.last() else {
        return SpeakerType::Unknown;
    };
    if words.len() == 1 && PRONOUNS.has(head) {
        return match head.to_ascii_lowercase().as_str() {
            "he" | "she" | "i" => SpeakerType::Person,
            "we" | "they" => SpeakerType::Group,
            _ => SpeakerType::Unknown,
        };
    }
    if is_outlet(lex, core) {
        return SpeakerType::Outlet;
    }
    if s.contains("anonymity") || s.contains("anonymously") {
        return SpeakerType::Anonymous;
    }
    let indefinite = INDEFINITES.has(words[0]);
    let has_name = words
        .iter()
        .skip(1)
        .any(|w| is_name_word(w) && !lex.org_words.contains(w))
        || (is_name_word(words[0])
            && !lex.org_words.contains(words[0])
            && !DETERMINERS.has(words[0]));
    if has_lower(&lex.anonymous_nouns, head) && (indefinite || !has_name) {
        return SpeakerType::Anonymous;
    }
    let plural_role = head
        .strip_suffix('s')
        .is_some_and(|h| h.len() > 2 && has_lower(&lex.role_nouns, h));
    let share = head == "percent"
        || s.ends_with('%')
        || (head.chars().all(|c| c.is_ascii_digit()) && words.len() >= 3);
    if has_lower(&lex.group_nouns, head) || plural_role || share {
        return SpeakerType::Group;
    }
    // (The entries are ASCII: a word with other characters is none of them.)
    let org_head = (head.is_ascii() && has_lower(&lex.org_words_lower, head))
        || has_lower(&lex.org_nouns, head);

    if org_head || words.iter().any(|w| lex.org_words.contains(w)) {
        return SpeakerType::Organization;
    }
    if has_lower(&lex.document_nouns, head) {
        return SpeakerType::Unknown;
    }
    if has_lower(&lex.role_nouns, head) || words.iter().any(|w| lex.titles.contains(w)) || has_name
    {
        return SpeakerType::Person;
    }
    SpeakerType::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before_of(s: &str, cue: &str) -> Option<(String, SpeakerType)> {
        let lex = Lexicons::load();
        let end = s.find(cue).unwrap();
        before(&lex, s, 0, end).map(|m| (s[m.span.range()].to_string(), m.kind))
    }

    fn after_of(s: &str, cue: &str) -> Option<(String, SpeakerType)> {
        let lex = Lexicons::load();
        let start = s.find(cue).unwrap() + cue.len();
        after(&lex, s, start, s.len()).map(|m| (s[m.span.range()].to_string(), m.kind))
    }

    fn subject_of(s: &str, cue: &str) -> Option<String> {
        let lex = Lexicons::load();
        let end = s.find(cue).unwrap();
        subject(&lex, s, Span::new(0, s.len()), end).map(|m| s[m.span.range()].to_string())
    }

    #[test]
    fn the_subject_comes_after_an_opening_word_or_phrase() {
        for (s, cue, want) in [
            ("She shook her head and said no.", "said", "She"),
            ("On Tuesday, Romney told donors ...", "told", "Romney"),
            // An opening participle or adverb names no one.
            (
                "Speaking to reporters, the mayor defended the budget, arguing ...",
                "arguing",
                "the mayor",
            ),
            (
                "Still, the union's leaders rejected the offer, saying ...",
                "saying",
                "the union's leaders",
            ),
            // The phrase a verb follows, not a place in the opening clause.
            (
                "Speaking in Salem, New Hampshire, Okafor went after Bush, calling ...",
                "calling",
                "Okafor",
            ),
        ] {
            assert_eq!(subject_of(s, cue).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn openers_are_words_that_name_no_one() {
        let opener = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            is_opener(s, Span::new(i, i + w.len()))
        };
        for (s, w) in [
            ("Speaking to reporters, Hale said ...", "Speaking"),
            ("Still, they said ...", "Still"),
            ("Recently, Hale argued ...", "Recently"),
            ("It's clear, Hale said, that ...", "It's"),
            ("That\u{2019}s wrong, Hale said.", "That\u{2019}s"),
            ("Last week, Hale said ...", "Last"),
        ] {
            assert!(opener(s, w), "{w} in {s}");
        }
        for (s, w) in [
            ("Trump said ...", "Trump"),
            ("Critics said ...", "Critics"),
            ("Officials at the port said ...", "Officials"),
            (
                "Sterling said the deal was off. A lawyer for Sterling declined.",
                "Sterling",
            ),
            ("the mayor said", "the mayor"),
        ] {
            assert!(!opener(s, w), "{w} in {s}");
        }
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

    #[test]
    fn inversion() {
        assert_eq!(
            after_of("said Sen. Jane Roe, who", "said "),
            Some(("Sen. Jane Roe".into(), SpeakerType::Person))
        );
        assert_eq!(
            after_of("said the spokesman.", "said "),
            Some(("the spokesman".into(), SpeakerType::Anonymous))
        );
        assert_eq!(
            after_of("said he.", "said "),
            Some(("he".into(), SpeakerType::Person))
        );
        assert_eq!(after_of("said in a statement", "said "), None);
    }
}
