#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nbra::scoring {

// Two different readers drawn from `pool` (user names, order irrelevant: sort first), never one in
// `excluded` (e.g. a reader who already read this subject unblinded). A name listed twice in the
// pool counts once. Deterministic for (seed, timepointKey): uses std::mt19937_64 seeded from
// seed ^ a stable hash (FNV-1a 64) of timepointKey, and a hand-written uniform index draw (not
// std::uniform_int_distribution, whose output differs between standard libraries), so that an
// auditor can redraw the same pair on any machine. The first of the pair is drawn first.
// Throws std::invalid_argument with a message naming how many eligible readers there are when
// fewer than 2.
std::pair<std::string, std::string> drawTwoReaders(std::vector<std::string> pool,
                                                   const std::vector<std::string>& excluded,
                                                   std::uint64_t seed,
                                                   const std::string& timepointKey);

}  // namespace nbra::scoring
