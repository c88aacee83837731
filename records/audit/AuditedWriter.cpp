#include "records/audit/AuditedWriter.h"

#include <QSqlRecord>
#include <QStringList>

#include "records/audit/AuditTrail.h"

namespace nbra::records {

qint64 AuditedWriter::insert(const QString& table, const QVariantMap& values,
                             const QString& reason) {
  QStringList columns;
  QStringList marks;
  QVariantList bindings;
  for (auto it = values.cbegin(); it != values.cend(); ++it) {
    columns << it.key();
    marks << "?";
    bindings << it.value();
  }
  // RETURNING works on PostgreSQL and SQLite >= 3.35 alike, unlike lastInsertId().
  QSqlQuery q = db_.run(QString("INSERT INTO %1(%2) VALUES(%3) RETURNING id")
                            .arg(table, columns.join(", "), marks.join(", ")),
                        bindings);
  if (!q.next()) {
    throw RecordError(RecordErrorKind::Storage,
                      QString("trial record %1: no id returned for a new %2 row")
                          .arg(db_.displayName(), table)
                          .toStdString());
  }
  const qint64 id = q.value(0).toLongLong();
  q.finish();
  QVariantMap shown = values;
  if (shown.contains("password_hash")) {
    // A hash still invites guessing; its fingerprint does not, and lets verify check the row.
    shown["password_hash"] = passwordFingerprint(shown.value("password_hash").toString());
  }
  note("insert", table, QString::number(id), shown, reason);
  return id;
}

void AuditedWriter::update(const QString& table, qint64 id, const QVariantMap& changes,
                           const QString& reason) {
  const QVariantMap before = row(table, id);
  QStringList sets;
  QVariantList bindings;
  QVariantMap old;
  for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
    sets << it.key() + " = ?";
    bindings << it.value();
    old.insert(it.key(), before.value(it.key()));
  }
  bindings << id;
  db_.run(QString("UPDATE %1 SET %2 WHERE id = ?").arg(table, sets.join(", ")), bindings);
  AuditEntry e;
  e.userName = userName_;
  e.action = "update";
  e.tableName = table;
  e.recordId = QString::number(id);
  QVariantMap shown = changes;
  if (shown.contains("password_hash")) {
    shown["password_hash"] = passwordFingerprint(shown.value("password_hash").toString());
  }
  e.oldValues = auditValues(old);
  e.newValues = auditValues(shown);
  e.reason = reason;
  appendAudit(db_, e);
}

void AuditedWriter::remove(const QString& table, qint64 id, const QString& reason) {
  const QVariantMap before = row(table, id);
  db_.run(QString("DELETE FROM %1 WHERE id = ?").arg(table), {id});
  AuditEntry e;
  e.userName = userName_;
  e.action = "delete";
  e.tableName = table;
  e.recordId = QString::number(id);
  e.oldValues = auditValues(before);
  e.newValues = "{}";
  e.reason = reason;
  appendAudit(db_, e);
}

void AuditedWriter::note(const QString& action, const QString& table, const QString& recordId,
                         const QVariantMap& values, const QString& reason) {
  AuditEntry e;
  e.userName = userName_;
  e.action = action;
  e.tableName = table;
  e.recordId = recordId;
  e.oldValues = "{}";
  e.newValues = auditValues(values);
  e.reason = reason;
  appendAudit(db_, e);
}

QVariantMap AuditedWriter::row(const QString& table, qint64 id) {
  QSqlQuery q = db_.run(QString("SELECT * FROM %1 WHERE id = ?").arg(table), {id});
  QVariantMap values;
  if (q.next()) {
    const QSqlRecord r = q.record();
    for (int i = 0; i < r.count(); ++i) {
      if (r.fieldName(i) != "id" && r.fieldName(i) != "password_hash") {
        values.insert(r.fieldName(i), r.value(i));
      }
    }
  }
  return values;
}

}  // namespace nbra::records
