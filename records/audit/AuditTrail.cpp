#include "records/audit/AuditTrail.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <vector>

#include "records/audit/AuditReplay.h"
#include "records/database/Transaction.h"

namespace nbra::records {
namespace {

const QString kGenesisHash(64, QChar('0'));

// Length-prefixed so that moving text from one field to the next changes the hash.
void addField(QByteArray& bytes, const QString& field) {
  const QByteArray utf8 = field.toUtf8();
  bytes += QByteArray::number(utf8.size());
  bytes += ':';
  bytes += utf8;
  bytes += '\n';
}

QString metaValue(RecordDatabase& db, const char* key) {
  QSqlQuery q = db.run("SELECT value FROM record_meta WHERE key = ?", {QString(key)});
  return q.next() ? q.value(0).toString() : QString();
}

void setMetaValue(RecordDatabase& db, const char* key, const QString& value) {
  QSqlQuery q = db.run("UPDATE record_meta SET value = ? WHERE key = ?", {value, QString(key)});
  if (q.numRowsAffected() == 0) {
    db.run("INSERT INTO record_meta(key, value) VALUES(?, ?)", {QString(key), value});
  }
}

}  // namespace

QString auditHash(const AuditEntry& e) {
  QByteArray bytes;
  addField(bytes, QString::number(e.seq));
  for (const QString* f : {&e.atUtc, &e.userName, &e.action, &e.tableName, &e.recordId,
                           &e.oldValues, &e.newValues, &e.reason, &e.prevHash}) {
    addField(bytes, *f);
  }
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString auditValues(const QVariantMap& values) {
  return QString::fromUtf8(
      QJsonDocument(QJsonObject::fromVariantMap(values)).toJson(QJsonDocument::Compact));
}

QString passwordFingerprint(const QString& passwordHash) {
  return kPasswordFingerprintPrefix +
         QString::fromLatin1(
             QCryptographicHash::hash(passwordHash.toUtf8(), QCryptographicHash::Sha256).toHex());
}

void appendAudit(RecordDatabase& db, AuditEntry entry) {
  if (db.backend() == Backend::Postgres) {
    // Two sessions must not both take head + 1; SQLite's write lock already serialises this.
    db.run("LOCK TABLE audit_log IN EXCLUSIVE MODE");
  }
  QSqlQuery last = db.run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  entry.seq = last.next() ? last.value(0).toLongLong() + 1 : 1;
  entry.prevHash = entry.seq == 1 ? kGenesisHash : last.value(1).toString();
  entry.atUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
  entry.hash = auditHash(entry);
  db.run(
      "INSERT INTO audit_log(seq, at_utc, user_name, action, table_name, record_id, old_values, "
      "new_values, reason, prev_hash, hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.seq, entry.atUtc, entry.userName, entry.action, entry.tableName, entry.recordId,
       entry.oldValues, entry.newValues, entry.reason, entry.prevHash, entry.hash});
  setMetaValue(db, "audit_head_seq", QString::number(entry.seq));
  setMetaValue(db, "audit_head_hash", entry.hash);
}

QString auditColumns() {
  return "seq, at_utc, user_name, action, table_name, record_id, old_values, new_values, reason, "
         "prev_hash, hash";
}

AuditEntry auditEntryFromRow(const QSqlQuery& q) {
  AuditEntry e;
  e.seq = q.value(0).toLongLong();
  e.atUtc = q.value(1).toString();
  e.userName = q.value(2).toString();
  e.action = q.value(3).toString();
  e.tableName = q.value(4).toString();
  e.recordId = q.value(5).toString();
  e.oldValues = q.value(6).toString();
  e.newValues = q.value(7).toString();
  e.reason = q.value(8).toString();
  e.prevHash = q.value(9).toString();
  e.hash = q.value(10).toString();
  return e;
}

AuditVerdict verifyAudit(RecordDatabase& db, const std::function<void()>& afterChain) {
  const ReadSnapshot snapshot(db);
  AuditVerdict verdict;
  auto fail = [&verdict](qint64 seq, const QString& message) {
    verdict.intact = false;
    verdict.firstBadSeq = seq;
    verdict.message = message;
    return verdict;
  };
  QSqlQuery q = db.run("SELECT " + auditColumns() + " FROM audit_log ORDER BY seq");
  qint64 expectedSeq = 1;
  QString prevHash = kGenesisHash;
  std::vector<AuditEntry> chain;
  while (q.next()) {
    chain.push_back(auditEntryFromRow(q));
    const AuditEntry& e = chain.back();
    if (e.seq != expectedSeq) {
      return fail(expectedSeq, QString("audit entry %1 is missing (the next entry found is %2)")
                                   .arg(expectedSeq)
                                   .arg(e.seq));
    }
    if (e.prevHash != prevHash) {
      return fail(e.seq, QString("audit entry %1 does not follow entry %2 (previous-hash "
                                 "mismatch: an entry was changed, removed or moved)")
                             .arg(e.seq)
                             .arg(e.seq - 1));
    }
    if (auditHash(e) != e.hash) {
      return fail(e.seq, QString("audit entry %1 (%2 %3 #%4 by %5) was altered: its content does "
                                 "not match its hash")
                             .arg(e.seq)
                             .arg(e.action, e.tableName, e.recordId, e.userName));
    }
    prevHash = e.hash;
    ++expectedSeq;
    ++verdict.entries;
  }
  q.finish();
  if (afterChain) {
    afterChain();
  }
  const QString headSeq = metaValue(db, "audit_head_seq");
  const QString headHash = metaValue(db, "audit_head_hash");
  const QString lastSeq = verdict.entries == 0 ? QString() : QString::number(verdict.entries);
  if (headSeq != lastSeq || (verdict.entries > 0 && headHash != prevHash)) {
    return fail(verdict.entries + 1,
                QString("the audit trail ends at entry %1 but the record's head says %2: the "
                        "newest entries were removed or replaced")
                    .arg(verdict.entries)
                    .arg(headSeq.isEmpty() ? QString("none") : headSeq));
  }
  // The chain is whole; now the rows it describes, in the same snapshot.
  const RowCheck rows = checkRowsAgainstTrail(db, chain);
  verdict.rowsChecked = rows.rowsChecked;
  verdict.hashesUnchecked = rows.hashesUnchecked;
  for (const RowMismatch& m : rows.mismatches) {
    verdict.rowMismatches << m.message;
  }
  if (!rows.mismatches.empty()) {
    verdict.intact = false;
    verdict.message =
        QString("%1 row(s) differ from the audit trail (changed outside NBRA); first: %2")
            .arg(rows.mismatches.size())
            .arg(rows.mismatches.front().message);
  }
  return verdict;
}

AuditAnchor auditHead(RecordDatabase& db) {
  QSqlQuery q = db.run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  return q.next() ? AuditAnchor{q.value(0).toLongLong(), q.value(1).toString()} : AuditAnchor{};
}

QString auditHashOf(RecordDatabase& db, qint64 seq) {
  QSqlQuery q = db.run("SELECT hash FROM audit_log WHERE seq = ?", {seq});
  return q.next() ? q.value(0).toString() : QString();
}

}  // namespace nbra::records
