// The measuring model without a window: lengths in patient space, the perpendicular short axis,
// undo / redo, the source image, and the RECIST verdict given by the rules engine.

#include <gtest/gtest.h>

#include <cmath>

#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/measure/MeasurementSet.h"
#include "viewer/app/measure/SeriesGeometry.h"
#include "viewer/app/measure/Verdict.h"

using namespace nbra::viewer;
using nbra::scoring::Measurability;

namespace {

Measurement caliper(double lengthMm) {
  Measurement m;
  m.kind = MeasurementKind::Caliper;
  m.longStartMm = {10, 20, 30};
  m.longEndMm = {10 + lengthMm, 20, 30};
  return m;
}

// A bidirectional node whose short axis is `shortMm` (long axis 25 mm along x, axial plane).
Measurement node(double shortMm) {
  Measurement m;
  m.kind = MeasurementKind::Bidirectional;
  m.isLymphNode = true;
  m.longStartMm = {0, 0, 0};
  m.longEndMm = {25, 0, 0};
  m.hasShortAxis = true;
  m.shortStartMm = {12, -shortMm / 2, 0};
  m.shortEndMm = {12, shortMm / 2, 0};
  return m;
}

double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
Vec3 minus(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

}  // namespace

TEST(MeasureLength, IsTheEuclideanDistanceInPatientMm) {
  Measurement m;
  m.longStartMm = {1, 2, 3};
  m.longEndMm = {4, 6, 15};  // 3, 4, 12: 13 mm, through all three axes
  EXPECT_DOUBLE_EQ(longAxisMm(m), 13);
  m.kind = MeasurementKind::Point;
  EXPECT_DOUBLE_EQ(longAxisMm(m), 0);
}

TEST(MeasureVerdict, TenMillimetresIsMeasurableAndNinePointNineIsNot) {
  const Verdict ten = judge(caliper(10.0), 2.5);
  EXPECT_EQ(ten.measurability, Measurability::MeasurableLesion);
  EXPECT_EQ(ten.tone, VerdictTone::Measurable);
  EXPECT_EQ(ten.text, "10.0 mm — measurable");
  const Verdict below = judge(caliper(9.9), 2.5);
  EXPECT_EQ(below.measurability, Measurability::NonMeasurableLesion);
  EXPECT_EQ(below.tone, VerdictTone::TooSmall);
  EXPECT_EQ(below.text, "9.9 mm — too small (< 10 mm)");
  EXPECT_EQ(judge(caliper(18.44), 2.5).text, "18.4 mm — measurable");
}

TEST(MeasureVerdict, TheLengthJudgedIsTheLengthShown) {
  // 9.96 mm reads "10.0 mm": the reader must not see 10.0 labelled too small.
  EXPECT_EQ(judge(caliper(9.96), 1).text, "10.0 mm — measurable");
  EXPECT_EQ(judge(caliper(9.94), 1).tone, VerdictTone::TooSmall);
}

TEST(MeasureVerdict, ThickSlicesRaiseTheLimitToTwiceTheThickness) {
  EXPECT_EQ(judge(caliper(11.9), 6).tone, VerdictTone::TooSmall);
  EXPECT_EQ(judge(caliper(11.9), 6).text, "11.9 mm — too small (< 12 mm: 2 × 6 mm slices)");
  EXPECT_EQ(judge(caliper(12.0), 6).tone, VerdictTone::Measurable);
  // 5 mm slices are not "thicker than 5 mm": the limit stays 10 mm.
  EXPECT_EQ(judge(caliper(10.0), 5).tone, VerdictTone::Measurable);
}

TEST(MeasureVerdict, NodesAreJudgedByTheirShortAxis) {
  EXPECT_EQ(judge(node(15.0), 2.5).measurability, Measurability::MeasurableNode);
  EXPECT_EQ(judge(node(15.0), 2.5).tone, VerdictTone::Measurable);
  EXPECT_EQ(judge(node(14.9), 2.5).measurability, Measurability::PathologicalNode);
  EXPECT_EQ(judge(node(14.9), 2.5).tone, VerdictTone::NonTarget);
  EXPECT_EQ(judge(node(14.9), 2.5).text, "node, short axis 14.9 mm — non-target (10–15 mm)");
  EXPECT_EQ(judge(node(10.0), 2.5).measurability, Measurability::PathologicalNode);
  EXPECT_EQ(judge(node(9.9), 2.5).measurability, Measurability::NormalNode);
  EXPECT_EQ(judge(node(9.9), 2.5).text, "node, short axis 9.9 mm — normal (< 10 mm)");
  // The same mark as a non-nodal lesion is judged by its 25 mm long axis.
  Measurement lesion = node(9.9);
  lesion.isLymphNode = false;
  EXPECT_EQ(judge(lesion, 2.5).measurability, Measurability::MeasurableLesion);
  EXPECT_EQ(judge(lesion, 2.5).text, "25.0 × 9.9 mm — measurable");
}

TEST(MeasureVerdict, PointsAndUnfinishedNodesHaveNoVerdict) {
  Measurement point;
  point.kind = MeasurementKind::Point;
  EXPECT_FALSE(judge(point, 2.5).measurability.has_value());
  Measurement unfinished = node(12);
  unfinished.hasShortAxis = false;
  EXPECT_FALSE(judge(unfinished, 2.5).measurability.has_value());
  EXPECT_EQ(judge(unfinished, 2.5).tone, VerdictTone::Neutral);
}

TEST(MeasurementSet, ShortAxisStaysPerpendicularWhileDraggedAndWhenTheLongAxisMoves) {
  MeasurementSet set;
  Measurement m;
  m.kind = MeasurementKind::Bidirectional;
  m.longStartMm = {0, 0, 5};
  m.longEndMm = {20, 0, 5};
  const int id = set.add(m);
  ASSERT_TRUE(set.startShortAxis(id, {10, -4, 5}));
  // Dragged off the perpendicular: only the perpendicular component counts.
  ASSERT_TRUE(set.movePoint(id, Handle::ShortEnd, {13, 6, 5}));
  const Measurement* b = set.find(id);
  EXPECT_NEAR(shortAxisMm(*b), 10, 1e-9);
  EXPECT_NEAR(dot(minus(b->shortEndMm, b->shortStartMm), minus(b->longEndMm, b->longStartMm)), 0,
              1e-9);
  // Turning the long axis 90 degrees turns the short axis with it, same length, same midpoint.
  ASSERT_TRUE(set.movePoint(id, Handle::LongEnd, {0, 20, 5}));
  b = set.find(id);
  EXPECT_NEAR(shortAxisMm(*b), 10, 1e-9);
  EXPECT_NEAR(dot(minus(b->shortEndMm, b->shortStartMm), minus(b->longEndMm, b->longStartMm)), 0,
              1e-9);
  EXPECT_NEAR((b->shortStartMm[1] + b->shortEndMm[1]) / 2, 1, 1e-9);
  EXPECT_NEAR(b->shortStartMm[2], 5, 1e-9);  // stays in the plane drawn on
  // An end dragged from a plane 1 mm away lands in the mark's own plane: 20 mm, not 20.02.
  ASSERT_TRUE(set.movePoint(id, Handle::LongEnd, {0, 20, 6}));
  EXPECT_NEAR(set.find(id)->longEndMm[2], 5, 1e-9);
  EXPECT_NEAR(longAxisMm(*set.find(id)), 20, 1e-9);
}

TEST(MeasurementSet, UndoAndRedoStepThroughAddMoveAndDelete) {
  MeasurementSet set;
  const int id = set.add(caliper(10));
  // A drag: one step however many moves.
  set.movePoint(id, Handle::LongEnd, {30, 20, 30});
  set.movePoint(id, Handle::LongEnd, {40, 20, 30}, true);
  set.movePoint(id, Handle::LongEnd, {50, 20, 30}, true);
  EXPECT_DOUBLE_EQ(longAxisMm(*set.find(id)), 40);
  ASSERT_TRUE(set.remove(id));
  EXPECT_TRUE(set.empty());

  ASSERT_TRUE(set.undo());  // the delete
  ASSERT_NE(set.find(id), nullptr);
  EXPECT_DOUBLE_EQ(longAxisMm(*set.find(id)), 40);
  ASSERT_TRUE(set.undo());  // the whole drag
  EXPECT_DOUBLE_EQ(longAxisMm(*set.find(id)), 10);
  ASSERT_TRUE(set.undo());  // the add
  EXPECT_TRUE(set.empty());
  EXPECT_FALSE(set.undo());

  ASSERT_TRUE(set.redo());
  ASSERT_TRUE(set.redo());
  EXPECT_DOUBLE_EQ(longAxisMm(*set.find(id)), 40);
  // A new change drops what could have been redone.
  set.setLymphNode(id, true);
  EXPECT_FALSE(set.canRedo());
  EXPECT_TRUE(set.find(id)->isLymphNode);
}

TEST(MeasurementSet, ADiscardedClickLeavesNoTrace) {
  MeasurementSet set;
  set.add(caliper(10));
  const int second = set.add(caliper(0));
  set.discardLastStep();
  EXPECT_EQ(set.find(second), nullptr);
  EXPECT_EQ(set.all().size(), 1u);
  EXPECT_FALSE(set.canRedo());
  EXPECT_EQ(set.add(caliper(5)), second);  // the id is not burnt either
}

TEST(MeasureSeries, SourceImageAndSliceThicknessComeFromTheSeries) {
  nbra::testing::TempFolder folder;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 4;
  spec.sliceSpacingMm = 6;  // the writer puts SliceThickness = spacing
  const auto paths = nbra::testing::writeSeries(folder.path() / "s", spec);
  std::vector<std::string> files;
  for (const auto& p : paths)
    files.push_back(p.string());
  const auto volume = nbra::dicom::loadVolume(files);

  const SliceThickness thickness = seriesSliceThickness(volume);
  EXPECT_DOUBLE_EQ(thickness.mm, 6);
  EXPECT_EQ(thickness.source, "SliceThickness (0018,0050)");

  // Slice k sits at z = 6k: a point at z = 12.4 is on slice 2.
  const auto axial = sourceImageAt(volume, {0, 0, 1}, {3, 3, 12.4});
  ASSERT_TRUE(axial.has_value());
  EXPECT_FALSE(axial->reformatted);
  EXPECT_EQ(axial->sopInstanceUid, volume.slices[2].sopInstanceUid);
  EXPECT_FALSE(axial->sopInstanceUid.empty());
  // A coronal plane cuts across every slice: no single source image.
  const auto coronal = sourceImageAt(volume, {0, 1, 0}, {3, 3, 12.4});
  ASSERT_TRUE(coronal.has_value());
  EXPECT_TRUE(coronal->reformatted);
  EXPECT_TRUE(coronal->sopInstanceUid.empty());
  EXPECT_FALSE(sourceImageAt(volume, {0, 0, 1}, {3, 3, 40}).has_value());  // beyond the last
}

TEST(MeasureSeries, AMarkShowsWithinHalfASliceOfItsPlaneOnly) {
  Measurement m = caliper(10);  // at z = 30, drawn on an axial plane
  ViewPlane plane = ViewPlane::standard(Orientation::Axial, {0, 0, 31.2});
  EXPECT_TRUE(showsOnPlane(m, plane, 2.5));
  plane.centreMm[2] = 31.3;
  EXPECT_FALSE(showsOnPlane(m, plane, 2.5));
  const ViewPlane coronal = ViewPlane::standard(Orientation::Coronal, {10, 20, 30});
  EXPECT_FALSE(showsOnPlane(m, coronal, 2.5));
}
