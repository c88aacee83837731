// The CT series load into volumes with the geometry of the ground truth, and the lesions are
// where and as large as the truth says.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <algorithm>
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

// Measured on the CT like a reader would, along the left-right axis through the truth's centre:
// the primary tumours (40-42 HU among fat, lung, vessels, bone and enhancing organs) and the new
// liver metastasis (62 HU in 105 HU liver) span the run of voxels within 10-80 HU (median of
// five neighbouring rows, against the noise). A calcified speck (denser than 80 HU) inside the mass
// belongs to it when the mass resumes within 5 mm beyond it; bone does not resume.
double measuredLongAxisMm(const Volume& v, const std::array<double, 3>& centreMm) {
  const auto c = v.toVoxel(centreMm);
  const auto y = static_cast<std::size_t>(std::lround(c[1]));
  const auto z = static_cast<std::size_t>(std::lround(c[2]));
  auto median = [&](long x) {
    std::array<double, 5> rows{};
    for (std::size_t j = 0; j < 5; ++j) {
      rows[j] = v.value(static_cast<std::size_t>(x), y - 2 + j, z);
    }
    std::nth_element(rows.begin(), rows.begin() + 2, rows.end());
    return rows[2];
  };
  auto soft = [&](long x) {
    const double hu = median(x);
    return hu >= 10 && hu <= 80;
  };
  const long gap = std::lround(5.0 / v.spacingMm[0]);
  auto next = [&](long x, long step) {
    if (soft(x + step))
      return true;
    if (median(x + step) <= 80)
      return false;
    for (long k = 2; k <= gap; ++k) {
      if (soft(x + k * step))
        return true;
    }
    return false;
  };
  const long centre = std::lround(c[0]);
  long left = centre;
  while (next(left, -1))
    --left;
  long right = centre;
  while (next(right, 1))
    ++right;
  return static_cast<double>(right - left + 1) * v.spacingMm[0];
}

TEST(SyntheticCt, PrimaryAndLiverMetastasisDiametersMatchTheTruth) {
  int measured = 0;
  for (const std::string& id : subjectIds()) {
    for (const QJsonValue& tpValue : truth(id)["timepoints"].toArray()) {
      const QJsonObject tp = tpValue.toObject();
      const Volume v = loadCt(id, tp);
      for (const QJsonValue& l : tp["lesions"].toArray()) {
        const QJsonObject lesion = l.toObject();
        const QString tracking = lesion["trackingId"].toString();
        if (tracking != "P1" && tracking != "L1") {
          continue;
        }
        SCOPED_TRACE(id + " " + tp["key"].toString().toStdString() + " " + tracking.toStdString());
        // Within 2.5 mm: about four voxels, the partial-volume edge on both sides.
        EXPECT_NEAR(measuredLongAxisMm(v, vec3(lesion["centreMm"])),
                    lesion["longAxisMm"].toDouble(), 2.5);
        ++measured;
      }
    }
  }
  EXPECT_EQ(measured, 3 + 2 + 1);
}

}  // namespace
}  // namespace nbra::synthetic::testing
