"""The stub's Claim against the column declaration of the Rust crate, the
DataFrame's dtypes, and Python's Ctrl-C handler left alone."""

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import whosaid

STUB = Path(whosaid.__file__).with_name("_whosaid.pyi")

#: The annotation a JSON type gets in the stub.
PY_TYPES = {"string": "str", "integer": "int", "number": "float", "[integer, integer]": "list[int]", "[[integer, integer], ...]": "list[list[int]]"}


def stub() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def claim_fields() -> dict[str, str]:
    [claim] = [n for n in stub().body if isinstance(n, ast.ClassDef) and n.name == "Claim"]
    return {n.target.id: ast.unparse(n.annotation) for n in claim.body if isinstance(n, ast.AnnAssign)}


def literal(name: str) -> list[str]:
    [node] = [n for n in stub().body if isinstance(n, ast.Assign) and n.targets[0].id == name]
    return [e.value for e in node.value.slice.elts]


def test_the_stub_claim_has_the_schema_columns_in_order():
    fields = claim_fields()
    assert list(fields) == [name for name, *_ in whosaid.SCHEMA]
    assert [name for name, *_ in whosaid.SCHEMA][: len(whosaid.COLUMNS)] == whosaid.COLUMNS


def test_the_stub_types_follow_the_schema():
    fields = claim_fields()
    for name, json, nullable, labels in whosaid.SCHEMA:
        got = fields[name]
        if name not in whosaid.COLUMNS:
            assert got.startswith("NotRequired["), name
            continue
        if nullable:
            assert got.startswith("Optional["), name
            got = got[len("Optional[") : -1]
        if name == "kind":
            assert got == "Kind" and literal("Kind") == labels
        elif name == "speaker_type":
            assert got == "SpeakerType" and literal("SpeakerType") == labels
        elif name == "cue_class":
            assert got == "CueClass" and literal("CueClass") == labels
        else:
            assert got == PY_TYPES[json], name


def test_the_columns_added_after_rule():
    names = [name for name, *_ in whosaid.SCHEMA]
    after = names[names.index("rule") + 1 :]
    assert after == ["speaker_title", "speaker_org", "cue_class", "anonymity_reason", "context"]
    types = {name: (json, nullable, labels) for name, json, nullable, labels in whosaid.SCHEMA}
    assert types["cue_class"] == ("string", True, ["speech", "thought", "evidence"])
    for name in ("speaker_title", "speaker_org", "anonymity_reason"):
        assert types[name] == ("string", True, None), name
    assert "document" in types["speaker_type"][2]


def test_to_pandas_takes_claims_set_by_hand_and_older_claims_without_the_columns():
    pd = pytest.importorskip("pandas")
    [claim] = whosaid.extract('"We will appeal," Mayor Ana Pratt told reporters.')
    set_ = dict(claim, speaker_title="Mayor", speaker_org="Corvane", cue_class="speech")
    older = {k: v for k, v in claim.items() if k not in ("speaker_title", "speaker_org", "cue_class", "anonymity_reason")}
    df = whosaid.to_pandas([set_, older])
    assert df["cue_class"].iloc[0] == "speech" and pd.isna(df["cue_class"].iloc[1])
    assert df["speaker_org"].iloc[0] == "Corvane" and pd.isna(df["speaker_org"].iloc[1])
    assert list(df.columns) == whosaid.COLUMNS


def test_claims_carry_the_stub_keys():
    claims = whosaid.Extractor(context=True).extract('"We will appeal," Mayor Ana Pratt told reporters.')
    assert claims and all(list(c) == list(claim_fields()) for c in claims)


def test_to_pandas_dtypes():
    pd = pytest.importorskip("pandas")
    text = '"We will appeal," Mayor Ana Pratt told reporters. Rates will rise, officials said.'
    claims = whosaid.extract_many([("a", text)])
    for df in (whosaid.to_pandas(claims), whosaid.to_pandas([])):
        assert df["kind"].dtype == pd.CategoricalDtype(["direct", "mixed", "indirect"])
        assert isinstance(df["speaker_type"].dtype, pd.CategoricalDtype)
        assert "document" in df["speaker_type"].cat.categories
        assert df["cue_class"].dtype == pd.CategoricalDtype(["speech", "thought", "evidence"])
        for col in ("speaker_title", "speaker_org", "anonymity_reason"):
            assert df[col].dtype == "string", col
        assert "model" in df["rule"].cat.categories
        assert df["claim_id"].dtype == "Int64" and df["sentence"].dtype == "Int64"
        assert df["quote"].dtype == "string" and df["speaker"].dtype == "string"
        assert df["confidence"].dtype == "float64"
    split = whosaid.to_pandas(claims + [dict(claims[0], speaker_span=None, speaker=None)], split_spans=True)
    assert "speaker_span" not in split and "cue_span" not in split
    i = list(split.columns).index("speaker_start")
    assert list(split.columns)[i : i + 2] == ["speaker_start", "speaker_end"]
    assert split["speaker_start"].dtype == "Int64"
    assert split["speaker_start"].isna().iloc[-1]
    assert split["speaker_end"].iloc[0] == claims[0]["speaker_span"][1]


def test_importing_and_running_keeps_pythons_ctrl_c():
    # In a child: if the command's handler were installed, SIGINT would end
    # the process with 130 instead of raising KeyboardInterrupt.
    script = textwrap.dedent(
        """
        import os, signal, time
        # Python's own handler, whatever this process inherited (a job
        # started in the background has SIGINT ignored, and Python then
        # installs none).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        before = signal.getsignal(signal.SIGINT)
        import whosaid
        whosaid.extract('"We will win," Jane Roe said.')
        whosaid._whosaid.cli(["whosaid", "columns"])
        assert signal.getsignal(signal.SIGINT) is before
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            print("python kept its handler")
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "python kept its handler" in run.stdout


def test_the_spark_examples_schema_follows_the_schema():
    T = pytest.importorskip("pyspark.sql.types")
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "examples" / "spark_claims.py"
    spec = importlib.util.spec_from_file_location("spark_claims", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    span = T.ArrayType(T.LongType())
    spark = {"string": T.StringType(), "integer": T.LongType(), "number": T.DoubleType(), "[integer, integer]": span, "[[integer, integer], ...]": T.ArrayType(span)}
    want = [(name, spark[json]) for name, json, _, _ in whosaid.SCHEMA if name in whosaid.COLUMNS]
    assert [(f.name, f.dataType) for f in example.CLAIMS_SCHEMA.fields] == want
