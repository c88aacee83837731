// Series to volume on the shared real data: PET/CT, tilted CT, oblique and sagittal MR, every
// transfer syntax, enhanced multi-frame, the NM bone scan, malformed files.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "dicom/nm/NmViews.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SharedData.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

#define SHARED_DATA_OR_SKIP(dir)                                                              \
  const auto dir = nbra::testing::sharedDataDir();                                            \
  if (!dir) {                                                                                 \
    GTEST_SKIP() << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath() \
                 << ": real-data test skipped";                                               \
  }

std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

bool warned(const Volume& v, const std::string& text) {
  return std::any_of(v.warnings.begin(), v.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

// Axis-aligned bounding box (patient mm) of a volume's voxel centres.
std::array<std::array<double, 3>, 2> bounds(const Volume& v) {
  std::array<std::array<double, 3>, 2> box{{{1e9, 1e9, 1e9}, {-1e9, -1e9, -1e9}}};
  for (int corner = 0; corner < 8; ++corner) {
    const auto p = v.toPatientMm(corner & 1 ? static_cast<double>(v.dimensions[0] - 1) : 0,
                                 corner & 2 ? static_cast<double>(v.dimensions[1] - 1) : 0,
                                 corner & 4 ? static_cast<double>(v.dimensions[2] - 1) : 0);
    for (std::size_t i = 0; i < 3; ++i) {
      box[0][i] = std::min(box[0][i], p[i]);
      box[1][i] = std::max(box[1][i], p[i]);
    }
  }
  return box;
}

TEST(VolumeSharedData, PetAndCtShareAFrameOfReferenceAndOverlap) {
  SHARED_DATA_OR_SKIP(dir);
  const fs::path study = *dir / "tcia-acrin-nsclc-fdg-pet-042";
  const Volume ct = loadVolume(filesIn(study / "CT_CT-IMAGES_jpegls"));
  const Volume pt = loadVolume(filesIn(study / "PT_PET-AC_uncompressed"));
  EXPECT_EQ(ct.dimensions, (std::array<std::size_t, 3>{512, 512, 135}));
  EXPECT_EQ(pt.dimensions, (std::array<std::size_t, 3>{128, 128, 135}));
  EXPECT_NEAR(ct.spacingMm[0], 0.9766, 1e-3);
  EXPECT_NEAR(pt.spacingMm[0], 4.6875, 1e-4);
  EXPECT_NEAR(ct.spacingMm[2], 3.27, 0.01);  // from positions, not SliceThickness 3.75
  EXPECT_EQ(ct.pixelType, PixelType::Int16);
  EXPECT_EQ(pt.pixelType, PixelType::Float32);  // per-slice rescale slopes
  EXPECT_EQ(ct.frameOfReferenceUid, pt.frameOfReferenceUid);
  EXPECT_FALSE(ct.frameOfReferenceUid.empty());
  const auto a = bounds(ct);
  const auto b = bounds(pt);
  for (std::size_t i = 0; i < 3; ++i) {
    const double overlap = std::min(a[1][i], b[1][i]) - std::max(a[0][i], b[0][i]);
    EXPECT_GT(overlap, 0.8 * (a[1][i] - a[0][i])) << "axis " << i;
  }
  // CT decodes to HU -3024..+1402 (data README).
  const auto [low, high] = std::minmax_element(ct.int16Voxels.begin(), ct.int16Voxels.end());
  EXPECT_EQ(*low, -3024);
  EXPECT_EQ(*high, 1402);
}

TEST(VolumeSharedData, TiltedCtIsResampledOrRefused) {
  SHARED_DATA_OR_SKIP(dir);
  const auto files = filesIn(*dir / "dcm_qa_ct-ge-gantry-tilt");
  LoadOptions refuse;
  refuse.irregular = IrregularGridPolicy::Refuse;
  try {
    loadVolume(files, refuse);
    FAIL() << "tilted, unevenly spaced CT must be refused under Refuse";
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find("gantry tilt"), std::string::npos) << e.what();
  }
  const Volume v = loadVolume(files);
  EXPECT_TRUE(warned(v, "gantry tilt of 18.5")) << v.warnings.front();
  EXPECT_TRUE(warned(v, "uneven slice spacing"));
  EXPECT_TRUE(warned(v, "resampled"));
  // The resampled grid's third axis is the slice normal of IOP (0,0.948,-0.317) x (1,0,0).
  const double n[3] = {v.direction[2], v.direction[5], v.direction[8]};
  EXPECT_NEAR(std::abs(n[0]), 0.0, 1e-6);
  EXPECT_NEAR(std::hypot(n[1], n[2]), 1.0, 1e-6);
}

TEST(VolumeSharedData, ObliqueAndSagittalMr) {
  SHARED_DATA_OR_SKIP(dir);
  const fs::path mr = *dir / "tcia-prostatex-0207-mr";
  const Volume tra = loadVolume(filesIn(mr / "MR_t2_tse_tra_uncompressed"));
  EXPECT_EQ(tra.dimensions, (std::array<std::size_t, 3>{384, 384, 21}));
  EXPECT_NEAR(tra.spacingMm[2], 3.0, 1e-3);
  EXPECT_NEAR(tra.direction[1 * 3 + 1], 0.987, 2e-3);  // column axis (0, 0.987, -0.158)
  EXPECT_NEAR(std::abs(tra.direction[2 * 3 + 1]), 0.158, 2e-3);
  EXPECT_TRUE(tra.warnings.empty()) << tra.warnings.front();
  const Volume sag = loadVolume(filesIn(mr / "MR_t2_tse_sag_uncompressed"));
  EXPECT_EQ(sag.dimensions, (std::array<std::size_t, 3>{320, 320, 19}));
  EXPECT_NEAR(std::abs(sag.direction[0 * 3 + 2]), 1.0, 0.05);  // normal along patient x
  EXPECT_NEAR(sag.spacingMm[2], 3.6, 0.01);
}

TEST(VolumeSharedData, EveryLosslessTransferSyntaxDecodesToTheSamePixels) {
  SHARED_DATA_OR_SKIP(dir);
  // One MR slice in nine transfer syntaxes (9 = JPEG 2000, through GDCM).
  const fs::path ts = *dir / "robustness/dcm_qa_ts";
  const Volume reference = loadVolume({(ts / "1.dcm").string()});
  for (int i = 2; i <= 9; ++i) {
    const Volume v = loadVolume({(ts / (std::to_string(i) + ".dcm")).string()});
    EXPECT_EQ(v.int16Voxels, reference.int16Voxels) << i << ".dcm";
    EXPECT_EQ(v.float32Voxels, reference.float32Voxels) << i << ".dcm";
  }
  // One CT slice in NEMA's lossless codecs.
  const fs::path nema = *dir / "nema-wg04-compsamples";
  const Volume ct = loadVolume({(nema / "CT1_UNC.dcm").string()});
  for (const char* name : {"CT1_RLE.dcm", "CT1_JPLL.dcm", "CT1_JLSL.dcm", "CT1_J2KR.dcm"}) {
    const Volume v = loadVolume({(nema / name).string()});
    EXPECT_EQ(v.int16Voxels, ct.int16Voxels) << name;
  }
  // The same CT slice big-endian, and JPEG-LS with and without a basic offset table.
  const fs::path enc = *dir / "robustness/dicomParser-encapsulated";
  for (const char* name : {"CT1_UNC.explicit_big_endian.dcm", "CT1_UNC.fragmented_bot_jpeg_ls.80.dcm",
                           "CT1_UNC.fragmented_no_bot_jpeg_ls.80.dcm"}) {
    const Volume v = loadVolume({(enc / name).string()});
    EXPECT_EQ(v.int16Voxels, ct.int16Voxels) << name;
  }
  // Deflated Explicit VR Little Endian decodes like any other.
  const Volume deflated = loadVolume({(enc / "image_dfl.dcm").string()});
  EXPECT_GT(deflated.voxelCount(), 0u);
}

TEST(VolumeSharedData, EnhancedMultiFrameUsesPerFrameGeometry) {
  SHARED_DATA_OR_SKIP(dir);
  // Enhanced CT, 2 frames, with fragmented frames and empty offset tables in several codecs.
  const fs::path enc = *dir / "robustness/dicomParser-encapsulated";
  const Volume reference = loadVolume({(enc / "CT0012.explicit_little_endian.dcm").string()});
  EXPECT_EQ(reference.dimensions[2], 2u);
  for (const char* name : {"CT0012.fragmented_no_bot_jpeg_lossless.57.dcm",
                           "CT0012.fragmented_no_bot_jpeg_lossless.70.dcm",
                           "CT0012.fragmented_no_bot_jpeg_ls.80.dcm",
                           "CT0012.not_fragmented_bot_rle.dcm"}) {
    const Volume v = loadVolume({(enc / name).string()});
    EXPECT_EQ(v.dimensions, reference.dimensions) << name;
    EXPECT_EQ(v.int16Voxels, reference.int16Voxels) << name;
    EXPECT_EQ(v.float32Voxels, reference.float32Voxels) << name;
  }
  // Enhanced MR from two vendors, geometry from the functional groups.
  const Volume philips =
      loadVolume({(*dir / "robustness/dcm_qa_enh/Philips/IM_0027_fMAP.dcm").string()});
  EXPECT_GT(philips.dimensions[2], 1u);
  const Volume siemens =
      loadVolume({(*dir / "robustness/dcm_qa_enh/Siemens/XA10/6_1.dcm").string()});
  EXPECT_GE(siemens.dimensions[2], 1u);
  // An enhanced object without any functional groups has no geometry to order frames by.
  const std::string bare = (*dir / "robustness/pydicom-data/emri_small.dcm").string();
  try {
    loadVolume({bare});
    ADD_FAILURE() << "frames without positions must not be stacked by guess";
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find(bare), std::string::npos) << e.what();
  }
}

TEST(VolumeSharedData, NemaBoneScanIsAPlanarWholeBodyView) {
  SHARED_DATA_OR_SKIP(dir);
  const std::string nm = (*dir / "nema-wg04-compsamples/NM1_UNC.dcm").string();
  EXPECT_THROW(loadVolume({nm}), VolumeError);
  const auto views = readNmViews({nm});
  ASSERT_EQ(views.size(), 1u);
  EXPECT_TRUE(views[0].wholeBody);
  EXPECT_EQ(views[0].columns, 256);
  EXPECT_EQ(views[0].rows, 1024);
  EXPECT_NEAR(views[0].rowSpacingMm, 2.26, 0.01);
  EXPECT_EQ(views[0].sopClassUid, "1.2.840.10008.5.1.4.1.1.7");  // Secondary Capture, still NM
  const PlanarImage image = loadNmView(views[0]);
  EXPECT_GT(*std::max_element(image.values.begin(), image.values.end()), 0.0f);
}

TEST(VolumeSharedData, MalformedFilesGiveClearErrors) {
  SHARED_DATA_OR_SKIP(dir);
  const fs::path pydicom = *dir / "robustness/pydicom";
  for (const char* name : {"MR_truncated.dcm", "no_meta.dcm", "README.txt"}) {
    const std::string path = (pydicom / name).string();
    try {
      loadVolume({path});
      ADD_FAILURE() << name << " loaded";
    } catch (const VolumeError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace nbra::dicom
