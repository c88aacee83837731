#pragma once

// The JSON of the reading commands (cli/record/ReadingCommand.h): the design, a timepoint's
// reading status, the adjudicator's view, the worklist and the reader metrics. Kept apart from
// the commands so that what a command prints can be read in one place, and so that the rule
// "the adjudicator's view names no reader" is checked where the view is written.

#include <QJsonArray>
#include <QJsonObject>
#include <vector>

#include "records/store/ReadingRecords.h"
#include "workflow/adjudication/AdjudicationCase.h"
#include "workflow/adjudication/ReaderMetricsReport.h"
#include "workflow/adjudication/Worklist.h"

namespace nbra::cli {

QJsonObject designJson(const records::ReadingDesign& design);
QJsonArray assignmentsJson(const std::vector<records::ReadAssignmentRecord>& assignments);
// The comparison's variables and both outcomes, as the rules kept them.
QJsonObject comparisonJson(const records::ComparisonRecord& comparison);
QJsonObject readingStatusJson(const records::ReadingStatus& status);
// The two reads as "read-A" and "read-B": ids, versions and content, never who read them (the
// reader names are not even looked at, so an investigator's view is as anonymous as the
// adjudicator's).
QJsonObject adjudicationCaseJson(const workflow::AdjudicationCase& c);
QJsonObject workItemJson(const workflow::WorkItem& item);
QJsonObject readerMetricsJson(const workflow::ReaderMetricsReport& report);

}  // namespace nbra::cli
