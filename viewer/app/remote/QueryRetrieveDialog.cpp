#include "viewer/app/remote/QueryRetrieveDialog.h"

#include <QComboBox>
#include <QDate>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "viewer/app/browser/DicomText.h"
#include "viewer/app/window/ScreenFit.h"

namespace nbra::viewer {
namespace {

using dicom::net::QueryFilter;
using dicom::net::QueryLevel;
using dicom::net::QueryMatch;

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

struct SearchOutcome {
  std::vector<QueryMatch> matches;
  QString error;
};

struct EchoOutcome {
  qint64 milliseconds = 0;
  QString error;
};

// Runs `work` on the global pool and hands its result to `done` on the GUI thread. The watcher
// is a child of `context`: when the dialog goes first, `done` is never called, and since `work`
// holds only copies, nothing it touches goes with the dialog.
template <typename T, typename Work, typename Done>
void runInBackground(QObject* context, Work work, Done done) {
  auto* watcher = new QFutureWatcher<T>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done] {
    watcher->deleteLater();
    done(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(std::move(work)));
}

QString messageOf(const std::exception& e) {
  return QString::fromStdString(e.what());
}

// "DOE^JANE" and "Doe, Jane" alike; a name without wildcards matches names that start with it,
// as a reader typing part of a name expects.
std::string nameQuery(QString typed) {
  typed = typed.trimmed();
  if (typed.isEmpty())
    return {};
  typed.replace(QRegularExpression("\\s*,\\s*"), "^");
  if (!typed.contains('*') && !typed.contains('?'))
    typed += '*';
  return typed.toStdString();
}

// Empty stays empty (any date); YYYYMMDD or YYYY-MM-DD becomes YYYYMMDD; false when it is not a
// real date.
bool dateQuery(const QString& typed, std::string& out) {
  QString digits = typed.trimmed();
  digits.remove('-');
  if (digits.isEmpty()) {
    out.clear();
    return true;
  }
  if (!QDate::fromString(digits, "yyyyMMdd").isValid())
    return false;
  out = digits.toStdString();
  return true;
}

QString nodeAddress(const workflow::RemoteNode& node) {
  if (node.protocol == workflow::RemoteNode::Protocol::DicomWeb)
    return QObject::tr("%1 · DICOMweb").arg(node.web.baseUrl);
  const auto& d = node.dimse;
  return QObject::tr("%1@%2:%3 · DIMSE %4%5")
      .arg(str(d.calledAeTitle), str(d.host))
      .arg(d.port)
      .arg(node.retrieve == workflow::RetrieveMethod::Move ? "C-MOVE" : "C-GET")
      .arg(d.tls.enabled ? QObject::tr(" · TLS") : QString());
}

// Set when the series of a study are being listed: a second expand does not ask again.
constexpr int kListingRole = Qt::UserRole + 10;

// "1 study", "3 studies": no translation is loaded, so %n plurals would read "3 study(s)".
QString counted(qint64 n, const char* one, const char* many) {
  return QStringLiteral("%1 %2").arg(n).arg(
      QCoreApplication::translate("QueryRetrieveDialog", n == 1 ? one : many));
}

QString countText(int n) {
  return n < 0 ? QString() : QString::number(n);
}

QList<QStandardItem*> makeRow(QueryRetrieveDialog::RowKind kind,
                              const std::array<QString, QueryRetrieveDialog::kColumnCount>& text) {
  QList<QStandardItem*> items;
  for (const QString& t : text) {
    auto* item = new QStandardItem(t);
    item->setEditable(false);
    item->setData(static_cast<int>(kind), QueryRetrieveDialog::kKindRole);
    items.append(item);
  }
  items[QueryRetrieveDialog::kImages]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return items;
}

QueryRetrieveDialog::RowKind kindOf(const QStandardItem* item) {
  return static_cast<QueryRetrieveDialog::RowKind>(
      item->data(QueryRetrieveDialog::kKindRole).toInt());
}

QStandardItem* placeholder(const QString& text) {
  auto* item = new QStandardItem(text);
  item->setEditable(false);
  item->setSelectable(false);
  item->setData(static_cast<int>(QueryRetrieveDialog::RowKind::Placeholder),
                QueryRetrieveDialog::kKindRole);
  QFont font = item->font();
  font.setItalic(true);
  item->setFont(font);
  return item;
}

QLabel* selectableLine(const char* objectName) {
  auto* label = new QLabel;
  label->setObjectName(objectName);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  return label;
}

}  // namespace

QueryRetrieveDialog::QueryRetrieveDialog(QString indexPath, QString nodesFile, QWidget* parent)
    : QDialog(parent),
      indexPath_(std::move(indexPath)),
      nodesFile_(nodesFile.isEmpty() ? workflow::defaultNodesFile() : std::move(nodesFile)) {
  setWindowTitle(tr("Query/Retrieve"));
  setObjectName("queryRetrieveDialog");

  node_ = new QComboBox;
  node_->setObjectName("qrNode");
  node_->setAccessibleName(tr("Archive"));
  node_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  nodeAddress_ = new QLabel;
  nodeAddress_->setObjectName("qrNodeAddress");
  nodeAddress_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  echoButton_ = new QPushButton(tr("&Echo"));
  echoButton_->setObjectName("qrEcho");
  echoButton_->setAccessibleName(tr("Echo the archive"));
  echoButton_->setToolTip(tr("Checks that the archive answers (C-ECHO, or a DICOMweb search)"));
  echoResult_ = selectableLine("qrEchoResult");
  echoResult_->setAccessibleName(tr("Echo result"));
  echoResult_->setWordWrap(false);
  // Neither line may widen the dialog beyond the screen: they take the room the row leaves
  // (the full text is in the tooltip, an echo failure also in the error line).
  echoResult_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  nodeAddress_->setMaximumWidth(fontMetrics().horizontalAdvance("M") * 36);
  auto* nodeRow = new QHBoxLayout;
  auto* archiveLabel = new QLabel(tr("&Archive:"));
  archiveLabel->setBuddy(node_);
  nodeRow->addWidget(archiveLabel);
  nodeRow->addWidget(node_);
  nodeRow->addWidget(nodeAddress_);
  nodeRow->addWidget(echoButton_);
  nodeRow->addWidget(echoResult_, 1);

  auto edit = [](const char* objectName, const QString& accessible, const QString& placeholder) {
    auto* e = new QLineEdit;
    e->setObjectName(objectName);
    e->setAccessibleName(accessible);
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
  };
  patientId_ = edit("qrPatientId", tr("Patient ID"), tr("exact, or with * and ?"));
  patientName_ = edit("qrPatientName", tr("Patient name"), tr("DOE^JANE; the start is enough"));
  accession_ = edit("qrAccession", tr("Accession number"), {});
  description_ = edit("qrDescription", tr("Study description"), tr("e.g. *thorax*"));
  auto* dateValidator =
      new QRegularExpressionValidator(QRegularExpression("\\d{0,4}-?\\d{0,2}-?\\d{0,2}"), this);
  dateFrom_ = edit("qrDateFrom", tr("Study date from"), tr("YYYYMMDD"));
  dateTo_ = edit("qrDateTo", tr("Study date to"), tr("YYYYMMDD"));
  for (QLineEdit* d : {dateFrom_, dateTo_}) {
    d->setValidator(dateValidator);
    d->setToolTip(tr("Empty: any date. YYYYMMDD or YYYY-MM-DD."));
    // Room for "YYYY-MM-DD" and the clear button, no more: the range reads as one field.
    d->setFixedWidth(fontMetrics().horizontalAdvance("YYYY-MM-DD") + 48);
  }
  modality_ = new QComboBox;
  modality_->setObjectName("qrModality");
  modality_->setAccessibleName(tr("Modality"));
  modality_->addItem(tr("any"), QString());
  for (const char* m : {"CT", "MR", "PT", "NM", "SR", "US", "CR", "DX", "SEG", "OT"})
    modality_->addItem(m, QString(m));

  auto* dates = new QHBoxLayout;
  dates->setContentsMargins(0, 0, 0, 0);
  dates->addWidget(dateFrom_);
  dates->addWidget(new QLabel(tr("to")));
  dates->addWidget(dateTo_);
  auto* filters = new QGridLayout;
  auto addField = [filters](int row, int column, const QString& label, QWidget* field,
                            QLayout* fieldLayout = nullptr) {
    auto* l = new QLabel(label);
    l->setBuddy(field);
    filters->addWidget(l, row, column * 2);
    if (fieldLayout)
      filters->addLayout(fieldLayout, row, column * 2 + 1);
    else
      filters->addWidget(field, row, column * 2 + 1);
  };
  addField(0, 0, tr("Patient &ID:"), patientId_);
  addField(0, 1, tr("Patient &name:"), patientName_);
  addField(0, 2, tr("A&ccession:"), accession_);
  addField(1, 0, tr("Study &date:"), dateFrom_, dates);
  auto* modalityRow = new QHBoxLayout;
  modalityRow->setContentsMargins(0, 0, 0, 0);
  modalityRow->addWidget(modality_);
  modalityRow->addStretch();
  addField(1, 1, tr("&Modality:"), modality_, modalityRow);
  addField(1, 2, tr("Descri&ption:"), description_);
  for (int c : {1, 3, 5})
    filters->setColumnStretch(c, 1);

  searchButton_ = new QPushButton(tr("&Search"));
  searchButton_->setObjectName("qrSearch");
  searchButton_->setAccessibleName(tr("Search"));
  searchButton_->setDefault(true);
  stopButton_ = new QPushButton(tr("St&op"));
  stopButton_->setObjectName("qrStopSearch");
  stopButton_->setAccessibleName(tr("Stop the search"));
  stopButton_->setAutoDefault(false);
  clearButton_ = new QPushButton(tr("C&lear"));
  clearButton_->setObjectName("qrClear");
  clearButton_->setAccessibleName(tr("Clear the filters"));
  clearButton_->setAutoDefault(false);
  echoButton_->setAutoDefault(false);
  resultsSummary_ = selectableLine("qrResultsSummary");
  resultsSummary_->setAccessibleName(tr("Search result"));
  auto* searchRow = new QHBoxLayout;
  searchRow->addWidget(resultsSummary_, 1);
  searchRow->addWidget(clearButton_);
  searchRow->addWidget(stopButton_);
  searchRow->addWidget(searchButton_);

  results_ = new QStandardItemModel(this);
  results_->setHorizontalHeaderLabels({tr("Patient / study / series"), tr("Date"), tr("Modality"),
                                       tr("Description"), tr("Images")});
  tree_ = new QTreeView;
  tree_->setObjectName("qrResults");
  tree_->setAccessibleName(tr("Studies found"));
  tree_->setModel(results_);
  tree_->setUniformRowHeights(true);
  tree_->setAlternatingRowColors(true);
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
  tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  QHeaderView* header = tree_->header();
  header->setStretchLastSection(false);
  header->setSectionResizeMode(kName, QHeaderView::Interactive);
  header->setSectionResizeMode(kDate, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(kModality, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(kDescription, QHeaderView::Stretch);
  header->setSectionResizeMode(kImages, QHeaderView::ResizeToContents);
  tree_->setColumnWidth(kName, fontMetrics().horizontalAdvance("M") * 26);

  selection_ = selectableLine("qrSelection");
  selection_->setAccessibleName(tr("Selected for retrieve"));
  status_ = selectableLine("qrStatus");
  status_->setAccessibleName(tr("Status"));
  error_ = selectableLine("qrError");
  error_->setAccessibleName(tr("Error"));
  error_->setStyleSheet("color: #a00000;");
  error_->setVisible(false);

  progress_ = new QProgressBar;
  progress_->setObjectName("qrProgress");
  progress_->setAccessibleName(tr("Retrieve progress"));
  progress_->setVisible(false);
  retrieveButton_ = new QPushButton(tr("&Retrieve"));
  retrieveButton_->setObjectName("qrRetrieve");
  retrieveButton_->setAccessibleName(tr("Retrieve the selected studies or series"));
  retrieveButton_->setAutoDefault(false);
  cancelButton_ = new QPushButton(tr("Cancel re&trieve"));
  cancelButton_->setObjectName("qrCancel");
  cancelButton_->setAccessibleName(tr("Cancel the retrieve"));
  cancelButton_->setToolTip(tr("Stops the retrieve; what has arrived is kept and indexed"));
  cancelButton_->setAutoDefault(false);
  closeButton_ = new QPushButton(tr("Close"));
  closeButton_->setObjectName("qrClose");
  closeButton_->setAccessibleName(tr("Close"));
  closeButton_->setToolTip(
      tr("A running retrieve goes on; the study browser shows the series "
         "when it ends"));
  closeButton_->setAutoDefault(false);
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
  layout->addLayout(nodeRow);
  layout->addLayout(filters);
  layout->addLayout(searchRow);
  layout->addWidget(tree_, 1);
  layout->addLayout(statusRow);
  layout->addWidget(error_);
  layout->addLayout(bottom);

  // Reading order: the archive, the filters row by row, the search, the results, the retrieve.
  QWidget* order[] = {node_,        echoButton_,     patientId_,    patientName_,
                      accession_,   dateFrom_,       dateTo_,       modality_,
                      description_, searchButton_,   stopButton_,   clearButton_,
                      tree_,        retrieveButton_, cancelButton_, closeButton_};
  for (std::size_t i = 1; i < std::size(order); ++i)
    setTabOrder(order[i - 1], order[i]);

  connect(node_, &QComboBox::currentIndexChanged, this, [this] {
    const workflow::RemoteNode* node = currentNode();
    nodeAddress_->setText(node ? nodeAddress(*node) : QString());
    nodeAddress_->setToolTip(node ? workflow::describe(*node) : QString());
    echoResult_->clear();
    updateButtons();
  });
  connect(echoButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::startEcho);
  connect(searchButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::startSearch);
  connect(stopButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::stopSearch);
  connect(clearButton_, &QPushButton::clicked, this, [this] {
    for (QLineEdit* e : {patientId_, patientName_, dateFrom_, dateTo_, accession_, description_})
      e->clear();
    modality_->setCurrentIndex(0);
    patientId_->setFocus();
  });
  connect(retrieveButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::startRetrieve);
  connect(cancelButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::cancelRetrieve);
  connect(closeButton_, &QPushButton::clicked, this, &QueryRetrieveDialog::reject);
  connect(tree_, &QTreeView::expanded, this, &QueryRetrieveDialog::onExpanded);
  tree_->installEventFilter(this);
  connect(tree_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &QueryRetrieveDialog::updateSelection);
  connect(&retrieveWatcher_, &QFutureWatcher<RetrieveOutcome>::finished, this,
          &QueryRetrieveDialog::onRetrieveFinished);
  ticker_ = new QTimer(this);
  ticker_->setInterval(100);
  connect(ticker_, &QTimer::timeout, this, &QueryRetrieveDialog::updateProgress);

  reloadNodes();
  updateSelection();
  // No wider than a 1366 px screen needs; the description column takes what is left.
  resizeWithinScreen(this, QSize(1000, 640));
}

QueryRetrieveDialog::~QueryRetrieveDialog() {
  // The retrieve writes into the index: it is stopped and waited for, never left running
  // behind a window that is gone. Searches and echoes hold only copies and may finish alone.
  if (retrieveState_)
    retrieveState_->cancel = true;
  retrieveWatcher_.waitForFinished();
}

bool QueryRetrieveDialog::eventFilter(QObject* watched, QEvent* event) {
  // Enter in the results opens or closes the row; passed on, it would press Search (the
  // dialog's default button) and replace the results the reader is going through.
  if (watched == tree_ && event->type() == QEvent::KeyPress) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
      const QModelIndex current = tree_->currentIndex().siblingAtColumn(kName);
      if (current.isValid())
        tree_->setExpanded(current, !tree_->isExpanded(current));
      return true;
    }
  }
  return QDialog::eventFilter(watched, event);
}

void QueryRetrieveDialog::reloadNodes() {
  const QString chosen = node_->currentText();
  node_->blockSignals(true);
  node_->clear();
  nodes_.clear();
  setError({});
  try {
    nodes_ = workflow::readNodes(nodesFile_);
  } catch (const std::exception& e) {
    setError(tr("The archives cannot be listed: %1").arg(messageOf(e)));
  }
  for (const auto& node : nodes_) {
    node_->addItem(node.name);
    node_->setItemData(node_->count() - 1, workflow::describe(node), Qt::ToolTipRole);
  }
  const int keep = node_->findText(chosen);
  node_->setCurrentIndex(keep >= 0 ? keep : 0);
  node_->blockSignals(false);
  const workflow::RemoteNode* node = currentNode();
  nodeAddress_->setText(node ? nodeAddress(*node) : QString());
  nodeAddress_->setToolTip(node ? workflow::describe(*node) : QString());
  if (nodes_.empty() && error_->isHidden()) {
    setStatus(tr("No archive is configured: add one to %1 (docs/networking.md).").arg(nodesFile_));
  } else if (!nodes_.empty()) {
    setStatus(tr("Fill in what you know and search; expand a study to list its series."));
  }
  updateButtons();
}

bool QueryRetrieveDialog::selectNode(const QString& name) {
  const int i = node_->findText(name);
  if (i >= 0)
    node_->setCurrentIndex(i);
  return i >= 0;
}

const workflow::RemoteNode* QueryRetrieveDialog::currentNode() const {
  const int i = node_->currentIndex();
  return i >= 0 && i < static_cast<int>(nodes_.size()) ? &nodes_[static_cast<std::size_t>(i)]
                                                       : nullptr;
}

qint64 QueryRetrieveDialog::receivedInstances() const {
  return retrieveState_ ? retrieveState_->received.load() : 0;
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

void QueryRetrieveDialog::startEcho() {
  const workflow::RemoteNode* node = currentNode();
  if (!node || echoRunning_)
    return;
  echoRunning_ = true;
  setError({});
  echoResult_->setStyleSheet({});
  echoResult_->setText(tr("Asking %1…").arg(node->name));
  updateButtons();
  const QString asked = node->name;
  runInBackground<EchoOutcome>(
      this,
      [node = *node] {
        EchoOutcome outcome;
        QElapsedTimer clock;
        clock.start();
        try {
          workflow::echoNode(node);
        } catch (const std::exception& e) {
          outcome.error = messageOf(e);
        }
        outcome.milliseconds = clock.elapsed();
        return outcome;
      },
      [this, asked](const EchoOutcome& outcome) {
        echoRunning_ = false;
        updateButtons();
        // An answer for a node no longer chosen would be read as this one's.
        if (node_->currentText() != asked)
          return;
        if (outcome.error.isEmpty()) {
          echoResult_->setStyleSheet("color: #006400;");
          echoResult_->setText(tr("✓ %1 answered in %2 ms").arg(asked).arg(outcome.milliseconds));
        } else {
          echoResult_->setStyleSheet("color: #a00000;");
          echoResult_->setText(tr("✗ %1 did not answer").arg(asked));
          setError(outcome.error);
        }
        echoResult_->setToolTip(outcome.error.isEmpty() ? echoResult_->text() : outcome.error);
      });
}

bool QueryRetrieveDialog::readFilter(QueryFilter& filter) {
  filter.patientId = patientId_->text().trimmed().toStdString();
  filter.patientName = nameQuery(patientName_->text());
  filter.accessionNumber = accession_->text().trimmed().toStdString();
  filter.studyDescription = description_->text().trimmed().toStdString();
  filter.modality = modality_->currentData().toString().toStdString();
  const std::pair<QLineEdit*, std::string*> dates[] = {{dateFrom_, &filter.studyDateFrom},
                                                       {dateTo_, &filter.studyDateTo}};
  for (const auto& [field, out] : dates) {
    if (!dateQuery(field->text(), *out)) {
      setError(tr("%1: '%2' is not a date; write it as YYYYMMDD (e.g. 20260115) or leave it "
                  "empty for any date.")
                   .arg(field->accessibleName(), field->text()));
      field->setFocus();
      return false;
    }
  }
  if (const std::string problem = dicom::net::checkFilter(filter, QueryLevel::Study);
      !problem.empty()) {
    setError(tr("The search cannot be sent: %1").arg(str(problem)));
    return false;
  }
  return true;
}

void QueryRetrieveDialog::startSearch() {
  const workflow::RemoteNode* node = currentNode();
  if (!node) {
    setError(tr("No archive to search: add one to %1 (docs/networking.md).").arg(nodesFile_));
    return;
  }
  QueryFilter filter;
  setError({});
  if (!readFilter(filter))
    return;
  // A newer search supersedes a running one: its answer is dropped when it comes.
  const int generation = ++searchGeneration_;
  searchRunning_ = true;
  setStatus(tr("Searching %1…").arg(node->name));
  updateButtons();
  auto asked = std::make_shared<workflow::RemoteNode>(*node);
  runInBackground<SearchOutcome>(
      this,
      [node = *node, filter] {
        SearchOutcome outcome;
        try {
          outcome.matches = workflow::queryNode(node, QueryLevel::Study, filter);
        } catch (const std::exception& e) {
          outcome.error = messageOf(e);
        }
        return outcome;
      },
      [this, generation, asked](const SearchOutcome& outcome) {
        if (generation != searchGeneration_)
          return;
        searchRunning_ = false;
        if (!outcome.error.isEmpty()) {
          setStatus(tr("The search on %1 failed.").arg(asked->name));
          setError(outcome.error);
        } else {
          resultsNode_ = std::make_unique<workflow::RemoteNode>(*asked);
          showMatches(outcome.matches);
        }
        updateButtons();
      });
}

void QueryRetrieveDialog::stopSearch() {
  if (!searchRunning_)
    return;
  ++searchGeneration_;
  searchRunning_ = false;
  setStatus(tr("Search stopped; the results shown are from before it."));
  updateButtons();
}

void QueryRetrieveDialog::showMatches(const std::vector<QueryMatch>& matches) {
  results_->removeRows(0, results_->rowCount());
  // One row per patient: the same ID under another name is another row, never merged.
  std::map<std::pair<QString, QString>, std::vector<const QueryMatch*>> patients;
  for (const QueryMatch& m : matches) {
    patients[{displayPersonName(m.patientName), str(m.patientId)}].push_back(&m);
  }
  for (auto& [key, studies] : patients) {
    std::sort(studies.begin(), studies.end(), [](const QueryMatch* a, const QueryMatch* b) {
      return std::tie(a->studyDate, a->studyTime) > std::tie(b->studyDate, b->studyTime);
    });
    const QString born = studies.front()->patientBirthDate.empty()
                             ? QString()
                             : tr("born %1").arg(displayDate(studies.front()->patientBirthDate));
    QString label = key.first;
    if (!key.second.isEmpty())
      label += QStringLiteral("  [%1]").arg(key.second);
    auto patient = makeRow(
        RowKind::Patient,
        {label, born, {}, counted(static_cast<qint64>(studies.size()), "study", "studies"), {}});
    patient[kName]->setToolTip(tr("%1\nPatient ID: %2").arg(key.first, key.second));
    QStringList modalities;
    int images = 0;
    for (const QueryMatch* s : studies) {
      const QString inStudy = str(s->modalitiesInStudy).split('\\', Qt::SkipEmptyParts).join('/');
      for (const QString& m : inStudy.split('/', Qt::SkipEmptyParts))
        if (!modalities.contains(m))
          modalities << m;
      images =
          (images < 0 || s->studyRelatedInstances < 0) ? -1 : images + s->studyRelatedInstances;
      const QString name = s->accessionNumber.empty()
                               ? tr("Study")
                               : tr("Accession %1").arg(str(s->accessionNumber));
      const QString description =
          s->studyDescription.empty() ? tr("(no description)") : str(s->studyDescription);
      auto study = makeRow(RowKind::Study, {name, displayDate(s->studyDate), inStudy, description,
                                            countText(s->studyRelatedInstances)});
      for (QStandardItem* item : study) {
        item->setData(str(s->studyInstanceUid), kStudyUidRole);
        item->setData(s->studyRelatedInstances, kInstancesRole);
      }
      study[kName]->setToolTip(tr("Study Instance UID %1").arg(str(s->studyInstanceUid)));
      if (s->studyRelatedSeries >= 0)
        study[kImages]->setToolTip(counted(s->studyRelatedSeries, "series", "series"));
      study[kName]->appendRow(placeholder(tr("expand to list the series")));
      patient[kName]->appendRow(study);
    }
    patient[kModality]->setText(modalities.join('/'));
    patient[kImages]->setText(countText(images));
    patient[kName]->setData(images, kInstancesRole);
    results_->appendRow(patient);
  }
  tree_->expandToDepth(0);
  // The patient is named in full: the first column is as wide as its longest name, but leaves
  // the description a third of the view.
  tree_->resizeColumnToContents(kName);
  const int roomForName = tree_->viewport()->width() * 2 / 3 - tree_->columnWidth(kDate) -
                          tree_->columnWidth(kModality) - tree_->columnWidth(kImages);
  tree_->setColumnWidth(
      kName, std::clamp(tree_->columnWidth(kName), fontMetrics().horizontalAdvance("M") * 20,
                        std::max(roomForName, fontMetrics().horizontalAdvance("M") * 20)));

  const QString node = resultsNode_ ? resultsNode_->name : QString();
  if (matches.empty()) {
    resultsSummary_->setText(tr("No study on %1 matches.").arg(node));
  } else {
    QString text = tr("%1: %2 of %3.")
                       .arg(node, counted(static_cast<qint64>(matches.size()), "study", "studies"),
                            counted(static_cast<qint64>(patients.size()), "patient", "patients"));
    if (matches.size() >= 5000)
      text += tr(" Only the first %1 are shown: narrow the search.").arg(matches.size());
    resultsSummary_->setText(text);
  }
  setStatus(matches.empty()
                ? tr("Nothing found; widen the search (a name matches from its start).")
                : tr("Expand a study to list its series; select studies or series to retrieve."));
  updateSelection();
}

QStandardItem* QueryRetrieveDialog::findStudy(const QString& studyUid) const {
  for (int p = 0; p < results_->rowCount(); ++p) {
    QStandardItem* patient = results_->item(p, kName);
    for (int s = 0; s < patient->rowCount(); ++s) {
      QStandardItem* study = patient->child(s, kName);
      if (study->data(kStudyUidRole).toString() == studyUid)
        return study;
    }
  }
  return nullptr;
}

void QueryRetrieveDialog::onExpanded(const QModelIndex& index) {
  QStandardItem* item = results_->itemFromIndex(index.siblingAtColumn(kName));
  if (!item || kindOf(item) != RowKind::Study || item->rowCount() != 1)
    return;
  // Only a study whose one child is still the placeholder (never listed, or failed) asks.
  if (kindOf(item->child(0)) == RowKind::Placeholder && !item->data(kListingRole).toBool())
    listSeries(item);
}

void QueryRetrieveDialog::listSeries(QStandardItem* study) {
  if (!resultsNode_)
    return;
  const QString studyUid = study->data(kStudyUidRole).toString();
  study->setData(true, kListingRole);
  study->child(0)->setText(tr("listing the series…"));
  ++seriesRequests_;
  QueryFilter filter;
  filter.studyInstanceUid = studyUid.toStdString();
  runInBackground<SearchOutcome>(
      this,
      [node = *resultsNode_, filter] {
        SearchOutcome outcome;
        try {
          outcome.matches = workflow::queryNode(node, QueryLevel::Series, filter);
        } catch (const std::exception& e) {
          outcome.error = messageOf(e);
        }
        return outcome;
      },
      [this, studyUid](const SearchOutcome& outcome) {
        --seriesRequests_;
        // Found by its UID: rows may have moved, or a newer search may show the study again.
        showSeries(studyUid, outcome.matches, outcome.error);
      });
}

void QueryRetrieveDialog::showSeries(const QString& studyUid, const std::vector<QueryMatch>& series,
                                     const QString& error) {
  QStandardItem* study = findStudy(studyUid);
  if (!study)
    return;
  study->setData(false, kListingRole);
  if (!error.isEmpty()) {
    study->child(0)->setText(tr("the series could not be listed; collapse and expand to retry"));
    setError(error);
    return;
  }
  std::vector<const QueryMatch*> sorted;
  for (const QueryMatch& m : series)
    sorted.push_back(&m);
  std::sort(sorted.begin(), sorted.end(), [](const QueryMatch* a, const QueryMatch* b) {
    return a->seriesNumber.size() != b->seriesNumber.size()
               ? a->seriesNumber.size() < b->seriesNumber.size()
               : a->seriesNumber < b->seriesNumber;
  });
  study->removeRows(0, study->rowCount());
  if (sorted.empty()) {
    study->appendRow(placeholder(tr("the archive lists no series in this study")));
    return;
  }
  const QString date =
      study->parent() ? study->parent()->child(study->row(), kDate)->text() : QString();
  for (const QueryMatch* s : sorted) {
    const QString name =
        s->seriesNumber.empty() ? tr("Series") : tr("Series %1").arg(str(s->seriesNumber));
    auto row = makeRow(RowKind::Series, {name, date, str(s->modality),
                                         s->seriesDescription.empty() ? tr("(no description)")
                                                                      : str(s->seriesDescription),
                                         countText(s->seriesRelatedInstances)});
    for (QStandardItem* item : row) {
      item->setData(studyUid, kStudyUidRole);
      item->setData(str(s->seriesInstanceUid), kSeriesUidRole);
      item->setData(s->seriesRelatedInstances, kInstancesRole);
    }
    row[kName]->setToolTip(tr("Series Instance UID %1").arg(str(s->seriesInstanceUid)));
    study->appendRow(row);
  }
  updateSelection();
}

std::vector<dicom::net::RetrieveTarget> QueryRetrieveDialog::selectedTargets(qint64* instances,
                                                                             QString* what) const {
  std::vector<dicom::net::RetrieveTarget> targets;
  qint64 total = 0;
  int studies = 0, series = 0;
  QStringList patients;
  const QStandardItem* patient = nullptr;
  auto add = [&](const QStandardItem* item, bool wholeStudy) {
    if (!patients.contains(patient->text()))
      patients << patient->text();
    dicom::net::RetrieveTarget t;
    t.studyInstanceUid = item->data(kStudyUidRole).toString().toStdString();
    if (!wholeStudy)
      t.seriesInstanceUid = item->data(kSeriesUidRole).toString().toStdString();
    targets.push_back(std::move(t));
    const int n = item->data(kInstancesRole).toInt();
    total = (total < 0 || n < 0) ? -1 : total + n;
    ++(wholeStudy ? studies : series);
  };
  const QItemSelectionModel* selected = tree_->selectionModel();
  // In the order shown; a series inside a chosen study (or patient) is not asked for twice.
  for (int p = 0; p < results_->rowCount(); ++p) {
    patient = results_->item(p, kName);
    const bool wholePatient = selected->isSelected(patient->index());
    for (int s = 0; s < patient->rowCount(); ++s) {
      QStandardItem* study = patient->child(s, kName);
      if (wholePatient || selected->isSelected(study->index())) {
        add(study, true);
        continue;
      }
      for (int r = 0; r < study->rowCount(); ++r) {
        QStandardItem* row = study->child(r, kName);
        if (kindOf(row) == RowKind::Series && selected->isSelected(row->index()))
          add(row, false);
      }
    }
  }
  if (instances)
    *instances = total;
  if (what) {
    QStringList parts;
    if (studies > 0)
      parts << counted(studies, "study", "studies");
    if (series > 0)
      parts << counted(series, "series", "series");
    // Whose images: a retrieve for the wrong patient is the mistake to make impossible to miss.
    *what = tr("%1 of %2")
                .arg(parts.join(tr(" and ")),
                     patients.size() == 1 ? patients.front()
                                          : counted(patients.size(), "patient", "patients"));
  }
  return targets;
}

void QueryRetrieveDialog::updateSelection() {
  qint64 instances = 0;
  QString what;
  const auto targets = selectedTargets(&instances, &what);
  if (targets.empty()) {
    selection_->setText(results_->rowCount() > 0
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
  const bool haveNode = currentNode() != nullptr;
  const bool retrieving = isRetrieving();
  echoButton_->setEnabled(haveNode && !echoRunning_);
  searchButton_->setEnabled(haveNode);
  stopButton_->setEnabled(searchRunning_);
  node_->setEnabled(!nodes_.empty());
  retrieveButton_->setEnabled(!retrieving && resultsNode_ &&
                              tree_->selectionModel()->hasSelection());
  cancelButton_->setEnabled(retrieving && retrieveState_ && !retrieveState_->cancel.load());
}

void QueryRetrieveDialog::startRetrieve() {
  if (isRetrieving() || !resultsNode_)
    return;
  qint64 instances = 0;
  QString what;
  auto targets = selectedTargets(&instances, &what);
  if (targets.empty()) {
    setStatus(tr("Select the studies or series to retrieve first."));
    return;
  }
  auto state = std::make_shared<RetrieveState>();
  retrieveState_ = state;
  retrieveNodeName_ = resultsNode_->name;
  retrieveQueryTotal_ = instances;
  workflow::RetrieveRequest request;
  request.node = *resultsNode_;
  request.targets = std::move(targets);
  request.storeDir = workflow::retrieveDirFor(indexPath_);
  request.indexPath = indexPath_;
  request.cancel = &state->cancel;
  request.onProgress = [state](const dicom::net::RetrieveProgress& p) {
    state->received = static_cast<qint64>(p.received);
    state->remaining = p.remaining;
  };
  setError({});
  retrieveWhat_ = what;
  setStatus(tr("Retrieving %1 from %2…").arg(what, retrieveNodeName_));
  progress_->setRange(0, 0);
  progress_->setFormat({});
  progress_->setVisible(true);
  retrieveWatcher_.setFuture(QtConcurrent::run([request, state] {
    RetrieveOutcome outcome;
    try {
      outcome.report =
          std::make_shared<workflow::RetrieveReport>(workflow::retrieveFromNode(request));
    } catch (const std::exception& e) {
      outcome.error = messageOf(e);
    } catch (...) {
      outcome.error = QObject::tr("an unexpected error stopped the retrieve");
    }
    return outcome;
  }));
  ticker_->start();
  updateButtons();
}

void QueryRetrieveDialog::cancelRetrieve() {
  if (!isRetrieving() || !retrieveState_)
    return;
  retrieveState_->cancel = true;
  setStatus(tr("Cancelling; what has arrived is kept…"));
  updateButtons();
}

void QueryRetrieveDialog::updateProgress() {
  if (!isRetrieving() || !retrieveState_)
    return;
  const qint64 received = retrieveState_->received.load();
  const int remaining = retrieveState_->remaining.load();
  // The query's count covers every target and stays put; the peer's "remaining" covers only the
  // target under way and lags one instance behind. It is used only when the query gave no
  // count, or the archive holds more than it said when asked.
  qint64 total = retrieveQueryTotal_;
  if (total < 0 || received > total)
    total = remaining >= 0 ? received + remaining : -1;
  if (total > 0) {
    progress_->setRange(0, static_cast<int>(total));
    progress_->setValue(static_cast<int>(std::min(received, total)));
    progress_->setFormat(tr("%1 of %2").arg(received).arg(total));
  } else {
    progress_->setRange(0, 0);
  }
  if (retrieveState_->cancel.load())
    return;
  const QString done = total > 0 ? tr("%1 of %2 instances").arg(received).arg(total)
                                 : tr("%1 instances so far").arg(received);
  setStatus(tr("Retrieving %1 from %2: %3").arg(retrieveWhat_, retrieveNodeName_, done));
}

void QueryRetrieveDialog::onRetrieveFinished() {
  ticker_->stop();
  progress_->setVisible(false);
  const RetrieveOutcome outcome = retrieveWatcher_.result();
  const bool cancelled =
      retrieveState_->cancel.load() || (outcome.report && outcome.report->transfer.cancelled);
  QString summary;
  int indexedSeries = 0;
  if (outcome.report) {
    const auto& r = *outcome.report;
    const auto& t = r.transfer;
    const std::size_t kept = t.stored + t.duplicates;
    indexedSeries = std::max(r.indexedSeries, 0);
    if (cancelled) {
      summary =
          tr("Cancelled: %1 kept").arg(counted(static_cast<qint64>(kept), "instance", "instances"));
      if (kept > 0)
        summary += tr(" and indexed; retrieving again fetches only the rest.");
      else
        summary += '.';
    } else if (kept == 0) {
      summary = tr("Nothing arrived from %1.").arg(retrieveNodeName_);
      setError(tr("%1 sent no instance (%2 sub-operations failed): it may hold none for this "
                  "selection, or refuse to send them to NBRA.")
                   .arg(retrieveNodeName_)
                   .arg(t.peerFailed));
    } else {
      summary =
          tr("Retrieved %1 from %2")
              .arg(counted(static_cast<qint64>(kept), "instance", "instances"), retrieveNodeName_);
      if (t.duplicates > 0)
        summary += tr(" (%1 new, %2 already here)").arg(t.stored).arg(t.duplicates);
      summary += tr("; %1 in the study browser.").arg(counted(indexedSeries, "series", "series"));
    }
    if (t.refused > 0 || t.peerFailed > 0) {
      QStringList problems;
      for (const auto& p : t.problems)
        problems << str(p);
      const QString first = problems.isEmpty() ? QString() : problems.front();
      if (kept > 0 || cancelled) {
        setError(tr("%1 refused, %2 failed on the archive. %3")
                     .arg(counted(static_cast<qint64>(t.refused), "instance", "instances"))
                     .arg(t.peerFailed)
                     .arg(first));
      }
      error_->setToolTip(problems.mid(0, 30).join('\n'));
    }
  } else {
    const qint64 kept = retrieveState_->received.load();
    if (cancelled) {
      summary = tr("Cancelled: %1 kept.").arg(counted(kept, "instance", "instances"));
    } else {
      summary = tr("Stopped: %1 kept and indexed.").arg(counted(kept, "instance", "instances"));
      setError(outcome.error);
    }
  }
  setStatus(summary);
  updateButtons();
  emit retrieveFinished(summary, indexedSeries);
}

}  // namespace nbra::viewer
