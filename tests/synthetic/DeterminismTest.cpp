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

// Three fresh runs for subject 2 (CT, NM as two series, PET): two with the build's seed, one with
// another. They are not compared with data-samples/synthetic itself: every build directory
// regenerates that folder, and one built from other sources may be rewriting it right now.
class SyntheticDeterminism : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    first_ = new nbra::testing::TempFolder;
    second_ = new nbra::testing::TempFolder;
    other_ = new nbra::testing::TempFolder;
    generate(first_->path(), NBRA_SYNTHETIC_SEED);
    generate(second_->path(), NBRA_SYNTHETIC_SEED);
    generate(other_->path(), "7");
  }
  static void TearDownTestSuite() {
    delete first_;
    delete second_;
    delete other_;
  }
  static std::map<std::string, std::uint64_t> run(const nbra::testing::TempFolder* folder) {
    return hashes(folder->path() / "NBRA-SYN-002");
  }
  static nbra::testing::TempFolder* first_;
  static nbra::testing::TempFolder* second_;
  static nbra::testing::TempFolder* other_;
};

nbra::testing::TempFolder* SyntheticDeterminism::first_ = nullptr;
nbra::testing::TempFolder* SyntheticDeterminism::second_ = nullptr;
nbra::testing::TempFolder* SyntheticDeterminism::other_ = nullptr;

// One test (CTest runs each test in its own process, and the three runs are the cost).
TEST_F(SyntheticDeterminism, SameSeedSameBytesOtherSeedOtherBytes) {
  const auto a = run(first_);
  // 2 x 116 CT + 2 x 116 PET + 2 x 2 NM views + case.json + truth.json.
  ASSERT_EQ(a.size(), 4u * 116u + 4u + 2u);
  EXPECT_EQ(a, run(second_));

  const auto b = run(other_);
  ASSERT_EQ(a.size(), b.size());
  std::size_t differing = 0;
  for (const auto& [name, hash] : a) {
    differing += b.at(name) != hash ? 1 : 0;
  }
  // Every DICOM file differs (UIDs, noise) and truth.json records the seed; case.json does not
  // depend on it.
  EXPECT_EQ(differing, a.size() - 1);
  EXPECT_EQ(a.at("case.json"), b.at("case.json"));
}

}  // namespace
}  // namespace nbra::synthetic::testing
