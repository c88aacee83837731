#pragma once

#include <string>
#include <vector>

#include "data-samples/generator/Phantom.h"

namespace nbra::synthetic {

// One lesion at one timepoint: where it is, how big, and how it shows on each modality. Sizes
// and positions are in the reference child's coordinates (Phantom.h, BodyScale); the truth
// files give them scaled to the subject in patient coordinates.
struct LesionSpec {
  std::string trackingId;  // same id at every timepoint
  std::string site;        // anatomical words for the README and the truth file
  std::string organ;       // case-format organ ("" for bone lesions)
  bool isPrimary = false;
  bool isLymphNode = false;
  bool isBone = false;
  bool isNew = false;
  bool target = false;
  // Geometry: an ellipsoid, axes along x, y, z (so the axial long and short axes are the
  // larger and smaller of the x and y diameters), or an elliptic cylinder from dTop to dBottom.
  bool cylinder = false;
  double x = 0, y = 0, d = 0;
  double semiXMm = 0, semiYMm = 0, semiDMm = 0;
  double dTopMm = 0, dBottomMm = 0;
  bool onlyOverBone = false;
  double hu = 45;
  double mibgRelative = 0;  // 0: not MIBG-avid
  double fdgSuv = 0;        // 0: not FDG-avid; else the SUVmax the PET must show
  // Scoring (clinical-rules.md 1.1 and 2.1): Curie segment 1..10, SIOPEN segment 0..11 (-1: none,
  // soft tissue), and whether it is diffuse (Curie 3 / SIOPEN score given by siopenDiffuseScore).
  int curieSegment = 0;
  int siopenSegment = -1;
  bool diffuse = false;
  int siopenDiffuseScore = 0;
  bool withCalcifications = false;
};

struct MarrowSample {
  std::string kind;  // aspirate, biopsy
  double infiltrationPercent = 0;
};

struct TimepointSpec {
  std::string key;    // folder name: baseline, after-injection-3, after-injection-5
  std::string label;  // case-format label
  std::string date;   // YYYY-MM-DD
  std::string time;   // HHMMSS of the CT
  int injectionsBefore = 0;
  std::vector<LesionSpec> lesions;  // resolved lesions stay listed with zero size
  std::vector<MarrowSample> marrow;
  bool marrowPathologyConfirmed = false;
  bool pet = false;
  bool nmSeparateSeries = false;        // anterior and posterior as two series
  bool posteriorIsDetectorOne = false;  // frame order that would fool an order-based reader
  int newMibgBoneSites = 0;
  int fdgAvidBoneLesions = 0;
  int newFdgAvidBoneLesions = 0;
  // Expected assessment (from clinical-rules.md, reasoned by hand; see data-samples/README.md).
  std::string expectedOverall;
  std::string expectedPrimary;
  std::string expectedMetastatic;
  std::string expectedMarrow;
};

struct SubjectSpec {
  std::string id;
  std::string patientName;
  std::string sex;
  std::string birthDate;  // YYYYMMDD
  double ageYears = 0;
  double weightKg = 0;
  double heightCm = 0;
  BodyScale body;
  std::vector<TimepointSpec> timepoints;
  std::string expectedDisease;  // MIBG-avid or MIBG-non-avid
  bool expectedEligible = false;
  std::string expectedEligibilityBasis;
  std::string expectedExtraDoses;  // allowed / not allowed
  std::string story;
};

std::vector<SubjectSpec> syntheticSubjects();

// Curie segment names (clinical-rules.md 1.1) and SIOPEN segment names (2.1), for the truth.
const char* curieSegmentName(int segment);
const char* siopenSegmentName(int segment);

}  // namespace nbra::synthetic
