// Trial rules: eligibility, extra injections 4-5 and dose (clinical-rules.md 8, Q17, Q18).
#include <gtest/gtest.h>

#include "scoring/trial/Dose.h"
#include "scoring/trial/Eligibility.h"
#include "scoring/trial/ExtraDoses.h"
#include "tests/scoring/CaseBuilder.h"

namespace nbra::scoring {
namespace {

using namespace nbra::scoring::testing;

struct EligibilityRow {
  const char* rule;
  std::vector<Lesion> lesions;
  std::optional<int> skeletal;
  int fdgBone;
  std::optional<double> marrowPercent;
  bool pathology;
  Settings settings;
  bool criterion1;
  bool criterion2;
  bool excluded;
  bool eligible;
};

Lesion fdgAvid(Lesion l) {
  l.fdgAvid = true;
  return l;
}

Settings notCoLocalised() {
  Settings s;
  s.eligibilityRequiresCoLocalisedUptake = false;
  return s;
}

Settings recistNodes() {
  Settings s;
  s.eligibilityNodeSize = EligibilityNodeSize::RecistShortAxisFifteenMm;
  return s;
}

Settings boneOnlyCounts() {
  Settings s;
  s.eligibilityBoneOnlyMibgCounts = true;
  return s;
}

TEST(Eligibility, CriteriaAndExclusion) {
  const Settings d;
  const EligibilityRow rows[] = {
      {"8 criterion 1: MIBG-avid lesion of exactly 10.0 mm",
       {avid(lesion("L", "liver", 10.0))},
       3,
       0,
       {},
       false,
       d,
       true,
       false,
       false,
       true},
      {"8 criterion 1: MIBG-avid lesion of 9.9 mm is too small",
       {avid(lesion("L", "liver", 9.9))},
       3,
       0,
       {},
       false,
       d,
       false,
       false,
       false,
       false},
      {"Q17 co-localisation (default): the 10 mm lesion itself must be avid",
       {lesion("A", "liver", 15.0), avid(lesion("B", "lung", 6.0))},
       3,
       0,
       {},
       false,
       d,
       false,
       false,
       false,
       false},
      {"Q17 co-localisation off: any MIBG uptake plus a 10 mm lesion",
       {lesion("A", "liver", 15.0), avid(lesion("B", "lung", 6.0))},
       3,
       0,
       {},
       false,
       notCoLocalised(),
       true,
       false,
       false,
       true},
      {"Q17 node, trial text (default): 12 mm in one dimension counts",
       {avid(node("N", 12.0, 8.0))},
       0,
       0,
       {},
       false,
       d,
       true,
       false,
       false,
       true},
      {"Q17 node, RECIST setting: short axis 14.9 mm does not count",
       {avid(node("N", 20.0, 14.9))},
       0,
       0,
       {},
       false,
       recistNodes(),
       false,
       false,
       false,
       false},
      {"Q17 node, RECIST setting: short axis 15.0 mm counts",
       {avid(node("N", 20.0, 15.0))},
       0,
       0,
       {},
       false,
       recistNodes(),
       true,
       false,
       false,
       true},
      {"Q17 bone-only MIBG disease: not criterion 1 by default",
       {},
       6,
       0,
       {},
       false,
       d,
       false,
       false,
       false,
       false},
      {"Q17 bone-only MIBG disease: counts by setting",
       {},
       6,
       0,
       {},
       false,
       boneOnlyCounts(),
       true,
       false,
       false,
       true},
      {"8 criterion 2: FDG-avid bone lesions", {}, 0, 2, {}, false, d, false, true, false, true},
      {"8 criterion 2: FDG-avid soft-tissue lesion",
       {fdgAvid(lesion("L", "liver", 8.0))},
       0,
       0,
       {},
       false,
       d,
       false,
       true,
       false,
       true},
      {"8 exclusion: marrow-only disease without pathology",
       {},
       0,
       0,
       30.0,
       false,
       d,
       false,
       false,
       true,
       false},
      {"8 exclusion does not apply with pathology (but no imaging criterion is met)",
       {},
       0,
       0,
       30.0,
       true,
       d,
       false,
       false,
       false,
       false},
      {"8 marrow plus an eligible lesion is not marrow-only",
       {avid(lesion("L", "liver", 20.0))},
       3,
       0,
       30.0,
       false,
       d,
       true,
       false,
       false,
       true},
  };
  for (const EligibilityRow& row : rows) {
    SCOPED_TRACE(row.rule);
    Timepoint baseline = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
    baseline.lesions = row.lesions;
    if (row.fdgBone > 0 || std::any_of(row.lesions.begin(), row.lesions.end(),
                                       [](const Lesion& l) { return l.fdgAvid; })) {
      baseline.fdgPet = FdgPetReading{row.fdgBone, 0, false};
    }
    if (row.marrowPercent) {
      baseline.marrow = marrow(*row.marrowPercent);
      baseline.marrow->pathologyConfirmed = row.pathology;
    }
    const EligibilityResult r =
        assessEligibility(baseline, row.skeletal, row.skeletal, row.settings);
    EXPECT_EQ(r.criterion1, row.criterion1);
    EXPECT_EQ(r.criterion2, row.criterion2);
    EXPECT_EQ(r.marrowOnlyWithoutPathology, row.excluded);
    EXPECT_EQ(r.eligible, row.eligible);
    EXPECT_FALSE(r.reasons.empty());
  }
}

ExtraDoseInputs after3rd(Response overall, bool ct, bool mibg) {
  ExtraDoseInputs in;
  in.timepointIndex = 2;
  in.timepointLabel = "after injection 3";
  in.overall = overall;
  in.anatomicDone = true;
  in.anatomicConfirms = ct;
  in.anatomicDetail = "lesions 40 % smaller";
  in.functionalDone = true;
  in.functionalConfirms = mibg;
  in.functionalDetail = "Curie score 7 against 14";
  return in;
}

TEST(ExtraDoses, Decision) {
  using D = ExtraDoseDecision;
  Settings noMr;
  noMr.extraDosesMrQualifies = false;
  Settings withSd;
  withSd.extraDosesSdQualifies = true;
  const Settings d;
  struct Row {
    const char* rule;
    std::optional<ExtraDoseInputs> in;
    Settings settings;
    D expected;
  };
  const Row rows[] = {
      {"8: no assessment after the 3rd injection yet", std::nullopt, d, D::NotYetDecidable},
      {"8/Q18: CR confirmed by CT/MRI and MIBG", after3rd(Response::CR, true, true), d, D::Allowed},
      {"8/Q18: PR confirmed by both", after3rd(Response::PR, true, true), d, D::Allowed},
      {"Q18 default: MR counts as improvement", after3rd(Response::MR, true, true), d, D::Allowed},
      {"Q18 setting: MR does not count", after3rd(Response::MR, true, true), noMr, D::NotAllowed},
      {"Q18 default: SD is not improvement", after3rd(Response::SD, true, true), d, D::NotAllowed},
      {"Q18 setting: SD counts", after3rd(Response::SD, true, true), withSd, D::Allowed},
      {"8: PD never qualifies", after3rd(Response::PD, true, true), withSd, D::NotAllowed},
      {"Q11: NE cannot show improvement", after3rd(Response::NE, true, true), d, D::NotAllowed},
      {"8: CT/MRI must confirm", after3rd(Response::PR, false, true), d, D::NotAllowed},
      {"8: MIBG must confirm", after3rd(Response::PR, true, false), d, D::NotAllowed},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    const ExtraDoseResult r = extraDoseDecision(row.in, row.settings);
    EXPECT_EQ(r.decision, row.expected);
    ASSERT_FALSE(r.reasons.empty());
  }
}

TEST(ExtraDoses, RefusedDecisionSaysSoFirst) {
  const ExtraDoseResult r = extraDoseDecision(after3rd(Response::PR, true, false), Settings{});
  const std::string last = r.reasons.back().text;
  EXPECT_EQ(last.rfind("Injections 4 and 5 are not allowed", 0), 0u) << last;
}

TEST(ExtraDoses, AllowedDecisionExplainsItselfInPlainWords) {
  const ExtraDoseResult r = extraDoseDecision(after3rd(Response::PR, true, true), Settings{});
  const std::string last = r.reasons.back().text;
  // "allowed" alone would also match "not allowed": the summary must open with the decision.
  EXPECT_EQ(last.rfind("Injections 4 and 5 are allowed.", 0), 0u) << last;
  EXPECT_NE(last.find("CT/MRI"), std::string::npos);
  EXPECT_NE(last.find("MIBG"), std::string::npos);
  EXPECT_NE(r.reasons.front().text.find("partial response"), std::string::npos);
}

TEST(Dose, FiveMillionCellsPerKg) {
  struct Row {
    const char* rule;
    double weightKg;
    std::int64_t cells;
  };
  const Row rows[] = {
      {"8: 20 kg -> 1.0 x 10^8 cells", 20.0, 100'000'000},
      {"8: 17.35 kg -> 86,750,000 cells (exact to the cell)", 17.35, 86'750'000},
      {"8: 12.5 kg -> 62,500,000 cells", 12.5, 62'500'000},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    const DoseResult r = nkCellDose(row.weightKg);
    EXPECT_EQ(r.cellsPerInjection, row.cells);
    ASSERT_EQ(r.reasons.size(), 1u);
  }
}

}  // namespace
}  // namespace nbra::scoring
