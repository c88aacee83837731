#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <QStringList>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "dicom/index/Importer.h"

class QLabel;
class QProgressBar;
class QTreeView;
class QAction;
class QMenu;

namespace nbra::dicom {
class ImageIndex;
}
namespace nbra::records {
class TrialRecord;
}

namespace nbra::workflow {
struct WorkItem;
}

namespace nbra::viewer::trial {
class MibgScoringWindow;
class PetFindingsDialog;
}  // namespace nbra::viewer::trial

namespace nbra::viewer {

class ArchiveSender;
class PseudonymisedImportDialog;
class QueryRetrieveDialog;

class ImportController;
class LesionPanel;
class LoadedSeries;
class ReadSession;
class PreviewPane;
class StudyTreeModel;
class ViewerPanel;

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

  // Opens a series in the viewer (a volume in the active view, fused when a PET lands on its
  // CT, or planar NM views); loads off the GUI thread and emits seriesOpened when done.
  void openSeries(qint64 seriesId);
  void openFiles(const std::vector<std::string>& files);
  bool openFolder(const QString& folder, const QString& seriesUid = {});
  bool isLoading() const;
  ViewerPanel* viewer() const { return viewer_; }
  QString statusText() const;

  QTreeView* studyTree() const { return tree_; }
  StudyTreeModel* studyModel() const { return model_; }
  PreviewPane* previewPane() const { return preview_; }
  QProgressBar* progressBar() const { return progress_; }
  ImportController* importController() const { return importer_; }
  // File > Import into trial (pseudonymised)...: the dialog, created on first use and shown.
  PseudonymisedImportDialog* showPseudonymisedImport();
  // File > Query/Retrieve... (Ctrl+Shift+Q): the dialog, created on first use (with the node
  // file `nodesFile`, empty for the default) and shown. What it retrieves lands in this window's
  // index and the browser is refreshed when a retrieve ends.
  QueryRetrieveDialog* showQueryRetrieve(const QString& nodesFile = {});
  // Reading > Send read to archive...: the open read as a DICOM SR to the archive named
  // `nodeName` of the node file (empty: the user chooses). Only a signed read is sent.
  void sendReadToArchive(const QString& nodeName = {});
  ArchiveSender* archiveSender() const { return archiveSender_; }
  LesionPanel* lesionPanel() const { return lesions_; }

  // Reading in the trial record: the signed-in reader's read of one subject's timepoint is
  // opened (its marks and lesion table restored) and Reading > Save draft / Sign read write it.
  // `record` must outlive the window. Returns an error message, empty on success.
  // With `baselineLabel`, the read is a follow-up compared with the reader's signed read of that
  // timepoint: two views side by side, the baseline marks read-only on the left.
  QString openRead(nbra::records::TrialRecord& record, const QString& studyId,
                   const QString& timepointLabel, const QString& baselineLabel = {});
  // Compares with the reading on screen as the baseline: two views side by side, the baseline
  // marks read-only on the left, the follow-up measured on the right (open its series there).
  void startFollowUp();
  bool saveRead();  // false (with a message box) when refused
  // The read open in the window (subject, timepoint, status, read id) and its record; null when
  // none is open.
  const ReadSession* readSession() const { return read_.get(); }
  nbra::records::TrialRecord* trialRecord() const { return record_; }

  // The trial workflow beyond the CT read (MainWindowTrial.cpp). A reader scores the open read's
  // MIBG study (Trial > Score MIBG); an investigator or coordinator signed in to `record` works
  // on one subject's response, eligibility and extra doses (Trial > Response and decisions).
  // Both open in their own windows, owned by this one; they return them (null with a message
  // box when refused).
  void setTrialSubject(nbra::records::TrialRecord& record, const QString& studyId);
  trial::MibgScoringWindow* openMibgScoring();
  trial::PetFindingsDialog* openPetFindings();  // FDG-PET bone findings of the open read
  QWidget* openDecisions();
  // The trial around the images for the open subject (viewer/app/protocol), each in its own
  // window titled with the subject and the signed-in user: Trial > Eligibility checklist,
  // Injection schedule and timeline, NK-cell product. Null with a message box when refused.
  QWidget* openChecklist();
  QWidget* openSchedule();
  QWidget* openProduct();
  // Trial > Results by arm (investigators): unmasks first when the investigator has not (the
  // reason and password asked, audited), gathers the results of every subject and shows them
  // in their own window; null with a message box when refused or cancelled.
  QWidget* openResults();
  // Blinded double reading (MainWindowReading.cpp, viewer/app/adjudication): Trial > Worklist
  // (every role), Adjudication (adjudicators: the timepoint is chosen among those awaiting
  // them), Reader metrics (investigators, administrator), Reading design and assignments
  // (administrator, coordinator). Each in its own window; null with a message box when refused.
  QWidget* openWorklist();
  QWidget* openAdjudication();
  QWidget* openReaderMetrics();
  QWidget* openReadingSetup(const QString& studyId = {}, const QString& label = {});

 public slots:
  void refreshBrowser();

 signals:
  void importFinished(const nbra::dicom::ImportSummary& summary);
  void seriesOpened(const QString& error);  // empty on success

 private slots:
  void chooseFolderToImport();
  void chooseDicomDirToImport();
  void onImportProgress(qint64 done, qint64 total);
  void onImportFinished(const nbra::dicom::ImportSummary& summary);
  void onImportFailed(const QString& message);
  void onSelectionChanged();

 private:
  void buildActions();
  QWidget* buildViewerToolRow();
  void showSeries(qint64 seriesId);
  void buildReadingDock();
  void signRead();
  void correctRead();
  void buildTrialMenu();
  void updateTrialActions();
  void buildReadingActions(QMenu* menu);
  void updateReadingActions();
  // A worklist task the main window opens: the read, the decisions, the assignments. Returns the
  // error message, empty when opened.
  QString openWorkItem(const nbra::workflow::WorkItem& item);

  std::unique_ptr<nbra::dicom::ImageIndex> index_;
  ImportController* importer_ = nullptr;
  StudyTreeModel* model_ = nullptr;
  QTreeView* tree_ = nullptr;
  PreviewPane* preview_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QAction* importFolderAction_ = nullptr;
  QAction* importDicomDirAction_ = nullptr;
  QAction* importPseudonymisedAction_ = nullptr;
  PseudonymisedImportDialog* pseudonymisedImport_ = nullptr;
  QAction* queryRetrieveAction_ = nullptr;
  QueryRetrieveDialog* queryRetrieve_ = nullptr;
  ArchiveSender* archiveSender_ = nullptr;
  QString indexPath_;
  ViewerPanel* viewer_ = nullptr;
  LesionPanel* lesions_ = nullptr;
  std::unique_ptr<ReadSession> read_;
  nbra::records::TrialRecord* record_ = nullptr;
  QString trialSubject_;  // the subject of the open read, or the one set by setTrialSubject
  QAction* scoreMibgAction_ = nullptr;
  QAction* petFindingsAction_ = nullptr;
  QAction* decisionsAction_ = nullptr;
  QAction* checklistAction_ = nullptr;
  QAction* scheduleAction_ = nullptr;
  QAction* productAction_ = nullptr;
  QAction* resultsAction_ = nullptr;
  QAction* worklistAction_ = nullptr;
  QAction* adjudicationAction_ = nullptr;
  QAction* readerMetricsAction_ = nullptr;
  QAction* readingSetupAction_ = nullptr;
  QFutureWatcher<void>* loadWatcher_ = nullptr;
  std::shared_ptr<LoadedSeries> loaded_;
  QString loadError_;
  QStringList loadNotes_;
  std::atomic<bool> cancelLoad_{
      false};  // files left out, volume warnings: shown with the opened series
};

}  // namespace nbra::viewer
