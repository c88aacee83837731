#include "scoring/recist/SumOfDiameters.h"

#include <algorithm>
#include <numeric>

namespace nbra::scoring {

Tenths recistDiameterTenths(bool isLymphNode, Tenths longAxisTenths, Tenths shortAxisTenths) {
  return isLymphNode ? shortAxisTenths : longAxisTenths;
}

Tenths sumOfDiameters(const std::vector<Tenths>& diameters) {
  return std::accumulate(diameters.begin(), diameters.end(), Tenths{0});
}

std::optional<Tenths> nadir(const std::vector<Tenths>& history) {
  if (history.empty()) {
    return std::nullopt;
  }
  return *std::min_element(history.begin(), history.end());
}

}  // namespace nbra::scoring
