#include "scoring/results/AllocationList.h"

#include <cstddef>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace nbra::scoring {

namespace {

void checkArms(const std::vector<std::string>& arms) {
  if (arms.empty()) {
    throw std::invalid_argument("an allocation list needs at least one arm");
  }
  std::set<std::string> seen;
  for (const std::string& arm : arms) {
    if (arm.empty()) {
      throw std::invalid_argument("an arm of the allocation list has no name");
    }
    if (!seen.insert(arm).second) {
      throw std::invalid_argument("arm '" + arm + "' is listed twice; each arm once");
    }
  }
}

// A uniform draw from 0..bound-1 by rejection (see AllocationList.h). 2^64 mod bound is computed
// as (2^64 - bound) mod bound, which unsigned arithmetic gives as (-bound) % bound.
std::uint64_t uniformBelow(std::mt19937_64& generator, std::uint64_t bound) {
  const std::uint64_t rejectBelow = (std::uint64_t{0} - bound) % bound;
  for (;;) {
    const std::uint64_t r = generator();
    if (r >= rejectBelow) {
      return r % bound;
    }
  }
}

}  // namespace

std::vector<std::string> allocationList(std::uint64_t seed, int blockSize, int length,
                                        const std::vector<std::string>& arms) {
  checkArms(arms);
  const int armCount = static_cast<int>(arms.size());
  if (blockSize <= 0 || blockSize % armCount != 0) {
    throw std::invalid_argument("block size " + std::to_string(blockSize) +
                                " is not a positive multiple of the " + std::to_string(armCount) +
                                " arms: every block must hold each arm equally often");
  }
  if (length < 1) {
    throw std::invalid_argument("an allocation list needs at least one entry (length " +
                                std::to_string(length) + ")");
  }

  std::mt19937_64 generator(seed);
  const int perArm = blockSize / armCount;
  std::vector<std::string> list;
  list.reserve(static_cast<std::size_t>(length) + static_cast<std::size_t>(blockSize));
  while (list.size() < static_cast<std::size_t>(length)) {
    std::vector<std::string> block;
    for (const std::string& arm : arms) {
      block.insert(block.end(), static_cast<std::size_t>(perArm), arm);
    }
    for (std::size_t i = block.size() - 1; i > 0; --i) {
      std::swap(block[i], block[static_cast<std::size_t>(uniformBelow(generator, i + 1))]);
    }
    list.insert(list.end(), block.begin(), block.end());
  }
  list.resize(static_cast<std::size_t>(length));
  return list;
}

}  // namespace nbra::scoring
