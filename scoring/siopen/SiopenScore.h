#pragma once

#include <array>
#include <string_view>

#include "scoring/model/MibgReading.h"

namespace nbra::scoring {

// SIOPEN skeletal score (LEW17, LAD18; clinical-rules.md 2): 12 segments each 0-6, total 0-72.
// Soft tissue and uptake intensity are not scored.
inline constexpr int kSiopenMaxSegmentScore = 6;

std::string_view siopenSegmentName(int index);  // "skull", ..., "distal left lower limb"

int siopenTotal(const std::array<int, kSiopenSegmentCount>& segments);

}  // namespace nbra::scoring
