#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

#include "scoring/model/Case.h"

namespace nbra::workflow {

// The result of reading a case file: the case, or one message naming the field at fault
// ("timepoints[1].lesions[0].longAxisMm: expected a number, got a string").
struct CaseParseResult {
  std::optional<scoring::Case> value;
  QString error;
};

// Parses the JSON case format documented in scoring/schema/case.schema.json. Unknown fields are
// errors (a misspelt field must not silently fall back to a default). Values are converted as
// they are; the clinical validation is scoring::validateCase's job.
CaseParseResult parseCase(const QByteArray& json);

}  // namespace nbra::workflow
