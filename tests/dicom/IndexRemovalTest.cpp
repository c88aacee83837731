// Remove from index: rows go, files stay, and importing the folder again brings them back.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using nbra::testing::SyntheticSeries;
using nbra::testing::TempFolder;

class IndexRemovalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // P1: one study with a CT and a PET series, and a second study; P2: one NM study.
    SyntheticSeries ct;
    ct.patientId = "P1";
    ct.patientName = "ALPHA^ANNA";
    ct.studyUid = "1.2.826.0.1.3680043.9.9999.10";
    ct.slices = 4;
    nbra::testing::writeSeries(data_.path() / "p1" / "ct", ct);
    SyntheticSeries pt = ct;
    pt.modality = "PT";
    pt.seriesNumber = 2;
    pt.slices = 3;
    nbra::testing::writeSeries(data_.path() / "p1" / "pt", pt);
    SyntheticSeries later = ct;
    later.studyUid = "1.2.826.0.1.3680043.9.9999.11";
    later.studyDate = "20260401";
    later.slices = 2;
    nbra::testing::writeSeries(data_.path() / "p1" / "later", later);
    SyntheticSeries nm;
    nm.patientId = "P2";
    nm.patientName = "BETA^BEN";
    nm.modality = "NM";
    nm.slices = 2;
    nbra::testing::writeSeries(data_.path() / "p2" / "nm", nm);
    ImageIndex index(indexPath());
    importPaths(index, {data_.path().string()});
  }

  std::string indexPath() const { return (db_.path() / "index.sqlite").string(); }

  static const PatientEntry& patient(const std::vector<PatientEntry>& patients,
                                     const std::string& id) {
    const auto it = std::find_if(patients.begin(), patients.end(),
                                 [&](const PatientEntry& p) { return p.patientId == id; });
    if (it == patients.end()) throw std::runtime_error("no patient " + id);
    return *it;
  }

  static int fileCount(const fs::path& folder) {
    return static_cast<int>(std::distance(fs::recursive_directory_iterator(folder),
                                          fs::recursive_directory_iterator()));
  }

  TempFolder data_;
  TempFolder db_;
};

TEST_F(IndexRemovalTest, RemovingASeriesKeepsItsStudyAndItsFiles) {
  ImageIndex index(indexPath());
  const int filesBefore = fileCount(data_.path());
  const auto before = index.browse();
  const auto& p1 = patient(before, "P1");
  ASSERT_EQ(p1.studies.size(), 2u);
  ASSERT_EQ(p1.studies[0].series.size(), 2u);
  const auto pet = p1.studies[0].series[1];
  ASSERT_EQ(pet.modality, "PT");

  EXPECT_EQ(index.removeSeries(pet.id), 3);

  const auto after = index.browse();
  const auto& p1After = patient(after, "P1");
  ASSERT_EQ(p1After.studies.size(), 2u);
  ASSERT_EQ(p1After.studies[0].series.size(), 1u);
  EXPECT_EQ(p1After.studies[0].series[0].modality, "CT");
  EXPECT_TRUE(index.seriesFiles(pet.id).empty());
  EXPECT_EQ(index.countAll().instances, 4 + 2 + 2);
  EXPECT_EQ(fileCount(data_.path()), filesBefore);  // nothing deleted on disk
}

TEST_F(IndexRemovalTest, RemovingTheLastSeriesOfAStudyRemovesTheStudy) {
  ImageIndex index(indexPath());
  const auto before = index.browse();
  const auto& p1 = patient(before, "P1");
  EXPECT_EQ(index.removeSeries(p1.studies[1].series[0].id), 2);
  EXPECT_EQ(patient(index.browse(), "P1").studies.size(), 1u);
  EXPECT_EQ(index.countAll().studies, 2);
}

TEST_F(IndexRemovalTest, RemovingAStudyRemovesAllItsSeriesOnly) {
  ImageIndex index(indexPath());
  const auto before = index.browse();
  const auto& p1 = patient(before, "P1");
  EXPECT_EQ(index.removeStudy(p1.studies[0].id), 7);
  const auto after = index.browse();
  const auto& p1After = patient(after, "P1");
  ASSERT_EQ(p1After.studies.size(), 1u);
  EXPECT_EQ(p1After.studies[0].studyDate, "20260401");
  EXPECT_EQ(index.countAll().instances, 4);
}

TEST_F(IndexRemovalTest, RemovingAPatientLeavesTheOthersAndAReimportBringsItBack) {
  ImageIndex index(indexPath());
  const auto before = index.browse();
  const auto& p2 = patient(before, "P2");
  EXPECT_EQ(index.removePatient(p2.id), 2);
  const auto after = index.browse();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].patientId, "P1");
  EXPECT_EQ(index.countAll().patients, 1);
  EXPECT_EQ(index.removePatient(p2.id), 0);  // already gone: nothing, no error

  // The files were kept: the same connection imports them again.
  const auto s = importPaths(index, {data_.path().string()});
  EXPECT_EQ(s.newInstances, 2);
  EXPECT_EQ(index.countAll().patients, 2);
  EXPECT_EQ(index.countAll().instances, 11);
}

}  // namespace
}  // namespace nbra::dicom
