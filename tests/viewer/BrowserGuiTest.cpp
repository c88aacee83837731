// The study browser (issue #19): the filter box, what the rows and tooltips say, timepoint
// labels, thumbnails, Remove from index, the browser's width beside the lesion dock and the
// layout remembered between runs. Driven through the main window, offscreen on a 1366 x 768
// screen, with the settings in a temporary folder.

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <filesystem>
#include <fstream>

#include "tests/support/SyntheticDicom.h"
#include "tests/viewer/OffscreenScreen.h"
#include "viewer/app/browser/SeriesThumbnails.h"
#include "viewer/app/browser/StudyBrowser.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/preview/PreviewPane.h"
#include "viewer/app/window/MainWindow.h"

using nbra::viewer::MainWindow;
using nbra::viewer::StudyBrowser;
using nbra::viewer::StudyTreeModel;
namespace fs = std::filesystem;

class BrowserGuiTest : public QObject {
  Q_OBJECT

 private:
  nbra::testing::TempFolder settings_;
  nbra::testing::TempFolder data_;
  std::unique_ptr<nbra::testing::TempFolder> db_;

  QString indexPath() const { return QString::fromStdString((db_->path() / "index.sqlite").string()); }

  // Two patients: Zeta (a CT on 2026-01-15 and a PET/CT study on 2026-04-02), Alpha (MIBG).
  void writeData() {
    nbra::testing::SyntheticSeries ct;
    ct.patientId = "NB-001";
    ct.patientName = "ZETA^ZOE";
    ct.seriesDescription = "CT chest abdomen";
    ct.studyUid = "1.2.826.0.1.3680043.9.9999.101";
    ct.slices = 5;
    nbra::testing::writeSeries(data_.path() / "ct", ct);
    nbra::testing::SyntheticSeries pet = ct;
    pet.studyUid = "1.2.826.0.1.3680043.9.9999.102";
    pet.studyDate = "20260402";
    pet.modality = "PT";
    pet.seriesDescription = "FDG PET";
    pet.slices = 3;
    nbra::testing::writeSeries(data_.path() / "pet", pet);
    nbra::testing::SyntheticSeries nm;
    nm.patientId = "NB-002";
    nm.patientName = "ALPHA^AL";
    nm.modality = "NM";
    nm.seriesDescription = "MIBG whole body";
    nm.studyUid = "1.2.826.0.1.3680043.9.9999.103";
    nm.slices = 2;
    nbra::testing::writeSeries(data_.path() / "nm", nm);
  }

  static void importAndWait(MainWindow& window, const fs::path& path) {
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({QString::fromStdString(path.string())}));
    QVERIFY(finished.wait(120000));
  }

  // The rows shown, as "patient / study / series" name paths.
  static QStringList shownRows(const MainWindow& window) {
    QStringList rows;
    const StudyTreeModel& model = *window.studyModel();
    const StudyBrowser& browser = *window.studyBrowser();
    std::function<void(const QModelIndex&, const QString&)> walk = [&](const QModelIndex& parent,
                                                                        const QString& path) {
      for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        const QString name = path.isEmpty() ? i.data().toString() : path + " / " + i.data().toString();
        if (browser.isRowShown(i)) rows << name;
        walk(i, name);
      }
    };
    walk({}, {});
    return rows;
  }

  static QModelIndex findRow(const StudyTreeModel& model, const QString& text,
                             const QModelIndex& parent = {}) {
    for (int r = 0; r < model.rowCount(parent); ++r) {
      const QModelIndex i = model.index(r, 0, parent);
      if (i.data().toString().contains(text)) return i;
      if (const QModelIndex below = findRow(model, text, i); below.isValid()) return below;
    }
    return {};
  }

  // Answers the next modal message box with `button`, after checking its words.
  static void answerNextBox(QMessageBox::StandardButton button, QString* seen) {
    QTimer::singleShot(0, [button, seen] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) {
        answerNextBox(button, seen);  // not up yet: look again
        return;
      }
      *seen = box->text() + '\n' + box->informativeText();
      box->button(button)->click();
    });
  }

 private slots:
  void initTestCase() {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       QString::fromStdString(settings_.path().string()));
    writeData();
  }

  void init() {
    db_ = std::make_unique<nbra::testing::TempFolder>();
    // Every test starts from the default layout.
    QSettings(QSettings::IniFormat, QSettings::UserScope, "nbra", "workstation").clear();
  }

  void filterFindsNamesIdsModalitiesDatesAndKeepsParents() {
    MainWindow window(indexPath());
    window.show();
    importAndWait(window, data_.path());
    StudyBrowser& browser = *window.studyBrowser();
    QCOMPARE(shownRows(window).size(), 2 + 3 + 3);

    browser.filterBox()->setText("zoe");  // as typed: textChanged filters
    QStringList rows = shownRows(window);
    QVERIFY2(rows.size() == 1 + 2 + 2, qPrintable(rows.join('\n')));
    QVERIFY(rows.first().startsWith("ZETA, ZOE"));

    browser.setFilterText("NB-002");
    rows = shownRows(window);
    QVERIFY2(rows.size() == 3 && rows.last().endsWith("#1  MIBG whole body"),
             qPrintable(rows.join('\n')));

    // A series' words: its parents stay, its siblings go, its patient's other study goes.
    browser.setFilterText("fdg pet");
    rows = shownRows(window);
    QVERIFY2(rows.size() == 3, qPrintable(rows.join('\n')));
    QVERIFY(rows[0].startsWith("ZETA, ZOE"));
    QVERIFY(rows[2].endsWith("#1  FDG PET"));

    browser.setFilterText("nm");  // modality, case-insensitive
    rows = shownRows(window);
    QVERIFY2(rows.size() == 3 && rows[0].startsWith("ALPHA"), qPrintable(rows.join('\n')));

    browser.setFilterText("2026-04-02");  // date as shown
    QCOMPARE(shownRows(window).size(), 3);
    browser.setFilterText("20260402");  // date as DICOM writes it
    QCOMPARE(shownRows(window).size(), 3);
    browser.setFilterText("synthetic study");  // study description: every study matches
    QCOMPARE(shownRows(window).size(), 8);
    browser.setFilterText("nothing like this");
    QVERIFY(shownRows(window).isEmpty());

    // A timepoint label set while filtering is found, and survives a refresh of the index.
    window.setBrowserStudyLabels({{"1.2.826.0.1.3680043.9.9999.102", "NBRA-001 · week 12"}});
    browser.setFilterText("WEEK 12");
    rows = shownRows(window);
    QVERIFY2(rows.size() == 3, qPrintable(rows.join('\n')));
    QVERIFY(rows[1].endsWith("NBRA synthetic study  —  NBRA-001 · week 12"));
    window.refreshBrowser();
    QCOMPARE(shownRows(window).size(), 3);

    // What selects and opens through the model's indexes still works on a filtered tree.
    const QModelIndex series = findRow(*window.studyModel(), "FDG PET");
    QVERIFY(series.isValid());
    window.studyTree()->setCurrentIndex(series);
    QVERIFY(!window.previewPane()->image().isNull());
    QVERIFY(window.previewPane()->caption().startsWith("image 2 of 3"));

    browser.setFilterText({});
    QCOMPARE(shownRows(window).size(), 8);
  }

  void rowsAndTooltipsSayWhatAReaderNeeds() {
    MainWindow window(indexPath());
    importAndWait(window, data_.path());
    const StudyTreeModel& model = *window.studyModel();
    const QModelIndex zoe = findRow(model, "ZETA, ZOE");
    // The patient row has no date: the birth date is not a study date.
    QVERIFY(zoe.siblingAtColumn(StudyTreeModel::kDate).data().toString().isEmpty());
    QVERIFY2(zoe.data(Qt::ToolTipRole).toString().contains("Birth date: 2015-03-01"),
             qPrintable(zoe.data(Qt::ToolTipRole).toString()));
    const QModelIndex study = model.index(1, 0, zoe);
    QCOMPARE(study.siblingAtColumn(StudyTreeModel::kDate).data().toString(), QString("2026-04-02"));
    const QStringList tip = study.data(Qt::ToolTipRole).toString().split('\n');
    QVERIFY2(tip.size() >= 4, qPrintable(tip.join('\n')));
    QCOMPARE(tip.first(), QString("Study: NBRA synthetic study"));
    QVERIFY(tip.contains("Date: 2026-04-02"));
    QVERIFY(tip.contains("Series: 1"));
    QCOMPARE(tip.last(), QString("Study Instance UID: 1.2.826.0.1.3680043.9.9999.102"));
    for (int i = 0; i + 1 < tip.size(); ++i) QVERIFY(!tip[i].contains("1.2.826.0.1.3680043"));
    const QString seriesTip = model.index(0, 0, study).data(Qt::ToolTipRole).toString();
    QVERIFY2(seriesTip.startsWith("Series: #1  FDG PET"), qPrintable(seriesTip));
    QVERIFY(seriesTip.split('\n').last().startsWith("Series Instance UID: "));

    window.setBrowserStudyLabels({{"1.2.826.0.1.3680043.9.9999.101", "NBRA-001 · baseline"}});
    QCOMPARE(model.index(0, 0, zoe).data().toString(),
             QString("NBRA synthetic study  —  NBRA-001 · baseline"));
    window.setBrowserStudyLabels({});
    QCOMPARE(model.index(0, 0, zoe).data().toString(), QString("NBRA synthetic study"));
  }

  void seriesRowsGetThumbnailsOffTheGuiThreadAndBrokenFilesNone() {
    nbra::testing::TempFolder data;
    nbra::testing::SyntheticSeries ct;
    ct.seriesDescription = "CT for a thumbnail";
    ct.rows = 64;
    ct.columns = 64;
    nbra::testing::writeSeries(data.path() / "ct", ct);
    nbra::testing::SyntheticSeries broken;
    broken.modality = "NM";
    broken.seriesDescription = "broken after indexing";
    nbra::testing::writeSeries(data.path() / "broken", broken);
    MainWindow window(indexPath());
    window.show();
    importAndWait(window, data.path());
    // Every file of one series broken after it was indexed: that series gets no picture.
    for (const auto& entry : fs::directory_iterator(data.path() / "broken"))
      std::ofstream(entry.path(), std::ios::trunc) << "no longer DICOM";
    // The rows may have been painted, and the pictures made, while the files were still good: the
    // browser forgets its thumbnails when it is refreshed.
    window.refreshBrowser();
    const StudyTreeModel& model = *window.studyModel();
    const QModelIndex series = findRow(model, "CT for a thumbnail");
    const QModelIndex bad = findRow(model, "broken after indexing");
    QVERIFY(series.isValid() && bad.isValid());

    // Asking never waits for the file: an empty placeholder of the thumbnail's size first
    // (unless the row was painted already and the picture is in).
    constexpr int kPx = nbra::viewer::SeriesThumbnails::kSizePx;
    const QVariant first = series.data(Qt::DecorationRole);
    QVERIFY(first.canConvert<QPixmap>());
    QCOMPARE(first.value<QPixmap>().size(), QSize(kPx, kPx));
    QTRY_VERIFY_WITH_TIMEOUT(
        series.data(Qt::DecorationRole).value<QPixmap>().toImage().pixelColor(kPx / 2, kPx / 2).alpha() == 255,
        20000);
    // The synthetic gradient: a picture, not a blank square.
    const QImage picture = series.data(Qt::DecorationRole).value<QPixmap>().toImage();
    QVERIFY(picture.pixelColor(2, 2) != picture.pixelColor(kPx - 3, kPx - 3));

    bad.data(Qt::DecorationRole);
    QTRY_VERIFY_WITH_TIMEOUT(!bad.data(Qt::DecorationRole).isValid(), 20000);
    // Patients and studies have none.
    QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(0, 0, model.index(0, 0)).data(Qt::DecorationRole).isValid());
  }

  void removeFromIndexAsksThenForgetsRowsButKeepsFiles() {
    MainWindow window(indexPath());
    window.show();
    importAndWait(window, data_.path());
    StudyBrowser& browser = *window.studyBrowser();
    const QModelIndex pet = findRow(*window.studyModel(), "FDG PET");
    std::unique_ptr<QMenu> menu(browser.contextMenuFor(pet));
    QVERIFY(menu != nullptr);
    QAction* remove = menu->findChild<QAction*>("removeFromIndex");
    QVERIFY(remove != nullptr);
    QCOMPARE(remove->text(), QString("Remove from index…"));

    QString asked;
    answerNextBox(QMessageBox::Cancel, &asked);
    remove->trigger();
    QVERIFY(asked.contains("the files on disk are kept"));
    QVERIFY(findRow(*window.studyModel(), "FDG PET").isValid());

    answerNextBox(QMessageBox::Yes, &asked);
    remove->trigger();
    QVERIFY2(asked.contains("series #1  FDG PET"), qPrintable(asked));
    QVERIFY(!findRow(*window.studyModel(), "FDG PET").isValid());
    QCOMPARE(window.studyModel()->rowCount(findRow(*window.studyModel(), "ZETA, ZOE")), 1);
    QVERIFY(fs::exists(data_.path() / "pet" / "IM000001"));

    // A patient goes with all its studies.
    const QModelIndex alpha = findRow(*window.studyModel(), "ALPHA, AL");
    menu.reset(browser.contextMenuFor(alpha));
    answerNextBox(QMessageBox::Yes, &asked);
    menu->findChild<QAction*>("removeFromIndex")->trigger();
    QVERIFY(asked.contains("patient"));
    QCOMPARE(window.studyModel()->rowCount(), 1);
    QVERIFY(fs::exists(data_.path() / "nm" / "IM000001"));

    // The files were kept: importing again brings everything back.
    importAndWait(window, data_.path());
    QCOMPARE(window.studyModel()->rowCount(), 2);
    QVERIFY(findRow(*window.studyModel(), "FDG PET").isValid());
  }

  void browserKeepsItsWidthWhenTheLesionDockOpens() {
    MainWindow window(indexPath());
    window.resize(1366 - 40, 768 - 60);
    window.show();
    importAndWait(window, data_.path());
    auto* dock = window.findChild<QDockWidget*>("lesionDock");
    QVERIFY(dock != nullptr);
    dock->show();
    QApplication::processEvents();
    auto* mainSplitter = window.findChild<QSplitter*>("mainSplitter");
    QVERIFY(mainSplitter != nullptr);
    QVERIFY(!mainSplitter->childrenCollapsible());
    QVERIFY2(window.studyBrowser()->width() >= MainWindow::kBrowserMinWidthPx,
             qPrintable(QString::number(window.studyBrowser()->width())));
    // A patient's name is not cut to "SY…": the name column is as wide as the name needs.
    const QModelIndex zoe = findRow(*window.studyModel(), "ZETA, ZOE");
    const int needed = window.studyTree()->fontMetrics().horizontalAdvance(zoe.data().toString()) +
                       window.studyTree()->indentation();
    QVERIFY2(window.studyTree()->columnWidth(StudyTreeModel::kName) >= needed,
             qPrintable(QString("%1 < %2")
                            .arg(window.studyTree()->columnWidth(StudyTreeModel::kName))
                            .arg(needed)));
    // Dragging the splitter cannot hide the browser either.
    mainSplitter->setSizes({0, 5000});
    QVERIFY(window.studyBrowser()->width() >= MainWindow::kBrowserMinWidthPx);
  }

  void layoutIsRememberedBetweenRuns() {
    QList<int> split;
    QList<int> leftSplit;
    {
      MainWindow window(indexPath());
      window.show();
      window.resize(1100, 650);
      auto* mainSplitter = window.findChild<QSplitter*>("mainSplitter");
      auto* browserSplitter = window.findChild<QSplitter*>("browserSplitter");
      mainSplitter->setSizes({380, 700});
      browserSplitter->setSizes({300, 250});
      window.studyTree()->setColumnWidth(StudyTreeModel::kName, 333);
      QApplication::processEvents();
      split = mainSplitter->sizes();
      leftSplit = browserSplitter->sizes();
      QVERIFY(window.close());
    }
    MainWindow again(indexPath());
    again.show();
    QApplication::processEvents();
    QCOMPARE(again.size(), QSize(1100, 650));
    QCOMPARE(again.findChild<QSplitter*>("mainSplitter")->sizes(), split);
    QCOMPARE(again.findChild<QSplitter*>("browserSplitter")->sizes(), leftSplit);
    QCOMPARE(again.studyTree()->columnWidth(StudyTreeModel::kName), 333);
  }
};

int main(int argc, char** argv) {
  nbra::testing::useOffscreenScreen(1366, 768);
  QApplication app(argc, argv);
  BrowserGuiTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "BrowserGuiTest.moc"
