#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data-samples/generator/Shapes.h"

namespace nbra::synthetic {

// What a voxel is made of, and what each modality sees there.
struct Tissue {
  std::string name;
  double hu = 0;            // CT, portal-venous contrast phase
  double huTextureSd = 0;   // extra CT texture on top of the scanner noise (lung, stool)
  double mibgRelative = 0;  // I-123 MIBG concentration at 24 h, relative units per ml
  double fdgSuv = 0;        // FDG SUVbw at 60 min
  bool bone = false;        // bone lesions may replace it
};

// The normal tissues; lesions are appended after them, one tissue each.
enum NormalTissue : std::uint8_t {
  kAir = 0,
  kFat,
  kMuscle,
  kVisceralFat,
  kLung,
  kAirway,
  kBloodPool,
  kMyocardium,
  kVessel,
  kLiver,
  kSpleen,
  kKidneyCortex,
  kKidneyMedulla,
  kPancreas,
  kStomach,
  kGas,
  kBowelWall,
  kBowelFluid,
  kStool,
  kBladder,
  kCorticalBone,
  kCancellousBone,
  kMarrow,
  kCsf,
  kBrain,
  kThymus,
  kGallbladder,
  kSalivary,
  kThyroid,
  kNasalMucosa,
  kAdrenal,
  kSpinalCord,
  kNormalTissueCount
};

std::vector<Tissue> normalTissues();

// Body proportions: the reference child is 6 years old and 115 cm tall; other children scale
// it in height (zScale) and girth (xyScale). Anatomy is written in reference coordinates:
// x, y as in LPS, d = depth below the vertex in mm (z = -d).
struct BodyScale {
  double xyScale = 1;
  double zScale = 1;
  Vec3 at(double x, double y, double d) const { return {x * xyScale, y * xyScale, -d * zScale}; }
  Vec3 size(double sx, double sy, double sd) const {
    return {sx * xyScale, sy * xyScale, sd * zScale};
  }
  double heightMm() const { return 1150.0 * zScale; }
};

// Reference depth (mm below the vertex) of the centre of a vertebra: "C1".."C7", "T1".."T12",
// "L1".."L5".
double vertebraDepthMm(const std::string& level);
// Reference position of a point on a rib (1..12, side +1 left / -1 right) at an angle around
// the chest (0 = beside the spine, 1 = front end).
Vec3 ribPointReference(int rib, double side, double fraction);

struct Phantom {
  std::vector<Tissue> tissues;
  std::vector<Shape> shapes;
  std::vector<bool> isBone() const;
  // The shapes without the arms (CT and PET: arms raised).
  std::vector<Shape> armsRaised() const;
};

// The normal anatomy of a child (no disease). `bowelSeed` places the small-bowel loops.
Phantom buildNormalAnatomy(const BodyScale& body, std::uint64_t bowelSeed);

}  // namespace nbra::synthetic
