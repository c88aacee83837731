#pragma once

// Where a patient point (mm) appears in a slice view, in widget pixels: the tests' own
// arithmetic from the displayed plane (not the view's), so simulated clicks land where a reader
// would click and a wrong mapping in the view shows up as a failed measurement. Header-only: used
// by the GUI tests, which link the workstation.

#include <QPoint>
#include <QTest>
#include <cmath>

#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/SliceView.h"

namespace nbra::testing {

inline QPoint widgetPosition(const nbra::viewer::SliceView& view, const nbra::viewer::Vec3& p) {
  const nbra::viewer::ViewPlane plane = view.displayedPlane();
  const double mm = view.mmPerPixel();
  const nbra::viewer::Vec3 d{p[0] - plane.centreMm[0], p[1] - plane.centreMm[1],
                             p[2] - plane.centreMm[2]};
  const double x = (d[0] * plane.right[0] + d[1] * plane.right[1] + d[2] * plane.right[2]) / mm;
  const double y = (d[0] * plane.down[0] + d[1] * plane.down[1] + d[2] * plane.down[2]) / mm;
  return QPoint(static_cast<int>(std::lround(x + (view.width() - 1) / 2.0)),
                static_cast<int>(std::lround(y + (view.height() - 1) / 2.0)));
}

// A left-button drag from one patient point to another through the middle (a measuring stroke).
inline void drag(nbra::viewer::SliceView* view, const nbra::viewer::Vec3& from,
                 const nbra::viewer::Vec3& to) {
  const QPoint a = widgetPosition(*view, from), b = widgetPosition(*view, to);
  QTest::mousePress(view, Qt::LeftButton, {}, a);
  QTest::mouseMove(view, (a + b) / 2);
  QTest::mouseMove(view, b);
  QTest::mouseRelease(view, Qt::LeftButton, {}, b);
}

// `centre` moved onto the acquired slice nearest it: the synthetic lesions are widest there, so a
// caliper drawn on that slice measures their true axes.
inline nbra::viewer::Vec3 nearestAcquiredSlice(const nbra::viewer::LoadedSeries& series,
                                               const nbra::viewer::Vec3& centre) {
  const auto& v = series.volume();
  double best = 1e300;
  nbra::viewer::Vec3 out = centre;
  for (std::size_t k = 0; k < v.dimensions[2]; ++k) {
    const auto p = v.toPatientMm(0, 0, static_cast<double>(k));
    if (std::abs(p[2] - centre[2]) < best) {
      best = std::abs(p[2] - centre[2]);
      out[2] = p[2];
    }
  }
  return out;
}

}  // namespace nbra::testing
