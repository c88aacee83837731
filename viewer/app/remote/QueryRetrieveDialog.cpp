#include "viewer/app/remote/QueryRetrieveDialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "viewer/app/remote/QueryFilterForm.h"
#include "viewer/app/remote/QueryRetrieveSupport.h"
#include "viewer/app/window/ScreenFit.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::viewer {
namespace {

using dicom::net::QueryFilter;
using dicom::net::QueryMatch;
using qr::counted;

QPushButton* button(const QString& text, const char* objectName, const QString& accessible) {
  auto* b = new QPushButton(text);
  b->setObjectName(objectName);
  b->setAccessibleName(accessible);
  b->setAutoDefault(false);
  return b;
}

}  // namespace

QueryRetrieveDialog::QueryRetrieveDialog(QString indexPath, QString nodesFile, QWidget* parent)
    : QDialog(parent), indexPath_(std::move(indexPath)), queries_(new QueryRunner(this)) {
  setWindowTitle(tr("Query/Retrieve"));
  setObjectName("queryRetrieveDialog");

  nodeRow_ = new ArchiveNodeRow(std::move(nodesFile), this);
  filter_ = new QueryFilterForm(this);

  searchButton_ = button(tr("&Search"), "qrSearch", tr("Search"));
  searchButton_->setDefault(true);
  stopButton_ = button(tr("St&op"), "qrStopSearch", tr("Stop the search"));
  clearButton_ = button(tr("C&lear"), "qrClear", tr("Clear the filters"));
  resultsSummary_ = qr::selectableLine("qrResultsSummary");
  resultsSummary_->setAccessibleName(tr("Search result"));
  auto* searchRow = new QHBoxLayout;
  searchRow->addWidget(resultsSummary_, 1);
  searchRow->addWidget(clearButton_);
  searchRow->addWidget(stopButton_);
  searchRow->addWidget(searchButton_);

  tree_ = new QueryResultsTree(this);

  selection_ = qr::selectableLine("qrSelection");
  selection_->setAccessibleName(tr("Selected for retrieve"));
  status_ = qr::selectableLine("qrStatus");
  status_->setAccessibleName(tr("Status"));
  error_ = qr::selectableLine("qrError");
  error_->setAccessibleName(tr("Error"));
  error_->setStyleSheet("color: #a00000;");
  error_->setVisible(false);

  progress_ = new QProgressBar;
  progress_->setObjectName("qrProgress");
  progress_->setAccessibleName(tr("Retrieve progress"));
  progress_->setVisible(false);
  retrieveButton_ =
      button(tr("&Retrieve"), "qrRetrieve", tr("Retrieve the selected studies or series"));
  cancelButton_ = button(tr("Cancel re&trieve"), "qrCancel", tr("Cancel the retrieve"));
  cancelButton_->setToolTip(tr("Stops the retrieve; what has arrived is kept and indexed"));
  closeButton_ = button(tr("Close"), "qrClose", tr("Close"));
  closeButton_->setToolTip(
      tr("A running retrieve goes on; the study browser shows the series "
         "when it ends"));
  // The status with the progress beside it; the selection beside the button that acts on it.
  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(status_, 1);
  statusRow->addWidget(progress_);
  progress_->setFixedWidth(fontMetrics().horizontalAdvance("M") * 22);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(selection_, 1);
  bottom->addWidget(retrieveButton_);
  bottom->addWidget(cancelButton_);
  bottom->addWidget(closeButton_);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(nodeRow_);
  layout->addWidget(filter_);
  layout->addLayout(searchRow);
  layout->addWidget(tree_, 1);
  layout->addLayout(statusRow);
  layout->addWidget(error_);
  layout->addLayout(bottom);

  // Reading order: the archive, the filters row by row, the search, the results, the retrieve.
  QList<QWidget*> order = {nodeRow_->nodeBox(), nodeRow_->echoButton()};
  order << filter_->fields();
  order << QList<QWidget*>{searchButton_,   stopButton_,   clearButton_, tree_,
                           retrieveButton_, cancelButton_, closeButton_};
  for (qsizetype i = 1; i < order.size(); ++i)
    setTabOrder(order[i - 1], order[i]);

  connect(nodeRow_, &ArchiveNodeRow::nodeChanged, this, &QueryRetrieveDialog::updateButtons);
  connect(nodeRow_, &ArchiveNodeRow::echoStarted, this, [this] {
    setError({});
    updateButtons();
  });
  connect(nodeRow_, &ArchiveNodeRow::echoFinished, this, [this](const QString& error) {
    updateButtons();
    if (!error.isEmpty())
      setError(error);
  });
  connect(searchButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::startSearch);
  connect(stopButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::stopSearch);
  connect(clearButton_, &QPushButton::clicked, filter_, &QueryFilterForm::clear);
  connect(retrieveButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::startRetrieve);
  connect(cancelButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::cancelRetrieve);
  connect(closeButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::reject);
  connect(tree_, &QueryResultsTree::seriesWanted, this, [this](const QString& studyUid) {
    if (resultsNode_)
      queries_->listSeries(*resultsNode_, studyUid);
  });
  connect(queries_, &QueryRunner::searchFinished, this, &QueryRetrieveDialog::onSearchFinished);
  connect(queries_, &QueryRunner::seriesListed, this, &QueryRetrieveDialog::onSeriesListed);
  connect(tree_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &QueryRetrieveDialog::updateSelection);
  retrieve_ = new RetrieveJob(this);
  connect(retrieve_, &RetrieveJob::finished, this, &QueryRetrieveDialog::onRetrieveFinished);
  ticker_ = new QTimer(this);
  ticker_->setInterval(100);
  connect(ticker_, &QTimer::timeout, this, &QueryRetrieveDialog::updateProgress);

  reloadNodes();
  updateSelection();
  // No wider than a 1366 px screen needs; the description column takes what is left.
  resizeWithinScreen(this, QSize(1000, 640));
  filter_->focusFirstField();
}

QueryRetrieveDialog::~QueryRetrieveDialog() {
  // A search or a series listing holds only copies: told to stop, its worker ends at once on
  // its own and its answer is never delivered. The retrieve writes into the index: it is
  // stopped and waited for, never left running behind a window that is gone.
  queries_->stopAll();
  retrieve_->cancelAndWait();
}

void QueryRetrieveDialog::reloadNodes() {
  setError({});
  if (const QString problem = nodeRow_->reload(); !problem.isEmpty())
    setError(tr("The archives cannot be listed: %1").arg(problem));
  if (!nodeRow_->hasNodes() && error_->isHidden()) {
    setStatus(tr("No archive is configured: add one to %1 (docs/networking.md).")
                  .arg(nodeRow_->nodesFile()));
  } else if (nodeRow_->hasNodes()) {
    setStatus(tr("Fill in what you know and search; expand a study to list its series."));
  }
  updateButtons();
}

QString QueryRetrieveDialog::statusText() const {
  return status_->text();
}

QString QueryRetrieveDialog::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void QueryRetrieveDialog::setStatus(const QString& text) {
  status_->setText(text);
}

void QueryRetrieveDialog::setError(const QString& text) {
  error_->setText(text);
  error_->setVisible(!text.isEmpty());
}

void QueryRetrieveDialog::startSearch() {
  const workflow::RemoteNode* node = nodeRow_->current();
  if (!node) {
    setError(
        tr("No archive to search: add one to %1 (docs/networking.md).").arg(nodeRow_->nodesFile()));
    return;
  }
  QueryFilter filter;
  setError({});
  if (const QString problem = filter_->read(filter); !problem.isEmpty()) {
    setError(problem);
    return;
  }
  // A newer search supersedes a running one: told to stop, its answer is dropped if it comes.
  queries_->search(*node, filter);
  setStatus(tr("Searching %1…").arg(node->name));
  updateButtons();
}

void QueryRetrieveDialog::onSearchFinished(const workflow::RemoteNode& node,
                                           const std::vector<QueryMatch>& matches,
                                           const QString& error) {
  if (!error.isEmpty()) {
    setStatus(tr("The search on %1 failed.").arg(node.name));
    setError(error);
  } else {
    resultsNode_ = std::make_unique<workflow::RemoteNode>(node);
    showMatches(matches);
  }
  updateButtons();
}

void QueryRetrieveDialog::stopSearch() {
  if (!queries_->stopSearch())
    return;
  setStatus(tr("Search stopped; the results shown are from before it."));
  updateButtons();
}

void QueryRetrieveDialog::showMatches(const std::vector<QueryMatch>& matches) {
  // The rows the running series listings would fill go: they are told to stop.
  queries_->dropListings();
  const int patients = tree_->showMatches(matches);
  const QString node = resultsNode_ ? resultsNode_->name : QString();
  if (matches.empty()) {
    resultsSummary_->setText(tr("No study on %1 matches.").arg(node));
  } else {
    QString text = tr("%1: %2 of %3.")
                       .arg(node, counted(static_cast<qint64>(matches.size()), "study", "studies"),
                            counted(patients, "patient", "patients"));
    if (matches.size() >= QueryRunner::kMaxMatches)
      text += tr(" Only the first %1 are shown: narrow the search.").arg(matches.size());
    resultsSummary_->setText(text);
  }
  setStatus(matches.empty()
                ? tr("Nothing found; widen the search (a name matches from its start).")
                : tr("Expand a study to list its series; select studies or series to retrieve."));
  updateSelection();
}

void QueryRetrieveDialog::onSeriesListed(const QString& studyUid,
                                         const std::vector<QueryMatch>& series,
                                         const QString& error) {
  // Found by its UID: rows may have moved.
  if (!tree_->showSeries(studyUid, series, error))
    return;
  if (!error.isEmpty())
    setError(error);
  updateSelection();
}

void QueryRetrieveDialog::updateSelection() {
  qint64 instances = 0;
  QString what;
  const auto targets = tree_->selectedTargets(&instances, &what);
  if (targets.empty()) {
    selection_->setText(tree_->results()->rowCount() > 0
                            ? tr("Select studies or series (Ctrl/Shift for several) to retrieve.")
                            : QString());
  } else {
    selection_->setText(
        instances >= 0 ? tr("Selected: %1, %2.").arg(what, counted(instances, "image", "images"))
                       : tr("Selected: %1.").arg(what));
  }
  updateButtons();
}

void QueryRetrieveDialog::updateButtons() {
  const bool retrieving = isRetrieving();
  searchButton_->setEnabled(nodeRow_->current() != nullptr);
  stopButton_->setEnabled(queries_->isSearching());
  retrieveButton_->setEnabled(!retrieving && resultsNode_ &&
                              tree_->selectionModel()->hasSelection());
  cancelButton_->setEnabled(retrieving && !retrieve_->isCancelling());
}

void QueryRetrieveDialog::startRetrieve() {
  if (isRetrieving() || !resultsNode_)
    return;
  qint64 instances = 0;
  QString what;
  auto targets = tree_->selectedTargets(&instances, &what);
  if (targets.empty()) {
    setStatus(tr("Select the studies or series to retrieve first."));
    return;
  }
  workflow::RetrieveRequest request;
  request.node = *resultsNode_;
  request.targets = std::move(targets);
  request.storeDir = workflow::retrieveDirFor(indexPath_);
  request.indexPath = indexPath_;
  setError({});
  setStatus(tr("Retrieving %1 from %2…").arg(what, resultsNode_->name));
  progress_->setRange(0, 0);
  progress_->setFormat({});
  progress_->setVisible(true);
  retrieve_->start(std::move(request), what, instances);
  ticker_->start();
  updateButtons();
}

void QueryRetrieveDialog::cancelRetrieve() {
  if (!isRetrieving())
    return;
  retrieve_->cancel();
  setStatus(tr("Cancelling; what has arrived is kept…"));
  updateButtons();
}

void QueryRetrieveDialog::updateProgress() {
  if (!isRetrieving())
    return;
  const RetrieveJob::Progress p = retrieve_->progress();
  if (p.total > 0) {
    progress_->setRange(0, static_cast<int>(p.total));
    progress_->setValue(static_cast<int>(std::min(p.received, p.total)));
    progress_->setFormat(tr("%1 of %2").arg(p.received).arg(p.total));
  } else {
    progress_->setRange(0, 0);
  }
  if (!retrieve_->isCancelling())
    setStatus(p.line);
}

void QueryRetrieveDialog::onRetrieveFinished() {
  ticker_->stop();
  progress_->setVisible(false);
  const RetrieveJob::Result& result = retrieve_->result();
  if (!result.error.isEmpty())
    setError(result.error);
  if (result.hasProblems)
    error_->setToolTip(result.problems);
  setStatus(result.summary);
  updateButtons();
  emit retrieveFinished(result.summary, result.indexedSeries);
}

}  // namespace nbra::viewer
