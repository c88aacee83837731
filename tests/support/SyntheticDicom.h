#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nbra::testing {

// A small, valid DICOM series (Explicit VR Little Endian, 16-bit monochrome gradient pixels)
// written with DCMTK. Empty UIDs are generated.
struct SyntheticSeries {
  std::string patientId = "NBRA-TEST-001";
  std::string patientName = "TEST^PATIENT";
  std::string studyUid;
  std::string seriesUid;
  std::string modality = "CT";
  int seriesNumber = 1;
  std::string seriesDescription = "synthetic";
  std::string studyDate = "20260115";
  int slices = 3;
  int rows = 16;
  int columns = 16;
  // Files are named like DICOMDIR wants them (8 upper-case characters) under `folder`.
  std::string filePrefix = "IM";
};

// Writes the series into `folder` (created) and returns the file paths in slice order.
std::vector<std::filesystem::path> writeSeries(const std::filesystem::path& folder,
                                               SyntheticSeries spec);

// Writes a General Purpose DICOMDIR at `folder`/DICOMDIR referencing every file below `folder`.
std::filesystem::path writeDicomDir(const std::filesystem::path& folder);

// A fresh, empty temporary folder, removed by the destructor.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace nbra::testing
