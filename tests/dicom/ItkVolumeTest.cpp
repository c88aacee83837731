#include <gtest/gtest.h>

#include "dicom/volume/ItkVolume.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

TEST(ItkVolume, SharesTheBufferAndTheGeometry) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 3;
  spec.positions = {{10, 20, 30}, {10, 20, 32.5}, {10, 20, 35}};
  std::vector<std::string> files;
  for (const auto& f : nbra::testing::writeSeries(tmp.path(), spec)) files.push_back(f.string());
  Volume v = loadVolume(files);
  ASSERT_EQ(v.pixelType, PixelType::Int16);
  auto image = wrapAsItkInt16(v);
  EXPECT_EQ(image->GetBufferPointer(), v.int16Voxels.data()) << "no copy";
  const ItkInt16Volume::IndexType index{{2, 1, 2}};
  EXPECT_EQ(image->GetPixel(index), v.value(2, 1, 2));
  ItkInt16Volume::PointType point;
  image->TransformIndexToPhysicalPoint(index, point);
  const auto expected = v.toPatientMm(2, 1, 2);
  for (unsigned i = 0; i < 3; ++i) EXPECT_NEAR(point[i], expected[i], 1e-9);
  EXPECT_THROW(wrapAsItkFloat(v), std::invalid_argument);
  // A write through ITK is a write to the volume.
  image->SetPixel(index, 1234);
  EXPECT_EQ(v.value(2, 1, 2), 1234);
}

}  // namespace
}  // namespace nbra::dicom
