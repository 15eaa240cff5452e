#!/usr/bin/env bash
# The documentation site, warnings as errors: target/docs/html/index.html.
#
# Sphinx + myst-nb renders the Markdown of docs/ (user guide, formulations, scenario format),
# the Python API reference from the installed package's docstrings (autodoc) and the
# notebooks of examples/notebooks with the outputs of the test run that executed them
# (scripts/test.sh sets YILIAN_NOTEBOOK_OUT=target/notebooks for pytest; nothing is executed
# twice). Without those executed copies this script runs the notebook tests first. The
# crate's rustdoc (cargo doc, RUSTDOCFLAGS=-D warnings) is copied in as rust/.
#
# Needs the virtualenv of scripts/test.sh with the package built (maturin develop);
# installs sphinx, myst-nb and furo into it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/target/py-venv"
py="$venv/bin/python"
started=$(date +%s)

"$py" -c "import sphinx, myst_nb, furo" 2>/dev/null ||
    "$py" -m pip install -q "sphinx>=7" "myst-nb>=1" furo

executed="$PWD/target/notebooks"
missing=0
for nb in examples/notebooks/*.ipynb; do
    [ -e "$executed/$(basename "$nb")" ] && [ "$executed/$(basename "$nb")" -nt "$nb" ] || missing=1
done
if [ "$missing" = 1 ]; then
    echo "docs: executing the notebooks (no executed copies in target/notebooks)"
    YILIAN_NOTEBOOK_OUT="$executed" YILIAN_CLI="$PWD/target/debug/yilian" \
        "$py" -m pytest -q -p no:cacheprovider python/tests/test_notebooks.py
fi

echo "== cargo doc (yilian, warnings as errors)"
RUSTDOCFLAGS="-D warnings" cargo doc -q -p yilian --no-deps --features yilian/highs

echo "== sphinx-build (warnings as errors)"
src="$PWD/target/docs/src"
out="$PWD/target/docs/html"
rm -rf "$src" "$out"
mkdir -p "$src/notebooks"
cp -r docs/. "$src/"
cp "$executed"/*.ipynb "$src/notebooks/"
"$py" -m sphinx -W --keep-going -q -b html "$src" "$out"
cp -r target/doc "$out/rust"
echo "docs: target/docs/html/index.html in $(( $(date +%s) - started )) s"
