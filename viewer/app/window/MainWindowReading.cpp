// The Trial menu's entries of the blinded double reading (docs/adjudication.md): the worklist of
// every role, the adjudicator's adjudication, the reader metrics and the reading design and
// assignments. The windows are viewer/app/adjudication's; this file only enables the entries by
// role and opens them with the record and the signed-in user.
#include <QAction>
#include <QMenu>
#include <QMessageBox>

#include "records/store/TrialRecord.h"
#include "records/users/Role.h"
#include "viewer/app/adjudication/AdjudicationLaunch.h"
#include "viewer/app/adjudication/AdjudicationWindow.h"
#include "viewer/app/adjudication/ReaderMetricsWindow.h"
#include "viewer/app/adjudication/ReadingSetupWindow.h"
#include "viewer/app/adjudication/WorklistWindow.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/adjudication/Worklist.h"

namespace nbra::viewer {

namespace {

QString noRecordText() {
  return QObject::tr("No trial record: sign in first (File > Sign in to trial record…).");
}

}  // namespace

void MainWindow::buildReadingActions(QMenu* menu) {
  worklistAction_ = menu->addAction(tr("&Worklist…"));
  worklistAction_->setObjectName("worklist");
  worklistAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+W")));
  connect(worklistAction_, &QAction::triggered, this, [this] { openWorklist(); });
  adjudicationAction_ = menu->addAction(tr("Ad&judication…"));
  adjudicationAction_->setObjectName("adjudication");
  connect(adjudicationAction_, &QAction::triggered, this, [this] { openAdjudication(); });
  readerMetricsAction_ = menu->addAction(tr("Reader &metrics…"));
  readerMetricsAction_->setObjectName("readerMetrics");
  connect(readerMetricsAction_, &QAction::triggered, this, [this] { openReaderMetrics(); });
  readingSetupAction_ = menu->addAction(tr("Reading &design and assignments…"));
  readingSetupAction_->setObjectName("readingSetup");
  connect(readingSetupAction_, &QAction::triggered, this, [this] { openReadingSetup(); });
}

void MainWindow::updateReadingActions() {
  if (!worklistAction_) {
    return;
  }
  const auto allows = [this](records::Permission p) {
    return record_ && records::roleAllows(record_->actor().role, p);
  };
  const auto tip = [this](QAction* action, bool enabled, const QString& what, const QString& who) {
    action->setEnabled(enabled);
    action->setToolTip(enabled ? what : record_ ? who : noRecordText());
  };
  tip(worklistAction_, record_ != nullptr, tr("What waits for you, soonest injection first"),
      noRecordText());
  tip(adjudicationAction_, allows(records::Permission::Adjudicate),
      tr("The discordant timepoints assigned to you, blinded: reads A and B"),
      tr("Adjudication is for the timepoint's adjudicator"));
  tip(readerMetricsAction_, allows(records::Permission::ViewReaderMetrics),
      tr("Adjudication rates, reader agreement and the p-chart"),
      tr("Reader metrics are for investigators and the administrator"));
  tip(readingSetupAction_,
      allows(records::Permission::SetReadingDesign) || allows(records::Permission::AssignReaders),
      tr("The administrator sets the reading design; the coordinator assigns readers"),
      tr("The reading design is the administrator's, the assignments the coordinator's"));
}

QWidget* MainWindow::openWorklist() {
  if (!record_) {
    QMessageBox::information(this, tr("Worklist"), noRecordText());
    return nullptr;
  }
  auto* window = new adjudication::WorklistWindow(*record_, this);
  window->setOpener([this](const workflow::WorkItem& item) { return openWorkItem(item); });
  adjudication::showTrialWindow(window);
  return window;
}

QWidget* MainWindow::openAdjudication() {
  if (!record_) {
    QMessageBox::information(this, tr("Adjudication"), noRecordText());
    return nullptr;
  }
  const auto chosen = adjudication::chooseAdjudication(this, *record_, trialSubject_);
  if (!chosen) {
    return nullptr;
  }
  return adjudication::openAdjudicationWindow(this, *record_, chosen->first, chosen->second);
}

QWidget* MainWindow::openReaderMetrics() {
  if (!record_) {
    QMessageBox::information(this, tr("Reader metrics"), noRecordText());
    return nullptr;
  }
  try {
    auto* window = new adjudication::ReaderMetricsWindow(*record_, this);
    adjudication::showTrialWindow(window);
    return window;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Reader metrics"), QString::fromUtf8(e.what()));
    return nullptr;
  }
}

QWidget* MainWindow::openReadingSetup(const QString& studyId, const QString& label) {
  if (!record_) {
    QMessageBox::information(this, tr("Reading design and assignments"), noRecordText());
    return nullptr;
  }
  try {
    auto* window = new adjudication::ReadingSetupWindow(*record_, this, studyId, label);
    adjudication::showTrialWindow(window);
    return window;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Reading design and assignments"), QString::fromUtf8(e.what()));
    return nullptr;
  }
}

QString MainWindow::openWorkItem(const workflow::WorkItem& item) {
  if (!record_) {
    return noRecordText();
  }
  if (item.task == "assign-readers") {
    return openReadingSetup(item.studyId, item.timepointLabel) ? QString() : tr("not opened");
  }
  if (item.task != "read") {
    // The investigator's assessments and decisions, and the timepoints they wait for.
    setTrialSubject(*record_, item.studyId);
    return openDecisions() ? QString() : tr("not opened");
  }
  if (read_ && read_->studyId() == item.studyId && read_->timepointLabel() == item.timepointLabel) {
    raise();
    activateWindow();
    return {};
  }
  // A follow-up is read beside the reader's signed baseline read.
  QString baseline;
  try {
    const records::SubjectRecord subject = record_->subject(item.studyId);
    bool followUp = false;
    for (const records::TimepointRecord& t : subject.timepoints) {
      followUp = followUp || (t.label == item.timepointLabel && t.kind != "baseline");
    }
    for (const records::TimepointRecord& t : subject.timepoints) {
      if (followUp && t.kind == "baseline") {
        baseline = t.label;
      }
    }
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  const QString error = openRead(*record_, item.studyId, item.timepointLabel, baseline);
  if (error.isEmpty()) {
    raise();
    activateWindow();
  }
  return error;
}

}  // namespace nbra::viewer
