#pragma once

#include <string>
#include <vector>

namespace nbra::dicom {

enum class NmViewLabel { Anterior, Posterior, Other };

// One planar NM view: a frame of an NM object, with the detector and energy window it came
// from and how its anterior/posterior label was decided.
struct NmView {
  std::string path;
  int frame = 0;         // 0-based frame in the file
  int detector = 1;      // Detector Vector value (1-based)
  int energyWindow = 1;  // Energy Window Vector value (1-based)
  NmViewLabel label = NmViewLabel::Other;
  // "View Code Sequence", "Start Angle", "description", or "unknown" (the reader must say).
  std::string labelSource = "unknown";
  std::string labelEvidence;  // the code, angle or text that decided it
  bool wholeBody = false;     // Image Type value 3 is WHOLE BODY
  int rows = 0;
  int columns = 0;
  double rowSpacingMm = 0;
  double columnSpacingMm = 0;
  double actualFrameDurationMs = 0;
  std::string seriesInstanceUid;
  std::string sopClassUid;
};

const char* toString(NmViewLabel label);

// Splits NM planar objects (multi-frame by Detector and Energy Window vectors, or one view per
// file/series) into views and labels each one, in this order of trust (clinical rules 6.2):
// View Code Sequence of its detector, then Start Angle, then description text (SeriesDescription,
// ImageComments). Frame order is never used. Modality NM under a Secondary Capture SOP class is
// still NM. Files that are not NM planar are ignored; unreadable ones throw VolumeError.
std::vector<NmView> readNmViews(const std::vector<std::string>& files);

// A planar image of modality values (counts), row by row.
struct PlanarImage {
  int width = 0;
  int height = 0;
  double rowSpacingMm = 0;
  double columnSpacingMm = 0;
  std::vector<float> values;
  float at(int x, int y) const { return values[static_cast<std::size_t>(y * width + x)]; }
};

PlanarImage loadNmView(const NmView& view);

// Conjugate-view geometric mean sqrt(A * P'), P' = the posterior flipped left-right so that both
// are seen from the front; counts normalised to the anterior's frame duration when both are
// known. The views must have the same size. Vertical registration is the caller's (offset rows).
PlanarImage geometricMean(const PlanarImage& anterior, const PlanarImage& posterior,
                          double anteriorDurationMs = 0, double posteriorDurationMs = 0,
                          int posteriorRowOffset = 0);

}  // namespace nbra::dicom
