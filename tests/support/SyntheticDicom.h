#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

class DcmItem;

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
  // Geometry: slice k sits at positions[k] when given, else at (0, 0, k * sliceSpacingMm).
  std::vector<std::array<double, 3>> positions;
  double sliceSpacingMm = 2.5;
  std::string orientation = "1\\0\\0\\0\\1\\0";
  double pixelSpacingMm = 0.8;
  // Instance numbers count down when true, so nothing can sort by them by accident.
  bool reverseInstanceNumbers = false;
  double rescaleSlope = 1;
  double rescaleIntercept = 0;
  // Pixel (row r, column c) of slice k (by position order of `positions`, or k) stores
  // r * 64 + c * 16 + k * 100: tests read positions back from values.
};

// The stored value the synthetic writer puts at (column, row) of slice k.
inline int syntheticStoredValue(int column, int row, int slice) {
  return row * 64 + column * 16 + slice * 100;
}

// A planar NM object (NM Image Storage), one frame per entry of `detectors`.
struct SyntheticNmPlanar {
  std::vector<int> detectors{1, 2};             // Detector Vector, per frame
  bool viewCodes = true;                        // View Code Sequence per detector
  std::vector<std::string> viewCodeValues{"399321004", "399001007"};  // per detector: ant, post
  std::vector<double> startAngles;              // per detector, when not empty
  std::string seriesDescription = "WB MIBG";
  int rows = 64;
  int columns = 16;
  std::string seriesUid;
};

std::filesystem::path writeNmPlanar(const std::filesystem::path& file, SyntheticNmPlanar spec);

// A reconstructed SPECT (NM Image Storage, RECON TOMO): `slices` frames of 16 x 16 advancing
// along the normal by `spacingMm` from `firstPositionMm`; frame k holds the value k * 10 + 5.
std::filesystem::path writeNmTomo(const std::filesystem::path& file, int slices, double spacingMm,
                                  const std::array<double, 3>& firstPositionMm);

// The Image Pixel module of a 16-bit monochrome image with its pixels.
void putMonochrome16(DcmItem& item, int rows, int columns, int bitsStored, bool isSigned,
                     const std::vector<unsigned short>& pixels);

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
