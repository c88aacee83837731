// Curie score rules: clinical-rules.md 1.2 (ADY95, YAN13; per-segment value table) and 1.4
// (relative score, exact cross-multiplication).
#include <gtest/gtest.h>

#include "scoring/curie/CurieScore.h"
#include "scoring/curie/CurieSegment.h"
#include "scoring/mibg/RelativeScore.h"

namespace nbra::scoring {
namespace {

struct MarksRow {
  const char* rule;
  int marks;
  bool diffuse;
  int expected;
};

TEST(Curie, SegmentScoreFromMarks) {
  const MarksRow rows[] = {
      {"1.2 no MIBG-avid site -> 0", 0, false, 0},
      {"1.2 one site -> 1", 1, false, 1},
      {"1.2 more than one site -> 2", 2, false, 2},
      {"1.2 many sites are still 2 without the diffuse override", 9, false, 2},
      {"1.2 diffuse (> 50 % of segment) reader override -> 3", 1, true, 3},
      {"1.2 diffuse override wins over the mark count", 5, true, 3},
  };
  for (const MarksRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(curieScoreFromMarks(row.marks, row.diffuse), row.expected);
  }
}

TEST(Curie, SoftTissuePrimaryFlagQ2) {
  CurieSegmentEntry softTissue;
  softTissue.lesionMarks = 2;
  softTissue.primaryMarks = 1;
  // 1.3/Q2: with the primary included two sites -> 2; without it one site -> 1.
  EXPECT_EQ(curieSegmentScore(softTissue, true, true), 2);
  EXPECT_EQ(curieSegmentScore(softTissue, true, false), 1);
  // Only the soft-tissue segment drops primary marks.
  EXPECT_EQ(curieSegmentScore(softTissue, false, false), 2);
  // A typed score is taken as read.
  CurieSegmentEntry typed;
  typed.score = 3;
  EXPECT_EQ(curieSegmentScore(typed, true, false), 3);
}

TEST(Curie, TotalsOfTenAndSkeletalOfNine) {
  std::array<CurieSegmentEntry, kCurieSegmentCount> entries{};
  for (int i = 0; i < kCurieSegmentCount; ++i) {
    entries[static_cast<std::size_t>(i)].score = 3;
  }
  // 1.2: maximum total 30, skeletal (S1-S9) 27.
  CurieScores all = curieScores(entries, true);
  EXPECT_EQ(all.total, 30);
  EXPECT_EQ(all.skeletal, 27);
  for (auto& e : entries) {
    e.score = 0;
  }
  entries[0].score = 2;             // head
  entries[9].score = std::nullopt;  // soft tissue from marks
  entries[9].lesionMarks = 1;
  CurieScores some = curieScores(entries, true);
  EXPECT_EQ(some.total, 3);
  EXPECT_EQ(some.skeletal, 2);  // the soft-tissue segment is not skeletal
  EXPECT_EQ(some.segments[9], 1);
}

struct RelativeRow {
  const char* rule;
  int followUp;
  int baseline;
  bool atMostHalf;
  bool atLeastOnePointTwo;
  bool belowOneTenth;
};

TEST(Curie, RelativeScoreThresholds) {
  const RelativeRow rows[] = {
      {"1.4 PR: relative exactly 0.5 (6/12) qualifies", 6, 12, true, false, false},
      {"1.4 PR: relative 7/12 = 0.58 does not", 7, 12, false, false, false},
      {"1.4 PR: relative 5/11 = 0.45 qualifies", 5, 11, true, false, false},
      {"1.4 PR: relative 6/11 = 0.545 does not", 6, 11, false, false, false},
      {"1.4 PD: relative exactly 1.2 (12/10) is PD", 12, 10, false, true, false},
      {"1.4 PD: relative exactly 1.2 (6/5) is PD", 6, 5, false, true, false},
      {"1.4 PD: relative 11/10 = 1.1 is not", 11, 10, false, false, false},
      {"1.4 PD: relative 7/6 = 1.167 is not", 7, 6, false, false, false},
      {"1.4 unchanged score is neither", 8, 8, false, false, false},
      {"Q5: 1/11 = 0.09 is below 0.1", 1, 11, true, false, true},
      {"Q5: exactly 0.1 (1/10) is not below 0.1", 1, 10, true, false, false},
      {"Q5: score 0 is CR, not 'below 0.1'", 0, 10, true, false, false},
  };
  for (const RelativeRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(relativeScoreAtMostHalf(row.followUp, row.baseline), row.atMostHalf);
    EXPECT_EQ(relativeScoreAtLeastOnePointTwo(row.followUp, row.baseline), row.atLeastOnePointTwo);
    EXPECT_EQ(relativeScoreBelowOneTenth(row.followUp, row.baseline), row.belowOneTenth);
  }
}

TEST(Curie, SegmentNames) {
  // 1.1: S1 head ... S10 soft tissue.
  EXPECT_EQ(curieSegmentName(0), "head");
  EXPECT_EQ(curieSegmentName(9), "soft tissue");
}

}  // namespace
}  // namespace nbra::scoring
