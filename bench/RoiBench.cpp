// ROI statistics, as the viewer recomputes them while an ROI is dragged: a 30 mm sphere (and a
// 100 mm one) on a 512 x 512 x 300 CT (int16, 0.78 x 0.78 x 1 mm) and on a PET (float,
// 200 x 200 x 263 at 4 x 4 x 3.27 mm, and a 2 mm 300^3 grid), with SUVpeak on the PET.
// Baseline (same run): a plain pass over the ROI's bounding box summing every voxel, with no
// inside test and no statistics: what any ROI statistic must at least read.
//
//   nbra_roi_bench            (no data needed: the volumes are made in memory)

#include <benchmark/benchmark.h>

#include <cstdint>

#include "dicom/suv/SuvStatistics.h"
#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/roi/RoiStatistics.h"

namespace {

using namespace nbra::dicom;

// Deterministic noise (no clock, no library distribution): values do not change the work done,
// but a constant volume could let the compiler or the branch predictor flatter the figures.
std::uint32_t nextRandom(std::uint32_t& state) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

Volume makeCt() {
  Volume v;
  v.dimensions = {512, 512, 300};
  v.spacingMm = {0.78125, 0.78125, 1.0};
  v.originMm = {-200, -200, -300};
  v.pixelType = PixelType::Int16;
  v.int16Voxels.resize(v.voxelCount());
  std::uint32_t s = 1;
  for (auto& x : v.int16Voxels)
    x = static_cast<std::int16_t>(static_cast<int>(nextRandom(s) % 2000) - 1000);
  return v;
}

Volume makePet(std::array<std::size_t, 3> dims, std::array<double, 3> spacing) {
  Volume v;
  v.dimensions = dims;
  v.spacingMm = spacing;
  v.originMm = {-400, -400, -430};
  v.pixelType = PixelType::Float32;
  v.float32Voxels.resize(v.voxelCount());
  std::uint32_t s = 7;
  for (auto& x : v.float32Voxels)
    x = static_cast<float>(nextRandom(s) % 30000);
  return v;
}

const Volume& ct() {
  static const Volume v = makeCt();
  return v;
}
const Volume& pet4mm() {
  static const Volume v = makePet({200, 200, 263}, {4.0, 4.0, 3.27});
  return v;
}
const Volume& pet2mm() {
  static const Volume v = makePet({300, 300, 300}, {2.0, 2.0, 2.0});
  return v;
}

std::array<double, 3> centreOf(const Volume& v) {
  return v.toPatientMm(static_cast<double>(v.dimensions[0]) / 2 + 0.3,
                       static_cast<double>(v.dimensions[1]) / 2 - 0.2,
                       static_cast<double>(v.dimensions[2]) / 2 + 0.1);
}

EllipsoidRoi sphere(const Volume& v, double diameterMm) {
  const double r = diameterMm / 2;
  return EllipsoidRoi{centreOf(v), {{{r, 0, 0}, {0, r, 0}, {0, 0, r}}}};
}

// The baseline: every voxel of the bounding box, summed.
double boundingBoxPass(const Volume& v, const EllipsoidRoi& e) {
  const auto c = v.toVoxel(e.centreMm);
  long lo[3], hi[3];
  for (std::size_t a = 0; a < 3; ++a) {
    const double reach = e.semiAxesMm[a][a] / v.spacingMm[a];
    lo[a] = std::max(0L, static_cast<long>(c[a] - reach));
    hi[a] = std::min(static_cast<long>(v.dimensions[a]) - 1, static_cast<long>(c[a] + reach) + 1);
  }
  double sum = 0;
  for (long z = lo[2]; z <= hi[2]; ++z)
    for (long y = lo[1]; y <= hi[1]; ++y)
      for (long x = lo[0]; x <= hi[0]; ++x)
        sum += v.value(static_cast<std::size_t>(x), static_cast<std::size_t>(y),
                       static_cast<std::size_t>(z));
  return sum;
}

const Volume& volumeFor(int which) {
  return which == 0 ? ct() : which == 1 ? pet4mm() : pet2mm();
}

// Arguments: volume (0 CT, 1 PET 4 mm, 2 PET 2 mm), diameter in mm.
void BM_BaselineBoundingBoxPass(benchmark::State& state) {
  const Volume& v = volumeFor(static_cast<int>(state.range(0)));
  const EllipsoidRoi e = sphere(v, static_cast<double>(state.range(1)));
  for (auto _ : state)
    benchmark::DoNotOptimize(boundingBoxPass(v, e));
}

void BM_RoiStatistics(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const Volume& v = volumeFor(which);
  const EllipsoidRoi e = sphere(v, static_cast<double>(state.range(1)));
  const PeakSearch peak = which == 0 ? PeakSearch::Skip : PeakSearch::Compute;
  std::size_t voxels = 0;
  for (auto _ : state) {
    const SuvStatistics s = computeSuvStatistics(v, {which == 0 ? 1.0 : 0.0004}, e, peak);
    voxels = s.voxelCount;
    benchmark::DoNotOptimize(s.mean);
  }
  state.counters["voxels"] = static_cast<double>(voxels);
}

// What the view does on a drag step: geometry to ellipsoid, statistics and the label text.
void BM_ViewerRoiLabel(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const Volume& v = volumeFor(which);
  nbra::viewer::RoiSource src;
  src.volume = &v;
  src.modality = which == 0 ? "CT" : "PT";
  src.unit = which == 0 ? "HU" : "SUVbw";
  src.scale = which == 0 ? 1.0 : 0.0004;
  src.fused = which != 0;
  const double r = static_cast<double>(state.range(1)) / 2;
  const auto c = centreOf(v);
  const nbra::viewer::ViewPlane plane =
      nbra::viewer::ViewPlane::standard(nbra::viewer::Orientation::Axial, c);
  nbra::viewer::Measurement m = nbra::viewer::startRoi({c[0] - r, c[1] - r, c[2]}, plane, true);
  nbra::viewer::moveRoiHandle(m, nbra::viewer::Handle::RoiCorner, {c[0] + r, c[1] + r, c[2]});
  for (auto _ : state) {
    const auto stats = nbra::viewer::computeRoiStatistics(m, src);
    benchmark::DoNotOptimize(nbra::viewer::roiLabel(m, stats).size());
  }
}

}  // namespace

BENCHMARK(BM_BaselineBoundingBoxPass)
    ->Args({0, 30})
    ->Args({0, 100})
    ->Args({1, 30})
    ->Args({1, 100})
    ->Args({2, 30})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RoiStatistics)
    ->Args({0, 30})
    ->Args({0, 100})
    ->Args({1, 30})
    ->Args({1, 100})
    ->Args({2, 30})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ViewerRoiLabel)
    ->Args({0, 30})
    ->Args({1, 30})
    ->Args({2, 30})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
