// The injection calendar: injection n 10 days after the end of course n, 4 and 5 only after a
// signed extra-dose approval (clinical-rules.md 8.1; scoring/schedule).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "scoring/schedule/InjectionSchedule.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;

Date ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const ScheduledInjection& entry(const std::vector<ScheduledInjection>& schedule, int number) {
  for (const ScheduledInjection& e : schedule) {
    if (e.number == number) {
      return e;
    }
  }
  throw std::logic_error("no entry for injection " + std::to_string(number));
}

std::vector<int> numbers(const std::vector<ScheduledInjection>& schedule) {
  std::vector<int> result;
  for (const ScheduledInjection& e : schedule) {
    result.push_back(e.number);
  }
  return result;
}

struct DueRow {
  const char* rule;
  Date courseEnd;
  Date due;
};

TEST(InjectionSchedule, DueDateIsCourseEndPlusTenDaysAcrossMonthAndYearEnds) {
  const DueRow rows[] = {
      {"within a month", ymd(2026, 1, 5), ymd(2026, 1, 15)},
      {"across a 31-day month end", ymd(2026, 1, 31), ymd(2026, 2, 10)},
      {"across February in a common year", ymd(2026, 2, 25), ymd(2026, 3, 7)},
      {"across February in a leap year", ymd(2028, 2, 25), ymd(2028, 3, 6)},
      {"to 29 February in a leap year", ymd(2028, 2, 19), ymd(2028, 2, 29)},
      {"across the year end", ymd(2025, 12, 28), ymd(2026, 1, 7)},
      {"across a 30-day month end", ymd(2026, 4, 30), ymd(2026, 5, 10)},
  };
  for (const DueRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const auto schedule = injectionSchedule({{1, row.courseEnd}}, {}, false, row.courseEnd);
    const ScheduledInjection& first = entry(schedule, 1);
    ASSERT_TRUE(first.dueDate.has_value());
    EXPECT_EQ(*first.dueDate, row.due);
    EXPECT_EQ(first.courseEnd, row.courseEnd);
    // Default window: from the due date to 3 days after it.
    EXPECT_EQ(first.windowOpens, row.due);
    EXPECT_EQ(first.windowCloses, Date{std::chrono::sys_days{row.due} + std::chrono::days{3}});
  }
}

TEST(InjectionSchedule, WindowFollowsTheSettings) {
  const ScheduleSettings settings{
      .daysAfterCourse = 14, .windowDaysBeforeDue = 2, .windowDaysAfterDue = 5};
  const auto schedule =
      injectionSchedule({{1, ymd(2026, 1, 31)}}, {}, false, ymd(2026, 1, 31), settings);
  const ScheduledInjection& first = entry(schedule, 1);
  EXPECT_EQ(first.dueDate, ymd(2026, 2, 14));
  EXPECT_EQ(first.windowOpens, ymd(2026, 2, 12));
  EXPECT_EQ(first.windowCloses, ymd(2026, 2, 19));
}

struct TimingRow {
  const char* rule;
  Date given;
  InjectionTiming expected;
};

TEST(InjectionSchedule, TimingAtTheWindowEdges) {
  // Course ends 2026-01-31: due 2026-02-10, window 2026-02-10 .. 2026-02-13.
  const Date courseEnd = ymd(2026, 1, 31);
  const TimingRow rows[] = {
      {"before the course even ended", ymd(2026, 1, 30), InjectionTiming::Early},
      {"day before the window opens", ymd(2026, 2, 9), InjectionTiming::Early},
      {"opening day (the due date)", ymd(2026, 2, 10), InjectionTiming::OnTime},
      {"inside the window", ymd(2026, 2, 12), InjectionTiming::OnTime},
      {"closing day", ymd(2026, 2, 13), InjectionTiming::OnTime},
      {"day after the window closes", ymd(2026, 2, 14), InjectionTiming::Late},
      {"a month late", ymd(2026, 3, 14), InjectionTiming::Late},
  };
  for (const TimingRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(injectionTiming(courseEnd, row.given), row.expected);
    const auto schedule = injectionSchedule({{1, courseEnd}}, {{1, row.given}}, false, row.given);
    EXPECT_EQ(entry(schedule, 1).timing, row.expected);
  }
}

TEST(InjectionSchedule, TimingWithAWindowBeforeDue) {
  const ScheduleSettings settings{.windowDaysBeforeDue = 2, .windowDaysAfterDue = 0};
  const Date courseEnd = ymd(2026, 1, 31);  // due 2026-02-10, window 2026-02-08 .. 2026-02-10
  EXPECT_EQ(injectionTiming(courseEnd, ymd(2026, 2, 7), settings), InjectionTiming::Early);
  EXPECT_EQ(injectionTiming(courseEnd, ymd(2026, 2, 8), settings), InjectionTiming::OnTime);
  EXPECT_EQ(injectionTiming(courseEnd, ymd(2026, 2, 10), settings), InjectionTiming::OnTime);
  EXPECT_EQ(injectionTiming(courseEnd, ymd(2026, 2, 11), settings), InjectionTiming::Late);
}

TEST(InjectionSchedule, DaysFromDueAndNoteOfAGivenInjection) {
  const auto schedule =
      injectionSchedule({{1, ymd(2026, 1, 5)}, {2, ymd(2026, 1, 31)}},
                        {{1, ymd(2026, 1, 14)}, {2, ymd(2026, 2, 12)}}, false, ymd(2026, 2, 20));
  const ScheduledInjection& first = entry(schedule, 1);
  EXPECT_EQ(first.timing, InjectionTiming::Early);
  EXPECT_EQ(first.daysFromDue, -1);
  EXPECT_EQ(first.note,
            "due 2026-01-15 (course 1 ended 2026-01-05); given 2026-01-14, early "
            "(1 day before due)");
  const ScheduledInjection& second = entry(schedule, 2);
  EXPECT_EQ(second.givenDate, ymd(2026, 2, 12));
  EXPECT_EQ(second.timing, InjectionTiming::OnTime);
  EXPECT_EQ(second.daysFromDue, 2);
  EXPECT_EQ(second.note,
            "due 2026-02-10 (course 2 ended 2026-01-31); given 2026-02-12, on time "
            "(2 days after due)");

  const auto late =
      injectionSchedule({{1, ymd(2026, 1, 31)}}, {{1, ymd(2026, 2, 15)}}, false, ymd(2026, 2, 15));
  EXPECT_EQ(entry(late, 1).daysFromDue, 5);
  EXPECT_EQ(entry(late, 1).note,
            "due 2026-02-10 (course 1 ended 2026-01-31); given 2026-02-15, "
            "late (5 days after due)");
  const auto onDue =
      injectionSchedule({{1, ymd(2026, 1, 31)}}, {{1, ymd(2026, 2, 10)}}, false, ymd(2026, 2, 10));
  EXPECT_EQ(entry(onDue, 1).daysFromDue, 0);
  EXPECT_TRUE(mentions(entry(onDue, 1).note, "on time (on the due date)")) << entry(onDue, 1).note;
}

struct TodayRow {
  const char* rule;
  Date today;
  InjectionTiming expected;
  const char* notePart;
};

TEST(InjectionSchedule, NotGivenIsPlannedDueOrOverdueByToday) {
  // Course 1 ends 2026-01-31: window 2026-02-10 .. 2026-02-13.
  const TodayRow rows[] = {
      {"the day the course ended", ymd(2026, 1, 31), InjectionTiming::Planned,
       "window 2026-02-10 to 2026-02-13"},
      {"day before the window opens", ymd(2026, 2, 9), InjectionTiming::Planned,
       "window 2026-02-10 to 2026-02-13"},
      {"opening day", ymd(2026, 2, 10), InjectionTiming::Due, "window open until 2026-02-13"},
      {"closing day", ymd(2026, 2, 13), InjectionTiming::Due, "window open until 2026-02-13"},
      {"day after the window closed", ymd(2026, 2, 14), InjectionTiming::Overdue,
       "overdue since 2026-02-14 (window closed 2026-02-13)"},
      {"long after", ymd(2026, 6, 1), InjectionTiming::Overdue, "overdue since 2026-02-14"},
  };
  for (const TodayRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const auto schedule = injectionSchedule({{1, ymd(2026, 1, 31)}}, {}, false, row.today);
    const ScheduledInjection& first = entry(schedule, 1);
    EXPECT_EQ(first.timing, row.expected);
    EXPECT_FALSE(first.givenDate.has_value());
    EXPECT_EQ(first.daysFromDue, 0);
    EXPECT_TRUE(mentions(first.note, "due 2026-02-10 (course 1 ended 2026-01-31)")) << first.note;
    EXPECT_TRUE(mentions(first.note, row.notePart)) << first.note;
  }
}

TEST(InjectionSchedule, WithoutACourseTheInjectionHasNoDates) {
  const auto schedule = injectionSchedule({{1, ymd(2026, 1, 31)}}, {}, false, ymd(2026, 2, 11));
  ASSERT_EQ(numbers(schedule), (std::vector<int>{1, 2, 3}));
  for (int n : {2, 3}) {
    SCOPED_TRACE(n);
    const ScheduledInjection& e = entry(schedule, n);
    EXPECT_EQ(e.timing, InjectionTiming::NoCourse);
    EXPECT_FALSE(e.courseEnd.has_value());
    EXPECT_FALSE(e.dueDate.has_value());
    EXPECT_FALSE(e.windowOpens.has_value());
    EXPECT_FALSE(e.windowCloses.has_value());
    EXPECT_FALSE(e.needsExtraDoseApproval);
    EXPECT_FALSE(e.blockedByApproval);
    EXPECT_EQ(e.note, "course " + std::to_string(n) + " not recorded yet");
  }
  // Given with no course recorded: still NoCourse, the date is kept.
  const auto given = injectionSchedule({}, {{2, ymd(2026, 2, 11)}}, false, ymd(2026, 2, 11));
  EXPECT_EQ(entry(given, 2).timing, InjectionTiming::NoCourse);
  EXPECT_EQ(entry(given, 2).givenDate, ymd(2026, 2, 11));
  EXPECT_EQ(entry(given, 2).daysFromDue, 0);
  EXPECT_EQ(entry(given, 2).note, "course 2 not recorded yet; given 2026-02-11");
}

TEST(InjectionSchedule, ExtraDosesAppearOnlyWithApprovalCourseOrInjection) {
  const std::vector<CourseEnd> three = {
      {1, ymd(2026, 1, 5)}, {2, ymd(2026, 2, 5)}, {3, ymd(2026, 3, 5)}};
  const Date today = ymd(2026, 3, 20);
  EXPECT_EQ(numbers(injectionSchedule(three, {}, false, today)), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(numbers(injectionSchedule({}, {}, false, today)), (std::vector<int>{1, 2, 3}));

  // Approved: 4 and 5 appear, not blocked, with no course yet.
  const auto approved = injectionSchedule(three, {}, true, today);
  ASSERT_EQ(numbers(approved), (std::vector<int>{1, 2, 3, 4, 5}));
  for (int n : {4, 5}) {
    SCOPED_TRACE(n);
    EXPECT_TRUE(entry(approved, n).needsExtraDoseApproval);
    EXPECT_FALSE(entry(approved, n).blockedByApproval);
    EXPECT_EQ(entry(approved, n).timing, InjectionTiming::NoCourse);
  }
  EXPECT_FALSE(entry(approved, 3).needsExtraDoseApproval);

  // A course 4 recorded without approval: 4 appears, blocked, with its dates; 5 does not.
  std::vector<CourseEnd> four = three;
  four.push_back({4, ymd(2026, 4, 5)});
  const auto course4 = injectionSchedule(four, {}, false, ymd(2026, 4, 16));
  ASSERT_EQ(numbers(course4), (std::vector<int>{1, 2, 3, 4}));
  const ScheduledInjection& fourth = entry(course4, 4);
  EXPECT_TRUE(fourth.needsExtraDoseApproval);
  EXPECT_TRUE(fourth.blockedByApproval);
  EXPECT_EQ(fourth.dueDate, ymd(2026, 4, 15));
  EXPECT_EQ(fourth.timing, InjectionTiming::Due);
  EXPECT_EQ(fourth.note,
            "due 2026-04-15 (course 4 ended 2026-04-05); window open until "
            "2026-04-18; needs a signed extra-dose approval");

  // A course 5 alone (no approval): only 5 is added.
  std::vector<CourseEnd> five = three;
  five.push_back({5, ymd(2026, 5, 5)});
  const auto course5 = injectionSchedule(five, {}, false, today);
  ASSERT_EQ(numbers(course5), (std::vector<int>{1, 2, 3, 5}));
  EXPECT_TRUE(entry(course5, 5).blockedByApproval);
  EXPECT_EQ(entry(course5, 5).timing, InjectionTiming::Planned);

  // Injection 5 given without approval: shown, not blocked (it is given), and the note says so.
  const auto given5 = injectionSchedule(five, {{5, ymd(2026, 5, 15)}}, false, ymd(2026, 5, 15));
  ASSERT_EQ(numbers(given5), (std::vector<int>{1, 2, 3, 5}));
  EXPECT_TRUE(entry(given5, 5).needsExtraDoseApproval);
  EXPECT_FALSE(entry(given5, 5).blockedByApproval);
  EXPECT_EQ(entry(given5, 5).timing, InjectionTiming::OnTime);
  EXPECT_TRUE(mentions(entry(given5, 5).note, "without a signed extra-dose approval"))
      << entry(given5, 5).note;

  // Injection 4 given with no course recorded and no approval.
  const auto given4 = injectionSchedule(three, {{4, ymd(2026, 4, 15)}}, false, today);
  ASSERT_EQ(numbers(given4), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(entry(given4, 4).timing, InjectionTiming::NoCourse);
  EXPECT_FALSE(entry(given4, 4).blockedByApproval);

  // Not approved, no course: blocked entries say so.
  const auto blocked = injectionSchedule(four, {}, false, ymd(2026, 4, 1));
  EXPECT_EQ(entry(blocked, 4).timing, InjectionTiming::Planned);
  EXPECT_TRUE(mentions(entry(blocked, 4).note, "needs a signed extra-dose approval"));
}

TEST(InjectionSchedule, InputOrderDoesNotMatter) {
  const auto schedule =
      injectionSchedule({{3, ymd(2026, 3, 5)}, {1, ymd(2026, 1, 5)}},
                        {{3, ymd(2026, 3, 15)}, {1, ymd(2026, 1, 15)}}, false, ymd(2026, 3, 20));
  ASSERT_EQ(numbers(schedule), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(entry(schedule, 1).dueDate, ymd(2026, 1, 15));
  EXPECT_EQ(entry(schedule, 3).dueDate, ymd(2026, 3, 15));
  EXPECT_EQ(entry(schedule, 2).timing, InjectionTiming::NoCourse);
}

TEST(InjectionSchedule, RefusesImpossibleInput) {
  const Date today = ymd(2026, 3, 1);
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({{0, ymd(2026, 1, 5)}}, {}, true, today);
                       }),
                       "course 0"));
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({{6, ymd(2026, 1, 5)}}, {}, true, today);
                       }),
                       "course 6"));
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({}, {{6, ymd(2026, 1, 5)}}, true, today);
                       }),
                       "injection 6"));
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({}, {{-1, ymd(2026, 1, 5)}}, true, today);
                       }),
                       "injection -1"));
  EXPECT_TRUE(
      mentions(refusal([&] {
                 injectionSchedule({{2, ymd(2026, 1, 5)}, {2, ymd(2026, 2, 5)}}, {}, true, today);
               }),
               "course 2 is recorded twice"));
  EXPECT_TRUE(
      mentions(refusal([&] {
                 injectionSchedule({}, {{1, ymd(2026, 1, 5)}, {1, ymd(2026, 1, 5)}}, true, today);
               }),
               "injection 1 is recorded twice"));
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({{1, ymd(2026, 2, 30)}}, {}, true, today);
                       }),
                       "course 1: the date is not a valid date"));
  EXPECT_TRUE(mentions(refusal([&] {
                         injectionSchedule({}, {{3, ymd(2026, 13, 1)}}, true, today);
                       }),
                       "injection 3: the date is not a valid date"));
  EXPECT_TRUE(mentions(refusal([&] { injectionSchedule({}, {}, true, ymd(2025, 2, 29)); }),
                       "today is not a valid date"));
  // Course 3 ending before course 2 (course order is by number, whatever the input order).
  const std::string outOfOrder = refusal([&] {
    injectionSchedule({{3, ymd(2026, 1, 30)}, {2, ymd(2026, 1, 31)}}, {}, true, today);
  });
  EXPECT_EQ(outOfOrder, "course 3 ended 2026-01-30, before course 2 (ended 2026-01-31)");
  // Across a gap: course 3 is compared with course 1 when course 2 is not recorded.
  EXPECT_TRUE(
      mentions(refusal([&] {
                 injectionSchedule({{1, ymd(2026, 1, 31)}, {3, ymd(2026, 1, 2)}}, {}, true, today);
               }),
               "before course 1"));
  // Same end day as the previous course is not "before" it.
  EXPECT_EQ(refusal([&] {
              injectionSchedule({{1, ymd(2026, 1, 31)}, {2, ymd(2026, 1, 31)}}, {}, true, today);
            }),
            "");
  EXPECT_TRUE(mentions(refusal([] { injectionTiming(ymd(2026, 2, 29), ymd(2026, 3, 1)); }),
                       "course end date"));
  EXPECT_TRUE(mentions(refusal([] { injectionTiming(ymd(2026, 2, 1), ymd(2026, 2, 31)); }),
                       "injection date"));
}

TEST(InjectionSchedule, RefusesImpossibleSettings) {
  const Date d = ymd(2026, 1, 31);
  EXPECT_TRUE(mentions(refusal([&] { injectionTiming(d, d, {.daysAfterCourse = -1}); }),
                       "daysAfterCourse"));
  EXPECT_TRUE(mentions(refusal([&] { injectionTiming(d, d, {.windowDaysBeforeDue = -1}); }),
                       "windowDaysBeforeDue"));
  EXPECT_TRUE(
      mentions(refusal([&] { injectionSchedule({}, {}, false, d, {.windowDaysAfterDue = -2}); }),
               "windowDaysAfterDue"));
  EXPECT_TRUE(
      mentions(refusal([] { doseWithinTolerance(100, 100, {.doseTolerancePercent = -1.0}); }),
               "doseTolerancePercent"));
  EXPECT_TRUE(mentions(refusal([] {
                         doseWithinTolerance(
                             100, 100,
                             {.doseTolerancePercent = std::numeric_limits<double>::quiet_NaN()});
                       }),
                       "doseTolerancePercent"));
}

TEST(InjectionSchedule, TimingCodes) {
  EXPECT_EQ(injectionTimingCode(InjectionTiming::NoCourse), "no-course");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::Planned), "planned");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::Due), "due");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::Overdue), "overdue");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::Early), "early");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::OnTime), "on-time");
  EXPECT_EQ(injectionTimingCode(InjectionTiming::Late), "late");
}

TEST(InjectionDose, DeviationPercent) {
  EXPECT_DOUBLE_EQ(doseDeviationPercent(1'000, 1'000), 0.0);
  EXPECT_DOUBLE_EQ(doseDeviationPercent(1'000, 1'100), 10.0);
  EXPECT_DOUBLE_EQ(doseDeviationPercent(1'000, 900), 10.0);
  EXPECT_DOUBLE_EQ(doseDeviationPercent(1'000, 0), 100.0);
  EXPECT_DOUBLE_EQ(doseDeviationPercent(1'000, 2'500), 150.0);
  // A 70 kg child at 5 x 10^6 cells/kg.
  EXPECT_DOUBLE_EQ(doseDeviationPercent(350'000'000, 315'000'000), 10.0);
}

TEST(InjectionDose, TenPercentIsWithinTolerance) {
  const std::int64_t prescribed = 350'000'000;
  // Exactly 10 % either way is within; 10.01 % is not.
  EXPECT_TRUE(doseWithinTolerance(prescribed, 385'000'000));
  EXPECT_TRUE(doseWithinTolerance(prescribed, 315'000'000));
  EXPECT_FALSE(doseWithinTolerance(prescribed, 385'035'000));
  EXPECT_FALSE(doseWithinTolerance(prescribed, 314'965'000));
  EXPECT_TRUE(doseWithinTolerance(10'000, 11'000));
  EXPECT_FALSE(doseWithinTolerance(10'000, 11'001));  // 10.01 %
  EXPECT_FALSE(doseWithinTolerance(10'000, 8'999));   // 10.01 %
  EXPECT_TRUE(doseWithinTolerance(prescribed, prescribed));
  // The tolerance is a setting.
  EXPECT_TRUE(doseWithinTolerance(10'000, 11'500, {.doseTolerancePercent = 15.0}));
  EXPECT_FALSE(doseWithinTolerance(10'000, 10'001, {.doseTolerancePercent = 0.0}));
}

TEST(InjectionDose, RefusesImpossibleCounts) {
  EXPECT_TRUE(mentions(refusal([] { doseDeviationPercent(0, 100); }), "prescribed dose of 0"));
  EXPECT_TRUE(mentions(refusal([] { doseDeviationPercent(-5, 100); }), "prescribed dose of -5"));
  EXPECT_TRUE(mentions(refusal([] { doseDeviationPercent(100, -1); }), "-1 cells given"));
  EXPECT_THROW(doseWithinTolerance(100, -1), std::invalid_argument);
  EXPECT_EQ(refusal([] { doseDeviationPercent(100, 0); }), "");
}

}  // namespace
}  // namespace nbra::scoring
