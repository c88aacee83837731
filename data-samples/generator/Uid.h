#pragma once

#include <cstdint>
#include <string>

namespace nbra::synthetic {

// A UID under the 2.25 root (ITU-T X.667: a 128-bit integer in decimal), derived from the seed
// and a name such as "S1/baseline/CT/series". Same seed and name, same UID; no clock, no MAC
// address, no random device (dcmGenerateUniqueIdentifier would use all three).
std::string makeUid(std::uint64_t seed, const std::string& name);

}  // namespace nbra::synthetic

namespace nbra::synthetic {

// A 64-bit seed for one random stream, derived from the run's seed and a name.
std::uint64_t streamSeed(std::uint64_t seed, const std::string& name);

}  // namespace nbra::synthetic
