#include "tests/trial/TrialGuiSupport.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QTableWidget>
#include <QTest>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/view/PlanarView.h"

namespace nbra::trial::testing {

using nbra::mibg::testing::TruthTimepoint;

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
