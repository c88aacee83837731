// Measuring with the mouse, as a reader would, on a synthetic series of known pixel spacing:
// the caliper's length, the verdict switching at 10 mm, the bidirectional short axis, where the
// marks show, and the keys (tool modes, delete, undo, overlays).

#include <QTest>
#include <cmath>
#include <filesystem>

#include "tests/support/SliceViewPoints.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/SliceView.h"

using nbra::testing::widgetPosition;

using namespace nbra::viewer;

class MeasureGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<nbra::testing::TempFolder> folder_;
  std::unique_ptr<SliceView> view_;
  double fineZoom_ = 1;  // the zoom giving 0.05 mm per pixel

  // A point `dxMm` right of and `dyMm` below the centre of the displayed plane.
  Vec3 onPlane(double dxMm, double dyMm) const {
    const ViewPlane plane = view_->displayedPlane();
    Vec3 p = plane.centreMm;
    for (std::size_t i = 0; i < 3; ++i)
      p[i] += plane.right[i] * dxMm + plane.down[i] * dyMm;
    return p;
  }

  // Whether the picture near `at` holds a pixel of the colour family: green (measurable) or
  // red (too small). The marks are drawn antialiased over a dark outline on grey anatomy.
  bool hasTone(const QPoint& at, bool green) { return hasTone(*view_, at, green); }
  static bool hasTone(SliceView& view, const QPoint& at, bool green) {
    const QImage image = view.grab().toImage();
    for (int dy = -2; dy <= 2; ++dy) {
      for (int dx = -2; dx <= 2; ++dx) {
        const QColor c = image.pixelColor(at + QPoint(dx, dy));
        if (green && c.green() > c.red() + 40 && c.green() > c.blue() + 40)
          return true;
        if (!green && c.red() > c.green() + 40 && c.red() > c.blue() + 40)
          return true;
      }
    }
    return false;
  }

  const Measurement& only() const {
    Q_ASSERT(view_->measurements().all().size() == 1);
    return view_->measurements().all().front();
  }

 private slots:
  void init() {
    folder_ = std::make_unique<nbra::testing::TempFolder>();
    nbra::testing::SyntheticSeries spec;
    spec.rows = 128;
    spec.columns = 128;
    spec.pixelSpacingMm = 0.5;  // 64 mm across
    spec.slices = 5;
    spec.sliceSpacingMm = 2.5;  // z = 0 .. 10 mm
    std::vector<std::string> files;
    for (const auto& p : nbra::testing::writeSeries(folder_->path() / "ct", spec)) {
      files.push_back(p.string());
    }
    view_ = std::make_unique<SliceView>();
    view_->resize(601, 601);  // odd: the centre is a whole pixel, the grid below is exact
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->setSeries(LoadedSeries::load(files), Orientation::Axial);
    // 0.05 mm per pixel: 9.9 and 10.0 mm are whole numbers of pixels (198 and 200).
    fineZoom_ = view_->mmPerPixel() / 0.05;
    view_->setZoom(fineZoom_);
    QVERIFY(std::abs(view_->mmPerPixel() - 0.05) < 1e-9);
  }
  void cleanup() {
    view_.reset();
    folder_.reset();
  }

  void leftClickStillMovesTheCrosshairOutsideATool() {
    QTest::mouseClick(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(0, 0)));
    QVERIFY(view_->measurements().empty());
    QCOMPARE(view_->tool(), MeasureTool::Navigate);
  }

  void caliperLengthAndVerdictSwitchAtTenMillimetres() {
    QTest::keyClick(view_.get(), Qt::Key_M);
    QCOMPARE(view_->tool(), MeasureTool::Caliper);
    const Vec3 start = onPlane(-5, 2);
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, start));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(0, 2)));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(4.9, 2)));  // 9.9 mm
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    QVERIFY(std::abs(longAxisMm(only()) - 9.9) < 0.5);
    QCOMPARE(view_->measurementLabel(only().id), QString("9.9 mm — too small (< 10 mm)"));
    QVERIFY(hasTone(widgetPosition(*view_, onPlane(0, 2)), false));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(5.0, 2)));  // 10.0 mm
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(5.0, 2)));
    QVERIFY(std::abs(longAxisMm(only()) - 10.0) < 0.5);
    QCOMPARE(view_->measurementLabel(only().id), QString("10.0 mm — measurable"));
    QVERIFY(hasTone(widgetPosition(*view_, onPlane(0, 2)), true));
    // Drawn on an acquired slice: the source image is that slice's (the view opens at the
    // volume centre, z = 5 mm: slice 2 of 0, 2.5, 5, 7.5, 10 mm).
    QVERIFY(only().source.has_value());
    QCOMPARE(only().source->sopInstanceUid, view_->series()->volume().slices[2].sopInstanceUid);
    QVERIFY(!only().source->reformatted);
    QVERIFY(view_->sliceThickness().mm == 2.5);

    // Grabbing the end moves it: a longer lesion, still measurable, one more undo step.
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(5.0, 2)));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(10.0, 2)));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(10.0, 2)));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    QVERIFY(std::abs(longAxisMm(only()) - 15.0) < 0.5);
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(std::abs(longAxisMm(only()) - 10.0) < 0.5);
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(std::abs(longAxisMm(only()) - 15.0) < 0.5);
    QTest::keyClick(view_.get(), Qt::Key_Delete);
    QVERIFY(view_->measurements().empty());
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
  }

  void marksStayInPatientSpaceAndOnTheirSliceOnly() {
    QTest::keyClick(view_.get(), Qt::Key_M);
    const Vec3 a = onPlane(-6, -3), b = onPlane(6, -3);  // 12 mm: green
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, a));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, b));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, b));
    const Vec3 middle = onPlane(0, -3);
    QVERIFY(hasTone(widgetPosition(*view_, middle), true));
    // Zoomed out: the mark is still over the same anatomy.
    view_->setZoom(fineZoom_ * 0.05 / 0.08);
    QVERIFY(hasTone(widgetPosition(*view_, middle), true));
    // Two slices (5 mm) away it is not shown; back on its slice it is.
    view_->scrollSlices(2);
    QVERIFY(!hasTone(widgetPosition(*view_, middle), true));
    view_->scrollSlices(-2);
    QVERIFY(hasTone(widgetPosition(*view_, middle), true));
    // O hides the overlays, the marks with them.
    QTest::keyClick(view_.get(), Qt::Key_O);
    QVERIFY(!hasTone(widgetPosition(*view_, middle), true));
    QTest::keyClick(view_.get(), Qt::Key_O);
    // Esc: back to navigating; a click moves the crosshair and draws nothing.
    QTest::keyClick(view_.get(), Qt::Key_Escape);
    QTest::mouseClick(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(3, 3)));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
  }

  void bidirectionalShortAxisIsPerpendicularAndNodesUseIt() {
    QTest::keyClick(view_.get(), Qt::Key_B);
    // Long axis: 20 mm on a diagonal.
    const Vec3 a = onPlane(-7.07, -7.07), b = onPlane(7.07, 7.07);
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, a));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, b));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, b));
    // Short axis: dragged roughly across, 12 mm along the perpendicular plus a 3 mm slip along
    // the long axis, which the tool must ignore.
    const Vec3 c = onPlane(4.24, -4.24), d = onPlane(-4.24 + 2.12, 4.24 + 2.12);
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, c));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, d));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, d));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    const Measurement& m = only();
    QCOMPARE(m.kind, MeasurementKind::Bidirectional);
    QVERIFY(m.hasShortAxis);
    QVERIFY(std::abs(longAxisMm(m) - 20.0) < 0.5);
    QVERIFY2(std::abs(shortAxisMm(m) - 12.0) < 0.5, qPrintable(QString::number(shortAxisMm(m))));
    const Vec3 l{m.longEndMm[0] - m.longStartMm[0], m.longEndMm[1] - m.longStartMm[1], 0};
    const Vec3 s{m.shortEndMm[0] - m.shortStartMm[0], m.shortEndMm[1] - m.shortStartMm[1], 0};
    QVERIFY(std::abs(l[0] * s[0] + l[1] * s[1]) < 1e-6);
    QVERIFY(view_->measurementLabel(m.id).endsWith("— measurable"));
    // As a lymph node it is judged by its 12 mm short axis: non-target, in words and amber.
    QTest::keyClick(view_.get(), Qt::Key_N);
    QVERIFY2(view_->measurementLabel(m.id).contains("non-target"),
             qPrintable(view_->measurementLabel(m.id)));
  }

  void marksBelongToTheReadingNotToTheView() {
    // A second view on the same reading: one set of marks, drawn in either, shown in both.
    SliceView other;
    other.resize(601, 601);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    other.setSeries(view_->series(), Orientation::Axial);
    other.setZoom(fineZoom_);
    other.setMeasurementSet(view_->measurementSet());
    QTest::keyClick(view_.get(), Qt::Key_M);
    const Vec3 a = onPlane(-6, 1), b = onPlane(6, 1);
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, a));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, b));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, b));
    QCOMPARE(other.measurements().all().size(), std::size_t{1});
    QVERIFY(hasTone(other, widgetPosition(other, onPlane(0, 1)), true));
    // The view shows another series (here: the same files loaded again) and the mark stays.
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(folder_->path() / "ct"))
      files.push_back(f.path().string());
    view_->setSeries(LoadedSeries::load(files), Orientation::Axial);
    view_->setZoom(fineZoom_);
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    QVERIFY(hasTone(widgetPosition(*view_, onPlane(0, 1)), true));
    // Read-only marks (a signed read, the baseline beside a follow-up) are shown, never edited.
    other.setMarksReadOnly(true);
    QTest::keyClick(&other, Qt::Key_M);
    QTest::mousePress(&other, Qt::LeftButton, {}, widgetPosition(other, onPlane(-6, 6)));
    QTest::mouseMove(&other, widgetPosition(other, onPlane(6, 6)));
    QTest::mouseRelease(&other, Qt::LeftButton, {}, widgetPosition(other, onPlane(6, 6)));
    other.selectMeasurement(other.measurements().all().front().id);
    QTest::keyClick(&other, Qt::Key_Delete);
    QCOMPARE(other.measurements().all().size(), std::size_t{1});
    // A view given its own set no longer shows the reading's marks.
    other.setMeasurementSet(std::make_shared<MeasurementSet>());
    QVERIFY(!hasTone(other, widgetPosition(other, onPlane(0, 1)), true));
  }
};

QTEST_MAIN(MeasureGuiTest)
#include "MeasureGuiTest.moc"
