#pragma once

// The journal file's content, written and read here only. A journal file is left behind by a
// crash, so it may be cut short, from another NBRA, or damaged: reading it gives an entry or a
// problem, never an exception, and a file that reads is also plausible (key complete, saved in
// the past, ids positive), so that nothing implausible is ever offered to a reader.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <chrono>
#include <optional>

#include "workflow/journal/JournalEntry.h"

namespace nbra::workflow {

inline constexpr int kJournalFormatVersion = 1;
// A draft holds marks and a lesion table: a few hundred kB at most. A larger file is damage (or
// not ours) and is never read into memory.
inline constexpr qint64 kMaxJournalFileBytes = 32LL * 1024 * 1024;
// Clocks differ a little; a draft "saved" further ahead than this is implausible.
inline constexpr std::chrono::hours kJournalFutureTolerance{24};

QJsonObject journalEntryToJson(const JournalEntry& entry);
QByteArray journalEntryToBytes(const JournalEntry& entry);

struct JournalParse {
  std::optional<JournalEntry> entry;
  QString fileName;
  QString problem;  // what is wrong, when there is no entry

  // "<file>: <problem>".
  QString error() const { return fileName + ": " + problem; }
};

// Reads one journal file's bytes. `fileName` is only for the message; `now` is the clock the
// "saved in the future" check uses (a parameter, so that a fuzzer's run is repeatable).
JournalParse parseJournalEntry(
    const QByteArray& bytes, const QString& fileName,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace nbra::workflow
