#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration, GUI offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/install-deps.sh
bash scripts/build.sh
build_dir="${NBRA_BUILD_DIR:-build}"
if [ ! -d ../shared/data-samples ]; then
  echo "NOTE: ../shared/data-samples is absent: real-data tests will be reported as skipped." >&2
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
# The same code under AddressSanitizer + UndefinedBehaviorSanitizer (every headless test), then
# each libFuzzer harness once over its seeds: docs/robustness.md.
bash scripts/sanitize.sh
bash scripts/fuzz.sh --replay
echo "scripts/test.sh: done in $(( $(date +%s) - started )) s" >&2
