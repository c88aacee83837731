#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nbra::scoring {

// NBRA's own allocation list: permuted blocks, 1:1 between the arms by default.
//
// Each block holds every arm blockSize / arms.size() times: it starts as the arms in the given
// order, each repeated that many times ("NK", "NK", "CONTROL", "CONTROL" for a block of 4), and is
// then shuffled. The list is the blocks one after the other, cut to `length` entries (so the last
// block may be incomplete); entry i is the arm of the (i+1)-th subject allocated.
//
// The same seed gives the same list on every compiler and standard library, so a list can be
// regenerated and checked from its seed years later:
// - the generator is std::mt19937_64 seeded with `seed`, whose output sequence the C++ standard
//   fixes, and one generator serves all blocks in order;
// - std::uniform_int_distribution and std::shuffle are not used: how they turn generator output
//   into numbers is left to each standard library;
// - each block is shuffled by Fisher-Yates: for i = size-1 down to 1, swap entry i with entry j,
//   j drawn uniformly from 0..i;
// - j is drawn without bias by rejection: a 64-bit output r is kept only when r >= 2^64 mod
//   (i+1), which leaves a multiple of i+1 equally likely values, and then j = r mod (i+1);
//   otherwise the next output is drawn.
//
// Throws std::invalid_argument when arms is empty, has an empty or repeated name, when blockSize
// is not a positive multiple of arms.size(), or when length < 1.
std::vector<std::string> allocationList(std::uint64_t seed, int blockSize, int length,
                                        const std::vector<std::string>& arms = {"NK", "CONTROL"});

}  // namespace nbra::scoring
