#include "dicom/sr/ImagePlane.h"

#include <cmath>

#include "dicom/volume/FrameHeaders.h"

namespace nbra::dicom {

namespace {

double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

}  // namespace

ImagePlane imagePlaneOf(const FrameHeader& header) {
  if (!header.hasPlacement) {
    throw SrError(header.path + ": frame " + std::to_string(header.frame + 1) +
                  " has no Image Position/Orientation (Patient): its pixels cannot be placed in "
                  "patient coordinates");
  }
  if (header.rowSpacingMm <= 0 || header.columnSpacingMm <= 0) {
    throw SrError(header.path + ": no Pixel Spacing: pixel coordinates cannot be converted to mm");
  }
  return {header.placement, header.rowSpacingMm, header.columnSpacingMm, header.rows,
          header.columns};
}

SrPixelPoint patientToPixel(const ImagePlane& plane, const Vec3& pointMm, double* outOfPlaneMm) {
  const Vec3& origin = plane.placement.positionMm;
  const Vec3 d{pointMm[0] - origin[0], pointMm[1] - origin[1], pointMm[2] - origin[2]};
  if (outOfPlaneMm) {
    const Vec3 n = cross(plane.placement.rowDirection, plane.placement.columnDirection);
    *outOfPlaneMm = std::abs(dot(d, n)) / std::sqrt(dot(n, n));
  }
  // Direction cosines are unit vectors, but not necessarily orthogonal to within rounding:
  // projecting on each is what every viewer does.
  return {dot(d, plane.placement.rowDirection) / plane.columnSpacingMm + 0.5,
          dot(d, plane.placement.columnDirection) / plane.rowSpacingMm + 0.5};
}

Vec3 pixelToPatient(const ImagePlane& plane, const SrPixelPoint& point) {
  const double alongRow = (point.column - 0.5) * plane.columnSpacingMm;
  const double alongColumn = (point.row - 0.5) * plane.rowSpacingMm;
  Vec3 p{};
  for (int i = 0; i < 3; ++i) {
    p[i] = plane.placement.positionMm[i] + alongRow * plane.placement.rowDirection[i] +
           alongColumn * plane.placement.columnDirection[i];
  }
  return p;
}

}  // namespace nbra::dicom
