// The crash journal (issue 19, "never lose work"): a draft written by the autosave comes back
// exactly, only to its own record and reader, newest first; no password and no other user's
// access reach the disk; and a damaged file is reported once, by name, and put aside, while the
// good drafts beside it still load.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <limits>

#include "workflow/journal/AutosaveSettings.h"
#include "workflow/journal/DraftJournal.h"
#include "workflow/journal/JournalJson.h"

namespace nbra::workflow {
namespace {

using namespace std::chrono_literals;
using std::chrono::system_clock;

system_clock::time_point utc(const char* iso) {
  const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
  return system_clock::time_point(std::chrono::milliseconds(t.toMSecsSinceEpoch()));
}

// Marks and a table as the workstation might keep them, with doubles that only survive a
// shortest-round-trip writer.
QJsonObject awkwardDraft() {
  QJsonArray points{0.1 + 0.2,
                    1.0 / 3.0,
                    -123.456789012345678,
                    5e-324,
                    1.7976931348623157e308,
                    std::nextafter(10.0, 11.0)};
  return QJsonObject{
      {"marks", QJsonArray{QJsonObject{{"kind", "caliper"},
                                       {"pointsMm", points},
                                       {"sopInstanceUid", "1.2.826.0.1.3680043.2.1125.1"},
                                       {"frame", 1},
                                       {"locked", false}}}},
      {"lesionTable", QJsonArray{QJsonObject{{"id", "T1"},
                                             {"lengthMm", 49.88},
                                             {"status", "measured"},
                                             {"comment", "läsion «gauche» — 肝"}}}},
      {"mibgScoring", QJsonObject{{"curie", QJsonValue()}, {"empty", QJsonArray()}}}};
}

JournalEntry entryFor(const QString& record, const QString& user, const QString& subject,
                      const QString& timepoint, system_clock::time_point saved) {
  JournalEntry e;
  e.key = {record, user, subject, timepoint};
  e.savedUtc = saved;
  e.draft = QJsonObject{{"timepoint", timepoint}, {"subject", subject}};
  return e;
}

mode_t modeOf(const QString& path) {
  struct stat st {};
  EXPECT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0) << path.toStdString();
  return st.st_mode & 07777;
}

QStringList filesIn(const QString& dir) {
  return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

class DraftJournalTest : public testing::Test {
 protected:
  QTemporaryDir tmp_;
  QString dir() const { return tmp_.filePath("journal"); }
  QString record() const { return tmp_.filePath("trial.db"); }
};

TEST_F(DraftJournalTest, WriteFindRemoveKeepsTheDraftExactly) {
  DraftJournal journal(dir());
  JournalEntry e = entryFor(record(), "reader1", "NBRA-SYN-001", "baseline", {});
  // Nanoseconds past a millisecond: the journal keeps milliseconds.
  e.savedUtc = utc("2025-03-04T05:06:07.891Z") + 123456ns;
  e.basedOnReadId = 42;
  e.basedOnReadVersion = 3;
  e.draft = awkwardDraft();
  e.note = "follow-up of baseline";

  const JournalWrite written = journal.write(e);
  ASSERT_TRUE(written.ok) << written.error.toStdString();
  EXPECT_EQ(written.fileName, journal.filePath(e.key));
  EXPECT_TRUE(
      QFileInfo(written.fileName).fileName().contains(QRegularExpression("^[0-9a-f]{64}\\.json$")));

  const std::optional<JournalEntry> found = journal.find(e.key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->key, e.key);
  EXPECT_EQ(found->savedUtc, utc("2025-03-04T05:06:07.891Z"));
  EXPECT_EQ(found->basedOnReadId, std::optional<qint64>(42));
  EXPECT_EQ(found->basedOnReadVersion, std::optional<qint64>(3));
  EXPECT_EQ(found->note, e.note);
  EXPECT_EQ(found->draft, e.draft);
  // Equal as JSON and bit for bit in every double.
  EXPECT_EQ(QJsonDocument(found->draft).toJson(QJsonDocument::Compact),
            QJsonDocument(e.draft).toJson(QJsonDocument::Compact));
  const QJsonArray points = found->draft["marks"][0]["pointsMm"].toArray();
  const QJsonArray wanted = e.draft["marks"][0]["pointsMm"].toArray();
  ASSERT_EQ(points.size(), wanted.size());
  for (qsizetype i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].toDouble(), wanted[i].toDouble()) << i;
  }
  // The file says what it is to someone who opens it.
  QFile file(written.fileName);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QJsonObject raw = QJsonDocument::fromJson(file.readAll()).object();
  EXPECT_EQ(raw["savedUtc"].toString(), "2025-03-04T05:06:07.891Z");
  EXPECT_EQ(raw["formatVersion"].toInt(), kJournalFormatVersion);
  EXPECT_EQ(raw["subjectStudyId"].toString(), "NBRA-SYN-001");

  EXPECT_TRUE(journal.remove(e.key));
  EXPECT_FALSE(QFileInfo::exists(written.fileName));
  EXPECT_FALSE(journal.find(e.key));
  EXPECT_TRUE(journal.remove(e.key));  // nothing left is what was asked
  EXPECT_TRUE(journal.problems().empty());
}

TEST_F(DraftJournalTest, ANewWriteOfTheSameKeyReplacesTheOldOne) {
  DraftJournal journal(dir());
  JournalEntry e = entryFor(record(), "reader1", "S1", "baseline", utc("2025-01-01T10:00:00Z"));
  e.draft = QJsonObject{{"marks", 1}};
  ASSERT_TRUE(journal.write(e));
  e.savedUtc += 30s;
  e.draft = QJsonObject{{"marks", 2}};
  e.basedOnReadId = 7;
  ASSERT_TRUE(journal.write(e));

  EXPECT_EQ(filesIn(dir()).size(), 1) << filesIn(dir()).join(", ").toStdString();
  const auto found = journal.find(e.key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->draft, (QJsonObject{{"marks", 2}}));
  EXPECT_EQ(found->savedUtc, utc("2025-01-01T10:00:30Z"));
  EXPECT_EQ(found->basedOnReadId, std::optional<qint64>(7));
}

TEST_F(DraftJournalTest, PendingHoldsOnlyThisRecordAndReaderNewestFirst) {
  DraftJournal journal(dir());
  const QString other = tmp_.filePath("other.db");
  ASSERT_TRUE(
      journal.write(entryFor(record(), "reader1", "S1", "baseline", utc("2025-01-01T10:00:00Z"))));
  ASSERT_TRUE(journal.write(
      entryFor(record(), "reader1", "S1", "after injection 3", utc("2025-01-01T10:05:00Z"))));
  ASSERT_TRUE(
      journal.write(entryFor(record(), "reader1", "S2", "baseline", utc("2025-01-01T09:00:00Z"))));
  ASSERT_TRUE(
      journal.write(entryFor(record(), "reader2", "S1", "baseline", utc("2025-01-01T11:00:00Z"))));
  ASSERT_TRUE(
      journal.write(entryFor(other, "reader1", "S1", "baseline", utc("2025-01-01T12:00:00Z"))));
  ASSERT_TRUE(journal.write(entryFor("postgresql://reader1@db/nbra", "reader1", "S1", "baseline",
                                     utc("2025-01-01T13:00:00Z"))));

  const std::vector<JournalEntry> mine = journal.pending(record(), "reader1");
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].key.timepointLabel, "after injection 3");
  EXPECT_EQ(mine[1].key.subjectStudyId, "S1");
  EXPECT_EQ(mine[1].key.timepointLabel, "baseline");
  EXPECT_EQ(mine[2].key.subjectStudyId, "S2");
  for (const JournalEntry& e : mine) {
    EXPECT_EQ(e.key.recordLocation, record());
    EXPECT_EQ(e.key.userName, "reader1");
  }
  ASSERT_EQ(journal.pending(record(), "reader2").size(), 1u);
  ASSERT_EQ(journal.pending(other, "reader1").size(), 1u);
  EXPECT_TRUE(journal.pending(record(), "reader3").empty());
  // The same SQLite file named from its folder is the same record.
  const QString here = QDir::currentPath();
  ASSERT_TRUE(QDir::setCurrent(tmp_.path()));
  const std::size_t fromRelative = journal.pending("trial.db", "reader1").size();
  QDir::setCurrent(here);
  EXPECT_EQ(fromRelative, 3u);
  // A journal that was never written to has nothing pending and nothing wrong.
  DraftJournal empty(tmp_.filePath("none"));
  EXPECT_TRUE(empty.pending(record(), "reader1").empty());
  EXPECT_TRUE(empty.problems().empty());
}

TEST_F(DraftJournalTest, NoPasswordOfAPostgresUrlReachesTheDisk) {
  DraftJournal journal(dir());
  const QString withPassword =
      "postgresql://reader1:s3cr%3At@db.example:5432/nbra?sslmode=require&password=hunter2";
  JournalEntry e = entryFor(withPassword, "reader1", "S1", "baseline", utc("2025-01-01T10:00:00Z"));
  const JournalWrite written = journal.write(e);
  ASSERT_TRUE(written.ok) << written.error.toStdString();
  QFile file(written.fileName);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  EXPECT_FALSE(bytes.contains("s3cr")) << bytes.toStdString();
  EXPECT_FALSE(bytes.contains("hunter2")) << bytes.toStdString();

  const QString stripped = "postgresql://reader1@db.example:5432/nbra?sslmode=require";
  // Found with or without the password: the key is the same.
  const auto found = journal.find({stripped, "reader1", "S1", "baseline"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->key.recordLocation, stripped);
  EXPECT_EQ(journal.pending(withPassword, "reader1").size(), 1u);
  EXPECT_EQ(
      journal.pending("postgresql://reader1:other@db.example:5432/nbra?sslmode=require", "reader1")
          .size(),
      1u);

  // Other forms libpq takes, and one QUrl does not (an unencoded '/' and '@' in the password).
  EXPECT_EQ(journalRecordLocation("postgresql://u:pw@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(journalRecordLocation("postgres://h/db?password=pw"), "postgres://h/db");
  EXPECT_EQ(journalRecordLocation("postgresql://h/db?a=1&password=pw&b=2"),
            "postgresql://h/db?a=1&b=2");
  EXPECT_EQ(journalRecordLocation("postgresql://u@h/db"), "postgresql://u@h/db");
  const QString odd = journalRecordLocation("postgresql://u:p/w@rd@h/db");
  EXPECT_FALSE(odd.contains("p/w")) << odd.toStdString();
  EXPECT_FALSE(odd.contains("rd@")) << odd.toStdString();
}

TEST_F(DraftJournalTest, FilesAreTheOwnersOnlyWhateverTheUmask) {
  const mode_t previous = ::umask(0);
  DraftJournal journal(tmp_.filePath("new/journal"));
  const JournalWrite written =
      journal.write(entryFor(record(), "reader1", "S1", "baseline", utc("2025-01-01T10:00:00Z")));
  // Again over the existing file, which a save keeps the permissions of.
  const JournalWrite again =
      journal.write(entryFor(record(), "reader1", "S1", "baseline", utc("2025-01-01T10:01:00Z")));
  ::umask(previous);
  ASSERT_TRUE(written.ok) << written.error.toStdString();
  ASSERT_TRUE(again.ok) << again.error.toStdString();
  EXPECT_EQ(modeOf(written.fileName), 0600u);
  EXPECT_EQ(modeOf(tmp_.filePath("new/journal")), 0700u);
}

TEST_F(DraftJournalTest, DamagedFilesAreReportedByNameOnceAndMovedAsideWhileGoodOnesLoad) {
  DraftJournal journal(dir());
  const JournalEntry good =
      entryFor(record(), "reader1", "S1", "baseline", utc("2025-01-01T10:00:00Z"));
  ASSERT_TRUE(journal.write(good));
  const QByteArray goodBytes = journalEntryToBytes(good);

  // Each damaged file under the name its own key would have, so that only its content is wrong.
  auto place = [&](const QString& subject, const QByteArray& bytes) {
    const QString path = journal.filePath({record(), "reader1", subject, "baseline"});
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    return path;
  };
  auto withSubject = [&](const QString& subject) {
    JournalEntry e = good;
    e.key.subjectStudyId = subject;
    return journalEntryToBytes(e);
  };
  const QString truncated = place("TRUNC", withSubject("TRUNC").left(goodBytes.size() / 2));
  const QString wrongVersion = place(
      "VERSION", withSubject("VERSION").replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
  QJsonObject noUser = journalEntryToJson(good);
  noUser["subjectStudyId"] = "NOUSER";
  noUser.remove("userName");
  const QString missingKey = place("NOUSER", QJsonDocument(noUser).toJson());
  QJsonObject future = journalEntryToJson(good);
  future["subjectStudyId"] = "FUTURE";
  future["savedUtc"] = "2999-01-01T00:00:00.000Z";
  const QString inFuture = place("FUTURE", QJsonDocument(future).toJson());
  const QString elsewhere = place("MOVED", goodBytes);  // another key's draft under this name
  const QString huge = place("HUGE", withSubject("HUGE"));
  ASSERT_TRUE(QFile::resize(huge, kMaxJournalFileBytes + 1));  // sparse: cheap to make
  // Not a journal name: someone else's file, left alone.
  QFile foreign(QDir(dir()).filePath("notes.json"));
  ASSERT_TRUE(foreign.open(QIODevice::WriteOnly));
  foreign.write("{not json");
  foreign.close();

  const std::vector<JournalEntry> found = journal.pending(record(), "reader1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, good.key);
  EXPECT_EQ(found[0].draft, good.draft);

  const std::vector<std::pair<QString, QString>> expected{
      {truncated, "not valid JSON"}, {wrongVersion, "format version 2"},
      {missingKey, "\"userName\""},  {inFuture, "in the future"},
      {elsewhere, "another read"},   {huge, "more than a draft can be"}};
  ASSERT_EQ(journal.problems().size(), expected.size());
  for (const auto& [path, words] : expected) {
    const auto p = std::find_if(journal.problems().begin(), journal.problems().end(),
                                [&](const JournalProblem& q) { return q.fileName == path; });
    ASSERT_NE(p, journal.problems().end()) << "not reported: " << path.toStdString();
    EXPECT_TRUE(p->problem.contains(words)) << p->problem.toStdString();
    EXPECT_TRUE(p->message().startsWith(path)) << p->message().toStdString();
    EXPECT_EQ(p->movedAsideTo, path + ".corrupt");
    EXPECT_FALSE(QFileInfo::exists(path)) << path.toStdString();
    EXPECT_TRUE(QFileInfo::exists(path + ".corrupt")) << path.toStdString();
  }
  EXPECT_TRUE(QFileInfo::exists(QDir(dir()).filePath("notes.json")));

  // Reported once: a second look finds the same good draft and nothing new.
  EXPECT_EQ(journal.pending(record(), "reader1").size(), 1u);
  EXPECT_EQ(journal.problems().size(), expected.size());
  // A damaged draft looked up by its key is not there, and is reported (and put aside) too.
  const QString again = place("TRUNC", "{\"format\": \"nbra-draft-jour");
  EXPECT_FALSE(journal.find({record(), "reader1", "TRUNC", "baseline"}));
  ASSERT_EQ(journal.problems().size(), expected.size() + 1);
  EXPECT_EQ(journal.problems().back().fileName, again);
  EXPECT_TRUE(journal.problems().back().movedAsideTo.endsWith(".corrupt"));
  EXPECT_NE(journal.problems().back().movedAsideTo, again + ".corrupt");  // that one was taken
}

TEST_F(DraftJournalTest, AnEntryThatWouldNotReadBackIsNotWritten) {
  DraftJournal journal(dir());
  JournalEntry e = entryFor(record(), "", "S1", "baseline", utc("2025-01-01T10:00:00Z"));
  JournalWrite w = journal.write(e);
  EXPECT_FALSE(w.ok);
  EXPECT_TRUE(w.error.contains("\"userName\"")) << w.error.toStdString();
  e.key.userName = "reader1";
  e.basedOnReadId = 0;
  w = journal.write(e);
  EXPECT_FALSE(w.ok);
  EXPECT_TRUE(w.error.contains("basedOnReadId")) << w.error.toStdString();
  e.basedOnReadId.reset();
  e.savedUtc = system_clock::now() + 48h;
  EXPECT_FALSE(journal.write(e).ok);
  EXPECT_TRUE(filesIn(dir()).isEmpty());
  EXPECT_FALSE(DraftJournal(QString()).write(e).ok);
}

TEST(JournalParse, NamesTheFileAndNeverThrows) {
  const QByteArray inputs[] = {"",
                               "null",
                               "[]",
                               "{\"format\": \"nbra-draft-journal\"}",
                               QByteArray("\xff\xfe\x00{", 4),
                               "{\"a\": 1e999999}"};
  for (const QByteArray& bytes : inputs) {
    const JournalParse p = parseJournalEntry(bytes, "/j/x.json");
    EXPECT_FALSE(p.entry) << bytes.toStdString();
    EXPECT_TRUE(p.error().startsWith("/j/x.json: ")) << p.error().toStdString();
    EXPECT_FALSE(p.problem.isEmpty());
  }
}

TEST(AutosaveSettings, IntervalLimits) {
  EXPECT_EQ(AutosaveSettings{}.interval, 30s);
  EXPECT_TRUE(autosaveIntervalProblem(30s).isEmpty());
  EXPECT_TRUE(autosaveIntervalProblem(5s).isEmpty());
  EXPECT_TRUE(autosaveIntervalProblem(3600s).isEmpty());
  EXPECT_FALSE(autosaveIntervalProblem(4s).isEmpty());
  EXPECT_FALSE(autosaveIntervalProblem(3601s).isEmpty());
  EXPECT_FALSE(autosaveIntervalProblem(0s).isEmpty());
}

TEST(AutosaveSettings, EnvironmentOverride) {
  EXPECT_EQ(autosaveSettingsFromText("").settings.interval, 30s);
  EXPECT_TRUE(autosaveSettingsFromText("").error.isEmpty());
  EXPECT_EQ(autosaveSettingsFromText("60").settings.interval, 60s);
  EXPECT_EQ(autosaveSettingsFromText(" 45 ").settings.interval, 45s);
  EXPECT_EQ(autosaveSettingsFromText("5").settings.interval, 5s);
  for (const char* bad : {"abc", "30s", "-5", "+30", "1e2", "4", "3601", "99999999999", "0"}) {
    const AutosaveSettingsRead r = autosaveSettingsFromText(bad);
    EXPECT_EQ(r.settings.interval, 30s) << bad;
    EXPECT_TRUE(r.error.contains("NBRA_AUTOSAVE_SECONDS")) << r.error.toStdString();
    EXPECT_TRUE(r.error.contains(QString("\"%1\"").arg(bad))) << r.error.toStdString();
  }
  qputenv("NBRA_AUTOSAVE_SECONDS", "120");
  EXPECT_EQ(autosaveSettingsFromEnvironment().settings.interval, 120s);
  qputenv("NBRA_AUTOSAVE_SECONDS", "often");
  const AutosaveSettingsRead r = autosaveSettingsFromEnvironment();
  EXPECT_EQ(r.settings.interval, 30s);
  EXPECT_TRUE(r.error.contains("often"));
  qunsetenv("NBRA_AUTOSAVE_SECONDS");
  EXPECT_EQ(autosaveSettingsFromEnvironment().settings.interval, 30s);
}

TEST(DraftJournalDirectory, EnvironmentFirstThenApplicationData) {
  qputenv("NBRA_JOURNAL_DIR", "/somewhere/journal");
  EXPECT_EQ(DraftJournal::defaultDirectory(), "/somewhere/journal");
  qunsetenv("NBRA_JOURNAL_DIR");
  EXPECT_TRUE(DraftJournal::defaultDirectory().endsWith("/journal"))
      << DraftJournal::defaultDirectory().toStdString();
  EXPECT_NE(DraftJournal::defaultDirectory(), "/journal");
}

}  // namespace
}  // namespace nbra::workflow
