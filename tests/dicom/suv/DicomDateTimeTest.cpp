// DA / TM / DT parsing: every form the SUV attributes arrive in.

#include <gtest/gtest.h>

#include "dicom/suv/DicomDateTime.h"

namespace {

using namespace nbra::dicom;
using namespace std::chrono;

sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / d};
}

TEST(DicomDate, ParsesPlainAndOldDottedForms) {
  EXPECT_EQ(parseDicomDate("20201217"), day(2020, 12, 17));
  EXPECT_EQ(parseDicomDate("1960.01.16"), day(1960, 1, 16));
  EXPECT_EQ(parseDicomDate(" 20201217 "), day(2020, 12, 17));
}

TEST(DicomDate, RejectsImpossibleOrMalformedDates) {
  EXPECT_FALSE(parseDicomDate("20210230"));
  EXPECT_FALSE(parseDicomDate("2021123"));
  EXPECT_FALSE(parseDicomDate("2021-12-03"));
  EXPECT_FALSE(parseDicomDate(""));
}

TEST(DicomTime, ParsesShortFullFractionalAndColonForms) {
  EXPECT_EQ(parseDicomTime("07"), hours{7});
  EXPECT_EQ(parseDicomTime("0721"), hours{7} + minutes{21});
  EXPECT_EQ(parseDicomTime("072100.00"), hours{7} + minutes{21});
  EXPECT_EQ(parseDicomTime("152316.921"),
            hours{15} + minutes{23} + seconds{16} + milliseconds{921});
  EXPECT_EQ(parseDicomTime("123514.999995"),
            hours{12} + minutes{35} + seconds{14} + microseconds{999995});
  EXPECT_EQ(parseDicomTime("07:21:00"), hours{7} + minutes{21});
  EXPECT_EQ(parseDicomTime("07:21:00.5 "), hours{7} + minutes{21} + milliseconds{500});
}

TEST(DicomTime, RejectsOutOfRangeOrGarbage) {
  EXPECT_FALSE(parseDicomTime("250000"));
  EXPECT_FALSE(parseDicomTime("126000"));
  EXPECT_FALSE(parseDicomTime("12a000"));
  EXPECT_FALSE(parseDicomTime(""));
}

TEST(DicomDateTimeParse, ParsesFractionsTrailingSpacesAndOffsets) {
  // The GE sample value of the CSUV vectors, trailing space included.
  const auto ge = parseDicomDateTime("20201217084500.00 ");
  ASSERT_TRUE(ge);
  EXPECT_EQ(ge->wallClock, sys_days{day(2020, 12, 17)} + hours{8} + minutes{45});
  EXPECT_FALSE(ge->utcOffset);

  const auto withOffset = parseDicomDateTime("20201217084500.25-0530");
  ASSERT_TRUE(withOffset);
  EXPECT_EQ(withOffset->utcOffset, minutes{-330});
  EXPECT_EQ(withOffset->wallClock,
            sys_days{day(2020, 12, 17)} + hours{8} + minutes{45} + milliseconds{250});

  const auto dayOnly = parseDicomDateTime("20201217");
  ASSERT_TRUE(dayOnly);
  EXPECT_EQ(dayOnly->wallClock, sys_days{day(2020, 12, 17)});
  EXPECT_FALSE(parseDicomDateTime("20201317084500"));
  EXPECT_FALSE(parseDicomDateTime("20201217084500+9900"));
}

TEST(DicomDateTimeElapsed, AppliesOffsetsOnlyWhenBothSidesHaveOne) {
  const auto a = *parseDicomDateTime("20260101100000+0100");  // 09:00 UTC
  const auto b = *parseDicomDateTime("20260101100000+0000");  // 10:00 UTC
  EXPECT_EQ(elapsed(a, b), hours{1});
  // One side local: both taken as the same clock, the offset is not invented into a shift.
  const auto local = *parseDicomDateTime("20260101113000");
  EXPECT_EQ(elapsed(a, local), minutes{90});
}

TEST(DicomDateTimeElapsed, CrossesMidnightAsFullDateTimes) {
  const auto before = combineDateTime(day(2026, 1, 1), *parseDicomTime("232000"));
  const auto after = combineDateTime(day(2026, 1, 2), *parseDicomTime("010000"));
  EXPECT_EQ(elapsed(before, after), seconds{6000});
}

TEST(DicomDateTimeIso, FormatsFractionsAndOffsets) {
  EXPECT_EQ(toIso8601(*parseDicomDateTime("19600116095947")), "1960-01-16T09:59:47");
  EXPECT_EQ(toIso8601(*parseDicomDateTime("20201217084500.25-0530")),
            "2020-12-17T08:45:00.250000-05:30");
}

}  // namespace
