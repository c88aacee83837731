// Opening a series: from the index, a folder or files, loaded in the background and shown.
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QtConcurrent>

#include "dicom/index/HeaderReader.h"
#include "dicom/index/ImageIndex.h"
#include "dicom/nm/NmViews.h"
#include "viewer/app/view/PlanarPanels.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/series/SeriesChoice.h"

namespace nbra::viewer {

bool MainWindow::isLoading() const {
  return loadWatcher_ && loadWatcher_->isRunning();
}

void MainWindow::openSeries(qint64 seriesId) {
  // Into an open read only the read's patient's images (docs/hanging.md).
  const QString otherPatient = seriesPatientProblem(seriesId);
  if (!otherPatient.isEmpty()) {
    status_->setText(otherPatient);
    QMessageBox::warning(this, tr("Not opened into the read"), otherPatient);
    emit seriesOpened(otherPatient);
    return;
  }
  std::vector<std::string> files;
  for (const auto& f : index_->seriesFiles(seriesId))
    files.push_back(f.path);
  openFiles(files);
}

bool MainWindow::openFolder(const QString& folder, const QString& seriesUid) {
  const auto choice = nbra::workflow::chooseSeries(folder, seriesUid);
  if (!choice.ok()) {
    status_->setText(tr("Cannot open: %1").arg(choice.error));
    status_->setToolTip(choice.error);  // the whole reason: the bar may cut it
    emit seriesOpened(choice.error);
    return false;
  }
  openFiles(choice.series.files);
  for (const QString& file : choice.leftOut)
    loadNotes_ << tr("left out %1").arg(file);
  return true;
}

QString MainWindow::statusText() const {
  return status_->text();
}

void MainWindow::openFiles(const std::vector<std::string>& files) {
  if (files.empty()) {
    emit seriesOpened(tr("no files"));
    return;
  }
  if (isLoading()) {
    status_->setText(tr("A series is still loading."));
    emit seriesOpened(tr("a series is still loading"));
    return;
  }
  // Planar NM: views, not a volume.
  try {
    auto panels = planarPanels(files);
    if (!panels.empty()) {
      const std::size_t count = panels.size();
      viewer_->showPlanar(std::move(panels), QString::fromStdString(files.front()));
      status_->setText(tr("Planar NM: %1 view(s)").arg(count));
      emit seriesOpened({});
      return;
    }
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot open: %1").arg(QString::fromStdString(e.what())));
    status_->setToolTip(QString::fromStdString(e.what()));  // the whole reason: the bar may cut it
    emit seriesOpened(QString::fromStdString(e.what()));
    return;
  }
  if (!loadWatcher_) {
    loadWatcher_ = new QFutureWatcher<void>(this);
    connect(loadWatcher_, &QFutureWatcher<void>::finished, this, [this] {
      progress_->setVisible(false);
      if (loadError_.isEmpty() && loaded_) {
        viewer_->showSeries(loaded_);
        QStringList notes = loadNotes_;
        for (const auto& w : loaded_->volume().warnings)
          notes << QString::fromStdString(w);
        QString text = tr("Opened %1 %2").arg(loaded_->modality(), loaded_->seriesDescription);
        if (!notes.isEmpty())
          text += " — " + notes.join("; ");
        status_->setText(text);
        status_->setToolTip(notes.join("\n"));
      } else {
        status_->setText(tr("Cannot open: %1").arg(loadError_));
        status_->setToolTip(loadError_);  // the whole reason: the bar may cut it
      }
      emit seriesOpened(loadError_);
    });
  }
  loaded_.reset();
  loadError_.clear();
  loadNotes_.clear();
  cancelLoad_ = false;
  progress_->setRange(0, static_cast<int>(files.size()));
  progress_->setValue(0);
  progress_->setFormat(tr("loading %v of %m"));
  progress_->setVisible(true);
  loadWatcher_->setFuture(QtConcurrent::run([this, files] {
    try {
      loaded_ = LoadedSeries::load(
          files,
          [this](std::size_t done, std::size_t total) {
            QMetaObject::invokeMethod(progress_, [this, done, total] {
              progress_->setRange(0, static_cast<int>(total));
              progress_->setValue(static_cast<int>(done));
            });
          },
          &cancelLoad_);
    } catch (const std::exception& e) {
      loadError_ = QString::fromStdString(e.what());
    } catch (...) {
      loadError_ = tr("unexpected failure while loading");
    }
  }));
}

}  // namespace nbra::viewer
