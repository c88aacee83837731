#include "dicom/suv/SuvStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace nbra::dicom {
namespace {

struct Offset {
  long dx, dy, dz;
};

// Tolerance so that a voxel centre exactly on the sphere counts despite rounding.
constexpr double kOnSurface = 1e-9;

long toLong(double v) {
  return static_cast<long>(v);
}

// Integer voxel offsets whose centres are within radiusMm of the origin voxel's centre. The axes
// are orthonormal (Volume contract), so distance uses the spacings alone.
std::vector<Offset> sphereKernel(const Volume& v, double radiusMm) {
  std::vector<Offset> kernel;
  const double r2 = radiusMm * radiusMm * (1 + kOnSurface);
  const long nx = toLong(std::floor(radiusMm / v.spacingMm[0]));
  const long ny = toLong(std::floor(radiusMm / v.spacingMm[1]));
  const long nz = toLong(std::floor(radiusMm / v.spacingMm[2]));
  for (long dz = -nz; dz <= nz; ++dz) {
    for (long dy = -ny; dy <= ny; ++dy) {
      for (long dx = -nx; dx <= nx; ++dx) {
        const double mx = static_cast<double>(dx) * v.spacingMm[0];
        const double my = static_cast<double>(dy) * v.spacingMm[1];
        const double mz = static_cast<double>(dz) * v.spacingMm[2];
        if (mx * mx + my * my + mz * mz <= r2) {
          kernel.push_back({dx, dy, dz});
        }
      }
    }
  }
  return kernel;
}

struct Voxel {
  std::size_t x, y, z;
};

// Voxels whose centres lie in the sphere.
std::vector<Voxel> roiVoxels(const Volume& v, const SphereRoi& roi) {
  std::vector<Voxel> out;
  const auto c = v.toVoxel(roi.centreMm);
  const double r2 = roi.radiusMm * roi.radiusMm * (1 + kOnSurface);
  long lo[3];
  long hi[3];
  for (std::size_t a = 0; a < 3; ++a) {
    const double reach = roi.radiusMm / v.spacingMm[a];
    lo[a] = std::max(0L, toLong(std::floor(c[a] - reach)));
    hi[a] = std::min(static_cast<long>(v.dimensions[a]) - 1, toLong(std::ceil(c[a] + reach)));
  }
  for (long z = lo[2]; z <= hi[2]; ++z) {
    for (long y = lo[1]; y <= hi[1]; ++y) {
      for (long x = lo[0]; x <= hi[0]; ++x) {
        const auto p =
            v.toPatientMm(static_cast<double>(x), static_cast<double>(y), static_cast<double>(z));
        double d2 = 0;
        for (std::size_t a = 0; a < 3; ++a) {
          d2 += (p[a] - roi.centreMm[a]) * (p[a] - roi.centreMm[a]);
        }
        if (d2 <= r2) {
          out.push_back({static_cast<std::size_t>(x), static_cast<std::size_t>(y),
                         static_cast<std::size_t>(z)});
        }
      }
    }
  }
  return out;
}

}  // namespace

SuvStatistics computeSuvStatistics(const Volume& volume, const std::vector<double>& sliceFactors,
                                   const std::optional<SphereRoi>& roi) {
  const std::size_t count = volume.voxelCount();
  const std::size_t stored = volume.pixelType == PixelType::Int16 ? volume.int16Voxels.size()
                                                                  : volume.float32Voxels.size();
  if (count == 0 || stored != count) {
    throw SuvStatisticsError("the volume has no voxels (or fewer than its dimensions say)");
  }
  if (sliceFactors.size() != 1 && sliceFactors.size() != volume.dimensions[2]) {
    throw SuvStatisticsError("need 1 SUV factor or one per slice (" +
                             std::to_string(volume.dimensions[2]) + "), got " +
                             std::to_string(sliceFactors.size()));
  }
  auto suv = [&](std::size_t x, std::size_t y, std::size_t z) {
    return volume.value(x, y, z) * sliceFactors[sliceFactors.size() == 1 ? 0 : z];
  };

  std::vector<Voxel> voxels;
  if (roi) {
    voxels = roiVoxels(volume, *roi);
    if (voxels.empty()) {
      throw SuvStatisticsError("the sphere ROI contains no voxel centre of the series");
    }
  }

  SuvStatistics stats;
  stats.max = -std::numeric_limits<double>::infinity();
  double sum = 0;
  auto visit = [&](std::size_t x, std::size_t y, std::size_t z) {
    const double s = suv(x, y, z);
    sum += s;
    if (s > stats.max) {
      stats.max = s;
      stats.maxPositionMm = volume.toPatientMm(static_cast<double>(x), static_cast<double>(y),
                                               static_cast<double>(z));
    }
  };
  if (roi) {
    for (const Voxel& v : voxels) {
      visit(v.x, v.y, v.z);
    }
    stats.voxelCount = voxels.size();
  } else {
    for (std::size_t z = 0; z < volume.dimensions[2]; ++z) {
      for (std::size_t y = 0; y < volume.dimensions[1]; ++y) {
        for (std::size_t x = 0; x < volume.dimensions[0]; ++x) {
          visit(x, y, z);
        }
      }
    }
    stats.voxelCount = count;
  }
  stats.mean = sum / static_cast<double>(stats.voxelCount);

  if (roi) {
    const std::vector<Offset> kernel = sphereKernel(volume, kPeakSphereRadiusMm);
    const long dims[3] = {static_cast<long>(volume.dimensions[0]),
                          static_cast<long>(volume.dimensions[1]),
                          static_cast<long>(volume.dimensions[2])};
    for (const Voxel& c : voxels) {
      double peakSum = 0;
      std::size_t n = 0;
      for (const Offset& o : kernel) {
        const long x = static_cast<long>(c.x) + o.dx;
        const long y = static_cast<long>(c.y) + o.dy;
        const long z = static_cast<long>(c.z) + o.dz;
        if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) {
          continue;  // truncated at the volume border
        }
        peakSum += suv(static_cast<std::size_t>(x), static_cast<std::size_t>(y),
                       static_cast<std::size_t>(z));
        ++n;
      }
      const double mean = peakSum / static_cast<double>(n);
      if (!stats.peak || mean > *stats.peak) {
        stats.peak = mean;
        stats.peakCentreMm = volume.toPatientMm(static_cast<double>(c.x), static_cast<double>(c.y),
                                                static_cast<double>(c.z));
        stats.peakVoxelCount = n;
      }
    }
  }
  return stats;
}

}  // namespace nbra::dicom
