#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbra::scoring {

using Date = std::chrono::year_month_day;

// The protocol's full eligibility checklist (clinical-rules.md 8.1): inclusion 1-6 and exclusion
// 3-16, numbered exactly as the trial registry numbers them. The coordinator enters one answer
// per item below; the rules here turn the answers into a status per criterion and an overall
// verdict. Imaging (inclusion 5) is not re-entered: it is the signed imaging eligibility decision,
// passed in by the caller. Age (inclusion 6) is computed from the birth date.

enum class ItemType { YesNo, Number };

// One question of the checklist.
struct ChecklistItem {
  std::string key;        // stable identifier stored in the record, e.g. "cardiac.sfPercent"
  std::string criterion;  // "I1".."I6", "E3".."E16"; an item shared by two criteria names the first
  ItemType type = ItemType::YesNo;
  std::string unit;          // numbers only: "%", "mg/kg/day", "days", "months", "x ULN", ...
  double minValue = 0.0;     // numbers only: the plausible range; outside it is refused
  double maxValue = 0.0;
  bool integer = false;      // numbers only: cycles, days, CTCAE grades
  bool optional = false;     // may stay unanswered (SpO2 "where measured"; SF or EF)
  std::string question;      // the question as the coordinator reads it
};

// Every item, in checklist order (inclusion, then exclusion).
const std::vector<ChecklistItem>& checklistItems();
// The item with that key, or nullptr.
const ChecklistItem* findChecklistItem(std::string_view key);

// One answer as entered: a yes/no answer or a measured value with its unit, the date it was
// measured or answered, and the source document it was read from (e.g. "echo report 2026-01-08").
struct ChecklistAnswer {
  std::string key;
  std::optional<bool> yes;      // YesNo items
  std::optional<double> value;  // Number items
  std::string unit;             // Number items: must be the item's unit
  Date date{};
  std::string sourceDocument;
};

// Throws std::invalid_argument naming the item and the problem for an answer that cannot be
// right: unknown key, a yes/no for a number or the reverse, a wrong unit, a value outside the
// item's range or not a whole number where one is needed (a viability of 140 %, a negative
// count), NaN or infinity, an invalid date, a date before `birthDate` or after `today`, an
// empty source document.
void validateChecklistAnswer(const ChecklistAnswer& answer, std::optional<Date> birthDate,
                             Date today);

// How "age 2 to 16 years" is read (a named setting; docs/protocol.md).
enum class AgeLimitReading {
  // Age in completed years is 2..16: from the 2nd birthday to the day before the 17th.
  CompletedYears,
  // The 16th birthday is the last eligible day.
  UpToUpperBirthday,
};

// Clinical-rules.md Q21: inclusion 4 asks for raised urinary catecholamines (the marrow route
// to the diagnosis) while exclusion 6 excludes catecholamines above 2x ULN.
enum class CatecholamineReading {
  // Read literally: a raised value up to 2x ULN satisfies both; above 2x ULN excludes anyone.
  Literal,
  // Exclusion 6's catecholamine limit applies only to a subject whose diagnosis rests on marrow
  // tumour cells with raised catecholamines (no pathology); with a pathological diagnosis a
  // value above 2x ULN does not exclude.
  LimitOnlyWithoutPathology,
};

// Every threshold is a named setting (docs/protocol.md gives each its source).
struct ChecklistSettings {
  int minAgeYears = 2;
  int maxAgeYears = 16;
  AgeLimitReading ageLimit = AgeLimitReading::CompletedYears;
  int minInductionCycles = 4;                      // inclusion 1
  double minLifeExpectancyMonths = 6.0;            // inclusion 3
  double raisedCatecholaminesTimesUln = 1.0;       // inclusion 4: "raised" is above this
  double excludedCatecholaminesTimesUln = 2.0;     // exclusion 6: above this excludes
  CatecholamineReading catecholamines = CatecholamineReading::Literal;
  double minShorteningFractionPercent = 27.0;      // exclusion 3: below excludes
  double minEjectionFractionPercent = 50.0;        // exclusion 3: below excludes
  double minSpO2Percent = 94.0;                    // exclusion 4: below excludes
  double steroidDoseMgPerKgPerDay = 0.5;           // exclusion 7: at least this ...
  int steroidDays = 7;                             // ... for at least this many days excludes
  int maxDiarrhoeaGrade = 2;                       // exclusion 10: above excludes
  int maxOrganToxicityGrade = 2;                   // exclusion 13: above excludes
};

// The same items as checklistItems(), with the thresholds in the questions taken from `settings`
// (checklistItems() words them with the default settings, the protocol's own values).
std::vector<ChecklistItem> checklistItems(const ChecklistSettings& settings);

enum class CriterionKind { Inclusion, Exclusion };
// Met / NotMet for inclusion criteria, Clear / Excludes for exclusion criteria; Missing when an
// answer it needs was not entered.
enum class CriterionStatus { Met, NotMet, Clear, Excludes, Missing };
std::string_view criterionStatusCode(CriterionStatus status);  // "met", "not-met", ...

struct CriterionResult {
  std::string id;     // "I1".."I6", "E3".."E16"
  CriterionKind kind = CriterionKind::Inclusion;
  std::string title;  // short wording of the criterion
  CriterionStatus status = CriterionStatus::Missing;
  // Plain sentences with the numbers and the threshold: "shortening fraction 26.9 % is below
  // 27 % (exclusion 3)".
  std::vector<std::string> reasons;
};

struct ChecklistInput {
  std::optional<Date> birthDate;  // nullopt: age is judged on recordedAgeYears, else Missing
  // The age the record holds when it has no birth date (a de-identified record); judged in
  // completed years, with a reason saying the enrolment day itself could not be used.
  std::optional<double> recordedAgeYears;
  Date enrolmentDate{};           // the day eligibility is judged for
  // The latest signed imaging eligibility decision: nullopt when none is signed.
  std::optional<bool> imagingEligible;
  std::vector<ChecklistAnswer> answers;  // the latest answer per key; validated by the caller
};

struct ChecklistResult {
  bool complete = false;  // no criterion is Missing
  bool eligible = false;  // complete, every inclusion Met and no exclusion Excludes
  std::vector<CriterionResult> criteria;  // I1..I6 then E3..E16
  // Notes shown beside the verdict, e.g. both catecholamine criteria with the reading used.
  std::vector<std::string> notes;
};

// Throws std::invalid_argument for an answer with an unknown key, and for one whose content
// validateChecklistAnswer would refuse (yes/no for a number or the reverse, wrong unit, value out
// of range, not whole, not finite: never silently read as unanswered); its dates and source
// document are not checked again. Also throws for an invalid birth or enrolment date, or a birth
// date after the enrolment date.
ChecklistResult evaluateChecklist(const ChecklistInput& input,
                                  const ChecklistSettings& settings = {});

// Age in completed years on `on` (a 29 February birthday is reached on 1 March in other years).
// Throws std::invalid_argument for an invalid date or `on` before `birth`.
int completedYears(Date birth, Date on);

}  // namespace nbra::scoring
