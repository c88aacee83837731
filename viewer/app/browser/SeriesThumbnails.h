#pragma once

#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>
#include <functional>
#include <vector>

#include "dicom/index/ImageIndex.h"

namespace nbra::viewer {

// Small pictures of each series' middle image for the study browser, rendered on demand off the
// GUI thread and kept until clear(). The browser asks for the rows it paints only, so a large
// index costs nothing until it is scrolled through. A file that cannot be rendered gives no
// thumbnail (and is not tried again until clear()).
class SeriesThumbnails : public QObject {
  Q_OBJECT
 public:
  static constexpr int kSizePx = 40;
  // `filesOf` lists a series' present files (the image index, asked on the GUI thread).
  using FilesOf = std::function<std::vector<nbra::dicom::InstanceFile>(qint64 seriesId)>;

  explicit SeriesThumbnails(FilesOf filesOf, QObject* parent = nullptr);
  ~SeriesThumbnails() override;  // waits for the renders under way

  // The thumbnail when ready. Otherwise starts rendering it (once) and returns null; ready()
  // follows.
  QPixmap thumbnail(qint64 seriesId);
  // Whether the series has no thumbnail for good (its files are missing or cannot be read).
  bool failed(qint64 seriesId) const { return failed_.contains(seriesId); }
  // Forgets every thumbnail (series may have gained images): they are rendered again on demand.
  void clear();
  // Waits for the renders under way (tests, shutdown).
  void waitForDone() { pool_.waitForDone(); }

 signals:
  void ready(qint64 seriesId);

 private:
  void deliver(qint64 seriesId, const QImage& image, quint64 generation);

  FilesOf filesOf_;
  QThreadPool pool_;
  QHash<qint64, QPixmap> done_;
  QSet<qint64> pending_;
  QSet<qint64> failed_;
  quint64 generation_ = 0;  // renders started before clear() are dropped
};

}  // namespace nbra::viewer
