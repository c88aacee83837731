#include "viewer/app/session/TrialSession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <stdexcept>

namespace nbra::viewer::session {

namespace {

bool isServerUrl(const QString& location) {
  return location.startsWith("postgresql://") || location.startsWith("postgres://");
}

}  // namespace

std::unique_ptr<TrialSession> openTrialRecord(const QString& location) {
  const QString trimmed = location.trimmed();
  if (trimmed.isEmpty()) {
    throw std::runtime_error("Choose a trial record: an SQLite file or a postgresql:// address.");
  }
  // Opening a file that is not there would create an empty record: refuse, naming the path.
  if (!isServerUrl(trimmed)) {
    const QFileInfo file(trimmed);
    if (!file.exists()) {
      throw std::runtime_error(
          QString("There is no trial record at '%1'. Choose an existing record, or create a new "
                  "one with New record…")
              .arg(trimmed)
              .toStdString());
    }
    if (file.isDir()) {
      throw std::runtime_error(
          QString("'%1' is a folder, not a trial record file.").arg(trimmed).toStdString());
    }
  }
  auto session = std::make_unique<TrialSession>();
  session->location = trimmed;
  session->database = std::make_unique<records::RecordDatabase>(trimmed);
  session->record = std::make_unique<records::TrialRecord>(*session->database);
  return session;
}

std::unique_ptr<TrialSession> createTrialRecord(const QString& path, const QString& userName,
                                                const QString& fullName, const QString& password) {
  const QString trimmed = path.trimmed();
  if (trimmed.isEmpty() || isServerUrl(trimmed)) {
    throw std::runtime_error(
        "A new trial record is created as an SQLite file here; a PostgreSQL record is created "
        "by its database administrator (docs/deployment.md).");
  }
  if (QFileInfo::exists(trimmed)) {
    throw std::runtime_error(
        QString("'%1' already exists: a new record never replaces a file. Open it instead, or "
                "choose another name.")
            .arg(trimmed)
            .toStdString());
  }
  if (!QFileInfo(trimmed).absoluteDir().exists()) {
    throw std::runtime_error(
        QString("The folder of '%1' does not exist.").arg(trimmed).toStdString());
  }
  auto session = std::make_unique<TrialSession>();
  session->location = trimmed;
  session->database = std::make_unique<records::RecordDatabase>(trimmed);
  session->record = std::make_unique<records::TrialRecord>(*session->database);
  try {
    session->record->bootstrapAdministrator(userName, fullName, password);
  } catch (...) {
    // A refused administrator (a password too short, say) leaves no half-made record behind.
    session.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      QFile::remove(trimmed + suffix);
    throw;
  }
  return session;
}

}  // namespace nbra::viewer::session
