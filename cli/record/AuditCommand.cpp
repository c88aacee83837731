#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <utility>
#include <vector>

#include "cli/CliOutput.h"
#include "cli/record/RecordArgs.h"
#include "cli/record/RecordCommand.h"
#include "records/audit/AuditTrail.h"
#include "workflow/reads/ReadConsistency.h"

namespace nbra::cli {

// The exit code for a broken chain: distinct from bad input (2), as the issue asks.
inline constexpr int kExitAuditBroken = 3;

int runAudit(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  RecordArgs a(args);
  if (a.positional() != QStringList{"verify"} || !a.error().isEmpty() ||
      !a.unknown({"--anchor"}).isEmpty()) {
    return printError(out, "audit",
                      "usage: nbra-cli audit verify [--db LOCATION] [--anchor SEQ:HASH]...");
  }
  // Anchors printed on reports: entry SEQ must still carry HASH.
  std::vector<std::pair<qint64, QString>> anchors;
  for (const QString& anchor : a.values("--anchor")) {
    bool ok = false;
    const qint64 seq = anchor.section(':', 0, 0).toLongLong(&ok);
    const QString hash = anchor.section(':', 1).toLower();
    if (!ok || seq < 1 || hash.size() != 64) {
      return printError(out, "audit verify",
                        "--anchor '" + anchor + "' is not SEQ:HASH (entry number, 64 hex digits)");
    }
    anchors.emplace_back(seq, hash);
  }
  const QString location = recordLocation(a);
  if (!location.contains("://") && !QFileInfo::exists(location)) {
    return printError(out, "audit verify", "no trial record at " + location, location);
  }
  try {
    // Verification only reads: an older record is refused, never migrated (a write).
    records::RecordDatabase db(location, records::OpenMode::VerifyOnly);
    records::AuditVerdict v = records::verifyAudit(db);
    for (const auto& [seq, hash] : anchors) {
      const QString found = records::auditHashOf(db, seq);
      if (v.intact && found != hash) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.message = found.isEmpty()
                        ? QString("audit entry %1 of the anchor no longer exists").arg(seq)
                        : QString(
                              "audit entry %1 no longer has the anchored hash: the trail was "
                              "rewritten from there on or before")
                              .arg(seq);
      }
    }
    // The chain and the rows can be intact while a read's kept forms tell two stories (written
    // by an older NBRA, or by plain SQL that also forged the trail): each read is checked too.
    const std::vector<workflow::ReadCheck> reads = workflow::checkStoredReads(db);
    QJsonArray readsDisagreeing;
    for (const workflow::ReadCheck& r : reads) {
      if (!r.disagreements.isEmpty()) {
        readsDisagreeing.append(r.describe());
      }
    }
    if (!readsDisagreeing.isEmpty() && v.intact) {
      v.intact = false;
      v.message = readsDisagreeing.first().toString();
    }
    const records::AuditAnchor head = records::auditHead(db);
    QJsonObject result{{"record", db.displayName()},
                       {"intact", v.intact},
                       {"entriesVerified", static_cast<double>(v.entries)},
                       {"anchorsChecked", static_cast<int>(anchors.size())},
                       {"headEntry", static_cast<double>(head.seq)},
                       {"headHash", head.hash},
                       {"rowsChecked", static_cast<double>(v.rowsChecked)},
                       {"readsChecked", static_cast<int>(reads.size())},
                       {"passwordHashesUnchecked", static_cast<double>(v.hashesUnchecked)}};
    if (!v.intact) {
      result["firstBadEntry"] = static_cast<double>(v.firstBadSeq);
      result["message"] = v.message;
      if (!readsDisagreeing.isEmpty()) {
        result["readsDisagreeing"] = readsDisagreeing;
      }
      if (!v.rowMismatches.isEmpty()) {
        result["rowsDiffering"] = QJsonArray::fromStringList(v.rowMismatches);
      }
    }
    printJson(out, QJsonObject{{"audit", result}});
    return v.intact ? kExitOk : kExitAuditBroken;
  } catch (const records::RecordError& e) {
    return printError(out, "audit verify", QString::fromStdString(e.what()), location);
  }
}

}  // namespace nbra::cli
