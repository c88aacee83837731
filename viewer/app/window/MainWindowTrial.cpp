// The main window's Trial menu: MIBG scoring of the open read, the investigator's response,
// eligibility and extra-dose decisions, the trial around the images (eligibility checklist,
// injection schedule and timeline, NK-cell product), and the results by arm. Kept apart from
// MainWindow.cpp, which is about images.
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

#include "dicom/index/ImageIndex.h"
#include "records/store/TrialRecord.h"
#include "records/users/Role.h"
#include "viewer/app/decide/DecisionWorkspace.h"
#include "viewer/app/protocol/ChecklistWindow.h"
#include "viewer/app/protocol/ProductWindow.h"
#include "viewer/app/protocol/ScheduleWindow.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/results/ResultsWindow.h"
#include "viewer/app/results/UnmaskDialog.h"
#include "viewer/app/trial/MibgScoringWindow.h"
#include "viewer/app/trial/PetFindings.h"
#include "viewer/app/window/MainWindow.h"
#include "viewer/app/window/ScreenFit.h"
#include "workflow/results/TrialResults.h"

namespace nbra::viewer {

void MainWindow::buildTrialMenu() {
  QMenu* menu = menuBar()->addMenu(tr("&Trial"));
  scoreMibgAction_ = menu->addAction(tr("Score &MIBG of this read…"));
  scoreMibgAction_->setObjectName("scoreMibg");
  scoreMibgAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
  connect(scoreMibgAction_, &QAction::triggered, this, [this] { openMibgScoring(); });
  petFindingsAction_ = menu->addAction(tr("FDG-&PET findings of this read…"));
  petFindingsAction_->setObjectName("petFindings");
  connect(petFindingsAction_, &QAction::triggered, this, [this] { openPetFindings(); });
  menu->addSeparator();
  decisionsAction_ = menu->addAction(tr("&Response and decisions…"));
  decisionsAction_->setObjectName("decisions");
  decisionsAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
  connect(decisionsAction_, &QAction::triggered, this, [this] { openDecisions(); });
  checklistAction_ = menu->addAction(tr("&Eligibility checklist…"));
  checklistAction_->setObjectName("checklist");
  connect(checklistAction_, &QAction::triggered, this, [this] { openChecklist(); });
  scheduleAction_ = menu->addAction(tr("Injection &schedule and timeline…"));
  scheduleAction_->setObjectName("schedule");
  connect(scheduleAction_, &QAction::triggered, this, [this] { openSchedule(); });
  productAction_ = menu->addAction(tr("&NK-cell product…"));
  productAction_->setObjectName("product");
  connect(productAction_, &QAction::triggered, this, [this] { openProduct(); });
  menu->addSeparator();
  resultsAction_ = menu->addAction(tr("Results by &arm…"));
  resultsAction_->setObjectName("results");
  connect(resultsAction_, &QAction::triggered, this, [this] { openResults(); });
  menu->addSeparator();
  buildReadingActions(menu);
  menu->addSeparator();
  subjectsAction_ = menu->addAction(tr("S&ubjects and timepoints…"));
  subjectsAction_->setObjectName("subjects");
  subjectsAction_->setToolTip(tr("New subjects, and timepoints linked to studies from the browser"));
  connect(subjectsAction_, &QAction::triggered, this, [this] { openSubjects(); });
  accountsAction_ = menu->addAction(tr("A&ccounts…"));
  accountsAction_->setObjectName("accounts");
  accountsAction_->setToolTip(tr("The trial's accounts: new accounts, locked accounts unlocked"));
  connect(accountsAction_, &QAction::triggered, this, [this] { openAccounts(); });
  updateTrialActions();
}

void MainWindow::updateTrialActions() {
  if (!scoreMibgAction_)
    return;
  const bool reader = record_ && record_->actor().role == records::Role::Reader;
  scoreMibgAction_->setEnabled(read_ != nullptr && reader);
  petFindingsAction_->setEnabled(read_ != nullptr && reader);
  scoreMibgAction_->setToolTip(read_ ? tr("Curie and SIOPEN scoring of %1, %2, saved in your read")
                                           .arg(read_->studyId(), read_->timepointLabel())
                                     : tr("Open a read first, from your worklist (File > My work…)"));
  decisionsAction_->setEnabled(record_ != nullptr && !trialSubject_.isEmpty() && !reader);
  decisionsAction_->setToolTip(
      reader ? tr("Readers are kept blind to assessments and decisions")
             : tr("INRC response, eligibility and extra doses of the subject"));
  // The trial around the images, like the decisions: for the subject's coordinator and
  // investigator, never for a reader (the timeline and the checklist show the decisions).
  const bool subjectOpen = record_ != nullptr && !trialSubject_.isEmpty();
  checklistAction_->setEnabled(subjectOpen && !reader);
  checklistAction_->setToolTip(
      reader        ? tr("Readers are kept blind to eligibility and decisions")
      : subjectOpen ? tr("The coordinator enters the protocol's eligibility checklist; "
                         "the investigator reviews and signs it")
                    : tr("No subject: open one from your worklist or Trial > Subjects and timepoints"));
  scheduleAction_->setEnabled(subjectOpen && !reader);
  scheduleAction_->setToolTip(
      reader        ? tr("Readers are kept blind to injections and decisions")
      : subjectOpen ? tr("Chemotherapy courses, the injection calendar and the subject's "
                         "timeline")
                    : tr("No subject: open one from your worklist or Trial > Subjects and timepoints"));
  productAction_->setEnabled(subjectOpen && !reader);
  productAction_->setToolTip(
      reader        ? tr("Readers are kept blind to injections")
      : subjectOpen ? tr("NK-cell lots, their release QC and the subject's thaw checks")
                    : tr("No subject: open one from your worklist or Trial > Subjects and timepoints"));
  const bool investigator =
      record_ && records::roleAllows(record_->actor().role, records::Permission::ViewResults);
  resultsAction_->setEnabled(investigator);
  resultsAction_->setToolTip(investigator
                                 ? tr("Response by arm, response rates and plots of every subject")
                                 : tr("Results by arm are for a signed-in investigator"));
  updateReadingActions();
  if (subjectsAction_) {
    // The coordinator's window; the investigator may look at it. Readers and adjudicators work
    // from their worklist, blind to everything else.
    subjectsAction_->setEnabled(record_ && (record_->actor().role == records::Role::Coordinator ||
                                            record_->actor().role == records::Role::Investigator));
    accountsAction_->setEnabled(record_ && records::roleAllows(record_->actor().role,
                                                               records::Permission::ManageUsers));
  }
}

void MainWindow::setTrialSubject(records::TrialRecord& record, const QString& studyId) {
  record_ = &record;
  trialSubject_ = studyId;
  updateTrialActions();
  const QString who = tr("signed in as %1 (%2)")
                          .arg(record.actor().fullName, records::roleName(record.actor().role));
  status_->setText(studyId.isEmpty() ? tr("Trial record: no subject open, %1").arg(who)
                                     : tr("Trial record: subject %1, %2").arg(studyId, who));
}

trial::MibgScoringWindow* MainWindow::openMibgScoring() {
  if (!read_ || !record_) {
    QMessageBox::information(
        this, tr("Score MIBG"),
        tr("No read is open: open a read from your worklist (File > My work…)."));
    return nullptr;
  }
  auto* window = new trial::MibgScoringWindow(*record_, QString::fromStdString(index_->path()),
                                              read_->studyId(), read_->timepointLabel(), this);
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->setWindowFlag(Qt::Window);
  // Part of the open read: closed (asking about unsaved scoring) when the read closes.
  window->setProperty("nbraReadWindow", true);
  window->setProperty("nbraTrialWindow", true);
  window->load();  // a failure is shown in the window, naming what is missing
  window->show();
  return window;
}

trial::PetFindingsDialog* MainWindow::openPetFindings() {
  if (!read_ || !record_) {
    QMessageBox::information(
        this, tr("FDG-PET findings"),
        tr("No read is open: open a read from your worklist (File > My work…)."));
    return nullptr;
  }
  bool baseline = false;
  try {
    for (const records::TimepointRecord& t : record_->subject(read_->studyId()).timepoints)
      if (t.label == read_->timepointLabel())
        baseline = t.kind == "baseline";
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("FDG-PET findings"), QString::fromUtf8(e.what()));
    return nullptr;
  }
  auto* dialog = new trial::PetFindingsDialog(*record_, read_->studyId(), read_->timepointLabel(),
                                              baseline, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setProperty("nbraReadWindow", true);
  dialog->setProperty("nbraTrialWindow", true);
  dialog->show();
  return dialog;
}

QWidget* MainWindow::openDecisions() {
  if (!record_ || trialSubject_.isEmpty()) {
    QMessageBox::information(this, tr("Response and decisions"),
                             tr("No subject: open one from your worklist (File > My work…)."));
    return nullptr;
  }
  try {
    auto* workspace = new decide::DecisionWorkspace(*record_, trialSubject_, this);
    workspace->setAttribute(Qt::WA_DeleteOnClose);
    workspace->setWindowFlag(Qt::Window);
    workspace->setWindowTitle(tr("Response and decisions — %1").arg(trialSubject_));
    resizeWithinScreen(workspace, QSize(1100, 800));
    placeOnScreen(workspace);
    workspace->show();
    return workspace;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Response and decisions"), QString::fromUtf8(e.what()));
    return nullptr;
  }
}

namespace {

// One of the trial's own windows for the open subject, sized to fit the screen (1366 x 768 at
// least); null with the record's message when it cannot be opened.
template <typename Window>
QWidget* openSubjectWindow(QWidget* parent, records::TrialRecord* record, const QString& studyId,
                           const QString& what) {
  if (!record || studyId.isEmpty()) {
    QMessageBox::information(parent, what,
                             QObject::tr("No subject: open one from your worklist (File > My "
                                         "work…)."));
    return nullptr;
  }
  try {
    auto* window = new Window(*record, studyId, parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowFlag(Qt::Window);
    resizeWithinScreen(window, window->sizeHint());
    placeOnScreen(window);
    window->show();
    return window;
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, what, QString::fromUtf8(e.what()));
    return nullptr;
  }
}

}  // namespace

QWidget* MainWindow::openChecklist() {
  return openSubjectWindow<protocol::ChecklistWindow>(this, record_, trialSubject_,
                                                      tr("Eligibility checklist"));
}

QWidget* MainWindow::openSchedule() {
  return openSubjectWindow<protocol::ScheduleWindow>(this, record_, trialSubject_,
                                                     tr("Injection schedule and timeline"));
}

QWidget* MainWindow::openProduct() {
  return openSubjectWindow<protocol::ProductWindow>(this, record_, trialSubject_,
                                                    tr("NK-cell product"));
}

QWidget* MainWindow::openResults() {
  if (!record_) {
    QMessageBox::information(this, tr("Results by arm"),
                             tr("No trial record: sign in first (File > Sign in to trial record…)."));
    return nullptr;
  }
  try {
    // Seeing the arms is recorded before the results are gathered, never after: a refused or
    // cancelled unmasking shows nothing.
    if (!record_->actorIsUnmasked()) {
      results::UnmaskDialog dialog(record_->actor().fullName, record_->actor().userName, this);
      if (dialog.exec() != QDialog::Accepted)
        return nullptr;
      record_->unmask(dialog.reason(), dialog.password());
    }
    const workflow::TrialResults gathered = workflow::gatherResults(*record_);
    auto* window = new results::ResultsWindow(gathered, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowFlag(Qt::Window);
    resizeWithinScreen(window, QSize(1280, 860));
    placeOnScreen(window);
    window->show();
    return window;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Results by arm"), QString::fromUtf8(e.what()));
    return nullptr;
  }
}

}  // namespace nbra::viewer
