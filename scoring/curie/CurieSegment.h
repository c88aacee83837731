#pragma once

#include <string_view>

#include "scoring/model/MibgReading.h"

namespace nbra::scoring {

// Curie segments S1-S9 (skeletal) and S10 (soft tissue), clinical-rules.md 1.1 (ADY95, YAN13).
// Left and right limbs are pooled in one segment.
enum class CurieSegment {
  Head,
  SpineCervicalThoracic,
  Chest,
  SpineLumbarSacral,
  Pelvis,
  UpperArms,
  ForearmsHands,
  Thighs,
  LegsFeet,
  SoftTissue,
};

inline constexpr int kCurieMaxSegmentScore = 3;

std::string_view curieSegmentName(int index);  // "head", ..., "soft tissue"

// Score of one segment from the reader's lesion marks (ADY95/YAN13; ARRS 2022 and PCDC data
// dictionary, clinical-rules.md 1.2): no mark 0, one site 1, more than one site 2, and 3 only
// when the reader marks the segment diffuse (> 50 % of it involved, a visual judgment).
int curieScoreFromMarks(int lesionMarks, bool diffuse);

// The segment's score from either form of entry (validated beforehand). For the soft-tissue
// segment, marks on the primary are dropped when the primary is not counted (Q2).
int curieSegmentScore(const CurieSegmentEntry& entry, bool isSoftTissue,
                      bool softTissueIncludesPrimary);

}  // namespace nbra::scoring
