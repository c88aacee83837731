#include "viewer/app/view/ViewPlane.h"

#include "viewer/app/view/VectorMath.h"

#include <cmath>

namespace nbra::viewer {
namespace {

using vec::dot;

}  // namespace

ViewPlane ViewPlane::standard(Orientation orientation, const Vec3& centreMm) {
  ViewPlane p;
  p.centreMm = centreMm;
  switch (orientation) {
    case Orientation::Axial:  // from the feet: right = patient left (+x), down = posterior (+y)
      p.right = {1, 0, 0};
      p.down = {0, 1, 0};
      break;
    case Orientation::Coronal:  // from the front: right = patient left, down = feet (-z)
      p.right = {1, 0, 0};
      p.down = {0, 0, -1};
      break;
    case Orientation::Sagittal:  // from the left: right = posterior (+y), down = feet
      p.right = {0, 1, 0};
      p.down = {0, 0, -1};
      break;
  }
  p.normal = {p.right[1] * p.down[2] - p.right[2] * p.down[1],
              p.right[2] * p.down[0] - p.right[0] * p.down[2],
              p.right[0] * p.down[1] - p.right[1] * p.down[0]};
  return p;
}

Vec3 ViewPlane::toPatient(double xPx, double yPx, double mmPerPixel) const {
  Vec3 p = centreMm;
  for (std::size_t i = 0; i < 3; ++i) {
    p[i] += (right[i] * xPx + down[i] * yPx) * mmPerPixel;
  }
  return p;
}

void ViewPlane::moveAlongNormal(double mm) {
  for (std::size_t i = 0; i < 3; ++i) centreMm[i] += normal[i] * mm;
}

double ViewPlane::distanceMm(const Vec3& point) const {
  return dot({point[0] - centreMm[0], point[1] - centreMm[1], point[2] - centreMm[2]}, normal);
}

Vec3 volumeCentre(const nbra::dicom::Volume& v) {
  return v.toPatientMm(static_cast<double>(v.dimensions[0] - 1) / 2,
                       static_cast<double>(v.dimensions[1] - 1) / 2,
                       static_cast<double>(v.dimensions[2] - 1) / 2);
}

double extentAlongMm(const nbra::dicom::Volume& v, const Vec3& direction) {
  double extent = 0;
  for (std::size_t axis = 0; axis < 3; ++axis) {
    const Vec3 a{v.direction[axis], v.direction[3 + axis], v.direction[6 + axis]};
    extent += std::abs(dot(a, direction)) * v.spacingMm[axis] *
              static_cast<double>(v.dimensions[axis] > 0 ? v.dimensions[axis] - 1 : 0);
  }
  return extent;
}

double spacingAlongMm(const nbra::dicom::Volume& v, const Vec3& direction) {
  // The voxel axis most aligned with the direction decides the natural step.
  double best = 0;
  double spacing = 1;
  for (std::size_t axis = 0; axis < 3; ++axis) {
    const Vec3 a{v.direction[axis], v.direction[3 + axis], v.direction[6 + axis]};
    const double alignment = std::abs(dot(a, direction));
    if (alignment > best) {
      best = alignment;
      spacing = v.spacingMm[axis];
    }
  }
  return spacing;
}

char orientationLetter(const Vec3& d) {
  const double ax = std::abs(d[0]), ay = std::abs(d[1]), az = std::abs(d[2]);
  if (ax >= ay && ax >= az) return d[0] > 0 ? 'L' : 'R';
  if (ay >= az) return d[1] > 0 ? 'P' : 'A';
  return d[2] > 0 ? 'H' : 'F';
}

}  // namespace nbra::viewer
