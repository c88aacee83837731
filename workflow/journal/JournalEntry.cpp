#include "workflow/journal/JournalEntry.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace nbra::workflow {
namespace {

bool isPostgresUrl(const QString& location) {
  return location.startsWith("postgresql://", Qt::CaseInsensitive) ||
         location.startsWith("postgres://", Qt::CaseInsensitive);
}

// libpq also takes the password as a query item.
QString withoutPasswordQueryItems(QString url) {
  static const QRegularExpression item("([?&])password=[^&#]*&?",
                                       QRegularExpression::CaseInsensitiveOption);
  QString previous;
  while (previous != url) {
    previous = url;
    url.replace(item, "\\1");
  }
  // A query left empty, or ending in '&', by the removal.
  static const QRegularExpression dangling("[?&]+(?=#|$)");
  return url.remove(dangling);
}

QString withoutPassword(const QString& location) {
  const QUrl url(location, QUrl::StrictMode);
  if (url.isValid() && !url.host().isEmpty()) {
    QUrl stripped = url;
    stripped.setPassword({});
    return withoutPasswordQueryItems(stripped.toString());
  }
  // Not a URL QUrl accepts (e.g. an unencoded '/' or '@' in the password): everything between
  // "://" and the last '@' is the user part, and only its name before the first ':' is kept.
  // Erring this way can only drop text, never keep a password.
  const qsizetype start = location.indexOf("://") + 3;
  const qsizetype at = location.lastIndexOf('@');
  if (at < start) {
    return withoutPasswordQueryItems(location);
  }
  QString user = location.mid(start, at - start);
  user.truncate(user.indexOf(':') < 0 ? user.size() : user.indexOf(':'));
  return withoutPasswordQueryItems(location.left(start) + user + location.mid(at));
}

}  // namespace

QString journalRecordLocation(const QString& location) {
  if (isPostgresUrl(location)) {
    return withoutPassword(location);
  }
  if (location.isEmpty()) {
    return location;
  }
  return QFileInfo(location).absoluteFilePath();
}

JournalKey normalisedJournalKey(const JournalKey& key) {
  JournalKey out = key;
  out.recordLocation = journalRecordLocation(key.recordLocation);
  return out;
}

QString journalFileName(const JournalKey& key) {
  const JournalKey k = normalisedJournalKey(key);
  // Each field with its length first, so that no two keys give the same bytes.
  QByteArray bytes;
  for (const QString* field :
       {&k.recordLocation, &k.userName, &k.subjectStudyId, &k.timepointLabel}) {
    const QByteArray utf8 = field->toUtf8();
    bytes += QByteArray::number(utf8.size()) + ':' + utf8;
  }
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) +
         ".json";
}

}  // namespace nbra::workflow
