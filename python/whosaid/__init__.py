"""Who said what in news articles: every direct, mixed and reported quote,
attributed to its speaker, with the reporting cue, the addressee, the
channel and character offsets.

    >>> import whosaid
    >>> claims = whosaid.extract('"We will appeal," Mayor Ana Pratt told reporters.')
    >>> claims[0]["speaker"], claims[0]["cue"], claims[0]["quote"]
    ('Mayor Ana Pratt', 'told', '"We will appeal,"')

Each claim is a dict with the fields and values of one line of
``whosaid extract --format jsonl`` (see ``whosaid.COLUMNS``; typed as
``whosaid._whosaid.Claim``). The work
runs in Rust with the GIL released; the built-in model is loaded once per
process, on first use.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Optional, Union

from ._whosaid import COLUMNS as _COLUMNS
from ._whosaid import SCHEMA as _SCHEMA
from ._whosaid import Extractor as _NativeExtractor
from ._whosaid import WhosaidError, __version__
from ._whosaid import cli as _cli

if TYPE_CHECKING:
    from ._whosaid import Claim

__all__ = [
    "COLUMNS",
    "SCHEMA",
    "Extractor",
    "WhosaidError",
    "__version__",
    "extract",
    "extract_many",
    "main",
    "to_pandas",
]

#: The claim fields, in the order of the command's CSV columns.
COLUMNS: list[str] = list(_COLUMNS)

#: Every column the command can write (``context`` too): name, JSON type,
#: whether it may be null, and the names a label column takes (else None).
SCHEMA: list[tuple[str, str, bool, Optional[list[str]]]] = list(_SCHEMA)

#: The id a text gets when none is given: the one ``whosaid extract -``
#: gives a text read from standard input.
DEFAULT_ID = "stdin"

Item = Union[str, "tuple[str, str]"]


def _checked(doc_id: str, status: str, reason: Optional[str], claims: list[Claim]) -> list[Claim]:
    if status == "failed":
        raise WhosaidError(f"{doc_id}: {reason}")
    if status == "warning":
        warnings.warn(f"{doc_id}: {reason}", stacklevel=3)
    return claims


def _documents(items: Iterable[Item]) -> Iterator[tuple[str, str]]:
    """(id, text) pairs from texts or (id, text) pairs; a text alone gets
    its position in the input as its id."""
    if isinstance(items, (str, bytes)):
        raise TypeError("extract_many takes an iterable of texts or (id, text) pairs, not one text; use extract()")
    for i, item in enumerate(items):
        if isinstance(item, str):
            yield str(i), item
            continue
        if isinstance(item, tuple) and len(item) == 2:
            doc_id, text = item
            if not isinstance(text, str):
                raise TypeError(f"item {i} (id {doc_id!r}): the text must be a str, not {type(text).__name__}")
            yield str(doc_id), text
            continue
        raise TypeError(f"item {i}: expected a text or an (id, text) pair, not {type(item).__name__}")


class Extractor:
    """The rules and a model, loaded once; reuse one for many calls.

    ``model``: a model file made by ``whosaid train`` instead of the
    built-in one. ``rules_only``: the hand-written rules alone (faster,
    less recall). ``context``: each claim also carries the sentence or
    sentences holding it (as ``whosaid extract --context``).
    """

    def __init__(self, model: Optional[str] = None, rules_only: bool = False, context: bool = False):
        self._native = _NativeExtractor(model, rules_only)
        self.context = context

    def extract(self, text: str, doc_id: Optional[str] = None) -> list[Claim]:
        """The claims of one text, in reading order."""
        if not isinstance(text, str):
            raise TypeError(f"the text must be a str, not {type(text).__name__}")
        doc_id = DEFAULT_ID if doc_id is None else str(doc_id)
        [outcome] = self._native.run_batch([(doc_id, text)], 1, self.context)
        return _checked(*outcome)

    def extract_many(
        self, items: Iterable[Item], jobs: Optional[int] = None, batch_size: int = 512
    ) -> list[Claim]:
        """The claims of many texts, in input order, on ``jobs`` threads
        (default: one per core). ``items`` yields texts (their ids are
        their positions, "0", "1", ...) or (id, text) pairs. The input is
        read ``batch_size`` documents at a time, so it may be a generator.
        A document that fails raises WhosaidError naming it."""
        return list(self.iter_many(items, jobs, batch_size))

    def iter_many(
        self, items: Iterable[Item], jobs: Optional[int] = None, batch_size: int = 512
    ) -> Iterator[Claim]:
        """As extract_many, one claim at a time, holding one batch in memory."""
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be 1 or more, not {jobs}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be 1 or more, not {batch_size}")
        batch: list[tuple[str, str]] = []
        for doc in _documents(items):
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._run(batch, jobs)
                batch = []
        if batch:
            yield from self._run(batch, jobs)

    def _run(self, batch: list[tuple[str, str]], jobs: Optional[int]) -> Iterator[Claim]:
        for outcome in self._native.run_batch(batch, jobs or 0, self.context):
            yield from _checked(*outcome)


_default: Optional[Extractor] = None


def _extractor() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, doc_id: Optional[str] = None) -> list[Claim]:
    """The claims of one text with the built-in model; ``doc_id`` defaults
    to "stdin", so the result equals ``whosaid extract - < file``."""
    return _extractor().extract(text, doc_id)


def extract_many(items: Iterable[Item], jobs: Optional[int] = None, batch_size: int = 512) -> list[Claim]:
    """The claims of many texts or (id, text) pairs, in input order, in
    parallel (``jobs`` threads, default one per core) with the GIL released."""
    return _extractor().extract_many(items, jobs, batch_size)


#: The columns of one span, and the two columns each becomes with
#: ``to_pandas(split_spans=True)``: speaker_span as speaker_start and
#: speaker_end, ...
_SPAN_PARTS = {
    name: (name.removesuffix("_span") + "_start", name.removesuffix("_span") + "_end")
    for name, json, _, _ in SCHEMA
    if json == "[integer, integer]"
}


def to_pandas(claims: Iterable[Claim], split_spans: bool = False) -> "Any":
    """A pandas DataFrame of claims (from extract or extract_many), one row
    a claim, the columns in the command's CSV order (then any others),
    even when there is no claim. Text is of the ``string`` dtype, counts
    ``Int64``, the confidence ``float64``, and kind, speaker_type, rule and
    cue_class ``category`` (of every name they can take); spans are lists, or with
    ``split_spans`` speaker_span and cue_span become nullable ``Int64``
    start and end columns. Needs pandas, which whosaid does not."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("whosaid.to_pandas needs pandas: pip install pandas") from e
    rows = list(claims)
    extra = [k for k in dict.fromkeys(k for row in rows for k in row) if k not in COLUMNS]
    df = pd.DataFrame.from_records(rows, columns=COLUMNS + extra)
    types = {name: (json, labels) for name, json, _, labels in SCHEMA}
    for col in df.columns:
        json, labels = types.get(col, ("string", None))
        if labels is not None:
            df[col] = df[col].astype(pd.CategoricalDtype(labels))
        elif json == "string":
            df[col] = df[col].astype("string")
        elif json == "integer":
            df[col] = df[col].astype("Int64")
        elif json == "number":
            df[col] = df[col].astype("float64")
    if split_spans:
        for col, (start, end) in _SPAN_PARTS.items():
            at = df.columns.get_loc(col)
            spans = df.pop(col)
            part = lambda k: pd.array([None if s is None else s[k] for s in spans], dtype="Int64")  # noqa: E731
            df.insert(at, start, part(0))
            df.insert(at + 1, end, part(1))
    return df


def main() -> None:
    """The ``whosaid`` command, as installed by pip."""
    sys.exit(_cli(["whosaid", *sys.argv[1:]], interrupts=True))
