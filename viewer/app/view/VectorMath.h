#pragma once

#include <cmath>

#include "viewer/app/view/ViewPlane.h"

// The few vector operations the views and the marks need on patient-space points (mm). Small
// enough to inline; kept in one place so every file computes them the same way.
namespace nbra::viewer::vec {

inline Vec3 sub(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3 add(const Vec3& a, const Vec3& b) {
  return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 scale(const Vec3& a, double s) {
  return {a[0] * s, a[1] * s, a[2] * s};
}
inline double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
inline double norm(const Vec3& a) {
  return std::sqrt(dot(a, a));
}
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
// The unit vector along `a`; the zero vector stays zero (a degenerate mark has no direction).
inline Vec3 unit(const Vec3& a) {
  const double n = norm(a);
  return n > 0 ? scale(a, 1 / n) : Vec3{0, 0, 0};
}

}  // namespace nbra::viewer::vec
