#pragma once

#include <QJsonObject>

#include "scoring/model/Case.h"
#include "scoring/model/Timepoint.h"

namespace nbra::workflow {

// The one writer of the case format's timepoint (scoring/schema/case.schema.json), the inverse
// of parseCase for one timepoint: what is absent in the model is absent in the JSON, defaults
// are left out, and a not-evaluable lesion carries no lengths. label, kind, date and
// injectionsBefore are written too; a caller assembling a case from the record sets them.
QJsonObject timepointToJson(const scoring::Timepoint& timepoint);

// A whole case: the subject and the timepoints. The settings are not written: a case assembled
// from the trial record runs on the trial's settings, which the assessment output records.
QJsonObject caseToJson(const scoring::Case& kase);

}  // namespace nbra::workflow
