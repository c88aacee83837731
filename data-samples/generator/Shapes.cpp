#include "data-samples/generator/Shapes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nbra::synthetic {
namespace {

// p relative to centre, rotated by -angle about z (into the shape's own axes).
Vec3 local(const Vec3& p, const Vec3& centre, double angle) {
  const double dx = p[0] - centre[0];
  const double dy = p[1] - centre[1];
  const double c = std::cos(angle);
  const double s = std::sin(angle);
  return {c * dx + s * dy, -s * dx + c * dy, p[2] - centre[2]};
}

double square(double v) {
  return v * v;
}

TrunkSection sectionAt(const std::vector<TrunkSection>& sections, double z) {
  if (z >= sections.front().zMm) {
    return sections.front();
  }
  for (std::size_t i = 1; i < sections.size(); ++i) {
    if (z >= sections[i].zMm) {
      const TrunkSection& a = sections[i - 1];
      const TrunkSection& b = sections[i];
      const double t = (a.zMm - z) / (a.zMm - b.zMm);
      return {z, a.halfWidthMm + t * (b.halfWidthMm - a.halfWidthMm),
              a.halfDepthMm + t * (b.halfDepthMm - a.halfDepthMm),
              a.centreYMm + t * (b.centreYMm - a.centreYMm)};
    }
  }
  return sections.back();
}

}  // namespace

bool Shape::contains(const Vec3& p) const {
  switch (kind) {
    case ShapeKind::Ellipsoid: {
      const Vec3 q = local(p, centre, rotationRad);
      return square(q[0] / semiAxes[0]) + square(q[1] / semiAxes[1]) + square(q[2] / semiAxes[2]) <=
             1.0;
    }
    case ShapeKind::EllipticCylinder: {
      if (p[2] < zMinMm || p[2] > zMaxMm) {
        return false;
      }
      const Vec3 q = local(p, centre, rotationRad);
      return square(q[0] / semiAxes[0]) + square(q[1] / semiAxes[1]) <= 1.0;
    }
    case ShapeKind::Box: {
      const Vec3 q = local(p, centre, rotationRad);
      return std::abs(q[0]) <= semiAxes[0] && std::abs(q[1]) <= semiAxes[1] &&
             std::abs(q[2]) <= semiAxes[2];
    }
    case ShapeKind::Tube: {
      const Vec3 d{to[0] - from[0], to[1] - from[1], to[2] - from[2]};
      const Vec3 w{p[0] - from[0], p[1] - from[1], p[2] - from[2]};
      const double length2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
      double t = length2 > 0 ? (w[0] * d[0] + w[1] * d[1] + w[2] * d[2]) / length2 : 0;
      t = std::clamp(t, 0.0, 1.0);
      const double r = radiusMm + t * (radiusEndMm - radiusMm);
      return square(w[0] - t * d[0]) + square(w[1] - t * d[1]) + square(w[2] - t * d[2]) <= r * r;
    }
    case ShapeKind::Trunk: {
      if (p[2] > sections.front().zMm || p[2] < sections.back().zMm) {
        return false;
      }
      const TrunkSection s = sectionAt(sections, p[2]);
      const double a = s.halfWidthMm - insetMm;
      const double b = s.halfDepthMm - insetMm;
      if (a <= 0 || b <= 0) {
        return false;
      }
      return square(p[0] / a) + square((p[1] - s.centreYMm) / b) <= 1.0;
    }
    case ShapeKind::Rib: {
      // The rib runs around the ellipse (semiAxes x, y) centred at `centre`, from beside the
      // spine (angle 0.25 rad from straight back) to near the sternum (2.5 rad), on one side.
      if (p[0] * side <= 0) {
        return false;
      }
      const double u = std::abs(p[0]) / semiAxes[0];
      const double v = (p[1] - centre[1]) / semiAxes[1];
      const double angle = std::atan2(u, v);  // 0 at the back, pi at the front
      constexpr double kStart = 0.25;
      constexpr double kEnd = 2.5;
      if (angle < kStart || angle > kEnd) {
        return false;
      }
      const double radial = (std::sqrt(u * u + v * v) - 1.0) * 0.5 * (semiAxes[0] + semiAxes[1]);
      const double zRib = centre[2] - ribDropMm * (angle - kStart) / (kEnd - kStart);
      return square(radial / (0.5 * ribThicknessMm)) +
                 square((p[2] - zRib) / (0.5 * ribHeightMm)) <=
             1.0;
    }
  }
  return false;
}

std::array<Vec3, 2> Shape::bounds() const {
  switch (kind) {
    case ShapeKind::Ellipsoid:
    case ShapeKind::Box: {
      // A rotated box's or ellipsoid's extent in x/y is at most its largest half axis (x, y).
      const double r = rotationRad == 0 ? 0 : std::max(semiAxes[0], semiAxes[1]);
      const double ex =
          rotationRad == 0 ? semiAxes[0] : r * (kind == ShapeKind::Box ? std::numbers::sqrt2 : 1.0);
      const double ey = rotationRad == 0 ? semiAxes[1] : ex;
      return {Vec3{centre[0] - ex, centre[1] - ey, centre[2] - semiAxes[2]},
              Vec3{centre[0] + ex, centre[1] + ey, centre[2] + semiAxes[2]}};
    }
    case ShapeKind::EllipticCylinder: {
      const double r = rotationRad == 0 ? 0 : std::max(semiAxes[0], semiAxes[1]);
      const double ex = rotationRad == 0 ? semiAxes[0] : r;
      const double ey = rotationRad == 0 ? semiAxes[1] : r;
      return {Vec3{centre[0] - ex, centre[1] - ey, zMinMm},
              Vec3{centre[0] + ex, centre[1] + ey, zMaxMm}};
    }
    case ShapeKind::Tube: {
      const double r = std::max(radiusMm, radiusEndMm);
      Vec3 lo{};
      Vec3 hi{};
      for (std::size_t a = 0; a < 3; ++a) {
        lo[a] = std::min(from[a], to[a]) - r;
        hi[a] = std::max(from[a], to[a]) + r;
      }
      return {lo, hi};
    }
    case ShapeKind::Trunk: {
      double w = 0;
      double yLo = 1e9;
      double yHi = -1e9;
      for (const TrunkSection& s : sections) {
        w = std::max(w, s.halfWidthMm);
        yLo = std::min(yLo, s.centreYMm - s.halfDepthMm);
        yHi = std::max(yHi, s.centreYMm + s.halfDepthMm);
      }
      return {Vec3{-w, yLo, sections.back().zMm}, Vec3{w, yHi, sections.front().zMm}};
    }
    case ShapeKind::Rib: {
      const double pad = ribThicknessMm + 2;
      const double xLo = side > 0 ? 0 : -semiAxes[0] - pad;
      const double xHi = side > 0 ? semiAxes[0] + pad : 0;
      return {Vec3{xLo, centre[1] - semiAxes[1] - pad, centre[2] - ribDropMm - ribHeightMm},
              Vec3{xHi, centre[1] + semiAxes[1] + pad, centre[2] + ribHeightMm}};
    }
  }
  return {};
}

std::vector<std::uint8_t> rasterize(const std::vector<Shape>& shapes, const Grid& grid,
                                    const std::vector<bool>& isBone) {
  std::vector<std::uint8_t> labels(grid.size(), 0);
  // Index range of a coordinate interval along one axis (spacing may be negative).
  auto range = [](double lo, double hi, double origin, double spacing, int n) {
    double a = (lo - origin) / spacing;
    double b = (hi - origin) / spacing;
    if (a > b) {
      std::swap(a, b);
    }
    const int first = std::max(0, static_cast<int>(std::floor(a)));
    const int last = std::min(n - 1, static_cast<int>(std::ceil(b)));
    return std::array<int, 2>{first, last};
  };
  for (const Shape& shape : shapes) {
    const auto box = shape.bounds();
    const auto rx = range(box[0][0], box[1][0], grid.originMm[0], grid.spacingMm[0], grid.nx);
    const auto ry = range(box[0][1], box[1][1], grid.originMm[1], grid.spacingMm[1], grid.ny);
    const auto rz = range(box[0][2], box[1][2], grid.originMm[2], grid.spacingMm[2], grid.nz);
    for (int k = rz[0]; k <= rz[1]; ++k) {
      const double z = grid.originMm[2] + k * grid.spacingMm[2];
      for (int j = ry[0]; j <= ry[1]; ++j) {
        const double y = grid.originMm[1] + j * grid.spacingMm[1];
        for (int i = rx[0]; i <= rx[1]; ++i) {
          const double x = grid.originMm[0] + i * grid.spacingMm[0];
          const std::size_t at = grid.index(i, j, k);
          if (shape.onlyOverBone && !isBone[labels[at]]) {
            continue;
          }
          if (shape.contains({x, y, z})) {
            labels[at] = shape.tissue;
          }
        }
      }
    }
  }
  return labels;
}

}  // namespace nbra::synthetic
