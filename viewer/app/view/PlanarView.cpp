#include "viewer/app/view/PlanarView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "viewer/app/view/OverlayText.h"

namespace nbra::viewer {

PlanarView::PlanarView(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(300, 300);
}

void PlanarView::setViews(std::vector<Panel> panels, const QString& patientText) {
  panels_ = std::move(panels);
  patientText_ = patientText;
  mirror_ = false;  // every study starts as acquired
  // Linked intensity: one maximum for every view, so anterior and posterior compare directly.
  maximum_ = 1;
  for (const auto& p : panels_) {
    if (!p.image.values.empty()) {
      maximum_ =
          std::max(maximum_, *std::max_element(p.image.values.begin(), p.image.values.end()));
    }
  }
  update();
}

void PlanarView::setPatient(const QString& name, const QString& id, const QString& studyDate) {
  patientName_ = name;
  patientId_ = id;
  studyDate_ = studyDate;
  update();
}

void PlanarView::setTimepointCaption(const QString& caption) {
  timepointCaption_ = caption;
  update();
}

void PlanarView::setOverlaysVisible(bool visible) {
  overlays_ = visible;
  update();
}

QString PlanarView::overlayText() const {
  if (!overlays_) return {};
  QStringList lines;
  if (!patientName_.isEmpty() || !patientId_.isEmpty()) {
    lines << patientName_ << tr("ID %1").arg(patientId_) << studyDate_;
  }
  if (!timepointCaption_.isEmpty()) lines << timepointCaption_;
  return lines.join("\n").trimmed();
}

void PlanarView::setMirrorPosterior(bool mirror) {
  const bool changed = mirror_ != mirror;
  mirror_ = mirror;
  update();
  if (changed)
    emit displayChanged();
}

void PlanarView::setUpperPercent(double percent) {
  const double before = upperPercent_;
  upperPercent_ = std::clamp(percent, 1.0, 100.0);
  update();
  if (before != upperPercent_)
    emit displayChanged();
}

void PlanarView::setGamma(double gamma) {
  const double before = gamma_;
  gamma_ = std::clamp(gamma, 0.2, 3.0);
  update();
  if (before != gamma_)
    emit displayChanged();
}

void PlanarView::setOverlay(PlanarOverlay* overlay) {
  overlay_ = overlay;
  setMouseTracking(overlay != nullptr);
  update();
}

float PlanarView::dataMaximum() const {
  return maximum_;
}

void PlanarView::setDisplayMaximum(std::optional<float> maximum) {
  sharedMaximum_ = maximum;
  update();
}

bool PlanarView::panelMirrored(int index) const {
  return mirror_ && panels_.at(static_cast<std::size_t>(index)).label == "POSTERIOR";
}

QRectF PlanarView::panelTarget(int i) const {
  const int gap = 24;
  const int top = 40;
  const int bottom = 40;
  const int n = static_cast<int>(panels_.size());
  const int slotWidth = (width() - gap * (n + 1)) / n;
  const int slotHeight = height() - top - bottom;
  const Panel& panel = panels_[static_cast<std::size_t>(i)];
  // Whole body at full height; pixel aspect from the pixel spacing.
  const double aspect = panel.image.rowSpacingMm > 0 && panel.image.columnSpacingMm > 0
                            ? panel.image.columnSpacingMm / panel.image.rowSpacingMm
                            : 1.0;
  QSizeF size(panel.image.width * aspect, panel.image.height);
  size.scale(slotWidth, slotHeight, Qt::KeepAspectRatio);
  return QRectF(gap + i * (slotWidth + gap) + (slotWidth - size.width()) / 2, top, size.width(),
                size.height());
}

QTransform PlanarView::imageToWidget(int i) const {
  if (i < 0 || i >= static_cast<int>(panels_.size())) {
    return {};
  }
  const Panel& panel = panels_[static_cast<std::size_t>(i)];
  const QRectF target = panelTarget(i);
  const double sx = target.width() / std::max(1, panel.image.width);
  const double sy = target.height() / std::max(1, panel.image.height);
  // Pixel x's centre is at x + 0.5 of the drawn image; mirrored: column width-1-x.
  if (panelMirrored(i)) {
    return QTransform(-sx, 0, 0, sy, target.x() + (panel.image.width - 0.5) * sx,
                      target.y() + 0.5 * sy);
  }
  return QTransform(sx, 0, 0, sy, target.x() + 0.5 * sx, target.y() + 0.5 * sy);
}

QPointF PlanarView::widgetToImage(int panel, QPointF widgetPoint) const {
  return imageToWidget(panel).inverted().map(widgetPoint);
}

int PlanarView::panelAt(QPointF p) const {
  for (int i = 0; i < static_cast<int>(panels_.size()); ++i) {
    if (panelTarget(i).adjusted(-12, -12, 12, 12).contains(p)) {
      return i;
    }
  }
  return -1;
}

void PlanarView::mousePressEvent(QMouseEvent* event) {
  setFocus();
  const int panel = panelAt(event->position());
  if (overlay_ && panel >= 0 &&
      overlay_->mousePress(panel, widgetToImage(panel, event->position()), event)) {
    dragPanel_ = panel;
    update();
    return;
  }
  QWidget::mousePressEvent(event);
}

void PlanarView::mouseMoveEvent(QMouseEvent* event) {
  const int panel = dragPanel_ >= 0 ? dragPanel_ : panelAt(event->position());
  if (overlay_ && panel >= 0 &&
      overlay_->mouseMove(panel, widgetToImage(panel, event->position()), event)) {
    update();
    return;
  }
  QWidget::mouseMoveEvent(event);
}

void PlanarView::mouseReleaseEvent(QMouseEvent* event) {
  const int panel = dragPanel_ >= 0 ? dragPanel_ : panelAt(event->position());
  dragPanel_ = -1;
  if (overlay_ && panel >= 0 &&
      overlay_->mouseRelease(panel, widgetToImage(panel, event->position()), event)) {
    update();
    return;
  }
  QWidget::mouseReleaseEvent(event);
}

QImage PlanarView::panelImage(const Panel& panel, bool mirror) const {
  const auto& img = panel.image;
  QImage out(img.width, img.height, QImage::Format_RGB32);
  const double top = sharedMaximum_.value_or(maximum_) * upperPercent_ / 100.0;
  for (int y = 0; y < img.height; ++y) {
    auto* row = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < img.width; ++x) {
      const int sx = mirror ? img.width - 1 - x : x;
      const double t = std::clamp(img.at(sx, y) / top, 0.0, 1.0);
      // Inverted grey, as nuclear medicine reads planar scans: uptake is dark.
      const int v = 255 - static_cast<int>(std::pow(t, gamma_) * 255.0 + 0.5);
      row[x] = qRgb(v, v, v);
    }
  }
  return out;
}

QImage PlanarView::renderedImage() {
  return grab().toImage();
}

void PlanarView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(250, 250, 250));
  p.setPen(QColor(40, 40, 40));
  if (panels_.empty()) {
    p.drawText(rect(), Qt::AlignCenter, tr("No planar views."));
    return;
  }
  const int n = static_cast<int>(panels_.size());
  for (int i = 0; i < n; ++i) {
    const Panel& panel = panels_[static_cast<std::size_t>(i)];
    const bool mirrorThis = panelMirrored(i);
    const QImage image = panelImage(panel, mirrorThis);
    const QRectF target = panelTarget(i);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, image);
    if (overlay_) {
      p.save();
      overlay_->paintPanel(p, i, imageToWidget(i));
      p.restore();
    }
    p.setPen(QColor(40, 40, 40));
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    QString title = panel.label + (mirrorThis ? tr("  (mirrored)") : QString());
    p.drawText(QRectF(target.x(), 8, target.width(), 20), Qt::AlignCenter, title);
    f.setBold(false);
    p.setFont(f);
    const bool known = panel.label == "ANTERIOR" || panel.label == "POSTERIOR";
    if (known) {
      p.drawText(QRectF(target.x() - 60, target.bottom() + 4, target.width() + 120, 16),
                 Qt::AlignCenter, tr("identified by %1").arg(panel.identifiedBy));
      // Patient side markers: on an anterior view the patient's right is on the viewer's left.
      const bool seenFromFront = panel.label == "ANTERIOR" || mirrorThis;
      p.drawText(QRectF(target.x() - 20, target.y(), 18, 20), Qt::AlignRight,
                 seenFromFront ? "R" : "L");
      p.drawText(QRectF(target.right() + 2, target.y(), 18, 20), Qt::AlignLeft,
                 seenFromFront ? "L" : "R");
    } else {
      // No side markers for a view nobody identified: a guess here could flip a lesion's side.
      p.setPen(QColor(170, 90, 0));
      p.drawText(QRectF(target.x() - 150, target.bottom() + 4, target.width() + 300, 16),
                 Qt::AlignCenter,
                 tr("view not identified in the file: confirm anterior or posterior"));
      p.setPen(QColor(40, 40, 40));
    }
  }
  if (overlays_) {
    p.drawText(rect().adjusted(8, 0, -8, -6), Qt::AlignLeft | Qt::AlignBottom, patientText_);
  }
  p.drawText(rect().adjusted(8, 0, -8, -6), Qt::AlignRight | Qt::AlignBottom,
             tr("upper %1 % of max · gamma %2 · M mirror, wheel intensity, O overlays")
                 .arg(upperPercent_, 0, 'f', 0)
                 .arg(gamma_, 0, 'f', 1));
  // Patient, study and timepoint at the top left on a dark plate: legible over the white
  // background and over dark uptake alike.
  const QString text = overlayText();
  if (!text.isEmpty()) {
    QFont f = font();
    f.setPointSizeF(9.5);
    p.setFont(f);
    shadowText(p, rect().adjusted(8, 6, -8, -6), Qt::AlignLeft | Qt::AlignTop, text);
  }
}

void PlanarView::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_M) {
    setMirrorPosterior(!mirror_);
  } else if (event->key() == Qt::Key_O) {
    setOverlaysVisible(!overlays_);
  } else if (event->key() == Qt::Key_G) {
    setGamma(gamma_ == 1.0 ? 0.5 : 1.0);
  } else {
    QWidget::keyPressEvent(event);
  }
}

void PlanarView::wheelEvent(QWheelEvent* event) {
  setUpperPercent(upperPercent_ * std::pow(0.9, event->angleDelta().y() / 120.0));
}

}  // namespace nbra::viewer
