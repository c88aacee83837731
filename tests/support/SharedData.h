#pragma once

#include <filesystem>
#include <optional>

namespace nbra::testing {

// The shared real-data set (../shared/data-samples) when present. Tests that need it skip with
// a message naming the path when it is absent.
std::optional<std::filesystem::path> sharedDataDir();
std::filesystem::path sharedDataExpectedPath();

// The inputs that once broke NBRA (../shared/hostile-inputs), when present; one folder per case.
std::optional<std::filesystem::path> hostileInputsDir();
std::filesystem::path hostileInputsExpectedPath();

}  // namespace nbra::testing
