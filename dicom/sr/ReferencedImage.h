#pragma once

#include <optional>
#include <string>

#include "dicom/sr/ImagePlane.h"
#include "dicom/sr/MeasurementReport.h"

namespace nbra::dicom {

// One image a measurement refers to, read from its file: its identity for the SR reference and
// evidence, its plane for coordinate conversion, and the patient and study to copy.
struct ReferencedImage {
  std::string path;
  SrImageRef ref;  // frame left 0; the caller sets the frame measured on
  int numberOfFrames = 1;
  SrPatientStudy patient;
  ImagePlane plane;  // of the frame asked for
  double sliceThicknessMm = 0;
};

// Reads `path`; `frame` is 1-based (0 or 1 for a single-frame image). Throws SrError naming the
// file when it is not DICOM, lacks the frame, or has no geometry.
ReferencedImage readReferencedImage(const std::string& path, int frame = 0);

// The file of a SOP Instance UID in an NBRA image index (dicom/index), or nullopt when the index
// does not know it (or only as missing). Throws SrError naming the index when it cannot be read.
std::optional<std::string> findInstanceFile(const std::string& indexPath,
                                            const std::string& sopInstanceUid);

}  // namespace nbra::dicom
