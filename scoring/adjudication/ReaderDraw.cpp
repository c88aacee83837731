#include "scoring/adjudication/ReaderDraw.h"

#include <algorithm>
#include <cstddef>
#include <random>
#include <stdexcept>

namespace nbra::scoring {

namespace {

// FNV-1a, 64-bit (the published offset basis and prime): stable across platforms and standard
// libraries, unlike std::hash.
std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Uniform in [0, count) by rejection: outputs below 2^64 mod count are redrawn so that every
// index covers the same number of the generator's 2^64 outputs (a plain % would favour the low
// indices). mt19937_64 is fully specified by the standard, so this is the same everywhere.
std::size_t uniformIndex(std::mt19937_64& generator, std::size_t count) {
  const auto n = static_cast<std::uint64_t>(count);
  const std::uint64_t rejectBelow = (0 - n) % n;  // 2^64 mod n, in unsigned arithmetic
  std::uint64_t value = generator();
  while (value < rejectBelow) {
    value = generator();
  }
  return static_cast<std::size_t>(value % n);
}

}  // namespace

std::pair<std::string, std::string> drawTwoReaders(std::vector<std::string> pool,
                                                   const std::vector<std::string>& excluded,
                                                   std::uint64_t seed,
                                                   const std::string& timepointKey) {
  const std::size_t poolSize = pool.size();
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  std::erase_if(pool, [&](const std::string& reader) {
    return std::find(excluded.begin(), excluded.end(), reader) != excluded.end();
  });
  if (pool.size() < 2) {
    throw std::invalid_argument("two different readers are needed for timepoint " + timepointKey +
                                " but only " + std::to_string(pool.size()) + " eligible reader" +
                                (pool.size() == 1 ? " is" : "s are") + " left (pool of " +
                                std::to_string(poolSize) + ", " + std::to_string(excluded.size()) +
                                " excluded)");
  }
  std::mt19937_64 generator(seed ^ fnv1a64(timepointKey));
  const std::size_t first = uniformIndex(generator, pool.size());
  // The second is drawn among the others: index j of the remaining readers skips `first`.
  const std::size_t j = uniformIndex(generator, pool.size() - 1);
  const std::size_t second = j < first ? j : j + 1;
  return {pool[first], pool[second]};
}

}  // namespace nbra::scoring
