#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "scoring/model/FdgPetReading.h"
#include "scoring/model/Lesion.h"
#include "scoring/model/MarrowReading.h"
#include "scoring/model/MibgReading.h"

namespace nbra::scoring {

enum class TimepointKind { Baseline, FollowUp };

// One assessment date. An absent reading means the examination was not done at this timepoint;
// `lesions` present but empty means CT/MRI was done and showed no soft-tissue lesion.
struct Timepoint {
  std::string label;
  TimepointKind kind = TimepointKind::FollowUp;
  std::chrono::year_month_day date{};
  int injectionsBefore = 0;  // NK-cell injections given before this assessment
  std::optional<std::vector<Lesion>> lesions;
  std::optional<MibgReading> mibg;
  std::optional<FdgPetReading> fdgPet;
  std::optional<MarrowReading> marrow;
};

}  // namespace nbra::scoring
