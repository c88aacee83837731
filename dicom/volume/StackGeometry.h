#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace nbra::dicom {

using Vec3 = std::array<double, 3>;

// Where one 2-D frame sits in patient space: ImagePositionPatient and the row and column
// direction cosines of ImageOrientationPatient.
struct FramePlacement {
  Vec3 positionMm{};
  Vec3 rowDirection{1, 0, 0};     // direction of increasing column index
  Vec3 columnDirection{0, 1, 0};  // direction of increasing row index
};

// How a set of frames stacks up: the pure geometry of a series, decided from the headers alone.
struct StackLayout {
  std::vector<std::size_t> order;  // frames of the chosen stack, sorted along the normal
  Vec3 normal{0, 0, 1};            // row x column
  std::vector<double> positionsAlongNormalMm;  // of `order`, increasing
  double medianSpacingMm = 0;
  double minSpacingMm = 0;
  double maxSpacingMm = 0;
  bool uniformSpacing = true;
  double gantryTiltDeg = 0;  // angle between the normal and the line through the slice origins
  int missingSlices = 0;     // gaps of about k x median spacing, counted as k - 1
  int otherStacks = 0;       // stacks or orientations not chosen (several in one series)
  int repeatedPositionStacks = 0;  // of those, stacks told apart only by repeated positions
  std::vector<std::string> warnings;
};

// Groups frames by orientation and by repeated positions (several stacks in one series), picks
// the largest stack, sorts it along its normal, and measures spacing, gaps and tilt. A single
// frame is a stack of one. Never uses instance numbers or SliceThickness.
StackLayout layoutStack(const std::vector<FramePlacement>& frames);

// Tolerances, in one place so tests and docs quote the same numbers.
inline constexpr double kSameOrientationTolerance = 1e-4;  // per direction-cosine component
inline constexpr double kSamePositionToleranceMm = 1e-3;
inline constexpr double kUniformSpacingRelativeTolerance = 0.01;  // 1 % of the median
inline constexpr double kTiltToleranceDeg = 0.01;

}  // namespace nbra::dicom
