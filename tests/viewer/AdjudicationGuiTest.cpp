// Blinded double reading in the workstation (viewer/app/adjudication): the worklist, the
// adjudicator's window, the reader metrics and the reading design and assignments, driven through
// their widgets under QTest (offscreen, on a 1366 x 768 screen) on a fresh record built through
// the TrialRecord API (AdjudicationScenario.h), then checked in the record and on screen.
// Refusals come up in a message box, closed here and their text kept.
//
// With NBRA_ADJUDICATION_SCREENSHOTS=<folder>, the Screenshots test saves adjudication.png and
// worklist.png there (docs/images/).
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

#include "tests/records/RecordTestSupport.h"
#include "tests/viewer/AdjudicationScenario.h"
#include "viewer/app/adjudication/AdjudicationTables.h"
#include "viewer/app/adjudication/AdjudicationWindow.h"
#include "viewer/app/adjudication/AssignmentForm.h"
#include "viewer/app/adjudication/MarksOverlay.h"
#include "viewer/app/adjudication/PChartWidget.h"
#include "viewer/app/adjudication/ReadColours.h"
#include "viewer/app/adjudication/ReaderMetricsWindow.h"
#include "viewer/app/adjudication/ReadingDesignForm.h"
#include "viewer/app/adjudication/ReadingSetupWindow.h"
#include "viewer/app/adjudication/WorklistWindow.h"
#include "viewer/app/decide/AssessmentPanel.h"
#include "viewer/app/decide/DecisionWorkspace.h"
#include "viewer/app/decide/SignDialog.h"
#include "viewer/app/window/MainWindow.h"
#include "viewer/app/window/ScreenFit.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/decisions/DecisionModel.h"

namespace nbra::viewer::adjudication {
namespace {

using records::testing::kPassword;
using records::testing::TestTrial;
using namespace testing;

// Closes every message box the windows open, keeping its text. The sign dialog is window-modal
// and driven by the test itself.
class Modals : public QObject {
 public:
  Modals() {
    timer_.setInterval(15);
    connect(&timer_, &QTimer::timeout, this, [this] { poll(); });
    timer_.start();
  }
  QStringList messages;

 private:
  void poll() {
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || qobject_cast<decide::SignDialog*>(modal)) {
      return;
    }
    if (auto* box = qobject_cast<QMessageBox*>(modal)) {
      messages << box->text();
      box->done(QMessageBox::Ok);
      return;
    }
    messages << QString("unexpected dialog: ") + modal->metaObject()->className();
    modal->close();
  }
  QTimer timer_;
};

template <typename T>
T* child(QObject* parent, const QString& name) {
  T* w = parent->findChild<T*>(name);
  EXPECT_NE(w, nullptr) << "no widget '" << name.toStdString() << "'";
  return w;
}

void click(QAbstractButton* button) {
  ASSERT_NE(button, nullptr);
  ASSERT_TRUE(button->isEnabled()) << button->text().toStdString() << " is disabled";
  QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
  QApplication::processEvents();
}

void type(QLineEdit* edit, const QString& text) {
  ASSERT_NE(edit, nullptr);
  edit->clear();
  QTest::keyClicks(edit, text);
}

QString cell(QTableWidget* table, int row, int col) {
  QTableWidgetItem* item = table ? table->item(row, col) : nullptr;
  return item ? item->text() : QString("<no cell %1,%2>").arg(row).arg(col);
}

// The row whose first column starts with `first`; -1 when none.
int rowOf(QTableWidget* table, const QString& first) {
  for (int r = 0; r < table->rowCount(); ++r) {
    if (cell(table, r, 0).startsWith(first)) {
      return r;
    }
  }
  return -1;
}

// Every text a person can see or hover in `root`: titles, labels, table cells and headers,
// fields, buttons, tooltips.
QStringList allTexts(QWidget* root) {
  QStringList out{root->windowTitle()};
  for (QWidget* w : root->findChildren<QWidget*>()) {
    out << w->toolTip() << w->windowTitle();
  }
  for (QLabel* l : root->findChildren<QLabel*>()) {
    out << l->text();
  }
  for (QLineEdit* e : root->findChildren<QLineEdit*>()) {
    out << e->text() << e->placeholderText();
  }
  for (QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
    out << b->text();
  }
  for (QTableWidget* t : root->findChildren<QTableWidget*>()) {
    for (int c = 0; c < t->columnCount(); ++c) {
      if (QTableWidgetItem* h = t->horizontalHeaderItem(c)) {
        out << h->text();
      }
      for (int r = 0; r < t->rowCount(); ++r) {
        if (QTableWidgetItem* i = t->item(r, c)) {
          out << i->text() << i->toolTip();
        }
      }
    }
  }
  return out;
}

// Fails for any text naming a reader (user or full name) or the subject's site.
void expectBlinded(QWidget* root) {
  const QStringList forbidden = {"reader1", "reader2", "Dr Rita Reader", "Dr Nils Nuclear",
                                 "Rita",    "Nils",    "Site 01",        "Site 02"};
  const QStringList texts = allTexts(root);
  ASSERT_GT(texts.size(), 50);
  for (const QString& text : texts) {
    for (const QString& name : forbidden) {
      EXPECT_FALSE(text.contains(name, Qt::CaseInsensitive))
          << "'" << name.toStdString() << "' shown in: " << text.toStdString();
    }
  }
}

// The height that shows the whole of a window's scrolled page, and no more.
int contentHeight(QWidget* window) {
  QWidget* page = window->findChild<QScrollArea*>()->widget();
  int bottom = 0;
  for (QWidget* w : page->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
    if (w->isVisible()) {
      bottom = std::max(bottom, w->geometry().bottom());
    }
  }
  // Never less than the layout needs: a scroll bar would show.
  return std::max(bottom + page->layout()->contentsMargins().bottom() + 1,
                  page->minimumSizeHint().height());
}

void signWith(QWidget* window, const QString& password) {
  click(child<QPushButton>(window, "signAdjudication"));
  auto* dialog = window->findChild<decide::SignDialog*>();
  ASSERT_NE(dialog, nullptr) << "no signature dialog";
  EXPECT_EQ(child<QLabel>(dialog, "meaning")->text(), "<b>adjudicated: read of record chosen</b>");
  QTest::keyClicks(child<QLineEdit>(dialog, "password"), password);
  click(child<QPushButton>(dialog, "sign"));
}

class AdjudicationGui : public ::testing::Test {
 protected:
  void SetUp() override { discordantFollowUp(trial); }
  records::TrialRecord& record() { return *trial.record; }

  TestTrial trial;
  Modals modals;
};

// --- the worklist ---------------------------------------------------------------------------

TEST_F(AdjudicationGui, TheAdjudicatorsWorklistListsTheTimepointAndOpensIt) {
  const QDate today = QDate::currentDate();
  injectionFourDueOn(trial, kSubject, today.addDays(-3));
  trial.as("adj");
  WorklistWindow w(record());
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.windowTitle().contains("Dr Ada Adjudicator (adj), adjudicator"))
      << w.windowTitle().toStdString();
  QTableWidget* table = w.table();
  ASSERT_EQ(table->rowCount(), 1);
  EXPECT_EQ(cell(table, 0, 0), "Adjudicate");
  EXPECT_EQ(cell(table, 0, 1), kSubject);
  EXPECT_EQ(cell(table, 0, 2), kFollowUp);
  EXPECT_TRUE(cell(table, 0, 3).contains("awaiting adjudication"))
      << cell(table, 0, 3).toStdString();
  EXPECT_EQ(cell(table, 0, 4), "injection 4");
  EXPECT_EQ(cell(table, 0, 5), today.addDays(-3).toString(Qt::ISODate));
  // Overdue in words and in red.
  EXPECT_EQ(cell(table, 0, 6), "3 days overdue");
  EXPECT_EQ(table->item(0, 6)->foreground().color(), QColor("#b00020"));
  EXPECT_TRUE(child<QLabel>(&w, "summary")->text().contains("overdue"));
  expectBlinded(&w);

  // A double-click opens the adjudication window of the timepoint.
  QWidget* opened = nullptr;
  QObject::connect(&w, &WorklistWindow::adjudicationOpened,
                   [&](QWidget* window) { opened = window; });
  const QRect r = table->visualItemRect(table->item(0, 0));
  // A person's double-click: press and release, then the second press (the double-click event).
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
  QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, r.center());
  QApplication::processEvents();
  ASSERT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  auto* adjudication = qobject_cast<AdjudicationWindow*>(opened);
  ASSERT_NE(adjudication, nullptr);
  EXPECT_TRUE(adjudication->isVisible());
  EXPECT_EQ(adjudication->adjudicationCase().timepointLabel, kFollowUp);
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  adjudication->close();

  // A reader's task, without a main window to open it: the window says where it is read.
  trial.as("coord");
  record().addTimepoint(kSubject, "after injection 5", "follow-up", today,
                        {"1.2.826.0.1.3680043.8.498.9"});
  record().assignReader(kSubject, "after injection 5", records::kReader1, "reader1");
  trial.as("reader1");
  WorklistWindow readerList(record());
  ASSERT_EQ(readerList.table()->rowCount(), 1);
  EXPECT_EQ(cell(readerList.table(), 0, 0), "Read");
  EXPECT_EQ(readerList.openItem(0), nullptr);
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("main window")) << modals.messages[0].toStdString();
  EXPECT_TRUE(modals.messages[0].contains("after injection 5")) << modals.messages[0].toStdString();
}

// --- the adjudication window ----------------------------------------------------------------

TEST_F(AdjudicationGui, TheAdjudicatorSeesReadsAAndBNeverTheirReaders) {
  AdjudicationWindow w(record(), kSubject, kFollowUp);
  w.resize(1326, 708);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.windowTitle().contains(kSubject));
  EXPECT_TRUE(w.windowTitle().contains(kFollowUp));
  const QString header = child<QLabel>(&w, "header")->text();
  EXPECT_TRUE(header.contains(kSubject)) << header.toStdString();
  EXPECT_TRUE(header.contains(kFollowUp)) << header.toStdString();
  EXPECT_TRUE(header.contains("2026-03-30")) << header.toStdString();
  EXPECT_TRUE(header.contains("Blinded: readers shown as A and B")) << header.toStdString();
  const QString reads = child<QLabel>(&w, "reads")->text();
  EXPECT_TRUE(reads.contains("read-A")) << reads.toStdString();
  EXPECT_TRUE(reads.contains("Reader A")) << reads.toStdString();
  EXPECT_TRUE(reads.contains("read-B")) << reads.toStdString();
  EXPECT_TRUE(reads.contains("Reader B")) << reads.toStdString();
  EXPECT_TRUE(child<QLabel>(&w, "status")->text().contains("AWAITING ADJUDICATION"));
  expectBlinded(&w);

  // The variables: the new lesion sends the timepoint to adjudication, highlighted.
  QTableWidget* variables = w.variables();
  const int newLesion = rowOf(variables, "new lesion");
  ASSERT_GE(newLesion, 0);
  EXPECT_EQ(cell(variables, newLesion, 1), "yes");
  EXPECT_EQ(cell(variables, newLesion, 2), "no");
  EXPECT_EQ(cell(variables, newLesion, 3), "differs: sends to adjudication");
  EXPECT_EQ(variables->item(newLesion, 3)->background().color(), triggerBackground());
  EXPECT_EQ(variables->item(newLesion, 1)->foreground().color(), readColour(Read::A));
  EXPECT_EQ(variables->item(newLesion, 2)->foreground().color(), readColour(Read::B));
  const int sum = rowOf(variables, "sum of diameters");
  ASSERT_GE(sum, 0);
  EXPECT_EQ(cell(variables, sum, 3), "differs (not a trigger)");  // no threshold set
  EXPECT_NE(variables->item(sum, 3)->background().color(), triggerBackground());

  // The lesions aligned by tracking id: L2 only in read A, highlighted and said so.
  QTableWidget* lesions = w.lesions();
  const int l2 = rowOf(lesions, "L2");
  ASSERT_GE(l2, 0);
  EXPECT_EQ(cell(lesions, l2, 0), "L2 (new)");
  EXPECT_EQ(cell(lesions, l2, 2), "12.0");
  EXPECT_EQ(lesions->item(l2, 2)->background().color(), readBackground(Read::A));
  EXPECT_EQ(cell(lesions, l2, 4), "not in read B");
  EXPECT_TRUE(cell(lesions, l2, kLesionDifferencesColumn).contains("only in read A"));
  EXPECT_EQ(lesions->item(l2, kLesionDifferencesColumn)->background().color(),
            differenceBackground());
  const int l1 = rowOf(lesions, "L1");
  ASSERT_GE(l1, 0);
  EXPECT_EQ(cell(lesions, l1, 2), "14.0");
  EXPECT_EQ(cell(lesions, l1, 4), "15.5");
  EXPECT_EQ(lesions->item(l1, 4)->background().color(), readBackground(Read::B));
  EXPECT_TRUE(cell(lesions, l1, kLesionDifferencesColumn).contains("long axis 14.0 vs 15.5 mm"));
  const int p1 = rowOf(lesions, "P1");
  ASSERT_GE(p1, 0);
  EXPECT_EQ(cell(lesions, p1, kLesionDifferencesColumn), "same");
  EXPECT_EQ(lesions->item(p1, 2)->background().style(), Qt::NoBrush);

  // The segments side by side, the differing ones marked.
  QTableWidget* siopen = w.siopen();
  ASSERT_EQ(siopen->rowCount(), 12);
  const int thoracic = rowOf(siopen, "thoracic cage");
  ASSERT_GE(thoracic, 0);
  EXPECT_EQ(cell(siopen, thoracic, 1), "1");
  EXPECT_EQ(cell(siopen, thoracic, 2), "2");
  EXPECT_EQ(cell(siopen, thoracic, 3), "differs");
  EXPECT_EQ(cell(siopen, rowOf(siopen, "skull"), 3), "");

  // Both reads' calipers: two images, read A and read B on each, said to be a schematic.
  MarksOverlay* marks = w.marks();
  ASSERT_EQ(marks->images().size(), 2u);
  for (const CaliperImage& image : marks->images()) {
    bool a = false;
    bool b = false;
    for (const Caliper& c : image.calipers) {
      (c.read == Read::A ? a : b) = true;
    }
    EXPECT_TRUE(a && b) << image.sopInstanceUid.toStdString();
  }
  EXPECT_EQ(marks->images()[1].calipers.size(), 3u);  // L1 A, L2 A, L1 B
  EXPECT_TRUE(marks->note()->text().contains("Schematic")) << marks->note()->text().toStdString();
  EXPECT_TRUE(child<QLabel>(marks, "unplaced")->text().contains("N1 (A, B)"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
}

TEST_F(AdjudicationGui, ChoosingReadBAndSigningMakesItTheReadOfRecordOnce) {
  // A second window open on the same timepoint (another session): signing there comes too late.
  AdjudicationWindow stale(record(), kSubject, kFollowUp);
  AdjudicationWindow w(record(), kSubject, kFollowUp);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  const qint64 readB = w.adjudicationCase().readB.id;

  // Refused before anything is asked: no choice, then no reason.
  click(child<QPushButton>(&w, "signAdjudication"));
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("Choose read A or read B"));
  click(child<QRadioButton>(&w, "chooseB"));
  click(child<QPushButton>(&w, "signAdjudication"));
  ASSERT_EQ(modals.messages.size(), 2);
  EXPECT_TRUE(modals.messages[1].contains("needs a reason"));
  EXPECT_EQ(w.findChild<decide::SignDialog*>(), nullptr);
  // A wrong password: the record refuses, nothing is written.
  const qint64 before = records::testing::auditCount(*trial.db);
  type(child<QLineEdit>(&w, "reason"), "L2 is a vessel on the arterial phase, not a lesion");
  signWith(&w, "not the password");
  ASSERT_EQ(modals.messages.size(), 3);
  EXPECT_TRUE(modals.messages[2].contains("password", Qt::CaseInsensitive))
      << modals.messages[2].toStdString();
  EXPECT_EQ(record().readingStatus(kSubject, kFollowUp).state, "awaiting-adjudication");
  EXPECT_TRUE(child<QRadioButton>(&w, "chooseB")->isEnabled());

  signWith(&w, kPassword);
  EXPECT_EQ(modals.messages.size(), 3) << modals.messages.join("\n").toStdString();
  const records::ReadingStatus s = record().readingStatus(kSubject, kFollowUp);
  EXPECT_EQ(s.state, "adjudicated");
  ASSERT_TRUE(s.adjudication);
  EXPECT_EQ(s.adjudication->chosenRead, "B");
  EXPECT_EQ(s.adjudication->chosenReadId, readB);
  EXPECT_EQ(s.readOfRecordId, readB);
  EXPECT_EQ(s.adjudication->reason, "L2 is a vessel on the arterial phase, not a lesion");
  ASSERT_TRUE(s.adjudication->signature);
  EXPECT_EQ(s.adjudication->signature->signerUserName, "adj");
  EXPECT_EQ(workflow::readOfRecord(record(), kSubject, kFollowUp).id, readB);

  // The window now shows the adjudicated state, read-only.
  EXPECT_TRUE(child<QLabel>(&w, "status")->text().contains("ADJUDICATED"));
  EXPECT_TRUE(
      child<QLabel>(&w, "decision")->text().contains("Read B chosen by Dr Ada Adjudicator"));
  EXPECT_TRUE(child<QRadioButton>(&w, "chooseB")->isChecked());
  for (const char* name : {"chooseA", "chooseB", "reason", "signAdjudication"}) {
    EXPECT_FALSE(child<QWidget>(&w, name)->isEnabled()) << name;
  }
  expectBlinded(&w);

  // Signing again, from the window opened before: refused in a message box, nothing written.
  stale.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&stale));
  const qint64 audit = records::testing::auditCount(*trial.db);
  click(child<QRadioButton>(&stale, "chooseA"));
  type(child<QLineEdit>(&stale, "reason"), "second thoughts");
  signWith(&stale, kPassword);
  ASSERT_EQ(modals.messages.size(), 4);
  EXPECT_TRUE(modals.messages[3].contains("already adjudicated"))
      << modals.messages[3].toStdString();
  EXPECT_EQ(records::testing::auditCount(*trial.db), audit);
  EXPECT_EQ(record().readingStatus(kSubject, kFollowUp).adjudication->chosenRead, "B");
  // The refused window stays as it was: nothing else changes.
  EXPECT_TRUE(child<QRadioButton>(&stale, "chooseA")->isChecked());
  EXPECT_EQ(child<QLineEdit>(&stale, "reason")->text(), "second thoughts");
  EXPECT_GT(audit, before);
}

// The investigator's decision panels under double reading: the follow-up says it awaits
// adjudication and cannot be assessed (nor anything decided on it) until the adjudicator chose;
// then it is assessed on the chosen read.
TEST_F(AdjudicationGui, TheAssessmentPanelWaitsForTheAdjudicationThenUsesTheChosenRead) {
  trial.as("inv");
  {
    decide::DecisionWorkspace workspace(record(), kSubject);
    decide::AssessmentPanel* panel = workspace.assessmentPanel();
    panel->selectTimepoint(kFollowUp);
    const QLabel* reading = child<QLabel>(panel, "readingStatus");
    EXPECT_FALSE(reading->isHidden());
    EXPECT_TRUE(reading->text().contains("awaiting adjudication")) << reading->text().toStdString();
    EXPECT_TRUE(reading->text().contains("waits for it")) << reading->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(panel, "assess")->isEnabled());
    auto* reader = child<QComboBox>(panel, "reader");
    EXPECT_FALSE(reader->isEnabled());
    EXPECT_EQ(reader->currentText(), "each timepoint's read of record");
    EXPECT_TRUE(record().assessments(kSubject).empty() ||
                !workflow::latestAssessment(record().assessments(kSubject), kFollowUp));
  }
  trial.as("adj");
  const records::ReadingStatus waiting = record().readingStatus(kSubject, kFollowUp);
  record().adjudicate(kSubject, kFollowUp, *waiting.readBId, "L2 is a vessel", kPassword);
  trial.as("inv");
  decide::DecisionWorkspace workspace(record(), kSubject);
  workspace.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&workspace));
  decide::AssessmentPanel* panel = workspace.assessmentPanel();
  panel->selectTimepoint(kFollowUp);
  EXPECT_TRUE(child<QLabel>(panel, "readingStatus")->text().contains("adjudicated"));
  click(child<QPushButton>(panel, "assess"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  EXPECT_TRUE(child<QLabel>(panel, "error")->isHidden())
      << child<QLabel>(panel, "error")->text().toStdString();
  const std::optional<records::AssessmentRecord> made =
      workflow::latestAssessment(record().assessments(kSubject), kFollowUp);
  ASSERT_TRUE(made);
  // Read B (no new lesion, L1 barely changed) is what the rules ran on: no progression.
  ASSERT_TRUE(made->overallResponse);
  EXPECT_NE(*made->overallResponse, "PD");
}

// An unsigned choice and reason are asked about before the window closes; cancelling keeps them.
TEST_F(AdjudicationGui, ClosingWithAnUnsignedChoiceAsksFirst) {
  AdjudicationWindow w(record(), kSubject, kFollowUp);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.close());  // nothing chosen yet: closes without asking
  EXPECT_TRUE(modals.messages.isEmpty());
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  click(child<QRadioButton>(&w, "chooseA"));
  type(child<QLineEdit>(&w, "reason"), "L2 is real");
  EXPECT_FALSE(w.close());  // the question is answered with neither Discard: the window stays
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("not signed")) << modals.messages[0].toStdString();
  EXPECT_TRUE(w.isVisible());
  EXPECT_EQ(child<QLineEdit>(&w, "reason")->text(), "L2 is real");
}

TEST_F(AdjudicationGui, OnlyAnAdjudicatorOpensTheWindow) {
  for (const char* user : {"inv", "coord", "reader1"}) {
    trial.as(user);
    try {
      AdjudicationWindow w(record(), kSubject, kFollowUp);
      ADD_FAILURE() << user << " opened the adjudication window";
    } catch (const std::exception& e) {
      EXPECT_TRUE(QString(e.what()).contains("may not adjudicate")) << e.what();
    }
  }
}

// --- reader metrics -------------------------------------------------------------------------

TEST_F(AdjudicationGui, ReaderMetricsShowTheRatesTheChoicesAndTheAgreement) {
  AdjudicationWindow w(record(), kSubject, kFollowUp);
  click(child<QRadioButton>(&w, "chooseB"));
  type(child<QLineEdit>(&w, "reason"), "read B is right");
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  signWith(&w, kPassword);
  ASSERT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();

  trial.as("inv");
  ReaderMetricsWindow m(record());
  m.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&m));
  const workflow::ReaderMetricsReport& r = m.report();
  EXPECT_EQ(r.comparisons, 2);
  EXPECT_EQ(r.discordant, 1);
  EXPECT_EQ(r.adjudicated, 1);
  EXPECT_TRUE(child<QLabel>(&m, "summary")->text().contains("50.0 %"));
  QTableWidget* variables = m.variables();
  const int newLesion = rowOf(variables, "new lesion");
  ASSERT_GE(newLesion, 0);
  EXPECT_EQ(cell(variables, newLesion, 1), "1");
  EXPECT_EQ(cell(variables, newLesion, 2), "2");
  EXPECT_EQ(cell(variables, newLesion, 3), "50.0 %");
  QTableWidget* readers = m.readers();
  ASSERT_EQ(readers->rowCount(), 2);
  const int one = rowOf(readers, "reader1");
  const int two = rowOf(readers, "reader2");
  ASSERT_GE(one, 0);
  ASSERT_GE(two, 0);
  EXPECT_EQ(cell(readers, one, 2), "0");
  EXPECT_EQ(cell(readers, two, 2), "1");
  EXPECT_EQ(cell(readers, two, 3), "100.0 %");
  EXPECT_EQ(m.chart()->points().size(), 2u);
  EXPECT_TRUE(child<QLabel>(&m, "kappa")->text().contains("p<sub>o</sub>"));
  EXPECT_EQ(m.agreement()->rowCount(), 2);
  EXPECT_EQ(cell(m.agreement(), 0, 1), "2");  // both timepoints have a sum of diameters

  QTemporaryDir dir;
  const QString path = dir.filePath("metrics.csv");
  EXPECT_EQ(m.exportCsv(path), "");
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(QString::fromUtf8(file.readAll()), workflow::readerMetricsCsv(r));

  trial.as("coord");
  EXPECT_THROW(ReaderMetricsWindow refused(record()), std::exception);
}

// --- reading design and assignments ---------------------------------------------------------

TEST(ReadingSetupGui, TheAdministratorSetsTheDesignAndTheCoordinatorAssigns) {
  TestTrial trial;
  trial.populate();
  Modals modals;
  records::TrialRecord& record = *trial.record;

  trial.as("admin");
  {
    ReadingSetupWindow w(record);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_TRUE(child<QLabel>(&w, "currentDesign")->text().contains("single reading"));
    EXPECT_NE(w.findChild<QLabel*>("notAllowed"), nullptr);  // assignments are the coordinator's
    click(child<QRadioButton>(&w, "designDouble"));
    click(child<QCheckBox>(&w, "trigger.eligibility"));  // off
    type(child<QLineEdit>(&w, "sumThreshold"), "abc");
    type(child<QLineEdit>(&w, "designReason"), kDesignReason);
    click(child<QPushButton>(&w, "setDesign"));
    ASSERT_EQ(modals.messages.size(), 1);
    EXPECT_TRUE(modals.messages[0].contains("'abc' is not a number"));
    EXPECT_EQ(record.readingDesign().design, records::kSingleRead);
    type(child<QLineEdit>(&w, "sumThreshold"), "5.5");
    type(child<QLineEdit>(&w, "curieThreshold"), "31");  // implausible: refused by the record
    click(child<QPushButton>(&w, "setDesign"));
    ASSERT_EQ(modals.messages.size(), 2);
    EXPECT_TRUE(modals.messages[1].contains("curieThreshold")) << modals.messages[1].toStdString();
    type(child<QLineEdit>(&w, "curieThreshold"), "3");
    click(child<QPushButton>(&w, "setDesign"));
    EXPECT_EQ(modals.messages.size(), 2) << modals.messages.join("\n").toStdString();
    const records::ReadingDesign d = record.readingDesign();
    EXPECT_EQ(d.design, records::kDoubleRead);
    EXPECT_EQ(d.reason, kDesignReason);
    EXPECT_FALSE(d.discordance.eligibility);
    EXPECT_TRUE(d.discordance.overallResponse);
    EXPECT_EQ(d.discordance.sumOfDiametersThresholdMm, 5.5);
    EXPECT_EQ(d.discordance.curieThreshold, 3);
    EXPECT_FALSE(d.discordance.siopenThreshold);
    EXPECT_TRUE(child<QLabel>(&w, "currentDesign")->text().contains("double reading"));
  }

  modals.messages.clear();
  trial.as("coord");
  ReadingSetupWindow w(record, nullptr, kSubject, kFollowUp);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_FALSE(child<QPushButton>(&w, "setDesign")->isEnabled());
  EXPECT_TRUE(child<QPushButton>(&w, "setDesign")->toolTip().contains("administrator"));
  AssignmentForm* form = w.assignmentForm();
  EXPECT_EQ(form->subject()->currentText(), kSubject);
  EXPECT_EQ(form->timepoint()->currentText(), kFollowUp);
  EXPECT_TRUE(child<QLabel>(form, "readingStatus")->text().contains("awaiting assignment"));
  type(child<QLineEdit>(form, "seed"), "20260415");
  click(child<QPushButton>(form, "drawReaders"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  ASSERT_EQ(form->assignments()->rowCount(), 2);
  EXPECT_EQ(cell(form->assignments(), 0, 3), "random");
  // A reader cannot adjudicate: refused by name, nothing written.
  type(form->userField(records::kAdjudicatorDuty), "reader1");
  click(child<QPushButton>(form, "assign.adjudicator"));
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("cannot be the adjudicator"))
      << modals.messages[0].toStdString();
  type(form->userField(records::kAdjudicatorDuty), "adj");
  click(child<QPushButton>(form, "assign.adjudicator"));
  EXPECT_EQ(modals.messages.size(), 1) << modals.messages.join("\n").toStdString();
  const auto assigned = record.assignments(kSubject, kFollowUp);
  ASSERT_EQ(assigned.size(), 3u);
  ASSERT_EQ(form->assignments()->rowCount(), 3);
  EXPECT_TRUE(child<QLabel>(form, "readingStatus")->text().contains("awaiting reads"));

  // Readers and adjudicators have no part in it.
  trial.as("adj");
  EXPECT_THROW(ReadingSetupWindow refused(record), std::exception);
}

// --- the Trial menu and the screen ------------------------------------------------------------

TEST_F(AdjudicationGui, TheTrialMenuEnablesEachEntryByRole) {
  MainWindow window(trial.dir.filePath("index.db"));
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  const QStringList entries = {"worklist", "adjudication", "readerMetrics", "readingSetup"};
  for (const QString& name : entries) {
    EXPECT_FALSE(window.findChild<QAction*>(name)->isEnabled()) << name.toStdString();
  }
  const std::map<QString, QStringList> enabled = {
      {"adj", {"worklist", "adjudication"}},
      {"inv", {"worklist", "readerMetrics"}},
      {"admin", {"worklist", "readerMetrics", "readingSetup"}},
      {"coord", {"worklist", "readingSetup"}},
      {"reader1", {"worklist"}}};
  for (const auto& [user, names] : enabled) {
    trial.as(user);
    window.setTrialSubject(record(), user == "admin" ? QString() : kSubject);
    for (const QString& name : entries) {
      EXPECT_EQ(window.findChild<QAction*>(name)->isEnabled(), names.contains(name))
          << user.toStdString() << ": " << name.toStdString();
    }
  }
  // The adjudicator's one discordant timepoint opens at once.
  trial.as("adj");
  window.setTrialSubject(record(), {});
  QWidget* opened = window.openAdjudication();
  ASSERT_NE(qobject_cast<AdjudicationWindow*>(opened), nullptr);
  EXPECT_TRUE(opened->isWindow());
  EXPECT_TRUE(opened->isVisible());
  QWidget* list = window.openWorklist();
  ASSERT_NE(qobject_cast<WorklistWindow*>(list), nullptr);
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
}

TEST_F(AdjudicationGui, EveryWindowFitsA1366x768Screen) {
  const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
  ASSERT_EQ(screen.size(), QSize(1366, 768)) << "the test's screen (see main)";
  injectionFourDueOn(trial, kSubject, QDate::currentDate().addDays(4));
  trial.as("adj");
  AdjudicationWindow adjudication(record(), kSubject, kFollowUp);
  WorklistWindow worklist(record());
  trial.as("inv");
  ReaderMetricsWindow metrics(record());
  trial.as("coord");
  ReadingSetupWindow setup(record(), nullptr, kSubject, kFollowUp);
  for (QWidget* w : std::initializer_list<QWidget*>{&adjudication, &worklist, &metrics, &setup}) {
    SCOPED_TRACE(w->objectName().toStdString());
    resizeWithinScreen(w, w->sizeHint());
    w->move(screen.topLeft());  // where a window manager puts it
    w->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(w));
    QApplication::processEvents();
    const QRect frame = w->frameGeometry();
    EXPECT_TRUE(screen.contains(frame))
        << frame.x() << "," << frame.y() << " " << frame.width() << "x" << frame.height();
    EXPECT_LE(w->minimumSizeHint().width(), screen.width());
    EXPECT_LE(w->minimumSizeHint().height(), screen.height());
    // Nothing scrolls sideways; what does not fit scrolls down.
    auto* scroll = w->findChild<QScrollArea*>();
    ASSERT_NE(scroll, nullptr);
    EXPECT_FALSE(scroll->horizontalScrollBar()->isVisible())
        << "content " << scroll->widget()->minimumSizeHint().width() << " px wide";
  }
}

// --- screenshots for docs/images ----------------------------------------------------------------

TEST(AdjudicationScreenshots, Screenshots) {
  const QString dir = qEnvironmentVariable("NBRA_ADJUDICATION_SCREENSHOTS");
  if (dir.isEmpty()) {
    GTEST_SKIP() << "set NBRA_ADJUDICATION_SCREENSHOTS to a folder to write the screenshots";
  }
  const QDate today = QDate::currentDate();
  TestTrial trial;
  Modals modals;
  records::TrialRecord& record = *trial.record;
  trial.populate();
  enrolSecondSubject(trial, "NB-002");
  readFollowUpDiscordantly(trial);
  readResponseDiscordantly(trial, "NB-002");
  injectionFourDueOn(trial, kSubject, today.addDays(-3));
  injectionFourDueOn(trial, "NB-002", today.addDays(5));
  trial.as("adj");

  AdjudicationWindow adjudication(record, kSubject, kFollowUp);
  click(child<QRadioButton>(&adjudication, "chooseB"));
  type(child<QLineEdit>(&adjudication, "reason"),
       "L2 is the hepatic vein on the arterial phase, not a new lesion");
  // Each window as tall as its content, so that the documentation shows every part of it (on a
  // 768-pixel screen the adjudication window scrolls).
  const auto shoot = [&](QWidget& w, int width, const QString& name) {
    w.resize(width, 600);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(200);  // the tables fit their rows to the final column widths
    w.resize(width, contentHeight(&w));
    QTest::qWait(200);
    w.resize(width, contentHeight(&w));
    QApplication::processEvents();
    EXPECT_TRUE(w.grab().save(dir + "/" + name)) << name.toStdString();
  };
  shoot(adjudication, 1326, "adjudication.png");
  WorklistWindow worklist(record);
  ASSERT_EQ(worklist.table()->rowCount(), 2);
  shoot(worklist, 1100, "worklist.png");
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
}

}  // namespace
}  // namespace nbra::viewer::adjudication

int main(int argc, char** argv) {
  // A laptop's 1366 x 768 screen for the offscreen platform, so that fitting is tested on it.
  QTemporaryFile screens(QDir::tempPath() + "/nbra-screen-XXXXXX.json");
  const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
  if ((platform.isEmpty() || platform == "offscreen") && screens.open()) {
    screens.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                      "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    screens.flush();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + screens.fileName().toLocal8Bit());
  }
  QApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
