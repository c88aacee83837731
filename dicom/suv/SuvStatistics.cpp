#include "dicom/suv/SuvStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "dicom/limits/PlausibleValues.h"
#include "dicom/limits/ResourcePolicy.h"

namespace nbra::dicom {
namespace {

// Tolerance so that a voxel centre exactly on the surface counts despite rounding.
constexpr double kOnSurface = 1e-9;

long toLong(double v) {
  return static_cast<long>(v);
}

using Axes = std::array<std::array<double, 3>, 3>;

double dot3(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// A run of voxels x0..x1 (inclusive) of row (y, z): regions are handled row by row, so the inner
// loops run over contiguous memory.
struct RowSpan {
  long y, z, x0, x1;
};

// One run of the peak kernel: offsets (dy, dz) and dx in -reach..reach.
struct KernelRow {
  long dy, dz, reach;
};

// The peak sphere's voxel offsets, as rows. The axes are orthonormal (Volume contract), so the
// distance between voxel centres uses the spacings alone.
std::vector<KernelRow> sphereKernel(const Volume& v, double radiusMm) {
  std::vector<KernelRow> kernel;
  // Its size comes from the spacing, which comes from the file: bound it before looping (a
  // SliceThickness of 1e-7 mm would make a sphere of billions of voxels).
  for (const double spacing : v.spacingMm) {
    if (!(spacing > 0) || !std::isfinite(spacing)) {
      throw SuvStatisticsError("voxel spacing " + formatValue(spacing) +
                               " mm: no SUVpeak sphere can be built");
    }
  }
  const double boxVoxels = (2 * std::floor(radiusMm / v.spacingMm[0]) + 1) *
                           (2 * std::floor(radiusMm / v.spacingMm[1]) + 1) *
                           (2 * std::floor(radiusMm / v.spacingMm[2]) + 1);
  const double limit = static_cast<double>(resourcePolicy().maxKernelVoxels);
  if (!(boxVoxels <= limit)) {
    throw SuvStatisticsError("the SUVpeak sphere would span " + formatValue(boxVoxels) +
                             " voxels at spacing " + formatValue(v.spacingMm[0]) + " x " +
                             formatValue(v.spacingMm[1]) + " x " + formatValue(v.spacingMm[2]) +
                             " mm, more than " + formatValue(limit) +
                             "; the voxel spacing is implausible");
  }
  const double r2 = radiusMm * radiusMm * (1 + kOnSurface);
  const long ny = toLong(std::floor(radiusMm / v.spacingMm[1]));
  const long nz = toLong(std::floor(radiusMm / v.spacingMm[2]));
  for (long dz = -nz; dz <= nz; ++dz) {
    for (long dy = -ny; dy <= ny; ++dy) {
      const double my = static_cast<double>(dy) * v.spacingMm[1];
      const double mz = static_cast<double>(dz) * v.spacingMm[2];
      const double left = r2 - my * my - mz * mz;
      if (left < 0) {
        continue;
      }
      long reach = toLong(std::floor(std::sqrt(left) / v.spacingMm[0]));
      // The square root may round a centre on the surface away: check the next one exactly.
      const auto inside = [&](long dx) {
        const double mx = static_cast<double>(dx) * v.spacingMm[0];
        return mx * mx + my * my + mz * mz <= r2;
      };
      while (inside(reach + 1)) {
        ++reach;
      }
      while (reach >= 0 && !inside(reach)) {
        --reach;
      }
      if (reach >= 0) {
        kernel.push_back({dy, dz, reach});
      }
    }
  }
  return kernel;
}

// The ellipsoid as a quadratic form in voxel index offsets d from its centre: inside when
// d^T M d <= 1. With a_i the semi-axes, w_i = S D^T a_i / |a_i|^2 (S the spacings, D the
// direction cosines) and M = sum w_i w_i^T.
struct IndexEllipsoid {
  std::array<double, 3> centre{};  // continuous voxel index
  double m[3][3]{};
  long lo[3]{}, hi[3]{};  // bounding box, clipped to the volume
  bool empty = false;
};

IndexEllipsoid toIndexSpace(const Volume& v, const EllipsoidRoi& roi) {
  double lengths[3];
  for (std::size_t i = 0; i < 3; ++i) {
    lengths[i] = std::sqrt(dot3(roi.semiAxesMm[i], roi.semiAxesMm[i]));
    if (!std::isfinite(lengths[i]) || lengths[i] <= 0) {
      throw SuvStatisticsError("the ellipsoid ROI has a semi-axis of zero or undefined length");
    }
  }
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = i + 1; j < 3; ++j) {
      if (std::abs(dot3(roi.semiAxesMm[i], roi.semiAxesMm[j])) > 1e-6 * lengths[i] * lengths[j]) {
        throw SuvStatisticsError("the ellipsoid ROI's semi-axes are not perpendicular");
      }
    }
  }
  for (double c : roi.centreMm) {
    if (!std::isfinite(c)) {
      throw SuvStatisticsError("the ellipsoid ROI's centre is not a finite position");
    }
  }
  IndexEllipsoid e;
  e.centre = v.toVoxel(roi.centreMm);
  std::array<std::array<double, 3>, 3> w{};
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t c = 0; c < 3; ++c) {
      double along = 0;  // component of a_i along voxel axis c
      for (std::size_t r = 0; r < 3; ++r) {
        along += v.direction[r * 3 + c] * roi.semiAxesMm[i][r];
      }
      w[i][c] = v.spacingMm[c] * along / (lengths[i] * lengths[i]);
    }
  }
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      e.m[r][c] = w[0][r] * w[0][c] + w[1][r] * w[1][c] + w[2][r] * w[2][c];
    }
  }
  for (std::size_t c = 0; c < 3; ++c) {
    // Half extent along voxel axis c: sqrt(sum_i (a_i . e_c)^2) mm.
    double sq = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      double along = 0;
      for (std::size_t r = 0; r < 3; ++r) {
        along += v.direction[r * 3 + c] * roi.semiAxesMm[i][r];
      }
      sq += along * along;
    }
    const double reach = std::sqrt(sq) / v.spacingMm[c] + 1e-6;
    const double lo = std::floor(e.centre[c] - reach);
    const double hi = std::ceil(e.centre[c] + reach);
    const double last = static_cast<double>(v.dimensions[c]) - 1;
    if (hi < 0 || lo > last) {
      e.empty = true;
      return e;
    }
    e.lo[c] = toLong(std::max(0.0, lo));
    e.hi[c] = toLong(std::min(last, hi));
  }
  return e;
}

// The rows of voxels whose centres lie in the ellipsoid. Each row's run comes from the roots of
// q(dx) = M00 dx^2 + 2 b dx + c = 1; its ends are then checked with q itself, so the result is
// exactly "every voxel centre with q <= 1 (+1e-9)", the same test a voxel-by-voxel loop does.
std::vector<RowSpan> ellipsoidRows(const Volume& v, const EllipsoidRoi& roi) {
  const IndexEllipsoid e = toIndexSpace(v, roi);
  std::vector<RowSpan> rows;
  if (e.empty) {
    return rows;
  }
  const double limit = 1 + kOnSurface;
  const double a = e.m[0][0];
  for (long z = e.lo[2]; z <= e.hi[2]; ++z) {
    const double dz = static_cast<double>(z) - e.centre[2];
    for (long y = e.lo[1]; y <= e.hi[1]; ++y) {
      const double dy = static_cast<double>(y) - e.centre[1];
      const double b = e.m[0][1] * dy + e.m[0][2] * dz;
      const double c = e.m[1][1] * dy * dy + 2 * e.m[1][2] * dy * dz + e.m[2][2] * dz * dz;
      const auto q = [&](long x) {
        const double dx = static_cast<double>(x) - e.centre[0];
        return a * dx * dx + 2 * b * dx + c;
      };
      const double disc = b * b - a * (c - limit);
      if (disc < 0) {
        continue;
      }
      const double root = std::sqrt(disc);
      const double from = e.centre[0] + (-b - root) / a;
      const double to = e.centre[0] + (-b + root) / a;
      long x0 = std::max(e.lo[0], toLong(std::ceil(from)));
      long x1 = std::min(e.hi[0], toLong(std::floor(to)));
      // Rounding of the roots: widen by one where the neighbour is inside, trim where not.
      if (x0 > e.lo[0] && q(x0 - 1) <= limit)
        --x0;
      if (x1 < e.hi[0] && q(x1 + 1) <= limit)
        ++x1;
      while (x0 <= x1 && q(x0) > limit)
        ++x0;
      while (x1 >= x0 && q(x1) > limit)
        --x1;
      if (x0 <= x1) {
        rows.push_back({y, z, x0, x1});
      }
    }
  }
  return rows;
}

void checkInputs(const Volume& volume, const std::vector<double>& sliceFactors) {
  const std::size_t stored = volume.pixelType == PixelType::Int16 ? volume.int16Voxels.size()
                                                                  : volume.float32Voxels.size();
  if (volume.voxelCount() == 0 || stored != volume.voxelCount()) {
    throw SuvStatisticsError("the volume has no voxels (or fewer than its dimensions say)");
  }
  if (sliceFactors.size() != 1 && sliceFactors.size() != volume.dimensions[2]) {
    throw SuvStatisticsError("need 1 SUV factor or one per slice (" +
                             std::to_string(volume.dimensions[2]) + "), got " +
                             std::to_string(sliceFactors.size()));
  }
}

// Running max, min, mean and standard deviation. The squares are summed about the first value
// seen, so a region of nearly equal large values (CT bone at 1000 HU) keeps its small SD.
class Accumulator {
 public:
  void add(double s, std::size_t x, std::size_t y, std::size_t z) {
    if (count_ == 0) {
      shift_ = s;
      max_ = min_ = s;
      maxAt_ = {x, y, z};
    } else if (s > max_) {
      max_ = s;
      maxAt_ = {x, y, z};
    }
    min_ = std::min(min_, s);
    sum_ += s;
    const double d = s - shift_;
    shiftedSum_ += d;
    shiftedSquares_ += d * d;
    ++count_;
  }
  void finish(const Volume& volume, SuvStatistics& stats) const {
    stats.voxelCount = count_;
    stats.max = max_;
    stats.min = min_;
    stats.maxPositionMm =
        volume.toPatientMm(static_cast<double>(maxAt_[0]), static_cast<double>(maxAt_[1]),
                           static_cast<double>(maxAt_[2]));
    const double n = static_cast<double>(count_);
    stats.mean = sum_ / n;
    if (count_ > 1) {
      const double variance = (shiftedSquares_ - shiftedSum_ * shiftedSum_ / n) / (n - 1);
      stats.standardDeviation = std::sqrt(std::max(0.0, variance));
    }
  }

 private:
  std::size_t count_ = 0;
  double shift_ = 0, max_ = 0, min_ = 0, sum_ = 0, shiftedSum_ = 0, shiftedSquares_ = 0;
  std::array<std::size_t, 3> maxAt_{};
};

SuvStatistics statisticsOverRows(const Volume& volume, const std::vector<double>& sliceFactors,
                                 const std::vector<RowSpan>& rows, PeakSearch peak) {
  const auto factor = [&](long z) {
    return sliceFactors[sliceFactors.size() == 1 ? 0 : static_cast<std::size_t>(z)];
  };
  Accumulator acc;
  for (const RowSpan& r : rows) {
    const double f = factor(r.z);
    for (long x = r.x0; x <= r.x1; ++x) {
      const auto ux = static_cast<std::size_t>(x);
      const auto uy = static_cast<std::size_t>(r.y);
      const auto uz = static_cast<std::size_t>(r.z);
      acc.add(volume.value(ux, uy, uz) * f, ux, uy, uz);
    }
  }
  SuvStatistics stats;
  acc.finish(volume, stats);
  if (peak == PeakSearch::Skip) {
    return stats;
  }
  const std::vector<KernelRow> kernel = sphereKernel(volume, kPeakSphereRadiusMm);
  const long nx = static_cast<long>(volume.dimensions[0]);
  const long ny = static_cast<long>(volume.dimensions[1]);
  const long nz = static_cast<long>(volume.dimensions[2]);
  // Running sums along x of every row the peak spheres can reach, so each kernel row costs one
  // subtraction instead of a pass over its voxels (the 1 cm^3 sphere is 123 voxels at 2 mm).
  long reachX = 0, reachY = 0, reachZ = 0;
  for (const KernelRow& k : kernel) {
    reachX = std::max(reachX, k.reach);
    reachY = std::max(reachY, std::abs(k.dy));
    reachZ = std::max(reachZ, std::abs(k.dz));
  }
  long bx0 = nx, bx1 = -1, by0 = ny, by1 = -1, bz0 = nz, bz1 = -1;
  for (const RowSpan& r : rows) {
    bx0 = std::min(bx0, r.x0);
    bx1 = std::max(bx1, r.x1);
    by0 = std::min(by0, r.y);
    by1 = std::max(by1, r.y);
    bz0 = std::min(bz0, r.z);
    bz1 = std::max(bz1, r.z);
  }
  bx0 = std::max(0L, bx0 - reachX);
  bx1 = std::min(nx - 1, bx1 + reachX);
  by0 = std::max(0L, by0 - reachY);
  by1 = std::min(ny - 1, by1 + reachY);
  bz0 = std::max(0L, bz0 - reachZ);
  bz1 = std::min(nz - 1, bz1 + reachZ);
  const auto width = static_cast<std::size_t>(bx1 - bx0 + 2);  // a leading 0 per row
  const auto boxRows = static_cast<std::size_t>(by1 - by0 + 1);
  std::vector<double> prefix(width * boxRows * static_cast<std::size_t>(bz1 - bz0 + 1));
  const auto rowStart = [&](long y, long z) {
    return (static_cast<std::size_t>(z - bz0) * boxRows + static_cast<std::size_t>(y - by0)) *
           width;
  };
  for (long z = bz0; z <= bz1; ++z) {
    for (long y = by0; y <= by1; ++y) {
      double* p = prefix.data() + rowStart(y, z);
      p[0] = 0;
      for (long x = bx0; x <= bx1; ++x) {
        p[x - bx0 + 1] =
            p[x - bx0] + volume.value(static_cast<std::size_t>(x), static_cast<std::size_t>(y),
                                      static_cast<std::size_t>(z));
      }
    }
  }
  for (const RowSpan& r : rows) {
    for (long cx = r.x0; cx <= r.x1; ++cx) {
      double peakSum = 0;
      std::size_t n = 0;
      for (const KernelRow& k : kernel) {
        const long y = r.y + k.dy;
        const long z = r.z + k.dz;
        if (y < 0 || z < 0 || y >= ny || z >= nz) {
          continue;  // truncated at the volume border
        }
        const long x0 = std::max(0L, cx - k.reach);
        const long x1 = std::min(nx - 1, cx + k.reach);
        const double* p = prefix.data() + rowStart(y, z);
        peakSum += (p[x1 - bx0 + 1] - p[x0 - bx0]) * factor(z);
        n += static_cast<std::size_t>(x1 - x0 + 1);
      }
      const double mean = peakSum / static_cast<double>(n);
      if (!stats.peak || mean > *stats.peak) {
        stats.peak = mean;
        stats.peakCentreMm = volume.toPatientMm(static_cast<double>(cx), static_cast<double>(r.y),
                                                static_cast<double>(r.z));
        stats.peakVoxelCount = n;
      }
    }
  }
  return stats;
}

EllipsoidRoi asEllipsoid(const SphereRoi& sphere) {
  EllipsoidRoi e;
  e.centreMm = sphere.centreMm;
  e.semiAxesMm = {{{sphere.radiusMm, 0, 0}, {0, sphere.radiusMm, 0}, {0, 0, sphere.radiusMm}}};
  return e;
}

}  // namespace

SuvStatistics computeSuvStatistics(const Volume& volume, const std::vector<double>& sliceFactors,
                                   const std::optional<SphereRoi>& roi) {
  if (roi) {
    if (!(roi->radiusMm > 0)) {
      throw SuvStatisticsError("the sphere ROI contains no voxel centre of the series");
    }
    return computeSuvStatistics(volume, sliceFactors, asEllipsoid(*roi), PeakSearch::Compute);
  }
  checkInputs(volume, sliceFactors);
  Accumulator acc;
  for (std::size_t z = 0; z < volume.dimensions[2]; ++z) {
    const double f = sliceFactors[sliceFactors.size() == 1 ? 0 : z];
    for (std::size_t y = 0; y < volume.dimensions[1]; ++y) {
      for (std::size_t x = 0; x < volume.dimensions[0]; ++x) {
        acc.add(volume.value(x, y, z) * f, x, y, z);
      }
    }
  }
  SuvStatistics stats;
  acc.finish(volume, stats);
  return stats;
}

SuvStatistics computeSuvStatistics(const Volume& volume, const std::vector<double>& sliceFactors,
                                   const EllipsoidRoi& roi, PeakSearch peak) {
  checkInputs(volume, sliceFactors);
  const std::vector<RowSpan> rows = ellipsoidRows(volume, roi);
  if (rows.empty()) {
    throw SuvStatisticsError("the ROI contains no voxel centre of the series");
  }
  return statisticsOverRows(volume, sliceFactors, rows, peak);
}

std::size_t countVoxelsInside(const Volume& volume, const EllipsoidRoi& roi) {
  std::size_t n = 0;
  for (const RowSpan& r : ellipsoidRows(volume, roi)) {
    n += static_cast<std::size_t>(r.x1 - r.x0 + 1);
  }
  return n;
}

}  // namespace nbra::dicom
