#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace nbra::synthetic {

// Patient coordinates, DICOM LPS, mm: +x the patient's left, +y posterior, +z head.
using Vec3 = std::array<double, 3>;

// One solid of the phantom. The phantom is a list of them painted in order (later ones win),
// like an anatomical drawing: body, then muscle, organs, bones, lesions.
enum class ShapeKind {
  Ellipsoid,         // centre, semiAxes, rotation about z
  EllipticCylinder,  // centre (x, y), semiAxes (x, y), zMin..zMax, rotation about z
  Box,               // centre, semiAxes = half sizes, rotation about z
  Tube,              // segment from..to, radius growing linearly from radiusMm to radiusEndMm
  Trunk,             // elliptical cross-section interpolated from a table along z
  Rib,               // an elliptical arc around the trunk centre, dropping towards the front
};

// A trunk cross-section at height z: half width, half depth, centre depth.
struct TrunkSection {
  double zMm;
  double halfWidthMm;
  double halfDepthMm;
  double centreYMm;
};

struct Shape {
  ShapeKind kind = ShapeKind::Ellipsoid;
  std::uint8_t tissue = 0;
  // Paint only over voxels that are already bone (bone lesions stay inside their bone).
  bool onlyOverBone = false;
  // Part of an arm: the CT and PET are taken with the arms raised above the head (the usual
  // position), the MIBG sweep with the arms at the sides, so only the MIBG phantom has them.
  bool arm = false;
  Vec3 centre{};
  Vec3 semiAxes{};
  double rotationRad = 0;
  double zMinMm = 0;
  double zMaxMm = 0;
  Vec3 from{};
  Vec3 to{};
  double radiusMm = 0;
  double radiusEndMm = 0;
  std::vector<TrunkSection> sections;  // Trunk, ordered by decreasing z
  double insetMm = 0;                  // Trunk: shrink every section by this much
  // Rib: side (+1 left, -1 right), height at the spine, drop to the front end, arc radii.
  double side = 1;
  double ribDropMm = 0;
  double ribThicknessMm = 0;
  double ribHeightMm = 0;

  bool contains(const Vec3& p) const;
  // Axis-aligned bounds (min, max), conservative.
  std::array<Vec3, 2> bounds() const;
};

// A regular, axis-aligned grid: voxel (i, j, k) is at origin + (i dx, j dy, k dz). dz may be
// negative (slices from head to feet).
struct Grid {
  int nx = 0;
  int ny = 0;
  int nz = 0;
  Vec3 originMm{};
  Vec3 spacingMm{1, 1, 1};
  std::size_t size() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) *
           static_cast<std::size_t>(nz);
  }
  std::size_t index(int i, int j, int k) const {
    return static_cast<std::size_t>(i) +
           static_cast<std::size_t>(nx) *
               (static_cast<std::size_t>(j) +
                static_cast<std::size_t>(ny) * static_cast<std::size_t>(k));
  }
};

// Paints the shapes into a label volume (tissue index per voxel, 0 = air), testing voxel
// centres. `isBone[t]` says which tissues bone lesions may replace.
std::vector<std::uint8_t> rasterize(const std::vector<Shape>& shapes, const Grid& grid,
                                    const std::vector<bool>& isBone);

}  // namespace nbra::synthetic
