#pragma once

#include <QString>

#include "workflow/results/TrialResults.h"

namespace nbra::viewer::plots {

// The results for the trial file: an A4 landscape PDF whose first page(s) hold the tables
// (by-arm counts, the objective response rate and its CR + PR + MR alternative with exact
// intervals, each subject's responses, the notes), then one page per plot: waterfall of the sum
// of diameters, waterfall of the Curie score, spider, swimmer. A plot with nothing to draw is
// left out and named on the first page with the reason. Needs a QApplication (Qt Charts are
// graphics widgets). Throws ExportError naming the file when it cannot be written.
void writeResultsPdf(const workflow::TrialResults& results, const QString& path);

}  // namespace nbra::viewer::plots
