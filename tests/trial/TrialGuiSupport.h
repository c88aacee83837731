#pragma once

// Shared by the trial GUI tests: the synthetic DICOM in an image index, the Study Instance UIDs
// of one scan date found there, and a planar MIBG timepoint scored by clicking the ground-truth
// foci (tests/mibg/TruthFoci) in a scoring widget.

#include <QString>
#include <QStringList>
#include <string>

#include "tests/mibg/TruthClicks.h"
#include "tests/mibg/TruthFoci.h"

namespace nbra::viewer::mibg {
class MibgScoringWidget;
}

namespace nbra::trial::testing {

// The studies of `patientId` dated `yyyymmdd` in the index (CT, NM, PET of one visit).
QStringList studiesOn(const QString& indexPath, const QString& patientId, const QString& yyyymmdd);

// The truth timepoint of a subject ("baseline", "after-injection-3"); nullptr when absent.
const nbra::mibg::testing::TruthTimepoint* truthTimepoint(const std::string& subjectId,
                                                          const std::string& key);

// The truth foci clicked in a scoring widget (tests/mibg/TruthClicks.h).
using nbra::mibg::testing::scoreByClicks;

// The widget's Curie and SIOPEN segment scores and totals equal the truth's (gtest failures
// naming the segment otherwise).
void expectTruthScores(const nbra::viewer::mibg::MibgScoringWidget& widget,
                       const nbra::mibg::testing::TruthTimepoint& tp);

}  // namespace nbra::trial::testing
