#pragma once

#include <QSqlDatabase>
#include <QString>

namespace nbra::records {

// A connection to the trial record (the record of truth: never rebuilt, never silently
// replaced). This foundation opens it and stamps its schema version; the reading, decision and
// audit tables arrive with the trial-record work.
class RecordDatabase {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating if absent) an SQLite trial record. Throws std::runtime_error naming the file
  // when the Qt SQLite driver is missing, the file cannot be opened, or it is from a newer NBRA.
  explicit RecordDatabase(const QString& sqlitePath);
  ~RecordDatabase();
  RecordDatabase(const RecordDatabase&) = delete;
  RecordDatabase& operator=(const RecordDatabase&) = delete;

  int schemaVersion() const;
  QSqlDatabase& connection() { return db_; }

 private:
  QString connectionName_;
  QSqlDatabase db_;
};

}  // namespace nbra::records
