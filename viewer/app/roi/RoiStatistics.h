#pragma once

#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "dicom/suv/SuvStatistics.h"
#include "dicom/volume/Volume.h"
#include "viewer/app/measure/Measurement.h"

namespace nbra::viewer {

class LoadedSeries;

// The series an ROI's statistics come from, in the unit the viewer shows it in. On a fused
// PET/CT view that is the PET: the CT is the map, the PET the measurement.
struct RoiSource {
  const nbra::dicom::Volume* volume = nullptr;
  double scale = 1;     // stored value -> shown value (the SUVbw factor for PET)
  QString modality;     // "CT", "PT", "MR", "NM"
  QString unit;         // "HU", "SUVbw", "Bq/ml", "counts", "" (MR: no unit)
  bool fused = false;   // the PET fused over another series
  QString noSuvReason;  // PET without SUV: why
  bool isPet() const { return modality == "PT"; }
};

RoiSource roiSourceOf(const LoadedSeries& base, const LoadedSeries* fusion);

struct RoiStatistics {
  RoiSource source;
  // Empty when the ROI holds no voxel centre of the series (then `error` says so).
  std::optional<nbra::dicom::SuvStatistics> values;
  double volumeMl = 0;  // voxels counted x voxel volume
  QString error;
};

// Mean, SD, min, max over the voxels whose centres lie in the ROI's ellipsoid, and for PET the
// peak (mean of the best 1 cm^3 sphere centred on a voxel of the ROI, dicom/suv's rules). The
// volume is the count of those voxels times the voxel volume, so it is what was averaged over.
RoiStatistics computeRoiStatistics(const Measurement& roi, const RoiSource& source);

// What the ROI's label says: its size, the source and unit, and the values each with its unit.
//   ROI 30.0 × 20.0 mm, 20.0 mm deep — 6.28 ml
//   CT: mean 42.1 HU, SD 10.2 HU
//   min −12 HU, max 98 HU
QString roiLabel(const Measurement& roi, const RoiStatistics& stats);

// The statistics of the ROIs of one view, kept while neither the ROI nor the series change: the
// label is drawn on every repaint (mouse moves included), the statistics change only with a
// drag. The series are held weakly, so a cache never keeps a closed series in memory.
class RoiStatisticsCache {
 public:
  const RoiStatistics& get(const Measurement& roi, const std::shared_ptr<LoadedSeries>& base,
                           const std::shared_ptr<LoadedSeries>& fusion);

 private:
  struct Entry {
    std::weak_ptr<LoadedSeries> base, fusion;
    Vec3 centre{}, axisA{}, axisB{};
    RoiStatistics stats;
  };
  std::vector<Entry> entries_;  // most recent last
};

}  // namespace nbra::viewer
