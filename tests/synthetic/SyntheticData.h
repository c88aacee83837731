#pragma once

#include <QJsonObject>
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace nbra::synthetic::testing {

// The subjects the build generated (data-samples/synthetic/, NBRA_SYNTHETIC_DATA_DIR).
std::filesystem::path dataDir();
const std::vector<std::string>& subjectIds();

// A subject's ground truth (truth.json), parsed.
QJsonObject truth(const std::string& subjectId);

// Regular files below a folder, sorted by path.
std::vector<std::string> filesBelow(const std::filesystem::path& folder);

// A truth array of three numbers.
std::array<double, 3> vec3(const QJsonValue& value);

}  // namespace nbra::synthetic::testing
