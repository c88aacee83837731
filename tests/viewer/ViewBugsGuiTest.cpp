// Viewer bugs of issue #19, each driven as a reader meets it: the Window box following the
// active view, MPR reference lines on scroll, the keyboard after a double-click in the browser,
// the right-drag window sensitivity, slice numbers, the PET colour bar, and the patient and
// timepoint lines on every view, the planar NM view included. Synthetic DICOM only.

#include <QApplication>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QWheelEvent>
#include <cmath>
#include <filesystem>
#include <functional>

#include <dcmtk/dcmdata/dctk.h>

#include "tests/support/SyntheticDicom.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/view/ColorMap.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

using namespace nbra::viewer;
namespace fs = std::filesystem;

namespace {

constexpr const char* kStudyUid = "1.2.826.0.1.3680043.2.1125.1919.1";

// An axial CT of `slices` slices 2.5 mm apart at z = k * 2.5, 0.8 mm pixels, origin 0: the
// slice and row numbers of a plane follow from its position by the test's own arithmetic (odd
// counts, so the volume's centre is on a slice, row and column).
fs::path writeCt(const fs::path& folder, int slices = 11) {
  nbra::testing::SyntheticSeries ct;
  ct.studyUid = kStudyUid;
  ct.slices = slices;
  ct.rows = 41;
  ct.columns = 49;
  ct.seriesDescription = "CT body";
  ct.rescaleIntercept = -1024;
  nbra::testing::writeSeries(folder, ct);
  return folder;
}

// A PET of the same frame of reference (no SUV tags: values in Bq/ml).
fs::path writePet(const fs::path& folder) {
  nbra::testing::SyntheticSeries pet;
  pet.studyUid = kStudyUid;
  pet.modality = "PT";
  pet.seriesNumber = 2;
  pet.seriesDescription = "PET AC";
  pet.slices = 11;
  pet.rows = 41;
  pet.columns = 49;
  nbra::testing::writeSeries(folder, pet);
  return folder;
}

bool open(MainWindow& window, const fs::path& path) {
  QSignalSpy opened(&window, &MainWindow::seriesOpened);
  window.openFolder(QString::fromStdString(path.string()));
  if (opened.isEmpty() && !opened.wait(60000)) return false;
  return opened.takeFirst().at(0).toString().isEmpty();
}

QRgb lutColour(ColorMapKind kind, int index) {
  return lookupTable(kind)[static_cast<std::size_t>(index)] & 0xFFFFFFu;
}

}  // namespace

class ViewBugsGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<nbra::testing::TempFolder> tmp_;
  std::unique_ptr<MainWindow> window_;

 private slots:
  void init() {
    tmp_ = std::make_unique<nbra::testing::TempFolder>();
    window_ = std::make_unique<MainWindow>(
        QString::fromStdString((tmp_->path() / "index.sqlite").string()));
    window_->resize(1400, 900);
    window_->show();
  }
  void cleanup() {
    window_.reset();
    tmp_.reset();
  }

  // 1. The Window box shows the active view's window: a preset key's name, "custom" after a
  // right drag, and the other view's when another view becomes active.
  void windowBoxFollowsTheActiveViewsWindow() {
    const auto ct = writeCt(tmp_->path() / "ct");
    QVERIFY(open(*window_, ct));
    auto* box = window_->findChild<QComboBox*>("presetBox");
    QVERIFY(box);
    SliceView* view = window_->viewer()->activeView();
    QCOMPARE(box->currentText(), QString("soft tissue"));
    QTest::keyClick(view, Qt::Key_2);
    QCOMPARE(view->window(), 1500.0);
    QCOMPARE(view->windowName(), QString("lung"));
    QCOMPARE(box->currentText(), QString("lung"));
    const QPoint centre = view->rect().center();
    QTest::mousePress(view, Qt::RightButton, {}, centre);
    QTest::mouseMove(view, centre + QPoint(40, 0));
    QTest::mouseRelease(view, Qt::RightButton, {}, centre + QPoint(40, 0));
    QCOMPARE(view->windowName(), QString("custom"));
    QCOMPARE(box->currentText(), QString("custom"));
    // Choosing a preset in the box still applies it.
    box->textActivated("bone");
    QCOMPARE(view->window(), 2000.0);
    QCOMPARE(box->currentText(), QString("bone"));

    // Two views: the box follows whichever is active.
    window_->viewer()->setViewLayout(ViewLayout::OneByTwo);
    auto views = window_->viewer()->visibleViews();
    QTest::mouseClick(views[1], Qt::LeftButton, {}, views[1]->rect().center());
    QCOMPARE(window_->viewer()->activeView(), views[1]);
    QVERIFY(open(*window_, ct));
    QCOMPARE(box->currentText(), QString("soft tissue"));
    QTest::mouseClick(views[0], Qt::LeftButton, {}, views[0]->rect().center());
    QCOMPARE(box->currentText(), QString("bone"));
    QTest::keyClick(views[0], Qt::Key_4);
    QCOMPARE(box->currentText(), QString("brain"));
    QTest::mouseClick(views[1], Qt::LeftButton, {}, views[1]->rect().center());
    QCOMPARE(box->currentText(), QString("soft tissue"));
    // A window change in a view that is not active leaves the box alone.
    views[0]->applyPreset("liver");
    QCOMPARE(box->currentText(), QString("soft tissue"));
  }

  // 2. MPR: scrolling the axial view (wheel, arrow keys) moves the crosshair with it, so the
  // reference lines on the coronal and sagittal views follow; their planes stay.
  void scrollingTheAxialViewMovesTheReferenceLines() {
    QVERIFY(open(*window_, writeCt(tmp_->path() / "ct")));
    window_->viewer()->setViewLayout(ViewLayout::Mpr);
    const auto views = window_->viewer()->visibleViews();
    SliceView* axial = views[0];
    SliceView* coronal = views[1];
    SliceView* sagittal = views[2];
    QVERIFY(coronal->crosshair() && sagittal->crosshair());
    const double z0 = (*coronal->crosshair())[2];
    const Vec3 coronalCentre = coronal->plane().centreMm;
    const QImage coronalBefore = coronal->grab().toImage();

    const QPointF at = axial->rect().center();
    QWheelEvent wheel(at, axial->mapToGlobal(at), QPoint(), QPoint(0, -240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(axial, &wheel);  // two notches: two slices along the normal
    const double z1 = axial->plane().centreMm[2];
    QVERIFY2(std::abs(std::abs(z1 - z0) - 5.0) < 1e-6, qPrintable(QString::number(z1 - z0)));
    for (SliceView* other : {coronal, sagittal}) {
      QVERIFY(other->crosshair());
      QVERIFY2(std::abs((*other->crosshair())[2] - z1) < 1e-6,
               qPrintable(QString("crosshair at z %1, axial plane at %2")
                              .arg((*other->crosshair())[2])
                              .arg(z1)));
    }
    QVERIFY(coronal->plane().centreMm == coronalCentre);  // the coronal plane did not move
    QVERIFY(coronal->grab().toImage() != coronalBefore);  // its reference line did

    axial->setFocus();
    QTest::keyClick(axial, Qt::Key_Up);
    const double z2 = axial->plane().centreMm[2];
    QVERIFY(std::abs(std::abs(z2 - z1) - 2.5) < 1e-6);
    QVERIFY(std::abs((*coronal->crosshair())[2] - z2) < 1e-6);
    QVERIFY(std::abs((*sagittal->crosshair())[2] - z2) < 1e-6);
  }

  // 3. A series double-clicked in the study browser takes the keyboard once it is open: arrow
  // keys then scroll its slices, not the tree.
  void doubleClickedSeriesTakesTheKeyboard() {
    writeCt(tmp_->path() / "data" / "ct");
    QSignalSpy imported(window_.get(), &MainWindow::importFinished);
    QVERIFY(window_->importPaths({QString::fromStdString((tmp_->path() / "data").string())}));
    QVERIFY(imported.wait(120000));
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QTreeView* tree = window_->studyTree();
    tree->expandAll();
    // The series row: the one that carries a series id.
    QModelIndex series;
    const auto* model = tree->model();
    std::function<void(const QModelIndex&)> find = [&](const QModelIndex& parent) {
      for (int r = 0; r < model->rowCount(parent) && !series.isValid(); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(StudyTreeModel::kSeriesIdRole).isValid()) {
          series = i;
        } else {
          find(i);
        }
      }
    };
    find({});
    QVERIFY(series.isValid());
    tree->scrollTo(series);
    tree->setFocus();
    QCOMPARE(window_->focusWidget(), tree);
    QSignalSpy opened(window_.get(), &MainWindow::seriesOpened);
    // A double click as the platform delivers it: press and release, then the double click
    // (QTreeView only takes a double click on the row the press was on).
    const QPoint row = tree->visualRect(series).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, row);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, row);
    QVERIFY(!opened.isEmpty() || opened.wait(60000));
    QVERIFY(opened.takeFirst().at(0).toString().isEmpty());
    SliceView* view = window_->viewer()->activeView();
    QVERIFY(view->series());
    QCOMPARE(window_->focusWidget(), view);
    // The keys now reach the view: Up scrolls one slice.
    const auto before = view->sliceNumber();
    QTest::keyClick(window_->focusWidget(), Qt::Key_Up);
    QCOMPARE(view->sliceNumber().first, before.first + 1);
  }

  // 4. Right drag: 2 HU per pixel on CT (docs/reading.md): 200 px take W from 400 to 800, not
  // to 2956 as the old exponential rule did; 100 px up raise L by 200 HU.
  void rightDragChangesTheWindowByABoundedAmount() {
    QVERIFY(open(*window_, writeCt(tmp_->path() / "ct")));
    SliceView* view = window_->viewer()->activeView();
    QCOMPARE(view->window(), 400.0);
    QCOMPARE(view->windowUnitsPerPixel(), 2.0);
    const QPoint start(100, 150);
    QTest::mousePress(view, Qt::RightButton, {}, start);
    for (int step = 1; step <= 4; ++step) QTest::mouseMove(view, start + QPoint(50 * step, 0));
    QTest::mouseRelease(view, Qt::RightButton, {}, start + QPoint(200, 0));
    QVERIFY2(std::abs(view->window() - 800) < 1e-9, qPrintable(QString::number(view->window())));
    // Within the common PACS band of 1..4 HU per pixel whatever the exact rate.
    QVERIFY(view->window() - 400 >= 200 && view->window() - 400 <= 800);
    QCOMPARE(view->level(), 40.0);
    QTest::mousePress(view, Qt::RightButton, {}, start);
    QTest::mouseMove(view, start - QPoint(0, 50));
    QTest::mouseMove(view, start - QPoint(0, 100));
    QTest::mouseRelease(view, Qt::RightButton, {}, start - QPoint(0, 100));
    QVERIFY(std::abs(view->level() - 240) < 1e-9);
    // Dragging far left never makes the window zero or negative.
    QTest::mousePress(view, Qt::RightButton, {}, QPoint(600, 150));
    QTest::mouseMove(view, QPoint(0, 150));
    QTest::mouseRelease(view, Qt::RightButton, {}, QPoint(0, 150));
    QVERIFY(view->window() >= 2.0);
  }

  // 5. "slice i / n" on every slice view: axial, and the MPR planes (n = rows on coronal,
  // columns on sagittal); no slice number on the MIP.
  void everySliceViewShowsItsSliceNumber() {
    QVERIFY(open(*window_, writeCt(tmp_->path() / "ct")));
    SliceView* axial = window_->viewer()->activeView();
    auto expectedSlice = [](double mm, double spacing) {
      return static_cast<int>(std::lround(mm / spacing)) + 1;
    };
    QVERIFY(axial->sliceNumber() == std::make_pair(6, 11));
    QVERIFY2(axial->overlayTexts().bottomLeft.contains("slice 6 / 11"),
             qPrintable(axial->overlayTexts().bottomLeft));
    axial->scrollSlices(3);
    const int nowSlice = expectedSlice(axial->plane().centreMm[2], 2.5);
    QCOMPARE(nowSlice, 9);
    QVERIFY(axial->overlayTexts().bottomLeft.contains("slice 9 / 11"));
    axial->scrollSlices(-20);
    QVERIFY(axial->overlayTexts().bottomLeft.contains("slice 1 / 11"));

    window_->viewer()->setViewLayout(ViewLayout::Mpr);
    const auto views = window_->viewer()->visibleViews();
    views[1]->scrollSlices(4);
    const int row = expectedSlice(views[1]->plane().centreMm[1], 0.8);
    QVERIFY2(views[1]->overlayTexts().bottomLeft.contains(QString("slice %1 / 41").arg(row)),
             qPrintable(views[1]->overlayTexts().bottomLeft));
    const int column = expectedSlice(views[2]->plane().centreMm[0], 0.8);
    QVERIFY2(views[2]->overlayTexts().bottomLeft.contains(QString("slice %1 / 49").arg(column)),
             qPrintable(views[2]->overlayTexts().bottomLeft));
    QVERIFY(!views[3]->overlayTexts().bottomLeft.contains("slice"));
  }

  // 6. A PET shows a colour bar: fused, the fusion colour map over the PET window; alone, its
  // own map over its window; labels in the PET's unit; painted with the map's own colours.
  void petShowsAColourBarMatchingItsWindow() {
    const auto ct = writeCt(tmp_->path() / "ct");
    const auto pet = writePet(tmp_->path() / "pet");
    QVERIFY(open(*window_, ct));
    SliceView* view = window_->viewer()->activeView();
    QVERIFY(!view->colorBar());  // CT alone: no colour bar
    QVERIFY(open(*window_, pet));
    QVERIFY(view->fusion());
    auto bar = view->colorBar();
    QVERIFY(bar);
    QCOMPARE(bar->map, ColorMapKind::HotIron);
    QCOMPARE(bar->low, view->fusionLow());
    QCOMPARE(bar->high, view->fusionHigh());
    QCOMPARE(bar->unit, QString("Bq/ml"));
    QCOMPARE(bar->highLabel, QString("%1 Bq/ml").arg(view->fusionHigh(), 0, 'g', 4));
    QCOMPARE(bar->lowLabel, QString("0 Bq/ml"));
    QImage painted = view->grab().toImage();
    const int x = bar->rect.center().x();
    QCOMPARE(painted.pixel(x, bar->rect.top()) & 0xFFFFFFu, lutColour(ColorMapKind::HotIron, 255));
    QCOMPARE(painted.pixel(x, bar->rect.bottom()) & 0xFFFFFFu, lutColour(ColorMapKind::HotIron, 0));
    // Another map and window: the bar follows.
    view->setColorMap(ColorMapKind::Grey, ColorMapKind::Rainbow);
    view->setFusionWindow(0, 1000);
    bar = view->colorBar();
    QCOMPARE(bar->map, ColorMapKind::Rainbow);
    QCOMPARE(bar->highLabel, QString("1000 Bq/ml"));
    painted = view->grab().toImage();
    QCOMPARE(painted.pixel(x, bar->rect.top()) & 0xFFFFFFu, lutColour(ColorMapKind::Rainbow, 255));
    // O hides it with the rest.
    QTest::keyClick(view, Qt::Key_O);
    QVERIFY(!view->colorBar());
    QVERIFY((view->grab().toImage().pixel(x, bar->rect.top()) & 0xFFFFFFu) !=
            lutColour(ColorMapKind::Rainbow, 255));

    // The PET alone in a second view: its own map (inverted grey) over its own window.
    window_->viewer()->setViewLayout(ViewLayout::OneByTwo);
    SliceView* second = window_->viewer()->visibleViews()[1];
    window_->viewer()->setActiveView(second);
    QVERIFY(open(*window_, pet));
    QVERIFY(second->series()->isPet() && !second->fusion());
    bar = second->colorBar();
    QVERIFY(bar);
    QCOMPARE(bar->map, ColorMapKind::InvertedGrey);
    QCOMPARE(bar->low, second->level() - second->window() / 2);
    QCOMPARE(bar->high, second->level() + second->window() / 2);
    QCOMPARE(bar->highLabel, QString("%1 Bq/ml").arg(bar->high, 0, 'g', 4));
    painted = second->grab().toImage();
    const int x2 = bar->rect.center().x();
    QCOMPARE(painted.pixel(x2, bar->rect.top()) & 0xFFFFFFu,
             lutColour(ColorMapKind::InvertedGrey, 255));
    QCOMPARE(painted.pixel(x2, bar->rect.bottom()) & 0xFFFFFFu,
             lutColour(ColorMapKind::InvertedGrey, 0));
  }

  // 7. Patient name, ID and study date on every view, the planar NM view included, and the
  // read's timepoint when the window sets it; O hides them.
  void everyViewShowsPatientStudyAndTimepoint() {
    QVERIFY(open(*window_, writeCt(tmp_->path() / "ct")));
    window_->viewer()->setViewLayout(ViewLayout::Mpr);
    window_->viewer()->setTimepointCaption("Timepoint: baseline");
    for (SliceView* v : window_->viewer()->visibleViews()) {
      const QString text = v->overlayTexts().topLeft;
      QVERIFY2(text.contains("TEST, PATIENT") && text.contains("ID NBRA-TEST-001") &&
                   text.contains("2026-01-15") && text.contains("Timepoint: baseline"),
               qPrintable(text));
    }

    // Planar NM (a study date added to the synthetic file).
    const fs::path written = tmp_->path() / "nm-written" / "wb.dcm";
    const fs::path nm = tmp_->path() / "nm" / "wb.dcm";
    nbra::testing::SyntheticNmPlanar spec;
    spec.rows = 128;
    spec.columns = 32;
    nbra::testing::writeNmPlanar(written, spec);
    fs::create_directories(nm.parent_path());
    DcmFileFormat file;
    QVERIFY(file.loadFile(written.c_str()).good());
    QVERIFY(file.loadAllDataIntoMemory().good());
    file.getDataset()->putAndInsertString(DCM_StudyDate, "20260301");
    QVERIFY(file.saveFile(nm.c_str(), EXS_LittleEndianExplicit).good());
    QVERIFY(open(*window_, nm));
    PlanarView* planar = window_->viewer()->planarView();
    QVERIFY(window_->viewer()->showingPlanar());
    QString text = planar->overlayText();
    QVERIFY2(text.contains("NM, TEST") && text.contains("ID NBRA-NM-1") &&
                 text.contains("2026-03-01") && text.contains("Timepoint: baseline"),
             qPrintable(text));
    planar->setTimepointCaption("Timepoint: after 2 cycles");
    QVERIFY(planar->overlayText().contains("Timepoint: after 2 cycles"));
    // Drawn: the top-left corner changes when O hides it, and comes back.
    const QRect corner(0, 0, 140, 50);
    const QImage shown = planar->grab(corner).toImage();
    QTest::keyClick(planar, Qt::Key_O);
    QVERIFY(!planar->overlaysVisible());
    QVERIFY(planar->overlayText().isEmpty());
    QVERIFY(planar->grab(corner).toImage() != shown);
    QTest::keyClick(planar, Qt::Key_O);
    QCOMPARE(planar->grab(corner).toImage(), shown);
  }
};

QTEST_MAIN(ViewBugsGuiTest)
#include "ViewBugsGuiTest.moc"
