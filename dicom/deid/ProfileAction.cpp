#include "dicom/deid/ProfileAction.h"

namespace nbra::dicom::deid {
namespace {

Action fromCode(const std::string& code, ProfileOption source) {
  if (code == "K")
    return Action::Keep;
  if (code == "X")
    return Action::Remove;
  if (code == "Z")
    return Action::Empty;
  if (code == "D")
    return Action::Dummy;
  if (code == "U")
    return Action::ReplaceUid;
  if (code == "C") {
    return source == ProfileOption::RetainLongitudinalModifiedDates ? Action::ShiftDates
                                                                    : Action::CleanText;
  }
  if (code == "X/Z/U*")
    return Action::Keep;
  if (code.find('D') != std::string::npos)
    return Action::Dummy;
  if (code == "X/Z")
    return Action::Empty;
  // A code the 2020 table does not use: the strictest reading.
  return Action::Remove;
}

int strength(const std::string& code) {
  if (code == "K")
    return 2;
  if (code == "C")
    return 1;
  return 0;
}

}  // namespace

ProfileOptions trialProfileOptions() {
  ProfileOptions options;
  options.set(static_cast<std::size_t>(ProfileOption::RetainLongitudinalModifiedDates));
  options.set(static_cast<std::size_t>(ProfileOption::RetainPatientCharacteristics));
  options.set(static_cast<std::size_t>(ProfileOption::RetainDeviceIdentity));
  options.set(static_cast<std::size_t>(ProfileOption::CleanDescriptors));
  options.set(static_cast<std::size_t>(ProfileOption::RetainSafePrivate));
  return options;
}

Action resolveAction(const ProfileRow& row, const ProfileOptions& options) {
  const std::string* chosen = nullptr;
  ProfileOption source = ProfileOption::RetainSafePrivate;
  for (std::size_t k = 0; k < kProfileOptionCount; ++k) {
    const std::string& code = row.options[k];
    if (!options.test(k) || code.empty()) {
      continue;
    }
    if (chosen == nullptr || strength(code) > strength(*chosen)) {
      chosen = &code;
      source = static_cast<ProfileOption>(k);
    }
  }
  if (chosen != nullptr) {
    return fromCode(*chosen, source);
  }
  return fromCode(row.basic, ProfileOption::RetainSafePrivate);
}

const char* actionName(Action action) {
  switch (action) {
    case Action::Keep:
      return "kept";
    case Action::Remove:
      return "removed";
    case Action::Empty:
      return "emptied";
    case Action::Dummy:
      return "replaced by a dummy value";
    case Action::ReplaceUid:
      return "UID replaced";
    case Action::ShiftDates:
      return "date shifted";
    case Action::CleanText:
      return "text cleaned";
  }
  return "?";
}

}  // namespace nbra::dicom::deid
