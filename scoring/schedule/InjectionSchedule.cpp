#include "scoring/schedule/InjectionSchedule.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nbra::scoring {

namespace {

constexpr int kFirstNumber = 1;
constexpr int kLastNumber = 5;
constexpr int kFirstExtraDose = 4;  // injections 4 and 5 need the signed extra-dose approval

using std::chrono::days;
using std::chrono::sys_days;

std::string dateText(Date d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

Date plusDays(Date d, int n) {
  return Date{sys_days{d} + days{n}};
}

int daysBetween(Date from, Date to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

// "1 day", "2 days".
std::string dayCount(int n) {
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

struct Window {
  Date due;
  Date opens;
  Date closes;
};

Window windowAfter(Date courseEnd, const ScheduleSettings& settings) {
  const Date due = plusDays(courseEnd, settings.daysAfterCourse);
  return {due, plusDays(due, -settings.windowDaysBeforeDue),
          plusDays(due, settings.windowDaysAfterDue)};
}

InjectionTiming timingOfGiven(const Window& w, Date given) {
  if (sys_days{given} < sys_days{w.opens}) {
    return InjectionTiming::Early;
  }
  if (sys_days{given} > sys_days{w.closes}) {
    return InjectionTiming::Late;
  }
  return InjectionTiming::OnTime;
}

void requireValidDate(Date d, const std::string& what) {
  if (!d.ok()) {
    throw std::invalid_argument(what + " is not a valid date");
  }
}

// The recorded dates by number (index 1..5), refusing numbers outside 1..5 and duplicates.
template <typename Record, typename DateOf>
std::array<std::optional<Date>, kLastNumber + 1> byNumber(const std::vector<Record>& records,
                                                          const char* kind, DateOf dateOf) {
  std::array<std::optional<Date>, kLastNumber + 1> result;
  for (const Record& record : records) {
    const std::string name = std::string(kind) + " " + std::to_string(record.number);
    if (record.number < kFirstNumber || record.number > kLastNumber) {
      throw std::invalid_argument(name + ": the number is outside 1..5");
    }
    if (result[record.number]) {
      throw std::invalid_argument(name + " is recorded twice");
    }
    requireValidDate(dateOf(record), name + ": the date");
    result[record.number] = dateOf(record);
  }
  return result;
}

// "on time (2 days after due)", "early (1 day before due)", "late (on the due date)".
std::string givenText(InjectionTiming timing, int daysFromDue) {
  std::string text;
  switch (timing) {
    case InjectionTiming::Early:
      text = "early";
      break;
    case InjectionTiming::Late:
      text = "late";
      break;
    default:
      text = "on time";
      break;
  }
  if (daysFromDue == 0) {
    return text + " (on the due date)";
  }
  if (daysFromDue > 0) {
    return text + " (" + dayCount(daysFromDue) + " after due)";
  }
  return text + " (" + dayCount(-daysFromDue) + " before due)";
}

}  // namespace

std::string_view injectionTimingCode(InjectionTiming timing) {
  switch (timing) {
    case InjectionTiming::NoCourse:
      return "no-course";
    case InjectionTiming::Planned:
      return "planned";
    case InjectionTiming::Due:
      return "due";
    case InjectionTiming::Overdue:
      return "overdue";
    case InjectionTiming::Early:
      return "early";
    case InjectionTiming::OnTime:
      return "on-time";
    case InjectionTiming::Late:
      return "late";
  }
  throw std::invalid_argument("unknown injection timing " +
                              std::to_string(static_cast<int>(timing)));
}

void validateScheduleSettings(const ScheduleSettings& settings) {
  if (settings.daysAfterCourse < 0) {
    throw std::invalid_argument("schedule setting daysAfterCourse " +
                                std::to_string(settings.daysAfterCourse) + " is negative");
  }
  if (settings.windowDaysBeforeDue < 0) {
    throw std::invalid_argument("schedule setting windowDaysBeforeDue " +
                                std::to_string(settings.windowDaysBeforeDue) + " is negative");
  }
  if (settings.windowDaysAfterDue < 0) {
    throw std::invalid_argument("schedule setting windowDaysAfterDue " +
                                std::to_string(settings.windowDaysAfterDue) + " is negative");
  }
  if (!std::isfinite(settings.doseTolerancePercent) || settings.doseTolerancePercent < 0.0) {
    throw std::invalid_argument(
        "schedule setting doseTolerancePercent is not a finite number of 0 % or more");
  }
}

InjectionTiming injectionTiming(Date courseEnd, Date given, const ScheduleSettings& settings) {
  validateScheduleSettings(settings);
  requireValidDate(courseEnd, "the course end date");
  requireValidDate(given, "the injection date");
  return timingOfGiven(windowAfter(courseEnd, settings), given);
}

std::vector<ScheduledInjection> injectionSchedule(const std::vector<CourseEnd>& courses,
                                                  const std::vector<GivenInjection>& given,
                                                  bool extraDosesApproved, Date today,
                                                  const ScheduleSettings& settings) {
  validateScheduleSettings(settings);
  requireValidDate(today, "today");
  const auto courseEnds = byNumber(courses, "course", [](const CourseEnd& c) { return c.endDate; });
  const auto givenDates =
      byNumber(given, "injection", [](const GivenInjection& g) { return g.givenDate; });

  // Courses follow one another: each recorded course ends no earlier than the last recorded
  // course before it (a gap in the record, e.g. course 2 missing, is not an error).
  std::optional<int> previous;
  for (int n = kFirstNumber; n <= kLastNumber; ++n) {
    if (!courseEnds[n]) {
      continue;
    }
    if (previous && sys_days{*courseEnds[n]} < sys_days{*courseEnds[*previous]}) {
      throw std::invalid_argument("course " + std::to_string(n) + " ended " +
                                  dateText(*courseEnds[n]) + ", before course " +
                                  std::to_string(*previous) + " (ended " +
                                  dateText(*courseEnds[*previous]) + ")");
    }
    previous = n;
  }

  std::vector<ScheduledInjection> schedule;
  for (int n = kFirstNumber; n <= kLastNumber; ++n) {
    const bool extra = n >= kFirstExtraDose;
    if (extra && !extraDosesApproved && !courseEnds[n] && !givenDates[n]) {
      continue;
    }
    ScheduledInjection entry;
    entry.number = n;
    entry.courseEnd = courseEnds[n];
    entry.givenDate = givenDates[n];
    entry.needsExtraDoseApproval = extra;
    entry.blockedByApproval = extra && !extraDosesApproved && !givenDates[n];

    std::string note;
    if (!entry.courseEnd) {
      entry.timing = InjectionTiming::NoCourse;
      note = "course " + std::to_string(n) + " not recorded yet";
      if (entry.givenDate) {
        note += "; given " + dateText(*entry.givenDate);
      }
    } else {
      const Window w = windowAfter(*entry.courseEnd, settings);
      entry.dueDate = w.due;
      entry.windowOpens = w.opens;
      entry.windowCloses = w.closes;
      note = "due " + dateText(w.due) + " (course " + std::to_string(n) + " ended " +
             dateText(*entry.courseEnd) + ")";
      if (entry.givenDate) {
        entry.timing = timingOfGiven(w, *entry.givenDate);
        entry.daysFromDue = daysBetween(w.due, *entry.givenDate);
        note += "; given " + dateText(*entry.givenDate) + ", " +
                givenText(entry.timing, entry.daysFromDue);
      } else if (sys_days{today} < sys_days{w.opens}) {
        entry.timing = InjectionTiming::Planned;
        note += "; window " + dateText(w.opens) + " to " + dateText(w.closes);
      } else if (sys_days{today} > sys_days{w.closes}) {
        entry.timing = InjectionTiming::Overdue;
        note += "; overdue since " + dateText(plusDays(w.closes, 1)) + " (window closed " +
                dateText(w.closes) + ")";
      } else {
        entry.timing = InjectionTiming::Due;
        note += "; window open until " + dateText(w.closes);
      }
    }
    if (entry.blockedByApproval) {
      note += "; needs a signed extra-dose approval";
    } else if (extra && !extraDosesApproved) {
      note += " without a signed extra-dose approval";
    }
    entry.note = std::move(note);
    schedule.push_back(std::move(entry));
  }
  return schedule;
}

double doseDeviationPercent(std::int64_t prescribedCells, std::int64_t cellsGiven) {
  if (prescribedCells <= 0) {
    throw std::invalid_argument("the prescribed dose of " + std::to_string(prescribedCells) +
                                " cells is not positive");
  }
  if (cellsGiven < 0) {
    throw std::invalid_argument("the " + std::to_string(cellsGiven) +
                                " cells given are a negative count");
  }
  // Both are non-negative, so the difference cannot overflow; dividing last keeps a deviation of
  // exactly 10 % exactly 10.
  const std::int64_t difference =
      cellsGiven >= prescribedCells ? cellsGiven - prescribedCells : prescribedCells - cellsGiven;
  return 100.0 * static_cast<double>(difference) / static_cast<double>(prescribedCells);
}

bool doseWithinTolerance(std::int64_t prescribedCells, std::int64_t cellsGiven,
                         const ScheduleSettings& settings) {
  validateScheduleSettings(settings);
  return doseDeviationPercent(prescribedCells, cellsGiven) <= settings.doseTolerancePercent;
}

}  // namespace nbra::scoring
