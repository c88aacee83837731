#include "viewer/app/window/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QInputDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QHideEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>


#include "dicom/index/ImageIndex.h"
#include "dicom/preview/PreviewImage.h"
#include "viewer/app/browser/SeriesThumbnails.h"
#include "viewer/app/browser/StudyBrowser.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/deid/PseudonymisedImportDialog.h"
#include "viewer/app/import/ImportController.h"
#include "viewer/app/preview/PreviewPane.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/remote/ArchiveSender.h"
#include "viewer/app/remote/QueryRetrieveDialog.h"
#include "viewer/app/session/TrialSession.h"
#include "viewer/app/trial/MibgScoringWindow.h"
#include "workflow/journal/DraftJournal.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/HorizontalScroller.h"
#include "viewer/app/window/ScreenFit.h"

namespace nbra::viewer {
namespace {

QImage toQImage(const nbra::dicom::PreviewImage& preview) {
  const QImage::Format format =
      preview.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
  // Wraps the buffer, then copies, so the QImage owns its pixels.
  return QImage(preview.pixels.data(), preview.width, preview.height,
                preview.width * preview.channels, format)
      .copy();
}

}  // namespace

MainWindow::MainWindow(const QString& indexPath, QWidget* parent)
    : QMainWindow(parent),
      index_(std::make_unique<nbra::dicom::ImageIndex>(indexPath.toStdString())),
      indexPath_(indexPath) {
  setWindowTitle(tr("NBRA — neuroblastoma response assessment"));
  resizeWithinScreen(this, QSize(1480, 900));

  model_ = new StudyTreeModel(this);
  thumbnails_ = new SeriesThumbnails(
      [this](qint64 seriesId) { return index_->seriesFiles(seriesId); }, this);
  model_->setThumbnails(thumbnails_);
  browser_ = new StudyBrowser(model_);
  tree_ = browser_->tree();
  connect(browser_, &StudyBrowser::removeRequested, this, &MainWindow::removeFromIndex);
  preview_ = new PreviewPane;
  preview_->setMinimumSize(200, 200);

  // Left: the study browser above a quick-look preview. Right: the viewer.
  auto* left = new QSplitter(Qt::Vertical);
  left->setObjectName("browserSplitter");
  left->addWidget(browser_);
  left->addWidget(preview_);
  left->setStretchFactor(0, 3);
  left->setStretchFactor(1, 2);
  left->setChildrenCollapsible(false);
  // Wide enough for a patient's name and the series columns, whatever docks open beside it.
  left->setMinimumWidth(kBrowserMinWidthPx);
  browserSplitter_ = left;
  viewer_ = new ViewerPanel;
  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->setSpacing(0);
  rightLayout->addWidget(new HorizontalScroller(buildViewerToolRow()));
  buildReadBanner(right);
  rightLayout->addWidget(readBanner_);
  rightLayout->addWidget(viewer_, 1);
  auto* splitter = new QSplitter;
  splitter->setObjectName("mainSplitter");
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({420, 1060});
  splitter->setChildrenCollapsible(false);
  mainSplitter_ = splitter;
  setCentralWidget(splitter);
  connect(tree_, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
    const QVariant id = index.siblingAtColumn(StudyTreeModel::kName).data(StudyTreeModel::kSeriesIdRole);
    if (!id.isValid()) return;
    // Once open, the keys go to the view it opened in (arrows scroll slices, not the tree).
    connect(this, &MainWindow::seriesOpened, viewer_,
            [this](const QString& error) { if (error.isEmpty()) viewer_->focusActiveView(); },
            Qt::SingleShotConnection);
    openSeries(id.toLongLong());
  });
  connect(viewer_, &ViewerPanel::seriesDropped, this, [this](SliceView* view, qlonglong id) {
    // The baseline's view of a follow-up takes the baseline's series only: measuring there is
    // refused, so the current timepoint's series is said to go to the other view.
    const QString refused = baselineViewRefusal(view, id);
    if (!refused.isEmpty()) {
      QMessageBox::information(this, tr("Baseline view"), refused);
      return;
    }
    viewer_->setActiveView(view);
    openSeries(id);
  });

  status_ = new QLabel(tr("Index: %1").arg(indexPath));
  // A long message (an index path, a follow-up hint) is cut at the window's edge rather than
  // widening the window past the screen.
  status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  progress_ = new QProgressBar;
  progress_->setMaximumWidth(260);
  progress_->setVisible(false);
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);

  importer_ = new ImportController(indexPath, this);
  connect(importer_, &ImportController::progress, this, &MainWindow::onImportProgress);
  connect(importer_, &ImportController::finished, this, &MainWindow::onImportFinished);
  connect(importer_, &ImportController::failed, this, &MainWindow::onImportFailed);
  connect(tree_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &MainWindow::onSelectionChanged);

  buildActions();
  buildReadingDock();
  buildTrialMenu();
  refreshBrowser();
  restoreLayout();
  // The title's [*] follows every change of the read's marks and table.
  connect(viewer_, &ViewerPanel::measurementsChanged, this, [this] { setWindowModified(isReadDirty()); });
  connect(lesions_, &LesionPanel::tableChanged, this, [this] { setWindowModified(isReadDirty()); });
  updateReadState();
  setupAutosave();
}

MainWindow::~MainWindow() {
  // The windows of the record (owned as Qt children, deleted after the members) hold references
  // to the session's record: they go before the session does.
  for (QWidget* w : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (w->isWindow()) delete w;
  }
  read_.reset();
  importer_->cancel();
  importer_->waitForFinished();
  // A series still loading writes into this window: stop it and wait before anything goes.
  cancelLoad_ = true;
  if (loadWatcher_) loadWatcher_->waitForFinished();
}

void MainWindow::buildActions() {
  importFolderAction_ = new QAction(tr("Import &Folder…"), this);
  importFolderAction_->setShortcut(QKeySequence(tr("Ctrl+I")));
  connect(importFolderAction_, &QAction::triggered, this, &MainWindow::chooseFolderToImport);
  importDicomDirAction_ = new QAction(tr("Import &DICOMDIR…"), this);
  connect(importDicomDirAction_, &QAction::triggered, this, &MainWindow::chooseDicomDirToImport);
  importPseudonymisedAction_ = new QAction(tr("Import into &trial (pseudonymised)…"), this);
  connect(importPseudonymisedAction_, &QAction::triggered, this,
          [this] { showPseudonymisedImport(); });
  queryRetrieveAction_ = new QAction(tr("&Query/Retrieve…"), this);
  queryRetrieveAction_->setObjectName("queryRetrieve");
  queryRetrieveAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+Q")));
  queryRetrieveAction_->setToolTip(tr("Find studies on an archive (PACS) and retrieve them"));
  connect(queryRetrieveAction_, &QAction::triggered, this, [this] { showQueryRetrieve(); });
  auto* quit = new QAction(tr("&Quit"), this);
  quit->setShortcut(QKeySequence::Quit);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(importFolderAction_);
  file->addAction(importDicomDirAction_);
  file->addAction(importPseudonymisedAction_);
  file->addSeparator();
  file->addAction(queryRetrieveAction_);
  file->addSeparator();
  file->addAction(quit);
  buildSessionActions(file);

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  bar->setMovable(false);
  bar->addAction(importFolderAction_);
  bar->addAction(importDicomDirAction_);
  bar->addAction(queryRetrieveAction_);
}

PseudonymisedImportDialog* MainWindow::showPseudonymisedImport() {
  if (pseudonymisedImport_ == nullptr) {
    pseudonymisedImport_ = new PseudonymisedImportDialog(indexPath_, this);
    connect(pseudonymisedImport_, &PseudonymisedImportDialog::imported, this,
            [this](int instances) {
              refreshBrowser();
              status_->setText(tr("Pseudonymised import: %1 images indexed").arg(instances));
            });
  }
  resizeWithinScreen(pseudonymisedImport_, QSize(960, 640));
  pseudonymisedImport_->show();
  pseudonymisedImport_->raise();
  return pseudonymisedImport_;
}

QueryRetrieveDialog* MainWindow::showQueryRetrieve(const QString& nodesFile) {
  if (queryRetrieve_ == nullptr) {
    queryRetrieve_ = new QueryRetrieveDialog(indexPath_, nodesFile, this);
    connect(queryRetrieve_, &QueryRetrieveDialog::retrieveFinished, this,
            [this](const QString& summary) {
              // Retrieved series are indexed like an imported folder: the browser shows them.
              refreshBrowser();
              status_->setText(tr("Query/Retrieve: %1").arg(summary));
            });
  }
  queryRetrieve_->show();
  queryRetrieve_->raise();
  queryRetrieve_->activateWindow();
  return queryRetrieve_;
}

void MainWindow::sendReadToArchive(const QString& nodeName) {
  const QString title = tr("Send read to archive");
  if (!read_ || !record_) {
    QMessageBox::information(this, title,
                             tr("No read is open: sign in (File > Sign in to trial record…) and open a read from your worklist."));
    return;
  }
  // Said before an archive is chosen; the sender checks the record again.
  if (read_->status() != "signed") {
    QMessageBox::information(this, title,
                             tr("Only a signed read is sent to the archive: sign it first "
                                "(Reading > Sign read…)."));
    return;
  }
  std::optional<workflow::RemoteNode> node;
  if (nodeName.isEmpty()) {
    node = chooseArchive(this, title,
                         tr("Send the signed read of %1, %2 as a DICOM SR to:")
                             .arg(read_->studyId(), read_->timepointLabel()));
  } else {
    try {
      node = workflow::findNode(workflow::readNodes(workflow::defaultNodesFile()), nodeName);
      if (!node)
        QMessageBox::warning(
            this, title, tr("No archive '%1' in %2.").arg(nodeName, workflow::defaultNodesFile()));
    } catch (const std::exception& e) {
      QMessageBox::warning(this, title, QString::fromUtf8(e.what()));
    }
  }
  if (!node)
    return;
  if (archiveSender_ == nullptr) {
    archiveSender_ = new ArchiveSender(this);
    connect(
        archiveSender_, &ArchiveSender::finished, this, [this](bool sent, const QString& message) {
          status_->setText(message.section('\n', 0, 0));
          // Not modal: the reader keeps working while it is read.
          auto* box = new QMessageBox(sent ? QMessageBox::Information : QMessageBox::Warning,
                                      tr("Send read to archive"), message, QMessageBox::Ok, this);
          box->setObjectName("sendReadResult");
          box->setTextInteractionFlags(Qt::TextSelectableByMouse);
          box->setAttribute(Qt::WA_DeleteOnClose);
          box->setModal(false);
          box->show();
        });
  }
  const QString error = archiveSender_->sendRead(*record_, read_->studyId(),
                                                 read_->timepointLabel(), indexPath_, *node);
  if (!error.isEmpty()) {
    QMessageBox::warning(this, title, error);
    return;
  }
  status_->setText(tr("Sending the read of %1, %2 to %3…")
                       .arg(read_->studyId(), read_->timepointLabel(), node->name));
}

bool MainWindow::isImporting() const { return importer_->isRunning(); }

bool MainWindow::importPaths(const QStringList& paths) {
  if (!importer_->start(paths)) {
    status_->setText(tr("An import is already running."));
    return false;
  }
  importFolderAction_->setEnabled(false);
  importDicomDirAction_->setEnabled(false);
  progress_->setRange(0, 0);  // busy until the first count arrives
  progress_->setVisible(true);
  status_->setText(tr("Importing %1…").arg(paths.join(", ")));
  return true;
}

void MainWindow::chooseFolderToImport() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a folder of DICOM files"));
  if (!folder.isEmpty()) {
    importPaths({folder});
  }
}

void MainWindow::chooseDicomDirToImport() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Import a DICOMDIR"), {},
                                                    tr("DICOMDIR (DICOMDIR *.dcm);;All files (*)"));
  if (!file.isEmpty()) {
    importPaths({file});
  }
}

void MainWindow::onImportProgress(qint64 done, qint64 total) {
  progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
  progress_->setValue(static_cast<int>(done));
  progress_->setFormat(tr("%1 of %2 files").arg(done).arg(total));
}

namespace {

// The import's problem in a dialog that does not block (an import ends while the reader may be
// reading): the status bar line alone was easy to miss. One dialog, updated by the next problem.
void showImportProblem(QWidget* window, const QString& title, const QString& text,
                       const QString& informative, const QString& details) {
  auto* box = window->findChild<QMessageBox*>("importProblem", Qt::FindDirectChildrenOnly);
  if (!box || !box->isVisible()) {
    box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, window);
    box->setObjectName("importProblem");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
  }
  box->setWindowTitle(title);
  box->setText(text);
  box->setInformativeText(informative);
  box->setDetailedText(details);
  box->show();
  box->raise();
}

}  // namespace

void MainWindow::onImportFinished(const nbra::dicom::ImportSummary& summary) {
  progress_->setVisible(false);
  importFolderAction_->setEnabled(true);
  importDicomDirAction_->setEnabled(true);
  QString text = tr("Imported: %1 series, %2 images (%3 new, %4 unchanged)")
                     .arg(summary.found.series)
                     .arg(summary.found.instances)
                     .arg(summary.newInstances + summary.updated + summary.moved)
                     .arg(summary.unchanged);
  QStringList reasons;
  if (!summary.skipped.empty()) {
    text += tr("; %1 files skipped (hover for reasons)").arg(summary.skipped.size());
    for (std::size_t i = 0; i < summary.skipped.size() && i < 25; ++i) {
      reasons << QString::fromStdString(summary.skipped[i].path + ": " + summary.skipped[i].reason);
    }
    if (summary.skipped.size() > 25) {
      reasons << tr("… and %1 more").arg(summary.skipped.size() - 25);
    }
    status_->setToolTip(reasons.join('\n'));
  } else {
    status_->setToolTip({});
  }
  if (summary.missing > 0) {
    text += tr("; %1 indexed files are gone from disk").arg(summary.missing);
  }
  if (summary.cancelled) {
    text = tr("Import cancelled. ") + text;
  }
  status_->setText(text);
  if (summary.found.series == 0 && !summary.cancelled) {
    QStringList roots;
    for (const std::string& root : summary.roots) {
      roots << QDir::toNativeSeparators(QString::fromStdString(root));
    }
    const QString where = roots.isEmpty() ? tr("the chosen folder") : roots.join(", ");
    QString why;
    if (summary.skipped.empty()) {
      why = summary.filesSeen == 0 ? tr("There are no files in it.")
                                   : tr("None of its %1 files holds DICOM images.")
                                         .arg(summary.filesSeen);
    } else {
      why = tr("%n file(s) were skipped:", "", static_cast<int>(summary.skipped.size())) + '\n' +
            reasons.mid(0, 5).join('\n') +
            (reasons.size() > 5 ? tr("\n… (all reasons under Show Details)") : QString());
    }
    showImportProblem(this, tr("Import: no DICOM found"),
                      tr("No DICOM series was found in %1.").arg(where), why,
                      reasons.size() > 5 ? reasons.join('\n') : QString());
  }
  refreshBrowser();
  emit importFinished(summary);
}

void MainWindow::onImportFailed(const QString& message) {
  progress_->setVisible(false);
  importFolderAction_->setEnabled(true);
  importDicomDirAction_->setEnabled(true);
  status_->setText(tr("Import failed: %1").arg(message));
  showImportProblem(this, tr("Import failed"), tr("The import stopped with an error."),
                    message, QString());
  emit importFinished({});
}

void MainWindow::refreshBrowser() {
  // Series may have gained or lost images: their thumbnails are drawn again when next shown.
  thumbnails_->clear();
  model_->setPatients(index_->browse());
  if (browser_->filterBox()->text().trimmed().isEmpty()) tree_->expandToDepth(1);
}

void MainWindow::setBrowserStudyLabels(const QHash<QString, QString>& labelsByStudyUid) {
  model_->setStudyLabels(labelsByStudyUid);
}

void MainWindow::removeFromIndex(int level, qint64 id) {
  try {
    const int removed = level == StudyTreeModel::kPatient ? index_->removePatient(id)
                        : level == StudyTreeModel::kStudy ? index_->removeStudy(id)
                                                          : index_->removeSeries(id);
    status_->setText(tr("Removed %n image(s) from the index; the files on disk are kept.", "",
                        removed));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Remove from index"),
                         tr("The index %1 could not be changed: %2")
                             .arg(indexPath_, QString::fromUtf8(e.what())));
  }
  refreshBrowser();
}

namespace {

// The remembered layout. QSettings' default format and user path apply, so a test points them at
// a temporary folder (QSettings::setDefaultFormat, QSettings::setPath).
std::unique_ptr<QSettings> layoutSettings() {
  return std::make_unique<QSettings>(QSettings::defaultFormat(), QSettings::UserScope,
                                     QStringLiteral("nbra"), QStringLiteral("workstation"));
}

}  // namespace

void MainWindow::saveLayout() const {
  auto settings = layoutSettings();
  settings->setValue("mainWindow/geometry", saveGeometry());
  settings->setValue("mainWindow/mainSplitter", mainSplitter_->saveState());
  settings->setValue("mainWindow/browserSplitter", browserSplitter_->saveState());
  settings->setValue("mainWindow/studyTreeColumns", tree_->header()->saveState());
  settings->sync();
}

void MainWindow::restoreLayout() {
  auto settings = layoutSettings();
  // Each piece on its own: a missing or stale one leaves the defaults. Qt fits a geometry saved
  // on a larger screen into this one.
  restoreGeometry(settings->value("mainWindow/geometry").toByteArray());
  mainSplitter_->restoreState(settings->value("mainWindow/mainSplitter").toByteArray());
  browserSplitter_->restoreState(settings->value("mainWindow/browserSplitter").toByteArray());
  tree_->header()->restoreState(settings->value("mainWindow/studyTreeColumns").toByteArray());
  // A state saved by an older build may make the splitters collapsible again.
  mainSplitter_->setChildrenCollapsible(false);
  browserSplitter_->setChildrenCollapsible(false);
}

void MainWindow::hideEvent(QHideEvent* event) {
  // Closing hides the window (the window system minimising it does so spontaneously): the layout
  // is remembered then, once closeEvent has accepted.
  if (!event->spontaneous()) saveLayout();
  QMainWindow::hideEvent(event);
}

void MainWindow::onSelectionChanged() {
  const QModelIndexList rows = tree_->selectionModel()->selectedRows(StudyTreeModel::kName);
  if (rows.isEmpty()) {
    return;
  }
  const QVariant seriesId = rows.front().data(StudyTreeModel::kSeriesIdRole);
  if (!seriesId.isValid()) {
    preview_->showMessage(tr("Select a series to see its middle image."));
    return;
  }
  showSeries(seriesId.toLongLong());
}

void MainWindow::showSeries(qint64 seriesId) {
  const auto files = index_->seriesFiles(seriesId);
  if (files.empty()) {
    preview_->showMessage(tr("All files of this series are missing from disk."));
    return;
  }
  // The middle image: the middle instance, or the middle frame of a single multi-frame file.
  const std::size_t middle = files.size() / 2;
  const auto& file = files[middle];
  const int frame = files.size() == 1 ? file.numberOfFrames / 2 : 0;
  const auto result = nbra::dicom::renderPreview(file.path, frame);
  if (!result.ok()) {
    preview_->showMessage(tr("Cannot show this image.\n%1").arg(QString::fromStdString(result.error)));
    return;
  }
  QString caption = files.size() == 1
                        ? tr("frame %1 of %2").arg(frame + 1).arg(file.numberOfFrames)
                        : tr("image %1 of %2").arg(middle + 1).arg(files.size());
  caption += tr("  ·  instance %1  ·  %2  ·  preview only, not for reading")
                 .arg(file.instanceNumber)
                 .arg(QString::fromStdString(result.image.windowSource));
  preview_->showImage(toQImage(result.image), caption);
}

void MainWindow::buildReadingDock() {
  lesions_ = new LesionPanel;
  lesions_->setViewer(viewer_);
  lesions_->startBaseline();
  auto* dock = new QDockWidget(tr("Lesions"), this);
  dock->setObjectName("lesionDock");
  dock->setWidget(lesions_);
  addDockWidget(Qt::RightDockWidgetArea, dock);
  // Out of the way until there is something to read: a read opened, or the first mark drawn.
  dock->hide();
  connect(viewer_, &ViewerPanel::markDrawn, dock, &QWidget::show);
  connect(lesions_, &LesionPanel::tableChanged, dock, [this, dock] {
    if (lesions_->table().size() > 0) dock->show();
  });
  // The 2 x slice thickness rule needs the thickness of the series measured on.
  connect(this, &MainWindow::seriesOpened, this, [this](const QString& error) {
    if (error.isEmpty() && viewer_->activeView()->series())
      lesions_->setSliceThicknessMm(viewer_->activeView()->sliceThickness().mm);
  });
  QMenu* reading = menuBar()->addMenu(tr("&Reading"));
  reading->addAction(dock->toggleViewAction());
  auto* followUp = reading->addAction(tr("Start &follow-up against this reading"));
  connect(followUp, &QAction::triggered, this, &MainWindow::startFollowUp);
  reading->addSeparator();
  auto* closeReadAction = reading->addAction(tr("C&lose read"));
  closeReadAction->setObjectName("closeRead");
  connect(closeReadAction, &QAction::triggered, this, [this] { closeRead(tr("close it")); });
  auto* save = reading->addAction(tr("&Save draft read"));
  saveAction_ = save;
  save->setObjectName("saveReadAction");
  save->setShortcut(QKeySequence::Save);
  connect(save, &QAction::triggered, this, &MainWindow::saveRead);
  auto* sign = reading->addAction(tr("Si&gn read…"));
  signAction_ = sign;
  sign->setObjectName("signReadAction");
  connect(sign, &QAction::triggered, this, &MainWindow::signRead);
  auto* correct = reading->addAction(tr("&Correct the signed read…"));
  correctAction_ = correct;
  correct->setObjectName("correctReadAction");
  connect(correct, &QAction::triggered, this, &MainWindow::correctRead);
  reading->addSeparator();
  auto* send = reading->addAction(tr("Send read to &archive…"));
  send->setObjectName("sendReadToArchive");
  send->setToolTip(tr("The signed read as a DICOM SR to an archive (PACS)"));
  connect(send, &QAction::triggered, this, [this] { sendReadToArchive(); });
}

QString MainWindow::openRead(nbra::records::TrialRecord& record, const QString& studyId,
                             const QString& timepointLabel, const QString& baselineLabel) {
  if (read_ && !(read_->studyId() == studyId && read_->timepointLabel() == timepointLabel) &&
      !closeRead(tr("open %1, %2").arg(studyId, timepointLabel))) {
    return tr("the read of %1, %2 stays open").arg(read_->studyId(), read_->timepointLabel());
  }
  try {
    // The baseline first: a follow-up without its signed baseline has nothing to track.
    baselineMarks_.reset();
    std::optional<SavedReading> baseline;
    if (!baselineLabel.isEmpty()) {
      baseline = ReadSession(record, studyId, baselineLabel).openSigned();
      if (!baseline) {
        return tr("subject '%1': no signed read of '%2' by %3 to compare '%4' with; sign the baseline read first")
            .arg(studyId, baselineLabel, record.actor().userName, timepointLabel);
      }
    }
    auto session = std::make_unique<ReadSession>(record, studyId, timepointLabel);
    auto saved = session->open();
    // Work the record does not have (NBRA stopped before it was saved) is offered back first.
    const QString recordJson = saved ? toMarksJson(*saved) : QString();
    record_ = &record;
    bool fromJournal = false;
    if (auto draft = journalDraftFor(studyId, timepointLabel, recordJson)) {
      saved = std::move(draft);
      fromJournal = true;
    }
    auto marks = std::make_shared<MeasurementSet>();
    const bool followUp = baseline || (saved && saved->followUp);
    LesionTable table(followUp ? LesionTable::Kind::FollowUp : LesionTable::Kind::Baseline);
    if (saved) {
      marks->restore(saved->marks);
      table.restore(saved->lesions);
      table.setSliceThicknessMm(saved->sliceThicknessMm);
    }
    if (baseline) {
      LesionTable baseTable(LesionTable::Kind::Baseline);
      baseTable.restore(baseline->lesions);
      baseTable.setSliceThicknessMm(baseline->sliceThicknessMm);
      auto baseMarks = std::make_shared<MeasurementSet>();
      baseMarks->restore(baseline->marks);
      baselineMarks_ = baseMarks;
      viewer_->setViewLayout(ViewLayout::OneByTwo);
      viewer_->setReadingMarks(marks);
      std::optional<LesionTable> restored;
      if (saved) restored = std::move(table);
      lesions_->startFollowUp(baseTable, baseMarks, viewer_->visibleViews().front(), std::move(restored));
      viewer_->setActiveView(viewer_->visibleViews().back());
    } else {
      viewer_->setReadingMarks(marks);
      lesions_->startBaseline(std::move(table));
    }
    for (auto* v : viewer_->visibleViews())
      if (v->measurementSet() == marks) v->setMarksReadOnly(session->status() == "signed");
    status_->setText(tr("Read of %1, %2 by %3: %4")
                         .arg(studyId, timepointLabel, record.actor().userName,
                              session->status().isEmpty() ? tr("new") : session->status()));
    read_ = std::move(session);
    record_ = &record;
    trialSubject_ = studyId;
    // A draft restored from the journal is not in the record yet: it counts as unsaved.
    savedSnapshot_ = fromJournal ? QStringLiteral("(restored from the crash journal)")
                                 : ReadSession::changeKey(*viewer_->readingMarks(), lesions_->table());
    journaledSnapshot_.clear();
    updateTrialActions();
    updateReadState();
    hangRead(studyId, timepointLabel, baselineLabel);
    if (auto* dock = findChild<QDockWidget*>("lesionDock")) dock->show();
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

void MainWindow::startFollowUp() {
  if (read_) {
    // The open read is the baseline's: saving the follow-up into it would overwrite it. A
    // follow-up read is opened for its own timepoint (openRead with the baseline label).
    QMessageBox::information(this, tr("Follow-up"),
                             tr("The read of %1 is open. A follow-up is read into the record from its own "
                                "timepoint in your worklist: the baseline %1 is hung beside it by itself.")
                                 .arg(read_->timepointLabel()));
    return;
  }
  const LesionTable baseline = lesions_->table();
  const auto baselineMarks = viewer_->readingMarks();
  viewer_->setViewLayout(ViewLayout::OneByTwo);
  SliceView* left = viewer_->visibleViews().front();
  viewer_->setReadingMarks(std::make_shared<MeasurementSet>());
  lesions_->startFollowUp(baseline, baselineMarks, left);
  viewer_->setActiveView(viewer_->visibleViews().back());
  if (auto* dock = findChild<QDockWidget*>("lesionDock")) dock->show();
  status_->setText(tr("Follow-up: open the follow-up series in the right view, then click a lesion to re-measure it."));
}

bool MainWindow::saveRead() {
  if (!read_) {
    QMessageBox::information(this, tr("Save read"),
                             tr("No read is open: sign in (File > Sign in to trial record…) and open a read from your worklist."));
    return false;
  }
  try {
    read_->save(*viewer_->readingMarks(), lesions_->table());
    savedSnapshot_ = ReadSession::changeKey(*viewer_->readingMarks(), lesions_->table());
    forgetJournalEntry();
    updateReadState();
    status_->setText(tr("Draft read of %1, %2 saved").arg(read_->studyId(), read_->timepointLabel()));
    return true;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Save read"), QString::fromUtf8(e.what()));
    return false;
  }
}

void MainWindow::correctRead() {
  if (!read_ || read_->status() != "signed") {
    QMessageBox::information(this, tr("Correct read"),
                             tr("Only a signed read is corrected; a draft is simply saved again."));
    return;
  }
  bool ok = false;
  const QString reason = QInputDialog::getText(
      this, tr("Correct the signed read"),
      tr("The signed read stays in the record. The correction is a new version that needs signing.\nReason:"),
      QLineEdit::Normal, {}, &ok);
  if (!ok) return;
  try {
    read_->correct(*viewer_->readingMarks(), lesions_->table(), reason);
    savedSnapshot_ = ReadSession::changeKey(*viewer_->readingMarks(), lesions_->table());
    for (auto* v : viewer_->visibleViews())
      if (v->measurementSet() == viewer_->readingMarks()) v->setMarksReadOnly(false);
    updateReadState();
    status_->setText(tr("Correction of %1, %2: a draft until signed").arg(read_->studyId(), read_->timepointLabel()));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Correct read"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::signRead() {
  if (!read_) {
    saveRead();  // says why nothing can be signed
    return;
  }
  // What is signed is what is on screen: the scoring window's unsaved changes go in first.
  for (auto* scoring : findChildren<trial::MibgScoringWindow*>()) {
    if (scoring->isDirty() && !scoring->saveDraft()) {
      QMessageBox::warning(this, tr("Sign read"),
                           tr("The MIBG scoring could not be saved, so the read is not signed:\n%1")
                               .arg(scoring->statusText()));
      return;
    }
  }
  bool ok = false;
  const QString password = QInputDialog::getText(
      this, tr("Sign read"),
      tr("Signing means: read complete. It cannot be changed afterwards, only corrected.\nPassword:"),
      QLineEdit::Password, {}, &ok);
  if (!ok) return;
  try {
    read_->sign(*viewer_->readingMarks(), lesions_->table(), password);
    savedSnapshot_ = ReadSession::changeKey(*viewer_->readingMarks(), lesions_->table());
    forgetJournalEntry();
    for (auto* v : viewer_->visibleViews())
      if (v->measurementSet() == viewer_->readingMarks()) v->setMarksReadOnly(true);
    updateReadState();
    status_->setText(tr("Read of %1, %2 signed").arg(read_->studyId(), read_->timepointLabel()));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Sign read"), QString::fromUtf8(e.what()));
  }
}

}  // namespace nbra::viewer
