#!/usr/bin/env bash
# Configures (once) and builds NBRA into build/ with every warning an error in our code.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NBRA_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBRA_WERROR=ON
fi
cmake --build "$build_dir" -j "$(nproc)"
