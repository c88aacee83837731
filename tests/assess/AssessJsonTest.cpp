// JSON <-> model conversion and the command's error handling: bad JSON, missing fields and wrong
// types give a message naming the file and the field.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "tests/assess/AssessTestSupport.h"
#include "workflow/casefile/CaseJson.h"

namespace nbra::workflow {
namespace {

using cli::testing::runAssessCommand;

const char* kMinimal = R"({
  "subject": {"id": "S1", "weightKg": 20},
  "timepoints": [
    {"kind": "baseline", "date": "2026-01-10", "injectionsBefore": 0,
     "lesions": [{"trackingId": "L1", "organ": "liver", "longAxisMm": 25.5, "shortAxisMm": 12,
                  "sliceThicknessMm": 3, "role": "target", "mibgAvid": true}],
     "mibg": {"curie": [0, {"marks": 1}, {"marks": 4}, {"marks": 1, "diffuse": true}, 0, 0, 0, 0,
                        0, {"marks": 2, "primaryMarks": 0}],
              "siopen": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]},
     "marrow": {"samples": [{"kind": "biopsy", "infiltrationPercent": 2.5}]}}
  ]
})";

TEST(CaseJson, ReadsEveryPartOfTheCase) {
  const CaseParseResult r = parseCase(kMinimal);
  ASSERT_TRUE(r.value) << r.error.toStdString();
  const scoring::Case& c = *r.value;
  EXPECT_EQ(c.subject.id, "S1");
  EXPECT_EQ(c.subject.weightKg, 20.0);
  ASSERT_EQ(c.timepoints.size(), 1u);
  const scoring::Timepoint& t = c.timepoints[0];
  EXPECT_EQ(t.kind, scoring::TimepointKind::Baseline);
  EXPECT_EQ(t.date, std::chrono::year{2026} / std::chrono::month{1} / std::chrono::day{10});
  ASSERT_TRUE(t.lesions);
  EXPECT_EQ((*t.lesions)[0].longAxisMm, 25.5);
  EXPECT_EQ((*t.lesions)[0].role, scoring::LesionRole::Target);
  EXPECT_TRUE((*t.lesions)[0].mibgAvid);
  ASSERT_TRUE(t.mibg && t.mibg->curie && t.mibg->siopen);
  EXPECT_EQ((*t.mibg->curie)[0].score, 0);
  EXPECT_EQ((*t.mibg->curie)[2].lesionMarks, 4);
  EXPECT_TRUE((*t.mibg->curie)[3].diffuse);
  EXPECT_EQ((*t.mibg->siopen)[11], 6);
  ASSERT_TRUE(t.marrow);
  EXPECT_EQ(t.marrow->samples[0].kind, scoring::MarrowSampleKind::Biopsy);
  EXPECT_EQ(t.marrow->samples[0].infiltrationPercent, 2.5);
  EXPECT_FALSE(t.fdgPet);
}

TEST(CaseJson, ReadsSettings) {
  const CaseParseResult r = parseCase(R"({"subject": {"id": "S"}, "timepoints": [],
      "settings": {"boneScoreMethod": "siopen", "marrowPdFromNegative": "at-least-5-percent",
                   "crNodeShortAxisLimitMm": 15, "extraDosesMrQualifies": false,
                   "eligibilityNodeSize": "recist-short-axis-15-mm"}})");
  ASSERT_TRUE(r.value) << r.error.toStdString();
  const scoring::Settings& s = r.value->settings;
  EXPECT_EQ(s.boneScoreMethod, scoring::BoneScoreMethod::Siopen);
  EXPECT_EQ(s.marrowPdFromNegative, scoring::MarrowPdFromNegative::AtLeastFivePercent);
  EXPECT_EQ(s.crNodeShortAxisLimitMm, 15);
  EXPECT_FALSE(s.extraDosesMrQualifies);
  EXPECT_EQ(s.eligibilityNodeSize, scoring::EligibilityNodeSize::RecistShortAxisFifteenMm);
  EXPECT_TRUE(s.curieSoftTissueIncludesPrimary);  // untouched default
}

struct ErrorRow {
  const char* what;
  QByteArray json;
  QString expected;  // the start of the error message
};

TEST(CaseJson, ErrorsNameTheField) {
  const ErrorRow rows[] = {
      {"not JSON", "{\"subject\": ", "not valid JSON at character"},
      {"not an object", "[1, 2]", "the case must be a JSON object"},
      {"missing subject", R"({"timepoints": []})", "subject: is missing"},
      {"missing timepoints", R"({"subject": {"id": "S"}})", "timepoints: is missing"},
      {"wrong type", R"({"subject": {"id": 7}, "timepoints": []})",
       "subject.id: expected a string, got a number"},
      {"unknown field", R"({"subject": {"id": "S", "weight": 20}, "timepoints": []})",
       "subject.weight: unknown field"},
      {"lesion field wrong type",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "lesions": [{"trackingId": "L", "longAxisMm": "20",
          "sliceThicknessMm": 3}]}]})",
       "timepoints[0].lesions[0].longAxisMm: expected a number, got a string"},
      {"lesion field missing",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "lesions": [{"trackingId": "L", "longAxisMm": 20}]}]})",
       "timepoints[0].lesions[0].sliceThicknessMm: is missing"},
      {"bad enum",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "screening", "date": "2026-01-01",
          "injectionsBefore": 0}]})",
       "timepoints[0].kind: 'screening' is not one of 'baseline', 'follow-up'"},
      {"bad date",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "10/01/2026",
          "injectionsBefore": 0}]})",
       "timepoints[0].date: '10/01/2026' is not a date in the form YYYY-MM-DD"},
      {"fractional count",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0.5}]})",
       "timepoints[0].injectionsBefore: expected a whole number"},
      {"Curie array too short",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "mibg": {"curie": [0, 0]}}]})",
       "timepoints[0].mibg.curie: expected 10 segments, got 2"},
      {"Curie entry of the wrong kind",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "mibg": {"curie": [0, 0, "x", 0, 0, 0, 0, 0, 0, 0]}}]})",
       "timepoints[0].mibg.curie[2]: expected a score (0-3) or an object"},
      {"marrow sample kind missing",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "marrow": {"samples": [{"infiltrationPercent": 3}]}}]})",
       "timepoints[0].marrow.samples[0].kind: is missing"},
      {"empty lesion role is not read as non-target",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "lesions": [{"trackingId": "L", "organ": "liver",
          "longAxisMm": 20, "sliceThicknessMm": 3, "role": ""}]}]})",
       "timepoints[0].lesions[0].role: '' is not one of 'target', 'non-target'"},
      {"empty timepoint kind is not read as follow-up",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "", "date": "2026-01-01",
          "injectionsBefore": 0}]})",
       "timepoints[0].kind: '' is not one of 'baseline', 'follow-up'"},
      {"empty marrow sample kind is not read as aspirate",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "marrow": {"samples": [{"kind": "", "infiltrationPercent": 3}]}}]})",
       "timepoints[0].marrow.samples[0].kind: '' is not one of 'aspirate', 'biopsy'"},
      {"empty setting value is not read as the default", R"({"subject": {"id": "S"},
          "timepoints": [], "settings": {"marrowPdFromNegative": ""}})",
       "settings.marrowPdFromNegative: '' is not one of"},
      {"enum of the wrong type",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": null, "date": "2026-01-01",
          "injectionsBefore": 0}]})",
       "timepoints[0].kind: expected a string, got null"},
      {"a key given twice is refused, not read as its last value",
       R"({"subject": {"id": "S", "weightKg": 18.4, "weightKg": 81.4}, "timepoints": []})",
       "subject.weightKg: is given twice"},
      {"a duplicate key deep in the case names its path",
       R"({"subject": {"id": "S"}, "timepoints": [{"kind": "baseline", "date": "2026-01-01",
          "injectionsBefore": 0, "lesions": [{"trackingId": "A", "longAxisMm": 20,
          "sliceThicknessMm": 3}, {"trackingId": "B", "longAxisMm": 20, "longAxisMm": 2,
          "sliceThicknessMm": 3}]}]})",
       "timepoints[0].lesions[1].longAxisMm: is given twice"},
      {"a duplicate written with an escape is still a duplicate",
       R"({"subject": {"id": "S", "\u0069d": "T"}, "timepoints": []})",
       "subject.id: is given twice"},
      {"bad setting value", R"({"subject": {"id": "S"}, "timepoints": [],
          "settings": {"boneScoreMethod": "ady"}})",
       "settings.boneScoreMethod: 'ady' is not one of 'curie', 'siopen'"},
  };
  for (const ErrorRow& row : rows) {
    SCOPED_TRACE(row.what);
    const CaseParseResult r = parseCase(row.json);
    EXPECT_FALSE(r.value);
    EXPECT_TRUE(r.error.startsWith(row.expected)) << r.error.toStdString();
  }
}

TEST(CaseJson, EqualKeysInDifferentObjectsAreFine) {
  // The same key in sibling objects, in nested objects and inside string values is no duplicate.
  const CaseParseResult r = parseCase(R"({"subject": {"id": "S, \"id\": {", "weightKg": 20},
      "timepoints": [{"kind": "baseline", "date": "2026-01-01", "injectionsBefore": 0,
        "lesions": [{"trackingId": "A", "organ": "liver", "longAxisMm": 20, "sliceThicknessMm": 3},
                    {"trackingId": "B", "organ": "liver", "longAxisMm": 20, "sliceThicknessMm": 3}]},
        {"kind": "follow-up", "date": "2026-02-01", "injectionsBefore": 1}]})");
  EXPECT_TRUE(r.value) << r.error.toStdString();
}

TEST(AssessCommand, ErrorsArePrintedAsJsonWithTheFile) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath("case.json");
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  // Valid JSON, invalid reading: Curie segment 4 and a short axis longer than the long axis.
  file.write(R"({"subject": {"id": "S", "weightKg": 20}, "timepoints": [
      {"kind": "baseline", "date": "2026-01-01", "injectionsBefore": 0,
       "lesions": [{"trackingId": "N", "organ": "node", "isLymphNode": true, "longAxisMm": 20,
                    "shortAxisMm": 23, "sliceThicknessMm": 3}],
       "mibg": {"curie": [4, 0, 0, 0, 0, 0, 0, 0, 0, 0]}}]})");
  file.close();
  const auto run = runAssessCommand({path});
  EXPECT_EQ(run.exitCode, 2);
  const QJsonObject error = run.json["error"].toObject();
  EXPECT_EQ(error["command"].toString(), "assess");
  EXPECT_EQ(error["file"].toString(), path);
  const QString message = error["message"].toString();
  EXPECT_TRUE(
      message.contains("timepoints[0].lesions[0].shortAxisMm: 23.0 mm is longer than the "
                       "long axis 20.0 mm"))
      << message.toStdString();
  EXPECT_TRUE(message.contains("timepoints[0].mibg.curie[0]: Curie score 4"))
      << message.toStdString();
}

TEST(AssessCommand, MissingFileAndBadArguments) {
  auto run = runAssessCommand({"/nonexistent/case.json"});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_EQ(run.json["error"].toObject()["file"].toString(), "/nonexistent/case.json");
  run = runAssessCommand({});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.json["error"].toObject()["message"].toString().contains("usage"));
}

TEST(AssessCommand, BadJsonNamesTheFile) {
  QTemporaryDir dir;
  const QString path = dir.filePath("broken.json");
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("{\"subject\": {\"id\": \"S\"}, \"timepoints\": [1, }");
  file.close();
  const auto run = runAssessCommand({path});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_EQ(run.json["error"].toObject()["file"].toString(), path);
  EXPECT_TRUE(run.json["error"].toObject()["message"].toString().startsWith("not valid JSON"));
}

}  // namespace
}  // namespace nbra::workflow
