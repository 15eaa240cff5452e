#!/usr/bin/env bash
# The whole test suite of yilian, as CI runs it (.ci/run calls this script).
#
# 1. installs what HiGHS needs to build from source (cmake, a C++ compiler, libclang)
#    from Debian's packages when it is missing;
# 2. checks formatting and lints (clippy, warnings are errors);
# 3. runs every Rust test (unit, integration, doc tests) with HiGHS and microlp, then
#    again with the default features only (microlp), as a user without HiGHS builds it.
#
# HiGHS is compiled once (dev profile, dependencies optimised) and shared by all
# test crates. Set YILIAN_SKIP_LINT=1 to skip fmt and clippy.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v c++ >/dev/null 2>&1 || need+=(g++)
command -v clang >/dev/null 2>&1 || need+=(clang)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need+=(libclang-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "== installing ${need[*]} (needed to build HiGHS)"
    sudo_cmd=()
    [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${YILIAN_SKIP_LINT:-0}" != 1 ]; then
    echo "== cargo fmt --check"
    cargo fmt --all --check
    echo "== cargo clippy (highs + microlp)"
    cargo clippy --workspace --all-targets --features yilian/highs,yilian-cli/highs -- -D warnings
fi

echo "== cargo test (highs + microlp)"
cargo test --workspace --features yilian/highs,yilian-cli/highs

echo "== cargo test (default features: microlp only)"
cargo test --workspace
