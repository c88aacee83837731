// The protocol's full eligibility checklist: inclusion 1-6 and exclusion 3-16 (clinical-rules.md
// 8.1, Q21). Every boundary is tested on both sides.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scoring/checklist/EligibilityChecklist.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using namespace nbra::scoring::testing;
using namespace std::chrono;

constexpr Date kAnswered = 2026y / January / 5;
constexpr Date kEnrolment = 2026y / January / 10;
constexpr Date kBirth = 2015y / June / 15;  // 10 years old at enrolment

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

ChecklistAnswer yes(const std::string& key, bool value = true) {
  return {.key = key,
          .yes = value,
          .value = {},
          .unit = "",
          .date = kAnswered,
          .sourceDocument = "case report form"};
}

ChecklistAnswer no(const std::string& key) {
  return yes(key, false);
}

// A number in the item's own unit.
ChecklistAnswer num(const std::string& key, double value) {
  const ChecklistItem* item = findChecklistItem(key);
  EXPECT_NE(item, nullptr) << key;
  return {.key = key,
          .yes = {},
          .value = value,
          .unit = item ? item->unit : "",
          .date = kAnswered,
          .sourceDocument = "case report form"};
}

// Every item answered so that every inclusion is met and no exclusion applies.
std::vector<ChecklistAnswer> passingAnswers() {
  return {
      yes("induction.highRiskResistant"),
      num("induction.cycles", 4),
      yes("relapse.afterTransplantOrAggressive"),
      num("lifeExpectancy.months", 12),
      yes("diagnosis.pathology"),
      yes("diagnosis.marrowTumourCells"),
      num("catecholamines.timesUln", 1.5),
      num("cardiac.sfPercent", 35),
      num("cardiac.efPercent", 65),
      no("pulmonary.dyspnoeaAtRest"),
      no("pulmonary.exerciseIntolerance"),
      no("pulmonary.chronicOxygen"),
      no("pulmonary.effusion"),
      num("pulmonary.spo2Percent", 98),
      no("emergencyCondition"),
      no("disease.marrowOnlyWithoutPathology"),
      num("steroids.doseMgPerKgPerDay", 0),
      num("steroids.days", 0),
      no("cyp3a4.within7Days"),
      no("otherMalignancy"),
      num("diarrhoea.ctcaeGrade", 0),
      no("significantIllness"),
      no("otherTrial"),
      num("organToxicity.maxCtcaeGrade", 1),
      no("unableToComply"),
      yes("consent.guardianSigned"),
      no("hiv"),
  };
}

ChecklistInput passingInput() {
  return {.birthDate = kBirth,
          .recordedAgeYears = std::nullopt,
          .enrolmentDate = kEnrolment,
          .imagingEligible = true,
          .answers = passingAnswers()};
}

// The passing input with `changes` entered after the passing answers (the later answer wins).
ChecklistInput passingWith(const std::vector<ChecklistAnswer>& changes) {
  ChecklistInput input = passingInput();
  input.answers.insert(input.answers.end(), changes.begin(), changes.end());
  return input;
}

// The passing input without the answers to `keys`.
ChecklistInput passingWithout(const std::set<std::string>& keys) {
  ChecklistInput input = passingInput();
  std::erase_if(input.answers, [&](const ChecklistAnswer& a) { return keys.contains(a.key); });
  return input;
}

const CriterionResult& criterion(const ChecklistResult& result, const std::string& id) {
  const auto it = std::find_if(result.criteria.begin(), result.criteria.end(),
                               [&](const CriterionResult& c) { return c.id == id; });
  if (it == result.criteria.end()) {
    throw std::logic_error("no criterion " + id);
  }
  return *it;
}

std::string statusOf(const ChecklistResult& result, const std::string& id) {
  return std::string(criterionStatusCode(criterion(result, id).status));
}

std::string statusOf(const ChecklistInput& input, const std::string& id,
                     const ChecklistSettings& settings = {}) {
  return statusOf(evaluateChecklist(input, settings), id);
}

std::string allReasons(const ChecklistResult& result, const std::string& id) {
  std::string text;
  for (const std::string& r : criterion(result, id).reasons) {
    text += r + "\n";
  }
  return text;
}

const std::vector<std::string> kIds = {"I1",  "I2",  "I3",  "I4",  "I5",  "I6", "E3",
                                       "E4",  "E5",  "E6",  "E7",  "E8",  "E9", "E10",
                                       "E11", "E12", "E13", "E14", "E15", "E16"};

// ---------------------------------------------------------------------------------------------
// The items

TEST(EligibilityChecklist, ItemsKeepTheirStoredKeysInChecklistOrder) {
  const std::vector<std::string> expected = {"induction.highRiskResistant",
                                             "induction.cycles",
                                             "relapse.afterTransplantOrAggressive",
                                             "lifeExpectancy.months",
                                             "diagnosis.pathology",
                                             "diagnosis.marrowTumourCells",
                                             "catecholamines.timesUln",
                                             "cardiac.sfPercent",
                                             "cardiac.efPercent",
                                             "pulmonary.dyspnoeaAtRest",
                                             "pulmonary.exerciseIntolerance",
                                             "pulmonary.chronicOxygen",
                                             "pulmonary.effusion",
                                             "pulmonary.spo2Percent",
                                             "emergencyCondition",
                                             "disease.marrowOnlyWithoutPathology",
                                             "steroids.doseMgPerKgPerDay",
                                             "steroids.days",
                                             "cyp3a4.within7Days",
                                             "otherMalignancy",
                                             "diarrhoea.ctcaeGrade",
                                             "significantIllness",
                                             "otherTrial",
                                             "organToxicity.maxCtcaeGrade",
                                             "unableToComply",
                                             "consent.guardianSigned",
                                             "hiv"};
  std::vector<std::string> keys;
  for (const ChecklistItem& item : checklistItems()) {
    keys.push_back(item.key);
  }
  EXPECT_EQ(keys, expected);
}

TEST(EligibilityChecklist, NumberItemsHaveUnitRangeAndWholeness) {
  struct Row {
    const char* key;
    const char* criterion;
    const char* unit;
    double minValue;
    double maxValue;
    bool integer;
    bool optional;
  };
  const Row rows[] = {
      {"induction.cycles", "I1", "cycles", 0, 40, true, false},
      {"lifeExpectancy.months", "I3", "months", 0, 240, false, false},
      {"catecholamines.timesUln", "I4", "x ULN", 0, 1000, false, false},
      {"cardiac.sfPercent", "E3", "%", 0, 100, false, true},
      {"cardiac.efPercent", "E3", "%", 0, 100, false, true},
      {"pulmonary.spo2Percent", "E4", "%", 0, 100, false, true},
      {"steroids.doseMgPerKgPerDay", "E7", "mg/kg/day", 0, 60, false, false},
      {"steroids.days", "E7", "days", 0, 3650, true, false},
      {"diarrhoea.ctcaeGrade", "E10", "CTCAE grade", 0, 5, true, false},
      {"organToxicity.maxCtcaeGrade", "E13", "CTCAE grade", 0, 5, true, false},
  };
  int numbers = 0;
  for (const ChecklistItem& item : checklistItems()) {
    numbers += item.type == ItemType::Number ? 1 : 0;
  }
  EXPECT_EQ(numbers, static_cast<int>(std::size(rows)));
  for (const Row& row : rows) {
    SCOPED_TRACE(row.key);
    const ChecklistItem* item = findChecklistItem(row.key);
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->type, ItemType::Number);
    EXPECT_EQ(item->criterion, row.criterion);
    EXPECT_EQ(item->unit, row.unit);
    EXPECT_EQ(item->minValue, row.minValue);
    EXPECT_EQ(item->maxValue, row.maxValue);
    EXPECT_EQ(item->integer, row.integer);
    EXPECT_EQ(item->optional, row.optional);
  }
}

TEST(EligibilityChecklist, YesNoItemsNameTheirCriterion) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"induction.highRiskResistant", "I1"},
      {"relapse.afterTransplantOrAggressive", "I2"},
      {"diagnosis.pathology", "I4"},
      {"diagnosis.marrowTumourCells", "I4"},
      {"pulmonary.dyspnoeaAtRest", "E4"},
      {"pulmonary.exerciseIntolerance", "E4"},
      {"pulmonary.chronicOxygen", "E4"},
      {"pulmonary.effusion", "E4"},
      {"emergencyCondition", "E5"},
      {"disease.marrowOnlyWithoutPathology", "E6"},
      {"cyp3a4.within7Days", "E8"},
      {"otherMalignancy", "E9"},
      {"significantIllness", "E11"},
      {"otherTrial", "E12"},
      {"unableToComply", "E14"},
      {"consent.guardianSigned", "E15"},
      {"hiv", "E16"},
  };
  for (const auto& [key, id] : rows) {
    SCOPED_TRACE(key);
    const ChecklistItem* item = findChecklistItem(key);
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->type, ItemType::YesNo);
    EXPECT_EQ(item->criterion, id);
    EXPECT_TRUE(item->unit.empty());
    EXPECT_FALSE(item->optional);
  }
  EXPECT_EQ(findChecklistItem("cardiac.sf"), nullptr);
  EXPECT_EQ(findChecklistItem(""), nullptr);
}

TEST(EligibilityChecklist, EveryItemAsksAQuestion) {
  std::set<std::string> questions;
  for (const ChecklistItem& item : checklistItems()) {
    SCOPED_TRACE(item.key);
    EXPECT_TRUE(contains(item.question, "?")) << item.question;
    EXPECT_TRUE(questions.insert(item.question).second) << "question asked twice";
  }
  EXPECT_EQ(findChecklistItem("induction.highRiskResistant")->question,
            "High-risk neuroblastoma (COG/INRG) resistant to standard induction?");
  EXPECT_EQ(findChecklistItem("disease.marrowOnlyWithoutPathology")->question,
            "Is bone marrow the only evaluable disease, without a confirmatory pathology "
            "report?");
}

TEST(EligibilityChecklist, QuestionsCarryTheThresholdsOfTheSettings) {
  const std::vector<std::pair<std::string, std::string>> defaults = {
      {"induction.cycles", "At least 4"},
      {"lifeExpectancy.months", "At least 6 months"},
      {"catecholamines.timesUln", "Above 1 x ULN"},
      {"catecholamines.timesUln", "above 2 x ULN excludes"},
      {"cardiac.sfPercent", "Below 27 %"},
      {"cardiac.efPercent", "Below 50 %"},
      {"pulmonary.spo2Percent", "Below 94 %"},
      {"steroids.doseMgPerKgPerDay", "At least 0.5 mg/kg/day for at least 7 days"},
      {"steroids.days", "At least 7 days at 0.5 mg/kg/day"},
      {"diarrhoea.ctcaeGrade", "Above grade 2"},
      {"organToxicity.maxCtcaeGrade", "Above grade 2"},
      {"consent.guardianSigned", "No excludes"},
      {"hiv", "Yes excludes"},
  };
  for (const auto& [key, part] : defaults) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(contains(findChecklistItem(key)->question, part))
        << findChecklistItem(key)->question;
  }
  ChecklistSettings s;
  s.minShorteningFractionPercent = 28.5;
  s.minSpO2Percent = 92;
  s.catecholamines = CatecholamineReading::LimitOnlyWithoutPathology;
  const std::vector<ChecklistItem> items = checklistItems(s);
  ASSERT_EQ(items.size(), checklistItems().size());
  const auto question = [&](const std::string& key) {
    return std::find_if(items.begin(), items.end(),
                        [&](const ChecklistItem& i) { return i.key == key; })
        ->question;
  };
  EXPECT_TRUE(contains(question("cardiac.sfPercent"), "Below 28.5 %"));
  EXPECT_TRUE(contains(question("pulmonary.spo2Percent"), "Below 92 %"));
  EXPECT_TRUE(contains(question("catecholamines.timesUln"),
                       "when the diagnosis does not rest on pathology"));
}

// ---------------------------------------------------------------------------------------------
// The whole checklist

TEST(EligibilityChecklist, PassingAnswersAreEligible) {
  const ChecklistResult result = evaluateChecklist(passingInput());
  EXPECT_TRUE(result.complete);
  EXPECT_TRUE(result.eligible);
  ASSERT_EQ(result.criteria.size(), kIds.size());
  for (std::size_t i = 0; i < kIds.size(); ++i) {
    SCOPED_TRACE(kIds[i]);
    const CriterionResult& c = result.criteria[i];
    EXPECT_EQ(c.id, kIds[i]);
    EXPECT_FALSE(c.title.empty());
    EXPECT_FALSE(c.reasons.empty());
    if (i < 6) {
      EXPECT_EQ(c.kind, CriterionKind::Inclusion);
      EXPECT_EQ(c.status, CriterionStatus::Met);
    } else {
      EXPECT_EQ(c.kind, CriterionKind::Exclusion);
      EXPECT_EQ(c.status, CriterionStatus::Clear);
    }
  }
}

TEST(EligibilityChecklist, NothingAnsweredIsMissingEverywhereButImagingAndAge) {
  ChecklistInput input = passingInput();
  input.answers.clear();
  const ChecklistResult result = evaluateChecklist(input);
  EXPECT_FALSE(result.complete);
  EXPECT_FALSE(result.eligible);
  for (const std::string& id : kIds) {
    SCOPED_TRACE(id);
    EXPECT_EQ(statusOf(result, id), id == "I5" || id == "I6" ? "met" : "missing");
  }
}

struct MissingRow {
  const char* id;
  std::set<std::string> keys;  // left unanswered
};

TEST(EligibilityChecklist, EveryCriterionIsMissingWhenItsAnswersAreAbsent) {
  const MissingRow rows[] = {
      {"I1", {"induction.highRiskResistant", "induction.cycles"}},
      {"I1", {"induction.cycles"}},  // resistant, but how many cycles?
      {"I1", {"induction.highRiskResistant"}},
      {"I2", {"relapse.afterTransplantOrAggressive"}},
      {"I3", {"lifeExpectancy.months"}},
      {"I4", {"diagnosis.pathology", "diagnosis.marrowTumourCells", "catecholamines.timesUln"}},
      {"E3", {"cardiac.sfPercent", "cardiac.efPercent"}},
      {"E4", {"pulmonary.dyspnoeaAtRest"}},
      {"E4", {"pulmonary.exerciseIntolerance"}},
      {"E4", {"pulmonary.chronicOxygen"}},
      {"E4", {"pulmonary.effusion"}},
      {"E5", {"emergencyCondition"}},
      {"E6", {"disease.marrowOnlyWithoutPathology"}},
      {"E6", {"catecholamines.timesUln"}},  // literal reading: the limit needs the value
      {"E7", {"steroids.doseMgPerKgPerDay", "steroids.days"}},
      {"E8", {"cyp3a4.within7Days"}},
      {"E9", {"otherMalignancy"}},
      {"E10", {"diarrhoea.ctcaeGrade"}},
      {"E11", {"significantIllness"}},
      {"E12", {"otherTrial"}},
      {"E13", {"organToxicity.maxCtcaeGrade"}},
      {"E14", {"unableToComply"}},
      {"E15", {"consent.guardianSigned"}},
      {"E16", {"hiv"}},
  };
  for (const MissingRow& row : rows) {
    SCOPED_TRACE(std::string(row.id) + " without " + *row.keys.begin());
    const ChecklistResult result = evaluateChecklist(passingWithout(row.keys));
    EXPECT_EQ(statusOf(result, row.id), "missing");
    EXPECT_FALSE(result.complete);
    EXPECT_FALSE(result.eligible);
    // The reasons name what is not answered.
    const std::string reasons = allReasons(result, row.id);
    bool named = false;
    for (const std::string& key : row.keys) {
      named = named || contains(reasons, key);
    }
    EXPECT_TRUE(named) << reasons;
    EXPECT_TRUE(contains(reasons, "not answered")) << reasons;
  }
}

TEST(EligibilityChecklist, ImagingAndAgeAreMissingWithoutDecisionOrBirthDate) {
  ChecklistInput input = passingInput();
  input.imagingEligible.reset();
  ChecklistResult result = evaluateChecklist(input);
  EXPECT_EQ(statusOf(result, "I5"), "missing");
  EXPECT_FALSE(result.complete);
  EXPECT_FALSE(result.eligible);
  EXPECT_TRUE(contains(allReasons(result, "I5"), "no signed imaging eligibility"));

  input = passingInput();
  input.birthDate.reset();
  result = evaluateChecklist(input);
  EXPECT_EQ(statusOf(result, "I6"), "missing");
  EXPECT_FALSE(result.complete);
  EXPECT_FALSE(result.eligible);
  EXPECT_TRUE(contains(allReasons(result, "I6"), "no birth date")) << allReasons(result, "I6");
}

// A de-identified record keeps the age, not the birth date: the recorded age is judged in
// completed years, and the reason says the enrolment day itself could not be used.
TEST(EligibilityChecklist, WithoutABirthDateTheRecordedAgeIsJudged) {
  ChecklistInput input = passingInput();
  input.birthDate.reset();
  for (const auto& [years, expected] : std::vector<std::pair<double, std::string>>{
           {1.99, "not-met"}, {2.0, "met"}, {6.4, "met"}, {16.99, "met"}, {17.0, "not-met"}}) {
    input.recordedAgeYears = years;
    const ChecklistResult result = evaluateChecklist(input);
    EXPECT_EQ(statusOf(result, "I6"), expected) << years;
    EXPECT_TRUE(contains(allReasons(result, "I6"), "recorded age")) << allReasons(result, "I6");
  }
  ChecklistSettings exact;
  exact.ageLimit = AgeLimitReading::UpToUpperBirthday;
  input.recordedAgeYears = 16.5;
  EXPECT_EQ(statusOf(evaluateChecklist(input, exact), "I6"), "not-met");
  input.recordedAgeYears = 16.0;
  EXPECT_EQ(statusOf(evaluateChecklist(input, exact), "I6"), "met");
}

TEST(EligibilityChecklist, OptionalItemsMayStayUnanswered) {
  EXPECT_EQ(statusOf(passingWithout({"pulmonary.spo2Percent"}), "E4"), "clear");
  EXPECT_EQ(statusOf(passingWithout({"cardiac.sfPercent"}), "E3"), "clear");
  EXPECT_EQ(statusOf(passingWithout({"cardiac.efPercent"}), "E3"), "clear");
  const ChecklistResult result = evaluateChecklist(passingWithout({"pulmonary.spo2Percent"}));
  EXPECT_TRUE(result.eligible);
  EXPECT_TRUE(contains(allReasons(result, "E4"), "SpO2 not measured"));
}

struct FlipRow {
  const char* rule;
  const char* id;
  std::vector<ChecklistAnswer> answers;
};

TEST(EligibilityChecklist, EachExclusionAloneMakesIneligible) {
  const FlipRow rows[] = {
      {"3: shortening fraction 26.9 %", "E3", {num("cardiac.sfPercent", 26.9)}},
      {"3: ejection fraction 49.9 %", "E3", {num("cardiac.efPercent", 49.9)}},
      {"4: dyspnoea at rest", "E4", {yes("pulmonary.dyspnoeaAtRest")}},
      {"4: exercise intolerance", "E4", {yes("pulmonary.exerciseIntolerance")}},
      {"4: chronic oxygen", "E4", {yes("pulmonary.chronicOxygen")}},
      {"4: effusion", "E4", {yes("pulmonary.effusion")}},
      {"4: SpO2 93.9 %", "E4", {num("pulmonary.spo2Percent", 93.9)}},
      {"5: emergency condition", "E5", {yes("emergencyCondition")}},
      {"6: catecholamines 2.1 x ULN (literal)", "E6", {num("catecholamines.timesUln", 2.1)}},
      {"6: marrow only without pathology", "E6", {yes("disease.marrowOnlyWithoutPathology")}},
      {"7: steroids 0.5 mg/kg/day for 7 days",
       "E7",
       {num("steroids.doseMgPerKgPerDay", 0.5), num("steroids.days", 7)}},
      {"8: CYP3A4", "E8", {yes("cyp3a4.within7Days")}},
      {"9: other malignancy", "E9", {yes("otherMalignancy")}},
      {"10: diarrhoea grade 3", "E10", {num("diarrhoea.ctcaeGrade", 3)}},
      {"11: significant illness", "E11", {yes("significantIllness")}},
      {"12: other trial", "E12", {yes("otherTrial")}},
      {"13: organ impairment grade 3", "E13", {num("organToxicity.maxCtcaeGrade", 3)}},
      {"14: unable to comply", "E14", {yes("unableToComply")}},
      {"15: no guardian consent", "E15", {no("consent.guardianSigned")}},
      {"16: HIV", "E16", {yes("hiv")}},
  };
  std::set<std::string> covered;
  for (const FlipRow& row : rows) {
    SCOPED_TRACE(row.rule);
    covered.insert(row.id);
    const ChecklistResult result = evaluateChecklist(passingWith(row.answers));
    EXPECT_TRUE(result.complete);
    EXPECT_FALSE(result.eligible);
    for (const std::string& id : kIds) {
      SCOPED_TRACE(id);
      const std::string expected = id == row.id ? "excludes" : id[0] == 'I' ? "met" : "clear";
      EXPECT_EQ(statusOf(result, id), expected);
    }
  }
  EXPECT_EQ(covered.size(), 14u) << "every exclusion 3..16 has a row";
}

TEST(EligibilityChecklist, EachInclusionAloneMakesIneligible) {
  const FlipRow rows[] = {
      {"1: not resistant", "I1", {no("induction.highRiskResistant")}},
      {"1: 3 cycles", "I1", {num("induction.cycles", 3)}},
      {"2: no relapse", "I2", {no("relapse.afterTransplantOrAggressive")}},
      {"3: life expectancy 5.9 months", "I3", {num("lifeExpectancy.months", 5.9)}},
      {"4: no pathology, no marrow cells",
       "I4",
       {no("diagnosis.pathology"), no("diagnosis.marrowTumourCells")}},
  };
  for (const FlipRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const ChecklistResult result = evaluateChecklist(passingWith(row.answers));
    EXPECT_TRUE(result.complete);
    EXPECT_FALSE(result.eligible);
    for (const std::string& id : kIds) {
      SCOPED_TRACE(id);
      const std::string expected = id == row.id ? "not-met" : id[0] == 'I' ? "met" : "clear";
      EXPECT_EQ(statusOf(result, id), expected);
    }
  }
  ChecklistInput input = passingInput();
  input.imagingEligible = false;
  ChecklistResult result = evaluateChecklist(input);
  EXPECT_EQ(statusOf(result, "I5"), "not-met");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.eligible);

  input = passingInput();
  input.birthDate = 2024y / January / 11;  // one day short of 2 years
  result = evaluateChecklist(input);
  EXPECT_EQ(statusOf(result, "I6"), "not-met");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.eligible);
}

TEST(EligibilityChecklist, TheLaterAnswerToAKeyWins) {
  EXPECT_EQ(statusOf(passingWith({num("cardiac.sfPercent", 26.9)}), "E3"), "excludes");
  EXPECT_EQ(
      statusOf(passingWith({num("cardiac.sfPercent", 26.9), num("cardiac.sfPercent", 30)}), "E3"),
      "clear");
  EXPECT_EQ(statusOf(passingWith({yes("hiv"), no("hiv")}), "E16"), "clear");
  EXPECT_EQ(statusOf(passingWith({no("hiv"), yes("hiv")}), "E16"), "excludes");
}

TEST(EligibilityChecklist, StatusCodes) {
  EXPECT_EQ(criterionStatusCode(CriterionStatus::Met), "met");
  EXPECT_EQ(criterionStatusCode(CriterionStatus::NotMet), "not-met");
  EXPECT_EQ(criterionStatusCode(CriterionStatus::Clear), "clear");
  EXPECT_EQ(criterionStatusCode(CriterionStatus::Excludes), "excludes");
  EXPECT_EQ(criterionStatusCode(CriterionStatus::Missing), "missing");
}

// ---------------------------------------------------------------------------------------------
// Inclusion 1-5

TEST(EligibilityChecklist, Inclusion1NeedsResistanceAndEnoughCycles) {
  EXPECT_EQ(statusOf(passingWith({num("induction.cycles", 4)}), "I1"), "met");
  EXPECT_EQ(statusOf(passingWith({num("induction.cycles", 3)}), "I1"), "not-met");
  EXPECT_EQ(statusOf(passingWith({num("induction.cycles", 40)}), "I1"), "met");
  // A "no" decides without the cycles; too few cycles decide without the yes/no.
  ChecklistInput input = passingWithout({"induction.cycles"});
  input.answers.push_back(no("induction.highRiskResistant"));
  EXPECT_EQ(statusOf(input, "I1"), "not-met");
  input = passingWithout({"induction.highRiskResistant"});
  input.answers.push_back(num("induction.cycles", 3));
  EXPECT_EQ(statusOf(input, "I1"), "not-met");

  ChecklistSettings six;
  six.minInductionCycles = 6;
  const ChecklistResult result = evaluateChecklist(passingWith({num("induction.cycles", 5)}), six);
  EXPECT_EQ(statusOf(result, "I1"), "not-met");
  EXPECT_TRUE(contains(allReasons(result, "I1"),
                       "5 cycles of induction chemotherapy, fewer than "
                       "the 6 required (inclusion 1)"))
      << allReasons(result, "I1");
}

TEST(EligibilityChecklist, Inclusion3LifeExpectancy) {
  EXPECT_EQ(statusOf(passingWith({num("lifeExpectancy.months", 6)}), "I3"), "met");
  const ChecklistResult result =
      evaluateChecklist(passingWith({num("lifeExpectancy.months", 5.9)}));
  EXPECT_EQ(statusOf(result, "I3"), "not-met");
  EXPECT_TRUE(contains(allReasons(result, "I3"),
                       "life expectancy 5.9 months is below 6 months (inclusion 3)"))
      << allReasons(result, "I3");
}

TEST(EligibilityChecklist, Inclusion4PathologyOrMarrowWithRaisedCatecholamines) {
  struct Row {
    const char* rule;
    std::optional<bool> pathology;
    std::optional<bool> marrow;
    std::optional<double> timesUln;
    const char* expected;
  };
  const Row rows[] = {
      {"pathology alone suffices", true, std::nullopt, std::nullopt, "met"},
      {"pathology with nothing raised", true, false, 0.5, "met"},
      {"marrow route: 1.5 x ULN is raised", false, true, 1.5, "met"},
      {"marrow route decides without the pathology answer", std::nullopt, true, 1.5, "met"},
      {"1 x ULN is not raised", false, true, 1.0, "not-met"},
      {"just above 1 x ULN is raised", false, true, 1.01, "met"},
      {"no pathology, no marrow cells", false, false, 5.0, "not-met"},
      {"no pathology, marrow not answered, nothing raised", false, std::nullopt, 0.8, "not-met"},
      {"no pathology, marrow cells, value missing", false, true, std::nullopt, "missing"},
      {"pathology missing, marrow route fails", std::nullopt, false, 1.5, "missing"},
      {"no pathology, raised, marrow missing", false, std::nullopt, 1.5, "missing"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    ChecklistInput input = passingWithout(
        {"diagnosis.pathology", "diagnosis.marrowTumourCells", "catecholamines.timesUln"});
    if (row.pathology) {
      input.answers.push_back(yes("diagnosis.pathology", *row.pathology));
    }
    if (row.marrow) {
      input.answers.push_back(yes("diagnosis.marrowTumourCells", *row.marrow));
    }
    if (row.timesUln) {
      input.answers.push_back(num("catecholamines.timesUln", *row.timesUln));
    }
    // Exclusion 6 is judged under the other reading too; inclusion 4 never depends on it.
    ChecklistSettings other;
    other.catecholamines = CatecholamineReading::LimitOnlyWithoutPathology;
    EXPECT_EQ(statusOf(input, "I4"), row.expected);
    EXPECT_EQ(statusOf(input, "I4", other), row.expected);
  }
}

TEST(EligibilityChecklist, Inclusion5IsTheSignedImagingDecision) {
  ChecklistInput input = passingInput();
  for (const auto& [decision, expected] : std::vector<std::pair<std::optional<bool>, std::string>>{
           {true, "met"}, {false, "not-met"}, {std::nullopt, "missing"}}) {
    SCOPED_TRACE(expected);
    input.imagingEligible = decision;
    const ChecklistResult result = evaluateChecklist(input);
    EXPECT_EQ(statusOf(result, "I5"), expected);
    EXPECT_TRUE(contains(allReasons(result, "I5"), "signed imaging eligibility decision"))
        << allReasons(result, "I5");
  }
}

// ---------------------------------------------------------------------------------------------
// Inclusion 6: age

std::string ageStatus(Date birth, Date on, AgeLimitReading reading) {
  ChecklistInput input = passingInput();
  input.birthDate = birth;
  input.enrolmentDate = on;
  ChecklistSettings s;
  s.ageLimit = reading;
  return statusOf(input, "I6", s);
}

TEST(EligibilityChecklist, CompletedYears) {
  EXPECT_EQ(completedYears(2010y / May / 1, 2010y / May / 1), 0);
  EXPECT_EQ(completedYears(2010y / May / 1, 2011y / April / 30), 0);
  EXPECT_EQ(completedYears(2010y / May / 1, 2011y / May / 1), 1);
  EXPECT_EQ(completedYears(2010y / May / 1, 2026y / May / 1), 16);
  EXPECT_EQ(completedYears(2010y / May / 1, 2027y / April / 30), 16);
  EXPECT_EQ(completedYears(2010y / December / 31, 2011y / January / 1), 0);
  EXPECT_EQ(completedYears(2010y / January / 1, 2010y / December / 31), 0);
  // A 29 February birthday is reached on 1 March in other years, on 29 February in leap years.
  EXPECT_EQ(completedYears(2008y / February / 29, 2025y / February / 28), 16);
  EXPECT_EQ(completedYears(2008y / February / 29, 2025y / March / 1), 17);
  EXPECT_EQ(completedYears(2008y / February / 29, 2024y / February / 28), 15);
  EXPECT_EQ(completedYears(2008y / February / 29, 2024y / February / 29), 16);
  EXPECT_EQ(completedYears(2008y / February / 29, 2009y / February / 28), 0);
  EXPECT_EQ(completedYears(2008y / February / 29, 2009y / March / 1), 1);

  EXPECT_TRUE(contains(refusal([] { completedYears(2010y / May / 2, 2010y / May / 1); }),
                       "before the birth date"));
  EXPECT_FALSE(refusal([] { completedYears(2010y / February / 30, 2012y / May / 1); }).empty());
}

TEST(EligibilityChecklist, Inclusion6LowerLimitIsTheSecondBirthday) {
  for (const AgeLimitReading reading :
       {AgeLimitReading::CompletedYears, AgeLimitReading::UpToUpperBirthday}) {
    SCOPED_TRACE(static_cast<int>(reading));
    EXPECT_EQ(ageStatus(2020y / March / 10, 2022y / March / 10, reading), "met");
    EXPECT_EQ(ageStatus(2020y / March / 10, 2022y / March / 9, reading), "not-met");
  }
}

TEST(EligibilityChecklist, Inclusion6CompletedYearsEndsTheDayBeforeThe17thBirthday) {
  const Date birth = 2009y / May / 1;
  EXPECT_EQ(ageStatus(birth, 2025y / May / 1, AgeLimitReading::CompletedYears), "met");
  EXPECT_EQ(ageStatus(birth, 2025y / May / 2, AgeLimitReading::CompletedYears), "met");
  EXPECT_EQ(ageStatus(birth, 2026y / April / 30, AgeLimitReading::CompletedYears), "met");
  EXPECT_EQ(ageStatus(birth, 2026y / May / 1, AgeLimitReading::CompletedYears), "not-met");
}

TEST(EligibilityChecklist, Inclusion6UpToUpperBirthdayEndsOnThe16thBirthday) {
  const Date birth = 2009y / May / 1;
  EXPECT_EQ(ageStatus(birth, 2025y / May / 1, AgeLimitReading::UpToUpperBirthday), "met");
  EXPECT_EQ(ageStatus(birth, 2025y / May / 2, AgeLimitReading::UpToUpperBirthday), "not-met");
  EXPECT_EQ(ageStatus(birth, 2026y / April / 30, AgeLimitReading::UpToUpperBirthday), "not-met");
}

TEST(EligibilityChecklist, Inclusion6LeapDayBirthday) {
  const Date birth = 2012y / February / 29;
  for (const AgeLimitReading reading :
       {AgeLimitReading::CompletedYears, AgeLimitReading::UpToUpperBirthday}) {
    SCOPED_TRACE(static_cast<int>(reading));
    // The 2nd birthday, in 2014, falls on 1 March.
    EXPECT_EQ(ageStatus(birth, 2014y / February / 28, reading), "not-met");
    EXPECT_EQ(ageStatus(birth, 2014y / March / 1, reading), "met");
  }
  // The 16th birthday, in 2028, is a real 29 February.
  EXPECT_EQ(ageStatus(birth, 2028y / February / 29, AgeLimitReading::UpToUpperBirthday), "met");
  EXPECT_EQ(ageStatus(birth, 2028y / March / 1, AgeLimitReading::UpToUpperBirthday), "not-met");
  // The 17th, in 2029, falls on 1 March.
  EXPECT_EQ(ageStatus(birth, 2029y / February / 28, AgeLimitReading::CompletedYears), "met");
  EXPECT_EQ(ageStatus(birth, 2029y / March / 1, AgeLimitReading::CompletedYears), "not-met");
}

TEST(EligibilityChecklist, Inclusion6ReasonGivesTheAgeAndTheWindow) {
  ChecklistInput input = passingInput();
  input.birthDate = 2009y / May / 1;
  input.enrolmentDate = 2026y / May / 1;
  const ChecklistResult completed = evaluateChecklist(input);
  const std::string reasons = allReasons(completed, "I6");
  EXPECT_TRUE(contains(reasons, "is 17 years old, above the age limit")) << reasons;
  EXPECT_TRUE(contains(reasons, "to the day before the 17th birthday, 2026-04-30")) << reasons;
  EXPECT_TRUE(contains(reasons, "from the 2nd birthday, 2011-05-01")) << reasons;
  EXPECT_TRUE(contains(reasons, "(inclusion 6)")) << reasons;

  ChecklistSettings s;
  s.ageLimit = AgeLimitReading::UpToUpperBirthday;
  s.maxAgeYears = 15;
  input.enrolmentDate = 2024y / May / 1;
  const std::string upTo = allReasons(evaluateChecklist(input, s), "I6");
  EXPECT_TRUE(contains(upTo, "to the 15th birthday, 2024-05-01, inclusive")) << upTo;
  EXPECT_TRUE(contains(upTo, "within the age limit")) << upTo;
}

TEST(EligibilityChecklist, ImpossibleDatesAreRefused) {
  ChecklistInput input = passingInput();
  input.birthDate = kEnrolment;
  EXPECT_EQ(statusOf(input, "I6"), "not-met");  // born on the enrolment day: age 0
  input.birthDate = 2026y / January / 11;
  EXPECT_TRUE(contains(refusal([&] { evaluateChecklist(input); }), "before the birth date"));
  input.birthDate = 2015y / February / 30;
  EXPECT_FALSE(refusal([&] { evaluateChecklist(input); }).empty());
  input = passingInput();
  input.enrolmentDate = Date{};
  EXPECT_TRUE(contains(refusal([&] { evaluateChecklist(input); }), "enrolment date"));
}

// ---------------------------------------------------------------------------------------------
// Exclusions 3-16

TEST(EligibilityChecklist, Exclusion3CardiacBoundaries) {
  struct Row {
    std::optional<double> sf;
    std::optional<double> ef;
    const char* expected;
  };
  const Row rows[] = {
      {27.0, 50.0, "clear"},
      {26.9, 50.0, "excludes"},
      {27.0, 49.9, "excludes"},
      {27.0, std::nullopt, "clear"},
      {26.9, std::nullopt, "excludes"},
      {std::nullopt, 50.0, "clear"},
      {std::nullopt, 49.9, "excludes"},
      {std::nullopt, std::nullopt, "missing"},
      {0.0, 100.0, "excludes"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.sf.value_or(-1)) + " / " + std::to_string(row.ef.value_or(-1)));
    ChecklistInput input = passingWithout({"cardiac.sfPercent", "cardiac.efPercent"});
    if (row.sf) {
      input.answers.push_back(num("cardiac.sfPercent", *row.sf));
    }
    if (row.ef) {
      input.answers.push_back(num("cardiac.efPercent", *row.ef));
    }
    EXPECT_EQ(statusOf(input, "E3"), row.expected);
  }
  const ChecklistResult result = evaluateChecklist(passingWith({num("cardiac.sfPercent", 26.9)}));
  EXPECT_TRUE(
      contains(allReasons(result, "E3"), "shortening fraction 26.9 % is below 27 % (exclusion 3)"))
      << allReasons(result, "E3");
  EXPECT_TRUE(
      contains(allReasons(evaluateChecklist(passingWith({num("cardiac.efPercent", 49.9)})), "E3"),
               "ejection fraction 49.9 % is below 50 % (exclusion 3)"));
}

TEST(EligibilityChecklist, ReasonsUseTheThresholdsOfTheSettings) {
  ChecklistSettings s;
  s.minShorteningFractionPercent = 30;
  const ChecklistResult result = evaluateChecklist(passingWith({num("cardiac.sfPercent", 29)}), s);
  EXPECT_EQ(statusOf(result, "E3"), "excludes");
  EXPECT_TRUE(
      contains(allReasons(result, "E3"), "shortening fraction 29 % is below 30 % (exclusion 3)"))
      << allReasons(result, "E3");
  s.minSpO2Percent = 90;
  const ChecklistResult spo2 =
      evaluateChecklist(passingWith({num("pulmonary.spo2Percent", 91)}), s);
  EXPECT_EQ(statusOf(spo2, "E4"), "clear");
  EXPECT_TRUE(contains(allReasons(spo2, "E4"), "room-air SpO2 91 % is at least 90 % (exclusion 4)"))
      << allReasons(spo2, "E4");
}

TEST(EligibilityChecklist, Exclusion4SpO2Boundary) {
  EXPECT_EQ(statusOf(passingWith({num("pulmonary.spo2Percent", 94)}), "E4"), "clear");
  const ChecklistResult result =
      evaluateChecklist(passingWith({num("pulmonary.spo2Percent", 93.9)}));
  EXPECT_EQ(statusOf(result, "E4"), "excludes");
  EXPECT_TRUE(
      contains(allReasons(result, "E4"), "room-air SpO2 93.9 % is below 94 % (exclusion 4)"))
      << allReasons(result, "E4");
  // A yes decides exclusion 4 even with other pulmonary answers missing.
  ChecklistInput input = passingWithout({"pulmonary.exerciseIntolerance", "pulmonary.effusion"});
  input.answers.push_back(yes("pulmonary.chronicOxygen"));
  EXPECT_EQ(statusOf(input, "E4"), "excludes");
  input = passingWithout({"pulmonary.exerciseIntolerance"});
  input.answers.push_back(num("pulmonary.spo2Percent", 90));
  EXPECT_EQ(statusOf(input, "E4"), "excludes");
}

TEST(EligibilityChecklist, YesNoExclusionsYesExcludesNoIsClearUnansweredIsMissing) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"pulmonary.dyspnoeaAtRest", "E4"}, {"pulmonary.exerciseIntolerance", "E4"},
      {"pulmonary.chronicOxygen", "E4"},  {"pulmonary.effusion", "E4"},
      {"emergencyCondition", "E5"},       {"disease.marrowOnlyWithoutPathology", "E6"},
      {"cyp3a4.within7Days", "E8"},       {"otherMalignancy", "E9"},
      {"significantIllness", "E11"},      {"otherTrial", "E12"},
      {"unableToComply", "E14"},          {"hiv", "E16"},
  };
  for (const auto& [key, id] : rows) {
    SCOPED_TRACE(key);
    ChecklistInput input = passingWithout({key});
    EXPECT_EQ(statusOf(input, id), "missing");
    input.answers.push_back(no(key));
    EXPECT_EQ(statusOf(input, id), "clear");
    input.answers.push_back(yes(key));
    EXPECT_EQ(statusOf(input, id), "excludes");
  }
}

TEST(EligibilityChecklist, Exclusion15NoGuardianConsentExcludes) {
  ChecklistInput input = passingWithout({"consent.guardianSigned"});
  EXPECT_EQ(statusOf(input, "E15"), "missing");
  input.answers.push_back(yes("consent.guardianSigned"));
  EXPECT_EQ(statusOf(input, "E15"), "clear");
  input.answers.push_back(no("consent.guardianSigned"));
  const ChecklistResult result = evaluateChecklist(input);
  EXPECT_EQ(statusOf(result, "E15"), "excludes");
  EXPECT_FALSE(result.eligible);
  EXPECT_TRUE(contains(allReasons(result, "E15"), "no confirmed consent signed by the guardians"))
      << allReasons(result, "E15");
}

TEST(EligibilityChecklist, Exclusion7SteroidDoseAndDuration) {
  struct Row {
    std::optional<double> dose;
    std::optional<double> days;
    const char* expected;
  };
  const Row rows[] = {
      {0.49, 30, "clear"},
      {0.5, 6, "clear"},
      {0.5, 7, "excludes"},
      {2.0, 365, "excludes"},
      {0.0, 0, "clear"},
      {0.49, std::nullopt, "clear"},
      {std::nullopt, 6, "clear"},
      {0.5, std::nullopt, "missing"},
      {std::nullopt, 7, "missing"},
      {std::nullopt, std::nullopt, "missing"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.dose.value_or(-1)) + " x " +
                 std::to_string(row.days.value_or(-1)));
    ChecklistInput input = passingWithout({"steroids.doseMgPerKgPerDay", "steroids.days"});
    if (row.dose) {
      input.answers.push_back(num("steroids.doseMgPerKgPerDay", *row.dose));
    }
    if (row.days) {
      input.answers.push_back(num("steroids.days", *row.days));
    }
    EXPECT_EQ(statusOf(input, "E7"), row.expected);
  }
  const ChecklistResult result = evaluateChecklist(
      passingWith({num("steroids.doseMgPerKgPerDay", 0.5), num("steroids.days", 6)}));
  const std::string reasons = allReasons(result, "E7");
  EXPECT_TRUE(contains(reasons,
                       "0.5 mg/kg/day (prednisone equivalent) is at least 0.5 mg/kg/day "
                       "(exclusion 7)"))
      << reasons;
  EXPECT_TRUE(contains(reasons, "steroids given for 6 days, fewer than 7 days (exclusion 7)"))
      << reasons;
}

TEST(EligibilityChecklist, Exclusions10And13CtcaeGrades) {
  EXPECT_EQ(statusOf(passingWith({num("diarrhoea.ctcaeGrade", 2)}), "E10"), "clear");
  EXPECT_EQ(statusOf(passingWith({num("diarrhoea.ctcaeGrade", 3)}), "E10"), "excludes");
  EXPECT_EQ(statusOf(passingWith({num("organToxicity.maxCtcaeGrade", 2)}), "E13"), "clear");
  EXPECT_EQ(statusOf(passingWith({num("organToxicity.maxCtcaeGrade", 3)}), "E13"), "excludes");
  const ChecklistResult result = evaluateChecklist(passingWith({num("diarrhoea.ctcaeGrade", 3)}));
  EXPECT_TRUE(contains(allReasons(result, "E10"),
                       "diarrhoea CTCAE grade 3 is above grade 2 (exclusion 10)"))
      << allReasons(result, "E10");
  ChecklistSettings s;
  s.maxOrganToxicityGrade = 3;
  EXPECT_EQ(statusOf(passingWith({num("organToxicity.maxCtcaeGrade", 3)}), "E13", s), "clear");
}

// ---------------------------------------------------------------------------------------------
// Catecholamines: inclusion 4 against exclusion 6 (clinical-rules.md Q21)

ChecklistInput marrowRoute(double timesUln, std::optional<bool> pathology) {
  ChecklistInput input = passingWithout({"diagnosis.pathology"});
  if (pathology) {
    input.answers.push_back(yes("diagnosis.pathology", *pathology));
  }
  input.answers.push_back(yes("diagnosis.marrowTumourCells"));
  input.answers.push_back(num("catecholamines.timesUln", timesUln));
  return input;
}

ChecklistSettings limitOnlyWithoutPathology() {
  ChecklistSettings s;
  s.catecholamines = CatecholamineReading::LimitOnlyWithoutPathology;
  return s;
}

TEST(EligibilityChecklist, CatecholaminesBothReadings) {
  const ChecklistSettings literal;
  const ChecklistSettings limited = limitOnlyWithoutPathology();
  struct Row {
    const char* rule;
    double timesUln;
    std::optional<bool> pathology;
    const ChecklistSettings& settings;
    const char* i4;
    const char* e6;
    bool eligible;
  };
  const Row rows[] = {
      {"literal: 1.5 x ULN marrow route", 1.5, false, literal, "met", "clear", true},
      {"literal: 2 x ULN is not above the limit", 2.0, false, literal, "met", "clear", true},
      {"literal: 2.5 x ULN excludes even with pathology", 2.5, true, literal, "met", "excludes",
       false},
      {"literal: 2.5 x ULN without pathology", 2.5, false, literal, "met", "excludes", false},
      {"limited: 1.5 x ULN marrow route", 1.5, false, limited, "met", "clear", true},
      {"limited: 2.5 x ULN with pathology does not exclude", 2.5, true, limited, "met", "clear",
       true},
      {"limited: 2.5 x ULN without pathology excludes", 2.5, false, limited, "met", "excludes",
       false},
      {"limited: pathology not answered, the limit applies", 2.5, std::nullopt, limited, "met",
       "excludes", false},
      {"limited: 2 x ULN without pathology", 2.0, false, limited, "met", "clear", true},
      {"literal: 1 x ULN not raised, no pathology", 1.0, false, literal, "not-met", "clear", false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    const ChecklistResult result =
        evaluateChecklist(marrowRoute(row.timesUln, row.pathology), row.settings);
    EXPECT_EQ(statusOf(result, "I4"), row.i4);
    EXPECT_EQ(statusOf(result, "E6"), row.e6);
    EXPECT_EQ(result.eligible, row.eligible);
    EXPECT_TRUE(result.complete);
  }
  // With pathology and the limited reading, exclusion 6 needs no catecholamine value.
  ChecklistInput input = passingWithout({"catecholamines.timesUln"});
  EXPECT_EQ(statusOf(input, "E6"), "missing");
  EXPECT_EQ(statusOf(input, "E6", limited), "clear");
  EXPECT_TRUE(evaluateChecklist(input, limited).eligible);
  // Marrow-only disease without pathology excludes under both readings.
  input = passingWith({yes("disease.marrowOnlyWithoutPathology")});
  EXPECT_EQ(statusOf(input, "E6", literal), "excludes");
  EXPECT_EQ(statusOf(input, "E6", limited), "excludes");
}

TEST(EligibilityChecklist, CatecholamineReasons) {
  const ChecklistResult literal = evaluateChecklist(marrowRoute(2.5, true));
  EXPECT_TRUE(contains(allReasons(literal, "E6"),
                       "urinary catecholamines 2.5 x ULN are above 2 x ULN (exclusion 6)"))
      << allReasons(literal, "E6");
  EXPECT_TRUE(contains(allReasons(literal, "I4"),
                       "urinary catecholamines 2.5 x ULN are raised (above 1 x ULN) (inclusion 4)"))
      << allReasons(literal, "I4");
  const ChecklistResult limited =
      evaluateChecklist(marrowRoute(2.5, true), limitOnlyWithoutPathology());
  EXPECT_TRUE(
      contains(allReasons(limited, "E6"), "does not apply: the diagnosis rests on pathology"))
      << allReasons(limited, "E6");
  EXPECT_TRUE(contains(allReasons(limited, "E6"), "Q21")) << allReasons(limited, "E6");
}

TEST(EligibilityChecklist, NoteShowsBothCatecholamineCriteriaAndTheReading) {
  ChecklistSettings s;
  s.raisedCatecholaminesTimesUln = 1.2;
  s.excludedCatecholaminesTimesUln = 3;
  const ChecklistResult literal = evaluateChecklist(marrowRoute(1.5, false), s);
  ASSERT_EQ(literal.notes.size(), 1u);
  const std::string& note = literal.notes.front();
  EXPECT_TRUE(contains(note, "1.5 x ULN")) << note;
  EXPECT_TRUE(contains(note, "Inclusion 4 counts a value above 1.2 x ULN as raised")) << note;
  EXPECT_TRUE(contains(note, "exclusion 6 excludes a value above 3 x ULN")) << note;
  EXPECT_TRUE(contains(note, "Q21")) << note;
  EXPECT_TRUE(contains(note, "literal")) << note;

  s.catecholamines = CatecholamineReading::LimitOnlyWithoutPathology;
  const ChecklistResult limited = evaluateChecklist(marrowRoute(3.5, true), s);
  ASSERT_EQ(limited.notes.size(), 1u);
  EXPECT_TRUE(contains(limited.notes.front(), "limit only without pathology"))
      << limited.notes.front();
  EXPECT_TRUE(contains(limited.notes.front(), "so here it does not apply"))
      << limited.notes.front();
  EXPECT_EQ(statusOf(limited, "E6"), "clear");

  // The note is there even when nothing is entered.
  ChecklistInput empty = passingInput();
  empty.answers.clear();
  const ChecklistResult none = evaluateChecklist(empty);
  ASSERT_EQ(none.notes.size(), 1u);
  EXPECT_TRUE(contains(none.notes.front(), "not entered")) << none.notes.front();
}

// ---------------------------------------------------------------------------------------------
// Refused input

TEST(EligibilityChecklist, UnknownKeysAreRefusedByTheEvaluation) {
  const std::string message =
      refusal([] { evaluateChecklist(passingWith({yes("pulmonary.asthma")})); });
  EXPECT_TRUE(contains(message, "'pulmonary.asthma'")) << message;
  // An answer of the wrong kind is never silently read as unanswered.
  EXPECT_TRUE(contains(refusal([] { evaluateChecklist(passingWith({num("hiv", 1)})); }), "hiv"));
  ChecklistAnswer fraction = num("pulmonary.spo2Percent", 0.9);
  fraction.unit = "fraction";
  EXPECT_TRUE(contains(refusal([&] { evaluateChecklist(passingWith({fraction})); }),
                       "pulmonary.spo2Percent"));
}

TEST(EligibilityChecklist, ValidAnswersPassValidation) {
  const Date today = kEnrolment;
  for (const ChecklistAnswer& answer : passingAnswers()) {
    SCOPED_TRACE(answer.key);
    EXPECT_EQ(refusal([&] { validateChecklistAnswer(answer, kBirth, today); }), "");
    EXPECT_EQ(refusal([&] { validateChecklistAnswer(answer, std::nullopt, today); }), "");
  }
  // The range ends are accepted, and the birth day and today are possible dates.
  ChecklistAnswer a = num("cardiac.sfPercent", 100);
  EXPECT_EQ(refusal([&] { validateChecklistAnswer(a, kBirth, today); }), "");
  a = num("steroids.days", 3650);
  a.date = kBirth;
  EXPECT_EQ(refusal([&] { validateChecklistAnswer(a, kBirth, today); }), "");
  a = num("diarrhoea.ctcaeGrade", 5);
  a.date = today;
  EXPECT_EQ(refusal([&] { validateChecklistAnswer(a, kBirth, today); }), "");
  a = num("catecholamines.timesUln", 0);
  EXPECT_EQ(refusal([&] { validateChecklistAnswer(a, kBirth, today); }), "");
}

struct RefusalRow {
  const char* rule;
  ChecklistAnswer answer;
  std::vector<std::string> expected;  // parts of the message
};

ChecklistAnswer withUnit(ChecklistAnswer a, std::string unit) {
  a.unit = std::move(unit);
  return a;
}

ChecklistAnswer withDate(ChecklistAnswer a, Date d) {
  a.date = d;
  return a;
}

ChecklistAnswer withSource(ChecklistAnswer a, std::string source) {
  a.sourceDocument = std::move(source);
  return a;
}

ChecklistAnswer withYes(ChecklistAnswer a, bool value) {
  a.yes = value;
  return a;
}

TEST(EligibilityChecklist, ValidationRefusesWhatCannotBeRight) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  ChecklistAnswer empty = yes("hiv");
  empty.yes.reset();
  ChecklistAnswer noValue = num("induction.cycles", 4);
  noValue.value.reset();
  const RefusalRow rows[] = {
      {"140 %",
       num("cardiac.sfPercent", 140),
       {"cardiac.sfPercent (exclusion 3): 140 % is outside 0..100 %"}},
      {"negative count",
       num("induction.cycles", -1),
       {"induction.cycles (inclusion 1): -1 cycles is outside 0..40 cycles"}},
      {"negative SpO2",
       num("pulmonary.spo2Percent", -0.5),
       {"pulmonary.spo2Percent (exclusion 4)", "outside 0..100 %"}},
      {"grade 6",
       num("diarrhoea.ctcaeGrade", 6),
       {"diarrhoea.ctcaeGrade (exclusion 10): CTCAE grade 6 is outside CTCAE grade 0..5"}},
      {"steroids for 3651 days", num("steroids.days", 3651), {"steroids.days (exclusion 7)"}},
      {"1001 x ULN",
       num("catecholamines.timesUln", 1001),
       {"catecholamines.timesUln (inclusion 4): 1001 x ULN is outside 0..1000 x ULN"}},
      {"non-integer grade",
       num("organToxicity.maxCtcaeGrade", 2.5),
       {"organToxicity.maxCtcaeGrade (exclusion 13)", "not a whole number"}},
      {"non-integer cycles",
       num("induction.cycles", 4.5),
       {"induction.cycles (inclusion 1)", "not a whole number"}},
      {"NaN", num("cardiac.efPercent", nan), {"cardiac.efPercent (exclusion 3)", "not a finite"}},
      {"infinity",
       num("lifeExpectancy.months", inf),
       {"lifeExpectancy.months (inclusion 3)", "not a finite"}},
      {"wrong unit",
       withUnit(num("pulmonary.spo2Percent", 95), "fraction"),
       {"pulmonary.spo2Percent (exclusion 4)", "'fraction'", "'%'"}},
      {"no unit",
       withUnit(num("steroids.doseMgPerKgPerDay", 1), ""),
       {"steroids.doseMgPerKgPerDay (exclusion 7)", "'mg/kg/day'"}},
      {"yes/no given for a number",
       withYes(withUnit(yes("cardiac.sfPercent"), "%"), true),
       {"cardiac.sfPercent (exclusion 3)", "yes/no", "Left-ventricular shortening fraction"}},
      {"number given for yes/no", num("hiv", 0), {"hiv (exclusion 16)", "yes or no"}},
      {"yes/no with neither", empty, {"hiv (exclusion 16)", "no answer"}},
      {"number without value", noValue, {"induction.cycles (inclusion 1)", "no value"}},
      {"unknown key", yes("hiv.serology"), {"unknown checklist item 'hiv.serology'"}},
      {"date before birth",
       withDate(no("hiv"), 2015y / June / 14),
       {"hiv (exclusion 16)", "2015-06-14", "before the birth date 2015-06-15"}},
      {"date after today",
       withDate(no("hiv"), 2026y / January / 11),
       {"hiv (exclusion 16)", "2026-01-11", "after today (2026-01-10)"}},
      {"invalid date",
       withDate(no("otherTrial"), 2025y / February / 29),
       {"otherTrial (exclusion 12)", "not a valid date"}},
      {"no source document",
       withSource(no("otherTrial"), ""),
       {"otherTrial (exclusion 12)", "source document"}},
      {"blank source document",
       withSource(no("otherTrial"), "  "),
       {"otherTrial (exclusion 12)", "source document"}},
  };
  for (const RefusalRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const std::string message =
        refusal([&] { validateChecklistAnswer(row.answer, kBirth, kEnrolment); });
    ASSERT_FALSE(message.empty()) << "accepted";
    for (const std::string& part : row.expected) {
      EXPECT_TRUE(contains(message, part)) << message;
    }
  }
}

TEST(EligibilityChecklist, ValidationWithoutBirthDateChecksOnlyToday) {
  const ChecklistAnswer old = withDate(no("hiv"), 1990y / January / 1);
  EXPECT_EQ(refusal([&] { validateChecklistAnswer(old, std::nullopt, kEnrolment); }), "");
  EXPECT_FALSE(refusal([&] { validateChecklistAnswer(old, kBirth, kEnrolment); }).empty());
  const ChecklistAnswer future = withDate(no("hiv"), 2027y / January / 1);
  EXPECT_FALSE(refusal([&] { validateChecklistAnswer(future, std::nullopt, kEnrolment); }).empty());
}

}  // namespace
}  // namespace nbra::scoring
