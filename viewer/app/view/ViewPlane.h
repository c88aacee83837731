#pragma once

#include <array>

#include "dicom/volume/Volume.h"

namespace nbra::viewer {

using Vec3 = std::array<double, 3>;

enum class Orientation { Axial, Coronal, Sagittal };

// A display plane in patient coordinates (LPS, mm): `centreMm` is shown at the middle of the
// view, `right` points to the screen's right, `down` to the screen's bottom, `normal` = right x
// down points away from the viewer. Radiological convention: axial seen from the feet (patient
// left on screen right), coronal from the front, sagittal from the patient's left.
struct ViewPlane {
  Vec3 centreMm{};
  Vec3 right{1, 0, 0};
  Vec3 down{0, 1, 0};
  Vec3 normal{0, 0, 1};

  static ViewPlane standard(Orientation orientation, const Vec3& centreMm);
  // A point on screen (pixels from the view centre, at `mmPerPixel`) in patient mm.
  Vec3 toPatient(double xPx, double yPx, double mmPerPixel) const;
  // Moves the plane along its normal by `mm` (positive: away from the viewer).
  void moveAlongNormal(double mm);
  // Signed distance (mm) of a point from the plane along the normal.
  double distanceMm(const Vec3& point) const;
};

// The centre of a volume in patient mm.
Vec3 volumeCentre(const nbra::dicom::Volume& volume);
// The extent (mm) of a volume along a direction, and the spacing of its voxels along it.
double extentAlongMm(const nbra::dicom::Volume& volume, const Vec3& direction);
double spacingAlongMm(const nbra::dicom::Volume& volume, const Vec3& direction);

// "R", "L", "A", "P", "H", "F" for the patient direction closest to `direction` (LPS: +x is the
// patient's left, +y posterior, +z head).
char orientationLetter(const Vec3& direction);

}  // namespace nbra::viewer
