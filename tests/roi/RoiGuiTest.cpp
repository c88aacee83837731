// Drawing ROIs with the mouse, as a reader would, and reading their labels: on a synthetic CT of
// known values (a gradient: the mean over a centrally symmetric region is the value at its
// centre), on a PET fused over it (the statistics come from the PET), and on the synthetic
// patient NBRA-SYN-002 (SUVmax of each lesion against the generator's truth).
//
// NBRA_ROI_SCREENSHOT=<png> also saves the fused PET/CT view with the primary's ROI
// (docs/screenshot-roi-pet.png).

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/SliceViewPoints.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/ViewerPanel.h"

using nbra::testing::widgetPosition;

using namespace nbra::viewer;
namespace fs = std::filesystem;

namespace {

// Plain reference statistics: every voxel tested on its own, in patient coordinates, against
// the ellipsoid built here from the mark's fields (centre, A, B, and the shorter of them along
// the plane normal).
struct Reference {
  std::size_t count = 0;
  double mean = 0, sd = 0, min = 1e300, max = -1e300;
};

Reference reference(const nbra::dicom::Volume& v, const Measurement& m, double scale) {
  const Vec3 a = m.roiSemiAxisAMm, b = m.roiSemiAxisBMm;
  const double la = std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  const double lb = std::sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
  const double lc = std::min(la, lb);
  const Vec3 n = m.planeNormal;
  std::vector<double> values;
  for (std::size_t z = 0; z < v.dimensions[2]; ++z)
    for (std::size_t y = 0; y < v.dimensions[1]; ++y)
      for (std::size_t x = 0; x < v.dimensions[0]; ++x) {
        const auto p = v.toPatientMm(double(x), double(y), double(z));
        const Vec3 d{p[0] - m.roiCentreMm[0], p[1] - m.roiCentreMm[1], p[2] - m.roiCentreMm[2]};
        const double ta = (d[0] * a[0] + d[1] * a[1] + d[2] * a[2]) / (la * la);
        const double tb = (d[0] * b[0] + d[1] * b[1] + d[2] * b[2]) / (lb * lb);
        const double tc = (d[0] * n[0] + d[1] * n[1] + d[2] * n[2]) / lc;
        if (ta * ta + tb * tb + tc * tc <= 1 + 1e-9)
          values.push_back(v.value(x, y, z) * scale);
      }
  Reference r;
  r.count = values.size();
  for (double x : values) {
    r.mean += x / double(values.size());
    r.min = std::min(r.min, x);
    r.max = std::max(r.max, x);
  }
  for (double x : values)
    r.sd += (x - r.mean) * (x - r.mean) / double(values.size() - 1);
  r.sd = std::sqrt(r.sd);
  return r;
}

QString minusSign(QString s) {
  if (s.startsWith('-'))
    s.replace(0, 1, QChar(0x2212));
  return s;
}

}  // namespace

class RoiGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<nbra::testing::TempFolder> folder_;
  std::unique_ptr<SliceView> view_;
  std::vector<std::string> ctFiles_, petFiles_;

  Vec3 onPlane(double dxMm, double dyMm) const {
    const ViewPlane plane = view_->displayedPlane();
    Vec3 p = plane.centreMm;
    for (std::size_t i = 0; i < 3; ++i)
      p[i] += plane.right[i] * dxMm + plane.down[i] * dyMm;
    return p;
  }

  void drag(const Vec3& from, const Vec3& to, Qt::KeyboardModifiers modifiers = {}) {
    QTest::mousePress(view_.get(), Qt::LeftButton, modifiers, widgetPosition(*view_, from));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, to));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, modifiers, widgetPosition(*view_, to));
  }

  const Measurement& last() const { return view_->measurements().all().back(); }

  // Whether the picture near `at` holds the ROI's light cyan.
  bool hasRoiColour(const QPoint& at) {
    const QImage image = view_->grab().toImage();
    for (int dy = -3; dy <= 3; ++dy)
      for (int dx = -3; dx <= 3; ++dx) {
        const QColor c = image.pixelColor(at + QPoint(dx, dy));
        if (c.blue() > c.red() + 70 && c.green() > c.red() + 50)
          return true;
      }
    return false;
  }

 private slots:
  void init() {
    folder_ = std::make_unique<nbra::testing::TempFolder>();
    nbra::testing::SyntheticSeries spec;
    spec.rows = 128;
    spec.columns = 128;
    spec.pixelSpacingMm = 0.5;  // 64 mm across
    spec.slices = 5;
    spec.sliceSpacingMm = 2.5;    // z = 0 .. 10 mm
    spec.studyUid = "2.25.4242";  // PET and CT share it, and so the frame of reference
    ctFiles_.clear();
    for (const auto& p : nbra::testing::writeSeries(folder_->path() / "ct", spec))
      ctFiles_.push_back(p.string());
    spec.modality = "PT";
    spec.rescaleSlope = 2;  // twice the CT's numbers: a value tells which series it came from
    petFiles_.clear();
    for (const auto& p : nbra::testing::writeSeries(folder_->path() / "pt", spec))
      petFiles_.push_back(p.string());
    view_ = std::make_unique<SliceView>();
    view_->resize(601, 601);  // odd: the centre is a whole pixel
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->setSeries(LoadedSeries::load(ctFiles_), Orientation::Axial);
    view_->setZoom(view_->mmPerPixel() / 0.05);  // 0.05 mm per pixel: mm are whole pixels
    QVERIFY(std::abs(view_->mmPerPixel() - 0.05) < 1e-9);
  }
  void cleanup() {
    view_.reset();
    folder_.reset();
  }

  void ctRoiDrawnMovedUndoneAndDeleted() {
    QTest::keyClick(view_.get(), Qt::Key_E);
    QCOMPARE(view_->tool(), MeasureTool::Roi);
    // A drag from (-5, -4) to (5, 4) mm: an ellipse 10 x 8 mm centred on the view centre, the
    // volume's centre (voxel index 63.5, 63.5, 2).
    QTest::mousePress(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(-5, -4)));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(0, 0)));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    // Live while dragging: the label already gives the half-drawn ellipse's size.
    QVERIFY2(view_->measurementLabel(last().id).startsWith("ROI 5.0 × 4.0 mm, 4.0 mm deep"),
             qPrintable(view_->measurementLabel(last().id)));
    QTest::mouseMove(view_.get(), widgetPosition(*view_, onPlane(5, 4)));
    QTest::mouseRelease(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(5, 4)));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    const Measurement m = last();
    QCOMPARE(m.kind, MeasurementKind::Roi);
    QVERIFY(std::abs(roiSemiAxisAMm(m) - 5) < 1e-6);
    QVERIFY(std::abs(roiSemiAxisBMm(m) - 4) < 1e-6);

    // The gradient's value at the centre: 63.5 x 64 + 63.5 x 16 + 2 x 100 = 5280 HU; the rest
    // from the plain reference.
    const Reference ref = reference(view_->series()->volume(), m, 1.0);
    QVERIFY(std::abs(ref.mean - 5280) < 1e-6);
    const double ml = double(ref.count) * 0.5 * 0.5 * 2.5 / 1000;
    const QString expected = QString(
                                 "ROI 10.0 × 8.0 mm, 8.0 mm deep — %1 ml\nCT: mean 5280.0 HU, SD "
                                 "%2 HU\nmin %3 HU, max %4 HU")
                                 .arg(ml, 0, 'f', ml < 1 ? 3 : 2)
                                 .arg(ref.sd, 0, 'f', 1)
                                 .arg(minusSign(QString::number(ref.min, 'f', 0)))
                                 .arg(minusSign(QString::number(ref.max, 'f', 0)));
    QCOMPARE(view_->measurementLabel(m.id), expected);
    // The outline is drawn where the ellipse is: 5 mm right of the centre.
    QVERIFY(hasRoiColour(widgetPosition(*view_, onPlane(5, 0))));

    // Grab the right end of A and pull it 2 mm further: A becomes 6 mm, the left end stays.
    drag(onPlane(5, 0), onPlane(7, 0));
    QVERIFY2(view_->measurementLabel(m.id).startsWith("ROI 12.0 × 8.0 mm, 8.0 mm deep"),
             qPrintable(view_->measurementLabel(m.id)));
    // Ctrl+Z undoes the resize, Ctrl+Shift+Z redoes it.
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(view_->measurementLabel(m.id), expected);
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(view_->measurementLabel(m.id).startsWith("ROI 12.0 × 8.0 mm"));
    // Its centre handle moves it.
    const Vec3 centreBefore = last().roiCentreMm;
    drag(last().roiCentreMm, onPlane(3, -6));
    QVERIFY(std::abs(last().roiCentreMm[1] - (centreBefore[1] - 6)) < 1e-6);
    // Delete removes the selected ROI; Ctrl+Z brings it back.
    QTest::keyClick(view_.get(), Qt::Key_Delete);
    QVERIFY(view_->measurements().empty());
    QTest::keyClick(view_.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    // A click without a drag draws nothing.
    QTest::mouseClick(view_.get(), Qt::LeftButton, {}, widgetPosition(*view_, onPlane(-12, 12)));
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
  }

  void shiftDrawsASphereThatShowsOnOtherPlanes() {
    QTest::keyClick(view_.get(), Qt::Key_E);
    // Shift: the square of the larger side, 6 mm: a sphere of radius 3 centred at (-10, 8).
    drag(onPlane(-13, 5), onPlane(-7, 8), Qt::ShiftModifier);
    QCOMPARE(view_->measurements().all().size(), std::size_t{1});
    const Measurement m = last();
    QVERIFY(m.roiSphere);
    QVERIFY(std::abs(roiSemiAxisAMm(m) - 3) < 1e-6 && std::abs(roiSemiAxisBMm(m) - 3) < 1e-6);
    QVERIFY2(view_->measurementLabel(m.id).startsWith("ROI sphere 6.0 mm across"),
             qPrintable(view_->measurementLabel(m.id)));
    // On the coronal plane through its centre it is a circle of radius 3 mm too (dashed: a
    // section, not where it was drawn).
    view_->setCrosshair(m.roiCentreMm);
    view_->setOrientation(Orientation::Coronal);
    QVERIFY(hasRoiColour(
        widgetPosition(*view_, {m.roiCentreMm[0], m.roiCentreMm[1], m.roiCentreMm[2] + 3})));
    // Two slices (5 mm) along the normal the sphere (3 mm) is gone.
    view_->setOrientation(Orientation::Axial);
    view_->setCrosshair(m.roiCentreMm);
    QVERIFY(hasRoiColour(
        widgetPosition(*view_, {m.roiCentreMm[0] + 3, m.roiCentreMm[1], m.roiCentreMm[2]})));
    view_->scrollSlices(2);
    QVERIFY(!hasRoiColour(
        widgetPosition(*view_, {m.roiCentreMm[0] + 3, m.roiCentreMm[1], m.roiCentreMm[2]})));
  }

  void onAFusedViewTheStatisticsComeFromThePet() {
    auto pet = LoadedSeries::load(petFiles_);
    QVERIFY(pet->isPet());
    QVERIFY(!pet->hasSuv());  // the synthetic series has no dose or weight: Bq/ml
    view_->setFusion(pet);
    QTest::keyClick(view_.get(), Qt::Key_E);
    drag(onPlane(-5, -4), onPlane(5, 4));
    const Measurement m = last();
    const Reference ref = reference(pet->volume(), m, pet->displayScale());
    QVERIFY(std::abs(ref.mean - 2 * 5280) < 1e-6);  // the PET's numbers, not the CT's
    const QString label = view_->measurementLabel(m.id);
    QVERIFY2(label.contains("\nfused PET in Bq/ml — no SUV: " + pet->suvNote() + "\n"),
             qPrintable(label));
    QVERIFY2(
        label.contains(QString("max %1 Bq/ml, mean 10560 Bq/ml, peak ").arg(ref.max, 0, 'f', 0)),
        qPrintable(label));
    QVERIFY2(label.endsWith(" Bq/ml"), qPrintable(label));
  }

  void syntheticPatientLesionSuvMaxMatchesTheTruth() {
    const fs::path subject = fs::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-002";
    if (!fs::exists(subject / "truth.json") || !fs::exists(subject / "baseline" / "PT"))
      QSKIP(qPrintable("synthetic patient not generated (build target nbra_synthetic_data): " +
                       QString::fromStdString(subject.string())));
    std::ifstream in(subject / "truth.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const QJsonObject truth = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
    const QRegularExpression suvMax("SUVmax ([0-9.]+)");
    int lesions = 0;
    std::optional<int> primaryId;
    // Every timepoint with a PET: baseline and after injection 3 (its new liver lesion too).
    for (const auto tp : truth["timepoints"].toArray()) {
      const QJsonObject timepoint = tp.toObject();
      const fs::path folder = subject / timepoint["key"].toString().toStdString();
      if (!fs::exists(folder / "PT"))
        continue;
      const auto filesOf = [&](const char* modality) {
        std::vector<std::string> files;
        for (const auto& e : fs::directory_iterator(folder / modality))
          files.push_back(e.path().string());
        return files;
      };
      auto ct = LoadedSeries::load(filesOf("CT"));
      auto pet = LoadedSeries::load(filesOf("PT"));
      QVERIFY2(pet->hasSuv(), qPrintable(pet->suvNote()));
      view_->resize(900, 700);
      view_->setSeries(ct, Orientation::Axial);
      view_->setFusion(pet);
      view_->setZoom(2);
      view_->setMeasurementSet(nullptr);  // a timepoint's own marks
      QTest::keyClick(view_.get(), Qt::Key_E);
      for (const auto item : timepoint["lesions"].toArray()) {
        const QJsonObject lesion = item.toObject();
        if (!lesion.contains("suvMax"))
          continue;
        const QJsonArray c = lesion["centreMm"].toArray();
        const Vec3 centre{c[0].toDouble(), c[1].toDouble(), c[2].toDouble()};
        const double r = lesion["roiRadiusMm"].toDouble();
        const double truthMax = lesion["suvMax"].toDouble();
        view_->setCrosshair(centre);
        // A sphere of the truth's ROI radius around the lesion centre, drawn with Shift.
        const Vec3 from{centre[0] - r, centre[1] - r, centre[2]},
            to{centre[0] + r, centre[1] + r, centre[2]};
        drag(from, to, Qt::ShiftModifier);
        const QString label = view_->measurementLabel(last().id);
        QVERIFY2(label.contains("\nfused PET, SUVbw:\n"), qPrintable(label));
        const auto match = suvMax.match(label);
        QVERIFY2(match.hasMatch(), qPrintable(label));
        const double measured = match.captured(1).toDouble();
        const QString what = timepoint["key"].toString() + " " + lesion["trackingId"].toString();
        // The generator caps noise at the design SUVmax inside a lesion and says the hottest
        // voxels are within 5 % of it (partial volume); labels round to 0.01.
        QVERIFY2(measured >= 0.95 * truthMax - 0.005 && measured <= truthMax + 0.005,
                 qPrintable(QString("%1: SUVmax %2, truth %3\n%4")
                                .arg(what)
                                .arg(measured)
                                .arg(truthMax)
                                .arg(label)));
        qInfo().noquote() << what << "SUVmax" << measured << "truth" << truthMax;
        if (lesion["trackingId"].toString() == "P1" && timepoint["key"].toString() == "baseline")
          primaryId = last().id;
        ++lesions;
      }
      // The screenshot: the baseline's primary, its ROI selected, the tool line off.
      const QString png = qEnvironmentVariable("NBRA_ROI_SCREENSHOT");
      if (!png.isEmpty() && primaryId && timepoint["key"].toString() == "baseline") {
        const Measurement* p1 = view_->measurements().find(*primaryId);
        QVERIFY(p1);
        view_->setCrosshair(p1->roiCentreMm);
        QTest::keyClick(view_.get(), Qt::Key_Escape);
        view_->selectMeasurement(*primaryId);
        QVERIFY(view_->grab().save(png));
        // An ellipse inside the primary on the CT alone: HU statistics
        // (docs/screenshot-roi-ct.png).
        const QString ctPng = qEnvironmentVariable("NBRA_ROI_CT_SCREENSHOT");
        if (!ctPng.isEmpty()) {
          const Vec3 c = p1->roiCentreMm;
          view_->setSeries(ct, Orientation::Axial);
          view_->setZoom(2);
          view_->setCrosshair(c);
          view_->setMeasurementSet(nullptr);
          QTest::keyClick(view_.get(), Qt::Key_E);
          drag({c[0] - 18, c[1] - 12, c[2]}, {c[0] + 18, c[1] + 12, c[2]});
          QTest::mouseMove(view_.get(), widgetPosition(*view_, {c[0] + 60, c[1] - 40, c[2]}));
          QTest::keyClick(view_.get(), Qt::Key_Escape);
          view_->selectMeasurement(last().id);
          QVERIFY2(view_->measurementLabel(last().id).contains("\nCT: mean "),
                   qPrintable(view_->measurementLabel(last().id)));
          QVERIFY(view_->grab().save(ctPng));
        }
        QTest::keyClick(view_.get(), Qt::Key_E);
      }
    }
    QVERIFY(lesions >= 9);  // 4 at baseline, 5 after injection 3
  }

  void anRoiInTheMprShowsOnEveryPlane() {
    const fs::path folder = fs::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-002" / "baseline";
    if (!fs::exists(folder / "PT") || !fs::exists(folder / "CT"))
      QSKIP(qPrintable("synthetic patient not generated (build target nbra_synthetic_data): " +
                       QString::fromStdString(folder.string())));
    const auto filesOf = [&](const char* modality) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(folder / modality))
        files.push_back(e.path().string());
      return files;
    };
    ViewerPanel panel;
    panel.resize(1300, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setViewLayout(ViewLayout::Mpr);
    panel.showSeries(LoadedSeries::load(filesOf("CT")));
    panel.showFusion(LoadedSeries::load(filesOf("PT")));
    const Vec3 c{-36.04, 31.8, -389.5652174};  // the primary P1 (truth.json)
    panel.jumpTo(c);
    const QList<SliceView*> views = panel.visibleViews();
    QCOMPARE(views.size(), 4);
    for (int i = 0; i < 3; ++i)
      views[i]->setZoom(1.8);
    SliceView& axial = *views[0];
    QCOMPARE(axial.orientation(), Orientation::Axial);
    // A sphere of radius 24 mm drawn with Shift on the axial view.
    const double r = 24;
    QTest::keyClick(&axial, Qt::Key_E);
    QTest::mousePress(&axial, Qt::LeftButton, Qt::ShiftModifier,
                      widgetPosition(axial, {c[0] - r, c[1] - r, c[2]}));
    QTest::mouseMove(&axial, widgetPosition(axial, {c[0] + r, c[1] + r, c[2]}));
    QTest::mouseRelease(&axial, Qt::LeftButton, Qt::ShiftModifier,
                        widgetPosition(axial, {c[0] + r, c[1] + r, c[2]}));
    QCOMPARE(axial.measurements().all().size(), std::size_t{1});
    const Measurement m = axial.measurements().all().front();
    QVERIFY(m.roiSphere);
    QVERIFY2(axial.measurementLabel(m.id).contains("\nfused PET, SUVbw:\n"),
             qPrintable(axial.measurementLabel(m.id)));
    // The coronal and sagittal views show its section through the crosshair: a circle of the
    // same radius, whose rightmost point is r along each view's right.
    for (int i = 1; i < 3; ++i) {
      SliceView& v = *views[i];
      const Vec3 edge{m.roiCentreMm[0] + v.displayedPlane().right[0] * r,
                      m.roiCentreMm[1] + v.displayedPlane().right[1] * r,
                      m.roiCentreMm[2] + v.displayedPlane().right[2] * r};
      const QImage image = v.grab().toImage();
      bool found = false;
      const QPoint at = widgetPosition(v, edge);
      for (int dy = -4; dy <= 4 && !found; ++dy)
        for (int dx = -4; dx <= 4 && !found; ++dx) {
          const QColor px = image.pixelColor(at + QPoint(dx, dy));
          found = px.blue() > px.red() + 70 && px.green() > px.red() + 50;
        }
      QVERIFY2(found, qPrintable(QString("no ROI section on view %1").arg(i)));
    }
    const QString png = qEnvironmentVariable("NBRA_ROI_MPR_SCREENSHOT");
    if (!png.isEmpty()) {
      QTest::keyClick(&axial, Qt::Key_Escape);
      axial.selectMeasurement(m.id);
      views[3]->renderedImage();  // wait for the MIP
      QVERIFY(panel.grab().save(png));
    }
  }
};

QTEST_MAIN(RoiGuiTest)
#include "RoiGuiTest.moc"
