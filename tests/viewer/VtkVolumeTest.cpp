#include <gtest/gtest.h>

#include <vtkImageData.h>

#include <cmath>
#include <cstdio>

#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/vtk/VtkVolume.h"

namespace {

TEST(VtkVolume, SharesTheBufferAndMapsIndicesLikeTheVolume) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 3;
  spec.modality = "PT";
  spec.rescaleSlope = 0.5;  // float32 voxels
  const double c = std::cos(0.2), s = std::sin(0.2);
  char iop[128];
  std::snprintf(iop, sizeof(iop), "1\\0\\0\\0\\%.8f\\%.8f", c, -s);
  spec.orientation = iop;
  for (int k = 0; k < 3; ++k) spec.positions.push_back({5, k * 4 * s, k * 4 * c});
  std::vector<std::string> files;
  for (const auto& f : nbra::testing::writeSeries(tmp.path(), spec)) files.push_back(f.string());
  nbra::dicom::Volume v = nbra::dicom::loadVolume(files);
  ASSERT_EQ(v.pixelType, nbra::dicom::PixelType::Float32);
  auto image = nbra::viewer::wrapAsVtkImage(v);
  EXPECT_EQ(image->GetScalarPointer(), static_cast<void*>(v.float32Voxels.data())) << "no copy";
  EXPECT_FLOAT_EQ(image->GetScalarComponentAsFloat(3, 2, 1, 0), static_cast<float>(v.value(3, 2, 1)));
  double xyz[3];
  image->TransformIndexToPhysicalPoint(3, 2, 1, xyz);
  const auto expected = v.toPatientMm(3, 2, 1);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(xyz[i], expected[static_cast<std::size_t>(i)], 1e-9);
}

}  // namespace
