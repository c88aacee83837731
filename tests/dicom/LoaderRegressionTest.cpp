// Regressions found in review: each case once produced a wrong or dangerous result.

#include <gtest/gtest.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "dicom/nm/NmViews.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using nbra::testing::SyntheticSeries;
using nbra::testing::TempFolder;

// Rewrites one attribute of a file in place.
void setTag(const fs::path& file, const DcmTagKey& tag, const char* value) {
  DcmFileFormat f;
  ASSERT_TRUE(f.loadFile(file.c_str()).good());
  if (value) {
    f.getDataset()->putAndInsertString(tag, value);
  } else {
    f.getDataset()->findAndDeleteElement(tag);
  }
  ASSERT_TRUE(f.saveFile(file.c_str(), EXS_LittleEndianExplicit).good());
}

std::vector<std::string> strings(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(p.string());
  return out;
}

TEST(LoaderRegression, SpacingComesFromTheChosenStackNotTheFirstFile) {
  TempFolder tmp;
  SyntheticSeries axial;
  axial.seriesUid = "1.2.3.99.1";
  axial.slices = 5;
  axial.pixelSpacingMm = 0.8;
  auto files = strings(nbra::testing::writeSeries(tmp.path() / "b", axial));
  // A coronal scout in the same series, with coarse pixels, sorts first by path.
  SyntheticSeries scout = axial;
  scout.slices = 1;
  scout.orientation = "1\\0\\0\\0\\0\\-1";
  scout.pixelSpacingMm = 2.5;
  scout.filePrefix = "AA";
  const auto scoutFile = nbra::testing::writeSeries(tmp.path() / "a", scout).front();
  files.insert(files.begin(), scoutFile.string());
  const Volume v = loadVolume(files);
  EXPECT_EQ(v.dimensions[2], 5u);
  EXPECT_DOUBLE_EQ(v.spacingMm[0], 0.8);
  EXPECT_DOUBLE_EQ(v.spacingMm[1], 0.8);
}

TEST(LoaderRegression, RepeatedStacksAreSeparatedByTheirAcquisitionNotByFileOrder) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.seriesUid = "1.2.3.99.2";
  spec.slices = 3;
  auto phase1 = nbra::testing::writeSeries(tmp.path() / "p1", spec);
  spec.filePrefix = "PH";
  auto phase2 = nbra::testing::writeSeries(tmp.path() / "p2", spec);
  for (const auto& f : phase1) setTag(f, DCM_TemporalPositionIdentifier, "1");
  for (const auto& f : phase2) setTag(f, DCM_TemporalPositionIdentifier, "2");
  // Interleave the files so that "the n-th frame at each position" would mix the phases.
  const std::vector<std::string> files{phase2[0].string(), phase1[1].string(), phase1[0].string(),
                                       phase2[1].string(), phase1[2].string(), phase2[2].string()};
  const Volume v = loadVolume(files);
  ASSERT_EQ(v.slices.size(), 3u);
  const auto phaseOf = [&](const std::string& path) { return path.find("/p1/") != std::string::npos ? 1 : 2; };
  for (const auto& slice : v.slices) EXPECT_EQ(phaseOf(slice.path), phaseOf(v.slices[0].path)) << slice.path;
}

TEST(LoaderRegression, AHeaderClaimingMoreFramesThanItHoldsIsRefused) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 1;
  const auto file = nbra::testing::writeSeries(tmp.path(), spec).front();
  setTag(file, DCM_NumberOfFrames, "200000000");
  try {
    loadVolume({file.string()});
    FAIL() << "must be refused before any allocation";
  } catch (const VolumeError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

TEST(LoaderRegression, PlanarFramesWithoutADetectorVectorAreNotLabelledByItemOne) {
  TempFolder tmp;
  nbra::testing::SyntheticNmPlanar spec;  // detector 1 anterior, detector 2 posterior
  const auto file = nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec);
  setTag(file, DCM_DetectorVector, nullptr);
  const auto views = readNmViews({file.string()});
  ASSERT_EQ(views.size(), 2u);
  for (const auto& v : views) {
    EXPECT_EQ(v.label, NmViewLabel::Other) << "frame " << v.frame;
    EXPECT_EQ(v.labelSource, "unknown");
  }
}

TEST(LoaderRegression, NmProjectionsAreNotStackedAsSlices) {
  TempFolder tmp;
  const auto file = nbra::testing::writeNmTomo(tmp.path() / "spect.dcm", 4, 4.4, {0, 0, 0});
  setTag(file, DCM_ImageType, "ORIGINAL\\PRIMARY\\TOMO\\EMISSION");
  EXPECT_THROW(loadVolume({file.string()}), VolumeError);
  setTag(file, DCM_ImageType, "ORIGINAL\\PRIMARY\\RECON GATED TOMO\\EMISSION");
  EXPECT_THROW(loadVolume({file.string()}), VolumeError);
}

TEST(LoaderRegression, ResamplingKeepsTheLastSlice) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 4;
  spec.positions = {{0, 0, 0}, {0, 0, 5}, {0, 0, 10}, {0, 0, 12}};
  const Volume v = loadVolume(strings(nbra::testing::writeSeries(tmp.path(), spec)));
  const auto last = v.toPatientMm(0, 0, static_cast<double>(v.dimensions[2] - 1));
  EXPECT_NEAR(last[2], 12.0, 1e-6);
  EXPECT_NEAR(v.value(0, 0, v.dimensions[2] - 1), 300, 0.5);  // slice 3 holds 3 * 100
}

TEST(LoaderRegression, AFileMovedOverAnotherIndexedFileReplacesIt) {
  TempFolder data;
  TempFolder db;
  SyntheticSeries spec;
  spec.slices = 2;
  const auto files = nbra::testing::writeSeries(data.path(), spec);
  ImageIndex index((db.path() / "i.sqlite").string());
  importPaths(index, {data.path().string()});
  fs::rename(files[1], files[0]);  // B now lives where A was; A is gone
  const auto s = importPaths(index, {data.path().string()});
  EXPECT_EQ(s.found.instances, 1);
  EXPECT_EQ(s.moved, 1);
  EXPECT_EQ(index.countAll().instances, 1);
}

}  // namespace
}  // namespace nbra::dicom
