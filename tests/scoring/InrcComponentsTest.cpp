// INRC 2017 components: primary (PARK17 Table 1, clinical-rules.md 3.1), metastatic soft tissue
// and bone (Table 2, 3.2), bone marrow (Table 3, 3.3).
#include <gtest/gtest.h>

#include "scoring/inrc/BoneResponse.h"
#include "scoring/inrc/MarrowResponse.h"
#include "scoring/inrc/MetastaticResponse.h"
#include "scoring/inrc/PrimaryResponse.h"
#include "scoring/inrc/SoftTissueResponse.h"

namespace nbra::scoring {
namespace {

PrimaryInputs primary(Tenths base, Tenths nad, std::optional<Tenths> now, bool avidBase,
                      std::optional<bool> avidNow) {
  PrimaryInputs p;
  p.involvedAtBaseline = true;
  p.baselineTenths = base;
  p.nadirTenths = nad;
  p.currentTenths = now;
  p.avidAtBaseline = avidBase;
  p.avidNow = avidNow;
  return p;
}

struct PrimaryRow {
  const char* rule;
  PrimaryInputs in;
  Response expected;
};

TEST(InrcPrimary, Table1) {
  PrimaryInputs none;
  PrimaryInputs unimaged;
  unimaged.baselineImaged = false;
  const PrimaryRow rows[] = {
      {"3.1 CR: 9.9 mm residual and uptake resolved", primary(500, 500, 99, true, false),
       Response::CR},
      {"3.1 CR boundary: exactly 10.0 mm is not < 10 mm -> PR (80 % smaller)",
       primary(500, 500, 100, true, false), Response::PR},
      {"3.1 CR needs uptake resolved: 9.9 mm still avid -> PR", primary(500, 500, 99, true, true),
       Response::PR},
      {"3.1 PR: exactly 30 % smaller, uptake stable", primary(500, 500, 350, true, true),
       Response::PR},
      {"3.1 SD: 29.8 % smaller", primary(500, 500, 351, true, true), Response::SD},
      {"3.1 PR needs uptake not worse: newly avid -> SD", primary(500, 500, 300, false, true),
       Response::SD},
      {"3.1 PD: exactly +20 % and +5 mm over nadir is NOT PD (strict > 20 %)",
       primary(500, 250, 300, true, true), Response::PR},
      {"3.1 PD: +20.4 % and +5.1 mm over nadir", primary(500, 250, 301, true, true), Response::PD},
      {"3.1 PD: +49 % but +4.9 mm is not PD", primary(100, 100, 149, true, true), Response::SD},
      {"3.1 PD: +50 % and exactly +5.0 mm", primary(100, 100, 150, true, true), Response::PD},
      {"3.1 PD is judged even without a functional scan", primary(100, 100, 150, true, {}),
       Response::PD},
      {"NE: no CT/MRI at this timepoint", primary(500, 500, {}, true, true), Response::NE},
      {"NE: no MIBG/FDG scan to judge uptake", primary(500, 500, 300, true, {}), Response::NE},
      {"3.4 NI: no primary at baseline", none, Response::NI},
      {"3.4 NI needs the site seen free at entry: no baseline CT/MRI -> NE", unimaged,
       Response::NE},
  };
  for (const PrimaryRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const ComponentResult r = primaryResponse(row.in);
    EXPECT_EQ(r.response, row.expected);
    ASSERT_FALSE(r.reasons.empty());
    EXPECT_EQ(r.reasons.front().source, "PARK17 Table 1");
  }
}

SoftTissueInputs soft(Tenths base, Tenths nad, std::optional<Tenths> now, bool allSmall,
                      std::optional<bool> uptake) {
  SoftTissueInputs s;
  s.involvedAtBaseline = true;
  s.hasTargets = true;
  s.baselineSum = base;
  s.nadirSum = nad;
  s.currentSum = now;
  s.allBelowCrLimits = allSmall;
  s.uptakeRemaining = uptake;
  return s;
}

struct SoftRow {
  const char* rule;
  SoftTissueInputs in;
  Response expected;
};

TEST(InrcSoftTissue, Table2) {
  SoftTissueInputs newAvid = soft(500, 500, 200, false, true);
  newAvid.newQualifyingLesions = 1;
  SoftTissueInputs newPlain = soft(500, 500, 200, false, true);
  newPlain.newOtherLesions = 1;
  SoftTissueInputs nonTargetGrew = soft(500, 500, 300, false, true);
  nonTargetGrew.nonTargetsStableOrSmaller = false;
  SoftTissueInputs notInvolved;
  SoftTissueInputs notInvolvedNewPlain;
  notInvolvedNewPlain.newOtherLesions = 1;
  SoftTissueInputs unimaged;
  unimaged.baselineImaged = false;
  unimaged.currentSum = 0;
  unimaged.uptakeRemaining = false;
  SoftTissueInputs unimagedNewAvid = unimaged;
  unimagedNewAvid.newQualifyingLesions = 1;
  SoftTissueInputs onlyNonTargets = soft(0, 0, 0, false, true);
  onlyNonTargets.hasTargets = false;
  const SoftRow rows[] = {
      {"3.2 CR: all < 10 mm, uptake resolved", soft(500, 500, 150, true, false), Response::CR},
      {"3.2 CR needs uptake resolved", soft(500, 500, 150, true, true), Response::PR},
      {"3.2 PR: exactly 30 % decrease of the sum", soft(500, 500, 350, false, true), Response::PR},
      {"3.2 SD: 29.8 % decrease", soft(500, 500, 351, false, true), Response::SD},
      {"3.2 PD: > 20 % and >= 5 mm over nadir", soft(500, 250, 301, false, true), Response::PD},
      {"3.2 not PD: exactly 20 % over nadir (strict)", soft(500, 250, 300, false, true),
       Response::PR},
      {"3.2 PD: new MIBG/FDG-avid or biopsy-proven soft-tissue lesion", newAvid, Response::PD},
      {"3.2 PR needs no new lesion: new non-avid lesion -> SD", newPlain, Response::SD},
      {"3.2 PR needs non-targets stable or smaller", nonTargetGrew, Response::SD},
      {"3.2 NI: nothing at baseline, nothing new", notInvolved, Response::NI},
      {"3.2 new non-avid lesion in a previously clear patient rules out NI", notInvolvedNewPlain,
       Response::SD},
      {"3.2 non-targets only, present -> SD", onlyNonTargets, Response::SD},
      {"3.4 NI needs the site seen free at entry: no baseline CT/MRI -> NE", unimaged,
       Response::NE},
      {"3.2 PD: a new avid lesion is progression even without a baseline CT/MRI", unimagedNewAvid,
       Response::PD},
      {"NE: no CT/MRI", soft(500, 500, {}, false, true), Response::NE},
      {"NE: no functional scan", soft(500, 500, 300, false, {}), Response::NE},
  };
  for (const SoftRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(softTissueResponse(row.in).response, row.expected);
  }
}

MibgBoneInputs mibg(std::optional<int> base, std::optional<int> now, int fresh = 0,
                    std::optional<int> nad = std::nullopt) {
  MibgBoneInputs b;
  b.baselineScore = base;
  b.currentScore = now;
  b.newBoneSites = fresh;
  b.nadirScore = nad;
  return b;
}

struct BoneRow {
  const char* rule;
  MibgBoneInputs in;
  bool prBelowOneTenth;
  Response expected;
};

TEST(InrcBone, MibgRelativeScore) {
  const BoneRow rows[] = {
      {"1.5 CR: score 0", mibg(12, 0), true, Response::CR},
      {"1.5 PR: relative exactly 0.5", mibg(12, 6), true, Response::PR},
      {"1.5 SD: relative 7/12 = 0.58", mibg(12, 7), true, Response::SD},
      {"1.5 PD: relative exactly 1.2", mibg(10, 12), true, Response::PD},
      {"1.5 SD: relative 1.1", mibg(10, 11), true, Response::SD},
      {"1.5 PD: any new MIBG-avid bone site, even with a falling score", mibg(12, 3, 1), true,
       Response::PD},
      {"Q5 default: 0 < r < 0.1 is PR", mibg(20, 1), true, Response::PR},
      {"Q5 setting off: 0 < r < 0.1 is SD", mibg(20, 1), false, Response::SD},
      {"Q5 setting off: exactly 0.1 is still PR", mibg(20, 2), false, Response::PR},
      {"1.4 baseline 0 and still 0: NI", mibg(0, 0), true, Response::NI},
      {"1.4 baseline 0, now uptake: new bone site -> PD", mibg(0, 1), true, Response::PD},
      {"Q6: rebound 10 -> 2 -> 8 is vs baseline, not PD", mibg(10, 8, 0, 2), true, Response::SD},
      {"NE: no MIBG now", mibg(10, {}), true, Response::NE},
      {"NE: no baseline score", mibg({}, 3), true, Response::NE},
  };
  for (const BoneRow& row : rows) {
    SCOPED_TRACE(row.rule);
    Settings settings;
    settings.bonePrBelowOneTenth = row.prBelowOneTenth;
    EXPECT_EQ(mibgBoneResponse(row.in, settings).response, row.expected);
  }
}

TEST(InrcBone, ReboundWarningQ6) {
  Settings settings;
  const ComponentResult r = mibgBoneResponse(mibg(10, 8, 0, 2), settings);
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_NE(r.reasons[1].text.find("Warning"), std::string::npos);
  settings.warnOnRiseFromNadir = false;
  EXPECT_EQ(mibgBoneResponse(mibg(10, 8, 0, 2), settings).reasons.size(), 1u);
}

FdgBoneInputs fdg(std::optional<int> base, std::optional<int> now, int confirmed = 0,
                  int unconfirmed = 0) {
  FdgBoneInputs f;
  f.baselineCount = base;
  f.currentCount = now;
  f.newConfirmed = confirmed;
  f.newUnconfirmed = unconfirmed;
  return f;
}

TEST(InrcBone, FdgPetForMibgNonAvidDisease) {
  struct Row {
    const char* rule;
    FdgBoneInputs in;
    Response expected;
  };
  const Row rows[] = {
      {"3.2 FDG PR: exactly 50 % fewer avid bone lesions (6 -> 3)", fdg(6, 3), Response::PR},
      {"3.2 FDG SD: 6 -> 4", fdg(6, 4), Response::SD},
      {"3.2 FDG CR: no avid bone lesion", fdg(6, 0), Response::CR},
      {"3.2 FDG PD: new avid bone lesion confirmed by CT/MRI or histology", fdg(6, 2, 1),
       Response::PD},
      {"3.2 FDG: new unconfirmed lesion is not PD but rules out PR", fdg(6, 2, 0, 1), Response::SD},
      {"3.2 FDG NI: no avid bone lesion at baseline", fdg(0, 0), Response::NI},
      {"NE: no FDG-PET now", fdg(6, {}), Response::NE},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(fdgBoneResponse(row.in).response, row.expected);
  }
}

TEST(InrcMetastatic, SoftTissueAndBoneTogether) {
  using R = Response;
  struct Row {
    const char* rule;
    R soft;
    R bone;
    R expected;
  };
  const Row rows[] = {
      {"3.2 note: any PD sub-criterion -> PD", R::PR, R::PD, R::PD},
      {"3.2 note: both involved, PR only if both meet PR", R::PR, R::SD, R::SD},
      {"3.2 note: both PR -> PR", R::PR, R::PR, R::PR},
      {"3.2 CR + PR -> PR", R::CR, R::PR, R::PR},
      {"3.2 both CR -> CR", R::CR, R::CR, R::CR},
      {"3.2 note: bone-only disease, bone PR -> PR", R::NI, R::PR, R::PR},
      {"3.2 note: soft tissue only, CR -> CR", R::CR, R::NI, R::CR},
      {"3.2 note: neither involved -> NI", R::NI, R::NI, R::NI},
      {"Q11: a part not evaluable -> NE", R::PR, R::NE, R::NE},
      {"PD wins over NE", R::NE, R::PD, R::PD},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(metastaticResponse({row.soft, {}}, {row.bone, {}}).response, row.expected);
  }
}

struct MarrowRow {
  const char* rule;
  std::optional<Tenths> base;
  std::optional<Tenths> now;
  int aspirates;
  int biopsies;
  Response expected;
};

TEST(InrcMarrow, Table3Defaults) {
  using R = Response;
  const MarrowRow rows[] = {
      {"3.3 CR: F = 0 with two biopsies and two aspirates", 300, 0, 2, 2, R::CR},
      {"PDQ overall CR: F = 0 on fewer samples is not evaluable", 300, 0, 2, 1, R::NE},
      {"3.3 NI: B = 0 and F = 0", 0, 0, 1, 1, R::NI},
      {"3.3 MD: B = 0, F exactly 5 % (PARK17 > 5 % for PD, Q9)", 0, 50, 2, 2, R::MD},
      {"3.3 PD: B = 0, F 5.1 %", 0, 51, 2, 2, R::PD},
      {"3.3 MD: 0 < B <= 5 %, 0 < F <= 5 % (B 5.0 %, F 5.0 %)", 50, 50, 2, 2, R::MD},
      {"3.3 SD: B 3 %, F 5.1 %", 30, 51, 2, 2, R::SD},
      {"3.3 MD: B > 20 % (20.1 %), F 5 %", 201, 50, 2, 2, R::MD},
      {"Q8 default: gap B 20.0 %, F 5 % -> MD", 200, 50, 2, 2, R::MD},
      {"Q8 default: gap B 5.1 %, F 0.1 % -> MD", 51, 1, 2, 2, R::MD},
      {"3.3 PD: F > 2B and F > 20 % (B 10 %, F 20.1 %)", 100, 201, 2, 2, R::PD},
      {"3.3 not PD: F exactly 20 % (B 10 %)", 100, 200, 2, 2, R::SD},
      {"3.3 not PD: F exactly 2B (B 15 %, F 30 %)", 150, 300, 2, 2, R::SD},
      {"3.3 PD: F just over 2B (B 15 %, F 30.1 %)", 150, 301, 2, 2, R::PD},
      {"3.3 not PD: F > 2B but not > 20 % (B 5 %, F 15 %)", 50, 150, 2, 2, R::SD},
      {"NE: no baseline marrow", std::nullopt, 0, 2, 2, R::NE},
      {"NI: negative at baseline, not reassessed", 0, std::nullopt, 0, 0, R::NI},
      {"NE: positive at baseline, not reassessed", 100, std::nullopt, 0, 0, R::NE},
  };
  const Settings settings;
  for (const MarrowRow& row : rows) {
    SCOPED_TRACE(row.rule);
    MarrowInputs in{row.base, row.now, row.aspirates, row.biopsies};
    EXPECT_EQ(marrowResponse(in, settings).response, row.expected);
  }
}

TEST(InrcMarrow, OpenQuestionSettings) {
  Settings pdq;
  pdq.marrowPdFromNegative = MarrowPdFromNegative::AtLeastFivePercent;
  // Q9 PDQ reading: a negative marrow now exactly 5 % is PD; 4.9 % is MD.
  EXPECT_EQ(marrowResponse({0, 50, 2, 2}, pdq).response, Response::PD);
  EXPECT_EQ(marrowResponse({0, 49, 2, 2}, pdq).response, Response::MD);
  Settings literal;
  literal.marrowGapIsMinimalDisease = false;
  // Q8 literal: the gap 5 % < B <= 20 %, 0 < F <= 5 % is not MD.
  EXPECT_EQ(marrowResponse({200, 50, 2, 2}, literal).response, Response::SD);
  EXPECT_EQ(marrowResponse({51, 50, 2, 2}, literal).response, Response::SD);  // B 5.1 %: gap
  // ...but B <= 5 % and B > 20 % stay MD (the PARK17 rows on either side of the gap).
  EXPECT_EQ(marrowResponse({50, 50, 2, 2}, literal).response, Response::MD);
  EXPECT_EQ(marrowResponse({201, 50, 2, 2}, literal).response, Response::MD);
  Settings relaxed;
  relaxed.marrowCrNeedsTwoBiopsiesTwoAspirates = false;
  EXPECT_EQ(marrowResponse({300, 0, 1, 0}, relaxed).response, Response::CR);
}

}  // namespace
}  // namespace nbra::scoring
