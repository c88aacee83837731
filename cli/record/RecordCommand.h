#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// `nbra-cli record SUBCOMMAND ...`: the trial record, headless (see docs/records.md).
int runRecord(const QStringList& args, QTextStream& out, QTextStream& err);

// `nbra-cli audit verify [--db LOCATION]`: 0 when the audit chain is intact, 3 naming the first
// bad entry when it is not.
int runAudit(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
