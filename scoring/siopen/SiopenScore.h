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

// How much of a segment's bone a diffuse lesion involves, as the reader judges it (clinical-rules.md
// 2.2: grade 4 "a single diffuse lesion involving < 50 % of a bone", 5 "> 50 % to 95 %", 6 "the
// entire bone").
enum class SiopenDiffuseExtent { None, UnderHalf, HalfTo95Percent, EntireBone };

// A segment's score from what the reader marked (clinical-rules.md 2.2): 1-3 for that many discrete
// lesions, 4 for more than 3 discrete foci, and the diffuse grade when it is higher. Marks never
// reach 5-6 on their own: those are visual judgments of diffuse extent. A negative count is
// treated as none.
int siopenSegmentScoreFromMarks(int discreteLesions, SiopenDiffuseExtent diffuse);

}  // namespace nbra::scoring
