//! Closed word lists: the short lists of function words the rules are
//! written around, one copy each. Each list is a [`WordList`] (lower case,
//! sorted, checked when the constant is built) looked up ignoring ASCII
//! case, unless its comment says it is matched exactly.

use super::WordList;

/// Words that open a noun phrase.
pub const DETERMINERS: WordList<20> = WordList::new([
    "a", "an", "another", "her", "his", "its", "many", "my", "one", "our", "several", "some",
    "the", "their", "these", "this", "those", "three", "two", "your",
]);

/// The articles alone.
pub const ARTICLES: WordList<3> = WordList::new(["a", "an", "the"]);

/// Determiners that may open an addressee ("told a news conference").
pub const ADDRESSEE_DETERMINERS: WordList<6> =
    WordList::new(["a", "an", "her", "his", "the", "their"]);

/// Words that make a speaker phrase indefinite ("a spokesman", "two
/// officials").
pub const INDEFINITES: WordList<9> = WordList::new([
    "a", "an", "many", "one", "other", "several", "some", "three", "two",
]);

/// Words after which a cue word is a noun ("the report", "a post",
/// "secretary of state", "first reported").
pub const NOUN_MARKERS: WordList<14> = WordList::new([
    "a", "an", "first", "her", "his", "its", "my", "of", "our", "the", "their", "these", "this",
    "your",
]);

/// Auxiliaries, adverbs and reflexives that stand between a speaker and
/// its verb ("has also said", "himself said").
pub const AUXILIARIES: WordList<47> = WordList::new([
    "again",
    "also",
    "always",
    "angrily",
    "bluntly",
    "could",
    "did",
    "does",
    "earlier",
    "even",
    "finally",
    "first",
    "flatly",
    "further",
    "had",
    "has",
    "have",
    "herself",
    "himself",
    "itself",
    "just",
    "last",
    "later",
    "may",
    "might",
    "never",
    "not",
    "often",
    "once",
    "only",
    "previously",
    "privately",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "simply",
    "sometimes",
    "still",
    "themselves",
    "then",
    "ultimately",
    "was",
    "were",
    "will",
    "would",
]);

/// Time words, skipped between a speaker and its cue ("Priebus later
/// Thursday told") and after a cue ("said on Friday", "told reporters
/// earlier this month").
pub const TIME_WORDS: WordList<28> = WordList::new([
    "afternoon",
    "again",
    "also",
    "earlier",
    "early",
    "evening",
    "friday",
    "last",
    "late",
    "later",
    "monday",
    "month",
    "morning",
    "night",
    "previously",
    "recently",
    "saturday",
    "sunday",
    "this",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "year",
    "yesterday",
]);

/// Words that join the parts of a name or an organization ("Bank of
/// America", "Ludwig van Beethoven").
pub const CONNECTORS: WordList<12> = WordList::new([
    "&", "across", "along", "and", "at", "de", "for", "from", "in", "of", "van", "von",
]);

/// Prepositions, conjunctions and other words that never belong to a
/// speaker phrase.
pub const FUNCTION_WORDS: WordList<52> = WordList::new([
    "about",
    "after",
    "against",
    "almost",
    "although",
    "among",
    "and",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "but",
    "by",
    "during",
    "for",
    "from",
    "how",
    "however",
    "if",
    "in",
    "into",
    "just",
    "like",
    "meanwhile",
    "nearly",
    "of",
    "on",
    "only",
    "or",
    "over",
    "roughly",
    "since",
    "so",
    "than",
    "that",
    "then",
    "there",
    "through",
    "to",
    "until",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "without",
    "yet",
]);

/// Subject pronouns that can speak.
pub const PRONOUNS: WordList<6> = WordList::new(["he", "i", "it", "she", "they", "we"]);

/// Object pronouns that can be spoken to ("told him").
pub const OBJECT_PRONOUNS: WordList<6> = WordList::new(["her", "him", "me", "them", "us", "you"]);

/// Reflexive pronouns.
pub const REFLEXIVES: WordList<5> =
    WordList::new(["herself", "himself", "itself", "myself", "themselves"]);

/// Words that stand for a speaker on their own before a cue: the relative
/// "who", and quantities ("some say", "many believe").
pub const STANDALONE_SUBJECTS: WordList<4> = WordList::new(["many", "most", "some", "who"]);

/// Relative pronouns that open an apposition ("Roe, who lives here,").
pub const RELATIVES: WordList<3> = WordList::new(["which", "who", "whose"]);

/// One-word discourse asides set off by commas ("Roe, however, said").
pub const DISCOURSE_ASIDES: WordList<5> =
    WordList::new(["also", "however", "meanwhile", "though", "too"]);

/// Prepositions that attach a role to its organization ("a spokesman for
/// the campaign").
pub const AFFILIATION_PREPS: WordList<3> = WordList::new(["at", "for", "of"]);

/// Prepositions that open a channel ("in a statement", "on social media").
pub const CHANNEL_PREPS: WordList<7> =
    WordList::new(["at", "during", "in", "on", "over", "through", "via"]);

/// Numbers written out ("twenty-four", "forty").
pub const NUMBER_WORDS: WordList<20> = WordList::new([
    "eight", "eighty", "eleven", "fifty", "five", "forty", "four", "nine", "ninety", "one",
    "seven", "seventy", "six", "sixty", "ten", "thirty", "three", "twelve", "twenty", "two",
]);

/// Forms of "be" and "get" that make the verb after them passive.
pub const PASSIVE_AUXILIARIES: WordList<9> = WordList::new([
    "are", "be", "been", "being", "get", "got", "is", "was", "were",
]);

/// Adverbs that may stand between a passive auxiliary and its verb.
pub const PASSIVE_ADVERBS: WordList<7> = WordList::new([
    "also",
    "later",
    "never",
    "not",
    "often",
    "reportedly",
    "widely",
]);

/// Nouns of documents that report evidence ("In a poll released
/// Thursday, ...").
pub const EVIDENCE_NOUNS: WordList<8> = WordList::new([
    "analysis", "audit", "census", "poll", "polls", "report", "study", "survey",
]);

/// Days and months: capitalized, but nobody's name. "May" is left out: it
/// is also a surname. Matched in their capitalized form only.
const CALENDAR: WordList<18> = WordList::new([
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
]);

/// Is `w` a day or a month written as a name ("Thursday", not "THURSDAY")?
pub fn is_calendar_word(w: &str) -> bool {
    // The list test first: it rejects most words by their length alone.
    CALENDAR.has(w)
        && w.as_bytes()[0].is_ascii_uppercase()
        && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
}

/// Particles inside names ("Ludwig van Beethoven", "Charles de Gaulle"),
/// matched in lower case only.
pub const NAME_PARTICLES: &[&str] = &["al", "bin", "de", "del", "der", "la", "van", "von"];

/// Capitalized words that open a noun phrase without naming anyone ("The",
/// "Her", "Several"), matched exactly.
pub fn is_capitalized_determiner(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "Her"
            | "His"
            | "Their"
            | "Its"
            | "Our"
            | "My"
            | "One"
            | "Two"
            | "Several"
            | "Some"
            | "Many"
    )
}

/// Titles that name a role: "Sen. Jane Roe" is the senator.
pub const TITLE_ROLES: &[(&str, &str)] = &[
    ("Gov.", "governor"),
    ("Governor", "governor"),
    ("Judge", "judge"),
    ("Mayor", "mayor"),
    ("President", "president"),
    ("Rep.", "congressman"),
    ("Rep.", "congresswoman"),
    ("Rep.", "representative"),
    ("Secretary", "secretary"),
    ("Sen.", "senator"),
    ("Senator", "senator"),
    ("Sheriff", "sheriff"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_words_are_capitalized_days_and_months() {
        assert!(is_calendar_word("Thursday"));
        assert!(is_calendar_word("January"));
        assert!(!is_calendar_word("THURSDAY"));
        assert!(!is_calendar_word("thursday"));
        assert!(!is_calendar_word("May"));
    }
}
