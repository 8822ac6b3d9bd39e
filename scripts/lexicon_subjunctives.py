#!/usr/bin/env python3
"""Writes src/lexicon/de/subjunctives.txt: the German verb forms that mark
reported speech by themselves (the finish stage's `subjunctive_run`).

The list is the hand-kept forms below (Konjunktiv II that stands in for
the I, irregular forms) and the third person singular Konjunktiv I of
every verb the spaCy lookup tables know ("bestehen" -> "bestehe";
"handeln" -> "handele", "handle"), kept where the tables give that form
the infinitive it was made from as its lemma.
Forms that are also words of another kind ("eine", "meine", "schnelle",
"anstelle") are left out: those in the German closed lists of this
repository, and the homographs named below.

Source: the German lemma table `de_lemma_lookup.json.gz` of the
`spacy-lookups-data` package (MIT licence, https://github.com/explosion/spacy-lookups-data):

    pip download spacy-lookups-data==1.0.5 --no-deps -d /tmp/lookups
    python3 scripts/lexicon_subjunctives.py /tmp/lookups/spacy_lookups_data-1.0.5-py2.py3-none-any.whl
"""

import gzip
import io
import json
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DE = ROOT / "src" / "lexicon" / "de"

# Forms the lemma table does not give: Konjunktiv II standing in for an
# I that looks like the indicative ("hätten", "würden"), irregular
# Konjunktiv I forms ("sei", "seien") and forms the table files under
# another lemma ("habe", "wolle").
HAND = """
brauche dürften gäbe habe halte handele hätte hätten käme könnten läge
lägen müssten plane sei seien seiest sollten stünde wolle wäre wären
würde würden
""".split()

# Konjunktiv I forms that are more often another word: articles and
# possessives ("eine" of "einen"), adjectives ("schnelle", "rege",
# "reiche", "runde", "klare", "weise"), a preposition ("anstelle"), an
# ordinal ("achte"), another verb's past ("raste" of "rasen") and
# interjections or imperatives ("ruhe").
HOMOGRAPHS = """
achte anstelle deine eine euere eure ihre keine klare meine raste reiche
rege ruhe runde scheiße schnelle seine unsere weise
""".split()

# The closed lists whose words are never a verb form.
CLOSED_LISTS = [
    "articles", "determiners", "pronouns", "prepositions", "function_words",
    "number_words", "openers", "subordinators", "quantifiers", "time_words",
    "calendar_words", "object_pronouns", "relatives",
]


def lemma_table(path: str) -> dict:
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            raw = z.read("spacy_lookups_data/data/de_lemma_lookup.json.gz")
        return json.load(gzip.open(io.BytesIO(raw)))
    return json.load(gzip.open(path))


def konjunktiv_one(lemma: str) -> list:
    """The third person singular Konjunktiv I forms of an infinitive."""
    if lemma.endswith(("eln", "ern")):
        stem = lemma[:-3]
        return [lemma[:-1] + "e", stem + lemma[-2] + "e"]
    if lemma.endswith("en"):
        return [lemma[:-1]]
    return []


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    table = lemma_table(sys.argv[1])
    closed = set()
    for name in CLOSED_LISTS:
        f = DE / f"{name}.txt"
        if f.exists():
            closed.update(w.strip().lower() for w in f.read_text().split())
    forms = set(HAND)
    for form, lemma in table.items():
        if not re.fullmatch(r"[a-zäöüß]+", form) or not lemma.islower():
            continue
        if form in konjunktiv_one(lemma):
            forms.add(form)
    forms -= set(HOMOGRAPHS)
    forms -= closed - set(HAND)
    out = DE / "subjunctives.txt"
    out.write_text("".join(f"{w}\n" for w in sorted(forms)))
    print(f"{out}: {len(forms)} forms", file=sys.stderr)


if __name__ == "__main__":
    main()
