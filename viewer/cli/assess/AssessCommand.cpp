#include "viewer/cli/assess/AssessCommand.h"

#include <QTextStream>

#include "viewer/cli/CliOutput.h"

namespace nbra::cli {

int runAssess(const QStringList& /*args*/, QTextStream& out, QTextStream& /*err*/) {
  // Placeholder until the rules engine (issue 3) lands: say so plainly rather than pretend.
  return printError(out, "assess", "not available yet: the clinical rules engine is being built");
}

}  // namespace nbra::cli
