#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan, tests/fuzz) into build-fuzz/ and runs each
# for a given time, one at a time, from a seed corpus of real and hostile DICOM and JSON.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS ...]     default: 600 s each, every harness
#   scripts/fuzz.sh --replay                    each harness once over its seeds and kept corpus
#
# Corpora grow in build-fuzz/corpus/<harness>/; a crash, leak-free OOM or timeout is written to
# build-fuzz/findings/<harness>/ and makes the script exit 1. Prints one line per harness:
# executions, coverage (libFuzzer's cov: edges), corpus size, findings. docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="${NBRA_FUZZ_BUILD_DIR:-build-fuzz}"
shared="$root/../shared"

replay=0
seconds=600
if [ "${1:-}" = "--replay" ]; then
  replay=1
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
all=(fuzz_structure fuzz_header fuzz_volume_file fuzz_volume_folder fuzz_nm_views fuzz_suv
     fuzz_sr_import fuzz_deid fuzz_trial_key fuzz_case_json fuzz_marks_json fuzz_multipart
     fuzz_qido_json fuzz_nodes_json fuzz_results_json fuzz_checklist_answers
     fuzz_comparison_json fuzz_draft_journal)
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
  if [[ ! " ${all[*]} " =~ " $h " ]]; then
    echo "fuzz.sh: unknown harness '$h'; one of: ${all[*]}" >&2
    exit 2
  fi
done

bash scripts/install-deps.sh >/dev/null
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNBRA_FUZZ=ON -DNBRA_BUILD_BENCH=OFF -DNBRA_WERROR=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target fuzzers

# Seeds: small real files (at most 512 KiB, so mutations stay fast), every hostile input, the
# synthetic subjects' DICOM, and the JSON examples of the repository.
dicom_seeds() {
  for dir in "$shared/data-samples" "$shared/hostile-inputs" "$root/data-samples/synthetic"; do
    [ -d "$dir" ] && find "$dir" -type f -size -512k ! -name '*.md' ! -name '*.json' \
      ! -name '*.txt' ! -name '*.csv' ! -name '*.py' | sort | awk 'NR % 3 == 1'
  done
}
json_seeds() {
  find "$root/scoring/schema/examples" "$root/data-samples/synthetic" "$root/tests/records/data" \
    -name '*.json' -size -512k 2>/dev/null | sort
}
seed_corpus() {
  local harness=$1 corpus=$2
  mkdir -p "$corpus"
  # Named by content, so seeding again adds nothing twice and keeps what fuzzing found.
  case $harness in
    fuzz_case_json) json_seeds | grep -v truth.json ;;
    fuzz_marks_json) ls "$root"/tests/fuzz/seeds/marks/*.json ;;
    fuzz_sr_import) ls "$root"/tests/fuzz/seeds/sr/*.dcm; dicom_seeds ;;
    fuzz_trial_key) ls "$root"/tests/fuzz/seeds/keys/* ;;
    fuzz_multipart) ls "$root"/tests/fuzz/seeds/multipart/* ;;
    fuzz_qido_json) ls "$root"/tests/fuzz/seeds/qido/* ;;
    fuzz_nodes_json) ls "$root"/tests/fuzz/seeds/nodes/* ;;
    fuzz_results_json) ls "$root"/tests/fuzz/seeds/results/* ;;
    fuzz_checklist_answers) ls "$root"/tests/fuzz/seeds/checklist/* ;;
    fuzz_comparison_json) ls "$root"/tests/fuzz/seeds/comparison/* ;;
    fuzz_draft_journal) ls "$root"/tests/fuzz/seeds/journal/* ;;
    *) ls "$root"/tests/fuzz/seeds/findings/*; dicom_seeds ;;  # past findings replayed first
  esac | while read -r f; do cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-16)"; done
}

failed=0
printf '%-20s %12s %8s %8s %9s %s\n' harness executions cov corpus findings seconds
for h in "${harnesses[@]}"; do
  corpus="$build/corpus/$h"
  findings="$build/findings/$h"
  log="$build/findings/$h.log"
  # Findings are this run's: a fixed one lives on as a seed (tests/fuzz/seeds/findings).
  rm -rf "$findings"
  mkdir -p "$findings"
  seed_corpus "$h" "$corpus"
  started=$(date +%s)
  # One process at a time (the machine has 2 cores); 2 GiB RSS and 20 s per input are the
  # resource policy's limits with room, so an input that needs more is a finding.
  args=(-rss_limit_mb=2048 -timeout=20 -max_len=1048576 -artifact_prefix="$findings/"
        -print_final_stats=1)
  if [ $replay -eq 1 ]; then
    args+=(-runs=0)
  else
    args+=(-max_total_time="$seconds")
  fi
  set +e
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$h" "${args[@]}" "$corpus" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  size=$(ls "$corpus" | wc -l)
  found=$(ls "$findings" | wc -l)
  printf '%-20s %12s %8s %8s %9s %s\n' "$h" "${runs:-0}" "${cov:-0}" "$size" "$found" \
    "$(($(date +%s) - started))"
  if [ $rc -ne 0 ] || [ "$found" -ne 0 ]; then
    echo "  FINDING: see $log and $findings/" >&2
    failed=1
  fi
done
exit $failed
