#!/usr/bin/env bash
# The Python package's and the Spark example's tests: makes a venv
# (target/py-venv, kept between runs), installs pytest, pandas, pyarrow and
# pyspark into it, builds and installs the package from this clone
# (`pip install .`), then runs python/tests against the cargo-built
# binary when there is one. Spark needs Java 17 or newer on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    echo "python/test.sh: making $venv with $($python --version)"
    "$python" -m venv "$venv"
fi
if ! java -version >/dev/null 2>&1; then
    echo "python/test.sh: the Spark test needs Java (17 or newer) on PATH" >&2
    exit 2
fi
echo "python/test.sh: installing pytest, pandas, pyarrow, pyspark"
"$venv/bin/pip" install --quiet --disable-pip-version-check pytest pandas pyarrow pyspark
echo "python/test.sh: building and installing the package (pip install .)"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps .
if [ -x target/release/whosaid ]; then
    export WHOSAID_BIN=$PWD/target/release/whosaid
fi
echo "python/test.sh: pytest python/tests (compared with ${WHOSAID_BIN:-the installed whosaid command})"
"$venv/bin/python" -m pytest -q python/tests "$@"
