#include "viewer/app/remote/ArchiveSender.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QtConcurrent>

#include "records/store/TrialRecord.h"
#include "workflow/net/RemoteOperations.h"
#include "workflow/sr/SrExchange.h"

namespace nbra::viewer {

ArchiveSender::ArchiveSender(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ArchiveSender::onFinished);
}

ArchiveSender::~ArchiveSender() {
  if (cancel_)
    *cancel_ = true;
  watcher_.waitForFinished();
}

void ArchiveSender::waitForFinished() {
  watcher_.waitForFinished();
  QCoreApplication::processEvents();
}

QString ArchiveSender::sendRead(records::TrialRecord& record, const QString& subjectId,
                                const QString& timepointLabel, const QString& indexPath,
                                const workflow::RemoteNode& node) {
  if (isRunning())
    return tr("A read is still being sent; wait for it to finish.");
  // Kept until the send ends: the file goes with the folder, the archive keeps its copy.
  auto folder = std::make_shared<QTemporaryDir>();
  if (!folder->isValid())
    return tr("No temporary folder for the SR: %1").arg(folder->errorString());
  workflow::SrExportRequest request;
  request.subjectId = subjectId;
  request.timepointLabel = timepointLabel;
  request.outPath = folder->filePath("read-sr.dcm");
  request.reader = record.actor().userName;
  request.indexPath = indexPath;
  std::optional<workflow::SrExport> exported;
  try {
    exported = workflow::exportReadAsSr(record, request);
  } catch (const std::exception& e) {
    return tr("The read cannot be written as a DICOM SR: %1").arg(QString::fromUtf8(e.what()));
  }
  const workflow::SrExport& made = *exported;
  // An archive keeps what it is sent and others read it as the report: never a draft. The record
  // says, not the window, which may have been opened before the read was signed elsewhere.
  if (made.read.status != "signed")
    return tr("Only a signed read is sent to the archive; the read of %1, %2 is a %3: sign it "
              "first (Reading > Sign read…).")
        .arg(subjectId, timepointLabel, made.read.status);
  const std::size_t lesions = made.report.lesions.size();
  const QString what =
      tr("The %1 read of %2, %3 by %4 (%5 %6)")
          .arg(made.read.status, subjectId, timepointLabel, made.read.readerUserName)
          .arg(lesions)
          .arg(lesions == 1 ? tr("lesion") : tr("lesions"));
  QString notes;
  if (!made.warnings.isEmpty())
    notes = tr("\n\nWritten with these remarks:\n• %1").arg(made.warnings.join("\n• "));
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  watcher_.setFuture(
      QtConcurrent::run([node, folder, file = request.outPath, what, notes, cancel = cancel_] {
        Outcome outcome;
        try {
          const auto result = workflow::sendToNode(node, {file}, cancel.get());
          if (result.cancelled) {
            outcome.message = tr("Sending to %1 was cancelled; nothing was sent.").arg(node.name);
          } else if (!result.failures.empty()) {
            outcome.message =
                tr("%1 was not sent: %2 refused it (%3).")
                    .arg(what, node.name, QString::fromStdString(result.failures.front().reason));
          } else {
            outcome.sent = true;
            outcome.message = tr("%1 was sent to %2 as a DICOM SR.").arg(what, node.name) + notes;
          }
        } catch (const std::exception& e) {
          outcome.message = tr("%1 was not sent: %2").arg(what, QString::fromUtf8(e.what()));
        }
        return outcome;
      }));
  return {};
}

void ArchiveSender::onFinished() {
  const Outcome outcome = watcher_.result();
  emit finished(outcome.sent, outcome.message);
}

std::optional<workflow::RemoteNode> chooseArchive(QWidget* parent, const QString& title,
                                                  const QString& question,
                                                  const QString& nodesFile) {
  const QString path = nodesFile.isEmpty() ? workflow::defaultNodesFile() : nodesFile;
  std::vector<workflow::RemoteNode> nodes;
  try {
    nodes = workflow::readNodes(path);
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, title, QString::fromUtf8(e.what()));
    return std::nullopt;
  }
  if (nodes.empty()) {
    QMessageBox::information(
        parent, title,
        QObject::tr("No archive is configured: add one to %1 (docs/networking.md).").arg(path));
    return std::nullopt;
  }
  QStringList items;
  for (const auto& node : nodes)
    items << workflow::describe(node);
  bool ok = false;
  const QString chosen = QInputDialog::getItem(parent, title, question, items, 0, false, &ok);
  if (!ok)
    return std::nullopt;
  return nodes[static_cast<std::size_t>(items.indexOf(chosen))];
}

}  // namespace nbra::viewer
