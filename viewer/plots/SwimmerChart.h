#pragma once

#include "workflow/results/TrialResults.h"

class QChart;

namespace nbra::viewer::plots {

// A swimmer plot: one horizontal bar per subject from day 0 to daysOnStudy, coloured by arm,
// longest on top; injections marked by triangles at their days, the baseline scan by a diamond
// and each assessed follow-up by a circle labelled with its INRC response (one scatter series
// per category, named "assessment: PR"). The injection series is named "injection". The
// caller owns the chart. Throws PlotError when no subject has any time on study to draw.
QChart* makeSwimmerChart(const workflow::TrialResults& results);

}  // namespace nbra::viewer::plots
