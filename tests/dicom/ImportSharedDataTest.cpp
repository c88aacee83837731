// The image index on the shared real-data set (../shared/data-samples), when it is present.

#include <gtest/gtest.h>

#include <algorithm>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

#define REQUIRE_SHARED_DATA(dir)                                                        \
  const auto dir = nbra::testing::sharedDataDir();                                      \
  if (!dir) {                                                                           \
    GTEST_SKIP() << "shared data-samples not found at "                                 \
                 << nbra::testing::sharedDataExpectedPath() << ": real-data test skipped"; \
  }

const SkippedFile* findSkipped(const ImportSummary& s, const std::string& suffix) {
  const auto it = std::find_if(s.skipped.begin(), s.skipped.end(), [&](const SkippedFile& f) {
    return f.path.size() >= suffix.size() &&
           f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
  return it == s.skipped.end() ? nullptr : &*it;
}

TEST(ImportSharedData, PetCtStudyHasOneCtTwoPetAndTwoRwvSeries) {
  REQUIRE_SHARED_DATA(dir);
  nbra::testing::TempFolder db;
  ImageIndex index((db.path() / "index.sqlite").string());
  const auto s = importPaths(index, {(*dir / "tcia-acrin-nsclc-fdg-pet-042").string()});
  EXPECT_TRUE(s.skipped.empty());
  EXPECT_EQ(s.found.patients, 1);
  EXPECT_EQ(s.found.studies, 1);
  EXPECT_EQ(s.found.series, 5);
  EXPECT_EQ(s.found.byModality.at("CT").series, 1);
  EXPECT_EQ(s.found.byModality.at("PT").series, 2);
  EXPECT_EQ(s.found.byModality.at("RWV").series, 2);
  EXPECT_EQ(s.found.byModality.at("CT").instances, 135);
  EXPECT_EQ(s.found.byModality.at("PT").instances, 270);
  EXPECT_EQ(s.found.byModality.size(), 3u);
}

TEST(ImportSharedData, MalformedRobustnessFilesAreSkippedWithReasons) {
  REQUIRE_SHARED_DATA(dir);
  nbra::testing::TempFolder db;
  ImageIndex index((db.path() / "index.sqlite").string());
  const auto s = importPaths(index, {(*dir / "robustness").string()});
  // Files the data README says fail to parse, and text files among the DICOM.
  for (const std::string name : {"pydicom/MR_truncated.dcm",
                                 "emri_small_jpeg_2k_lossless_too_short.dcm",
                                 "dicomdirtests/README.txt", "TINY_ALPHA/README"}) {
    const SkippedFile* skipped = findSkipped(s, name);
    ASSERT_NE(skipped, nullptr) << name << " should be reported as skipped";
    EXPECT_FALSE(skipped->reason.empty()) << name;
  }
  EXPECT_NE(findSkipped(s, "pydicom/MR_truncated.dcm")->reason.find("broken"), std::string::npos);
  // A bare dataset without a Part 10 header is still a DICOM instance; its little-endian twin
  // (same SOP Instance UID) is the duplicate, because files are taken in path order.
  EXPECT_EQ(findSkipped(s, "pydicom/ExplVR_BigEndNoMeta.dcm"), nullptr);
  const SkippedFile* twin = findSkipped(s, "pydicom/ExplVR_LitEndNoMeta.dcm");
  ASSERT_NE(twin, nullptr);
  EXPECT_NE(twin->reason.find("duplicate"), std::string::npos) << twin->reason;
  EXPECT_GT(s.found.instances, 100);
  EXPECT_GE(s.dicomDirs, 5);
}

TEST(ImportSharedData, WholeSetImportsAndReimportsAsANoOp) {
  REQUIRE_SHARED_DATA(dir);
  nbra::testing::TempFolder db;
  const std::string indexPath = (db.path() / "index.sqlite").string();
  ImportSummary first;
  {
    ImageIndex index(indexPath);
    first = importPaths(index, {dir->string()});
  }
  ImageIndex index(indexPath);
  const auto second = importPaths(index, {dir->string()});
  EXPECT_EQ(second.newInstances + second.updated + second.moved, 0);
  EXPECT_EQ(second.unchanged, first.found.instances);
  EXPECT_EQ(second.found.instances, first.found.instances);
  EXPECT_EQ(second.skipped.size(), first.skipped.size());
  // Every file was accounted for: indexed, a DICOMDIR, or skipped with a reason.
  EXPECT_EQ(first.filesSeen, first.found.instances + first.dicomDirs +
                                 static_cast<int>(first.skipped.size()));
}

}  // namespace
}  // namespace nbra::dicom
