"""The Python module against the command line: same claims, same values.

The command compared with is $WHOSAID_BIN when set (CI points it at the
cargo-built binary), else the `whosaid` command installed beside this
Python."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import whosaid

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"


def command() -> str:
    return os.environ.get("WHOSAID_BIN") or str(Path(sys.executable).parent / "whosaid")


def cli_claims(*args: str, stdin: str | None = None) -> list[dict]:
    run = subprocess.run(
        [command(), "extract", *args, "--format", "jsonl", "-q"],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


def sample_texts() -> list[tuple[str, str]]:
    files = sorted(SAMPLE.glob("*.txt"))
    assert len(files) >= 10
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


def by_doc(claims: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for c in claims:
        out.setdefault(c["doc_id"], []).append(c)
    return out


def test_extract_equals_the_command_on_the_sample():
    expected = by_doc(cli_claims(str(SAMPLE)))
    total = 0
    for doc_id, text in sample_texts():
        got = whosaid.extract(text, doc_id=doc_id)
        assert got == expected.get(doc_id, []), doc_id
        total += len(got)
    assert total == sum(len(v) for v in expected.values()) > 100


def test_extract_without_an_id_equals_the_command_on_standard_input():
    text = (SAMPLE / "bridge-closure.txt").read_text(encoding="utf-8")
    got = whosaid.extract(text)
    assert got[0]["doc_id"] == "stdin"
    assert got == cli_claims("-", stdin=text)


def test_extract_many_keeps_input_order_and_ids():
    docs = sample_texts()
    expected = [c for doc_id, text in docs for c in whosaid.extract(text, doc_id=doc_id)]
    assert whosaid.extract_many(docs, jobs=2) == expected
    # Reversed input: claims come out in the new input order.
    backwards = list(reversed(docs))
    got = whosaid.extract_many(iter(backwards), jobs=2, batch_size=3)
    assert [c["doc_id"] for c in got] == [c["doc_id"] for d, _ in backwards for c in expected if c["doc_id"] == d]
    # Texts alone get their positions as ids.
    plain = whosaid.extract_many((text for _, text in docs[:4]), jobs=1)
    assert {c["doc_id"] for c in plain} <= {"0", "1", "2", "3"}
    assert [c for c in plain if c["doc_id"] == "2"] == whosaid.extract(docs[2][1], doc_id="2")


def test_a_document_without_claims_gives_none_and_empty_input_gives_nothing():
    assert whosaid.extract("The weather was fine.") == []
    assert whosaid.extract_many([]) == []


def test_bad_items_raise_errors_that_name_them():
    with pytest.raises(TypeError, match=r"item 1 \(id 'b'\)"):
        whosaid.extract_many([("a", "A said so."), ("b", b"bytes")])
    with pytest.raises(TypeError, match="item 0"):
        whosaid.extract_many([42])
    with pytest.raises(TypeError, match="not one text"):
        whosaid.extract_many("a single text")
    with pytest.raises(whosaid.WhosaidError, match="^broken: the text cannot be read"):
        whosaid.extract_many([("fine", "Ok."), ("broken", "bad \ud800 surrogate")])
    with pytest.raises(ValueError, match="jobs"):
        whosaid.extract_many(["x"], jobs=0)


def test_a_warning_names_the_document():
    with pytest.warns(UserWarning, match="^ctl: 1 control characters"):
        claims = whosaid.extract('"We will appeal,\x07" Mayor Ana Pratt said.', doc_id="ctl")
    assert claims[0]["quote"] == '"We will appeal,\ufffd"'  # offsets unchanged


def test_a_missing_model_file_is_named():
    with pytest.raises(ValueError, match="no-such.crf"):
        whosaid.Extractor(model="no-such.crf")


def test_rules_only_and_context_follow_the_command():
    text = (SAMPLE / "fraud-trial.txt").read_text(encoding="utf-8")
    ex = whosaid.Extractor(rules_only=True, context=True)
    assert ex.extract(text) == cli_claims("-", "--rules-only", "--context", stdin=text)


def test_to_pandas_has_the_columns_in_order():
    pd = pytest.importorskip("pandas")
    claims = whosaid.extract_many(sample_texts()[:3])
    df = whosaid.to_pandas(claims)
    assert list(df.columns) == whosaid.COLUMNS
    assert len(df) == len(claims)
    assert isinstance(df, pd.DataFrame)
    assert list(whosaid.to_pandas([]).columns) == whosaid.COLUMNS


def test_the_installed_command_runs():
    exe = Path(sys.executable).parent / "whosaid"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("whosaid ")
    out = subprocess.run([sys.executable, "-m", "whosaid", "columns"], capture_output=True, text=True, check=True)
    assert "speaker_resolved" in out.stdout


def test_the_module_docstring_example_runs():
    import doctest

    result = doctest.testmod(whosaid)
    assert result.attempted > 0 and result.failed == 0
