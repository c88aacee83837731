// Renders docs/screenshot-mibg-atlas.png and docs/screenshot-mibg-scoring.png from the
// synthetic responder (run by hand, not a test):
//   QT_QPA_PLATFORM=offscreen build/tests/mibg/nbra_mibg_screenshots docs
// The foci are placed where the generator projected them, as the acceptance test does.
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTableWidget>
#include <cstdio>

#include "tests/mibg/TruthFoci.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/view/PlanarView.h"

using nbra::viewer::mibg::MibgScoringWidget;
using nbra::viewer::mibg::PlanarSide;

namespace {

void scoreByTruth(MibgScoringWidget& w, const nbra::mibg::testing::TruthTimepoint& tp) {
  for (const auto& f : tp.foci) {
    if (!f.mibgAvid)
      continue;
    const bool posterior = f.posteriorHalf && f.bone;
    w.model().placeMark(posterior ? PlanarSide::Posterior : PlanarSide::Anterior,
                        {posterior ? f.posteriorX : f.anteriorX, f.y}, !f.bone);
    if (f.diffuse) {
      w.model().setCurieDiffuse(f.curieIndex, true);
      if (f.siopenIndex >= 0)
        w.model().setSiopenDiffuseGrade(f.siopenIndex,
                                        tp.siopen[static_cast<std::size_t>(f.siopenIndex)]);
    }
  }
  w.setState(w.state());  // refresh the panel through the public path
}

}  // namespace

// A single planar view (e.g. the real WG-04 bone scan) with the fitted Curie atlas, to look
// at the fit on an image the synthetic generator did not make:
//   nbra_mibg_screenshots --view FILE.dcm OUT.png
int renderSingleView(const char* file, const QString& png) {
  const auto views = nbra::dicom::readNmViews({file});
  if (views.empty()) {
    std::fprintf(stderr, "%s: no planar NM view\n", file);
    return 1;
  }
  const auto image = nbra::dicom::loadNmView(views.front());
  nbra::viewer::mibg::MibgScoringWidget w;
  w.model().setViews(image, image);
  nbra::viewer::PlanarView::Panel panel{image, "ANTERIOR", "one view, taken as anterior", 0};
  w.currentView()->setViews({panel}, QFileInfo(QString::fromLocal8Bit(file)).fileName());
  w.setHandlesShown(true);
  w.resize(900, 1000);
  w.show();
  QApplication::processEvents();
  const auto& l = w.model().landmarks(PlanarSide::Anterior);
  for (const auto& note : l.notes)
    std::printf("  %s\n", note.c_str());
  return w.grab().save(png) ? 0 : 1;
}

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc == 4 && QString(argv[1]) == "--view") {
    return renderSingleView(argv[2], QString::fromLocal8Bit(argv[3]));
  }
  const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs");
  const auto all = nbra::mibg::testing::truthTimepoints();
  const nbra::mibg::testing::TruthTimepoint* base = nullptr;
  const nbra::mibg::testing::TruthTimepoint* third = nullptr;
  for (const auto& tp : all) {
    if (tp.subjectId == "NBRA-SYN-001" && tp.key == "baseline")
      base = &tp;
    if (tp.subjectId == "NBRA-SYN-001" && tp.key == "after-injection-3")
      third = &tp;
  }
  if (!base || !third) {
    std::fprintf(stderr, "synthetic NBRA-SYN-001 not found in %s\n",
                 nbra::mibg::testing::syntheticDataDir().c_str());
    return 1;
  }
  // 1. The atlas fitted to the baseline study, Curie segments and the fit handles.
  {
    MibgScoringWidget w;
    w.resize(1250, 1000);
    w.setStudy(base->nmFiles);
    w.setHandlesShown(true);
    w.currentView()->setUpperPercent(35);
    w.show();
    app.processEvents();
    w.grab().save(out + "/screenshot-mibg-atlas.png");
  }
  // 2. Scoring after injection 3 against the scored baseline, baseline side by side.
  {
    MibgScoringWidget first;
    first.setStudy(base->nmFiles);
    scoreByTruth(first, *base);
    MibgScoringWidget w;
    w.resize(1700, 1000);
    w.setStudy(third->nmFiles, base->nmFiles, first.state());
    scoreByTruth(w, *third);
    w.currentView()->setUpperPercent(35);
    w.show();
    app.processEvents();
    w.setComparisonShown(true);
    app.processEvents();
    w.grab().save(out + "/screenshot-mibg-scoring.png");
  }
  std::printf("wrote %s/screenshot-mibg-atlas.png and screenshot-mibg-scoring.png\n",
              qPrintable(out));
  return 0;
}
