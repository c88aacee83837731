// The coordinator links a subject's studies from the study browser (by selection and by drag),
// never two patients' studies in one subject; the reader's read then hangs itself (docs/
// hanging.md): the baseline alone, then the follow-up beside its baseline (left, read-only,
// captioned BASELINE) with the current on the right; a series of another patient is refused.

#include <QComboBox>
#include <QDateEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <filesystem>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/support/SyntheticDicom.h"
#include "tests/viewer/BrowserRows.h"
#include "tests/viewer/ModalScript.h"
#include "viewer/app/adjudication/WorklistWindow.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/session/StudyDropList.h"
#include "viewer/app/session/SubjectsWindow.h"
#include "viewer/app/session/TrialSession.h"
#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

using namespace nbra::viewer;
namespace rec = nbra::records;
namespace tst = nbra::testing;
using nbra::viewer::testing::findRow;
using nbra::viewer::testing::ModalScript;

namespace {

const QString kPw = "hanging pass 5";


QModelIndex studyRow(QTreeView* tree, const QString& uid) {
  return findRow(tree->model(), [&](const QModelIndex& i) {
    return i.data(StudyTreeModel::kStudyUidRole).toString() == uid &&
           !i.data(StudyTreeModel::kSeriesIdRole).isValid();
  });
}

QModelIndex seriesRowOf(QTreeView* tree, const QString& description) {
  return findRow(tree->model(), [&](const QModelIndex& i) {
    return i.data(StudyTreeModel::kSeriesIdRole).isValid() &&
           i.data().toString().contains(description);
  });
}

std::unique_ptr<session::TrialSession> signedIn(const QString& location, const QString& user) {
  auto s = session::openTrialRecord(location);
  s->record->signIn(user, kPw);
  return s;
}

}  // namespace

class HangingGuiTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<tst::TempFolder> images_;
  QString record_;
  const QString baselineUid_ = "1.2.826.0.1.3680043.8.498.501.1";
  const QString followUid_ = "1.2.826.0.1.3680043.8.498.501.2";
  const QString otherUid_ = "1.2.826.0.1.3680043.8.498.502.1";

  void writeCt(const QString& folder, const std::string& patientId, const std::string& name,
               const QString& studyUid, const std::string& date, const std::string& description) {
    tst::SyntheticSeries s;
    s.patientId = patientId;
    s.patientName = name;
    s.studyUid = studyUid.toStdString();
    s.studyDate = date;
    s.seriesDescription = description;
    s.slices = 6;
    tst::writeSeries(images_->path() / folder.toStdString(), s);
  }

  bool importImages(MainWindow& window) {
    QSignalSpy done(&window, &MainWindow::importFinished);
    window.importPaths({QString::fromStdString(images_->path().string())});
    return done.wait(60000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    qputenv("NBRA_JOURNAL_DIR", dir_.filePath("journal").toUtf8());
    images_ = std::make_unique<tst::TempFolder>();
    writeCt("a-base", "SYN-A", "ALPHA^ANNA", baselineUid_, "20260112", "CT A baseline");
    writeCt("a-follow", "SYN-A", "ALPHA^ANNA", followUid_, "20260302", "CT A follow-up");
    writeCt("b-base", "SYN-B", "BETA^BORIS", otherUid_, "20260115", "CT B baseline");
    std::filesystem::create_directories(images_->path() / "nm");
    tst::writeNmPlanar(images_->path() / "nm" / "WB.dcm", {});  // patient NBRA-NM-1
    record_ = dir_.filePath("trial.sqlite");
    rec::RecordDatabase db(record_);
    rec::TrialRecord r(db, rec::HashCost::Minimal);
    r.bootstrapAdministrator("admin", "Ada Admin", kPw);
    r.createUser("coord", "Cora Coordinator", rec::Role::Coordinator, kPw);
    r.createUser("reader", "Dr Rita Reader", rec::Role::Reader, kPw);
  }

  void theCoordinatorLinksStudiesFromTheBrowser() {
    MainWindow window(dir_.filePath("index.sqlite"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(importImages(window));
    QVERIFY(window.adoptSession(signedIn(record_, "coord")));
    auto* subjects = window.findChild<session::SubjectsWindow*>();
    QVERIFY(subjects);
    // Bad input is said in the window, and nothing is written.
    subjects->studyIdEdit()->setText("NB-501");
    subjects->birthDateEdit()->setText("04/05/2019");
    QVERIFY(!subjects->createSubject());
    QVERIFY2(subjects->errorText().contains("'04/05/2019' is not a date"), qPrintable(subjects->errorText()));
    subjects->studyIdEdit()->setText("  ");
    subjects->birthDateEdit()->setText("2019-05-04");
    QVERIFY(!subjects->createSubject());
    QVERIFY2(subjects->errorText().contains("study id"), qPrintable(subjects->errorText()));
    QVERIFY(window.trialRecord()->subjectIds().isEmpty());
    subjects->studyIdEdit()->setText("NB-501");
    QVERIFY2(subjects->createSubject(), qPrintable(subjects->errorText()));
    QCOMPARE(subjects->currentSubject(), QString("NB-501"));
    QCOMPARE(subjects->labelEdit()->text(), QString("baseline"));  // suggested
    QVERIFY(!subjects->addTimepoint());  // no study linked yet
    QVERIFY2(subjects->errorText().contains("needs its studies"), qPrintable(subjects->errorText()));
    window.studyTree()->clearSelection();
    QVERIFY(!subjects->addSelectedStudies());  // nothing selected in the browser
    QVERIFY2(subjects->errorText().contains("Nothing is selected"), qPrintable(subjects->errorText()));

    // Baseline: the study selected in the browser, then Add selected.
    const QModelIndex base = studyRow(window.studyTree(), baselineUid_);
    QVERIFY(base.isValid());
    window.studyTree()->setCurrentIndex(base);
    QVERIFY2(subjects->addSelectedStudies(), qPrintable(subjects->errorText()));
    QCOMPARE(subjects->studyList()->count(), 1);
    QVERIFY2(subjects->studyList()->item(0)->text().contains("2026-01-12"),
             qPrintable(subjects->studyList()->item(0)->text()));    // words, not a UID
    QCOMPARE(subjects->scanDateEdit()->date(), QDate(2026, 1, 12));  // from the study
    QVERIFY2(subjects->addTimepoint(), qPrintable(subjects->errorText()));

    // Follow-up: one of its series dragged from the browser stands for its study.
    const QModelIndex series = seriesRowOf(window.studyTree(), "CT A follow-up");
    QVERIFY(series.isValid());
    std::unique_ptr<QMimeData> drag(window.studyTree()->model()->mimeData({series}));
    QVERIFY(drag);
    QVERIFY(subjects->studyList()->acceptMime(drag.get()));
    QVERIFY(!subjects->studyList()->acceptMime(drag.get()) || subjects->studyList()->count() == 1);
    QCOMPARE(subjects->studyList()->count(), 1);
    subjects->labelEdit()->setText("after course 2");
    QCOMPARE(subjects->kindBox()->currentData().toString(), QString("follow-up"));
    QVERIFY2(subjects->addTimepoint(), qPrintable(subjects->errorText()));

    // Another child's study is refused, naming both patients; nothing is added.
    window.studyTree()->setCurrentIndex(studyRow(window.studyTree(), otherUid_));
    QVERIFY(subjects->addSelectedStudies());
    subjects->labelEdit()->setText("wrong child");
    ModalScript modals;
    modals.answer(QMessageBox::Ok);
    QVERIFY(!subjects->addTimepoint());
    QVERIFY2(subjects->errorText().contains("SYN-B") && subjects->errorText().contains("SYN-A"),
             qPrintable(subjects->errorText()));
    const auto subject = window.trialRecord()->subject("NB-501");
    QCOMPARE(subject.timepoints.size(), std::size_t{2});
    QCOMPARE(subject.timepoints[0].studyInstanceUids, QStringList{baselineUid_});
    QCOMPARE(subject.timepoints[1].studyInstanceUids, QStringList{followUid_});
    // The browser labels the linked studies with their timepoints.
    QTRY_VERIFY(
        studyRow(window.studyTree(), followUid_).data().toString().contains("after course 2"));
  }

  void theReadHangsItselfAndRefusesAnotherPatient() {
    MainWindow window(dir_.filePath("index.sqlite"));
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.adoptSession(signedIn(record_, "reader")));
    auto* worklist = window.findChild<adjudication::WorklistWindow*>();
    QVERIFY(worklist);
    QCOMPARE(worklist->items().size(), std::size_t{2});
    QSignalSpy hung(&window, &MainWindow::hangingDone);
    int baselineRow = worklist->items()[0].timepointLabel == "baseline" ? 0 : 1;
    worklist->openItem(baselineRow);
    QVERIFY(hung.wait(30000));
    QCOMPARE(window.viewer()->viewLayout(), ViewLayout::Single);
    SliceView* only = window.viewer()->activeView();
    QVERIFY(only->series());
    QCOMPARE(only->series()->seriesDescription, QString("CT A baseline"));
    QVERIFY2(only->timepointCaption().contains("baseline"), qPrintable(only->timepointCaption()));
    QVERIFY(!only->marksReadOnly());
    // Another patient's series is not opened into the read.
    {
      ModalScript modals;
      modals.answer(QMessageBox::Ok);
      QSignalSpy opened(&window, &MainWindow::seriesOpened);
      const QModelIndex other = seriesRowOf(window.studyTree(), "CT B baseline");
      window.openSeries(other.data(StudyTreeModel::kSeriesIdRole).toLongLong());
      QVERIFY(!opened.isEmpty());
      QVERIFY2(opened.front().front().toString().contains("SYN-B"),
               qPrintable(opened.front().front().toString()));
      QTRY_VERIFY(modals.done());
      QCOMPARE(only->series()->seriesDescription, QString("CT A baseline"));
    }
    Measurement m;
    m.longEndMm = {14, 0, 0};
    window.viewer()->readingMarks()->add(m);
    QVERIFY(window.saveRead());
    window.trialRecord()->signRead("NB-501", "baseline", kPw);

    // The follow-up: baseline left (read-only marks), current right, by itself.
    worklist->refresh();
    QCOMPARE(worklist->items().size(), std::size_t{1});
    hung.clear();
    worklist->openItem(0);
    QVERIFY(hung.wait(30000));
    QCOMPARE(window.readSession()->timepointLabel(), QString("after course 2"));
    QCOMPARE(window.viewer()->viewLayout(), ViewLayout::OneByTwo);
    const auto views = window.viewer()->visibleViews();
    QCOMPARE(views[0]->series()->seriesDescription, QString("CT A baseline"));
    QCOMPARE(views[1]->series()->seriesDescription, QString("CT A follow-up"));
    QVERIFY2(views[0]->caption().contains("BASELINE"), qPrintable(views[0]->caption()));
    QVERIFY2(views[1]->caption().contains("CURRENT"), qPrintable(views[1]->caption()));
    QVERIFY(views[0]->marksReadOnly());
    QVERIFY(!views[1]->marksReadOnly());
    QCOMPARE(window.viewer()->activeView(), views[1]);  // measuring happens on the current
    QCOMPARE(views[0]->measurementSet()->all().size(), std::size_t{1});  // the baseline's mark
    // Every view names its patient and timepoint.
    QVERIFY2(views[1]->timepointCaption().contains("after course 2"),
             qPrintable(views[1]->timepointCaption()));
    QVERIFY2(views[0]->timepointCaption().contains("baseline") &&
                 views[0]->timepointCaption().contains("2026-01-12"),
             qPrintable(views[0]->timepointCaption()));
    QVERIFY(window.width() <= 1366);
    // The read-only baseline view takes no series of the current timepoint (measuring there is
    // refused): dropping one is refused in words; the baseline's own series may go there.
    const qint64 follow = seriesRowOf(window.studyTree(), "CT A follow-up")
                              .data(StudyTreeModel::kSeriesIdRole)
                              .toLongLong();
    const qint64 base = seriesRowOf(window.studyTree(), "CT A baseline")
                            .data(StudyTreeModel::kSeriesIdRole)
                            .toLongLong();
    QVERIFY(window.baselineViewRefusal(views[0], follow).contains("read-only"));
    QVERIFY(window.baselineViewRefusal(views[0], base).isEmpty());
    QVERIFY(window.baselineViewRefusal(views[1], follow).isEmpty());
  }

  void aPlanarStudyNeverBringsBackAnotherPatientsSlices() {
    MainWindow window(dir_.filePath("index.sqlite"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(seriesRowOf(window.studyTree(), "CT A baseline")
                          .data(StudyTreeModel::kSeriesIdRole)
                          .toLongLong());
    QVERIFY(opened.wait(30000));
    QVERIFY(window.viewer()->activeView()->series());
    opened.clear();
    window.openSeries(seriesRowOf(window.studyTree(), "WB MIBG")
                          .data(StudyTreeModel::kSeriesIdRole)
                          .toLongLong());
    QTRY_VERIFY(!opened.isEmpty());
    QVERIFY(window.viewer()->showingPlanar());
    // Another layout: the slice views come back empty, never with patient A's CT.
    window.viewer()->setViewLayout(ViewLayout::OneByTwo);
    for (SliceView* v : window.viewer()->visibleViews())
      QVERIFY(!v->series());
  }
};

QTEST_MAIN(HangingGuiTest)
#include "HangingGuiTest.moc"
