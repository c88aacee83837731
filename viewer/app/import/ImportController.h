#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>

#include "dicom/index/Importer.h"

namespace nbra::viewer {

// Runs an import on a worker thread (its own index connection), reports progress on the GUI
// thread, and never blocks the window. One import at a time.
class ImportController : public QObject {
  Q_OBJECT
 public:
  ImportController(QString indexPath, QObject* parent = nullptr);
  ~ImportController() override;

  bool isRunning() const;
  // Starts an import; false (and nothing starts) when one is already running.
  bool start(const QStringList& paths);
  void cancel();
  // Blocks until the running import ends (for shutdown and tests).
  void waitForFinished();

 signals:
  void progress(qint64 done, qint64 total);
  void finished(const nbra::dicom::ImportSummary& summary);
  void failed(const QString& message);

 private:
  QString indexPath_;
  std::atomic<bool> cancel_{false};
  QFutureWatcher<void> watcher_;
};

}  // namespace nbra::viewer

Q_DECLARE_METATYPE(nbra::dicom::ImportSummary)
