#include "viewer/app/deid/PseudonymisedImportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <set>

namespace nbra::viewer {
namespace {

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

QWidget* withButton(QLineEdit* edit, QPushButton* button, QPushButton* second = nullptr) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  layout->addWidget(button);
  if (second)
    layout->addWidget(second);
  return row;
}

}  // namespace

PseudonymisedImportDialog::PseudonymisedImportDialog(QString indexPath, QWidget* parent)
    : QDialog(parent), indexPath_(std::move(indexPath)) {
  setWindowTitle(tr("Import into trial (pseudonymised)"));
  setObjectName("pseudonymisedImportDialog");

  source_ = new QLineEdit;
  source_->setObjectName("deidSource");
  source_->setPlaceholderText(tr("the study or folder as it came from the hospital"));
  output_ = new QLineEdit;
  output_->setObjectName("deidOutput");
  output_->setPlaceholderText(tr("where the pseudonymised copies go (the trial's image folder)"));
  key_ = new QLineEdit;
  key_->setObjectName("deidKey");
  key_->setPlaceholderText(tr("the site's trial key file (never stored in the trial record)"));
  subject_ = new QLineEdit;
  subject_->setObjectName("deidSubject");
  subject_->setPlaceholderText(tr("trial subject id, e.g. NBRA-SYN-001"));
  timepoint_ = new QComboBox;
  timepoint_->setObjectName("deidTimepoint");
  timepoint_->setEditable(true);
  timepoint_->addItems({"BASELINE", "AFTER-INJECTION-3", "AFTER-INJECTION-5"});
  siteId_ = new QLineEdit;
  siteId_->setObjectName("deidSite");

  auto* browseSource = new QPushButton(tr("Browse…"));
  auto* browseOutput = new QPushButton(tr("Browse…"));
  auto* browseKey = new QPushButton(tr("Browse…"));
  auto* newKey = new QPushButton(tr("New key…"));
  connect(browseSource, &QPushButton::clicked, this,
          [this] { chooseFolder(source_, tr("Folder to pseudonymise")); });
  connect(browseOutput, &QPushButton::clicked, this,
          [this] { chooseFolder(output_, tr("Output folder for the trial")); });
  connect(browseKey, &QPushButton::clicked, this, &PseudonymisedImportDialog::chooseKey);
  connect(newKey, &QPushButton::clicked, this, &PseudonymisedImportDialog::createKey);

  auto* form = new QFormLayout;
  form->addRow(tr("Source:"), withButton(source_, browseSource));
  form->addRow(tr("Subject id:"), subject_);
  form->addRow(tr("Timepoint:"), timepoint_);
  form->addRow(tr("Site id:"), siteId_);
  form->addRow(tr("Trial key:"), withButton(key_, browseKey, newKey));
  form->addRow(tr("Output:"), withButton(output_, browseOutput));

  summary_ = new QLabel(tr("Choose the source, the subject and the key, then Preview."));
  summary_->setObjectName("deidSummary");
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  attributes_ = new QTableWidget(0, 4);
  attributes_->setObjectName("deidAttributes");
  attributes_->setHorizontalHeaderLabels(
      {tr("Tag"), tr("Attribute"), tr("What happens"), tr("Count")});
  attributes_->horizontalHeaderItem(3)->setToolTip(tr("How often it occurs in all files"));
  attributes_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
  attributes_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  attributes_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  attributes_->verticalHeader()->setVisible(false);
  attributes_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  attributes_->setSelectionBehavior(QAbstractItemView::SelectRows);

  problems_ = new QListWidget;
  problems_->setObjectName("deidProblems");
  problems_->setWordWrap(true);
  problems_->setMaximumHeight(6 * (fontMetrics().height() + 4));

  pixelsReviewed_ = new QCheckBox(
      tr("I have looked at the held images: their pixels carry no name, date or other identity"));
  pixelsReviewed_->setObjectName("deidPixelsReviewed");
  pixelsReviewed_->setEnabled(false);
  connect(pixelsReviewed_, &QCheckBox::toggled, this, [this] { updateButtons(); });

  progress_ = new QProgressBar;
  progress_->setVisible(false);

  previewButton_ = new QPushButton(tr("&Preview"));
  previewButton_->setObjectName("deidPreview");
  importButton_ = new QPushButton(tr("&Import"));
  importButton_->setObjectName("deidImport");
  importButton_->setEnabled(false);
  closeButton_ = new QPushButton(tr("Close"));
  connect(previewButton_, &QPushButton::clicked, this, &PseudonymisedImportDialog::startPreview);
  connect(importButton_, &QPushButton::clicked, this, &PseudonymisedImportDialog::startImport);
  connect(closeButton_, &QPushButton::clicked, this, &PseudonymisedImportDialog::reject);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(progress_, 1);
  buttons->addStretch();
  buttons->addWidget(previewButton_);
  buttons->addWidget(importButton_);
  buttons->addWidget(closeButton_);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(summary_);
  layout->addWidget(attributes_, 1);
  layout->addWidget(new QLabel(tr("Files refused, held, skipped, and warnings:")));
  layout->addWidget(problems_);
  layout->addWidget(pixelsReviewed_);
  layout->addLayout(buttons);

  // Any change to what would be imported voids the preview.
  for (QLineEdit* edit : {source_, output_, key_, subject_, siteId_}) {
    connect(edit, &QLineEdit::textChanged, this, [this] {
      previewOk_ = false;
      updateButtons();
    });
  }
  connect(timepoint_, &QComboBox::currentTextChanged, this, [this] {
    previewOk_ = false;
    updateButtons();
  });
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this,
          &PseudonymisedImportDialog::onFinished);
  auto* ticker = new QTimer(this);
  connect(ticker, &QTimer::timeout, this, [this] {
    if (!isRunning())
      return;
    const qint64 total = total_.load();
    progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
    progress_->setValue(static_cast<int>(done_.load()));
    progress_->setFormat(tr("%1 of %2 files").arg(done_.load()).arg(total));
  });
  ticker->start(100);
  resize(960, 640);
}

PseudonymisedImportDialog::~PseudonymisedImportDialog() {
  cancel_ = true;
  watcher_.waitForFinished();
}

void PseudonymisedImportDialog::setSource(const QString& folder) {
  source_->setText(folder);
}
void PseudonymisedImportDialog::setOutput(const QString& folder) {
  output_->setText(folder);
}
void PseudonymisedImportDialog::setKeyFile(const QString& file) {
  key_->setText(file);
}
void PseudonymisedImportDialog::setSubject(const QString& subjectId, const QString& timepointId) {
  subject_->setText(subjectId);
  timepoint_->setCurrentText(timepointId);
}

bool PseudonymisedImportDialog::isRunning() const {
  return watcher_.isRunning();
}
void PseudonymisedImportDialog::waitForFinished() {
  watcher_.waitForFinished();
  QCoreApplication::processEvents();
}

workflow::PseudonymisedImportRequest PseudonymisedImportDialog::request(bool preview) const {
  workflow::PseudonymisedImportRequest r;
  r.inputs = {source_->text().trimmed()};
  r.outputDir = output_->text().trimmed();
  r.keyFile = key_->text().trimmed();
  r.identity.subjectId = subject_->text().trimmed().toStdString();
  r.identity.timepointId = timepoint_->currentText().trimmed().toStdString();
  r.identity.siteId = siteId_->text().trimmed().toStdString();
  r.pixelsReviewed = pixelsReviewed_->isChecked();
  r.previewOnly = preview;
  r.indexPath = preview ? QString() : indexPath_;
  return r;
}

void PseudonymisedImportDialog::startPreview() {
  run(true);
}
void PseudonymisedImportDialog::startImport() {
  run(false);
}

void PseudonymisedImportDialog::run(bool preview) {
  if (isRunning())
    return;
  if (source_->text().trimmed().isEmpty() || key_->text().trimmed().isEmpty() ||
      subject_->text().trimmed().isEmpty() || (!preview && output_->text().trimmed().isEmpty())) {
    summary_->setText(tr("Source, subject id, trial key%1 are needed.")
                          .arg(preview ? QString() : tr(" and output folder")));
    return;
  }
  auto r = request(preview);
  cancel_ = false;
  done_ = 0;
  total_ = 0;
  r.progress = [this](std::size_t done, std::size_t total) {
    done_ = static_cast<qint64>(done);
    total_ = static_cast<qint64>(total);
  };
  r.cancelled = [this] { return cancel_.load(); };
  runningPreview_ = preview;
  progress_->setRange(0, 0);
  progress_->setVisible(true);
  summary_->setText(preview
                        ? tr("Reading every file to preview…")
                        : tr("Pseudonymising; nothing is in the output until every file is done…"));
  updateButtons();
  watcher_.setFuture(QtConcurrent::run([r] {
    Outcome outcome;
    try {
      outcome.result =
          std::make_shared<workflow::PseudonymisedImportResult>(workflow::importPseudonymised(r));
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    } catch (...) {
      outcome.error = QObject::tr("an unexpected error; nothing was written");
    }
    return outcome;
  }));
}

void PseudonymisedImportDialog::onFinished() {
  progress_->setVisible(false);
  const Outcome outcome = watcher_.result();
  if (!outcome.error.isEmpty() || !outcome.result) {
    lastError_ = outcome.error;
    last_.reset();
    previewOk_ = false;
    summary_->setText(tr("<b>Stopped:</b> %1").arg(outcome.error.toHtmlEscaped()));
    updateButtons();
    return;
  }
  lastError_.clear();
  last_ = std::make_unique<workflow::PseudonymisedImportResult>(*outcome.result);
  showResult(*last_, runningPreview_);
  if (!runningPreview_ && last_->report.complete()) {
    emit imported(last_->indexedInstances);
  }
  updateButtons();
}

void PseudonymisedImportDialog::showResult(const workflow::PseudonymisedImportResult& result,
                                           bool preview) {
  const auto& r = result.report;
  QStringList lines;
  if (r.cancelled) {
    lines << tr("<b>Cancelled</b>: nothing was written.");
  } else if (!r.refused.empty()) {
    lines << tr("<b>%1 file(s) refused</b>: nothing %2 written. The list below names each file "
                "and why.")
                 .arg(r.refused.size())
                 .arg(preview ? tr("would be") : tr("was"));
  } else if (!r.held.empty()) {
    lines << tr("<b>%1 image(s) held</b>: look at them, then confirm below to include them.")
                 .arg(r.held.size());
  } else if (preview) {
    lines << tr("<b>Ready</b>: %1 series, %2 files for subject %3.")
                 .arg(r.series.size())
                 .arg(r.filesFound - r.skipped.size())
                 .arg(subject_->text().toHtmlEscaped());
  } else {
    lines << tr("<b>Imported</b>: %1 files written to %2 and indexed (%3 instances). Mapping kept "
                "at the site in %4.")
                 .arg(r.written.size())
                 .arg(str(r.outputDir).toHtmlEscaped())
                 .arg(result.indexedInstances)
                 .arg(result.mappingFile.toHtmlEscaped());
  }
  std::set<std::string> removed, changed, kept;
  for (const auto& a : r.attributes) {
    const std::string& what = a.what;
    if (what.rfind("removed", 0) == 0)
      removed.insert(a.tag);
    else if (what.rfind("kept", 0) == 0 && what.find("shifted") == std::string::npos)
      kept.insert(a.tag);
    else
      changed.insert(a.tag);
  }
  lines << tr("%1 attributes removed, %2 changed (UIDs, dates, names, descriptions), %3 kept as "
              "they are (listed below). Dates move back %4 days, the same for every study of "
              "this subject; key %5.")
               .arg(removed.size())
               .arg(changed.size())
               .arg(kept.size())
               .arg(-r.dateOffsetDays)
               .arg(str(r.keyFingerprint));
  summary_->setText(lines.join("<br>"));

  attributes_->setRowCount(0);
  for (const auto& a : r.attributes) {
    const int row = attributes_->rowCount();
    attributes_->insertRow(row);
    attributes_->setItem(row, 0, new QTableWidgetItem(str(a.tag)));
    attributes_->setItem(row, 1, new QTableWidgetItem(str(a.name)));
    attributes_->setItem(row, 2, new QTableWidgetItem(str(a.what)));
    auto* count = new QTableWidgetItem(QString::number(a.count));
    count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    attributes_->setItem(row, 3, count);
  }
  attributes_->resizeColumnToContents(0);

  problems_->clear();
  auto add = [this](const std::vector<dicom::deid::FileIssue>& list, const QString& label,
                    const QColor& colour) {
    for (const auto& issue : list) {
      auto* item = new QListWidgetItem(
          QString("%1 — %2: %3").arg(label, str(issue.file), str(issue.problem)));
      item->setForeground(colour);
      item->setToolTip(str(issue.file));
      problems_->addItem(item);
    }
  };
  add(r.refused, tr("REFUSED"), QColor(170, 0, 0));
  add(r.held, tr("HELD"), QColor(150, 90, 0));
  add(r.warnings, tr("WARNING"), QColor(150, 90, 0));
  add(r.skipped, tr("skipped"), palette().color(QPalette::Text));
  if (problems_->count() == 0) {
    problems_->addItem(tr("none"));
  }
  pixelsReviewed_->setEnabled(!r.held.empty() || pixelsReviewed_->isChecked());
  previewOk_ = preview && r.refused.empty() && !r.cancelled;
}

void PseudonymisedImportDialog::updateButtons() {
  const bool running = isRunning();
  previewButton_->setEnabled(!running);
  const bool heldNeedsConfirmation =
      last_ && !last_->report.held.empty() && !pixelsReviewed_->isChecked();
  importButton_->setEnabled(!running && previewOk_ && !heldNeedsConfirmation &&
                            !output_->text().trimmed().isEmpty());
  closeButton_->setText(running ? tr("Cancel") : tr("Close"));
}

void PseudonymisedImportDialog::reject() {
  if (isRunning()) {
    // The run stops after the current file and writes nothing; an import is asked about first.
    if (!runningPreview_ &&
        QMessageBox::question(this, tr("Stop the import?"),
                              tr("Stop pseudonymising? Nothing will be written to the output "
                                 "folder; the import can be run again.")) != QMessageBox::Yes) {
      return;
    }
    cancel_ = true;
    return;
  }
  QDialog::reject();
}

void PseudonymisedImportDialog::chooseFolder(QLineEdit* edit, const QString& title) {
  const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
  if (!folder.isEmpty())
    edit->setText(folder);
}

void PseudonymisedImportDialog::chooseKey() {
  const QString file = QFileDialog::getOpenFileName(this, tr("The site's trial key"), key_->text(),
                                                    tr("Trial key (*.key);;All files (*)"));
  if (!file.isEmpty())
    key_->setText(file);
}

void PseudonymisedImportDialog::createKey() {
  const QString file =
      QFileDialog::getSaveFileName(this, tr("New trial key"), "trial.key", tr("Trial key (*.key)"));
  if (file.isEmpty())
    return;
  try {
    const QString fingerprint = workflow::createTrialKey(file);
    key_->setText(file);
    QMessageBox::information(
        this, tr("New trial key"),
        tr("Key %1 written to %2.\n\nEvery site of the trial must use this same file, and keep "
           "it out of the trial record: with another key the same study gets other UIDs and "
           "other dates.")
            .arg(fingerprint, file));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("New trial key"), QString::fromStdString(e.what()));
  }
}

}  // namespace nbra::viewer
