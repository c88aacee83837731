#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include "records/database/RecordError.h"

namespace nbra::records {

enum class Backend { Sqlite, Postgres };

// Migrate: the normal open, which runs the forward migrations. VerifyOnly: for checking a record
// (audit verify), which must not change it: no migration runs, and a record that would need one
// is refused with a message instead.
enum class OpenMode { Migrate, VerifyOnly };

// A connection to the trial record (the record of truth: never rebuilt, never silently replaced).
// `location` is an SQLite file path, or postgresql://USER[:PASSWORD]@HOST:PORT/DBNAME for the
// central-review server. Opening runs the forward migrations up to kSchemaVersion; a record from
// a newer NBRA is refused, never downgraded. SQLite runs in WAL mode with synchronous=FULL so
// that a committed transaction survives a crash or power loss.
class RecordDatabase {
 public:
  static constexpr int kSchemaVersion = 12;

  // Throws RecordError (Storage) naming the location when the driver is missing, the database
  // cannot be opened, is not a database, or is from a newer NBRA.
  explicit RecordDatabase(const QString& location, OpenMode mode = OpenMode::Migrate);
  ~RecordDatabase();
  RecordDatabase(const RecordDatabase&) = delete;
  RecordDatabase& operator=(const RecordDatabase&) = delete;

  Backend backend() const { return backend_; }
  // The location without any password, for messages.
  const QString& displayName() const { return displayName_; }
  int schemaVersion() const;
  QSqlDatabase& connection() { return db_; }

  // Prepares and runs one statement with positional bindings. Throws RecordError naming the
  // database: Storage for locked/busy/disk-full conditions, Conflict for constraint violations.
  QSqlQuery run(const QString& sql, const QVariantList& bindings = {});

  // A fresh error for this database, with the driver's message translated where we know it.
  RecordError errorFrom(const QSqlError& error, const QString& doing) const;

 private:
  void openSqlite(const QString& path);
  void openPostgres(const QString& url);
  void migrate();
  void requireCurrentSchema();

  Backend backend_ = Backend::Sqlite;
  QString displayName_;
  QString connectionName_;
  QSqlDatabase db_;
};

}  // namespace nbra::records
