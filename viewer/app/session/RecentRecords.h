#pragma once

// The trial records this workstation opened, newest first, remembered between runs (QSettings)
// so that a reader picks theirs instead of typing a path. Passwords are never remembered: a
// postgresql:// address is kept without its password.

#include <QString>
#include <QStringList>

namespace nbra::viewer::session {

inline constexpr int kRecentRecordsKept = 8;

QStringList recentRecordLocations();
void rememberRecordLocation(const QString& location);
// "postgresql://user:secret@host/db" -> "postgresql://user@host/db"; other text unchanged.
QString withoutPassword(const QString& location);

}  // namespace nbra::viewer::session
