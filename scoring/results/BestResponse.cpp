#include "scoring/results/BestResponse.h"

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace nbra::scoring {

namespace {

// Best first; a category's rank is its distance from the end.
constexpr std::array<std::string_view, 6> kBestFirst = {"CR", "PR", "MR", "SD", "PD", "NE"};

}  // namespace

int responseRank(const std::string& category) {
  for (std::size_t i = 0; i < kBestFirst.size(); ++i) {
    if (category == kBestFirst[i]) {
      return static_cast<int>(kBestFirst.size() - 1 - i);
    }
  }
  throw std::invalid_argument("unknown overall response category '" + category +
                              "': expected CR, PR, MR, SD, PD or NE");
}

bool isObjectiveResponse(const std::string& category, bool countMinorResponse) {
  const int rank = responseRank(category);
  return rank >= responseRank("PR") || (countMinorResponse && rank == responseRank("MR"));
}

std::optional<std::string> bestOverallResponse(const std::vector<std::string>& responsesInDateOrder,
                                               const BestResponseSettings& settings) {
  // Every category is checked first, those after progression too, so that a typing error is
  // never hidden by the cut-off.
  for (const std::string& response : responsesInDateOrder) {
    responseRank(response);
  }
  std::optional<std::string> best;
  for (const std::string& response : responsesInDateOrder) {
    if (!best || responseRank(response) > responseRank(*best)) {
      best = response;
    }
    if (settings.stopsAtProgression && response == "PD") {
      break;
    }
  }
  return best;
}

}  // namespace nbra::scoring
