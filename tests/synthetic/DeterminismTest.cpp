// The same seed gives byte-identical files: two fresh runs of the generator, and the data the
// build wrote, hash alike file by file; another seed changes them.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>

#include "tests/support/SyntheticDicom.h"
#include "tests/synthetic/SyntheticData.h"

namespace nbra::synthetic::testing {
namespace {

// FNV-1a 64 of a file's bytes.
std::uint64_t hashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t h = 0xCBF29CE484222325ULL;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 0x100000001B3ULL;
    }
  }
  return h;
}

std::map<std::string, std::uint64_t> hashes(const std::filesystem::path& root) {
  std::map<std::string, std::uint64_t> out;
  for (const std::string& file : filesBelow(root)) {
    out[std::filesystem::relative(file, root).string()] = hashFile(file);
  }
  return out;
}

void generate(const std::filesystem::path& out, const char* seed) {
  const std::string command = std::string(NBRA_SYNTHETIC_GENERATOR) + " --out '" + out.string() +
                              "' --seed " + seed + " --subject NBRA-SYN-002 > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(SyntheticDeterminism, SameSeedSameBytes) {
  nbra::testing::TempFolder first;
  nbra::testing::TempFolder second;
  generate(first.path(), NBRA_SYNTHETIC_SEED);
  generate(second.path(), NBRA_SYNTHETIC_SEED);
  const auto a = hashes(first.path() / "NBRA-SYN-002");
  const auto b = hashes(second.path() / "NBRA-SYN-002");
  ASSERT_GT(a.size(), 200u);
  EXPECT_EQ(a, b);
  // The build's copy was written by the same program with the same seed.
  EXPECT_EQ(a, hashes(dataDir() / "NBRA-SYN-002"));
}

TEST(SyntheticDeterminism, AnotherSeedOtherBytes) {
  nbra::testing::TempFolder other;
  generate(other.path(), "7");
  const auto a = hashes(dataDir() / "NBRA-SYN-002");
  const auto b = hashes(other.path() / "NBRA-SYN-002");
  ASSERT_EQ(a.size(), b.size());
  std::size_t differing = 0;
  for (const auto& [name, hash] : a) {
    differing += b.at(name) != hash ? 1 : 0;
  }
  // Every DICOM file differs (UIDs, noise); case.json does not depend on the seed.
  EXPECT_EQ(differing, a.size() - 1);
}

}  // namespace
}  // namespace nbra::synthetic::testing
