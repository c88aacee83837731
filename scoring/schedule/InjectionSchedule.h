#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbra::scoring {

using Date = std::chrono::year_month_day;

// The injection calendar (clinical-rules.md 8.1): injection n is given 10 days after the end of
// chemotherapy course n; injections 4 and 5 only after a signed extra-dose approval.
struct ScheduleSettings {
  int daysAfterCourse = 10;       // the due date is the course end plus this
  int windowDaysBeforeDue = 0;    // earliest allowed: due minus this (earlier is refused)
  int windowDaysAfterDue = 3;     // latest on time: due plus this (later is flagged "late")
  double doseTolerancePercent = 10.0;  // cells given may differ from the prescribed dose by this
};
// Throws std::invalid_argument naming the setting for a negative day count or a tolerance that is
// negative or not a finite number. Every function below calls it.
void validateScheduleSettings(const ScheduleSettings& settings);

enum class InjectionTiming {
  NoCourse,  // the course it follows is not recorded yet
  Planned,   // due in the future (window not yet open on `today`)
  Due,       // window open on `today`, not given
  Overdue,   // window closed on `today`, not given
  Early,     // given before the window opened
  OnTime,    // given within the window
  Late,      // given after the window closed
};
std::string_view injectionTimingCode(InjectionTiming timing);  // "no-course", "planned", ...

struct CourseEnd {
  int number = 0;  // 1..5
  Date endDate{};
};

struct GivenInjection {
  int number = 0;  // 1..5
  Date givenDate{};
};

struct ScheduledInjection {
  int number = 0;
  std::optional<Date> courseEnd;
  std::optional<Date> dueDate;
  std::optional<Date> windowOpens;
  std::optional<Date> windowCloses;
  std::optional<Date> givenDate;
  InjectionTiming timing = InjectionTiming::NoCourse;
  bool needsExtraDoseApproval = false;  // injections 4 and 5
  bool blockedByApproval = false;       // 4 or 5 without a signed approval
  int daysFromDue = 0;                  // given - due (given injections only)
  std::string note;                     // one sentence for the timeline
};

// Injections 1..5 (4 and 5 only when `extraDosesApproved` or when already given/with a course).
// Throws std::invalid_argument for a course or injection number outside 1..5, a number twice,
// an invalid date (`today` included), or a course that ended before the previous recorded course.
std::vector<ScheduledInjection> injectionSchedule(const std::vector<CourseEnd>& courses,
                                                  const std::vector<GivenInjection>& given,
                                                  bool extraDosesApproved, Date today,
                                                  const ScheduleSettings& settings = {});

// The timing of an injection given on `given` after a course ending on `courseEnd`.
InjectionTiming injectionTiming(Date courseEnd, Date given, const ScheduleSettings& settings = {});

// The absolute difference of `cellsGiven` from `prescribedCells`, in percent of the prescribed
// dose; and whether it is within settings.doseTolerancePercent. Throws std::invalid_argument for
// a prescribed dose <= 0 or cells given < 0.
double doseDeviationPercent(std::int64_t prescribedCells, std::int64_t cellsGiven);
bool doseWithinTolerance(std::int64_t prescribedCells, std::int64_t cellsGiven,
                         const ScheduleSettings& settings = {});

}  // namespace nbra::scoring
