#include "viewer/app/mibg/MibgOverlay.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "scoring/curie/CurieSegment.h"
#include "scoring/siopen/SiopenScore.h"

namespace nbra::viewer::mibg {

using nbra::dicom::atlas::AtlasScale;
using nbra::dicom::atlas::LandmarkId;

namespace {

// Calm colours; every item also carries text or a shape, never colour alone.
const QColor kOutline(20, 110, 140);
const QColor kHandle(200, 110, 0);
const QColor kMark(190, 30, 30);
const QColor kSoftMark(120, 40, 160);
const QColor kFaint(90, 90, 90, 150);

QPolygonF toWidget(const nbra::dicom::atlas::Polygon& poly, const QTransform& t) {
  QPolygonF out;
  for (const auto& p : poly) {
    out << t.map(QPointF(p.x, p.y));
  }
  return out;
}

void haloText(QPainter& p, const QRectF& box, int flags, const QString& text,
              const QColor& colour) {
  p.setPen(QColor(255, 255, 255, 220));
  for (const QPointF d : {QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1)}) {
    p.drawText(box.translated(d), flags, text);
  }
  p.setPen(colour);
  p.drawText(box, flags, text);
}

QString siopenShortName(int segment) {
  static const char* kShort[] = {"skull",      "thorax",     "spine",      "pelvis",
                                 "R prox arm", "R dist arm", "L prox arm", "L dist arm",
                                 "R prox leg", "R dist leg", "L prox leg", "L dist leg"};
  return segment >= 0 && segment < 12 ? QString::fromLatin1(kShort[segment]) : QString();
}

}  // namespace

MibgOverlay::MibgOverlay(const PlanarView& view, MibgScoringModel& model, bool editable)
    : view_(view), model_(model), editable_(editable) {}

std::optional<PlanarSide> MibgOverlay::sideOf(int panel) const {
  if (panel < 0 || panel >= view_.panelCount()) {
    return std::nullopt;
  }
  const QString& label = view_.panel(panel).label;
  if (label == "ANTERIOR")
    return PlanarSide::Anterior;
  if (label == "POSTERIOR")
    return PlanarSide::Posterior;
  return std::nullopt;
}

void MibgOverlay::paintPanel(QPainter& p, int panel, const QTransform& t) {
  const auto side = sideOf(panel);
  if (!side || !model_.hasViews()) {
    return;
  }
  p.setRenderHint(QPainter::Antialiasing);
  const auto& landmarks = model_.landmarks(*side);
  QFont small = p.font();
  small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
  p.setFont(small);
  if (atlas_ != Atlas::Off) {
    const AtlasScale scale = atlas_ == Atlas::Curie ? AtlasScale::Curie : AtlasScale::Siopen;
    const auto segments = nbra::dicom::atlas::segmentOutlines(landmarks, scale);
    QPen pen(kOutline, 1.2);
    p.setBrush(Qt::NoBrush);
    for (const auto& s : segments) {
      for (const auto& poly : s.polygons) {
        const QPolygonF w = toWidget(poly, t);
        p.setPen(pen);
        p.drawPolygon(w);
        // Label in the upper part of the outline, clear of the landmark lines at its edges.
        const QRectF b = w.boundingRect();
        haloText(p, QRectF(b.center().x() - 40, b.top() + 0.18 * b.height() - 7, 80, 15),
                 Qt::AlignCenter, QString::fromStdString(s.label), kOutline.darker(130));
      }
    }
  }
  if (handles_ && editable_) {
    for (const auto& h : nbra::dicom::atlas::landmarkHandles(landmarks)) {
      const QPointF c = t.map(QPointF(h.x, h.y));
      p.setPen(QPen(kHandle.darker(120), 1));
      p.setBrush(QColor(255, 235, 200));
      // Diamonds move up and down, squares left and right.
      if (h.vertical) {
        p.drawPolygon(QPolygonF{c + QPointF(0, -6), c + QPointF(6, 0), c + QPointF(0, 6),
                                c + QPointF(-6, 0)});
      } else {
        p.drawRect(QRectF(c.x() - 4.5, c.y() - 4.5, 9, 9));
      }
      // Labels away from the body: left of the left column, right of the right one, under
      // the arm squares.
      const QString name = QString::fromLatin1(h.name);
      const double bodyCentre = t.map(QPointF(landmarks.midlineX, 0)).x();
      if (!h.vertical && name == "arm") {
        haloText(p, QRectF(c.x() - 20, c.y() + 5, 40, 14), Qt::AlignHCenter | Qt::AlignTop, name,
                 kHandle.darker(150));
      } else if (h.vertical && c.x() < bodyCentre) {
        haloText(p, QRectF(c.x() - 118, c.y() - 8, 110, 16), Qt::AlignRight | Qt::AlignVCenter,
                 name, kHandle.darker(150));
      } else {
        haloText(p, QRectF(c.x() + 8, c.y() - 8, 110, 16), Qt::AlignLeft | Qt::AlignVCenter, name,
                 kHandle.darker(150));
      }
    }
  }
  auto drawMark = [&](const MibgMark& m, bool faint) {
    const auto& q = *side == PlanarSide::Anterior ? m.anterior : m.posterior;
    const auto& otherPoint = *side == PlanarSide::Anterior ? m.posterior : m.anterior;
    QPointF c;
    bool ghost = false;  // seen on the other view only: its mirrored position, dotted
    if (q) {
      c = t.map(*q);
    } else if (otherPoint) {
      c = t.map(QPointF(model_.imageWidth() - 1 - otherPoint->x(), otherPoint->y()));
      ghost = true;
    } else {
      return;
    }
    const QColor colour = faint ? kFaint : (m.softTissue ? kSoftMark : kMark);
    QPen pen(colour, faint ? 1.2 : (selected_ == m.id ? 2.6 : 1.8));
    if (ghost || faint)
      pen.setStyle(faint ? Qt::DashLine : Qt::DotLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const double r = faint ? 9 : 8;
    // Bone foci are circles, soft-tissue foci squares; the text says which segment.
    if (m.softTissue) {
      p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
    } else {
      p.drawEllipse(c, r, r);
    }
    QString text = faint ? QStringLiteral("b%1").arg(m.id) : QString::number(m.id);
    if (!faint) {
      // The mark names its segment in the scale on screen (Curie when the atlas is off).
      if (atlas_ == Atlas::Siopen) {
        text += m.softTissue || m.siopenSegment < 0
                    ? QStringLiteral(" ST")
                    : QStringLiteral(" ") + siopenShortName(m.siopenSegment);
      } else {
        text +=
            m.softTissue ? QStringLiteral(" S10") : QStringLiteral(" S%1").arg(m.curieSegment + 1);
      }
      if (m.primary)
        text += QStringLiteral(" primary");
    }
    haloText(p, QRectF(c.x() + r + 2, c.y() - 8, 140, 16), Qt::AlignLeft | Qt::AlignVCenter, text,
             colour.darker(faint ? 100 : 130));
  };
  if (faint_) {
    for (const MibgMark& m : faint_->marks())
      drawMark(m, true);
  }
  for (const MibgMark& m : model_.marks())
    drawMark(m, false);
}

std::optional<LandmarkId> MibgOverlay::handleAt(PlanarSide side, QPointF widgetPoint,
                                                const QTransform& t) const {
  std::optional<LandmarkId> best;
  double bestDistance = 9;
  for (const auto& h : nbra::dicom::atlas::landmarkHandles(model_.landmarks(side))) {
    const QPointF c = t.map(QPointF(h.x, h.y));
    const double d = std::hypot(c.x() - widgetPoint.x(), c.y() - widgetPoint.y());
    if (d <= bestDistance) {
      bestDistance = d;
      best = h.id;
    }
  }
  return best;
}

bool MibgOverlay::mousePress(int panel, QPointF imagePoint, QMouseEvent* event) {
  const auto side = sideOf(panel);
  if (!editable_ || !side || !model_.hasViews()) {
    return false;
  }
  const QTransform t = view_.imageToWidget(panel);
  if (handles_ && event->button() == Qt::LeftButton) {
    if (const auto h = handleAt(*side, t.map(imagePoint), t)) {
      dragging_ = h;
      ++dragCount_;
      dragSide_ = *side;
      return true;
    }
  }
  if (const auto id = model_.markAt(*side, imagePoint)) {
    selected_ = id;
    if (event->button() == Qt::RightButton && onMarkMenu) {
      onMarkMenu(*id, event->globalPosition().toPoint());
    }
    return true;
  }
  if (event->button() != Qt::LeftButton) {
    return false;
  }
  const bool softTissue = event->modifiers().testFlag(Qt::ShiftModifier);
  selected_ = model_.placeMark(*side, imagePoint, softTissue);
  if (onChanged)
    onChanged();
  return true;
}

bool MibgOverlay::mouseMove(int panel, QPointF imagePoint, QMouseEvent* event) {
  if (!dragging_ || sideOf(panel) != dragSide_) {
    // Hovering: the full name of the segment under the pointer (the outline labels are short).
    const auto side = sideOf(panel);
    if (side && model_.hasViews() && atlas_ != Atlas::Off) {
      const bool curie = atlas_ == Atlas::Curie;
      const auto seg =
          model_.segmentAt(*side, curie ? AtlasScale::Curie : AtlasScale::Siopen, imagePoint);
      QString name;
      if (seg) {
        const auto n =
            curie ? nbra::scoring::curieSegmentName(*seg) : nbra::scoring::siopenSegmentName(*seg);
        name = (curie ? QStringLiteral("S%1 ").arg(*seg + 1) : QString()) +
               QString::fromUtf8(n.data(), static_cast<int>(n.size()));
      }
      if (name != hoverName_) {
        hoverName_ = name;
        if (name.isEmpty()) {
          QToolTip::hideText();
        } else {
          QToolTip::showText(event->globalPosition().toPoint(), name);
        }
      }
    }
    return false;
  }
  model_.moveLandmark(dragSide_, *dragging_, imagePoint.x(), imagePoint.y());
  if (onChanged)
    onChanged();
  return true;
}

bool MibgOverlay::mouseRelease(int, QPointF, QMouseEvent*) {
  const bool was = dragging_.has_value();
  dragging_.reset();
  return was;
}

}  // namespace nbra::viewer::mibg
