//! Reporting expressions: what the lexicon says of a cue word, and a cue
//! found in the text.

use super::Span;

/// Which inflection of a reporting verb was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    ThirdSingular,
    Past,
    Gerund,
    Participle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Verbs of saying, writing and showing.
    Speech,
    /// Verbs of believing, hoping, expecting.
    Belief,
    /// "according to".
    AccordingTo,
}

/// What the lexicon says of a cue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueEntry {
    pub lemma: &'static str,
    pub class: CueClass,
    pub form: Form,
    /// The verb takes an addressee ("told reporters").
    pub addressee: bool,
}

impl CueEntry {
    /// A finite verb of saying or believing ("said", "says", "believe"),
    /// which can head a reported clause of its own; gerunds, participles
    /// and "according to" attach to something else.
    pub fn is_finite_report(&self) -> bool {
        self.class != CueClass::AccordingTo && !matches!(self.form, Form::Gerund | Form::Participle)
    }

    /// A cue the trained model found that no lexicon lists.
    pub const UNLISTED: CueEntry = CueEntry {
        lemma: "",
        class: CueClass::Speech,
        form: Form::Past,
        addressee: false,
    };

    /// The colon of a lead-in (`Trump: "..."`), which stands where a verb
    /// would.
    pub const COLON: CueEntry = CueEntry {
        lemma: ":",
        class: CueClass::Speech,
        form: Form::Base,
        addressee: false,
    };
}

/// A reporting expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub span: Span,
    pub entry: CueEntry,
}
