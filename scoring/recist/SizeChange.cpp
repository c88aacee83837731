#include "scoring/recist/SizeChange.h"

namespace nbra::scoring {

namespace {
constexpr Tenths kFiveMm = 50;
}  // namespace

bool atLeastThirtyPercentSmaller(Tenths reference, Tenths now) {
  return 10 * now <= 7 * reference;
}

bool recistProgression(Tenths nadir, Tenths now) {
  return 10 * (now - nadir) >= 2 * nadir && now - nadir >= kFiveMm;
}

bool inrcProgression(Tenths nadir, Tenths now) {
  return 10 * (now - nadir) > 2 * nadir && now - nadir >= kFiveMm;
}

}  // namespace nbra::scoring
