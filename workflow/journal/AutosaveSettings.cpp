#include "workflow/journal/AutosaveSettings.h"

#include <QRegularExpression>

namespace nbra::workflow {

QString autosaveIntervalProblem(std::chrono::seconds interval) {
  if (interval < AutosaveSettings::kShortestInterval ||
      interval > AutosaveSettings::kLongestInterval) {
    return QString("autosave interval %1 s is outside %2 to %3 s")
        .arg(interval.count())
        .arg(AutosaveSettings::kShortestInterval.count())
        .arg(AutosaveSettings::kLongestInterval.count());
  }
  return {};
}

AutosaveSettingsRead autosaveSettingsFromText(const QString& text) {
  AutosaveSettingsRead read;
  const QString value = text.trimmed();
  if (value.isEmpty()) {
    return read;
  }
  const QString kept =
      QString("; autosave keeps every %1 s").arg(AutosaveSettings::kDefaultInterval.count());
  const QString named = QString("%1=\"%2\"").arg(AutosaveSettings::kEnvironmentVariable, text);
  // Digits only: "30s", "1e2", "+30" or "0x1e" are refused rather than half read.
  static const QRegularExpression digits("^[0-9]{1,9}$");
  if (!digits.match(value).hasMatch()) {
    read.error = named + " is not a whole number of seconds" + kept;
    return read;
  }
  const std::chrono::seconds interval{value.toLongLong()};
  if (const QString problem = autosaveIntervalProblem(interval); !problem.isEmpty()) {
    read.error = named + ": " + problem + kept;
    return read;
  }
  read.settings.interval = interval;
  return read;
}

AutosaveSettingsRead autosaveSettingsFromEnvironment() {
  return autosaveSettingsFromText(qEnvironmentVariable(AutosaveSettings::kEnvironmentVariable));
}

}  // namespace nbra::workflow
