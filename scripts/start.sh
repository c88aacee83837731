#!/usr/bin/env bash
# The main job. Installs what is missing, builds, then
#   with a display:    opens the workstation with the synthetic subjects the build generates in
#                      data-samples/synthetic/ (and ../shared/data-samples/, when present)
#                      imported into your image index;
#   without a display: runs the headless pipeline on the same data and prints the results.
# Extra arguments go to the workstation (with a display) or replace the data folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build_dir="${NBRA_BUILD_DIR:-build}"

# data-samples/ also holds the generator's sources: import only what it generated.
data=(data-samples/synthetic)
if [ -d ../shared/data-samples ]; then data+=(../shared/data-samples); fi

if [ -n "${DISPLAY:-}" ]; then
  exec "$build_dir/viewer/app/nbra" "${data[@]}" "$@"
fi

echo "No display: running the headless pipeline (nbra-cli) on ${data[*]}" >&2
if [ $# -gt 0 ]; then data=("$@"); fi
"$build_dir/cli/nbra-cli" index "${data[@]}"
for example in scoring/schema/examples/*.json; do
  [ -e "$example" ] || continue
  echo "== nbra-cli assess $example" >&2
  "$build_dir/cli/nbra-cli" assess "$example"
done
# The synthetic subjects the build generated (data-samples/README.md): their readings, assessed;
# compare with the "expected" block of each truth.json. Then the SUV of subject 2's baseline PET.
for case in data-samples/synthetic/*/case.json; do
  [ -e "$case" ] || continue
  echo "== nbra-cli assess $case" >&2
  "$build_dir/cli/nbra-cli" assess "$case"
done
if [ -d data-samples/synthetic/NBRA-SYN-002/baseline/PT ]; then
  echo "== nbra-cli suv data-samples/synthetic/NBRA-SYN-002/baseline/PT" >&2
  "$build_dir/cli/nbra-cli" suv data-samples/synthetic/NBRA-SYN-002/baseline/PT
fi
# The whole trial flow on subject 1 through nbra-cli: record, signed reads, assessments, signed
# eligibility and extra-dose decision, PDF report, DICOM SR, audit check (scripts/demo-trial.sh).
if [ -f data-samples/synthetic/NBRA-SYN-001/case.json ]; then
  echo "== scripts/demo-trial.sh (whole trial flow, demo accounts)" >&2
  bash scripts/demo-trial.sh
fi
