#include "viewer/app/remote/QueryRunner.h"

#include <utility>

#include "viewer/app/remote/QueryRetrieveSupport.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::viewer {
namespace {

using dicom::net::QueryFilter;
using dicom::net::QueryLevel;
using dicom::net::QueryMatch;

struct QueryOutcome {
  std::vector<QueryMatch> matches;
  QString error;
};

// On a worker thread; `cancel` ends the query at the archive's next answer (DIMSE sends a
// C-CANCEL, DICOMweb aborts the request).
QueryOutcome query(const workflow::RemoteNode& node, QueryLevel level, const QueryFilter& filter,
                   const std::atomic<bool>* cancel) {
  QueryOutcome outcome;
  try {
    outcome.matches = workflow::queryNode(node, level, filter, QueryRunner::kMaxMatches, cancel);
  } catch (const std::exception& e) {
    outcome.error = qr::messageOf(e);
  }
  return outcome;
}

}  // namespace

QueryRunner::QueryRunner(QObject* parent)
    : QObject(parent), listingCancel_(std::make_shared<std::atomic<bool>>(false)) {}

QueryRunner::~QueryRunner() {
  // The workers hold copies and the flags: they end on their own, their answers undelivered
  // (the watchers go with this object).
  stopAll();
}

void QueryRunner::stopAll() {
  stopSearch();
  dropListings();
}

void QueryRunner::search(const workflow::RemoteNode& node, const QueryFilter& filter) {
  if (searchCancel_)
    *searchCancel_ = true;
  const CancelFlag cancel = std::make_shared<std::atomic<bool>>(false);
  searchCancel_ = cancel;
  ++searchWorkers_;
  auto asked = std::make_shared<workflow::RemoteNode>(node);
  qr::runInBackground<QueryOutcome>(
      this, [node, filter, cancel] { return query(node, QueryLevel::Study, filter, cancel.get()); },
      [this, cancel, asked](const QueryOutcome& outcome) {
        --searchWorkers_;
        // Stopped or superseded: what it brought (perhaps a part) is not what is asked for now.
        if (cancel->load())
          return;
        searchCancel_.reset();
        emit searchFinished(*asked, outcome.matches, outcome.error);
      });
}

bool QueryRunner::stopSearch() {
  if (!searchCancel_)
    return false;
  *searchCancel_ = true;
  searchCancel_.reset();
  return true;
}

void QueryRunner::listSeries(const workflow::RemoteNode& node, const QString& studyUid) {
  ++listings_;
  QueryFilter filter;
  filter.studyInstanceUid = studyUid.toStdString();
  const CancelFlag cancel = listingCancel_;
  qr::runInBackground<QueryOutcome>(
      this,
      [node, filter, cancel] { return query(node, QueryLevel::Series, filter, cancel.get()); },
      [this, studyUid, cancel](const QueryOutcome& outcome) {
        --listings_;
        if (!cancel->load())
          emit seriesListed(studyUid, outcome.matches, outcome.error);
      });
}

void QueryRunner::dropListings() {
  *listingCancel_ = true;
  listingCancel_ = std::make_shared<std::atomic<bool>>(false);
}

}  // namespace nbra::viewer
