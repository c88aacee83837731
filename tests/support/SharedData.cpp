#include "tests/support/SharedData.h"

namespace nbra::testing {

std::filesystem::path sharedDataExpectedPath() {
  return NBRA_SHARED_DATA_DIR;
}

std::optional<std::filesystem::path> sharedDataDir() {
  std::error_code ec;
  const std::filesystem::path dir = sharedDataExpectedPath();
  if (std::filesystem::is_directory(dir / "tcia-acrin-nsclc-fdg-pet-042", ec)) {
    return dir;
  }
  return std::nullopt;
}

std::filesystem::path hostileInputsExpectedPath() {
  return sharedDataExpectedPath().parent_path() / "hostile-inputs";
}

std::optional<std::filesystem::path> hostileInputsDir() {
  std::error_code ec;
  const std::filesystem::path dir = hostileInputsExpectedPath();
  if (std::filesystem::is_regular_file(dir / "README.md", ec))
    return dir;
  return std::nullopt;
}

}  // namespace nbra::testing
