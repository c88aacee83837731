#include "scoring/siopen/SiopenScore.h"

#include <algorithm>

namespace nbra::scoring {

std::string_view siopenSegmentName(int index) {
  static constexpr std::array<std::string_view, kSiopenSegmentCount> kNames{
      "skull",
      "thoracic cage",
      "spine",
      "pelvis",
      "proximal right upper limb",
      "distal right upper limb",
      "proximal left upper limb",
      "distal left upper limb",
      "proximal right lower limb",
      "distal right lower limb",
      "proximal left lower limb",
      "distal left lower limb"};
  if (index < 0 || index >= kSiopenSegmentCount) {
    return "unknown segment";
  }
  return kNames[static_cast<std::size_t>(index)];
}

int siopenSegmentScoreFromMarks(int discreteLesions, SiopenDiffuseExtent diffuse) {
  const int fromMarks = std::clamp(discreteLesions, 0, 4);
  int fromDiffuse = 0;
  switch (diffuse) {
    case SiopenDiffuseExtent::None: fromDiffuse = 0; break;
    case SiopenDiffuseExtent::UnderHalf: fromDiffuse = 4; break;
    case SiopenDiffuseExtent::HalfTo95Percent: fromDiffuse = 5; break;
    case SiopenDiffuseExtent::EntireBone: fromDiffuse = 6; break;
  }
  return std::max(fromMarks, fromDiffuse);
}

int siopenTotal(const std::array<int, kSiopenSegmentCount>& segments) {
  int total = 0;
  for (const int score : segments) {
    total += score;
  }
  return total;
}

}  // namespace nbra::scoring
