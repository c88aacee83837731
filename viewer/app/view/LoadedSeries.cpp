#include "viewer/app/view/LoadedSeries.h"

#include <algorithm>
#include <stdexcept>

#include "dicom/index/HeaderReader.h"
#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvTagReader.h"
#include "dicom/volume/VolumeLoader.h"
#include "viewer/app/browser/DicomText.h"

namespace nbra::viewer {

std::shared_ptr<LoadedSeries> LoadedSeries::load(
    const std::vector<std::string>& files,
    const std::function<void(std::size_t, std::size_t)>& onProgress,
    const std::atomic<bool>* cancel) {
  auto series = std::make_shared<LoadedSeries>();
  nbra::dicom::LoadOptions options;
  options.onProgress = onProgress;
  options.cancel = cancel;
  series->volume_ = nbra::dicom::loadVolume(files, options);
  series->sampler_ = std::make_unique<SliceSampler>(series->volume_);
  if (const auto h = nbra::dicom::readHeader(files.front());
      std::holds_alternative<nbra::dicom::InstanceHeader>(h)) {
    const auto& header = std::get<nbra::dicom::InstanceHeader>(h);
    series->patientName = displayPersonName(header.patientName);
    series->patientId = QString::fromStdString(header.patientId);
    series->studyDate = displayDate(header.studyDate);
    series->seriesDescription = QString::fromStdString(header.seriesDescription);
  }
  if (series->isPet()) {
    try {
      const auto result = nbra::dicom::computeSuv(nbra::dicom::readSuvTags(files));
      if (result.ok() && result.bw.factor) {
        series->suvFactor_ = *result.bw.factor;
      } else {
        series->suvNote_ = QString::fromStdString(result.ok() ? result.bw.reason : result.errorMessage);
      }
    } catch (const std::exception& e) {
      series->suvNote_ = QString::fromStdString(e.what());
    }
  }
  return series;
}

QString LoadedSeries::unit() const {
  if (volume_.modality == "CT") return "HU";
  if (isPet()) return hasSuv() ? "SUVbw" : "Bq/ml";
  if (volume_.modality == "NM") return "counts";
  return {};
}

std::pair<double, double> LoadedSeries::autoWindowLevel() const {
  // A strided sample is plenty for percentiles and keeps this instant on big volumes.
  std::vector<float> sample;
  const std::size_t n = volume_.voxelCount();
  const std::size_t stride = std::max<std::size_t>(1, n / 200000);
  for (std::size_t i = 0; i < n; i += stride) {
    sample.push_back(volume_.pixelType == nbra::dicom::PixelType::Int16
                         ? static_cast<float>(volume_.int16Voxels[i])
                         : volume_.float32Voxels[i]);
  }
  if (sample.empty()) return {1, 0};
  auto at = [&](double q) {
    auto it = sample.begin() + static_cast<long>(q * static_cast<double>(sample.size() - 1));
    std::nth_element(sample.begin(), it, sample.end());
    return static_cast<double>(*it);
  };
  const double low = at(0.01);
  const double high = at(0.99);
  const double scale = displayScale();
  return {std::max(1e-6, (high - low) * scale), (high + low) / 2 * scale};
}

}  // namespace nbra::viewer
