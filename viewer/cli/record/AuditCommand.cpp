#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>

#include "records/audit/AuditTrail.h"
#include "viewer/cli/CliOutput.h"
#include "viewer/cli/record/RecordArgs.h"
#include "viewer/cli/record/RecordCommand.h"

namespace nbra::cli {

// The exit code for a broken chain: distinct from bad input (2), as the issue asks.
inline constexpr int kExitAuditBroken = 3;

int runAudit(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  RecordArgs a(args);
  if (a.positional() != QStringList{"verify"} || !a.error().isEmpty() || !a.unknown({}).isEmpty()) {
    return printError(out, "audit", "usage: nbra-cli audit verify [--db LOCATION]");
  }
  const QString location = recordLocation(a);
  if (!location.contains("://") && !QFileInfo::exists(location)) {
    return printError(out, "audit verify", "no trial record at " + location, location);
  }
  try {
    records::RecordDatabase db(location);
    const records::AuditVerdict v = records::verifyAudit(db);
    QJsonObject result{{"record", db.displayName()},
                       {"intact", v.intact},
                       {"entriesVerified", static_cast<double>(v.entries)}};
    if (!v.intact) {
      result["firstBadEntry"] = static_cast<double>(v.firstBadSeq);
      result["message"] = v.message;
    }
    printJson(out, QJsonObject{{"audit", result}});
    return v.intact ? kExitOk : kExitAuditBroken;
  } catch (const records::RecordError& e) {
    return printError(out, "audit verify", QString::fromStdString(e.what()), location);
  }
}

}  // namespace nbra::cli
