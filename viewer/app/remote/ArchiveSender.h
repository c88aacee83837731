#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

#include "workflow/net/RemoteNode.h"

class QWidget;

namespace nbra::records {
class TrialRecord;
}

namespace nbra::viewer {

// Reading > Send read to archive...: the read as the DICOM SR (TID 1500) that `nbra-cli sr
// export` writes (workflow::exportReadAsSr), sent to an archive of the node file by C-STORE or
// STOW-RS (workflow::sendToNode) off the GUI thread.
class ArchiveSender : public QObject {
  Q_OBJECT
 public:
  explicit ArchiveSender(QObject* parent = nullptr);
  ~ArchiveSender() override;

  // Writes the SR of the signed-in reader's read into a temporary folder, here (the record
  // belongs to this thread), then sends it in the background; finished() says how it went.
  // Returns why nothing was started, or "".
  QString sendRead(records::TrialRecord& record, const QString& subjectId,
                   const QString& timepointLabel, const QString& indexPath,
                   const workflow::RemoteNode& node);
  bool isRunning() const { return watcher_.isRunning(); }
  void waitForFinished();

 signals:
  void finished(bool sent, const QString& message);

 private:
  struct Outcome {
    bool sent = false;
    QString message;
  };
  void onFinished();

  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// Asks which archive of the node file (empty: workflow::defaultNodesFile()) to send to. Nothing
// when the user cancels, or when there is none or the file is wrong (said in a message box).
std::optional<workflow::RemoteNode> chooseArchive(QWidget* parent, const QString& title,
                                                  const QString& question,
                                                  const QString& nodesFile = {});

}  // namespace nbra::viewer
