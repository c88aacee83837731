#pragma once

#include <QString>
#include <QStringList>

#include "workflow/results/TrialResults.h"

namespace nbra::viewer::plots {

// The tables of the results PDF as HTML for QTextDocument: by-arm counts and response rates with
// their exact intervals, each subject's response at every assessment and best response, the
// notes, and which plots follow (`drawn`) or were left out and why (`notDrawn`).
QString resultsHtml(const workflow::TrialResults& results, const QStringList& drawn,
                    const QStringList& notDrawn);

}  // namespace nbra::viewer::plots
