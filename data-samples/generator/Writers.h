#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "data-samples/generator/Scene.h"

namespace nbra::synthetic {

// The CT grid of a scene (512 x 512, 3 mm slices from the thoracic inlet to the pelvis). The PET
// of PET/CT uses the same slice positions and frame of reference.
Grid ctGrid(const Scene& scene);
constexpr int kCtSlices = 116;
constexpr double kCtSliceMm = 3.0;

// Writes the CT series into `folder`; returns the files.
std::vector<std::filesystem::path> writeCt(const Scene& scene, const std::filesystem::path& folder);

// Writes the FDG PET series (PET Image Storage, BQML, decay corrected to the series start).
std::vector<std::filesystem::path> writePet(const Scene& scene,
                                            const std::filesystem::path& folder);

// Writes the I-123 MIBG whole-body planar scan: one multi-frame NM object with an anterior and a
// posterior frame, or (timepoint->nmSeparateSeries) one series per view.
std::vector<std::filesystem::path> writeMibg(const Scene& scene,
                                             const std::filesystem::path& folder);

// PET injection facts, shared with the truth file.
struct PetDose {
  double injectedBq = 0;
  double halfLifeS = 6586.2;  // F-18 (DICOM PS3.16 / NIST)
  std::string injectionTime;  // HHMMSS
  std::string seriesTime;     // HHMMSS
  double decayTimeS = 0;
};
PetDose petDose(const Scene& scene);

}  // namespace nbra::synthetic
