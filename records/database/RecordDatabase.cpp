#include "records/database/RecordDatabase.h"

#include <QSqlError>
#include <QUrl>
#include <QUuid>

#include "records/database/Transaction.h"
#include "records/schema/Migrations.h"

namespace nbra::records {
namespace {

RecordError storageFailure(const QString& where, const QString& what) {
  return RecordError(RecordErrorKind::Storage,
                     QString("trial record %1: %2").arg(where, what).toStdString());
}

bool isPostgresUrl(const QString& location) {
  return location.startsWith("postgresql://") || location.startsWith("postgres://");
}

}  // namespace

RecordDatabase::RecordDatabase(const QString& location, OpenMode mode)
    : connectionName_("nbra-record-" + QUuid::createUuid().toString(QUuid::WithoutBraces)) {
  if (isPostgresUrl(location)) {
    openPostgres(location);
  } else {
    openSqlite(location);
  }
  if (mode == OpenMode::VerifyOnly) {
    requireCurrentSchema();
  } else {
    migrate();
  }
}

void RecordDatabase::requireCurrentSchema() {
  const int found = schemaVersion();  // 0 also when there is no record_meta at all
  if (found == 0) {
    throw storageFailure(displayName_, "not a trial record (it has no schema version)");
  }
  if (found > kSchemaVersion) {
    throw storageFailure(displayName_,
                         QString("written by a newer NBRA (schema version %1; this one knows up to "
                                 "%2). Verify it with that NBRA.")
                             .arg(found)
                             .arg(kSchemaVersion));
  }
  if (found < kSchemaVersion) {
    throw storageFailure(
        displayName_,
        QString("schema version %1 is older than this NBRA's %2: the record needs migrating, "
                "which verification never does (it only reads). Open it once with an nbra-cli "
                "record command, or verify it with the NBRA that wrote it.")
            .arg(found)
            .arg(kSchemaVersion));
  }
}

RecordDatabase::~RecordDatabase() {
  db_.close();
  db_ = QSqlDatabase();
  QSqlDatabase::removeDatabase(connectionName_);
}

void RecordDatabase::openSqlite(const QString& path) {
  backend_ = Backend::Sqlite;
  displayName_ = path;
  if (!QSqlDatabase::isDriverAvailable("QSQLITE")) {
    throw storageFailure(path, "the Qt SQLite driver (QSQLITE) is not installed");
  }
  db_ = QSqlDatabase::addDatabase("QSQLITE", connectionName_);
  db_.setDatabaseName(path);
  // Wait up to 5 s for another writer before reporting the record as locked.
  db_.setConnectOptions("QSQLITE_BUSY_TIMEOUT=5000");
  if (!db_.open()) {
    throw storageFailure(path, "cannot open: " + db_.lastError().text());
  }
  // WAL + synchronous=FULL: a COMMIT returns only once the transaction is on disk, and a crash
  // at any point leaves the last committed state. foreign_keys is off by default in SQLite.
  QSqlQuery q(db_);
  if (!q.exec("PRAGMA journal_mode=WAL") || !q.next() ||
      q.value(0).toString().compare("wal", Qt::CaseInsensitive) != 0) {
    throw storageFailure(
        path, "not a usable database (cannot switch to WAL mode): " + q.lastError().text());
  }
  run("PRAGMA synchronous=FULL");
  run("PRAGMA foreign_keys=ON");
}

void RecordDatabase::openPostgres(const QString& urlText) {
  backend_ = Backend::Postgres;
  const QUrl url(urlText);
  QUrl shown = url;
  shown.setPassword({});
  displayName_ = shown.toString();
  if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2) {
    throw storageFailure(displayName_,
                         "expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
  }
  if (!QSqlDatabase::isDriverAvailable("QPSQL")) {
    throw storageFailure(displayName_,
                         "the Qt PostgreSQL driver (QPSQL, Debian package libqt6sql6-psql) is "
                         "not installed");
  }
  db_ = QSqlDatabase::addDatabase("QPSQL", connectionName_);
  db_.setHostName(url.host());
  db_.setPort(url.port(5432));
  db_.setDatabaseName(url.path().mid(1));
  db_.setUserName(url.userName());
  db_.setPassword(url.password());
  db_.setConnectOptions("connect_timeout=10");
  if (!db_.open()) {
    throw storageFailure(displayName_, "cannot connect: " + db_.lastError().text());
  }
  run("SET client_min_messages TO WARNING");
}

int RecordDatabase::schemaVersion() const {
  QSqlQuery q(db_);
  if (q.exec("SELECT value FROM record_meta WHERE key = 'schema_version'") && q.next()) {
    return q.value(0).toInt();
  }
  return 0;
}

void RecordDatabase::migrate() {
  QSqlQuery q(db_);
  if (!q.exec(
          "CREATE TABLE IF NOT EXISTS record_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")) {
    throw storageFailure(displayName_, "not a usable database: " + q.lastError().text());
  }
  int found = schemaVersion();
  if (found > kSchemaVersion) {
    throw storageFailure(displayName_,
                         QString("written by a newer NBRA (schema version %1; this one knows up to "
                                 "%2). Use that NBRA: a record is never downgraded.")
                             .arg(found)
                             .arg(kSchemaVersion));
  }
  if (found == 0) {
    Transaction t(*this);
    run("INSERT INTO record_meta(key, value) VALUES('schema_version', '1')");
    t.commit();
    found = 1;
  }
  for (const Migration& m : migrations()) {
    if (m.to <= found) {
      continue;
    }
    // Each step is one transaction (SQLite and PostgreSQL both have transactional DDL): a crash
    // halfway leaves the previous version, and the next open retries the step.
    Transaction t(*this);
    for (const QString& statement : m.statements) {
      run(dialect(statement, backend_));
    }
    for (const QString& statement :
         backend_ == Backend::Sqlite ? m.sqliteStatements : m.postgresStatements) {
      run(statement);
    }
    run("UPDATE record_meta SET value = ? WHERE key = 'schema_version'", {QString::number(m.to)});
    t.commit();
    found = m.to;
  }
}

QSqlQuery RecordDatabase::run(const QString& sql, const QVariantList& bindings) {
  QSqlQuery q(db_);
  if (bindings.isEmpty()) {
    // Unprepared: PostgreSQL cannot prepare utility statements (SET, CREATE FUNCTION ...).
    if (!q.exec(sql)) {
      throw errorFrom(q.lastError(), "running: " + sql.left(60));
    }
    return q;
  }
  if (!q.prepare(sql)) {
    throw errorFrom(q.lastError(), "preparing: " + sql.left(60));
  }
  for (const QVariant& v : bindings) {
    q.addBindValue(v);
  }
  if (!q.exec()) {
    throw errorFrom(q.lastError(), "running: " + sql.left(60));
  }
  return q;
}

RecordError RecordDatabase::errorFrom(const QSqlError& error, const QString& doing) const {
  const QString code = error.nativeErrorCode();
  const QString text = error.text();
  const QString lower = text.toLower();
  // SQLite result codes 5/6 (busy/locked), 13 (full); PostgreSQL SQLSTATE 55P03/40P01 (lock),
  // 53100 (disk full), 23xxx (constraint).
  if (code == "5" || code == "6" || code == "55P03" || code == "40P01" ||
      lower.contains("database is locked")) {
    return storageFailure(
        displayName_,
        "is locked by another program or user; nothing was saved, try again (" + text + ")");
  }
  if (code == "13" || code == "53100" || lower.contains("disk is full") ||
      lower.contains("no space left")) {
    return storageFailure(
        displayName_,
        "the disk is full; nothing was saved. Free space and try again (" + text + ")");
  }
  if (code == "19" || code.startsWith("23") || lower.contains("constraint") ||
      lower.contains("unique")) {
    return RecordError(
        RecordErrorKind::Conflict,
        QString("trial record %1: %2 (%3)").arg(displayName_, text, doing).toStdString());
  }
  return storageFailure(displayName_, text + " (" + doing + ")");
}

}  // namespace nbra::records
