//! Who the speaker is: one row per kind of error the resolve stage must
//! not make (a word glued to a name, a place typed person, a role kept in
//! the name, a pronoun given to the last name mentioned, ...), each with
//! our own sentences, and rows that must stay as they are. The rules run
//! alone (`Pipeline::rules_only`), so that a retrained model cannot
//! change what is tested; every claim of a row is checked, in order. The
//! last test reads claims only the shipped model makes (a reported clause
//! after "said in a statement"), so it runs the whole pipeline.

use whosaid::{Pipeline, SpeakerType};

/// A row: the text, then per claim the speaker as written (a check that
/// the row tests what it means to), `speaker_resolved` and
/// `speaker_type`.
type Row = (
    &'static str,
    &'static [(&'static str, Option<&'static str>, SpeakerType)],
);

fn check(rows: &[Row]) {
    let p = Pipeline::rules_only();
    let mut failed = Vec::new();
    for (text, wants) in rows {
        let claims = p.extract(text);
        let got: Vec<(Option<&str>, Option<&str>, SpeakerType)> = claims
            .iter()
            .map(|c| {
                (
                    c.speaker.map(|s| &text[s.range()]),
                    c.speaker_resolved.as_deref(),
                    c.speaker_type,
                )
            })
            .collect();
        let want: Vec<(Option<&str>, Option<&str>, SpeakerType)> =
            wants.iter().map(|w| (Some(w.0), w.1, w.2)).collect();
        if got != want {
            failed.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

use SpeakerType::*;

#[test]
fn words_glued_to_a_name_are_no_part_of_it() {
    check(&[
        (
            "\"The depot stays open,\" said Rival Jane Ross.",
            &[("Rival Jane Ross", Some("Jane Ross"), Person)],
        ),
        (
            "\"The vote is Tuesday,\" said former Gov. Tom Alder of Ohio.",
            &[("former Gov. Tom Alder of Ohio", Some("Tom Alder"), Person)],
        ),
        (
            "\"No,\" said Understated Perez, who had said little.",
            &[("Understated Perez", Some("Perez"), Person)],
        ),
    ]);
}

#[test]
fn places_parties_and_bodies_are_not_people() {
    check(&[
        (
            "\"We will appeal the ruling,\" Ohio said in a filing.",
            &[("Ohio", Some("Ohio"), Organization)],
        ),
        (
            "\"We have the votes,\" Republicans said on Monday.",
            &[("Republicans", Some("Republicans"), Group)],
        ),
        (
            "\"No comment,\" the White House said.",
            &[("the White House", Some("White House"), Organization)],
        ),
        (
            "\"The fund is empty,\" WikiLeaks said.",
            &[("WikiLeaks", Some("WikiLeaks"), Organization)],
        ),
    ]);
}

#[test]
fn roles_owners_and_titles_leave_the_name() {
    check(&[
        (
            "\"The records were sealed,\" said Rice University historian Ann Lee.",
            &[("Rice University historian Ann Lee", Some("Ann Lee"), Person)],
        ),
        (
            "\"It is a bad bill,\" Fox News's Ed Marsh said.",
            &[("Fox News's Ed Marsh", Some("Ed Marsh"), Person)],
        ),
        (
            "\"We are ready,\" said South Carolina Democratic Party Chairman Jaime Cole.",
            &[(
                "South Carolina Democratic Party Chairman Jaime Cole",
                Some("Jaime Cole"),
                Person,
            )],
        ),
    ]);
}

#[test]
fn outlets_and_documents_are_typed_as_such() {
    check(&[
        (
            "\"The deal is off,\" The Riverside Gazette reported.",
            &[("The Riverside Gazette", Some("Riverside Gazette"), Outlet)],
        ),
        (
            "The Washington Post ran the story first. \"The mayor knew,\" the paper said.",
            &[("the paper", Some("Washington Post"), Outlet)],
        ),
        (
            "\"Turnout fell by a third,\" the survey said.",
            &[("the survey", None, Document)],
        ),
        (
            // A paper's name that ends in an outlet word, no first name
            // before it: no person.
            "\"The race is over,\" the Burlington Free Press wrote.",
            &[(
                "the Burlington Free Press",
                Some("Burlington Free Press"),
                Outlet,
            )],
        ),
    ]);
}

#[test]
fn people_named_together_are_a_group_with_no_name() {
    check(&[
        (
            "\"The plan failed,\" Ann Lee and Tom Ross wrote.",
            &[("Ann Lee and Tom Ross", None, Group)],
        ),
        (
            "\"The tax is a mistake,\" some said.",
            &[("some", None, Group)],
        ),
    ]);
}

#[test]
fn a_description_of_no_person_is_a_body() {
    check(&[
        (
            // No organization word, and no person's role: a body.
            "\"The river will crest on Sunday,\" the national weather service said.",
            &[("the national weather service", None, Organization)],
        ),
        (
            // A person's role stays a person.
            "\"We won,\" the incumbent said.",
            &[("the incumbent", None, Person)],
        ),
    ]);
}

#[test]
fn pronouns_go_to_who_spoke_or_the_subject_before() {
    check(&[
        (
            // The last name before "he" is Tom Reyes; the man quoted is
            // Dan Okoro.
            "\"We will rebuild,\" Dan Okoro said. Okoro met Tom Reyes and \
             the board on Friday.\n\n\"It will take a year,\" he said.",
            &[
                ("Dan Okoro", Some("Dan Okoro"), Person),
                ("he", Some("Dan Okoro"), Person),
            ],
        ),
        (
            // Gender: "she" skips the man who spoke just before.
            "\"We are done,\" said Mark Dolan. Ruth Ames disagreed.\n\n\"We are not,\" she said.",
            &[
                ("Mark Dolan", Some("Mark Dolan"), Person),
                ("she", Some("Ruth Ames"), Person),
            ],
        ),
        (
            // The man who opens the sentence, not the one who spoke
            // before it.
            "\"We will rebuild,\" Dan Okoro said on Monday.\n\nKevin Tran, who runs \
             the orchard, installed sensors, and \"they cut my water use,\" he said.",
            &[
                ("Dan Okoro", Some("Dan Okoro"), Person),
                ("he", Some("Kevin Tran"), Person),
            ],
        ),
        (
            "\"Prices will rise,\" Corvane Foods said. \"The drought is to blame,\" it said.",
            &[
                ("Corvane Foods", Some("Corvane Foods"), Organization),
                ("it", Some("Corvane Foods"), Organization),
            ],
        ),
    ]);
}

#[test]
fn surnames_and_descriptions_find_their_full_name() {
    check(&[
        (
            "Vermont Sen. Lena Park toured the plant. \"We need the jobs,\" \
             the senator said. \"Now,\" Park added.",
            &[
                ("the senator", Some("Lena Park"), Person),
                ("Park", Some("Lena Park"), Person),
            ],
        ),
        (
            // A nickname: "John Ellis Bush", known as Jeb, is "Jeb Bush"
            // (the shorter of two forms met as often), not his brother.
            "Life was good for a young John Ellis Bush.\n\nFriends remember \
             Mr. Bush, known as Jeb, as a tennis player. His brother George W. \
             Bush was president.\n\n\"We were raised to be polite,\" Mr. Bush \
             said. Jeb Bush laughed.",
            &[("Mr. Bush", Some("Jeb Bush"), Person)],
        ),
        (
            // A double surname: the first names him alone.
            "Miguel Basanez Ebergenyi took over the embassy last year.\n\n\
             \"We will defend our citizens,\" Basanez said.",
            &[("Basanez", Some("Miguel Basanez Ebergenyi"), Person)],
        ),
        (
            // "The campaign" with no campaign named: the campaign of the
            // person the article is about.
            "Lena Park unveiled a plan on Monday. Park wants more money for \
             schools.\n\n\"This is our priority,\" the campaign said.",
            &[
                ("Park", Some("Lena Park"), Person),
                ("the campaign", Some("Park campaign"), Organization),
            ],
        ),
        (
            // A body's name before "group" is its name.
            "\"The ads will run in May,\" the Harbor Action group said.",
            &[(
                "the Harbor Action group",
                Some("Harbor Action"),
                Organization,
            )],
        ),
        (
            // Out of quotation marks, a letter's "I" is the writer who
            // signs it.
            "LETTERS.\n\nI believe the council is wrong about the park.\n\n\
             Debby James.\n\nMission Viejo, Calif.",
            &[("I", Some("Debby James"), Person)],
        ),
        (
            // Two Okafors: the title's gender tells which.
            "Grace Okafor and her brother Sam Okafor run the firm. \"We grew,\" Mrs. Okafor said.",
            &[("Mrs. Okafor", Some("Grace Okafor"), Person)],
        ),
        (
            // A role with no name names nobody.
            "\"The plant will close,\" a spokeswoman for Corvane said.",
            &[("a spokeswoman for Corvane", None, Anonymous)],
        ),
        (
            // Someone of a named body who is not named is an anonymous
            // source; someone of the public is a person.
            "\"The show is over,\" a producer for Yahoo Studios said. \
             \"I lost my crop,\" a farmer said.",
            &[
                ("a producer for Yahoo Studios", None, Anonymous),
                ("a farmer", None, Person),
            ],
        ),
        (
            // A role never written by her name: the person the sentence
            // before is about.
            "Lena Park toured the plant on Monday.\n\nBut Park was not ready \
             to concede. \"The fight goes on,\" the Vermont senator said.",
            &[("the Vermont senator", Some("Lena Park"), Person)],
        ),
        (
            // With no one before it, the role names nobody.
            "\"The fight goes on,\" the senator said.",
            &[("the senator", None, Person)],
        ),
        (
            // In a headline and summary, the body's name comes after.
            "Columbia defends its reporting.\n\n\"The articles are accurate,\" \
             the university said.\n\nThe dean of Columbia University wrote a letter.",
            &[("the university", Some("Columbia University"), Organization)],
        ),
    ]);
}

#[test]
fn the_cue_is_the_reporting_expression_and_an_opening_channel_counts() {
    let text = "In an interview with the Evening Courier, Ann Lee said the deal was dead.\n\n\
                Corvane Foods said in a statement that prices would rise.";
    let p = Pipeline::default();
    let claims = p.extract(text);
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = claims
        .iter()
        .map(|c| {
            let s = |x: Option<whosaid::Span>| x.map(|s| &text[s.range()]);
            (s(c.speaker), s(c.cue), s(c.channel))
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("Ann Lee"),
                Some("said"),
                Some("In an interview with the Evening Courier")
            ),
            (Some("Corvane Foods"), Some("said"), Some("in a statement")),
        ]
    );
    // Without a channel noun the opening phrase is no channel.
    let text = "In a surprise, Ann Lee said the deal was dead.";
    let claims = p.extract(text);
    assert!(claims.iter().all(|c| c.channel.is_none()), "{claims:?}");
}

#[test]
fn an_anonymous_source_keeps_the_reason_given() {
    let text = "\"We will not sign,\" said an official, who spoke on condition of anonymity \
                because the talks were private.\n\nA senior aide, who was not authorized to \
                speak publicly, said the vote would slip.\n\n\"Fine,\" said Ann Lee.";
    let claims = Pipeline::rules_only().extract(text);
    let got: Vec<(SpeakerType, Option<&str>)> = claims
        .iter()
        .map(|c| (c.speaker_type, c.anonymity_reason.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Anonymous,
                Some("on condition of anonymity because the talks were private")
            ),
            (Anonymous, Some("not authorized to speak publicly")),
            (Person, None),
        ]
    );
}
