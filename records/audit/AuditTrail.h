#pragma once

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <functional>

#include "records/database/RecordDatabase.h"

namespace nbra::records {

// One entry of the append-only audit trail: who did what to which record, when (UTC), the old
// and new values (compact JSON) and why. `hash` is SHA-256 over every other field including
// `prevHash`, the previous entry's hash, so the entries form a chain: editing, deleting or
// reordering a row breaks it.
struct AuditEntry {
  qint64 seq = 0;
  QString atUtc;
  QString userName;
  QString action;  // insert, update, delete, sign, create-user, ...
  QString tableName;
  QString recordId;
  QString oldValues;
  QString newValues;
  QString reason;
  QString prevHash;
  QString hash;
};

// The audit_log columns in AuditEntry order, for `SELECT <these> FROM audit_log ...`, and the
// entry a row of such a query holds: one place that knows the table's shape.
QString auditColumns();
AuditEntry auditEntryFromRow(const QSqlQuery& row);

// The hash an entry must carry (hex SHA-256 of its length-prefixed fields).
QString auditHash(const AuditEntry& entry);

// Compact JSON of a row's values, the form the trail stores.
QString auditValues(const QVariantMap& values);

// What the trail records instead of a password hash: "sha256:" and the hex SHA-256 of the whole
// Argon2id string. The string holds its random salt, so the fingerprint alone lets nobody test
// password guesses, yet `verifyAudit` can tell whether a row's hash is the one NBRA wrote.
inline const QString kPasswordFingerprintPrefix = QStringLiteral("sha256:");
QString passwordFingerprint(const QString& passwordHash);

// Appends `entry` (its seq, time, prevHash and hash are filled in here). Must run inside the
// Transaction of the change it describes, so both commit or neither does. The chain head (last
// seq and hash) is kept in record_meta too, so deleting the newest entries is detected.
void appendAudit(RecordDatabase& db, AuditEntry entry);

struct AuditVerdict {
  bool intact = true;
  qint64 entries = 0;
  qint64 firstBadSeq = 0;  // 0 when intact, or when the head or a row (not an entry) is at fault
  QString message;
  // The rows re-derived from the trail (AuditReplay.h), and those that differ from it: one
  // message each. A row that differs makes the verdict not intact (firstBadSeq 0).
  qint64 rowsChecked = 0;
  qint64 hashesUnchecked = 0;
  QStringList rowMismatches;
};

// Walks the chain from the first entry and compares its end with the stored head, then replays
// the chain and compares every row of the record with it (AuditReplay.h), all in one read
// snapshot (so a write committed meanwhile by another session is not mistaken for a removed
// entry). Reads only; needs no user; must not be called inside a Transaction.
// `afterChain` runs between the walk and the head read: for tests of the snapshot only.
AuditVerdict verifyAudit(RecordDatabase& db, const std::function<void()>& afterChain = {});

// The newest entry's number and hash (0 and empty for an empty trail). Printed on reports, it
// anchors the chain outside the database: a later rewrite of the whole chain from some entry on
// changes that entry's hash, which the printed anchor then contradicts.
struct AuditAnchor {
  qint64 seq = 0;
  QString hash;
};
AuditAnchor auditHead(RecordDatabase& db);
// The hash entry `seq` has now (empty when there is no such entry).
QString auditHashOf(RecordDatabase& db, qint64 seq);

}  // namespace nbra::records
