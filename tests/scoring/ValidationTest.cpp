// Invalid readings give precise errors naming the field; nothing is clamped.
#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "scoring/assessment/Assessment.h"
#include "scoring/model/Validation.h"
#include "tests/scoring/CaseBuilder.h"

namespace nbra::scoring {
namespace {

using namespace nbra::scoring::testing;

// A valid two-timepoint case the rows below break one field at a time.
Case validCase() {
  Timepoint base = timepoint(TimepointKind::Baseline, 2026, 1, 10, 0);
  base.lesions = std::vector<Lesion>{primaryLesion(40.0, true), lesion("L1", "liver", 20.0),
                                     node("N1", 25.0, 16.0)};
  base.mibg = curie(6, 1);
  base.marrow = marrow(10.0);
  Timepoint fu = timepoint(TimepointKind::FollowUp, 2026, 3, 10, 3);
  fu.lesions = std::vector<Lesion>{primaryLesion(20.0, true), lesion("L1", "liver", 20.0),
                                   node("N1", 25.0, 16.0)};
  fu.mibg = curie(2, 1);
  fu.marrow = marrow(0.0);
  return caseWith({base, fu});
}

struct Row {
  const char* rule;
  std::function<void(Case&)> breakIt;
  std::string field;
  std::string messagePart;
};

TEST(Validation, ValidCaseHasNoErrors) {
  EXPECT_TRUE(validateCase(validCase()).empty());
}

TEST(Validation, EachInvalidReadingNamesItsField) {
  const Row rows[] = {
      {"1.2 Curie segment score 4 is outside 0-3",
       [](Case& c) { (*c.timepoints[1].mibg->curie)[3].score = 4; }, "timepoints[1].mibg.curie[3]",
       "Curie score 4"},
      {"1.2 Curie segment score -1", [](Case& c) { (*c.timepoints[0].mibg->curie)[0].score = -1; },
       "timepoints[0].mibg.curie[0]", "outside 0-3"},
      {"1.2 Curie score and marks both given",
       [](Case& c) { (*c.timepoints[0].mibg->curie)[1].lesionMarks = 2; },
       "timepoints[0].mibg.curie[1]", "both a score and lesion marks"},
      {"2.2 SIOPEN segment 7 is outside 0-6",
       [](Case& c) {
         c.timepoints[0].mibg->siopen = std::array<int, kSiopenSegmentCount>{};
         (*c.timepoints[0].mibg->siopen)[5] = 7;
       },
       "timepoints[0].mibg.siopen[5]", "outside 0-6"},
      {"4 negative diameter", [](Case& c) { (*c.timepoints[1].lesions)[1].longAxisMm = -3.0; },
       "timepoints[1].lesions[1].longAxisMm", "-3.0 mm is negative"},
      {"4 short axis longer than the long axis",
       [](Case& c) {
         (*c.timepoints[1].lesions)[2].longAxisMm = 20.0;
         (*c.timepoints[1].lesions)[2].shortAxisMm = 23.0;
       },
       "timepoints[1].lesions[2].shortAxisMm", "23.0 mm is longer than the long axis 20.0 mm"},
      {"1.4 lengths are exact tenths: 20.05 mm is refused, not rounded",
       [](Case& c) { (*c.timepoints[1].lesions)[1].longAxisMm = 20.05; },
       "timepoints[1].lesions[1].longAxisMm", "more than one decimal"},
      {"4 node needs its short axis",
       [](Case& c) { (*c.timepoints[0].lesions)[2].shortAxisMm.reset(); },
       "timepoints[0].lesions[2].shortAxisMm", "short axis"},
      {"4 slice thickness must be positive",
       [](Case& c) { (*c.timepoints[0].lesions)[1].sliceThicknessMm = 0.0; },
       "timepoints[0].lesions[1].sliceThicknessMm", "not a slice thickness"},
      {"8 missing weight for dosing", [](Case& c) { c.subject.weightKg.reset(); },
       "subject.weightKg", "dose"},
      {"8 zero weight", [](Case& c) { c.subject.weightKg = 0.0; }, "subject.weightKg",
       "not a positive weight"},
      {"1.4 follow-up without a baseline",
       [](Case& c) { c.timepoints.erase(c.timepoints.begin()); }, "timepoints[0].kind",
       "follow-up without a baseline"},
      {"no timepoints at all", [](Case& c) { c.timepoints.clear(); }, "timepoints",
       "at least the baseline"},
      {"a second baseline", [](Case& c) { c.timepoints[1].kind = TimepointKind::Baseline; },
       "timepoints[1].kind", "second baseline"},
      {"dates must increase",
       [](Case& c) {
         c.timepoints[1].date =
             std::chrono::year{2025} / std::chrono::month{12} / std::chrono::day{1};
       },
       "timepoints[1].date", "is not after the previous timepoint (2026-01-10)"},
      {"impossible date",
       [](Case& c) {
         c.timepoints[1].date =
             std::chrono::year{2026} / std::chrono::month{2} / std::chrono::day{30};
       },
       "timepoints[1].date", "not a valid calendar date"},
      {"baseline is before treatment", [](Case& c) { c.timepoints[0].injectionsBefore = 1; },
       "timepoints[0].injectionsBefore", "before treatment"},
      {"injections cannot decrease",
       [](Case& c) {
         c.timepoints.push_back(c.timepoints[1]);
         c.timepoints[2].date =
             std::chrono::year{2026} / std::chrono::month{4} / std::chrono::day{1};
         c.timepoints[2].injectionsBefore = 2;
       },
       "timepoints[2].injectionsBefore", "fewer than the 3"},
      {"3.3 marrow over 100 %",
       [](Case& c) { c.timepoints[1].marrow->samples[0].infiltrationPercent = 101.0; },
       "timepoints[1].marrow.samples[0].infiltrationPercent", "more than 100 %"},
      {"3.3 marrow negative %",
       [](Case& c) { c.timepoints[1].marrow->samples[1].infiltrationPercent = -1.0; },
       "timepoints[1].marrow.samples[1].infiltrationPercent", "negative"},
      {"3.3 marrow without samples", [](Case& c) { c.timepoints[1].marrow->samples.clear(); },
       "timepoints[1].marrow.samples", "at least one"},
      {"tracking: baseline lesion missing at follow-up",
       [](Case& c) { c.timepoints[1].lesions->erase(c.timepoints[1].lesions->begin() + 1); },
       "timepoints[1].lesions", "baseline lesion 'L1' is missing"},
      {"tracking: unknown lesion not marked new",
       [](Case& c) { c.timepoints[1].lesions->push_back(lesion("X9", "lung", 12.0)); },
       "timepoints[1].lesions[3].isNew", "must be marked new"},
      {"tracking: new at baseline", [](Case& c) { (*c.timepoints[0].lesions)[1].isNew = true; },
       "timepoints[0].lesions[1].isNew", "baseline"},
      {"4 targets are chosen at baseline",
       [](Case& c) { (*c.timepoints[1].lesions)[1].role = LesionRole::NonTarget; },
       "timepoints[1].lesions[1].role", "differs from the baseline"},
      {"4 a non-measurable target (9.9 mm)",
       [](Case& c) { (*c.timepoints[0].lesions)[1].longAxisMm = 9.9; },
       "timepoints[0].lesions[1].role", "non-measurable"},
      {"4 third target in one organ",
       [](Case& c) {
         for (auto& tp : c.timepoints) {
           tp.lesions->push_back(lesion("L2", "liver", 15.0));
           tp.lesions->push_back(lesion("L3", "liver", 15.0));
         }
       },
       "timepoints[0].lesions[4].role", "at most 2 targets per organ"},
      {"Q10 node CR limit must be 10 or 15 mm",
       [](Case& c) { c.settings.crNodeShortAxisLimitMm = 12; }, "settings.crNodeShortAxisLimitMm",
       "12 mm"},
      {"MIBG reading must carry the score the settings use",
       [](Case& c) { c.timepoints[1].mibg->curie.reset(); }, "timepoints[1].mibg.curie", "Curie"},
      {"new MIBG bone sites cannot be negative",
       [](Case& c) { c.timepoints[1].mibg->newBoneSites = -1; }, "timepoints[1].mibg.newBoneSites",
       "negative"},
      {"empty subject id", [](Case& c) { c.subject.id.clear(); }, "subject.id", "empty"},
      {"8 weight given to more than 0.01 kg", [](Case& c) { c.subject.weightKg = 18.425; },
       "subject.weightKg", "more than two decimals"},
      {"negative age", [](Case& c) { c.subject.ageYears = -1.0; }, "subject.ageYears",
       "not a valid age"},
      {"lesion without tracking id", [](Case& c) { (*c.timepoints[0].lesions)[1].trackingId = ""; },
       "timepoints[0].lesions[1].trackingId", "empty"},
      {"4 non-nodal lesion without organ (targets are counted per organ)",
       [](Case& c) { (*c.timepoints[0].lesions)[1].organ = ""; }, "timepoints[0].lesions[1].organ",
       "per organ"},
      {"non-finite length",
       [](Case& c) {
         (*c.timepoints[1].lesions)[0].longAxisMm = std::numeric_limits<double>::infinity();
       },
       "timepoints[1].lesions[0].longAxisMm", "not a finite number"},
      {"3.1 primary of 0 mm at baseline",
       [](Case& c) { (*c.timepoints[0].lesions)[0].longAxisMm = 0.0; },
       "timepoints[0].lesions[0].longAxisMm", "primary tumour at baseline"},
      {"tracking id used twice at baseline",
       [](Case& c) { (*c.timepoints[0].lesions)[2].trackingId = "L1"; },
       "timepoints[0].lesions[2].trackingId", "used twice at the baseline"},
      {"tracking id used twice at a follow-up",
       [](Case& c) { c.timepoints[1].lesions->push_back((*c.timepoints[1].lesions)[1]); },
       "timepoints[1].lesions[3].trackingId", "used twice at this timepoint"},
      {"a primary cannot be new",
       [](Case& c) {
         Lesion p = primaryLesion(12.0, true);
         p.trackingId = "P2";
         p.isNew = true;
         c.timepoints[1].lesions->push_back(p);
       },
       "timepoints[1].lesions[3].isPrimary", "cannot be new"},
      {"a baseline lesion cannot be new later",
       [](Case& c) { (*c.timepoints[1].lesions)[1].isNew = true; },
       "timepoints[1].lesions[1].isNew", "cannot be new"},
      {"primary flag must match the baseline",
       [](Case& c) { (*c.timepoints[1].lesions)[1].isPrimary = true; },
       "timepoints[1].lesions[1].isPrimary", "differs from the baseline"},
      {"lymph-node flag must match the baseline",
       [](Case& c) {
         (*c.timepoints[1].lesions)[1].isLymphNode = true;
         (*c.timepoints[1].lesions)[1].shortAxisMm = 10.0;
       },
       "timepoints[1].lesions[1].isLymphNode", "differs from the baseline"},
      {"MIBG reading with no score at all", [](Case& c) { c.timepoints[1].mibg->curie.reset(); },
       "timepoints[1].mibg", "neither a Curie nor a SIOPEN score"},
      {"2.3 SIOPEN required when it drives the bone response",
       [](Case& c) { c.settings.boneScoreMethod = BoneScoreMethod::Siopen; },
       "timepoints[0].mibg.siopen", "SIOPEN"},
      {"1.2 negative lesion marks",
       [](Case& c) {
         auto& e = (*c.timepoints[0].mibg->curie)[4];
         e.score.reset();
         e.lesionMarks = -2;
       },
       "timepoints[0].mibg.curie[4].marks", "negative"},
      {"Q2 primary marks only in the soft-tissue segment",
       [](Case& c) { (*c.timepoints[0].mibg->curie)[2].primaryMarks = 1; },
       "timepoints[0].mibg.curie[2].primaryMarks", "soft-tissue segment"},
      {"Q2 primary marks cannot exceed the segment's marks",
       [](Case& c) {
         auto& e = (*c.timepoints[0].mibg->curie)[9];
         e.score.reset();
         e.lesionMarks = 1;
         e.primaryMarks = 2;
       },
       "timepoints[0].mibg.curie[9].primaryMarks", "not between 0 and the 1 marks"},
      {"new bone sites at baseline", [](Case& c) { c.timepoints[0].mibg->newBoneSites = 1; },
       "timepoints[0].mibg.newBoneSites", "must be 0 at the baseline"},
      {"negative injection count", [](Case& c) { c.timepoints[1].injectionsBefore = -1; },
       "timepoints[1].injectionsBefore", "negative"},
      {"negative FDG-PET count",
       [](Case& c) {
         c.timepoints[1].fdgPet = FdgPetReading{-1, 0, false};
       },
       "timepoints[1].fdgPet.avidBoneLesions", "negative"},
      {"8 implausible weight: the dose product would overflow, refused not computed",
       [](Case& c) { c.subject.weightKg = 1e13; }, "subject.weightKg",
       "not a plausible body weight"},
      {"8 weight just above the 1000 kg plausibility limit",
       [](Case& c) { c.subject.weightKg = 1000.01; }, "subject.weightKg",
       "not a plausible body weight"},
      {"4 length just above the 1000 mm plausibility limit",
       [](Case& c) { (*c.timepoints[1].lesions)[1].longAxisMm = 1000.1; },
       "timepoints[1].lesions[1].longAxisMm", "1000.1 mm is more than 1000 mm"},
      {"4 huge length is named as too large, not as having too many decimals",
       [](Case& c) { (*c.timepoints[1].lesions)[1].longAxisMm = 1e15; },
       "timepoints[1].lesions[1].longAxisMm", "is more than 1000 mm"},
      {"4 huge slice thickness",
       [](Case& c) { (*c.timepoints[0].lesions)[1].sliceThicknessMm = 5e3; },
       "timepoints[0].lesions[1].sliceThicknessMm", "is more than 1000 mm"},
      {"implausible age", [](Case& c) { c.subject.ageYears = 1e300; }, "subject.ageYears",
       "not a valid age"},
      {"1.2 Curie entry with neither a score nor marks is refused, not read as 0",
       [](Case& c) { (*c.timepoints[1].mibg->curie)[4].score.reset(); },
       "timepoints[1].mibg.curie[4]", "neither a score nor lesion marks"},
      {"new FDG-avid bone lesions at baseline",
       [](Case& c) {
         c.timepoints[0].fdgPet = FdgPetReading{2, 1, false};
       },
       "timepoints[0].fdgPet.newAvidBoneLesions", "must be 0 at the baseline"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    Case c = validCase();
    row.breakIt(c);
    const std::vector<InputError> errors = validateCase(c);
    bool found = false;
    for (const InputError& e : errors) {
      if (e.field == row.field && e.message.find(row.messagePart) != std::string::npos) {
        found = true;
      }
    }
    std::string all;
    for (const InputError& e : errors) {
      all += e.describe() + "\n";
    }
    EXPECT_TRUE(found) << "errors were:\n" << all;
    // assessCase refuses the same case rather than guessing.
    EXPECT_FALSE(assessCase(c).assessment.has_value());
  }
}

TEST(Validation, PlausibilityLimitsAreInclusive) {
  // The limits refuse typing errors only: exactly 1000 kg and 1000.0 mm are still read, a Curie
  // segment marked diffuse without marks is a valid entry (score 3), and 0 marks is a valid 0.
  Case c = validCase();
  c.subject.weightKg = 1000.0;
  for (Timepoint& tp : c.timepoints) {
    (*tp.lesions)[1].longAxisMm = 1000.0;
  }
  auto& diffuse = (*c.timepoints[1].mibg->curie)[4];
  diffuse.score.reset();
  diffuse.diffuse = true;
  auto& none = (*c.timepoints[1].mibg->curie)[5];
  none.score.reset();
  none.lesionMarks = 0;
  const auto errors = validateCase(c);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().describe());
  const AssessOutcome out = assessCase(c);
  ASSERT_TRUE(out.assessment);
  EXPECT_EQ(out.assessment->dose.cellsPerInjection, 5'000'000'000);  // 1000 kg x 5e6
}

TEST(Validation, ShortAxisMessageReadsAsInTheIssue) {
  Case c = validCase();
  Lesion& n = (*c.timepoints[1].lesions)[2];
  n.longAxisMm = 20.0;
  n.shortAxisMm = 23.0;
  const auto errors = validateCase(c);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().describe(),
            "timepoints[1].lesions[2].shortAxisMm: 23.0 mm is longer than the long axis 20.0 mm");
}

}  // namespace
}  // namespace nbra::scoring
