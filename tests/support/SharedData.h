#pragma once

#include <filesystem>
#include <optional>

namespace nbra::testing {

// The shared real-data set (../shared/data-samples) when present. Tests that need it skip with
// a message naming the path when it is absent.
std::optional<std::filesystem::path> sharedDataDir();
std::filesystem::path sharedDataExpectedPath();

}  // namespace nbra::testing
