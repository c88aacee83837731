#pragma once

#include <QJsonObject>

#include "scoring/model/Timepoint.h"

namespace nbra::workflow {

// The one writer of the case format's timepoint (scoring/schema/case.schema.json), the inverse
// of parseCase for one timepoint: what is absent in the model is absent in the JSON, defaults
// are left out, and a not-evaluable lesion carries no lengths. label, kind, date and
// injectionsBefore are written too; a caller assembling a case from the record sets them.
QJsonObject timepointToJson(const scoring::Timepoint& timepoint);

}  // namespace nbra::workflow
