#include "tests/synthetic/SyntheticData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <array>
#include <stdexcept>

namespace nbra::synthetic::testing {

std::filesystem::path dataDir() {
  return NBRA_SYNTHETIC_DATA_DIR;
}

const std::vector<std::string>& subjectIds() {
  static const std::vector<std::string> ids{"NBRA-SYN-001", "NBRA-SYN-002"};
  return ids;
}

QJsonObject truth(const std::string& subjectId) {
  QFile file(QString::fromStdString((dataDir() / subjectId / "truth.json").string()));
  if (!file.open(QIODevice::ReadOnly)) {
    throw std::runtime_error("cannot read " + file.fileName().toStdString());
  }
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError) {
    throw std::runtime_error("bad JSON in " + file.fileName().toStdString());
  }
  return doc.object();
}

std::vector<std::string> filesBelow(const std::filesystem::path& folder) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::array<double, 3> vec3(const QJsonValue& value) {
  const QJsonArray a = value.toArray();
  return {a[0].toDouble(), a[1].toDouble(), a[2].toDouble()};
}

}  // namespace nbra::synthetic::testing
