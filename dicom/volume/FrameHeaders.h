#pragma once

#include <string>
#include <vector>

#include "dicom/volume/StackGeometry.h"

namespace nbra::dicom {

// Everything the loader needs to know about one 2-D frame before decoding any pixel.
struct FrameHeader {
  std::string path;
  int frame = 0;  // 0-based within its file
  int framesInFile = 1;
  bool hasPlacement = false;  // ImagePositionPatient + ImageOrientationPatient known
  FramePlacement placement;
  int rows = 0;
  int columns = 0;
  double rowSpacingMm = 0;     // PixelSpacing[0]: between rows (along the column direction)
  double columnSpacingMm = 0;  // PixelSpacing[1]: between columns (along the row direction)
  double sliceThicknessMm = 0;
  double spacingBetweenSlicesMm = 0;
  double rescaleSlope = 1;
  double rescaleIntercept = 0;
  int bitsAllocated = 16;
  int bitsStored = 16;
  int pixelRepresentation = 0;  // 1: signed
  int samplesPerPixel = 1;
  std::string photometric;
  std::string transferSyntaxUid;
  std::string modality;
  std::string sopClassUid;
  std::string sopInstanceUid;
  std::string seriesInstanceUid;
  std::string frameOfReferenceUid;
  std::string imageType;  // values joined by '\'
  bool nmPlanar = false;  // NM STATIC / WHOLE BODY / DYNAMIC frames: views, not slices
  // Timing, per frame where the file says so.
  std::string acquisitionDate;
  std::string acquisitionTime;
  std::string acquisitionDateTime;
  // What tells repeated acquisitions of one position apart: acquisition, echo and temporal
  // position at the top level; stack and temporal position index in enhanced objects.
  std::string stackKey;
  double frameReferenceTimeMs = 0;
  double actualFrameDurationMs = 0;
};

// Reads the headers of one file (single- or multi-frame) into one FrameHeader per frame: enhanced
// objects through their shared and per-frame functional groups, NM reconstructed tomography
// through its slice vector and spacing. Throws VolumeError naming the file.
std::vector<FrameHeader> readFrameHeaders(const std::string& path);

}  // namespace nbra::dicom

class DcmFileFormat;

namespace nbra::dicom {

// Parses a whole file but leaves values over 4 KiB (pixel data) on disk. Throws VolumeError
// naming the file when it cannot be read.
void loadWithoutBulkData(DcmFileFormat& file, const std::string& path);

}  // namespace nbra::dicom
