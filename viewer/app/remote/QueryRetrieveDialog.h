#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QStandardItemModel>
#include <atomic>
#include <memory>
#include <vector>

#include "dicom/net/QueryKeys.h"
#include "workflow/net/RemoteNode.h"
#include "workflow/net/RemoteOperations.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeView;

namespace nbra::viewer {

// File > Query/Retrieve...: studies found on an archive (DIMSE or DICOMweb, as the node file
// says, docs/networking.md) by patient, date, modality, accession or description, shown patient
// > study > series, and retrieved into the image index so that they open like local ones. Every
// network call runs off the GUI thread; a search can be stopped or superseded, a retrieve
// cancelled (what arrived is kept and indexed).
class QueryRetrieveDialog : public QDialog {
  Q_OBJECT
 public:
  // What a row of the results is (kKindRole).
  enum class RowKind { Patient = 1, Study, Series, Placeholder };
  static constexpr int kKindRole = Qt::UserRole + 1;
  static constexpr int kStudyUidRole = Qt::UserRole + 2;
  static constexpr int kSeriesUidRole = Qt::UserRole + 3;
  static constexpr int kInstancesRole = Qt::UserRole + 4;  // -1: the archive did not say
  enum Column { kName = 0, kDate, kModality, kDescription, kImages, kColumnCount };

  // `indexPath`: the image index the main window shows, where retrieved series are indexed.
  // `nodesFile`: empty for workflow::defaultNodesFile().
  explicit QueryRetrieveDialog(QString indexPath, QString nodesFile = {},
                               QWidget* parent = nullptr);
  ~QueryRetrieveDialog() override;

  // Reads the node file again (keeps the chosen node when it is still there).
  void reloadNodes();
  bool selectNode(const QString& name);

  // The same as the buttons, for tests and callers that fill the filters themselves.
  void startEcho();
  void startSearch();
  void stopSearch();
  void startRetrieve();  // the selected rows
  void cancelRetrieve();

  bool isEchoing() const { return echoRunning_; }
  bool isSearching() const { return searchRunning_; }
  bool isListingSeries() const { return seriesRequests_ > 0; }
  bool isRetrieving() const { return retrieveWatcher_.isRunning(); }
  // Instances of the running (or last) retrieve kept so far, counted as they arrive.
  qint64 receivedInstances() const;

  QStandardItemModel* results() const { return results_; }
  QTreeView* resultsView() const { return tree_; }
  QString statusText() const;
  QString errorText() const;  // "" when nothing went wrong

 signals:
  // After every retrieve that kept something, or stopped (cancelled, failed): what was kept is
  // indexed, the browser should show it. `summary` is the status line.
  void retrieveFinished(const QString& summary, int indexedSeries);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct RetrieveState {
    std::atomic<bool> cancel{false};
    std::atomic<qint64> received{0};
    std::atomic<int> remaining{-1};
  };
  struct RetrieveOutcome {
    std::shared_ptr<workflow::RetrieveReport> report;
    QString error;
  };

  const workflow::RemoteNode* currentNode() const;
  bool readFilter(dicom::net::QueryFilter& filter);
  void showMatches(const std::vector<dicom::net::QueryMatch>& matches);
  void onExpanded(const QModelIndex& index);
  void listSeries(QStandardItem* study);
  void showSeries(const QString& studyUid, const std::vector<dicom::net::QueryMatch>& series,
                  const QString& error);
  QStandardItem* findStudy(const QString& studyUid) const;
  std::vector<dicom::net::RetrieveTarget> selectedTargets(qint64* instances, QString* what) const;
  void onRetrieveFinished();
  void updateProgress();
  void updateSelection();
  void updateButtons();
  void setStatus(const QString& text);
  void setError(const QString& text);

  QString indexPath_;
  QString nodesFile_;
  std::vector<workflow::RemoteNode> nodes_;

  QComboBox* node_;
  QLabel* nodeAddress_;
  QPushButton* echoButton_;
  QLabel* echoResult_;
  QLineEdit* patientId_;
  QLineEdit* patientName_;
  QLineEdit* dateFrom_;
  QLineEdit* dateTo_;
  QComboBox* modality_;
  QLineEdit* accession_;
  QLineEdit* description_;
  QPushButton* searchButton_;
  QPushButton* stopButton_;
  QPushButton* clearButton_;
  QLabel* resultsSummary_;
  QStandardItemModel* results_;
  QTreeView* tree_;
  QLabel* selection_;
  QLabel* status_;
  QLabel* error_;
  QProgressBar* progress_;
  QPushButton* retrieveButton_;
  QPushButton* cancelButton_;
  QPushButton* closeButton_;
  QTimer* ticker_;

  bool echoRunning_ = false;
  bool searchRunning_ = false;
  int searchGeneration_ = 0;  // results of an older search are dropped when they arrive
  int seriesRequests_ = 0;
  // The node the results came from: a retrieve asks it, whatever the combo shows now.
  std::unique_ptr<workflow::RemoteNode> resultsNode_;

  QFutureWatcher<RetrieveOutcome> retrieveWatcher_;
  std::shared_ptr<RetrieveState> retrieveState_;
  QString retrieveNodeName_;
  QString retrieveWhat_;  // "2 series of DOE, JANE  [123]"
  qint64 retrieveQueryTotal_ = -1;
};

}  // namespace nbra::viewer
