//! Language data: reporting verbs, titles, abbreviations, gazetteers and
//! the short closed lists the rules are written around (determiners,
//! auxiliaries, time words). Each list is a plain text file in the folder
//! of its language (`en/`), one entry per line, sorted and free of
//! duplicates (a test checks; a few lists are in the order their rule
//! tries them, marked `ranked`), embedded at compile time and parsed once
//! per process into [`Lexicons`], whose fields name the lists.
//!
//! Adding a language: a folder beside `en/` holding a file of every name
//! `en/` has (the same lists, in that language; a missing file is a
//! compile error), a [`Lang`] variant with its folder in the table at the
//! foot of the `lists!` invocation below, a model file trained on that
//! language's text, and tests (the list checks here run over every
//! language; rule tables for the new language beside the English ones).
//!
//! `quote_marks.txt` is a table, not a list: one quotation mark a line,
//! five columns parted by single spaces, checked when it is parsed:
//! the mark (`“`, or two characters read as one: `''`); `double` or
//! `single` (single marks nest inside double ones); how its role is
//! judged (`open`, `close`, `either` by context, `leans-open` or
//! `leans-close`: trusted unless the context plainly says the opposite);
//! when it is an apostrophe (`-` never, `word` between letters, `word+digit`
//! also before a digit as in "’90s"); and flags, comma-separated or `-`:
//! `after-open` (a mark after it may open), `before-close` (a mark before
//! it may close; it may follow a sentence's period), `continues` (opening a
//! paragraph, it continues the quote left open before), `curly` (a second
//! opening after it means it never closed). Order the lines by frequency:
//! the first three lead bytes are searched at every step.

mod quote_marks;
mod words;

pub use quote_marks::{Apostrophe, Judged, MarkShape, QuoteMarks};
pub use words::{Key, WordList};

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A fast, non-cryptographic hasher for short words (the Fx hash of the
/// Rust compiler): the lexicons are fixed data, so flooding is no concern.
///
/// A multiply carries each input bit only upwards, so the low bits of the
/// state depend on the first bytes alone; hashbrown takes the bucket from
/// the low bits, and words sharing a start ("anti-", "pre-") crowded into
/// a few buckets. `finish` rotates the well-mixed high bits down (as
/// rustc-hash 2 does); which buckets words land in changes, nothing else
/// (no output depends on the order of a set).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    #[inline(always)]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut v = [0u8; 8];
            v.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = [0u8; 8];
            v[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(v));
        }
    }

    // The terminator `str` hashes after its bytes, and integer keys: one
    // step each, without the chunk loop.
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }

    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// Builds [`WordHasher`]s.
pub type WordHashBuilder = BuildHasherDefault<WordHasher>;

/// A set of words from a lexicon file.
pub type WordSet = HashSet<&'static str, WordHashBuilder>;

/// A verb with its inflections, from a line `base 3sg past gerund [participle]`.
#[derive(Debug, Clone)]
pub struct Verb {
    pub lemma: &'static str,
    pub forms: Vec<&'static str>,
}

/// The language of a document: which folder of lists its stages read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// Every language, in the order [`Lang::index`] counts.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The language's ISO 639-1 code ("en"), as `--lang` takes it and the
    /// `language` column and a model file write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language of an ISO 639-1 or 639-3 code ("de", "deu").
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" | "eng" => Some(Lang::En),
            "de" | "deu" | "ger" => Some(Lang::De),
            _ => None,
        }
    }

    /// The language's ISO 639-3 code ("deu"), as the general language
    /// detector names languages.
    pub fn code3(self) -> &'static str {
        match self {
            Lang::En => "eng",
            Lang::De => "deu",
        }
    }

    /// The language's name in English ("German"), for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "German",
        }
    }

    /// The position of this language in [`Lang::ALL`], for tables kept
    /// per language.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How a language's news reports speech, where whosaid's output follows
/// it (the gold data of each language is annotated this way): read from
/// `conventions.txt`, whose every line is `name yes` or `name no`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conventions {
    /// A quotation inside a claim's content that is not all of it (the
    /// quoted words of a paraphrase) is a claim of its own too.
    pub nested_quotes: bool,
    /// Sentences in the reporting subjunctive (`subjunctives.txt`) after
    /// an attributed sentence, with no cue of their own, carry the report
    /// on: a claim of the same speaker without a cue.
    pub subjunctive_runs: bool,
    /// A comma parts a reported clause from its cue ("sagte, die Lage
    /// sei ernst"), where English has none or "that".
    pub comma_before_clause: bool,
    /// A report that runs on over several sentences is one attribution
    /// per sentence (but for a quotation, which keeps its sentences
    /// together): the model's content is cut at sentence ends, each
    /// sentence after the cue's a claim of the same speaker without a
    /// cue.
    pub sentence_claims: bool,
    /// A verb with a separable particle ("mitteilen") is a cue in a
    /// finite form without it ("teilte") only when the particle closes
    /// the clause ("teilte ... mit"); the form with it ("mitteilte") is a
    /// subordinate clause's verb.
    pub separable_verbs: bool,
}

impl Conventions {
    /// Parses `conventions.txt`; a line it cannot read is a bug in the
    /// embedded file (the list tests parse every language's).
    fn parse(text: &'static str) -> Conventions {
        let mut c = Conventions::default();
        for line in lines(text) {
            let (name, value) = line
                .split_once(' ')
                .unwrap_or_else(|| panic!("conventions.txt: {line:?} is not `name yes|no`"));
            let value = match value {
                "yes" => true,
                "no" => false,
                _ => panic!("conventions.txt: {line:?}: the value is yes or no"),
            };
            match name {
                "nested_quotes" => c.nested_quotes = value,
                "subjunctive_runs" => c.subjunctive_runs = value,
                "comma_before_clause" => c.comma_before_clause = value,
                "sentence_claims" => c.sentence_claims = value,
                "separable_verbs" => c.separable_verbs = value,
                _ => panic!("conventions.txt: unknown convention {name:?}"),
            }
        }
        c
    }
}

/// How a list's entries are written and looked up (the list tests check
/// it).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Entries in lower case; look-ups fold the word (or say in their
    /// field's comment which forms match).
    Lower,
    /// Entries as they are written ("Sen.", "Gazette"); matched exactly.
    Written,
}

/// Declares [`Files`], one field per list file, each bound by
/// `include_str!` to the file of that name in each language's folder. A
/// list is sorted unless marked `ranked`: then its lines are in the order
/// the rule tries them, which can change what it finds.
macro_rules! lists {
    (lists: $lists:tt, langs: [$($lang:ident => $dir:literal,)*],) => {
        lists!(@struct $lists);

        impl Files {
            /// The embedded files of `lang`.
            pub const fn of(lang: Lang) -> Files {
                match lang {
                    $(Lang::$lang => lists!(@files $dir $lists),)*
                }
            }

            /// The folder of `lang`'s files, under `src/lexicon/`.
            #[cfg(test)]
            pub fn folder(lang: Lang) -> &'static str {
                match lang {
                    $(Lang::$lang => $dir,)*
                }
            }
        }
    };
    (@struct [$($(#[$m:meta])* $name:ident: $case:ident $($ranked:ident)?,)*]) => {
        /// The text of each list file of one language.
        pub struct Files {
            $($(#[$m])* pub $name: &'static str,)*
        }

        impl Files {
            /// Every list: its file name (without `.txt`), its text, how
            /// it is written, and whether its lines are in the order they
            /// are tried (else sorted).
            #[cfg(test)]
            pub fn all(&self) -> Vec<(&'static str, &'static str, Case, bool)> {
                vec![$((stringify!($name), self.$name, Case::$case, lists!(@ranked $($ranked)?)),)*]
            }
        }
    };
    (@ranked ranked) => {
        true
    };
    (@ranked) => {
        false
    };
    (@files $dir:literal [$($(#[$m:meta])* $name:ident: $case:ident $($ranked:ident)?,)*]) => {
        Files {
            $($name: include_str!(concat!($dir, "/", stringify!($name), ".txt")),)*
        }
    };
}

lists! {
    lists: [
        /// Words after which a description's head has been read ("of",
        /// "who", "close", "familiar"): "officials close to the talks"
        /// is headed by "officials" (resolve stage only).
        head_enders: Lower,
        /// Abbreviations written without their period ("Gov", "Ariz"):
        /// a period after one ends no sentence.
        abbreviations: Written,
        /// Expressions that attribute what follows or precedes to a
        /// source as "according to" does ("according to"; German "laut",
        /// "zufolge"): cues of class `according-to`.
        according_to: Lower,
        adjunct_openers: Lower,
        /// How the language's news marks up reported speech, as the
        /// finish stage follows it: one `name yes|no` line per
        /// convention (see [`Conventions`]).
        conventions: Lower,
        addressee_determiners: Lower,
        addressee_verbs: Lower,
        affiliation_preps: Lower,
        agent_relatives: Lower,
        anonymous_nouns: Lower,
        apposition_openers: Lower,
        apposition_preps: Lower,
        articles: Lower,
        auxiliaries: Lower,
        be_forms: Lower,
        /// Common nouns that head an organization's description besides
        /// `org_nouns` ("the carrier", "a grocery chain"): resolve only.
        body_nouns: Lower,
        /// Names of bodies that no organization word marks ("White
        /// House", "Senate"): organizations (resolve stage only).
        bodies: Written,
        belief_verbs: Lower,
        calendar_words: Lower,
        capitalized_determiners: Lower,
        channel_nouns: Lower,
        channel_preps: Lower,
        clause_subjects: Written,
        clause_conjunctions: Lower ranked,
        colon_labels: Written,
        company_suffixes: Lower,
        connectors: Lower,
        coordinated_adverbs: Lower,
        coordinated_verb_group: Lower,
        cue_coordinators: Lower,
        cue_phrases: Lower,
        cue_verbs: Lower,
        /// Verb forms that mark reported speech by themselves (German
        /// Konjunktiv I and the II that stands in for it: "sei", "habe",
        /// "werde"): a sentence holding one after an attributed one runs
        /// the report on. Empty for a language without such forms. The
        /// German list is written by `scripts/lexicon_subjunctives.py`
        /// (hand-kept forms and every verb's Konjunktiv I from the spaCy
        /// lookup tables).
        subjunctives: Lower,
        /// Modals that report by themselves with a perfect infinitive
        /// ("soll ... gewesen sein": is said to have been), and the
        /// infinitives that end such a sentence (`perfect_infinitives`):
        /// a sentence holding both runs a report on as a subjunctive does.
        reportative_modals: Lower,
        perfect_infinitives: Lower,
        /// German grammar for reading a clause (`lang::german`); empty
        /// for English, whose rules read clauses otherwise. Prepositions
        /// open a phrase that names no subject ("am Montag", "in einem
        /// Interview").
        prepositions: Lower,
        /// Determiners of a phrase that is no subject: dative, accusative
        /// or genitive only ("dem", "den", "des", "seinem").
        oblique_determiners: Lower,
        /// Finite auxiliaries and modals, the verb in second place when a
        /// participle or infinitive ends the clause ("hat ... gesagt").
        finite_auxiliaries: Lower,
        /// Words that open a subordinate clause, whose verb comes last
        /// ("wie", "dass", "nachdem").
        subordinators: Lower,
        /// Word ends of feminine nouns ("-ung", "-in"): "der" before one
        /// is dative or genitive ("sagte der Zeitung").
        feminine_endings: Lower,
        /// Ends of the nouns that make "nach" a cue of source ("nach
        /// Angaben", "nach Polizeiangaben", "seiner Meinung nach"): the
        /// phrase's head ends with one.
        source_nouns: Lower,
        /// Prepositions whose phrase speaks where "es" is the subject of
        /// a cue ("heißt es in dem Bericht", "hieß es aus dem
        /// Ministerium").
        impersonal_preps: Lower,
        /// Particles a verb parts with in its finite forms ("mit" of
        /// "mitteilen": "teilte ... mit"), for the separable verbs of the
        /// cue lists (`separable_verbs`).
        separable_particles: Lower,
        /// Adverbs that name the source they point back to ("demnach":
        /// according to it): the annotators mark the adverb as both cue
        /// and source.
        source_adverbs: Lower,
        /// Relative words after a source's noun that open what it says
        /// ("eine Schätzung, wonach ...").
        source_relatives: Lower,
        /// Prepositions that name a source after them, any phrase ("laut
        /// dpa", "gemäß dem Bericht").
        source_preps: Lower,
        /// Postpositions that name a source before them ("dem Bericht
        /// zufolge").
        source_postpositions: Lower,
        /// Prepositions that name a source on either side when the phrase
        /// is headed by a source noun ("nach Angaben", "seiner Meinung
        /// nach").
        source_noun_preps: Lower,
        /// Words that put the speaker after the content ("CONTENT, so X").
        source_markers: Lower,
        /// Subordinators whose clause attributes the main clause ("wie X
        /// mitteilte").
        as_subordinators: Lower,
        /// Pronouns that stand as a verb's subject but name no one ("es"
        /// of "hieß es").
        expletives: Lower,
        /// Determiners that open a genitive after a noun ("ein Sprecher des
        /// Ministeriums").
        genitive_determiners: Lower,
        /// Prepositions that join a name or body to a phrase ("Vertreter
        /// von Amnesty International").
        name_preps: Lower,
        /// Articles in the dative or genitive before a noun that are a
        /// subject's pronoun before a genitive ("einer Sprecherin";
        /// "einer der Täter").
        oblique_articles: Lower,
        /// Determiners in the dative or genitive before a feminine noun,
        /// the nominative before another ("der Zeitung"; "der Minister").
        gendered_determiners: Lower,
        /// Endings of an adjective before its noun ("neue", "zuständigen").
        adjective_endings: Lower,
        /// Infinitives and participles of auxiliaries that may close a
        /// clause after a participle ("gesagt haben", "mitgeteilt
        /// worden").
        infinitive_auxiliaries: Lower,
        /// Prepositions whose phrase is whom a cue's words were said to
        /// ("gegenüber der Presse"), wherever in the clause it stands.
        addressee_preps: Lower,
        /// The commonest words of the language's running text ("the",
        /// "of"; "der", "und"): how a document's language is told
        /// (`lang::detect`). Words two languages share are left out.
        signature_words: Lower,
        /// A nationality's adjective and its country ("Mexican Mexico"):
        /// "the Mexican government" is Mexico's (resolve stage only).
        demonyms: Written,
        determiners: Lower,
        discourse_asides: Lower,
        discourse_phrases: Lower,
        /// Nouns that head a document, record or piece of evidence as a
        /// speaker ("the 30-second video", "the inquiry"): read by the
        /// resolve stage only, so the model's features stay as trained.
        document_heads: Lower,
        document_nouns: Lower,
        /// Starts of the words of a cue that shows evidence ("found",
        /// "showed"): its claim's `cue_class` (resolve stage only).
        evidence_stems: Lower,
        evidence_nouns: Lower,
        female_names: Written,
        female_pronouns: Lower,
        function_words: Lower,
        /// First names of the 1990 US Census, by the sex they are most
        /// often given to (`scripts/lexicon_en_names_places.py`).
        given_names_female: Written,
        given_names_male: Written,
        /// Nouns of persons by role that `role_nouns` and the "-er",
        /// "-ist" endings miss ("deputy", "chief"): resolve stage only.
        person_nouns: Lower,
        /// Adverbs that end a speaker phrase ("Mexican officials now
        /// say"): resolve stage only (the model reads `time_words`).
        phrase_adverbs: Lower,
        /// Words that count people and, alone, stand for them ("some",
        /// "many", "others"): a group (resolve stage only).
        quantifiers: Lower,
        /// Nouns of number that a description's head follows after
        /// "of" ("the pair of editorials" is headed by "editorials"):
        /// resolve stage only.
        quantity_nouns: Lower,
        group_nouns: Lower,
        group_pronouns: Lower,
        indefinites: Lower,
        male_names: Written,
        male_pronouns: Lower,
        manner_phrases: Lower,
        modifier_preps: Lower ranked,
        name_coordinators: Lower,
        /// Capitalized words that stand before a name without being part
        /// of it ("Former", "Rival", "Admiral", "Despite"): resolve only.
        name_glue: Written,
        name_modifier_preps: Lower,
        name_particles: Lower,
        name_suffixes: Lower,
        naming_verbs: Lower,
        noun_markers: Lower,
        /// News outlets by name, for the speaker's type (resolve stage
        /// only: `outlets` is a feature of the trained model).
        news_outlets: Written,
        number_words: Lower,
        object_pronouns: Lower,
        opener_contractions: Lower,
        openers: Lower,
        org_nouns: Lower,
        org_words: Written,
        outlet_words: Written,
        /// Last words of outlets' names besides `outlet_words` ("Post",
        /// "Press"), for the speaker's type (resolve stage only).
        outlet_heads: Written,
        outlets: Written,
        /// Parties and their members' words ("Republican", "Democrats"):
        /// a group, or a modifier, never a person's name (resolve only).
        party_words: Written,
        passive_adverbs: Lower,
        passive_auxiliaries: Lower,
        person_pronouns: Lower,
        person_reflexives: Lower,
        /// Countries, US states and large cities, from GeoNames
        /// (`scripts/lexicon_en_names_places.py`).
        places: Written,
        pronouns: Lower,
        /// The quotation marks, a table (see the module doc).
        quote_marks: Written ranked,
        quote_only_verbs: Lower,
        /// Pronouns that are only ever a subject ("er", "ich"): German's
        /// clause reading (see `lang::german`).
        nominative_pronouns: Lower,
        /// Verbs of wanting, seeing, finding and taking sides whose
        /// reported clause is a claim ("will, dass …", "sah, die Lage
        /// sei …") but whose object is not ("will Gespräche aufnehmen",
        /// "fanden das Wrack"): lemmas, as `quote_only_verbs`.
        clause_only_verbs: Lower,
        raising_verbs: Lower,
        reflexives: Lower,
        relatives: Lower,
        report_coordinators: Lower,
        reporting_participles: Lower,
        role_nouns: Lower,
        share_links: Lower,
        standalone_subjects: Lower,
        time_words: Lower,
        /// Starts of the words of a cue that reports a thought ("hopes",
        /// "is worried", "support for"): its claim's `cue_class`.
        thought_stems: Lower,
        title_roles: Written,
        title_words: Lower,
        titles: Written,
        unlinked_pronouns: Lower,
        unresolved_pronouns: Lower,
        wire_agencies: Written,
        work_nouns: Lower,
    ],
    langs: [
        En => "en",
        De => "de",
    ],
}

/// The non-blank lines of a list file, trimmed.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn set(text: &'static str) -> WordSet {
    lines(text).collect()
}

fn verbs(text: &'static str) -> Vec<Verb> {
    lines(text)
        .map(|l| {
            let forms: Vec<&'static str> = l.split_whitespace().collect();
            Verb {
                lemma: forms[0],
                forms,
            }
        })
        .collect()
}

/// The lines of `text` as they are looked for inside a phrase: a word
/// between spaces (" of "), a line that starts with a comma after the
/// word before it (", and ").
fn between_spaces(text: &'static str) -> Vec<String> {
    lines(text)
        .map(|l| {
            if l.starts_with(',') {
                format!("{l} ")
            } else {
                format!(" {l} ")
            }
        })
        .collect()
}

/// A searcher for each needle, built once: building one per look-up
/// cost more than the search.
fn finders(needles: &[String]) -> Vec<memchr::memmem::Finder<'static>> {
    needles
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
        .collect()
}

/// The word lists of one language, parsed once per process (see
/// [`Lexicons::of`]) and read by every stage through the document's
/// language.
pub struct Lexicons {
    pub cue_verbs: Vec<Verb>,
    pub belief_verbs: Vec<Verb>,
    /// Multiword reporting expressions ("made clear", "pointed out").
    pub cue_phrases: Vec<&'static str>,
    /// Expressions of class `according-to` ("according to", "laut").
    pub according_to: Vec<&'static str>,
    /// The language's commonest words, for telling its text.
    pub signature_words: WordSet,
    pub conventions: Conventions,
    pub subjunctives: WordSet,
    pub reportative_modals: WordSet,
    pub perfect_infinitives: WordSet,
    /// German clause grammar (see the list files' comments).
    pub prepositions: WordList,
    pub oblique_determiners: WordList,
    pub finite_auxiliaries: WordList,
    pub subordinators: WordList,
    pub feminine_endings: Vec<&'static str>,
    pub source_nouns: Vec<&'static str>,
    pub impersonal_preps: WordList,
    pub separable_particles: Vec<&'static str>,
    pub source_adverbs: WordList,
    pub source_relatives: WordList,
    /// Every word of the source lists above (`source_preps`,
    /// `source_postpositions`, `source_noun_preps`, `source_adverbs`,
    /// `source_relatives`): whether a sentence may hold a source word.
    pub source_triggers: WordList,
    pub addressee_preps: WordList,
    pub source_preps: WordList,
    pub source_postpositions: WordList,
    pub source_noun_preps: WordList,
    pub source_markers: WordList,
    pub as_subordinators: WordList,
    pub expletives: WordList,
    pub genitive_determiners: WordList,
    pub name_preps: WordList,
    pub oblique_articles: WordList,
    pub gendered_determiners: WordList,
    pub adjective_endings: Vec<&'static str>,
    pub infinitive_auxiliaries: WordList,
    pub addressee_verbs: WordSet,
    /// Verbs whose quoted part names or describes ("called it “shameful”"):
    /// the content ends with the quote.
    pub naming_verbs: WordSet,
    /// Verbs that introduce quotations but not reported clauses ("he
    /// continued: “...”" but not "he continues to ...").
    pub quote_only_verbs: WordSet,
    /// Verbs whose reported clause is a claim but whose object is not
    /// ("wants talks", "found the wreck").
    pub clause_only_verbs: WordSet,
    /// Labels that stand before a colon without being speakers ("Q:",
    /// "Breaking:", "The Latest:").
    pub colon_labels: WordSet,
    /// Kinds of works whose titles stand in quotes ("the song “Blue
    /// Harbor”"): a quote right after one is a title, not speech.
    pub work_nouns: WordSet,
    pub abbreviations: WordSet,
    pub titles: WordSet,
    pub role_nouns: WordSet,
    pub group_nouns: WordSet,
    pub anonymous_nouns: WordSet,
    pub document_nouns: WordSet,
    pub channel_nouns: WordSet,
    pub org_words: WordSet,
    /// `org_words` in lower case, for look-ups that ignore case.
    pub org_words_lower: HashSet<String, WordHashBuilder>,
    /// Lower-case nouns naming organizations ("the office", "the union").
    pub org_nouns: WordSet,
    pub outlets: WordSet,
    /// Last words of the names of papers and broadcasters ("Gazette").
    pub outlet_words: WordSet,
    /// Role, group, anonymous, document and organization nouns together:
    /// the nouns that can head a speaker phrase.
    pub nounish: WordSet,
    /// Common first names, for the gender of `he` / `she`: `true` for a
    /// female name (a name on both lists counts as female).
    pub first_names: HashMap<&'static str, bool, WordHashBuilder>,
    /// [`Self::first_names`] and the census first names together, for
    /// telling a person's name from other capitalized words and for its
    /// gender (`true`: female; the hand lists win over the census).
    pub given_names: HashMap<&'static str, bool, WordHashBuilder>,
    /// Places (countries, US states, large cities): a place that speaks
    /// is its government, an organization.
    pub places: WordSet,
    /// A nationality's adjective → its country.
    pub demonyms: HashMap<&'static str, &'static str, WordHashBuilder>,
    /// Heads of document phrases, for the speaker's type.
    pub document_heads: WordSet,
    /// Resolve-only lists: bodies' names, words glued before names,
    /// party words.
    pub bodies: WordSet,
    pub body_nouns: WordSet,
    pub head_enders: WordSet,
    pub quantity_nouns: WordSet,
    pub quantifiers: WordSet,
    pub phrase_adverbs: WordSet,
    pub person_nouns: WordSet,
    pub name_glue: WordSet,
    pub party_words: WordSet,
    /// Every form of every reporting and belief verb, in lower case
    /// ("said", "believes"): a word no name or speaker phrase holds.
    pub verb_forms: WordSet,
    /// News outlets by name, and more last words of their names.
    pub news_outlets: WordSet,
    pub outlet_heads: WordSet,
    /// Word starts of thought and evidence cues.
    pub thought_stems: Vec<&'static str>,
    pub evidence_stems: Vec<&'static str>,
    /// Titles that name a role, with the role: "Sen. Jane Roe" is the
    /// senator (a title may name several roles: "Rep.").
    pub title_roles: Vec<(&'static str, &'static str)>,
    /// The quotation marks and how they are read.
    pub quote_marks: QuoteMarks,

    /// Words that open a noun phrase.
    pub determiners: WordList,
    /// The articles alone.
    pub articles: WordList,
    /// Determiners that may open an addressee ("told a news conference").
    pub addressee_determiners: WordList,
    /// Words that make a speaker phrase indefinite ("a spokesman", "two
    /// officials").
    pub indefinites: WordList,
    /// Words after which a cue word is a noun ("the report", "a post",
    /// "secretary of state", "first reported").
    pub noun_markers: WordList,
    /// Auxiliaries, adverbs and reflexives that stand between a speaker
    /// and its verb ("has also said", "himself said").
    pub auxiliaries: WordList,
    /// Time words, skipped between a speaker and its cue ("Priebus later
    /// Thursday told") and after a cue ("said on Friday", "told reporters
    /// earlier this month").
    pub time_words: WordList,
    /// Words that join the parts of a name or an organization ("Bank of
    /// America", "Ludwig van Beethoven").
    pub connectors: WordList,
    /// Prepositions, conjunctions and other words that never belong to a
    /// speaker phrase.
    pub function_words: WordList,
    /// Subject pronouns that can speak.
    pub pronouns: WordList,
    /// Object pronouns that can be spoken to ("told him").
    pub object_pronouns: WordList,
    /// Reflexive pronouns.
    pub reflexives: WordList,
    /// Words that stand for a speaker on their own before a cue: the
    /// relative "who", and quantities ("some say", "many believe").
    pub standalone_subjects: WordList,
    /// Relative pronouns that open an apposition ("Roe, who lives here,").
    pub relatives: WordList,
    /// One-word discourse asides set off by commas ("Roe, however, said").
    pub discourse_asides: WordList,
    /// Prepositions that attach a role to its organization ("a spokesman
    /// for the campaign").
    pub affiliation_preps: WordList,
    /// Prepositions that open a channel ("in a statement", "on social
    /// media").
    pub channel_preps: WordList,
    /// Prepositions that attach an apposition to its name ("Mr. Mahaney,
    /// of RBC Capital, said"); matched in lower case only.
    pub apposition_preps: WordList,
    /// Two-word asides set off by commas ("Roe, for example, said").
    pub discourse_phrases: Vec<(&'static str, &'static str)>,
    /// Words that join a number to the whole it is a share of ("four in
    /// 10", "nine out of 10"); matched in lower case only.
    pub share_links: WordList,
    /// Words that open an adjunct after a cue ("said in one of a series
    /// of messages that ...", "by letter"), looked up lower-cased.
    pub adjunct_openers: WordList,
    /// Words that open a description of the speaker after a
    /// parenthetical attribution ("an analyst at ...", "who teaches ...").
    pub apposition_openers: WordList,
    /// Pronouns that open a new clause after "and"/"but" ("..., and he
    /// said"), as written ("I", not "i").
    pub clause_subjects: WordSet,
    /// Openings of a reported part that say how the speaker spoke, not
    /// what ("on condition of anonymity").
    pub manner_phrases: Vec<&'static str>,
    /// Conjunctions after which a reported clause may end (", but Chen
    /// said ..."), as looked for (", and ", " but "), in the order tried.
    pub clause_conjunctions: Vec<String>,
    /// A searcher for each of `clause_conjunctions`, built once: building
    /// one per look-up cost more than the search.
    pub clause_conjunction_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Prepositions after a speaker phrase's head ("a spokesman for the
    /// campaign"), as looked for (" for "), in the order tried.
    pub modifier_preps: Vec<String>,
    /// A searcher for each of `modifier_preps`, built once.
    pub modifier_prep_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Prepositions that end a name inside a speaker phrase ("Prof. Anand
    /// Rao of Valley State University"), as looked for (" of ").
    pub name_modifier_preps: Vec<String>,
    /// A searcher for each of `name_modifier_preps`, built once.
    pub name_modifier_prep_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Pronouns that stand alone for a person ("he", "I").
    pub person_pronouns: WordList,
    /// Pronouns that stand alone for a group ("we", "they").
    pub group_pronouns: WordList,
    /// Pronouns that ask for a man as their antecedent ("he").
    pub male_pronouns: WordList,
    /// Pronouns that ask for a woman as their antecedent ("she").
    pub female_pronouns: WordList,
    /// Pronouns of a person that name nobody to resolve ("I", "you").
    pub unresolved_pronouns: WordList,
    /// Numbers written out ("forty"; "twenty-four" is two of them).
    pub number_words: WordList,
    /// Forms of "be" and "get" that make the verb after them passive.
    pub passive_auxiliaries: WordList,
    /// Adverbs that may stand between a passive auxiliary and its verb.
    pub passive_adverbs: WordList,
    /// Forms of "be" that open an agentless passive cue ("is expected").
    pub be_forms: WordList,
    /// Participles whose passive subject is what is spoken of, not who
    /// speaks ("is expected to", "was reported").
    pub reporting_participles: WordList,
    /// Raising verbs: their subject is what they say something of
    /// ("seems to", "appeared").
    pub raising_verbs: WordList,
    /// Relatives that open a clause after a passive's agent ("by The
    /// Daily Ledger, which cited ..."), as looked for (", which").
    pub agent_relatives: Vec<String>,
    /// Words that may stand between "and" and a coordinated cue ("and has
    /// also called for", "but did not suggest").
    pub coordinated_verb_group: WordList,
    /// Adverbs at the head of a coordinated cue's verb group that stay out
    /// of the cue ("and also said").
    pub coordinated_adverbs: WordList,
    /// Conjunctions that join a second report of the same speaker ("said
    /// ... and called").
    pub report_coordinators: WordList,
    /// Conjunctions before a cue that share the sentence's subject with
    /// it ("... and then said"), as looked for at the end (" and").
    pub cue_coordinators: Vec<String>,
    /// Wire agencies in brackets that mark a dateline ("Washington (AFP)
    /// –"), matched as written.
    pub wire_agencies: Vec<&'static str>,
    /// Nouns of documents that report evidence ("In a poll released
    /// Thursday, ...").
    pub evidence_nouns: WordList,
    /// Days and months: capitalized, but nobody's name ("May" is left out:
    /// it is also a surname). Matched in their capitalized form only
    /// ([`WordList::has_capitalized`]).
    pub calendar_words: WordList,
    /// Determiners that open a noun phrase without naming anyone when
    /// capitalized ("The", "Her", "Several"); matched in their capitalized
    /// form only.
    pub capitalized_determiners: WordList,
    /// Particles inside names ("Ludwig van Beethoven", "Charles de
    /// Gaulle"), matched in lower case only ([`WordList::has_exact`]).
    pub name_particles: WordList,
    /// Words that open a sentence without naming anyone ("Still",
    /// "Despite", "Yesterday").
    pub openers: WordList,
    /// Contractions of "it", "that", "there", "here" that open a sentence
    /// ("It's clear ...", "That’ll ...").
    pub opener_contractions: WordList,
    /// Corpus linking: words that name nobody on their own (pronouns,
    /// relatives, "someone"), so a speaker of one gets no id. Wider than
    /// `pronouns`, which lists only the subject pronouns that can speak.
    pub unlinked_pronouns: WordList,
    /// Corpus linking: words before a name that are not part of it
    /// besides the titles ("former", "presidential", "Dr", "U.S.").
    pub title_words: WordList,
    /// Corpus linking: words that join two speakers in one phrase ("A
    /// and B"), matched in lower case only.
    pub name_coordinators: WordList,
    /// Corpus linking: reflexives after a name that leave it a person's
    /// ("Obama himself"). Narrower than `reflexives`: "Ford itself" is
    /// the company, and linking "Ford" to it would change the speakers
    /// table.
    pub person_reflexives: WordList,
    /// Corpus linking: generational suffixes kept apart from a name ("Jr.").
    pub name_suffixes: WordList,
    /// Corpus linking: company suffixes dropped from a body's name ("Inc.").
    pub company_suffixes: WordList,
}

impl Lexicons {
    /// The lists of `lang`, parsed on first use and shared by every
    /// thread afterwards.
    pub fn of(lang: Lang) -> &'static Lexicons {
        static LOADED: [OnceLock<Lexicons>; Lang::ALL.len()] =
            [const { OnceLock::new() }; Lang::ALL.len()];
        LOADED[lang.index()].get_or_init(|| Lexicons::parse(&Files::of(lang)))
    }

    fn parse(f: &Files) -> Self {
        let nounish = [
            f.role_nouns,
            f.group_nouns,
            f.anonymous_nouns,
            f.document_nouns,
            f.org_nouns,
        ]
        .into_iter()
        .flat_map(lines)
        .collect();
        Lexicons {
            nounish,
            cue_verbs: verbs(f.cue_verbs),
            belief_verbs: verbs(f.belief_verbs),
            cue_phrases: lines(f.cue_phrases).collect(),
            according_to: lines(f.according_to).collect(),
            signature_words: set(f.signature_words),
            conventions: Conventions::parse(f.conventions),
            subjunctives: set(f.subjunctives),
            reportative_modals: set(f.reportative_modals),
            perfect_infinitives: set(f.perfect_infinitives),
            prepositions: WordList::new(f.prepositions),
            oblique_determiners: WordList::new(f.oblique_determiners),
            finite_auxiliaries: WordList::new(f.finite_auxiliaries),
            subordinators: WordList::new(f.subordinators),
            feminine_endings: lines(f.feminine_endings).collect(),
            source_nouns: lines(f.source_nouns).collect(),
            impersonal_preps: WordList::new(f.impersonal_preps),
            separable_particles: lines(f.separable_particles).collect(),
            source_adverbs: WordList::new(f.source_adverbs),
            source_relatives: WordList::new(f.source_relatives),
            source_triggers: WordList::union(&[
                f.source_preps,
                f.source_postpositions,
                f.source_noun_preps,
                f.source_adverbs,
                f.source_relatives,
            ]),
            addressee_preps: WordList::new(f.addressee_preps),
            source_preps: WordList::new(f.source_preps),
            source_postpositions: WordList::new(f.source_postpositions),
            source_noun_preps: WordList::new(f.source_noun_preps),
            source_markers: WordList::new(f.source_markers),
            as_subordinators: WordList::new(f.as_subordinators),
            expletives: WordList::new(f.expletives),
            genitive_determiners: WordList::new(f.genitive_determiners),
            name_preps: WordList::new(f.name_preps),
            oblique_articles: WordList::new(f.oblique_articles),
            gendered_determiners: WordList::new(f.gendered_determiners),
            adjective_endings: lines(f.adjective_endings).collect(),
            infinitive_auxiliaries: WordList::new(f.infinitive_auxiliaries),
            addressee_verbs: set(f.addressee_verbs),
            naming_verbs: set(f.naming_verbs),
            quote_only_verbs: set(f.quote_only_verbs),
            clause_only_verbs: set(f.clause_only_verbs),
            colon_labels: set(f.colon_labels),
            work_nouns: set(f.work_nouns),
            abbreviations: set(f.abbreviations),
            titles: set(f.titles),
            role_nouns: set(f.role_nouns),
            group_nouns: set(f.group_nouns),
            anonymous_nouns: set(f.anonymous_nouns),
            document_nouns: set(f.document_nouns),
            channel_nouns: set(f.channel_nouns),
            org_words: set(f.org_words),
            org_words_lower: lines(f.org_words).map(str::to_ascii_lowercase).collect(),
            org_nouns: set(f.org_nouns),
            outlets: set(f.outlets),
            outlet_words: set(f.outlet_words),
            first_names: lines(f.male_names)
                .map(|n| (n, false))
                .chain(lines(f.female_names).map(|n| (n, true)))
                .collect(),
            given_names: lines(f.given_names_male)
                .map(|n| (n, false))
                .chain(lines(f.given_names_female).map(|n| (n, true)))
                .chain(lines(f.male_names).map(|n| (n, false)))
                .chain(lines(f.female_names).map(|n| (n, true)))
                .collect(),
            places: set(f.places),
            demonyms: lines(f.demonyms)
                .map(|l| {
                    l.split_once(' ')
                        .expect("an adjective, a space, its country")
                })
                .collect(),
            document_heads: set(f.document_heads),
            thought_stems: lines(f.thought_stems).collect(),
            verb_forms: lines(f.cue_verbs)
                .chain(lines(f.belief_verbs))
                .flat_map(str::split_whitespace)
                .collect(),
            news_outlets: set(f.news_outlets),
            bodies: set(f.bodies),
            body_nouns: set(f.body_nouns),
            quantity_nouns: set(f.quantity_nouns),
            quantifiers: set(f.quantifiers),
            phrase_adverbs: set(f.phrase_adverbs),
            person_nouns: set(f.person_nouns),
            head_enders: set(f.head_enders),
            name_glue: set(f.name_glue),
            party_words: set(f.party_words),
            outlet_heads: set(f.outlet_heads),
            evidence_stems: lines(f.evidence_stems).collect(),
            title_roles: lines(f.title_roles)
                .map(|l| l.split_once(' ').expect("a title, a space, its role"))
                .collect(),
            quote_marks: QuoteMarks::parse(f.quote_marks),
            determiners: WordList::new(f.determiners),
            articles: WordList::new(f.articles),
            addressee_determiners: WordList::new(f.addressee_determiners),
            indefinites: WordList::new(f.indefinites),
            noun_markers: WordList::new(f.noun_markers),
            auxiliaries: WordList::new(f.auxiliaries),
            time_words: WordList::new(f.time_words),
            connectors: WordList::new(f.connectors),
            function_words: WordList::new(f.function_words),
            pronouns: WordList::new(f.pronouns),
            object_pronouns: WordList::new(f.object_pronouns),
            reflexives: WordList::new(f.reflexives),
            standalone_subjects: WordList::new(f.standalone_subjects),
            relatives: WordList::new(f.relatives),
            discourse_asides: WordList::new(f.discourse_asides),
            affiliation_preps: WordList::new(f.affiliation_preps),
            channel_preps: WordList::new(f.channel_preps),
            apposition_preps: WordList::new(f.apposition_preps),
            discourse_phrases: lines(f.discourse_phrases)
                .map(|l| l.split_once(' ').expect("a two-word phrase"))
                .collect(),
            share_links: WordList::new(f.share_links),
            adjunct_openers: WordList::new(f.adjunct_openers),
            apposition_openers: WordList::new(f.apposition_openers),
            clause_subjects: set(f.clause_subjects),
            manner_phrases: lines(f.manner_phrases).collect(),
            clause_conjunctions: between_spaces(f.clause_conjunctions),
            clause_conjunction_finders: finders(&between_spaces(f.clause_conjunctions)),
            modifier_preps: between_spaces(f.modifier_preps),
            modifier_prep_finders: finders(&between_spaces(f.modifier_preps)),
            name_modifier_preps: between_spaces(f.name_modifier_preps),
            name_modifier_prep_finders: finders(&between_spaces(f.name_modifier_preps)),
            person_pronouns: WordList::new(f.person_pronouns),
            group_pronouns: WordList::new(f.group_pronouns),
            unresolved_pronouns: WordList::new(f.unresolved_pronouns),
            male_pronouns: WordList::new(f.male_pronouns),
            female_pronouns: WordList::new(f.female_pronouns),
            number_words: WordList::new(f.number_words),
            passive_auxiliaries: WordList::new(f.passive_auxiliaries),
            passive_adverbs: WordList::new(f.passive_adverbs),
            be_forms: WordList::new(f.be_forms),
            reporting_participles: WordList::new(f.reporting_participles),
            raising_verbs: WordList::new(f.raising_verbs),
            agent_relatives: lines(f.agent_relatives).map(|l| format!(", {l}")).collect(),
            coordinated_verb_group: WordList::new(f.coordinated_verb_group),
            coordinated_adverbs: WordList::new(f.coordinated_adverbs),
            report_coordinators: WordList::new(f.report_coordinators),
            cue_coordinators: lines(f.cue_coordinators).map(|l| format!(" {l}")).collect(),
            wire_agencies: lines(f.wire_agencies).collect(),
            evidence_nouns: WordList::new(f.evidence_nouns),
            calendar_words: WordList::new(f.calendar_words),
            capitalized_determiners: WordList::new(f.capitalized_determiners),
            name_particles: WordList::new(f.name_particles),
            openers: WordList::new(f.openers),
            opener_contractions: WordList::new(f.opener_contractions),
            unlinked_pronouns: WordList::new(f.unlinked_pronouns),
            title_words: WordList::new(f.title_words),
            name_suffixes: WordList::new(f.name_suffixes),
            person_reflexives: WordList::new(f.person_reflexives),
            name_coordinators: WordList::new(f.name_coordinators),
            company_suffixes: WordList::new(f.company_suffixes),
        }
    }

    /// Is `w` a day or a month written as a name ("Thursday", not
    /// "THURSDAY")?
    pub fn is_calendar_word(&self, w: &str) -> bool {
        self.calendar_words.has_capitalized(w)
    }

    /// Is `w` a name-like word: capitalized, and no function word,
    /// pronoun or day or month ("Thursday")? One packing of the word for
    /// the three lists.
    pub fn is_name_word(&self, w: &str) -> bool {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        // Longer than 16 bytes: in none of the lists.
        let Some(k) = Key::of(w) else {
            return true;
        };
        let calendar = self.calendar_words.has_key(k)
            && w.as_bytes()[0].is_ascii_uppercase()
            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase());
        !self.function_words.has_key(k) && !self.pronouns.has_key(k) && !calendar
    }

    /// Are `first` and `second` a two-word aside ("for example"),
    /// ignoring ASCII case?
    pub fn is_discourse_phrase(&self, first: &str, second: &str) -> bool {
        self.discourse_phrases
            .iter()
            .any(|(a, b)| first.eq_ignore_ascii_case(a) && second.eq_ignore_ascii_case(b))
    }

    /// Is `w` a capitalized word that opens a noun phrase without naming
    /// anyone ("The", "Her", "Several")?
    pub fn is_capitalized_determiner(&self, w: &str) -> bool {
        self.capitalized_determiners.has_capitalized(w)
    }
}

/// Looks `word` up in a set of lower-case entries without allocating for
/// short ASCII words.
pub fn has_lower<S>(set: &HashSet<S, WordHashBuilder>, word: &str) -> bool
where
    S: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let b = word.as_bytes();
    if !b.iter().any(|c| c.is_ascii_uppercase()) && b.is_ascii() {
        return set.contains(word); // already lower case
    }
    if b.len() <= 32 && b.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out.
        let lower = std::str::from_utf8(&buf[..b.len()]).unwrap_or_default();
        set.contains(lower)
    } else {
        set.contains(word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests;
