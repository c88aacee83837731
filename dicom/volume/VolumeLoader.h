#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dicom/volume/Volume.h"

namespace nbra::dicom {

// A series that cannot become a volume, with the file and the reason.
class VolumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class IrregularGridPolicy {
  Resample,  // gantry tilt or uneven spacing: resample to a regular grid, with a warning
  Refuse,    // throw VolumeError naming the problem
};

struct LoadOptions {
  unsigned threads = 0;  // 0: one per core
  IrregularGridPolicy irregular = IrregularGridPolicy::Resample;
  std::function<void(std::size_t done, std::size_t total)> onProgress;  // slices decoded
  const std::atomic<bool>* cancel = nullptr;  // set: the load stops and throws VolumeError
};

// The files of one series found in a folder (by Series Instance UID).
struct SeriesFiles {
  std::string seriesInstanceUid;
  std::string modality;
  std::string seriesDescription;
  std::vector<std::string> files;
};

// Groups the DICOM files below `folder` by series (header reads only). Files that are not DICOM
// are ignored; DICOM files that cannot be read (truncated, incomplete) are left out and, when
// `problems` is given, listed there as "path: reason" so the caller can say so.
std::vector<SeriesFiles> findSeries(const std::string& folder,
                                    std::vector<std::string>* problems = nullptr);

// A series' geometry as acquired, from its headers alone (no pixel is decoded).
struct SeriesGeometry {
  Volume grid;  // dimensions, spacing, origin, direction, identity, warnings; no voxels
  bool uniformSpacing = true;
  double gantryTiltDeg = 0;
  int missingSlices = 0;
  int numberOfFrames = 0;   // all frames of all files, before choosing a stack
  bool willResample = false;  // loadVolume (Resample policy) returns a different grid
};

SeriesGeometry inspectSeries(const std::vector<std::string>& files);

// Loads the files of ONE series into a volume: slices sorted along their normal by
// ImagePositionPatient (never by instance number), several stacks or orientations split (the
// largest is loaded, the rest named in warnings), multi-frame (enhanced per-frame functional
// groups, NM/PT multi-frame) supported, rescale applied per slice. Throws VolumeError.
Volume loadVolume(const std::vector<std::string>& files, const LoadOptions& options = {});

}  // namespace nbra::dicom
