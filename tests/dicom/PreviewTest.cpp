#include <gtest/gtest.h>

#include <fstream>

#include "dicom/preview/PreviewImage.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

TEST(Preview, RendersASyntheticSliceWithTheGradientIntact) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  spec.rows = 32;
  spec.columns = 48;
  const auto file = nbra::testing::writeSeries(tmp.path(), spec).front();
  const auto result = renderPreview(file.string());
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.image.width, 48);
  EXPECT_EQ(result.image.height, 32);
  EXPECT_EQ(result.image.channels, 1);
  EXPECT_EQ(result.image.windowSource, "histogram");
  // The synthetic pixels rise to the bottom-right: so must the rendering.
  const auto& px = result.image.pixels;
  EXPECT_LT(px.front(), px.back());
}

TEST(Preview, AFileWithoutPixelsIsExplainedByName) {
  nbra::testing::TempFolder tmp;
  const auto path = tmp.path() / "README";
  std::ofstream(path) << "text";
  const auto result = renderPreview(path.string());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find(path.string()), std::string::npos) << result.error;
}

TEST(Preview, DecodesJpegLsAndNamesJpeg2000AsUnsupported) {
  const auto dir = nbra::testing::sharedDataDir();
  if (!dir) {
    GTEST_SKIP() << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath();
  }
  const auto jpegLs = renderPreview((*dir / "nema-wg04-compsamples/CT1_JLSL.dcm").string());
  ASSERT_TRUE(jpegLs.ok()) << jpegLs.error;
  EXPECT_EQ(jpegLs.image.width, 512);
  const auto uncompressed = renderPreview((*dir / "nema-wg04-compsamples/CT1_UNC.dcm").string());
  ASSERT_TRUE(uncompressed.ok()) << uncompressed.error;
  EXPECT_EQ(jpegLs.image.pixels, uncompressed.image.pixels) << "lossless must match";
  const auto j2k = renderPreview((*dir / "nema-wg04-compsamples/CT1_J2KR.dcm").string());
  ASSERT_FALSE(j2k.ok());
  EXPECT_NE(j2k.error.find("JPEG 2000"), std::string::npos) << j2k.error;
}

}  // namespace
}  // namespace nbra::dicom
