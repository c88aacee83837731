#pragma once

#include <optional>

#include "dicom/suv/SuvStatistics.h"
#include "viewer/app/measure/Measurement.h"
#include "viewer/app/view/ViewPlane.h"

namespace nbra::viewer {

// The geometry of an ROI mark (MeasurementKind::Roi): an ellipse drawn on a view plane that
// stands for an ellipsoid in patient space. The ellipse's semi-axes A and B lie in the plane
// (along the view's right and down when drawn); the third semi-axis is along the plane normal
// and as long as the shorter of A and B. Why the shorter: a reader outlines a lesion on the
// slice where it is largest, so its extent through the slices is at most the in-plane extent;
// the shorter axis keeps the ROI from reaching into neighbouring tissue above and below.
// A circle (Shift while drawing) is a sphere and stays one when edited.
//
// `longStartMm` mirrors the centre, so what works on every mark (showing on its slice, jumping
// to it) works on an ROI.

// A new ROI of (almost) zero size at `pressMm` on `plane`; a drawing drag then pulls
// Handle::RoiCorner.
Measurement startRoi(const Vec3& pressMm, const ViewPlane& plane, bool sphere);

// Where a handle of an ROI is (patient mm).
Vec3 roiHandlePosition(const Measurement& roi, Handle handle);

// Moves one handle to `mm`: the centre moves the ROI (staying in its plane); an axis end resizes
// that axis with the opposite end fixed (a sphere keeps its three semi-axes equal); the corner
// spans the ellipse over the box between the drawing's press point and `mm` (a sphere: the
// square of the larger side). False for a handle an ROI does not have.
bool moveRoiHandle(Measurement& roi, Handle handle, const Vec3& mm);

// The semi-axes' lengths (mm): A and B in the plane, and the one through it (the shorter of them).
double roiSemiAxisAMm(const Measurement& roi);
double roiSemiAxisBMm(const Measurement& roi);
double roiThroughPlaneSemiAxisMm(const Measurement& roi);

// The ellipsoid the statistics are computed over.
nbra::dicom::EllipsoidRoi ellipsoidOf(const Measurement& roi);

// Where an ROI cuts a view plane: an ellipse in the plane's coordinates (mm along `right` and
// `down` from `plane.centreMm`), with its semi-axes and the angle of the first one from `right`
// towards `down`. Nothing when the plane misses the ellipsoid. Any plane, not only the one drawn
// on: a sphere drawn on an axial slice shows as a circle on the coronal and sagittal views too.
struct PlaneSection {
  double centreU = 0, centreV = 0;
  double semiAxis1Mm = 0, semiAxis2Mm = 0;
  double angleRad = 0;
};
std::optional<PlaneSection> sectionOnPlane(const Measurement& roi, const ViewPlane& plane);

}  // namespace nbra::viewer
