#pragma once

#include "records/database/RecordDatabase.h"
#include "records/store/RecordTypes.h"

// Small helpers shared by the TrialRecord implementation files.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVariant>
#include <optional>

#include "records/database/RecordError.h"

namespace nbra::records::detail {

inline QString nowUtc() {
  return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

inline QString dateText(const QDate& d) {
  return d.toString(Qt::ISODate);
}

// A text for a NOT NULL column: Qt binds a null QString as SQL NULL, an empty one as ''.
inline QString text(const QString& s) {
  return s.isNull() ? QStringLiteral("") : s;
}

inline std::optional<QDate> dateFrom(const QVariant& v) {
  if (v.isNull()) {
    return std::nullopt;
  }
  const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
  return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

template <typename T>
QVariant orNull(const std::optional<T>& v) {
  return v ? QVariant::fromValue(*v) : QVariant();
}

inline std::optional<double> optionalDouble(const QVariant& v) {
  return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

inline std::optional<int> optionalInt(const QVariant& v) {
  return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

[[noreturn]] inline void fail(RecordErrorKind kind, const QString& message) {
  throw RecordError(kind, message.toStdString());
}

// A read's content from its rows (TrialRecordReads.cpp); `sourceJson` is reads.source_json.
ReadContent loadReadContent(RecordDatabase& db, qint64 readId, const QString& sourceJson,
                            bool ctDone, std::optional<int> newBoneSites);

}  // namespace nbra::records::detail
