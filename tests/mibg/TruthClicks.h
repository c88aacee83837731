#pragma once

// A reader's clicks on a planar MIBG study in the scoring widget, placed from the ground truth
// (TruthFoci): header-only, shared by the MIBG and trial GUI tests (which link the workstation).

#include <QTableWidget>
#include <QTest>

#include "tests/mibg/TruthFoci.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/view/PlanarView.h"

namespace nbra::mibg::testing {

// The panel ("ANTERIOR", "POSTERIOR") of a planar view, -1 when it has none.
inline int panelOf(const nbra::viewer::PlanarView* view, const QString& label) {
  for (int i = 0; i < view->panelCount(); ++i) {
    if (view->panel(i).label == label)
      return i;
  }
  return -1;
}

// Clicks an image pixel of one panel; false when the view has no such panel.
inline bool clickImage(nbra::viewer::PlanarView* view, const QString& label, QPointF imagePoint,
                       Qt::KeyboardModifiers modifiers = {}) {
  const int panel = panelOf(view, label);
  if (panel < 0)
    return false;
  const QPointF w = view->imageToWidget(panel).map(imagePoint);
  QTest::mouseClick(view, Qt::LeftButton, modifiers, w.toPoint());
  return true;
}

inline void clickCell(QTableWidget* table, int row, int column) {
  const QRect r = table->visualItemRect(table->item(row, column));
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
}

// Scores one timepoint by clicks: every MIBG-avid focus on the view it is clearer on (Shift for
// soft tissue), then the diffuse segments. Returns the interactions used, -1 when a view was
// missing.
inline int scoreByClicks(nbra::viewer::mibg::MibgScoringWidget& w, const TruthTimepoint& tp) {
  int interactions = 0;
  nbra::viewer::PlanarView* view = w.currentView();
  for (const TruthFocus& f : tp.foci) {
    if (!f.mibgAvid)
      continue;  // nothing to see on the scan
    const bool posterior = f.posteriorHalf && f.bone;
    if (!clickImage(view, posterior ? "POSTERIOR" : "ANTERIOR",
                    {posterior ? f.posteriorX : f.anteriorX, f.y},
                    f.bone ? Qt::KeyboardModifiers{} : Qt::ShiftModifier)) {
      return -1;
    }
    ++interactions;
  }
  // Diffuse disease: the reader's judgment per segment and scale. Curie: one click on the
  // segment's Diffuse cell (score 3). SIOPEN: the cell cycles 4, 5, 6; the truth's grade says
  // how far (a diffuse lesion's grade is at least 4).
  for (const TruthFocus& f : tp.foci) {
    if (!f.mibgAvid || !f.diffuse)
      continue;
    clickCell(w.curieTable(), f.curieIndex, 2);
    ++interactions;
    if (f.siopenIndex >= 0) {
      const int grade = tp.siopen[static_cast<std::size_t>(f.siopenIndex)];
      for (int g = 4; g <= grade; ++g) {
        clickCell(w.siopenTable(), f.siopenIndex, 2);
        ++interactions;
      }
    }
  }
  return interactions;
}

}  // namespace nbra::mibg::testing
