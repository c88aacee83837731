#include "scoring/curie/CurieScore.h"

#include "scoring/curie/CurieSegment.h"

namespace nbra::scoring {

CurieScores curieScores(const std::array<CurieSegmentEntry, kCurieSegmentCount>& entries,
                        bool softTissueIncludesPrimary) {
  CurieScores scores;
  for (int i = 0; i < kCurieSegmentCount; ++i) {
    const bool softTissue = i == static_cast<int>(CurieSegment::SoftTissue);
    const int score = curieSegmentScore(entries[static_cast<std::size_t>(i)], softTissue,
                                        softTissueIncludesPrimary);
    scores.segments[static_cast<std::size_t>(i)] = score;
    scores.total += score;
    if (!softTissue) {
      scores.skeletal += score;
    }
  }
  return scores;
}

}  // namespace nbra::scoring
