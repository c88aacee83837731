#include "workflow/journal/JournalJson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <cmath>

namespace nbra::workflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

const QString kFormatName = QStringLiteral("nbra-draft-journal");

QString isoUtc(system_clock::time_point t) {
  const qint64 ms = std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count();
  return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

JournalParse refused(const QString& fileName, const QString& problem) {
  JournalParse p;
  p.fileName = fileName;
  p.problem = problem;
  return p;
}

// A JSON number holding a whole positive id (JSON numbers are doubles: up to 2^53 is exact).
std::optional<qint64> positiveWholeNumber(const QJsonValue& v) {
  if (!v.isDouble()) {
    return std::nullopt;
  }
  const double d = v.toDouble();
  if (!std::isfinite(d) || d < 1.0 || d > 9007199254740992.0 || std::floor(d) != d) {
    return std::nullopt;
  }
  return static_cast<qint64>(d);
}

}  // namespace

QJsonObject journalEntryToJson(const JournalEntry& entry) {
  const JournalKey key = normalisedJournalKey(entry.key);
  QJsonObject j{{"format", kFormatName},
                {"formatVersion", kJournalFormatVersion},
                {"recordLocation", key.recordLocation},
                {"userName", key.userName},
                {"subjectStudyId", key.subjectStudyId},
                {"timepointLabel", key.timepointLabel},
                {"savedUtc", isoUtc(entry.savedUtc)},
                {"note", entry.note},
                {"draft", entry.draft}};
  if (entry.basedOnReadId) {
    j["basedOnReadId"] = static_cast<double>(*entry.basedOnReadId);
  }
  if (entry.basedOnReadVersion) {
    j["basedOnReadVersion"] = static_cast<double>(*entry.basedOnReadVersion);
  }
  return j;
}

QByteArray journalEntryToBytes(const JournalEntry& entry) {
  return QJsonDocument(journalEntryToJson(entry)).toJson(QJsonDocument::Indented);
}

JournalParse parseJournalEntry(const QByteArray& bytes, const QString& fileName,
                               system_clock::time_point now) {
  if (bytes.size() > kMaxJournalFileBytes) {
    return refused(fileName, QString("%1 bytes, more than a draft can be (at most %2)")
                                 .arg(bytes.size())
                                 .arg(kMaxJournalFileBytes));
  }
  if (bytes.trimmed().isEmpty()) {
    return refused(fileName, "empty (the write was cut short)");
  }
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    return refused(fileName, QString("not valid JSON (%1 at byte %2; cut short or damaged)")
                                 .arg(parseError.errorString())
                                 .arg(parseError.offset));
  }
  if (!doc.isObject()) {
    return refused(fileName, "not a JSON object");
  }
  const QJsonObject j = doc.object();
  if (j.value("format").toString() != kFormatName) {
    return refused(fileName,
                   QString("not a draft journal file (\"format\" is not \"%1\")").arg(kFormatName));
  }
  const QJsonValue version = j.value("formatVersion");
  if (!version.isDouble() || version.toDouble() != kJournalFormatVersion) {
    return refused(fileName, QString("format version %1; this NBRA reads version %2")
                                 .arg(version.isDouble() ? QString::number(version.toDouble())
                                                         : QString("(missing)"))
                                 .arg(kJournalFormatVersion));
  }

  JournalEntry e;
  const std::pair<const char*, QString*> keyFields[] = {{"recordLocation", &e.key.recordLocation},
                                                        {"userName", &e.key.userName},
                                                        {"subjectStudyId", &e.key.subjectStudyId},
                                                        {"timepointLabel", &e.key.timepointLabel}};
  for (const auto& [name, field] : keyFields) {
    const QJsonValue v = j.value(QLatin1String(name));
    if (!v.isString() || v.toString().isEmpty()) {
      return refused(fileName, QString("\"%1\" is missing or not a non-empty text").arg(name));
    }
    *field = v.toString();
  }
  // NBRA writes the location without a password and, for SQLite, absolute: anything else was
  // not written by it.
  if (journalRecordLocation(e.key.recordLocation) != e.key.recordLocation) {
    return refused(fileName,
                   "\"recordLocation\" is not in the form NBRA writes (it must hold no password "
                   "and, for SQLite, be an absolute path)");
  }

  const QString savedText = j.value("savedUtc").toString();
  const QDateTime saved = QDateTime::fromString(savedText, Qt::ISODateWithMs);
  if (!saved.isValid() || !savedText.endsWith('Z')) {
    return refused(fileName, QString("\"savedUtc\" is missing or not an ISO 8601 UTC time "
                                     "(\"%1\")")
                                 .arg(savedText.left(64)));
  }
  // Compared in milliseconds, before any conversion: system_clock counts nanoseconds in 64 bits,
  // which end in 2262, so a far-future date converted first would wrap round into the past.
  const qint64 savedMs = saved.toMSecsSinceEpoch();
  const qint64 latestMs =
      std::chrono::duration_cast<milliseconds>(now.time_since_epoch() + kJournalFutureTolerance)
          .count();
  if (savedMs > latestMs) {
    return refused(fileName, QString("saved %1, in the future (the clock was wrong, or the file "
                                     "is not genuine)")
                                 .arg(savedText));
  }
  if (saved.toUTC().date().year() < 2000) {
    return refused(fileName, QString("saved %1, before NBRA existed").arg(savedText));
  }
  e.savedUtc = system_clock::time_point(milliseconds(savedMs));

  for (const auto& [name, field] : {std::pair{"basedOnReadId", &e.basedOnReadId},
                                    std::pair{"basedOnReadVersion", &e.basedOnReadVersion}}) {
    const QJsonValue v = j.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
      continue;
    }
    *field = positiveWholeNumber(v);
    if (!*field) {
      return refused(fileName, QString("\"%1\" is not a whole number from 1 to 2^53").arg(name));
    }
  }

  const QJsonValue note = j.value("note");
  if (!note.isUndefined() && !note.isString()) {
    return refused(fileName, "\"note\" is not a text");
  }
  e.note = note.toString();
  if (!j.value("draft").isObject()) {
    return refused(fileName, "\"draft\" is missing or not a JSON object");
  }
  e.draft = j.value("draft").toObject();

  JournalParse p;
  p.fileName = fileName;
  p.entry = std::move(e);
  return p;
}

}  // namespace nbra::workflow
