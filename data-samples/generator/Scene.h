#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data-samples/generator/Phantom.h"
#include "data-samples/generator/Subjects.h"

namespace nbra::synthetic {

// One subject at one timepoint: its anatomy with the disease painted in, and the identity
// every DICOM object of that timepoint shares.
struct Scene {
  const SubjectSpec* subject = nullptr;
  const TimepointSpec* timepoint = nullptr;
  std::uint64_t seed = 0;
  Phantom phantom;
  // Tissue index of each lesion of timepoint->lesions (same order), and their shapes in
  // patient coordinates (for the truth and for holding PET lesion maxima).
  std::vector<std::uint8_t> lesionTissues;
  std::vector<Shape> lesionShapes;
  std::string uidPrefix;  // "NBRA-SYN-001/baseline/" for makeUid names
  std::string dicomDate;  // YYYYMMDD
};

Scene buildScene(const SubjectSpec& subject, const TimepointSpec& timepoint, std::uint64_t seed);

// Centre of a lesion in patient coordinates (LPS, mm).
Vec3 lesionCentreMm(const SubjectSpec& subject, const LesionSpec& lesion);

}  // namespace nbra::synthetic
