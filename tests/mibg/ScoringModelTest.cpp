// The MIBG scoring model without a display: marks take their segments from the fitted atlas,
// one focus on both views is one lesion, diffuse flags and the SIOPEN grades, scores through
// scoring/curie, the record's segment entries, the relative score, and the stored JSON.
#include <gtest/gtest.h>

#include <QJsonArray>

#include "tests/mibg/DrawnBody.h"
#include "viewer/app/mibg/MibgScoringModel.h"

namespace nbra::mibg::testing {
namespace {

using nbra::viewer::mibg::MibgScoringModel;
using nbra::viewer::mibg::PlanarSide;

// The drawn body is 200 px wide with 2 mm pixels; rows and columns as in DrawnBody.h.
MibgScoringModel model() {
  MibgScoringModel m;
  const auto body = drawnBody();
  m.setViews(body, body);
  return m;
}

TEST(MibgScoringModel, AClickTakesTheSegmentsUnderIt) {
  MibgScoringModel m = model();
  const int spine = m.placeMark(PlanarSide::Anterior, {100, 260}, false);
  const int thigh = m.placeMark(PlanarSide::Anterior, {80, 530}, false);  // patient's right
  const int soft = m.placeMark(PlanarSide::Anterior, {120, 300}, true);
  EXPECT_EQ(m.mark(spine)->curieSegment, 1);   // S2
  EXPECT_EQ(m.mark(spine)->siopenSegment, 2);  // spine
  EXPECT_EQ(m.mark(thigh)->curieSegment, 7);   // S8
  EXPECT_EQ(m.mark(thigh)->siopenSegment, 8);  // proximal right lower limb
  EXPECT_EQ(m.mark(soft)->curieSegment, 9);    // S10
  EXPECT_EQ(m.mark(soft)->siopenSegment, -1);
  // The same thigh point on the posterior view is the patient's left.
  MibgScoringModel back = model();
  const int t2 = back.placeMark(PlanarSide::Posterior, {80, 530}, false);
  EXPECT_EQ(back.mark(t2)->siopenSegment, 10);  // proximal left lower limb
}

TEST(MibgScoringModel, AClickOutsideTheSkeletonIsSoftTissue) {
  MibgScoringModel m = model();
  const int id = m.placeMark(PlanarSide::Anterior, {75, 350}, false);  // abdomen beside the spine
  EXPECT_EQ(m.mark(id)->curieSegment, 9);
  EXPECT_EQ(m.mark(id)->siopenSegment, -1);
}

TEST(MibgScoringModel, OneFocusOnBothViewsIsOneLesion) {
  MibgScoringModel m = model();
  const int a = m.placeMark(PlanarSide::Anterior, {80, 530}, false);
  // Posterior as stored: column 199 - 80 = 119; 10 px (20 mm) off still joins (30 mm radius).
  const int p = m.placeMark(PlanarSide::Posterior, {129, 530}, false);
  EXPECT_EQ(a, p);
  EXPECT_EQ(m.marks().size(), 1u);
  ASSERT_TRUE(m.mark(a)->posterior.has_value());
  // 20 px (40 mm) away is another focus; a second posterior click never joins a mark that
  // already has a posterior point.
  const int far = m.placeMark(PlanarSide::Posterior, {139, 560}, false);
  EXPECT_NE(far, a);
  const int again = m.placeMark(PlanarSide::Posterior, {119, 530}, false);
  EXPECT_NE(again, a);
  EXPECT_EQ(m.scores().curie.segments[7], 2);  // three marks in S8 score 2 ("more than one")
}

TEST(MibgScoringModel, ScoresComeFromMarksAndDiffuseFlags) {
  MibgScoringModel m = model();
  m.placeMark(PlanarSide::Anterior, {100, 260}, false);  // S2 / spine
  m.placeMark(PlanarSide::Anterior, {100, 300}, false);  // S2 / spine
  m.placeMark(PlanarSide::Anterior, {100, 370}, false);  // S4 / spine (above L5/S1)
  m.placeMark(PlanarSide::Anterior, {120, 300}, true);   // soft tissue
  auto s = m.scores();
  EXPECT_EQ(s.curie.segments[1], 2);
  EXPECT_EQ(s.curie.segments[3], 1);
  EXPECT_EQ(s.curie.segments[9], 1);
  EXPECT_EQ(s.curie.skeletal, 3);
  EXPECT_EQ(s.curie.total, 4);
  EXPECT_EQ(s.siopen[2], 3);  // three discrete lesions in the spine
  m.setCurieDiffuse(3, true);
  m.setSiopenDiffuseGrade(2, 5);
  s = m.scores();
  EXPECT_EQ(s.curie.segments[3], 3);
  EXPECT_EQ(s.siopen[2], 5);
  EXPECT_EQ(s.siopenTotal, 5);
  m.setSiopenDiffuseGrade(2, 3);  // not a diffuse grade: ignored
  EXPECT_EQ(m.siopenDiffuseGrade(2), 5);
}

TEST(MibgScoringModel, SiopenGradesMapToTheDiffuseExtents) {
  using nbra::scoring::SiopenDiffuseExtent;
  using nbra::viewer::mibg::siopenExtent;
  EXPECT_EQ(siopenExtent(0), SiopenDiffuseExtent::None);
  EXPECT_EQ(siopenExtent(4), SiopenDiffuseExtent::UnderHalf);
  EXPECT_EQ(siopenExtent(5), SiopenDiffuseExtent::HalfTo95Percent);
  EXPECT_EQ(siopenExtent(6), SiopenDiffuseExtent::EntireBone);
  // More than 3 discrete foci score 4 (clinical-rules.md 2.2).
  MibgScoringModel m = model();
  for (int y : {250, 270, 290, 310, 330})
    m.placeMark(PlanarSide::Anterior, {100, double(y)}, false);
  EXPECT_EQ(m.scores().siopen[2], 4);
  m.setSiopenDiffuseGrade(2, 6);
  EXPECT_EQ(m.scores().siopen[2], 6);
}

TEST(MibgScoringModel, TheReaderChangesSegmentsAndThePrimaryIsCountedByTheSetting) {
  MibgScoringModel m = model();
  const int id = m.placeMark(PlanarSide::Anterior, {100, 260}, false);
  ASSERT_TRUE(m.setMarkSegments(id, 9, 2));  // soft tissue after all
  EXPECT_TRUE(m.mark(id)->softTissue);
  EXPECT_EQ(m.mark(id)->siopenSegment, -1);
  ASSERT_TRUE(m.setMarkPrimary(id, true));
  EXPECT_EQ(m.scores().curie.segments[9], 1);
  m.softTissueIncludesPrimary = false;
  EXPECT_EQ(m.scores().curie.segments[9], 0);
  EXPECT_FALSE(m.setMarkSegments(id, 10, 0));
  EXPECT_TRUE(m.removeMark(id));
  EXPECT_TRUE(m.marks().empty());
}

TEST(MibgScoringModel, MovingALandmarkReassignsAtlasMarksButNotTheReaders) {
  MibgScoringModel m = model();
  const int knee = m.placeMark(PlanarSide::Anterior, {80, 600}, false);  // just above the knee
  const int fixed = m.placeMark(PlanarSide::Anterior, {80, 601}, false);
  ASSERT_EQ(m.mark(knee)->curieSegment, 7);
  ASSERT_TRUE(m.setMarkSegments(fixed, 7, 8));
  m.moveLandmark(PlanarSide::Anterior, nbra::dicom::atlas::LandmarkId::Knees, 0, 580);
  EXPECT_EQ(m.mark(knee)->curieSegment, 8);   // now below the knee: legs
  EXPECT_EQ(m.mark(fixed)->curieSegment, 7);  // the reader's choice stays
}

TEST(MibgScoringModel, ResetGoesBackToTheAutomaticFit) {
  MibgScoringModel m = model();
  const double knee = m.landmarks(PlanarSide::Anterior).kneeY;
  const int id = m.placeMark(PlanarSide::Anterior, {80, knee - 5}, false);
  m.moveLandmark(PlanarSide::Anterior, nbra::dicom::atlas::LandmarkId::Knees, 0, knee - 20);
  EXPECT_EQ(m.mark(id)->curieSegment, 8);
  m.resetLandmarks();
  EXPECT_DOUBLE_EQ(m.landmarks(PlanarSide::Anterior).kneeY, knee);
  EXPECT_EQ(m.mark(id)->curieSegment, 7);
  EXPECT_EQ(
      m.segmentAt(PlanarSide::Anterior, nbra::dicom::atlas::AtlasScale::Curie, {80, knee - 5}), 7);
}

TEST(MibgScoringModel, RecordEntriesAndReading) {
  MibgScoringModel m = model();
  m.placeMark(PlanarSide::Anterior, {100, 260}, false);
  m.setCurieDiffuse(3, true);
  const auto entries = m.segmentEntries();
  ASSERT_EQ(entries.size(), 22u);
  EXPECT_EQ(entries[1].scale, "curie");
  EXPECT_EQ(entries[1].marks, 1);
  EXPECT_TRUE(entries[3].diffuse);
  EXPECT_FALSE(entries[3].score.has_value());  // Curie scores derive from marks in the record
  EXPECT_EQ(entries[10 + 2].scale, "siopen");
  EXPECT_EQ(entries[10 + 2].score, 1);
  const auto reading = m.reading();
  ASSERT_TRUE(reading.curie && reading.siopen);
  EXPECT_EQ((*reading.curie)[1].lesionMarks, 1);
  EXPECT_EQ((*reading.siopen)[2], 1);
}

TEST(MibgScoringModel, RelativeScoreAgainstTheBaseline) {
  MibgScoringModel base = model();
  for (int y : {250, 290, 330})
    base.placeMark(PlanarSide::Anterior, {100, double(y)}, false);
  base.setCurieDiffuse(3, true);  // skeletal 2 + 3 = 5
  MibgScoringModel now = model();
  now.placeMark(PlanarSide::Anterior, {100, 260}, false);  // skeletal 1
  EXPECT_FALSE(now.relativeCurie().defined);
  now.setBaseline(base.scores());
  const auto r = now.relativeCurie();
  ASSERT_TRUE(r.defined);
  EXPECT_EQ(r.baseline, 5);
  EXPECT_EQ(r.followUp, 1);
  EXPECT_TRUE(r.atMostHalf);
  EXPECT_FALSE(r.atLeastOnePointTwo);
  EXPECT_TRUE(r.text().contains("1 / 5"));
}

TEST(MibgScoringModel, JsonRoundTripKeepsMarksFlagsAndLandmarks) {
  MibgScoringModel m = model();
  m.placeMark(PlanarSide::Anterior, {100, 260}, false);
  const int both = m.placeMark(PlanarSide::Anterior, {80, 530}, false);
  m.placeMark(PlanarSide::Posterior, {119, 530}, false);
  m.placeMark(PlanarSide::Anterior, {120, 300}, true);
  m.setCurieDiffuse(3, true);
  m.setSiopenDiffuseGrade(2, 4);
  m.moveLandmark(PlanarSide::Posterior, nbra::dicom::atlas::LandmarkId::Knees, 0, 620);
  const QJsonObject json = m.toJson();
  MibgScoringModel back = model();
  ASSERT_FALSE(back.fromJson(json).has_value());
  EXPECT_EQ(back.marks().size(), 3u);
  EXPECT_TRUE(back.mark(both)->anterior && back.mark(both)->posterior);
  EXPECT_EQ(back.scores().curie.segments, m.scores().curie.segments);
  EXPECT_EQ(back.scores().siopen, m.scores().siopen);
  EXPECT_DOUBLE_EQ(back.landmarks(PlanarSide::Posterior).kneeY, 620);
  // A new mark after loading gets a fresh id.
  const int next = back.placeMark(PlanarSide::Anterior, {100, 700}, false);
  EXPECT_GT(next, both);
}

TEST(MibgScoringModel, BadJsonIsRefusedAndLeavesTheStateAlone) {
  MibgScoringModel m = model();
  m.placeMark(PlanarSide::Anterior, {100, 260}, false);
  QJsonObject json = m.toJson();
  QJsonObject wrong = json;
  wrong["format"] = "something else";
  EXPECT_TRUE(m.fromJson(wrong).has_value());
  QJsonObject badGrade = json;
  badGrade["siopenDiffuseGrade"] = QJsonArray{0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const auto error = m.fromJson(badGrade);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(error->contains("grade 3"));
  QJsonObject badMark = json;
  badMark["marks"] = QJsonArray{QJsonObject{{"id", 1}, {"curieSegment", 12}}};
  EXPECT_TRUE(m.fromJson(badMark).has_value());
  EXPECT_EQ(m.marks().size(), 1u);
}

}  // namespace
}  // namespace nbra::mibg::testing
