# Types of the native module (python/src/lib.rs).
from typing import Any, Optional

__version__: str
COLUMNS: list[str]

class WhosaidError(Exception):
    """A document could not be processed; the message names it."""

class Extractor:
    def __init__(self, model: Optional[str] = None, rules_only: bool = False) -> None: ...
    def run_batch(
        self, docs: list[tuple[str, str]], jobs: int = 0, context: bool = False
    ) -> list[tuple[str, str, Optional[str], list[dict[str, Any]]]]:
        """One (id, status, reason, claims) per document, in input order;
        status is "ok", "warning" or "failed"."""

def cli(argv: list[str]) -> int:
    """Runs the whosaid command line; returns its exit code."""
