#pragma once

// How often the workstation writes the reading to the crash journal (DraftJournal). At most one
// interval of work is lost to a crash; writing is cheap (one small file), but not free on a slow
// network home folder, hence the limits. docs/reading.md, "Autosave and the crash journal".

#include <QString>
#include <chrono>

namespace nbra::workflow {

struct AutosaveSettings {
  static constexpr std::chrono::seconds kDefaultInterval{30};
  // Shorter would write while the reader is still dragging a caliper; longer would lose more
  // than a reader would accept to redo.
  static constexpr std::chrono::seconds kShortestInterval{5};
  static constexpr std::chrono::seconds kLongestInterval{3600};
  // Whole seconds, e.g. NBRA_AUTOSAVE_SECONDS=60.
  static constexpr const char* kEnvironmentVariable = "NBRA_AUTOSAVE_SECONDS";

  std::chrono::seconds interval = kDefaultInterval;
};

// Empty when the interval is allowed, else why not (naming the limits).
QString autosaveIntervalProblem(std::chrono::seconds interval);

struct AutosaveSettingsRead {
  AutosaveSettings settings;
  QString error;  // names the variable and the value refused; the default is kept
};

// The settings with NBRA_AUTOSAVE_SECONDS's value `text` applied (empty: not set, the default).
AutosaveSettingsRead autosaveSettingsFromText(const QString& text);
// The same from the environment.
AutosaveSettingsRead autosaveSettingsFromEnvironment();

}  // namespace nbra::workflow
