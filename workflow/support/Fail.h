#pragma once

#include <QString>

#include "records/database/RecordError.h"

namespace nbra::workflow {

// The core reports a failure as the record does: a RecordError of the right kind, whose message
// names the subject, timepoint, file or field at fault.
[[noreturn]] inline void fail(records::RecordErrorKind kind, const QString& message) {
  throw records::RecordError(kind, message.toStdString());
}

}  // namespace nbra::workflow
