#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "workflow/net/RemoteOperations.h"

namespace nbra::viewer {

// One retrieve of File > Query/Retrieve... off the GUI thread (workflow::retrieveFromNode): the
// instances are counted as they arrive, a cancel keeps and indexes what arrived, and the end is
// said as a status line (and an error line when something went wrong).
class RetrieveJob : public QObject {
  Q_OBJECT
 public:
  struct Progress {
    qint64 received = 0;
    qint64 total = -1;  // -1: not known
    QString line;       // "Retrieving 1 study of DOE, JANE from pacs: 3 of 12 instances"
  };
  struct Result {
    QString summary;           // the status line
    QString error;             // "" when the error line has nothing to say
    bool hasProblems = false;  // instances refused, or failed on the archive: `problems`
    QString problems;          // the archive's reasons, one a line
    int indexedSeries = 0;
  };

  explicit RetrieveJob(QObject* parent = nullptr);
  // The retrieve writes into the index: it is stopped and waited for, never left running.
  ~RetrieveJob() override;

  // `what`: "2 series of DOE, JANE  [123]"; `queryTotal`: the instances the query counted for
  // the targets, -1 when it did not say. False when a retrieve is still running.
  bool start(workflow::RetrieveRequest request, const QString& what, qint64 queryTotal);
  void cancel();
  void cancelAndWait();

  bool isRunning() const { return watcher_.isRunning(); }
  bool isCancelling() const;
  // Instances of the running (or last) retrieve kept so far.
  qint64 received() const;
  Progress progress() const;
  // The last retrieve's end, once finished() is emitted.
  const Result& result() const { return result_; }

 signals:
  void finished();

 private:
  struct State {
    std::atomic<bool> cancel{false};
    std::atomic<qint64> received{0};
    std::atomic<int> remaining{-1};
  };
  struct Outcome {
    std::shared_ptr<workflow::RetrieveReport> report;
    QString error;
  };

  void onFinished();
  Result summarise(const Outcome& outcome) const;

  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<State> state_;
  QString nodeName_;
  QString what_;
  qint64 queryTotal_ = -1;
  Result result_;
};

}  // namespace nbra::viewer
