// The trial around the images in the workstation (viewer/app/protocol): the eligibility
// checklist, the injection schedule with the subject's timeline, and the NK-cell product, driven
// through their widgets under QTest (offscreen) on a fresh SQLite record, then checked in the
// record and on screen. Refusals come up in a message box, closed here and their text kept.
//
// With NBRA_PROTOCOL_SCREENSHOTS=<folder>, the Screenshots test saves checklist.png,
// schedule.png and product.png of a realistic subject there (docs/images/).
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <deque>
#include <functional>

#include "records/database/RecordError.h"
#include "scoring/checklist/EligibilityChecklist.h"
#include "tests/records/ProtocolPreparation.h"
#include "tests/records/RecordTestSupport.h"
#include "viewer/app/decide/SignDialog.h"
#include "viewer/app/protocol/ChecklistWindow.h"
#include "viewer/app/protocol/ProductWindow.h"
#include "viewer/app/protocol/ScheduleWindow.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/protocol/ChecklistEntry.h"

namespace nbra::viewer::protocol {
namespace {

using records::testing::kPassword;
using records::testing::TestTrial;

const QString kSubject = "NB-401";
const QDate kBirth(2019, 7, 1);

// Closes every message box the windows open (keeping its text) and hands any other modal
// dialog (the reason asked for a changed answer) to the next queued answer.
class Modals : public QObject {
 public:
  Modals() {
    timer_.setInterval(15);
    connect(&timer_, &QTimer::timeout, this, [this] { poll(); });
    timer_.start();
  }
  QStringList messages;
  std::deque<std::function<void(QWidget*)>> answers;
  // The next QInputDialog gets `text` and OK.
  void answerText(const QString& text) {
    answers.push_back([text](QWidget* w) {
      auto* input = qobject_cast<QInputDialog*>(w);
      ASSERT_NE(input, nullptr) << "expected a text question, got " << w->metaObject()->className();
      input->setTextValue(text);
      input->accept();
    });
  }

 private:
  void poll() {
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || qobject_cast<decide::SignDialog*>(modal)) {
      return;  // the sign dialog is window-modal and driven by the test itself
    }
    if (auto* box = qobject_cast<QMessageBox*>(modal)) {
      messages << box->text();
      box->done(QMessageBox::Ok);
      return;
    }
    if (!answers.empty()) {
      auto answer = answers.front();
      answers.pop_front();
      answer(modal);
    } else {
      messages << QString("unexpected dialog: ") + modal->metaObject()->className();
      modal->close();
    }
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
  // Near the left edge: a radio button only reacts on its indicator and text.
  QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
  QApplication::processEvents();
}

void type(QLineEdit* edit, const QString& text) {
  ASSERT_NE(edit, nullptr);
  edit->clear();
  QTest::keyClicks(edit, text);
}

void choose(QComboBox* combo, const QString& data) {
  ASSERT_NE(combo, nullptr);
  const int index = combo->findData(data);
  ASSERT_GE(index, 0) << "no choice '" << data.toStdString() << "'";
  combo->setCurrentIndex(index);
}

QString textOf(QObject* parent, const QString& label) {
  QLabel* l = child<QLabel>(parent, label);
  return l ? l->text() : QString();
}

QString cell(QTableWidget* table, int row, int col) {
  QTableWidgetItem* item = table ? table->item(row, col) : nullptr;
  return item ? item->text() : QString("<no cell %1,%2>").arg(row).arg(col);
}

bool fits(QSize size) {
  return size.width() <= 1366 && size.height() <= 768;
}

class ProtocolWindows : public ::testing::Test {
 protected:
  void SetUp() override {
    trial.as("coord");
    record().createSubject({kSubject, "M", kBirth, std::nullopt});
  }
  records::TrialRecord& record() { return *trial.record; }

  // The checklist's entry for one answer, as a coordinator fills it in.
  static void enter(ChecklistWindow& w, const records::ChecklistAnswerInput& a) {
    if (a.yes) {
      click(child<QRadioButton>(&w, a.key + (*a.yes ? ".yes" : ".no")));
    } else {
      type(child<QLineEdit>(&w, a.key + ".value"), QString::number(*a.value, 'g', 10));
    }
    child<QDateEdit>(&w, a.key + ".date")->setDate(a.date);
    type(child<QLineEdit>(&w, a.key + ".source"), a.sourceDocument);
    click(child<QPushButton>(&w, a.key + ".record"));
  }

  // Enrolled on `today - 75` with the checklist signed; weighed; injection 1 on its due day
  // (given `today - 60`, lot `lot`).
  void enrolledAndFirstInjection(const QDate& today, const QString& lot) {
    trial.enrolEligible(kSubject, today.addDays(-75));
    for (int back : {75, 60, 33, 12, 2}) {
      record().recordBodyMeasurement(kSubject, today.addDays(-back), 18.0 + back / 100.0,
                                     back == 75 ? std::optional<double>(112.0) : std::nullopt);
    }
    const std::int64_t dose1 = 93'000'000;  // 5 x 10^6 per kg of the day's 18.6 kg
    records::testing::prepareInjection(record(), kSubject, 1, today.addDays(-60), dose1, lot);
    record().recordInjection(kSubject, 1, today.addDays(-60), dose1);
  }

  // enrolledAndFirstInjection; injection 2 three days before its window opens under the
  // protocol's setting (early); the course of injection 3 not recorded yet.
  //
  // Why the setting is widened: the record refuses an injection before its window opens, so an
  // EARLY injection can only be on the calendar when it was given within the window the trial
  // had then and the trial's setting has narrowed since (protocol settings are the trial's, set
  // per record by workflow::loadProtocolSettings; the calendar judges every injection, given or
  // not, against the setting in force). The window is widened to 5 days before due while
  // injection 2 is recorded, then set back to the protocol's, which is the case the early-row
  // test checks: the calendar flags it EARLY in words and colour. The documentation's pictures use
  // lateAndOverdueSubject instead, whose flags need no change of setting.
  void injectedSubject(const QDate& today, const QString& lot = records::testing::kTestLot) {
    enrolledAndFirstInjection(today, lot);
    records::ProtocolSettings wide = record().protocolSettings();
    const records::ProtocolSettings usual = wide;
    wide.schedule.windowDaysBeforeDue = 5;
    record().setProtocolSettings(wide);
    record().recordCourseEnd(kSubject, 2, today.addDays(-40));
    const std::int64_t dose2 = 91'650'000;  // 18.33 kg
    record().recordThawCheck(kSubject, 2, lot, {today.addDays(-33), 91.0, 95'000'000, "negative"});
    record().recordInjection(kSubject, 2, today.addDays(-33), dose2);
    record().setProtocolSettings(usual);
  }

  // enrolledAndFirstInjection; course 2 ended `today - 48`, so injection 2 was due `today - 38`
  // and its window closed `today - 35`: given `today - 33`, it is LATE by 5 days (the record takes
  // a late injection and flags it). The course of injection 3 is not recorded yet; once it is
  // recorded as ended `today - 16`, injection 3 is OVERDUE (due `today - 6`, window closed
  // `today - 3`, not given). Nothing here changes the protocol's settings.
  void lateAndOverdueSubject(const QDate& today, const QString& lot = records::testing::kTestLot) {
    enrolledAndFirstInjection(today, lot);
    record().recordCourseEnd(kSubject, 2, today.addDays(-48));
    const std::int64_t dose2 = 91'650'000;  // 18.33 kg
    record().recordThawCheck(kSubject, 2, lot, {today.addDays(-33), 91.0, 95'000'000, "negative"});
    record().recordInjection(kSubject, 2, today.addDays(-33), dose2);
  }

  TestTrial trial;
  Modals modals;
};

// --- the eligibility checklist --------------------------------------------------------------

TEST_F(ProtocolWindows, CoordinatorEntersTheChecklistThroughTheForm) {
  const QDate answered = QDate::currentDate().addDays(-3);
  ChecklistWindow w(record(), kSubject);
  w.resize(1280, 740);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.windowTitle().contains(kSubject));
  EXPECT_TRUE(w.windowTitle().contains("Cora Coordinator"));
  EXPECT_TRUE(w.windowTitle().contains("coordinator"));
  EXPECT_EQ(textOf(&w, "E3.status"), "MISSING");
  EXPECT_TRUE(textOf(&w, "verdict").contains("INCOMPLETE"));
  // A coordinator enters and cannot sign: the button says why.
  auto* sign = child<QPushButton>(&w, "signChecklist");
  EXPECT_FALSE(sign->isEnabled());
  EXPECT_TRUE(sign->toolTip().contains("investigator")) << sign->toolTip().toStdString();

  const auto answers = records::testing::passingChecklistAnswers(answered);
  for (const records::ChecklistAnswerInput& a : answers) {
    enter(w, a);
  }
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();

  // Stored as entered, one answer per item, none a correction.
  const auto history = record().checklistHistory(kSubject);
  ASSERT_EQ(history.size(), answers.size());
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(history[i].answer.key, answers[i].key);
    EXPECT_EQ(history[i].answer.yes, answers[i].yes) << answers[i].key.toStdString();
    EXPECT_EQ(history[i].answer.value, answers[i].value) << answers[i].key.toStdString();
    EXPECT_EQ(history[i].answer.unit, answers[i].unit) << answers[i].key.toStdString();
    EXPECT_EQ(history[i].answer.date, answered);
    EXPECT_EQ(history[i].answer.sourceDocument, answers[i].sourceDocument);
    EXPECT_FALSE(history[i].supersedesId);
  }
  // What the window shows is the rules' verdict: all met or clear but inclusion 5, which waits
  // for the signed imaging eligibility.
  for (const char* id : {"I1", "I2", "I3", "I4", "I6"}) {
    EXPECT_EQ(textOf(&w, QString(id) + ".status"), "MET") << id;
  }
  for (const char* id : {"E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13",
                         "E14", "E15", "E16"}) {
    EXPECT_EQ(textOf(&w, QString(id) + ".status"), "CLEAR") << id;
  }
  EXPECT_EQ(textOf(&w, "I5.status"), "MISSING");
  EXPECT_TRUE(textOf(&w, "verdict").contains("INCOMPLETE"));
  EXPECT_TRUE(textOf(&w, "verdict").contains("I5"));
  EXPECT_TRUE(textOf(&w, "imaging").contains("none signed yet"));
  EXPECT_TRUE(textOf(&w, "cardiac.sfPercent.current").contains("34 %"))
      << textOf(&w, "cardiac.sfPercent.current").toStdString();
  // The catecholamine note shows both readings of the protocol.
  EXPECT_TRUE(textOf(&w, "notes").contains("catecholamine", Qt::CaseInsensitive))
      << textOf(&w, "notes").toStdString();
  EXPECT_FALSE(textOf(&w, "E3.reasons").isEmpty());
}

TEST_F(ProtocolWindows, InvestigatorSignsAndAChangedAnswerMakesTheSignatureStale) {
  const QDate today = QDate::currentDate();
  records::testing::answerPassingChecklist(record(), kSubject, today.addDays(-3));
  trial.as("inv");
  const qint64 imaging = record().confirmEligibility(kSubject, true, "eligible on imaging", kPassword);
  {
    ChecklistWindow w(record(), kSubject);
    w.resize(1280, 740);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_TRUE(w.windowTitle().contains("Ivan Investigator"));
    EXPECT_TRUE(w.windowTitle().contains("investigator"));
    // The investigator reviews; entering is the coordinator's.
    auto* recordSf = child<QPushButton>(&w, "cardiac.sfPercent.record");
    EXPECT_FALSE(recordSf->isEnabled());
    EXPECT_TRUE(recordSf->toolTip().contains("coordinator")) << recordSf->toolTip().toStdString();
    EXPECT_TRUE(textOf(&w, "verdict").contains("ELIGIBLE"));
    EXPECT_FALSE(textOf(&w, "verdict").contains("NOT ELIGIBLE"));
    EXPECT_TRUE(textOf(&w, "imaging").contains(QString("decision %1").arg(imaging)));
    EXPECT_TRUE(textOf(&w, "signature").contains("Not signed yet"));

    w.judgedOn()->setDate(today.addDays(-1));
    type(child<QLineEdit>(&w, "signReason"), "reviewed against the screening documents");
    click(child<QPushButton>(&w, "signChecklist"));
    auto* dialog = w.findChild<decide::SignDialog*>();
    ASSERT_NE(dialog, nullptr) << "no signature dialog";
    EXPECT_EQ(child<QLabel>(dialog, "meaning")->text(), "<b>eligibility checklist: eligible</b>");
    QTest::keyClicks(child<QLineEdit>(dialog, "password"), kPassword);
    click(child<QPushButton>(dialog, "sign"));
    EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();

    const auto signoff = record().checklistSignoff(kSubject);
    ASSERT_TRUE(signoff);
    ASSERT_TRUE(signoff->signature);
    EXPECT_EQ(signoff->signature->signerUserName, "inv");
    EXPECT_TRUE(signoff->eligible);
    EXPECT_EQ(signoff->judgedOn, today.addDays(-1));
    EXPECT_EQ(signoff->reason, "reviewed against the screening documents");
    EXPECT_EQ(signoff->imagingDecisionId, imaging);
    EXPECT_TRUE(textOf(&w, "signature").contains("CURRENT")) << textOf(&w, "signature").toStdString();
  }

  // The coordinator corrects the shortening fraction: the reason is asked, the answer superseded.
  trial.as("coord");
  ChecklistWindow w(record(), kSubject);
  w.resize(1280, 740);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(textOf(&w, "signature").contains("CURRENT"));
  EXPECT_EQ(child<QLineEdit>(&w, "cardiac.sfPercent.value")->text(), "34");  // the answer shown
  type(child<QLineEdit>(&w, "cardiac.sfPercent.value"), "26.9");
  type(child<QLineEdit>(&w, "cardiac.sfPercent.source"), "echo report, re-read by cardiology");
  modals.answerText("echo re-read by the cardiologist");
  click(child<QPushButton>(&w, "cardiac.sfPercent.record"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  const auto history = record().checklistHistory(kSubject);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().answer.key, "cardiac.sfPercent");
  EXPECT_EQ(history.back().answer.value, 26.9);
  EXPECT_EQ(history.back().reason, "echo re-read by the cardiologist");
  EXPECT_TRUE(history.back().supersedesId);

  EXPECT_EQ(textOf(&w, "E3.status"), "EXCLUDES");
  EXPECT_TRUE(textOf(&w, "E3.reasons").contains("26.9")) << textOf(&w, "E3.reasons").toStdString();
  EXPECT_TRUE(textOf(&w, "verdict").contains("NOT ELIGIBLE"));
  const QString signature = textOf(&w, "signature");
  EXPECT_TRUE(signature.contains("STALE")) << signature.toStdString();
  EXPECT_TRUE(signature.contains("cardiac.sfPercent")) << signature.toStdString();
  EXPECT_TRUE(textOf(&w, "cardiac.sfPercent.current").contains("echo re-read by the cardiologist"));
  ASSERT_TRUE(record().checklistSignoff(kSubject));
  EXPECT_FALSE(record().checklistSignoff(kSubject)->stale.isEmpty());
}

TEST_F(ProtocolWindows, ChecklistBadInputIsRefusedByNameAndNothingIsWritten) {
  ChecklistWindow w(record(), kSubject);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  // Not a number.
  type(child<QLineEdit>(&w, "catecholamines.timesUln.value"), "abc");
  type(child<QLineEdit>(&w, "catecholamines.timesUln.source"), "urine lab report");
  click(child<QPushButton>(&w, "catecholamines.timesUln.record"));
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("catecholamines.timesUln")) << modals.messages[0].toStdString();
  EXPECT_TRUE(modals.messages[0].contains("not a number")) << modals.messages[0].toStdString();
  // A shortening fraction of 140 %.
  type(child<QLineEdit>(&w, "cardiac.sfPercent.value"), "140");
  type(child<QLineEdit>(&w, "cardiac.sfPercent.source"), "echo report");
  click(child<QPushButton>(&w, "cardiac.sfPercent.record"));
  ASSERT_EQ(modals.messages.size(), 2);
  EXPECT_TRUE(modals.messages[1].contains("cardiac.sfPercent")) << modals.messages[1].toStdString();
  EXPECT_TRUE(modals.messages[1].contains("140")) << modals.messages[1].toStdString();
  // A date before the birth date.
  type(child<QLineEdit>(&w, "cardiac.sfPercent.value"), "31");
  child<QDateEdit>(&w, "cardiac.sfPercent.date")->setDate(kBirth.addDays(-10));
  click(child<QPushButton>(&w, "cardiac.sfPercent.record"));
  ASSERT_EQ(modals.messages.size(), 3);
  EXPECT_TRUE(modals.messages[2].contains("before the birth date")) << modals.messages[2].toStdString();
  // A yes/no item with neither chosen; one with no source document.
  type(child<QLineEdit>(&w, "hiv.source"), "serology report");
  click(child<QPushButton>(&w, "hiv.record"));
  ASSERT_EQ(modals.messages.size(), 4);
  EXPECT_TRUE(modals.messages[3].contains("yes or no")) << modals.messages[3].toStdString();
  click(child<QRadioButton>(&w, "otherTrial.no"));
  click(child<QPushButton>(&w, "otherTrial.record"));
  ASSERT_EQ(modals.messages.size(), 5);
  EXPECT_TRUE(modals.messages[4].contains("source document")) << modals.messages[4].toStdString();

  EXPECT_TRUE(record().checklistHistory(kSubject).empty());
  EXPECT_EQ(textOf(&w, "E3.status"), "MISSING");

  // A wrong password: the record refuses, no signature.
  records::testing::answerPassingChecklist(record(), kSubject, QDate::currentDate());
  trial.as("inv");
  record().confirmEligibility(kSubject, true, "eligible on imaging", kPassword);
  ChecklistWindow review(record(), kSubject);
  review.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&review));
  type(child<QLineEdit>(&review, "signReason"), "reviewed");
  click(child<QPushButton>(&review, "signChecklist"));
  auto* dialog = review.findChild<decide::SignDialog*>();
  ASSERT_NE(dialog, nullptr);
  QTest::keyClicks(child<QLineEdit>(dialog, "password"), "not the password");
  click(child<QPushButton>(dialog, "sign"));
  ASSERT_EQ(modals.messages.size(), 6);
  EXPECT_TRUE(modals.messages[5].contains("password", Qt::CaseInsensitive))
      << modals.messages[5].toStdString();
  EXPECT_FALSE(record().checklistSignoff(kSubject));
  EXPECT_TRUE(textOf(&review, "signature").contains("Not signed yet"));
}

// --- the injection schedule and the timeline -----------------------------------------------

TEST_F(ProtocolWindows, ScheduleShowsTheCalendarAndRecordsACourseEnd) {
  const QDate today = QDate::currentDate();
  injectedSubject(today);
  ScheduleWindow w(record(), kSubject);
  w.resize(1280, 740);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.windowTitle().contains(kSubject));
  EXPECT_TRUE(w.windowTitle().contains("Cora Coordinator"));
  QTableWidget* calendar = w.calendar();
  ASSERT_EQ(calendar->rowCount(), 3);
  // 1: on its due day, with the weight of the day, the dose and the lot.
  EXPECT_EQ(cell(calendar, 0, 4), today.addDays(-60).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 0, 5), "on time");
  EXPECT_TRUE(cell(calendar, 0, 6).startsWith("18.6 kg")) << cell(calendar, 0, 6).toStdString();
  EXPECT_EQ(cell(calendar, 0, 7), "93.0");
  EXPECT_EQ(cell(calendar, 0, 8), records::testing::kTestLot);
  // 2: given before the window the protocol's setting now has (given under a wider window, see
  // injectedSubject: the record itself refuses an early injection): flagged in words and colour.
  EXPECT_TRUE(cell(calendar, 1, 5).contains("EARLY")) << cell(calendar, 1, 5).toStdString();
  EXPECT_TRUE(cell(calendar, 1, 5).contains("3 days before due"));
  EXPECT_EQ(calendar->item(1, 5)->background().color(), QColor("#fbeaea"));
  EXPECT_EQ(calendar->item(0, 5)->background().style(), Qt::NoBrush);
  // 3: its course not recorded yet.
  EXPECT_EQ(cell(calendar, 2, 5), "no course yet");

  // The coordinator records the end of course 3 through the form.
  EXPECT_EQ(child<QSpinBox>(&w, "courseNumber")->value(), 3);  // the next course by default
  child<QDateEdit>(&w, "courseEnd")->setDate(today.addDays(-12));
  click(child<QPushButton>(&w, "recordCourse"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  const auto courses = record().courses(kSubject);
  ASSERT_EQ(courses.size(), 3u);
  EXPECT_EQ(courses[2].number, 3);
  EXPECT_EQ(courses[2].endDate, today.addDays(-12));
  EXPECT_EQ(cell(calendar, 2, 1), today.addDays(-12).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 2, 2), today.addDays(-2).toString(Qt::ISODate));
  EXPECT_TRUE(cell(calendar, 2, 5).startsWith("due")) << cell(calendar, 2, 5).toStdString();
  EXPECT_TRUE(cell(calendar, 2, 6).startsWith("18.0")) << cell(calendar, 2, 6).toStdString();
  EXPECT_EQ(cell(calendar, 2, 7), "90.1");

  // The timeline: courses, injections, decisions in date order.
  QTableWidget* timeline = w.timeline();
  QStringList texts;
  for (int row = 0; row < timeline->rowCount(); ++row) {
    texts << cell(timeline, row, 0) + " " + cell(timeline, row, 1) + ": " + cell(timeline, row, 2);
    if (row > 0) {
      EXPECT_LE(cell(timeline, row - 1, 0), cell(timeline, row, 0)) << "not in date order";
    }
  }
  const QString all = texts.join("\n");
  EXPECT_TRUE(all.contains("Chemotherapy course 3 ended")) << all.toStdString();
  EXPECT_TRUE(all.contains("Injection 1 given")) << all.toStdString();
  EXPECT_TRUE(all.contains("enrolment")) << all.toStdString();
  EXPECT_TRUE(all.contains("Eligibility checklist signed")) << all.toStdString();

  // Five days on, injection 3 is overdue: flagged in the calendar and the timeline.
  w.asOf()->setDate(today.addDays(5));
  EXPECT_TRUE(cell(calendar, 2, 5).contains("OVERDUE"));
  bool flaggedDue = false;
  for (int row = 0; row < timeline->rowCount(); ++row) {
    if (cell(timeline, row, 2).startsWith("Injection 3 due")) {
      flaggedDue = cell(timeline, row, 3).contains("FLAGGED") &&
                   timeline->item(row, 2)->background().color() == QColor("#fbeaea");
    }
  }
  EXPECT_TRUE(flaggedDue);
}

TEST_F(ProtocolWindows, ScheduleFlagsALateAndAnOverdueInjection) {
  const QDate today = QDate::currentDate();
  lateAndOverdueSubject(today);
  ScheduleWindow w(record(), kSubject);
  w.resize(1280, 740);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  QTableWidget* calendar = w.calendar();
  ASSERT_EQ(calendar->rowCount(), 3);
  EXPECT_EQ(cell(calendar, 0, 5), "on time");
  // 2: given two days after its window closed, with the protocol's own setting.
  EXPECT_EQ(cell(calendar, 1, 2), today.addDays(-38).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 1, 3), today.addDays(-38).toString(Qt::ISODate) + " to " +
                                      today.addDays(-35).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 1, 4), today.addDays(-33).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 1, 5), "! LATE, 5 days after due");
  EXPECT_EQ(calendar->item(1, 5)->background().color(), QColor("#fbeaea"));
  EXPECT_EQ(cell(calendar, 2, 5), "no course yet");
  EXPECT_TRUE(textOf(&w, "summary").contains("<b>1 flagged</b>"))
      << textOf(&w, "summary").toStdString();

  // The coordinator records the end of course 3, 16 days ago: injection 3 is overdue.
  child<QDateEdit>(&w, "courseEnd")->setDate(today.addDays(-16));
  click(child<QPushButton>(&w, "recordCourse"));
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  EXPECT_EQ(cell(calendar, 2, 2), today.addDays(-6).toString(Qt::ISODate));
  EXPECT_EQ(cell(calendar, 2, 5), "! OVERDUE");
  EXPECT_EQ(calendar->item(2, 5)->background().color(), QColor("#fbeaea"));
  EXPECT_TRUE(textOf(&w, "summary").contains("<b>2 flagged</b>"))
      << textOf(&w, "summary").toStdString();

  // Both flagged on the timeline too.
  QTableWidget* timeline = w.timeline();
  bool lateFlagged = false;
  bool overdueFlagged = false;
  for (int row = 0; row < timeline->rowCount(); ++row) {
    const bool flagged = cell(timeline, row, 3).contains("FLAGGED");
    const QString what = cell(timeline, row, 2);
    lateFlagged = lateFlagged || (what.startsWith("Injection 2 given") && flagged);
    overdueFlagged = overdueFlagged || (what.startsWith("Injection 3 due") && flagged);
  }
  EXPECT_TRUE(lateFlagged);
  EXPECT_TRUE(overdueFlagged);
}

TEST_F(ProtocolWindows, ScheduleBadInputIsRefusedAndNothingChanges) {
  const QDate today = QDate::currentDate();
  injectedSubject(today);
  ScheduleWindow w(record(), kSubject);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  // A course in the future.
  child<QSpinBox>(&w, "courseNumber")->setValue(3);
  child<QDateEdit>(&w, "courseEnd")->setDate(today.addDays(4));
  click(child<QPushButton>(&w, "recordCourse"));
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("in the future")) << modals.messages[0].toStdString();
  // Correcting course 1 without a reason, and after its injection was given.
  child<QSpinBox>(&w, "courseNumber")->setValue(1);
  child<QDateEdit>(&w, "courseEnd")->setDate(today.addDays(-69));
  click(child<QPushButton>(&w, "recordCourse"));
  ASSERT_EQ(modals.messages.size(), 2);
  EXPECT_TRUE(modals.messages[1].contains("needs a reason")) << modals.messages[1].toStdString();
  type(child<QLineEdit>(&w, "courseReason"), "date misread");
  click(child<QPushButton>(&w, "recordCourse"));
  ASSERT_EQ(modals.messages.size(), 3);
  EXPECT_TRUE(modals.messages[2].contains("injection 1 was given")) << modals.messages[2].toStdString();
  const auto courses = record().courses(kSubject);
  ASSERT_EQ(courses.size(), 2u);
  EXPECT_EQ(courses[0].endDate, today.addDays(-70));
  EXPECT_EQ(cell(w.calendar(), 2, 5), "no course yet");
}

TEST_F(ProtocolWindows, ScheduleCourseFormIsTheCoordinators) {
  trial.as("inv");
  ScheduleWindow w(record(), kSubject);
  auto* button = child<QPushButton>(&w, "recordCourse");
  EXPECT_FALSE(button->isEnabled());
  EXPECT_TRUE(button->toolTip().contains("coordinator")) << button->toolTip().toStdString();
  EXPECT_TRUE(w.windowTitle().contains("investigator"));
}

// --- the NK-cell product --------------------------------------------------------------------

struct LotFields {
  QString code;
  QString donor;
  QDate apheresis;
  QDate separation;
  QDate cryopreserved;
  QString storage = "-196";
  QString sterility = "negative";
  QString cells;
  QString viability;
  QString purity;
  QString active;
};

void fillLot(ProductWindow& w, const LotFields& f) {
  type(child<QLineEdit>(&w, "lotCode"), f.code);
  type(child<QLineEdit>(&w, "donorCode"), f.donor);
  child<QDateEdit>(&w, "apheresisDate")->setDate(f.apheresis);
  child<QDateEdit>(&w, "separationDate")->setDate(f.separation);
  child<QDateEdit>(&w, "cryopreservedDate")->setDate(f.cryopreserved);
  type(child<QLineEdit>(&w, "storageC"), f.storage);
  choose(child<QComboBox>(&w, "lotSterility"), f.sterility);
  type(child<QLineEdit>(&w, "lotViableCells"), f.cells);
  type(child<QLineEdit>(&w, "lotViability"), f.viability);
  type(child<QLineEdit>(&w, "purity"), f.purity);
  type(child<QLineEdit>(&w, "activePhenotype"), f.active);
  click(child<QPushButton>(&w, "addLot"));
}

void fillThaw(ProductWindow& w, int injection, const QString& lot, const QDate& thawed,
              const QString& viability, const QString& cells, const QString& sterility) {
  child<QSpinBox>(&w, "thawInjection")->setValue(injection);
  choose(child<QComboBox>(&w, "thawLot"), lot);
  child<QDateEdit>(&w, "thawDate")->setDate(thawed);
  type(child<QLineEdit>(&w, "thawViability"), viability);
  type(child<QLineEdit>(&w, "thawViableCells"), cells);
  choose(child<QComboBox>(&w, "thawSterility"), sterility);
  click(child<QPushButton>(&w, "recordThawCheck"));
}

TEST_F(ProtocolWindows, ProductLotsAndThawChecksThroughTheForms) {
  const QDate today = QDate::currentDate();
  ProductWindow w(record(), kSubject);
  w.resize(1280, 740);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.windowTitle().contains(kSubject));
  EXPECT_TRUE(w.windowTitle().contains("Cora Coordinator"));
  fillLot(w, {"NK-2026-031", "D-117", today.addDays(-40), today.addDays(-40), today.addDays(-39),
              "-196", "negative", "1.8e9", "93.5", "96.1", "82"});
  fillLot(w, {"NK-2026-032", "D-118", today.addDays(-30), today.addDays(-29), today.addDays(-29),
              "-196", "negative", "1200000000", "64", "95", "78"});
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();

  const auto lots = record().productLots();
  ASSERT_EQ(lots.size(), 2u);
  EXPECT_EQ(lots[0].lot.lotCode, "NK-2026-031");
  EXPECT_EQ(lots[0].lot.donorCode, "D-117");
  EXPECT_EQ(lots[0].lot.apheresisDate, today.addDays(-40));
  EXPECT_EQ(lots[0].lot.cryopreservedDate, today.addDays(-39));
  EXPECT_EQ(lots[0].lot.storageTemperatureC, -196.0);
  EXPECT_EQ(lots[0].lot.sterility, "negative");
  EXPECT_EQ(lots[0].lot.viableCells, 1'800'000'000);
  EXPECT_DOUBLE_EQ(lots[0].lot.viabilityPercent, 93.5);
  EXPECT_DOUBLE_EQ(lots[0].lot.purityPercent, 96.1);
  EXPECT_DOUBLE_EQ(lots[0].lot.activePhenotypePercent, 82.0);
  EXPECT_TRUE(lots[0].released);
  EXPECT_FALSE(lots[1].released);

  // On screen: the failed lot is not released, with its failure named.
  QTableWidget* table = w.lots();
  ASSERT_EQ(table->rowCount(), 2);
  EXPECT_EQ(cell(table, 0, 11), "yes");
  EXPECT_EQ(cell(table, 0, 7), "1800.0");
  EXPECT_TRUE(cell(table, 1, 11).startsWith("NOT RELEASED")) << cell(table, 1, 11).toStdString();
  EXPECT_TRUE(cell(table, 1, 11).contains("viability", Qt::CaseInsensitive));
  EXPECT_TRUE(cell(table, 1, 11).contains("64")) << cell(table, 1, 11).toStdString();
  EXPECT_EQ(table->item(1, 11)->background().color(), QColor("#fbeaea"));

  // The thaw check of injection 1 for this subject.
  auto* lotChoice = child<QComboBox>(&w, "thawLot");
  EXPECT_GE(lotChoice->findText("NK-2026-032 (NOT released)"), 0);
  fillThaw(w, 1, "NK-2026-031", today, "88.5", "9.6e7", "pending");
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();
  const auto checks = record().thawChecks(kSubject);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].injectionNumber, 1);
  EXPECT_EQ(checks[0].lotCode, "NK-2026-031");
  EXPECT_EQ(checks[0].check.thawDate, today);
  EXPECT_DOUBLE_EQ(checks[0].check.viabilityPercent, 88.5);
  EXPECT_EQ(checks[0].check.viableCells, 96'000'000);
  EXPECT_EQ(checks[0].check.sterility, "pending");
  ASSERT_EQ(w.thawChecks()->rowCount(), 1);
  EXPECT_EQ(cell(w.thawChecks(), 0, 1), "NK-2026-031");
  EXPECT_EQ(cell(w.thawChecks(), 0, 2), "yes");
  EXPECT_EQ(cell(w.thawChecks(), 0, 5), "96.0");
}

TEST_F(ProtocolWindows, ProductBadInputIsRefusedByNameAndNothingIsWritten) {
  const QDate today = QDate::currentDate();
  ProductWindow w(record(), kSubject);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  // A viability of 140 %.
  fillLot(w, {"NK-2026-040", "D-120", today.addDays(-20), today.addDays(-20), today.addDays(-19),
              "-196", "negative", "1.5e9", "140", "95", "80"});
  ASSERT_EQ(modals.messages.size(), 1);
  EXPECT_TRUE(modals.messages[0].contains("viability", Qt::CaseInsensitive))
      << modals.messages[0].toStdString();
  EXPECT_TRUE(modals.messages[0].contains("140")) << modals.messages[0].toStdString();
  // A negative count.
  fillLot(w, {"NK-2026-040", "D-120", today.addDays(-20), today.addDays(-20), today.addDays(-19),
              "-196", "negative", "-5e8", "92", "95", "80"});
  ASSERT_EQ(modals.messages.size(), 2);
  EXPECT_TRUE(modals.messages[1].contains("-500000000") || modals.messages[1].contains("negative") ||
              modals.messages[1].contains("count", Qt::CaseInsensitive))
      << modals.messages[1].toStdString();
  // Not a number.
  fillLot(w, {"NK-2026-040", "D-120", today.addDays(-20), today.addDays(-20), today.addDays(-19),
              "-196", "negative", "1.5e9", "ninety", "95", "80"});
  ASSERT_EQ(modals.messages.size(), 3);
  EXPECT_TRUE(modals.messages[2].contains("'ninety' is not a number")) << modals.messages[2].toStdString();
  EXPECT_TRUE(record().productLots().empty());
  EXPECT_EQ(w.lots()->rowCount(), 0);

  // A good lot, then a thaw check with a post-thaw viability of 140 %.
  record().recordProductLot(records::testing::releasedLot("NK-2026-041"));
  w.refresh();
  fillThaw(w, 1, "NK-2026-041", today, "140", "9.5e7", "negative");
  ASSERT_EQ(modals.messages.size(), 4);
  EXPECT_TRUE(modals.messages[3].contains("viability", Qt::CaseInsensitive))
      << modals.messages[3].toStdString();
  EXPECT_TRUE(modals.messages[3].contains("140")) << modals.messages[3].toStdString();
  EXPECT_TRUE(record().thawChecks(kSubject).empty());
  EXPECT_EQ(w.thawChecks()->rowCount(), 0);
}

TEST_F(ProtocolWindows, ProductFormsAreTheCoordinators) {
  trial.as("inv");
  ProductWindow w(record(), kSubject);
  for (const char* name : {"addLot", "recordThawCheck"}) {
    auto* button = child<QPushButton>(&w, name);
    EXPECT_FALSE(button->isEnabled()) << name;
    EXPECT_TRUE(button->toolTip().contains("coordinator")) << button->toolTip().toStdString();
  }
}

// --- size and the Trial menu ------------------------------------------------------------------

TEST_F(ProtocolWindows, EveryWindowFitsA1366x768Screen) {
  injectedSubject(QDate::currentDate());
  ChecklistWindow checklist(record(), kSubject);
  ScheduleWindow schedule(record(), kSubject);
  ProductWindow product(record(), kSubject);
  for (QWidget* w : std::initializer_list<QWidget*>{&checklist, &schedule, &product}) {
    SCOPED_TRACE(w->objectName().toStdString());
    w->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(w));
    EXPECT_TRUE(fits(w->sizeHint())) << w->sizeHint().width() << "x" << w->sizeHint().height();
    EXPECT_TRUE(fits(w->minimumSize()));
    EXPECT_TRUE(fits(w->minimumSizeHint()))
        << w->minimumSizeHint().width() << "x" << w->minimumSizeHint().height();
    EXPECT_LE(w->minimumSizeHint().width(), 1300);
    // At the laptop's size less the window manager's frame, nothing is cut: what does not fit
    // scrolls vertically, and nothing scrolls sideways.
    w->resize(1326, 708);
    QApplication::processEvents();
    EXPECT_EQ(w->size(), QSize(1326, 708));
    auto* scroll = w->findChild<QScrollArea*>();
    ASSERT_NE(scroll, nullptr);
    EXPECT_FALSE(scroll->horizontalScrollBar()->isVisible())
        << "content " << scroll->widget()->minimumSizeHint().width() << " px wide";
  }
}

TEST(ProtocolMenu, TheTrialMenuOpensTheThreeWindowsForTheSubject) {
  TestTrial trial;
  trial.as("coord");
  trial.record->createSubject({kSubject, "F", kBirth, std::nullopt});
  Modals modals;
  MainWindow window(trial.dir.filePath("index.db"));
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  for (const char* name : {"checklist", "schedule", "product"}) {
    EXPECT_FALSE(window.findChild<QAction*>(name)->isEnabled()) << name << " without a subject";
  }
  window.setTrialSubject(*trial.record, kSubject);
  for (const char* name : {"checklist", "schedule", "product"}) {
    EXPECT_TRUE(window.findChild<QAction*>(name)->isEnabled()) << name;
  }
  QWidget* checklist = window.openChecklist();
  QWidget* schedule = window.openSchedule();
  QWidget* product = window.openProduct();
  ASSERT_TRUE(qobject_cast<ChecklistWindow*>(checklist));
  ASSERT_TRUE(qobject_cast<ScheduleWindow*>(schedule));
  ASSERT_TRUE(qobject_cast<ProductWindow*>(product));
  for (QWidget* w : {checklist, schedule, product}) {
    EXPECT_TRUE(w->isVisible());
    EXPECT_TRUE(w->isWindow());
    EXPECT_TRUE(w->windowTitle().contains(kSubject)) << w->windowTitle().toStdString();
    EXPECT_TRUE(w->windowTitle().contains("Cora Coordinator (coord), coordinator"))
        << w->windowTitle().toStdString();
    EXPECT_LE(w->width(), 1366);
    EXPECT_LE(w->height(), 768);
  }
  EXPECT_TRUE(modals.messages.isEmpty()) << modals.messages.join("\n").toStdString();

  // A reader is kept away from all three.
  trial.as("reader1");
  window.setTrialSubject(*trial.record, kSubject);
  for (const char* name : {"checklist", "schedule", "product"}) {
    EXPECT_FALSE(window.findChild<QAction*>(name)->isEnabled()) << name;
    EXPECT_TRUE(window.findChild<QAction*>(name)->toolTip().contains("Readers")) << name;
  }
}

// --- screenshots for docs/images ----------------------------------------------------------------

TEST_F(ProtocolWindows, Screenshots) {
  const QString dir = qEnvironmentVariable("NBRA_PROTOCOL_SCREENSHOTS");
  if (dir.isEmpty()) {
    GTEST_SKIP() << "set NBRA_PROTOCOL_SCREENSHOTS to a folder to write the screenshots";
  }
  const QDate today = QDate::currentDate();
  records::ProductLotInput lot = records::testing::releasedLot("NK-2026-031");
  lot.donorCode = "D-117";
  lot.apheresisDate = today.addDays(-120);
  lot.separationDate = today.addDays(-120);
  lot.cryopreservedDate = today.addDays(-119);
  lot.storageTemperatureC = -196.0;
  lot.viableCells = 1'840'000'000;
  lot.viabilityPercent = 93.4;
  lot.purityPercent = 96.2;
  lot.activePhenotypePercent = 81.5;
  record().recordProductLot(lot);
  // Injection 2 given late, injection 3 overdue: flags the record takes as they come, with the
  // protocol's own settings (not an early one, which the record refuses).
  lateAndOverdueSubject(today, lot.lotCode);
  record().recordCourseEnd(kSubject, 3, today.addDays(-16));
  // A second lot that failed its release QC, for the product window.
  records::ProductLotInput failed = lot;
  failed.lotCode = "NK-2026-032";
  failed.donorCode = "D-118";
  failed.apheresisDate = today.addDays(-45);
  failed.separationDate = today.addDays(-44);
  failed.cryopreservedDate = today.addDays(-44);
  failed.viableCells = 1'210'000'000;
  failed.viabilityPercent = 64.0;
  failed.activePhenotypePercent = 41.0;
  record().recordProductLot(failed);
  record().recordThawCheck(kSubject, 3, lot.lotCode, {today, 89.5, 95'000'000, "pending"});
  // The checklist after the coordinator corrected the shortening fraction: signed, now stale.
  record().recordChecklistAnswer(
      kSubject,
      workflow::checklistAnswerFromText("cardiac.sfPercent", "29.5", "%", today.addDays(-1),
                                        "echo report, repeat"),
      "repeat echocardiography before injection 3");

  const auto shoot = [&](QWidget& w, const QString& name) {
    w.resize(1326, 708);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(200);  // the tables fit their rows to the final column widths
    EXPECT_TRUE(w.grab().save(dir + "/" + name)) << name.toStdString();
  };
  ChecklistWindow checklist(record(), kSubject);
  shoot(checklist, "checklist.png");
  ScheduleWindow schedule(record(), kSubject);
  shoot(schedule, "schedule.png");
  ProductWindow product(record(), kSubject);
  shoot(product, "product.png");
}

}  // namespace
}  // namespace nbra::viewer::protocol

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  QApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
