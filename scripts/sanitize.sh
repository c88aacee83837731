#!/usr/bin/env bash
# The AddressSanitizer + UndefinedBehaviorSanitizer build (GCC): every library, both front-ends
# and every test, built into build-sanitize/; then every headless test is run (the GUI tests
# are left to the normal build: Qt's and Mesa's own uninstrumented code dominates them). Any
# memory error or undefined behaviour in NBRA's code fails the run. docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
build="${NBRA_SANITIZE_BUILD_DIR:-build-sanitize}"
bash scripts/install-deps.sh >/dev/null
# Warnings are the normal build's job (-Werror there): GCC's -Warray-bounds gives false alarms in
# sanitizer-instrumented code.
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBRA_SANITIZE=ON \
    -DNBRA_BUILD_BENCH=OFF -DNBRA_WERROR=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
built=$(date +%s)
# Leaks are not checked: Qt, fontconfig and DCMTK's dictionaries keep process-lifetime
# allocations that LeakSanitizer reports by the hundred. Everything else halts the test.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -LE gui
echo "scripts/sanitize.sh: built in $((built - started)) s, tested in $(($(date +%s) - built)) s" >&2
