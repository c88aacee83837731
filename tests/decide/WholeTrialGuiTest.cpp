// Issue #19's acceptance: one whole trial read in the workstation, with no nbra-cli and no
// command-line flag. An administrator creates a new record and the accounts; the coordinator
// signs in, creates the subject and adds the baseline and follow-up timepoints by linking
// studies from the study browser (a selection, then a drag); the reader signs in (a wrong
// password first), reads the baseline (bidirectional measurements and MIBG scoring) and signs;
// the follow-up opens with the baseline beside it by itself, is re-measured, scored and signed;
// the investigator assesses and decides the extra doses, and the decision matches the
// generator's truth. The coordinator's protocol steps between the reads (checklist, enrolment,
// NK-cell product and injections) have their own windows and tests (ProtocolWindowsGuiTest) and
// are entered through the record here. Skips, saying why, without the synthetic data.

#include <gtest/gtest.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <array>
#include <cmath>

#include "tests/decide/DecideFlow.h"
#include "tests/decide/GuiHelpers.h"
#include "tests/mibg/TruthClicks.h"
#include "tests/mibg/TruthFoci.h"
#include "tests/records/RecordTestSupport.h"
#include "tests/support/SliceViewPoints.h"
#include "tests/synthetic/SyntheticData.h"
#include "tests/viewer/ModalScript.h"
#include "viewer/app/adjudication/WorklistWindow.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/decide/AssessmentPanel.h"
#include "viewer/app/decide/DecisionWorkspace.h"
#include "viewer/app/decide/EligibilityPanel.h"
#include "viewer/app/decide/ExtraDoseDialog.h"
#include "viewer/app/decide/SignDialog.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/session/AccountsWindow.h"
#include "viewer/app/session/NewRecordDialog.h"
#include "viewer/app/session/SignInDialog.h"
#include "viewer/app/session/StudyDropList.h"
#include "viewer/app/session/SubjectsWindow.h"
#include "viewer/app/trial/MibgScoringWindow.h"
#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

namespace nbra::decide::testing {
namespace {

using namespace nbra::viewer;
using nbra::viewer::testing::ModalScript;
namespace syn = nbra::synthetic::testing;

Vec3 along(const Vec3& p, const Vec3& d, double t) {
  return {p[0] + d[0] * t, p[1] + d[1] * t, p[2] + d[2] * t};
}


// A bidirectional mark drawn with the mouse where the truth puts the lesion's axes.
int measureAtTruth(SliceView* view, const QJsonObject& lesion) {
  const auto c = syn::vec3(lesion["centreMm"]);
  const Vec3 centre = nbra::testing::nearestAcquiredSlice(*view->series(), {c[0], c[1], c[2]});
  const double a = lesion["longAxisMm"].toDouble() / 2, b = lesion["shortAxisMm"].toDouble() / 2;
  view->setZoom(3);
  view->setCrosshair(centre);
  QTest::keyClick(view, Qt::Key_B);
  nbra::testing::drag(view, along(centre, {-1, 0, 0}, a), along(centre, {1, 0, 0}, a));
  const auto id = view->selectedMeasurement();
  if (!id)
    return 0;
  nbra::testing::drag(view, along(centre, {0, -1, 0}, b), along(centre, {0, 1, 0}, b));
  QTest::keyClick(view, Qt::Key_Escape);
  return *id;
}


// The browser's study rows dated `date` (study rows: no series id). The synthetic timepoints, like
// many sites' scans, are one study per modality (CT, NM) on the same day.
QModelIndexList studiesDated(QTreeView* tree, const QDate& date, const QModelIndex& parent = {}) {
  QModelIndexList out;
  QAbstractItemModel* model = tree->model();
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, 0, parent);
    if (!i.data(StudyTreeModel::kSeriesIdRole).isValid() &&
        i.data(StudyTreeModel::kStudyUidRole).isValid() &&
        i.siblingAtColumn(StudyTreeModel::kDate).data().toString() == date.toString(Qt::ISODate)) {
      out << i;
    }
    out += studiesDated(tree, date, i);
  }
  return out;
}

// Pictures for the README when NBRA_WORKSTATION_SCREENSHOTS names a folder.
void shoot(QWidget* w, const QString& name) {
  const QString dir = qEnvironmentVariable("NBRA_WORKSTATION_SCREENSHOTS");
  if (dir.isEmpty() || !w)
    return;
  QApplication::processEvents();
  for (auto* v : w->findChildren<SliceView*>())
    v->renderedImage();
  EXPECT_TRUE(w->grab().save(dir + "/" + name)) << name.toStdString();
}

// The sign-in dialog answered: `user` with `password`, once.
ModalScript::Step signInAs(const QString& user, const QString& password,
                           QStringList* errors = nullptr) {
  return [=](QWidget* modal) {
    auto* dialog = qobject_cast<session::SignInDialog*>(modal);
    if (!dialog)
      return false;
    dialog->userEdit()->setText(user);
    dialog->passwordEdit()->setText(password);
    QMetaObject::invokeMethod(
        dialog,
        [dialog, errors] {
          dialog->trySignIn();
          if (errors && !dialog->errorText().isEmpty()) {
            *errors << dialog->errorText();
            shoot(dialog, "sign-in.png");
          }
        },
        Qt::QueuedConnection);
    return true;
  };
}

int worklistRow(adjudication::WorklistWindow* worklist, const QString& label) {
  for (std::size_t i = 0; i < worklist->items().size(); ++i)
    if (worklist->items()[i].timepointLabel == label)
      return static_cast<int>(i);
  return -1;
}

void setCheck(LesionPanel* panel, int row, int column, bool on) {
  panel->tableWidget()->item(row, column)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

void enterMarrow(viewer::decide::AssessmentPanel* assessment,
                 const std::vector<std::pair<QString, double>>& samples, bool confirmed) {
  if (samples.empty())
    return;
  click(child<QCheckBox>(assessment, "enterMarrow"));
  std::array<int, 2> next{0, 2};  // aspirates in rows 0-1, biopsies in rows 2-3
  for (const auto& [kind, percent] : samples) {
    const int row = kind == "aspirate" ? next[0]++ : next[1]++;
    auto* done = child<QCheckBox>(assessment, QString("marrowDone%1").arg(row));
    if (!done->isChecked())
      click(done);
    auto* spin = child<QDoubleSpinBox>(assessment, QString("marrowPercent%1").arg(row));
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(percent, 'f', 1));
    QTest::keyClick(spin, Qt::Key_Enter);
    spin->clearFocus();
    EXPECT_DOUBLE_EQ(spin->value(), percent);
  }
  if (child<QCheckBox>(assessment, "pathologyConfirmed")->isChecked() != confirmed)
    click(child<QCheckBox>(assessment, "pathologyConfirmed"));
}

void signWith(QWidget* opener) {
  QApplication::processEvents();
  auto* dialog = opener->findChild<viewer::decide::SignDialog*>();
  ASSERT_NE(dialog, nullptr) << "no signature dialog opened";
  QTest::keyClicks(child<QLineEdit>(dialog, "password"), kPassword);
  click(child<QPushButton>(dialog, "sign"));
}

class WholeTrialGui : public ::testing::Test {
 protected:
  void SetUp() override {
    subject_ = loadSubject("NBRA-SYN-001");
    if (!subject_) {
      GTEST_SKIP() << "synthetic patient NBRA-SYN-001 not found under "
                   << syntheticDir().toStdString()
                   << " (generated at build time by data-samples/generator)";
    }
    ASSERT_TRUE(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    qputenv("NBRA_JOURNAL_DIR", dir_.filePath("journal").toUtf8());
  }

  QJsonObject truthLesion(const QString& key, const QString& id) const {
    for (const QJsonValue tp : subject_->truth["timepoints"].toArray()) {
      if (tp.toObject()["key"].toString() != key)
        continue;
      for (const QJsonValue v : tp.toObject()["lesions"].toArray())
        if (v.toObject()["trackingId"].toString() == id)
          return v.toObject();
    }
    return {};
  }
  ::nbra::mibg::testing::TruthTimepoint truthMibg(const std::string& key) const {
    for (const auto& tp : ::nbra::mibg::testing::truthTimepoints())
      if (tp.subjectId == subject_->id.toStdString() && tp.key == key)
        return tp;
    return {};
  }

  // Signs in through the dialog the way a person does; the role's start window opens.
  void signIn(MainWindow& window, const QString& user, QStringList* errors = nullptr) {
    ModalScript modals;
    modals.then(signInAs(user, kPassword, errors));
    ASSERT_TRUE(window.signInInteractive()) << user.toStdString();
    ASSERT_TRUE(modals.done());
  }

  // The reader's MIBG scoring of the open read, by clicks on the truth's foci, saved.
  void scoreMibg(MainWindow& window, const std::string& key) {
    trial::MibgScoringWindow* scoring = window.openMibgScoring();
    ASSERT_NE(scoring, nullptr);
    const auto tp = truthMibg(key);
    ASSERT_FALSE(tp.foci.empty()) << "no MIBG truth for " << key;
    ASSERT_GT(::nbra::mibg::testing::scoreByClicks(*scoring->scoring(), tp), 0)
        << scoring->statusText().toStdString();
    EXPECT_EQ(scoring->scoring()->scores().curie.total, tp.curieTotal);
    ASSERT_TRUE(scoring->saveDraft()) << scoring->statusText().toStdString();
  }

  void signRead(MainWindow& window) {
    ModalScript modals;
    modals.type(kPassword);
    window.findChild<QAction*>("signReadAction")->trigger();
    ASSERT_TRUE(modals.done());
    ASSERT_EQ(window.readSession()->status(), "signed") << window.statusText().toStdString();
  }

  QTemporaryDir dir_;
  std::optional<SyntheticSubject> subject_;
};

TEST_F(WholeTrialGui, ACoordinatorAReaderAndAnInvestigatorDoTheTrialInTheWorkstation) {
  const SyntheticSubject& s = *subject_;
  MainWindow window(dir_.filePath("index.sqlite"));
  window.resize(1366, 768);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  {
    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importPaths({syntheticDir() + "/" + s.id});
    ASSERT_TRUE(imported.wait(120000));
  }

  // 1. A new record, its administrator, and the trial's accounts.
  const QString recordPath = dir_.filePath("trial.sqlite");
  {
    ModalScript modals;
    modals.then([](QWidget* modal) {
      auto* dialog = qobject_cast<session::SignInDialog*>(modal);
      if (!dialog)
        return false;
      QMetaObject::invokeMethod(dialog, &session::SignInDialog::createRecord, Qt::QueuedConnection);
      return true;
    });
    modals.then([&](QWidget* modal) {
      auto* dialog = qobject_cast<session::NewRecordDialog*>(modal);
      if (!dialog)
        return false;
      dialog->pathEdit()->setText(recordPath);
      dialog->userEdit()->setText("admin");
      dialog->fullNameEdit()->setText("Ada Admin");
      dialog->passwordEdit()->setText(kPassword);
      dialog->repeatEdit()->setText(kPassword);
      QMetaObject::invokeMethod(dialog, &session::NewRecordDialog::tryCreate, Qt::QueuedConnection);
      return true;
    });
    ASSERT_TRUE(window.signInInteractive());
    ASSERT_TRUE(modals.done());
  }
  auto* accounts = window.findChild<session::AccountsWindow*>();
  ASSERT_NE(accounts, nullptr);
  for (const auto& [user, name, role] :
       std::vector<std::array<QString, 3>>{{"coord", "Cora Coordinator", "coordinator"},
                                           {"reader1", "Dr Rita Reader", "reader"},
                                           {"inv", "Dr Ivan Investigator", "investigator"}}) {
    accounts->userEdit()->setText(user);
    accounts->fullNameEdit()->setText(name);
    accounts->roleBox()->setCurrentIndex(accounts->roleBox()->findData(role));
    accounts->passwordEdit()->setText(kPassword);
    ASSERT_TRUE(accounts->createAccount()) << accounts->errorText().toStdString();
  }

  // 2. The coordinator: the subject, and its timepoints linked from the browser.
  signIn(window, "coord");
  auto* subjects = window.findChild<session::SubjectsWindow*>();
  ASSERT_NE(subjects, nullptr);
  subjects->studyIdEdit()->setText(s.id);
  subjects->sexBox()->setCurrentIndex(subjects->sexBox()->findData(s.sex));
  const QDate birth = s.baselineDate.addDays(-static_cast<qint64>(std::round(s.ageYears * 365.25)));
  subjects->birthDateEdit()->setText(birth.toString(Qt::ISODate));
  ASSERT_TRUE(subjects->createSubject()) << subjects->errorText().toStdString();
  // Baseline: each study of the day selected in the browser, then Add selected.
  const QModelIndexList baselineStudies = studiesDated(window.studyTree(), s.baselineDate);
  ASSERT_EQ(baselineStudies.size(), 2)
      << "the CT and the MIBG study of " << s.baselineDate.toString(Qt::ISODate).toStdString();
  for (const QModelIndex& study : baselineStudies) {
    window.studyTree()->setCurrentIndex(study);
    ASSERT_TRUE(subjects->addSelectedStudies()) << subjects->errorText().toStdString();
  }
  ASSERT_EQ(subjects->studyList()->count(), 2);
  subjects->labelEdit()->setText(s.baselineLabel);
  ASSERT_TRUE(subjects->addTimepoint()) << subjects->errorText().toStdString();
  // Follow-up: the CT study's row dragged, and one series of the MIBG study (a series stands
  // for its study).
  const QModelIndexList followStudies = studiesDated(window.studyTree(), s.followUpDate);
  ASSERT_EQ(followStudies.size(), 2);
  for (int k = 0; k < 2; ++k) {
    const QModelIndex row =
        k == 0 ? followStudies[0] : window.studyTree()->model()->index(0, 0, followStudies[1]);
    std::unique_ptr<QMimeData> dragged(window.studyTree()->model()->mimeData({row}));
    ASSERT_TRUE(dragged && subjects->studyList()->acceptMime(dragged.get()));
  }
  ASSERT_EQ(subjects->studyList()->count(), 2);
  subjects->labelEdit()->setText(s.followUpLabel);
  ASSERT_TRUE(subjects->addTimepoint()) << subjects->errorText().toStdString();
  {
    // Weights for the doses (the schedule window's; through the record here).
    auto coord = session::openTrialRecord(recordPath);
    coord->record->signIn("coord", kPassword);
    coord->record->recordBodyMeasurement(s.id, s.baselineDate, s.weightKg, std::nullopt);
    for (const QDate& d : s.injectionDates())
      coord->record->recordBodyMeasurement(s.id, d, s.weightKg, std::nullopt);
  }

  // 3. The reader: a wrong password first, then the worklist; the baseline read.
  {
    ModalScript modals;
    QStringList errors;
    modals.then(signInAs("reader1", "not my password", &errors));
    modals.then(signInAs("reader1", kPassword, &errors));
    ASSERT_TRUE(window.signInInteractive());
    ASSERT_TRUE(modals.done());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.front().contains("wrong password")) << errors.front().toStdString();
  }
  auto* worklist = window.findChild<adjudication::WorklistWindow*>();
  ASSERT_NE(worklist, nullptr);
  ASSERT_EQ(worklist->items().size(), 2u);
  shoot(worklist, "worklist-reader.png");
  QSignalSpy hung(&window, &MainWindow::hangingDone);
  worklist->openItem(worklistRow(worklist, s.baselineLabel));
  ASSERT_TRUE(hung.wait(60000)) << window.statusText().toStdString();
  SliceView* view = window.viewer()->activeView();
  ASSERT_TRUE(view->series());
  EXPECT_EQ(view->series()->modality(), "CT");
  LesionPanel* lesions = window.lesionPanel();
  ASSERT_GT(measureAtTruth(view, truthLesion("baseline", "P1")), 0);
  lesions->tableWidget()->item(0, LesionPanel::Site)->setText("left adrenal");
  setCheck(lesions, 0, LesionPanel::Primary, true);
  setCheck(lesions, 0, LesionPanel::Mibg, true);
  ASSERT_GT(measureAtTruth(view, truthLesion("baseline", "N1")), 0);
  lesions->tableWidget()->item(1, LesionPanel::Site)->setText("retroperitoneal node");
  setCheck(lesions, 1, LesionPanel::Node, true);
  setCheck(lesions, 1, LesionPanel::Mibg, true);
  setCheck(lesions, 1, LesionPanel::Target, true);
  ASSERT_EQ(lesions->table().size(), 2u);
  EXPECT_TRUE(window.isReadDirty());
  ASSERT_TRUE(window.saveRead());
  scoreMibg(window, "baseline");
  signRead(window);

  // 4. The follow-up hangs beside its baseline by itself; each lesion re-measured on the right.
  worklist = window.findChild<adjudication::WorklistWindow*>();
  ASSERT_NE(worklist, nullptr);
  worklist->refresh();
  hung.clear();
  worklist->openItem(worklistRow(worklist, s.followUpLabel));
  ASSERT_TRUE(hung.wait(60000)) << window.statusText().toStdString();
  ASSERT_EQ(window.viewer()->viewLayout(), ViewLayout::OneByTwo);
  SliceView* left = window.viewer()->visibleViews()[0];
  SliceView* right = window.viewer()->visibleViews()[1];
  EXPECT_TRUE(left->marksReadOnly());
  EXPECT_TRUE(left->caption().contains("BASELINE")) << left->caption().toStdString();
  EXPECT_TRUE(right->caption().contains("CURRENT")) << right->caption().toStdString();
  ASSERT_EQ(lesions->table().size(), 2u);
  const QString followKey = "after-injection-3";
  for (int row = 0; row < 2; ++row) {
    lesions->selectRow(static_cast<std::size_t>(row));
    ASSERT_GT(measureAtTruth(right, truthLesion(followKey, row == 0 ? "P1" : "N1")), 0);
    EXPECT_EQ(lesions->table().at(static_cast<std::size_t>(row)).status, LesionStatus::Measured);
  }
  ASSERT_EQ(lesions->table().size(), 2u);  // re-measured, not new
  lesions->selectRow(0);
  shoot(&window, "hanging-followup.png");
  ASSERT_TRUE(window.saveRead());
  scoreMibg(window, followKey.toStdString());
  for (auto* scoring : window.findChildren<trial::MibgScoringWindow*>())
    scoring->close();
  signRead(window);
  shoot(&window, "signed-read.png");

  // 5. The investigator: baseline assessment and eligibility, then (after the coordinator's
  // enrolment and injections 1-3) the follow-up assessment and the extra doses.
  signIn(window, "inv");
  worklist = window.findChild<adjudication::WorklistWindow*>();
  ASSERT_NE(worklist, nullptr);
  ASSERT_FALSE(worklist->items().empty());
  worklist->openItem(0);
  auto* ws = window.findChild<viewer::decide::DecisionWorkspace*>();
  ASSERT_NE(ws, nullptr);
  viewer::decide::AssessmentPanel* assessment = ws->assessmentPanel();
  auto* timepoint = child<QComboBox>(assessment, "timepoint");
  timepoint->setCurrentIndex(timepoint->findText(s.baselineLabel));
  ASSERT_EQ(timepoint->currentText(), s.baselineLabel);
  enterMarrow(assessment, s.baselineMarrow, s.baselineMarrowConfirmed);
  click(child<QPushButton>(assessment, "assess"));
  ASSERT_FALSE(child<QLabel>(assessment, "error")->isVisible())
      << child<QLabel>(assessment, "error")->text().toStdString();
  ws->tabs()->setCurrentWidget(ws->eligibilityPanel());
  EXPECT_TRUE(child<QLabel>(ws->eligibilityPanel(), "verdict")->text().contains("Eligible"));
  click(child<QPushButton>(ws->eligibilityPanel(), "sign"));
  signWith(ws->eligibilityPanel());
  ASSERT_EQ(window.trialRecord()->subject(s.id).eligibility.size(), 1u);
  {
    auto coord = session::openTrialRecord(recordPath);
    enrolAfterEligibility(*coord->record, s);
    giveInjections(*coord->record, s);
  }
  ws->refresh();
  ws->tabs()->setCurrentWidget(assessment);
  timepoint->setCurrentIndex(timepoint->findText(s.followUpLabel));
  ASSERT_EQ(timepoint->currentText(), s.followUpLabel);
  enterMarrow(assessment, s.followUpMarrow, s.followUpMarrowConfirmed);
  click(child<QPushButton>(assessment, "assess"));
  ASSERT_FALSE(child<QLabel>(assessment, "error")->isVisible())
      << child<QLabel>(assessment, "error")->text().toStdString();
  ASSERT_TRUE(assessment->shown());
  if (assessment->shown()->overall.code != s.expectedOverall()) {
    auto* components = child<QTableWidget>(assessment, "components");
    for (int r = 0; r < components->rowCount(); ++r) {
      QStringList cells;
      for (int c = 0; c < components->columnCount(); ++c)
        cells << (components->item(r, c) ? components->item(r, c)->text() : QString("-"));
      ADD_FAILURE() << "component: " << cells.join(" | ").toStdString();
    }
  }
  EXPECT_EQ(assessment->shown()->overall.code, s.expectedOverall());
  ws->tabs()->setCurrentWidget(ws->extraDosePanel());
  click(child<QPushButton>(ws->extraDosePanel(), "decide"));
  auto* dialog = ws->extraDosePanel()->findChild<viewer::decide::ExtraDoseDialog*>();
  ASSERT_NE(dialog, nullptr);
  const bool allowed = s.expectedExtraDoses() == "allowed";
  EXPECT_TRUE(child<QLabel>(dialog, "proposal")
                  ->text()
                  .contains(allowed ? "<b>ALLOWED</b>" : "<b>NOT ALLOWED</b>"));
  QTest::keyClicks(child<QLineEdit>(dialog, "reason"), "Response confirmed on CT and MIBG");
  click(child<QPushButton>(dialog, "sign"));
  signWith(dialog);
  QApplication::processEvents();
  const auto done = window.trialRecord()->subject(s.id);
  ASSERT_EQ(done.extraDoseDecisions.size(), 1u);
  EXPECT_EQ(done.extraDoseDecisions[0].yes, allowed);
  // Nothing of it needed a command line: the reads are the reader's, signed in the workstation.
  EXPECT_EQ(done.timepoints.size(), 2u);
}

}  // namespace
}  // namespace nbra::decide::testing
