// FDG PET: the SUV tags give the body-weight factor the truth's dose and timing imply, and every
// lesion's SUVmax is within 5 % of the ground truth.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <cmath>

#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvStatistics.h"
#include "dicom/suv/SuvTagReader.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/synthetic/SyntheticData.h"

namespace nbra::synthetic::testing {
namespace {

TEST(SyntheticPet, LesionSuvMaxWithinFivePercentOfTruth) {
  const QJsonObject t = truth("NBRA-SYN-002");
  const double weightKg = t["weightKg"].toDouble();
  int lesionsChecked = 0;
  for (const QJsonValue& tpValue : t["timepoints"].toArray()) {
    const QJsonObject tp = tpValue.toObject();
    SCOPED_TRACE(tp["key"].toString().toStdString());
    const auto series = nbra::dicom::findSeries(
        (dataDir() / "NBRA-SYN-002" / tp["key"].toString().toStdString() / "PT").string());
    ASSERT_EQ(series.size(), 1u);
    const nbra::dicom::SuvTags tags = nbra::dicom::readSuvTags(series[0].files);
    EXPECT_EQ(tags.units, "BQML");
    EXPECT_EQ(tags.decayCorrection, "START");
    const nbra::dicom::SuvResult suv = nbra::dicom::computeSuv(tags);
    ASSERT_TRUE(suv.ok()) << suv.errorCode << ": " << suv.errorMessage;
    ASSERT_TRUE(suv.bw.factor.has_value()) << suv.bw.reason;
    // SUVbw factor = weight [g] / (dose decayed from injection to the series start).
    const QJsonObject pet = tp["pet"].toObject();
    const double decayed = pet["injectedBq"].toDouble() *
                           std::exp2(-pet["decayTimeS"].toDouble() / pet["halfLifeS"].toDouble());
    EXPECT_NEAR(*suv.bw.factor, weightKg * 1000.0 / decayed, 1e-6 * *suv.bw.factor);
    const nbra::dicom::Volume volume = nbra::dicom::loadVolume(series[0].files);
    for (const QJsonValue& lesionValue : tp["lesions"].toArray()) {
      const QJsonObject lesion = lesionValue.toObject();
      if (!lesion.contains("suvMax")) {
        continue;
      }
      const nbra::dicom::SphereRoi roi{vec3(lesion["centreMm"]), lesion["roiRadiusMm"].toDouble()};
      const auto stats = nbra::dicom::computeSuvStatistics(volume, {*suv.bw.factor}, roi);
      const double expected = lesion["suvMax"].toDouble();
      EXPECT_NEAR(stats.max, expected, 0.05 * expected)
          << lesion["trackingId"].toString().toStdString();
      ++lesionsChecked;
    }
  }
  EXPECT_EQ(lesionsChecked, 4 + 5);
}

}  // namespace
}  // namespace nbra::synthetic::testing
