//! Output formats: every format carries the same cells as the CSV; a
//! workbook is a real one (a header row, every cell text, one row a
//! claim); control characters are handled the same way everywhere; an
//! unknown format is an error naming the known ones.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::process::Output;

fn run(args: &[&str], input: Option<&[u8]>) -> Output {
    super::run_with_input(args, input.unwrap_or_default())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The rows of a CSV or TSV file, header first.
fn table(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn sample() -> String {
    super::root()
        .join("corpora/sample")
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_format_holds_the_same_claims() {
    let d = tempfile::tempdir().unwrap();
    let path = |name: &str| d.path().join(name).to_str().unwrap().to_string();
    for name in ["c.csv", "c.tsv", "c.json", "c.jsonl", "c.xlsx"] {
        let o = run(
            &[
                "extract",
                &sample(),
                "-o",
                &path(name),
                "-q",
                "--keep",
                "source",
            ],
            None,
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    }
    let csv = table(&std::fs::read(path("c.csv")).unwrap(), b',');
    assert!(csv.len() > 100, "{} rows", csv.len());
    assert_eq!(csv[0].last().unwrap(), "source");
    let tsv = table(&std::fs::read(path("c.tsv")).unwrap(), b'\t');
    assert_eq!(tsv, csv, "TSV and CSV hold the same cells");

    let array: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(path("c.json")).unwrap()).unwrap();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(path("c.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(array, lines, "a JSON array of the JSONL records");
    assert_eq!(array.len(), csv.len() - 1);

    let mut book: Xlsx<_> = open_workbook(path("c.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["claims"]);
    let range = book.worksheet_range("claims").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect();
    // The same cells, except that the CSV guards formula-like cells.
    let unguarded: Vec<Vec<String>> = csv
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
                    _ => c.clone(),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows, unguarded, "the workbook holds the CSV's cells");
}

#[test]
fn control_characters_are_replaced_in_every_format() {
    let text = b"The mayor said the \x1b[31mbudget was final\x07 and \"the vote\x0b counts.\"\n";
    let mut quotes = Vec::new();
    for format in ["jsonl", "csv"] {
        let o = run(&["extract", "-", "--format", format], Some(text));
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("control characters replaced by U+FFFD"),
            "{}",
            stderr(&o)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(!out.contains('\x1b') && !out.contains("\\u001b"), "{out}");
        assert!(out.contains("\u{fffd}[31mbudget"), "{out}");
        quotes.push(out.matches('\u{fffd}').count());
    }
    assert_eq!(quotes[0], quotes[1]);
    let d = tempfile::tempdir().unwrap();
    let x = d.path().join("c.xlsx");
    let o = run(&["extract", "-", "-o", x.to_str().unwrap()], Some(text));
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book: Xlsx<_> = open_workbook(&x).unwrap();
    let range = book.worksheet_range("claims").unwrap();
    let cells: String = range
        .rows()
        .skip(1)
        .flatten()
        .map(|c| c.to_string())
        .collect();
    assert!(cells.contains("\u{fffd}[31mbudget"), "{cells}");
}

#[test]
fn unknown_formats_and_misplaced_options_are_errors() {
    let d = tempfile::tempdir().unwrap();
    for name in ["c.pq", "c.txt", "claims"] {
        let p = d.path().join(name);
        let o = run(&["extract", &sample(), "-o", p.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(".csv") && stderr(&o).contains(".xlsx"),
            "{}",
            stderr(&o)
        );
        assert!(!p.exists(), "{name} was written");
    }
    let o = run(&["extract", &sample(), "--bom"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // --format wins over the extension.
    let p = d.path().join("claims.out");
    let o = run(
        &[
            "extract",
            &sample(),
            "-o",
            p.to_str().unwrap(),
            "--format",
            "csv",
            "-q",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .starts_with("doc_id,claim_id")
    );
}

#[test]
fn bom_starts_a_csv_for_excel() {
    let o = run(
        &["extract", &sample(), "--format", "csv", "--bom", "-q"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with("\u{feff}doc_id,".as_bytes()));
}

#[test]
fn context_holds_the_sentences_of_each_claim() {
    let text = b"The vote was close. \"We will not close the library,\" Mayor Ada Stone said on Monday. Critics disagreed.\n\nThe council, she added, would meet again.\n";
    let o = run(&["extract", "-", "--context", "-q"], Some(text));
    assert!(o.status.success(), "{}", stderr(&o));
    let recs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!recs.is_empty());
    for r in &recs {
        let context = r["context"].as_str().unwrap();
        for part in r["quote"].as_str().unwrap().split(" … ") {
            assert!(context.contains(part), "{r}");
        }
        assert!(context.contains(r["speaker"].as_str().unwrap()), "{r}");
    }
    assert_eq!(
        recs[0]["context"],
        "\"We will not close the library,\" Mayor Ada Stone said on Monday."
    );
    let o = run(
        &["extract", "-", "--context", "--format", "csv", "-q"],
        Some(text),
    );
    let rows = table(&o.stdout, b',');
    let col = rows[0].iter().position(|c| c == "context").unwrap();
    // After the fields every claim has, the last of them anonymity_reason.
    let last = rows[0]
        .iter()
        .position(|c| c == "anonymity_reason")
        .unwrap();
    assert_eq!(col, last + 1);
    assert_eq!(rows[1][col], recs[0]["context"].as_str().unwrap());
    // Without --context, no such field.
    let o = run(&["extract", "-", "-q"], Some(text));
    assert!(!String::from_utf8(o.stdout).unwrap().contains("\"context\""));
}

/// Parquet (the `parquet` feature): typed columns holding the JSONL's
/// values, read back with the parquet crate.
#[cfg(feature = "parquet")]
#[test]
fn parquet_holds_the_jsonl_values_in_typed_columns() {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, Int64Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let d = tempfile::tempdir().unwrap();
    let (pq, jl) = (d.path().join("c.parquet"), d.path().join("c.jsonl"));
    for p in [&pq, &jl] {
        let o = run(
            &[
                "extract",
                &sample(),
                "-o",
                p.to_str().unwrap(),
                "-q",
                "--keep",
                "source",
            ],
            None,
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&pq).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut row = 0;
    for batch in reader {
        let b = batch.unwrap();
        let col = |name: &str| b.column_by_name(name).unwrap_or_else(|| panic!("{name}"));
        let doc = col("doc_id").as_string::<i32>();
        let claim = col("claim_id").as_primitive::<Int64Type>();
        let conf = col("confidence").as_primitive::<Float32Type>();
        let spans = col("content_spans").as_list::<i32>();
        let speaker = col("speaker_span").as_list::<i32>();
        let source = col("source").as_string::<i32>();
        for i in 0..b.num_rows() {
            let want = &lines[row];
            assert_eq!(doc.value(i), want["doc_id"]);
            assert_eq!(claim.value(i), want["claim_id"].as_i64().unwrap());
            assert_eq!(conf.value(i), want["confidence"].as_f64().unwrap() as f32);
            assert_eq!(source.value(i), want["source"]);
            let parts = spans.value(i);
            let parts = parts.as_list::<i32>();
            let got: Vec<Vec<i64>> = (0..parts.len())
                .map(|k| {
                    let p = parts.value(k);
                    p.as_primitive::<Int64Type>().values().to_vec()
                })
                .collect();
            let expect: Vec<Vec<i64>> =
                serde_json::from_value(want["content_spans"].clone()).unwrap();
            assert_eq!(got, expect, "row {row}");
            assert_eq!(
                speaker.is_null(i),
                want["speaker_span"].is_null(),
                "row {row}"
            );
            row += 1;
        }
    }
    assert_eq!(row, lines.len());
}

/// Without the feature, asking for Parquet says how to get it.
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_enable_it() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("c.parquet");
    let o = run(&["extract", &sample(), "-o", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--features parquet"), "{}", stderr(&o));
    assert!(!p.exists());
}
