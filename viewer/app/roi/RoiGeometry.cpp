#include "viewer/app/roi/RoiGeometry.h"

#include "viewer/app/view/VectorMath.h"

#include <algorithm>
#include <cmath>

namespace nbra::viewer {

namespace {

// Semi-axes never become exactly zero while drawn or edited: the vector's direction is the axis
// and must survive a drag that passes through the press point. A thousandth of a micrometre
// changes nothing measurable; a click without a drag is dropped by the view anyway.
constexpr double kMinimumSemiAxisMm = 1e-6;

using namespace vec;

// A signed half-length never shorter than the minimum, keeping the sign.
double halfLength(double fullSigned) {
  const double h = fullSigned / 2;
  if (std::abs(h) >= kMinimumSemiAxisMm)
    return h;
  return h < 0 ? -kMinimumSemiAxisMm : kMinimumSemiAxisMm;
}

void setCentre(Measurement& roi, const Vec3& c) {
  roi.roiCentreMm = c;
  roi.longStartMm = c;
  roi.longEndMm = c;
}

// Resizes the axis `axis` (A or B) so that its end at `side` (+1 or -1) lands at the projection
// of `mm`, the other end fixed.
void resizeAxis(Measurement& roi, bool axisA, double side, const Vec3& mm) {
  Vec3& a = axisA ? roi.roiSemiAxisAMm : roi.roiSemiAxisBMm;
  Vec3& other = axisA ? roi.roiSemiAxisBMm : roi.roiSemiAxisAMm;
  const Vec3 dir = unit(a);
  const Vec3 fixed = sub(roi.roiCentreMm, scale(a, side));
  const double half = halfLength(dot(sub(mm, fixed), dir) * side);
  a = scale(dir, half);
  setCentre(roi, add(fixed, scale(dir, half * side)));
  if (roi.roiSphere)
    other = scale(unit(other), std::abs(half));
}

}  // namespace

Measurement startRoi(const Vec3& pressMm, const ViewPlane& plane, bool sphere) {
  Measurement m;
  m.kind = MeasurementKind::Roi;
  m.planeNormal = plane.normal;
  m.roiSphere = sphere;
  m.roiSemiAxisAMm = scale(plane.right, kMinimumSemiAxisMm);
  m.roiSemiAxisBMm = scale(plane.down, kMinimumSemiAxisMm);
  // The press point is the box's first corner: centre = corner + A + B.
  setCentre(m, add(pressMm, add(m.roiSemiAxisAMm, m.roiSemiAxisBMm)));
  return m;
}

Vec3 roiHandlePosition(const Measurement& roi, Handle handle) {
  const Vec3& c = roi.roiCentreMm;
  switch (handle) {
    case Handle::RoiAxisA:
      return add(c, roi.roiSemiAxisAMm);
    case Handle::RoiAxisAOpposite:
      return sub(c, roi.roiSemiAxisAMm);
    case Handle::RoiAxisB:
      return add(c, roi.roiSemiAxisBMm);
    case Handle::RoiAxisBOpposite:
      return sub(c, roi.roiSemiAxisBMm);
    case Handle::RoiCorner:
      return add(c, add(roi.roiSemiAxisAMm, roi.roiSemiAxisBMm));
    default:
      return c;
  }
}

bool moveRoiHandle(Measurement& roi, Handle handle, const Vec3& mm) {
  if (roi.kind != MeasurementKind::Roi)
    return false;
  switch (handle) {
    case Handle::RoiCentre: {
      // Stay in the plane drawn on, as a caliper's ends do.
      const Vec3 n = unit(roi.planeNormal);
      setCentre(roi, sub(mm, scale(n, dot(sub(mm, roi.roiCentreMm), n))));
      return true;
    }
    case Handle::RoiAxisA:
      resizeAxis(roi, true, 1, mm);
      return true;
    case Handle::RoiAxisAOpposite:
      resizeAxis(roi, true, -1, mm);
      return true;
    case Handle::RoiAxisB:
      resizeAxis(roi, false, 1, mm);
      return true;
    case Handle::RoiAxisBOpposite:
      resizeAxis(roi, false, -1, mm);
      return true;
    case Handle::RoiCorner: {
      const Vec3 da = unit(roi.roiSemiAxisAMm), db = unit(roi.roiSemiAxisBMm);
      const Vec3 anchor = sub(roi.roiCentreMm, add(roi.roiSemiAxisAMm, roi.roiSemiAxisBMm));
      const Vec3 span = sub(mm, anchor);
      double ha = halfLength(dot(span, da)), hb = halfLength(dot(span, db));
      if (roi.roiSphere) {
        // The square of the larger side, on the side the drag went.
        const double r = std::max(std::abs(ha), std::abs(hb));
        ha = std::copysign(r, ha);
        hb = std::copysign(r, hb);
      }
      roi.roiSemiAxisAMm = scale(da, ha);
      roi.roiSemiAxisBMm = scale(db, hb);
      setCentre(roi, add(anchor, add(roi.roiSemiAxisAMm, roi.roiSemiAxisBMm)));
      return true;
    }
    default:
      return false;
  }
}

double roiSemiAxisAMm(const Measurement& roi) {
  return norm(roi.roiSemiAxisAMm);
}
double roiSemiAxisBMm(const Measurement& roi) {
  return norm(roi.roiSemiAxisBMm);
}
double roiThroughPlaneSemiAxisMm(const Measurement& roi) {
  return std::min(roiSemiAxisAMm(roi), roiSemiAxisBMm(roi));
}

nbra::dicom::EllipsoidRoi ellipsoidOf(const Measurement& roi) {
  nbra::dicom::EllipsoidRoi e;
  e.centreMm = roi.roiCentreMm;
  e.semiAxesMm[0] = roi.roiSemiAxisAMm;
  e.semiAxesMm[1] = roi.roiSemiAxisBMm;
  // Through the plane: perpendicular to both in-plane axes (the stored normal may be a hair off
  // perpendicular after rounding; the cross product is exact enough for the statistics' check).
  e.semiAxesMm[2] =
      scale(unit(cross(roi.roiSemiAxisAMm, roi.roiSemiAxisBMm)), roiThroughPlaneSemiAxisMm(roi));
  return e;
}

std::optional<PlaneSection> sectionOnPlane(const Measurement& roi, const ViewPlane& plane) {
  if (roi.kind != MeasurementKind::Roi)
    return std::nullopt;
  // The ellipsoid as (p - c)^T Q (p - c) <= 1 with Q = sum_i u_i u_i^T / |a_i|^2; on the plane
  // p = o + u r + v d it is a conic in (u, v): x^T A x + 2 g.x + h <= 1.
  const nbra::dicom::EllipsoidRoi e = ellipsoidOf(roi);
  const auto q = [&](const Vec3& x, const Vec3& y) {
    double s = 0;
    for (const auto& a : e.semiAxesMm) {
      const double len2 = dot(a, a);
      if (len2 <= 0)
        return 0.0;
      s += dot(x, a) * dot(y, a) / (len2 * len2);
    }
    return s;
  };
  const Vec3 w = sub(plane.centreMm, e.centreMm);
  const double a11 = q(plane.right, plane.right), a12 = q(plane.right, plane.down),
               a22 = q(plane.down, plane.down);
  const double g1 = q(plane.right, w), g2 = q(plane.down, w), h = q(w, w);
  const double det = a11 * a22 - a12 * a12;
  if (!(det > 0))
    return std::nullopt;
  // Centre x0 = -A^-1 g; the value there is h - g^T A^-1 g.
  const double u0 = -(a22 * g1 - a12 * g2) / det;
  const double v0 = -(-a12 * g1 + a11 * g2) / det;
  const double left = 1 - (h + g1 * u0 + g2 * v0);
  if (!(left > 0))
    return std::nullopt;
  // Eigen-decomposition of the symmetric 2x2 A: semi-axes sqrt(left / lambda).
  const double mean = (a11 + a22) / 2;
  const double spread = std::sqrt(std::max(0.0, (a11 - a22) * (a11 - a22) / 4 + a12 * a12));
  const double l1 = mean - spread, l2 = mean + spread;  // l1 <= l2: axis 1 is the longer
  if (!(l1 > 0))
    return std::nullopt;
  PlaneSection s;
  s.centreU = u0;
  s.centreV = v0;
  s.semiAxis1Mm = std::sqrt(left / l1);
  s.semiAxis2Mm = std::sqrt(left / l2);
  // Eigenvector of l1: (a12, l1 - a11), or (l1 - a22, a12); pick the better conditioned.
  double ex = a12, ey = l1 - a11;
  if (std::abs(ex) + std::abs(ey) < 1e-12 * (std::abs(a11) + std::abs(a22))) {
    ex = l1 - a22;
    ey = a12;
  }
  s.angleRad = (std::abs(ex) + std::abs(ey) > 0) ? std::atan2(ey, ex) : 0;
  return s;
}

}  // namespace nbra::viewer
