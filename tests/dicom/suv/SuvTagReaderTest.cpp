// SuvTagReader on synthetic files: private blocks are found by creator wherever they are
// reserved, values are read from inside the radiopharmaceutical sequence, slopes per file.

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvTagReader.h"

namespace {

using namespace nbra::dicom;
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("nbra-suv-tags-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct PetFile {
  std::string seriesUid = "1.2.826.0.1.3680043.2.1125.777.1";
  std::string slope = "2.5";
  // Private creator, its block (0x10..0xFF) and values; empty creator = no block.
  std::string philipsCreator;
  Uint16 philipsBlock = 0x10;
  std::string suvScale;
  std::string activityScale;
  std::string geCreator;
  Uint16 geBlock = 0x10;
  std::string geScan;
};

std::string write(const fs::path& path, const PetFile& spec) {
  DcmFileFormat file;
  DcmDataset* ds = file.getDataset();
  char uid[100];
  ds->putAndInsertString(DCM_SOPClassUID, UID_PositronEmissionTomographyImageStorage);
  ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
  ds->putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str());
  ds->putAndInsertString(DCM_Modality, "PT");
  ds->putAndInsertString(DCM_SeriesDate, "20260101");
  ds->putAndInsertString(DCM_SeriesTime, "114000");
  ds->putAndInsertString(DCM_AcquisitionDate, "20260101");
  ds->putAndInsertString(DCM_AcquisitionTime, "114000");
  ds->putAndInsertString(DCM_PatientWeight, "70");
  ds->putAndInsertString(DCM_PatientSize, "1.75");
  ds->putAndInsertString(DCM_PatientSex, "M");
  ds->putAndInsertString(DCM_Units, "CNTS");
  ds->putAndInsertString(DCM_DecayCorrection, "START");
  ds->putAndInsertString(DCM_CorrectedImage, "ATTN\\DECY");
  ds->putAndInsertString(DCM_RescaleSlope, spec.slope.c_str());
  ds->putAndInsertString(DCM_RescaleIntercept, "0");
  ds->putAndInsertString(DCM_FrameReferenceTime, "1234.5");
  ds->putAndInsertString(DCM_ActualFrameDuration, "120000");
  DcmItem* rp = nullptr;
  ds->findOrCreateSequenceItem(DCM_RadiopharmaceuticalInformationSequence, rp, -2);
  rp->putAndInsertString(DCM_RadionuclideTotalDose, "370000000");
  rp->putAndInsertString(DCM_RadionuclideHalfLife, "6000");
  rp->putAndInsertString(DCM_RadiopharmaceuticalStartTime, "100000");
  if (!spec.philipsCreator.empty()) {
    ds->putAndInsertString(DcmTag(0x7053, spec.philipsBlock, EVR_LO), spec.philipsCreator.c_str());
    const Uint16 base = static_cast<Uint16>(spec.philipsBlock << 8);
    if (!spec.suvScale.empty()) {
      ds->putAndInsertString(DcmTag(0x7053, base | 0x00, EVR_DS), spec.suvScale.c_str());
    }
    if (!spec.activityScale.empty()) {
      ds->putAndInsertString(DcmTag(0x7053, base | 0x09, EVR_DS), spec.activityScale.c_str());
    }
  }
  if (!spec.geCreator.empty()) {
    ds->putAndInsertString(DcmTag(0x0009, spec.geBlock, EVR_LO), spec.geCreator.c_str());
    ds->putAndInsertString(DcmTag(0x0009, static_cast<Uint16>((spec.geBlock << 8) | 0x0D), EVR_DT),
                           spec.geScan.c_str());
  }
  EXPECT_TRUE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
  return path.string();
}

TEST(SuvTagReader, ReadsSequenceValuesSlopesAndTimingPerFile) {
  TempDir dir;
  PetFile a;
  PetFile b;
  b.slope = "0.25";
  const SuvTags t = readSuvTags({write(dir.path() / "a.dcm", a), write(dir.path() / "b.dcm", b)});
  EXPECT_EQ(t.modality, "PT");
  ASSERT_TRUE(t.radionuclideTotalDoseBq);
  EXPECT_DOUBLE_EQ(*t.radionuclideTotalDoseBq, 370e6);
  EXPECT_DOUBLE_EQ(*t.radionuclideHalfLifeS, 6000.0);
  EXPECT_EQ(t.radiopharmaceuticalStartTime, "100000");
  EXPECT_EQ(t.correctedImage, (std::vector<std::string>{"ATTN", "DECY"}));
  ASSERT_EQ(t.frames.size(), 2u);
  EXPECT_DOUBLE_EQ(t.frames[0].rescaleSlope, 2.5);
  EXPECT_DOUBLE_EQ(t.frames[1].rescaleSlope, 0.25);
  EXPECT_DOUBLE_EQ(*t.frames[0].frameReferenceTimeMs, 1234.5);
  EXPECT_DOUBLE_EQ(*t.frames[1].actualFrameDurationMs, 120000.0);
}

TEST(SuvTagReader, FindsPhilipsFactorsInWhicheverBlockTheCreatorReserved) {
  TempDir dir;
  PetFile spec;
  spec.philipsCreator = "Philips PET Private Group";
  spec.philipsBlock = 0x11;  // (7053,11xx), not the usual 10xx
  spec.suvScale = "0.000551";
  spec.activityScale = "1.602563";
  const SuvTags t = readSuvTags({write(dir.path() / "p.dcm", spec)});
  EXPECT_EQ(t.philipsPrivateCreator, "Philips PET Private Group");
  ASSERT_TRUE(t.philipsSuvScaleFactor);
  EXPECT_DOUBLE_EQ(*t.philipsSuvScaleFactor, 0.000551);
  EXPECT_DOUBLE_EQ(*t.philipsActivityConcentrationScaleFactor, 1.602563);
  EXPECT_DOUBLE_EQ(*computeSuv(t).bw.factor, 0.000551);
}

TEST(SuvTagReader, IgnoresPrivateValuesOfAnotherCreator) {
  TempDir dir;
  PetFile spec;
  spec.philipsCreator = "SOME OTHER VENDOR";
  spec.suvScale = "0.000551";
  spec.geCreator = "NOT_GEMS";
  spec.geScan = "20260101114000";
  const SuvTags t = readSuvTags({write(dir.path() / "o.dcm", spec)});
  EXPECT_FALSE(t.philipsSuvScaleFactor);
  EXPECT_TRUE(t.geScanDateTime.empty());
  // CNTS without Philips factors: refused.
  EXPECT_EQ(computeSuv(t).errorCode, "CNTS_WITHOUT_SCALE_FACTOR");
}

TEST(SuvTagReader, ReadsTheGeScanDateTimeByCreator) {
  TempDir dir;
  PetFile spec;
  spec.geCreator = "GEMS_PETD_01";
  spec.geBlock = 0x12;
  spec.geScan = "20260101114000.00 ";
  const SuvTags t = readSuvTags({write(dir.path() / "g.dcm", spec)});
  EXPECT_EQ(t.gePrivateCreator, "GEMS_PETD_01");
  EXPECT_EQ(t.geScanDateTime, "20260101114000.00");
}

TEST(SuvTagReader, FilesOfTwoSeriesAreAnErrorNamingTheFile) {
  TempDir dir;
  PetFile other;
  other.seriesUid = "1.2.826.0.1.3680043.2.1125.777.2";
  const std::string b = write(dir.path() / "b.dcm", other);
  try {
    readSuvTags({write(dir.path() / "a.dcm", PetFile{}), b});
    FAIL();
  } catch (const SuvReadError& e) {
    EXPECT_NE(std::string(e.what()).find(b), std::string::npos) << e.what();
  }
}

}  // namespace
