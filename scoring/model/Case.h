#pragma once

#include <vector>

#include "scoring/model/Subject.h"
#include "scoring/model/Timepoint.h"
#include "scoring/settings/Settings.h"

namespace nbra::scoring {

// Everything the rules need for one subject: timepoints in date order, the first the baseline
// (pre-treatment reference scan).
struct Case {
  Subject subject;
  Settings settings;
  std::vector<Timepoint> timepoints;
};

}  // namespace nbra::scoring
