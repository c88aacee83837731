#pragma once

#include <vector>

#include "dicom/volume/StackGeometry.h"
#include "dicom/volume/Volume.h"

namespace nbra::dicom {

// Resamples a stack of parallel slices with uneven spacing and/or gantry tilt (slice origins
// sheared along the plane) onto a regular grid whose third axis is the slice normal, with
// `sliceSpacingMm` between slices. Trilinear: bilinear within the two nearest slices, linear
// between them; points no slice covers get the stack's lowest value (air, background).
// `placements` are the slices' own positions, in the stack's z order. Distances in mm stay true.
Volume resampleToRegularGrid(const Volume& stack, const std::vector<FramePlacement>& placements,
                             double sliceSpacingMm);

}  // namespace nbra::dicom
