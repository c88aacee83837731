#pragma once

#include "workflow/results/TrialResults.h"

class QChart;

namespace nbra::viewer::plots {

enum class WaterfallMeasure {
  SumOfDiameters,  // best % change of the sum of target diameters (bestSumOfDiametersChangePercent)
  CurieRelativeScore,  // best % change of the Curie score, (relative score - 1) x 100
};

// A waterfall plot: one bar per subject with a best % change of `measure`, sorted from the
// largest increase (left) to the deepest decrease (right), coloured by arm, each bar's category
// label the subject and best response. Dashed reference lines at the INRC/RECIST thresholds:
// +20 % (PD) and -30 % (PR) for the sum of diameters, -50 % for the Curie score (bone PR:
// relative score <= 0.5). The caller owns the chart. Throws PlotError when no subject has a
// best % change of the measure.
QChart* makeWaterfallChart(const workflow::TrialResults& results, WaterfallMeasure measure);

// "waterfall (sum of diameters)": how messages and file dialogs name the plot.
QString waterfallName(WaterfallMeasure measure);

}  // namespace nbra::viewer::plots
