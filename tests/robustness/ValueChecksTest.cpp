// Values that feed computations are checked before they become numbers: rescale, spacing,
// positions, orientation, slice thickness (one edit of a valid synthetic series each); the
// resampled grid and the SUVpeak kernel are bounded before they are allocated; a JPEG 2000
// codestream's own size is read for the check against the header.

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>

#include <cmath>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/nm/NmViews.h"
#include "dicom/suv/SuvStatistics.h"
#include "dicom/volume/Jpeg2000Header.h"
#include "dicom/volume/Resample.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> strings(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths)
    out.push_back(p.string());
  return out;
}

void editTag(const fs::path& file, const DcmTagKey& tag, const std::string& value) {
  ensureDcmtkReady();
  DcmFileFormat f;
  ASSERT_TRUE(f.loadFile(file.c_str()).good());
  ASSERT_TRUE(f.getDataset()->putAndInsertString(tag, value.c_str()).good());
  ASSERT_TRUE(f.saveFile(file.c_str(), EXS_LittleEndianExplicit).good());
}

// Loading (and inspecting) the series throws a VolumeError naming `file` and `attribute`.
void expectRefused(const std::vector<fs::path>& files, const fs::path& file,
                   const std::string& attribute) {
  for (const bool inspectOnly : {true, false}) {
    try {
      if (inspectOnly) {
        (void)inspectSeries(strings(files));
      } else {
        (void)loadVolume(strings(files));
      }
      ADD_FAILURE() << attribute << ": accepted (" << (inspectOnly ? "inspect" : "load") << ")";
    } catch (const VolumeError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(file.string()), std::string::npos) << what;
      EXPECT_NE(what.find(attribute), std::string::npos) << what;
    }
  }
}

struct Edit {
  DcmTagKey tag;
  const char* value;
  const char* attribute;  // what the message must name
};

class ImplausibleHeaderValue : public ::testing::TestWithParam<Edit> {};

TEST_P(ImplausibleHeaderValue, IsRefusedNamingTheFileAndTheAttribute) {
  testing::TempFolder folder;
  testing::SyntheticSeries spec;
  spec.slices = 3;
  const auto files = testing::writeSeries(folder.path(), spec);
  ASSERT_NO_THROW((void)loadVolume(strings(files)));  // valid before the edit
  editTag(files[1], GetParam().tag, GetParam().value);
  expectRefused(files, files[1], GetParam().attribute);
}

INSTANTIATE_TEST_SUITE_P(
    Values, ImplausibleHeaderValue,
    ::testing::Values(
        Edit{DCM_RescaleSlope, "NaN", "RescaleSlope"},
        Edit{DCM_RescaleSlope, "inf", "RescaleSlope"}, Edit{DCM_RescaleSlope, "-1", "RescaleSlope"},
        Edit{DCM_RescaleSlope, "0", "RescaleSlope"}, Edit{DCM_RescaleSlope, "1e20", "RescaleSlope"},
        Edit{DCM_RescaleIntercept, "1e300", "RescaleIntercept"},
        Edit{DCM_PixelSpacing, "NaN\\NaN", "PixelSpacing"},
        Edit{DCM_PixelSpacing, "1e-7\\1e-7", "PixelSpacing"},
        Edit{DCM_ImagePositionPatient, "NaN\\0\\2.5", "ImagePositionPatient"},
        Edit{DCM_ImagePositionPatient, "0\\0\\1e300", "ImagePositionPatient"},
        Edit{DCM_ImageOrientationPatient, "1\\0\\0\\1\\0\\0", "ImageOrientationPatient"},
        Edit{DCM_ImageOrientationPatient, "0\\0\\0\\0\\0\\0", "ImageOrientationPatient"},
        Edit{DCM_SliceThickness, "1e-7", "SliceThickness"},
        Edit{DCM_SliceThickness, "-5", "SliceThickness"}));

TEST(ResampledGrid, AGapFarBeyondMissingSlicesIsRefusedBeforeAllocating) {
  testing::TempFolder folder;
  testing::SyntheticSeries spec;
  spec.positions = {{0, 0, 0}, {0, 0, 2.5}, {0, 0, 5}, {0, 0, 7.5}, {0, 0, 10}, {0, 0, 5000}};
  spec.slices = 6;  // within 10 m, but 2,000 slices 2.5 mm apart to fill
  const auto files = testing::writeSeries(folder.path(), spec);
  try {
    (void)inspectSeries(strings(files));
    ADD_FAILURE() << "a 5 m gap in a 3-slice stack was accepted";
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find("a position is wrong"), std::string::npos) << e.what();
  }
}

TEST(ResampledGrid, AMissingSliceIsStillResampled) {
  testing::TempFolder folder;
  testing::SyntheticSeries spec;
  spec.positions = {{0, 0, 0}, {0, 0, 2.5}, {0, 0, 5}, {0, 0, 7.5}, {0, 0, 12.5}};
  spec.slices = 5;  // one missing at 10 mm
  const Volume v = loadVolume(strings(testing::writeSeries(folder.path(), spec)));
  EXPECT_EQ(v.dimensions[2], 6u);
  EXPECT_NEAR(v.spacingMm[2], 2.5, 1e-9);
}

TEST(ResampledGrid, SizesAreComputedBeforeTheyBecomeIntegers) {
  Volume stack;
  stack.dimensions = {16, 16, 3};
  stack.spacingMm = {1, 1, 2.5};
  std::vector<FramePlacement> placements(3);
  placements[1].positionMm = {0, 0, 2.5};
  placements[2].positionMm = {1e300, 0, 5};  // in-plane: lround would overflow
  EXPECT_THROW((void)planResampledGrid(stack, placements, 2.5), VolumeError);
  placements[2].positionMm = {0, 0, std::nan("")};
  EXPECT_THROW((void)planResampledGrid(stack, placements, 2.5), VolumeError);
}

TEST(SuvPeakKernel, ASpacingThatWouldMakeItHugeIsRefused) {
  Volume v;
  v.dimensions = {8, 8, 1};
  v.spacingMm = {2, 2, 1e-7};
  v.pixelType = PixelType::Float32;
  v.float32Voxels.assign(64, 1.0f);
  SphereRoi roi;
  roi.centreMm = {7, 7, 0};
  roi.radiusMm = 4;
  EXPECT_THROW((void)computeSuvStatistics(v, {1.0}, roi), SuvStatisticsError);
  v.spacingMm[2] = -1;
  EXPECT_THROW((void)computeSuvStatistics(v, {1.0}, roi), SuvStatisticsError);
}

// Inputs the fuzzers found (tests/fuzz/seeds/findings): GDCM's own parser asserted, or allocated
// 2 GB for a length, on the file as it came. Loading them must end in a result or a VolumeError.
TEST(FuzzFindings, GdcmNeverSeesTheFileAsItCame) {
  const fs::path findings = fs::path(NBRA_SOURCE_DIR) / "tests" / "fuzz" / "seeds" / "findings";
  int replayed = 0;
  for (const auto& entry : fs::directory_iterator(findings)) {
    SCOPED_TRACE(entry.path().filename().string());
    const std::string path = entry.path().string();
    try {
      (void)loadVolume({path});
    } catch (const VolumeError&) {
    }
    try {
      for (const NmView& view : readNmViews({path}))
        (void)loadNmView(view);
    } catch (const VolumeError&) {
    }
    ++replayed;
  }
  EXPECT_GE(replayed, 3);
}

// SOC, SIZ (Lsiz 41, Rsiz 0, Xsiz, Ysiz, XOsiz, YOsiz, tiles, Csiz 1, Ssiz 15 = 16 bits unsigned).
std::vector<std::uint8_t> codestream(std::uint32_t width, std::uint32_t height,
                                     std::uint32_t xOffset = 0) {
  std::vector<std::uint8_t> b{0xFF, 0x4F, 0xFF, 0x51, 0x00, 41, 0x00, 0x00};
  auto put32 = [&](std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
      b.push_back(static_cast<std::uint8_t>(v >> s));
  };
  put32(width + xOffset);
  put32(height);
  put32(xOffset);
  put32(0);
  put32(width);
  put32(height);
  put32(0);
  put32(0);
  b.push_back(0);
  b.push_back(1);
  b.insert(b.end(), {15, 1, 1});
  return b;
}

TEST(Jpeg2000Header, SizeIsReadFromTheSizMarker) {
  const auto bytes = codestream(64, 48, 10);
  const auto size = readJpeg2000Size(bytes.data(), bytes.size());
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 64u);
  EXPECT_EQ(size->height, 48u);
  EXPECT_EQ(size->components, 1);
  EXPECT_EQ(size->precisionBits, 16);
  EXPECT_FALSE(size->isSigned);
  // Cut short, or no codestream at all: nothing is claimed.
  EXPECT_FALSE(readJpeg2000Size(bytes.data(), 20).has_value());
  const std::vector<std::uint8_t> none(100, 0xFF);
  EXPECT_FALSE(readJpeg2000Size(none.data(), none.size()).has_value());
  EXPECT_FALSE(readJpeg2000Size(nullptr, 0).has_value());
}

}  // namespace
}  // namespace nbra::dicom
