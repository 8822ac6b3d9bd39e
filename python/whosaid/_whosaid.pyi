# Types of the native module (python/src/lib.rs). `Claim` follows the
# column declaration of the Rust crate (whosaid::emit::SCHEMA, exported as
# SCHEMA below); python/tests/test_types.py holds the two together.
from typing import Any, Literal, Optional, TypedDict

from typing_extensions import NotRequired

__version__: str
COLUMNS: list[str]
#: Every column: (name, JSON type, nullable, the names a label column takes).
SCHEMA: list[tuple[str, str, bool, Optional[list[str]]]]

Kind = Literal["direct", "mixed", "indirect"]
SpeakerType = Literal["person", "outlet", "organization", "group", "anonymous", "document", "unknown"]
CueClass = Literal["speech", "thought", "evidence"]

class Claim(TypedDict):
    """One claim, as one line of ``whosaid extract --format jsonl``; spans
    are [start, end] in code points of the text."""

    doc_id: str
    claim_id: int
    kind: Kind
    quote: str
    content_spans: list[list[int]]
    speaker: Optional[str]
    speaker_span: Optional[list[int]]
    speaker_resolved: Optional[str]
    speaker_type: SpeakerType
    cue: Optional[str]
    cue_span: Optional[list[int]]
    addressee: Optional[str]
    channel: Optional[str]
    via: Optional[str]
    paragraph: int
    sentence: int
    confidence: float
    # A rule's name (see SCHEMA for those this build has), or "model".
    rule: str
    speaker_title: Optional[str]
    speaker_org: Optional[str]
    cue_class: Optional[CueClass]
    anonymity_reason: Optional[str]
    context: NotRequired[str]

class WhosaidError(Exception):
    """A document could not be processed; the message names it."""

class Extractor:
    def __init__(self, model: Optional[str] = None, rules_only: bool = False) -> None: ...
    def run_batch(
        self, docs: list[tuple[str, Any]], jobs: int = 0, context: bool = False
    ) -> list[tuple[str, str, Optional[str], list[Claim]]]:
        """One (id, status, reason, claims) per document, in input order;
        status is "ok", "warning" or "failed"."""

def cli(argv: list[str], interrupts: bool = False) -> int:
    """Runs the whosaid command line; returns its exit code. With
    ``interrupts``, Ctrl-C gets the command's handler (which ends the
    process); without, Python's stays."""
