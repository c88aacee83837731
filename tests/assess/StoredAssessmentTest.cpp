// The one reader of stored assessments gives back what the rules decided, field for field, for
// every schema example (the writer and the reader checked against each other and the typed
// result, not against numbers copied from either).
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/casefile/CaseJson.h"

namespace nbra::workflow {
namespace {

QString qs(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

void expectSame(const scoring::ComponentResult& typed, const StoredComponent& stored,
                const char* what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(stored.response, qs(scoring::responseCode(typed.response)));
  EXPECT_EQ(stored.meaning, qs(scoring::responseMeaning(typed.response)));
  ASSERT_EQ(stored.reasons.size(), typed.reasons.size());
  for (std::size_t i = 0; i < typed.reasons.size(); ++i) {
    EXPECT_EQ(stored.reasons[i].text, qs(typed.reasons[i].text));
    EXPECT_EQ(stored.reasons[i].rule, qs(typed.reasons[i].rule));
  }
}

class StoredAssessmentExamples : public ::testing::TestWithParam<QString> {};

TEST_P(StoredAssessmentExamples, ReadsBackWhatTheRulesDecided) {
  QFile f(QString(NBRA_SCHEMA_EXAMPLES_DIR) + "/" + GetParam());
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const CaseParseResult parsed = parseCase(f.readAll());
  ASSERT_TRUE(parsed.value) << parsed.error.toStdString();
  const scoring::AssessOutcome outcome = scoring::assessCase(*parsed.value);
  ASSERT_TRUE(outcome.assessment);
  const scoring::Assessment& a = *outcome.assessment;
  const StoredAssessment s = readStoredAssessment(
      QString::fromUtf8(QJsonDocument(assessmentToJson(a)).toJson(QJsonDocument::Compact)));

  EXPECT_EQ(s.ruleSetVersion, qs(a.ruleSetVersion));
  EXPECT_EQ(s.mibgAvidDisease, a.mibgAvidDisease);
  EXPECT_EQ(s.eligibility.eligible, a.eligibility.eligible);
  EXPECT_EQ(s.eligibility.criterion1, a.eligibility.criterion1);
  EXPECT_EQ(s.eligibility.criterion2, a.eligibility.criterion2);
  EXPECT_EQ(s.eligibility.reasons.size(), a.eligibility.reasons.size());
  EXPECT_EQ(s.extraDoses.decision, qs(scoring::extraDoseDecisionCode(a.extraDoses.decision)));
  EXPECT_EQ(s.extraDoses.timepointIndex, a.extraDoses.timepointIndex);
  EXPECT_EQ(s.settingIsYes("extraDosesMrQualifies"), a.settings.extraDosesMrQualifies);
  EXPECT_EQ(s.settingIsYes("extraDosesSdQualifies"), a.settings.extraDosesSdQualifies);
  EXPECT_EQ(s.dose.cellsPerInjection, static_cast<double>(a.dose.cellsPerInjection));
  ASSERT_EQ(s.timepoints.size(), a.timepoints.size());
  for (std::size_t i = 0; i < a.timepoints.size(); ++i) {
    const scoring::TimepointAssessment& t = a.timepoints[i];
    const StoredTimepoint* st = s.timepoint(qs(t.label));
    ASSERT_NE(st, nullptr) << t.label;
    EXPECT_EQ(st, s.timepointAt(t.index));
    EXPECT_EQ(st->curieTotal, t.curie ? std::optional<int>(t.curie->total) : std::nullopt);
    EXPECT_EQ(st->siopenTotal, t.siopenTotal);
    ASSERT_EQ(st->response.has_value(), t.response.has_value()) << t.label;
    if (t.response) {
      expectSame(t.response->overall, st->response->overall, "overall");
      expectSame(t.response->primary, st->response->primary, "primary");
      expectSame(t.response->softTissue, st->response->softTissue, "soft tissue");
      expectSame(t.response->bone, st->response->bone, "bone");
      expectSame(t.response->marrow, st->response->marrow, "marrow");
      expectSame(t.response->metastatic, st->response->metastatic, "metastatic");
      expectSame(t.response->recist, st->response->recist, "recist");
    }
  }
  EXPECT_FALSE(s.marrowEntry.has_value());
}

INSTANTIATE_TEST_SUITE_P(Examples, StoredAssessmentExamples,
                         ::testing::Values("responder.json", "progressor.json",
                                           "mibg-non-avid-fdg.json", "marrow-only-exclusion.json"),
                         [](const auto& param) {
                           QString name = param.param;
                           return name.remove(".json").remove('-').toStdString();
                         });

TEST(StoredAssessment, WhatRecordingAddedAndNonsenseAreReadSafely) {
  const StoredAssessment s = readStoredAssessment(
      R"({"marrowEntry":{"timepoint":"baseline","samples":[{"kind":"biopsy",)"
      R"("infiltrationPercent":15.5}],"pathologyConfirmed":true,"enteredBy":"Dr Ivan"},)"
      R"("marrowEntriesUsed":[{"timepoint":"baseline","fromAssessment":4,"enteredBy":"Dr Ivan"}]})");
  ASSERT_TRUE(s.marrowEntry);
  EXPECT_EQ(s.marrowEntry->samples.front().kind, "biopsy");
  EXPECT_EQ(s.marrowEntry->samples.front().infiltrationPercent, 15.5);
  EXPECT_TRUE(s.marrowEntry->pathologyConfirmed);
  ASSERT_EQ(s.marrowEntriesUsed.size(), 1u);
  EXPECT_EQ(s.marrowEntriesUsed[0].fromAssessment, 4);
  // Not an object: nothing decided, nothing invented.
  const StoredAssessment none = readStoredAssessment("[1, 2]");
  EXPECT_TRUE(none.timepoints.empty());
  EXPECT_FALSE(none.eligibility.eligible);
  EXPECT_EQ(none.extraDoses.decision, "");
  EXPECT_FALSE(none.dose.cellsPerInjection.has_value());
}

}  // namespace
}  // namespace nbra::workflow
