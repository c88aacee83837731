#pragma once

#include <QString>
#include <QVariantMap>

#include "records/database/RecordDatabase.h"

namespace nbra::records {

// Writes rows and their audit entries together. Every change to the record goes through here,
// inside the caller's Transaction, so no change can reach the database without its entry.
class AuditedWriter {
 public:
  AuditedWriter(RecordDatabase& db, QString userName) : db_(db), userName_(std::move(userName)) {}

  // Inserts a row and returns its id.
  qint64 insert(const QString& table, const QVariantMap& values, const QString& reason);
  // Changes some columns of one row; the entry keeps the old and the new values.
  void update(const QString& table, qint64 id, const QVariantMap& changes, const QString& reason);
  // Deletes one row (only draft content is ever deleted); the entry keeps the old values.
  void remove(const QString& table, qint64 id, const QString& reason);
  // An entry for an event that is not a plain row change (a signature, a login refusal...).
  void note(const QString& action, const QString& table, const QString& recordId,
            const QVariantMap& values, const QString& reason);

 private:
  QVariantMap row(const QString& table, qint64 id);

  RecordDatabase& db_;
  QString userName_;
};

}  // namespace nbra::records
