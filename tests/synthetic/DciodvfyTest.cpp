// Every generated DICOM object must conform to its IOD: dciodvfy (dicom3tools) reports no error.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/synthetic/SyntheticData.h"

namespace nbra::synthetic::testing {
namespace {

const char* kDciodvfy = "/usr/bin/dciodvfy";

// dciodvfy's report (stdout and stderr) for one file.
std::string verify(const std::string& file) {
  const std::string command = std::string(kDciodvfy) + " '" + file + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
    out += buffer.data();
  }
  return out;
}

TEST(SyntheticDciodvfy, EveryObjectHasNoError) {
  if (!std::filesystem::exists(kDciodvfy)) {
    GTEST_SKIP() << "dciodvfy not installed (Debian package dicom3tools; scripts/install-deps.sh)";
  }
  int checked = 0;
  for (const std::string& id : subjectIds()) {
    for (const std::string& file : filesBelow(dataDir() / id)) {
      if (file.size() < 4 || file.substr(file.size() - 4) != ".dcm") {
        continue;
      }
      const std::string report = verify(file);
      ++checked;
      // dciodvfy starts every problem line with "Error" or "Warning"; errors break the standard.
      EXPECT_EQ(report.find("Error"), std::string::npos) << file << ":\n" << report;
    }
  }
  // 3 + 2 CTs of 116 slices, 2 PETs of 116 slices, 3 multi-frame NM objects and 2 x 2 single views.
  EXPECT_EQ(checked, 5 * 116 + 2 * 116 + 3 + 4);
}

}  // namespace
}  // namespace nbra::synthetic::testing
