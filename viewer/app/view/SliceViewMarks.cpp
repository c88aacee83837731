// The measuring tools of a slice view: placing, editing and drawing the reading's marks (calipers,
// bidirectional RECIST lines, points; ROIs in viewer/app/roi/SliceViewRoi.cpp). Rendering the
// image itself is SliceView.cpp's.
#include <QKeyEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "viewer/app/measure/Verdict.h"
#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/roi/RoiOverlay.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/OverlayText.h"
#include "viewer/app/view/VectorMath.h"

namespace nbra::viewer {

using vec::dot;

namespace {

// Handles a drag can grab, by kind.
std::vector<Handle> handlesOf(const Measurement& m) {
  if (m.kind == MeasurementKind::Roi) return roiHandles();  // ROI (H5)
  if (m.kind == MeasurementKind::Point) return {Handle::LongStart};
  if (m.hasShortAxis) return {Handle::LongStart, Handle::LongEnd, Handle::ShortStart, Handle::ShortEnd};
  return {Handle::LongStart, Handle::LongEnd};
}

QColor toneColour(VerdictTone tone) {
  switch (tone) {
    case VerdictTone::Measurable: return QColor(90, 225, 110);
    case VerdictTone::NonTarget: return QColor(255, 190, 60);
    case VerdictTone::TooSmall: return QColor(255, 105, 105);
    case VerdictTone::Neutral: break;
  }
  return QColor(120, 200, 255);
}

constexpr double kGrabPx = 7;  // how close to a handle a press must be to move it

}  // namespace

void SliceView::setTool(MeasureTool tool) {
  const bool changed = tool != tool_;
  tool_ = tool;
  editing_.reset();
  setCursor(tool == MeasureTool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
  update();
  if (changed) emit toolChanged(tool);
}

QString SliceView::measurementLabel(int id) const {
  const Measurement* m = measurements_->find(id);
  if (m && m->kind == MeasurementKind::Roi) return roiMarkLabel(*m);  // ROI (H5)
  return m ? QString::fromStdString(judge(*m, thickness_.mm).text) : QString();
}

QPointF SliceView::widgetAt(const Vec3& patientMm) const {
  const ViewPlane plane = renderPlane();
  const double mm = mmPerPixel();
  const Vec3 d{patientMm[0] - plane.centreMm[0], patientMm[1] - plane.centreMm[1],
               patientMm[2] - plane.centreMm[2]};
  return {dot(d, plane.right) / mm + (width() - 1) / 2.0, dot(d, plane.down) / mm + (height() - 1) / 2.0};
}

bool SliceView::isOnThisSlice(const Measurement& m) const {
  // Marks live on slices: none on a projection, and on a slice only within half a slice of it;
  // never on a series with other coordinates (another frame of reference).
  if (!series_ || projection_) return false;
  if (!m.frameOfReferenceUid.empty() && m.frameOfReferenceUid != series_->volume().frameOfReferenceUid)
    return false;
  return showsOnPlane(m, plane_, spacingAlongMm(series_->volume(), plane_.normal));
}

void SliceView::setMeasurementSet(std::shared_ptr<MeasurementSet> set) {
  measurements_ = set ? std::move(set) : std::make_shared<MeasurementSet>();
  selected_.reset();
  editing_.reset();
  update();
}

void SliceView::centreOn(const Vec3& patientMm) {
  if (!series_ || projection_) return;
  const double mm = mmPerPixel();
  const Vec3 d{patientMm[0] - plane_.centreMm[0], patientMm[1] - plane_.centreMm[1],
               patientMm[2] - plane_.centreMm[2]};
  panPx_ = QPointF(-dot(d, plane_.right) / mm, -dot(d, plane_.down) / mm);
  invalidate();
}

void SliceView::setMarkNamer(MarkNamer namer) {
  markName_ = std::move(namer);
  update();
}

void SliceView::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

void SliceView::setMarksReadOnly(bool readOnly) {
  marksReadOnly_ = readOnly;
  editing_.reset();
  update();
}

void SliceView::selectMeasurement(std::optional<int> id) {
  selected_ = id && measurements_->find(*id) ? id : std::nullopt;
  update();
}

std::optional<std::pair<int, Handle>> SliceView::handleAt(const QPointF& pos) const {
  std::optional<std::pair<int, Handle>> best;
  double bestPx = kGrabPx;
  for (const Measurement& m : measurements_->all()) {
    if (!isOnThisSlice(m)) continue;
    for (const Handle h : handlesOf(m)) {
      const QPointF d = widgetAt(m.point(h)) - pos;
      const double px = std::hypot(d.x(), d.y());
      if (px <= bestPx) {
        bestPx = px;
        best = std::make_pair(m.id, h);
      }
    }
  }
  return best;
}

bool SliceView::toolPress(const QPointF& pos) {
  if (tool_ == MeasureTool::Navigate || !series_ || projection_ || marksReadOnly_) return false;
  editContinuing_ = false;
  drawingNew_ = false;
  if (const auto hit = handleAt(pos)) {  // grab an existing end: the drag moves it
    selected_ = hit->first;
    editing_ = hit;
    emit markSelected(hit->first);
    update();
    return true;
  }
  const Vec3 p = patientAt(pos);
  const Measurement* sel = selected_ ? measurements_->find(*selected_) : nullptr;
  if (tool_ == MeasureTool::Bidirectional && sel && sel->kind == MeasurementKind::Bidirectional &&
      !sel->hasShortAxis && isOnThisSlice(*sel) && measurements_->startShortAxis(sel->id, p)) {
    // The second drag of a bidirectional mark draws its short axis.
    editing_ = std::make_pair(sel->id, Handle::ShortEnd);
  } else {
    // ROI (H5): an ellipse spanned from the press point (viewer/app/roi/RoiGeometry.h).
    Measurement m = tool_ == MeasureTool::Roi
                        ? startRoi(p, plane_, pressModifiers_ & Qt::ShiftModifier)
                        : Measurement{};
    if (tool_ != MeasureTool::Roi) {
      m.kind = tool_ == MeasureTool::Caliper         ? MeasurementKind::Caliper
               : tool_ == MeasureTool::Bidirectional ? MeasurementKind::Bidirectional
                                                     : MeasurementKind::Point;
      m.longStartMm = m.longEndMm = p;
    }
    m.planeNormal = plane_.normal;
    m.source = sourceImageAt(series_->volume(), plane_.normal, p);
    m.frameOfReferenceUid = series_->volume().frameOfReferenceUid;
    selected_ = measurements_->add(m);
    editing_ = std::make_pair(*selected_, m.kind == MeasurementKind::Point ? Handle::LongStart
                                          : m.kind == MeasurementKind::Roi ? Handle::RoiCorner
                                                                           : Handle::LongEnd);
  }
  editContinuing_ = true;  // add / startShortAxis recorded the step
  drawingNew_ = editing_->second != Handle::LongStart;
  emit measurementsChanged();
  update();
  return true;
}

void SliceView::toolRelease() {
  if (!editing_) return;
  if (drawingNew_) {
    // A click without a drag draws nothing: less than a pixel long is dropped, not kept as 0 mm.
    const Measurement* m = measurements_->find(editing_->first);
    const bool isShort = editing_->second == Handle::ShortEnd;
    const double lengthMm = !m                                   ? 0
                            : m->kind == MeasurementKind::Roi ? 2 * std::max(roiSemiAxisAMm(*m), roiSemiAxisBMm(*m))  // ROI (H5)
                            : isShort                         ? shortAxisMm(*m)
                                                              : longAxisMm(*m);
    if (m && lengthMm < mmPerPixel()) {
      measurements_->discardLastStep();
      if (!isShort) selected_.reset();
      emit measurementsChanged();
    } else if (m && !isShort && m->kind != MeasurementKind::Roi) {  // ROI (H5): not a lesion line
      emit markDrawn(m->id);
    }
  }
  editing_.reset();
  drawingNew_ = false;
  update();
}

bool SliceView::toolKey(QKeyEvent* event) {
  if (marksReadOnly_) return false;
  const bool ctrl = event->modifiers() & Qt::ControlModifier;
  const bool shift = event->modifiers() & Qt::ShiftModifier;
  bool changed = false;
  if (ctrl && event->key() == Qt::Key_Z) {
    changed = shift ? measurements_->redo() : measurements_->undo();
  } else if (ctrl && event->key() == Qt::Key_Y) {
    changed = measurements_->redo();
  } else if (ctrl) {
    return false;
  } else if (event->key() == Qt::Key_M) {
    setTool(MeasureTool::Caliper);
    return true;
  } else if (event->key() == Qt::Key_B) {
    setTool(MeasureTool::Bidirectional);
    return true;
  } else if (event->key() == Qt::Key_P) {
    setTool(MeasureTool::Point);
    return true;
  } else if (event->key() == Qt::Key_E) {  // ROI (H5); R is taken by "reset view"
    setTool(MeasureTool::Roi);
    return true;
  } else if (event->key() == Qt::Key_Escape) {
    setTool(MeasureTool::Navigate);
    selected_.reset();
    return true;
  } else if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
    if (!selected_) return false;
    changed = measurements_->remove(*selected_);
    selected_.reset();
  } else if (event->key() == Qt::Key_N) {
    const Measurement* m = selected_ ? measurements_->find(*selected_) : nullptr;
    if (!m || m->kind != MeasurementKind::Bidirectional) return false;
    changed = measurements_->setLymphNode(m->id, !m->isLymphNode);
  } else {
    return false;
  }
  editing_.reset();
  if (selected_ && !measurements_->find(*selected_)) selected_.reset();  // undone away
  if (changed) emit measurementsChanged();
  update();
  return true;
}

void SliceView::drawMeasurements(QPainter& p) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  QFont font = p.font();
  font.setPointSizeF(9.5);
  p.setFont(font);
  for (const Measurement& m : measurements_->all()) {
    if (m.kind == MeasurementKind::Roi) {  // ROI (H5): its section on any plane (viewer/app/roi)
      drawRoiMark(p, m);
      continue;
    }
    if (!isOnThisSlice(m)) continue;
    const Verdict verdict = judge(m, thickness_.mm);
    const QColor colour = toneColour(verdict.tone);
    const bool selected = selected_ == m.id;
    std::vector<std::pair<QPointF, QPointF>> lines;
    if (m.kind != MeasurementKind::Point) lines.emplace_back(widgetAt(m.longStartMm), widgetAt(m.longEndMm));
    if (m.hasShortAxis) lines.emplace_back(widgetAt(m.shortStartMm), widgetAt(m.shortEndMm));
    for (const auto& [colourUnder, widthPx] : {std::pair{QColor(0, 0, 0, 180), 3.5}, std::pair{colour, 1.5}}) {
      p.setPen(QPen(colourUnder, widthPx));  // dark under colour: visible on bone and on air
      for (const auto& [a, b] : lines) p.drawLine(a, b);
      if (m.kind == MeasurementKind::Point) {
        const QPointF c = widgetAt(m.longStartMm);
        p.drawLine(c - QPointF(6, 0), c + QPointF(6, 0));
        p.drawLine(c - QPointF(0, 6), c + QPointF(0, 6));
      }
    }
    if (selected) {
      p.setPen(QPen(Qt::white, 1));
      for (const Handle h : handlesOf(m)) {
        const QPointF c = widgetAt(m.point(h));
        p.drawRect(QRectF(c.x() - 3, c.y() - 3, 6, 6));
      }
    }
    QString text = QString::fromStdString(verdict.text);
    if (markName_) {
      const QString name = markName_(measurements_.get(), m.id);
      if (!name.isEmpty()) text = name + "  " + text;  // which lesion, when several share a slice
    }
    const int textPx = p.fontMetrics().horizontalAdvance(text) + 8;
    const int textH = p.fontMetrics().height() + 2;
    int x = 0, y = 0;
    if (m.kind == MeasurementKind::Point) {
      const QPointF at = widgetAt(m.longStartMm);
      x = static_cast<int>(at.x()) + 8;
      y = static_cast<int>(at.y()) - 8;
    } else {
      // Under the mark's lowest point, starting at its leftmost: the words never cover the
      // lines being judged (a label at a line's end sat on the short axis of a small lesion).
      double left = 1e9, bottom = -1e9;
      for (const auto& [a, b] : lines) {
        left = std::min({left, a.x(), b.x()});
        bottom = std::max({bottom, a.y(), b.y()});
      }
      x = static_cast<int>(left);
      y = static_cast<int>(bottom) + 6;
      if (y + textH > height()) y = static_cast<int>(bottom) - textH - 6;  // no room: above
    }
    x = std::clamp(x, 0, std::max(0, width() - textPx));
    const QRect box(x, y, textPx, textH);
    shadowText(p, box, Qt::AlignLeft | Qt::AlignTop, text, colour);
  }
  p.restore();
}

}  // namespace nbra::viewer
