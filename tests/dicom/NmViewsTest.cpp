// Planar NM views: split by detector, labelled by code, angle or text, never by frame order.

#include <gtest/gtest.h>

#include <cmath>

#include "dicom/nm/NmViews.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

using nbra::testing::SyntheticNmPlanar;
using nbra::testing::TempFolder;

TEST(NmViews, ViewCodesDecideEvenWhenFrameOrderIsPosteriorFirst) {
  TempFolder tmp;
  SyntheticNmPlanar spec;
  spec.detectors = {2, 1};  // frame 0 comes from detector 2, which looks posterior
  const auto file = nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec);
  const auto views = readNmViews({file.string()});
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].label, NmViewLabel::Posterior);
  EXPECT_EQ(views[1].label, NmViewLabel::Anterior);
  EXPECT_EQ(views[0].labelSource, "View Code Sequence");
  EXPECT_TRUE(views[0].wholeBody);
  EXPECT_DOUBLE_EQ(views[0].rowSpacingMm, 2.4);
}

TEST(NmViews, StartAngleDecidesWithoutViewCodes) {
  TempFolder tmp;
  SyntheticNmPlanar spec;
  spec.viewCodes = false;
  spec.startAngles = {0, 180};  // detector 1 behind the patient, detector 2 in front
  const auto views = readNmViews({nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec).string()});
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].label, NmViewLabel::Posterior);
  EXPECT_EQ(views[1].label, NmViewLabel::Anterior);
  EXPECT_EQ(views[1].labelSource, "Start Angle");
}

TEST(NmViews, DescriptionLabelsASingleViewFileOnly) {
  TempFolder tmp;
  SyntheticNmPlanar single;
  single.detectors = {1};
  single.viewCodes = false;
  single.seriesDescription = "WB MIBG POST";
  auto views = readNmViews({nbra::testing::writeNmPlanar(tmp.path() / "post.dcm", single).string()});
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].label, NmViewLabel::Posterior);
  EXPECT_EQ(views[0].labelSource, "description");

  // Two detectors, no codes, no angles: text cannot tell the frames apart.
  SyntheticNmPlanar both;
  both.viewCodes = false;
  both.seriesDescription = "WB ANT";
  views = readNmViews({nbra::testing::writeNmPlanar(tmp.path() / "both.dcm", both).string()});
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].label, NmViewLabel::Other);
  EXPECT_EQ(views[0].labelSource, "unknown");

  // "ANT/POST" names both and so decides nothing.
  single.seriesDescription = "WB ANT/POST";
  views = readNmViews({nbra::testing::writeNmPlanar(tmp.path() / "antpost.dcm", single).string()});
  EXPECT_EQ(views[0].label, NmViewLabel::Other);
}

TEST(NmViews, ViewsLoadAndTheGeometricMeanFlipsThePosterior) {
  TempFolder tmp;
  SyntheticNmPlanar spec;
  spec.columns = 8;
  spec.rows = 4;
  const auto views = readNmViews({nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec).string()});
  const PlanarImage anterior = loadNmView(views[0]);
  const PlanarImage posterior = loadNmView(views[1]);
  // Writer: frame f holds (f + 1) * 10 + column.
  EXPECT_FLOAT_EQ(anterior.at(3, 2), 13.0f);
  EXPECT_FLOAT_EQ(posterior.at(3, 2), 23.0f);
  const PlanarImage mean = geometricMean(anterior, posterior);
  // Column 0 of the anterior meets column 7 of the posterior.
  EXPECT_NEAR(mean.at(0, 0), std::sqrt(10.0 * 27.0), 1e-4);
  EXPECT_NEAR(mean.at(7, 1), std::sqrt(17.0 * 20.0), 1e-4);
  PlanarImage small = posterior;
  small.width = 4;
  EXPECT_THROW(geometricMean(anterior, small), std::runtime_error);
}

}  // namespace
}  // namespace nbra::dicom
