// The image index on synthetic trees: counts, re-import, changes on disk, bad files, DICOMDIR.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using nbra::testing::SyntheticSeries;
using nbra::testing::TempFolder;

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SyntheticSeries ct;
    ct.patientId = "P1";
    ct.patientName = "ALPHA^ANNA";
    ct.modality = "CT";
    ct.slices = 4;
    ct.seriesNumber = 1;
    nbra::testing::writeSeries(data_.path() / "p1" / "ct", ct);
    SyntheticSeries pt = ct;
    pt.seriesUid.clear();
    pt.modality = "PT";
    pt.slices = 3;
    pt.seriesNumber = 2;
    pt.studyUid = "1.2.826.0.1.3680043.9.9999.1";
    nbra::testing::writeSeries(data_.path() / "p1" / "pt", pt);
    SyntheticSeries nm;
    nm.patientId = "P2";
    nm.patientName = "BETA^BEN";
    nm.modality = "NM";
    nm.slices = 2;
    nbra::testing::writeSeries(data_.path() / "p2" / "nm", nm);
  }

  ImportSummary import(const std::vector<std::string>& paths) {
    ImageIndex index(indexPath());
    return importPaths(index, paths);
  }
  std::string indexPath() const { return (db_.path() / "index.sqlite").string(); }
  std::string root() const { return data_.path().string(); }

  TempFolder data_;
  TempFolder db_;
};

TEST_F(ImportTest, CountsPatientsStudiesSeriesAndModalities) {
  const auto s = import({root()});
  EXPECT_EQ(s.filesSeen, 9);
  EXPECT_EQ(s.newInstances, 9);
  EXPECT_TRUE(s.skipped.empty());
  EXPECT_EQ(s.found.patients, 2);
  EXPECT_EQ(s.found.studies, 3);  // P1's CT and PET are two studies, P2 has one
  EXPECT_EQ(s.found.series, 3);
  EXPECT_EQ(s.found.instances, 9);
  EXPECT_EQ(s.found.byModality.at("CT").series, 1);
  EXPECT_EQ(s.found.byModality.at("CT").instances, 4);
  EXPECT_EQ(s.found.byModality.at("PT").instances, 3);
  EXPECT_EQ(s.found.byModality.at("NM").instances, 2);
}

TEST_F(ImportTest, ReimportingTheSameFilesReadsNothing) {
  import({root()});
  const auto again = import({root()});
  EXPECT_EQ(again.newInstances, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 9);
  EXPECT_EQ(again.found.instances, 9);
  ImageIndex index(indexPath());
  EXPECT_EQ(index.countAll().instances, 9);
}

TEST_F(ImportTest, ADeletedFileIsMarkedMissingAndComesBack) {
  import({root()});
  const fs::path victim = data_.path() / "p2" / "nm" / "IM000001";
  const fs::path aside = db_.path() / "aside.dcm";
  fs::rename(victim, aside);
  const auto afterDelete = import({root()});
  EXPECT_EQ(afterDelete.missing, 1);
  EXPECT_EQ(afterDelete.found.instances, 8);
  {
    ImageIndex index(indexPath());
    const auto patients = index.browse();
    const auto beta = std::find_if(patients.begin(), patients.end(),
                                   [](const PatientEntry& p) { return p.patientId == "P2"; });
    ASSERT_NE(beta, patients.end());
    EXPECT_EQ(beta->studies.at(0).series.at(0).instanceCount, 1);
    EXPECT_EQ(beta->studies.at(0).series.at(0).missingCount, 1);
  }
  fs::rename(aside, victim);
  const auto restored = import({root()});
  EXPECT_EQ(restored.missing, 0);
  EXPECT_EQ(restored.found.instances, 9);
}

TEST_F(ImportTest, AMovedFileIsRecognisedByItsInstanceUid) {
  import({root()});
  fs::create_directories(data_.path() / "p2" / "moved");
  fs::rename(data_.path() / "p2" / "nm" / "IM000002", data_.path() / "p2" / "moved" / "X");
  const auto s = import({root()});
  EXPECT_EQ(s.moved, 1);
  EXPECT_EQ(s.missing, 0);
  EXPECT_EQ(s.newInstances, 0);
  EXPECT_EQ(s.found.instances, 9);
}

TEST_F(ImportTest, AChangedFileIsReadAgain) {
  import({root()});
  const fs::path file = data_.path() / "p1" / "ct" / "IM000002";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  const auto s = import({root()});
  EXPECT_EQ(s.updated, 1);
  EXPECT_EQ(s.unchanged, 8);
}

TEST_F(ImportTest, BadFilesAreSkippedWithAReason) {
  std::ofstream(data_.path() / "README.txt") << "not an image";
  std::ofstream(data_.path() / "empty.dcm").close();
  const fs::path truncated = data_.path() / "truncated.dcm";
  fs::copy_file(data_.path() / "p1" / "ct" / "IM000001", truncated);
  fs::resize_file(truncated, 300);
  const auto s = import({root()});
  EXPECT_EQ(s.found.instances, 9);
  ASSERT_EQ(s.skipped.size(), 3u);
  for (const auto& skipped : s.skipped) {
    EXPECT_FALSE(skipped.reason.empty()) << skipped.path;
  }
  // Known bad files are remembered: a re-import reports them without reading them again.
  const auto again = import({root()});
  EXPECT_EQ(again.skipped.size(), 3u);
  EXPECT_EQ(again.skipped[0].reason, s.skipped[0].reason);
}

TEST_F(ImportTest, ACopyOfAFileIsADuplicateNotASecondInstance) {
  fs::copy_file(data_.path() / "p1" / "ct" / "IM000001", data_.path() / "copy.dcm");
  const auto s = import({root()});
  EXPECT_EQ(s.found.instances, 9);
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_NE(s.skipped[0].reason.find("duplicate"), std::string::npos);
}

TEST_F(ImportTest, ADicomDirImportsTheFilesItReferences) {
  TempFolder media;
  SyntheticSeries spec;
  spec.slices = 5;
  nbra::testing::writeSeries(media.path() / "SER1", spec);
  const auto dicomdir = nbra::testing::writeDicomDir(media.path());
  const auto s = import({dicomdir.string()});
  EXPECT_EQ(s.dicomDirs, 1);
  EXPECT_EQ(s.found.instances, 5);
  EXPECT_TRUE(s.skipped.empty());
}

TEST_F(ImportTest, AMissingRootIsAnErrorNamingIt) {
  ImageIndex index(indexPath());
  try {
    importPaths(index, {"/nonexistent/nbra/folder"});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/nbra/folder"), std::string::npos);
  }
}

TEST_F(ImportTest, ProgressIsReportedUpToTheTotal) {
  ImageIndex index(indexPath());
  ImportOptions options;
  options.batchSize = 2;
  std::vector<ImportProgress> seen;
  options.onProgress = [&](const ImportProgress& p) { seen.push_back(p); };
  importPaths(index, {root()}, options);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().done, 9u);
  EXPECT_EQ(seen.back().total, 9u);
}

TEST_F(ImportTest, CancellingStopsEarly) {
  ImageIndex index(indexPath());
  std::atomic<bool> cancel{true};
  ImportOptions options;
  options.cancel = &cancel;
  const auto s = importPaths(index, {root()}, options);
  EXPECT_TRUE(s.cancelled);
  EXPECT_EQ(s.newInstances, 0);
}

TEST(ImageIndexFile, AFileThatIsNotAnIndexIsRefusedByName) {
  TempFolder tmp;
  const auto bogus = tmp.path() / "index.sqlite";
  std::ofstream(bogus) << "this is not an SQLite database, just text that is long enough";
  try {
    ImageIndex index(bogus.string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bogus.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nbra::dicom
