#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "dicom/net/QueryKeys.h"
#include "workflow/net/RemoteNode.h"

namespace nbra::viewer {

// The archive queries of File > Query/Retrieve..., each on a worker thread with a cancel flag
// it shares with its worker (workflow::queryNode): a study search that Stop or a newer search
// ends at once, and the series listings of the results shown, ended when those results are
// replaced. The answer of a query told to stop is never delivered; when this object goes, every
// running query is told to stop and its worker ends on its own.
class QueryRunner : public QObject {
  Q_OBJECT
 public:
  // A search shows no more studies than this (the archive is told to stop there).
  static constexpr std::size_t kMaxMatches = 5000;

  explicit QueryRunner(QObject* parent = nullptr);
  ~QueryRunner() override;

  // Searches `node` for studies; a running search is stopped (superseded).
  void search(const workflow::RemoteNode& node, const dicom::net::QueryFilter& filter);
  // Stops the running search. False when none was running.
  bool stopSearch();
  bool isSearching() const { return searchCancel_ != nullptr; }
  // Searches whose worker thread has not ended yet, stopped or superseded ones included.
  int pendingSearches() const { return searchWorkers_; }

  // Lists the series of a study found on `node`.
  void listSeries(const workflow::RemoteNode& node, const QString& studyUid);
  // Stops every running listing: the rows they were for are gone.
  void dropListings();
  bool isListingSeries() const { return listings_ > 0; }

  // Stops the search and every listing (the window goes).
  void stopAll();

 signals:
  // `node`: the one searched. `error`: why the search failed, "" when it did not.
  void searchFinished(const workflow::RemoteNode& node,
                      const std::vector<dicom::net::QueryMatch>& matches, const QString& error);
  void seriesListed(const QString& studyUid, const std::vector<dicom::net::QueryMatch>& series,
                    const QString& error);

 private:
  using CancelFlag = std::shared_ptr<std::atomic<bool>>;

  CancelFlag searchCancel_;  // the running search's; null when none runs
  int searchWorkers_ = 0;
  CancelFlag listingCancel_;  // shared by the listings for the results shown
  int listings_ = 0;
};

}  // namespace nbra::viewer
