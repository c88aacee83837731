// The CPU reslicer against values computed directly from the volume.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/view/SliceSampler.h"

namespace nbra::viewer {
namespace {

nbra::dicom::Volume syntheticVolume(nbra::testing::TempFolder& tmp) {
  nbra::testing::SyntheticSeries spec;
  spec.slices = 12;
  spec.rows = 20;
  spec.columns = 24;
  spec.pixelSpacingMm = 2.0;
  spec.sliceSpacingMm = 3.0;
  spec.positions.clear();
  for (int k = 0; k < spec.slices; ++k) spec.positions.push_back({-20, -10, 100 + 3.0 * k});
  std::vector<std::string> files;
  for (const auto& f : nbra::testing::writeSeries(tmp.path(), spec)) files.push_back(f.string());
  return nbra::dicom::loadVolume(files);
}

TEST(SliceSampler, AxialSliceMatchesTheVoxels) {
  nbra::testing::TempFolder tmp;
  auto volume = syntheticVolume(tmp);
  SliceSampler sampler(volume);
  // Slice 5 (z = 115), voxel centres on pixel centres: 2 mm pixels, centred on the volume.
  const Vec3 centre = volume.toPatientMm(11.5, 9.5, 5);
  SampleRequest r;
  r.plane = ViewPlane::standard(Orientation::Axial, centre);
  r.widthPx = 24;
  r.heightPx = 20;
  r.mmPerPixel = 2.0;
  const auto s = sampler.sample(r);
  for (int y : {0, 7, 19}) {
    for (int x : {0, 5, 23}) {
      const std::size_t i = static_cast<std::size_t>(y * 24 + x);
      ASSERT_TRUE(s.inside[i]);
      EXPECT_NEAR(s.values[i], volume.value(static_cast<std::size_t>(x), static_cast<std::size_t>(y), 5), 1e-3)
          << x << "," << y;
    }
  }
}

TEST(SliceSampler, CoronalMaximumProjectionIsTheMaximumAlongEachRay) {
  nbra::testing::TempFolder tmp;
  auto volume = syntheticVolume(tmp);
  SliceSampler sampler(volume);
  const Vec3 centre = volume.toPatientMm(11.5, 9.5, 5.5);
  SampleRequest r;
  r.plane = ViewPlane::standard(Orientation::Coronal, centre);
  r.widthPx = 24;
  r.heightPx = 12;
  r.mmPerPixel = 2.0;
  r.slabMode = SlabMode::Max;
  r.slabThicknessMm = 60;  // the whole anterior-posterior extent (40 mm) and more
  const auto s = sampler.sample(r);
  // Coronal: screen x = column, screen y = slices from the head down; the ray runs along rows.
  // Values rise with the row index (64 per row), so each ray's maximum is at the last row.
  for (int y : {0, 6}) {
    for (int x : {2, 20}) {
      const std::size_t i = static_cast<std::size_t>(y * 24 + x);
      const std::size_t slice = static_cast<std::size_t>(11 - y * 2);  // 2 mm pixels, 3 mm slices
      const Vec3 p = r.plane.toPatient(x - 11.5, y - 5.5, 2.0);
      const auto voxel = volume.toVoxel(p);
      double expected = -1e9;
      for (std::size_t row = 0; row < 20; ++row) {
        double v = 0;
        sampler.valueAt(volume.toPatientMm(voxel[0], static_cast<double>(row), voxel[2]), v);
        expected = std::max(expected, v);
      }
      (void)slice;
      ASSERT_TRUE(s.inside[i]);
      EXPECT_NEAR(s.values[i], expected, 1.0) << x << "," << y;
    }
  }
}

TEST(SliceSampler, OutsideTheVolumeIsMarked) {
  nbra::testing::TempFolder tmp;
  auto volume = syntheticVolume(tmp);
  SliceSampler sampler(volume);
  SampleRequest r;
  r.plane = ViewPlane::standard(Orientation::Axial, volume.toPatientMm(11.5, 9.5, 5));
  r.widthPx = 100;
  r.heightPx = 100;
  r.mmPerPixel = 2.0;
  const auto s = sampler.sample(r);
  EXPECT_FALSE(s.inside[0]);
  EXPECT_TRUE(s.inside[50 * 100 + 50]);
  double v = 0;
  EXPECT_FALSE(sampler.valueAt({1000, 0, 0}, v));
}

}  // namespace
}  // namespace nbra::viewer

#include "tests/support/SharedData.h"

namespace nbra::viewer {
namespace {

TEST(SliceSampler, PetMaximumProjectionOnRealData) {
  const auto dir = nbra::testing::sharedDataDir();
  if (!dir) GTEST_SKIP() << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath();
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(*dir / "tcia-acrin-nsclc-fdg-pet-042/PT_PET-AC_uncompressed")) {
    files.push_back(e.path().string());
  }
  auto volume = nbra::dicom::loadVolume(files);
  SliceSampler sampler(volume);
  SampleRequest r;
  r.plane = ViewPlane::standard(Orientation::Coronal, volumeCentre(volume));
  r.widthPx = 64;
  r.heightPx = 64;
  r.mmPerPixel = 8.0;
  r.slabMode = SlabMode::Max;
  r.slabThicknessMm = extentAlongMm(volume, r.plane.normal) + 1;
  const auto s = sampler.sample(r);
  int checked = 0;
  for (int y = 8; y < 56; y += 12) {
    for (int x = 8; x < 56; x += 12) {
      const std::size_t i = static_cast<std::size_t>(y * 64 + x);
      const Vec3 p = r.plane.toPatient(x - 31.5, y - 31.5, 8.0);
      double expected = -1e30;
      for (double t = -400; t <= 400; t += 1.0) {
        double v = 0;
        if (sampler.valueAt({p[0], p[1] + t, p[2]}, v)) expected = std::max(expected, v);
      }
      if (expected < -1e29) continue;
      ++checked;
      EXPECT_NEAR(s.values[i], expected, 0.15 * std::abs(expected) + 1) << x << "," << y;
    }
  }
  EXPECT_GT(checked, 5);
}

}  // namespace
}  // namespace nbra::viewer
