#include "viewer/app/browser/SeriesThumbnails.h"

#include <QImage>
#include <QMetaObject>
#include <QPainter>
#include <QPointer>
#include <exception>

#include "dicom/preview/PreviewImage.h"

namespace nbra::viewer {
namespace {

// The preview scaled into a dark square: every row's picture has one size, whatever its shape.
QImage renderThumbnail(const std::string& path, int frame) {
  const auto result = nbra::dicom::renderPreview(path, frame);
  if (!result.ok() || result.image.width <= 0 || result.image.height <= 0) return {};
  const auto& p = result.image;
  const QImage::Format format = p.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
  const QImage full(p.pixels.data(), p.width, p.height, p.width * p.channels, format);
  const QImage scaled = full.scaled(SeriesThumbnails::kSizePx, SeriesThumbnails::kSizePx,
                                    Qt::KeepAspectRatio, Qt::SmoothTransformation);
  QImage square(SeriesThumbnails::kSizePx, SeriesThumbnails::kSizePx, QImage::Format_RGB32);
  square.fill(Qt::black);
  QPainter painter(&square);
  painter.drawImage((square.width() - scaled.width()) / 2, (square.height() - scaled.height()) / 2,
                    scaled);
  return square;
}

}  // namespace

SeriesThumbnails::SeriesThumbnails(FilesOf filesOf, QObject* parent)
    : QObject(parent), filesOf_(std::move(filesOf)) {
  // One render at a time: the browser stays light next to a series loading for the viewer.
  pool_.setMaxThreadCount(1);
}

SeriesThumbnails::~SeriesThumbnails() {
  pool_.clear();
  pool_.waitForDone();
}

QPixmap SeriesThumbnails::thumbnail(qint64 seriesId) {
  if (const auto it = done_.constFind(seriesId); it != done_.constEnd()) return *it;
  if (pending_.contains(seriesId) || failed_.contains(seriesId)) return {};
  std::vector<nbra::dicom::InstanceFile> files;
  try {
    files = filesOf_(seriesId);
  } catch (const std::exception&) {
    files.clear();  // an index that cannot answer: no thumbnail, as for missing files
  }
  if (files.empty()) {
    failed_.insert(seriesId);
    return {};
  }
  // The middle image, as the preview pane shows it: the middle instance, or the middle frame of a
  // single multi-frame file.
  const auto& file = files[files.size() / 2];
  const int frame = files.size() == 1 ? file.numberOfFrames / 2 : 0;
  pending_.insert(seriesId);
  const quint64 generation = generation_;
  QPointer<SeriesThumbnails> self(this);
  pool_.start([self, seriesId, generation, path = file.path, frame] {
    QImage image;
    try {
      image = renderThumbnail(path, frame);
    } catch (const std::exception&) {
      image = QImage();  // a file that breaks the decoder has no thumbnail
    }
    // The destructor waits for this task, so `self` is alive while it is queued; the queued call
    // is dropped with the object otherwise.
    if (self)
      QMetaObject::invokeMethod(self, [self, seriesId, image, generation] {
        if (self) self->deliver(seriesId, image, generation);
      }, Qt::QueuedConnection);
  });
  return {};
}

void SeriesThumbnails::deliver(qint64 seriesId, const QImage& image, quint64 generation) {
  if (generation != generation_) return;
  pending_.remove(seriesId);
  if (image.isNull()) {
    failed_.insert(seriesId);
  } else {
    done_.insert(seriesId, QPixmap::fromImage(image));
  }
  emit ready(seriesId);
}

void SeriesThumbnails::clear() {
  ++generation_;
  pool_.clear();
  done_.clear();
  pending_.clear();
  failed_.clear();
}

}  // namespace nbra::viewer
