#include "scoring/checklist/EligibilityChecklist.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <utility>

namespace nbra::scoring {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

// Kleene three-valued logic: nullopt is "not answered yet". A criterion is decided as soon as
// the answers given decide it (a pathological diagnosis meets inclusion 4 whatever else is
// missing); it is Missing only when the answers it still needs are absent.
using Tri = std::optional<bool>;

Tri allOf(std::initializer_list<Tri> parts) {
  bool unknown = false;
  for (const Tri& part : parts) {
    if (part == false) {
      return false;
    }
    unknown = unknown || !part.has_value();
  }
  return unknown ? Tri{} : Tri{true};
}

Tri anyOf(std::initializer_list<Tri> parts) {
  bool unknown = false;
  for (const Tri& part : parts) {
    if (part == true) {
      return true;
    }
    unknown = unknown || !part.has_value();
  }
  return unknown ? Tri{} : Tri{false};
}

// The shortest plain decimal that reads back as `value`: 27 -> "27", 26.9 -> "26.9".
std::string number(double value) {
  char buffer[64];
  for (int decimals = 0; decimals <= 6; ++decimals) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    if (std::strtod(buffer, nullptr) == value) {
      return buffer;
    }
  }
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string dateText(Date d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

bool isGradeUnit(std::string_view unit) {
  return unit.starts_with("CTCAE");
}

// "26.9 %", "3 cycles", "CTCAE grade 3".
std::string quantity(double value, std::string_view unit) {
  if (isGradeUnit(unit)) {
    return std::string(unit) + " " + number(value);
  }
  return number(value) + " " + std::string(unit);
}

// "0..100 %", "CTCAE grade 0..5".
std::string range(double minValue, double maxValue, std::string_view unit) {
  const std::string span = number(minValue) + ".." + number(maxValue);
  if (isGradeUnit(unit)) {
    return std::string(unit) + " " + span;
  }
  return span + " " + std::string(unit);
}

std::string ordinal(int n) {
  const int lastTwo = n % 100;
  const int last = n % 10;
  const char* suffix = "th";
  if (lastTwo < 11 || lastTwo > 13) {
    suffix = last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
  }
  return std::to_string(n) + suffix;
}

// "I1" -> "inclusion 1", "E13" -> "exclusion 13".
std::string criterionName(std::string_view id) {
  return std::string(id.front() == 'I' ? "inclusion " : "exclusion ") + std::string(id.substr(1));
}

// How reasons speak of an item: a label for the not-answered sentence and, for yes/no items,
// what a yes and a no say.
struct Wording {
  std::string_view key;
  std::string_view label;
  std::string_view yesText;
  std::string_view noText;
};

constexpr std::array kWordings = {
    Wording{"induction.highRiskResistant", "resistance to standard induction",
            "high-risk neuroblastoma resistant to standard induction",
            "not a high-risk neuroblastoma resistant to standard induction"},
    Wording{"induction.cycles", "number of induction cycles", "", ""},
    Wording{"relapse.afterTransplantOrAggressive",
            "relapse after transplant or other aggressive therapy",
            "relapse or progression after autologous stem-cell transplant or other aggressive "
            "therapy",
            "no relapse or progression after autologous stem-cell transplant or other aggressive "
            "therapy"},
    Wording{"lifeExpectancy.months", "life expectancy", "", ""},
    Wording{"diagnosis.pathology", "pathological diagnosis",
            "pathological diagnosis of neuroblastoma",
            "no pathological diagnosis of neuroblastoma"},
    Wording{"diagnosis.marrowTumourCells", "tumour cells in the bone marrow",
            "tumour cells confirmed in the bone marrow",
            "no tumour cells confirmed in the bone marrow"},
    Wording{"catecholamines.timesUln", "urinary catecholamines", "", ""},
    Wording{"cardiac.sfPercent", "shortening fraction", "", ""},
    Wording{"cardiac.efPercent", "ejection fraction", "", ""},
    Wording{"pulmonary.dyspnoeaAtRest", "dyspnoea at rest", "dyspnoea at rest",
            "no dyspnoea at rest"},
    Wording{"pulmonary.exerciseIntolerance", "exercise intolerance", "exercise intolerance",
            "no exercise intolerance"},
    Wording{"pulmonary.chronicOxygen", "chronic oxygen need", "chronic oxygen need",
            "no chronic oxygen need"},
    Wording{"pulmonary.effusion", "pleural or pericardial effusion",
            "current pleural or pericardial effusion",
            "no current pleural or pericardial effusion"},
    Wording{"pulmonary.spo2Percent", "room-air SpO2", "", ""},
    Wording{"emergencyCondition", "emergency condition",
            "unable to tolerate a new treatment because of an emergency condition",
            "no emergency condition preventing a new treatment"},
    Wording{"disease.marrowOnlyWithoutPathology",
            "marrow-only disease without a confirmatory pathology report",
            "bone marrow is the only evaluable disease, without a confirmatory pathology report",
            "not marrow-only disease without a confirmatory pathology report"},
    Wording{"steroids.doseMgPerKgPerDay", "systemic steroid dose", "", ""},
    Wording{"steroids.days", "days of systemic steroids", "", ""},
    Wording{"cyp3a4.within7Days", "CYP3A4 inducers or inhibitors",
            "CYP3A4 inducer or inhibitor within 7 days before enrolment",
            "no CYP3A4 inducer or inhibitor within 7 days before enrolment"},
    Wording{"otherMalignancy", "other malignancy", "another malignancy besides neuroblastoma",
            "no other malignancy besides neuroblastoma"},
    Wording{"diarrhoea.ctcaeGrade", "diarrhoea grade", "", ""},
    Wording{"significantIllness", "significant illness",
            "a significant illness that would interfere with the study or intensify NK-cell "
            "treatment",
            "no significant illness that would interfere with the study or intensify NK-cell "
            "treatment"},
    Wording{"otherTrial", "participation in another trial", "taking part in another clinical trial",
            "not taking part in another clinical trial"},
    Wording{"organToxicity.maxCtcaeGrade", "major-organ impairment grade", "", ""},
    Wording{"unableToComply", "ability to comply", "unable to comply with the protocol",
            "able to comply with the protocol"},
    Wording{"consent.guardianSigned", "guardians' consent",
            "consent signed by the guardians is confirmed",
            "no confirmed consent signed by the guardians"},
    Wording{"hiv", "HIV status", "HIV disease or positive HIV serology",
            "no HIV disease and no positive HIV serology"},
};

const Wording& wordingOf(std::string_view key) {
  for (const Wording& w : kWordings) {
    if (w.key == key) {
      return w;
    }
  }
  throw std::logic_error("no wording for checklist item " + std::string(key));
}

ChecklistItem yesNoItem(std::string key, std::string criterion, std::string question) {
  ChecklistItem item;
  item.key = std::move(key);
  item.criterion = std::move(criterion);
  item.type = ItemType::YesNo;
  item.question = std::move(question);
  return item;
}

enum class Whole { No, Yes };
enum class Optional { No, Yes };

ChecklistItem numberItem(std::string key, std::string criterion, std::string unit, double minValue,
                         double maxValue, Whole whole, Optional optional, std::string question) {
  ChecklistItem item;
  item.key = std::move(key);
  item.criterion = std::move(criterion);
  item.type = ItemType::Number;
  item.unit = std::move(unit);
  item.minValue = minValue;
  item.maxValue = maxValue;
  item.integer = whole == Whole::Yes;
  item.optional = optional == Optional::Yes;
  item.question = std::move(question);
  return item;
}

std::string uln(double timesUln) {
  return number(timesUln) + " x ULN";
}

[[noreturn]] void refuse(const ChecklistItem& item, const std::string& problem) {
  throw std::invalid_argument(item.key + " (" + criterionName(item.criterion) + "): " + problem);
}

// Everything about an answer that can be judged without dates: the key, the kind of answer,
// the unit, and the value. Returns the item.
const ChecklistItem& checkContent(const ChecklistAnswer& answer) {
  const ChecklistItem* found = findChecklistItem(answer.key);
  if (found == nullptr) {
    throw std::invalid_argument("unknown checklist item '" + answer.key + "'");
  }
  const ChecklistItem& item = *found;
  if (item.type == ItemType::YesNo) {
    if (answer.value) {
      refuse(item, "a number (" + number(*answer.value) +
                       ") was given, but the question asks for yes or no: " + item.question);
    }
    if (!answer.yes) {
      refuse(item, "no answer given; answer yes or no: " + item.question);
    }
    if (!answer.unit.empty()) {
      refuse(item, "unit '" + answer.unit + "' given for a yes/no question");
    }
    return item;
  }
  if (answer.yes) {
    refuse(item, std::string("a yes/no answer (") + (*answer.yes ? "yes" : "no") +
                     ") was given, but the question asks for a number in " + item.unit + ": " +
                     item.question);
  }
  if (!answer.value) {
    refuse(item,
           "no value given; the question asks for a number in " + item.unit + ": " + item.question);
  }
  const double value = *answer.value;
  if (!std::isfinite(value)) {
    refuse(item, "the value is not a finite number");
  }
  if (answer.unit != item.unit) {
    refuse(item, "unit '" + answer.unit + "' is not the item's unit '" + item.unit + "'");
  }
  if (value < item.minValue || value > item.maxValue) {
    refuse(item, quantity(value, item.unit) + " is outside " +
                     range(item.minValue, item.maxValue, item.unit));
  }
  if (item.integer && value != std::floor(value)) {
    refuse(item, quantity(value, item.unit) + " is not a whole number");
  }
  return item;
}

void requireValidDate(Date d, const char* what) {
  if (!d.ok()) {
    throw std::invalid_argument(std::string(what) + " " + dateText(d) + " is not a valid date");
  }
}

// The n-th birthday; a 29 February birthday falls on 1 March in other years.
Date birthday(Date birth, int n) {
  const year y = birth.year() + std::chrono::years{n};
  const Date same = y / birth.month() / birth.day();
  if (same.ok()) {
    return same;
  }
  return y / std::chrono::March / 1;
}

Date dayBefore(Date d) {
  return Date{sys_days{d} - days{1}};
}

// The latest answer per key (the later in the vector wins).
class Answers {
 public:
  explicit Answers(const std::vector<ChecklistAnswer>& answers) {
    for (const ChecklistAnswer& answer : answers) {
      checkContent(answer);
      latest_[answer.key] = &answer;
    }
  }

  std::optional<bool> yes(std::string_view key) const {
    const auto it = latest_.find(key);
    return it == latest_.end() ? std::nullopt : it->second->yes;
  }

  std::optional<double> value(std::string_view key) const {
    const auto it = latest_.find(key);
    return it == latest_.end() ? std::nullopt : it->second->value;
  }

 private:
  std::map<std::string, const ChecklistAnswer*, std::less<>> latest_;
};

// One criterion being judged: its reasons and, kept apart, the items it still needs.
class Judgement {
 public:
  Judgement(const Answers& answers, std::string id, std::string title)
      : answers_(answers), name_(criterionName(id)) {
    result_.id = std::move(id);
    result_.kind = result_.id.front() == 'I' ? CriterionKind::Inclusion : CriterionKind::Exclusion;
    result_.title = std::move(title);
  }

  // "text (exclusion 3)", or "text (detail, exclusion 3)".
  void reason(const std::string& text, const std::string& detail = "") {
    result_.reasons.push_back(text + " (" + (detail.empty() ? "" : detail + ", ") + name_ + ")");
  }

  void notAnswered(std::string_view key) {
    missing_.push_back(std::string(wordingOf(key).label) + " not answered (" + std::string(key) +
                       ", " + name_ + ")");
  }

  // A yes/no item: its answer, with a reason saying what it means, or nullopt (noted as needed).
  Tri yesNo(std::string_view key) {
    const std::optional<bool> yes = answers_.yes(key);
    if (!yes) {
      notAnswered(key);
      return std::nullopt;
    }
    const Wording& w = wordingOf(key);
    reason(std::string(*yes ? w.yesText : w.noText));
    return yes;
  }

  // A number item's value, or nullopt (noted as needed unless `optional`).
  std::optional<double> value(std::string_view key, bool optional = false) {
    const std::optional<double> v = answers_.value(key);
    if (!v && !optional) {
      notAnswered(key);
    }
    return v;
  }

  // `triggered`: the inclusion is met, or the exclusion excludes.
  CriterionResult finish(Tri triggered) {
    const bool inclusion = result_.kind == CriterionKind::Inclusion;
    if (!triggered) {
      result_.status = CriterionStatus::Missing;
      result_.reasons.insert(result_.reasons.end(), missing_.begin(), missing_.end());
    } else if (inclusion) {
      result_.status = *triggered ? CriterionStatus::Met : CriterionStatus::NotMet;
    } else {
      result_.status = *triggered ? CriterionStatus::Excludes : CriterionStatus::Clear;
    }
    return std::move(result_);
  }

 private:
  const Answers& answers_;
  std::string name_;
  CriterionResult result_;
  std::vector<std::string> missing_;
};

// The exclusions that are one yes/no question each: yes excludes.
CriterionResult yesExcludes(const Answers& answers, std::string id, std::string title,
                            std::string_view key) {
  Judgement j(answers, std::move(id), std::move(title));
  const Tri yes = j.yesNo(key);
  return j.finish(yes);
}

// "lower": the value must be at least `minimum`; below it triggers the exclusion.
Tri below(Judgement& j, std::optional<double> value, double minimum, const char* label,
          std::string_view unit) {
  if (!value) {
    return std::nullopt;
  }
  const bool isBelow = *value < minimum;
  j.reason(std::string(label) + " " + quantity(*value, unit) +
           (isBelow ? " is below " : " is at least ") + quantity(minimum, unit));
  return isBelow;
}

// A CTCAE grade above `maxGrade` excludes.
CriterionResult gradeAbove(const Answers& answers, std::string id, std::string title,
                           std::string_view key, const char* label, int maxGrade) {
  Judgement j(answers, std::move(id), std::move(title));
  const std::optional<double> grade = j.value(key);
  Tri excludes;
  if (grade) {
    excludes = *grade > maxGrade;
    j.reason(std::string(label) + " CTCAE grade " + number(*grade) +
             (*excludes ? " is above grade " : " is not above grade ") + std::to_string(maxGrade));
  }
  return j.finish(excludes);
}

std::string readingText(CatecholamineReading reading) {
  return reading == CatecholamineReading::Literal ? "literal" : "limit only without pathology";
}

std::string ageReadingText(AgeLimitReading reading) {
  return reading == AgeLimitReading::CompletedYears ? "completed years"
                                                    : "up to the upper birthday";
}

// Clinical-rules.md Q21: both catecholamine criteria side by side, with the reading in force.
std::string catecholamineNote(const ChecklistSettings& s, std::optional<bool> pathology,
                              std::optional<double> catecholamines) {
  const std::string raised = uln(s.raisedCatecholaminesTimesUln);
  const std::string limit = uln(s.excludedCatecholaminesTimesUln);
  std::string note = "Urinary catecholamines: " +
                     (catecholamines ? uln(*catecholamines) : std::string("not entered")) +
                     ". Inclusion 4 counts a value above " + raised +
                     " as raised (with tumour cells in the bone marrow, the route to the "
                     "diagnosis without pathology); exclusion 6 excludes a value above " +
                     limit + ". Reading (clinical-rules.md Q21): " + readingText(s.catecholamines) +
                     ": ";
  if (s.catecholamines == CatecholamineReading::Literal) {
    note += "the exclusion 6 limit applies to every subject, so a value above " + raised +
            " and up to " + limit + " satisfies both criteria.";
  } else {
    const char* pathologyText = pathology == true    ? "yes"
                                : pathology == false ? "no"
                                                     : "not answered";
    note +=
        "the exclusion 6 limit applies only when the diagnosis does not rest on pathology "
        "(pathological diagnosis: " +
        std::string(pathologyText) + "), so here it " +
        (pathology == true ? "does not apply." : "applies.");
  }
  return note;
}

CriterionResult judgeAge(const ChecklistInput& input, const ChecklistSettings& s,
                         const Answers& answers) {
  Judgement j(
      answers, "I6",
      "Age " + std::to_string(s.minAgeYears) + " to " + std::to_string(s.maxAgeYears) + " years");
  if (!input.birthDate && input.recordedAgeYears) {
    // De-identified records often keep the age and drop the birth date: judge the recorded age,
    // in completed years, and say that the enrolment day could not be used.
    const double years = *input.recordedAgeYears;
    const int completed = static_cast<int>(years);
    const bool within = completed >= s.minAgeYears && completed <= s.maxAgeYears &&
                        !(s.ageLimit == AgeLimitReading::UpToUpperBirthday &&
                          years > static_cast<double>(s.maxAgeYears));
    j.reason("no birth date: judged on the recorded age, " + number(years) + " years (" +
             (within ? "within" : "outside") + " " + std::to_string(s.minAgeYears) + " to " +
             std::to_string(s.maxAgeYears) + " years read as " + ageReadingText(s.ageLimit) +
             "); the age on the enrolment day itself could not be checked");
    return j.finish(within);
  }
  if (!input.birthDate) {
    j.reason("no birth date entered: age cannot be judged");
    return j.finish(std::nullopt);
  }
  const Date birth = *input.birthDate;
  const Date on = input.enrolmentDate;
  const int age = completedYears(birth, on);
  const Date first = birthday(birth, s.minAgeYears);
  const bool upToBirthday = s.ageLimit == AgeLimitReading::UpToUpperBirthday;
  const Date last =
      upToBirthday ? birthday(birth, s.maxAgeYears) : dayBefore(birthday(birth, s.maxAgeYears + 1));
  const bool within = first <= on && on <= last;
  const std::string window = upToBirthday
                                 ? "from the " + ordinal(s.minAgeYears) + " birthday, " +
                                       dateText(first) + ", to the " + ordinal(s.maxAgeYears) +
                                       " birthday, " + dateText(last) + ", inclusive"
                                 : "from the " + ordinal(s.minAgeYears) + " birthday, " +
                                       dateText(first) + ", to the day before the " +
                                       ordinal(s.maxAgeYears + 1) + " birthday, " + dateText(last);
  const std::string where = within       ? "within the age limit"
                            : on < first ? "below the age limit"
                                         : "above the age limit";
  j.reason("on " + dateText(on) + " the subject (born " + dateText(birth) + ") is " +
           std::to_string(age) + " years old, " + where + ": " + std::to_string(s.minAgeYears) +
           " to " + std::to_string(s.maxAgeYears) + " years read as " + ageReadingText(s.ageLimit) +
           ", " + window);
  return j.finish(within);
}

}  // namespace

std::vector<ChecklistItem> checklistItems(const ChecklistSettings& s) {
  const std::string raised = uln(s.raisedCatecholaminesTimesUln);
  const std::string limit = uln(s.excludedCatecholaminesTimesUln);
  const std::string limitScope = s.catecholamines == CatecholamineReading::Literal
                                     ? ""
                                     : " when the diagnosis does not rest on pathology";
  const std::string steroidDose = number(s.steroidDoseMgPerKgPerDay) + " mg/kg/day";
  const std::string steroidDays = std::to_string(s.steroidDays) + " days";
  return {
      // Inclusion 1
      yesNoItem("induction.highRiskResistant", "I1",
                "High-risk neuroblastoma (COG/INRG) resistant to standard induction?"),
      numberItem("induction.cycles", "I1", "cycles", 0, 40, Whole::Yes, Optional::No,
                 "How many cycles of multi-drug induction chemotherapy has the subject received? "
                 "At least " +
                     std::to_string(s.minInductionCycles) + " are required."),
      // Inclusion 2
      yesNoItem("relapse.afterTransplantOrAggressive", "I2",
                "Has the disease relapsed or progressed after an autologous peripheral blood "
                "stem-cell transplant or other aggressive therapy?"),
      // Inclusion 3
      numberItem("lifeExpectancy.months", "I3", "months", 0, 240, Whole::No, Optional::No,
                 "What is the subject's life expectancy in months? At least " +
                     number(s.minLifeExpectancyMonths) + " months are required."),
      // Inclusion 4 (catecholamines also serve exclusion 6)
      yesNoItem("diagnosis.pathology", "I4", "Is there a pathological diagnosis of neuroblastoma?"),
      yesNoItem("diagnosis.marrowTumourCells", "I4",
                "Are neuroblastoma tumour cells confirmed in the bone marrow?"),
      numberItem("catecholamines.timesUln", "I4", "x ULN", 0, 1000, Whole::No, Optional::No,
                 "Urinary catecholamines as a multiple of the upper limit of normal (x ULN)? "
                 "Above " +
                     raised +
                     " counts as raised for the marrow route to the diagnosis (inclusion 4); "
                     "above " +
                     limit + " excludes" + limitScope + " (exclusion 6)."),
      // Exclusion 3
      numberItem("cardiac.sfPercent", "E3", "%", 0, 100, Whole::No, Optional::Yes,
                 "Left-ventricular shortening fraction by echocardiography (%)? Below " +
                     number(s.minShorteningFractionPercent) +
                     " % excludes. Leave unanswered if not measured; shortening fraction or "
                     "ejection fraction is needed."),
      numberItem("cardiac.efPercent", "E3", "%", 0, 100, Whole::No, Optional::Yes,
                 "Left-ventricular ejection fraction by echocardiography or gated radionuclide "
                 "study (%)? Below " +
                     number(s.minEjectionFractionPercent) +
                     " % excludes. Leave unanswered if not measured; shortening fraction or "
                     "ejection fraction is needed."),
      // Exclusion 4
      yesNoItem("pulmonary.dyspnoeaAtRest", "E4",
                "Does the subject have dyspnoea at rest? Yes excludes."),
      yesNoItem("pulmonary.exerciseIntolerance", "E4",
                "Does the subject have exercise intolerance? Yes excludes."),
      yesNoItem("pulmonary.chronicOxygen", "E4",
                "Does the subject need oxygen chronically? Yes excludes."),
      yesNoItem("pulmonary.effusion", "E4",
                "Is there a current pleural or pericardial effusion? Yes excludes."),
      numberItem("pulmonary.spo2Percent", "E4", "%", 0, 100, Whole::No, Optional::Yes,
                 "Room-air pulse oximetry (SpO2, %), where measured? Below " +
                     number(s.minSpO2Percent) + " % excludes. Leave unanswered if not measured."),
      // Exclusion 5
      yesNoItem("emergencyCondition", "E5",
                "Is the subject unable to tolerate a new treatment because of an emergency "
                "condition? Yes excludes."),
      // Exclusion 6 (with catecholamines.timesUln above)
      yesNoItem("disease.marrowOnlyWithoutPathology", "E6",
                "Is bone marrow the only evaluable disease, without a confirmatory pathology "
                "report?"),
      // Exclusion 7
      numberItem("steroids.doseMgPerKgPerDay", "E7", "mg/kg/day", 0, 60, Whole::No, Optional::No,
                 "Systemic steroid dose before enrolment, in mg/kg/day prednisone equivalent "
                 "(0 if none)? At least " +
                     steroidDose + " for at least " + steroidDays + " excludes."),
      numberItem("steroids.days", "E7", "days", 0, 3650, Whole::Yes, Optional::No,
                 "For how many days before enrolment has the subject received that steroid dose "
                 "(0 if none)? At least " +
                     steroidDays + " at " + steroidDose + " or more excludes."),
      // Exclusions 8 to 16
      yesNoItem("cyp3a4.within7Days", "E8",
                "Has the subject received a CYP3A4 inducer or inhibitor within 7 days before "
                "enrolment? Yes excludes."),
      yesNoItem("otherMalignancy", "E9",
                "Does the subject have any malignancy other than neuroblastoma? Yes excludes."),
      numberItem("diarrhoea.ctcaeGrade", "E10", "CTCAE grade", 0, 5, Whole::Yes, Optional::No,
                 "Current diarrhoea grade by NCI CTCAE v5.0 (0 if none)? Above grade " +
                     std::to_string(s.maxDiarrhoeaGrade) + " excludes."),
      yesNoItem("significantIllness", "E11",
                "Does the subject have a significant illness not listed here that would "
                "interfere with the study or intensify the NK-cell treatment? Yes excludes."),
      yesNoItem("otherTrial", "E12",
                "Is the subject taking part in another clinical trial? Yes excludes."),
      numberItem("organToxicity.maxCtcaeGrade", "E13", "CTCAE grade", 0, 5, Whole::Yes,
                 Optional::No,
                 "Highest NCI CTCAE v5.0 grade of impairment of a major organ (renal, cardiac, "
                 "hepatic, neurological, pulmonary, gastrointestinal), 0 if none? Above grade " +
                     std::to_string(s.maxOrganToxicityGrade) + " excludes."),
      yesNoItem("unableToComply", "E14",
                "Is the subject unable to comply with the protocol? Yes excludes."),
      yesNoItem("consent.guardianSigned", "E15",
                "Is there a confirmed consent signed by the subject's guardians? No excludes."),
      yesNoItem("hiv", "E16",
                "Does the subject have HIV disease or a positive HIV serology? Yes excludes."),
  };
}

const std::vector<ChecklistItem>& checklistItems() {
  static const std::vector<ChecklistItem> items = checklistItems(ChecklistSettings{});
  return items;
}

const ChecklistItem* findChecklistItem(std::string_view key) {
  const std::vector<ChecklistItem>& items = checklistItems();
  const auto it = std::find_if(items.begin(), items.end(),
                               [key](const ChecklistItem& item) { return item.key == key; });
  return it == items.end() ? nullptr : &*it;
}

void validateChecklistAnswer(const ChecklistAnswer& answer, std::optional<Date> birthDate,
                             Date today) {
  const ChecklistItem& item = checkContent(answer);
  if (!answer.date.ok()) {
    refuse(item, "the date " + dateText(answer.date) + " is not a valid date");
  }
  requireValidDate(today, "today's date");
  if (birthDate) {
    requireValidDate(*birthDate, "the birth date");
    if (answer.date < *birthDate) {
      refuse(item,
             "dated " + dateText(answer.date) + ", before the birth date " + dateText(*birthDate));
    }
  }
  if (answer.date > today) {
    refuse(item, "dated " + dateText(answer.date) + ", after today (" + dateText(today) + ")");
  }
  if (std::all_of(answer.sourceDocument.begin(), answer.sourceDocument.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    refuse(item, "no source document; name the document the answer was read from");
  }
}

std::string_view criterionStatusCode(CriterionStatus status) {
  switch (status) {
    case CriterionStatus::Met:
      return "met";
    case CriterionStatus::NotMet:
      return "not-met";
    case CriterionStatus::Clear:
      return "clear";
    case CriterionStatus::Excludes:
      return "excludes";
    case CriterionStatus::Missing:
      return "missing";
  }
  throw std::invalid_argument("unknown criterion status");
}

int completedYears(Date birth, Date on) {
  requireValidDate(birth, "the birth date");
  requireValidDate(on, "the date");
  if (on < birth) {
    throw std::invalid_argument("the date " + dateText(on) + " is before the birth date " +
                                dateText(birth));
  }
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on < birthday(birth, years)) {
    --years;
  }
  return years;
}

ChecklistResult evaluateChecklist(const ChecklistInput& input, const ChecklistSettings& s) {
  const Answers answers(input.answers);
  if (input.birthDate) {
    requireValidDate(*input.birthDate, "the birth date");
    requireValidDate(input.enrolmentDate, "the enrolment date");
    if (input.enrolmentDate < *input.birthDate) {
      throw std::invalid_argument("the enrolment date " + dateText(input.enrolmentDate) +
                                  " is before the birth date " + dateText(*input.birthDate));
    }
  }
  ChecklistResult result;
  auto& criteria = result.criteria;

  {  // Inclusion 1
    Judgement j(answers, "I1", "High-risk neuroblastoma resistant to standard induction");
    const Tri resistant = j.yesNo("induction.highRiskResistant");
    const std::optional<double> cycles = j.value("induction.cycles");
    Tri enough;
    if (cycles) {
      enough = *cycles >= s.minInductionCycles;
      j.reason(number(*cycles) + " cycles of induction chemotherapy" +
               (*enough ? ", at least the " : ", fewer than the ") +
               std::to_string(s.minInductionCycles) + " required");
    }
    criteria.push_back(j.finish(allOf({resistant, enough})));
  }
  {  // Inclusion 2
    Judgement j(answers, "I2", "Relapse or progression after transplant or aggressive therapy");
    const Tri relapse = j.yesNo("relapse.afterTransplantOrAggressive");
    criteria.push_back(j.finish(relapse));
  }
  {  // Inclusion 3
    Judgement j(answers, "I3",
                "Life expectancy of at least " + number(s.minLifeExpectancyMonths) + " months");
    const std::optional<double> months = j.value("lifeExpectancy.months");
    Tri met;
    if (months) {
      met = *months >= s.minLifeExpectancyMonths;
      j.reason("life expectancy " + number(*months) + " months is " +
               (*met ? "at least " : "below ") + number(s.minLifeExpectancyMonths) + " months");
    }
    criteria.push_back(j.finish(met));
  }
  const std::optional<bool> pathology = answers.yes("diagnosis.pathology");
  const std::optional<double> catecholamines = answers.value("catecholamines.timesUln");
  {  // Inclusion 4
    Judgement j(answers, "I4",
                "Pathological diagnosis, or marrow tumour cells with raised catecholamines");
    const Tri byPathology = j.yesNo("diagnosis.pathology");
    const Tri marrow = j.yesNo("diagnosis.marrowTumourCells");
    const std::optional<double> value = j.value("catecholamines.timesUln");
    Tri raised;
    if (value) {
      raised = *value > s.raisedCatecholaminesTimesUln;
      j.reason("urinary catecholamines " + uln(*value) +
               (*raised ? " are raised (above " : " are not raised (not above ") +
               uln(s.raisedCatecholaminesTimesUln) + ")");
    }
    criteria.push_back(j.finish(anyOf({byPathology, allOf({marrow, raised})})));
  }
  {  // Inclusion 5
    Judgement j(answers, "I5", "Measurable residual disease on imaging");
    if (!input.imagingEligible) {
      j.reason(
          "no signed imaging eligibility decision: this criterion is taken from the signed "
          "imaging eligibility decision, and none is signed yet");
    } else {
      j.reason(std::string("the signed imaging eligibility decision is ") +
               (*input.imagingEligible ? "eligible (measurable residual disease on imaging)"
                                       : "not eligible on imaging"));
    }
    criteria.push_back(j.finish(input.imagingEligible));
  }
  criteria.push_back(judgeAge(input, s, answers));  // Inclusion 6

  {  // Exclusion 3
    Judgement j(answers, "E3", "Cardiac function");
    const std::optional<double> sf = j.value("cardiac.sfPercent", true);
    const std::optional<double> ef = j.value("cardiac.efPercent", true);
    Tri excludes;
    if (!sf && !ef) {
      j.notAnswered("cardiac.sfPercent");
      j.notAnswered("cardiac.efPercent");
    } else {
      const Tri lowSf =
          below(j, sf, s.minShorteningFractionPercent, "shortening fraction", "%").value_or(false);
      const Tri lowEf =
          below(j, ef, s.minEjectionFractionPercent, "ejection fraction", "%").value_or(false);
      if (!sf) {
        j.reason("shortening fraction not measured");
      }
      if (!ef) {
        j.reason("ejection fraction not measured");
      }
      excludes = anyOf({lowSf, lowEf});
    }
    criteria.push_back(j.finish(excludes));
  }
  {  // Exclusion 4
    Judgement j(answers, "E4", "Pulmonary function");
    const Tri dyspnoea = j.yesNo("pulmonary.dyspnoeaAtRest");
    const Tri exercise = j.yesNo("pulmonary.exerciseIntolerance");
    const Tri oxygen = j.yesNo("pulmonary.chronicOxygen");
    const Tri effusion = j.yesNo("pulmonary.effusion");
    const std::optional<double> spo2 = j.value("pulmonary.spo2Percent", true);
    Tri lowSpo2 = false;
    if (spo2) {
      lowSpo2 = below(j, spo2, s.minSpO2Percent, "room-air SpO2", "%");
    } else {
      j.reason("room-air SpO2 not measured");
    }
    criteria.push_back(j.finish(anyOf({dyspnoea, exercise, oxygen, effusion, lowSpo2})));
  }
  criteria.push_back(yesExcludes(answers, "E5", "Emergency condition", "emergencyCondition"));
  {  // Exclusion 6
    Judgement j(answers, "E6",
                "Catecholamines above " + uln(s.excludedCatecholaminesTimesUln) +
                    ", or marrow-only disease without pathology");
    const bool limitApplies =
        s.catecholamines == CatecholamineReading::Literal || pathology != true;
    Tri aboveLimit = false;
    if (limitApplies) {
      const std::optional<double> value = j.value("catecholamines.timesUln");
      if (value) {
        aboveLimit = *value > s.excludedCatecholaminesTimesUln;
        j.reason("urinary catecholamines " + uln(*value) +
                 (*aboveLimit ? " are above " : " are not above ") +
                 uln(s.excludedCatecholaminesTimesUln));
      } else {
        aboveLimit = std::nullopt;
      }
    } else {
      j.reason("the catecholamine limit of " + uln(s.excludedCatecholaminesTimesUln) +
               " does not apply: the diagnosis rests on pathology (reading: " +
               readingText(s.catecholamines) + ", clinical-rules.md Q21)" +
               (catecholamines ? "; urinary catecholamines " + uln(*catecholamines) : ""));
    }
    const Tri marrowOnly = j.yesNo("disease.marrowOnlyWithoutPathology");
    criteria.push_back(j.finish(anyOf({aboveLimit, marrowOnly})));
  }
  {  // Exclusion 7
    Judgement j(answers, "E7", "Systemic steroids");
    const std::optional<double> dose = j.value("steroids.doseMgPerKgPerDay");
    const std::optional<double> duration = j.value("steroids.days");
    Tri highDose;
    Tri longEnough;
    if (dose) {
      highDose = *dose >= s.steroidDoseMgPerKgPerDay;
      j.reason("systemic steroid dose " + number(*dose) + " mg/kg/day (prednisone equivalent) is " +
               (*highDose ? "at least " : "below ") + number(s.steroidDoseMgPerKgPerDay) +
               " mg/kg/day");
    }
    if (duration) {
      longEnough = *duration >= s.steroidDays;
      j.reason("steroids given for " + number(*duration) + " days, " +
               (*longEnough ? "at least " : "fewer than ") + std::to_string(s.steroidDays) +
               " days");
    }
    criteria.push_back(j.finish(allOf({highDose, longEnough})));
  }
  criteria.push_back(yesExcludes(answers, "E8", "CYP3A4 inducers or inhibitors within 7 days",
                                 "cyp3a4.within7Days"));
  criteria.push_back(yesExcludes(answers, "E9", "Other malignancy", "otherMalignancy"));
  criteria.push_back(gradeAbove(answers, "E10",
                                "Diarrhoea above grade " + std::to_string(s.maxDiarrhoeaGrade),
                                "diarrhoea.ctcaeGrade", "diarrhoea", s.maxDiarrhoeaGrade));
  criteria.push_back(yesExcludes(answers, "E11", "Significant illness", "significantIllness"));
  criteria.push_back(yesExcludes(answers, "E12", "Another clinical trial", "otherTrial"));
  criteria.push_back(
      gradeAbove(answers, "E13",
                 "Major-organ impairment above grade " + std::to_string(s.maxOrganToxicityGrade),
                 "organToxicity.maxCtcaeGrade", "major-organ impairment", s.maxOrganToxicityGrade));
  criteria.push_back(yesExcludes(answers, "E14", "Unable to comply", "unableToComply"));
  {  // Exclusion 15: the only item where "no" excludes
    Judgement j(answers, "E15", "No confirmed consent signed by the guardians");
    const Tri consent = j.yesNo("consent.guardianSigned");
    criteria.push_back(j.finish(consent ? Tri{!*consent} : Tri{}));
  }
  criteria.push_back(yesExcludes(answers, "E16", "HIV", "hiv"));

  result.notes.push_back(catecholamineNote(s, pathology, catecholamines));

  result.complete = std::none_of(criteria.begin(), criteria.end(), [](const CriterionResult& c) {
    return c.status == CriterionStatus::Missing;
  });
  result.eligible = result.complete &&
                    std::all_of(criteria.begin(), criteria.end(), [](const CriterionResult& c) {
                      return c.kind == CriterionKind::Inclusion
                                 ? c.status == CriterionStatus::Met
                                 : c.status == CriterionStatus::Clear;
                    });
  return result;
}

}  // namespace nbra::scoring
