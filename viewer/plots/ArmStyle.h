#pragma once

#include <QColor>
#include <QString>
#include <vector>

#include "workflow/results/TrialResults.h"

namespace nbra::viewer::plots {

// How an arm looks in every plot: one colour per arm from the Okabe-Ito palette, which stays
// distinguishable with the common colour-vision deficiencies, and grey for a subject whose arm
// was not recorded.
struct ArmStyle {
  QString armCode;  // empty: no arm
  QString legend;   // what the legend says
  QColor color;
};

// The arms of `subjects` in a fixed order (the trial's arms first, then any other code, then
// "no arm"), so a colour and a legend position mean the same arm in every plot.
std::vector<ArmStyle> armStyles(const workflow::TrialResults& results,
                                const std::vector<const workflow::SubjectResult*>& subjects);

// The index into `styles` of the subject's arm.
std::size_t armIndex(const std::vector<ArmStyle>& styles, const workflow::SubjectResult& subject);

}  // namespace nbra::viewer::plots
