#include "dicom/nm/atlas/BodyProfile.h"

#include <algorithm>
#include <cstddef>

namespace nbra::dicom::atlas {
namespace {

// One pass of a running-sum box filter along rows then columns, edges clamped.
void boxPass(std::vector<float>& data, int width, int height, int radius) {
  std::vector<float> tmp(data.size());
  const float norm = 1.0f / static_cast<float>(2 * radius + 1);
  for (int y = 0; y < height; ++y) {
    const float* row = data.data() + static_cast<std::ptrdiff_t>(y) * width;
    float* out = tmp.data() + static_cast<std::ptrdiff_t>(y) * width;
    float sum = 0;
    for (int t = -radius; t <= radius; ++t) {
      sum += row[std::clamp(t, 0, width - 1)];
    }
    for (int x = 0; x < width; ++x) {
      out[x] = sum * norm;
      sum += row[std::min(x + radius + 1, width - 1)] - row[std::max(x - radius, 0)];
    }
  }
  for (int x = 0; x < width; ++x) {
    float sum = 0;
    auto at = [&](int y) { return tmp[static_cast<std::size_t>(y) * width + x]; };
    for (int t = -radius; t <= radius; ++t) {
      sum += at(std::clamp(t, 0, height - 1));
    }
    for (int y = 0; y < height; ++y) {
      data[static_cast<std::size_t>(y) * width + x] = sum * norm;
      sum += at(std::min(y + radius + 1, height - 1)) - at(std::max(y - radius, 0));
    }
  }
}

}  // namespace

std::vector<float> smoothCounts(const PlanarImage& image, int radius) {
  std::vector<float> data = image.values;
  if (image.width <= 0 || image.height <= 0 || radius <= 0) {
    return data;
  }
  boxPass(data, image.width, image.height, radius);
  boxPass(data, image.width, image.height, radius);
  return data;
}

BodyProfile bodyProfile(const PlanarImage& image) {
  BodyProfile p;
  p.width = image.width;
  p.height = image.height;
  p.runs.assign(static_cast<std::size_t>(std::max(0, image.height)), {});
  p.left.assign(p.runs.size(), -1);
  p.right.assign(p.runs.size(), -1);
  p.rowCounts.assign(p.runs.size(), 0.0);
  if (image.width <= 0 || image.height <= 0 ||
      image.values.size() != static_cast<std::size_t>(image.width) * image.height) {
    return p;
  }
  // About 3 mm of smoothing at the usual 1.5-4.8 mm pixels: enough to tame Poisson noise in
  // the thin limbs, little enough to keep a gap between an arm and the trunk.
  const std::vector<float> smooth = smoothCounts(image, 2);
  // Typical body level: the median of the pixels above a tenth of the image mean (that excludes
  // the empty field); hot organs sit far above the median and do not move it.
  double mean = 0;
  for (const float v : smooth) {
    mean += v;
  }
  mean /= static_cast<double>(smooth.size());
  std::vector<float> body;
  body.reserve(smooth.size());
  for (const float v : smooth) {
    if (v > 0.1 * mean) {
      body.push_back(v);
    }
  }
  float median = 0;
  if (!body.empty()) {
    auto mid = body.begin() + static_cast<std::ptrdiff_t>(body.size() / 2);
    std::nth_element(body.begin(), mid, body.end());
    median = *mid;
  }
  // The limbs carry a fraction of the trunk's counts (they are thinner); an eighth of the
  // typical level keeps them inside the outline.
  p.threshold = std::max(0.125f * median, 1e-6f);
  const int minRun = 3;
  for (int y = 0; y < image.height; ++y) {
    auto& runs = p.runs[static_cast<std::size_t>(y)];
    double rowSum = 0;
    int start = -1;
    for (int x = 0; x <= image.width; ++x) {
      const bool inside =
          x < image.width && smooth[static_cast<std::size_t>(y) * image.width + x] > p.threshold;
      if (x < image.width) {
        rowSum += image.at(x, y);
      }
      if (inside && start < 0) {
        start = x;
      } else if (!inside && start >= 0) {
        if (x - start >= minRun) {
          runs.push_back({start, x});
        }
        start = -1;
      }
    }
    p.rowCounts[static_cast<std::size_t>(y)] = rowSum;
    if (!runs.empty()) {
      p.left[static_cast<std::size_t>(y)] = runs.front().begin;
      p.right[static_cast<std::size_t>(y)] = runs.back().end - 1;
    }
  }
  return p;
}

}  // namespace nbra::dicom::atlas
