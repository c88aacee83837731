// The normal anatomy of the synthetic child: a painter's list of simple solids. Sizes are those
// of a 6-year-old (115 cm) and were chosen to look right on CT and on a planar MIBG scan, not
// taken from an atlas; tissue values are typical of paediatric portal-venous CT, 24 h I-123
// MIBG (clinical-rules.md 1.6 lists the physiological uptake) and 60 min FDG-PET.
#include <cmath>
#include <numbers>

#include "data-samples/generator/Phantom.h"
#include "data-samples/generator/Random.h"

namespace nbra::synthetic {

std::vector<Tissue> normalTissues() {
  std::vector<Tissue> t(kNormalTissueCount);
  //                      name              HU  tex  MIBG  FDG   bone
  t[kAir] = {"air", -1000, 0, 0, 0, false};
  t[kFat] = {"fat", -100, 0, 0.25, 0.3, false};
  t[kMuscle] = {"muscle", 55, 0, 0.6, 0.7, false};
  t[kVisceralFat] = {"visceral fat", -90, 6, 0.25, 0.3, false};
  t[kLung] = {"lung", -780, 25, 0.7, 0.4, false};
  t[kAirway] = {"airway", -960, 0, 0, 0, false};
  t[kBloodPool] = {"blood pool", 160, 0, 1.8, 1.6, false};
  t[kMyocardium] = {"myocardium", 110, 0, 6.5, 2.5, false};
  t[kVessel] = {"vessel", 170, 0, 1.8, 1.6, false};
  t[kLiver] = {"liver", 105, 0, 9, 1.8, false};
  t[kSpleen] = {"spleen", 115, 0, 2.5, 1.6, false};
  t[kKidneyCortex] = {"kidney cortex", 180, 0, 3, 2.6, false};
  t[kKidneyMedulla] = {"kidney medulla", 120, 0, 3, 4.0, false};
  t[kPancreas] = {"pancreas", 95, 0, 1.5, 1.4, false};
  t[kStomach] = {"stomach content", 15, 0, 1.2, 1.2, false};
  t[kGas] = {"bowel gas", -950, 0, 0, 0, false};
  t[kBowelWall] = {"bowel wall", 70, 0, 3.5, 1.8, false};
  t[kBowelFluid] = {"bowel fluid", 15, 0, 1.5, 1.0, false};
  t[kStool] = {"stool", -60, 60, 5, 1.2, false};
  t[kBladder] = {"bladder", 8, 0, 35, 14, false};
  t[kCorticalBone] = {"cortical bone", 750, 0, 0.3, 0.8, true};
  t[kCancellousBone] = {"cancellous bone", 230, 20, 0.4, 1.3, true};
  t[kMarrow] = {"marrow", 40, 0, 0.4, 1.3, true};
  t[kCsf] = {"CSF", 10, 0, 0.2, 0.2, false};
  t[kBrain] = {"brain", 35, 0, 0.5, 7.0, false};
  t[kThymus] = {"thymus", 50, 0, 0.8, 2.0, false};
  t[kGallbladder] = {"gallbladder", 5, 0, 0.5, 0.5, false};
  t[kSalivary] = {"salivary gland", 60, 0, 14, 2.0, false};
  t[kThyroid] = {"thyroid (blocked)", 110, 0, 0.8, 1.5, false};
  t[kNasalMucosa] = {"nasal mucosa", 40, 0, 4, 2.0, false};
  t[kAdrenal] = {"adrenal", 60, 0, 2.0, 1.5, false};
  t[kSpinalCord] = {"spinal cord", 35, 0, 0.3, 1.0, false};
  return t;
}

std::vector<bool> Phantom::isBone() const {
  std::vector<bool> bone(256, false);
  for (std::size_t i = 0; i < tissues.size(); ++i) {
    bone[i] = tissues[i].bone;
  }
  return bone;
}

std::vector<Shape> Phantom::armsRaised() const {
  std::vector<Shape> out;
  for (const Shape& shape : shapes) {
    if (!shape.arm) {
      out.push_back(shape);
    }
  }
  return out;
}

double vertebraDepthMm(const std::string& level) {
  const int n = std::stoi(level.substr(1));
  switch (level[0]) {
    case 'C':
      return 190.0 + (n - 1) * 8.0;
    case 'T':
      return 252.0 + (n - 1) * 16.0;
    default:
      return 447.0 + (n - 1) * 20.0;
  }
}

namespace {

// Chest ellipse the ribs follow (reference coordinates).
constexpr double kRibArcHalfWidthMm = 96;
constexpr double kRibArcHalfDepthMm = 66;
constexpr double kRibArcCentreYMm = 8;
constexpr double kRibDropMm = 55;

// Vertebral bodies sit this far behind the trunk's centre line.
constexpr double kSpineYMm = 38;

class Painter {
 public:
  Painter(const BodyScale& body, std::vector<Shape>& shapes) : body_(body), shapes_(shapes) {}

  void ellipsoid(std::uint8_t tissue, double x, double y, double d, double sx, double sy, double sd,
                 double rotationDeg = 0) {
    Shape s;
    s.kind = ShapeKind::Ellipsoid;
    s.tissue = tissue;
    s.centre = body_.at(x, y, d);
    s.semiAxes = body_.size(sx, sy, sd);
    s.rotationRad = rotationDeg * std::numbers::pi / 180.0;
    shapes_.push_back(s);
  }
  void cylinder(std::uint8_t tissue, double x, double y, double dTop, double dBottom, double sx,
                double sy, double rotationDeg = 0) {
    Shape s;
    s.kind = ShapeKind::EllipticCylinder;
    s.tissue = tissue;
    s.centre = body_.at(x, y, 0);
    s.semiAxes = body_.size(sx, sy, 0);
    s.zMaxMm = -dTop * body_.zScale;
    s.zMinMm = -dBottom * body_.zScale;
    s.rotationRad = rotationDeg * std::numbers::pi / 180.0;
    shapes_.push_back(s);
  }
  void box(std::uint8_t tissue, double x, double y, double d, double hx, double hy, double hd,
           double rotationDeg = 0) {
    Shape s;
    s.kind = ShapeKind::Box;
    s.tissue = tissue;
    s.centre = body_.at(x, y, d);
    s.semiAxes = body_.size(hx, hy, hd);
    s.rotationRad = rotationDeg * std::numbers::pi / 180.0;
    shapes_.push_back(s);
  }
  void tube(std::uint8_t tissue, double x0, double y0, double d0, double x1, double y1, double d1,
            double r0, double r1 = -1) {
    Shape s;
    s.kind = ShapeKind::Tube;
    s.tissue = tissue;
    s.from = body_.at(x0, y0, d0);
    s.to = body_.at(x1, y1, d1);
    s.radiusMm = r0 * body_.xyScale;
    s.radiusEndMm = (r1 < 0 ? r0 : r1) * body_.xyScale;
    shapes_.push_back(s);
  }
  // A long bone: cortex and marrow cavity.
  void longBone(double x0, double y0, double d0, double x1, double y1, double d1, double r) {
    tube(kCorticalBone, x0, y0, d0, x1, y1, d1, r);
    tube(kMarrow, x0, y0, d0, x1, y1, d1, r * 0.6);
  }
  void trunk(std::uint8_t tissue, double insetMm) {
    // d, half width, half depth, centre y (reference child); the abdomen of a small child is
    // round and prominent, the chest wider than deep.
    static const double table[][4] = {{228, 52, 46, 5},  {246, 112, 64, 8}, {262, 116, 70, 8},
                                      {320, 110, 76, 8}, {400, 102, 80, 6}, {460, 98, 80, 2},
                                      {540, 100, 76, 4}, {600, 104, 70, 6}, {640, 98, 64, 8},
                                      {662, 80, 52, 10}};
    Shape s;
    s.kind = ShapeKind::Trunk;
    s.tissue = tissue;
    for (const auto& row : table) {
      s.sections.push_back({-row[0] * body_.zScale, row[1] * body_.xyScale, row[2] * body_.xyScale,
                            row[3] * body_.xyScale});
    }
    s.insetMm = insetMm * body_.xyScale;
    shapes_.push_back(s);
  }
  void rib(int n, double side) {
    Shape s;
    s.kind = ShapeKind::Rib;
    s.tissue = kCorticalBone;
    s.side = side;
    s.centre = body_.at(0, kRibArcCentreYMm, vertebraDepthMm("T" + std::to_string(n)));
    s.semiAxes = body_.size(kRibArcHalfWidthMm - (n < 3 ? (3 - n) * 14 : 0),
                            kRibArcHalfDepthMm - (n < 3 ? (3 - n) * 6 : 0), 0);
    s.ribDropMm = kRibDropMm * body_.zScale;
    s.ribThicknessMm = 5 * body_.xyScale;
    s.ribHeightMm = 8 * body_.zScale;
    shapes_.push_back(s);
  }

 private:
  const BodyScale& body_;
  std::vector<Shape>& shapes_;
};

void paintVertebra(Painter& p, const std::string& level) {
  const double d = vertebraDepthMm(level);
  const bool cervical = level[0] == 'C';
  const bool lumbar = level[0] == 'L';
  const double height = cervical ? 8 : (lumbar ? 20 : 16);
  const double half = height / 2 - (cervical ? 1.0 : 1.8);  // the disc is the rest
  const double sx = cervical ? 8 : (lumbar ? 14 : 11);
  const double sy = cervical ? 7 : (lumbar ? 11 : 10);
  const double y = cervical ? 22 : kSpineYMm;
  p.cylinder(kCorticalBone, 0, y, d - half, d + half, sx, sy);
  p.cylinder(kCancellousBone, 0, y, d - half + 1.2, d + half - 1.2, sx - 1.5, sy - 1.5);
  // Neural arch, spinous and transverse processes, then the canal with the cord.
  const double canalY = y + sy + 6;
  p.cylinder(kCorticalBone, 0, canalY, d - half, d + half, 10, 9);
  p.box(kCorticalBone, 0, canalY + 13, d + 2, 2.5, 7, half - 1);
  p.box(kCorticalBone, 0, canalY - 2, d, lumbar ? 24 : 18, 3, half - 2);
  p.cylinder(kCsf, 0, canalY, d - half - 2, d + half + 2, 6, 5.5);
  p.cylinder(kSpinalCord, 0, canalY, d - half - 2, d + half + 2, 3.5, 3);
}

void paintLeg(Painter& p, double side) {
  const double x = 56 * side;
  p.tube(kFat, x, 2, 640, x, 2, 885, 52, 36);
  p.tube(kMuscle, x, 2, 640, x, 2, 885, 45, 30);
  p.tube(kFat, x, 4, 885, x, 4, 1105, 35, 22);
  p.tube(kMuscle, x, 4, 885, x, 4, 1105, 29, 17);
  p.box(kFat, x, -35, 1128, 22, 62, 16);
  p.box(kMuscle, x, -35, 1128, 18, 58, 12);
  p.box(kCancellousBone, x, -30, 1128, 14, 50, 8);
  // Femur: head in the acetabulum, neck, greater trochanter, shaft, condyles.
  p.ellipsoid(kCancellousBone, 60 * side, 6, 626, 13, 13, 13);
  p.tube(kCancellousBone, 60 * side, 6, 626, 76 * side, 8, 650, 9);
  p.ellipsoid(kCancellousBone, 82 * side, 12, 648, 12, 12, 14);
  p.longBone(74 * side, 6, 650, x, 4, 875, 10);
  p.ellipsoid(kCancellousBone, x, 6, 875, 20, 16, 14);
  // Tibia and fibula.
  p.ellipsoid(kCancellousBone, x, 4, 900, 19, 16, 12);
  p.longBone(x, 2, 905, x - 2 * side, 2, 1100, 9.5);
  p.longBone(x + 14 * side, 12, 905, x + 13 * side, 12, 1095, 4.5);
}

void paintArm(Painter& p, double side) {
  const double x = 134 * side;
  p.ellipsoid(kMuscle, 114 * side, 10, 270, 28, 32, 30);  // deltoid
  p.tube(kFat, x, 10, 262, x + 4 * side, 10, 452, 26, 22);
  p.tube(kMuscle, x, 10, 262, x + 4 * side, 10, 452, 21, 17);
  p.tube(kFat, x + 4 * side, 10, 452, x + 4 * side, 2, 618, 21, 15);
  p.tube(kMuscle, x + 4 * side, 10, 452, x + 4 * side, 2, 618, 17, 11);
  p.box(kFat, x + 4 * side, 0, 662, 9, 26, 42);
  p.box(kMuscle, x + 4 * side, 0, 662, 6, 22, 38);
  p.box(kCancellousBone, x + 4 * side, 0, 645, 4, 18, 20);
  p.ellipsoid(kCancellousBone, 120 * side, 12, 266, 14, 14, 15);  // humeral head
  p.longBone(x - 4 * side, 12, 268, x + 3 * side, 12, 448, 8);
  p.longBone(x + 4 * side, 16, 455, x + 5 * side, 6, 610, 5);
  p.longBone(x + 2 * side, 4, 455, x + 3 * side, -4, 610, 5);
}

void paintPelvis(Painter& p) {
  for (const double side : {-1.0, 1.0}) {
    // Iliac wing: a thin, flared plate of cancellous bone with a cortex.
    p.ellipsoid(kCorticalBone, 64 * side, 18, 566, 44, 8, 42, 35 * side);
    p.ellipsoid(kCancellousBone, 64 * side, 18, 566, 41, 5.5, 39, 35 * side);
    // Acetabulum around the femoral head; ischium and pubis.
    p.ellipsoid(kCancellousBone, 58 * side, 8, 624, 22, 22, 20);
    p.tube(kCancellousBone, 50 * side, -8, 630, 10 * side, -42, 640, 7);
    p.tube(kCancellousBone, 56 * side, 20, 630, 42 * side, 26, 668, 9);
  }
  // Sacrum: behind, tilted backwards towards the coccyx.
  p.tube(kCancellousBone, 0, 42, 550, 0, 58, 612, 24, 12);
}

void paintRibCage(Painter& p) {
  for (int n = 1; n <= 12; ++n) {
    p.rib(n, -1);
    p.rib(n, 1);
  }
  p.box(kCancellousBone, 0, -66, 318, 11, 4, 58);  // sternum
  for (const double side : {-1.0, 1.0}) {
    p.tube(kCorticalBone, 12 * side, -60, 252, 118 * side, -8, 248, 5);         // clavicle
    p.ellipsoid(kCancellousBone, 78 * side, 64, 300, 40, 4.5, 46, -25 * side);  // scapula
  }
}

void paintHeadAndNeck(Painter& p) {
  p.tube(kFat, 0, 6, 170, 0, 8, 240, 44);
  p.tube(kMuscle, 0, 6, 170, 0, 8, 240, 38);
  p.ellipsoid(kFat, 0, 0, 98, 72, 86, 100);
  p.ellipsoid(kCorticalBone, 0, 0, 98, 67, 81, 95);
  p.ellipsoid(kBrain, 0, 4, 92, 61, 74, 86);
  p.box(kCancellousBone, 0, -40, 160, 40, 26, 12);  // maxilla and mandible, simplified
  p.box(kNasalMucosa, 0, -62, 128, 10, 14, 16);
  for (const double side : {-1.0, 1.0}) {
    p.ellipsoid(kFat, 30 * side, -62, 100, 14, 12, 12);      // orbit
    p.ellipsoid(kSalivary, 50 * side, 10, 148, 11, 15, 20);  // parotid
    p.ellipsoid(kSalivary, 32 * side, -30, 178, 10, 10, 9);  // submandibular
    p.ellipsoid(kThyroid, 13 * side, -26, 218, 7, 7, 14);
  }
  p.tube(kAirway, 0, -20, 170, 0, -10, 305, 6);  // trachea
}

void paintChest(Painter& p) {
  p.ellipsoid(kLung, -55, 14, 348, 48, 58, 92);
  p.ellipsoid(kLung, 58, 14, 345, 46, 58, 88);
  p.tube(kAirway, 0, -10, 305, -32, 4, 330, 4.5);
  p.tube(kAirway, 0, -10, 305, 30, 6, 335, 4);
  p.ellipsoid(kThymus, 0, -52, 290, 24, 12, 30);
  p.ellipsoid(kMyocardium, 16, -22, 360, 46, 38, 46, 30);
  p.ellipsoid(kBloodPool, 16, -22, 360, 34, 27, 34, 30);
  p.tube(kVessel, 6, -24, 330, 6, -20, 288, 9);  // ascending aorta
  p.tube(kVessel, 6, -20, 288, 14, 24, 288, 8);  // arch
  p.tube(kVessel, 14, 24, 288, 10, 20, 440, 7.5);
  p.tube(kVessel, 10, 20, 440, 6, 18, 560, 7);    // abdominal aorta
  p.tube(kVessel, -20, 14, 560, -18, 6, 400, 8);  // inferior vena cava
  for (const double side : {-1.0, 1.0}) {
    p.tube(kVessel, 6 * side, 18, 560, 46 * side, 10, 636, 5);
  }
}

void paintAbdomen(Painter& p, std::uint64_t bowelSeed) {
  // Liver (right lobe and a left lobe across the midline), gallbladder, spleen, stomach.
  p.ellipsoid(kLiver, -42, 0, 432, 58, 56, 54, -10);
  p.ellipsoid(kLiver, 6, -36, 418, 34, 22, 26);
  p.ellipsoid(kGallbladder, -34, -44, 468, 11, 11, 20);
  p.ellipsoid(kSpleen, 72, 34, 428, 22, 32, 38, 30);
  p.ellipsoid(kStomach, 42, -28, 410, 34, 28, 38);
  p.ellipsoid(kGas, 40, -44, 396, 24, 11, 18);
  p.tube(kPancreas, -18, -4, 458, 46, 12, 446, 8);
  for (const double side : {-1.0, 1.0}) {
    const double d = side > 0 ? 470 : 484;  // the right kidney sits lower under the liver
    p.ellipsoid(kKidneyCortex, 44 * side, 40, d, 21, 18, 40, 20 * side);
    p.ellipsoid(kKidneyMedulla, 44 * side, 40, d, 14, 11, 30, 20 * side);
    p.ellipsoid(kVisceralFat, 33 * side, 36, d, 6, 5, 14, 20 * side);
    p.ellipsoid(kAdrenal, 30 * side, 30, 428, 5, 9, 12);
    p.tube(kMuscle, 22 * side, 36, 452, 46 * side, 24, 610, 8, 15);  // psoas
  }
  // Colon around the frame of the abdomen: wall, gas, stool.
  const double colon[][3] = {{-66, 4, 590},  {-68, 0, 470}, {-50, -38, 462},
                             {50, -38, 458}, {68, 8, 462},  {66, 10, 590},
                             {20, -6, 612},  {0, 44, 618},  {0, 46, 655}};
  for (std::size_t i = 0; i + 1 < std::size(colon); ++i) {
    const auto& a = colon[i];
    const auto& b = colon[i + 1];
    p.tube(kBowelWall, a[0], a[1], a[2], b[0], b[1], b[2], 13);
  }
  for (std::size_t i = 0; i + 1 < std::size(colon); ++i) {
    const auto& a = colon[i];
    const auto& b = colon[i + 1];
    p.tube(i % 3 == 1 ? kStool : kGas, a[0], a[1], a[2], b[0], b[1], b[2], 10.5);
  }
  // Small-bowel loops in the middle of the abdomen, placed by the seed.
  Random random(bowelSeed);
  for (int i = 0; i < 34; ++i) {
    const double x = random.uniform(-48, 48);
    const double y = random.uniform(-52, 8);
    const double d = random.uniform(480, 585);
    const double r = random.uniform(9, 13);
    p.ellipsoid(kBowelWall, x, y, d, r, r, r * 1.3);
    p.ellipsoid(random.uniform() < 0.25 ? kGas : kBowelFluid, x, y, d, r - 2.2, r - 2.2,
                r * 1.3 - 2.2);
  }
  p.ellipsoid(kBladder, 0, -26, 606, 32, 25, 25);
}

}  // namespace

Vec3 ribPointReference(int rib, double side, double fraction) {
  const double start = 0.25;
  const double end = 2.5;
  const double angle = start + fraction * (end - start);
  const double ax = kRibArcHalfWidthMm - (rib < 3 ? (3 - rib) * 14 : 0);
  const double ay = kRibArcHalfDepthMm - (rib < 3 ? (3 - rib) * 6 : 0);
  return {side * ax * std::sin(angle), kRibArcCentreYMm + ay * std::cos(angle),
          vertebraDepthMm("T" + std::to_string(rib)) + kRibDropMm * fraction};
}

Phantom buildNormalAnatomy(const BodyScale& body, std::uint64_t bowelSeed) {
  Phantom phantom;
  phantom.tissues = normalTissues();
  Painter p(body, phantom.shapes);
  paintHeadAndNeck(p);
  for (const double side : {-1.0, 1.0}) {
    paintLeg(p, side);
    const std::size_t firstArmShape = phantom.shapes.size();
    paintArm(p, side);
    for (std::size_t i = firstArmShape; i < phantom.shapes.size(); ++i) {
      phantom.shapes[i].arm = true;
    }
  }
  // Trunk: skin-level fat, the muscular wall, then the visceral compartment.
  p.trunk(kFat, 0);
  p.trunk(kMuscle, 9);
  p.trunk(kVisceralFat, 19);
  for (const double side : {-1.0, 1.0}) {
    p.cylinder(kMuscle, 26 * side, 66, 240, 640, 20, 16);  // paraspinal muscles
  }
  paintChest(p);
  paintAbdomen(p, bowelSeed);
  paintRibCage(p);
  paintPelvis(p);
  for (int n = 1; n <= 7; ++n) {
    paintVertebra(p, "C" + std::to_string(n));
  }
  for (int n = 1; n <= 12; ++n) {
    paintVertebra(p, "T" + std::to_string(n));
  }
  for (int n = 1; n <= 5; ++n) {
    paintVertebra(p, "L" + std::to_string(n));
  }
  return phantom;
}

}  // namespace nbra::synthetic
