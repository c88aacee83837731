#include "workflow/journal/DraftJournal.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>
#include <tuple>

#include "workflow/journal/JournalJson.h"

namespace nbra::workflow {
namespace {

constexpr QFileDevice::Permissions kOwnerFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Only names the journal writes are its files: QSaveFile's temporary files and anything else
// someone put in the folder are left alone.
bool isJournalFileName(const QString& name) {
  static const QRegularExpression pattern("^[0-9a-f]{64}\\.json$");
  return pattern.match(name).hasMatch();
}

// Creates the folder owner-only. Its parents, when missing, are ordinary folders; an existing
// folder keeps the permissions it has (it may be one the user chose with NBRA_JOURNAL_DIR).
QString ensureFolder(const QString& directory) {
  const QFileInfo info(directory);
  if (info.isDir()) {
    return {};
  }
  if (info.exists()) {
    return directory + ": not a folder, so it cannot hold the draft journal";
  }
  const QString parent = info.absolutePath();
  if (!QDir().mkpath(parent) || !QDir(parent).mkdir(info.fileName(), kOwnerFolder)) {
    if (!QFileInfo(directory).isDir()) {  // another process may have made it meanwhile
      return directory + ": cannot create the draft journal folder";
    }
  }
  return {};
}

}  // namespace

QString JournalProblem::message() const {
  return fileName + ": " + problem +
         (movedAsideTo.isEmpty() ? QString("; it could not be moved aside")
                                 : "; moved aside to " + movedAsideTo);
}

DraftJournal::DraftJournal(QString directory) : directory_(std::move(directory)) {}

QString DraftJournal::defaultDirectory() {
  const QString fromEnvironment = qEnvironmentVariable("NBRA_JOURNAL_DIR");
  if (!fromEnvironment.isEmpty()) {
    return fromEnvironment;
  }
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
  return data.isEmpty() ? QString() : data + "/journal";
}

QString DraftJournal::filePath(const JournalKey& key) const {
  return QDir(directory_).filePath(journalFileName(key));
}

JournalWrite DraftJournal::write(const JournalEntry& entry) {
  JournalWrite result;
  if (directory_.isEmpty()) {
    result.error = "no folder for the draft journal (set NBRA_JOURNAL_DIR)";
    return result;
  }
  result.fileName = filePath(entry.key);
  const QByteArray bytes = journalEntryToBytes(entry);
  // What is written must read back: an entry the journal would refuse after a crash is refused
  // now, while the workstation can still say so.
  const JournalParse check = parseJournalEntry(bytes, result.fileName);
  if (!check.entry) {
    result.error = check.fileName + ": draft not written to the journal: " + check.problem;
    return result;
  }
  if (const QString folderError = ensureFolder(directory_); !folderError.isEmpty()) {
    result.error = folderError;
    return result;
  }
  QSaveFile file(result.fileName);
  // A new file would get 0666 less the umask: make it the owner's before a byte is written.
  if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerFile) ||
      file.write(bytes) != bytes.size() || !file.commit()) {
    result.error =
        result.fileName + ": cannot write the draft journal entry: " + file.errorString();
    file.cancelWriting();
    return result;
  }
  // (Qt adds the "User" flags, the same bits seen as the current user: only Owner/Group/Other
  // are the file's mode.)
  const QFileDevice::Permissions mode =
      QFile::permissions(result.fileName) &
      ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
  if (mode != kOwnerFile && !QFile::setPermissions(result.fileName, kOwnerFile)) {
    result.error = result.fileName + ": written, but cannot be made readable by its owner only";
    return result;
  }
  result.ok = true;
  return result;
}

bool DraftJournal::remove(const JournalKey& key) {
  const QString path = filePath(key);
  return !QFileInfo::exists(path) || QFile::remove(path);
}

std::optional<JournalEntry> DraftJournal::find(const JournalKey& key) {
  if (directory_.isEmpty()) {
    return std::nullopt;
  }
  return load(filePath(key), normalisedJournalKey(key));
}

std::vector<JournalEntry> DraftJournal::pending(const QString& recordLocation,
                                                const QString& userName) {
  std::vector<JournalEntry> out;
  if (directory_.isEmpty()) {
    return out;
  }
  const QString location = journalRecordLocation(recordLocation);
  const QDir dir(directory_);
  for (const QString& name :
       dir.entryList({"*.json"}, QDir::Files | QDir::System | QDir::Hidden, QDir::Name)) {
    if (!isJournalFileName(name)) {
      continue;
    }
    std::optional<JournalEntry> entry = load(dir.filePath(name), std::nullopt);
    if (entry && entry->key.recordLocation == location && entry->key.userName == userName) {
      out.push_back(std::move(*entry));
    }
  }
  // Newest first; equal times in key order, so that the order never depends on the folder's.
  std::sort(out.begin(), out.end(), [](const JournalEntry& a, const JournalEntry& b) {
    if (a.savedUtc != b.savedUtc) {
      return a.savedUtc > b.savedUtc;
    }
    return std::tie(a.key.subjectStudyId, a.key.timepointLabel) <
           std::tie(b.key.subjectStudyId, b.key.timepointLabel);
  });
  return out;
}

std::optional<JournalEntry> DraftJournal::load(const QString& path,
                                               const std::optional<JournalKey>& expected) {
  const QFileInfo info(path);
  if (!info.exists() && !info.isSymLink()) {
    return std::nullopt;
  }
  if (reported_.count(path) != 0) {
    return std::nullopt;  // reported already and could not be moved aside
  }
  if (!info.isFile()) {
    reject(path, "not a regular file");
    return std::nullopt;
  }
  // The size is checked before reading, so that a huge file is never read into memory.
  if (info.size() > kMaxJournalFileBytes) {
    reject(path, QString("%1 bytes, more than a draft can be (at most %2)")
                     .arg(info.size())
                     .arg(kMaxJournalFileBytes));
    return std::nullopt;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    reject(path, "cannot be read: " + file.errorString());
    return std::nullopt;
  }
  // Bounded even if the file grew since its size was taken.
  const QByteArray bytes = file.read(kMaxJournalFileBytes + 1);
  file.close();
  JournalParse parsed = parseJournalEntry(bytes, path);
  if (!parsed.entry) {
    reject(path, parsed.problem);
    return std::nullopt;
  }
  // The name is the hash of the key: a file whose content holds another key was renamed or
  // edited, and offering it as this read's draft could restore another read's marks.
  if (journalFileName(parsed.entry->key) != info.fileName() ||
      (expected && parsed.entry->key != *expected)) {
    reject(path, "holds the draft of another read (its file name and its key disagree)");
    return std::nullopt;
  }
  return std::move(parsed.entry);
}

void DraftJournal::reject(const QString& path, const QString& problem) {
  JournalProblem p{path, problem, {}};
  QString aside = path + ".corrupt";
  if (QFileInfo::exists(aside) || QFileInfo(aside).isSymLink()) {
    aside =
        path + "." + QDateTime::currentDateTimeUtc().toString("yyyyMMddThhmmsszzz") + ".corrupt";
  }
  if (QFile::rename(path, aside)) {
    p.movedAsideTo = aside;
  } else {
    reported_.insert(path);  // left in place: reported once, not on every look
  }
  problems_.push_back(std::move(p));
}

}  // namespace nbra::workflow
