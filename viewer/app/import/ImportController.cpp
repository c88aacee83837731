#include "viewer/app/import/ImportController.h"

#include <QMetaObject>
#include <QtConcurrent>

#include <exception>

#include "dicom/index/ImageIndex.h"

namespace nbra::viewer {

ImportController::ImportController(QString indexPath, QObject* parent)
    : QObject(parent), indexPath_(std::move(indexPath)) {
  qRegisterMetaType<nbra::dicom::ImportSummary>();
}

ImportController::~ImportController() {
  cancel();
  waitForFinished();
}

bool ImportController::isRunning() const { return watcher_.isRunning(); }

void ImportController::cancel() { cancel_ = true; }

void ImportController::waitForFinished() { watcher_.waitForFinished(); }

bool ImportController::start(const QStringList& paths) {
  if (isRunning()) {
    return false;
  }
  cancel_ = false;
  std::vector<std::string> roots;
  for (const QString& p : paths) {
    roots.push_back(p.toStdString());
  }
  const std::string indexPath = indexPath_.toStdString();
  watcher_.setFuture(QtConcurrent::run([roots, indexPath, this] {
    // Signals emitted from this worker thread reach GUI-thread receivers queued.
    try {
      nbra::dicom::ImageIndex index(indexPath);
      nbra::dicom::ImportOptions options;
      options.cancel = &cancel_;
      options.onProgress = [this](const nbra::dicom::ImportProgress& p) {
        emit progress(static_cast<qint64>(p.done), static_cast<qint64>(p.total));
      };
      const auto summary = nbra::dicom::importPaths(index, roots, options);
      emit finished(summary);
    } catch (const std::exception& e) {
      emit failed(QString::fromStdString(e.what()));
    } catch (...) {  // nothing may escape a worker thread: it would end the program
      emit failed(tr("the import stopped on an unexpected failure"));
    }
  }));
  return true;
}

}  // namespace nbra::viewer
