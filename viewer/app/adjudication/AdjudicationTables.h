#pragma once

// The adjudication window's three comparisons as tables, from the workflow's case (no record, no
// rule here): the variables the rules compared, the lesions aligned by tracking id, and the MIBG
// segment scores of one scale. Read A's values in blue and read B's in orange throughout; rows
// that differ highlighted, and the difference always named in words.

#include <QString>
#include <QStringList>
#include <vector>

#include "workflow/adjudication/AdjudicationCase.h"
#include "workflow/adjudication/ComparisonJson.h"

class QTableWidget;

namespace nbra::viewer::adjudication {

QStringList variableHeaders();  // Variable, Read A, Read B, Result
QStringList lesionHeaders();    // Tracking id, Site, A long, A short, B long, B short, Differences
QStringList segmentHeaders();   // Segment, Read A, Read B, Differs

inline constexpr int kLesionDifferencesColumn = 6;

void fillVariables(QTableWidget* table, const workflow::StoredComparison& comparison);
void fillLesions(QTableWidget* table, const std::vector<workflow::LesionPair>& lesions);
// The segments of `scale` ("curie" or "siopen"); returns how many differ.
int fillSegments(QTableWidget* table, const std::vector<workflow::SegmentPair>& segments,
                 const QString& scale);

}  // namespace nbra::viewer::adjudication
