#include "scoring/mibg/RelativeScore.h"

namespace nbra::scoring {

bool relativeScoreAtMostHalf(int followUpScore, int baselineScore) {
  return 2 * followUpScore <= baselineScore;
}

bool relativeScoreAtLeastOnePointTwo(int followUpScore, int baselineScore) {
  return 5 * followUpScore >= 6 * baselineScore;
}

bool relativeScoreBelowOneTenth(int followUpScore, int baselineScore) {
  return followUpScore > 0 && 10 * followUpScore < baselineScore;
}

}  // namespace nbra::scoring
