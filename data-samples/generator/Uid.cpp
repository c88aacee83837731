#include "data-samples/generator/Uid.h"

#include <algorithm>

namespace nbra::synthetic {
namespace {

__extension__ using Uint128 = unsigned __int128;

// FNV-1a 64 over the name, with the seed folded in; two differently salted runs give 128 bits.
std::uint64_t hash64(std::uint64_t seed, const std::string& name, std::uint64_t salt) {
  std::uint64_t h = 0xCBF29CE484222325ULL ^ salt;
  auto mix = [&h](unsigned char byte) {
    h ^= byte;
    h *= 0x100000001B3ULL;
  };
  for (int i = 0; i < 8; ++i) {
    mix(static_cast<unsigned char>(seed >> (8 * i)));
  }
  for (const char c : name) {
    mix(static_cast<unsigned char>(c));
  }
  // Final avalanche (SplitMix64 finaliser) so that similar names differ in every digit.
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

}  // namespace

std::string makeUid(std::uint64_t seed, const std::string& name) {
  Uint128 value = hash64(seed, name, 0x5A5A);
  value = (value << 64) | hash64(seed, name, 0xA5A5);
  value >>= 1;  // below 2^127: never a leading-zero problem, always fits 39 digits
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  std::reverse(digits.begin(), digits.end());
  return "2.25." + digits;
}

}  // namespace nbra::synthetic

namespace nbra::synthetic {

std::uint64_t streamSeed(std::uint64_t seed, const std::string& name) {
  return hash64(seed, name, 0x3C3C);
}

}  // namespace nbra::synthetic
