#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "dicom/volume/StackGeometry.h"
#include "dicom/volume/Volume.h"

namespace nbra::dicom {

// The regular grid an uneven or tilted stack is resampled onto: dimensions, spacing and origin,
// decided before any voxel is allocated.
struct ResampledGrid {
  std::array<std::size_t, 3> dimensions{};
  std::array<double, 3> spacingMm{};
  std::array<double, 3> originMm{};
};

// Plans the grid of resampleToRegularGrid from the stack's geometry alone (its dimensions,
// spacing and direction; no voxels needed). Sizes are computed in floating point and checked
// against the resource policy before they become integers: a grid that would need more than the
// policy's bytes, more slices than the policy's multiple of the acquired ones, or that does not
// fit in the index type, throws VolumeError saying which slice positions make it so.
ResampledGrid planResampledGrid(const Volume& stack, const std::vector<FramePlacement>& placements,
                                double sliceSpacingMm);

// Resamples a stack of parallel slices with uneven spacing and/or gantry tilt (slice origins
// sheared along the plane) onto a regular grid whose third axis is the slice normal, with
// `sliceSpacingMm` between slices. Trilinear: bilinear within the two nearest slices, linear
// between them; points no slice covers get the stack's lowest value (air, background).
// `placements` are the slices' own positions, in the stack's z order. Distances in mm stay true.
Volume resampleToRegularGrid(const Volume& stack, const std::vector<FramePlacement>& placements,
                             double sliceSpacingMm);

}  // namespace nbra::dicom
