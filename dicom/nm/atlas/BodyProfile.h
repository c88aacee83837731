#pragma once

#include <vector>

#include "dicom/nm/NmViews.h"

namespace nbra::dicom::atlas {

// A run of body pixels on one image row: columns [begin, end).
struct RowRun {
  int begin = 0;
  int end = 0;
  int width() const { return end - begin; }
  double centre() const { return 0.5 * (begin + end - 1); }
};

// The patient's outline on a planar whole-body view: the counts smoothed against Poisson noise,
// thresholded at a fraction of the typical body level (the limbs are thin and faint, hot organs
// must not set the level), and described row by row.
struct BodyProfile {
  int width = 0;
  int height = 0;
  float threshold = 0;
  std::vector<std::vector<RowRun>> runs;  // per row, left to right; slivers dropped
  std::vector<int> left;                  // outermost body column per row, -1 when empty
  std::vector<int> right;
  std::vector<double> rowCounts;  // summed (unsmoothed) counts per row

  int rowWidth(int y) const { return left[y] < 0 ? 0 : right[y] - left[y] + 1; }
};

BodyProfile bodyProfile(const PlanarImage& image);

// Separable box smoothing applied twice (close to a Gaussian of sigma ~ radius), exposed for
// the benchmark's baseline and the tests.
std::vector<float> smoothCounts(const PlanarImage& image, int radius);

}  // namespace nbra::dicom::atlas
