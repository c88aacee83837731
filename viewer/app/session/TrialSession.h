#pragma once

// The trial record a person signed in to from the workstation: the connection, the record with
// its actor, and where it is (for the title bar, the remembered list and the crash journal).

#include <QString>
#include <memory>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"

namespace nbra::viewer::session {

struct TrialSession {
  QString location;  // as opened (an SQLite path or a postgresql:// URL)
  std::unique_ptr<records::RecordDatabase> database;
  std::unique_ptr<records::TrialRecord> record;
};

// Opens the record at `location` (never creating one: an SQLite path that does not exist is
// refused by name). Throws records::RecordError or std::runtime_error with a sentence to show.
std::unique_ptr<TrialSession> openTrialRecord(const QString& location);

// Creates a new SQLite trial record at `path` (refused when a file is there) with its first
// administrator, signed in.
std::unique_ptr<TrialSession> createTrialRecord(const QString& path, const QString& userName,
                                                const QString& fullName, const QString& password);

}  // namespace nbra::viewer::session
