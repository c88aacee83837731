// Follow-up tracking without a window: the baseline lesions to re-measure, where to find them,
// and the live sums, nadir and percentages.
#include <gtest/gtest.h>

#include "tests/reading/ReadingTestSupport.h"
#include "viewer/app/lesions/Tracking.h"

namespace nbra::viewer {
namespace {

using testing::bidirectional;
using testing::caliper;

scoring::Lesion lesion(const char* id, bool primary, bool node, bool target, double la, double sa) {
  scoring::Lesion l;
  l.trackingId = id;
  l.organ = node ? "node" : "liver";
  l.isPrimary = primary;
  l.isLymphNode = node;
  l.role = target ? scoring::LesionRole::Target : scoring::LesionRole::NonTarget;
  l.longAxisMm = la;
  l.shortAxisMm = sa;
  l.sliceThicknessMm = 3;
  return l;
}

TEST(Tracking, AFollowUpListsTheBaselineLesionsToReMeasure) {
  MeasurementSet marks;
  LesionTable base;
  base.setSliceThicknessMm(3);
  TrackedLesion p;
  p.trackingId = "P1";
  p.site = "left adrenal";
  p.isPrimary = true;
  p.mibgAvid = true;
  p.markId = bidirectional(marks, 50, 35);
  ASSERT_EQ(base.add(p, marks), "");
  TrackedLesion n;
  n.trackingId = "N1";
  n.isLymphNode = true;
  n.markId = bidirectional(marks, 24, 17, true);
  ASSERT_EQ(base.add(n, marks), "");
  ASSERT_EQ(base.setTarget(1, true, marks), "");
  const LesionTable follow = followUpFrom(base);
  EXPECT_EQ(follow.kind(), LesionTable::Kind::FollowUp);
  ASSERT_EQ(follow.size(), 2u);
  EXPECT_EQ(follow.at(0).trackingId, "P1");
  EXPECT_EQ(follow.at(0).site, "left adrenal");
  EXPECT_TRUE(follow.at(0).mibgAvid);
  EXPECT_TRUE(follow.at(1).isTarget);
  for (const auto& l : follow.lesions()) {
    EXPECT_EQ(l.status, LesionStatus::Pending);
    EXPECT_FALSE(l.markId.has_value());
    EXPECT_FALSE(l.isNew);
  }
  EXPECT_EQ(follow.sliceThicknessMm(), 3.0);
}

TEST(Tracking, ExpectedPlaceUsesTheOffsetOnlyAcrossFramesOfReference) {
  MeasurementSet marks;
  const Measurement& m = *marks.find(caliper(marks, 20, 40, 12, -425));
  const Vec3 offset{1.5, -2, 10};
  const ExpectedPlace same = expectedPlace(m, "1.2.3.4", offset);
  EXPECT_TRUE(same.sameFrame);
  EXPECT_EQ(same.positionMm, (Vec3{40, 12, -425}));
  const ExpectedPlace other = expectedPlace(m, "9.9.9", offset);
  EXPECT_FALSE(other.sameFrame);
  EXPECT_EQ(other.positionMm, (Vec3{41.5, 10, -415}));
  EXPECT_NE(other.note.find("comparison offset (1.5, -2.0, 10.0) mm"), std::string::npos)
      << other.note;
}

TEST(Tracking, SumsNadirAndPercentagesAgainstBaselineAndNadir) {
  // Baseline: node target SA 17, liver target 20, primary 50. Earlier follow-up sum 30.
  const std::vector<scoring::Lesion> base{lesion("P1", true, false, false, 50, 35),
                                          lesion("N1", false, true, true, 24, 17),
                                          lesion("L1", false, false, true, 20, 12)};
  const std::vector<scoring::Lesion> now{lesion("P1", true, false, false, 31, 21),
                                         lesion("N1", false, true, true, 14, 9),
                                         lesion("L1", false, false, true, 0, 0)};
  const Comparison c = compare(base, now, "", {300}, {400});
  EXPECT_EQ(c.baselineSum, 370);  // 17 + 20 mm: the node counts by its short axis
  EXPECT_EQ(c.currentSum, 90);
  EXPECT_EQ(c.nadirSum, 300);
  EXPECT_EQ(c.baselinePrimary, 500);
  EXPECT_EQ(c.currentPrimary, 310);
  EXPECT_EQ(c.nadirPrimary, 400);
  const auto lines = comparisonLines(c);
  ASSERT_EQ(lines.size(), 2u);
  // (31 - 50) / 50 = -38 %; (9 - 37) / 37 = -75.7 %; (9 - 30) / 30 = -70 %.
  EXPECT_NE(
      lines[0].find(
          "baseline 50.0 mm, now 31.0 mm (-38.0 % vs baseline; nadir 40.0 mm, -22.5 % vs nadir)"),
      std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("-75.7 % vs baseline"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("-70.0 % vs nadir"), std::string::npos) << lines[1];
}

TEST(Tracking, WithoutTargetsThereIsNoSumToFollow) {
  const std::vector<scoring::Lesion> base{lesion("L1", false, false, false, 24, 17)};
  const Comparison c = compare(base, base, "");
  EXPECT_FALSE(c.baselineSum.has_value());
  EXPECT_FALSE(c.currentSum.has_value());
  const auto lines = comparisonLines(c);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("nothing to compare"), std::string::npos) << lines[0];
}

TEST(Tracking, AnIncompleteFollowUpSaysWhyThereIsNoSum) {
  const std::vector<scoring::Lesion> base{lesion("N1", false, true, true, 24, 17)};
  const Comparison c = compare(base, std::nullopt, "lesion 'N1' is to measure");
  EXPECT_FALSE(c.currentSum.has_value());
  const auto lines = comparisonLines(c);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("now not yet known"), std::string::npos);
  EXPECT_EQ(lines[1], "lesion 'N1' is to measure");
}

}  // namespace
}  // namespace nbra::viewer
