#pragma once

#include <string>

#include "dicom/sr/MeasurementReport.h"
#include "dicom/volume/StackGeometry.h"

namespace nbra::dicom {

struct FrameHeader;

// Where one frame's pixels sit in patient space, for converting a caliper's ends between patient
// mm (what the trial record stores) and image pixel coordinates (what SR SCOORD stores).
struct ImagePlane {
  FramePlacement
      placement;  // ImagePositionPatient (centre of the first pixel) and direction cosines
  double rowSpacingMm = 0;     // PixelSpacing[0]: between rows
  double columnSpacingMm = 0;  // PixelSpacing[1]: between columns
  int rows = 0;
  int columns = 0;
};

// The plane of `header`; throws SrError naming the file when it has no position, orientation or
// pixel spacing.
ImagePlane imagePlaneOf(const FrameHeader& header);

// SCOORD convention: the centre of the first pixel is (0.5, 0.5). `outOfPlaneMm`, when given,
// receives the point's distance from the plane (the projection drops it).
SrPixelPoint patientToPixel(const ImagePlane& plane, const Vec3& pointMm,
                            double* outOfPlaneMm = nullptr);
Vec3 pixelToPatient(const ImagePlane& plane, const SrPixelPoint& point);

}  // namespace nbra::dicom
