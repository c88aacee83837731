#include "viewer/app/preview/PreviewPane.h"

#include <QPainter>

namespace nbra::viewer {

PreviewPane::PreviewPane(QWidget* parent) : QWidget(parent) {
  setMinimumSize(320, 320);
  setAutoFillBackground(false);
  showMessage(tr("Select a series to see its middle image."));
}

void PreviewPane::showImage(const QImage& image, const QString& caption) {
  image_ = image;
  caption_ = caption;
  message_.clear();
  update();
}

void PreviewPane::showMessage(const QString& message) {
  image_ = QImage();
  caption_.clear();
  message_ = message;
  update();
}

void PreviewPane::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  const QRect area = rect().adjusted(8, 8, -8, -36);
  p.setPen(QColor(220, 220, 220));
  if (image_.isNull()) {
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, message_);
    return;
  }
  // Keep the pixel aspect ratio; smooth scaling is fine for a preview.
  const QSize fitted = image_.size().scaled(area.size(), Qt::KeepAspectRatio);
  const QRect target(area.x() + (area.width() - fitted.width()) / 2,
                     area.y() + (area.height() - fitted.height()) / 2, fitted.width(),
                     fitted.height());
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(target, image_);
  p.drawText(rect().adjusted(10, 0, -10, -8), Qt::AlignBottom | Qt::AlignLeft, caption_);
}

}  // namespace nbra::viewer
