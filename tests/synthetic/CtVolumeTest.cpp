// The CT series load into volumes with the geometry of the ground truth, and the lesions are
// where and as large as the truth says.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <cmath>

#include "dicom/volume/VolumeLoader.h"
#include "tests/synthetic/SyntheticData.h"

namespace nbra::synthetic::testing {
namespace {

using nbra::dicom::findSeries;
using nbra::dicom::loadVolume;
using nbra::dicom::Volume;

Volume loadCt(const std::string& id, const QJsonObject& timepoint) {
  const auto series =
      findSeries((dataDir() / id / timepoint["key"].toString().toStdString() / "CT").string());
  EXPECT_EQ(series.size(), 1u);
  return loadVolume(series.at(0).files);
}

// Mean HU in a small cube (+-1 voxel in-plane, the slice itself) around a patient position.
double meanHu(const Volume& v, const std::array<double, 3>& mm) {
  const auto c = v.toVoxel(mm);
  const auto x = static_cast<std::size_t>(std::lround(c[0]));
  const auto y = static_cast<std::size_t>(std::lround(c[1]));
  const auto z = static_cast<std::size_t>(std::lround(c[2]));
  double sum = 0;
  int n = 0;
  for (std::size_t j = y - 2; j <= y + 2; ++j) {
    for (std::size_t i = x - 2; i <= x + 2; ++i) {
      sum += v.value(i, j, z);
      ++n;
    }
  }
  return sum / n;
}

TEST(SyntheticCt, GeometryMatchesTheTruth) {
  for (const std::string& id : subjectIds()) {
    const QJsonArray timepoints = truth(id)["timepoints"].toArray();
    for (const QJsonValue& tpValue : timepoints) {
      const QJsonObject tp = tpValue.toObject();
      const QJsonObject ct = tp["ct"].toObject();
      SCOPED_TRACE(id + " " + tp["key"].toString().toStdString());
      const Volume v = loadCt(id, tp);
      EXPECT_EQ(v.modality, "CT");
      EXPECT_EQ(v.dimensions[0], 512u);
      EXPECT_EQ(v.dimensions[1], 512u);
      EXPECT_EQ(v.dimensions[2], static_cast<std::size_t>(ct["slices"].toInt()));
      EXPECT_NEAR(v.spacingMm[0], ct["pixelSpacingMm"].toDouble(), 1e-6);
      EXPECT_NEAR(v.spacingMm[1], ct["pixelSpacingMm"].toDouble(), 1e-6);
      EXPECT_NEAR(v.spacingMm[2], ct["sliceSpacingMm"].toDouble(), 1e-4);
      EXPECT_TRUE(v.warnings.empty()) << v.warnings.front();
      // Axial, head first: the stack runs along +-z; its first and last slices bound the truth's
      // z range whichever way the loader orders them.
      const auto first = v.toPatientMm(0, 0, 0);
      const auto last = v.toPatientMm(0, 0, static_cast<double>(v.dimensions[2] - 1));
      const auto truthFirst = vec3(ct["firstVoxelCentreMm"]);
      EXPECT_NEAR(std::max(first[2], last[2]), truthFirst[2], 1e-3);
      EXPECT_NEAR(std::min(first[2], last[2]), ct["lastSliceZMm"].toDouble(), 1e-3);
      EXPECT_NEAR(first[0], truthFirst[0], 1e-3);
      EXPECT_NEAR(first[1], truthFirst[1], 1e-3);
      // Anatomy where the truth puts it: soft-tissue lesions are soft tissue (not fat, not bone).
      for (const QJsonValue& lesionValue : tp["lesions"].toArray()) {
        const QJsonObject lesion = lesionValue.toObject();
        if (lesion["bone"].toBool() || lesion["longAxisMm"].toDouble() < 10) {
          continue;
        }
        const double hu = meanHu(v, vec3(lesion["centreMm"]));
        EXPECT_GT(hu, 15) << lesion["trackingId"].toString().toStdString();
        EXPECT_LT(hu, 90) << lesion["trackingId"].toString().toStdString();
      }
    }
  }
}

// The new liver metastasis of subject 2 is hypodense: measured along x through its centre, the
// run of voxels below the midpoint between lesion and liver is its diameter (truth 19 mm).
TEST(SyntheticCt, LiverMetastasisDiameterMatchesTheTruth) {
  const QJsonObject tp = truth("NBRA-SYN-002")["timepoints"].toArray()[1].toObject();
  QJsonObject liver;
  for (const QJsonValue& l : tp["lesions"].toArray()) {
    if (l.toObject()["trackingId"].toString() == "L1") {
      liver = l.toObject();
    }
  }
  ASSERT_FALSE(liver.isEmpty());
  const Volume v = loadCt("NBRA-SYN-002", tp);
  const auto c = v.toVoxel(vec3(liver["centreMm"]));
  const auto y = static_cast<std::size_t>(std::lround(c[1]));
  const auto z = static_cast<std::size_t>(std::lround(c[2]));
  // Average 5 rows to beat the noise, then walk out from the centre.
  auto profile = [&](long x) {
    double sum = 0;
    for (std::size_t j = y - 2; j <= y + 2; ++j) {
      sum += v.value(static_cast<std::size_t>(x), j, z);
    }
    return sum / 5;
  };
  const long centre = std::lround(c[0]);
  const double threshold = (62.0 + 105.0) / 2;
  long left = centre;
  while (profile(left - 1) < threshold)
    --left;
  long right = centre;
  while (profile(right + 1) < threshold)
    ++right;
  const double diameterMm = static_cast<double>(right - left + 1) * v.spacingMm[0];
  EXPECT_NEAR(diameterMm, liver["longAxisMm"].toDouble(), 2.5);
}

}  // namespace
}  // namespace nbra::synthetic::testing
