// What the pseudonymised images are used for: dciodvfy finds no new error in them, and a read
// made on them is exported as an SR that references them (not the originals) and names only the
// trial subject.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "dicom/deid/DeidRun.h"
#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/ReferencedImage.h"
#include "dicom/sr/SrCodes.h"
#include "tests/sr/SrTestSupport.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;
using namespace nbra::dicom::deid;

const std::string kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

std::set<std::string> errorLines(const fs::path& file) {
  const auto out = nbra::testing::runTool("dciodvfy '" + file.string() + "'");
  std::istringstream lines(nbra::testing::dciodvfyErrors(out.text));
  std::set<std::string> set;
  std::string line;
  while (std::getline(lines, line))
    set.insert(line);
  return set;
}

bool haveDciodvfy() {
  return nbra::testing::runTool("command -v dciodvfy").exitCode == 0;
}

// One file of each kind: the synthetic CT, PET and planar NM, and the shared PET and CT.
std::vector<fs::path> samples() {
  std::vector<fs::path> files;
  auto first = [&](const fs::path& folder) {
    if (!fs::is_directory(folder))
      return;
    std::vector<fs::path> all;
    for (const auto& e : fs::directory_iterator(folder))
      all.push_back(e.path());
    std::sort(all.begin(), all.end());
    if (!all.empty())
      files.push_back(all.front());
  };
  const fs::path synthetic(NBRA_SYNTHETIC_DATA_DIR);
  first(synthetic / "NBRA-SYN-002" / "baseline" / "CT");
  first(synthetic / "NBRA-SYN-002" / "baseline" / "PT");
  first(synthetic / "NBRA-SYN-001" / "baseline" / "NM");
  if (const auto shared = nbra::testing::sharedDataDir()) {
    first(*shared / "tcia-acrin-nsclc-fdg-pet-042" / "PT_PET-AC_uncompressed");
    first(*shared / "tcia-acrin-nsclc-fdg-pet-042" / "CT_CT-IMAGES_jpegls");
  }
  return files;
}

TEST(DeidRead, DciodvfyFindsNoNewError) {
  if (!haveDciodvfy())
    GTEST_SKIP() << "dciodvfy absent (package dicom3tools)";
  const auto files = samples();
  if (files.empty())
    GTEST_SKIP() << "neither synthetic subjects nor shared data present";
  if (!nbra::testing::sharedDataDir()) {
    std::cout << "shared data absent: " << nbra::testing::sharedDataExpectedPath()
              << "; checking the synthetic objects only\n";
  }
  const TrialKey key = TrialKey::parse(kKey, "test");
  for (const fs::path& file : files) {
    nbra::testing::TempFolder input, out;
    fs::copy_file(file, input.path() / "in.dcm");
    DeidRequest request;
    request.inputs = {input.path().string()};
    request.outputDir = out.path().string();
    request.identity.subjectId = "NBRA-T-001";
    request.key = &key;
    const DeidReport report = deidentify(request);
    ASSERT_EQ(report.written.size(), 1u) << file;
    const auto before = errorLines(file);
    for (const std::string& error : errorLines(report.written[0])) {
      EXPECT_TRUE(before.count(error)) << file << ": new after de-identification: " << error;
    }
  }
}

TEST(DeidRead, AnSrFromAReadOnPseudonymisedImagesReferencesThem) {
  const fs::path ct = fs::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-001" / "baseline" / "CT";
  if (!fs::is_directory(ct))
    GTEST_SKIP() << "synthetic patient absent: " << ct;
  nbra::testing::TempFolder out;
  const TrialKey key = TrialKey::parse(kKey, "test");
  DeidRequest request;
  request.inputs = {ct.string()};
  request.outputDir = out.path().string();
  request.identity.subjectId = "NBRA-T-007";
  request.key = &key;
  const DeidReport report = deidentify(request);
  ASSERT_TRUE(report.complete());
  std::set<std::string> originals;
  for (const auto& e : fs::directory_iterator(ct)) {
    originals.insert(nbra::dicom::readReferencedImage(e.path().string()).ref.sopInstanceUid);
  }
  // The reader measures on a pseudonymised slice, as the workstation would after the import.
  const auto slice = nbra::dicom::readReferencedImage(report.written[report.written.size() / 2]);
  nbra::dicom::MeasurementReport sr;
  sr.patient = slice.patient;
  sr.observerName = "Reader^One";
  nbra::dicom::SrLesion lesion;
  lesion.trackingId = "P1";
  lesion.organText = "left adrenal";
  lesion.isPrimary = true;
  lesion.findingSite = nbra::dicom::srcodes::findingSiteFor(lesion.organText, false);
  lesion.finding = nbra::dicom::srcodes::primaryNeoplasm();
  lesion.longAxis.lengthMm = 50;
  lesion.longAxis.image = slice.ref;
  lesion.longAxis.points = {{10, 10}, {60, 10}};
  sr.lesions = {lesion};
  const std::string path = (out.path() / "read.dcm").string();
  nbra::dicom::writeMeasurementReport(sr, path);
  const auto back = nbra::dicom::readMeasurementReport(path);
  EXPECT_EQ(back.patient.patientId, "NBRA-T-007");
  EXPECT_EQ(back.patient.studyInstanceUid, report.studies.at(0).pseudoStudyUid);
  ASSERT_EQ(back.lesions.size(), 1u);
  ASSERT_TRUE(back.lesions[0].longAxis.image.has_value());
  const std::string referenced = back.lesions[0].longAxis.image->sopInstanceUid;
  EXPECT_EQ(referenced, slice.ref.sopInstanceUid);
  EXPECT_EQ(originals.count(referenced), 0u) << "the SR references an original image";
  EXPECT_EQ(originals.count(key.uidFor(referenced)), 0u);
  bool amongOutputs = false;
  for (const auto& file : report.written) {
    amongOutputs = amongOutputs || fs::path(file).stem().string() == referenced;
  }
  EXPECT_TRUE(amongOutputs);
}

}  // namespace
