// The ROI mark without a window: drawing by its corner, a circle that stays a sphere, resizing
// with the opposite end fixed, moving within the plane, undo and redo, where it cuts other
// planes, and what its label says for CT, PET with SUV and PET without.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "viewer/app/measure/MeasurementSet.h"
#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/roi/RoiStatistics.h"
#include "viewer/app/view/LoadedSeries.h"

namespace {

using namespace nbra::viewer;
using nbra::dicom::PixelType;
using nbra::dicom::Volume;

constexpr double kTol = 1e-9;

void expectNear(const Vec3& a, const Vec3& b, double tol = kTol) {
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_NEAR(a[i], b[i], tol) << "component " << i;
}

ViewPlane axialAt(double z) {
  return ViewPlane::standard(Orientation::Axial, {0, 0, z});
}

// An ROI drawn on the axial plane z = 5 from (10, 20) to (30, 8): a 20 x 12 mm box.
Measurement drawn(bool sphere = false) {
  const ViewPlane plane = axialAt(5);
  Measurement m = startRoi({10, 20, 5}, plane, sphere);
  EXPECT_TRUE(moveRoiHandle(m, Handle::RoiCorner, {30, 8, 5}));
  return m;
}

TEST(RoiGeometry, CornerDragSpansTheEllipseOverTheBox) {
  const Measurement m = drawn();
  EXPECT_EQ(m.kind, MeasurementKind::Roi);
  expectNear(m.roiCentreMm, {20, 14, 5});
  EXPECT_NEAR(roiSemiAxisAMm(m), 10, kTol);
  EXPECT_NEAR(roiSemiAxisBMm(m), 6, kTol);
  EXPECT_NEAR(roiThroughPlaneSemiAxisMm(m), 6, kTol);  // the shorter in-plane one
  expectNear(m.longStartMm, m.roiCentreMm);            // what other marks' code reads
  // The ellipsoid: A along the view's right (+x on axial), B along down (+y), the third along
  // the normal.
  const auto e = ellipsoidOf(m);
  EXPECT_NEAR(std::abs(e.semiAxesMm[0][0]), 10, kTol);
  EXPECT_NEAR(std::abs(e.semiAxesMm[1][1]), 6, kTol);
  EXPECT_NEAR(std::abs(e.semiAxesMm[2][2]), 6, kTol);
  // Dragging back across the press point turns the box over without losing the axes.
  Measurement back = m;
  ASSERT_TRUE(moveRoiHandle(back, Handle::RoiCorner, {4, 26, 5}));
  expectNear(back.roiCentreMm, {7, 23, 5});
  EXPECT_NEAR(roiSemiAxisAMm(back), 3, kTol);
  EXPECT_NEAR(roiSemiAxisBMm(back), 3, kTol);
}

TEST(RoiGeometry, ACircleIsASphereAndStaysOne) {
  Measurement m = drawn(true);
  // The square of the larger side (20 mm), on the side dragged to: right and up.
  EXPECT_NEAR(roiSemiAxisAMm(m), 10, kTol);
  EXPECT_NEAR(roiSemiAxisBMm(m), 10, kTol);
  expectNear(m.roiCentreMm, {20, 10, 5});
  // Growing one axis grows all three.
  ASSERT_TRUE(moveRoiHandle(m, Handle::RoiAxisA, {34, 10, 5}));
  EXPECT_NEAR(roiSemiAxisAMm(m), 12, kTol);
  EXPECT_NEAR(roiSemiAxisBMm(m), 12, kTol);
  EXPECT_NEAR(roiThroughPlaneSemiAxisMm(m), 12, kTol);
}

TEST(RoiGeometry, AnAxisEndResizesWithTheOppositeEndFixedAndTheCentreMovesInThePlane) {
  Measurement m = drawn();
  const Vec3 fixedEnd = roiHandlePosition(m, Handle::RoiAxisAOpposite);
  expectNear(fixedEnd, {10, 14, 5});
  // Pulling +A to x = 40 (off the axis and off the plane: only the component along A counts).
  ASSERT_TRUE(moveRoiHandle(m, Handle::RoiAxisA, {40, 19, 7}));
  expectNear(roiHandlePosition(m, Handle::RoiAxisAOpposite), fixedEnd);
  expectNear(roiHandlePosition(m, Handle::RoiAxisA), {40, 14, 5});
  EXPECT_NEAR(roiSemiAxisBMm(m), 6, kTol);
  // -B up by 2 mm: B shrinks to 5, its + end stays.
  const Vec3 plusB = roiHandlePosition(m, Handle::RoiAxisB);
  ASSERT_TRUE(moveRoiHandle(m, Handle::RoiAxisBOpposite, {25, 18, 5}));
  expectNear(roiHandlePosition(m, Handle::RoiAxisB), plusB);
  EXPECT_NEAR(roiSemiAxisBMm(m), 5, kTol);
  // The centre moves within the plane drawn on, whatever slice the cursor is on.
  ASSERT_TRUE(moveRoiHandle(m, Handle::RoiCentre, {0, 0, 6.2}));
  expectNear(m.roiCentreMm, {0, 0, 5});
  // Not an ROI handle / not an ROI.
  EXPECT_FALSE(moveRoiHandle(m, Handle::LongEnd, {1, 1, 5}));
  Measurement line;
  EXPECT_FALSE(moveRoiHandle(line, Handle::RoiCentre, {1, 1, 5}));
}

TEST(RoiGeometry, EditsAreUndoableStepsOfTheMeasurementSet) {
  MeasurementSet set;
  const int id = set.add(startRoi({0, 0, 0}, axialAt(0), false));
  // One drawing drag = one step, however many moves.
  ASSERT_TRUE(set.movePoint(id, Handle::RoiCorner, {4, 4, 0}, true));
  ASSERT_TRUE(set.movePoint(id, Handle::RoiCorner, {10, 6, 0}, true));
  ASSERT_TRUE(set.movePoint(id, Handle::RoiAxisA, {14, 3, 0}));  // a second step
  EXPECT_NEAR(roiSemiAxisAMm(*set.find(id)), 7, kTol);
  ASSERT_TRUE(set.undo());
  EXPECT_NEAR(roiSemiAxisAMm(*set.find(id)), 5, kTol);
  ASSERT_TRUE(set.undo());
  EXPECT_EQ(set.find(id), nullptr);
  ASSERT_TRUE(set.redo());
  ASSERT_TRUE(set.redo());
  EXPECT_NEAR(roiSemiAxisAMm(*set.find(id)), 7, kTol);
  ASSERT_TRUE(set.remove(id));
  ASSERT_TRUE(set.undo());
  ASSERT_NE(set.find(id), nullptr);
  // Measurement::point() gives the handles the view grabs.
  expectNear(set.find(id)->point(Handle::RoiCentre), set.find(id)->roiCentreMm);
}

TEST(RoiGeometry, SectionsOnOtherPlanes) {
  const Measurement m = drawn();  // centre (20, 14, 5), A 10 along x, B 6 along y, depth 6
  // Its own plane: the ellipse itself.
  ViewPlane own = axialAt(5);
  auto s = sectionOnPlane(m, own);
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->centreU, 20, kTol);
  EXPECT_NEAR(s->centreV, 14, kTol);
  EXPECT_NEAR(s->semiAxis1Mm, 10, kTol);
  EXPECT_NEAR(s->semiAxis2Mm, 6, kTol);
  EXPECT_NEAR(std::abs(std::cos(s->angleRad)), 1, 1e-9);  // the long axis along right
  // 3 mm above: scaled by sqrt(1 - (3/6)^2).
  s = sectionOnPlane(m, axialAt(8));
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->semiAxis1Mm, 10 * std::sqrt(0.75), 1e-9);
  EXPECT_NEAR(s->semiAxis2Mm, 6 * std::sqrt(0.75), 1e-9);
  // Beyond the depth: nothing.
  EXPECT_FALSE(sectionOnPlane(m, axialAt(11.5)));
  // A coronal plane through the centre (y = 14): A (10) across, the depth (6) up and down.
  s = sectionOnPlane(m, ViewPlane::standard(Orientation::Coronal, {0, 14, 0}));
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->semiAxis1Mm, 10, 1e-9);
  EXPECT_NEAR(s->semiAxis2Mm, 6, 1e-9);
}

TEST(RoiGeometry, OnAnObliquePlaneTheEllipsoidFollowsThePlane) {
  // An MPR plane tilted 30 degrees about the y axis.
  ViewPlane plane;
  plane.centreMm = {5, -3, 40};
  const double c = std::cos(std::numbers::pi / 6), s = std::sin(std::numbers::pi / 6);
  plane.right = {c, 0, s};
  plane.down = {0, 1, 0};
  plane.normal = {-s, 0, c};  // right x down
  const Vec3 press = plane.toPatient(-10, -4, 1.0);
  Measurement m = startRoi(press, plane, false);
  ASSERT_TRUE(moveRoiHandle(m, Handle::RoiCorner, plane.toPatient(10, 8, 1.0)));
  EXPECT_NEAR(roiSemiAxisAMm(m), 10, 1e-9);
  EXPECT_NEAR(roiSemiAxisBMm(m), 6, 1e-9);
  expectNear(m.roiCentreMm, plane.toPatient(0, 2, 1.0));
  // A along the plane's right, B along its down, the depth (6) along its normal.
  const auto e = ellipsoidOf(m);
  const auto along = [](const std::array<double, 3>& a, const Vec3& dir) {
    return a[0] * dir[0] + a[1] * dir[1] + a[2] * dir[2];
  };
  EXPECT_NEAR(std::abs(along(e.semiAxesMm[0], plane.right)), 10, 1e-9);
  EXPECT_NEAR(std::abs(along(e.semiAxesMm[1], plane.down)), 6, 1e-9);
  EXPECT_NEAR(std::abs(along(e.semiAxesMm[2], plane.normal)), 6, 1e-9);
  // Its own plane shows it whole; a parallel plane 3 mm along the normal a scaled copy.
  auto own = sectionOnPlane(m, plane);
  ASSERT_TRUE(own);
  EXPECT_NEAR(own->centreU, 0, 1e-9);
  EXPECT_NEAR(own->centreV, 2, 1e-9);
  EXPECT_NEAR(own->semiAxis1Mm, 10, 1e-9);
  EXPECT_NEAR(own->semiAxis2Mm, 6, 1e-9);
  ViewPlane next = plane;
  next.moveAlongNormal(3);
  auto cut = sectionOnPlane(m, next);
  ASSERT_TRUE(cut);
  EXPECT_NEAR(cut->semiAxis1Mm, 10 * std::sqrt(0.75), 1e-9);
  // The axial plane through the centre cuts it obliquely: a section wider along x than A's
  // in-plane share, narrower than the whole.
  auto axial = sectionOnPlane(m, ViewPlane::standard(Orientation::Axial, m.roiCentreMm));
  ASSERT_TRUE(axial);
  EXPECT_GT(axial->semiAxis1Mm, 6);
  EXPECT_LT(axial->semiAxis1Mm, 10);
}

// A 20 x 20 x 20 grid of 1 mm voxels, value 100 everywhere but a 3 mm sphere of 300 at the
// centre (voxel centres).
Volume phantom(PixelType type) {
  Volume v;
  v.dimensions = {21, 21, 21};
  v.spacingMm = {1, 1, 1};
  v.originMm = {0, 0, 0};
  v.pixelType = type;
  const std::size_t n = v.voxelCount();
  if (type == PixelType::Int16)
    v.int16Voxels.assign(n, 100);
  else
    v.float32Voxels.assign(n, 100.0f);
  for (std::size_t z = 0; z < 21; ++z)
    for (std::size_t y = 0; y < 21; ++y)
      for (std::size_t x = 0; x < 21; ++x) {
        const double d2 =
            std::pow(double(x) - 10, 2) + std::pow(double(y) - 10, 2) + std::pow(double(z) - 10, 2);
        if (d2 > 9)
          continue;
        const std::size_t i = x + 21 * (y + 21 * z);
        if (type == PixelType::Int16)
          v.int16Voxels[i] = 300;
        else
          v.float32Voxels[i] = 300.0f;
      }
  return v;
}

Measurement sphereAt(const Vec3& c, double r) {
  Measurement m = startRoi({c[0] - r, c[1] - r, c[2]}, axialAt(c[2]), true);
  moveRoiHandle(m, Handle::RoiCorner, {c[0] + r, c[1] + r, c[2]});
  return m;
}

TEST(RoiStatisticsLabel, CtSaysHuForEveryValue) {
  const Volume v = phantom(PixelType::Int16);
  RoiSource src;
  src.volume = &v;
  src.modality = "CT";
  src.unit = "HU";
  const Measurement m = sphereAt({10, 10, 10}, 2);  // inside the 300 HU sphere: 33 voxels
  const RoiStatistics s = computeRoiStatistics(m, src);
  ASSERT_TRUE(s.values);
  EXPECT_EQ(s.values->voxelCount, 33u);
  EXPECT_NEAR(s.volumeMl, 0.033, 1e-12);
  EXPECT_FALSE(s.values->peak);  // CT: no SUVpeak search
  EXPECT_EQ(roiLabel(m, s), QString("ROI sphere 4.0 mm across — 0.033 ml\nCT: mean 300.0 HU, SD "
                                    "0.0 HU\nmin 300 HU, max 300 HU"));
  // Reaching into the 100 HU background: min 100, max 300, and a real minus sign for negatives.
  Volume air = v;
  for (auto& x : air.int16Voxels)
    x = static_cast<std::int16_t>(x == 100 ? -1000 : x);
  src.volume = &air;
  const RoiStatistics wide = computeRoiStatistics(sphereAt({10, 10, 10}, 5), src);
  ASSERT_TRUE(wide.values);
  EXPECT_TRUE(roiLabel(sphereAt({10, 10, 10}, 5), wide)
                  .contains(QString("min %1 HU, max 300 HU").arg(QChar(0x2212) + QString("1000"))));
}

TEST(RoiStatisticsLabel, FusedPetSaysSuvbwAndGivesThePeak) {
  const Volume v = phantom(PixelType::Float32);
  RoiSource src;
  src.volume = &v;
  src.scale = 0.01;  // Bq/ml -> SUVbw
  src.modality = "PT";
  src.unit = "SUVbw";
  src.fused = true;
  const Measurement m = sphereAt({10, 10, 10}, 8);
  const RoiStatistics s = computeRoiStatistics(m, src);
  ASSERT_TRUE(s.values);
  ASSERT_TRUE(s.values->peak);
  EXPECT_DOUBLE_EQ(s.values->max, 3.0);
  const QString label = roiLabel(m, s);
  EXPECT_TRUE(label.contains("fused PET, SUVbw:")) << label.toStdString();
  EXPECT_TRUE(label.contains("SUVmax 3.00, SUVmean ")) << label.toStdString();
  EXPECT_TRUE(label.contains(QString("SUVpeak %1").arg(*s.values->peak, 0, 'f', 2)))
      << label.toStdString();
  // Without SUV the unit and the reason are said, and the values carry Bq/ml.
  src.scale = 1;
  src.unit = "Bq/ml";
  src.noSuvReason = "no patient weight";
  src.fused = false;
  const QString bq = roiLabel(m, computeRoiStatistics(m, src));
  EXPECT_TRUE(bq.contains("PET in Bq/ml — no SUV: no patient weight")) << bq.toStdString();
  EXPECT_TRUE(bq.contains("max 300 Bq/ml")) << bq.toStdString();
  EXPECT_FALSE(bq.contains("SUV max")) << bq.toStdString();
}

TEST(RoiStatisticsLabel, AnRoiBetweenVoxelCentresSaysSo) {
  const Volume v = phantom(PixelType::Int16);
  RoiSource src;
  src.volume = &v;
  src.modality = "CT";
  src.unit = "HU";
  const Measurement tiny = sphereAt({10.5, 10.5, 10.5}, 0.2);
  const RoiStatistics s = computeRoiStatistics(tiny, src);
  EXPECT_FALSE(s.values);
  EXPECT_TRUE(roiLabel(tiny, s).contains("no voxel centre of the CT inside"))
      << roiLabel(tiny, s).toStdString();
}

}  // namespace

namespace {

using nbra::viewer::LoadedSeries;

std::shared_ptr<LoadedSeries> seriesOf(const Volume& v, const std::string& modality) {
  auto s = std::make_shared<LoadedSeries>();
  s->volume() = v;
  s->volume().modality = modality;
  return s;
}

TEST(RoiStatisticsCache, RecomputesOnlyWhenTheRoiOrTheSeriesChange) {
  auto ct = seriesOf(phantom(PixelType::Int16), "CT");
  Volume petVolume = phantom(PixelType::Float32);
  for (auto& x : petVolume.float32Voxels)
    x *= 2;  // the PET's numbers are twice the CT's
  auto pet = seriesOf(petVolume, "PT");
  RoiStatisticsCache cache;
  Measurement m = sphereAt({10, 10, 10}, 2);
  const RoiStatistics& first = cache.get(m, ct, nullptr);
  ASSERT_TRUE(first.values);
  EXPECT_DOUBLE_EQ(first.values->mean, 300);
  EXPECT_EQ(first.source.unit, QString("HU"));
  // Fused: the PET's values, in its unit (no SUV factor here: Bq/ml).
  const RoiStatistics& fused = cache.get(m, ct, pet);
  ASSERT_TRUE(fused.values);
  EXPECT_DOUBLE_EQ(fused.values->mean, 600);
  EXPECT_TRUE(fused.source.fused);
  EXPECT_EQ(fused.source.unit, QString("Bq/ml"));
  EXPECT_TRUE(fused.values->peak);
  // A moved ROI is a new entry: now half in the 100 background.
  moveRoiHandle(m, Handle::RoiCentre, {13, 10, 10});
  const RoiStatistics& moved = cache.get(m, ct, nullptr);
  ASSERT_TRUE(moved.values);
  EXPECT_LT(moved.values->mean, 300);
  EXPECT_DOUBLE_EQ(moved.values->min, 100);
  // The cache holds series weakly: closing one frees it.
  std::weak_ptr<LoadedSeries> watch = pet;
  pet.reset();
  EXPECT_TRUE(watch.expired());
  // A new series with other values is computed afresh, never served from a closed one's entry.
  Volume other = phantom(PixelType::Int16);
  for (auto& x : other.int16Voxels)
    x = 5;
  auto replacement = seriesOf(other, "CT");
  const RoiStatistics& fresh = cache.get(sphereAt({10, 10, 10}, 2), replacement, nullptr);
  ASSERT_TRUE(fresh.values);
  EXPECT_DOUBLE_EQ(fresh.values->mean, 5);
}

}  // namespace

namespace {

TEST(RoiStatisticsLabel, ABrokenRestoredRoiSaysWhatIsWrong) {
  const Volume v = phantom(PixelType::Int16);
  RoiSource src;
  src.volume = &v;
  src.modality = "CT";
  src.unit = "HU";
  Measurement m = sphereAt({10, 10, 10}, 3);
  m.roiSemiAxisBMm = {0, 0, 0};  // e.g. a hand-edited saved read
  const QString label = roiLabel(m, computeRoiStatistics(m, src));
  EXPECT_TRUE(label.contains("no statistics: the ellipsoid ROI has a semi-axis of zero"))
      << label.toStdString();
}

}  // namespace
