#pragma once

// The crash journal: a local, per-workstation folder of unsaved read drafts. The workstation's
// autosave writes the reading here every AutosaveSettings::interval; after a crash or kill -9,
// the next start offers the newest entry of the signed-in user's read back (docs/reading.md,
// "Autosave and the crash journal"). The record stays the record of truth: the journal only
// ever holds what was not yet saved to it, and an entry is removed once the read is saved or
// signed.
//
// One file per key (journalFileName), written atomically (QSaveFile: a crash leaves the old
// file or the new one, never half of one), owner-only (0600, folder 0700: a draft holds a
// subject's findings). A file that cannot be read, or that reads as something NBRA would not
// have written, is never offered: it is reported once in problems() and renamed aside to
// *.corrupt. Nothing here throws.

#include <QString>
#include <QStringList>
#include <optional>
#include <set>
#include <vector>

#include "workflow/journal/JournalEntry.h"

namespace nbra::workflow {

struct JournalProblem {
  QString fileName;      // the journal file, as found (full path)
  QString problem;       // what is wrong with it
  QString movedAsideTo;  // its new name, empty when it could not be renamed

  // "<file>: <problem>; moved aside to <name>".
  QString message() const;
};

struct JournalWrite {
  bool ok = false;
  QString fileName;  // the journal file (full path)
  QString error;     // why not, when !ok: names the file or the field

  explicit operator bool() const { return ok; }
};

class DraftJournal {
 public:
  explicit DraftJournal(QString directory);

  // NBRA_JOURNAL_DIR when set, else QStandardPaths::AppLocalDataLocation + "/journal" (empty when
  // Qt knows no such place).
  static QString defaultDirectory();

  const QString& directory() const { return directory_; }
  // The file an entry of this key is written to.
  QString filePath(const JournalKey& key) const;

  // Replaces the key's entry. Creates the folder (0700) when needed. Refuses, with a message, an
  // entry that would not read back (empty key field, a time outside the plausible range, a
  // payload over kMaxJournalFileBytes) and any failure to write; never throws.
  JournalWrite write(const JournalEntry& entry);
  // Removes the key's entry; true when there is none left (also when there was none).
  bool remove(const JournalKey& key);
  // The key's entry, if there is a readable one.
  std::optional<JournalEntry> find(const JournalKey& key);
  // Every readable entry of this record and user, newest first.
  std::vector<JournalEntry> pending(const QString& recordLocation, const QString& userName);

  // The unreadable files found so far by this journal, in the order found, each once.
  const std::vector<JournalProblem>& problems() const { return problems_; }

 private:
  std::optional<JournalEntry> load(const QString& path, const std::optional<JournalKey>& expected);
  void reject(const QString& path, const QString& problem);

  QString directory_;
  std::vector<JournalProblem> problems_;
  std::set<QString> reported_;
};

}  // namespace nbra::workflow
