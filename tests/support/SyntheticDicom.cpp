#include "tests/support/SyntheticDicom.h"

#include <dcmtk/dcmdata/dcddirif.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace nbra::testing {
namespace {

std::string newUid() {
  char buffer[100];
  dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT);
  return buffer;
}

void check(const OFCondition& condition, const std::string& what) {
  if (condition.bad()) {
    throw std::runtime_error(what + ": " + condition.text());
  }
}

}  // namespace

std::vector<std::filesystem::path> writeSeries(const std::filesystem::path& folder,
                                               SyntheticSeries spec) {
  std::filesystem::create_directories(folder);
  if (spec.studyUid.empty()) spec.studyUid = newUid();
  if (spec.seriesUid.empty()) spec.seriesUid = newUid();
  std::vector<std::filesystem::path> files;
  for (int slice = 0; slice < spec.slices; ++slice) {
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    const bool ct = spec.modality == "CT";
    d.putAndInsertString(DCM_SOPClassUID, ct ? UID_CTImageStorage : UID_SecondaryCaptureImageStorage);
    d.putAndInsertString(DCM_SOPInstanceUID, newUid().c_str());
    d.putAndInsertString(DCM_PatientID, spec.patientId.c_str());
    d.putAndInsertString(DCM_PatientName, spec.patientName.c_str());
    d.putAndInsertString(DCM_PatientBirthDate, "20150301");
    d.putAndInsertString(DCM_PatientSex, "F");
    d.putAndInsertString(DCM_StudyInstanceUID, spec.studyUid.c_str());
    d.putAndInsertString(DCM_StudyDate, spec.studyDate.c_str());
    d.putAndInsertString(DCM_StudyTime, "101500");
    d.putAndInsertString(DCM_StudyDescription, "NBRA synthetic study");
    d.putAndInsertString(DCM_StudyID, "1");
    d.putAndInsertString(DCM_AccessionNumber, "");
    d.putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str());
    d.putAndInsertString(DCM_Modality, spec.modality.c_str());
    d.putAndInsertString(DCM_SeriesNumber, std::to_string(spec.seriesNumber).c_str());
    d.putAndInsertString(DCM_SeriesDescription, spec.seriesDescription.c_str());
    d.putAndInsertString(DCM_InstanceNumber, std::to_string(slice + 1).c_str());
    d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    d.putAndInsertString(DCM_ImagePositionPatient,
                         ("0\\0\\" + std::to_string(slice * 2.5)).c_str());
    d.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    d.putAndInsertString(DCM_PixelSpacing, "0.8\\0.8");
    d.putAndInsertString(DCM_SliceThickness, "2.5");
    d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 16);
    d.putAndInsertUint16(DCM_HighBit, 15);
    d.putAndInsertUint16(DCM_PixelRepresentation, 0);
    std::vector<Uint16> pixels(static_cast<size_t>(spec.rows * spec.columns));
    for (int r = 0; r < spec.rows; ++r) {
      for (int c = 0; c < spec.columns; ++c) {
        pixels[static_cast<size_t>(r * spec.columns + c)] =
            static_cast<Uint16>(r * 64 + c * 16 + slice * 100);
      }
    }
    d.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    char name[16];
    std::snprintf(name, sizeof(name), "%s%06d", spec.filePrefix.substr(0, 2).c_str(), slice + 1);
    const auto path = folder / name;
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "writing " + path.string());
    files.push_back(path);
  }
  return files;
}

std::filesystem::path writeDicomDir(const std::filesystem::path& folder) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(folder);  // DICOMDIR file IDs are relative to its own folder
  DicomDirInterface dir;
  check(dir.createNewDicomDir(DicomDirInterface::AP_GeneralPurpose, "DICOMDIR"), "DICOMDIR");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(".")) {
    if (entry.is_regular_file() && entry.path().filename() != "DICOMDIR") {
      check(dir.addDicomFile(entry.path().lexically_relative(".").c_str()),
            "adding " + entry.path().string() + " to DICOMDIR");
    }
  }
  check(dir.writeDicomDir(), "writing DICOMDIR");
  std::filesystem::current_path(previous);
  return folder / "DICOMDIR";
}

TempFolder::TempFolder() {
  static std::atomic<int> counter{0};
  std::mt19937_64 random(static_cast<unsigned long>(
      std::chrono::steady_clock::now().time_since_epoch().count()));
  path_ = std::filesystem::temp_directory_path() /
          ("nbra-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace nbra::testing
