// Acceptance: scoring the synthetic patients' planar MIBG studies with the mouse.
// Clicking each ground-truth focus where the generator projected it (on the view it is nearer
// to; Shift for a soft-tissue focus) and setting the diffuse segments must give the truth's
// Curie and SIOPEN segment scores and totals, in N clicks for N foci plus at most 3 more.
#include <QJsonObject>
#include <QMenu>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include "tests/mibg/TruthClicks.h"
#include "tests/mibg/TruthFoci.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/view/PlanarView.h"

using nbra::mibg::testing::clickImage;
using nbra::mibg::testing::panelOf;
using nbra::mibg::testing::TruthFocus;
using nbra::mibg::testing::TruthTimepoint;
using nbra::viewer::PlanarView;
using nbra::viewer::mibg::MibgScoringWidget;

namespace {

const std::vector<TruthTimepoint>& timepoints() {
  static const std::vector<TruthTimepoint> all = nbra::mibg::testing::truthTimepoints();
  return all;
}

const TruthTimepoint* find(const std::string& subject, const std::string& key) {
  for (const auto& tp : timepoints()) {
    if (tp.subjectId == subject && tp.key == key)
      return &tp;
  }
  return nullptr;
}

}  // namespace

class MibgScoringGuiTest : public QObject {
  Q_OBJECT

 private:
  // Scores one timepoint by clicks; returns the number of interactions used.
  int score(MibgScoringWidget& w, const TruthTimepoint& tp) {
    const int interactions = nbra::mibg::testing::scoreByClicks(w, tp);
    if (interactions < 0)
      qWarning("a view to click on is missing");
    return interactions;
  }

  void compare(const MibgScoringWidget& w, const TruthTimepoint& tp) {
    const auto s = w.scores();
    for (int i = 0; i < 10; ++i) {
      QCOMPARE(s.curie.segments[static_cast<std::size_t>(i)],
               tp.curie[static_cast<std::size_t>(i)]);
    }
    for (int i = 0; i < 12; ++i) {
      QCOMPARE(s.siopen[static_cast<std::size_t>(i)], tp.siopen[static_cast<std::size_t>(i)]);
    }
    QCOMPARE(s.curie.total, tp.curieTotal);
    QCOMPARE(s.curie.skeletal, tp.curieSkeletal);
    QCOMPARE(s.siopenTotal, tp.siopenTotal);
  }

 private slots:
  void initTestCase() {
    if (timepoints().empty()) {
      QSKIP(qPrintable(QString("synthetic patients not generated in %1 (build nbra_synthetic_data)")
                           .arg(QString::fromStdString(nbra::mibg::testing::syntheticDataDir()))));
    }
  }

  void everyTimepointScoresTheTruthInNPlusThreeInteractions() {
    for (const std::string subject : {"NBRA-SYN-001", "NBRA-SYN-002"}) {
      const TruthTimepoint* baseline = find(subject, "baseline");
      QVERIFY2(baseline, subject.c_str());
      std::optional<QJsonObject> baselineState;
      for (const TruthTimepoint& tp : timepoints()) {
        if (tp.subjectId != subject)
          continue;
        const QByteArray where = QByteArray::fromStdString(subject + " " + tp.key);
        MibgScoringWidget w;
        w.resize(1400, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const bool isBaseline = tp.key == "baseline";
        const auto error =
            w.setStudy(tp.nmFiles, isBaseline ? std::vector<std::string>{} : baseline->nmFiles,
                       isBaseline ? std::nullopt : baselineState);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        int foci = 0;
        for (const TruthFocus& f : tp.foci)
          foci += f.mibgAvid ? 1 : 0;
        const int interactions = score(w, tp);
        QVERIFY2(interactions >= 0, where.constData());
        qInfo("%s: %d foci, %d interactions", where.constData(), foci, interactions);
        QVERIFY2(interactions <= foci + 3, where.constData());
        QCOMPARE(static_cast<int>(w.model().marks().size()), foci);
        compare(w, tp);
        if (isBaseline) {
          baselineState = w.state();
        } else {
          // The relative score compares with the baseline read given with the study.
          const auto r = w.model().relativeCurie();
          QCOMPARE(r.baseline, baseline->curieSkeletal);
          QCOMPARE(r.followUp, tp.curieSkeletal);
        }
      }
    }
  }

  void aFocusClickedOnBothViewsIsOneLesion() {
    const TruthTimepoint* tp = find("NBRA-SYN-001", "baseline");
    QVERIFY(tp);
    MibgScoringWidget w;
    w.resize(1400, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.setStudy(tp->nmFiles));
    const TruthFocus* rib = nullptr;
    for (const auto& f : tp->foci) {
      if (f.trackingId == "B4")
        rib = &f;
    }
    QVERIFY(rib);
    QVERIFY(clickImage(w.currentView(), "ANTERIOR", {rib->anteriorX, rib->y}));
    // The posterior, mirrored on screen: the same focus a few pixels off still joins.
    w.currentView()->setMirrorPosterior(true);
    QVERIFY(clickImage(w.currentView(), "POSTERIOR", {rib->posteriorX + 4, rib->y + 3}));
    QCOMPARE(static_cast<int>(w.model().marks().size()), 1);
    const auto& m = w.model().marks().front();
    QVERIFY(m.anterior && m.posterior);
    QCOMPARE(m.curieSegment, 2);  // ribs and sternum
    QCOMPARE(w.scores().curie.segments[2], 1);
  }

  void theStateRoundTripsThroughTheWidget() {
    const TruthTimepoint* tp = find("NBRA-SYN-001", "after-injection-3");
    QVERIFY(tp);
    MibgScoringWidget w;
    w.resize(1400, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.setStudy(tp->nmFiles));
    QSignalSpy changed(&w, &MibgScoringWidget::stateChanged);
    score(w, *tp);
    QVERIFY(changed.count() >= 5);
    const QJsonObject state = w.state();
    MibgScoringWidget other;
    QVERIFY(!other.setStudy(tp->nmFiles));
    QVERIFY(!other.setState(state));
    compare(other, *tp);
    QVERIFY(other.setState(QJsonObject{{"format", "x"}}).has_value());
    compare(other, *tp);  // a refused state leaves the read alone
  }

  void comparisonUsesOneIntensityScaleAndTheBaselineMarks() {
    const TruthTimepoint* base = find("NBRA-SYN-001", "baseline");
    const TruthTimepoint* now = find("NBRA-SYN-001", "after-injection-5");
    QVERIFY(base && now);
    MibgScoringWidget first;
    QVERIFY(!first.setStudy(base->nmFiles));
    first.model().placeMark(nbra::viewer::mibg::PlanarSide::Anterior, {100, 300}, false);
    MibgScoringWidget w;
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.setStudy(now->nmFiles, base->nmFiles, first.state()));
    w.setComparisonShown(true);
    QVERIFY(w.baselineView()->isVisible());
    // Same grey for the same counts: both views render the brighter study's maximum.
    w.currentView()->setUpperPercent(30);
    QCOMPARE(w.baselineView()->upperPercent(), 30.0);
    const float top = std::max(w.currentView()->dataMaximum(), w.baselineView()->dataMaximum());
    QCOMPARE(w.currentView()->displayMaximum(), top);
    QCOMPARE(w.baselineView()->displayMaximum(), top);
    QVERIFY(w.currentView()->dataMaximum() != w.baselineView()->dataMaximum());  // a real test
    QCOMPARE(w.baselineView()->panelCount(), 2);
    QVERIFY(w.model().baseline().has_value());
    w.setComparisonShown(false);
    QVERIFY(!w.baselineView()->isVisible());
    QCOMPARE(w.currentView()->displayMaximum(), w.currentView()->dataMaximum());
  }

  void aMarkIsChangedToSoftTissueFromItsMenuAndDeletedWithTheKey() {
    const TruthTimepoint* tp = find("NBRA-SYN-001", "baseline");
    QVERIFY(tp);
    MibgScoringWidget w;
    w.resize(1400, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.setStudy(tp->nmFiles));
    const TruthFocus* primary = nullptr;
    for (const auto& f : tp->foci) {
      if (f.trackingId == "P1")
        primary = &f;
    }
    QVERIFY(primary);
    // A plain click: the atlas puts the adrenal primary in the chest (the lower ribs overlie
    // it on a planar view); the reader makes it soft tissue from the mark's menu.
    QVERIFY(clickImage(w.currentView(), "ANTERIOR", {primary->anteriorX, primary->y}));
    QCOMPARE(static_cast<int>(w.model().marks().size()), 1);
    QCOMPARE(w.model().marks().front().curieSegment, 2);
    bool triggered = false;
    QTimer::singleShot(50, [&] {
      auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
      if (!menu)
        return;
      for (QAction* a : menu->actions()) {
        if (a->text().startsWith("Soft tissue")) {
          triggered = true;
          a->trigger();
          menu->close();
          return;
        }
      }
      menu->close();
    });
    const int panel = panelOf(w.currentView(), "ANTERIOR");
    const QPoint at = w.currentView()
                          ->imageToWidget(panel)
                          .map(QPointF(primary->anteriorX, primary->y))
                          .toPoint();
    QTest::mouseClick(w.currentView(), Qt::RightButton, {}, at);
    QVERIFY(triggered);
    QCOMPARE(w.model().marks().front().curieSegment, 9);
    QCOMPARE(w.scores().curie.segments[9], 1);
    QCOMPARE(w.scores().curie.segments[2], 0);
    QTest::keyClick(&w, Qt::Key_Delete);
    QVERIFY(w.model().marks().empty());

    // Undo steps back through delete, soft tissue and the click; redo forward again.
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(static_cast<int>(w.model().marks().size()), 1);
    QCOMPARE(w.model().marks().front().curieSegment, 9);
    QVERIFY(w.undo());
    QCOMPARE(w.model().marks().front().curieSegment, 2);
    QCOMPARE(w.scores().curie.segments[2], 1);
    QVERIFY(w.undo());
    QVERIFY(w.model().marks().empty());
    QVERIFY(!w.canUndo());  // the study as loaded is where history starts
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(static_cast<int>(w.model().marks().size()), 1);
    QVERIFY(w.redo() && w.redo());
    QVERIFY(w.model().marks().empty());
    QVERIFY(!w.canRedo());
  }

  void draggingAHandleMovesTheFit() {
    const TruthTimepoint* tp = find("NBRA-SYN-001", "baseline");
    QVERIFY(tp);
    MibgScoringWidget w;
    w.resize(1400, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.setStudy(tp->nmFiles));
    w.setHandlesShown(true);
    const auto& l = w.model().landmarks(nbra::viewer::mibg::PlanarSide::Anterior);
    const double kneeBefore = l.kneeY;
    nbra::dicom::atlas::LandmarkHandle knee{};
    for (const auto& h : nbra::dicom::atlas::landmarkHandles(l)) {
      if (h.id == nbra::dicom::atlas::LandmarkId::Knees)
        knee = h;
    }
    PlanarView* view = w.currentView();
    const int panel = panelOf(view, "ANTERIOR");
    const QTransform t = view->imageToWidget(panel);
    const QPoint from = t.map(QPointF(knee.x, knee.y)).toPoint();
    const QPoint to = t.map(QPointF(knee.x, knee.y + 40)).toPoint();
    QTest::mousePress(view, Qt::LeftButton, {}, from);
    // Two moves, halfway then all the way, as a hand drags.
    for (const double dy : {20.0, 40.0}) {
      const QPoint at = t.map(QPointF(knee.x, knee.y + dy)).toPoint();
      QMouseEvent move(QEvent::MouseMove, QPointF(at), view->mapToGlobal(QPointF(at)), Qt::NoButton,
                       Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(view, &move);
    }
    QTest::mouseRelease(view, Qt::LeftButton, {}, to);
    QVERIFY(std::abs(w.model().landmarks(nbra::viewer::mibg::PlanarSide::Anterior).kneeY -
                     (kneeBefore + 40)) < 2.0);
    QVERIFY(w.model().marks().empty());  // dragging a handle places no mark
    QCOMPARE(w.state()["landmarks"].toObject()["anterior"].toObject()["kneeY"].toDouble(),
             w.model().landmarks(nbra::viewer::mibg::PlanarSide::Anterior).kneeY);
    // The whole drag is one step: one undo puts the knee back where the fit had it.
    QVERIFY(w.undo());
    QVERIFY(std::abs(w.model().landmarks(nbra::viewer::mibg::PlanarSide::Anterior).kneeY -
                     kneeBefore) < 1e-9);
    QVERIFY(!w.canUndo());
  }
};

QTEST_MAIN(MibgScoringGuiTest)
#include "MibgScoringGuiTest.moc"
