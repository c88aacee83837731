#include "records/database/RecordDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <stdexcept>

namespace nbra::records {
namespace {

std::runtime_error failure(const QString& path, const QString& what) {
  return std::runtime_error(QString("trial record %1: %2").arg(path, what).toStdString());
}

}  // namespace

RecordDatabase::RecordDatabase(const QString& sqlitePath)
    : connectionName_("nbra-record-" + QUuid::createUuid().toString(QUuid::WithoutBraces)) {
  if (!QSqlDatabase::isDriverAvailable("QSQLITE")) {
    throw failure(sqlitePath, "the Qt SQLite driver (QSQLITE) is not installed");
  }
  db_ = QSqlDatabase::addDatabase("QSQLITE", connectionName_);
  db_.setDatabaseName(sqlitePath);
  if (!db_.open()) {
    throw failure(sqlitePath, "cannot open: " + db_.lastError().text());
  }
  QSqlQuery q(db_);
  if (!q.exec("CREATE TABLE IF NOT EXISTS record_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")) {
    throw failure(sqlitePath, "not a usable database: " + q.lastError().text());
  }
  const int found = schemaVersion();
  if (found > kSchemaVersion) {
    throw failure(sqlitePath, QString("written by a newer NBRA (schema %1; this one knows %2)")
                                  .arg(found)
                                  .arg(kSchemaVersion));
  }
  if (found == 0) {
    q.prepare("INSERT INTO record_meta(key, value) VALUES('schema_version', ?)");
    q.addBindValue(QString::number(kSchemaVersion));
    if (!q.exec()) {
      throw failure(sqlitePath, "cannot write: " + q.lastError().text());
    }
  }
}

RecordDatabase::~RecordDatabase() {
  db_.close();
  db_ = QSqlDatabase();
  QSqlDatabase::removeDatabase(connectionName_);
}

int RecordDatabase::schemaVersion() const {
  QSqlQuery q(db_);
  if (q.exec("SELECT value FROM record_meta WHERE key = 'schema_version'") && q.next()) {
    return q.value(0).toInt();
  }
  return 0;
}

}  // namespace nbra::records
