#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "scoring/assessment/Assessment.h"

namespace nbra::workflow {

// The assessment as JSON (scoring/schema/assessment.schema.json).
QJsonObject assessmentToJson(const scoring::Assessment& assessment);

// Input errors as [{"field", "message"}].
QJsonArray inputErrorsToJson(const std::vector<scoring::InputError>& errors);

}  // namespace nbra::workflow
