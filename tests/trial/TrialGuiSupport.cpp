#include "tests/trial/TrialGuiSupport.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QTableWidget>
#include <QTest>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/view/PlanarView.h"

namespace nbra::trial::testing {

using nbra::mibg::testing::TruthFocus;
using nbra::mibg::testing::TruthTimepoint;
using nbra::viewer::PlanarView;

namespace {

void clickImage(PlanarView* view, const QString& label, QPointF imagePoint,
                Qt::KeyboardModifiers modifiers) {
  for (int i = 0; i < view->panelCount(); ++i) {
    if (view->panel(i).label == label) {
      QTest::mouseClick(view, Qt::LeftButton, modifiers,
                        view->imageToWidget(i).map(imagePoint).toPoint());
      return;
    }
  }
  ADD_FAILURE() << "no " << label.toStdString() << " view to click on";
}

void clickCell(QTableWidget* table, int row, int column) {
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                    table->visualItemRect(table->item(row, column)).center());
}

}  // namespace

QStringList studiesOn(const QString& indexPath, const QString& patientId, const QString& yyyymmdd) {
  dicom::ImageIndex index(indexPath.toStdString());
  QStringList out;
  for (const dicom::PatientEntry& p : index.browse()) {
    if (QString::fromStdString(p.patientId) != patientId)
      continue;
    for (const dicom::StudyEntry& s : p.studies) {
      if (QString::fromStdString(s.studyDate) == yyyymmdd) {
        out << QString::fromStdString(s.studyInstanceUid);
      }
    }
  }
  return out;
}

const TruthTimepoint* truthTimepoint(const std::string& subjectId, const std::string& key) {
  static const std::vector<TruthTimepoint> all = nbra::mibg::testing::truthTimepoints();
  for (const TruthTimepoint& tp : all) {
    if (tp.subjectId == subjectId && tp.key == key)
      return &tp;
  }
  return nullptr;
}

int scoreByClicks(viewer::mibg::MibgScoringWidget& w, const TruthTimepoint& tp) {
  int interactions = 0;
  PlanarView* view = w.currentView();
  for (const TruthFocus& f : tp.foci) {
    if (!f.mibgAvid)
      continue;  // nothing to see on the scan
    const bool posterior = f.posteriorHalf && f.bone;
    clickImage(view, posterior ? "POSTERIOR" : "ANTERIOR",
               {posterior ? f.posteriorX : f.anteriorX, f.y},
               f.bone ? Qt::KeyboardModifiers{} : Qt::ShiftModifier);
    ++interactions;
  }
  // Diffuse segments: Curie's Diffuse cell once (3); SIOPEN's cycles 4, 5, 6 up to the truth.
  for (const TruthFocus& f : tp.foci) {
    if (!f.mibgAvid || !f.diffuse)
      continue;
    clickCell(w.curieTable(), f.curieIndex, 2);
    ++interactions;
    if (f.siopenIndex >= 0) {
      for (int g = 4; g <= tp.siopen[static_cast<std::size_t>(f.siopenIndex)]; ++g) {
        clickCell(w.siopenTable(), f.siopenIndex, 2);
        ++interactions;
      }
    }
  }
  QApplication::processEvents();
  return interactions;
}

void expectTruthScores(const viewer::mibg::MibgScoringWidget& w, const TruthTimepoint& tp) {
  const auto s = w.scores();
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(s.curie.segments[i], tp.curie[i]) << tp.key << " Curie segment " << i + 1;
  }
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(s.siopen[i], tp.siopen[i]) << tp.key << " SIOPEN segment " << i + 1;
  }
  EXPECT_EQ(s.curie.total, tp.curieTotal) << tp.key;
  EXPECT_EQ(s.curie.skeletal, tp.curieSkeletal) << tp.key;
  EXPECT_EQ(s.siopenTotal, tp.siopenTotal) << tp.key;
}

}  // namespace nbra::trial::testing
