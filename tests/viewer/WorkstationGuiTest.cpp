// The first window, driven as a user would: import a folder, wait, read the tree, pick a series.

#include <QApplication>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>
#include <filesystem>

#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/preview/PreviewPane.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

using nbra::viewer::MainWindow;
using nbra::viewer::StudyTreeModel;

class WorkstationGuiTest : public QObject {
  Q_OBJECT

 private:
  // Imports and waits (the event loop keeps running, as in the real window).
  static nbra::dicom::ImportSummary importAndWait(MainWindow& window, const QString& path) {
    QSignalSpy finished(&window, &MainWindow::importFinished);
    if (!window.importPaths({path})) {
      qFatal("import did not start");
    }
    if (!finished.wait(120000)) {
      qFatal("import did not finish within two minutes");
    }
    return finished.takeFirst().at(0).value<nbra::dicom::ImportSummary>();
  }

  static QStringList childTexts(const QStandardItemModel& model, const QModelIndex& parent) {
    QStringList texts;
    for (int r = 0; r < model.rowCount(parent); ++r) {
      texts << model.index(r, 0, parent).data().toString();
    }
    return texts;
  }

 private slots:
  void importShowsPatientsAndSeries() {
    nbra::testing::TempFolder data;
    nbra::testing::TempFolder db;
    nbra::testing::SyntheticSeries ct;
    ct.patientId = "NB-001";
    ct.patientName = "ZETA^ZOE";
    ct.seriesDescription = "CT chest abdomen";
    ct.slices = 5;
    nbra::testing::writeSeries(data.path() / "ct", ct);
    nbra::testing::SyntheticSeries mibg;
    mibg.patientId = "NB-002";
    mibg.patientName = "ALPHA^AL";
    mibg.modality = "NM";
    mibg.seriesDescription = "MIBG whole body";
    mibg.slices = 2;
    nbra::testing::writeSeries(data.path() / "nm", mibg);

    MainWindow window(QString::fromStdString((db.path() / "index.sqlite").string()));
    window.show();
    QCOMPARE(window.studyModel()->rowCount(), 0);

    const auto summary = importAndWait(window, QString::fromStdString(data.path().string()));
    QCOMPARE(summary.found.instances, 7);
    QVERIFY(!window.progressBar()->isVisible());

    const StudyTreeModel& model = *window.studyModel();
    // Patients sorted by name, shown "FAMILY, GIVEN  [ID]".
    QCOMPARE(childTexts(model, {}), (QStringList{"ALPHA, AL  [NB-002]", "ZETA, ZOE  [NB-001]"}));
    const QModelIndex zoe = model.index(1, 0);
    const QModelIndex study = model.index(0, 0, zoe);
    QCOMPARE(model.rowCount(study), 1);
    const QModelIndex series = model.index(0, 0, study);
    QCOMPARE(series.data().toString(), QString("#1  CT chest abdomen"));
    QCOMPARE(series.siblingAtColumn(StudyTreeModel::kModality).data().toString(), QString("CT"));
    QCOMPARE(series.siblingAtColumn(StudyTreeModel::kImages).data().toString(), QString("5"));
    QCOMPARE(series.siblingAtColumn(StudyTreeModel::kDate).data().toString(),
             QString("2026-01-15"));

    // Selecting the series shows its middle image (3rd of 5).
    window.studyTree()->setCurrentIndex(series);
    QVERIFY(!window.previewPane()->image().isNull());
    QVERIFY(window.previewPane()->caption().startsWith("image 3 of 5"));
    // Selecting a patient row shows guidance, not an image.
    window.studyTree()->setCurrentIndex(zoe);
    QVERIFY(window.previewPane()->image().isNull());
  }

  void aSeriesDraggedFromTheBrowserOpensInTheView() {
    nbra::testing::TempFolder data;
    nbra::testing::TempFolder db;
    nbra::testing::SyntheticSeries ct;
    ct.slices = 4;
    nbra::testing::writeSeries(data.path(), ct);
    MainWindow window(QString::fromStdString((db.path() / "index.sqlite").string()));
    window.show();
    importAndWait(window, QString::fromStdString(data.path().string()));
    const StudyTreeModel& model = *window.studyModel();
    const QModelIndex series = model.index(0, 0, model.index(0, 0, model.index(0, 0)));
    // What the tree hands to a drag, dropped on the view.
    std::unique_ptr<QMimeData> mime(model.mimeData({series}));
    QVERIFY(mime != nullptr);
    auto* view = window.viewer()->activeView();
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton,
                          Qt::NoModifier);
    QApplication::sendEvent(view, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &drop);
    QVERIFY(opened.wait(30000));
    QVERIFY(opened.takeFirst().at(0).toString().isEmpty());
    QVERIFY(view->series() != nullptr);
    QCOMPARE(view->series()->volume().dimensions[2], std::size_t{4});
  }

  void importOfMissingFolderReportsFailure() {
    nbra::testing::TempFolder db;
    MainWindow window(QString::fromStdString((db.path() / "index.sqlite").string()));
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({"/nonexistent/nbra-gui-test"}));
    QVERIFY(finished.wait(30000));
    QCOMPARE(window.studyModel()->rowCount(), 0);
    QVERIFY(window.statusBar()->findChild<QLabel*>() != nullptr);
  }

  // The inputs that once crashed the command line, imported and opened in the window: every
  // file is indexed or skipped with a reason, every series opened fails with a message naming
  // its file, and the window is still there to say so.
  void hostileInputsImportWithReasonsAndOpenWithoutCrashing() {
    const auto dir = nbra::testing::hostileInputsDir();
    if (!dir) {
      QSKIP("../shared/hostile-inputs not found: hostile-input GUI test skipped");
    }
    int opened = 0;
    for (const auto& entry : std::filesystem::directory_iterator(*dir)) {
      if (!entry.is_directory())
        continue;
      const QString folder = QString::fromStdString(entry.path().string());
      const QString name = QString::fromStdString(entry.path().filename().string());
      nbra::testing::TempFolder db;
      MainWindow window(QString::fromStdString((db.path() / "index.sqlite").string()));
      window.show();
      const auto summary = importAndWait(window, folder);
      for (const auto& skipped : summary.skipped) {
        QVERIFY2(!skipped.reason.empty(), skipped.path.c_str());
      }
      const StudyTreeModel& model = *window.studyModel();
      for (int p = 0; p < model.rowCount(); ++p) {
        const QModelIndex patient = model.index(p, 0);
        for (int s = 0; s < model.rowCount(patient); ++s) {
          const QModelIndex study = model.index(s, 0, patient);
          for (int r = 0; r < model.rowCount(study); ++r) {
            const QModelIndex series = model.index(r, 0, study);
            window.studyTree()->setCurrentIndex(series);  // the preview must survive it too
            QSignalSpy done(&window, &MainWindow::seriesOpened);
            window.openSeries(series.data(StudyTreeModel::kSeriesIdRole).toLongLong());
            QVERIFY2(done.count() > 0 || done.wait(30000), qPrintable(name));
            const QString error = done.takeFirst().at(0).toString();
            QVERIFY2(error.contains(name + "/"), qPrintable(name + ": " + error));
            QVERIFY2(window.statusText().startsWith("Cannot open"),
                     qPrintable(window.statusText()));
            ++opened;
          }
        }
      }
    }
    QVERIFY(opened >= 6);
  }

  void sharedPetCtStudyShowsFiveSeries() {
    const auto dir = nbra::testing::sharedDataDir();
    if (!dir) {
      QSKIP("shared data-samples not found: real-data GUI test skipped");
    }
    nbra::testing::TempFolder db;
    MainWindow window(QString::fromStdString((db.path() / "index.sqlite").string()));
    importAndWait(window, QString::fromStdString((*dir / "tcia-acrin-nsclc-fdg-pet-042").string()));
    const StudyTreeModel& model = *window.studyModel();
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex study = model.index(0, 0, model.index(0, 0));
    QCOMPARE(model.rowCount(study), 5);
    QStringList modalities;
    for (int r = 0; r < 5; ++r) {
      modalities << model.index(r, StudyTreeModel::kModality, study).data().toString();
    }
    modalities.sort();
    QCOMPARE(modalities, (QStringList{"CT", "PT", "PT", "RWV", "RWV"}));
  }
};

QTEST_MAIN(WorkstationGuiTest)
#include "WorkstationGuiTest.moc"
