#pragma once

#include <array>
#include <optional>

namespace nbra::scoring {

// One Curie segment as read: either a score typed by the reader, or the number of lesion marks
// placed in the segment with a "diffuse" override (score 3 is a visual judgment of > 50 % of the
// segment, clinical-rules.md 1.2).
struct CurieSegmentEntry {
  std::optional<int> score;
  std::optional<int> lesionMarks;
  bool diffuse = false;
  int primaryMarks = 0;  // soft-tissue segment only: how many of the marks are the primary (Q2)
};

inline constexpr int kCurieSegmentCount = 10;
inline constexpr int kSiopenSegmentCount = 12;

// A 123I-MIBG whole-body reading.
struct MibgReading {
  std::optional<std::array<CurieSegmentEntry, kCurieSegmentCount>> curie;
  std::optional<std::array<int, kSiopenSegmentCount>> siopen;
  int newBoneSites = 0;  // new MIBG-avid bone sites since baseline (reader), PD by PARK17 Table 2
};

}  // namespace nbra::scoring
