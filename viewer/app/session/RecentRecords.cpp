#include "viewer/app/session/RecentRecords.h"

#include <QSettings>
#include <QUrl>

namespace nbra::viewer::session {

namespace {
constexpr const char* kKey = "records/recent";
}

QString withoutPassword(const QString& location) {
  if (!location.contains("://")) {
    return location;
  }
  QUrl url(location);
  if (!url.isValid() || url.password().isEmpty()) {
    return location;
  }
  url.setPassword({});
  return url.toString();
}

QStringList recentRecordLocations() {
  return QSettings().value(kKey).toStringList();
}

void rememberRecordLocation(const QString& location) {
  const QString kept = withoutPassword(location.trimmed());
  if (kept.isEmpty()) {
    return;
  }
  QStringList list = recentRecordLocations();
  list.removeAll(kept);
  list.prepend(kept);
  while (list.size() > kRecentRecordsKept) {
    list.removeLast();
  }
  QSettings().setValue(kKey, list);
}

}  // namespace nbra::viewer::session
