// The workstation as a person starts it (docs/workstation.md): File > Sign in to a trial record,
// the start window of each role (the reader's and investigator's worklist, the coordinator's
// subjects and timepoints, the administrator's accounts), the title bar and the banner that say
// whose read is open and in what state, and the question asked before unsaved work is lost
// (quit, close, sign out, another read).
#include <QAbstractButton>
#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeView>

#include "dicom/index/ImageIndex.h"
#include "records/store/TrialRecord.h"
#include "records/users/Role.h"
#include "viewer/app/adjudication/AdjudicationLaunch.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/deid/PseudonymisedImportDialog.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/remote/QueryRetrieveDialog.h"
#include "viewer/app/session/AccountsWindow.h"
#include "viewer/app/session/SignInDialog.h"
#include "viewer/app/session/SubjectsWindow.h"
#include "viewer/app/session/TrialSession.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/subjects/LinkedStudies.h"

namespace nbra::viewer {

namespace {

// The banner's tones: calm blue for a draft being read, amber for a signed (read-only) read.
constexpr const char* kDraftBanner =
    "color: #0d3c61; background: #e8f1fb; border: 1px solid #a9c8e8; padding: 4px 8px";
constexpr const char* kSignedBanner =
    "color: #4d3600; background: #fff4d6; border: 1px solid #e0c97a; padding: 4px 8px; "
    "font-weight: bold";

}  // namespace

void MainWindow::buildSessionActions(QMenu* file) {
  signInAction_ = new QAction(tr("&Sign in to trial record…"), this);
  signInAction_->setObjectName("signIn");
  signInAction_->setShortcut(QKeySequence(tr("Ctrl+L")));
  connect(signInAction_, &QAction::triggered, this, [this] { signInInteractive(); });
  signOutAction_ = new QAction(tr("Sign &out"), this);
  signOutAction_->setObjectName("signOut");
  connect(signOutAction_, &QAction::triggered, this, [this] { signOut(); });
  startWindowAction_ = new QAction(tr("My &work…"), this);
  startWindowAction_->setObjectName("startWindow");
  startWindowAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+H")));
  startWindowAction_->setToolTip(tr("The worklist, subjects or accounts of your role"));
  connect(startWindowAction_, &QAction::triggered, this, [this] { openStartWindow(); });
  QAction* first = file->actions().isEmpty() ? nullptr : file->actions().front();
  file->insertAction(first, signInAction_);
  file->insertAction(first, signOutAction_);
  file->insertAction(first, startWindowAction_);
  file->insertSeparator(first);
}

void MainWindow::buildReadBanner(QWidget* host) {
  readBanner_ = new QWidget(host);
  readBanner_->setObjectName("readBanner");
  auto* layout = new QHBoxLayout(readBanner_);
  layout->setContentsMargins(0, 0, 0, 0);
  readBannerText_ = new QLabel;
  readBannerText_->setObjectName("readBannerText");
  readBannerText_->setWordWrap(true);
  layout->addWidget(readBannerText_, 1);
  readBannerCorrect_ = new QPushButton(tr("Correct…"));
  readBannerCorrect_->setObjectName("readBannerCorrect");
  readBannerCorrect_->setToolTip(
      tr("A signed read is changed only by a correction: a new "
         "version with your reason, signed again"));
  connect(readBannerCorrect_, &QPushButton::clicked, this, &MainWindow::correctRead);
  layout->addWidget(readBannerCorrect_);
  buildHangingControls(layout);
  readBanner_->setVisible(false);
}

bool MainWindow::signInInteractive(const QString& location, const QString& userName) {
  std::unique_ptr<session::TrialSession> signedIn;
  {
    // Gone before the session is adopted, which closes this window's other windows.
    session::SignInDialog dialog(this, location, userName);
    if (dialog.exec() != QDialog::Accepted) {
      return false;
    }
    signedIn = dialog.takeSession();
  }
  return adoptSession(std::move(signedIn));
}

bool MainWindow::adoptSession(std::unique_ptr<session::TrialSession> signedIn) {
  if (!signedIn) {
    return false;
  }
  if (!closeRead(tr("sign in as %1").arg(signedIn->record->actor().userName))) {
    return false;  // the reader kept the open read
  }
  closeTrialWindows();
  session_ = std::move(signedIn);
  setTrialSubject(*session_->record, {});
  updateReadState();
  openStartWindow();
  return true;
}

void MainWindow::signOut() {
  if (!closeRead(tr("sign out"))) {
    return;
  }
  closeTrialWindows();
  record_ = nullptr;
  trialSubject_.clear();
  session_.reset();
  updateTrialActions();
  updateReadState();
  status_->setText(tr("Signed out: images only."));
}

void MainWindow::closeTrialWindows() {
  // Windows of the record (worklist, decisions, scoring…) hold references to it: they go first.
  // Every other window of this one does, except the image-only dialogs (import, query/retrieve).
  for (QWidget* w : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (w->isWindow() && w != static_cast<QWidget*>(pseudonymisedImport_) &&
        w != static_cast<QWidget*>(queryRetrieve_) && w->objectName() != "importProblem") {
      const bool owned = w->testAttribute(Qt::WA_DeleteOnClose);  // made with new by an open…()
      w->close();
      if (owned)
        delete w;
    }
  }
}

QWidget* MainWindow::openStartWindow() {
  if (!record_) {
    signInInteractive();
    return nullptr;
  }
  switch (record_->actor().role) {
    case records::Role::Coordinator:
      return openSubjects();
    case records::Role::Administrator:
      return openAccounts();
    default:
      return openWorklist();
  }
}

QWidget* MainWindow::openSubjects() {
  if (!record_) {
    QMessageBox::information(this, tr("Subjects and timepoints"),
                             tr("Sign in first (File > Sign in to trial record…)."));
    return nullptr;
  }
  auto* window = new session::SubjectsWindow(
      *record_, *index_, [this] { return selectedStudyUids(); }, this);
  window->setProperty("nbraTrialWindow", true);
  connect(window, &session::SubjectsWindow::recordChanged, this, &MainWindow::refreshBrowserLabels);
  adjudication::showTrialWindow(window);
  return window;
}

QWidget* MainWindow::openAccounts() {
  if (!record_) {
    QMessageBox::information(this, tr("Accounts"),
                             tr("Sign in first (File > Sign in to trial record…)."));
    return nullptr;
  }
  auto* window = new session::AccountsWindow(*record_, this);
  window->setProperty("nbraTrialWindow", true);
  adjudication::showTrialWindow(window);
  return window;
}

QStringList MainWindow::selectedStudyUids() const {
  QStringList uids;
  for (const QModelIndex& index : tree_->selectionModel()->selectedRows(StudyTreeModel::kName)) {
    // A series stands for its study; a study row for itself.
    QModelIndex row = index;
    if (row.data(StudyTreeModel::kSeriesIdRole).isValid()) {
      const auto study =
          workflow::studyOfSeries(*index_, row.data(StudyTreeModel::kSeriesIdRole).toLongLong());
      if (study && !uids.contains(study->studyUid))
        uids << study->studyUid;
      continue;
    }
    const QVariant uid = row.data(StudyTreeModel::kStudyUidRole);
    if (uid.isValid() && !uids.contains(uid.toString()))
      uids << uid.toString();
  }
  return uids;
}

void MainWindow::refreshBrowserLabels() {
  QHash<QString, QString> labels;
  if (record_ && record_->actor().role != records::Role::Adjudicator) {
    try {
      for (const QString& id : record_->subjectIds()) {
        for (const records::TimepointRecord& t : record_->subject(id).timepoints) {
          for (const QString& uid : t.studyInstanceUids)
            labels.insert(uid, id + " · " + t.label);
        }
      }
    } catch (const std::exception&) {
      // A role that may not list subjects sees no labels; nothing else depends on them.
    }
  }
  model_->setStudyLabels(labels);
}

bool MainWindow::isReadDirty() const {
  if (!read_ || read_->status() == "signed") {
    return false;
  }
  return ReadSession::changeKey(*viewer_->readingMarks(), lesions_->table()) != savedSnapshot_;
}

bool MainWindow::closeRead(const QString& doing) {
  if (!read_) {
    return true;
  }
  if (isReadDirty()) {
    QMessageBox box(QMessageBox::Warning, tr("Unsaved read"),
                    tr("The read of %1, %2 has changes that are not saved.\n\nSave the draft "
                       "before you %3?")
                        .arg(read_->studyId(), read_->timepointLabel(), doing),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName("unsavedReadPrompt");
    box.setDefaultButton(QMessageBox::Save);
    const int choice = box.exec();
    if (choice == QMessageBox::Cancel) {
      return false;
    }
    if (choice == QMessageBox::Save && !saveRead()) {
      return false;  // the refusal was shown; the read stays open
    }
  }
  forgetJournalEntry();
  // Windows working on this read (MIBG scoring, PET findings) close with it, asking first.
  for (QWidget* w : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (w->isWindow() && w->property("nbraReadWindow").toBool() && w->isVisible() && !w->close()) {
      return false;
    }
  }
  read_.reset();
  savedSnapshot_.clear();
  baselineMarks_.reset();
  hangSteps_.clear();
  hangAwaitingLoad_ = false;
  hangCurrent_.reset();
  hangBaseline_.reset();
  hangPlan_ = {};
  hangNote_.clear();
  stageBox_->clear();
  stageBox_->setVisible(false);
  stageLabel_->setVisible(false);
  viewer_->setReadingMarks(std::make_shared<MeasurementSet>());
  lesions_->startBaseline();
  for (auto* v : viewer_->visibleViews())
    v->setMarksReadOnly(false);
  updateTrialActions();
  updateReadState();
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!closeRead(tr("quit"))) {
    event->ignore();
    return;
  }
  // The record's windows close now, while the record is still open.
  closeTrialWindows();
  event->accept();
}

void MainWindow::updateReadState() {
  // The title bar: whose read, of what, in what state; or who is signed in; or images only.
  QString title = tr("NBRA");
  if (read_ && record_) {
    const QString state = read_->status().isEmpty()     ? tr("new read")
                          : read_->status() == "signed" ? tr("signed")
                                                        : tr("draft");
    title += tr(" — %1 · %2 · %3 — %4 (%5)[*]")
                 .arg(read_->studyId(), read_->timepointLabel(), state, record_->actor().fullName,
                      records::roleName(record_->actor().role));
  } else if (record_) {
    title += tr(" — %1 (%2) — %3")
                 .arg(record_->actor().fullName, records::roleName(record_->actor().role),
                      session_ ? session_->database->displayName() : tr("trial record"));
  } else {
    title += tr(" — images only (not signed in to a trial record)");
  }
  setWindowTitle(title);
  setWindowModified(isReadDirty());

  const bool signedRead = read_ && read_->status() == "signed";
  if (readBanner_) {
    readBanner_->setVisible(read_ != nullptr);
    if (read_) {
      readBannerText_->setText(
          signedRead
              ? tr("Signed read of %1, %2 — read-only. Nothing here can be changed; use "
                   "Correct… to start a correction with your reason.")
                    .arg(read_->studyId(), read_->timepointLabel())
              : tr("Reading %1, %2 as %3 — %4. Save draft: Ctrl+S; sign when complete "
                   "(Reading > Sign read…).")
                    .arg(read_->studyId(), read_->timepointLabel(), record_->actor().fullName,
                         read_->status().isEmpty() ? tr("not saved yet") : tr("draft")));
      if (!hangNote_.isEmpty()) {
        readBannerText_->setText(readBannerText_->text() + "\n" + hangNote_);
      }
      readBanner_->setStyleSheet(
          QString("QWidget#readBanner { %1 }").arg(signedRead ? kSignedBanner : kDraftBanner));
      readBannerText_->setStyleSheet(signedRead ? kSignedBanner : kDraftBanner);
      readBannerCorrect_->setVisible(signedRead);
    }
  }
  // A signed read is visibly read-only: no measuring tool, no table edits, nothing to save.
  for (int tool = 1; tool <= 4; ++tool) {
    if (auto* b = findChild<QAbstractButton*>(QString("tool%1").arg(tool)))
      b->setEnabled(!signedRead);
  }
  if (signedRead)
    viewer_->setTool(MeasureTool::Navigate);
  lesions_->setEnabled(!signedRead);
  if (saveAction_)
    saveAction_->setEnabled(read_ && !signedRead);
  if (signAction_)
    signAction_->setEnabled(read_ && !signedRead);
  if (correctAction_)
    correctAction_->setEnabled(signedRead);
  if (signOutAction_)
    signOutAction_->setEnabled(record_ != nullptr);
  if (startWindowAction_)
    startWindowAction_->setEnabled(record_ != nullptr);
}

}  // namespace nbra::viewer
