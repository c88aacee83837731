#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace nbra::synthetic {

// A small, fully specified generator (SplitMix64 seeding a xoshiro256**): the standard library's
// distributions differ between implementations, and the data must be byte-identical for a seed.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& s : state_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Standard normal (Box-Muller; the second value is kept for the next call).
  double normal() {
    if (hasSpare_) {
      hasSpare_ = false;
      return spare_;
    }
    double u = 0;
    do {
      u = uniform();
    } while (u <= 0);
    const double v = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u));
    spare_ = radius * std::sin(2.0 * std::numbers::pi * v);
    hasSpare_ = true;
    return radius * std::cos(2.0 * std::numbers::pi * v);
  }

  // Poisson counts: exact (Knuth) for small means, normal approximation above 30 where the
  // difference is invisible in a planar image.
  std::uint32_t poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      const double limit = std::exp(-mean);
      double product = uniform();
      std::uint32_t count = 0;
      while (product > limit) {
        ++count;
        product *= uniform();
      }
      return count;
    }
    const double value = std::round(mean + std::sqrt(mean) * normal());
    return value < 0 ? 0u : static_cast<std::uint32_t>(value);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t state_[4]{};
  bool hasSpare_ = false;
  double spare_ = 0;
};

}  // namespace nbra::synthetic
