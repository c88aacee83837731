#pragma once

#include <QDialog>
#include <QStandardItemModel>
#include <memory>
#include <vector>

#include "dicom/net/QueryKeys.h"
#include "viewer/app/remote/ArchiveNodeRow.h"
#include "viewer/app/remote/QueryResultsTree.h"
#include "viewer/app/remote/QueryRunner.h"
#include "viewer/app/remote/RetrieveJob.h"
#include "workflow/net/RemoteNode.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeView;

namespace nbra::viewer {

class QueryFilterForm;

// File > Query/Retrieve...: studies found on an archive (DIMSE or DICOMweb, as the node file
// says, docs/networking.md) by patient, date, modality, accession or description, shown patient
// > study > series, and retrieved into the image index so that they open like local ones. Every
// network call runs off the GUI thread; a search can be stopped or superseded (its worker is
// told to end at once), a retrieve cancelled (what arrived is kept and indexed).
//
// The window wires its parts: the archive row with Echo (ArchiveNodeRow), the filters
// (QueryFilterForm), the searches and series listings (QueryRunner), the results
// (QueryResultsTree) and the retrieve (RetrieveJob).
class QueryRetrieveDialog : public QDialog {
  Q_OBJECT
 public:
  // The rows of results(), as QueryResultsTree describes them.
  using RowKind = QueryResultsTree::RowKind;
  static constexpr int kKindRole = QueryResultsTree::kKindRole;
  static constexpr int kStudyUidRole = QueryResultsTree::kStudyUidRole;
  static constexpr int kSeriesUidRole = QueryResultsTree::kSeriesUidRole;
  static constexpr int kInstancesRole = QueryResultsTree::kInstancesRole;
  using Column = QueryResultsTree::Column;
  static constexpr int kName = QueryResultsTree::kName;
  static constexpr int kDate = QueryResultsTree::kDate;
  static constexpr int kModality = QueryResultsTree::kModality;
  static constexpr int kDescription = QueryResultsTree::kDescription;
  static constexpr int kImages = QueryResultsTree::kImages;
  static constexpr int kColumnCount = QueryResultsTree::kColumnCount;

  // `indexPath`: the image index the main window shows, where retrieved series are indexed.
  // `nodesFile`: empty for workflow::defaultNodesFile().
  explicit QueryRetrieveDialog(QString indexPath, QString nodesFile = {},
                               QWidget* parent = nullptr);
  ~QueryRetrieveDialog() override;

  // Reads the node file again (keeps the chosen node when it is still there).
  void reloadNodes();
  bool selectNode(const QString& name) { return nodeRow_->select(name); }

  // The same as the buttons, for tests and callers that fill the filters themselves.
  void startEcho() { nodeRow_->startEcho(); }
  void startSearch();
  void stopSearch();
  void startRetrieve();  // the selected rows
  void cancelRetrieve();

  bool isEchoing() const { return nodeRow_->isEchoing(); }
  bool isSearching() const { return queries_->isSearching(); }
  bool isListingSeries() const { return queries_->isListingSeries(); }
  bool isRetrieving() const { return retrieve_->isRunning(); }
  // Searches whose worker thread has not ended yet, stopped or superseded ones included (they
  // end at the archive's next answer).
  int pendingSearches() const { return queries_->pendingSearches(); }
  // Instances of the running (or last) retrieve kept so far, counted as they arrive.
  qint64 receivedInstances() const { return retrieve_->received(); }

  QStandardItemModel* results() const { return tree_->results(); }
  QTreeView* resultsView() const { return tree_; }
  QString statusText() const;
  QString errorText() const;  // "" when nothing went wrong

 signals:
  // After every retrieve that kept something, or stopped (cancelled, failed): what was kept is
  // indexed, the browser should show it. `summary` is the status line.
  void retrieveFinished(const QString& summary, int indexedSeries);

 private:
  void onSearchFinished(const workflow::RemoteNode& node,
                        const std::vector<dicom::net::QueryMatch>& matches, const QString& error);
  void showMatches(const std::vector<dicom::net::QueryMatch>& matches);
  void onSeriesListed(const QString& studyUid, const std::vector<dicom::net::QueryMatch>& series,
                      const QString& error);
  void onRetrieveFinished();
  void updateProgress();
  void updateSelection();
  void updateButtons();
  void setStatus(const QString& text);
  void setError(const QString& text);

  QString indexPath_;

  QueryRunner* queries_;
  ArchiveNodeRow* nodeRow_;
  QueryFilterForm* filter_;
  QPushButton* searchButton_;
  QPushButton* stopButton_;
  QPushButton* clearButton_;
  QLabel* resultsSummary_;
  QueryResultsTree* tree_;
  QLabel* selection_;
  QLabel* status_;
  QLabel* error_;
  QProgressBar* progress_;
  QPushButton* retrieveButton_;
  QPushButton* cancelButton_;
  QPushButton* closeButton_;
  QTimer* ticker_;
  RetrieveJob* retrieve_;

  // The node the results came from: a retrieve asks it, whatever the combo shows now.
  std::unique_ptr<workflow::RemoteNode> resultsNode_;
};

}  // namespace nbra::viewer
