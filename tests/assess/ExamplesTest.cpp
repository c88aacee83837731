// The schema examples (scoring/schema/examples) run through `assess` and are checked on the
// clinically meaningful fields, derived by hand from clinical-rules.md 3 and 8.
#include <gtest/gtest.h>

#include <QJsonArray>

#include "tests/assess/AssessTestSupport.h"

namespace nbra::cli {
namespace {

using testing::examplePath;
using testing::runAssessCommand;

QJsonObject response(const QJsonObject& root, int timepoint) {
  return root["timepoints"].toArray()[timepoint].toObject()["response"].toObject();
}

QString code(const QJsonObject& resp, const char* component) {
  return resp[component].toObject()["response"].toString();
}

TEST(AssessExamples, ResponderEarnsTheExtraDoses) {
  const auto run = runAssessCommand({examplePath("responder.json")});
  ASSERT_EQ(run.exitCode, 0) << run.text.toStdString();
  const QJsonObject& a = run.json;
  EXPECT_TRUE(a["ruleSetVersion"].toString().startsWith("nbra-rules-"));
  EXPECT_TRUE(a["eligibility"].toObject()["eligible"].toBool());  // 8 criterion 1: L1 31 mm avid
  EXPECT_TRUE(a["disease"].toObject()["mibgAvid"].toBool());
  // Baseline Curie: marks 1,3,2,diffuse,2 typed,0,0,2,0 -> 1+2+2+3+2+0+0+2+0 = 12 skeletal;
  // soft tissue 3 marks (primary included, Q2 default) -> 2; total 14.
  const QJsonObject curie0 = a["timepoints"].toArray()[0].toObject()["curie"].toObject();
  EXPECT_EQ(curie0["skeletal"].toInt(), 12);
  EXPECT_EQ(curie0["total"].toInt(), 14);
  const QJsonObject r = response(a, 1);
  EXPECT_EQ(code(r, "primary"), "PR");     // 52 -> 33 mm, -36.5 %
  EXPECT_EQ(code(r, "softTissue"), "PR");  // 31 + 19 = 50 -> 14 + 11 = 25 mm, -50 %
  EXPECT_EQ(code(r, "bone"), "PR");        // skeletal 12 -> 5, relative 0.42
  EXPECT_EQ(code(r, "marrow"), "CR");      // 15 % -> 0 % in 2 aspirates + 2 biopsies
  EXPECT_EQ(code(r, "overall"), "PR");     // 3.4 step 6
  const QJsonObject extra = a["extraDoses"].toObject();
  EXPECT_EQ(extra["decision"].toString(), "allowed");
  EXPECT_EQ(extra["timepointIndex"].toInt(), 1);
  // The clinician-facing summary says why, in plain words.
  const QString summary = extra["summary"].toString();
  EXPECT_TRUE(summary.contains("Injections 4 and 5 are allowed"));
  EXPECT_TRUE(summary.contains("CT/MRI"));
  EXPECT_TRUE(summary.contains("MIBG"));
  // 18.4 kg x 5 x 10^6 = 92,000,000 cells.
  EXPECT_EQ(a["dose"].toObject()["cellsPerInjection"].toDouble(), 92'000'000.0);
}

TEST(AssessExamples, ProgressorIsPdAndGetsNoExtraDoses) {
  const auto run = runAssessCommand({examplePath("progressor.json")});
  ASSERT_EQ(run.exitCode, 0) << run.text.toStdString();
  // After injection 2: primary 40 -> 37, node 18 -> 16, scores unchanged: everything stable.
  EXPECT_EQ(code(response(run.json, 1), "overall"), "SD");
  // Marrow negative at baseline and not reassessed: NI (3.3).
  EXPECT_EQ(code(response(run.json, 1), "marrow"), "NI");
  // After injection 3: primary 46 mm vs nadir 37 mm (+24 %, +9 mm) -> PD; new MIBG-avid liver
  // lesion and 2 new bone sites -> metastatic PD; marrow 0 -> 7 % (> 5 %) -> PD.
  const QJsonObject r = response(run.json, 2);
  EXPECT_EQ(code(r, "primary"), "PD");
  EXPECT_EQ(code(r, "metastatic"), "PD");
  EXPECT_EQ(code(r, "marrow"), "PD");
  EXPECT_EQ(code(r, "overall"), "PD");
  EXPECT_EQ(run.json["extraDoses"].toObject()["decision"].toString(), "not-allowed");
}

TEST(AssessExamples, MarrowOnlyDiseaseIsExcluded) {
  const auto run = runAssessCommand({examplePath("marrow-only-exclusion.json")});
  ASSERT_EQ(run.exitCode, 0) << run.text.toStdString();
  const QJsonObject e = run.json["eligibility"].toObject();
  EXPECT_FALSE(e["eligible"].toBool());
  EXPECT_TRUE(e["marrowOnlyWithoutPathology"].toBool());
  EXPECT_FALSE(e["criterion1"].toBool());
  EXPECT_FALSE(e["criterion2"].toBool());
  EXPECT_EQ(run.json["extraDoses"].toObject()["decision"].toString(), "not-yet-decidable");
  // 15.25 kg x 5 x 10^6 = 76,250,000 cells.
  EXPECT_EQ(run.json["dose"].toObject()["cellsPerInjection"].toDouble(), 76'250'000.0);
}

TEST(AssessExamples, MibgNonAvidPatientIsAssessedByFdgPet) {
  const auto run = runAssessCommand({examplePath("mibg-non-avid-fdg.json")});
  ASSERT_EQ(run.exitCode, 0) << run.text.toStdString();
  EXPECT_FALSE(run.json["disease"].toObject()["mibgAvid"].toBool());  // 1.6
  const QJsonObject e = run.json["eligibility"].toObject();
  EXPECT_FALSE(e["criterion1"].toBool());  // no MIBG-avid lesion
  EXPECT_TRUE(e["criterion2"].toBool());   // FDG-avid disease
  EXPECT_TRUE(e["eligible"].toBool());
  const QJsonObject r = response(run.json, 1);
  EXPECT_EQ(code(r, "primary"), "PR");     // 45 -> 29 mm (-35.6 %), FDG uptake not worse
  EXPECT_EQ(code(r, "softTissue"), "PR");  // 18 -> 11 mm (-38.9 %), still >= 10 mm
  EXPECT_EQ(code(r, "bone"), "PR");        // 6 -> 3 FDG-avid bone lesions (-50 %)
  EXPECT_EQ(code(r, "marrow"), "NI");      // negative at baseline, not reassessed
  EXPECT_EQ(code(r, "overall"), "PR");
  const QJsonObject extra = run.json["extraDoses"].toObject();
  EXPECT_EQ(extra["decision"].toString(), "allowed");
  EXPECT_TRUE(extra["summary"].toString().contains("FDG-PET"));
}

}  // namespace
}  // namespace nbra::cli
