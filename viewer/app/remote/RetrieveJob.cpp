#include "viewer/app/remote/RetrieveJob.h"

#include <QStringList>
#include <QtConcurrent>
#include <algorithm>
#include <utility>

#include "viewer/app/remote/QueryRetrieveSupport.h"

namespace nbra::viewer {

using qr::counted;

RetrieveJob::RetrieveJob(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &RetrieveJob::onFinished);
}

RetrieveJob::~RetrieveJob() {
  cancelAndWait();
}

bool RetrieveJob::start(workflow::RetrieveRequest request, const QString& what, qint64 queryTotal) {
  if (isRunning())
    return false;
  auto state = std::make_shared<State>();
  state_ = state;
  nodeName_ = request.node.name;
  what_ = what;
  queryTotal_ = queryTotal;
  result_ = {};
  request.cancel = &state->cancel;
  request.onProgress = [state](const dicom::net::RetrieveProgress& p) {
    state->received = static_cast<qint64>(p.received);
    state->remaining = p.remaining;
  };
  watcher_.setFuture(QtConcurrent::run([request = std::move(request), state] {
    Outcome outcome;
    try {
      outcome.report =
          std::make_shared<workflow::RetrieveReport>(workflow::retrieveFromNode(request));
    } catch (const std::exception& e) {
      outcome.error = qr::messageOf(e);
    } catch (...) {
      outcome.error = QObject::tr("an unexpected error stopped the retrieve");
    }
    return outcome;
  }));
  return true;
}

void RetrieveJob::cancel() {
  if (isRunning() && state_)
    state_->cancel = true;
}

void RetrieveJob::cancelAndWait() {
  if (state_)
    state_->cancel = true;
  watcher_.waitForFinished();
}

bool RetrieveJob::isCancelling() const {
  return state_ && state_->cancel.load();
}

qint64 RetrieveJob::received() const {
  return state_ ? state_->received.load() : 0;
}

RetrieveJob::Progress RetrieveJob::progress() const {
  Progress p;
  if (!state_)
    return p;
  p.received = state_->received.load();
  const int remaining = state_->remaining.load();
  // The query's count covers every target and stays put; the peer's "remaining" covers only the
  // target under way and lags one instance behind. It is used only when the query gave no
  // count, or the archive holds more than it said when asked.
  p.total = queryTotal_;
  if (p.total < 0 || p.received > p.total)
    p.total = remaining >= 0 ? p.received + remaining : -1;
  const QString done = p.total > 0 ? tr("%1 of %2 instances").arg(p.received).arg(p.total)
                                   : tr("%1 instances so far").arg(p.received);
  p.line = tr("Retrieving %1 from %2: %3").arg(what_, nodeName_, done);
  return p;
}

void RetrieveJob::onFinished() {
  result_ = summarise(watcher_.result());
  emit finished();
}

RetrieveJob::Result RetrieveJob::summarise(const Outcome& outcome) const {
  Result result;
  const bool cancelled =
      state_->cancel.load() || (outcome.report && outcome.report->transfer.cancelled);
  if (!outcome.report) {
    const qint64 kept = state_->received.load();
    if (cancelled) {
      result.summary = tr("Cancelled: %1 kept.").arg(counted(kept, "instance", "instances"));
    } else {
      result.summary =
          tr("Stopped: %1 kept and indexed.").arg(counted(kept, "instance", "instances"));
      result.error = outcome.error;
    }
    return result;
  }
  const auto& r = *outcome.report;
  const auto& t = r.transfer;
  const std::size_t kept = t.stored + t.duplicates;
  result.indexedSeries = std::max(r.indexedSeries, 0);
  if (cancelled) {
    result.summary =
        tr("Cancelled: %1 kept").arg(counted(static_cast<qint64>(kept), "instance", "instances"));
    if (kept > 0)
      result.summary += tr(" and indexed; retrieving again fetches only the rest.");
    else
      result.summary += '.';
  } else if (kept == 0) {
    result.summary = tr("Nothing arrived from %1.").arg(nodeName_);
    result.error = tr("%1 sent no instance (%2 sub-operations failed): it may hold none for this "
                      "selection, or refuse to send them to NBRA.")
                       .arg(nodeName_)
                       .arg(t.peerFailed);
  } else {
    result.summary =
        tr("Retrieved %1 from %2")
            .arg(counted(static_cast<qint64>(kept), "instance", "instances"), nodeName_);
    if (t.duplicates > 0)
      result.summary += tr(" (%1 new, %2 already here)").arg(t.stored).arg(t.duplicates);
    result.summary +=
        tr("; %1 in the study browser.").arg(counted(result.indexedSeries, "series", "series"));
  }
  if (t.refused > 0 || t.peerFailed > 0) {
    QStringList problems;
    for (const auto& p : t.problems)
      problems << qr::str(p);
    const QString first = problems.isEmpty() ? QString() : problems.front();
    if (kept > 0 || cancelled) {
      result.error = tr("%1 refused, %2 failed on the archive. %3")
                         .arg(counted(static_cast<qint64>(t.refused), "instance", "instances"))
                         .arg(t.peerFailed)
                         .arg(first);
    }
    result.hasProblems = true;
    result.problems = problems.mid(0, 30).join('\n');
  }
  return result;
}

}  // namespace nbra::viewer
