#pragma once

// Shared by the trial GUI tests: the synthetic DICOM in an image index, the Study Instance UIDs
// of one scan date found there, and a planar MIBG timepoint scored by clicking the ground-truth
// foci (tests/mibg/TruthFoci) in a scoring widget.

#include <QString>
#include <QStringList>
#include <string>

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

// Clicks every MIBG-avid truth focus on the view it is clearer on (Shift for soft tissue) and
// sets the diffuse segments, as tests/mibg/MibgScoringGuiTest does. Returns the interactions.
int scoreByClicks(nbra::viewer::mibg::MibgScoringWidget& widget,
                  const nbra::mibg::testing::TruthTimepoint& tp);

// The widget's Curie and SIOPEN segment scores and totals equal the truth's (gtest failures
// naming the segment otherwise).
void expectTruthScores(const nbra::viewer::mibg::MibgScoringWidget& widget,
                       const nbra::mibg::testing::TruthTimepoint& tp);

}  // namespace nbra::trial::testing
