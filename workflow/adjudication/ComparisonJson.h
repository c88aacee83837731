#pragma once

// The kept form of a comparison of two reads (read_comparisons.comparison_json): both outcomes
// and every variable with its two values, so that the adjudicator, the reports and the reader
// metrics show what the rules compared without running them again.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <vector>

#include "scoring/adjudication/Discordance.h"

namespace nbra::workflow {

QJsonObject outcomeToJson(const scoring::ReadOutcome& outcome);
scoring::ReadOutcome outcomeFromJson(const QJsonObject& json);

struct StoredComparison {
  scoring::ReadOutcome outcomeA;
  scoring::ReadOutcome outcomeB;
  std::vector<scoring::VariableDifference> variables;
  bool discordant = false;
};

// Each variable with both values, as kept and as `nbra-cli record reading` prints it.
QJsonArray variablesToJson(const std::vector<scoring::VariableDifference>& variables);

QString comparisonToJson(const scoring::ReadOutcome& a, const scoring::ReadOutcome& b,
                         const scoring::ReadComparison& comparison);
// Tolerant of an empty or foreign text (gives an empty comparison): it comes from the record.
StoredComparison comparisonFromJson(const QString& json);

}  // namespace nbra::workflow
