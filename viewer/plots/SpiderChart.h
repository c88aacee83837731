#pragma once

#include "workflow/results/TrialResults.h"

class QChart;

namespace nbra::viewer::plots {

// A spider plot: one line per subject of the % change of the sum of target diameters against
// the day on study, starting at 0 % at the baseline, coloured by arm, with point markers and
// the subject id and best response beside the line's last point (EndLabels); dashed lines at +20 %
// (PD) and -30 % (PR). Each subject's line carries the property "studyId". The caller owns the
// chart. Throws PlotError when no subject has a follow-up % change.
QChart* makeSpiderChart(const workflow::TrialResults& results);

}  // namespace nbra::viewer::plots
