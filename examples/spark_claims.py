"""Who said what across a corpus with Spark: a DataFrame of articles in, a
DataFrame of claims out (one row a claim, the columns of
`whosaid extract --format jsonl`).

    spark-submit --master 'local[4]' examples/spark_claims.py articles.jsonl claims.parquet
    spark-submit --master yarn examples/spark_claims.py s3://bucket/articles/ s3://bucket/claims/ \\
        --format parquet --id-col uid --text-col body

Two ways to run whosaid inside the job:

- the Python module (`pip install whosaid` on every executor; the
  default): each Python worker loads the extractor once and runs it in
  `mapInArrow` on one thread per task, Arrow batches in and out;
- `--pipe BIN`: only the whosaid binary is installed on the executors;
  each partition's rows go to `BIN extract -` as JSONL on standard input
  and its JSONL output comes back (`RDD.pipe`).

Both give the same claims as one run of the command over the same articles.
Input: JSONL (one article a line) or Parquet, with an id column and a text
column. Output: Parquet (a directory, as Spark writes it).
"""

from __future__ import annotations

import argparse
import sys
from typing import Iterator

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

_SPAN = T.ArrayType(T.LongType())

#: The claims' schema: the JSONL fields, in order, with Spark types (written
#: out, so that `--pipe` needs no whosaid module on the driver; a test holds
#: it to whosaid.SCHEMA).
CLAIMS_SCHEMA = T.StructType(
    [
        T.StructField("doc_id", T.StringType()),
        T.StructField("claim_id", T.LongType()),
        T.StructField("kind", T.StringType()),
        T.StructField("quote", T.StringType()),
        T.StructField("content_spans", T.ArrayType(_SPAN)),
        T.StructField("speaker", T.StringType()),
        T.StructField("speaker_span", _SPAN),
        T.StructField("speaker_resolved", T.StringType()),
        T.StructField("speaker_type", T.StringType()),
        T.StructField("cue", T.StringType()),
        T.StructField("cue_span", _SPAN),
        T.StructField("addressee", T.StringType()),
        T.StructField("channel", T.StringType()),
        T.StructField("via", T.StringType()),
        T.StructField("paragraph", T.LongType()),
        T.StructField("sentence", T.LongType()),
        T.StructField("confidence", T.DoubleType()),
        T.StructField("rule", T.StringType()),
        T.StructField("speaker_title", T.StringType()),
        T.StructField("speaker_org", T.StringType()),
        T.StructField("cue_class", T.StringType()),
        T.StructField("anonymity_reason", T.StringType()),
    ]
)

# One extractor per Python worker process (Spark reuses workers across
# tasks), so the model is loaded at most once per partition.
_EXTRACTOR = None


def _articles(df: DataFrame, id_col: str, text_col: str) -> DataFrame:
    missing = [c for c in (id_col, text_col) if c not in df.columns]
    if missing:
        raise ValueError(f"the articles have no column {missing[0]!r} (columns: {', '.join(df.columns)})")
    return df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"))


def _claims_of_batches(batches: Iterator) -> Iterator:
    """mapInArrow's function: Arrow batches of (id, text) in, Arrow batches
    of claims out."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_schema

    import whosaid

    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = whosaid.Extractor()
    schema = to_arrow_schema(CLAIMS_SCHEMA)
    for batch in batches:
        ids = batch.column("id").to_pylist()
        texts = batch.column("text").to_pylist()
        for i, (doc_id, text) in enumerate(zip(ids, texts)):
            if text is None:
                raise ValueError(f"article {doc_id if doc_id is not None else i}: its text is null")
        # One thread: the task owns one core.
        claims = _EXTRACTOR.extract_many(zip(ids, texts), jobs=1)
        yield pa.RecordBatch.from_pylist(claims, schema=schema)


def claims(df: DataFrame, id_col: str = "id", text_col: str = "text") -> DataFrame:
    """The claims of a DataFrame of articles, with the Python module."""
    return _articles(df, id_col, text_col).mapInArrow(_claims_of_batches, CLAIMS_SCHEMA)


def claims_by_pipe(df: DataFrame, whosaid_bin: str = "whosaid", id_col: str = "id", text_col: str = "text") -> DataFrame:
    """The claims of a DataFrame of articles, by piping each partition
    through the whosaid binary (installed on every executor). A record the
    binary cannot read fails the task, with the record named in its log."""
    spark = df.sparkSession
    jsonl = _articles(df, id_col, text_col).toJSON()
    command = f"{whosaid_bin} extract - --input-format jsonl --format jsonl -j 1 -q --on-error fail"
    out = jsonl.pipe(command, checkCode=True)
    return spark.read.schema(CLAIMS_SCHEMA).json(out)


def read_articles(spark: SparkSession, path: str, fmt: str) -> DataFrame:
    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") else "json"
    if fmt == "parquet":
        return spark.read.parquet(path)
    return spark.read.json(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Claims from a corpus of articles, with Spark and whosaid.")
    p.add_argument("input", help="articles: JSONL (one a line) or Parquet, a file or a directory")
    p.add_argument("output", help="claims: a Parquet directory (must not exist)")
    p.add_argument("--format", choices=["auto", "json", "parquet"], default="auto", help="the input's format (auto: by its name)")
    p.add_argument("--id-col", default="id", help="the articles' id column (default: id)")
    p.add_argument("--text-col", default="text", help="the articles' text column (default: text)")
    p.add_argument("--pipe", metavar="BIN", help="pipe through this whosaid binary instead of the Python module")
    p.add_argument("--partitions", type=int, help="repartition the articles first (default: as read)")
    a = p.parse_args(argv)

    spark = SparkSession.builder.appName("whosaid-claims").getOrCreate()
    df = read_articles(spark, a.input, a.format)
    if a.partitions:
        df = df.repartition(a.partitions)
    out = claims_by_pipe(df, a.pipe, a.id_col, a.text_col) if a.pipe else claims(df, a.id_col, a.text_col)
    out.write.parquet(a.output)
    written = spark.read.parquet(a.output).count()
    print(f"{written} claims written to {a.output}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
