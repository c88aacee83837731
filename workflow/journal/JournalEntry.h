#pragma once

// One unsaved read draft as the crash journal keeps it (docs/reading.md, "Autosave and the crash
// journal"): whose read it is (the key), when it was written, which stored read it started from,
// and the workstation's own payload, which the journal carries without reading it.

#include <QJsonObject>
#include <QString>
#include <chrono>
#include <optional>

namespace nbra::workflow {

// A draft is one reader's reading of one timepoint of one subject in one record. The record
// location is kept without any password (journalRecordLocation), so the key on disk is the same
// whether or not the password was in the URL the workstation was given.
struct JournalKey {
  QString recordLocation;  // SQLite path or postgresql:// URL
  QString userName;
  QString subjectStudyId;
  QString timepointLabel;

  friend bool operator==(const JournalKey&, const JournalKey&) = default;
};

struct JournalEntry {
  JournalKey key;
  // Kept to the millisecond (ISO 8601 UTC in the file).
  std::chrono::system_clock::time_point savedUtc;
  // The stored read the draft was based on, when there was one (a new read has none).
  std::optional<qint64> basedOnReadId;
  std::optional<qint64> basedOnReadVersion;
  // The workstation's marks and lesion table, carried as they are.
  QJsonObject draft;
  QString note;  // free text, e.g. "follow-up of baseline"
};

// The record location as the journal keeps it: a postgresql:// (or postgres://) URL without its
// password (neither in the user part nor as a `password` query item); an SQLite path made
// absolute, so that the same file opened from another folder has the same key.
QString journalRecordLocation(const QString& location);

// The key with its record location in the journal's form.
JournalKey normalisedJournalKey(const JournalKey& key);

// The journal file name of a key: the SHA-256 (hex) of its normalised fields, + ".json". A hash,
// so that no subject id or user name is in a file name and any text makes a valid name.
QString journalFileName(const JournalKey& key);

}  // namespace nbra::workflow
