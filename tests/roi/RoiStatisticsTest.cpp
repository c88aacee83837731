// ROI statistics on volumes built by hand, where the answer is known: a sphere of one value in a
// background of another, a linear gradient (whose mean over a centrally symmetric region is its
// value at the centre), oblique ellipsoids against a plain voxel-by-voxel count, and SUVpeak.
//
// Voxel discretisation (how far a count of voxel centres can be from the true volume): a voxel
// whose centre lies in the ellipsoid lies entirely within the ellipsoid grown by the voxel's half
// diagonal d, and a voxel lying entirely within the ellipsoid shrunk by d has its centre in it.
// So for a sphere of radius R: V(R - d) <= count x voxel volume <= V(R + d). That bound is
// rigorous and used below; it is loose (about 3 d / R relative), so the counts are also checked
// exactly against an independent brute-force loop.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "dicom/suv/SuvStatistics.h"

namespace {

using namespace nbra::dicom;
using Vec3 = std::array<double, 3>;

Volume grid(std::array<std::size_t, 3> dims, std::array<double, 3> spacing, PixelType type) {
  Volume v;
  v.dimensions = dims;
  v.spacingMm = spacing;
  v.originMm = {-100.0, 50.0, -300.0};
  v.pixelType = type;
  if (type == PixelType::Int16) {
    v.int16Voxels.assign(v.voxelCount(), 0);
  } else {
    v.float32Voxels.assign(v.voxelCount(), 0.0f);
  }
  return v;
}

void put(Volume& v, std::size_t x, std::size_t y, std::size_t z, double value) {
  const std::size_t i = x + v.dimensions[0] * (y + v.dimensions[1] * z);
  if (v.pixelType == PixelType::Int16) {
    v.int16Voxels[i] = static_cast<std::int16_t>(value);
  } else {
    v.float32Voxels[i] = static_cast<float>(value);
  }
}

double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// The reference: every voxel of the volume, tested one by one in patient coordinates.
bool insideEllipsoid(const EllipsoidRoi& e, const Vec3& p) {
  const Vec3 d{p[0] - e.centreMm[0], p[1] - e.centreMm[1], p[2] - e.centreMm[2]};
  double q = 0;
  for (const auto& a : e.semiAxesMm) {
    const double t = dot(d, a) / dot(a, a);
    q += t * t;
  }
  return q <= 1 + 1e-9;
}

template <typename F>
void forEachVoxel(const Volume& v, F&& f) {
  for (std::size_t z = 0; z < v.dimensions[2]; ++z)
    for (std::size_t y = 0; y < v.dimensions[1]; ++y)
      for (std::size_t x = 0; x < v.dimensions[0]; ++x)
        f(x, y, z,
          v.toPatientMm(static_cast<double>(x), static_cast<double>(y), static_cast<double>(z)));
}

EllipsoidRoi sphere(const Vec3& c, double r) {
  return EllipsoidRoi{c, {{{r, 0, 0}, {0, r, 0}, {0, 0, r}}}};
}

double ballMm3(double r) {
  return 4.0 / 3.0 * std::numbers::pi * r * r * r;
}

TEST(RoiStatistics, SphereOfKnownValueInBackgroundGivesExactMeanAndBoundedVolume) {
  // CT-like: int16, anisotropic 0.7 x 0.7 x 1.5 mm, a 12 mm sphere of 200 HU in 40 HU, centred
  // off the voxel grid. A 9 mm ROI at its centre holds only 200 HU voxels.
  Volume v = grid({80, 80, 40}, {0.7, 0.7, 1.5}, PixelType::Int16);
  const Vec3 centre = v.toPatientMm(39.3, 41.6, 19.25);
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3& p) {
    put(v, x, y, z, insideEllipsoid(sphere(centre, 12), p) ? 200 : 40);
  });
  const SuvStatistics inner = computeSuvStatistics(v, {1.0}, sphere(centre, 9), PeakSearch::Skip);
  EXPECT_DOUBLE_EQ(inner.mean, 200);
  EXPECT_DOUBLE_EQ(inner.min, 200);
  EXPECT_DOUBLE_EQ(inner.max, 200);
  EXPECT_DOUBLE_EQ(inner.standardDeviation, 0);
  EXPECT_FALSE(inner.peak);  // not asked for
  const double voxelMm3 = 0.7 * 0.7 * 1.5;
  const double halfDiagonal = 0.5 * std::sqrt(0.7 * 0.7 * 2 + 1.5 * 1.5);
  const double volumeMm3 = static_cast<double>(inner.voxelCount) * voxelMm3;
  EXPECT_GE(volumeMm3, ballMm3(9 - halfDiagonal));
  EXPECT_LE(volumeMm3, ballMm3(9 + halfDiagonal));

  // An 18 mm ROI holds all of the phantom and some background: the mean is the two values
  // weighted by the counts, min 40, max 200.
  std::size_t phantomCount = 0, outerCount = 0;
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3& p) {
    if (!insideEllipsoid(sphere(centre, 18), p))
      return;
    ++outerCount;
    if (v.value(x, y, z) == 200)
      ++phantomCount;
  });
  const SuvStatistics outer = computeSuvStatistics(v, {1.0}, sphere(centre, 18), PeakSearch::Skip);
  ASSERT_EQ(outer.voxelCount, outerCount);
  const double n = static_cast<double>(outerCount), k = static_cast<double>(phantomCount);
  EXPECT_NEAR(outer.mean, (200 * k + 40 * (n - k)) / n, 1e-9);
  EXPECT_DOUBLE_EQ(outer.min, 40);
  EXPECT_DOUBLE_EQ(outer.max, 200);
  // Two values: the sample SD is sqrt(k (n - k) / (n (n - 1))) x 160.
  EXPECT_NEAR(outer.standardDeviation, 160 * std::sqrt(k * (n - k) / (n * (n - 1))), 1e-6);
}

TEST(RoiStatistics, ObliqueEllipsoidCountsExactlyTheVoxelCentresInside) {
  // Tilted axes on a tilted volume grid: the row-by-row search must agree voxel for voxel with
  // the plain test, including centres that lie exactly on the surface (the 4 mm sphere on a 1 mm
  // grid centred on a voxel has 6 + 24 + ... of them).
  Volume v = grid({50, 44, 36}, {0.9, 1.1, 1.3}, PixelType::Float32);
  const double c = std::cos(0.3), s = std::sin(0.3);
  v.direction = {c, -s, 0, s, c, 0, 0, 0, 1};  // columns: the voxel axes in patient space
  const Vec3 centre = v.toPatientMm(24.4, 20.7, 17.2);
  const Vec3 u = {std::cos(0.7), std::sin(0.7), 0};
  const Vec3 w = {-std::sin(0.7) * std::cos(0.4), std::cos(0.7) * std::cos(0.4), std::sin(0.4)};
  const Vec3 n = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
  const EllipsoidRoi e{centre,
                       {{{u[0] * 14, u[1] * 14, u[2] * 14},
                         {w[0] * 6, w[1] * 6, w[2] * 6},
                         {n[0] * 9, n[1] * 9, n[2] * 9}}}};
  std::size_t expected = 0;
  forEachVoxel(v, [&](std::size_t, std::size_t, std::size_t, const Vec3& p) {
    expected += insideEllipsoid(e, p);
  });
  EXPECT_EQ(countVoxelsInside(v, e), expected);
  EXPECT_GT(expected, 1000u);

  Volume unit = grid({21, 21, 21}, {1, 1, 1}, PixelType::Float32);
  const EllipsoidRoi onGrid = sphere(unit.toPatientMm(10, 10, 10), 4);
  std::size_t onSurfaceIncluded = 0;
  forEachVoxel(unit, [&](std::size_t, std::size_t, std::size_t, const Vec3& p) {
    onSurfaceIncluded += insideEllipsoid(onGrid, p);
  });
  EXPECT_EQ(countVoxelsInside(unit, onGrid), onSurfaceIncluded);
  EXPECT_EQ(onSurfaceIncluded, 257u);  // lattice points with x^2 + y^2 + z^2 <= 16
}

TEST(RoiStatistics, GradientMeanIsTheValueAtTheCentreOfASymmetricRegion) {
  // f = 3x - 2y + 5z (voxel indices). An ellipsoid centred on a voxel centre holds a centrally
  // symmetric set of voxels, so its mean is f at the centre, whatever the axes.
  Volume v = grid({60, 60, 60}, {0.8, 0.8, 2.0}, PixelType::Float32);
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3&) {
    put(v, x, y, z,
        3.0 * static_cast<double>(x) - 2.0 * static_cast<double>(y) + 5.0 * static_cast<double>(z));
  });
  const Vec3 centre = v.toPatientMm(30, 28, 31);
  const double r = std::sqrt(0.5);
  const EllipsoidRoi e{centre, {{{11 * r, 11 * r, 0}, {-7 * r, 7 * r, 0}, {0, 0, 7}}}};
  const SuvStatistics s = computeSuvStatistics(v, {1.0}, e, PeakSearch::Skip);
  EXPECT_NEAR(s.mean, 3.0 * 30 - 2.0 * 28 + 5.0 * 31, 1e-9);
  // Extremes: the region's voxel with the largest and smallest f, by brute force.
  double lo = 1e300, hi = -1e300;
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3& p) {
    if (!insideEllipsoid(e, p))
      return;
    lo = std::min(lo, v.value(x, y, z));
    hi = std::max(hi, v.value(x, y, z));
  });
  EXPECT_DOUBLE_EQ(s.min, lo);
  EXPECT_DOUBLE_EQ(s.max, hi);
}

TEST(RoiStatistics, SuvPeakOfASphereSmallerThanOneCubicCentimetre) {
  // 2 mm voxels, background 1, a hot sphere of 4 mm radius (its voxel centres: offsets with
  // |d|^2 <= 4, 1 + 6 + 12 + 8 + 6 = 33 voxels) of 10. The peak sphere (r 6.2035 mm, |d|^2 <=
  // 9.62) holds the lattice points with |d|^2 <= 9: 1 + 6 + 12 + 8 + 6 + 24 + 24 + 12 + 30 = 123.
  // Centred on the hot sphere it holds all 33 hot voxels: SUVpeak = (33 x 10 + 90 x 1) / 123,
  // times the factor 0.5. No other centre holds more hot voxels.
  Volume v = grid({31, 31, 31}, {2, 2, 2}, PixelType::Float32);
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3&) {
    const double dx = static_cast<double>(x) - 15, dy = static_cast<double>(y) - 15,
                 dz = static_cast<double>(z) - 15;
    put(v, x, y, z, dx * dx + dy * dy + dz * dz <= 4 ? 10 : 1);
  });
  const SuvStatistics s = computeSuvStatistics(v, {0.5}, sphere(v.toPatientMm(15, 15, 15), 15));
  ASSERT_TRUE(s.peak);
  EXPECT_NEAR(*s.peak, 0.5 * (33 * 10 + 90 * 1) / 123.0, 1e-12);
  EXPECT_EQ(s.peakVoxelCount, 123u);
  EXPECT_DOUBLE_EQ(s.max, 5.0);

  // A hot sphere larger than the peak sphere: SUVpeak is its value.
  forEachVoxel(v, [&](std::size_t x, std::size_t y, std::size_t z, const Vec3&) {
    const double dx = static_cast<double>(x) - 15, dy = static_cast<double>(y) - 15,
                 dz = static_cast<double>(z) - 15;
    put(v, x, y, z, dx * dx + dy * dy + dz * dz <= 25 ? 10 : 1);
  });
  const EllipsoidRoi flat{v.toPatientMm(15, 15, 15), {{{20, 0, 0}, {0, 12, 0}, {0, 0, 4}}}};
  const SuvStatistics big = computeSuvStatistics(v, {0.5}, flat);
  ASSERT_TRUE(big.peak);
  EXPECT_DOUBLE_EQ(*big.peak, 5.0);
}

TEST(RoiStatistics, BadEllipsoidsAreRefusedWithAReason) {
  Volume v = grid({8, 8, 8}, {1, 1, 1}, PixelType::Float32);
  const Vec3 c = v.toPatientMm(4, 4, 4);
  EXPECT_THROW(computeSuvStatistics(v, {1.0}, EllipsoidRoi{c, {{{1, 0, 0}, {0, 0, 0}, {0, 0, 1}}}}),
               SuvStatisticsError);
  EXPECT_THROW(computeSuvStatistics(v, {1.0}, EllipsoidRoi{c, {{{1, 0, 0}, {1, 1, 0}, {0, 0, 1}}}}),
               SuvStatisticsError);
  EXPECT_THROW(computeSuvStatistics(v, {1.0}, sphere({500, 500, 500}, 3)), SuvStatisticsError);
  // Between voxel centres: no centre inside.
  EXPECT_THROW(computeSuvStatistics(v, {1.0}, sphere(v.toPatientMm(4.5, 4.5, 4.5), 0.3)),
               SuvStatisticsError);
}

}  // namespace
