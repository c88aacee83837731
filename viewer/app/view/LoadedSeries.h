#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dicom/volume/Volume.h"
#include "viewer/app/view/SliceSampler.h"

namespace nbra::viewer {

// A series loaded for viewing: its volume, a sampler over it, what the overlays print, and the
// display unit (PET: SUVbw when the SUV is computable, else Bq/ml with the reason).
class LoadedSeries {
 public:
  // Loads one series (throws std::runtime_error naming the file and the problem).
  static std::shared_ptr<LoadedSeries> load(
      const std::vector<std::string>& files,
      const std::function<void(std::size_t, std::size_t)>& onProgress = {},
      const std::atomic<bool>* cancel = nullptr);

  nbra::dicom::Volume& volume() { return volume_; }
  const nbra::dicom::Volume& volume() const { return volume_; }
  const SliceSampler& sampler() const { return *sampler_; }

  bool isPet() const { return volume_.modality == "PT"; }
  // PET or SPECT: shown fused over an anatomical series.
  bool isFunctional() const { return isPet() || volume_.modality == "NM"; }
  // Stored modality value -> displayed value (SUVbw for PET when known, else unchanged).
  double displayScale() const { return suvFactor_.value_or(1.0); }
  bool hasSuv() const { return suvFactor_.has_value(); }
  QString unit() const;                  // "HU", "SUVbw", "Bq/ml", "counts", "" (MR)
  const QString& suvNote() const { return suvNote_; }  // why there is no SUV, when there is none

  QString patientName;
  QString patientId;
  QString studyDate;
  QString seriesDescription;
  QString modality() const { return QString::fromStdString(volume_.modality); }

  // For MR and unknown modalities: a window covering the 1st..99th percentile.
  std::pair<double, double> autoWindowLevel() const;

 private:
  nbra::dicom::Volume volume_;
  std::unique_ptr<SliceSampler> sampler_;
  std::optional<double> suvFactor_;
  QString suvNote_;
};

}  // namespace nbra::viewer
