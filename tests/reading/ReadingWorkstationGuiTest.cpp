// The workstation window as a reader uses it with a trial record: a read opened, marks drawn
// with the mouse, saved (Reading > Save draft), reopened in a new window with every mark exactly
// where it was, and a signed read shown with its marks locked.

#include <QAbstractButton>
#include <QDockWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

using namespace nbra::viewer;
namespace rec = nbra::records;

class ReadingWorkstationGuiTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<rec::RecordDatabase> db_;
  std::unique_ptr<rec::TrialRecord> record_;
  QString seriesFolder_;
  const QString password_ = "workstation 8";

  std::unique_ptr<MainWindow> openWindow() {
    auto window = std::make_unique<MainWindow>(dir_.filePath("index.db"));
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
      return nullptr;
    QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
    window->openFolder(seriesFolder_);
    if (opened.isEmpty() && !opened.wait(20000))
      return nullptr;
    if (!opened.first().first().toString().isEmpty())
      return nullptr;
    return window;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    nbra::testing::SyntheticSeries spec;
    spec.rows = 128;
    spec.columns = 128;
    spec.pixelSpacingMm = 0.5;
    spec.slices = 5;
    spec.sliceSpacingMm = 2.5;
    seriesFolder_ = dir_.filePath("ct");
    nbra::testing::writeSeries(seriesFolder_.toStdString(), spec);
    db_ = std::make_unique<rec::RecordDatabase>(dir_.filePath("trial.db"));
    record_ = std::make_unique<rec::TrialRecord>(*db_, rec::HashCost::Minimal);
    record_->bootstrapAdministrator("admin", "Ada Admin", password_);
    record_->createUser("coord", "Cora Coordinator", rec::Role::Coordinator, password_);
    record_->createUser("reader", "Dr Rita Reader", rec::Role::Reader, password_);
    record_->signIn("coord", password_);
    record_->createSubject({"NB-101", "M", std::nullopt, 4.0});
    record_->addTimepoint("NB-101", "baseline", "baseline", QDate(2026, 1, 12), {});
    record_->addTimepoint("NB-101", "week 6", "follow-up", QDate(2026, 2, 23), {});
    record_->signIn("reader", password_);
  }

  void aSavedReadReopensWithEveryMarkExactlyAndSignedIsLocked() {
    std::vector<Measurement> drawn;
    {
      auto window = openWindow();
      QVERIFY(window);
      auto* dock = window->findChild<QDockWidget*>("lesionDock");
      QVERIFY(dock && !dock->isVisible());  // out of the way until there is something to read
      QCOMPARE(window->openRead(*record_, "NB-101", "baseline"), QString());
      QVERIFY(window->statusText().contains("new"));
      QVERIFY(dock->isVisible());
      SliceView* view = window->viewer()->activeView();
      // The tool buttons and the keys agree: a key in a view checks its button, a button sets
      // the tool of every view.
      auto* caliper =
          window->findChild<QAbstractButton*>(QString("tool%1").arg(int(MeasureTool::Caliper)));
      auto* bidirectional = window->findChild<QAbstractButton*>(
          QString("tool%1").arg(int(MeasureTool::Bidirectional)));
      QVERIFY(caliper && bidirectional && !caliper->isChecked());
      QTest::keyClick(view, Qt::Key_M);
      QVERIFY(caliper->isChecked());
      QTest::mouseClick(bidirectional, Qt::LeftButton);
      for (auto* v : window->viewer()->visibleViews())
        QCOMPARE(v->tool(), MeasureTool::Bidirectional);
      // The read-out under the cursor belongs to the series it was read from.
      QTest::mouseMove(view, view->rect().center());
      QVERIFY(!view->readoutText().isEmpty());
      view->setSeries(view->series(), Orientation::Coronal);
      view->setSeries(nullptr, Orientation::Axial);
      QVERIFY(view->readoutText().isEmpty());
      QSignalSpy reopened(window.get(), &MainWindow::seriesOpened);
      window->openFolder(seriesFolder_);
      QVERIFY(reopened.wait(20000));
      view = window->viewer()->activeView();
      QCOMPARE(view->tool(), MeasureTool::Bidirectional);
      const QPoint c = view->rect().center();
      QTest::mousePress(view, Qt::LeftButton, {}, c - QPoint(120, 0));
      QTest::mouseMove(view, c);
      QTest::mouseMove(view, c + QPoint(130, 3));
      QTest::mouseRelease(view, Qt::LeftButton, {}, c + QPoint(130, 3));
      QTest::mousePress(view, Qt::LeftButton, {}, c + QPoint(0, -60));
      QTest::mouseMove(view, c + QPoint(2, 70));
      QTest::mouseRelease(view, Qt::LeftButton, {}, c + QPoint(2, 70));
      QCOMPARE(window->lesionPanel()->table().size(), std::size_t{1});
      TrackedLesion primary = window->lesionPanel()->table().at(0);
      primary.isPrimary = true;
      QVERIFY(window->lesionPanel()->editRow(0, primary));
      drawn = view->measurements().all();
      QCOMPARE(drawn.size(), std::size_t{1});
      QVERIFY(drawn[0].hasShortAxis);
      QVERIFY(window->saveRead());
      QVERIFY(window->statusText().contains("saved"));
    }
    {
      auto window = openWindow();
      QVERIFY(window);
      QCOMPARE(window->openRead(*record_, "NB-101", "baseline"), QString());
      QVERIFY2(window->statusText().contains("draft"), qPrintable(window->statusText()));
      const auto& restored = window->viewer()->activeView()->measurements().all();
      QCOMPARE(restored.size(), drawn.size());
      QVERIFY(restored[0].longStartMm == drawn[0].longStartMm &&
              restored[0].longEndMm == drawn[0].longEndMm &&
              restored[0].shortStartMm == drawn[0].shortStartMm &&
              restored[0].shortEndMm == drawn[0].shortEndMm &&
              restored[0].planeNormal == drawn[0].planeNormal &&
              restored[0].source->sopInstanceUid == drawn[0].source->sopInstanceUid &&
              restored[0].frameOfReferenceUid == drawn[0].frameOfReferenceUid);
      QCOMPARE(window->lesionPanel()->table().size(), std::size_t{1});
      QCOMPARE(window->lesionPanel()->table().at(0).markId, std::optional<int>(drawn[0].id));
      // Signed (as Reading > Sign read does, without its password dialog).
      ReadSession session(*record_, "NB-101", "baseline");
      QVERIFY(session.open().has_value());
      session.sign(*window->viewer()->readingMarks(), window->lesionPanel()->table(), password_);
    }
    auto window = openWindow();
    QVERIFY(window);
    QCOMPARE(window->openRead(*record_, "NB-101", "baseline"), QString());
    QVERIFY2(window->statusText().contains("signed"), qPrintable(window->statusText()));
    SliceView* view = window->viewer()->activeView();
    QVERIFY(view->marksReadOnly());
    // A drag on a signed read draws nothing; Delete removes nothing.
    QTest::keyClick(view, Qt::Key_M);
    const QPoint c = view->rect().center();
    QTest::mousePress(view, Qt::LeftButton, {}, c + QPoint(0, 100));
    QTest::mouseMove(view, c + QPoint(150, 100));
    QTest::mouseRelease(view, Qt::LeftButton, {}, c + QPoint(150, 100));
    view->selectMeasurement(drawn[0].id);
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(view->measurements().all().size(), std::size_t{1});
  }

  // Runs after the baseline read above was signed.
  void removingALesionRemovesItsMark() {
    auto window = openWindow();
    QVERIFY(window);
    SliceView* view = window->viewer()->activeView();
    QTest::keyClick(view, Qt::Key_M);
    const QPoint c = view->rect().center();
    QTest::mousePress(view, Qt::LeftButton, {}, c - QPoint(80, 0));
    QTest::mouseMove(view, c);
    QTest::mouseRelease(view, Qt::LeftButton, {}, c + QPoint(80, 0));
    LesionPanel* panel = window->lesionPanel();
    QCOMPARE(panel->table().size(), std::size_t{1});
    QCOMPARE(window->viewer()->readingMarks()->all().size(), std::size_t{1});
    auto* grid = panel->findChild<QTableWidget*>();
    QVERIFY(grid);
    grid->setCurrentCell(0, 0);
    QTest::mouseClick(panel->findChild<QAbstractButton*>("removeLesion"), Qt::LeftButton);
    QCOMPARE(panel->table().size(), std::size_t{0});
    QVERIFY(window->viewer()->readingMarks()->all().empty());  // no orphan mark left on the image
  }

  void aFollowUpReadIsTrackedAgainstTheSignedBaselineAndReopensSo() {
    {
      auto window = openWindow();
      QVERIFY(window);
      QVERIFY(window->openRead(*record_, "NB-101", "week 6", "no such timepoint")
                  .contains("no such timepoint"));
      QCOMPARE(window->openRead(*record_, "NB-101", "week 6", "baseline"), QString());
      QVERIFY(window->readSession() && window->trialRecord() == record_.get());
      QCOMPARE(window->readSession()->timepointLabel(), QString("week 6"));
      LesionPanel* panel = window->lesionPanel();
      QCOMPARE(panel->table().kind(), LesionTable::Kind::FollowUp);
      QCOMPARE(panel->table().size(), std::size_t{1});
      QCOMPARE(panel->table().at(0).status, LesionStatus::Pending);
      QCOMPARE(window->viewer()->visibleViews().size(), 2);
      SliceView* left = window->viewer()->visibleViews().front();
      SliceView* right = window->viewer()->visibleViews().back();
      QVERIFY(left->marksReadOnly() && !right->marksReadOnly());
      QCOMPARE(left->measurements().all().size(), std::size_t{1});  // the baseline's mark
      QCOMPARE(window->viewer()->activeView(), right);
      // The follow-up series goes in the right view; the row is selected and re-measured there.
      QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
      window->openFolder(seriesFolder_);
      QVERIFY(opened.wait(20000));
      panel->selectRow(0);
      QTest::keyClick(right, Qt::Key_M);
      const QPoint c = right->rect().center();
      QTest::mousePress(right, Qt::LeftButton, {}, c - QPoint(50, 0));
      QTest::mouseMove(right, c);
      QTest::mouseMove(right, c + QPoint(50, 0));
      QTest::mouseRelease(right, Qt::LeftButton, {}, c + QPoint(50, 0));
      QCOMPARE(panel->table().size(), std::size_t{1});
      QCOMPARE(panel->table().at(0).status, LesionStatus::Measured);
      QVERIFY2(panel->summary().contains("Primary") && panel->summary().contains("vs baseline"),
               qPrintable(panel->summary()));
      QVERIFY(window->saveRead());
    }
    auto window = openWindow();
    QVERIFY(window);
    QCOMPARE(window->openRead(*record_, "NB-101", "week 6", "baseline"), QString());
    LesionPanel* panel = window->lesionPanel();
    QCOMPARE(panel->table().kind(), LesionTable::Kind::FollowUp);
    QCOMPARE(panel->table().at(0).status, LesionStatus::Measured);
    QVERIFY(panel->table().sizes(0, *window->viewer()->readingMarks()).has_value());
    QVERIFY2(panel->summary().contains("vs baseline"), qPrintable(panel->summary()));
  }
};

QTEST_MAIN(ReadingWorkstationGuiTest)
#include "ReadingWorkstationGuiTest.moc"
