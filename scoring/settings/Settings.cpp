#include "scoring/settings/Settings.h"

namespace nbra::scoring {

std::vector<std::string> settingsErrors(const Settings& settings) {
  std::vector<std::string> errors;
  if (settings.crNodeShortAxisLimitMm != 10 && settings.crNodeShortAxisLimitMm != 15) {
    errors.push_back(
        "settings.crNodeShortAxisLimitMm: " + std::to_string(settings.crNodeShortAxisLimitMm) +
        " mm is not one of the published limits, 10 mm (PARK17/RECIST) or 15 mm "
        "(PDQ)");
  }
  return errors;
}

}  // namespace nbra::scoring
