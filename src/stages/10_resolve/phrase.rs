//! What a speaker phrase says of its speaker, before the rest of the
//! document is read: a pronoun (and which), a name (cleaned of titles,
//! roles, possessive owners and words glued on by position: "Claimed
//! Ross", "Rival Jane Ross"), or a description ("the Vermont senator",
//! "her campaign"), with the role and the affiliation it gives.

use super::words::{bare, given_gender, glued, is_initial, is_party, title_gender};
use crate::lang::mentions::core_phrase;
use crate::lexicon::{Lexicons, has_lower};

/// A pronoun's reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she (`true`: female), him, his, her, himself, herself.
    Person(bool),
    /// I, me, my, we: the one whose quotation it is in.
    First,
    /// it, its.
    It,
    /// they, them, their.
    They,
    /// who, which, that: the phrase before it.
    Relative,
    /// someone, somebody: no one the text names.
    Someone,
}

/// How a speaker phrase names its speaker.
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    Pronoun(Pronoun),
    /// A person's or body's name, cleaned; `title_female` is a title's
    /// gender ("Mrs. Clinton").
    Name {
        name: String,
        title_female: Option<bool>,
        /// The whole capitalized run, titles and all but a leading "The"
        /// ("New York Times", "Los Angeles Times"): what a body's name is.
        whole: String,
    },
    /// A common noun phrase: its head noun (lower case) and the words
    /// before the head ("the Vermont senator": "senator", ["Vermont"]);
    /// `owner` is a possessive's word ("her", "Trump's").
    Description {
        head: String,
        modifiers: Vec<String>,
        owner: Option<String>,
        definite: bool,
    },
    /// Two or more people named together ("Edward-Isaac Dovere and
    /// Gabriel Debenedetti") or counted ("some", "many"): a group with no
    /// name.
    Several,
    /// Nothing to go on.
    Nothing,
}

fn pronoun(w: &str) -> Option<Pronoun> {
    // Every pronoun is ASCII and at most 10 bytes: lower-cased on the stack.
    let b = w.as_bytes();
    if b.len() > 10 || !b.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 10];
    for (d, c) in buf.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    Some(
        match std::str::from_utf8(&buf[..b.len()]).unwrap_or_default() {
            "he" | "him" | "his" | "himself" => Pronoun::Person(false),
            "she" | "her" | "hers" | "herself" => Pronoun::Person(true),
            "i" | "me" | "my" | "we" | "us" | "our" => Pronoun::First,
            "it" | "its" | "itself" => Pronoun::It,
            "they" | "them" | "their" | "themselves" => Pronoun::They,
            "who" | "which" | "that" => Pronoun::Relative,
            "someone" | "somebody" | "anyone" | "anybody" => Pronoun::Someone,
            _ => return None,
        },
    )
}

/// [`glued`] by its lists alone, without the "-ed", "-ly", "-ing" guess
/// (a name alone, "Bly", keeps its ending).
fn listed_glue(lex: &Lexicons, w: &str) -> bool {
    let lower = w.to_lowercase();
    let suffixed = lower.ends_with("ed") || lower.ends_with("ly") || lower.ends_with("ing");
    glued(lex, w) && !(suffixed && !lex.function_words.has(&lower) && !lex.name_glue.contains(w))
}

/// Does `w` end a speaker phrase: an auxiliary, a form of "be", a time
/// word or a reporting verb's form, in lower case, and no noun a speaker
/// phrase can end in ("report")?
fn ends_phrase(lex: &Lexicons, w: &str) -> bool {
    if w.starts_with(char::is_uppercase)
        || lex.document_heads.contains(w)
        || has_lower(&lex.nounish, w)
    {
        return false;
    }
    lex.auxiliaries.has(w)
        || lex.be_forms.has(w)
        || lex.time_words.has(w)
        || lex.phrase_adverbs.contains(w)
        || lex.verb_forms.contains(w)
}

/// Does the noun `head` name a person by a role ("spokesman",
/// "customer", "deputy"), not a place or an event ("capital",
/// "convention")?
pub fn person_noun(lex: &Lexicons, head: &str) -> bool {
    has_lower(&lex.role_nouns, head)
        || has_lower(&lex.anonymous_nouns, head)
        || lex.person_nouns.contains(head)
        || lex.title_roles.iter().any(|t| t.1 == head)
        || ["er", "or", "ist", "ian", "ant", "ent", "man", "woman"]
            .iter()
            .any(|e| head.len() > e.len() + 2 && head.ends_with(e))
}

/// Is `w` written as a name word: a capital first, then letters.
fn capital(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.') || !c.is_ascii())
}

/// The words of a phrase, without surrounding punctuation.
fn phrase_words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                c.is_ascii() && !c.is_alphanumeric() && !matches!(c, '.' | '\'' | '’')
            })
        })
        .map(|w| w.trim_matches(['“', '”', '‘', '—', '–', '…']))
        .map(|w| w.trim_start_matches(['\'', '’']))
        .filter(|w| !w.is_empty() && *w != "." && *w != "--" && *w != "—")
        .collect()
}

/// What a speaker phrase says, and the role and affiliation written in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub form: Form,
    /// "Secretary of State", "a spokeswoman", "campaign manager".
    pub title: Option<String>,
    /// "NBC" of "NBC's Chuck Todd", "Corvane" of "a spokesman for
    /// Corvane".
    pub org: Option<String>,
}

/// Reads a speaker phrase.
pub fn read(lex: &Lexicons, surface: &str) -> Phrase {
    let mut out = Phrase {
        form: Form::Nothing,
        title: None,
        org: None,
    };
    let all = phrase_words(surface);
    if all.len() == 1
        && let Some(p) = pronoun(all[0])
    {
        out.form = Form::Pronoun(p);
        return out;
    }
    // "some", "many", "others" alone: people counted, not named.
    if all.len() == 1 && lex.quantifiers.contains(all[0].to_lowercase().as_str()) {
        out.form = Form::Several;
        return out;
    }
    // "A spokesman for Corvane, Ivo Marsh", "One customer, Jordan Pike of
    // Meadowvale": the name after the role, the role its title.
    let segments: Vec<&str> = surface.split(", ").collect();
    if segments.len() >= 2 {
        let first = read(lex, segments[0]);
        if matches!(first.form, Form::Description { .. }) {
            let named = segments[1..].iter().enumerate().find_map(|(k, seg)| {
                let p = read(lex, seg);
                let person = matches!(&p.form, Form::Name { name, .. }
                    if name.contains(' ') && given_gender(lex, name.split(' ').next().unwrap_or("")).is_some());
                person.then_some((k + 1, p))
            });
            if let Some((k, mut p)) = named {
                // The role is the description just before the name, when
                // it names a person's role ("Her deputy, Marcus Lind"; not
                // "[Before] the convention, Calvin Williams").
                let role = if k == 1 {
                    first
                } else {
                    read(lex, segments[k - 1])
                };
                if matches!(&role.form, Form::Description { head, .. } if person_noun(lex, head)) {
                    p.title = role.title.or(p.title);
                    p.org = role.org.or(p.org);
                }
                return p;
            }
        }
    }
    let core = core_phrase(lex, surface);
    // "The pair of editorials", "a handful of aides": the head is what
    // is counted.
    let counted = core.split_once(" of ").filter(|(q, rest)| {
        let last = q.rsplit(' ').next().unwrap_or(q);
        !rest.is_empty()
            && q.split(' ').count() <= 2
            && lex.quantity_nouns.contains(last.to_lowercase().as_str())
    });
    let core = match counted {
        Some((_, rest)) => rest,
        None => core,
    };
    // "Jane Roe, a spokeswoman for the agency": the apposition is her
    // title and affiliation.
    if segments.len() >= 2 && core == segments[0].trim() {
        let rest = read(lex, segments[1]);
        if let Form::Description { .. } = rest.form {
            let mut p = read(lex, segments[0]);
            if matches!(p.form, Form::Name { .. }) {
                p.title = p.title.or(rest.title);
                p.org = p.org.or(rest.org);
                return p;
            }
        }
    }
    let (head_part, tail) = split_modifier(lex, core);
    if let Some(org) = tail {
        out.org = Some(org);
    }
    let mut words = phrase_words(head_part);
    let all_words = words.len();
    // "Officials close to the talks", "Scientists not involved in the
    // research", "An economist who testified": the head comes first.
    if let Some(cut) = words
        .iter()
        .skip(1)
        .position(|w| lex.head_enders.contains(*w))
    {
        let before = &words[..cut + 1];
        // ("an inside source": "inside" ends no head after "an".)
        let noun = |w: &str| {
            let lower = w.to_lowercase();
            (!capital(w) && !lex.determiners.has(&lower) && !lex.function_words.has(&lower))
                || has_lower(&lex.nounish, &lower)
                || lex.document_heads.contains(lower.as_str())
        };
        if before.last().is_some_and(|w| noun(w)) {
            words.truncate(cut + 1);
        }
    }
    // A verb, auxiliary or time word ends the phrase: "Mexican officials
    // now", "Clinton officials were thrilled".
    // So does a past tense right after a name: "Cleveland Police Chief
    // Calvin Williams lobbied to ...".
    let past_after_name = |k: usize| {
        let w = words[k];
        w.len() > 3
            && w.ends_with("ed")
            && w.chars().all(|c| c.is_ascii_lowercase())
            && capital(words[k - 1])
            && !lex.function_words.has(w)
    };
    // And a verb's "-s" after a known singular head that a determiner
    // opens: "The piece goes on to ...", "the new poll takes" (not "the
    // government officials", "Editorial pages": nouns after nouns).
    let known_head = |x: &str| {
        lex.document_heads.contains(x)
            || has_lower(&lex.org_nouns, x)
            || lex.body_nouns.contains(x)
            || person_noun(lex, x)
    };
    let known_noun = |w: &str| {
        let one = w.strip_suffix('s').unwrap_or(w);
        [w, one]
            .iter()
            .any(|x| known_head(x) || has_lower(&lex.group_nouns, x))
    };
    let verb_after_head = |k: usize| {
        let (w, h) = (words[k], words[k - 1]);
        // (A verb has words after it: "The two hospital systems" ends in
        // a noun.)
        k + 1 < all_words
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !known_noun(w)
            && lex.determiners.has(&words[0].to_lowercase())
            && h.chars().all(|c| c.is_lowercase())
            && !h.ends_with('s')
            && known_head(h)
    };
    if let Some(cut) = (1..words.len())
        .find(|&k| ends_phrase(lex, words[k]) || past_after_name(k) || verb_after_head(k))
    {
        words.truncate(cut);
    }
    let Some(&last) = words.last() else {
        return out;
    };
    // A possessive owner: "NBC's Chuck Todd", "Trump's campaign manager".
    let owner_at = words
        .iter()
        .rposition(|w| bare(w).len() != w.len() && words.len() > 1);
    let (owner, rest) = match owner_at {
        Some(i) if i + 1 < words.len() => {
            // The owner is the capitalized run that ends at the possessive.
            let mut k = i;
            while k > 0 && capital(words[k - 1]) && !lex.is_capitalized_determiner(words[k - 1]) {
                k -= 1;
            }
            let mut own: Vec<&str> = words[k..i].to_vec();
            own.push(bare(words[i]));
            (Some(own.join(" ")), &words[i + 1..])
        }
        _ => (None, &words[..]),
    };
    if let (Some(o), None) = (&owner, &out.org)
        && o.starts_with(char::is_uppercase)
        && pronoun(o).is_none()
    {
        out.org = Some(o.clone());
    }
    let last_bare = bare(last);
    let lowercase_head = !capital(last_bare) && !is_initial(last);
    if lowercase_head {
        // A description: its head, the words before it, the owner.
        let lead = rest.first().copied().unwrap_or("");
        let definite = matches!(lead.to_lowercase().as_str(), "the" | "this" | "that")
            || owner.is_some()
            || rest.iter().any(|w| pronoun(w).is_some());
        let modifiers: Vec<String> = rest[..rest.len().saturating_sub(1)]
            .iter()
            .filter(|w| !lex.determiners.has(&w.to_lowercase()))
            .map(|w| w.to_string())
            .collect();
        let own = owner.or_else(|| {
            rest.iter()
                .find(|w| {
                    matches!(
                        pronoun(w),
                        Some(Pronoun::Person(_) | Pronoun::It | Pronoun::They)
                    )
                })
                .map(|w| w.to_string())
        });
        let title_words: Vec<&str> = rest.to_vec();
        out.title = Some(title_words.join(" ")).filter(|t| !t.is_empty());
        out.form = Form::Description {
            head: last_bare.to_lowercase(),
            modifiers,
            owner: own,
            definite,
        };
        return out;
    }
    // "Ann Lee and Tom Ross", "Stephen S. Cohen and J. Bradford DeLong":
    // two people, each with a first name or an initial after "and".
    let person_start = |w: &str| given_gender(lex, w).is_some() || is_initial(w);
    let coordinated = rest.windows(3).any(|w| {
        w[1] == "and" && capital(w[0]) && !lex.org_words.contains(w[0]) && person_start(w[2])
    }) && {
        let before: Vec<&str> = rest.iter().copied().take_while(|w| *w != "and").collect();
        let run = before.iter().rev().take_while(|w| capital(w)).count();
        run >= 2 || before.iter().any(|w| person_start(w))
    };
    if coordinated {
        out.form = Form::Several;
        return out;
    }
    // A name: the run of capitalized words at the end.
    let mut start = rest.len();
    while start > 0 {
        let w = rest[start - 1];
        if capital(w) || is_initial(w) || lex.name_particles.has_exact(w) {
            start -= 1;
        } else {
            break;
        }
    }
    let mut run: Vec<&str> = rest[start..].iter().map(|w| bare(w)).collect();
    // A body's name may hold "of", "for" or "and" between capitalized
    // words ("Chamber of Commerce", "Institute for Trade Policy").
    let mut body_start = start;
    while body_start >= 2
        && matches!(rest[body_start - 1], "of" | "for" | "and" | "on")
        && capital(rest[body_start - 2])
        && !lex.is_capitalized_determiner(rest[body_start - 2])
    {
        body_start -= 2;
        while body_start > 0
            && capital(rest[body_start - 1])
            && !lex.is_capitalized_determiner(rest[body_start - 1])
        {
            body_start -= 1;
        }
    }
    let whole = {
        let mut w: Vec<&str> = rest[body_start..].iter().map(|w| bare(w)).collect();
        while w
            .first()
            .is_some_and(|x| lex.is_capitalized_determiner(x) || x.eq_ignore_ascii_case("the"))
        {
            w.remove(0);
        }
        w.join(" ")
    };
    let mut before: Vec<&str> = rest[..start].to_vec();
    // The name starts after the last title in the run ("Former Florida
    // Gov. Jeb Bush").
    if let Some(t) = run[..run.len().saturating_sub(1)].iter().rposition(|w| {
        lex.titles.contains(w.trim_end_matches('.'))
            || lex.titles.contains(*w)
            || lex.abbreviations.contains(w.trim_end_matches('.'))
    }) {
        before.extend(run.drain(..=t));
    }
    // Titles and glued words at the front go; a listed first name starts
    // the name when there is one.
    let mut title_female = before.iter().find_map(|w| title_gender(w));
    let mut title: Vec<&str> = before.clone();
    if let Some(g) = run.iter().position(|w| given_gender(lex, w).is_some())
        && g + 1 < run.len()
    {
        for w in &run[..g] {
            title_female = title_female.or(title_gender(w));
        }
        title.extend(&run[..g]);
        run.drain(..g);
    }
    // "super PAC", "Most Millennials": a common noun with a capital, after a
    // lower-case modifier or a quantifier, is a description.
    let quantified =
        run.len() == 2 && matches!(run[0], "All" | "Few" | "Many" | "Most" | "Several" | "Some");
    let modified = run.len() == 1
        && super::words::is_acronym(run[0])
        && before
            .last()
            .is_some_and(|w| w.starts_with(char::is_lowercase) && !lex.determiners.has(w));
    if quantified || modified {
        let head = run[run.len() - 1].to_lowercase();
        out.form = Form::Description {
            head,
            modifiers: before.iter().map(|w| w.to_string()).collect(),
            owner: None,
            definite: before
                .first()
                .is_some_and(|w| w.eq_ignore_ascii_case("the")),
        };
        return out;
    }
    while run.len() > 1 && glued(lex, run[0]) {
        title_female = title_female.or(title_gender(run[0]));
        title.push(run[0]);
        run.remove(0);
    }
    while run.len() > 1 && lex.name_particles.has_exact(run[0]) {
        run.remove(0);
    }
    if run.len() == 1 && listed_glue(lex, run[0]) && !is_party(lex, run[0]) {
        run.clear();
    }
    title.retain(|w| title_gender(w).is_none() && !lex.determiners.has(&w.to_lowercase()));
    if !title.is_empty() {
        out.title = Some(title.join(" "));
    }
    let Some(&first) = run.first() else {
        return out;
    };
    if run.len() == 1 && (lex.is_calendar_word(first) || pronoun(first).is_some()) {
        return out;
    }
    out.form = Form::Name {
        name: run.join(" "),
        title_female,
        whole,
    };
    out
}

/// Splits "a spokesman for Corvane" at its affiliation preposition:
/// the part before, and the affiliation's name when it has capitals.
fn split_modifier<'a>(lex: &Lexicons, core: &'a str) -> (&'a str, Option<String>) {
    let Some(i) = lex
        .name_modifier_prep_finders
        .iter()
        .filter_map(|f| f.find(core.as_bytes()))
        .min()
    else {
        return (core, None);
    };
    let before = &core[..i];
    let after = core[i..].trim_start();
    let after = after.split_once(' ').map_or("", |(_, a)| a).trim();
    let named = after
        .split_whitespace()
        .any(|w| w.starts_with(char::is_uppercase));
    // "University of Texas" is a name, not a role of something.
    let before_words = phrase_words(before);
    let name_before = before_words
        .last()
        .is_some_and(|w| lex.org_words.contains(*w));
    if name_before {
        return (core, None);
    }
    let org = named.then(|| {
        let a = after.strip_prefix("the ").unwrap_or(after);
        a.to_string()
    });
    (before, org)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Option<String> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        match read(lex, s).form {
            Form::Name { name, .. } => Some(name),
            _ => None,
        }
    }

    #[test]
    fn names_lose_what_is_glued_to_them() {
        assert_eq!(name("Claimed Ross").as_deref(), None.or(Some("Ross")));
        assert_eq!(name("Rival Jane Ross").as_deref(), Some("Jane Ross"));
        assert_eq!(name("Neither Ross").as_deref(), Some("Ross"));
        assert_eq!(name("Sen. Ted Cruz (R-Tex.)").as_deref(), Some("Ted Cruz"));
        assert_eq!(name("NBC’s Chuck Todd").as_deref(), Some("Chuck Todd"));
        assert_eq!(name("Does Rubio").as_deref(), Some("Rubio"));
        assert_eq!(name("Mrs. Clinton").as_deref(), Some("Clinton"));
        assert_eq!(name("The Vermont senator"), None);
        assert_eq!(name("There"), None);
    }

    fn head(s: &str) -> Option<String> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        match read(lex, s).form {
            Form::Description { head, .. } => Some(head),
            _ => None,
        }
    }

    #[test]
    fn the_head_of_a_description() {
        assert_eq!(head("Mexican officials now").as_deref(), Some("officials"));
        assert_eq!(head("an inside source").as_deref(), Some("source"));
        assert_eq!(
            head("The pair of editorials were not endorsements of Clinton").as_deref(),
            Some("editorials")
        );
        assert_eq!(head("a handful of aides").as_deref(), Some("aides"));
        assert_eq!(
            head("The piece goes on to slam the plan").as_deref(),
            Some("piece")
        );
        assert_eq!(head("the company's workers").as_deref(), Some("workers"));
        assert_eq!(head("The two hospital systems").as_deref(), Some("systems"));
        assert_eq!(
            head("officials close to the talks").as_deref(),
            Some("officials")
        );
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        assert_eq!(
            read(lex, "Edward-Isaac Dovere and Gabriel Debenedetti").form,
            Form::Several
        );
        assert_eq!(read(lex, "Ann Lee and Tom Ross").form, Form::Several);
        assert_eq!(read(lex, "Some").form, Form::Several);
        assert!(matches!(
            read(lex, "Procter and Gamble").form,
            Form::Name { .. }
        ));
        assert_eq!(
            name("Cleveland Police Chief Calvin Williams lobbied to suspend the rule").as_deref(),
            Some("Calvin Williams")
        );
    }

    #[test]
    fn titles_and_affiliations() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let p = read(lex, "Rice University historian Ann Lee");
        assert!(
            matches!(p.form, Form::Name { ref name, .. } if name == "Ann Lee"),
            "{p:?}"
        );
        let p = read(lex, "The New York Times");
        assert!(
            matches!(p.form, Form::Name { ref whole, .. } if whole == "New York Times"),
            "{p:?}"
        );
        let p = read(lex, "a spokeswoman for Corvane");
        assert_eq!(p.org.as_deref(), Some("Corvane"));
        assert!(matches!(p.form, Form::Description { ref head, .. } if head == "spokeswoman"));
        let p = read(lex, "Fox News's Ed Marsh");
        assert_eq!(p.org.as_deref(), Some("Fox News"));
    }
}
