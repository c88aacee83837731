#include "dicom/volume/StackGeometry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>

namespace nbra::dicom {
namespace {

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }

bool sameOrientation(const FramePlacement& a, const FramePlacement& b) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (std::abs(a.rowDirection[i] - b.rowDirection[i]) > kSameOrientationTolerance ||
        std::abs(a.columnDirection[i] - b.columnDirection[i]) > kSameOrientationTolerance) {
      return false;
    }
  }
  return true;
}

double median(std::vector<double> values) {
  if (values.empty()) {
    return 0;
  }
  const auto middle = values.begin() + static_cast<long>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

StackLayout layoutStack(const std::vector<FramePlacement>& frames) {
  StackLayout layout;
  if (frames.empty()) {
    return layout;
  }
  // 1. Orientation groups; the largest wins (ties: the first seen).
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return sameOrientation(frames[g.front()], frames[i]);
    });
    if (group == groups.end()) {
      groups.push_back({i});
    } else {
      group->push_back(i);
    }
  }
  auto largest = std::max_element(groups.begin(), groups.end(),
                                  [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<std::size_t> chosen = *largest;
  if (groups.size() > 1) {
    layout.otherStacks += static_cast<int>(groups.size() - 1);
    layout.warnings.push_back("series has " + std::to_string(groups.size()) +
                              " orientations; the largest stack (" +
                              std::to_string(chosen.size()) + " frames) is used");
  }

  const FramePlacement& reference = frames[chosen.front()];
  layout.normal = cross(reference.rowDirection, reference.columnDirection);
  const double length = norm(layout.normal);
  if (length > 0) {
    for (auto& c : layout.normal) c /= length;
  }

  // 2. Repeated positions mean several stacks (repeats, phases): the n-th frame at a position
  // belongs to stack n; the largest stack wins.
  std::vector<std::pair<double, std::size_t>> byPosition;
  for (const std::size_t i : chosen) {
    byPosition.emplace_back(dot(frames[i].positionMm, layout.normal), i);
  }
  std::stable_sort(byPosition.begin(), byPosition.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<std::pair<double, std::size_t>>> stacks(1);
  for (std::size_t k = 0; k < byPosition.size();) {
    std::size_t end = k + 1;
    while (end < byPosition.size() &&
           byPosition[end].first - byPosition[k].first < kSamePositionToleranceMm) {
      ++end;
    }
    for (std::size_t r = k; r < end; ++r) {
      if (stacks.size() <= r - k) stacks.emplace_back();
      stacks[r - k].push_back(byPosition[r]);
    }
    k = end;
  }
  if (stacks.size() > 1) {
    layout.otherStacks += static_cast<int>(stacks.size() - 1);
    layout.repeatedPositionStacks = static_cast<int>(stacks.size() - 1);
    layout.warnings.push_back("series repeats slice positions (" +
                              std::to_string(stacks.size()) +
                              " stacks); the first complete stack is used");
  }
  const auto& stack = *std::max_element(
      stacks.begin(), stacks.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  for (const auto& [position, index] : stack) {
    layout.order.push_back(index);
    layout.positionsAlongNormalMm.push_back(position);
  }
  if (layout.order.size() < 2) {
    return layout;
  }

  // 3. Spacing, gaps and uniformity.
  std::vector<double> steps;
  for (std::size_t k = 1; k < layout.positionsAlongNormalMm.size(); ++k) {
    steps.push_back(layout.positionsAlongNormalMm[k] - layout.positionsAlongNormalMm[k - 1]);
  }
  layout.medianSpacingMm = median(steps);
  layout.minSpacingMm = *std::min_element(steps.begin(), steps.end());
  layout.maxSpacingMm = *std::max_element(steps.begin(), steps.end());
  const double tolerance = kUniformSpacingRelativeTolerance * layout.medianSpacingMm;
  layout.uniformSpacing = layout.maxSpacingMm - layout.minSpacingMm <= 2 * tolerance;
  for (const double step : steps) {
    const double ratio = step / layout.medianSpacingMm;
    if (ratio > 1.5 && std::abs(ratio - std::round(ratio)) < 0.1) {
      layout.missingSlices += static_cast<int>(std::round(ratio)) - 1;
    }
  }
  if (layout.missingSlices > 0) {
    layout.warnings.push_back(std::to_string(layout.missingSlices) +
                              " slice(s) appear to be missing (gaps of a whole multiple of the " +
                              "usual spacing)");
  }
  if (!layout.uniformSpacing) {
    char text[160];
    std::snprintf(text, sizeof(text), "uneven slice spacing: %.3g to %.3g mm (median %.3g mm)",
                  layout.minSpacingMm, layout.maxSpacingMm, layout.medianSpacingMm);
    layout.warnings.emplace_back(text);
  }

  // 4. Gantry tilt: slice origins advance along a line that is not the normal.
  const Vec3& first = frames[layout.order.front()].positionMm;
  const Vec3& last = frames[layout.order.back()].positionMm;
  const Vec3 travel{last[0] - first[0], last[1] - first[1], last[2] - first[2]};
  const double travelLength = norm(travel);
  if (travelLength > 0) {
    const double cosine = std::clamp(std::abs(dot(travel, layout.normal)) / travelLength, 0.0, 1.0);
    layout.gantryTiltDeg = std::acos(cosine) * 180.0 / std::numbers::pi;
    if (layout.gantryTiltDeg < kTiltToleranceDeg) {
      layout.gantryTiltDeg = 0;
    } else {
      char text[120];
      std::snprintf(text, sizeof(text), "gantry tilt of %.2f degrees", layout.gantryTiltDeg);
      layout.warnings.emplace_back(text);
    }
  }
  return layout;
}

}  // namespace nbra::dicom
