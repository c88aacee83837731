// Fitting the Curie/SIOPEN segment atlas to a planar whole-body view (dicom/nm/atlas) and
// looking up the segment under a click. Baseline (same run): one plain pass over the image's
// counts (a sum), the least any fit must pay; the fit's ratio to it is reported as a counter.
//
//   nbra_atlas_bench   (the synthetic responder's anterior view when generated, else a drawn body)

#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <numeric>

#include "dicom/nm/NmViews.h"
#include "dicom/nm/atlas/AtlasLandmarks.h"
#include "dicom/nm/atlas/SegmentAtlas.h"
#include "tests/mibg/DrawnBody.h"

namespace {

namespace atlas = nbra::dicom::atlas;

const nbra::dicom::PlanarImage& image() {
  static const nbra::dicom::PlanarImage img = [] {
    const std::filesystem::path file =
        std::filesystem::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-001/baseline/NM/MIBG_WB.dcm";
    if (std::filesystem::exists(file)) {
      for (const auto& v : nbra::dicom::readNmViews({file.string()})) {
        if (v.label == nbra::dicom::NmViewLabel::Anterior)
          return nbra::dicom::loadNmView(v);
      }
    }
    return nbra::mibg::testing::drawnBody();
  }();
  return img;
}

double plainPass(const nbra::dicom::PlanarImage& img) {
  return std::accumulate(img.values.begin(), img.values.end(), 0.0);
}

void BM_PlainPass(benchmark::State& state) {
  const auto& img = image();
  for (auto _ : state) {
    benchmark::DoNotOptimize(plainPass(img));
  }
  state.counters["pixels"] = static_cast<double>(img.values.size());
}
BENCHMARK(BM_PlainPass)->Unit(benchmark::kMicrosecond);

void BM_FitLandmarks(benchmark::State& state) {
  const auto& img = image();
  // The baseline, timed here too so the ratio comes from one run on one machine state.
  using Clock = std::chrono::steady_clock;
  const int plainReps = 200;
  const auto p0 = Clock::now();
  for (int i = 0; i < plainReps; ++i)
    benchmark::DoNotOptimize(plainPass(img));
  const double plainNs =
      std::chrono::duration<double, std::nano>(Clock::now() - p0).count() / plainReps;
  const auto f0 = Clock::now();
  std::int64_t n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(atlas::fitLandmarks(img, true));
    ++n;
  }
  const double fitNs = std::chrono::duration<double, std::nano>(Clock::now() - f0).count() /
                       static_cast<double>(std::max<std::int64_t>(1, n));
  state.counters["ratio_to_plain_pass"] = fitNs / plainNs;
  state.counters["rows"] = img.height;
  state.counters["columns"] = img.width;
}
BENCHMARK(BM_FitLandmarks)->Unit(benchmark::kMillisecond);

void BM_SegmentLookup(benchmark::State& state) {
  const auto l = atlas::fitLandmarks(image(), true);
  double y = l.vertexY;
  for (auto _ : state) {
    benchmark::DoNotOptimize(atlas::segmentAt(l, atlas::AtlasScale::Siopen, l.midlineX + 20, y));
    y = y + 7 > l.soleY ? l.vertexY : y + 7;
  }
}
BENCHMARK(BM_SegmentLookup)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
