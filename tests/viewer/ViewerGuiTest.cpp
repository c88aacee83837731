// The viewer driven as a reader would: open the shared PET/CT, fuse, read HU and SUV, scroll,
// window, switch layouts, check pixels; open planar NM views.

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <optional>

#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SharedData.h"
#include "tests/support/SliceViewPoints.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

using nbra::testing::widgetPosition;

using namespace nbra::viewer;

class ViewerGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<nbra::testing::TempFolder> db_;
  std::unique_ptr<MainWindow> window_;

  static bool open(MainWindow& window, const QString& folder) {
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openFolder(folder);
    if (opened.isEmpty() && !opened.wait(60000))
      return false;
    return opened.takeFirst().at(0).toString().isEmpty();
  }

  static int grey(const QImage& image, const QPoint& p) { return qGray(image.pixel(p)); }

 private slots:
  void init() {
    db_ = std::make_unique<nbra::testing::TempFolder>();
    window_ =
        std::make_unique<MainWindow>(QString::fromStdString((db_->path() / "i.sqlite").string()));
    window_->resize(1400, 900);
    window_->show();
  }
  void cleanup() {
    window_.reset();
    db_.reset();
  }

  void petCtFusionReadsHuAndSuvAtTheHottestVoxel() {
    const auto dir = nbra::testing::sharedDataDir();
    if (!dir)
      QSKIP("shared data-samples not found: PET/CT viewer test skipped");
    const auto study = *dir / "tcia-acrin-nsclc-fdg-pet-042";
    QVERIFY(open(*window_, QString::fromStdString((study / "CT_CT-IMAGES_jpegls").string())));
    QVERIFY(open(*window_, QString::fromStdString((study / "PT_PET-AC_uncompressed").string())));
    SliceView& view = *window_->viewer()->activeView();
    QVERIFY(view.series() && view.series()->modality() == "CT");
    QVERIFY(view.fusion() && view.fusion()->hasSuv());

    // The hottest PET voxel, found independently of the viewer.
    const auto& pet = view.fusion()->volume();
    const auto hottest = std::max_element(pet.float32Voxels.begin(), pet.float32Voxels.end());
    const auto index = static_cast<std::size_t>(hottest - pet.float32Voxels.begin());
    const std::size_t nx = pet.dimensions[0], ny = pet.dimensions[1];
    const Vec3 hot =
        pet.toPatientMm(static_cast<double>(index % nx), static_cast<double>((index / nx) % ny),
                        static_cast<double>(index / (nx * ny)));
    view.setCrosshair(hot);
    const Readout r = view.readoutAt(widgetPosition(view, hot));
    QVERIFY(r.fusionValue.has_value());
    QVERIFY(r.baseValue.has_value());
    // Data README: hottest voxel about SUVbw 51. Sub-pixel placement on a 4.7 mm PET voxel
    // lowers the interpolated value a little, never raises it above the maximum.
    QVERIFY2(*r.fusionValue > 40 && *r.fusionValue < 52.5,
             qPrintable(QString::number(*r.fusionValue)));
    // The hot spot sits in soft tissue on CT.
    QVERIFY2(*r.baseValue > -200 && *r.baseValue < 300, qPrintable(QString::number(*r.baseValue)));
  }

  void scrollWindowLayoutsAndPixels() {
    const auto dir = nbra::testing::sharedDataDir();
    if (!dir)
      QSKIP("shared data-samples not found: viewer test skipped");
    const auto study = *dir / "tcia-acrin-nsclc-fdg-pet-042";
    QVERIFY(open(*window_, QString::fromStdString((study / "CT_CT-IMAGES_jpegls").string())));
    SliceView& view = *window_->viewer()->activeView();
    // Scrolling: 5 slices = 5 x 3.27 mm along the normal.
    const double before = view.slicePositionMm();
    view.scrollSlices(5);
    QVERIFY(std::abs(view.slicePositionMm() - before - 5 * 3.27) < 0.05);
    view.scrollSlices(-5);
    QTest::keyClick(&view, Qt::Key_Up);
    QVERIFY(std::abs(view.slicePositionMm() - before - 3.27) < 0.05);
    QTest::keyClick(&view, Qt::Key_Down);

    // Pixels: outside the scanned field is black; a homogeneous soft-tissue voxel near the
    // centre of the slice shows the grey the soft-tissue window (W 400, L 40) gives its HU.
    QImage image = view.renderedImage();
    QCOMPARE(grey(image, QPoint(2, 2)), 0);
    const auto& ct = view.series()->volume();
    const std::size_t z = ct.dimensions[2] / 2;
    std::optional<std::pair<std::size_t, std::size_t>> found;
    for (std::size_t radius = 0; radius < 150 && !found; ++radius) {
      for (std::size_t y = 256 - radius; y <= 256 + radius && !found; ++y) {
        for (std::size_t x = 256 - radius; x <= 256 + radius && !found; ++x) {
          double low = 1e9, high = -1e9;
          for (std::size_t dy = y - 2; dy <= y + 2; ++dy) {
            for (std::size_t dx = x - 2; dx <= x + 2; ++dx) {
              low = std::min(low, ct.value(dx, dy, z));
              high = std::max(high, ct.value(dx, dy, z));
            }
          }
          if (low > 10 && high < 70)
            found = std::make_pair(x, y);
        }
      }
    }
    QVERIFY(found.has_value());
    const double hu = ct.value(found->first, found->second, z);
    const QPoint tissue = widgetPosition(
        view, ct.toPatientMm(static_cast<double>(found->first), static_cast<double>(found->second),
                             static_cast<double>(z)));
    const int expectedGrey = static_cast<int>(std::lround((hu - (40 - 200)) / 400 * 255));
    const int softTissue = grey(image, tissue);
    QVERIFY2(
        std::abs(softTissue - expectedGrey) <= 12,
        qPrintable(
            QString("grey %1, expected %2 for %3 HU").arg(softTissue).arg(expectedGrey).arg(hu)));
    QVERIFY(view.applyPreset("lung"));
    QCOMPARE(view.window(), 1500.0);
    image = view.renderedImage();
    QVERIFY(grey(image, tissue) > softTissue);
    view.setWindowLevel(400, 40);

    // Layouts.
    window_->viewer()->setViewLayout(ViewLayout::Mpr);
    const auto views = window_->viewer()->visibleViews();
    QCOMPARE(views.size(), 4);
    QCOMPARE(views[0]->orientation(), Orientation::Axial);
    QCOMPARE(views[1]->orientation(), Orientation::Coronal);
    QCOMPARE(views[2]->orientation(), Orientation::Sagittal);
    QVERIFY(views[3]->isProjection());
    QVERIFY(!views[3]->renderedImage().isNull());
    // A click on the axial view moves the crosshair; the coronal plane follows it.
    const QPoint click(views[0]->width() / 2 + 30, views[0]->height() / 2);
    QTest::mouseClick(views[0], Qt::LeftButton, Qt::NoModifier, click);
    const Readout at = views[0]->readoutAt(click);
    QVERIFY(std::abs(views[1]->plane().distanceMm(at.patientMm)) < 0.5);
    QVERIFY(std::abs(views[2]->plane().distanceMm(at.patientMm)) < 0.5);
    window_->viewer()->setViewLayout(ViewLayout::Single);
    QCOMPARE(window_->viewer()->visibleViews().size(), 1);
    window_->viewer()->setViewLayout(ViewLayout::TwoByTwo);
    QCOMPARE(window_->viewer()->visibleViews().size(), 4);
  }

  void mipClickJumpsToTheHottestVoxelAndComparisonScrollsTogether() {
    const auto dir = nbra::testing::sharedDataDir();
    if (!dir)
      QSKIP("shared data-samples not found: MIP test skipped");
    const auto study = *dir / "tcia-acrin-nsclc-fdg-pet-042";
    window_->viewer()->setViewLayout(ViewLayout::Mpr);
    QVERIFY(open(*window_, QString::fromStdString((study / "CT_CT-IMAGES_jpegls").string())));
    QVERIFY(open(*window_, QString::fromStdString((study / "PT_PET-AC_uncompressed").string())));
    const auto views = window_->viewer()->visibleViews();
    SliceView& mip = *views[3];
    QVERIFY(mip.isProjection() && mip.series()->isPet());
    // The hottest PET voxel, found independently; a click where it projects on the MIP moves
    // every MPR plane through it.
    const auto& pet = mip.series()->volume();
    const auto hottest = std::max_element(pet.float32Voxels.begin(), pet.float32Voxels.end());
    const auto i = static_cast<std::size_t>(hottest - pet.float32Voxels.begin());
    const std::size_t nx = pet.dimensions[0], ny = pet.dimensions[1];
    const Vec3 hot =
        pet.toPatientMm(static_cast<double>(i % nx), static_cast<double>((i / nx) % ny),
                        static_cast<double>(i / (nx * ny)));
    QTest::mouseClick(&mip, Qt::LeftButton, Qt::NoModifier, widgetPosition(mip, hot));
    for (int v = 0; v < 3; ++v) {
      QVERIFY2(std::abs(views[v]->plane().distanceMm(hot)) < 6.0,
               qPrintable(
                   QString("view %1 is %2 mm off").arg(v).arg(views[v]->plane().distanceMm(hot))));
    }
    // Comparison: the same CT in two views; scrolling one scrolls the other to the same place.
    window_->viewer()->setViewLayout(ViewLayout::OneByTwo);
    window_->viewer()->setActiveView(window_->viewer()->visibleViews()[1]);
    QVERIFY(open(*window_, QString::fromStdString((study / "CT_CT-IMAGES_jpegls").string())));
    auto pair = window_->viewer()->visibleViews();
    pair[0]->scrollSlices(4);
    QVERIFY(std::abs(pair[1]->plane().distanceMm(pair[0]->plane().centreMm)) < 1e-6);
  }

  void planarViewsOpenAnteriorFirst() {
    nbra::testing::TempFolder tmp;
    nbra::testing::SyntheticNmPlanar spec;
    spec.detectors = {2, 1};  // posterior frame first in the file
    spec.rows = 128;
    spec.columns = 32;
    nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec);
    QVERIFY(open(*window_, QString::fromStdString((tmp.path() / "wb.dcm").string())));
    QVERIFY(window_->viewer()->showingPlanar());
    PlanarView* planar = window_->viewer()->planarView();
    QCOMPARE(planar->panelCount(), 2);
    const QImage unmirrored = planar->renderedImage();
    planar->setMirrorPosterior(true);
    QVERIFY(planar->renderedImage() != unmirrored);
  }

  void brokenSeriesIsReportedNotCrashedOn() {
    nbra::testing::TempFolder tmp;
    nbra::testing::SyntheticSeries spec;
    spec.slices = 5;
    const auto files = nbra::testing::writeSeries(tmp.path(), spec);
    std::filesystem::resize_file(files[2], 300);
    // The broken slice is left out by name, and the gap it leaves is reported, never hidden.
    QSignalSpy opened(window_.get(), &MainWindow::seriesOpened);
    window_->openFolder(QString::fromStdString(tmp.path().string()));
    QVERIFY(!opened.isEmpty() || opened.wait(30000));
    opened.takeFirst();
    const QString status = window_->statusText();
    QVERIFY2(status.contains(QString::fromStdString(files[2].string())), qPrintable(status));
    QVERIFY2(status.contains("missing"), qPrintable(status));
  }
};

QTEST_MAIN(ViewerGuiTest)
#include "ViewerGuiTest.moc"
