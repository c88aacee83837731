// A lesion the reader could not measure at a follow-up (RECIST "not evaluable"): the responses
// that need it are NE with the lesion named, never computed as if it were gone, and a new avid
// lesion still makes progression. Expected results by hand from clinical-rules.md 3.1, 3.2, 4.
#include <gtest/gtest.h>

#include "scoring/assessment/Assessment.h"
#include "tests/scoring/CaseBuilder.h"

namespace nbra::scoring {
namespace {

using namespace nbra::scoring::testing;

Lesion notEvaluable(Lesion l) {
  l.notEvaluable = true;
  l.longAxisMm = 0.0;
  l.shortAxisMm.reset();
  return l;
}

Case responderWith(const std::vector<Lesion>& followUpLesions) {
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  base.lesions = std::vector<Lesion>{primaryLesion(50.0, true), avid(lesion("L1", "liver", 30.0)),
                                     avid(node("N1", 28.0, 20.0))};
  base.mibg = curie(10, 2);
  base.marrow = marrow(20.0);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  fu.lesions = followUpLesions;
  fu.mibg = curie(4, 1);
  fu.marrow = marrow(0.0);
  return caseWith({base, fu}, 18.4);
}

bool mentions(const ComponentResult& c, const std::string& text) {
  return !c.reasons.empty() && c.reasons.front().text.find(text) != std::string::npos;
}

TEST(NotEvaluable, ATargetThatCouldNotBeMeasuredMakesSoftTissueAndRecistNe) {
  const AssessOutcome out = assessCase(
      responderWith({primaryLesion(30.0, true), notEvaluable(avid(lesion("L1", "liver", 0.0))),
                     avid(node("N1", 16.0, 12.0))}));
  ASSERT_TRUE(out.errors.empty()) << out.errors.front().message;
  const Assessment& a = *out.assessment;
  const ResponseAssessment& r = *a.timepoints[1].response;
  EXPECT_EQ(r.softTissue.response, Response::NE);  // not PR from the node alone
  EXPECT_TRUE(mentions(r.softTissue, "'L1' could not be evaluated"));
  EXPECT_EQ(r.recist.response, Response::NE);
  EXPECT_EQ(r.primary.response, Response::PR);                // 50 -> 30 mm is unaffected
  EXPECT_FALSE(a.timepoints[1].targetSumTenths.has_value());  // no sum, so no false nadir
  EXPECT_NE(r.overall.response, Response::PR);                // not a response on missing data
  EXPECT_NE(a.extraDoses.decision, ExtraDoseDecision::Allowed);
  // CT/MRI cannot confirm improvement with a lesion unmeasured (its 0 mm is no measurement).
  std::string reasons;
  for (const Reason& why : a.extraDoses.reasons)
    reasons += why.text + "\n";
  EXPECT_NE(reasons.find("'L1' could not be evaluated on CT/MRI"), std::string::npos) << reasons;
}

TEST(NotEvaluable, ANewAvidLesionIsStillProgression) {
  Lesion fresh = avid(lesion("L9", "lung", 12.0));
  fresh.isNew = true;
  const AssessOutcome out = assessCase(
      responderWith({primaryLesion(30.0, true), notEvaluable(avid(lesion("L1", "liver", 0.0))),
                     avid(node("N1", 16.0, 12.0)), fresh}));
  ASSERT_TRUE(out.errors.empty());
  const ResponseAssessment& r = *out.assessment->timepoints[1].response;
  EXPECT_EQ(r.softTissue.response, Response::PD);
  EXPECT_EQ(r.recist.response, Response::PD);
  EXPECT_EQ(r.overall.response, Response::PD);
}

TEST(NotEvaluable, APrimaryThatCouldNotBeMeasuredIsNe) {
  const AssessOutcome out =
      assessCase(responderWith({notEvaluable(primaryLesion(0.0, true)),
                                avid(lesion("L1", "liver", 15.0)), avid(node("N1", 16.0, 12.0))}));
  ASSERT_TRUE(out.errors.empty());
  const ResponseAssessment& r = *out.assessment->timepoints[1].response;
  EXPECT_EQ(r.primary.response, Response::NE);
  EXPECT_TRUE(mentions(r.primary, "could not evaluate the primary"));
  EXPECT_EQ(r.softTissue.response, Response::PR);
}

TEST(NotEvaluable, IsRefusedAtBaselineWithLengthsAndForNewLesions) {
  Case c = responderWith(
      {primaryLesion(30.0, true), avid(lesion("L1", "liver", 15.0)), avid(node("N1", 16.0, 12.0))});
  (*c.timepoints[0].lesions)[1].notEvaluable = true;  // the reference must be measured
  Lesion withLength = avid(lesion("L1", "liver", 15.0));
  withLength.notEvaluable = true;  // not evaluable yet 15 mm: contradictory
  Lesion freshNe = notEvaluable(avid(lesion("L9", "lung", 0.0)));
  freshNe.isNew = true;
  (*c.timepoints[1].lesions)[1] = withLength;
  c.timepoints[1].lesions->push_back(freshNe);
  const AssessOutcome out = assessCase(c);
  ASSERT_FALSE(out.assessment.has_value());
  std::string all;
  for (const auto& e : out.errors)
    all += e.field + ": " + e.message + "\n";
  EXPECT_NE(all.find("timepoints[0].lesions[1].notEvaluable: is true at the baseline"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("timepoints[1].lesions[1].notEvaluable: a lesion that could not be evaluated "
                     "has no lengths"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("timepoints[1].lesions[3].notEvaluable: lesion 'L9' is new"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace nbra::scoring
