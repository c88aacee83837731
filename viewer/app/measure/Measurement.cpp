#include "viewer/app/measure/Measurement.h"

#include <cmath>

#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/view/VectorMath.h"

namespace nbra::viewer {

namespace {
using namespace vec;
}  // namespace

Vec3 Measurement::point(Handle handle) const {
  switch (handle) {
    case Handle::LongStart:
      return longStartMm;
    case Handle::LongEnd:
      return longEndMm;
    case Handle::ShortStart:
      return shortStartMm;
    case Handle::ShortEnd:
      return shortEndMm;
    case Handle::RoiCentre:  // ROI (H5): viewer/app/roi
    case Handle::RoiAxisA:
    case Handle::RoiAxisAOpposite:
    case Handle::RoiAxisB:
    case Handle::RoiAxisBOpposite:
    case Handle::RoiCorner:
      return roiHandlePosition(*this, handle);
  }
  return longStartMm;
}

void Measurement::setPoint(Handle handle, const Vec3& mm) {
  switch (handle) {
    case Handle::LongStart:
      longStartMm = mm;
      break;
    case Handle::LongEnd:
      longEndMm = mm;
      break;
    case Handle::ShortStart:
      shortStartMm = mm;
      break;
    case Handle::ShortEnd:
      shortEndMm = mm;
      break;
    case Handle::RoiCentre:  // ROI (H5): viewer/app/roi
    case Handle::RoiAxisA:
    case Handle::RoiAxisAOpposite:
    case Handle::RoiAxisB:
    case Handle::RoiAxisBOpposite:
    case Handle::RoiCorner:
      moveRoiHandle(*this, handle, mm);
      break;
  }
}

double distanceMm(const Vec3& a, const Vec3& b) {
  const Vec3 d = sub(a, b);
  return std::sqrt(dot(d, d));
}

double longAxisMm(const Measurement& m) {
  return m.kind == MeasurementKind::Point ? 0 : distanceMm(m.longStartMm, m.longEndMm);
}

double shortAxisMm(const Measurement& m) {
  return m.kind == MeasurementKind::Bidirectional && m.hasShortAxis
             ? distanceMm(m.shortStartMm, m.shortEndMm)
             : 0;
}

Vec3 perpendicularDirection(const Measurement& m) {
  return unit(cross(m.planeNormal, sub(m.longEndMm, m.longStartMm)));
}

Vec3 constrainToPerpendicular(const Measurement& m, const Vec3& fixed, const Vec3& dragged) {
  const Vec3 dir = perpendicularDirection(m);
  return add(fixed, scale(dir, dot(sub(dragged, fixed), dir)));
}

void restorePerpendicular(Measurement& m) {
  if (!m.hasShortAxis)
    return;
  const Vec3 mid = scale(add(m.shortStartMm, m.shortEndMm), 0.5);
  const double half = distanceMm(m.shortStartMm, m.shortEndMm) / 2;
  Vec3 dir = perpendicularDirection(m);
  // Keep the ends on the side they were on, so a small edit does not swap them.
  if (dot(dir, sub(m.shortEndMm, m.shortStartMm)) < 0)
    dir = scale(dir, -1);
  m.shortStartMm = sub(mid, scale(dir, half));
  m.shortEndMm = add(mid, scale(dir, half));
}

}  // namespace nbra::viewer
