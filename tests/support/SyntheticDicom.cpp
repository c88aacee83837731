#include "tests/support/SyntheticDicom.h"

#include <dcmtk/dcmdata/dcddirif.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrat.h>

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

void putMonochrome16(DcmItem& d, int rows, int columns, int bitsStored, bool isSigned,
                     const std::vector<unsigned short>& pixels) {
  d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(rows));
  d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(columns));
  d.putAndInsertUint16(DCM_BitsAllocated, 16);
  d.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(bitsStored));
  d.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(bitsStored - 1));
  d.putAndInsertUint16(DCM_PixelRepresentation, isSigned ? 1 : 0);
  d.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
}

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
    const int instance = spec.reverseInstanceNumbers ? spec.slices - slice : slice + 1;
    d.putAndInsertString(DCM_InstanceNumber, std::to_string(instance).c_str());
    d.putAndInsertString(DCM_FrameOfReferenceUID, (spec.studyUid + ".1").c_str());
    d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    const std::array<double, 3> position =
        spec.positions.empty() ? std::array<double, 3>{0, 0, slice * spec.sliceSpacingMm}
                               : spec.positions[static_cast<std::size_t>(slice)];
    char text[128];
    std::snprintf(text, sizeof(text), "%.6f\\%.6f\\%.6f", position[0], position[1], position[2]);
    d.putAndInsertString(DCM_ImagePositionPatient, text);
    d.putAndInsertString(DCM_ImageOrientationPatient, spec.orientation.c_str());
    std::snprintf(text, sizeof(text), "%.6f\\%.6f", spec.pixelSpacingMm, spec.pixelSpacingMm);
    d.putAndInsertString(DCM_PixelSpacing, text);
    d.putAndInsertString(DCM_SliceThickness, std::to_string(spec.sliceSpacingMm).c_str());
    if (spec.rescaleSlope != 1 || spec.rescaleIntercept != 0) {
      d.putAndInsertString(DCM_RescaleSlope, std::to_string(spec.rescaleSlope).c_str());
      d.putAndInsertString(DCM_RescaleIntercept, std::to_string(spec.rescaleIntercept).c_str());
    }
    std::vector<Uint16> pixels(static_cast<size_t>(spec.rows * spec.columns));
    for (int r = 0; r < spec.rows; ++r) {
      for (int c = 0; c < spec.columns; ++c) {
        pixels[static_cast<size_t>(r * spec.columns + c)] =
            static_cast<Uint16>(syntheticStoredValue(c, r, slice));
      }
    }
    // Signed 16-bit, like CT: every synthetic value (< 32768) fits int16 exactly.
    putMonochrome16(d, spec.rows, spec.columns, 16, true, pixels);
    char name[16];
    std::snprintf(name, sizeof(name), "%s%06d", spec.filePrefix.substr(0, 2).c_str(), slice + 1);
    const auto path = folder / name;
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "writing " + path.string());
    files.push_back(path);
  }
  return files;
}

std::filesystem::path writeNmPlanar(const std::filesystem::path& path, SyntheticNmPlanar spec) {
  std::filesystem::create_directories(path.parent_path());
  if (spec.seriesUid.empty()) spec.seriesUid = newUid();
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, UID_NuclearMedicineImageStorage);
  d.putAndInsertString(DCM_SOPInstanceUID, newUid().c_str());
  d.putAndInsertString(DCM_PatientID, "NBRA-NM-1");
  d.putAndInsertString(DCM_PatientName, "NM^TEST");
  d.putAndInsertString(DCM_StudyInstanceUID, newUid().c_str());
  d.putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str());
  d.putAndInsertString(DCM_Modality, "NM");
  d.putAndInsertString(DCM_SeriesDescription, spec.seriesDescription.c_str());
  d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\WHOLE BODY\\EMISSION");
  const auto frames = static_cast<int>(spec.detectors.size());
  d.putAndInsertString(DCM_NumberOfFrames, std::to_string(frames).c_str());
  DcmAttributeTag* pointer = new DcmAttributeTag(DCM_FrameIncrementPointer);
  const Uint16 tags[4] = {0x0054, 0x0010, 0x0054, 0x0020};
  pointer->putUint16Array(tags, 2);
  d.insert(pointer, true);
  std::vector<Uint16> detectorVector, windowVector;
  int detectorCount = 0;
  for (int det : spec.detectors) {
    detectorVector.push_back(static_cast<Uint16>(det));
    windowVector.push_back(1);
    detectorCount = std::max(detectorCount, det);
  }
  d.putAndInsertUint16Array(DCM_DetectorVector, detectorVector.data(), detectorVector.size());
  d.putAndInsertUint16Array(DCM_EnergyWindowVector, windowVector.data(), windowVector.size());
  d.putAndInsertUint16(DCM_NumberOfDetectors, static_cast<Uint16>(detectorCount));
  d.putAndInsertUint16(DCM_NumberOfEnergyWindows, 1);
  for (int det = 0; det < detectorCount; ++det) {
    DcmItem* item = nullptr;
    d.findOrCreateSequenceItem(DCM_DetectorInformationSequence, item, det);
    if (spec.viewCodes && det < static_cast<int>(spec.viewCodeValues.size())) {
      DcmItem* code = nullptr;
      item->findOrCreateSequenceItem(DCM_ViewCodeSequence, code, 0);
      const bool anterior = spec.viewCodeValues[static_cast<std::size_t>(det)] == "399321004";
      code->putAndInsertString(DCM_CodeValue, spec.viewCodeValues[static_cast<std::size_t>(det)].c_str());
      code->putAndInsertString(DCM_CodingSchemeDesignator, "SCT");
      code->putAndInsertString(DCM_CodeMeaning, anterior ? "anterior projection" : "posterior projection");
    }
    if (det < static_cast<int>(spec.startAngles.size())) {
      item->putAndInsertString(DCM_StartAngle, std::to_string(spec.startAngles[static_cast<std::size_t>(det)]).c_str());
    }
  }
  d.putAndInsertString(DCM_PixelSpacing, "2.4\\2.4");
  d.putAndInsertString(DCM_ActualFrameDuration, "600000");
  // Frame f: counts = (f + 1) * 10 + column, so each frame and its left-right order are known.
  std::vector<Uint16> pixels;
  for (int f = 0; f < frames; ++f) {
    for (int r = 0; r < spec.rows; ++r) {
      for (int c = 0; c < spec.columns; ++c) pixels.push_back(static_cast<Uint16>((f + 1) * 10 + c));
    }
  }
  putMonochrome16(d, spec.rows, spec.columns, 16, false, pixels);
  check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "writing " + path.string());
  return path;
}

std::filesystem::path writeNmTomo(const std::filesystem::path& path, int slices, double spacingMm,
                                  const std::array<double, 3>& firstPositionMm) {
  std::filesystem::create_directories(path.parent_path());
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, UID_NuclearMedicineImageStorage);
  d.putAndInsertString(DCM_SOPInstanceUID, newUid().c_str());
  d.putAndInsertString(DCM_PatientID, "NBRA-SPECT-1");
  d.putAndInsertString(DCM_StudyInstanceUID, newUid().c_str());
  d.putAndInsertString(DCM_SeriesInstanceUID, newUid().c_str());
  d.putAndInsertString(DCM_Modality, "NM");
  d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\RECON TOMO\\EMISSION");
  d.putAndInsertString(DCM_NumberOfFrames, std::to_string(slices).c_str());
  char text[128];
  std::snprintf(text, sizeof(text), "%.4f\\%.4f\\%.4f", firstPositionMm[0], firstPositionMm[1],
                firstPositionMm[2]);
  d.putAndInsertString(DCM_ImagePositionPatient, text);
  d.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
  d.putAndInsertString(DCM_SpacingBetweenSlices, std::to_string(spacingMm).c_str());
  d.putAndInsertString(DCM_SliceThickness, std::to_string(spacingMm).c_str());
  d.putAndInsertString(DCM_PixelSpacing, "4.4\\4.4");
  std::vector<Uint16> pixels;
  for (int k = 0; k < slices; ++k) {
    for (int i = 0; i < 16 * 16; ++i) pixels.push_back(static_cast<Uint16>(k * 10 + 5));
  }
  putMonochrome16(d, 16, 16, 16, false, pixels);
  check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "writing " + path.string());
  return path;
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
