// SUVmax / SUVmean / SUVpeak on small volumes built by hand.

#include <gtest/gtest.h>

#include "dicom/suv/SuvStatistics.h"

namespace {

using namespace nbra::dicom;

Volume cube(std::size_t n, double spacingMm, float fill) {
  Volume v;
  v.dimensions = {n, n, n};
  v.spacingMm = {spacingMm, spacingMm, spacingMm};
  v.originMm = {-10.0, 20.0, 5.0};
  v.pixelType = PixelType::Float32;
  v.float32Voxels.assign(n * n * n, fill);
  return v;
}

void set(Volume& v, std::size_t x, std::size_t y, std::size_t z, float value) {
  v.float32Voxels[x + v.dimensions[0] * (y + v.dimensions[1] * z)] = value;
}

TEST(SuvStatistics, WholeVolumeMaxAndMeanApplyTheFactor) {
  // 125 voxels of 1, one of 10: max 10 f, mean (124 + 10)/125 f, f = 0.5.
  Volume v = cube(5, 2.0, 1.0f);
  set(v, 1, 2, 3, 10.0f);
  const SuvStatistics s = computeSuvStatistics(v, {0.5});
  EXPECT_DOUBLE_EQ(s.max, 5.0);
  EXPECT_DOUBLE_EQ(s.mean, 134.0 / 125.0 * 0.5);
  EXPECT_EQ(s.voxelCount, 125u);
  // Voxel (1,2,3) at origin + (2, 4, 6) mm.
  EXPECT_DOUBLE_EQ(s.maxPositionMm[0], -8.0);
  EXPECT_DOUBLE_EQ(s.maxPositionMm[1], 24.0);
  EXPECT_DOUBLE_EQ(s.maxPositionMm[2], 11.0);
  EXPECT_FALSE(s.peak);  // no ROI, no peak
}

TEST(SuvStatistics, PerSliceFactorsScaleEachSlice) {
  // 2x2x2 of ones, slice factors 1 and 3: mean (4*1 + 4*3)/8 = 2, max 3.
  Volume v = cube(2, 1.0, 1.0f);
  const SuvStatistics s = computeSuvStatistics(v, {1.0, 3.0});
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.max, 3.0);
  EXPECT_THROW(computeSuvStatistics(v, {1.0, 2.0, 3.0}), SuvStatisticsError);
}

TEST(SuvStatistics, SphereRoiIncludesVoxelsWhoseCentresAreInside) {
  // 1 mm voxels, radius 1 mm around voxel (2,2,2): the centre and its 6 face neighbours (on the
  // surface: included), not the 12 edge neighbours at sqrt(2) mm. Centre 10, others 1:
  // mean (10 + 6)/7.
  Volume v = cube(5, 1.0, 1.0f);
  set(v, 2, 2, 2, 10.0f);
  const auto centre = v.toPatientMm(2, 2, 2);
  const SuvStatistics s = computeSuvStatistics(v, {1.0}, SphereRoi{centre, 1.0});
  EXPECT_EQ(s.voxelCount, 7u);
  EXPECT_DOUBLE_EQ(s.max, 10.0);
  EXPECT_DOUBLE_EQ(s.mean, 16.0 / 7.0);
}

TEST(SuvStatistics, PeakIsTheBestOneCubicCentimetreSphereNotTheHottestVoxel) {
  // 4 mm voxels: the 1 cm^3 sphere (r 6.2035 mm) holds the offsets with
  // dx^2+dy^2+dz^2 <= 38.48/16 = 2.4, i.e. 1 + 6 + 12 = 19 voxels.
  // A lone voxel of 100 at (2,4,4): best sphere over it 100/19 = 5.26.
  // A 19-voxel blob of 10 centred on (6,4,4): sphere mean exactly 10 = SUVpeak, max stays 100.
  Volume v = cube(9, 4.0, 0.0f);
  set(v, 2, 4, 4, 100.0f);
  for (int dz = -1; dz <= 1; ++dz) {
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        if (dx * dx + dy * dy + dz * dz <= 2) {
          set(v, static_cast<std::size_t>(6 + dx), static_cast<std::size_t>(4 + dy),
              static_cast<std::size_t>(4 + dz), 10.0f);
        }
      }
    }
  }
  const SuvStatistics s = computeSuvStatistics(v, {2.0}, SphereRoi{v.toPatientMm(4, 4, 4), 100.0});
  ASSERT_TRUE(s.peak);
  EXPECT_DOUBLE_EQ(*s.peak, 20.0);  // 10 * factor 2
  EXPECT_EQ(s.peakVoxelCount, 19u);
  EXPECT_DOUBLE_EQ(s.max, 200.0);
  const auto expectedCentre = v.toPatientMm(6, 4, 4);
  EXPECT_EQ(*s.peakCentreMm, expectedCentre);
}

TEST(SuvStatistics, PeakCentreMustLieInsideTheRoi) {
  // Same blob, but the ROI (radius 4 mm around (2,4,4)) holds only the lone hot voxel and its
  // face neighbours: the best sphere is centred on (2,4,4) itself, 100/19.
  Volume v = cube(9, 4.0, 0.0f);
  set(v, 2, 4, 4, 100.0f);
  set(v, 6, 4, 4, 10.0f);
  const SuvStatistics s = computeSuvStatistics(v, {1.0}, SphereRoi{v.toPatientMm(2, 4, 4), 4.0});
  EXPECT_EQ(s.voxelCount, 7u);
  ASSERT_TRUE(s.peak);
  EXPECT_DOUBLE_EQ(*s.peak, 100.0 / 19.0);
}

TEST(SuvStatistics, EmptyRoiOrVolumeIsAnError) {
  Volume v = cube(3, 1.0, 1.0f);
  EXPECT_THROW(computeSuvStatistics(v, {1.0}, SphereRoi{{500.0, 500.0, 500.0}, 2.0}),
               SuvStatisticsError);
  EXPECT_THROW(computeSuvStatistics(Volume{}, {1.0}), SuvStatisticsError);
}

}  // namespace
