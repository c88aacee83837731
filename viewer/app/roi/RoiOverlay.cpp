#include "viewer/app/roi/RoiOverlay.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "viewer/app/roi/RoiGeometry.h"

namespace nbra::viewer {

std::vector<Handle> roiHandles() {
  return {Handle::RoiCentre, Handle::RoiAxisA, Handle::RoiAxisAOpposite, Handle::RoiAxisB,
          Handle::RoiAxisBOpposite};
}

QColor roiColour() {
  return QColor(110, 215, 255);
}

void drawRoi(QPainter& p, const Measurement& roi, const ViewPlane& plane, double mmPerPixel,
             const QSize& widget, bool onDrawnPlane, bool showHandles, const QString& label) {
  const auto section = sectionOnPlane(roi, plane);
  if (!section)
    return;
  const double cx = section->centreU / mmPerPixel + (widget.width() - 1) / 2.0;
  const double cy = section->centreV / mmPerPixel + (widget.height() - 1) / 2.0;
  const double r1 = section->semiAxis1Mm / mmPerPixel, r2 = section->semiAxis2Mm / mmPerPixel;
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.translate(cx, cy);
  p.rotate(section->angleRad * 180 / std::numbers::pi);
  const QColor colour = roiColour();
  for (const auto& [pen, widthPx] :
       {std::pair{QColor(0, 0, 0, 180), 3.5}, std::pair{colour, 1.5}}) {
    QPen outline(pen, widthPx);
    if (!onDrawnPlane && pen == colour)
      outline.setStyle(Qt::DashLine);
    p.setPen(outline);  // dark under colour: visible on bone, air and hot PET alike
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(0, 0), r1, r2);
  }
  p.restore();

  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  const auto toWidget = [&](const Vec3& mm) {
    const Vec3 d{mm[0] - plane.centreMm[0], mm[1] - plane.centreMm[1], mm[2] - plane.centreMm[2]};
    const double u = d[0] * plane.right[0] + d[1] * plane.right[1] + d[2] * plane.right[2];
    const double v = d[0] * plane.down[0] + d[1] * plane.down[1] + d[2] * plane.down[2];
    return QPointF(u / mmPerPixel + (widget.width() - 1) / 2.0,
                   v / mmPerPixel + (widget.height() - 1) / 2.0);
  };
  if (showHandles) {
    p.setPen(QPen(Qt::white, 1));
    p.setBrush(Qt::NoBrush);
    for (const Handle h : roiHandles()) {
      const QPointF c = toWidget(roiHandlePosition(roi, h));
      if (h == Handle::RoiCentre) {
        p.drawLine(c - QPointF(4, 0), c + QPointF(4, 0));
        p.drawLine(c - QPointF(0, 4), c + QPointF(0, 4));
      } else {
        p.drawRect(QRectF(c.x() - 3, c.y() - 3, 6, 6));
      }
    }
  }
  if (!label.isEmpty()) {
    // Beside the ellipse: right of it, else left of it; when neither side has room (a large
    // ROI in a small view), below it, else above it. Never over the region it describes.
    const double reachX =
        std::hypot(r1 * std::cos(section->angleRad), r2 * std::sin(section->angleRad));
    const double reachY =
        std::hypot(r1 * std::sin(section->angleRad), r2 * std::cos(section->angleRad));
    QFont font = p.font();
    font.setPointSizeF(9.5);
    p.setFont(font);
    const QRect need =
        p.fontMetrics().boundingRect(QRect(0, 0, 2000, 2000), Qt::AlignLeft | Qt::AlignTop, label);
    const int w = need.width() + 8, h = need.height() + 2;
    const int right = static_cast<int>(cx + reachX) + 8;
    const int left = static_cast<int>(cx - reachX) - 8 - w;
    const int below = static_cast<int>(cy + reachY) + 8;
    const int above = static_cast<int>(cy - reachY) - 8 - h;
    int x = 0, y = static_cast<int>(cy) - h / 2;
    if (right + w <= widget.width()) {
      x = right;
    } else if (left >= 0) {
      x = left;
    } else {
      x = static_cast<int>(cx) - w / 2;
      y = below + h <= widget.height() || above < 0 ? below : above;
    }
    x = std::clamp(x, 0, std::max(0, widget.width() - w));
    y = std::clamp(y, 0, std::max(0, widget.height() - h));
    const QRect box(x, y, w, h);
    p.fillRect(box.adjusted(-1, -1, 1, 1), QColor(0, 0, 0, 170));
    p.setPen(colour);
    p.drawText(box.adjusted(4, 1, -4, -1), Qt::AlignLeft | Qt::AlignTop, label);
  }
  p.restore();
}

}  // namespace nbra::viewer
