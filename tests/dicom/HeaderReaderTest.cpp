#include <gtest/gtest.h>

#include <fstream>

#include "dicom/index/HeaderReader.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

using nbra::testing::SyntheticSeries;
using nbra::testing::TempFolder;

TEST(HeaderReader, ReadsTheKeyTagsOfAValidFile) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.modality = "CT";
  spec.seriesNumber = 7;
  spec.seriesDescription = "abdomen venous";
  spec.slices = 2;
  spec.rows = 12;
  spec.columns = 20;
  const auto files = nbra::testing::writeSeries(tmp.path(), spec);

  const auto result = readHeader(files[1].string());
  ASSERT_TRUE(std::holds_alternative<InstanceHeader>(result));
  const auto& h = std::get<InstanceHeader>(result);
  EXPECT_EQ(h.patientId, "NBRA-TEST-001");
  EXPECT_EQ(h.patientName, "TEST^PATIENT");
  EXPECT_EQ(h.modality, "CT");
  EXPECT_EQ(h.seriesNumber, 7);
  EXPECT_EQ(h.seriesDescription, "abdomen venous");
  EXPECT_EQ(h.instanceNumber, 2);
  EXPECT_EQ(h.rows, 12);
  EXPECT_EQ(h.columns, 20);
  EXPECT_EQ(h.numberOfFrames, 1);
  EXPECT_EQ(h.imageType, "ORIGINAL\\PRIMARY\\AXIAL");
  EXPECT_EQ(h.studyDate, "20260115");
  EXPECT_EQ(h.sopClassUid, "1.2.840.10008.5.1.4.1.1.2");
  EXPECT_EQ(h.transferSyntaxUid, "1.2.840.10008.1.2.1");
  EXPECT_FALSE(h.sopInstanceUid.empty());
}

TEST(HeaderReader, ATextFileIsNotDicom) {
  TempFolder tmp;
  const auto path = tmp.path() / "notes.txt";
  std::ofstream(path) << "This is a README, not an image.\nSecond line.\n";
  const auto result = readHeader(path.string());
  ASSERT_TRUE(std::holds_alternative<Unreadable>(result));
  EXPECT_NE(std::get<Unreadable>(result).reason.find("not a DICOM file"), std::string::npos)
      << std::get<Unreadable>(result).reason;
}

TEST(HeaderReader, AnEmptyFileIsNotDicom) {
  TempFolder tmp;
  const auto path = tmp.path() / "empty.dcm";
  std::ofstream(path).close();
  const auto result = readHeader(path.string());
  ASSERT_TRUE(std::holds_alternative<Unreadable>(result));
}

TEST(HeaderReader, ATruncatedFileIsReportedNotCrashedOn) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 1;
  const auto file = nbra::testing::writeSeries(tmp.path(), spec).front();
  // Keep the preamble and part of the meta header only.
  std::filesystem::resize_file(file, 200);
  const auto result = readHeader(file.string());
  ASSERT_TRUE(std::holds_alternative<Unreadable>(result));
  EXPECT_FALSE(std::get<Unreadable>(result).reason.empty());
}

TEST(HeaderReader, ADicomDirListsItsReferencedFiles) {
  TempFolder tmp;
  SyntheticSeries spec;
  spec.slices = 3;
  nbra::testing::writeSeries(tmp.path() / "SER1", spec);
  const auto dicomdir = nbra::testing::writeDicomDir(tmp.path());
  const auto result = readHeader(dicomdir.string());
  ASSERT_TRUE(std::holds_alternative<DicomDirContents>(result));
  const auto& files = std::get<DicomDirContents>(result).referencedFiles;
  ASSERT_EQ(files.size(), 3u);
  for (const auto& f : files) {
    EXPECT_TRUE(std::filesystem::exists(f)) << f;
  }
}

}  // namespace
}  // namespace nbra::dicom
