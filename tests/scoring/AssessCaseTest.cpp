// Whole cases through assessCase: the rules working together, with expected results derived by
// hand from clinical-rules.md 3 and 8.
#include <gtest/gtest.h>

#include "scoring/assessment/Assessment.h"
#include "scoring/version/RuleSetVersion.h"
#include "tests/scoring/CaseBuilder.h"

namespace nbra::scoring {
namespace {

using namespace nbra::scoring::testing;

Case responder() {
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  base.lesions = std::vector<Lesion>{primaryLesion(50.0, true), avid(lesion("L1", "liver", 30.0)),
                                     avid(node("N1", 28.0, 20.0))};
  base.mibg = curie(10, 2);
  base.marrow = marrow(20.0);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  fu.lesions = std::vector<Lesion>{primaryLesion(30.0, true), avid(lesion("L1", "liver", 15.0)),
                                   avid(node("N1", 16.0, 12.0))};
  fu.mibg = curie(4, 1);
  fu.marrow = marrow(0.0);
  return caseWith({base, fu}, 18.4);
}

TEST(AssessCase, ResponderEarnsExtraDoses) {
  const AssessOutcome out = assessCase(responder());
  ASSERT_TRUE(out.errors.empty());
  const Assessment& a = *out.assessment;
  EXPECT_EQ(a.ruleSetVersion, ruleSetVersion());
  EXPECT_TRUE(a.mibgAvidDisease);
  EXPECT_TRUE(a.eligibility.eligible);  // 8: 30 mm MIBG-avid liver lesion
  ASSERT_EQ(a.timepoints.size(), 2u);
  EXPECT_EQ(a.timepoints[0].curie->skeletal, 10);
  EXPECT_EQ(a.timepoints[0].targetSumTenths, 500);  // 30 mm liver + 20 mm node short axis
  const ResponseAssessment& r = *a.timepoints[1].response;
  EXPECT_EQ(r.primary.response, Response::PR);     // 50 -> 30 mm, -40 %
  EXPECT_EQ(r.softTissue.response, Response::PR);  // 50 -> 27 mm, -46 %
  EXPECT_EQ(r.bone.response, Response::PR);        // 10 -> 4, relative 0.4
  EXPECT_EQ(r.metastatic.response, Response::PR);
  EXPECT_EQ(r.marrow.response, Response::CR);  // 20 % -> 0 % in 2 biopsies + 2 aspirates
  EXPECT_EQ(r.overall.response, Response::PR);
  EXPECT_EQ(r.recist.response, Response::PR);
  EXPECT_EQ(a.extraDoses.decision, ExtraDoseDecision::Allowed);
  EXPECT_EQ(a.extraDoses.timepointIndex, 1);
  EXPECT_EQ(a.dose.cellsPerInjection, 92'000'000);  // 18.4 kg x 5e6
}

TEST(AssessCase, NewAvidLesionIsProgressionAndBlocksExtraDoses) {
  Case c = responder();
  Lesion fresh = avid(lesion("L9", "lung", 12.0));
  fresh.isNew = true;
  c.timepoints[1].lesions->push_back(fresh);
  const Assessment a = *assessCase(c).assessment;
  const ResponseAssessment& r = *a.timepoints[1].response;
  EXPECT_EQ(r.softTissue.response, Response::PD);  // 3.2: new MIBG-avid soft-tissue lesion
  EXPECT_EQ(r.overall.response, Response::PD);     // 3.4 step 1
  EXPECT_EQ(a.extraDoses.decision, ExtraDoseDecision::NotAllowed);
}

TEST(AssessCase, BeforeTheThirdInjectionTheDecisionWaits) {
  Case c = responder();
  c.timepoints[1].injectionsBefore = 2;
  const Assessment a = *assessCase(c).assessment;
  EXPECT_EQ(a.extraDoses.decision, ExtraDoseDecision::NotYetDecidable);
}

TEST(AssessCase, PrimaryNadirIsTheSmallestEarlierMeasurement) {
  // 3.1: reference for PD is the smallest measurement on study: 50 -> 25 -> 31 mm is +24 % and
  // +6 mm over the nadir 25 mm, so PD even though still smaller than baseline.
  Case c = responder();
  Timepoint third = c.timepoints[1];
  third.date = std::chrono::year{2026} / std::chrono::month{5} / std::chrono::day{1};
  (*c.timepoints[1].lesions)[0].longAxisMm = 25.0;
  (*third.lesions)[0].longAxisMm = 31.0;
  c.timepoints.push_back(third);
  const Assessment a = *assessCase(c).assessment;
  EXPECT_EQ(a.timepoints[2].response->primary.response, Response::PD);
  EXPECT_EQ(a.timepoints[2].response->overall.response, Response::PD);
}

TEST(AssessCase, MibgNonAvidDiseaseUsesFdgPet) {
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  Lesion p = primaryLesion(40.0, false);
  p.fdgAvid = true;
  Lesion l = lesion("L1", "liver", 25.0);
  l.fdgAvid = true;
  base.lesions = std::vector<Lesion>{p, l};
  base.mibg = curie(0, 0);
  base.fdgPet = FdgPetReading{4, 0, false};
  base.marrow = marrow(0.0);  // negative at baseline, not reassessed -> NI (3.3)
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  p.longAxisMm = 8.0;
  p.fdgAvid = false;
  l.longAxisMm = 9.0;
  l.fdgAvid = false;
  fu.lesions = std::vector<Lesion>{p, l};
  fu.mibg = curie(0, 0);
  fu.fdgPet = FdgPetReading{2, 0, false};
  const Assessment a = *assessCase(caseWith({base, fu})).assessment;
  EXPECT_FALSE(a.mibgAvidDisease);         // 1.6
  EXPECT_FALSE(a.eligibility.criterion1);  // no MIBG-avid lesion
  EXPECT_TRUE(a.eligibility.criterion2);   // FDG-avid disease
  const ResponseAssessment& r = *a.timepoints[1].response;
  EXPECT_EQ(r.primary.response, Response::CR);     // 8 mm and FDG uptake resolved
  EXPECT_EQ(r.softTissue.response, Response::CR);  // 9 mm, not avid
  EXPECT_EQ(r.bone.response, Response::PR);        // 4 -> 2 FDG-avid bone lesions
  EXPECT_EQ(r.overall.response, Response::PR);     // CR + PR + NI -> PR (3.4 step 6)
  EXPECT_EQ(a.extraDoses.decision, ExtraDoseDecision::Allowed);
}

TEST(AssessCase, SiopenCanDriveTheBoneResponse) {
  // 2.3: SIOPEN may replace Curie for the relative bone score (same 0.5 / 1.2 rules).
  Case c = responder();
  c.settings.boneScoreMethod = BoneScoreMethod::Siopen;
  c.timepoints[0].mibg->siopen =
      std::array<int, kSiopenSegmentCount>{4, 4, 4, 4, 2, 2, 0, 0, 0, 0, 0, 0};
  c.timepoints[1].mibg->siopen =
      std::array<int, kSiopenSegmentCount>{4, 4, 4, 4, 2, 0, 0, 0, 0, 0, 0, 0};
  // 20 -> 18: relative 0.9, stable; the Curie scores (10 -> 4) no longer decide.
  Assessment a = *assessCase(c).assessment;
  EXPECT_EQ(a.timepoints[1].siopenTotal, 18);
  EXPECT_EQ(a.timepoints[1].response->bone.response, Response::SD);
  EXPECT_EQ(a.timepoints[1].response->metastatic.response, Response::SD);  // PR + SD
  EXPECT_EQ(a.timepoints[1].response->overall.response, Response::MR);     // PR, SD, CR
  // 20 -> 24: relative exactly 1.2 -> PD.
  c.timepoints[1].mibg->siopen =
      std::array<int, kSiopenSegmentCount>{4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0};
  a = *assessCase(c).assessment;
  EXPECT_EQ(a.timepoints[1].response->bone.response, Response::PD);
  EXPECT_EQ(a.timepoints[1].response->overall.response, Response::PD);
}

TEST(AssessCase, ConfirmedNewFdgBoneLesionIsProgression) {
  // 3.2: for MIBG-non-avid disease a new FDG-avid bone lesion with CT/MRI confirmation is PD.
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  Lesion l = lesion("L1", "liver", 25.0);
  l.fdgAvid = true;
  base.lesions = std::vector<Lesion>{l};
  base.fdgPet = FdgPetReading{2, 0, false};
  base.marrow = marrow(0.0);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  fu.lesions = std::vector<Lesion>{l};
  fu.fdgPet = FdgPetReading{2, 1, true};
  Assessment a = *assessCase(caseWith({base, fu})).assessment;
  EXPECT_EQ(a.timepoints[1].response->bone.response, Response::PD);
  EXPECT_EQ(a.timepoints[1].response->overall.response, Response::PD);
  // Without confirmation it is not PD, but it rules out a response.
  a = *assessCase(caseWith({base,
                            [&] {
                              Timepoint t = fu;
                              t.fdgPet->newBoneLesionsConfirmed = false;
                              return t;
                            }()}))
           .assessment;
  EXPECT_EQ(a.timepoints[1].response->bone.response, Response::SD);
}

// Soft-tissue response of a case with one MIBG-avid target node (short axis 20 mm at baseline)
// whose uptake has resolved at follow-up, for the CR short-axis limit of PARK17 Table 2 / Q10.
Response nodeOnlySoftTissue(double followUpShortAxisMm, int crLimitMm) {
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  base.lesions = std::vector<Lesion>{avid(node("N1", 28.0, 20.0))};
  base.mibg = curie(0, 1);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  Lesion n = node("N1", 16.0, followUpShortAxisMm);
  fu.lesions = std::vector<Lesion>{n};
  fu.mibg = curie(0, 0);
  Case c = caseWith({base, fu});
  c.settings.crNodeShortAxisLimitMm = crLimitMm;
  const AssessOutcome out = assessCase(c);
  EXPECT_TRUE(out.errors.empty());
  return out.assessment ? out.assessment->timepoints[1].response->softTissue.response
                        : Response::NE;
}

TEST(AssessCase, TargetNodeCrLimitQ10) {
  // 3.2 CR: target lymph nodes short axis < 10 mm (PARK17, default); the sum 20 -> 10 mm is
  // -50 %, so a node that is not small enough for CR is PR.
  EXPECT_EQ(nodeOnlySoftTissue(9.9, 10), Response::CR);
  EXPECT_EQ(nodeOnlySoftTissue(10.0, 10), Response::PR);
  // Q10 PDQ reading (< 15 mm): 14.9 mm is CR, exactly 15.0 mm is not (-25 %: SD).
  EXPECT_EQ(nodeOnlySoftTissue(14.9, 15), Response::CR);
  EXPECT_EQ(nodeOnlySoftTissue(15.0, 15), Response::SD);
}

TEST(AssessCase, NoBaselineCtMriIsNotEvaluableNotNotInvolved) {
  // 3.4: NI means "not involved at study entry"; without a baseline CT/MRI that is unknown. The
  // case below once came out overall CR (primary and soft tissue NI) and earned the extra doses.
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  base.mibg = curie(10, 0);
  base.marrow = marrow(10.0);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 20, 3);
  fu.lesions = std::vector<Lesion>{};
  fu.mibg = curie(0, 0);
  fu.marrow = marrow(0.0);
  const Assessment a = *assessCase(caseWith({base, fu})).assessment;
  const ResponseAssessment& r = *a.timepoints[1].response;
  EXPECT_EQ(r.primary.response, Response::NE);
  EXPECT_EQ(r.softTissue.response, Response::NE);
  EXPECT_EQ(r.bone.response, Response::CR);  // 10 -> 0
  EXPECT_EQ(r.metastatic.response, Response::NE);
  EXPECT_EQ(r.overall.response, Response::NE);  // 3.4 step 2 (Q11)
  EXPECT_EQ(r.recist.response, Response::NE);
  EXPECT_EQ(a.extraDoses.decision, ExtraDoseDecision::NotAllowed);
}

TEST(AssessCase, EveryResultCarriesReasonsAndTheRuleSetVersion) {
  const Assessment a = *assessCase(responder()).assessment;
  EXPECT_EQ(a.ruleSetVersion, "nbra-rules-1.2");
  const ResponseAssessment& r = *a.timepoints[1].response;
  for (const ComponentResult* c :
       {&r.primary, &r.softTissue, &r.bone, &r.metastatic, &r.marrow, &r.overall, &r.recist}) {
    ASSERT_FALSE(c->reasons.empty());
    EXPECT_FALSE(c->reasons.front().source.empty());
    EXPECT_FALSE(c->reasons.front().text.empty());
  }
  EXPECT_FALSE(a.eligibility.reasons.empty());
  EXPECT_FALSE(a.extraDoses.reasons.empty());
  EXPECT_FALSE(a.dose.reasons.empty());
}

}  // namespace
}  // namespace nbra::scoring
