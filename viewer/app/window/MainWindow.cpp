#include "viewer/app/window/MainWindow.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>

#include "dicom/index/ImageIndex.h"
#include "dicom/preview/PreviewImage.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/import/ImportController.h"
#include "viewer/app/preview/PreviewPane.h"

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
      index_(std::make_unique<nbra::dicom::ImageIndex>(indexPath.toStdString())) {
  setWindowTitle(tr("NBRA — neuroblastoma response assessment"));
  resize(1280, 800);

  model_ = new StudyTreeModel(this);
  tree_ = new QTreeView;
  tree_->setModel(model_);
  tree_->setUniformRowHeights(true);
  tree_->setAlternatingRowColors(true);
  tree_->setSelectionMode(QAbstractItemView::SingleSelection);
  tree_->header()->setStretchLastSection(false);
  tree_->header()->setSectionResizeMode(StudyTreeModel::kName, QHeaderView::Stretch);
  for (int c = StudyTreeModel::kModality; c < StudyTreeModel::kColumnCount; ++c) {
    tree_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  }
  preview_ = new PreviewPane;

  auto* splitter = new QSplitter;
  splitter->addWidget(tree_);
  splitter->addWidget(preview_);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({520, 760});
  setCentralWidget(splitter);

  status_ = new QLabel(tr("Index: %1").arg(indexPath));
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
  refreshBrowser();
}

MainWindow::~MainWindow() {
  importer_->cancel();
  importer_->waitForFinished();
}

void MainWindow::buildActions() {
  importFolderAction_ = new QAction(tr("Import &Folder…"), this);
  importFolderAction_->setShortcut(QKeySequence(tr("Ctrl+I")));
  connect(importFolderAction_, &QAction::triggered, this, &MainWindow::chooseFolderToImport);
  importDicomDirAction_ = new QAction(tr("Import &DICOMDIR…"), this);
  connect(importDicomDirAction_, &QAction::triggered, this, &MainWindow::chooseDicomDirToImport);
  auto* quit = new QAction(tr("&Quit"), this);
  quit->setShortcut(QKeySequence::Quit);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(importFolderAction_);
  file->addAction(importDicomDirAction_);
  file->addSeparator();
  file->addAction(quit);

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  bar->setMovable(false);
  bar->addAction(importFolderAction_);
  bar->addAction(importDicomDirAction_);
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

void MainWindow::onImportFinished(const nbra::dicom::ImportSummary& summary) {
  progress_->setVisible(false);
  importFolderAction_->setEnabled(true);
  importDicomDirAction_->setEnabled(true);
  QString text = tr("Imported: %1 series, %2 images (%3 new, %4 unchanged)")
                     .arg(summary.found.series)
                     .arg(summary.found.instances)
                     .arg(summary.newInstances + summary.updated + summary.moved)
                     .arg(summary.unchanged);
  if (!summary.skipped.empty()) {
    text += tr("; %1 files skipped (hover for reasons)").arg(summary.skipped.size());
    QStringList reasons;
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
  refreshBrowser();
  emit importFinished(summary);
}

void MainWindow::onImportFailed(const QString& message) {
  progress_->setVisible(false);
  importFolderAction_->setEnabled(true);
  importDicomDirAction_->setEnabled(true);
  status_->setText(tr("Import failed: %1").arg(message));
  emit importFinished({});
}

void MainWindow::refreshBrowser() {
  model_->setPatients(index_->browse());
  tree_->expandToDepth(1);
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

}  // namespace nbra::viewer
