#include "scoring/curie/CurieSegment.h"

#include <array>

namespace nbra::scoring {

std::string_view curieSegmentName(int index) {
  static constexpr std::array<std::string_view, kCurieSegmentCount> kNames{
      "head",
      "cervical and thoracic spine",
      "ribs and sternum",
      "lumbar and sacral spine",
      "pelvis",
      "upper arms",
      "forearms and hands",
      "thighs",
      "legs and feet",
      "soft tissue"};
  if (index < 0 || index >= kCurieSegmentCount) {
    return "unknown segment";
  }
  return kNames[static_cast<std::size_t>(index)];
}

int curieScoreFromMarks(int lesionMarks, bool diffuse) {
  if (diffuse) {
    return 3;
  }
  if (lesionMarks <= 0) {
    return 0;
  }
  return lesionMarks == 1 ? 1 : 2;
}

int curieSegmentScore(const CurieSegmentEntry& entry, bool isSoftTissue,
                      bool softTissueIncludesPrimary) {
  if (entry.score) {
    return *entry.score;
  }
  int marks = entry.lesionMarks.value_or(0);
  if (isSoftTissue && !softTissueIncludesPrimary) {
    marks -= entry.primaryMarks;
  }
  return curieScoreFromMarks(marks, entry.diffuse);
}

}  // namespace nbra::scoring
