#!/usr/bin/env bash
# Runs scripts/demo-trial.sh (the main job's headless trial flow) and checks what it printed
# against the responder's ground truth (data-samples/synthetic/NBRA-SYN-001/truth.json).
set -euo pipefail
repo=$1 build=$2
truth="$repo/data-samples/synthetic/NBRA-SYN-001/truth.json"
if [ ! -f "$truth" ]; then
  echo "SKIPPED: synthetic subject not generated ($truth absent)"; exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
NBRA_BUILD_DIR="$build" bash "$repo/scripts/demo-trial.sh" "$out/run" > "$out/summary.json"
python3 - "$out/summary.json" "$truth" "$out/run/report.pdf" <<'PY'
import json, subprocess, sys
summary, truth = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
expected = next(r for r in truth["expected"]["responses"] if r["timepoint"] == "after-injection-3")
problems = []
for part in ("overall", "primary", "metastatic", "marrow"):
    if summary["afterInjection3"].get(part) != expected[part]:
        problems.append(f"{part}: {summary['afterInjection3'].get(part)} != truth {expected[part]}")
if summary["extraDosesProposed"] != truth["expected"]["extraDoses"]:
    problems.append(f"extra doses proposed {summary['extraDosesProposed']} != {truth['expected']['extraDoses']}")
if summary["dose"]["cellsPerInjection"] != round(5e6 * truth["weightKg"]):
    problems.append(f"dose {summary['dose']['cellsPerInjection']}")
if not (summary["extraDosesSigned"].get("signed") and summary["extraDosesSigned"].get("decision") == "approved"):
    problems.append(f"extra-dose decision not signed: {summary['extraDosesSigned']}")
if not summary["audit"]["audit"]["intact"]:
    problems.append("audit chain not intact")
if not summary["sr"] or summary["sr"].get("response", {}).get("overall") != expected["overall"]:
    problems.append(f"SR export: {summary['sr']}")
text = subprocess.run(["pdftotext", sys.argv[3], "-"], capture_output=True, text=True).stdout
if "extra doses approved" not in text:
    problems.append("the PDF report does not state the signed extra-dose approval")
print("\n".join(problems) if problems else "demo trial flow matches the ground truth")
sys.exit(1 if problems else 0)
PY
