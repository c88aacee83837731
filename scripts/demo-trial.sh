#!/usr/bin/env bash
# Runs the trial's whole flow headless on synthetic subject NBRA-SYN-001 (a responder), through
# nbra-cli only: image index, a fresh trial record with one account per role, the subject, its
# timepoints tied to the imaging studies, the reader's reads (the subject's case.json) signed, the
# investigator's INRC assessments, signed imaging eligibility, the eligibility checklist answered
# and signed, enrolment, the NK-cell lot, chemotherapy courses and thaw checks, injections 1-3 at
# the weight-based dose, the signed extra-dose decision, the PDF report, a DICOM SR of the follow-up read, the subject's arm
# and the investigator's unmasked results by arm (JSON, plots, results PDF) and the audit check.
# DEMO ONLY: the accounts get fixed passwords. Usage: scripts/demo-trial.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NBRA_BUILD_DIR:-build}"
case "$build_dir" in /*) ;; *) build_dir="$PWD/$build_dir" ;; esac
cli="$build_dir/cli/nbra-cli"
subject_dir=data-samples/synthetic/NBRA-SYN-001
[ -f "$subject_dir/case.json" ] || { echo "demo-trial: $subject_dir not generated (build first)" >&2; exit 1; }
out="${1:-$(mktemp -d /tmp/nbra-demo-XXXXXX)}"
mkdir -p "$out"
export NBRA_RECORD="$out/trial.sqlite" NBRA_INDEX="$out/index.sqlite"
rm -f "$NBRA_RECORD" "$NBRA_INDEX"
export NBRA_PASSWORD=demo-password NBRA_SIGN_PASSWORD=demo-password NBRA_NEW_PASSWORD=demo-password

step() { echo "== $*" >&2; }
as() { local user=$1; shift; NBRA_USER=$user "$cli" "$@"; }
study_uid() { dcmdump +P StudyInstanceUID "$(ls "$1"/*.dcm | head -n 1)" | sed -E 's/.*\[(.*)\].*/\1/'; }

step "index the subject's images into $NBRA_INDEX"
"$cli" index "$subject_dir" > "$out/index.json"
step "record: accounts (administrator, coordinator, reader, investigator)"
as admin record init --admin admin --name "Ada Admin (demo)" > /dev/null
as admin record user add coord --role coordinator --name "Cora Coordinator (demo)" > /dev/null
as admin record user add reader1 --role reader --name "Dr Rita Reader (demo)" > /dev/null
as admin record user add inv --role investigator --name "Dr Ivan Investigator (demo)" > /dev/null

step "coordinator: subject, weight, baseline timepoint"
as coord record subject add NBRA-SYN-001 --sex F --age-years 6.4 > /dev/null
as coord record weight NBRA-SYN-001 --date 2026-01-12 --weight-kg 19.6 --height-cm 115 > /dev/null
as coord record timepoint add NBRA-SYN-001 --label baseline --kind baseline --date 2026-01-12 \
  --study "$(study_uid "$subject_dir/baseline/CT")" --study "$(study_uid "$subject_dir/baseline/NM")" \
  --index "$NBRA_INDEX" > /dev/null

step "reader: baseline read imported and signed"
as reader1 record read import NBRA-SYN-001 --timepoint baseline "$subject_dir/case.json" --case-timepoint 0 > /dev/null
as reader1 record read sign NBRA-SYN-001 --timepoint baseline > /dev/null

step "investigator: baseline assessment, eligibility signed"
baseline=$(as inv record assess NBRA-SYN-001 --timepoint baseline)
baseline_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["assessmentId"])' <<< "$baseline")
as inv record eligibility NBRA-SYN-001 --eligible yes --reason "criterion 1: MIBG-avid primary >= 10 mm" \
  --assessment "$baseline_id" > "$out/eligibility.json"

step "coordinator + investigator: eligibility checklist answered and signed, enrolment, arm"
# Every item of `nbra-cli record checklist items` but the optional ones (SpO2; cardiac function by
# its shortening fraction), from the screening visit's source documents.
python3 - "$out/checklist-answers.json" <<'PY'
import json, sys
answers = {
    "induction.highRiskResistant": "yes", "induction.cycles": "6",
    "relapse.afterTransplantOrAggressive": "yes", "lifeExpectancy.months": "12",
    "diagnosis.pathology": "yes", "diagnosis.marrowTumourCells": "yes",
    "catecholamines.timesUln": "1.5", "cardiac.sfPercent": "34",
    "pulmonary.dyspnoeaAtRest": "no", "pulmonary.exerciseIntolerance": "no",
    "pulmonary.chronicOxygen": "no", "pulmonary.effusion": "no", "emergencyCondition": "no",
    "disease.marrowOnlyWithoutPathology": "no", "steroids.doseMgPerKgPerDay": "0",
    "steroids.days": "0", "cyp3a4.within7Days": "no", "otherMalignancy": "no",
    "diarrhoea.ctcaeGrade": "0", "significantIllness": "no", "otherTrial": "no",
    "organToxicity.maxCtcaeGrade": "0", "unableToComply": "no", "consent.guardianSigned": "yes",
    "hiv": "no",
}
units = {"induction.cycles": "cycles", "lifeExpectancy.months": "months",
         "catecholamines.timesUln": "x ULN", "cardiac.sfPercent": "%",
         "steroids.doseMgPerKgPerDay": "mg/kg/day", "steroids.days": "days",
         "diarrhoea.ctcaeGrade": "CTCAE grade", "organToxicity.maxCtcaeGrade": "CTCAE grade"}
json.dump({"answers": [dict({"item": k, "answer": v, "date": "2026-01-09",
                             "source": "screening visit source documents (demo)"},
                            **({"unit": units[k]} if k in units else {}))
                       for k, v in answers.items()]}, open(sys.argv[1], "w"), indent=1)
PY
as coord record checklist answers NBRA-SYN-001 --file "$out/checklist-answers.json" > /dev/null
as inv record checklist sign NBRA-SYN-001 --date 2026-01-12 \
  --reason "checklist reviewed against the screening source documents" > "$out/checklist.json"
as coord record enrol NBRA-SYN-001 --date 2026-01-12 --site "Site 01" > /dev/null
as coord record arm set NBRA-SYN-001 --arm NK > /dev/null

step "coordinator: NK-cell lot, courses, thaw checks, injections 1-3 (5 x 10^6 NK cells/kg x 19.6 kg)"
as coord record lot add NK-DEMO-01 --donor DONOR-DEMO-01 --apheresis-date 2025-12-01 \
  --separation-date 2025-12-01 --cryopreserved-date 2025-12-02 --sterility negative \
  --viable-cells 2000000000 --viability 92 --purity 95 --active-phenotype 80 > /dev/null
course_ends=(2026-01-10 2026-02-06 2026-03-02)
dates=(2026-01-20 2026-02-16 2026-03-12)  # each 10 days after its chemotherapy course
for n in 1 2 3; do
  date=${dates[$((n - 1))]}
  as coord record course NBRA-SYN-001 --number "$n" --end-date "${course_ends[$((n - 1))]}" > /dev/null
  as coord record weight NBRA-SYN-001 --date "$date" --weight-kg 19.6 > /dev/null
  as coord record thaw NBRA-SYN-001 --injection "$n" --lot NK-DEMO-01 --date "$date" --viability 91 \
    --viable-cells 100000000 --sterility negative > /dev/null
  as coord record injection NBRA-SYN-001 --number "$n" --date "$date" --cells-given 98000000 > /dev/null
done

step "coordinator + reader: follow-up after injection 3"
as coord record timepoint add NBRA-SYN-001 --label "after injection 3" --kind follow-up --date 2026-03-30 \
  --study "$(study_uid "$subject_dir/after-injection-3/CT")" --study "$(study_uid "$subject_dir/after-injection-3/NM")" \
  --index "$NBRA_INDEX" > /dev/null
as reader1 record read import NBRA-SYN-001 --timepoint "after injection 3" "$subject_dir/case.json" --case-timepoint 1 > /dev/null
as reader1 record read sign NBRA-SYN-001 --timepoint "after injection 3" > /dev/null

step "investigator: follow-up assessment and the signed extra-dose decision"
followup=$(as inv record assess NBRA-SYN-001 --timepoint "after injection 3")
echo "$followup" > "$out/assessment-after-injection-3.json"
followup_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["assessmentId"])' <<< "$followup")
as inv record extra-doses NBRA-SYN-001 --approve yes --reason "partial response confirmed on CT and MIBG" \
  --assessment "$followup_id" > "$out/extra-doses.json"
as inv record report NBRA-SYN-001 --timepoint "after injection 3" --out "$out/report.pdf" > /dev/null
as inv sr export NBRA-SYN-001 --timepoint "after injection 3" --reader reader1 --out "$out/after-injection-3-sr.dcm" > "$out/sr.json" 2>&1 || true
step "investigator: unmasked (reason audited), results by arm with plots and the results PDF"
as inv record unmask --reason "demo: results by arm" > /dev/null
as inv record results --plots "$out/plots" --pdf "$out/results.pdf" > "$out/results.json"
"$cli" audit verify > "$out/audit.json"

python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.getsize(path) else None
a = load("assessment-after-injection-3.json")["assessment"]
response = a["timepoints"][-1].get("response", {})
print(json.dumps({
    "subject": "NBRA-SYN-001",
    "afterInjection3": {k: response[k]["response"] for k in ("overall", "primary", "metastatic", "marrow") if k in response},
    "extraDosesProposed": a["extraDoses"].get("decision"),
    "dose": a.get("dose"),
    "extraDosesSigned": load("extra-doses.json"),
    "report": os.path.join(out, "report.pdf"),
    "sr": load("sr.json"),
    "resultsByArm": {arm["armCode"]: {"subjects": arm["subjects"], "objectiveResponse": arm["objectiveResponse"]}
                     for arm in load("results.json")["arms"]},
    "resultsPdf": os.path.join(out, "results.pdf"),
    "audit": load("audit.json"),
}, indent=2))
PY
