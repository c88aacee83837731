// Series to volume on synthetic series whose geometry and pixel values are known.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>

#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using nbra::testing::SyntheticSeries;
using nbra::testing::TempFolder;

std::vector<std::string> strings(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(p.string());
  return out;
}

bool anyWarningContains(const Volume& v, const std::string& text) {
  for (const auto& w : v.warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Volume, SlicesAreOrderedByPositionNotInstanceNumber) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 5;
  spec.positions = {{0, 0, 5}, {0, 0, 0}, {0, 0, 10}, {0, 0, 2.5}, {0, 0, 7.5}};
  spec.reverseInstanceNumbers = true;
  const auto files = nbra::testing::writeSeries(tmp.path(), spec);
  const Volume v = loadVolume(strings(files));
  ASSERT_EQ(v.dimensions[2], 5u);
  // Slice k was written with k * 100 at pixel (0,0); in position order: k = 1, 3, 0, 4, 2.
  const int expected[5] = {100, 300, 0, 400, 200};
  for (std::size_t z = 0; z < 5; ++z) {
    EXPECT_EQ(v.value(0, 0, z), expected[z]) << "z=" << z;
  }
  EXPECT_DOUBLE_EQ(v.spacingMm[2], 2.5);
  EXPECT_DOUBLE_EQ(v.originMm[2], 0.0);
  EXPECT_EQ(v.pixelType, PixelType::Int16);
  EXPECT_TRUE(v.warnings.empty());
  // Values along a row: column c holds c * 16 (row 0).
  EXPECT_EQ(v.value(3, 0, 1), nbra::testing::syntheticStoredValue(3, 0, 3));
  EXPECT_EQ(v.value(0, 2, 1), nbra::testing::syntheticStoredValue(0, 2, 3));
}

TEST(Volume, AMissingSliceIsResampledOrRefused) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 5;
  spec.positions = {{0, 0, 0}, {0, 0, 2.5}, {0, 0, 5}, {0, 0, 10}, {0, 0, 12.5}};  // 7.5 missing
  const auto files = strings(nbra::testing::writeSeries(tmp.path(), spec));

  LoadOptions refuse;
  refuse.irregular = IrregularGridPolicy::Refuse;
  try {
    loadVolume(files, refuse);
    FAIL() << "an uneven series must be refused under the Refuse policy";
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find("uneven"), std::string::npos) << e.what();
  }

  const Volume v = loadVolume(files);
  ASSERT_EQ(v.dimensions[2], 6u);  // 0 .. 12.5 mm at 2.5 mm
  EXPECT_DOUBLE_EQ(v.spacingMm[2], 2.5);
  EXPECT_TRUE(anyWarningContains(v, "missing")) << v.warnings.front();
  EXPECT_TRUE(anyWarningContains(v, "resampled"));
  // z = 7.5 mm lies halfway between slices 2 (200) and 3 (300).
  EXPECT_NEAR(v.value(0, 0, 3), 250, 0.5);
  EXPECT_NEAR(v.value(0, 0, 4), 300, 0.5);
}

TEST(Volume, GantryTiltIsMeasuredAndResampled) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 6;
  spec.rows = 32;
  spec.columns = 32;
  const double tiltDeg = 20;
  const double shift = 2.5 * std::tan(tiltDeg * std::numbers::pi / 180);
  for (int k = 0; k < spec.slices; ++k) spec.positions.push_back({0, k * shift, k * 2.5});
  const auto files = strings(nbra::testing::writeSeries(tmp.path(), spec));
  LoadOptions refuse;
  refuse.irregular = IrregularGridPolicy::Refuse;
  EXPECT_THROW(loadVolume(files, refuse), VolumeError);
  const Volume v = loadVolume(files);
  EXPECT_TRUE(anyWarningContains(v, "gantry tilt of 20.00")) << v.warnings.front();
  // The grid is regular along the normal; in-plane it grows to hold every sheared slice.
  EXPECT_DOUBLE_EQ(v.spacingMm[2], 2.5);
  EXPECT_EQ(v.dimensions[2], 6u);
  EXPECT_GT(v.dimensions[1], 32u);
  // Slice 5's values are linear in-plane (64 per row, 16 per column), so trilinear resampling
  // must reproduce them at any voxel centre of the grid's slice 5, wherever it falls.
  const auto voxel = v.toVoxel({0.8 * 3, 5 * shift + 0.8 * 4, 12.5});
  const std::size_t x = static_cast<std::size_t>(std::lround(voxel[0]));
  const std::size_t y = static_cast<std::size_t>(std::lround(voxel[1]));
  const std::size_t z = static_cast<std::size_t>(std::lround(voxel[2]));
  ASSERT_EQ(z, 5u);
  const auto centre = v.toPatientMm(static_cast<double>(x), static_cast<double>(y), 5.0);
  const double column = centre[0] / 0.8;
  const double row = (centre[1] - 5 * shift) / 0.8;
  EXPECT_NEAR(v.value(x, y, z), row * 64 + column * 16 + 500, 1.0);
}

TEST(Volume, RescaleIsAppliedAndChoosesThePixelType) {
  TempFolder tmp;
  SyntheticSeries ct;
  ct.slices = 2;
  ct.rescaleIntercept = -1024;
  const Volume hu = loadVolume(strings(nbra::testing::writeSeries(tmp.path() / "ct", ct)));
  EXPECT_EQ(hu.pixelType, PixelType::Int16);
  EXPECT_EQ(hu.value(1, 1, 1), nbra::testing::syntheticStoredValue(1, 1, 1) - 1024);

  SyntheticSeries pet;
  pet.slices = 2;
  pet.modality = "PT";
  pet.rescaleSlope = 0.25;
  const Volume bq = loadVolume(strings(nbra::testing::writeSeries(tmp.path() / "pt", pet)));
  EXPECT_EQ(bq.pixelType, PixelType::Float32);
  EXPECT_FLOAT_EQ(static_cast<float>(bq.value(2, 3, 1)),
                  0.25f * static_cast<float>(nbra::testing::syntheticStoredValue(2, 3, 1)));
}

TEST(Volume, ObliqueOrientationBecomesTheDirectionMatrix) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 3;
  const double c = std::cos(0.3), s = std::sin(0.3);
  char iop[128];
  std::snprintf(iop, sizeof(iop), "1\\0\\0\\0\\%.8f\\%.8f", c, -s);
  spec.orientation = iop;
  // Normal = row x column = (0, s, c); slices advance along it.
  for (int k = 0; k < 3; ++k) spec.positions.push_back({0, k * 3 * s, k * 3 * c});
  const Volume v = loadVolume(strings(nbra::testing::writeSeries(tmp.path(), spec)));
  EXPECT_NEAR(v.direction[1 * 3 + 1], c, 1e-6);  // column axis, y component
  EXPECT_NEAR(v.direction[2 * 3 + 1], -s, 1e-6);
  EXPECT_NEAR(v.direction[1 * 3 + 2], s, 1e-6);  // normal, y component
  EXPECT_NEAR(v.direction[2 * 3 + 2], c, 1e-6);
  EXPECT_NEAR(v.spacingMm[2], 3.0, 1e-6);
  EXPECT_TRUE(v.warnings.empty());
}

TEST(Volume, RepeatedPositionsAreSplitIntoStacks) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 6;
  spec.positions = {{0, 0, 0}, {0, 0, 2.5}, {0, 0, 5}, {0, 0, 0}, {0, 0, 2.5}, {0, 0, 5}};
  const Volume v = loadVolume(strings(nbra::testing::writeSeries(tmp.path(), spec)));
  EXPECT_EQ(v.dimensions[2], 3u);
  EXPECT_TRUE(anyWarningContains(v, "repeats slice positions"));
}

TEST(Volume, SeveralSeriesAreRefusedByName) {
  TempFolder tmp;
  SyntheticSeries a;
  a.seriesUid = "1.2.3.4.100";
  SyntheticSeries b;
  b.seriesUid = "1.2.3.4.200";
  auto files = strings(nbra::testing::writeSeries(tmp.path() / "a", a));
  const auto more = strings(nbra::testing::writeSeries(tmp.path() / "b", b));
  files.insert(files.end(), more.begin(), more.end());
  try {
    loadVolume(files);
    FAIL();
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find("1.2.3.4.100"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("1.2.3.4.200"), std::string::npos);
  }
  const auto series = findSeries(tmp.path().string());
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].files.size(), 3u);
}

TEST(Volume, BrokenFilesAreErrorsNamingTheFile) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 3;
  auto files = strings(nbra::testing::writeSeries(tmp.path(), spec));
  fs::resize_file(files[1], 400);
  try {
    loadVolume(files);
    FAIL();
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find(files[1]), std::string::npos) << e.what();
  }
  const auto text = (tmp.path() / "notes.txt").string();
  std::ofstream(text) << "no image here";
  EXPECT_THROW(loadVolume({text}), VolumeError);
  EXPECT_THROW(loadVolume({}), VolumeError);
}

TEST(Volume, PlanarNmIsNotAVolume) {
  TempFolder tmp;
  const auto nm = nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", {});
  try {
    loadVolume({nm.string()});
    FAIL();
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find("planar"), std::string::npos) << e.what();
  }
}

TEST(Volume, ReconstructedSpectFramesAdvanceAlongTheNormal) {
  TempFolder tmp;
  const auto file = nbra::testing::writeNmTomo(tmp.path() / "spect.dcm", 4, 4.4, {-35, -35, 100});
  const Volume v = loadVolume({file.string()});
  ASSERT_EQ(v.dimensions, (std::array<std::size_t, 3>{16, 16, 4}));
  EXPECT_NEAR(v.spacingMm[2], 4.4, 1e-9);
  EXPECT_NEAR(v.originMm[2], 100.0, 1e-9);
  EXPECT_EQ(v.value(7, 7, 3), 35);  // frame 3 holds 3 * 10 + 5
  EXPECT_TRUE(v.warnings.empty());
}

TEST(Volume, ProgressAndCancel) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 8;
  const auto files = strings(nbra::testing::writeSeries(tmp.path(), spec));
  LoadOptions options;
  std::size_t last = 0, total = 0;
  options.onProgress = [&](std::size_t done, std::size_t all) {
    last = std::max(last, done);
    total = all;
  };
  loadVolume(files, options);
  EXPECT_EQ(last, 8u);
  EXPECT_EQ(total, 8u);
  std::atomic<bool> cancel{true};
  LoadOptions cancelled;
  cancelled.cancel = &cancel;
  EXPECT_THROW(loadVolume(files, cancelled), VolumeError);
}

}  // namespace
}  // namespace nbra::dicom
