#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dicom/volume/Volume.h"

namespace nbra::dicom {

// A spherical region: centre in patient coordinates (LPS, mm), radius in mm. A voxel belongs to
// it when the voxel's CENTRE is inside or on the sphere.
struct SphereRoi {
  std::array<double, 3> centreMm{};
  double radiusMm = 0;
};

// An ellipsoidal region: centre in patient coordinates (LPS, mm) and three mutually perpendicular
// semi-axis vectors (mm; each one's length is that semi-axis). A sphere of radius r is the case
// of three perpendicular vectors of length r. Voxel inclusion as for the sphere: the CENTRE.
struct EllipsoidRoi {
  std::array<double, 3> centreMm{};
  std::array<std::array<double, 3>, 3> semiAxesMm{};
};

// Radius of a 1 cm^3 sphere: (3 / (4 pi))^(1/3) cm = 6.2035 mm (PERCIST SUVpeak).
inline constexpr double kPeakSphereRadiusMm = 6.2035049089940;

struct SuvStatistics {
  double max = 0;
  double mean = 0;
  double min = 0;
  // Sample standard deviation (n - 1 in the denominator; 0 for a single voxel).
  double standardDeviation = 0;
  std::size_t voxelCount = 0;
  std::array<double, 3> maxPositionMm{};
  std::optional<double> peak;  // only with an ROI
  std::optional<std::array<double, 3>> peakCentreMm;
  std::size_t peakVoxelCount = 0;  // voxels in the winning 1 cm^3 sphere
};

class SuvStatisticsError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// SUV statistics of a volume of rescaled values. `sliceFactors` turns a value into SUV: one
// entry for the whole volume, or one per slice (z) when frames differ (DecayCorrection NONE).
//
// Choices (clinical-rules.md 5.5 says they change results; docs/suv.md repeats them):
// * voxel inclusion, for the ROI and for the peak sphere alike: the voxel centre lies inside or
//   on the sphere (no partial-volume weights);
// * SUVmax, SUVmean: over the ROI, or over the whole volume without one;
// * SUVpeak: the highest mean over a 1 cm^3 sphere (radius 6.2035 mm) whose centre is a voxel
//   centre inside the ROI (so not necessarily the hottest voxel, PERCIST); the sphere itself
//   may reach beyond the ROI (it measures the lesion, the ROI only bounds the search) but only
//   voxels inside the volume count: near the volume border the sphere is truncated. Computed
//   only with an ROI, so the search region is always the reader's.
// Throws SuvStatisticsError for an empty volume, a wrong number of slice factors or an ROI
// containing no voxel centre.
SuvStatistics computeSuvStatistics(const Volume& volume, const std::vector<double>& sliceFactors,
                                   const std::optional<SphereRoi>& roi = std::nullopt);

// Whether an ROI computation also searches for SUVpeak (the costly part: one 1 cm^3 sphere per
// ROI voxel). A CT ROI has no use for it.
enum class PeakSearch { Compute, Skip };

// The same statistics over an ellipsoid (same inclusion and SUVpeak rules as the sphere). The
// values are `volume value x slice factor`: with a factor of 1 on a CT they are HU, so the
// viewer's ROI statistics use this for every modality. Throws SuvStatisticsError also for
// semi-axes that are zero, not finite, or not perpendicular.
SuvStatistics computeSuvStatistics(const Volume& volume, const std::vector<double>& sliceFactors,
                                   const EllipsoidRoi& roi, PeakSearch peak = PeakSearch::Compute);

// The number of voxel centres inside an ellipsoid (what `voxelCount` would be), without reading
// a voxel: for tests and the benchmark's baseline.
std::size_t countVoxelsInside(const Volume& volume, const EllipsoidRoi& roi);

}  // namespace nbra::dicom
