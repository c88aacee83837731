#pragma once

#include <QMainWindow>
#include <QStringList>

#include <memory>

#include "dicom/index/Importer.h"

class QLabel;
class QProgressBar;
class QTreeView;
class QAction;

namespace nbra::dicom {
class ImageIndex;
}

namespace nbra::viewer {

class ImportController;
class PreviewPane;
class StudyTreeModel;

// The workstation's main window: study browser on the left, the view area on the right, import
// progress in the status bar.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Throws std::runtime_error when the index cannot be opened.
  explicit MainWindow(const QString& indexPath, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Imports in the background; the tree refreshes when it ends.
  bool importPaths(const QStringList& paths);
  bool isImporting() const;

  QTreeView* studyTree() const { return tree_; }
  StudyTreeModel* studyModel() const { return model_; }
  PreviewPane* previewPane() const { return preview_; }
  QProgressBar* progressBar() const { return progress_; }
  ImportController* importController() const { return importer_; }

 public slots:
  void refreshBrowser();

 signals:
  void importFinished(const nbra::dicom::ImportSummary& summary);

 private slots:
  void chooseFolderToImport();
  void chooseDicomDirToImport();
  void onImportProgress(qint64 done, qint64 total);
  void onImportFinished(const nbra::dicom::ImportSummary& summary);
  void onImportFailed(const QString& message);
  void onSelectionChanged();

 private:
  void buildActions();
  void showSeries(qint64 seriesId);

  std::unique_ptr<nbra::dicom::ImageIndex> index_;
  ImportController* importer_ = nullptr;
  StudyTreeModel* model_ = nullptr;
  QTreeView* tree_ = nullptr;
  PreviewPane* preview_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QAction* importFolderAction_ = nullptr;
  QAction* importDicomDirAction_ = nullptr;
};

}  // namespace nbra::viewer
