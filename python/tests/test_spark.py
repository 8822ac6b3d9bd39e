"""examples/spark_claims.py under spark-submit in local mode, both ways
(the Python module, and piping through the binary), against one run of
the command over the same articles. Needs pyspark and Java; CI installs
both, and there this test runs, never skips."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

if not os.environ.get("CI"):
    pytest.importorskip("pyspark")
import pyarrow.parquet as pq

from test_whosaid import SAMPLE, cli_claims, command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "spark_claims.py"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spark") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for p in sorted(SAMPLE.glob("*.txt")):
            f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
    return path


def spark_submit(*args: str) -> None:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    submit = Path(sys.executable).parent / "spark-submit"
    run = subprocess.run(
        [str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false", str(EXAMPLE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]


def key(c: dict) -> tuple:
    return (c["doc_id"], c["claim_id"])


@pytest.mark.parametrize("mode", ["module", "pipe"])
def test_the_spark_example_gives_the_commands_claims(articles, tmp_path, mode):
    out = tmp_path / "claims.parquet"
    extra = ["--pipe", command()] if mode == "pipe" else []
    spark_submit(str(articles), str(out), "--partitions", "2", *extra)
    got = sorted(pq.read_table(out).to_pylist(), key=key)
    expected = sorted(cli_claims(str(articles)), key=key)
    assert len(got) == len(expected) > 100
    assert got == expected
