#!/usr/bin/env bash
# The whole test suite of yilian, as CI runs it (.ci/run calls this script).
#
# 1. installs what the solver backends need from Debian's packages when it is missing:
#    cmake, a C++ compiler and libclang to build HiGHS from source, and CBC's library;
# 2. checks formatting and lints (clippy, warnings are errors);
# 3. runs every Rust test (unit, integration, doc tests) with every backend (microlp,
#    HiGHS, CBC, Clarabel), then again with the default features only (microlp), as a
#    user without HiGHS builds it.
#
# HiGHS is compiled once (dev profile, dependencies optimised) and shared by all
# test crates. Set YILIAN_SKIP_LINT=1 to skip fmt and clippy, YILIAN_SKIP_RUST=1 to skip
# the Rust tests (a developer's shortcut to the Python tests and docs; CI runs everything).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v c++ >/dev/null 2>&1 || need+=(g++)
command -v clang >/dev/null 2>&1 || need+=(clang)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need+=(libclang-dev)
[ -e /usr/include/coin/CbcSolver.hpp ] || [ -e /usr/include/coin/Cbc_C_Interface.h ] || need+=(coinor-libcbc-dev)
command -v chromium >/dev/null 2>&1 || need+=(chromium)   # renders the HTML report in a test
if [ ${#need[@]} -gt 0 ]; then
    echo "== installing ${need[*]} (HiGHS and CBC backends, HTML report test)"
    sudo_cmd=()
    [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The HTML report test must run here, not skip.
export YILIAN_REQUIRE_CHROMIUM=1

# Test output is also kept here, to print one total at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Every backend, for the core crate and the CLI.
ALL_BACKENDS="yilian/highs,yilian/coin_cbc,yilian/clarabel,yilian-cli/highs,yilian-cli/coin_cbc,yilian-cli/clarabel"

if [ "${YILIAN_SKIP_LINT:-0}" != 1 ]; then
    echo "== cargo fmt --check"
    cargo fmt --all --check
    echo "== cargo clippy (all backends)"
    cargo clippy --workspace --all-targets --features "$ALL_BACKENDS" -- -D warnings
fi

if [ "${YILIAN_SKIP_RUST:-0}" != 1 ]; then
    echo "== cargo test (all backends: microlp, highs, coin_cbc, clarabel)"
    cargo test --workspace --no-fail-fast --features "$ALL_BACKENDS" 2>&1 | tee -a "$log"

    echo "== cargo test (default features: microlp only)"
    cargo test --workspace --no-fail-fast 2>&1 | tee -a "$log"
fi

# A short fuzzing smoke run of the scenario loader, validator and small solves
# (long runs by hand: see fuzz/README.md). Set YILIAN_SKIP_FUZZ=1 to skip.
if [ "${YILIAN_SKIP_FUZZ:-0}" != 1 ]; then
    echo "== cargo fuzz (30 s smoke run)"
    command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --quiet
    corpus=$(mktemp -d)
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run scenario "$corpus" seeds/scenario -- \
        -max_total_time=30 -max_len=65536 -print_final_stats=1 2>&1 | tail -n 12)
    rm -rf "$corpus"
    # The OR-Library and CSV readers (issue 18), 10 s each.
    for target in orlib csv; do
        corpus=$(mktemp -d)
        (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$corpus" "seeds/$target" -- \
            -max_total_time=10 -max_len=8192 -print_final_stats=1 2>&1 | tail -n 3)
        rm -rf "$corpus"
    done
    # The command line, 10 s, from a scratch directory (it writes its outputs there);
    # built here so that it keeps compiling as the CLI changes (it includes main.rs).
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build cli_args 2>&1 | tail -n 2)
    corpus=$(mktemp -d)
    scratch=$(mktemp -d)
    (cd "$scratch" && "$OLDPWD/fuzz/target/x86_64-unknown-linux-gnu/release/cli_args" "$corpus" \
        "$OLDPWD/fuzz/seeds/cli_args" -max_total_time=10 -max_len=512 -timeout=60 \
        -print_final_stats=1 2>&1 | tail -n 3)
    rm -rf "$corpus" "$scratch"
fi

# One closing line for the whole run: the Rust tests of both feature sets.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "rust: %d passed, %d failed\n", p, f }' "$log"

# Python package (issue 6): build the extension and run pytest. The extension is
# built with `maturin develop` (dev profile, same target/ directory, yilian with
# HiGHS as in the runs above), so HiGHS compiled by the Rust tests is reused, not
# rebuilt. pandas, numpy and pytest come from PyPI into a virtualenv under target/.
# Set YILIAN_SKIP_PYTHON=1 to skip.
if [ "${YILIAN_SKIP_PYTHON:-0}" != 1 ]; then
    echo "== python: virtualenv, maturin develop, pytest"
    py_started=$(date +%s)
    venv="$PWD/target/py-venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    # (matplotlib, nbclient, nbformat and ipykernel run the county notebook; ray, tqdm
    # and pyarrow are the sweep's optional extras, tested here: a real local Ray. Ray's
    # wheel installs in about 20 s on Python 3.11.)
    # (geopandas, shapely and pyproj are the [geo] extra; spopt, with PuLP's CBC, gives the
    # independent answers its tests and the US hospitals notebook compare against; sphinx,
    # myst-nb and furo build the documentation site; mypy and pandas-stubs check the type
    # stub against the built module; highspy reads back the MPS and LP files the models
    # write.)
    "$venv/bin/python" -m pip install -q pandas numpy pytest matplotlib nbclient nbformat ipykernel \
        ray tqdm pyarrow "dask[distributed]" geopandas shapely pyproj spopt sphinx myst-nb furo \
        mypy pandas-stubs highspy
    maturin_cmd=(maturin)
    if ! command -v maturin >/dev/null 2>&1; then
        "$venv/bin/python" -m pip install -q "maturin>=1.5,<2"
        maturin_cmd=("$venv/bin/maturin")
    fi
    # The CLI with HiGHS, for the test that compares its plan with Python's (the
    # default-features run above left a microlp-only binary).
    cargo build -q -p yilian-cli --features yilian-cli/highs
    wheel_started=$(date +%s)
    (cd python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "${maturin_cmd[@]}" develop)
    echo "python: extension built in $(( $(date +%s) - wheel_started )) s"
    # The type stub against the module it describes (issue 19): every class, function,
    # argument and default of python/yilian/_yilian.pyi as the extension has them.
    echo "== python: stubtest yilian._yilian"
    (cd python && "$venv/bin/python" -m mypy.stubtest yilian._yilian)
    pylog=$(mktemp)
    # A missing CLI or notebook tool fails its test instead of skipping it; pytest's exit
    # code (1 on failures, 5 when no test ran) fails the script through set -e
    # and pipefail, and a run with fewer tests than expected fails below.
    YILIAN_CLI="$PWD/target/debug/yilian" YILIAN_REQUIRE_CLI=1 YILIAN_REQUIRE_NOTEBOOK=1 \
        YILIAN_REQUIRE_SWEEP_EXTRAS=1 YILIAN_REQUIRE_GEO=1 YILIAN_NOTEBOOK_OUT="$PWD/target/notebooks" \
        "$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider 2>&1 | tee "$pylog"
    py_passed=$(grep -Eo '[0-9]+ passed' "$pylog" | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
    rm -f "$pylog"
    if [ "$py_passed" -lt 20 ]; then
        echo "python: only $py_passed tests passed (expected at least 20)" >&2
        exit 1
    fi
    # The documentation site (issue 19): Sphinx + myst-nb, warnings as errors, with the
    # notebooks just executed by pytest (not run again) and the crate's rustdoc
    # (RUSTDOCFLAGS=-D warnings). Set YILIAN_SKIP_DOCS=1 to skip.
    if [ "${YILIAN_SKIP_DOCS:-0}" != 1 ]; then
        echo "== docs: cargo doc + sphinx-build -W (scripts/docs.sh)"
        scripts/docs.sh
    fi
    echo "python: $py_passed passed in $(( $(date +%s) - py_started )) s (including the virtualenv)"
fi
