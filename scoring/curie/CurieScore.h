#pragma once

#include <array>

#include "scoring/model/MibgReading.h"

namespace nbra::scoring {

struct CurieScores {
  std::array<int, kCurieSegmentCount> segments{};
  int total = 0;     // all 10 segments, 0-30 (YAN13)
  int skeletal = 0;  // S1-S9, 0-27: the "absolute MIBG bone score" INRC uses (ADY95, PDQ)
};

// Totals of a validated Curie reading (clinical-rules.md 1.2).
CurieScores curieScores(const std::array<CurieSegmentEntry, kCurieSegmentCount>& entries,
                        bool softTissueIncludesPrimary);

}  // namespace nbra::scoring
