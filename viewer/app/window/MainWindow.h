#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QMainWindow>
#include <QStringList>
#include <atomic>
#include <deque>
#include <functional>
#include <chrono>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "dicom/index/Importer.h"
#include "workflow/hanging/HangingPlan.h"

class QLabel;
class QProgressBar;
class QTreeView;
class QAction;
class QCloseEvent;
class QComboBox;
class QLayout;
class QHideEvent;
class QSplitter;
class QMenu;
class QPushButton;
class QTimer;

namespace nbra::dicom {
class ImageIndex;
}
namespace nbra::records {
class TrialRecord;
}

namespace nbra::workflow {
struct WorkItem;
class DraftJournal;
struct JournalKey;
}

namespace nbra::viewer::session {
struct TrialSession;
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
class SliceView;
class MeasurementSet;
struct SavedReading;
class PreviewPane;
class SeriesThumbnails;
class StudyBrowser;
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
  // The filter box and the tree (viewer/app/browser/StudyBrowser.h); its indexes are the model's.
  StudyBrowser* studyBrowser() const { return browser_; }
  // Trial timepoint labels beside the studies ("NBRA-001 · baseline"), by Study Instance UID.
  void setBrowserStudyLabels(const QHash<QString, QString>& labelsByStudyUid);
  // The window's size and place, the splitters and the tree's column widths: remembered when the
  // window closes (QSettings "nbra"/"workstation"), restored when it is built.
  void saveLayout() const;
  static constexpr int kBrowserMinWidthPx = 300;
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

  // Signing in from the workstation (MainWindowSession.cpp, docs/workstation.md): File > Sign in
  // asks for the record, the user and the password (retries in the dialog); the signed-in
  // session is then this window's, and the start window of the role opens (the worklist, the
  // coordinator's subjects, the administrator's accounts). False when cancelled, or when the
  // reader kept an unsaved read open.
  bool signInInteractive(const QString& location = {}, const QString& userName = {});
  bool adoptSession(std::unique_ptr<session::TrialSession> signedIn);
  void signOut();
  QWidget* openStartWindow();
  QWidget* openSubjects();  // Trial > Subjects and timepoints (coordinator)
  QWidget* openAccounts();  // Trial > Accounts (administrator)
  // Unsaved changes in the open read (not a signed one): what the title's [*] and the question
  // before quit, close, sign-out or another read are about.
  bool isReadDirty() const;
  // Closes the open read, asking Save / Discard / Cancel first when it has unsaved changes
  // (`doing` completes "Save the draft before you …?"). False when the user cancelled or the
  // save was refused: the read stays open.
  bool closeRead(const QString& doing);
  // The Study Instance UIDs selected in the study browser (a series stands for its study).
  QStringList selectedStudyUids() const;
  QWidget* readBanner() const { return readBanner_; }
  // The open read's display sets (docs/hanging.md): the plan, and showing set `index` of it.
  const workflow::HangingPlan& hangingPlan() const { return hangPlan_; }
  void applyHangingStage(int index);
  // Why `seriesId` may not be opened into the open read (another patient's), empty when it may.
  QString seriesPatientProblem(qint64 seriesId);
  // Why `seriesId` may not be dropped on `view`: the read-only baseline view of a follow-up
  // takes no series of the current timepoint. Empty when it may.
  QString baselineViewRefusal(SliceView* view, qint64 seriesId);
  // Autosave (MainWindowJournal.cpp): writes the open read's unsaved changes to the crash
  // journal now (the timer does it every interval); true when the journal holds them.
  bool autosaveNow();
  std::chrono::seconds autosaveInterval() const { return autosaveInterval_; }
  // Where a read opened with openRead(record, …) rather than signed in here is (its journal key).
  void setRecordLocation(const QString& location);

 public slots:
  void refreshBrowser();
  void refreshBrowserLabels();  // "NB-001 · baseline" beside the studies a timepoint links

 signals:
  void importFinished(const nbra::dicom::ImportSummary& summary);
  void seriesOpened(const QString& error);  // empty on success
  void hangingDone();  // a display set of the open read is loaded

 private slots:
  void chooseFolderToImport();
  void chooseDicomDirToImport();
  void onImportProgress(qint64 done, qint64 total);
  void onImportFinished(const nbra::dicom::ImportSummary& summary);
  void onImportFailed(const QString& message);
  void onSelectionChanged();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void buildActions();
  void restoreLayout();
  void removeFromIndex(int level, qint64 id);  // StudyTreeModel::Level and the index id
  void buildSessionActions(QMenu* file);
  void buildReadBanner(QWidget* host);
  void closeTrialWindows();
  void updateReadState();  // title bar, banner, tools of a signed read
  void forgetJournalEntry();
  void setupAutosave();
  // The hanging protocol (MainWindowHanging.cpp).
  void buildHangingControls(QLayout* bannerLayout);
  void hangRead(const QString& studyId, const QString& label, const QString& baselineLabel);
  void runNextHangingStep();
  workflow::DraftJournal& journal();
  std::optional<workflow::JournalKey> journalKey(const QString& studyId, const QString& label) const;
  // The crash journal's draft of this read when it differs from `savedJson` (what the record has)
  // and the reader chose to restore it; the entry is removed when they discard it.
  std::optional<SavedReading> journalDraftFor(const QString& studyId, const QString& label,
                                                     const QString& savedJson);
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
  StudyBrowser* browser_ = nullptr;
  SeriesThumbnails* thumbnails_ = nullptr;
  QSplitter* mainSplitter_ = nullptr;
  QSplitter* browserSplitter_ = nullptr;
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
  std::unique_ptr<session::TrialSession> session_;  // the record signed in to from this window
  QString savedSnapshot_;
  std::shared_ptr<MeasurementSet> baselineMarks_;  // a follow-up's baseline marks (read-only)
  std::optional<workflow::TimepointStudies> hangCurrent_, hangBaseline_;
  workflow::HangingPlan hangPlan_;
  std::deque<std::function<void()>> hangSteps_;
  bool hangAwaitingLoad_ = false;  // a step's series is loading
  QString hangNote_;               // what the read's banner says about missing studies
  QComboBox* stageBox_ = nullptr;
  QLabel* stageLabel_ = nullptr;
  QString journaledSnapshot_;  // what the crash journal holds of the open read
  QString recordLocation_;
  std::unique_ptr<workflow::DraftJournal> journal_;
  QTimer* autosave_ = nullptr;
  std::chrono::seconds autosaveInterval_{30};
  bool journalWarned_ = false;  // the read's marks and table as last saved or opened
  QWidget* readBanner_ = nullptr;
  QLabel* readBannerText_ = nullptr;
  QPushButton* readBannerCorrect_ = nullptr;
  QAction* signInAction_ = nullptr;
  QAction* subjectsAction_ = nullptr;
  QAction* accountsAction_ = nullptr;
  QAction* signOutAction_ = nullptr;
  QAction* startWindowAction_ = nullptr;
  QAction* saveAction_ = nullptr;
  QAction* signAction_ = nullptr;
  QAction* correctAction_ = nullptr;
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
